/// A precedence-climbing parser for the expression language (see docs/rules.md).
///
/// Precedence, loosest first: `if … then … else`, `or`, `and`, `not`,
/// comparisons and `in`, `??`, `+ -`, `* /`, unary `-`, then `.field`, `[index]`, calls.
public struct Parser {
    public struct Failure: Error, Sendable {
        public var message: String
        public var range: SourceRange
        /// The diagnostic id: `parse.syntax`, or `parse.too-deep` for nesting past `maxNesting`.
        public var id = "parse.syntax"
    }

    /// The deepest expression tree accepted: 64 levels (`not not … x`, `((…))`, a chain of 64
    /// `and`s, which the parser builds left-nested). Everything that walks an expression later
    /// (checker, folding, evaluator, renderers) recurses once per level, so this one cap (with
    /// `Checker.maxDerivedNesting`) keeps them all within a 512 KiB stack in a release build,
    /// measured with `ulimit -s 512`; real rules nest fewer than 20 deep. docs/limits.md lists it.
    public static let maxNesting = 64

    private let source: ExpressionSource
    private var tokens: [Lexer.Token]
    private var at = 0
    /// How many nested `expression()` or prefix-operator calls are open: the parser's own recursion.
    private var depth = 0

    private static let keywords: Set<String> = ["and", "or", "not", "in", "if", "then", "else", "true", "false", "null"]
    private static let quantifiers: Set<String> = ["any", "all", "none", "count", "sum", "filter"]

    private init(source: ExpressionSource, tokens: [Lexer.Token]) {
        self.source = source
        self.tokens = tokens
    }

    /// Parses one whole expression.
    public static func parse(_ source: ExpressionSource) -> Result<Expr, Failure> {
        parse(source, from: 0, to: source.text.count)
    }

    /// Parses the characters `from..<to` of the source as one expression (used for `{…}` in templates).
    static func parse(_ source: ExpressionSource, from: Int, to: Int) -> Result<Expr, Failure> {
        do {
            var toks = try Lexer.tokens(Array(source.text[from..<to]))
            for i in toks.indices { toks[i].start += from; toks[i].end += from }
            var p = Parser(source: source, tokens: toks)
            let e = try p.expression()
            guard case .end = p.peek.kind else {
                throw p.failure("unexpected \(p.describe(p.peek)) after the end of the expression", p.peek)
            }
            return .success(e)
        } catch let f as Lexer.Failure {
            return .failure(Failure(message: f.message, range: source.range(f.start, f.end)))
        } catch let f as Failure {
            return .failure(f)
        } catch {
            return .failure(Failure(message: "\(error)", range: source.range(from, to)))
        }
    }

    private var peek: Lexer.Token { tokens[at] }
    private mutating func advance() -> Lexer.Token { defer { at += 1 }; return tokens[at] }

    private func isSymbol(_ s: String, _ t: Lexer.Token? = nil) -> Bool { (t ?? peek).kind == .symbol(s) }
    private func isKeyword(_ k: String, _ t: Lexer.Token? = nil) -> Bool { (t ?? peek).kind == .identifier(k) }

    private func failure(_ message: String, _ t: Lexer.Token) -> Failure {
        Failure(message: message, range: source.range(t.start, max(t.end, t.start + 1)))
    }

    private func describe(_ t: Lexer.Token) -> String {
        switch t.kind {
        case .end: return "end of expression"
        case .identifier(let s): return "'\(s)'"
        case .symbol(let s): return "'\(s)'"
        case .int(let n): return "number \(n)"
        case .decimal(let d): return "number \(d)"
        case .string(let s): return "text \"\(s)\""
        case .date(let d): return "date \(d)"
        }
    }

    private mutating func expect(_ symbol: String, _ context: String) throws(Failure) -> Lexer.Token {
        guard isSymbol(symbol) else { throw failure("expected '\(symbol)' \(context), found \(describe(peek))", peek) }
        return advance()
    }

