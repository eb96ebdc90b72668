/// Reads a rule-set file (`ruleset:` at the top) and checks every expression
/// in it against the schema of the record kind it applies to.
///
/// It collects every problem in the file in one pass; a rule set with any
/// error is never returned for evaluation.
struct RuleSetParser {
    var diagnostics: [Diagnostic] = []
    /// The file's lines as characters, where expression positions are found.
    let lines: CharacterLines?
    /// Set while compiling a part whose `let:` values depend on the assessment date.
    private var partUsesAsOf = false
    /// The text of expressions and messages that did not parse, so a parameter
    /// named only there is not also reported as unused.
    var unparsedTexts: [String] = []

    private init(source: SourceFile?) { self.lines = source.map(CharacterLines.init) }

    /// The kind a rule-set file applies to, read before the schema is chosen.
    static func appliesTo(_ node: YAMLNode) -> String? { node["applies_to"]?.scalar }

    /// Parameter values given for this run (`--set`), put in place of the file's before any rule is compiled.
    private var overrides: [ParameterSetting] = []
    private var applied: [AppliedOverride] = []
    private var overrideProblems: [OverrideProblem] = []

    static func parse(_ node: YAMLNode, schema: Schema, source: SourceFile?) -> (RuleSet?, [Diagnostic]) {
        let (set, diagnostics, _) = parse(node, schema: schema, source: source, overrides: [])
        return (set, diagnostics)
    }

    /// Parses with some parameters overridden; an override that does not fit its parameter's
    /// type comes back as a problem (a usage mistake), not as a diagnostic about the file.
    static func parse(
        _ node: YAMLNode, schema: Schema, source: SourceFile?,
        overrides: [ParameterSetting]
    ) -> (RuleSet?, [Diagnostic], [OverrideProblem]) {
        var p = RuleSetParser(source: source)
        p.overrides = overrides
        var set = p.ruleSet(node, schema: schema)
        if !p.applied.isEmpty { set?.overrides = p.applied }
        return (p.diagnostics.hasErrors ? nil : set, p.diagnostics, p.overrideProblems)
    }

