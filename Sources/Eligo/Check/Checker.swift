/// Type-checks expressions against a record kind's schema and the rule set's
/// parameters and derived values, and compiles them to `Code`.
///
/// Every problem becomes a diagnostic at the exact place in the rule file; a
/// failed sub-expression yields the `null` type, which fits anywhere, so one
/// mistake gives one diagnostic rather than a cascade.
struct Checker {
    struct Typed {
        var code: Code
        var type: ValueType
        static let poison = Typed(code: .constant(.null), type: .null)
    }

    struct Parameter {
        var name: String
        var type: ValueType
        var value: Value
        var range: SourceRange
        /// The parameter's `value:` node, so a bad enum value in it can be pointed at.
        var valueNode: YAMLNode? = nil
    }

    struct PartSignature {
        var id: String
        var index: Int
        var itemType: ValueType
    }

    var diagnostics: [Diagnostic] = []
    let root: ObjectType
    var parameters: [String: Parameter] = [:]
    var usedParameters: Set<String> = []
    var parts: [String: PartSignature] = [:]

    // Derived values, compiled on first use so they may be declared in any order.
    var derivedExprs: [String: (index: Int, expr: Expr)] = [:]
    var derivedCompiled: [Int: (typed: Typed, usesAsOf: Bool)] = [:]
    private var derivedInProgress: [String] = []
    /// The summed heights of the derived values being compiled, one inside the next: how deep the
    /// checker and, later, the evaluator recurse through them (see `maxDerivedNesting`).
    private var derivedNesting = 0

    /// The deepest chain of derived values, counted in expression levels: `d2: d1 + 1` inside
    /// `d1: d0 + 1` counts 2 + 2. With a rule's own 64 (`Parser.maxNesting`), checking and
    /// evaluation never recurse more than 128 levels, which a release build does in under 512 KiB
    /// of stack (measured with `ulimit -s`). docs/limits.md lists it.
    static let maxDerivedNesting = 64

    private var locals: [(name: String, type: ValueType, slot: Int)] = []
    private(set) var maxLocals = 0
    /// Set when the expression being compiled depends on the assessment date.
    var usedAsOf = false

    init(root: ObjectType) { self.root = root }

    // MARK: - Scopes

    mutating func withLocal<T>(_ name: String, _ type: ValueType, _ body: (inout Checker, Int) -> T) -> T {
        let slot = pushLocal(name, type)
        defer { locals.removeLast() }
        return body(&self, slot)
    }

    /// Binds a name for the rest of a scope; pair with `popLocals`.
    mutating func pushLocal(_ name: String, _ type: ValueType) -> Int {
        let slot = locals.count
        locals.append((name, type, slot))
        maxLocals = max(maxLocals, locals.count)
        return slot
    }

    mutating func popLocals(_ count: Int) { locals.removeLast(count) }

    /// Compiles a condition that must be true or false.
    mutating func condition(_ e: Expr, what: String) -> Code {
        let t = check(e)
        if t.type != .bool && t.type != .null {
            error("check.not-a-condition", "\(what) must be true or false, but this is \(article(t.type))", e.range)
        }
        return t.code
    }

    // MARK: - Expressions

