import Eligo

/// A problem with an answer that the form finds before the engine sees the record
/// (a date that is not a real date); the engine's own issues come back by path.
struct FormError: Sendable, Equatable {
    var path: String
    var message: String
}

/// Turns the form's answers into a YAML record of the schema's kind, and a record back into answers.
///
/// The YAML text is what is checked, what the applicant downloads, and what
/// `eligo check` reads: one record, three uses. Empty answers are left out, so
/// the engine sees them as missing and says what is still needed.
struct FormRecord {
    let schema: Schema
    /// The rule set's assessment-date field (`submitted_on`): today's date when left empty.
    let asOfField: String?
    let today: Day

    /// The `id` a self-check's record gets when the applicant has no reference.
    static let selfCheckID = "self-check"

    /// The record's YAML and the date problems found on the way.
    func yaml(from answers: FormAnswers) -> (text: String, errors: [FormError]) {
        var errors: [FormError] = []
        var lines = ["kind: \(schema.kind)"]
        var body = object(schema.root, path: "", answers: answers, errors: &errors, isRoot: true)
        if let asOfField, !body.contains(where: { $0.0 == asOfField }), schema.root.field(asOfField) != nil,
            !errors.contains(where: { $0.path == asOfField })
        {
            body.append((asOfField, .scalar(today.description)))
        }
        // A self-check has no application reference yet; the record still needs one to be checked.
        if schema.root.field("id") != nil && !body.contains(where: { $0.0 == "id" }) {
            body.insert(("id", .scalar(FormRecord.selfCheckID)), at: 0)
        }
        write(.object(body), indent: "", into: &lines, inList: false)
        return (lines.joined(separator: "\n") + "\n", errors)
    }

    indirect enum Node {
        case scalar(String)
        case object([(String, Node)])
        case list([Node])
        case scalars([String])
    }

    private func object(_ type: ObjectType, path: String, answers: FormAnswers, errors: inout [FormError], isRoot: Bool = false) -> [(String, Node)] {
        var out: [(String, Node)] = []
        for field in type.fields {
            let p = path.isEmpty ? field.name : "\(path).\(field.name)"
            if let node = value(field.type, path: p, label: FormLabels.label(field), required: !field.optional, answers: answers, errors: &errors) {
                out.append((field.name, node))
            }
        }
        return out
    }

    /// A required group left empty is still written (as `{}`, or one empty item), so the engine
    /// names each of its unanswered questions rather than the group as a whole.
    private func value(_ type: ValueType, path: String, label: String, required: Bool, answers: FormAnswers, errors: inout [FormError]) -> Node? {
        switch type {
        case .object(let o):
            let fields = object(o, path: path, answers: answers, errors: &errors)
            return fields.isEmpty && !required ? nil : .object(fields)
        case .list(.object(let o)):
            var items: [Node] = []
            let n = answers.count(path)
            for i in 0..<n {
                let fields = object(o, path: "\(path)[\(i)]", answers: answers, errors: &errors)
                if !fields.isEmpty || (required && items.isEmpty && i == n - 1) { items.append(.object(fields)) }
            }
            return items.isEmpty ? nil : .list(items)
        case .list:
            let items = answers[path].split(whereSeparator: { $0.isNewline }).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            return items.isEmpty ? nil : .scalars(items)
        case .date:
            let d = answers["\(path)[day]"], m = answers["\(path)[month]"], y = answers["\(path)[year]"]
            if d.isEmpty && m.isEmpty && y.isEmpty { return nil }
            let missing = [("day", d), ("month", m), ("year", y)].filter { $0.1.isEmpty }.map({ $0.0 })
            if !missing.isEmpty {
                errors.append(FormError(path: path, message: "\(label) must include a \(missing.joined(separator: " and a "))"))
                return nil
            }
            guard let di = Int(d), let mi = Int(m), let yi = Int(y), y.count == 4, let day = Day(year: yi, month: mi, day: di) else {
                errors.append(FormError(path: path, message: "\(label) must be a real date, like 27 3 2014"))
                return nil
            }
            return .scalar(day.description)
        default:
            let text = answers[path]
            return text.isEmpty ? nil : .scalar(text)
        }
    }