    private mutating func ruleSet(_ node: YAMLNode, schema: Schema) -> RuleSet? {
        guard var reader = MappingReader(node, what: "a rule-set file", into: &diagnostics) else { return nil }
        let id = reader.string("ruleset", required: true, into: &diagnostics) ?? "?"
        let title = reader.string("title", required: true, into: &diagnostics) ?? id
        let version = reader.string("version", required: true, into: &diagnostics) ?? "0"
        _ = reader.value("applies_to")
        let description = reader.string("description", into: &diagnostics)
        let documentTitle = reader.string("document_title", into: &diagnostics)
        var checker = Checker(root: schema.root)

        var effectiveFrom: Day?, effectiveTo: Day?
        if let eff = reader.value("effective"), var er = MappingReader(eff, what: "'effective'", into: &diagnostics) {
            effectiveFrom = date(&er, "from")
            effectiveTo = date(&er, "to")
            er.reportUnknownKeys(into: &diagnostics)
        }

        var labels = DecisionLabels()
        if let d = reader.value("decisions"), var dr = MappingReader(d, what: "'decisions'", into: &diagnostics) {
            labels.pass = dr.string("pass", into: &diagnostics) ?? labels.pass
            labels.fail = dr.string("fail", into: &diagnostics) ?? labels.fail
            labels.unknown = dr.string("unknown", into: &diagnostics) ?? labels.unknown
            labels.invalid = dr.string("invalid", into: &diagnostics) ?? labels.invalid
            dr.reportUnknownKeys(into: &diagnostics)
        }

        // Parameters first: derived values and rules fold them in as constants.
        var parameters: [ParameterDeclaration] = []
        if let params = known(&reader, "parameters") {
            for pair in params.pairs ?? [] {
                guard let name = pair.key.scalar else { continue }
                if var decl = parameter(name, pair.value, keyRange: pair.key.range) {
                    for o in overrides where o.name == name {
                        switch decl.applying(o) {
                        case .success(let (changed, override)):
                            decl = changed
                            applied.append(override)
                        case .failure(let problem): overrideProblems.append(problem)
                        }
                    }
                    if checker.parameters[name] != nil {
                        diagnostics.append(.error("rules.duplicate-parameter", "parameter '\(name)' is declared twice", at: pair.key.range))
                    }
                    if schema.root.slot(of: name) != nil {
                        diagnostics.append(
                            .warning("rules.shadowed-field", "parameter '\(name)' hides the record field of the same name", at: pair.key.range))
                    }
                    parameters.append(decl)
                    checker.parameters[name] = .init(
                        name: name, type: decl.type, value: decl.value, range: decl.range,
                        valueNode: pair.value["value"] ?? pair.value["values"])
                } else if checker.parameters[name] == nil {
                    // Reported already; declared without a type so that its uses add no errors.
                    checker.parameters[name] = .init(name: name, type: .null, value: .null, range: pair.key.range)
                }
            }
            if params.pairs == nil {
                diagnostics.append(.error("rules.expected-mapping", "'parameters' must be a mapping of names to parameters", at: params.range))
            }
            // A parameter named only in a description is still unused.
            let used = checker.usedParameters
            fillParameterDescriptions(&parameters, nodes: params, checker: &checker)
            checker.usedParameters = used
        }

        // Derived values: parsed now, compiled on first use (so order does not matter; cycles are caught).
        var derivedNames: [String] = []
        if let derived = known(&reader, "derived") {
            if derived.pairs == nil {
                diagnostics.append(.error("rules.expected-mapping", "'derived' must be a mapping of names to expressions", at: derived.range))
            }
            for pair in derived.pairs ?? [] {
                guard let name = pair.key.scalar, let expr = expression(pair.value) else { continue }
                checker.derivedExprs[name] = (derivedNames.count, expr)
                derivedNames.append(name)
            }
        }

        var asOfName: String?
        var asOfCode: Code?
        if let asOfNode = reader.value("as_of"), let expr = expression(asOfNode) {
            let t = checker.check(expr)
            if t.type != .date && t.type != .null {
                diagnostics.append(.error("check.type-mismatch", "'as_of' must name a date field, but this is \(article(t.type))", at: expr.range))
            }
            asOfCode = t.code
            asOfName = asOfNode.scalar
            // `as_of: as_of` names a record field called as_of (a dataset's), not the assessment date.
            if let name = asOfName, let slot = schema.root.slot(of: name) { asOfCode = .field(.root, slot: slot, name: name) }
        }
        let reportPerSubject = reader.value("report_per_subject")?.scalar == "true"

        var labelCode: Code?
        if let labelNode = reader.value("record_label"), let expr = expression(labelNode) {
            labelCode = checker.check(expr).code
        }

        // Part headers first, so a rule can refer to a later per-item part.
        var partNodes: [(YAMLNode, String, String)] = []
        var seenRuleIds: [String: SourceRange] = [:]
        if let partsNode = known(&reader, "parts") {
            for (i, pn) in (partsNode.items ?? []).enumerated() {
                guard var pr = MappingReader(pn, what: "a part", into: &diagnostics) else { continue }
                let pid = pr.string("id", required: true, into: &diagnostics) ?? "part\(i + 1)"
                let ptitle = pr.string("title", into: &diagnostics) ?? pid
                partNodes.append((pn, pid, ptitle))
            }
            if partsNode.items == nil {
                diagnostics.append(.error("rules.expected-list", "'parts' must be a list of parts", at: partsNode.range))
            }
        } else {
            diagnostics.append(.error("rules.no-parts", "rule set '\(id)' has no 'parts' with rules", at: node.range))
        }
        var forEachHeaders: [Int: (variable: String, list: Checker.Typed, element: ValueType, node: YAMLNode)] = [:]
        for (i, (pn, pid, _)) in partNodes.enumerated() {
            guard let fe = pn["for_each"] else { continue }
            let text = fe.scalar ?? ""
            // `school in schools`
            let words = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard words.count == 3, words[1] == "in" else {
                diagnostics.append(.error("rules.bad-for-each", "'for_each' must read 'NAME in LIST', e.g. 'school in schools'", at: fe.range))
                continue
            }
            let offset = text.distance(from: text.startIndex, to: words[2].startIndex)
            let src = ExpressionSource(node: fe, lines: lines)
            switch Parser.parse(src, from: offset, to: src.text.count) {
            case .success(let e):
                let t = checker.check(e)
                guard case .list(let element) = t.type else {
                    diagnostics.append(.error("check.type-mismatch", "'for_each' needs a list, but this is \(article(t.type))", at: e.range))
                    continue
                }
                forEachHeaders[i] = (String(words[0]), t, element, fe)
                checker.parts[pid] = .init(id: pid, index: i, itemType: element)
            case .failure(let f):
                diagnostics.append(.error(f.id, f.message, at: f.range))
            }
        }

        var parts: [Part] = []
        for (i, (pn, pid, ptitle)) in partNodes.enumerated() {
            var pr = MappingReader(pn, what: "a part", into: &diagnostics)!
            _ = pr.value("id"); _ = pr.value("title"); _ = pr.value("for_each")
            var part = Part(id: pid, title: ptitle, rules: [], countedThrough: pr.string("counted_through", into: &diagnostics))
            let rulesNode = known(&pr, "rules")
            let subjectNode = pr.value("subject")
            let labelNode = pr.value("subject_label")
            let letNode = pr.value("let")
            if letNode != nil && forEachHeaders[i] == nil {
                diagnostics.append(
                    .error(
                        "rules.let-without-for-each", "'let' belongs in a part with 'for_each'; use 'derived' at the top of the file",
                        at: letNode!.range))
            }
            pr.reportUnknownKeys(into: &diagnostics)
            func compileRules(_ checker: inout Checker) -> [Rule] {
                var rules: [Rule] = []
                for rn in rulesNode?.items ?? [] {
                    if let r = rule(rn, checker: &checker, seen: &seenRuleIds) { rules.append(r) }
                }
                return rules
            }
            if let header = forEachHeaders[i] {
                let slot = checker.pushLocal(header.variable, header.element)
                var fe = Part.ForEach(variable: header.variable, list: header.list.code, slot: slot)
                // `let:` names values worked out once per item, such as a school's latest results.
                if let letNode, letNode.pairs == nil {
                    diagnostics.append(.error("rules.expected-mapping", "'let' must be a mapping of names to expressions", at: letNode.range))
                }
                var letsUseAsOf = false
                for pair in letNode?.pairs ?? [] {
                    guard let name = pair.key.scalar, let e = expression(pair.value) else { continue }
                    checker.usedAsOf = false
                    let t = checker.check(e)
                    letsUseAsOf = letsUseAsOf || checker.usedAsOf
                    fe.lets.append((checker.pushLocal(name, t.type), t.code))
                }
                partUsesAsOf = letsUseAsOf
                if let sn = subjectNode, let e = expression(sn) { fe.subject = checker.check(e).code }
                if let ln = labelNode { fe.subjectLabel = Template.compile(ln, lines: lines, checker: &checker) }
                part.forEach = fe
                part.rules = compileRules(&checker)
                partUsesAsOf = false
                checker.popLocals(1 + fe.lets.count)
            } else {
                if let sn = subjectNode {
                    diagnostics.append(.error("rules.subject-without-for-each", "'subject' only makes sense in a part with 'for_each'", at: sn.range))
                }
                part.rules = compileRules(&checker)
            }
            if rulesNode?.items == nil {
                diagnostics.append(.error("rules.no-rules", "part '\(pid)' needs a list of 'rules'", at: rulesNode?.range ?? pn.range))
            }
            parts.append(part)
        }
        for part in parts {
            if let through = part.countedThrough, seenRuleIds[through] == nil {
                diagnostics.append(
                    .error(
                        "rules.unknown-rule", "part '\(part.id)' is counted through '\(through)', which is not a rule here",
                        at: partNodes.first { $0.1 == part.id }?.0["counted_through"]?.range,
                        suggestion: Suggestion.closest(to: through, in: seenRuleIds.keys)))
            }
        }

        // Compile any derived value no rule used, so its mistakes are reported too.
        for name in derivedNames {
            let (index, expr) = checker.derivedExprs[name]!
            if checker.derivedCompiled[index] == nil { _ = checker.check(Expr(.name(name), range: expr.range)) }
        }
        for p in parameters where !checker.usedParameters.contains(p.name) && !mentionedInUnparsedText(p.name) {
            diagnostics.append(.warning("rules.unused-parameter", "parameter '\(p.name)' is not used by any rule", at: p.range))
        }
        reader.reportUnknownKeys(into: &diagnostics)
        diagnostics += checker.diagnostics

        let derived = derivedNames.enumerated().map { i, name in
            DerivedValue(
                name: name, code: checker.derivedCompiled[i]?.typed.code ?? .constant(.null),
                usesAsOf: checker.derivedCompiled[i]?.usesAsOf ?? false)
        }
        // Constant parts of conditions are worked out once here rather than for every record.
        let folding = ConstantFolding(derived: derived.map({ $0.code }))
        for p in parts.indices {
            for r in parts[p].rules.indices {
                parts[p].rules[r].require = folding.simplified(parts[p].rules[r].require)
                parts[p].rules[r].when = parts[p].rules[r].when.map(folding.simplified)
            }
        }
        return RuleSet(
            id: id, title: title, version: version, kind: schema.kind, schema: schema,
            effectiveFrom: effectiveFrom, effectiveTo: effectiveTo, decisions: labels,
            asOfField: asOfName, parameters: parameters, parts: parts, digest: "", files: [],
            derived: derived, asOfCode: asOfCode, labelCode: labelCode, localCount: checker.maxLocals + 1,
            reportPerSubject: reportPerSubject, description: description, documentTitle: documentTitle)
    }

