/// Works out, without any record, the value of compiled code that depends only
/// on literals and parameters (which the checker has already folded to
/// constants) and on derived values that are themselves constant.
///
/// Used by the linter to find conditions that can never change
/// (`require: min_remain_years >= 2`), and by `eligo rules doc` to fill the
/// `{parameter}` holes of a rule's plain-language statement.
///
/// Code that is fully closed (no record field, no `as_of`, no `passes_part`)
/// is run by the real `Evaluator`, so folding can never disagree with
/// evaluation. `and`, `or`, `??` and `if` are also folded when only one side
/// is constant but that side decides the result (`x and false` is false).
struct ConstantFolding {
    /// The compiled code of each derived value, by index (nil when not compiled).
    var derived: [Code?]

    init(derived: [Code?]) { self.derived = derived }

    init(ruleSet: RuleSet) { self.derived = ruleSet.derived.map({ $0.code }) }

    /// The value `code` always has, or nil when it depends on the record or the assessment date.
    func value(of code: Code) -> Value? {
        var memo: [Int: Bool] = [:]
        return fold(code, memo: &memo)
    }

    /// Whether `code` always gives the same value.
    func isConstant(_ code: Code) -> Bool { value(of: code) != nil }

    private func fold(_ code: Code, memo: inout [Int: Bool]) -> Value? {
        if isClosed(code, bound: [], memo: &memo) { return evaluate(code) }
        switch code {
        case .and(let a, let b), .or(let a, let b):
            var isAnd = false
            if case .and = code { isAnd = true }
            let decisive = Value.bool(!isAnd)  // false decides 'and', true decides 'or'
            let va = fold(a, memo: &memo), vb = fold(b, memo: &memo)
            if va == decisive || vb == decisive { return decisive }
            return nil
        case .coalesce(let a, let b):
            guard let va = fold(a, memo: &memo) else { return nil }
            return va.isNull ? fold(b, memo: &memo) : va
        case .conditional(let c, let a, let b):
            switch fold(c, memo: &memo) {
            case .bool(true)?: return fold(a, memo: &memo)
            case .bool(false)?: return fold(b, memo: &memo)
            case .null?: return .null
            default: return nil
            }
        case .derived(let i):
            guard i < derived.count, let inner = derived[i] else { return nil }
            return fold(inner, memo: &memo)
        default:
            return nil
        }
    }

    /// True when the code reads nothing from the record or the date; `bound`
    /// holds the slots of the list functions being folded over.
    private func isClosed(_ code: Code, bound: Set<Int>, memo: inout [Int: Bool]) -> Bool {
        func all(_ codes: [Code]) -> Bool {
            for c in codes where !isClosed(c, bound: bound, memo: &memo) { return false }
            return true
        }
        switch code {
        case .constant: return true
        case .root, .asOf, .field, .partPasses, .indexed: return false
        case .local(let slot): return bound.contains(slot)
        case .derived(let i):
            if let known = memo[i] { return known }
            memo[i] = false  // a cycle is never constant
            guard i < derived.count, let inner = derived[i] else { return false }
            let closed = isClosed(inner, bound: [], memo: &memo)
            memo[i] = closed
            return closed
        case .fold(_, let list, let slot, let body):
            return isClosed(list, bound: bound, memo: &memo) && isClosed(body, bound: bound.union([slot]), memo: &memo)
        case .unknown: return true
        default: return all(code.children)
        }
    }

    /// Runs closed code with the real evaluator (no record, no date).
    /// Why a part of `code` that reads nothing from the record can never be worked out
    /// (`years(9223372036854775807)`, a date past the year 9999), or nil when every such part can.
    func failure(in code: Code) -> String? {
        var memo: [Int: Bool] = [:]
        func search(_ c: Code) -> String? {
            if isClosed(c, bound: [], memo: &memo) {
                var ev = evaluator(for: c)
                do throws(EvaluationFailure) { _ = try ev.eval(c); return nil } catch { return error.message }
            }
            for child in c.children { if let why = search(child) { return why } }
            return nil
        }
        return search(code)
    }

    private func evaluate(_ code: Code) -> Value? {
        var ev = evaluator(for: code)
        return try? ev.eval(code)
    }

    private func evaluator(for code: Code) -> Evaluator {
        Evaluator(
            parts: [], derived: derived.map { DerivedValue(name: "", code: $0 ?? .constant(.null), usesAsOf: false) },
            localCount: ConstantFolding.maxSlot(code, derived) + 1, root: .null, asOf: Day(ordinal: 0), tracing: false)
    }