    private func write(_ node: Node, indent: String, into lines: inout [String], inList: Bool) {
        guard case .object(let fields) = node else { return }
        for (i, (name, value)) in fields.enumerated() {
            let lead = inList && i == 0 ? String(indent.dropLast(2)) + "- " : indent
            switch value {
            case .scalar(let s):
                lines.append("\(lead)\(name): \(FormRecord.quote(s))")
            case .scalars(let items):
                lines.append("\(lead)\(name):")
                for item in items { lines.append("\(indent)  - \(FormRecord.quote(item))") }
            case .object(let inner) where inner.isEmpty:
                lines.append("\(lead)\(name): {}")
            case .object:
                lines.append("\(lead)\(name):")
                write(value, indent: indent + "  ", into: &lines, inList: false)
            case .list(let items):
                lines.append("\(lead)\(name):")
                for item in items {
                    if case .object(let inner) = item, inner.isEmpty {
                        lines.append("\(indent)  - {}")
                    } else {
                        write(item, indent: indent + "    ", into: &lines, inList: true)
                    }
                }
            }
        }
    }

    /// Plain when YAML reads the text back unchanged, else double-quoted with JSON escapes.
    static func quote(_ s: String) -> String {
        let plain = s.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 45 || b == 46
        }
        if plain, let first = s.utf8.first, first != 45 && first != 46, !["null", "Null", "NULL", "~"].contains(s) { return s }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x85 || u.value == 0xFEFF || (0x2028...0x2029).contains(u.value) {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// The answers a record holds, so a downloaded record loads back into the form.
    func answers(from node: YAMLNode) -> FormAnswers {
        var answers = FormAnswers()
        fill(schema.root, node: node, path: "", into: &answers)
        return answers
    }

    private func fill(_ type: ObjectType, node: YAMLNode, path: String, into answers: inout FormAnswers) {
        for field in type.fields {
            guard let child = node[field.name], !child.isNull else { continue }
            let p = path.isEmpty ? field.name : "\(path).\(field.name)"
            fill(field.type, node: child, path: p, into: &answers)
        }
    }

    private func fill(_ type: ValueType, node: YAMLNode, path: String, into answers: inout FormAnswers) {
        switch type {
        case .object(let o):
            fill(o, node: node, path: path, into: &answers)
        case .list(.object(let o)):
            let items = node.items ?? []
            answers.fields["count:" + path] = String(min(items.count, FormAnswers.maxItems))
            for (i, item) in items.prefix(FormAnswers.maxItems).enumerated() { fill(o, node: item, path: "\(path)[\(i)]", into: &answers) }
        case .list:
            answers.fields[path] = (node.items ?? []).compactMap({ $0.scalar }).joined(separator: "\n")
        case .date:
            guard let text = node.scalar else { return }
            if let day = Day(iso: text) {
                let (y, m, d) = day.components
                answers.fields["\(path)[day]"] = String(d)
                answers.fields["\(path)[month]"] = String(m)
                answers.fields["\(path)[year]"] = String(y)
            } else {
                answers.fields["\(path)[year]"] = text
            }
        default:
            if let s = node.scalar { answers.fields[path] = s }
        }
    }
}

/// The words a form shows for a field: the schema's label, else its name made readable.
enum FormLabels {
    static func label(_ field: FieldDeclaration) -> String {
        field.label ?? humanize(field.name)
    }

    static func humanize(_ name: String) -> String {
        let words = String(name.map { $0 == "_" ? " " : $0 })
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// How an enum value reads: its description where the schema gives one.
    static func valueLabel(_ value: String, in e: EnumType) -> String {
        e.labels[value].map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? humanize(value)
    }

    /// The noun for one item of a list ("Headship 1"): the label's first word, in the singular.
    static func itemNoun(_ field: FieldDeclaration) -> String {
        var word = String(label(field).prefix { $0.isLetter })
        if word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") { word.removeLast() }
        return word.isEmpty ? "Item" : word
    }
}
