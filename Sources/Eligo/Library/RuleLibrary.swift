/// Every schema and rule set found under a rules folder, loaded and checked.
///
/// Loading never throws: unreadable files, YAML errors and type errors all
/// become diagnostics, and only rule sets without errors are kept.
public struct RuleLibrary: Sendable {
    public var schemas: [String: Schema] = [:]
    public var ruleSets: [RuleSet] = []
    public var diagnostics: [Diagnostic] = []
    /// The text of every file read, so diagnostics can quote lines.
    public var sources: [String: SourceFile] = [:]
    /// `--set` values that name no parameter or do not fit its type: usage mistakes, so nothing is checked.
    public var overrideProblems: [OverrideProblem] = []

    public var hasErrors: Bool { diagnostics.hasErrors }
    public var kinds: [String] { Array(Set(ruleSets.map({ $0.kind }))).sorted() }

    /// The one record kind an applicant fills in (its rule sets decide one record, not a
    /// dataset's many), for `eligo new` and `rules doc` without `--kind`; nil when there
    /// is not exactly one.
    public var applicantKind: String? {
        let single = Set(ruleSets.filter { !$0.reportPerSubject }.map({ $0.kind }))
        return single.count == 1 ? single.first : nil
    }

    public init() {}

    /// Loads every `.yaml`/`.yml` file below `directory` (sorted by path, so the
    /// digest and diagnostics are deterministic). Files starting `schema:` are
    /// record schemas, `ruleset:` rule sets; others (such as `tests:`) are skipped.
    ///
    /// With `kinds`, only the schemas and rule sets of those record kinds are
    /// parsed and checked (a file's kind is read from its top-level `schema:` or
    /// `applies_to:` line), so checking one application does not pay for every
    /// other rule set in the folder. `rules lint` always loads everything.
    ///
    /// With `overrides`, the rule sets declaring those parameters take the values given
    /// (see `ParameterSetting`); their digests and reports say so.
    public static func load(directory: String, kinds: Set<String>? = nil, overrides: [ParameterSetting] = []) -> RuleLibrary {
        var library = RuleLibrary()
        guard let paths = try? FileSystem.yamlFiles(under: directory) else {
            library.diagnostics.append(.error("io.no-rules", "cannot read the rules folder '\(directory)'", at: nil))
            return library
        }
        var files: [(String, [UInt8])] = []
        for path in paths {
            guard let bytes = FileSystem.read(path) else {
                library.diagnostics.append(.error("io.unreadable", "cannot read '\(path)'", at: nil))
                continue
            }
            files.append((path, bytes))
        }
        // Only the kinds asked for, when every one of them is declared here: a kind no file declares
        // (a record's misspelt `kind`) loads everything, so the record, not the rules, is blamed for it.
        if let kinds {
            let declared = files.map { RuleLibrary.declaredKind($0.1) }
            if kinds.allSatisfy({ declared.contains($0) }) {
                files = zip(files, declared).filter { $1.map(kinds.contains) ?? true }.map(\.0)
            }
        }
        library.add(files: files, overrides: overrides)
        if library.ruleSets.isEmpty && !library.hasErrors {
            library.diagnostics.append(.error("io.no-rules", "no rule sets found in '\(directory)'", at: nil))
        }
        return library
    }

    /// The kind a schema or rule-set file is about, from its top-level `schema:` or
    /// `applies_to:` line, without parsing the YAML; nil when neither is written plainly.
    static func declaredKind(_ bytes: [UInt8]) -> String? {
        for key in ["applies_to:", "schema:"] {
            let k = Array(key.utf8)
            var i = 0
            while i < bytes.count {
                var end = i
                while end < bytes.count && bytes[end] != 10 { end += 1 }
                if end - i > k.count && Array(bytes[i..<(i + k.count)]) == k {
                    var value = String(decoding: bytes[(i + k.count)..<end], as: UTF8.self)
                    if let hash = value.firstIndex(of: "#") { value = String(value[..<hash]) }
                    value = value.trimming(" ").trimming("\r").trimming("\"").trimming("'")
                    return value.isEmpty ? nil : value
                }
                i = end + 1
            }
        }
        return nil
    }

