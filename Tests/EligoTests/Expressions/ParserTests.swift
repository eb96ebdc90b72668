import Foundation
import Testing
@testable import Eligo

/// Renders a parsed expression as a fully parenthesised S-expression, so a
/// test can state the tree the parser must build.
func sexpr(_ e: Expr) -> String {
    switch e.node {
    case .int(let n): return String(n)
    case .decimal(let d): return String(d)
    case .string(let s): return "\"\(s)\""
    case .date(let d): return "#\(d)"
    case .bool(let b): return String(b)
    case .null: return "null"
    case .name(let n): return n
    case .member(let base, let field, _): return "(. \(sexpr(base)) \(field))"
    case .index(let base, let index): return "([] \(sexpr(base)) \(sexpr(index)))"
    case .call(let name, let args, _): return "(\(([name] + args.map(sexpr)).joined(separator: " ")))"
    case .lambda(let v, let body): return "(-> \(v) \(sexpr(body)))"
    case .not(let x): return "(not \(sexpr(x)))"
    case .negate(let x): return "(neg \(sexpr(x)))"
    case .binary(let op, let l, let r): return "(\(op.rawValue) \(sexpr(l)) \(sexpr(r)))"
    case .list(let items): return "[\(items.map(sexpr).joined(separator: " "))]"
    case .conditional(let c, let a, let b): return "(if \(sexpr(c)) \(sexpr(a)) \(sexpr(b)))"
    }
}

/// Finds the 1-based line and column of the `occurrence`th `needle` in `text`.
func locate(_ needle: String, in text: String, occurrence: Int = 1) -> SourcePosition? {
    var seen = 0
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        var rest = Substring(line)
        var offset = 0
        while let r = rest.range(of: needle) {
            seen += 1
            let col = offset + rest.distance(from: rest.startIndex, to: r.lowerBound) + 1
            if seen == occurrence { return SourcePosition(line: i + 1, column: col) }
            offset = col
            rest = rest[rest.index(after: r.lowerBound)...]
        }
    }
    return nil
}

@Suite("Lexer and parser")
struct ParserTests {
    func parse(_ text: String) -> Result<Expr, Parser.Failure> {
        Parser.parse(ExpressionSource(text: text))
    }

    func tree(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        switch parse(text) {
        case .success(let e): return sexpr(e)
        case .failure(let f):
            Issue.record("'\(text)' did not parse: \(f.message) at \(f.range)", sourceLocation: sourceLocation)
            return nil
        }
    }

