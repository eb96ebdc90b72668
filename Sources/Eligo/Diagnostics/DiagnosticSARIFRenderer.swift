/// `eligo rules lint --format sarif`: the diagnostics as a SARIF 2.1.0 log,
/// the format code-scanning tools (GitHub, Azure DevOps, IDE plug-ins) read.
///
/// One run; the tool's `rules` are the diagnostic ids that occur, described
/// from `DiagnosticCatalog`; each result has the id, level, message (with the
/// did-you-mean), its region, and its notes as related locations. Columns
/// count characters (`columnKind: unicodeCodePoints`).
public enum DiagnosticSARIFRenderer {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func render(_ diagnostics: [Diagnostic], toolVersion: String? = nil) -> String {
        var ids: [String] = []
        for d in diagnostics where !ids.contains(d.id) { ids.append(d.id) }
        var w = JSONWriter()
        w.beginObject()
        w.field("$schema", schemaURI)
        w.field("version", "2.1.0")
        w.key("runs")
        w.beginArray()
        w.beginObject()
        w.key("tool")
        w.beginObject()
        w.key("driver")
        w.beginObject()
        w.field("name", "eligo")
        if let toolVersion { w.field("version", toolVersion) }
        w.key("rules")
        w.beginArray()
        for id in ids {
            let entry = DiagnosticCatalog.entry(id)
            w.beginObject()
            w.field("id", id)
            w.key("shortDescription"); w.beginObject(); w.field("text", entry?.summary ?? id); w.endObject()
            w.key("help"); w.beginObject(); w.field("text", "See '\(id)' in docs/diagnostics.md."); w.endObject()
            w.key("defaultConfiguration"); w.beginObject()
            w.field("level", level(entry?.severity ?? diagnostics.first { $0.id == id }!.severity))
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()  // driver
        w.endObject()  // tool
        w.field("columnKind", "unicodeCodePoints")
        w.key("results")
        w.beginArray()
        for d in diagnostics {
            w.beginObject()
            w.field("ruleId", d.id)
            w.key("ruleIndex"); w.int(ids.firstIndex(of: d.id)!)
            w.field("level", level(d.severity))
            var text = d.message
            if let s = d.suggestion { text += " (did you mean '\(s)'?)" }
            for n in d.notes where n.range == nil { text += "; \(n.message)" }
            w.key("message"); w.beginObject(); w.field("text", text); w.endObject()
            w.key("locations")
            w.beginArray()
            if let r = d.range { location(r, message: nil, id: nil, into: &w) }
            w.endArray()
            let related = d.notes.filter { $0.range != nil }
            if !related.isEmpty {
                w.key("relatedLocations")
                w.beginArray()
                for (i, n) in related.enumerated() { location(n.range!, message: n.message, id: i + 1, into: &w) }
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()  // run
        w.endArray()
        w.endObject()
        return w.output + "\n"
    }

    static func level(_ s: Diagnostic.Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    private static func location(_ r: SourceRange, message: String?, id: Int?, into w: inout JSONWriter) {
        w.beginObject()
        if let id { w.key("id"); w.int(id) }
        w.key("physicalLocation")
        w.beginObject()
        w.key("artifactLocation"); w.beginObject(); w.field("uri", uri(r.file)); w.endObject()
        w.key("region")
        w.beginObject()
        w.key("startLine"); w.int(r.start.line)
        w.key("startColumn"); w.int(r.start.column)
        w.key("endLine"); w.int(r.end.line)
        w.key("endColumn"); w.int(r.end.column)
        w.endObject()
        w.endObject()
        if let message { w.key("message"); w.beginObject(); w.field("text", message); w.endObject() }
        w.endObject()
    }

    /// A relative path stays relative (to the folder eligo ran in); an absolute one becomes a file URI.
    static func uri(_ path: String) -> String {
        var out = path.hasPrefix("/") ? "file://" : ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~/".contains(c)) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
