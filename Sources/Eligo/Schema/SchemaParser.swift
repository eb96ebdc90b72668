/// Turns a schema file (`schema: KIND`, `types:`, `fields:`) into a `Schema`,
/// collecting every problem with its position.
struct SchemaParser {
    private var diagnostics: [Diagnostic] = []
    private var namedTypes: [String: FieldDeclaration] = [:]
    private let kind: String

    private init(kind: String) { self.kind = kind }

    static func parse(_ node: YAMLNode) -> (Schema?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard var reader = MappingReader(node, what: "a schema file", into: &diagnostics),
            let kind = reader.string("schema", required: true, into: &diagnostics)
        else { return (nil, diagnostics) }
        var parser = SchemaParser(kind: kind)
        parser.diagnostics = diagnostics
        let title = reader.string("title", into: &parser.diagnostics)
        _ = reader.value("description")
        if let types = reader.value("types") {
            if types.pairs == nil {
                parser.diagnostics.append(.error("schema.expected-mapping", "'types' must be a mapping of type names", at: types.range))
            }
            for pair in types.pairs ?? [] {
                guard let name = pair.key.scalar else { continue }
                parser.namedTypes[name] = parser.field(name: name, node: pair.value, path: "\(kind).\(name)")
            }
        }
        var fields: [FieldDeclaration] = []
        if let fieldsNode = reader.value("fields") {
            fields = parser.fields(fieldsNode, path: kind)
        } else {
            parser.diagnostics.append(.error("schema.no-fields", "schema '\(kind)' declares no 'fields'", at: node.range))
        }
        reader.reportUnknownKeys(into: &parser.diagnostics)
        let schema = Schema(kind: kind, title: title, root: ObjectType(name: kind, fields: fields), file: node.range.file)
        return (schema, parser.diagnostics)
    }

    private mutating func fields(_ node: YAMLNode, path: String) -> [FieldDeclaration] {
        guard let pairs = node.pairs else {
            diagnostics.append(.error("schema.expected-fields", "'fields' must be a mapping of field names, found \(node.kindName)", at: node.range))
            return []
        }
        var seen: [String: SourceRange] = [:]
        var out: [FieldDeclaration] = []
        for pair in pairs {
            guard let name = pair.key.scalar else { continue }
            if let first = seen[name] {
                diagnostics.append(
                    .error(
                        "schema.duplicate-field", "field '\(name)' is declared twice", at: pair.key.range,
                        notes: [.init("first declared here", at: first)]))
                continue
            }
            seen[name] = pair.key.range
            var decl = field(name: name, node: pair.value, path: "\(path).\(name)")
            decl.range = pair.key.range
            out.append(decl)
        }
        return out
    }

