import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Batch screening: reads records in blocks, decides each block's records in
/// parallel, and hands the rendered results back in input order.
///
/// Memory is bounded by the block size, not the input size; every record read
/// gets exactly one result, including records that cannot be read.
public final class Screener {
    private let library: RuleLibrary
    private let options: ScreenOptions
    /// For `eligo rules impact`: the baseline each record is also decided by (see ImpactComparison.swift).
    private let comparison: ImpactComparison?
    private let format: InputFormat
    private let source: String
    private var kind: String
    private var plan: ObjectPlan
    private var csv: CSVRecordReader?
    private var csvHeader: [String] = []
    /// One context per worker, each with its own copy of the rules (see WorkerCopies.swift); made at the first block.
    private var contexts: [Context] = []
    /// The slices' output buffers and the records' places, reused block after block (see `process`).
    private var textBuffers: [[UInt8]] = []
    private var units: [Unit] = []
    /// YAML: the documents found so far (numbering the next), and whether the input is still
    /// inside a document too large to hold, skipped up to the next marker.
    private var yamlDocumentsFound = 0
    private var yamlSkipping = false
    public private(set) var summary = ScreenSummary()
    /// When `read` failed (returned a negative count): how many bytes had been read. What
    /// followed was not read, so its records have no result; the caller must say so.
    public private(set) var readFailedAfter: Int?

    /// Why screening could not start.
    public struct SetupError: Error, Sendable { public var message: String }

    /// - Parameter comparison: for an impact run, the baseline: each record is decided under it
    ///   and under `library`, and only the records whose decision changed are written.
    public init(
        library: RuleLibrary, input format: InputFormat, source: String, options: ScreenOptions,
        comparing comparison: ImpactComparison? = nil
    ) throws(SetupError) {
        self.library = library
        self.comparison = comparison
        var options = options
        options.overrides = library.appliedOverrides
        // The reviewer CSV and Markdown say only why a record was not decided eligible.
        if comparison == nil && (options.output == .csv || options.output == .markdown) {
            options.check.explainPassing = false
            options.check.explainValues = false
        }
        self.format = format
        self.source = source
        // Screening reads records one by one; rule sets about whole datasets are not candidates.
        let kinds = Array(Set(library.ruleSets.filter { !$0.reportPerSubject }.map({ $0.kind }))).sorted()
        guard let kind = options.check.kind ?? (kinds.count == 1 ? kinds.first : nil) else {
            throw SetupError(message: "the rules cover several record kinds (\(kinds.joined(separator: ", "))); say which with --kind")
        }
        guard let schema = library.schemas[kind], library.kinds.contains(kind) else {
            throw SetupError(
                message: "no rule set checks records of kind '\(kind)'; the rules cover: \(kinds.joined(separator: ", "))"
                    + (Suggestion.closestKind(to: kind, in: kinds).map { " (did you mean '\($0)'?)" } ?? ""))
        }
        if let baseline = comparison?.baseline, !baseline.kinds.contains(kind) {
            throw SetupError(
                message: "the baseline rules do not check records of kind '\(kind)'; they cover: \(baseline.kinds.joined(separator: ", "))")
        }
        self.kind = kind
        // A record whose own kind is another is not decided as one of these (every reader checks);
        // one that names no kind is one of these, whichever form it came in.
        options.check.screening = kind
        options.check.kind = kind
        self.options = options
        self.plan = ObjectPlan(schema.root)
    }