    private mutating func rule(_ node: YAMLNode, checker: inout Checker, seen: inout [String: SourceRange]) -> Rule? {
        guard var r = MappingReader(node, what: "a rule", into: &diagnostics) else { return nil }
        let id = r.string("id", required: true, into: &diagnostics) ?? "?"
        if let first = seen[id] {
            diagnostics.append(
                .error(
                    "rules.duplicate-id", "rule id '\(id)' is used twice", at: r.value("id")?.range ?? node.range,
                    notes: [.init("first used here", at: first)]))
        }
        seen[id] = r.value("id")?.range ?? node.range
        var title = r.string("title", required: true, into: &diagnostics) ?? id
        if let titleNode = r.value("title") {
            let ruleNode = node
            title = wordsWithParameters(titleNode, checker: &checker) ?? title
            lintStatedNumbers(
                titleNode, in: "title", parameters: RuleSetParser.parameterNames(mentionedIn: ruleNode, checker),
                checker: checker)
        }
        var severity = RuleSeverity.required
        if let s = r.string("severity", into: &diagnostics) {
            if let sev = RuleSeverity(rawValue: s) {
                severity = sev
            } else {
                diagnostics.append(
                    .error(
                        "rules.bad-severity", "severity must be 'required' or 'advisory', not '\(s)'", at: r.value("severity")!.range,
                        suggestion: Suggestion.closest(to: s, in: ["required", "advisory"])))
            }
        }
        var citation: Citation?
        if let c = r.value("citation") {
            if let text = c.scalar {
                citation = Citation(source: text)
            } else if var cr = MappingReader(c, what: "a citation", into: &diagnostics) {
                citation = Citation(
                    source: cr.string("source", required: true, into: &diagnostics) ?? "",
                    text: cr.string("text", into: &diagnostics),
                    interpretation: cr.string("interpretation", into: &diagnostics))
                cr.reportUnknownKeys(into: &diagnostics)
            }
        } else if r.misspelling(of: "citation") == nil {  // a misspelt one is reported as an unknown key
            diagnostics.append(
                .warning(
                    "rules.no-citation", "rule '\(id)' has no citation; reports cannot say where it comes from",
                    at: r.value("id")?.range ?? node.range))
        }
        checker.usedAsOf = false
        var when: Code?
        if let w = known(&r, "when"), let e = expression(w) {
            when = checker.condition(e, what: "'when'")
            lintCondition(e, when!, what: "'when'", ruleID: id, checker: checker)
        }
        var require: Code = .constant(.null)
        if let q = r.value("require"), let e = expression(q) {
            require = checker.condition(e, what: "'require'")
            lintCondition(e, require, what: "'require'", ruleID: id, checker: checker)
        } else if r.value("require") == nil {
            if let typo = r.misspelling(of: "require"), let name = typo.key.scalar {
                // One error at the misspelt key; its condition is still checked, so its own mistakes
                // are found and the parameters it uses count as used.
                r.markRead(name)
                diagnostics.append(
                    .error(
                        "rules.missing-key", "rule '\(id)' needs 'require', and '\(name)' is not a key of a rule",
                        at: typo.key.range, suggestion: "require"))
                if let e = expression(typo.value) { _ = checker.condition(e, what: "'require'") }
            } else {
                diagnostics.append(.error("rules.missing-key", "rule '\(id)' needs 'require': the condition it checks", at: node.range))
            }
        }
        // A per-item part's `let:` values may depend on the date even when the rule does not say `as_of`.
        let usesAsOf = checker.usedAsOf || partUsesAsOf
        var messages: [Outcome: Template] = [:]
        if let m = known(&r, "messages"), var mr = MappingReader(m, what: "'messages'", into: &diagnostics) {
            for outcome in Outcome.allCases {
                if let t = mr.value(outcome.rawValue) {
                    messages[outcome] = compileTemplate(t, checker: &checker)
                }
            }
            mr.reportUnknownKeys(into: &diagnostics)
        }
        let statement = r.string("statement", into: &diagnostics)
        let statementTemplate = statement == nil ? nil : r.value("statement").map { compileStatement($0, checker: &checker) }
        r.reportUnknownKeys(into: &diagnostics)
        return Rule(
            id: id, title: title, severity: severity, citation: citation, range: node.range, when: when,
            require: require, messages: messages, usesAsOf: usesAsOf, statement: statement,
            statementTemplate: statementTemplate)
    }

