/// `eligo rules lint --format json`: the diagnostics and the rule sets that
/// loaded, as one JSON object, for editors and scripts.
///
/// ```json
/// {"directory": "rules", "errors": 1, "warnings": 0,
///  "rule_sets": [{"id": "lle-eligibility", "version": "2014.1", "kind": "lle-application",
///                 "effective": {"from": "2014-09-01", "to": "2016-11-30"}, "files": [...], "digest": "sha256:..."}],
///  "diagnostics": [{"id": "check.unknown-field", "severity": "error", "message": "...",
///                   "file": "rules/x.yaml", "line": 42, "column": 17, "end_line": 42, "end_column": 22,
///                   "suggestion": "start", "notes": [{"message": "...", "file": null, "line": null, "column": null}]}]}
/// ```
public enum DiagnosticJSONRenderer {
    public static func render(_ diagnostics: [Diagnostic], ruleSets: [RuleSet], directory: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("directory", directory)
        w.key("errors"); w.int(diagnostics.filter { $0.severity == .error }.count)
        w.key("warnings"); w.int(diagnostics.filter { $0.severity == .warning }.count)
        w.key("rule_sets")
        w.beginArray()
        for set in ruleSets {
            w.beginObject()
            w.field("id", set.id)
            w.field("version", set.version)
            w.field("kind", set.kind)
            w.key("effective")
            w.beginObject()
            w.field("from", set.effectiveFrom?.description)
            w.field("to", set.effectiveTo?.description)
            w.endObject()
            w.key("files"); w.beginArray(); set.files.forEach { w.string($0) }; w.endArray()
            w.field("digest", set.digest)
            w.endObject()
        }
        w.endArray()
        w.key("diagnostics")
        w.beginArray()
        for d in diagnostics { write(d, into: &w) }
        w.endArray()
        w.endObject()
        return w.output + "\n"
    }

    static func write(_ d: Diagnostic, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", d.id)
        w.field("severity", d.severity.rawValue)
        w.field("message", d.message)
        location(d.range, into: &w, end: true)
        w.field("suggestion", d.suggestion)
        w.key("notes")
        w.beginArray()
        for n in d.notes {
            w.beginObject()
            w.field("message", n.message)
            location(n.range, into: &w, end: false)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private static func location(_ range: SourceRange?, into w: inout JSONWriter, end: Bool) {
        w.field("file", range?.file)
        w.key("line"); if let r = range { w.int(r.start.line) } else { w.null() }
        w.key("column"); if let r = range { w.int(r.start.column) } else { w.null() }
        guard end else { return }
        w.key("end_line"); if let r = range { w.int(r.end.line) } else { w.null() }
        w.key("end_column"); if let r = range { w.int(r.end.column) } else { w.null() }
    }
}
