/// Types a YAML (or JSON) record against its schema: every scalar is read as
/// its declared type, every problem becomes a `RecordIssue` with the path and
/// position, and fields the schema does not know are kept with a warning.
///
/// A required field written but left empty (`name:`) is a blank on a form, still to be
/// given: it is not an error, and the rules that read it are unknown, so the record is
/// incomplete and its report lists the field as still needed. A required field not
/// written at all is an error. Messages name fields by their labels.
struct RecordTyper {
    /// The issues as met, in the order of the document; `RuleLibrary.check(record:)` lists them
    /// in the order every reader's are (`ObjectType.ordered`).
    private(set) var issues: [RecordIssue] = []

    /// Fields every record may carry that no schema declares.
    static let envelopeFields: Set<String> = ["kind"]

    /// - Parameter what: how messages name this mapping (a field's label, "entry 2 of Headships").
    mutating func object(
        _ node: YAMLNode, as type: ObjectType, path: String, isRoot: Bool = false,
        what: String? = nil
    ) -> Value {
        let what = isRoot ? "The record" : (what ?? (path.isEmpty ? "The record" : path))
        guard let pairs = node.pairs else {
            issues.append(
                RecordIssue.wrongShape(what, expected: .object(type), found: RecordTyper.found(node), path: path)
                    .at(node.range, hint: "write the fields one per line as 'name: value', indented under the field's name"))
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
                issues.append(
                    RecordIssue.unknownField(name, in: isRoot ? nil : what, path: fieldPath, suggestion: type.closestField(to: name))
                        .at(pair.key.range))
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
            // A present-but-bad value already has its own error; one left empty is still to be given.
            if !pairs.contains(where: { $0.key.scalar == field.name }) {
                issues.append(RecordIssue.notWritten(field, path: fieldPath).at(node.range))
            }
        }
        return .object(ObjectValue(slots: slots, extras: extras))
    }

    private mutating func value(_ node: YAMLNode, field: FieldDeclaration, path: String) -> Value {
        if node.isNull { return .null }
        let v = value(node, as: field.type, path: path, what: field.displayName)
        if let problem = RecordIssue.violation(of: field, v, path: path) {
            issues.append(problem.at(node.range))
            // A number out of range is not used; a list too short still is (its entries are real).
            if problem.id == "record.out-of-range" { return .null }
        }
        return v
    }

    mutating func value(_ node: YAMLNode, as type: ValueType, path: String, what: String? = nil) -> Value {
        if node.isNull { return .null }
        let what = what ?? path
        switch type {
        case .object(let o):
            return object(node, as: o, path: path, what: what)
        case .list(let element):
            guard let items = node.items else {
                issues.append(
                    RecordIssue.wrongShape(what, expected: type, found: RecordTyper.found(node), path: path)
                        .at(node.range, hint: "write each entry on its own line, starting with '- '"))
                return .null
            }
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                if item.isNull {
                    issues.append(
                        RecordIssue.emptyEntry("entry \(i + 1) of \(what)", path: "\(path)[\(i)]")
                            .at(item.range, hint: "write the entry after the '- ', or delete the line"))
                    // Kept as a blank entry, as the JSON and CSV readers keep it, so the entries
                    // after it keep their paths.
                    out.append(.null)
                    continue
                }
                out.append(value(item, as: element, path: "\(path)[\(i)]", what: "entry \(i + 1) of \(what)"))
            }
            return .list(out)
        default:
            guard let text = node.scalar else {
                issues.append(RecordIssue.wrongShape(what, expected: type, found: RecordTyper.found(node), path: path).at(node.range))
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

    /// "a list of 2 entries", "the text '3'", "a set of fields": what was written instead.
    static func found(_ node: YAMLNode) -> String { RecordIssue.found(untyped(node)) }

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
