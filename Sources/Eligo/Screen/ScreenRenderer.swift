/// Renders screening results one record at a time, so output streams: a
/// header, one row per record, and a footer that carries the summary.
public enum ScreenRenderer {
    /// With `overrides` (`--set`), the file says first that these are not the published rules
    /// (CSV: an `overrides` column on every row instead, so the table stays one table).
    /// `provenance` (Markdown and HTML): what a file handed on must say about itself: the input, the
    /// rules (id, version, digest), the assessment date and the run date (see `provenance(...)`).
    public static func header(_ format: ScreenFormat, overrides: [AppliedOverride] = [], provenance: String? = nil) -> String {
        switch format {
        case .markdown, .html:
            guard let provenance else { return header(format, overrides: overrides) }
            let rest = header(format, overrides: overrides)
            // Markdown: after the overrides banner, if any; HTML: after the page's heading.
            guard format == .html else {
                let banner = overrides.isEmpty ? "" : "> **\(overrides.banner)**\n\n"
                return banner + "> " + provenance + "\n\n" + String(rest.dropFirst(banner.count))
            }
            let block = "<p class=\"provenance\">\(HTMLPage.esc(provenance))</p>\n"
            let parts = rest.split(separator: "<h1>Screening results</h1>\n", maxSplits: 1, omittingEmptySubsequences: false)
            return parts.count == 2 ? parts[0] + "<h1>Screening results</h1>\n" + block + parts[1] : block + rest
        default: return header(format, overrides: overrides)
        }
    }

    /// "Input: round.csv. Rules: lle-eligibility 2014.1 (sha256:85c258de09da), …. Assessed as of each
    /// record's own date. Run on 2026-12-03."
    public static func provenance(input: String, ruleSets: [RuleSet], asOf: Day?, runOn: Day) -> String {
        let rules = ruleSets.map { "\($0.id) \($0.version) (\($0.digest.prefix(19)))" }.joined(separator: ", ")
        let when = asOf.map { "Assessed as of \($0)." } ?? "Assessed as of each record's own date."
        return "Input: \(input). Rules: \(rules). \(when) Run on \(runOn)."
    }

    static func header(_ format: ScreenFormat, overrides: [AppliedOverride]) -> String {
        switch format {
        case .jsonl: return ""
        case .csv:
            return "id,name,subject,decision,as_of,failed,unknown,needs,reasons,source,ruleset,version,digest,run_date"
                + (overrides.isEmpty ? "" : ",overrides") + "\n"
        case .markdown:
            return (overrides.isEmpty ? "" : "> **\(overrides.banner)**\n\n")
                + "| Applicant | School | Decision | Reasons (criteria not met or needing information) |\n|---|---|---|---|\n"
        case .html: return HTMLPage.head + (overrides.isEmpty ? "" : "<p class=\"overrides\"><b>\(HTMLPage.esc(overrides.banner))</b></p>\n")
        }
    }

    /// Appends one record's row to a byte buffer.
    /// `overridesColumn`: the CSV header has an `overrides` column (see `header`); `runOn`: the CSV's
    /// `run_date` column, so a row copied out of the file still says when it was decided.
    public static func row(
        _ r: Report, _ format: ScreenFormat, explain: Bool, overridesColumn: Bool = false, runOn: Day? = nil,
        into out: inout [UInt8]
    ) {
        row(r, format, explain: explain, overridesColumn: overridesColumn, runOn: runOn, into: &out, using: nil)
    }

    /// `row(…into:)`, a full JSON line assembled in `scratch` when given (a batch worker's, reused
    /// row after row).
    static func row(
        _ r: Report, _ format: ScreenFormat, explain: Bool, overridesColumn: Bool, runOn: Day?, into out: inout [UInt8],
        using scratch: LineBytes?
    ) {
        switch format {
        case .jsonl:
            if !explain {
                compactLine(r, into: &out)
            } else if let scratch {
                JSONReportRenderer.line(r, into: &out, using: scratch)
            } else {
                JSONReportRenderer.line(r, into: &out)
            }
        case .csv:
            csvRow(r, overridesColumn: overridesColumn, runOn: runOn, into: &out)
        case .html:
            HTMLPage.row(r, into: &out)
        case .markdown:
            markdownRow(r, into: &out)
        }
    }

    public static func row(_ r: Report, _ format: ScreenFormat, explain: Bool, overridesColumn: Bool = false, runOn: Day? = nil) -> String {
        switch format {
        case .jsonl:
            var out: [UInt8] = []
            row(r, format, explain: explain, into: &out)
            return String(decoding: out, as: UTF8.self)
        case .csv:
            var out: [UInt8] = []
            csvRow(r, overridesColumn: overridesColumn, runOn: runOn, into: &out)
            return String(decoding: out, as: UTF8.self)
        case .markdown:
            var out: [UInt8] = []
            markdownRow(r, into: &out)
            return String(decoding: out, as: UTF8.self)
        case .html: return HTMLPage.row(r)
        }
    }

