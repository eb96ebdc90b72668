/// The functions rules about a dataset need, type-checked like every other:
///
/// - `by_id(lles, d.lle_id)`: the record of a collection with that `id`, or absent;
/// - `find(tsas, t -> t.name = n)`: the first record whose field equals a value, or absent;
/// - `where(associations, a -> a.lle_id = lle.id)`: every such record, in collection order
///   (`and …` may follow the equality to narrow the result further);
/// - `interval(r)`, `active_on(r, d)`, `overlaps(r, s)`: a record with `start` and `end`
///   stands for the interval of days it runs.
///
/// Equality lookups are served from an index built once per run (IndexedLookup.swift).
extension Checker {
    static let datasetFunctionNames = ["by_id", "find", "where"]

    /// Compiles a call to one of the dataset functions; nil when `name` is not one,
    /// so the caller goes on with the ordinary built-ins.
    mutating func datasetCall(_ name: String, _ args: [Expr], _ nameRange: SourceRange, _ e: Expr) -> Typed? {
        switch name {
        case "by_id": return byId(args, nameRange, e)
        case "find", "where": return findOrWhere(name, args, nameRange, e)
        case "interval" where args.count == 1:
            let t = check(args[0])
            if t.type == .null { return Typed(code: t.code, type: .interval) }
            guard let code = recordInterval(t) else {
                error(
                    "check.type-mismatch",
                    "interval takes a start and an end date, or one record with 'start' and 'end' fields; this is \(article(t.type))", args[0].range)
                return .poison
            }
            return Typed(code: code, type: .interval)
        case "active_on" where args.count == 2, "overlaps" where args.count == 2:
            let typed = args.map { check($0) }
            var codes: [Code] = []
            for (i, t) in typed.enumerated() {
                let wantsDate = name == "active_on" && i == 1
                if wantsDate {
                    if t.type != .date && t.type != .null {
                        error("check.type-mismatch", "argument 2 of active_on must be a date, but this is \(article(t.type))", args[i].range)
                    }
                    codes.append(t.code)
                } else if let code = recordInterval(t) {
                    codes.append(code)
                } else {
                    if t.type != .interval && t.type != .null {
                        error(
                            "check.type-mismatch",
                            "argument \(i + 1) of \(name) must be an interval or a record with 'start' and 'end', but this is \(article(t.type))",
                            args[i].range)
                    }
                    codes.append(t.code)
                }
            }
            return Typed(code: .call(name == "active_on" ? .activeOn : .overlaps, codes), type: .bool)
        default:
            return nil
        }
    }

    /// `interval(r.start, r.end)` for a record whose type has a `start` date (and maybe an `end`).
    private func recordInterval(_ t: Typed) -> Code? {
        guard case .object(let o) = t.type, let s = o.slot(of: "start"), o.fields[s].type == .date else { return nil }
        let start = Code.field(t.code, slot: s, name: "start")
        var end = Code.constant(.null)
        if let en = o.slot(of: "end"), o.fields[en].type == .date { end = .field(t.code, slot: en, name: "end") }
        return .call(.interval, [start, end])
    }

    private mutating func byId(_ args: [Expr], _ nameRange: SourceRange, _ e: Expr) -> Typed {
        guard args.count == 2 else {
            error(
                "check.argument-count",
                "by_id takes 2 arguments (a collection and an id, as in by_id(lles, d.lle_id)), but \(args.count) \(args.count == 1 ? "was" : "were") given",
                nameRange)
            return .poison
        }
        if case .lambda = args[1].node {
            error(
                "check.type-mismatch", "by_id takes an id, not a function; to match another field use find(list, x -> x.field = value)", args[1].range
            )
            return .poison
        }
        let list = check(args[0])
        let key = check(args[1])
        guard let element = collectionElement(list, args[0], "by_id") else { return .poison }
        guard let o = element else { return .poison }
        guard let slot = o.slot(of: "id") else {
            error(
                "check.unknown-field", "by_id needs records with an 'id' field; \(o.name) has none", args[0].range,
                notes: [.init("\(o.name) has: \(o.fields.map({ $0.name }).joined(separator: ", "))")])
            return .poison
        }
        if unify(o.fields[slot].type, key.type) == nil {
            error("check.type-mismatch", "the ids of \(o.name) are \(article(o.fields[slot].type)), not \(article(key.type))", args[1].range)
        }
        let lookup = IndexedLookup(
            mode: .first, list: list.code, fieldSlot: slot, fieldName: "id", key: key.code,
            condition: nil, cacheKey: cacheKey(list.code, args[0], field: "id"))
        return Typed(code: .indexed(lookup), type: .object(o))
    }

