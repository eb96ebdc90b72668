/// The words people read about a field: its label, and what a value must be, in plain
/// English. Record errors, record templates (`eligo new`) and forms all say them the same way.
extension FieldDeclaration {
    /// The label the schema gives, else the field name with its underscores as spaces.
    public var displayName: String {
        if let label, !label.isEmpty { return label }
        return name.underscoresAsSpaces()
    }

    /// What a value of this field must be, as a phrase that completes "should be …":
    /// "a date (YYYY-MM-DD)", "a whole number from 1 to 4", "a list of entries, each with …".
    public var expectedDescription: String {
        FieldDeclaration.describe(type, minimum: minimum, maximum: maximum)
    }

    static func describe(_ type: ValueType, minimum: Double? = nil, maximum: Double? = nil) -> String {
        func bounds() -> String {
            func fmt(_ d: Double) -> String { d.rounded() == d ? String(Int(d)) : String(d) }
            switch (minimum, maximum) {
            case let (l?, h?): return " from \(fmt(l)) to \(fmt(h))"
            case let (l?, nil): return " of at least \(fmt(l))"
            case let (nil, h?): return " of at most \(fmt(h))"
            default: return ""
            }
        }
        switch type {
        case .bool: return "true or false"
        case .int: return "a whole number" + bounds()
        case .decimal: return "a number" + bounds()
        case .string, .text: return "text"
        case .date: return "a date (YYYY-MM-DD)"
        case .duration: return "a length of time"
        case .interval: return "a period of dates"
        case .enumeration(let e): return "one of " + e.values.joined(separator: ", ")
        case .list(.object(let o)):
            return "a list of entries, each with " + FieldDeclaration.listedNames(o.fields)
        case .list(let element): return "a list of " + describe(element)
        case .object(let o): return "a set of fields: " + FieldDeclaration.listedNames(o.fields)
        case .map: return "a table"
        case .null: return "empty"
        }
    }

    /// "Name, Role and Started": the labels of a mapping's fields, for "each with …".
    static func listedNames(_ fields: [FieldDeclaration]) -> String {
        let names = fields.map { $0.displayName.lowercasedFirstWord() }
        guard let last = names.last else { return "no fields" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }
}

extension ObjectType {
    /// The closest field name to a name the schema does not know: by spelling, else by a
    /// word they share (`supports` → `supports_application`), else by a word of a label
    /// (`coaching_experience` → `support_experience`, "Coaching and mentoring of …").
    public func closestField(to name: String) -> String? {
        if let near = Suggestion.closest(to: name, in: fields.map({ $0.name })) { return near }
        let words = Set(
            name.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " })
                .map(String.init).filter { $0.count >= 4 })
        guard !words.isEmpty else { return nil }
        func shared(_ text: String) -> Int {
            Set(text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)).intersection(words).count
        }
        if let byName = fields.max(by: { shared($0.name) < shared($1.name) }), shared(byName.name) > 0 { return byName.name }
        if let byLabel = fields.max(by: { shared($0.label ?? "") < shared($1.label ?? "") }), shared(byLabel.label ?? "") > 0 {
            return byLabel.name
        }
        return nil
    }
}

extension String {
    func underscoresAsSpaces() -> String { String(map { $0 == "_" ? " " : $0 }) }

    /// "School name" → "school name", but "URN" stays "URN".
    func lowercasedFirstWord() -> String {
        guard let first = first, first.isUppercase else { return self }
        let word = prefix { $0 != " " }
        if word.count > 1 && word.allSatisfy({ $0.isUppercase || !$0.isLetter }) { return self }
        return first.lowercased() + dropFirst()
    }
}