    func failure(
        _ text: String, file: String = "<expression>", line: Int = 1, column: Int = 1,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Parser.Failure? {
        switch Parser.parse(ExpressionSource(text: text, file: file, line: line, column: column)) {
        case .success(let e):
            Issue.record("'\(text)' parsed as \(sexpr(e)) but should fail", sourceLocation: sourceLocation)
            return nil
        case .failure(let f): return f
        }
    }

    // MARK: - Precedence and associativity

    @Test(
        "operator precedence and associativity",
        arguments: [
            ("a or b and c", "(or a (and b c))"),
            ("a and b or c", "(or (and a b) c)"),
            ("a or b or c", "(or (or a b) c)"),
            ("not a and b", "(and (not a) b)"),
            ("not a or b", "(or (not a) b)"),
            ("not a = b", "(not (= a b))"),
            ("not not a", "(not (not a))"),
            ("1 + 2 * 3", "(+ 1 (* 2 3))"),
            ("1 * 2 + 3", "(+ (* 1 2) 3)"),
            ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
            ("1 - 2 - 3", "(- (- 1 2) 3)"),
            ("8 / 4 / 2", "(/ (/ 8 4) 2)"),
            ("-a * b", "(* (neg a) b)"),
            ("-2", "(neg 2)"),
            ("a ?? b + 1", "(?? a (+ b 1))"),
            ("a + b ?? c", "(?? (+ a b) c)"),
            ("a ?? b = c", "(= (?? a b) c)"),
            ("a ?? b ?? c", "(?? (?? a b) c)"),
            ("a = b and c != d", "(and (= a b) (!= c d))"),
            ("a == b", "(= a b)"),
            ("a + 1 >= b * 2", "(>= (+ a 1) (* b 2))"),
            ("x in [1, 2] and y", "(and (in x [1 2]) y)"),
            ("x not in L", "(not in x L)"),
            ("x not in L or y", "(or (not in x L) y)"),
            ("not x in L", "(not (in x L))"),
            ("a.b.c", "(. (. a b) c)"),
            ("xs[0].name", "(. ([] xs 0) name)"),
            ("xs[i + 1][0]", "([] ([] xs (+ i 1)) 0)"),
            ("f(a, b).c", "(. (f a b) c)"),
            ("t[a][b] >= 3", "(>= ([] ([] t a) b) 3)")
        ])
    func precedence(text: String, expected: String) {
        #expect(tree(text) == expected)
    }

    // MARK: - Literals

    @Test(
        "literals",
        arguments: [
            ("42", "42"),
            ("1_000", "1000"),
            ("59.4", "59.4"),
            ("true", "true"),
            ("false", "false"),
            ("null", "null"),
            ("[]", "[]"),
            ("[1, 2, 3]", "[1 2 3]"),
            ("\"text\"", "\"text\""),
            ("'single'", "\"single\"")
        ])
    func literals(text: String, expected: String) {
        #expect(tree(text) == expected)
    }

    @Test(
        "date literals versus subtraction",
        arguments: [
            ("2014-11-03", "#2014-11-03"),
            ("2012-02-29", "#2012-02-29"),
            ("d >= 2014-11-03", "(>= d #2014-11-03)"),
            ("2014-11-03 - years(3)", "(- #2014-11-03 (years 3))"),
            ("2014 - 11 - 03", "(- (- 2014 11) 3)"),
            ("2014-11 - 3", "(- (- 2014 11) 3)"),
            ("n-1", "(- n 1)"),
            ("10-05-2014", "(- (- 10 5) 2014)"),
            ("20141103", "20141103"),
            ("[2014-01-01, 2014-12-31]", "[#2014-01-01 #2014-12-31]")
        ])
    func dates(text: String, expected: String) {
        #expect(tree(text) == expected)
    }

    @Test("strings with escapes")
    func stringEscapes() throws {
        let cases: [(String, String)] = [
            (#""a\"b""#, #"a"b"#),
            (#"'it\'s'"#, "it's"),
            (#""back\\slash""#, #"back\slash"#),
            (#"'say "hi"'"#, #"say "hi""#),
            (#""it's""#, "it's"),
            (#""""#, "")
        ]
        for (source, value) in cases {
            let e = try parse(source).get()
            guard case .string(let s) = e.node else {
                Issue.record("\(source) is not a string: \(sexpr(e))")
                continue
            }
            #expect(s == value, "\(source)")
        }
    }

    // MARK: - Lambdas, quantifiers and conditionals

    @Test(
        "lambdas and quantifier sugar",
        arguments: [
            ("map(xs, x -> x.a + 1)", "(map xs (-> x (+ (. x a) 1)))"),
            ("filter(applicant.headships, h -> h.role in roles)", "(filter (. applicant headships) (-> h (in (. h role) roles)))"),
            (
                "any h in applicant.headships: h.role = \"acting_head\"",
                "(any (. applicant headships) (-> h (= (. h role) \"acting_head\")))"
            ),
            ("all p in take(xs, 3): p > 1 and p < 5", "(all (take xs 3) (-> p (and (> p 1) (< p 5))))"),
            ("none x in xs: x", "(none xs (-> x x))"),
            ("count x in xs: x > 1", "(count xs (-> x (> x 1)))"),
            ("any s in schools: passes_part(\"B\", s)", "(any schools (-> s (passes_part \"B\" s)))"),
            ("count(xs)", "(count xs)"),
            ("any(xs, x -> x)", "(any xs (-> x x))"),
            ("max(map(xs, h -> h.start))", "(max (map xs (-> h (. h start))))"),
            ("map(xs, x -> if x then 1 else 2)", "(map xs (-> x (if x 1 2)))")
        ])
    func lambdas(text: String, expected: String) {
        #expect(tree(text) == expected)
    }

    @Test(
        "if … then … else",
        arguments: [
            ("if a then 1 else 2", "(if a 1 2)"),
            ("if a then 1 else if b then 2 else 3", "(if a 1 (if b 2 3))"),
            ("if a and b then x + 1 else y or z", "(if (and a b) (+ x 1) (or y z))"),
            ("(if a then 1 else 2) + 3", "(+ (if a 1 2) 3)"),
            ("f(if a then 1 else 2)", "(f (if a 1 2))"),
            ("if a then unknown(x) else b", "(if a (unknown x) b)")
        ])
    func conditionals(text: String, expected: String) {
        #expect(tree(text) == expected)
    }

    // MARK: - Ranges

    @Test("member ranges point at the field name")
    func memberRange() throws {
        let e = try Parser.parse(ExpressionSource(text: "applicant.headships", file: "f.yaml", line: 4, column: 10)).get()
        guard case .member(_, let name, let range) = e.node else {
            Issue.record("not a member: \(sexpr(e))")
            return
        }
        #expect(name == "headships")
        #expect(range.file == "f.yaml")
        #expect(range.start == SourcePosition(line: 4, column: 20))
        #expect(range.end == SourcePosition(line: 4, column: 29))
        #expect(e.range.start == SourcePosition(line: 4, column: 10))
    }

    @Test("call ranges point at the function name")
    func callRange() throws {
        let e = try Parser.parse(ExpressionSource(text: "1 + years(3)", line: 2, column: 5)).get()
        guard case .binary(.add, _, let rhs) = e.node, case .call("years", _, let nameRange) = rhs.node else {
            Issue.record("unexpected tree \(sexpr(e))")
            return
        }
        #expect(nameRange.start == SourcePosition(line: 2, column: 9))
        #expect(nameRange.end == SourcePosition(line: 2, column: 14))
        #expect(rhs.range.end == SourcePosition(line: 2, column: 17))
    }

    // MARK: - Errors at exact positions

    @Test("chained comparisons are an error at the second operator")
    func chainedComparison() throws {
        let f = try #require(failure("a < b < c", file: "rules.yaml", line: 7, column: 12))
        #expect(f.message.contains("cannot be chained"))
        #expect(f.range.file == "rules.yaml")
        #expect(f.range.start == SourcePosition(line: 7, column: 18))

        let g = try #require(failure("x = 1 = y"))
        #expect(g.message.contains("cannot be chained"))
        #expect(g.range.start.column == 7)

        let h = try #require(failure("a and 1 + n <= 2 >= m", column: 3))
        #expect(h.message.contains("cannot be chained"))
        #expect(h.range.start.column == 3 + 17)

        let i = try #require(failure("x in xs = true"))
        #expect(i.message.contains("cannot be chained"))
        #expect(i.range.start.column == 9)
    }

    @Test("an unclosed string is an error at its opening quote")
    func unclosedString() throws {
        let f = try #require(failure(#"name = "abc"#, line: 3, column: 5))
        #expect(f.message.contains("no closing"))
        #expect(f.range.start == SourcePosition(line: 3, column: 12))
        let g = try #require(failure("'abc"))
        #expect(g.range.start.column == 1)
    }

    @Test("a date literal that is not a real day is an error at the date")
    func badDateLiteral() throws {
        let f = try #require(failure("d >= 2014-02-30", line: 9, column: 20))
        #expect(f.message.contains("2014-02-30"))
        #expect(f.message.contains("not a real calendar date"))
        #expect(f.range.start == SourcePosition(line: 9, column: 25))
        #expect(f.range.end == SourcePosition(line: 9, column: 35))
        let g = try #require(failure("2015-02-29"))
        #expect(g.message.contains("2015-02-29"))
    }

    @Test(
        "syntax errors point at the offending token",
        arguments: [
            ("a # b", 3, "unexpected character '#'"),
            ("a b", 3, "after the end of the expression"),
            ("(a + b", 7, "expected ')'"),
            ("f(a, )", 6, "expected a value"),
            ("x.", 3, "expected a field name"),
            ("x.1", 3, "expected a field name"),
            ("if a then b", 12, "expected 'else'"),
            ("if a b else c", 6, "expected 'then'"),
            ("a and", 6, "expected a value"),
            ("[1, 2", 6, "expected ']'"),
            ("any x in xs x > 1", 13, "expected ':'"),
            ("a and or b", 7, "'or' cannot start an expression"),
            ("xs[0", 5, "expected ']'"),
            ("a ! b", 3, "unexpected character '!'"),
            // The messages of docs/rules.md, section 7.
            ("name = 'Ann' & true", 14, "unexpected character '&'"),
            ("if born > 2000-01-01 then true", 31, "expected 'else' to finish 'if … then …', found end of expression"),
            ("if present(name) else true", 18, "expected 'then' after the condition of 'if', found 'else'"),
            ("f(1", 4, "expected ')' to close the arguments of 'f'"),
            ("1 +", 4, "expected a value, found end of expression"),
            ("and true", 1, "'and' cannot start an expression here"),
            ("present(name) and if present(born) then true else false", 19, "'if' cannot start an expression here"),
            ("name = \"a\" then", 12, "unexpected 'then' after the end of the expression"),
            ("x -> x", 3, "unexpected '->' after the end of the expression"),
            ("[1, 2", 6, "expected ']' to close the list"),
            ("schools[0", 10, "expected ']' to close the index")
        ])
    func syntaxErrors(text: String, column: Int, message: String) throws {
        let f = try #require(failure(text, line: 2, column: 1))
        #expect(f.message.contains(message), "message was: \(f.message)")
        #expect(f.range.start == SourcePosition(line: 2, column: column))
    }

    @Test("deep nesting is an error, not a crash")
    func deepNesting() throws {
        let text = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        let f = try #require(failure(text))
        #expect(f.message.contains("nested more than \(Parser.maxNesting) levels deep"))
        #expect(tree(String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)) == "1")
    }

    // MARK: - Positions inside a rule file

    /// A rule file whose expressions sit at known columns.
    static let ruleFileWithSyntaxError = Inline.ruleFile(
        """
        parts:
          - id: P
            title: Part
            rules:
              - id: R1
                title: First
                citation: test
                require: n < 1 < 2
              - id: R2
                title: Second
                citation: test
                require: |
                  a and
                    d >= 2014-02-30
              - id: R3
                title: Third
                citation: test
                require: "s = 'x' and \\"unclosed"

        """)

    @Test("syntax errors in a rule file are reported at the file position of the token")
    func positionsInRuleFile() throws {
        let text = Self.ruleFileWithSyntaxError
        let lib = Inline.library(rules: text)
        let syntax = lib.diagnostics.filter { $0.id == "parse.syntax" }
        #expect(syntax.count == 3)
        #expect(lib.ruleSets.isEmpty)
        // Hand-counted: the rule file header is four lines and a blank one.
        //   line 12: `        require: n < 1 < 2`: the second '<' is at column 24.
        let chained = try #require(syntax.first { $0.message.contains("chained") })
        #expect(chained.range?.file == Inline.rulesPath)
        #expect(chained.range?.start == SourcePosition(line: 12, column: 24))
        #expect(locate("< 2", in: text) == SourcePosition(line: 12, column: 24))
        //   line 18: `            d >= 2014-02-30` inside a literal block scalar.
        let date = try #require(syntax.first { $0.message.contains("2014-02-30") })
        #expect(date.range?.start == SourcePosition(line: 18, column: 18))
        #expect(locate("2014-02-30", in: text) == SourcePosition(line: 18, column: 18))
        //   line 22: the unclosed string opens at the escaped quote.
        let unclosed = try #require(syntax.first { $0.message.contains("no closing") })
        #expect(unclosed.range?.start.line == 22)
    }
}
