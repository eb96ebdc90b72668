/// The type of a value in a record, a parameter or an expression.
///
/// Types come from the schema files, never from YAML's guesses, and the
/// checker uses them to reject a rule that compares a date with a number
/// before any record is evaluated.
public indirect enum ValueType: Sendable, Equatable, CustomStringConvertible {
    case bool, int, decimal, string, date
    /// A calendar length such as `years(3)`; added to or subtracted from dates.
    case duration
    /// A span of days with an optional end, for headships and associations.
    case interval
    case enumeration(EnumType)
    case list(ValueType)
    case object(ObjectType)
    /// A parameter table, such as floor standards by phase and year.
    case map(key: ValueType, value: ValueType)
    /// The type of `null` and `unknown`: fits anywhere.
    case null
    /// Text produced for messages (`span(...)`); compares like a string.
    case text

    public var description: String {
        switch self {
        case .bool: return "bool"
        case .int: return "int"
        case .decimal: return "decimal"
        case .string: return "string"
        case .date: return "date"
        case .duration: return "duration"
        case .interval: return "interval"
        case .enumeration(let e): return e.name.map { "enum \($0)" } ?? "enum"
        case .list(let t): return "list<\(t)>"
        case .object(let o): return o.name
        case .map(let k, let v): return "table<\(k), \(v)>"
        case .null: return "null"
        case .text: return "text"
        }
    }

    public var isNumeric: Bool { self == .int || self == .decimal }
    public var isStringLike: Bool {
        switch self {
        case .string, .text, .enumeration: return true
        default: return false
        }
    }
    public var elementType: ValueType? {
        if case .list(let t) = self { return t }
        return nil
    }
    public var objectType: ObjectType? {
        if case .object(let o) = self { return o }
        return nil
    }
}

/// A closed set of values (`substantive_head`, `executive_head`, ...).
public struct EnumType: Sendable, Equatable {
    public var name: String?
    public var values: [String]
    /// How people read each value ("director of children's services"), where the schema says.
    public var labels: [String: String]
    public init(name: String?, values: [String], labels: [String: String] = [:]) {
        self.name = name
        self.values = values
        self.labels = labels
    }
}

/// The declared fields of a mapping in a record.
public struct ObjectType: Sendable, Equatable {
    /// A unique name such as `lle-application.applicant`, used in messages and for equality.
    public var name: String
    public var fields: [FieldDeclaration]
    private var slotByName: [String: Int]

    public init(name: String, fields: [FieldDeclaration]) {
        self.name = name
        self.fields = fields
        var slots: [String: Int] = [:]
        for (i, f) in fields.enumerated() where slots[f.name] == nil { slots[f.name] = i }
        self.slotByName = slots
    }

    public func slot(of name: String) -> Int? { slotByName[name] }
    public func field(_ name: String) -> FieldDeclaration? { slotByName[name].map { fields[$0] } }

    /// The declaration at a record path such as `schools[0].ofsted.overall`.
    public func field(atPath path: String) -> FieldDeclaration? {
        var object = self
        var found: FieldDeclaration?
        for segment in path.split(separator: ".") {
            let name = segment.split(separator: "[").first.map(String.init) ?? ""
            guard let f = object.field(name) else { return nil }
            found = f
            var t = f.type
            while case .list(let e) = t { t = e }
            if case .object(let o) = t { object = o }
        }
        return found
    }

    public static func == (a: ObjectType, b: ObjectType) -> Bool { a.name == b.name }
}

/// One field of a record kind, with the words a form or document shows for it.
public struct FieldDeclaration: Sendable {
    public var name: String
    public var type: ValueType
    public var optional: Bool
    public var label: String?
    public var help: String?
    /// Inclusive bounds for numbers (`overall: 1..4`).
    public var minimum: Double?
    public var maximum: Double?
    /// The fewest items a list may have (`schools`: at least one).
    public var minItems: Int?
    public var range: SourceRange?
    /// The value an absent field takes (`default: []`), so it is never missing.
    public var defaultValue: Value?

    public init(
        name: String, type: ValueType, optional: Bool = false, label: String? = nil, help: String? = nil,
        minimum: Double? = nil, maximum: Double? = nil, minItems: Int? = nil, range: SourceRange? = nil
    ) {
        self.name = name
        self.type = type
        self.optional = optional
        self.label = label
        self.help = help
        self.minimum = minimum
        self.maximum = maximum
        self.minItems = minItems
        self.range = range
    }
}