    /// Loads rule and schema files given as bytes (used by `load(directory:)` and tests).
    public mutating func add(files: [(path: String, bytes: [UInt8])], overrides: [ParameterSetting] = []) {
        var ruleNodes: [(YAMLNode, String)] = []
        var bytesByPath: [String: [UInt8]] = [:]
        let limits = YAMLLimits(keepDocumentsWithDuplicateKeys: true)
        // The files are read as YAML on every core at once (checking one record waits for this);
        // what they hold is then taken in order, so diagnostics and digests do not depend on timing.
        let read = files.concurrentMap { path, bytes -> (SourceFile, YAMLStream?) in
            let source = SourceFile(path: path, bytes: bytes, limit: limits.maxInputBytes)
            // Test files never stop the rules from loading: `rules lint` and `rules test` report their problems.
            // They are read by `RuleTestRunner` on their own; checking a record need not parse them.
            // (a file past the size limit, test file or not, is reported here: yaml.too-large)
            if bytes.count <= limits.maxInputBytes && RuleLibrary.mayBeTestFile(source.text) { return (source, nil) }
            // A duplicate key is reported but does not hide the rest of the file's problems.
            return (source, YAMLLoader.load(bytes: bytes, path: path, limits: limits))
        }
        for ((path, bytes), (source, stream)) in zip(files, read) {
            bytesByPath[path] = bytes
            sources[path] = source
            guard let stream else { continue }
            diagnostics += stream.keptErrors.map({ $0.diagnostic })
            // A file that holds nothing is named, not skipped: it was probably meant to hold rules.
            let holdsNothing = stream.documents.allSatisfy { if case .success(let node) = $0 { node.isNull } else { false } }
            if holdsNothing {
                diagnostics.append(
                    .error(
                        "rules.empty-file", "'\(path)' is empty: it holds no schema (schema:), rule set (ruleset:) or tests (tests:)",
                        at: SourceRange(file: path, at: SourcePosition(line: 1, column: 1))))
            }
            for doc in stream.documents {
                switch doc {
                case .failure(let e): diagnostics.append(e.diagnostic)
                case .success(let node):
                    if node["schema"] != nil {
                        let (schema, diags) = SchemaParser.parse(node)
                        diagnostics += diags
                        if let schema, !diags.hasErrors {
                            if let existing = schemas[schema.kind] {
                                diagnostics.append(
                                    .error(
                                        "rules.duplicate-schema", "record kind '\(schema.kind)' is declared again",
                                        at: node["schema"]!.range, notes: [.init("first declared in \(existing.file)")]))
                            } else {
                                schemas[schema.kind] = schema
                            }
                        }
                    } else if node["ruleset"] != nil {
                        ruleNodes.append((node, path))
                    } else if node["tests"] == nil && node.pairs != nil {
                        diagnostics.append(
                            .warning(
                                "rules.unknown-file", "'\(path)' is neither a schema (schema:) nor a rule set (ruleset:); skipped", at: node.range))
                    } else if node.pairs == nil && !holdsNothing {
                        diagnostics.append(
                            .error(
                                "rules.not-a-mapping",
                                "'\(path)' holds \(node.kindName) at its top level; a rule file holds a mapping with schema:, ruleset: or tests:",
                                at: node.range))
                    }
                }
            }
        }
        // Each rule set is parsed and checked on its own core too, and its digest taken there.
        let (schemas, sources) = (self.schemas, self.sources)
        let parsed = ruleNodes.concurrentMap { node, path -> (RuleSet?, [Diagnostic], [OverrideProblem])? in
            guard let kind = RuleSetParser.appliesTo(node), let schema = schemas[kind] else { return nil }
            let (parsed, diags, problems) = RuleSetParser.parse(node, schema: schema, source: sources[path], overrides: overrides)
            var set = parsed
            set?.seal(files: [schema.file, path].sorted(), bytes: bytesByPath)
            return (set, diags, problems)
        }
        for ((node, path), parsed) in zip(ruleNodes, parsed) {
            guard let kind = RuleSetParser.appliesTo(node) else {
                diagnostics.append(.error("rules.missing-key", "rule set needs 'applies_to': the record kind it checks", at: node.range))
                continue
            }
            guard schemas[kind] != nil else {
                let meant = Suggestion.closest(to: kind, in: schemas.keys)
                diagnostics.append(
                    .error(
                        "rules.unknown-kind", "no schema declares record kind '\(kind)'", at: node["applies_to"]!.range,
                        suggestion: meant))
                // Checked against the kind it probably means, so its other problems show in the same run.
                if let meant, let schema = schemas[meant] { diagnostics += RuleSetParser.parse(node, schema: schema, source: sources[path]).1 }
                continue
            }
            guard let (set, diags, problems) = parsed else { continue }
            diagnostics += diags
            // Versions of one rule set declare the same parameters: one mistake is reported once.
            overrideProblems += problems.filter { !overrideProblems.contains($0) }
            if let set { ruleSets.append(set) }
        }
        overrideProblems += RuleLibrary.unmatchedOverrides(overrides, ruleNodes: ruleNodes.map({ $0.0 }))
        diagnostics += RuleLibrary.versionDiagnostics(ruleNodes.map({ $0.0 }))
        RuleLibrary.dropRepeatsOfDuplicateKeys(&diagnostics)
        diagnostics.sort()
    }

    /// Overrides given twice, or naming a parameter no rule-set file declares (with the closest name).
    static func unmatchedOverrides(_ overrides: [ParameterSetting], ruleNodes: [YAMLNode]) -> [OverrideProblem] {
        var names: Set<String> = []
        for node in ruleNodes { for pair in node["parameters"]?.pairs ?? [] { if let n = pair.key.scalar { names.insert(n) } } }
        var problems: [OverrideProblem] = []
        var seen: Set<String> = []
        for o in overrides {
            if !seen.insert(o.target).inserted {
                problems.append(OverrideProblem(override: o, message: "'\(o.target)' is set twice; give each parameter one value"))
            } else if !names.contains(o.name) {
                let known = names.sorted()
                problems.append(
                    OverrideProblem(
                        override: o, message: "no rule set here has a parameter '\(o.name)'",
                        suggestion: Suggestion.closest(to: o.name, in: known)))
            }
        }
        return problems
    }

