/// A precedence-climbing parser for the expression language (see docs/rules.md).
///
/// Precedence, loosest first: `if … then … else`, `or`, `and`, `not`,
/// comparisons and `in`, `??`, `+ -`, `* /`, unary `-`, then `.field`, `[index]`, calls.
public struct Parser {
    public struct Failure: Error, Sendable {
        public var message: String
        public var range: SourceRange
    }

    private let source: ExpressionSource
    private var tokens: [Lexer.Token]
    private var at = 0
    private var depth = 0
    private static let maxDepth = 200

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

    mutating func expression() throws(Failure) -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth { throw failure("expression is nested too deeply", peek) }
        if isKeyword("if") {
            let start = advance().start
            let c = try expression()
            guard isKeyword("then") else { throw failure("expected 'then' after the condition of 'if', found \(describe(peek))", peek) }
            _ = advance()
            let a = try expression()
            guard isKeyword("else") else { throw failure("expected 'else' to finish 'if … then …', found \(describe(peek))", peek) }
            _ = advance()
            let b = try expression()
            return Expr(.conditional(c, a, b), range: span(start, tokens[at - 1].end))
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
            at += width
            let rhs = try binary(prec)
            // Comparisons do not chain: `a < b < c` is an error, not a surprise.
            if prec == 4, case let (next, 4, _)? = Parser.infix(peek, next: tokens[min(at + 1, tokens.count - 1)]) {
                throw failure("comparisons cannot be chained; join them with 'and' (found '\(next.rawValue)' after '\(op.rawValue)')", peek)
            }
            lhs = Expr(.binary(op, lhs, rhs), range: SourceRange(file: source.file, start: lhs.range.start, end: rhs.range.end))
        }
        return lhs
    }

    private mutating func prefix() throws(Failure) -> Expr {
        if isKeyword("not") {
            let start = advance().start
            let operand = try binary(3)
            return Expr(.not(operand), range: SourceRange(file: source.file, start: source.position(start), end: operand.range.end))
        }
        if isSymbol("-") {
            let start = advance().start
            let operand = try binary(7)
            return Expr(.negate(operand), range: SourceRange(file: source.file, start: source.position(start), end: operand.range.end))
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
                e = Expr(.member(e, name, nameRange), range: SourceRange(file: source.file, start: e.range.start, end: nameRange.end))
            } else if isSymbol("[") {
                _ = advance()
                let index = try expression()
                let close = try expect("]", "to close the index")
                e = Expr(.index(e, index), range: SourceRange(file: source.file, start: e.range.start, end: source.position(close.end)))
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
            return Expr(.list(items), range: span(t.start, close.end))
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
               !Parser.keywords.contains(variable), isKeyword("in", tokens[at + 1]) {
                let varToken = advance()
                _ = advance()
                let list = try binary(4)
                _ = try expect(":", "after the list in '\(name) \(variable) in …'")
                let body = try expression()
                let lambda = Expr(.lambda(variable, body), range: SourceRange(file: source.file, start: source.position(varToken.start), end: body.range.end))
                return Expr(.call(name, [list, lambda], r), range: SourceRange(file: source.file, start: r.start, end: body.range.end))
            }
            if isSymbol("(") {
                _ = advance()
                var args: [Expr] = []
                if !isSymbol(")") {
                    repeat { args.append(try argument()) } while isSymbol(",") && advance().start >= 0
                }
                let close = try expect(")", "to close the arguments of '\(name)'")
                return Expr(.call(name, args, r), range: span(t.start, close.end))
            }
            return Expr(.name(name), range: r)
        default:
            throw failure("expected a value, found \(describe(t))", t)
        }
    }

    private mutating func argument() throws(Failure) -> Expr {
        if case .identifier(let name) = peek.kind, !Parser.keywords.contains(name), isSymbol("->", tokens[at + 1]) {
            let start = advance().start
            _ = advance()
            let body = try expression()
            return Expr(.lambda(name, body), range: SourceRange(file: source.file, start: source.position(start), end: body.range.end))
        }
        return try expression()
    }
}
