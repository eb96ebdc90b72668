/// Finds a rule's `when` or `require` that can never change once parameters
/// are filled in: a condition that is always true or always false, or a part
/// of one joined by `and` / `or` that has no effect.
///
/// A condition written as a bare `true` or `false` is left alone: that is a
/// deliberate choice, not a mistake. So is a condition that is just a yes/no
/// parameter (or `not` one), a switch policy staff set on purpose, and the
/// condition of `if ... then ... else`, where a parameter often switches
/// between two readings on purpose.
enum ConditionLint {
    static let id = "check.constant-condition"
    static let failureID = "check.constant-failure"

    /// - Parameters:
    ///   - expr: the condition as written (for positions).
    ///   - code: its compiled code.
    ///   - what: `'when'` or `'require'`.
    static func diagnostics(_ expr: Expr, _ code: Code, what: String, ruleID: String, folding: ConstantFolding) -> [Diagnostic] {
        // Arithmetic on constants that can never be done is a mistake in the file, not in any record.
        if let why = folding.failure(in: code) {
            return [.error(failureID, "\(what) of rule '\(ruleID)' can never be worked out: \(why)", at: expr.range)]
        }
        if case .bool = expr.node { return [] }
        if isSwitch(expr) { return [] }
        if case .bool(let b)? = folding.value(of: code) {
            let effect: String
            switch (what, b) {
            case ("'when'", true): effect = "the rule always applies, so 'when' can be removed"
            case ("'when'", false): effect = "the rule never applies"
            case (_, true): effect = "rule '\(ruleID)' can never fail"
            default: effect = "rule '\(ruleID)' can never pass"
            }
            return [.warning(id, "\(what) is always \(b) once parameters are filled in: \(effect)", at: expr.range)]
        }
        var out: [Diagnostic] = []
        parts(expr, code, what: what, folding: folding, into: &out)
        return out
    }

    /// A bare name (a yes/no parameter) or `not` of one.
    private static func isSwitch(_ expr: Expr) -> Bool {
        switch expr.node {
        case .name: return true
        case .not(let inner): return isSwitch(inner)
        default: return false
        }
    }

    /// Walks `and`, `or`, `not` and list-function conditions in step with their code.
    private static func parts(_ expr: Expr, _ code: Code, what: String, folding: ConstantFolding, into out: inout [Diagnostic]) {
        switch (expr.node, code) {
        case (.binary(let op, let lhs, let rhs), .and(let l, let r)) where op == .and,
            (.binary(let op, let lhs, let rhs), .or(let l, let r)) where op == .or:
            for (e, c) in [(lhs, l), (rhs, r)] {
                if case .bool(let b)? = folding.value(of: c) {
                    // A deciding constant would have made the whole condition constant;
                    // what is left is `x and true` or `x or false`.
                    out.append(
                        .warning(
                            id, "this part of \(what) is always \(b) once parameters are filled in, so it has no effect on the '\(op.rawValue)'",
                            at: e.range))
                } else {
                    parts(e, c, what: what, folding: folding, into: &out)
                }
            }
        case (.not(let inner), .not(let c)):
            parts(inner, c, what: what, folding: folding, into: &out)
        case (.call(_, let args, _), .fold(let fold, _, _, let body)) where args.count == 2 && [Fold.any, .all, .none].contains(fold):
            guard case .lambda(_, let bodyExpr) = args[1].node else { return }
            if case .bool(let b)? = folding.value(of: body) {
                out.append(
                    .warning(
                        id, "the condition of '\(fold.rawValue)' is always \(b) once parameters are filled in, whatever the item",
                        at: bodyExpr.range))
            } else {
                parts(bodyExpr, body, what: what, folding: folding, into: &out)
            }
        default:
            break
        }
    }
}