    /// The rule set for a record kind in force on a date.
    public func ruleSet(for kind: String, on day: Day?) -> Result<RuleSet, RuleSetChoiceError> {
        ruleSetIndex(for: kind, on: day).map { ruleSets[$0] }
    }

    /// Where in `ruleSets` the rule set for a kind in force on a date is (batch screening keeps
    /// what it prepares per rule set by this index).
    func ruleSetIndex(for kind: String, on day: Day?) -> Result<Int, RuleSetChoiceError> {
        // The common case, one undated rule set for the kind, without building lists.
        if let only = ruleSets.firstIndex(where: { $0.kind == kind }), ruleSets[only].effectiveFrom == nil,
            ruleSets[only].effectiveTo == nil, ruleSets.lastIndex(where: { $0.kind == kind }) == only
        {
            return .success(only)
        }
        let candidates = ruleSets.indices.filter { ruleSets[$0].kind == kind }
        if candidates.isEmpty { return .failure(.noRuleSet(kind: kind, available: kinds)) }
        guard let day else {
            if candidates.count == 1 { return .success(candidates[0]) }
            return .failure(.ambiguous(kind: kind, day: nil, ids: candidates.map { ruleSets[$0].versionDescription }))
        }
        // A rule set with an `effective` period is not in force outside it, even when it is the only one.
        let inForce = candidates.filter { ruleSets[$0].isInForce(on: day) }
        switch inForce.count {
        case 1: return .success(inForce[0])
        case 0: return .failure(.noneInForce(kind: kind, day: day, versions: candidates.map { ruleSets[$0].versionDescription }))
        default: return .failure(.ambiguous(kind: kind, day: day, ids: inForce.map { ruleSets[$0].versionDescription }))
        }
    }
}

/// Why no single rule set could be chosen for a record.
public enum RuleSetChoiceError: Error, Sendable, CustomStringConvertible {
    case noRuleSet(kind: String, available: [String])
    /// `versions` describes every rule set for the kind with its period, so the message can say which dates are covered.
    case noneInForce(kind: String, day: Day, versions: [String])
    case ambiguous(kind: String, day: Day?, ids: [String])

    public var description: String {
        switch self {
        case .noRuleSet(let kind, let available):
            return "no rule set checks records of kind '\(kind)'; the rules cover: \(available.joined(separator: ", "))"
        case .noneInForce(let kind, let day, let versions):
            return "no rule set for '\(kind)' is in force on \(day); the rules have: \(versions.joined(separator: "; "))"
                + " (use --as-of to assess on a date one of them covers)"
        case .ambiguous(let kind, let day, let ids):
            return "more than one rule set for '\(kind)' is in force\(day.map { " on \($0)" } ?? ""): \(ids.joined(separator: ", "))"
        }
    }
}

extension RuleLibrary {
    /// Every override in force in some rule set, one per parameter and value, by name: what a
    /// batch's summary says (each report names its own rule set's, with the published values).
    public var appliedOverrides: [AppliedOverride] {
        var seen: Set<String> = []
        return ruleSets.flatMap({ $0.overrides }).filter { seen.insert("\($0.target)=\(ParameterText.source($0.value))").inserted }
            .sorted { $0.target < $1.target }
    }
}

extension RuleSet {
    /// Names the files a loaded rule set came from, takes its digest over their bytes (and
    /// any `--set` values), and works out its rules' report entries once.
    mutating func seal(files: [String], bytes: [String: [UInt8]]) {
        var hasher = SHA256()
        self.files = files
        for file in files { hasher.update(bytes[file] ?? []) }
        // An overridden rule set is not the published one: its digest differs, whatever the values.
        if !overrides.isEmpty {
            hasher.update(Array("\u{0}--set\n".utf8))
            for o in overrides.sorted(by: { $0.target < $1.target }) {
                hasher.update(Array("\(o.target)=\(ParameterText.source(o.value))\n".utf8))
            }
        }
        digest = "sha256:" + SHA256.hex(hasher.finalize())
        cachedRuleInfos = ruleInfos
    }
}

extension RuleLibrary {
    /// A cheap look before parsing: test files have a line starting `tests:`.
    static func mayBeTestFile(_ text: String) -> Bool {
        // A byte scan for a line starting `tests:`: String.contains would compare Characters.
        let key = Array("tests:".utf8)
        var copy = text
        return copy.withUTF8 { u in
            var lineStart = true
            for i in 0..<u.count {
                if lineStart && u[i] == key[0] && i + key.count <= u.count
                    && (1..<key.count).allSatisfy({ u[i + $0] == key[$0] })
                {
                    return true
                }
                lineStart = u[i] == 10
            }
            return false
        }
    }
}
