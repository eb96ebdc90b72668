/// A value in a typed record or produced by an expression.
///
/// `null` is "absent": rules that need it come out unknown, never failed.
public enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case decimal(Double)
    case string(String)
    case date(Day)
    case duration(CalendarSpan)
    /// Days from `start` (included) to `end` (excluded); no end means "still running".
    case interval(start: Day, end: Day?)
    case list([Value])
    case object(ObjectValue)
    case map([MapKey: Value])

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value, moved out and null left in its place: a record being taken apart for its storage
    /// to be written over (a copy would retain and release what it holds).
    @inline(__always)
    mutating func take() -> Value {
        var value = Value.null
        swap(&value, &self)
        return value
    }

    /// `count` absent values: the empty slots of a record being read (see `Array.filled` for why not `Array(repeating:)`).
    @inline(__always)
    static func nulls(_ count: Int) -> [Value] { .filled(count, with: .null) }

    public var asDouble: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .decimal(let d): return d
        default: return nil
        }
    }
}

/// The fields of a typed mapping, in the schema's slot order, plus any fields
/// the schema does not declare (kept, never dropped).
public struct ObjectValue: Sendable, Equatable {
    public var slots: [Value]
    public var extras: [ExtraField]

    public init(slots: [Value], extras: [ExtraField] = []) {
        self.slots = slots
        self.extras = extras
    }
}

/// A field a record carries that its schema does not declare.
public struct ExtraField: Sendable, Equatable {
    public var name: String
    public var value: Value
    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}

/// A key of a parameter table: a phase name or a year.
public enum MapKey: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public init?(_ value: Value) {
        switch value {
        case .int(let i): self = .int(i)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return s
        }
    }
}

/// A length of calendar time: whole months (a year is twelve) and days.
public struct CalendarSpan: Sendable, Equatable {
    public var months: Int
    public var days: Int
    public init(months: Int = 0, days: Int = 0) {
        self.months = months
        self.days = days
    }
    /// Wrapping, not trapping: a span too long to negate is refused by `Day.adding` anyway.
    public var negated: CalendarSpan { CalendarSpan(months: 0 &- months, days: 0 &- days) }
}

extension Day {
    /// Adds months first (clamping to month end), then days; nil outside the supported calendar.
    public func adding(_ span: CalendarSpan) -> Day? { adding(months: span.months)?.adding(days: span.days) }
}
