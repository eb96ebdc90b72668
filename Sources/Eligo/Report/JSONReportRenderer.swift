/// Renders reports as the JSON of interface.md: an array for `check --format json`,
/// one object per line for `jsonl`.
public enum JSONReportRenderer {
    public static func array(_ reports: [Report]) -> String {
        var w = JSONWriter()
        w.beginArray()
        for r in reports { write(r, into: &w) }
        w.endArray()
        return w.output + "\n"
    }

    public static func line(_ report: Report) -> String {
        var bytes: [UInt8] = []
        line(report, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the report's JSON line to a byte buffer (the batch path).
    public static func line(_ report: Report, into out: inout [UInt8]) {
        line(report, into: &out, using: LineBytes(capacity: 4096))
    }

    /// `line(_:into:)`, the line assembled in `scratch` (a batch worker's, reused line after line).
    static func line(_ report: Report, into out: inout [UInt8], using scratch: LineBytes) {
        scratch.reset()
        var w = JSONWriter(appendingTo: scratch)
        write(report, into: &w)
        scratch.byte(10)
        out.append(contentsOf: scratch.bytes)
    }

    static func write(_ r: Report, into w: inout JSONWriter) {
        head(r.record, r.ruleSet, asOf: r.asOf, decision: r.decision, outcome: r.outcome, into: &w)
        w.key("rules")
        w.beginArray()
        // Read in place: iterating the results, or passing one on, copied (and retained) each one's words and explanation.
        r.rules.withUnsafeBufferPointer { rules in
            for i in rules.indices { write(rules.baseAddress! + i, into: &w) }
        }
        w.endArray()
        tail(errors: r.errors, warnings: r.warnings, into: &w)
    }

    /// A report's object up to its rules: `{"record":…,"ruleset":…,"as_of":…,"decision":…,"outcome":…`.
    static func head(
        _ record: Report.RecordInfo, _ ruleSet: Report.RuleSetInfo?, asOf: Day?, decision: String, outcome: RecordOutcome,
        into w: inout JSONWriter
    ) {
        w.beginObject()
        w.key("record")
        w.beginObject()
        w.field("id", record.id)
        w.field("kind", record.kind)
        w.field("source", record.source)
        w.endObject()
        w.key("ruleset")
        if let rs = ruleSet {
            w.beginObject()
            w.field("id", rs.id)
            w.field("version", rs.version)
            w.field("digest", rs.digest)
            if !rs.overrides.isEmpty { overrides(rs.overrides, into: &w) }
            w.endObject()
        } else {
            w.null()
        }
        w.field("as_of", asOf?.description)
        w.field("decision", decision)
        w.field("outcome", outcome.rawValue)
    }

    /// A report's object after its rules: its errors and warnings, and the closing brace.
    static func tail(errors: [RecordIssue], warnings: [RecordIssue], into w: inout JSONWriter) {
        w.key("errors")
        issues(errors, into: &w)
        w.key("warnings")
        issues(warnings, into: &w)
        w.endObject()
    }

    /// One rule's entry, the result read in place (see `write(_:into:)` for a report).
    static func write(_ result: UnsafePointer<RuleResult>, into w: inout JSONWriter) {
        result.pointee.withExplanation { message, needs, values, passesFrom in
            entry(
                result.pointee.info, result.pointee.outcome, subject: result.pointee.subject, message: message, needs: needs,
                hasValues: !values.isEmpty, passesFrom: passesFrom, into: &w
            ) { w in
                for i in values.indices { w.pathAndValue(values[i].path, values[i].value) }
            }
        }
    }

    /// One rule's entry, whether from a `RuleResult` or straight from its evaluation (`ReportLines`):
    /// `values` writes the deciding values, each with `pathAndValue`, when there are any.
    static func entry(
        _ info: RuleInfo, _ outcome: Outcome, subject: String?, message: String, needs: [String], hasValues: Bool, passesFrom: Day?,
        into w: inout JSONWriter, values: (inout JSONWriter) -> Void
    ) {
        let k = outcome.index
        if subject == nil, needs.isEmpty, let lead = info.plainEntryLeads[k], message == info.plainMessages[k] {
            // Everything up to the values is the same for every record (see `RuleInfo.plainEntryLeads`).
            w.beginObject(encodedLead: lead, endingInKey: true)
        } else {
            w.beginObject(encodedLead: info.fullEntryLeads[k], endingInKey: true)
            w.string(subject)
            w.field("message", message)
            // Most rules need nothing.
            if needs.isEmpty {
                w.emptyArray("needs")
            } else {
                w.key("needs")
                w.beginArray()
                for n in needs { w.string(n) }
                w.endArray()
            }
            w.key("values")
        }
        // Passing rules with no message shown have no values either.
        guard hasValues || passesFrom != nil else {
            w.emptyArray()
            w.endObject()
            return
        }
        w.beginArray()
        values(&w)
        w.endArray()
        if let passesFrom { w.field("passes_from", passesFrom.description) }
        w.endObject()
    }

    /// `"overrides":[{"parameter":"min_headship_years","value":2,"published":3}]`, only when `--set` was used.
    static func overrides(_ list: [AppliedOverride], into w: inout JSONWriter) {
        w.key("overrides")
        w.beginArray()
        for o in list {
            w.beginObject()
            w.field("parameter", o.target)
            w.key("value")
            w.value(o.value)
            w.key("published")
            if let p = o.published { w.value(p) } else { w.null() }
            w.endObject()
        }
        w.endArray()
    }

    static func issues(_ list: [RecordIssue], into w: inout JSONWriter) {
        w.beginArray()
        for e in list {
            w.beginObject()
            w.field("path", e.path)
            w.field("message", e.message + (e.suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
            w.field("id", e.id)
            if let file = e.file { w.field("file", file) }
            if let line = e.line { w.key("line"); w.int(line) }
            if let column = e.column { w.key("column"); w.int(column) }
            if let name = e.columnName { w.field("column_name", name) }
            w.endObject()
        }
        w.endArray()
    }
}