    /// The reviewer CSV's row for a record, written straight into the output bytes: each cell
    /// escaped as `csvEscaped` escapes it, and cells that join several ids or reasons written
    /// piece by piece, not joined into a string first. Rules are read in place, by index:
    /// iterating them copied (and retained) every field of each.
    static func csvRow(_ r: Report, overridesColumn: Bool, runOn: Day?, into out: inout [UInt8]) {
        var cells = CSVCells(out: [])
        swap(&cells.out, &out)
        cells.cell(r.record.id ?? "")
        cells.cell(r.record.name ?? "")
        cells.cell(subject(r) ?? "")
        cells.cell(r.decision)
        cells.cell(r.asOf.map { $0.description } ?? "")
        r.rules.withUnsafeBufferPointer { rules in
            /// The ids of the rules that decide the record with outcome `wanted`, `;` between them.
            func ids(_ wanted: Outcome) {
                cells.begin()
                var any = false
                for i in rules.indices where rules[i].info.decides && rules[i].outcome == wanted {
                    if any { cells.raw(";") }
                    any = true
                    cells.piece(rules[i].info.id)
                }
                cells.end()
            }
            ids(.fail)
            ids(.unknown)
        }
        cells.begin()
        for (k, need) in needs(r).enumerated() {
            if k > 0 { cells.raw(";") }
            cells.piece(need)
        }
        cells.end()
        cells.begin()
        writeReasons(r, separator: " | ", into: &cells)
        cells.end()
        cells.cell(r.record.source ?? "")
        cells.cell(r.ruleSet?.id ?? "")
        cells.cell(r.ruleSet?.version ?? "")
        cells.cell(r.ruleSet?.digest ?? "")
        cells.cell(runOn.map { $0.description } ?? "")
        if overridesColumn {
            cells.begin()
            for (k, o) in (r.ruleSet?.overrides ?? []).enumerated() {
                if k > 0 { cells.raw(";") }
                cells.piece("\(o.target)=\(ParameterText.source(o.value))")
            }
            cells.end()
        }
        cells.out.append(10)
        swap(&out, &cells.out)
    }

    /// Cells of one CSV row, appended to bytes with commas between them. A cell is written as
    /// it comes, piece by piece; only if a piece needs quotes (a comma, quote or line break:
    /// rare) is the cell written again, quoted, with its quotes doubled, as `csvEscaped` does.
    private struct CSVCells: RowPieces {
        var out: [UInt8]
        var first = true
        /// Where the open cell starts in `out`, and whether a piece of it needs quotes.
        private var start = 0
        private var quoted = false

        init(out: [UInt8]) { self.out = out }

        mutating func cell(_ text: String) {
            begin()
            piece(text)
            end()
        }

        mutating func begin() {
            if !first { out.append(44) }
            first = false
            start = out.count
            quoted = false
        }

        mutating func piece(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                if !quoted && ByteScan.needsCSVQuotes(utf8) { quoted = true }
                out.append(contentsOf: utf8)
            }
        }

        /// A separator or punctuation written in the source, which never needs quotes.
        mutating func raw(_ text: StaticString) {
            out.append(contentsOf: text.utf8Bytes)
        }