    mutating func check(_ e: Expr) -> Typed {
        switch e.node {
        case .int(let n): return Typed(code: .constant(.int(n)), type: .int)
        case .decimal(let d): return Typed(code: .constant(.decimal(d)), type: .decimal)
        case .string(let s): return Typed(code: .constant(.string(s)), type: .string)
        case .date(let d): return Typed(code: .constant(.date(d)), type: .date)
        case .bool(let b): return Typed(code: .constant(.bool(b)), type: .bool)
        case .null: return Typed(code: .constant(.null), type: .null)
        case .name(let name): return resolve(name, e.range)
        case .member(let base, let name, let nameRange): return member(check(base), name, nameRange, base)
        case .index(let base, let index): return subscriptCheck(check(base), index, e)
        case .call(let name, let args, let nameRange): return call(name, args, nameRange, e)
        case .lambda:
            error("check.misplaced-lambda", "'x -> …' can only be an argument of a list function such as any, all or map", e.range)
            return .poison
        case .not(let operand):
            let t = check(operand)
            expect(t, .bool, operand.range, "'not'")
            return Typed(code: .not(t.code), type: .bool)
        case .negate(let operand):
            let t = check(operand)
            if !t.type.isNumeric && t.type != .null {
                error("check.type-mismatch", "cannot negate \(article(t.type))", operand.range)
                return .poison
            }
            return Typed(code: .negate(t.code), type: t.type)
        case .binary(let op, let lhs, let rhs): return binary(op, lhs, rhs, e)
        case .list(let items):
            var element = ValueType.null
            var codes: [Code] = []
            for item in items {
                let t = check(item)
                guard let u = unify(element, t.type) else {
                    error("check.type-mismatch", "list mixes \(article(element)) and \(article(t.type))", item.range)
                    return .poison
                }
                element = u
                codes.append(t.code)
            }
            return Typed(code: .list(codes), type: .list(element))
        case .conditional(let c, let a, let b):
            let cond = condition(c, what: "the condition of 'if'")
            let ta = check(a), tb = check(b)
            guard let u = unify(ta.type, tb.type) else {
                error("check.type-mismatch", "'then' gives \(article(ta.type)) but 'else' gives \(article(tb.type))", b.range)
                return .poison
            }
            return Typed(code: .conditional(cond, ta.code, tb.code), type: u)
        }
    }

    private mutating func resolve(_ name: String, _ range: SourceRange) -> Typed {
        if let local = locals.last(where: { $0.name == name }) {
            return Typed(code: .local(local.slot), type: local.type)
        }
        if name == "unknown" { return Typed(code: .unknown(nil), type: .null) }
        if name == "as_of" {
            usedAsOf = true
            return Typed(code: .asOf, type: .date)
        }
        if derivedExprs[name] != nil { return derived(name, range) }
        if let p = parameters[name] {
            usedParameters.insert(name)
            return Typed(code: .constant(p.value), type: p.type)
        }
        if let slot = root.slot(of: name) {
            return Typed(code: .field(.root, slot: slot, name: name), type: root.fields[slot].type)
        }
        // Words authors reach for from YAML or English: the expression language's own spelling.
        let spelled: [String: String] = [
            "yes": "true", "no": "false", "on": "true", "off": "false", "True": "true",
            "False": "false", "TRUE": "true", "FALSE": "false", "none": "null", "None": "null",
            "nil": "null", "today": "as_of"
        ]
        if let meant = spelled[name] {
            error(
                "check.unknown-name",
                "unknown name '\(name)': a \(meant == "as_of" ? "date" : meant == "null" ? "missing value" : "yes/no value") is written '\(meant)' in an expression",
                range,
                suggestion: meant)
            return .poison
        }
        let candidates = locals.map({ $0.name }) + ["as_of"] + derivedExprs.keys.sorted() + parameters.keys.sorted() + root.fields.map({ $0.name })
        error(
            "check.unknown-name", "unknown name '\(name)': not a field of \(root.name), a parameter or a derived value", range,
            suggestion: Suggestion.closest(to: name, in: candidates))
        return .poison
    }

    private mutating func derived(_ name: String, _ range: SourceRange) -> Typed {
        let (index, expr) = derivedExprs[name]!
        if let done = derivedCompiled[index] {
            usedAsOf = usedAsOf || done.usesAsOf
            return Typed(code: .derived(index), type: done.typed.type)
        }
        if derivedInProgress.contains(name) {
            let cycle = (derivedInProgress.drop { $0 != name } + [name]).joined(separator: " → ")
            error("check.cyclic-derived", "derived value '\(name)' depends on itself (\(cycle))", range)
            return .poison
        }
        if derivedNesting + expr.height > Checker.maxDerivedNesting {
            let chain = (derivedInProgress + [name]).joined(separator: " → ")
            error(
                "check.too-deep",
                "derived value '\(name)' nests more than \(Checker.maxDerivedNesting) expression levels deep through the derived values it uses (\(chain)); "
                    + "fewer derived values, one inside the next, will do", range)
            derivedCompiled[index] = (.poison, false)
            return .poison
        }
        derivedInProgress.append(name)
        derivedNesting += expr.height
        defer { derivedNesting -= expr.height }
        let savedLocals = locals, savedAsOf = usedAsOf
        locals = []
        usedAsOf = false
        let typed = check(expr)
        let uses = usedAsOf
        locals = savedLocals
        usedAsOf = savedAsOf || uses
        derivedInProgress.removeLast()
        derivedCompiled[index] = (typed, uses)
        return Typed(code: .derived(index), type: typed.type)
    }

