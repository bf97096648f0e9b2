import ArgumentParser

/// `--bulk` / `--no-bulk` for the loading commands: the bulk path (secondary indexes built in one
/// pass after the rows, the rollback journal when no other connection is open) is chosen by
/// file size (16 MiB and more) unless forced either way, e.g. to test both paths on small files.
struct BulkOption: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Force the bulk path on or off (default: on for files of 16 MiB and more).")
    var bulk: Bool?
}
