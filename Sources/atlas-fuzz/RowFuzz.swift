import AtlasModel
import Foundation
@testable import AtlasImport

/// A CSV file (header and rows; ACLED, UCDP or the project's columns, guessed from the header
/// as `atlas import` does) through the reader and the row mappers. Oracle: each row is either
/// added to the batch (one more row) or refused with a `RowError` that leaves the batch as it
/// was; nothing else is thrown for a readable file.
enum RowFuzz {
    /// The reader takes files; one per process, rewritten for each input (in memory when
    /// /dev/shm is there: `FileManager.createFile` writes atomically and syncs, which cost half
    /// the time of an execution).
    private static let path = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        + "/atlas-fuzz-\(getpid()).csv"

    /// Removes the file when the fuzzer exits (a process that crashes leaves it behind).
    private static let removedAtExit: Void = { atexit { unlink(RowFuzz.path) } }()

    static func run(_ data: Data) {
        _ = removedAtExit
        do { try data.write(to: URL(fileURLWithPath: path)) } catch { fail("cannot write \(path): \(error)") }
        let rows: (CSVRowSource, ImportFormat, any RowMapper)
        do {
            rows = try IncidentFile.csvRows(try CSVReader(path: path), path: path, format: nil)
        } catch is InputError {
            return
        } catch {
            fail("the header was refused with \(type(of: error)): \(error)")
        }
        var (source, _, mapper) = rows
        var batch = IncidentBatch()
        while true {
            let next: (line: Int, row: Result<ImportRow, RowError>)?
            do { next = try source.next() } catch is InputError { return } catch { fail("reading a row threw \(type(of: error)): \(error)") }
            guard let (_, row) = next else { return }
            guard case let .success(row) = row else { continue }
            let (count, bytes) = (batch.count, batch.byteCount)
            do {
                try mapper.append(row, to: &batch)
                guard batch.count == count + 1 else { fail("an accepted row added \(batch.count - count) rows") }
            } catch is RowError {
                guard batch.count == count, batch.byteCount == bytes else { fail("a refused row changed the batch") }
            } catch {
                fail("a row was refused with \(type(of: error)), not a RowError: \(error)")
            }
        }
    }
}
