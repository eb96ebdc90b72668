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

    public let node: Node
    public var range: SourceRange
    /// Levels in the tree: 1 for a leaf. The parser refuses trees taller than `Parser.maxNesting`,
    /// which is what keeps every recursive walk of an expression within its stack.
    public let height: Int

    public init(_ node: Node, range: SourceRange) {
        self.node = node
        self.range = range
        self.height = 1 + node.children.reduce(0) { max($0, $1.height) }
    }
}

extension Expr.Node {
    /// The node's direct sub-expressions.
    var children: [Expr] {
        switch self {
        case .int, .decimal, .string, .date, .bool, .null, .name: return []
        case .member(let base, _, _): return [base]
        case .index(let a, let b), .binary(_, let a, let b): return [a, b]
        case .call(_, let args, _): return args
        case .lambda(_, let body): return [body]
        case .not(let a), .negate(let a): return [a]
        case .list(let items): return items
        case .conditional(let c, let a, let b): return [c, a, b]
        }
    }
}
