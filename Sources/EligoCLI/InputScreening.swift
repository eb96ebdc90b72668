import ArgumentParser
import Eligo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads each input of `screen` or `rules impact` through a `Screener`: files or `-`, the
/// format from the extension unless given, a progress bar on a terminal. Both commands
/// read records the same way, so they share this.
struct InputScreening {
    var inputs: [String]
    var inputFormat: InputFormat?
    var showProgress: Bool

    /// Screens every input, writing with `write`; the summary of all of them, the inputs that
    /// could not be read and those that hold no record (each named, after printing why).
    /// Exits 64 when screening cannot start.
    func run(
        library: RuleLibrary, options: ScreenOptions, comparing comparison: ImpactComparison? = nil,
        write: ([UInt8]) -> Void
    ) throws -> (summary: ScreenSummary, missing: [String], empty: [String]) {
        var total = ScreenSummary()
        var missing: [String] = [], empty: [String] = []
        for input in inputs {
            let fd: Int32 = input == "-" ? 0 : open(input, O_RDONLY)
            guard fd >= 0, input == "-" || !FileSystem.isDirectory(input) else {
                printError("eligo: cannot read '\(input)': \(FileSystem.exists(input) ? "not a readable file" : "no such file")")
                missing.append(input)
                continue
            }
            defer { if fd != 0 { close(fd) } }
            let fmt = inputFormat ?? (input == "-" ? .jsonl : InputFormat.from(path: input) ?? .jsonl)
            let screener: Screener
            do {
                screener = try Screener(
                    library: library, input: fmt, source: input == "-" ? "<stdin>" : input, options: options,
                    comparing: comparison)
            } catch {
                printError("eligo: \(error.message)")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
            var st = stat()
            let size = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : 0
            let progress = Progress(enabled: showProgress, totalBytes: size, name: input)
            screener.run(
                read: { buffer in systemRead(fd, buffer.baseAddress, buffer.count) }, write: write,
                progress: { records, bytes in progress.update(records: records, bytes: bytes) })
            progress.finish()
            // A read that failed part way: the records after it have no result, so the input
            // counts as not read (exit 66) and the summary never says nothing was lost.
            if let after = screener.readFailedAfter {
                printError(
                    "eligo: reading '\(input)' failed after \(after) bytes" + (size > after ? " of \(size)" : "")
                        + "; the rest was not read, and its records have no result")
                missing.append(input)
            }
            // An empty file, comments only, a lone `---`, a CSV header alone: nothing was screened,
            // which is not the same as every record passing.
            if screener.summary.recordsRead == 0 {
                printError("eligo: no records in '\(input == "-" ? "<stdin>" : input)'")
                empty.append(input)
            }
            total.recordsRead += screener.summary.recordsRead
            total.merge(screener.summary)
            total.notes += screener.summary.notes
            total.stoppedEarly += screener.summary.stoppedEarly
        }
        return (total, missing, empty)
    }
}