        mutating func end() {
            guard quoted else { return }
            var cell: [UInt8] = [34]
            for b in out[start...] {
                cell.append(b)
                if b == 34 { cell.append(34) }
            }
            cell.append(34)
            out.replaceSubrange(start..., with: cell)
        }
    }

    public static func footer(_ format: ScreenFormat, _ s: ScreenSummary, overrides: [AppliedOverride] = []) -> String {
        switch format {
        case .jsonl, .csv: return ""
        case .markdown:
            var out =
                "\n**\(s.recordsRead) records read, \(s.recordsWritten) decided**"
                + (overrides.isEmpty ? "" : " under rules with parameters set for this run") + ": "
            out += s.decisions.map { "\($0.count) \($0.decision.replacingAll("_", with: " "))" }.joined(separator: ", ") + ".\n"
            if !s.failures.isEmpty {
                out += "\n| Criterion | Not met by |\n|---|---|\n"
                for (id, n) in s.topFailures(10) { out += "| \(id) \(s.title(of: id) ?? "") | \(n) |\n" }
            }
            return out
        case .html: return HTMLPage.foot(s, overrides: overrides)
        }
    }

    /// One line per record with every rule's outcome but no explanations: the fast form,
    /// written straight into the output bytes.
    static func compactLine(_ r: Report, into out: inout [UInt8]) {
        let line = LineBytes()
        compactHead(id: r.record.id, into: line) { line in
            if let s = r.record.source { line.jsonString(s) } else { line.raw("null") }
        }
        decisionPart(r.decision, r.outcome, into: line)
        r.rules.withUnsafeBufferPointer { rules in
            for i in rules.indices {
                if i > 0 { line.byte(44) }
                compactEntry(id: rules[i].info.id, outcome: rules[i].outcome, subject: rules[i].subject, into: line)
            }
        }
        compactTail(errors: r.errors, into: line)
        out.append(contentsOf: line.bytes)
    }

    /// One rule's entry in a compact line: `{"id":"B01","outcome":"pass"}`, with the item's
    /// subject for a per-item rule. `OutcomeLines` encodes these once per rule set and outcome.
    static func compactEntry(id: String, outcome: Outcome, subject: String?, into line: LineBytes) {
        line.raw("{\"id\":")
        line.jsonString(id)
        line.raw(",\"outcome\":\"")
        line.text(outcome.rawValue)
        if let subject {
            line.raw("\",\"subject\":")
            line.jsonString(subject)
            line.byte(125)
        } else {
            line.raw("\"}")
        }
    }

    /// A compact line from outcomes alone, for a record without input errors whose rule set has
    /// no per-item parts (see OutcomeLines.swift): the same bytes `compactLine` writes for that
    /// record's report. The source is `file:line`, the file's part already JSON-escaped (without
    /// its closing quote); `decision` is what `decisionPart` writes for the record's outcome
    /// (made once per rule set); `entries` writes the rules' entries.
    @inline(__always)
    static func compactLine(
        id: String?, sourcePrefix: UnsafeBufferPointer<UInt8>, line number: Int,
        decision: UnsafeBufferPointer<UInt8>, into line: LineBytes, entries: (LineBytes) -> Void
    ) {
        compactHead(id: id, into: line) { line in
            line.bytes(sourcePrefix)
            line.decimal(number)
            line.byte(34)
        }
        line.bytes(decision)
        entries(line)
        compactTail(errors: [], into: line)
    }

    /// `{"record":{"id":…,"source":…` (the source written by `source`).
    @inline(__always)
    private static func compactHead(id: String?, into line: LineBytes, source: (LineBytes) -> Void) {
        line.raw("{\"record\":{\"id\":")
        if let id { line.jsonString(id) } else { line.raw("null") }
        line.raw(",\"source\":")
        source(line)
    }

    /// `},"decision":…,"outcome":"…","rules":[`, which follows the record's source.
    static func decisionPart(_ decision: String, _ outcome: RecordOutcome, into line: LineBytes) {
        line.raw("},\"decision\":")
        line.jsonString(decision)
        line.raw(",\"outcome\":\"")
        line.text(outcome.rawValue)
        line.raw("\",\"rules\":[")
    }

    /// `],"errors":[…]}` and the line break.
    @inline(__always)
    private static func compactTail(errors: [RecordIssue], into line: LineBytes) {
        line.raw("],\"errors\":")
        if errors.isEmpty {
            line.raw("[]")
        } else {
            var w = JSONWriter(appendingTo: line)
            JSONReportRenderer.issues(errors, into: &w)
        }
        line.raw("}\n")
    }

    static func needs(_ r: Report) -> [String] {
        // A set beside the list: a record with thousands of unknown schools would otherwise cost their square.
        // Rules are read in place: iterating them copied (and retained) every field of each.
        var seen: [String] = [], seenSet: Set<String> = []
        r.rules.withUnsafeBufferPointer { rules in
            for i in rules.indices where rules[i].info.counted && rules[i].outcome == .unknown {
                for n in rules[i].needs where seenSet.insert(n).inserted { seen.append(n) }
            }
        }
        return seen
    }

    /// Every reason a reviewer needs, in report order: each input error, then each failed or unknown
    /// criterion with its sentence, including those that count through another (part B's, named
    /// with their school), so a file handed on says why without the full report.
    static func reasons(_ r: Report) -> [String] {
        var list = ReasonList()
        writeReasons(r, separator: "", into: &list)
        list.finish()
        return list.reasons
    }

    /// The reasons `reasons(r)` lists, written piece by piece with `separator` between them (the
    /// reviewer CSV's and Markdown's cells), not made into strings first. Rules are read in place.
    private static func writeReasons<Pieces: RowPieces>(_ r: Report, separator: StaticString, into cells: inout Pieces) {
        var any = false
        for e in r.errors {
            if any { cells.between(separator) }
            any = true
            cells.piece(e.located)
        }
        r.rules.withUnsafeBufferPointer { rules in
            for i in rules.indices where rules[i].info.severity == .required && rules[i].outcome.needsAReason {
                if any { cells.between(separator) }
                any = true
                cells.piece(rules[i].info.id)
                if let subject = rules[i].subjectLabel ?? rules[i].subject {
                    cells.raw(" (")
                    cells.piece(subject)
                    cells.raw(")")
                }
                cells.raw(": ")
                let message = rules[i].message
                cells.piece(message.isEmpty ? rules[i].info.title : message)
            }
        }
    }

    /// The Markdown table's row for a record (applicant, school, decision, reasons), written
    /// straight into the output bytes with each `|` in a cell escaped.
    static func markdownRow(_ r: Report, into out: inout [UInt8]) {
        var cells = MarkdownCells(out: [])
        swap(&cells.out, &out)
        cells.begin()
        // Who: the name and id given, else where the record is.
        switch (r.record.name, r.record.id) {
        case (let name?, let id?):
            cells.piece(name)
            cells.raw(", ")
            cells.piece(id)
        case (let name?, nil) where !name.isEmpty: cells.piece(name)
        case (nil, let id?) where !id.isEmpty: cells.piece(id)
        default: cells.piece(r.record.source ?? "(no id)")
        }
        cells.begin()
        cells.piece(subject(r) ?? "")
        cells.begin()
        cells.piece(r.decision, underscoresAsSpaces: true)
        cells.begin()
        writeReasons(r, separator: "<br>", into: &cells)
        cells.raw(" |\n")
        swap(&out, &cells.out)
    }

    /// Who or what the record's checked-one-by-one rules are about first (for an application,
    /// the home school: "Fenby Road Primary School (120431)"); nil when no rule is per item.
    static func subject(_ r: Report) -> String? {
        r.rules.first { $0.subject != nil }.map { $0.subjectLabel ?? $0.subject! }
    }

    /// The first reason a reviewer needs: an input error, else the first failed or unknown criterion.
    static func reason(_ r: Report) -> String {
        if let e = r.errors.first { return e.located }
        let counted = r.rules.filter({ $0.decides })
        if let f = counted.first(where: { $0.outcome == .fail }) ?? counted.first(where: { $0.outcome == .unknown || $0.outcome == .error }) {
            return "\(f.id): " + (f.message.isEmpty ? f.title : f.message)
        }
        return ""
    }
}

