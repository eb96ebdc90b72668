/// Types a YAML (or JSON) record against its schema: every scalar is read as
/// its declared type, every problem becomes a `RecordIssue` with the path and
/// position, and fields the schema does not know are kept with a warning.
struct RecordTyper {
    private(set) var issues: [RecordIssue] = []

    /// Fields every record may carry that no schema declares.
    static let envelopeFields: Set<String> = ["kind"]

    mutating func object(_ node: YAMLNode, as type: ObjectType, path: String, isRoot: Bool = false) -> Value {
        guard let pairs = node.pairs else {
            issues.append(RecordIssue(.error, "record.wrong-shape", path: path,
                                      "expected a mapping of fields, found \(node.kindName)", at: node.range))
            return .null
        }
        var slots = [Value](repeating: .null, count: type.fields.count)
        var extras: [ExtraField] = []
        for pair in pairs {
            guard let name = pair.key.scalar else {
                issues.append(RecordIssue(.error, "record.bad-key", path: path, "field names must be text", at: pair.key.range))
                continue
            }
            let fieldPath = path.isEmpty ? name : "\(path).\(name)"
            guard let slot = type.slot(of: name) else {
                if isRoot && RecordTyper.envelopeFields.contains(name) { continue }
                issues.append(RecordIssue(.warning, "record.unknown-field", path: fieldPath,
                                          "unknown field '\(name)' is kept but no rule reads it", at: pair.key.range,
                                          suggestion: Suggestion.closest(to: name, in: type.fields.map(\.name))))
                extras.append(ExtraField(name: name, value: RecordTyper.untyped(pair.value)))
                continue
            }
            slots[slot] = value(pair.value, field: type.fields[slot], path: fieldPath)
        }
        for (i, field) in type.fields.enumerated() where slots[i].isNull {
            if let d = field.defaultValue { slots[i] = d }
        }
        for (i, field) in type.fields.enumerated() where !field.optional && slots[i].isNull {
            let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
            let present = pairs.first { $0.key.scalar == field.name }
            // A present-but-bad value already has its own error.
            if present == nil || present!.value.isNull {
                issues.append(RecordIssue(.error, "record.missing-field", path: fieldPath,
                                          "required field '\(field.name)' is missing", at: present?.value.range ?? node.range))
            }
        }
        return .object(ObjectValue(slots: slots, extras: extras))
    }

    private mutating func value(_ node: YAMLNode, field: FieldDeclaration, path: String) -> Value {
        if node.isNull { return .null }
        let v = value(node, as: field.type, path: path)
        switch v {
        case .int, .decimal:
            let d = v.asDouble!
            if (field.minimum.map { d < $0 } ?? false) || (field.maximum.map { d > $0 } ?? false) {
                issues.append(outOfRange(field, path: path, node: node))
                return .null
            }
        case .list(let items):
            if let min = field.minItems, items.count < min {
                issues.append(RecordIssue(.error, "record.too-few-items", path: path,
                                          "'\(field.name)' needs at least \(min) item\(min == 1 ? "" : "s"), found \(items.count)",
                                          at: node.range))
            }
        default: break
        }
        return v
    }

    private func outOfRange(_ field: FieldDeclaration, path: String, node: YAMLNode) -> RecordIssue {
        func fmt(_ d: Double) -> String { d.rounded() == d ? String(Int(d)) : String(d) }
        let bounds: String
        switch (field.minimum, field.maximum) {
        case let (l?, h?): bounds = "between \(fmt(l)) and \(fmt(h))"
        case let (l?, nil): bounds = "at least \(fmt(l))"
        case let (nil, h?): bounds = "at most \(fmt(h))"
        default: bounds = "in range"
        }
        return RecordIssue(.error, "record.out-of-range", path: path,
                           "\(node.scalar ?? "value") is out of range: '\(field.name)' must be \(bounds)", at: node.range)
    }

    mutating func value(_ node: YAMLNode, as type: ValueType, path: String) -> Value {
        if node.isNull { return .null }
        switch type {
        case .object(let o):
            return object(node, as: o, path: path)
        case .list(let element):
            guard let items = node.items else {
                issues.append(RecordIssue(.error, "record.wrong-shape", path: path, "expected a list, found \(node.kindName)", at: node.range))
                return .null
            }
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                if item.isNull {
                    issues.append(RecordIssue(.error, "record.null-item", path: "\(path)[\(i)]", "a list item cannot be empty", at: item.range))
                    continue
                }
                out.append(value(item, as: element, path: "\(path)[\(i)]"))
            }
            return .list(out)
        default:
            guard let text = node.scalar else {
                issues.append(RecordIssue(.error, "record.wrong-shape", path: path, "expected \(describe(type)), found \(node.kindName)", at: node.range))
                return .null
            }
            switch ScalarTyping.value(text, as: type) {
            case .success(let v): return v
            case .failure(let e):
                issues.append(RecordIssue(.error, "record.bad-value", path: path, e.message, at: node.range, suggestion: e.suggestion))
                return .null
            }
        }
    }

    private func describe(_ type: ValueType) -> String {
        switch type {
        case .enumeration: return "one value"
        case .date: return "a date"
        case .int: return "a whole number"
        case .decimal: return "a number"
        case .bool: return "true or false"
        default: return "a single value"
        }
    }

    /// A field no schema declares: kept as text, lists and tables.
    static func untyped(_ node: YAMLNode) -> Value {
        if node.isNull { return .null }
        switch node.content {
        case .scalar(let s, _): return .string(s)
        case .sequence(let items): return .list(items.map(untyped))
        case .mapping(let pairs):
            var m: [MapKey: Value] = [:]
            for p in pairs { if let k = p.key.scalar { m[.string(k)] = untyped(p.value) } }
            return .map(m)
        }
    }
}