    private mutating func member(_ base: Typed, _ name: String, _ nameRange: SourceRange, _ baseExpr: Expr) -> Typed {
        switch base.type {
        case .null: return .poison
        case .object(let o):
            guard let slot = o.slot(of: name) else {
                error(
                    "check.unknown-field", "'\(name)' is not a field of \(o.name)", nameRange,
                    notes: [.init("\(o.name) has: \(o.fields.map({ $0.name }).joined(separator: ", "))")],
                    suggestion: Suggestion.closest(to: name, in: o.fields.map({ $0.name })))
                return .poison
            }
            return Typed(code: .field(base.code, slot: slot, name: name), type: o.fields[slot].type)
        case .list(let element):
            var hint = "use any, all, map or an index such as [0]"
            if let o = element.objectType, o.slot(of: name) != nil {
                hint = "each item has '\(name)': \(hint)"
            }
            error("check.member-of-list", "cannot read '\(name)' of a list (\(base.type)); \(hint)", nameRange)
            return .poison
        default:
            error("check.no-fields", "\(article(base.type)) has no field '\(name)'", nameRange)
            return .poison
        }
    }

    private mutating func subscriptCheck(_ base: Typed, _ index: Expr, _ e: Expr) -> Typed {
        let i = check(index)
        switch base.type {
        case .null: return .poison
        case .list(let element):
            expect(i, .int, index.range, "a list index")
            return Typed(code: .index(base.code, i.code), type: element)
        case .map(let key, let value):
            if unify(key, i.type) == nil {
                error("check.type-mismatch", "this table is looked up by \(article(key)), not \(article(i.type))", index.range)
            }
            return Typed(code: .lookup(base.code, i.code), type: value)
        default:
            error("check.not-indexable", "cannot index \(article(base.type)) with [...]", e.range)
            return .poison
        }
    }

    // MARK: - Operators

