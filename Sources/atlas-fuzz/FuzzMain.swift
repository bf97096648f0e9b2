import Foundation

#if ATLAS_FUZZ
/// libFuzzer's driver (from `libclang_rt.fuzzer_no_main`): parses libFuzzer's flags and calls
/// `callback` with each input until a stop condition.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The target chosen at start; libFuzzer's callback is a C function and cannot capture it.
nonisolated(unsafe) var selectedTarget: FuzzTarget?
#endif

/// `atlas-fuzz TARGET [libFuzzer flags | FILE…]`: with libFuzzer (built by `scripts/fuzz`), fuzz
/// TARGET; without it, run TARGET once on each FILE (a corpus or a crash reproducer), so a
/// finding can be replayed in a plain debug build.
@main
struct FuzzMain {
    static func main() {
        var arguments = CommandLine.arguments
        let usage = "usage: atlas-fuzz TARGET [libFuzzer flags or input files]; targets: \(FuzzTargets.names.joined(separator: ", "))"
        guard arguments.count >= 2 else { fail(usage) }
        let name = arguments.remove(at: 1)
        guard let target = FuzzTargets.named(name) else { fail("unknown target '\(name)'; \(usage)") }
        #if ATLAS_FUZZ
        selectedTarget = target
        var argc = Int32(arguments.count)
        var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let status = pointers.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var argv = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                selectedTarget?.run(Data(UnsafeBufferPointer(start: data, count: size)))
                return 0
            }
        }
        exit(status)
        #else
        var count = 0
        for path in arguments.dropFirst() {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
                target.run(data)
                count += 1
            }
        }
        print("atlas-fuzz \(name): \(count) inputs replayed, no failure")
        #endif
    }

    /// `path` itself, or the regular files directly inside it when it is a folder.
    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}

/// Stops the program with `message`: an oracle failed or the harness was misused. libFuzzer
/// treats the abort as a crash and saves the input.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("atlas-fuzz: " + message + "\n").utf8))
    abort()
}