    /// Parameter descriptions may name parameters too (`{min_headship_years|year|years}`): filled in
    /// once every parameter is known, with a warning where one states a parameter's value in words.
    mutating func fillParameterDescriptions(_ parameters: inout [ParameterDeclaration], nodes: YAMLNode?, checker: inout Checker) {
        for i in parameters.indices {
            guard let node = nodes?[parameters[i].name]?["description"], node.scalar != nil else { continue }
            parameters[i].description = wordsWithParameters(node, checker: &checker) ?? parameters[i].description
            lintStatedNumbers(node, in: "description", parameters: [parameters[i].name], checker: checker)
        }
    }

    private mutating func parameter(_ name: String, _ node: YAMLNode, keyRange: SourceRange) -> ParameterDeclaration? {
        guard var r = MappingReader(node, what: "parameter '\(name)'", into: &diagnostics) else { return nil }
        let description = r.string("description", into: &diagnostics)
        guard let typeText = r.string("type", required: true, into: &diagnostics) else { return nil }
        let typeRange = (r.value("type") ?? r.misspelling(of: "type")?.key ?? node).range
        guard let valueNode = r.value("value") ?? r.value("values") else {
            diagnostics.append(.error("rules.missing-key", "parameter '\(name)' needs a 'value'", at: node.range))
            return nil
        }
        let by = r.value("by")?.items?.compactMap({ $0.scalar })
        r.reportUnknownKeys(into: &diagnostics)
        guard let base = parameterType(typeText, at: typeRange) else { return nil }
        var typer = RecordTyper()
        let value: Value
        var type = base
        if let by, !by.isEmpty {
            (value, type) = table(valueNode, depth: by.count, of: base, typer: &typer, path: name)
            diagnostics += ParameterTableLint.diagnostics(name, valueNode, by: by)
        } else {
            value = typer.value(valueNode, as: base, path: name)
        }
        for issue in typer.issues where issue.severity == .error {
            diagnostics.append(
                .error(
                    "rules.bad-parameter", "parameter \(issue.path): \(issue.message)",
                    at: issue.line.map { SourceRange(file: node.range.file, at: SourcePosition(line: $0, column: issue.column ?? 1)) }))
        }
        return ParameterDeclaration(name: name, type: type, value: value, description: description, range: keyRange, by: by ?? [])
    }