    private func span(_ start: Int, _ end: Int) -> SourceRange { source.range(start, end) }

    /// One more level of the parser's recursion, refused at `token` past the limit, before the
    /// stack can run out on input such as 10,000 unary minuses.
    private mutating func enter(_ token: Lexer.Token) throws(Failure) {
        depth += 1
        if depth > Parser.maxNesting { throw tooDeep(token) }
    }

    private func tooDeep(_ t: Lexer.Token) -> Failure {
        var f = failure("expression is nested more than \(Parser.maxNesting) levels deep; split it into derived values (docs/limits.md)", t)
        f.id = "parse.too-deep"
        return f
    }

    /// A node built from already-parsed parts, refused at `token` when it would make the tree
    /// deeper than the limit (left-nested chains such as `a and a and …` or `x.a.a.a…` are built
    /// in loops, not by recursion, so only their height shows how deep they are).
    private func node(_ node: Expr.Node, _ range: SourceRange, at token: Lexer.Token) throws(Failure) -> Expr {
        let e = Expr(node, range: range)
        if e.height > Parser.maxNesting { throw tooDeep(token) }
        return e
    }

    mutating func expression() throws(Failure) -> Expr {
        try enter(peek)
        defer { depth -= 1 }
        if isKeyword("if") {
            let start = advance().start
            let c = try expression()
            guard isKeyword("then") else { throw failure("expected 'then' after the condition of 'if', found \(describe(peek))", peek) }
            _ = advance()
            let a = try expression()
            guard isKeyword("else") else { throw failure("expected 'else' to finish 'if … then …', found \(describe(peek))", peek) }
            _ = advance()
            let b = try expression()
            return try node(.conditional(c, a, b), span(start, tokens[at - 1].end), at: tokens[at - 1])
        }
        return try binary(0)
    }

    private static func infix(_ t: Lexer.Token, next: Lexer.Token) -> (BinaryOperator, Int, Int)? {
        switch t.kind {
        case .identifier("or"): return (.or, 1, 1)
        case .identifier("and"): return (.and, 2, 1)
        case .identifier("in"): return (.isIn, 4, 1)
        case .identifier("not") where next.kind == .identifier("in"): return (.notIn, 4, 2)
        case .symbol("=="), .symbol("="): return (.equal, 4, 1)
        case .symbol("!="): return (.notEqual, 4, 1)
        case .symbol("<"): return (.less, 4, 1)
        case .symbol("<="): return (.lessOrEqual, 4, 1)
        case .symbol(">"): return (.greater, 4, 1)
        case .symbol(">="): return (.greaterOrEqual, 4, 1)
        case .symbol("??"): return (.coalesce, 5, 1)
        case .symbol("+"): return (.add, 6, 1)
        case .symbol("-"): return (.subtract, 6, 1)
        case .symbol("*"): return (.multiply, 7, 1)
        case .symbol("/"): return (.divide, 7, 1)
        default: return nil
        }
    }

    private mutating func binary(_ minPrecedence: Int) throws(Failure) -> Expr {
        var lhs = try prefix()
        while let (op, prec, width) = Parser.infix(peek, next: tokens[min(at + 1, tokens.count - 1)]), prec > minPrecedence {
            let opToken = peek
            at += width
            let rhs = try binary(prec)
            // Comparisons do not chain: `a < b < c` is an error, not a surprise.
            if prec == 4, case let (next, 4, _)? = Parser.infix(peek, next: tokens[min(at + 1, tokens.count - 1)]) {
                throw failure("comparisons cannot be chained; join them with 'and' (found '\(next.rawValue)' after '\(op.rawValue)')", peek)
            }
            lhs = try node(.binary(op, lhs, rhs), SourceRange(file: source.file, start: lhs.range.start, end: rhs.range.end), at: opToken)
        }
        return lhs
    }