    private mutating func binary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, _ e: Expr) -> Typed {
        let l = check(lhs), r = check(rhs)
        if l.type == .null && r.type == .null && (isPoison(l) || isPoison(r)) { return .poison }
        switch op {
        case .and, .or:
            expect(l, .bool, lhs.range, "'\(op.rawValue)'")
            expect(r, .bool, rhs.range, "'\(op.rawValue)'")
            return Typed(code: op == .and ? .and(l.code, r.code) : .or(l.code, r.code), type: .bool)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard unify(l.type, r.type) != nil else {
                error(
                    "check.type-mismatch", "cannot compare \(article(l.type)) with \(article(r.type))", e.range,
                    notes: [
                        .init("the left side is \(article(l.type))", at: lhs.range),
                        .init("the right side is \(article(r.type))", at: rhs.range)
                    ])
                return Typed(code: .constant(.null), type: .bool)
            }
            checkEnumLiteral(l.type, rhs)
            checkEnumLiteral(r.type, lhs)
            checkEnumConstants(l.type, rhs, list: false, comparison: e.range)
            checkEnumConstants(r.type, lhs, list: false, comparison: e.range)
            if op != .equal && op != .notEqual {
                let t = unify(l.type, r.type)!
                if !(t.isNumeric || t == .date || t == .null) {
                    error("check.not-ordered", "'\(op.rawValue)' needs numbers or dates, not \(article(t))", e.range)
                }
            }
            return Typed(code: .compare(op, l.code, r.code), type: .bool)
        case .isIn, .notIn:
            switch r.type {
            case .null: break
            case .list(let element):
                if unify(l.type, element) == nil {
                    error("check.type-mismatch", "cannot look for \(article(l.type)) in \(article(r.type))", e.range)
                }
                if case .list(let items) = rhs.node { items.forEach { checkEnumLiteral(l.type, $0) } }
                checkEnumConstants(l.type, rhs, list: true, comparison: e.range)
            default:
                error("check.type-mismatch", "'\(op.rawValue)' needs a list on its right, found \(article(r.type))", rhs.range)
            }
            return Typed(code: .member(l.code, r.code, negated: op == .notIn), type: .bool)
        case .coalesce:
            guard let u = unify(l.type, r.type) else {
                error("check.type-mismatch", "'??' gives \(article(l.type)) or \(article(r.type)); they must agree", e.range)
                return .poison
            }
            return Typed(code: .coalesce(l.code, r.code), type: u)
        case .add, .subtract:
            if l.type == .date || (l.type == .null && r.type == .duration) {
                if r.type == .duration || r.type == .null {
                    return Typed(code: .shift(l.code, r.code, subtract: op == .subtract), type: .date)
                }
                if r.type == .date && op == .subtract {
                    error("check.type-mismatch", "cannot subtract two dates; use days_between, months_between or years_between", e.range)
                } else {
                    error(
                        "check.type-mismatch",
                        "cannot \(op == .add ? "add" : "subtract") \(article(r.type)) \(op == .add ? "to" : "from") a date; use years(n), months(n) or days(n)",
                        rhs.range)
                }
                return .poison
            }
            return arithmetic(op, l, r, e)
        case .multiply, .divide:
            return arithmetic(op, l, r, e)
        }
    }

    private mutating func arithmetic(_ op: BinaryOperator, _ l: Typed, _ r: Typed, _ e: Expr) -> Typed {
        let ok: (ValueType) -> Bool = { $0.isNumeric || $0 == .null }
        guard ok(l.type), ok(r.type) else {
            error("check.type-mismatch", "'\(op.rawValue)' needs numbers, found \(article(l.type)) and \(article(r.type))", e.range)
            return .poison
        }
        let type: ValueType = op == .divide || l.type == .decimal || r.type == .decimal ? .decimal : .int
        return Typed(code: .arithmetic(op, l.code, r.code), type: type)
    }

    /// `role = "headteachr"` against an enum: a mistake the checker can see.
    private mutating func checkEnumLiteral(_ type: ValueType, _ e: Expr) {
        guard case .enumeration(let en) = type, case .string(let s) = e.node, !en.values.contains(s) else { return }
        error(
            "check.unknown-enum-value", "'\(s)' is not a value of \(en.name ?? "this enum")", e.range,
            notes: [.init("the values are: \(en.values.joined(separator: ", "))")],
            suggestion: Suggestion.closest(to: s, in: en.values))
    }

    // MARK: - Functions

    /// Functions authors reach for by another name (`within(x, a, b)` is `between`).
    static let functionSynonyms: [String: String] = [
        "within": "between", "in_range": "between", "len": "count", "length": "count", "size": "count",
        "total": "sum", "minimum": "min", "maximum": "max", "exists": "present", "missing": "absent",
        "is_null": "absent", "not_null": "present", "age": "years_between", "duration": "span"
    ]

    static let functionNames = Set(
        Fold.allCases.map({ $0.rawValue }) + Builtin.allCases.map({ $0.rawValue }) + ["passes_part", "unknown"]
            + Checker.datasetFunctionNames)

    private mutating func call(_ name: String, _ args: [Expr], _ nameRange: SourceRange, _ e: Expr) -> Typed {
        if let typed = datasetCall(name, args, nameRange, e) { return typed }
        if let fold = Fold(rawValue: name), args.count == 2, case .lambda(let variable, let body) = args[1].node {
            return foldCall(fold, args[0], variable, body, e)
        }
        if name == "passes_part" {
            guard args.count == 2 else { return arity(name, "2", args.count, nameRange) }
            guard case .string(let id) = args[0].node, let part = parts[id] else {
                error(
                    "check.unknown-part", "the first argument of passes_part must name a for_each part in quotes", args[0].range,
                    suggestion: {
                        if case .string(let s) = args[0].node { return Suggestion.closest(to: s, in: parts.keys) }; return nil
                    }())
                return .poison
            }
            let item = check(args[1])
            if unify(item.type, part.itemType) == nil {
                error("check.type-mismatch", "part '\(id)' is about \(article(part.itemType)), not \(article(item.type))", args[1].range)
            }
            usedAsOf = true
            return Typed(code: .partPasses(part: part.index, item: item.code), type: .bool)
        }
        if name == "unknown" {
            guard args.count <= 1 else { return arity(name, "0 or 1", args.count, nameRange) }
            return Typed(code: .unknown(args.first.map { check($0).code }), type: .null)
        }
        guard let builtin = Builtin(rawValue: name) else {
            if Fold(rawValue: name) != nil {
                error("check.expected-lambda", "'\(name)' takes a list and a function such as 'x -> x.days'", e.range)
            } else {
                error(
                    "check.unknown-function", "unknown function '\(name)'", nameRange,
                    suggestion: Checker.functionSynonyms[name] ?? Suggestion.closest(to: name, in: Checker.functionNames))
            }
            return .poison
        }
        let typed = args.map { check($0) }
        let types = typed.map({ $0.type }), codes = typed.map({ $0.code })
        func want(_ n: Int) -> Bool {
            if args.count == n { return true }
            _ = arity(name, "\(n)", args.count, nameRange)
            return false
        }
        func arg(_ i: Int, _ t: ValueType) { expect(typed[i], t, args[i].range, "argument \(i + 1) of \(name)") }
        func result(_ t: ValueType) -> Typed { Typed(code: .call(builtin, codes), type: t) }
        if case .fixed(let parameters, let type) = builtin.signature {
            guard want(parameters.count) else { return .poison }
            for (i, parameter) in parameters.enumerated() { if let parameter { arg(i, parameter) } }
            return result(type)
        }
        switch builtin {
        case .between:
            guard want(3) else { return .poison }
            if unify(types[0], types[1]) == nil || unify(types[0], types[2]) == nil {
                error("check.type-mismatch", "between needs three values of one type, found \(types.map(article).joined(separator: ", "))", e.range)
            }
            return result(.bool)
        case .min, .max:
            if args.count == 2 {
                guard let u = unify(types[0], types[1]), u.isNumeric || u == .date || u == .null else {
                    error("check.type-mismatch", "\(name) needs two numbers or two dates", e.range)
                    return .poison
                }
                return result(u)
            }
            guard want(1), let element = listElement(typed[0], args[0], name) else { return .poison }
            return result(element)
        case .count:
            guard want(1), listElement(typed[0], args[0], name) != nil else { return .poison }
            return result(.int)
        case .sum:
            guard want(1), let element = listElement(typed[0], args[0], name) else { return .poison }
            if !element.isNumeric && element != .null {
                error("check.type-mismatch", "sum needs a list of numbers, found \(article(types[0]))", args[0].range)
            }
            return result(element == .null ? .int : element)
        case .first, .last:
            guard want(1), let element = listElement(typed[0], args[0], name) else { return .poison }
            return result(element)
        case .take:
            guard want(2), listElement(typed[0], args[0], name) != nil else { return .poison }
            arg(1, .int)
            return result(types[0])
        case .strictlyIncreasing:
            guard want(1), let element = listElement(typed[0], args[0], name) else { return .poison }
            if !(element.isNumeric || element == .date || element == .null) {
                error("check.type-mismatch", "strictly_increasing needs a list of numbers or dates", args[0].range)
            }
            return result(.bool)
        case .lower:
            guard want(1) else { return .poison }
            if !types[0].isStringLike && types[0] != .null {
                error("check.type-mismatch", "lower needs text, found \(article(types[0]))", args[0].range)
            }
            return result(.string)
        case .concat:
            return result(.text)
        default:
            // Fixed signatures were checked above (`Builtin.signature`).
            return .poison
        }
    }

    private mutating func foldCall(_ fold: Fold, _ listExpr: Expr, _ variable: String, _ body: Expr, _ e: Expr) -> Typed {
        let list = check(listExpr)
        guard let element = listElement(list, listExpr, fold.rawValue) else { return .poison }
        let (bodyTyped, slot) = withLocal(variable, element) { checker, slot in (checker.check(body), slot) }
        let code = Code.fold(fold, list: list.code, slot: slot, body: bodyTyped.code)
        switch fold {
        case .any, .all, .none, .count, .filter:
            expect(bodyTyped, .bool, body.range, "the condition of \(fold.rawValue)")
            let type: ValueType = fold == .count ? .int : fold == .filter ? list.type : .bool
            return Typed(code: code, type: type)
        case .sum:
            if !bodyTyped.type.isNumeric && bodyTyped.type != .null {
                error("check.type-mismatch", "sum needs numbers, but this gives \(article(bodyTyped.type))", body.range)
            }
            return Typed(code: code, type: bodyTyped.type == .null ? .int : bodyTyped.type)
        case .min, .max:
            return Typed(code: code, type: bodyTyped.type)
        case .map:
            return Typed(code: code, type: .list(bodyTyped.type))
        case .sortBy, .sortByDescending:
            if !(bodyTyped.type.isNumeric || bodyTyped.type == .date || bodyTyped.type.isStringLike || bodyTyped.type == .null) {
                error("check.type-mismatch", "can only sort by numbers, dates or text", body.range)
            }
            return Typed(code: code, type: list.type)
        }
    }

    private mutating func listElement(_ t: Typed, _ e: Expr, _ function: String) -> ValueType? {
        switch t.type {
        case .list(let element): return element
        case .null: return .null
        default:
            error("check.type-mismatch", "\(function) needs a list, but this is \(article(t.type))", e.range)
            return nil
        }
    }

    private mutating func arity(_ name: String, _ expected: String, _ got: Int, _ range: SourceRange) -> Typed {
        error(
            "check.argument-count", "\(name) takes \(expected) argument\(expected == "1" ? "" : "s"), but \(got) \(got == 1 ? "was" : "were") given",
            range)
        return .poison
    }

    // MARK: - Helpers

    private func isPoison(_ t: Typed) -> Bool {
        if case .constant(.null) = t.code, t.type == .null { return true }
        return false
    }

    private mutating func expect(_ t: Typed, _ type: ValueType, _ range: SourceRange, _ what: String) {
        if t.type == .null || unify(t.type, type) != nil && (type != .bool || t.type == .bool) { return }
        error("check.type-mismatch", "\(what) must be \(article(type)), but this is \(article(t.type))", range)
    }

    mutating func error(_ id: String, _ message: String, _ range: SourceRange, notes: [Diagnostic.Note] = [], suggestion: String? = nil) {
        diagnostics.append(.error(id, message, at: range, notes: notes, suggestion: suggestion))
    }
}

/// The type both values can be read as, or nil when they cannot meet.
func unify(_ a: ValueType, _ b: ValueType) -> ValueType? {
    if a == .null { return b }
    if b == .null { return a }
    if a == b { return a }
    if a.isNumeric && b.isNumeric { return .decimal }
    if a.isStringLike && b.isStringLike { return .string }
    if case .list(let x) = a, case .list(let y) = b, let u = unify(x, y) { return .list(u) }
    return nil
}

/// "a date", "an int", "a list<string>": types as a sentence says them.
func article(_ t: ValueType) -> String {
    switch t {
    case .null: return "an unknown value"
    case .int: return "an int"
    case .interval: return "an interval"
    case .enumeration: return "an \(t)"
    case .object(let o): return "a \(o.name) record"
    default: return "a \(t)"
    }
}
