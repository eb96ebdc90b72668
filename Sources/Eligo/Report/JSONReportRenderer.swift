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
        w.beginObject()
        w.key("record")
        w.beginObject()
        w.field("id", r.record.id)
        w.field("kind", r.record.kind)
        w.field("source", r.record.source)
        w.endObject()
        w.key("ruleset")
        if let rs = r.ruleSet {
            w.beginObject()
            w.field("id", rs.id)
            w.field("version", rs.version)
            w.field("digest", rs.digest)
            if !rs.overrides.isEmpty { overrides(rs.overrides, into: &w) }
            w.endObject()
        } else {
            w.null()
        }
        w.field("as_of", r.asOf?.description)
        w.field("decision", r.decision)
        w.field("outcome", r.outcome.rawValue)
        w.key("rules")
        w.beginArray()
        // Read in place: iterating the results, or passing one on, copied (and retained) each one's words and explanation.
        r.rules.withUnsafeBufferPointer { rules in
            for i in rules.indices { write(rules.baseAddress! + i, into: &w) }
        }
        w.endArray()
        w.key("errors")
        issues(r.errors, into: &w)
        w.key("warnings")
        issues(r.warnings, into: &w)
        w.endObject()
    }

    /// One rule's entry, the result read in place (see `write(_:into:)` for a report).
    static func write(_ result: UnsafePointer<RuleResult>, into w: inout JSONWriter) {
        let info = result.pointee.info, k = result.pointee.outcome.index
        result.pointee.withExplanation { message, needs, values, passesFrom in
            if result.pointee.subject == nil, needs.isEmpty, let lead = info.plainEntryLeads[k], message == info.plainMessages[k] {
                // Everything up to the values is the same for every record (see `RuleInfo.plainEntryLeads`).
                w.beginObject(encodedLead: lead, endingInKey: true)
            } else {
                w.beginObject(encodedLead: info.fullEntryLeads[k], endingInKey: true)
                w.string(result.pointee.subject)
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
            guard !values.isEmpty || passesFrom != nil else {
                w.emptyArray()
                w.endObject()
                return
            }
            w.beginArray()
            for i in values.indices { w.pathAndValue(values[i].path, values[i].value) }
            w.endArray()
            if let passesFrom { w.field("passes_from", passesFrom.description) }
            w.endObject()
        }
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