    private mutating func prefix() throws(Failure) -> Expr {
        if isKeyword("not") || isSymbol("-") {
            let isNot = isKeyword("not")
            let opToken = advance()
            try enter(opToken)
            defer { depth -= 1 }
            let operand = try binary(isNot ? 3 : 7)
            let range = SourceRange(file: source.file, start: source.position(opToken.start), end: operand.range.end)
            return try node(isNot ? .not(operand) : .negate(operand), range, at: opToken)
        }
        return try postfix(primary())
    }

    private mutating func postfix(_ base: Expr) throws(Failure) -> Expr {
        var e = base
        while true {
            if isSymbol(".") {
                _ = advance()
                let t = advance()
                guard case .identifier(let name) = t.kind else { throw failure("expected a field name after '.', found \(describe(t))", t) }
                let nameRange = span(t.start, t.end)
                e = try node(.member(e, name, nameRange), SourceRange(file: source.file, start: e.range.start, end: nameRange.end), at: t)
            } else if isSymbol("[") {
                let open = advance()
                let index = try expression()
                let close = try expect("]", "to close the index")
                e = try node(.index(e, index), SourceRange(file: source.file, start: e.range.start, end: source.position(close.end)), at: open)
            } else {
                return e
            }
        }
    }

    private mutating func primary() throws(Failure) -> Expr {
        let t = advance()
        let r = span(t.start, t.end)
        switch t.kind {
        case .int(let n): return Expr(.int(n), range: r)
        case .decimal(let d): return Expr(.decimal(d), range: r)
        case .string(let s): return Expr(.string(s), range: r)
        case .date(let d): return Expr(.date(d), range: r)
        case .symbol("("):
            let e = try expression()
            _ = try expect(")", "to close '('")
            return e
        case .symbol("["):
            var items: [Expr] = []
            if !isSymbol("]") {
                repeat { items.append(try expression()) } while isSymbol(",") && advance().start >= 0
            }
            let close = try expect("]", "to close the list")
            return try node(.list(items), span(t.start, close.end), at: t)
        case .identifier(let name):
            switch name {
            case "true": return Expr(.bool(true), range: r)
            case "false": return Expr(.bool(false), range: r)
            case "null": return Expr(.null, range: r)
            default: break
            }
            if Parser.keywords.contains(name) { throw failure("'\(name)' cannot start an expression here", t) }
            // Quantifier sugar: `any h in headships: h.role = "acting_head"`.
            if Parser.quantifiers.contains(name), case .identifier(let variable) = peek.kind,
                !Parser.keywords.contains(variable), isKeyword("in", tokens[at + 1])
            {
                let varToken = advance()
                _ = advance()
                let list = try binary(4)
                _ = try expect(":", "after the list in '\(name) \(variable) in …'")
                let body = try expression()
                let lambda = try node(
                    .lambda(variable, body), SourceRange(file: source.file, start: source.position(varToken.start), end: body.range.end), at: varToken
                )
                return try node(.call(name, [list, lambda], r), SourceRange(file: source.file, start: r.start, end: body.range.end), at: t)
            }
            if isSymbol("(") {
                _ = advance()
                var args: [Expr] = []
                if !isSymbol(")") {
                    repeat { args.append(try argument()) } while isSymbol(",") && advance().start >= 0
                }
                let close = try expect(")", "to close the arguments of '\(name)'")
                return try node(.call(name, args, r), span(t.start, close.end), at: t)
            }
            return Expr(.name(name), range: r)
        default:
            throw failure("expected a value, found \(describe(t))", t)
        }
    }

    private mutating func argument() throws(Failure) -> Expr {
        if case .identifier(let name) = peek.kind, !Parser.keywords.contains(name), isSymbol("->", tokens[at + 1]) {
            let variable = advance()
            _ = advance()
            let body = try expression()
            return try node(
                .lambda(name, body), SourceRange(file: source.file, start: source.position(variable.start), end: body.range.end), at: variable)
        }
        return try expression()
    }
}
