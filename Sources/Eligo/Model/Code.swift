/// The checked, compiled form of an expression: names resolved to slots,
/// parameters folded to constants, functions resolved. The evaluator runs
/// only this, so nothing unchecked is ever evaluated.
indirect enum Code: Sendable {
    case constant(Value)
    case root
    case asOf
    /// A variable bound by a quantifier, lambda or `for_each`.
    case local(Int)
    case derived(Int)
    /// `base.field`, by the field's slot in its schema; the name is for tracing.
    case field(Code, slot: Int, name: String)
    case index(Code, Code)
    case lookup(Code, Code)
    case not(Code)
    case negate(Code)
    case and(Code, Code)
    case or(Code, Code)
    case compare(BinaryOperator, Code, Code)
    case arithmetic(BinaryOperator, Code, Code)
    /// Date plus or minus a calendar span.
    case shift(Code, Code, subtract: Bool)
    case member(Code, Code, negated: Bool)
    case coalesce(Code, Code)
    case conditional(Code, Code, Code)
    case list([Code])
    case call(Builtin, [Code])
    /// A list function with a lambda: the body runs with the item bound to `slot`.
    case fold(Fold, list: Code, slot: Int, body: Code)
    /// Whether an item passes every applicable rule of a `for_each` part.
    case partPasses(part: Int, item: Code)
    /// Deliberately unknown; the argument's path is what is needed.
    case unknown(Code?)
    /// A lookup by a field's value (`by_id`, `find`, `where`), served from a hash index (Model/IndexedLookup.swift; Evaluate/IndexedLookupEvaluation.swift).
    case indexed(IndexedLookup)
}

/// List functions that take a lambda.
enum Fold: String, Sendable, CaseIterable {
    case any, all, none, count, sum, min, max, filter, map
    case sortBy = "sort_by", sortByDescending = "sort_by_desc"
}

/// Functions without a lambda. A new one needs a case here with its `signature` (below) and
/// what it computes in Evaluate/Builtins.swift.
enum Builtin: String, Sendable, CaseIterable {
    case present, absent
    case years, months, days
    case addYears = "add_years", addMonths = "add_months", addDays = "add_days"
    case yearsBetween = "years_between", monthsBetween = "months_between", daysBetween = "days_between"
    case span
    case interval, unionDays = "union_days", overlaps, activeOn = "active_on"
    case between
    case min, max, count, sum, first, last, take
    case strictlyIncreasing = "strictly_increasing"
    case year, month, day
    case lower, text
    /// Joins values as messages print them: `concat(d.lle_id, " is not an LLE")`.
    case concat
}

extension Builtin {
    /// What the checker knows of a built-in. Most take arguments of fixed types (`nil`: any type)
    /// and give a fixed type; the generic ones (over lists, numbers or dates of any one type)
    /// are checked case by case in `Checker.call`.
    enum Signature {
        case fixed([ValueType?], ValueType)
        case generic
    }

    var signature: Signature {
        switch self {
        case .present, .absent: return .fixed([nil], .bool)
        case .years, .months, .days: return .fixed([.int], .duration)
        case .addYears, .addMonths, .addDays: return .fixed([.date, .int], .date)
        case .yearsBetween, .monthsBetween, .daysBetween: return .fixed([.date, .date], .int)
        case .span: return .fixed([.date, .date], .text)
        case .interval: return .fixed([.date, .date], .interval)
        case .unionDays: return .fixed([.list(.interval), .date], .int)
        case .overlaps: return .fixed([.interval, .interval], .bool)
        case .activeOn: return .fixed([.interval, .date], .bool)
        case .year, .month, .day: return .fixed([.date], .int)
        case .text: return .fixed([nil], .text)
        case .between, .min, .max, .count, .sum, .first, .last, .take, .strictlyIncreasing, .lower, .concat: return .generic
        }
    }
}
