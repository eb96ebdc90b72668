/// Enum values that reach a comparison indirectly: through a parameter
/// (`e.kind in support_kinds` with `support_kinds: [coaching, mentorng]`), a
/// derived value (`h.role in counted_headship_roles`), or the branches of an
/// `if`. Literals written straight into the comparison are checked by
/// `checkEnumLiteral`.
///
/// The error points at the misspelt value itself (in the parameter's value or
/// the derived expression), with a note at the comparison that needs it.
extension Checker {
    /// Checks every text constant that `expr` can give against the enum `type`.
    /// - Parameter list: true for the right side of `in` (a list of values).
    mutating func checkEnumConstants(_ type: ValueType, _ expr: Expr, list: Bool, comparison: SourceRange) {
        guard case .enumeration(let en) = type else { return }
        // Literals written in place are checked by checkEnumLiteral.
        if !list, case .string = expr.node { return }
        if list, case .list = expr.node { return }
        var visited: Set<String> = []
        for (value, range, origin) in textConstants(expr, visited: &visited) where !en.values.contains(value) {
            let diagnostic = Diagnostic.error(
                "check.unknown-enum-value", "'\(value)' is not a value of \(en.name ?? "this enum")", at: range,
                notes: [
                    .init("\(origin) is compared with \(en.name ?? "the enum") here", at: comparison),
                    .init("the values are: \(en.values.joined(separator: ", "))")
                ],
                suggestion: Suggestion.closest(to: value, in: en.values))
            // A parameter used in several comparisons is reported once.
            if !diagnostics.contains(where: { $0.id == diagnostic.id && $0.range == range && $0.message == diagnostic.message }) {
                diagnostics.append(diagnostic)
            }
        }
    }

    /// The text constants an expression can give, each with where it is written.
    private func textConstants(_ expr: Expr, visited: inout Set<String>) -> [(String, SourceRange, String)] {
        switch expr.node {
        case .string(let s):
            return [(s, expr.range, "this value")]
        case .list(let items):
            return items.flatMap { textConstants($0, visited: &visited) }
        case .conditional(_, let a, let b):
            return textConstants(a, visited: &visited) + textConstants(b, visited: &visited)
        case .binary(.coalesce, let a, let b):
            return textConstants(a, visited: &visited) + textConstants(b, visited: &visited)
        case .call(let name, let args, _) where ["filter", "take", "sort_by", "sort_by_desc", "first", "last"].contains(name) && !args.isEmpty:
            return textConstants(args[0], visited: &visited)
        case .name(let name):
            guard visited.insert(name).inserted else { return [] }
            if let (_, derivedExpr) = derivedExprs[name] {
                return textConstants(derivedExpr, visited: &visited).map { ($0.0, $0.1, "derived value '\(name)'") }
            }
            if let p = parameters[name], let node = p.valueNode {
                let nodes = node.items ?? [node]
                return nodes.compactMap { n in n.scalar.map { ($0, n.range, "parameter '\(name)'") } }
            }
            return []
        default:
            return []
        }
    }
}
