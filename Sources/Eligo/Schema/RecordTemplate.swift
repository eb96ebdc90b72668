/// A commented record template made from a schema (`eligo new KIND`): every field with
/// its label, help, what it should be and whether it may be left out, and one example entry
/// for each list. Every value is left empty, so the template checks as it stands, as
/// incomplete, with what is still needed: a field written but left empty is still to be
/// given, not a mistake (see `RecordTyper`).
public enum RecordTemplate {
    public static func yaml(for schema: Schema) -> String {
        var out = "# \(schema.title ?? schema.kind): a record to fill in (made by `eligo new \(schema.kind)`).\n"
        out += "# Write each answer after its colon and leave empty what you do not know yet;\n"
        out += "# `eligo check FILE` then says what is still needed. Lines starting with # are notes.\n"
        out += "# Dates are written YYYY-MM-DD; text with a colon in it goes in quotes.\n"
        out += "kind: \(schema.kind)\n"
        fields(schema.root.fields, indent: "", into: &out)
        return out
    }

    private static func fields(_ fields: [FieldDeclaration], indent: String, firstPrefix: String? = nil, into out: inout String) {
        for (i, field) in fields.enumerated() {
            // The first field of a list entry carries the entry's dash.
            let dash = i == 0 ? firstPrefix : nil
            let keyIndent = dash.map { String(indent.dropLast($0.count)) + $0 } ?? indent
            let noteIndent = dash.map { String(indent.dropLast($0.count)) } ?? indent
            if indent.isEmpty { out += "\n" }
            out += noteIndent + "# " + note(field) + "\n"
            if let help = field.help, !help.isEmpty { out += noteIndent + "#   " + help + "\n" }
            if case .enumeration(let e) = field.type, !e.labels.isEmpty {
                for value in e.values { out += noteIndent + "#   \(value): \(e.labels[value] ?? value)\n" }
            }
            switch field.type {
            case .object(let o):
                out += keyIndent + field.name + ":\n"
                self.fields(o.fields, indent: indent + "  ", into: &out)
            case .list(.object(let o)):
                out += keyIndent + field.name + ":\n"
                self.fields(o.fields, indent: indent + "    ", firstPrefix: "- ", into: &out)
            case .list:
                out += keyIndent + field.name + ":    # as [first, second]\n"
            default:
                out += keyIndent + field.name + ":\n"
            }
        }
    }

    /// "Date submitted (`submitted_on`): a date (YYYY-MM-DD); may be left out."
    private static func note(_ field: FieldDeclaration) -> String {
        var text = field.displayName + ": "
        if case .enumeration(let e) = field.type, !e.labels.isEmpty {
            text += "one of the values below"
        } else if case .object = field.type {
            text += "the fields below"
        } else if case .list(.object) = field.type {
            text += "a list; one entry is shown below, copy it (from its dash) for each more"
        } else {
            text += field.expectedDescription
        }
        if let min = field.minItems, min > 0 { text += " (at least \(min))" }
        text += field.optional ? "; may be left out." : "; needed."
        return text
    }
}