/// Where a reviewer's row is written piece by piece (its reasons by `ScreenRenderer.writeReasons`).
private protocol RowPieces {
    mutating func piece(_ text: String)
    /// Punctuation written in the source, written as it is.
    mutating func raw(_ text: StaticString)
    /// What goes between two reasons.
    mutating func between(_ separator: StaticString)
}

extension RowPieces {
    mutating func between(_ separator: StaticString) { raw(separator) }
}

/// The cells of a Markdown table row: `| a | b |`, each `|` inside a cell escaped as `\|`.
private struct MarkdownCells: RowPieces {
    var out: [UInt8]
    private var first = true

    init(out: [UInt8]) { self.out = out }

    mutating func begin() {
        if first { raw("| ") } else { raw(" | ") }
        first = false
    }

    mutating func piece(_ text: String) { piece(text, underscoresAsSpaces: false) }

    /// `underscoresAsSpaces`: a decision label (`not_eligible`) reads as words.
    mutating func piece(_ text: String, underscoresAsSpaces: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 == 124 || ($0 == 95 && underscoresAsSpaces) }) else {
                out.append(contentsOf: utf8)
                return
            }
            for b in utf8 {
                if b == 124 { out.append(92) }
                out.append(b == 95 && underscoresAsSpaces ? 32 : b)
            }
        }
    }

    mutating func raw(_ text: StaticString) {
        out.append(contentsOf: text.utf8Bytes)
    }
}

/// The reasons as a list of strings (`ScreenRenderer.reasons`).
private struct ReasonList: RowPieces {
    private(set) var reasons: [String] = []
    private var current: String?

    mutating func piece(_ text: String) { current = (current ?? "") + text }
    mutating func raw(_ text: StaticString) { piece(text.description) }
    mutating func between(_ separator: StaticString) { finish() }

    /// Ends the reason being written.
    mutating func finish() {
        if let current { reasons.append(current) }
        current = nil
    }
}

extension Outcome {
    /// Whether a reviewer's file gives the reason for a required rule with this outcome: failed,
    /// unknown, or not checked (`ScreenRenderer.reasons`).
    var needsAReason: Bool { self == .fail || self == .unknown || self == .error }
}