    /// A table of values keyed by one or more levels (`by: [phase, year]`).
    private mutating func table(_ node: YAMLNode, depth: Int, of base: ValueType, typer: inout RecordTyper, path: String) -> (Value, ValueType) {
        guard depth > 0 else { return (typer.value(node, as: base, path: path), base) }
        guard let pairs = node.pairs else {
            diagnostics.append(
                .error("rules.bad-parameter", "parameter \(path) must be a table (a mapping) here, found \(node.kindName)", at: node.range))
            return (.null, .null)
        }
        let intKeys = !pairs.isEmpty && pairs.allSatisfy { $0.key.scalar.flatMap { Int($0) } != nil }
        var map: [MapKey: Value] = [:]
        var valueType = base
        for _ in 1..<depth { valueType = .map(key: .string, value: valueType) }
        for pair in pairs {
            let k = pair.key.scalar ?? ""
            let (v, t) = table(pair.value, depth: depth - 1, of: base, typer: &typer, path: "\(path)[\(k)]")
            valueType = t == .null ? valueType : t
            map[intKeys ? .int(Int(k)!) : .string(k)] = v
        }
        return (.map(map), .map(key: intKeys ? .int : .string, value: valueType))
    }

    private mutating func parameterType(_ text: String, at range: SourceRange) -> ValueType? {
        var t = text
        var list = false
        if t.hasPrefix("list<"), t.hasSuffix(">") { t = String(t.dropFirst(5).dropLast()); list = true }
        let base: ValueType
        switch t {
        case "int": base = .int
        case "decimal": base = .decimal
        case "string": base = .string
        case "bool": base = .bool
        case "date": base = .date
        default:
            diagnostics.append(
                .error(
                    "rules.unknown-type", "unknown parameter type '\(text)'", at: range,
                    suggestion: Suggestion.closest(to: t, in: ["int", "decimal", "string", "bool", "date"])))
            return nil
        }
        return list ? .list(base) : base
    }

    private mutating func date(_ r: inout MappingReader, _ key: String) -> Day? {
        guard let s = r.string(key, into: &diagnostics) else { return nil }
        guard let d = Day(iso: s) else {
            diagnostics.append(.error("rules.bad-date", "'\(s)' is not a date (YYYY-MM-DD)", at: r.value(key)!.range))
            return nil
        }
        return d
    }

    private mutating func expression(_ node: YAMLNode) -> Expr? {
        guard node.scalar != nil else {
            diagnostics.append(.error("rules.expected-expression", "expected an expression, found \(node.kindName)", at: node.range))
            return nil
        }
        switch Parser.parse(ExpressionSource(node: node, lines: lines)) {
        case .success(let e): return e
        case .failure(let f):
            diagnostics.append(.error(f.id, f.message, at: f.range))
            unparsedTexts.append(node.scalar ?? "")
            return nil
        }
    }
}