    /// Reads everything `read` gives (it puts bytes at the start of a buffer and returns how many,
    /// 0 at the end; it is called again until a block is full, so a pipe's short reads are fine),
    /// writing rendered results with `write` and reporting progress (records, bytes) after each block.
    public func run(
        read: (UnsafeMutableRawBufferPointer) -> Int, write: ([UInt8]) -> Void,
        progress: (Int, Int) -> Void = { _, _ in }
    ) {
        // An impact run's summary and framing are written by the caller, from the tally.
        if comparison == nil {
            let provenance = ScreenRenderer.provenance(
                input: source, ruleSets: library.ruleSets.filter { $0.kind == kind },
                asOf: options.check.asOf, runOn: options.check.today)
            write(Array(ScreenRenderer.header(options.output, overrides: options.overrides, provenance: provenance).utf8))
        }
        // Input is read straight into a buffer and decided in place. While this block's records
        // are found (for CSV, a scan of every byte) and decided, another thread reads the next
        // block into a second buffer, `headroom` bytes in (see `ReadAhead`); the part of this block
        // not decided (a line, row or YAML document cut in two) is then put just before it, and the
        // two buffers change places. No core waits for the input, and only the cut part is copied.
        // A buffer grows only for a line or document longer than a block (a YAML document up to
        // `yamlLimits.maxInputBytes`; one longer is reported and skipped, see `completeRecords`).
        // A block holds some 7,500 records either way: CSV rows are about half as long as JSON
        // lines. The output of a block is held until it is written in order, and every page of
        // it costs a page fault the first time (with 4 MB CSV blocks, 3,000 more of them).
        let blockSize = format == .csv ? 1 << 21 : 1 << 22
        let headroom = 1 << 16
        // The first reads are smaller (256 KB, then 1 MB), so the workers start within a fraction of a
        // millisecond instead of after a whole block has been read and scanned on one core.
        var readSize = 1 << 18
        func nextRead() -> Int {
            defer { readSize = min(blockSize, 4 * readSize) }
            return readSize
        }
        var buffer = Screener.inputBuffer(byteCount: headroom + blockSize + blockSize / 2)
        var spare = Screener.inputBuffer(byteCount: headroom + blockSize + blockSize / 2)
        defer {
            buffer.deallocate()
            spare.deallocate()
        }
        // The bytes read and not yet decided are `buffer[start..<(start + held)]`.
        var start = 0
        var held = 0
        var consumed = 0
        var line = 1
        var atEnd = false
        // What the read-ahead returned, its bytes already placed after the held ones.
        var readAhead: Int?
        // Whether a CSV input ends its lines with carriage returns alone (decided on the first block).
        var crOnlyLines: Bool?
        withoutActuallyEscaping(read) { read in
            while !atEnd {
                let n: Int
                if let ahead = readAhead {
                    n = ahead
                    readAhead = nil
                } else {
                    let size = nextRead()
                    Screener.makeRoom(&buffer, start: &start, held: held, adding: size)
                    n = Screener.fill(UnsafeMutableRawBufferPointer(rebasing: buffer[(start + held)..<(start + held + size)]), read)
                }
                if n <= 0 { atEnd = true } else { held += n }
                if n < 0 { readFailedAfter = consumed + held }
                let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + start
                // Spreadsheets often save "CSV UTF-8" with a byte order mark; it is not part of the first column's name.
                if consumed == 0 && held >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
                    memmove(base, base + 3, held - 3)
                    held -= 3
                    consumed = 3
                }
                if n > 0, format == .csv {
                    Screener.endCarriageReturnLines(base, fresh: max(0, held - n)..<held, crOnly: &crOnlyLines)
                }
                var ahead: ReadAhead?
                if !atEnd {
                    let size = nextRead()
                    if spare.count < headroom + size {
                        spare.deallocate()
                        spare = Screener.inputBuffer(byteCount: headroom + size)
                    }
                    let started = ReadAhead()
                    // Why handing `read` (non-escaping) and `spare` to another thread is sound: every
                    // path out of this loop iteration waits for `started.group` before `read` can
                    // return or `spare` be freed or swapped (below, and before `writeOverlong`), so
                    // the block never outlives `withoutActuallyEscaping` nor the buffer it fills.
                    nonisolated(unsafe) let room = UnsafeMutableRawBufferPointer(rebasing: spare[headroom..<(headroom + size)])
                    nonisolated(unsafe) let read = read
                    DispatchQueue.global().async(group: started.group) { started.count = Screener.fill(room, read) }
                    ahead = started
                }
                let buf = UnsafeBufferPointer(start: base, count: held)
                let (cut, csvRows, yaml) = completeRecords(buf, firstLine: line, atEnd: atEnd)
                if cut > 0 || atEnd {
                    line = process(
                        UnsafeBufferPointer(rebasing: buf[0..<cut]), firstLine: line, csvRows: csvRows, yaml: yaml,
                        atEnd: atEnd, write: write)
                }
                if !atEnd && held - cut > maxRecordBytes {
                    // One record (a line, a CSV row, or a YAML line) longer than the limit: it gets an
                    // invalid result and reading this input stops (a source without end, such as
                    // /dev/zero, or a quote never closed, has no next record to find).
                    ahead?.group.wait()
                    writeOverlong(line: line, write: write)
                    progress(summary.recordsRead, consumed + cut)
                    break
                }
                consumed += cut
                start += cut
                held -= cut
                if let ahead {
                    ahead.group.wait()
                    let count = max(0, ahead.count)
                    if held <= headroom {
                        (spare.baseAddress! + headroom - held).copyMemory(from: buffer.baseAddress! + start, byteCount: held)
                        swap(&buffer, &spare)
                        start = headroom - held
                    } else {
                        // A line longer than the headroom (or than what has been read): the next
                        // block's bytes go after it instead.
                        Screener.makeRoom(&buffer, start: &start, held: held, adding: count)
                        (buffer.baseAddress! + start + held).copyMemory(from: spare.baseAddress! + headroom, byteCount: count)
                    }
                    readAhead = ahead.count
                }
                progress(summary.recordsRead, consumed)
            }
        }
        if comparison == nil { write(Array(ScreenRenderer.footer(options.output, summary, overrides: options.overrides).utf8)) }
    }

    /// The longest record (a JSON line or a CSV row) screening reads: 16 MiB, a thousand times a
    /// real application's. Past it, the record is invalid and the rest of its input is not read.
    /// docs/limits.md lists it.
    public static let maxRecordBytes = 16 << 20

    /// The longest part of the input held undecided: a YAML document may be as long as the
    /// loader's limit (64 MiB; longer ones are cut and skipped line by line, `completeRecords`),
    /// but a line of it no longer than that.
    private var maxRecordBytes: Int {
        format == .yaml ? max(Screener.maxRecordBytes, options.check.yamlLimits.maxInputBytes) : Screener.maxRecordBytes
    }

    /// The result of a record longer than `maxRecordBytes`, starting on `line`, and a note saying
    /// that reading stopped there.
    private func writeOverlong(line: Int, write: ([UInt8]) -> Void) {
        let limit = ByteCount.words(maxRecordBytes)
        var issue = RecordIssue(
            .error, "record.too-long", path: "",
            "this record is longer than the limit of \(limit) (the file may not hold records, or a quote in it is never closed); eligo read no further in '\(source)'",
            at: SourceRange(file: source, at: SourcePosition(line: line, column: 1)))
        issue.file = source
        let report = library.invalidReport(kind: kind, id: nil, source: source + ":" + String(line), issues: [issue])
        summary.recordsRead += 1
        summary.notes.append(
            "'\(source)' line \(line): a record longer than \(limit); eligo read no further in '\(source)', so any records after it have no results")
        summary.stoppedEarly.append(source)
        var out: [UInt8] = []
        if let comparison {
            let comparer = ImpactComparer(comparison, baseline: comparison.baseline, proposal: library, proposalOptions: options.check)
            comparer.compare(before: report, after: report, into: &out, tally: &summary.impact)
            summary.recordsWritten += 1
        } else {
            summary.add(report)
            ScreenRenderer.row(report, options.output, explain: options.check.explain, overridesColumn: !options.overrides.isEmpty, into: &out)
        }
        write(out)
    }

    /// Spreadsheets on classic Mac OS (and some form exports) save CSV with a carriage return
    /// alone at the end of each row. Read as they are, the whole file would be one header line
    /// and every record lost; so when the first line of the input ends at a carriage return no
    /// line feed follows, every carriage return of the input is read as a line feed. Only the
    /// first block is looked at to decide (two `memchr`s); other inputs are left as they are.
    static func endCarriageReturnLines(_ base: UnsafeMutablePointer<UInt8>, fresh: Range<Int>, crOnly: inout Bool?) {
        if crOnly == nil {
            let block = UnsafeBufferPointer(start: base, count: fresh.upperBound)
            let lf = ByteScan.first(10, in: block, 0..<block.count)
            let cr = ByteScan.first(13, in: block, 0..<(lf ?? block.count))
            crOnly = cr.map { $0 + 1 < block.count && block[$0 + 1] != 10 } ?? false
        }
        guard crOnly == true else { return }
        for i in fresh where base[i] == 13 { base[i] = 10 }
    }

    /// Reads until `room` is full or the input ends (what `read` returned then, if nothing was read).
    /// A pipe hands over at most 64 KB a call: blocks that small would be decided on one core.
    private static func fill(_ room: UnsafeMutableRawBufferPointer, _ read: (UnsafeMutableRawBufferPointer) -> Int) -> Int {
        var total = 0
        while total < room.count {
            let n = read(UnsafeMutableRawBufferPointer(rebasing: room[total...]))
            if n <= 0 { return total > 0 ? total : n }
            total += n
        }
        return total
    }

    /// Makes room in `buffer` for `count` more bytes after the `held` ones at `start`, moving
    /// them to the front of a larger buffer when they do not fit.
    private static func makeRoom(_ buffer: inout UnsafeMutableRawBufferPointer, start: inout Int, held: Int, adding count: Int) {
        guard start + held + count > buffer.count else { return }
        let bigger = inputBuffer(byteCount: 2 * (held + count))
        bigger.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: held)
        buffer.deallocate()
        buffer = bigger
        start = 0
    }

    /// Room for the input, in 2 MB pages where the system has them: the kernel charges for the first
    /// touch of every page, and with 4 KB pages the first read of a 4 MB block into fresh room took
    /// 5 to 8 ms here (a page fault per 4 KB), against under 2 ms in large pages.
    private static func inputBuffer(byteCount: Int) -> UnsafeMutableRawBufferPointer {
        let page = 1 << 21
        let size = (byteCount + page - 1) / page * page
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: page)
        #if os(Linux)
        _ = madvise(buffer.baseAddress, size, MADV_HUGEPAGE)
        #endif
        return buffer
    }

    /// Where the complete records of the bytes end (all of them at the end of the input); for CSV
    /// the same scan finds where each row starts, for YAML where each document does.
    private func completeRecords(_ buf: UnsafeBufferPointer<UInt8>, firstLine: Int, atEnd: Bool)
        -> (Int, CSVTable.CompleteRows?, YAMLDocumentSplitter.Split?)
    {
        switch format {
        case .csv:
            let rows = CSVTable.completeRows(buf, firstLine: firstLine, atEnd: atEnd)
            return (rows.end, rows, nil)
        case .yaml:
            var split = YAMLDocumentSplitter.split(buf, firstLine: firstLine, atEnd: atEnd, skipping: yamlSkipping)
            yamlSkipping = split.stillSkipping
            // A document longer than the limit is not held whole: its first part is read as a
            // document (reported too large, one invalid result), the rest skipped to the next marker.
            let cut = ByteScan.afterLastLineBreak(buf, from: split.end)
            if !atEnd && cut - split.end > options.check.yamlLimits.maxInputBytes {
                if !yamlSkipping { split.documents.append(.init(range: split.end..<cut, line: split.nextLine)) }
                split.nextLine += ByteScan.lineBreaks(buf, in: split.end..<cut)
                split.end = cut
                yamlSkipping = true
            }
            return (split.end, nil, split)
        case .jsonl:
            return (atEnd ? buf.count : ByteScan.afterLastLineBreak(buf, from: 0), nil, nil)
        }
    }

    /// Splits a block into records, decides them in parallel, writes them in order; returns the next line number.
    private func process(
        _ buf: UnsafeBufferPointer<UInt8>, firstLine: Int, csvRows: CSVTable.CompleteRows?,
        yaml: YAMLDocumentSplitter.Split?, atEnd: Bool, write: ([UInt8]) -> Void
    ) -> Int {
        // The records' places go into the array kept from the last block: a fresh one, a few hundred
        // kilobytes, would cost a page fault per 4 KB on every block.
        var units: [Unit] = []
        swap(&units, &self.units)
        units.removeAll(keepingCapacity: true)
        defer { swap(&units, &self.units) }
        var nextLine = firstLine
        switch format {
        case .jsonl:
            var start = 0, line = firstLine
            while start <= buf.count {
                let i = start == buf.count ? buf.count : ByteScan.lineEnd(buf, from: start)
                var end = i
                if end > start && buf[end - 1] == 13 { end -= 1 }
                var k = start
                while k < end && (buf[k] == 32 || buf[k] == 9) { k += 1 }
                if k < end { units.append(Unit(range: start..<end, line: line)) }
                if i < buf.count { line += 1 }
                start = i + 1
            }
            nextLine = line
        case .csv:
            // Only row boundaries are found here; workers split their rows into cells in parallel.
            var rows = csvRows?.rows ?? []
            if csv == nil, !rows.isEmpty {
                let first = rows.removeFirst()
                let headerBytes = UnsafeBufferPointer(rebasing: buf[first.range])
                let cells = CSVTable.rows(headerBytes, firstLine: first.line).first?.cells ?? []
                let header = cells.map { CSVTable.text(headerBytes, $0).trimmingSpaces }
                csvHeader = header
                let reader = CSVRecordReader(header: header, root: plan, file: source, screening: (kind, library.kinds))
                if let bad = ByteScan.firstInvalidUTF8(headerBytes) {
                    // Its rows are invalid one by one (`record.invalid-utf8`); the header has no result of its own.
                    summary.notes.append(
                        "the header row of '\(source)' is not valid UTF-8 text (it has \(ByteScan.invalidUTF8Description(lead: headerBytes[bad]))); the file was probably saved in another encoding, such as Latin-1: save it as UTF-8"
                    )
                }
                for u in reader.unknownColumns {
                    summary.notes.append(
                        "column '\(u.name)' is not a field of \(kind); it is ignored" + (u.suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
                }
                for c in reader.repeatedColumns {
                    summary.notes.append(
                        "column '\(c.name)' appears twice (columns \(c.first) and \(c.again)); column \(c.again) is read and column \(c.first) ignored"
                    )
                }
                for c in reader.indexTooLargeColumns {
                    summary.notes.append(
                        "column '\(c.name)' names list item \(c.index), past the 10,000 a CSV row can fill (items 0 to \(CSVRecordReader.maxListItems - 1)); it is ignored"
                    )
                }
                csv = reader
            }
            units.append(contentsOf: rows.lazy.map { Unit(range: $0.range, line: $0.line, unclosedQuote: $0.unclosedQuote) })
            nextLine = csvRows?.nextLine ?? firstLine
        case .yaml:
            // Documents are numbered through the stream (`file#N`, as `check` names them); an input
            // of one document is named by its file alone.
            let documents = yaml?.documents ?? []
            let numbered = !(atEnd && yamlDocumentsFound == 0 && documents.count == 1)
            for d in documents {
                yamlDocumentsFound += 1
                units.append(Unit(range: d.range, line: d.line, document: numbered ? yamlDocumentsFound : 0))
            }
            nextLine = yaml?.nextLine ?? firstLine
        }
        summary.recordsRead += units.count
        // Several slices per worker, taken in turn: a worker that finishes early (or whose core
        // was lent to something else for a moment) takes the next slice instead of waiting.
        // Results are kept by slice, so the output order never depends on who took what.
        let jobs = min(options.jobs, max(1, units.count / 64))
        let sliceCount = jobs == 1 ? 1 : jobs * Screener.slicesPerWorker
        let slices = (0..<sliceCount).map { j in (units.count * j / sliceCount)..<(units.count * (j + 1) / sliceCount) }
        // Each slice's text goes into a buffer kept from the last block: fresh ones, each a few
        // hundred kilobytes, cost the kernel a page fault per page on every block.
        while textBuffers.count < sliceCount { textBuffers.append([]) }
        var results = (0..<sliceCount).map { j -> ([UInt8], ScreenSummary) in
            var text: [UInt8] = []
            swap(&text, &textBuffers[j])
            text.removeAll(keepingCapacity: true)
            return (text, ScreenSummary())
        }
        let nextSlice = Atomic<Int>(0)
        if contexts.isEmpty { contexts = (0..<options.jobs).map(makeContext) }
        let contexts = self.contexts
        // Workers read the records' places through a plain pointer: reading a shared array would
        // count references to it from both cores.
        units.withUnsafeBufferPointer { batch in
            results.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                nonisolated(unsafe) let buf = buf
                nonisolated(unsafe) let batch = batch
                let work: @Sendable (Int) -> Void = { worker in
                    // Each worker uses its own context (its own copy of the rules) for every slice it takes.
                    let context = contexts[worker]
                    var room = WorkerRoom()
                    while true {
                        let j = nextSlice.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard j < slices.count else { break }
                        var text: [UInt8] = []
                        swap(&text, &out[j].0)
                        text.reserveCapacity(slices[j].count * 600)
                        var partial = ScreenSummary()
                        for k in slices[j] { context.screen(batch[k], buf, into: &text, room: &room, summary: &partial) }
                        out[j] = (text, partial)
                    }
                }
                if jobs == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: jobs, execute: work) }
            }
        }
        for j in results.indices {
            summary.merge(results[j].1)
            // A YAML document libyaml reads as several records counts each (see `screenDocument`).
            summary.recordsRead += results[j].1.recordsRead
            write(results[j].0)
            swap(&textBuffers[j], &results[j].0)
        }
        return nextLine
    }

    /// The read of the next block, made on another thread while the current one is decided.
    private final class ReadAhead: @unchecked Sendable {
        let group = DispatchGroup()
        /// What `read` returned (written by the reading thread, read after `group.wait()`).
        var count = 0
    }

    /// Sixteen: at the end of a block a worker waits for at most one slice of another's, and a
    /// slice of a block (~7,500 records) is then ~230 records, about a millisecond (with four, about five).
    static let slicesPerWorker = 16

    /// Worker 0 uses the screener's own rules and plans; every other worker gets copies of its own.
    private func makeContext(worker: Int) -> Context {
        guard worker > 0 else {
            return Context(
                library: library, kind: kind, plan: plan, csv: csv, source: source, options: options, format: format,
                sourcePrefix: source + ":", knownKinds: library.kinds, idSlot: plan.type.slot(of: "id"),
                outcomeLines: outcomeLines(library, kind, source), reportLines: reportLines(library, kind),
                comparer: comparison.map { ImpactComparer($0, baseline: $0.baseline, proposal: self.library, proposalOptions: options.check) })
        }
        let plan = ObjectPlan(self.plan.type)
        let library = self.library.workerCopy(), kind = self.kind.freshCopy, source = self.source.freshCopy
        return Context(
            library: library, kind: kind, plan: plan,
            csv: csv.map { _ in CSVRecordReader(header: csvHeader, root: plan, file: source, screening: (kind, library.kinds)) },
            source: source, options: options, format: format, sourcePrefix: (source + ":").freshCopy,
            knownKinds: library.kinds, idSlot: plan.type.slot(of: "id"), outcomeLines: outcomeLines(library, kind, source),
            reportLines: reportLines(library, kind),
            comparer: comparison.map { ImpactComparer($0, baseline: $0.baseline.workerCopy(), proposal: library, proposalOptions: options.check) })
    }

    /// The outcomes-only line writer, when that is the output asked for (JSON Lines without explanations).
    private func outcomeLines(_ library: RuleLibrary, _ kind: String, _ source: String) -> OutcomeLines? {
        guard comparison == nil, options.output == .jsonl, !options.check.explain, format != .yaml else { return nil }
        return OutcomeLines(library: library, kind: kind, source: source, options: options.check)
    }

    /// The full-report line writer, when that is the output asked for (JSON Lines with explanations).
    private func reportLines(_ library: RuleLibrary, _ kind: String) -> ReportLines? {
        guard comparison == nil, options.output == .jsonl, options.check.explain, format != .yaml else { return nil }
        return ReportLines(library: library, kind: kind, options: options.check)
    }

    /// What a worker keeps from one record to the next, so that deciding one allocates little:
    /// the room for writing a line (see `OutcomeLines.Room`, `ReportLines.Room`), for evaluating a report
    /// (`EvaluationRoom`), a CSV row's cells, and the last
    /// record read, whose storage the next record is read into (`JSONRecordReader.record(_:into:)`,
    /// `CSVRecordReader.Room`).
    struct WorkerRoom {
        var lines = OutcomeLines.Room()
        var cells: [Range<Int>] = []
        var record = Value.null
        var csv: CSVRecordReader.Room?
        var evaluation = EvaluationRoom()
        var reportLines: ReportLines.Room?
    }

    struct Unit: Sendable {
        var range: Range<Int>
        var line: Int
        /// A CSV row that opens a quote the file never closes (it ends at its own line break).
        var unclosedQuote = false
        /// A YAML document's number in its stream (0: the input's only document).
        var document = 0
    }

    /// What a worker needs to decide one record: immutable, one per worker (see `makeContext`).
    struct Context: Sendable {
        let library: RuleLibrary
        let kind: String
        let plan: ObjectPlan
        let csv: CSVRecordReader?
        let source: String
        let options: ScreenOptions
        let format: InputFormat
        /// `file:`, to which each record's line number is added.
        let sourcePrefix: String
        /// Every kind the rules know, for a wrong kind's did-you-mean.
        let knownKinds: [String]
        /// Where a record's `id` is (looked up once: the schema's field list is shared by all workers).
        let idSlot: Int?

        /// Where the record's line is written straight from its outcomes (see OutcomeLines.swift).
        let outcomeLines: OutcomeLines?
        /// Where a full report's line is written as its rules are decided (see ReportLines.swift).
        let reportLines: ReportLines?
        /// For an impact run: decides the record under the baseline too (see ImpactComparison.swift).
        let comparer: ImpactComparer?

        /// A record read from its bytes, or the report of one that could not be read.
        enum Read {
            case record(Value, id: String?, issues: [RecordIssue])
            case unreadable(Report)
        }

        /// Decides one record, appending its result row and counting it in the summary.
        func screen(
            _ unit: Unit, _ buf: UnsafeBufferPointer<UInt8>, into text: inout [UInt8], room: inout WorkerRoom,
            summary: inout ScreenSummary
        ) {
            if format == .yaml { return screenDocument(unit, buf, into: &text, summary: &summary) }
            if let comparer {
                switch read(unit, buf, room: &room) {
                case .unreadable(let r): comparer.compare(before: r, after: r, into: &text, tally: &summary.impact)
                case .record(let value, let id, let issues):
                    comparer.compare(
                        value, kind: kind, id: id, source: sourcePrefix + String(unit.line), issues: issues,
                        into: &text, tally: &summary.impact)
                }
                summary.recordsWritten += 1
                return
            }
            let report: Report
            switch read(unit, buf, room: &room) {
            case .unreadable(let r):
                report = r
            case .record(let value, let id, let issues):
                if let outcomeLines, !issues.contains(where: { $0.severity == .error }),
                    outcomeLines.line(value, id: id, line: unit.line, into: &text, room: &room.lines, summary: &summary)
                {
                    return
                }
                let source = sourcePrefix + String(unit.line)
                if let reportLines, issues.isEmpty {
                    if room.reportLines == nil { room.reportLines = ReportLines.Room() }
                    if reportLines.line(
                        value, id: id, source: source, into: &text, room: &room.reportLines!, evaluation: &room.evaluation,
                        summary: &summary)
                    {
                        return
                    }
                }
                report = library.check(
                    record: value, kind: kind, id: id, source: source, issues: issues, options: options.check, room: &room.evaluation)
            }
            summary.add(report)
            ScreenRenderer.row(
                report, options.output, explain: options.check.explain, overridesColumn: !options.overrides.isEmpty, runOn: options.check.today,
                into: &text, using: room.lines.written)
        }

        /// Decides one YAML document (usually one record; a document libyaml reads as several
        /// counts them all read).
        func screenDocument(_ unit: Unit, _ buf: UnsafeBufferPointer<UInt8>, into text: inout [UInt8], summary: inout ScreenSummary) {
            let bytes = ArraySlice(UnsafeBufferPointer(rebasing: buf[unit.range]))
            let name = unit.document > 0 ? source + "#" + String(unit.document) : source
            let after = library.check(
                document: bytes, line: unit.line, path: source, source: name,
                options: comparer?.proposalOptions ?? options.check)
            summary.recordsRead += max(0, after.count - 1)
            if let comparer {
                let before = comparer.baseline.check(
                    document: bytes, line: unit.line, path: source, source: name,
                    options: comparer.baselineOptions)
                for (b, a) in zip(before, after) {
                    comparer.compare(before: b, after: a, into: &text, tally: &summary.impact)
                    summary.recordsWritten += 1
                }
                return
            }
            for r in after {
                summary.add(r)
                ScreenRenderer.row(
                    r, options.output, explain: options.check.explain, overridesColumn: !options.overrides.isEmpty, runOn: options.check.today,
                    into: &text)
            }
        }

        func read(_ unit: Unit, _ buf: UnsafeBufferPointer<UInt8>, room: inout WorkerRoom) -> Read {
            let bytes = UnsafeBufferPointer(rebasing: buf[unit.range])
            // Text that is not UTF-8 (a file saved as Latin-1) is not read, as the YAML loader
            // does not read it: the record is invalid, placed at its first bad byte.
            let notUTF8 = ByteScan.firstInvalidUTF8(bytes)
            switch format {
            case .csv:
                CSVTable.cells(ofRow: bytes, into: &room.cells)
                let row = CSVTable.Row(cells: room.cells, line: unit.line)
                let reader = csv!
                if let notUTF8 {
                    return .unreadable(
                        library.invalidReport(
                            kind: kind, id: nil, source: sourcePrefix + String(unit.line),
                            issues: [reader.notUTF8(bytes, row, at: notUTF8)]))
                }
                if room.csv == nil { room.csv = CSVRecordReader.Room(reader) }
                var (id, issues) = reader.record(bytes, row, into: &room.record, room: room.csv!)
                let value = room.record
                if unit.unclosedQuote {
                    issues.append(
                        reader.issue(
                            .error, "record.bad-csv", "", "a quote opened in this row is never closed; the row is read up to its line break",
                            row, row.cells.count - 1, nil))
                }
                return .record(value, id: id, issues: issues)
            default:
                if let notUTF8 {
                    var issue = RecordIssue.notUTF8(lead: bytes[notUTF8])
                        .at(SourceRange(file: source, at: SourcePosition(line: unit.line, column: notUTF8 + 1)))
                    issue.file = source
                    return .unreadable(library.invalidReport(kind: kind, id: nil, source: sourcePrefix + String(unit.line), issues: [issue]))
                }
                var reader = JSONRecordReader(bytes: bytes, line: unit.line, file: source)
                reader.screening = (kind, knownKinds)
                do throws(JSONRecordReader.SyntaxError) {
                    try reader.record(plan, into: &room.record)
                    let value = room.record
                    let id: String? = {
                        guard case .object(let o) = value, let slot = idSlot, case .string(let s) = o.slots[slot] else { return nil }
                        return s
                    }()
                    return .record(value, id: id, issues: reader.issues)
                } catch {
                    var issue = RecordIssue(
                        .error, "record.bad-json", path: "", "this line is not valid JSON: \(error.message)",
                        at: SourceRange(file: source, at: SourcePosition(line: unit.line, column: error.offset + 1)))
                    issue.file = source
                    return .unreadable(
                        library.invalidReport(
                            kind: kind, id: JSONRecordReader.id(in: bytes), source: sourcePrefix + String(unit.line),
                            issues: [issue]))
                }
            }
        }
    }
}