    /// The largest local slot the code (or a derived value it uses) binds.
    private static func maxSlot(_ code: Code, _ derived: [Code?]) -> Int {
        var best = 0
        var seen = Set<Int>()
        func walk(_ c: Code) {
            switch c {
            case .local(let s): best = max(best, s)
            case .fold(_, let list, let slot, let body): best = max(best, slot); walk(list); walk(body)
            case .derived(let i):
                if seen.insert(i).inserted, i < derived.count, let inner = derived[i] { walk(inner) }
            default: c.children.forEach(walk)
            }
        }
        walk(code)
        return best
    }
}

extension Code {
    /// The code's immediate sub-expressions, for analyses that walk the whole tree.
    var children: [Code] {
        switch self {
        case .constant, .root, .asOf, .local, .derived: return []
        case .field(let base, _, _): return [base]
        case .index(let a, let b), .lookup(let a, let b), .and(let a, let b), .or(let a, let b),
            .compare(_, let a, let b), .arithmetic(_, let a, let b), .shift(let a, let b, _),
            .member(let a, let b, _), .coalesce(let a, let b):
            return [a, b]
        case .not(let a), .negate(let a): return [a]
        case .conditional(let c, let a, let b): return [c, a, b]
        case .list(let items): return items
        case .call(_, let args): return args
        case .fold(_, let list, _, let body): return [list, body]
        case .partPasses(_, let item): return [item]
        case .unknown(let arg): return arg.map { [$0] } ?? []
        case .indexed(let lookup): return [lookup.list, lookup.key] + (lookup.condition.map { [$0.body] } ?? [])
        }
    }
}

extension ConstantFolding {
    /// The code with every closed part that has a value replaced by that value
    /// (`headship_start + years(2)` keeps the field and holds the two years ready),
    /// so the evaluator does not work the same constant out again for every record.
    /// Values come from the real evaluator, so nothing changes but the work; nothing
    /// that reads the record, the date or a deliberate `unknown` is touched.
    func simplified(_ code: Code) -> Code {
        var memo: [Int: Bool] = [:]
        return simplify(code, memo: &memo)
    }

    private func simplify(_ code: Code, memo: inout [Int: Bool]) -> Code {
        switch code {
        case .constant, .root, .asOf, .local, .derived, .indexed, .unknown: return code
        default: break
        }
        if !code.mentionsUnknown, isClosed(code, bound: [], memo: &memo), let v = evaluate(code), !v.isNull {
            return .constant(v)
        }
        return code.mappingChildren { simplify($0, memo: &memo) }
    }
}

extension Code {
    /// Whether `unknown(...)` appears anywhere inside (it records a needed field as it runs).
    var mentionsUnknown: Bool {
        if case .unknown = self { return true }
        return children.contains { $0.mentionsUnknown }
    }

    /// The same node with each direct child replaced by `transform(child)`
    /// (an `indexed` lookup is kept whole: nothing folds or copies inside one).
    func mappingChildren(_ transform: (Code) -> Code) -> Code {
        switch self {
        case .constant, .root, .asOf, .local, .derived, .indexed: return self
        case .field(let base, let slot, let name): return .field(transform(base), slot: slot, name: name)
        case .index(let a, let b): return .index(transform(a), transform(b))
        case .lookup(let a, let b): return .lookup(transform(a), transform(b))
        case .not(let a): return .not(transform(a))
        case .negate(let a): return .negate(transform(a))
        case .and(let a, let b): return .and(transform(a), transform(b))
        case .or(let a, let b): return .or(transform(a), transform(b))
        case .compare(let op, let a, let b): return .compare(op, transform(a), transform(b))
        case .arithmetic(let op, let a, let b): return .arithmetic(op, transform(a), transform(b))
        case .shift(let a, let b, let subtract): return .shift(transform(a), transform(b), subtract: subtract)
        case .member(let a, let b, let negated): return .member(transform(a), transform(b), negated: negated)
        case .coalesce(let a, let b): return .coalesce(transform(a), transform(b))
        case .conditional(let c, let a, let b): return .conditional(transform(c), transform(a), transform(b))
        case .list(let items): return .list(items.map(transform))
        case .call(let f, let args): return .call(f, args.map(transform))
        case .fold(let f, let list, let slot, let body): return .fold(f, list: transform(list), slot: slot, body: transform(body))
        case .partPasses(let part, let item): return .partPasses(part: part, item: transform(item))
        case .unknown(let arg): return .unknown(arg.map(transform))
        }
    }
}

extension ConstantFolding {
    /// A statement's holes filled from parameters; a hole that needs a record (lint warns) reads "…".
    func fill(_ template: Template) -> String {
        var out = ""
        for piece in template.pieces {
            switch piece {
            case .text(let s): out += s
            case .value(let code, let type, let plural):
                out += value(of: code).map { Template.text(of: $0, type: type, plural: plural) } ?? "…"
            }
        }
        return out
    }
}
