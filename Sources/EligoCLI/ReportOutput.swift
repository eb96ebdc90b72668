import Eligo

/// Writes reports as they are made, so a dataset of a million records is never
/// held in memory as reports: text (dataset records grouped by collection with a
/// summary, other records as before), a JSON array, or JSON Lines. Output is
/// buffered as UTF-8 bytes (JSON goes straight in, never through a String) and
/// written in large pieces.
struct ReportOutput {
    let format: CheckCommand.Format
    private var text: TextReportRenderer
    private var dataset: DatasetTextRenderer
    private var buffer: [UInt8] = []
    private var written = 0
    /// Decisions of records that are not dataset records, for the closing "N records: ..." line.
    private var decisions: [(String, Int)] = []
    private var plainCount = 0
    /// What the exit status needs.
    private(set) var outcomes: Set<RecordOutcome> = []
    /// Input errors, printed to standard error at the end.
    private(set) var errorLines: [String] = []

    init(format: CheckCommand.Format, colour: Bool, verbose: Bool, schemas: [String: Schema] = [:]) {
        self.format = format
        self.text = TextReportRenderer(colour: colour, verbose: verbose, schemas: schemas)
        self.dataset = DatasetTextRenderer(colour: colour, verbose: verbose, schemas: schemas)
    }

    /// What is kept of a report for the output, made on the thread that made the report: for
    /// JSON its line's bytes; for text the report (headings and the summary count it) and its
    /// record's lines. The report's outcome and input errors go to the exit status and standard error.
    struct Piece: Sendable {
        var outcome: RecordOutcome
        var errorLines: [String]
        var bytes: [UInt8] = []
        var report: Report?
        var body: String?
    }

    /// Makes a report's piece; it reads only settings, so any thread may call it.
    var preparer: @Sendable (Report) -> Piece {
        let (format, dataset) = (self.format, self.dataset)
        return { ReportOutput.piece(of: $0, format: format, dataset: dataset) }
    }

    private static func piece(of r: Report, format: CheckCommand.Format, dataset: DatasetTextRenderer) -> Piece {
        var errorLines: [String] = []
        for e in r.errors {
            errorLines.append(e.file == nil ? "\(r.record.source ?? "record"): \(e.located)" : e.located)
            errorLines += e.excerpt.map { "    " + $0 }
        }
        var piece = Piece(outcome: r.outcome, errorLines: errorLines)
        switch format {
        case .text:
            piece.report = r
            if r.record.dataset != nil { piece.body = dataset.body(of: r) }
        case .json, .jsonl:
            JSONReportRenderer.line(r, into: &piece.bytes)
        }
        return piece
    }

    mutating func add(_ r: Report) {
        add(ReportOutput.piece(of: r, format: format, dataset: dataset))
    }

    mutating func add(_ piece: Piece) {
        outcomes.insert(piece.outcome)
        errorLines += piece.errorLines
        switch format {
        case .text:
            guard let r = piece.report else { return }
            if r.record.dataset != nil {
                emit((written > 0 && !isInDataset ? "\n" : "") + dataset.render(r, body: piece.body))
                isInDataset = true
            } else {
                if isInDataset { emit(dataset.finish()); isInDataset = false }
                emit((written > 0 ? "\n" : "") + text.render(r))
                plainCount += 1
                if let i = decisions.firstIndex(where: { $0.0 == r.decision }) { decisions[i].1 += 1 } else { decisions.append((r.decision, 1)) }
            }
        case .json:
            emit(written == 0 ? "[" : ",")
            buffer.append(contentsOf: piece.bytes.dropLast())  // the line's newline: the array's items are separated by commas
            written += 1
            flushWhenFull()
        case .jsonl:
            buffer.append(contentsOf: piece.bytes)
            written += 1
            flushWhenFull()
        }
    }

    private var isInDataset = false

    /// Ends the output (the JSON array's bracket, the summaries) and writes what is left.
    mutating func finish() {
        switch format {
        case .text:
            if isInDataset { emit(dataset.finish()) }
            if plainCount > 1 {
                let parts = decisions.map { "\($0.1) \($0.0.split(separator: "_", omittingEmptySubsequences: false).joined(separator: " "))" }
                emit("\n\(plainCount) records: \(ValueFormatter.list(parts)).\n")
            }
        case .json:
            emit(written == 0 ? "[]\n" : "]\n")
        case .jsonl:
            break
        }
        flush()
    }

    private mutating func emit(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        written += s.utf8.count
        flushWhenFull()
    }

    private mutating func flushWhenFull() {
        if buffer.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        if !buffer.isEmpty { writeOut(bytes: buffer) }
        buffer.removeAll(keepingCapacity: true)
    }
}
