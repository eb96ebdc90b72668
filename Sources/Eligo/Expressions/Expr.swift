/// An expression as written in a rule file, before type checking.
public struct Expr: Sendable {
    public indirect enum Node: Sendable {
        case int(Int)
        case decimal(Double)
        case string(String)
        case date(Day)
        case bool(Bool)
        case null
        case name(String)
        /// `base.field`; the range is the field name's.
        case member(Expr, String, SourceRange)
        case index(Expr, Expr)
        /// `name(args)`; the range is the function name's.
        case call(String, [Expr], SourceRange)
        /// `x -> body`, only as a function argument.
        case lambda(String, Expr)
        case not(Expr)
        case negate(Expr)
        case binary(BinaryOperator, Expr, Expr)
        case list([Expr])
        case conditional(Expr, Expr, Expr)
    }

    public var node: Node
    public var range: SourceRange

    public init(_ node: Node, range: SourceRange) {
        self.node = node
        self.range = range
    }
}

public enum BinaryOperator: String, Sendable {
    case or, and
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case isIn = "in", notIn = "not in"
    case coalesce = "??"
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}