    /// One field: either a type written inline (`date?`, `list<string>`) or a mapping with `type:` and friends.
    private mutating func field(name: String, node: YAMLNode, path: String) -> FieldDeclaration {
        if let text = node.scalar {
            let (type, optional) = typeExpression(text, at: node.range, path: path)
            var decl = FieldDeclaration(name: name, type: type, optional: optional, range: node.range)
            inheritNamed(text, into: &decl)
            return decl
        }
        guard var reader = MappingReader(node, what: "field '\(name)'", into: &diagnostics) else {
            return FieldDeclaration(name: name, type: .string)
        }
        var decl = FieldDeclaration(name: name, type: .string, range: node.range)
        var optional = false
        if let values = reader.value("values") ?? reader.value("enum") {
            // Each value is a word, or `word: how people read it`.
            var words: [String] = [], labels: [String: String] = [:]
            for item in values.items ?? [] {
                if let w = item.scalar {
                    words.append(w)
                } else if let pair = item.pairs?.first, let w = pair.key.scalar {
                    words.append(w)
                    labels[w] = pair.value.scalar
                }
            }
            decl.type = .enumeration(EnumType(name: name, values: words, labels: labels))
            if values.items == nil {
                diagnostics.append(.error("schema.expected-list", "enum values must be a list", at: values.range))
            }
        }
        if let typeText = reader.string("type", into: &diagnostics) {
            let typeNode = reader.value("type")!
            switch typeText {
            case "enum", "enum?":
                optional = typeText.hasSuffix("?")
                if case .enumeration = decl.type {
                } else {
                    diagnostics.append(.error("schema.enum-without-values", "enum field '\(name)' needs 'values'", at: typeNode.range))
                }
            case "object", "object?":
                optional = typeText.hasSuffix("?")
                decl.type = .object(ObjectType(name: path, fields: reader.value("fields").map { fields($0, path: path) } ?? []))
            case "list", "list?":
                optional = typeText.hasSuffix("?")
                if let items = reader.value("items") {
                    decl.type = .list(field(name: name, node: items, path: path + "[]").type)
                } else {
                    diagnostics.append(.error("schema.list-without-items", "list field '\(name)' needs 'items'", at: typeNode.range))
                    decl.type = .list(.string)
                }
            default:
                (decl.type, optional) = typeExpression(typeText, at: typeNode.range, path: path)
            }
        } else if reader.value("fields") != nil {
            decl.type = .object(ObjectType(name: path, fields: fields(reader.value("fields")!, path: path)))
        } else if case .enumeration = decl.type {
        } else {
            diagnostics.append(.error("schema.missing-type", "field '\(name)' needs a 'type'", at: node.range))
        }
        if let o = reader.value("optional") {
            switch o.scalar {
            case "true", "yes": optional = true
            case "false", "no": optional = false
            default:
                diagnostics.append(.error("schema.bad-value", "'optional' must be true or false", at: o.range))
            }
        }
        decl.optional = optional
        decl.label = reader.string("label", into: &diagnostics)
        decl.help = reader.string("help", into: &diagnostics)
        decl.minimum = number("min", &reader)
        decl.maximum = number("max", &reader)
        decl.minItems = number("min_items", &reader).map { Int($0) }
        if let d = reader.value("default") {
            var typer = RecordTyper()
            decl.defaultValue = typer.value(d, as: decl.type, path: path)
            for issue in typer.issues where issue.severity == .error {
                diagnostics.append(.error("schema.bad-default", "the default of '\(name)': \(issue.message)", at: d.range))
            }
        }
        reader.reportUnknownKeys(into: &diagnostics)
        if let typeText = node["type"]?.scalar { inheritNamed(typeText, into: &decl) }
        return decl
    }

    private mutating func number(_ key: String, _ reader: inout MappingReader) -> Double? {
        guard let text = reader.string(key, into: &diagnostics) else { return nil }
        guard let d = Double(text), d.isFinite else {
            diagnostics.append(.error("schema.bad-value", "'\(key)' must be a number, not '\(text)'", at: reader.value(key)!.range))
            return nil
        }
        return d
    }

    /// A field typed by a name from `types:` takes that type's bounds, label and help unless it sets its own.
    private func inheritNamed(_ typeText: String, into decl: inout FieldDeclaration) {
        var name = typeText.trimming(" ")
        if name.hasSuffix("?") { name.removeLast() }
        guard let named = namedTypes[name] else { return }
        decl.minimum = decl.minimum ?? named.minimum
        decl.maximum = decl.maximum ?? named.maximum
        decl.minItems = decl.minItems ?? named.minItems
        decl.label = decl.label ?? named.label
        decl.help = decl.help ?? named.help
    }

    /// `date`, `int?`, `list<string>`, or a name from `types:`.
    private mutating func typeExpression(_ raw: String, at range: SourceRange, path: String) -> (ValueType, Bool) {
        var text = raw.trimming(" ")
        var optional = false
        if text.hasSuffix("?") {
            optional = true
            text.removeLast()
        }
        if text.hasPrefix("list<"), text.hasSuffix(">") {
            let inner = String(text.dropFirst(5).dropLast())
            return (.list(typeExpression(inner, at: range, path: path + "[]").0), optional)
        }
        switch text {
        case "string": return (.string, optional)
        case "int": return (.int, optional)
        case "decimal": return (.decimal, optional)
        case "bool": return (.bool, optional)
        case "date": return (.date, optional)
        default:
            if let named = namedTypes[text] { return (named.type, optional || named.optional) }
            let known = ["string", "int", "decimal", "bool", "date", "list<...>", "enum", "object", "list"] + namedTypes.keys.sorted()
            diagnostics.append(
                .error(
                    "schema.unknown-type", "unknown type '\(text)'", at: range,
                    suggestion: Suggestion.closest(to: text, in: known)))
            return (.string, optional)
        }
    }
}

extension String {
    func trimming(_ set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
