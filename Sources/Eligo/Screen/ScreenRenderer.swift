/// Renders screening results one record at a time, so output streams: a
/// header, one row per record, and a footer that carries the summary.
public enum ScreenRenderer {
    public static func header(_ format: ScreenFormat) -> String {
        switch format {
        case .jsonl: return ""
        case .csv: return "id,decision,failed,unknown,needs,reason,source\n"
        case .markdown: return "| Record | Decision | Not met | Needs information |\n|---|---|---|---|\n"
        case .html: return HTMLPage.head
        }
    }

    /// Appends one record's row to a byte buffer.
    public static func row(_ r: Report, _ format: ScreenFormat, explain: Bool, into out: inout [UInt8]) {
        switch format {
        case .jsonl:
            if explain { JSONReportRenderer.line(r, into: &out) } else { compactLine(r, into: &out) }
        default:
            out.append(contentsOf: row(r, format, explain: explain).utf8)
        }
    }

    public static func row(_ r: Report, _ format: ScreenFormat, explain: Bool) -> String {
        switch format {
        case .jsonl:
            var out: [UInt8] = []
            row(r, format, explain: explain, into: &out)
            return String(decoding: out, as: UTF8.self)
        case .csv:
            let cells = [r.record.id ?? "", r.decision, failed(r).joined(separator: ";"), unknown(r).joined(separator: ";"),
                         needs(r).joined(separator: ";"), reason(r), r.record.source ?? ""]
            return cells.map(csvCell).joined(separator: ",") + "\n"
        case .markdown:
            let cells = [r.record.id ?? "(no id)", r.decision.replacingAll("_", with: " "), failed(r).joined(separator: ", "),
                         unknown(r).joined(separator: ", ")]
            return "| " + cells.map { $0.replacingAll("|", with: "\\|") }.joined(separator: " | ") + " |\n"
        case .html: return HTMLPage.row(r)
        }
    }

    public static func footer(_ format: ScreenFormat, _ s: ScreenSummary) -> String {
        switch format {
        case .jsonl, .csv: return ""
        case .markdown:
            var out = "\n**\(s.recordsRead) records read, \(s.recordsWritten) decided**: "
            out += s.decisions.map { "\($0.count) \($0.decision.replacingAll("_", with: " "))" }.joined(separator: ", ") + ".\n"
            if !s.failures.isEmpty {
                out += "\n| Criterion | Not met by |\n|---|---|\n"
                for (id, n) in s.topFailures(10) { out += "| \(id) | \(n) |\n" }
            }
            return out
        case .html: return HTMLPage.foot(s)
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
                let outcome = rules[i].outcome
                if let s = rules[i].subject {
                    line.bytes(rules[i].info.jsonLead)
                    line.text(outcome.rawValue)
                    line.raw("\",\"subject\":")
                    line.jsonString(s)
                    line.byte(125)
                } else {
                    line.bytes(rules[i].info.compactEntries[outcome.index])
                }
            }
        }
        compactTail(errors: r.errors, into: line)
        out.append(contentsOf: line.bytes)
    }

    /// A compact line from outcomes alone, for a record without input errors whose rule set has
    /// no per-item parts (see OutcomeLines.swift): the same bytes `compactLine` writes for that
    /// record's report. The source is `file:line`, the file's part already JSON-escaped (without
    /// its closing quote); `decision` is what `decisionPart` writes for the record's outcome
    /// (made once per rule set); `entries` writes the rules' entries.
    @inline(__always)
    static func compactLine(id: String?, sourcePrefix: UnsafeBufferPointer<UInt8>, line number: Int,
                            decision: UnsafeBufferPointer<UInt8>, into line: LineBytes, entries: (LineBytes) -> Void) {
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
            var w = JSONWriter()
            JSONReportRenderer.issues(errors, into: &w)
            line.bytes(w.bytes)
        }
        line.raw("}\n")
    }

    static func failed(_ r: Report) -> [String] { r.rules.filter { $0.decides && $0.outcome == .fail }.map(\.id) }
    static func unknown(_ r: Report) -> [String] { r.rules.filter { $0.decides && $0.outcome == .unknown }.map(\.id) }
    static func needs(_ r: Report) -> [String] {
        // A set beside the list: a record with thousands of unknown schools would otherwise cost their square.
        var seen: [String] = [], seenSet: Set<String> = []
        for rule in r.rules where rule.counted && rule.outcome == .unknown { for n in rule.needs where seenSet.insert(n).inserted { seen.append(n) } }
        return seen
    }

    /// The first reason a reviewer needs: an input error, else the first failed or unknown criterion.
    static func reason(_ r: Report) -> String {
        if let e = r.errors.first { return e.located }
        let counted = r.rules.filter(\.decides)
        if let f = counted.first(where: { $0.outcome == .fail }) ?? counted.first(where: { $0.outcome == .unknown || $0.outcome == .error }) {
            return "\(f.id): " + (f.message.isEmpty ? f.title : f.message)
        }
        return ""
    }

    /// A CSV cell, quoted when it holds a comma, quote or line break.
    static func csvCell(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}
