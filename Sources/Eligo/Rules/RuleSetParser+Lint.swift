/// The linter's checks that run while a rule set is read: conditions that
/// cannot change, and statements that a document cannot fill in.
extension RuleSetParser {
    /// Constant folding over the derived values compiled so far.
    static func folding(_ checker: Checker) -> ConstantFolding {
        let count = (checker.derivedExprs.values.map(\.index).max() ?? -1) + 1
        return ConstantFolding(derived: (0..<count).map { checker.derivedCompiled[$0]?.typed.code })
    }

    /// Warns when a rule's `when` or `require` (or a part of it) is constant once parameters are filled in.
    mutating func lintCondition(_ expr: Expr, _ code: Code, what: String, ruleID: String, checker: Checker) {
        // A condition with a type error is already reported; folding it would only add noise.
        if checker.diagnostics.contains(where: { $0.severity == .error && $0.range.map { expr.range.contains($0) } ?? false }) { return }
        diagnostics += ConditionLint.diagnostics(expr, code, what: what, ruleID: ruleID, folding: RuleSetParser.folding(checker))
    }

    /// Compiles a rule's `statement:` as a template. Its holes are filled in
    /// without a record (in the criteria document), so each must depend only
    /// on parameters: a hole that reads the record is a warning.
    mutating func compileStatement(_ node: YAMLNode, checker: inout Checker) -> Template {
        let savedAsOf = checker.usedAsOf
        defer { checker.usedAsOf = savedAsOf }
        let template = compileTemplate(node, checker: &checker)
        let folding = RuleSetParser.folding(checker)
        var hole = 0
        for piece in template.pieces {
            guard case .value(let code, _) = piece else { continue }
            defer { hole += 1 }
            if folding.isConstant(code) { continue }
            let range = hole < template.holeRanges.count ? template.holeRanges[hole] : node.range
            if checker.diagnostics.contains(where: { $0.severity == .error && $0.range.map { range.contains($0) } ?? false }) { continue }
            diagnostics.append(.warning(
                "rules.statement-needs-record",
                "this hole depends on the record or the assessment date, so the criteria document cannot fill it in; use parameters only in a statement",
                at: range))
        }
        return template
    }
}

extension RuleSetParser {
    /// Compiles a message or statement, remembering its text when a hole does not parse.
    mutating func compileTemplate(_ node: YAMLNode, checker: inout Checker) -> Template {
        let before = checker.diagnostics.count
        let template = Template.compile(node, lines: lines, checker: &checker)
        if checker.diagnostics[before...].contains(where: { $0.id == "parse.syntax" || $0.id == "parse.too-deep" || $0.id == "rules.template-unclosed" }) {
            unparsedTexts.append(node.scalar ?? "")
        }
        return template
    }

    /// Whether a name appears as a whole word in an expression or message that did not parse.
    func mentionedInUnparsedText(_ name: String) -> Bool {
        func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        for text in unparsedTexts {
            var rest = text[...]
            while let r = rest.firstRange(of: name) {
                let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
                let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
                if !(before.map(isWord) ?? false) && !(after.map(isWord) ?? false) { return true }
                rest = text[r.upperBound...]
            }
        }
        return false
    }
}

extension RuleSetParser {
    /// The value of a key that changes what the rules decide (`when`, `parts`,
    /// `parameters`, ...), or of its misspelling: `whn:` is an error at the
    /// misspelt key (so the rules do not load with the condition silently
    /// dropped), and its value is still checked as `when`, so the names it uses
    /// count and its own mistakes are found.
    mutating func known(_ reader: inout MappingReader, _ key: String) -> YAMLNode? {
        if let v = reader.value(key) { return v }
        guard let typo = reader.misspelling(of: key), let name = typo.key.scalar else { return nil }
        reader.markRead(name)
        diagnostics.append(.error("rules.misspelt-key", "'\(name)' is not a key of \(reader.what); it is checked as '\(key)', but the rules do not load until it is corrected",
                                  at: typo.key.range, suggestion: key))
        return typo.value.isNull ? nil : typo.value
    }
}

extension SourceRange {
    /// Whether another range lies inside this one (same file).
    func contains(_ other: SourceRange) -> Bool {
        file == other.file && start <= other.start && other.end <= end
    }
}