    private mutating func findOrWhere(_ name: String, _ args: [Expr], _ nameRange: SourceRange, _ e: Expr) -> Typed {
        let example = name == "where" ? "where(associations, a -> a.lle_id = lle.id)" : "find(tsas, t -> t.name = \"KYRA\")"
        guard args.count == 2, case .lambda(let variable, let body) = args[1].node else {
            error("check.expected-lambda", "'\(name)' takes a list and a condition that starts 'x -> x.FIELD = value', as in \(example)", e.range)
            return .poison
        }
        let list = check(args[0])
        guard let element = collectionElement(list, args[0], name) else { return .poison }
        guard let o = element else { return .poison }

        // The condition is `x.FIELD = value`, optionally followed by `and …`.
        var conjuncts: [Expr] = []
        func flatten(_ x: Expr) {
            if case .binary(.and, let l, let r) = x.node { flatten(l); flatten(r) } else { conjuncts.append(x) }
        }
        flatten(body)
        let equality = conjuncts.removeFirst()
        var fieldName: String?, fieldRange = equality.range, keyExpr: Expr?
        if case .binary(.equal, let lhs, let rhs) = equality.node {
            if case .member(let base, let f, let r) = lhs.node, case .name(variable) = base.node {
                (fieldName, fieldRange, keyExpr) = (f, r, rhs)
            } else if case .member(let base, let f, let r) = rhs.node, case .name(variable) = base.node {
                (fieldName, fieldRange, keyExpr) = (f, r, lhs)
            }
        }
        guard let fieldName, let keyExpr else {
            error(
                "check.unindexable-condition",
                "the condition of '\(name)' must start with '\(variable).FIELD = value' (then 'and …' if needed), as in \(example)", equality.range)
            return .poison
        }
        guard let slot = o.slot(of: fieldName) else {
            error(
                "check.unknown-field", "'\(fieldName)' is not a field of \(o.name)", fieldRange,
                notes: [.init("\(o.name) has: \(o.fields.map({ $0.name }).joined(separator: ", "))")],
                suggestion: Suggestion.closest(to: fieldName, in: o.fields.map({ $0.name })))
            return .poison
        }
        let rest = conjuncts
        let (key, restCode, lambdaSlot) = withLocal(variable, .object(o)) { checker, lambdaSlot -> (Typed, Code?, Int) in
            let key = checker.check(keyExpr)
            var restCode: Code?
            for c in rest {
                let code = checker.condition(c, what: "the condition of \(name)")
                restCode = restCode.map { .and($0, code) } ?? code
            }
            return (key, restCode, lambdaSlot)
        }
        if mentions(key.code, slot: lambdaSlot) {
            error(
                "check.unindexable-condition", "the value '\(variable).\(fieldName)' is compared with must not depend on '\(variable)' itself",
                keyExpr.range)
            return .poison
        }
        if unify(o.fields[slot].type, key.type) == nil {
            error("check.type-mismatch", "cannot compare \(article(o.fields[slot].type)) with \(article(key.type))", equality.range)
        }
        if case .enumeration(let en) = o.fields[slot].type, case .string(let s) = keyExpr.node, !en.values.contains(s) {
            error(
                "check.unknown-enum-value", "'\(s)' is not a value of \(en.name ?? "this enum")", keyExpr.range,
                notes: [.init("the values are: \(en.values.joined(separator: ", "))")],
                suggestion: Suggestion.closest(to: s, in: en.values))
        }
        let lookup = IndexedLookup(
            mode: name == "where" ? .all : .first, list: list.code, fieldSlot: slot, fieldName: fieldName,
            key: key.code, condition: restCode.map { (lambdaSlot, $0) },
            cacheKey: cacheKey(list.code, args[0], field: fieldName))
        return Typed(code: .indexed(lookup), type: name == "where" ? .list(.object(o)) : .object(o))
    }

    /// The record type of a collection: `.some(nil)` for an already-reported mistake, nil after reporting a new one.
    private mutating func collectionElement(_ t: Typed, _ e: Expr, _ function: String) -> ObjectType?? {
        switch t.type {
        case .null: return .some(nil)
        case .list(.object(let o)): return .some(o)
        case .list(.null): return .some(nil)
        default:
            error("check.type-mismatch", "\(function) needs a list of records (a collection such as lles), but this is \(article(t.type))", e.range)
            return nil
        }
    }

    /// The index's name in the cache, or nil when the list may differ from one use to the next.
    private func cacheKey(_ list: Code, _ e: Expr, field: String) -> String? {
        guard isStable(list, bound: []) else { return nil }
        switch list {
        case .field(.root, _, let name): return "\(name)|\(field)"
        case .derived(let i): return "derived \(i)|\(field)"
        default: return "\(e.range)|\(field)"
        }
    }

    /// Whether code gives the same value throughout a run: it reads no variable bound
    /// outside it and does not depend on the assessment date.
    private func isStable(_ c: Code, bound: Set<Int>) -> Bool {
        func s(_ x: Code) -> Bool { isStable(x, bound: bound) }
        switch c {
        case .asOf, .partPasses: return false
        case .local(let slot): return bound.contains(slot)
        case .derived(let i): return derivedCompiled[i].map { !$0.usesAsOf } ?? false
        case .fold(_, let list, let slot, let body): return s(list) && isStable(body, bound: bound.union([slot]))
        case .indexed(let q):
            let inner = q.condition.map { isStable($0.body, bound: bound.union([$0.slot])) } ?? true
            return s(q.list) && s(q.key) && inner
        default: return c.children.allSatisfy(s)
        }
    }

    /// Whether code reads the variable in `slot`.
    private func mentions(_ c: Code, slot: Int) -> Bool {
        !doesNotRead(c, slot: slot)
    }

    private func doesNotRead(_ c: Code, slot: Int) -> Bool {
        func s(_ x: Code) -> Bool { doesNotRead(x, slot: slot) }
        switch c {
        case .local(let l): return l != slot
        case .fold(_, let list, let inner, let body): return s(list) && (inner == slot || s(body))
        case .indexed(let q):
            let inner = q.condition.map { $0.slot == slot || s($0.body) } ?? true
            return s(q.list) && s(q.key) && inner
        default: return c.children.allSatisfy(s)
        }
    }
}
