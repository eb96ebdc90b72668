/// The linter's checks that run while a rule set is read: conditions that
/// cannot change, and statements that a document cannot fill in.
extension RuleSetParser {
    /// Constant folding over the derived values compiled so far.
    static func folding(_ checker: Checker) -> ConstantFolding {
        let count = (checker.derivedExprs.values.map({ $0.index }).max() ?? -1) + 1
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
            guard case .value(let code, _, _) = piece else { continue }
            defer { hole += 1 }
            if folding.isConstant(code) { continue }
            let range = hole < template.holeRanges.count ? template.holeRanges[hole] : node.range
            if checker.diagnostics.contains(where: { $0.severity == .error && $0.range.map { range.contains($0) } ?? false }) { continue }
            diagnostics.append(
                .warning(
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
        if checker.diagnostics[before...].contains(where: {
            $0.id == "parse.syntax" || $0.id == "parse.too-deep" || $0.id == "rules.template-unclosed"
        }) {
            unparsedTexts.append(node.scalar ?? "")
        }
        return template
    }

    /// Whether a name appears as a whole word in an expression or message that did not parse.
    func mentionedInUnparsedText(_ name: String) -> Bool {
        func isWord(_ c: Character) -> Bool { c.isLetterQuick || c.isNumberQuick || c == "_" }
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
        diagnostics.append(
            .error(
                "rules.misspelt-key",
                "'\(name)' is not a key of \(reader.what); it is checked as '\(key)', but the rules do not load until it is corrected",
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

extension RuleSetParser {
    // MARK: - Numbers in titles and descriptions

    /// A title or description with `{parameter}` holes filled in from the parameters (once, at
    /// load), so "{min_headship_years|year's|years'} headship" follows the parameter; the text as
    /// written when it has no holes, nil when it is not text.
    mutating func wordsWithParameters(_ node: YAMLNode, checker: inout Checker) -> String? {
        guard let text = node.scalar else { return nil }
        guard text.contains("{") else { return text }
        let template = compileStatement(node, checker: &checker)
        return RuleSetParser.folding(checker).fill(template)
    }

    /// The parameters whose names appear in a rule's text (its conditions, messages, statement).
    static func parameterNames(mentionedIn node: YAMLNode, _ checker: Checker) -> [String] {
        guard !checker.parameters.isEmpty else { return [] }
        var found: Set<String> = []
        func note(_ word: String) { if checker.parameters[word] != nil { found.insert(word) } }
        // The names as bytes, so an ASCII word is compared where it stands (most words are no
        // parameter's, and most differ from every name in length) rather than made a String and hashed.
        let names = checker.parameters.keys.map { Array($0.utf8) }
        // A word is a run of letters, digits and underscores; each scalar's words are its own.
        func collect(_ n: YAMLNode) {
            switch n.content {
            case .scalar(var s, _):
                // ASCII text (nearly all of it) word by word in its bytes; other text by characters.
                let ascii = s.withUTF8 { utf8 -> Bool in
                    guard !utf8.contains(where: { $0 >= 0x80 }) else { return false }
                    var start = -1
                    for i in 0...utf8.count {
                        let b: UInt8 = i < utf8.count ? utf8[i] : 32
                        let isWord = (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95
                        if isWord {
                            if start < 0 { start = i }
                        } else if start >= 0 {
                            let word = UnsafeBufferPointer(rebasing: utf8[start..<i])
                            if let name = names.first(where: { $0.count == word.count && $0.elementsEqual(word) }) {
                                found.insert(String(decoding: name, as: UTF8.self))
                            }
                            start = -1
                        }
                    }
                    return true
                }
                if !ascii {
                    for word in s.split(whereSeparator: { !($0.isLetterQuick || $0.isNumberQuick || $0 == "_") }) { note(String(word)) }
                }
            case .sequence(let items): items.forEach(collect)
            case .mapping(let pairs): pairs.forEach { collect($0.value) }
            }
        }
        collect(node)
        return found.sorted()
    }

    static let numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]

    /// Warns where a title or description states, in words or digits, the value of a parameter
    /// the rule uses ("Three years' headship" while `min_headship_years` is 3): changing the
    /// parameter would leave the words saying the old number.
    mutating func lintStatedNumbers(_ node: YAMLNode, in what: String, parameters: [String], checker: Checker) {
        guard let text = node.scalar else { return }
        // Only the words as written, not the holes that already follow a parameter.
        var plain = "", depth = 0
        for c in text {
            if c == "{" { depth += 1 } else if c == "}" { depth = max(0, depth - 1) } else if depth == 0 { plain.append(c) }
        }
        let words = plain.lowercased().split(whereSeparator: { !($0.isLetterQuick || $0.isNumberQuick) }).map(String.init)
        for name in parameters {
            guard let p = checker.parameters[name], let n = p.value.asDouble, n >= 2, n.rounded() == n, n <= 1_000_000 else { continue }
            let number = Int(n)
            let spelled = number < RuleSetParser.numberWords.count ? RuleSetParser.numberWords[number] : nil
            // "section 5", "part 2", "key stage 4" name things; they are not amounts.
            let naming: Set<String> = ["section", "part", "stage", "level", "ks", "grade"]
            guard
                let said = words.indices.first(where: { i in
                    (words[i] == String(number) || words[i] == spelled) && (i == 0 || !naming.contains(words[i - 1]))
                }).map({ words[$0] })
            else { continue }
            diagnostics.append(
                .warning(
                    "rules.number-not-parameter",
                    "this \(what) says '\(said)', the value of parameter '\(name)' (\(number)); write {\(name)} so it follows the parameter when it changes",
                    at: node.range, suggestion: "{\(name)}"))
        }
    }
}
