/// What a thread keeps from one record's evaluation to the next (a screening worker), so that
/// the next evaluator neither allocates its storage again nor makes and spells again the record
/// paths the records before it met: the room for bound variables and their paths, and the table
/// of record paths (`RecordPaths.readyForNextRecord`). One thread owns it.
struct EvaluationRoom {
    var locals: [Value] = []
    var localPaths: [Evaluator.Origin?] = []
    var paths = RecordPaths()
}

/// Where a record's evaluation hands each rule's result as it is decided: a list of
/// `RuleResult`s for a `Report` (`RuleResultList`), or a full JSON line written with no report
/// in between (`ReportLines`). One evaluation serves both, so they cannot differ in what they say.
protocol RuleResultSink {
    /// One rule's result. `reads` are its deciding values in the order read, each path an id in
    /// `paths` (spelled out by the sink, `paths.text`); they stay valid only during the call.
    mutating func add(
        _ info: RuleInfo, _ outcome: Outcome, subject: String?, label: String?, message: String, needs: [String],
        needsLabels: [String?], reads: UnsafeBufferPointer<(path: RecordPaths.ID, value: Value)>, passesFrom: Day?,
        paths: inout RecordPaths)
}

extension RuleResultSink {
    /// A result with no deciding values (outcomes only, or a rule whose values are not shown).
    mutating func add(_ info: RuleInfo, _ outcome: Outcome, subject: String?, label: String?, message: String = "", paths: inout RecordPaths) {
        add(
            info, outcome, subject: subject, label: label, message: message, needs: [], needsLabels: [],
            reads: UnsafeBufferPointer(start: nil, count: 0), passesFrom: nil, paths: &paths)
    }
}

/// The results of a `Report` in order, each deciding value's path spelled out from `paths`.
struct RuleResultList: RuleResultSink {
    var results: [RuleResult] = []

    mutating func add(
        _ info: RuleInfo, _ outcome: Outcome, subject: String?, label: String?, message: String, needs: [String],
        needsLabels: [String?], reads: UnsafeBufferPointer<(path: RecordPaths.ID, value: Value)>, passesFrom: Day?,
        paths: inout RecordPaths
    ) {
        results.append(
            RuleResult(
                info: info, outcome: outcome, subject: subject, subjectLabel: label, message: message, needs: needs,
                needsLabels: needsLabels, valueCount: reads.count,
                value: { DecidingValue(path: paths.text(reads[$0].path), value: reads[$0].value) }, passesFrom: passesFrom))
    }
}

/// Runs a rule set over one typed record and builds its `Report`: outcomes,
/// explanations, deciding values, needed fields and `passes_from`.
public struct RecordEvaluation: Sendable {
    public var ruleSet: RuleSet
    /// Whether to trace values and render messages; batch screening can skip it.
    public var explain: Bool
    /// Whether passing and not-applicable rules get their message and values too (see `CheckOptions.explainPassing`).
    public var explainPassing = true
    /// Whether explained rules get their deciding values and `passes_from` (see `CheckOptions.explainValues`).
    public var explainValues = true
    /// How far ahead to look for the day a failing date rule would pass.
    public var passesFromHorizonYears = 10

    public init(ruleSet: RuleSet, explain: Bool = true) {
        self.ruleSet = ruleSet
        self.explain = explain
    }

    public func report(record: Value, info: Report.RecordInfo, issues: [RecordIssue], asOf: Day) -> Report {
        var room = EvaluationRoom()
        return report(record: record, info: info, issues: issues, asOf: asOf, room: &room)
    }

    /// `report`, its evaluator borrowing a thread's `room` (see `EvaluationRoom`).
    func report(record: Value, info: Report.RecordInfo, issues: [RecordIssue], asOf: Day, room: inout EvaluationRoom) -> Report {
        let errors = issues.isEmpty ? [] : issues.filter { $0.severity == .error }
        let warnings = issues.isEmpty ? [] : issues.filter { $0.severity == .warning }
        var list = RuleResultList()
        list.results.reserveCapacity(ruleSet.ruleInfos.reduce(0) { $0 + $1.count })
        evaluate(record: record, asOf: asOf, room: &room, into: &list)
        let outcome = RecordEvaluation.decide(list.results, invalid: !errors.isEmpty)
        let decision = ruleSet.decisions.label(outcome)
        return Report(
            record: info,
            ruleSet: ruleSet.reportInfo,
            asOf: asOf, outcome: outcome, decision: decision, rules: list.results, errors: errors, warnings: warnings)
    }

    /// Evaluates every rule for the record, in report order, handing each result to `sink` as it
    /// is decided (a record that is not a mapping has none).
    func evaluate<Sink: RuleResultSink>(record: Value, asOf: Day, room: inout EvaluationRoom, into sink: inout Sink) {
        guard case .object = record else { return }
        let parts = ruleSet.parts, allInfos = ruleSet.ruleInfos
        var ev = Evaluator(
            parts: parts, derived: ruleSet.derived, localCount: ruleSet.localCount, root: record, asOf: asOf, tracing: explain,
            room: &room)
        defer { ev.giveBack(to: &room) }
        // Parts are read in place, by index: iterating them would copy (and retain) every field of each.
        parts.withUnsafeBufferPointer { parts in
            for p in parts.indices { appendResults(of: parts.baseAddress! + p, infos: allInfos[p], &ev, into: &sink) }
        }
    }

    /// One part's results, in order: each rule once, or once for each item of the part's list.
    /// Rules are read in place, by index, as parts are (see `report`).
    private func appendResults<Sink: RuleResultSink>(
        of part: UnsafePointer<Part>, infos: [RuleInfo], _ ev: inout Evaluator, into sink: inout Sink
    ) {
        infos.withUnsafeBufferPointer { infos in
            part.pointee.rules.withUnsafeBufferPointer { rules in
                guard let fe = part.pointee.forEach else {
                    for r in rules.indices { result(rules, r, infos[r], &ev, subject: nil, label: nil, binding: nil, into: &sink) }
                    return
                }
                let (items, listPath) = ev.listWithPathID(fe.list)
                for (i, item) in items.enumerated() {
                    let path = listPath.map { ev.paths.item($0, i) }
                    ev.bindItem(fe, item, origin: path.map(Evaluator.Origin.path))
                    let subject = fe.subject.flatMap { try? ev.untraced($0) }.flatMap { $0.isNull ? nil : ValueFormatter.text($0) }
                    let label = fe.subjectLabel.map { render($0, &ev) }
                    // The item's path is spelled out only when it names the subject.
                    let named = subject ?? path.map { ev.paths.text($0) } ?? "\(i + 1)"
                    for r in rules.indices {
                        result(rules, r, infos[r], &ev, subject: named, label: label, binding: (fe, item), into: &sink)
                    }
                }
            }
        }
    }

    /// Fail if a counted required rule fails; else unknown if one is unknown; else pass.
    /// An input error, or a rule that could not use a present value, makes the record invalid.
    static func decide(_ results: [RuleResult], invalid: Bool) -> RecordOutcome {
        // By index: iterating the values would copy (and retain) every result.
        results.withUnsafeBufferPointer { results in
            decide(count: results.count, invalid: invalid) { (results[$0].info.decides, results[$0].outcome) }
        }
    }

    /// `decide` over the `count` rules that `rule` gives by index (whether the rule decides the
    /// record, see `RuleInfo.decides`, and its outcome), for callers that keep outcomes without results.
    @inline(__always)
    static func decide(count: Int, invalid: Bool, _ rule: (Int) -> (decides: Bool, outcome: Outcome)) -> RecordOutcome {
        if invalid { return .invalid }
        var outcome = RecordOutcome.pass
        for i in 0..<count {
            let (decides, result) = rule(i)
            guard decides else { continue }
            switch result {
            case .error: return .invalid
            case .fail: outcome = .fail
            case .unknown: if outcome == .pass { outcome = .unknown }
            case .pass, .notApplicable: break
            }
        }
        return outcome
    }

    /// A rule's two conditions, held by a class so that evaluating them borrows the code where
    /// it is: read out of the rule set's arrays, both were copied (their trees retained and
    /// released) for every rule of every record, some 80 instructions a rule.
    final class Conditions: Sendable {
        let when: Code?
        let require: Code
        init(_ rule: Rule) {
            when = rule.when
            require = rule.require
        }
    }

    /// Every rule's conditions in rule-set order, as `outcomes` takes them.
    var conditions: [Conditions] { ruleSet.parts.flatMap { $0.rules.map(Conditions.init) } }

    /// Every rule's outcome in rule-set order, written to `out` (room for one per rule):
    /// batch screening's outcomes-only form, with no report built. The same evaluator and the same
    /// `Evaluator.outcome` as `report`, given the rules' `conditions` (`locals`: the worker's room
    /// for bound variables, see `Evaluator.init`); false, with nothing written,
    /// when a part runs per item (how many outcomes there are then depends on the record) or the
    /// record is not a mapping.
    func outcomes(record: Value, asOf: Day, conditions: [Conditions], locals: inout [Value], into out: UnsafeMutablePointer<Outcome>) -> Bool {
        guard case .object = record, !ruleSet.hasPerItemParts else { return false }
        var ev = Evaluator(
            parts: ruleSet.parts, derived: ruleSet.derived, localCount: ruleSet.localCount, root: record, asOf: asOf,
            tracing: false, locals: &locals)
        defer { ev.giveBackLocals(to: &locals) }
        for k in conditions.indices {
            // Borrowed: `conditions` holds every one for the whole loop.
            Borrowed(conditions[k]).with { rule in
                out[k] = ev.outcome(when: rule.when, require: rule.require).0
            }
        }
        return true
    }

    /// Rule `r`'s result, handed to `sink`.
    func result<Sink: RuleResultSink>(
        _ rules: UnsafeBufferPointer<Rule>, _ r: Int, _ info: RuleInfo, _ ev: inout Evaluator, subject: String?, label: String?,
        binding: (forEach: Part.ForEach, item: Value)?, into sink: inout Sink
    ) {
        let rule = rules.baseAddress! + r
        guard explain else {
            // Outcomes only: nothing traced, nothing rendered, and the rule read in place rather than copied.
            let (outcome, _) = ev.outcome(when: rule.pointee.when, require: rule.pointee.require)
            return sink.add(info, outcome, subject: subject, label: label, paths: &ev.paths)
        }
        result(rule, info, &ev, subject: subject, label: label, binding: binding, into: &sink)
    }

    /// A rule's result, the rule read in place: a copy of it retained and released every field.
    private func result<Sink: RuleResultSink>(
        _ rule: UnsafePointer<Rule>, _ info: RuleInfo, _ ev: inout Evaluator, subject: String?, label: String?,
        binding: (forEach: Part.ForEach, item: Value)?, into sink: inout Sink
    ) {
        if !explainPassing || !explainValues {
            // Where passing rules are not explained, or no rule's values are, a rule's outcome is
            // found untraced first, at the cost of an outcome. A traced evaluation follows only when
            // its trace is written: values asked for, or the fields an unknown rule needs. The
            // second evaluation reads what the first left (derived values, `let:` values, indexes)
            // made as a traced one makes them (see `Evaluator.untraced`), so its trace is the same.
            let (outcome, failure) = ev.untracedOutcome(when: rule.pointee.when, require: rule.pointee.require)
            if !explainPassing && (outcome == .pass || outcome == .notApplicable) {
                return sink.add(info, outcome, subject: subject, label: label, paths: &ev.paths)
            }
            if !explainValues && outcome != .unknown {
                let message =
                    rule.pointee.messages[outcome].map { render($0, &ev) } ?? defaultMessage(outcome, info: info, needs: [], failure: failure)
                return sink.add(info, outcome, subject: subject, label: label, message: message, paths: &ev.paths)
            }
        }
        ev.trace.reset()
        let (outcome, failure) = ev.outcome(when: rule.pointee.when, require: rule.pointee.require)
        // The rule's trace is taken out of the evaluator, not copied, and put back at the end for
        // the next rule to reuse; its paths are spelled out by the sink, if it writes them.
        var trace = Evaluator.Trace()
        swap(&trace, &ev.trace)
        defer { swap(&trace, &ev.trace) }
        let needIDs = outcome == .unknown ? trace.needs : []
        let needs = needIDs.map { ev.paths.text($0) }
        let message: String
        if let template = rule.pointee.messages[outcome] {
            message = render(template, &ev)
        } else {
            message = defaultMessage(outcome, info: info, needs: needs, failure: failure)
        }
        var passesFrom: Day?
        if outcome == .fail && rule.pointee.usesAsOf {
            passesFrom = firstPassingDay(rule.pointee, record: ev.root, after: ev.asOf, binding: binding, indexes: ev.indexes)
        }
        let needsLabels = needIDs.isEmpty ? [] : labels(of: needIDs, &ev)
        trace.reads.withUnsafeBufferPointer { reads in
            sink.add(
                info, outcome, subject: subject, label: label, message: message, needs: needs, needsLabels: needsLabels,
                reads: reads, passesFrom: passesFrom, paths: &ev.paths)
        }
    }

    /// The schema's label for each needed path, each path looked up once per record.
    private func labels(of needs: [RecordPaths.ID], _ ev: inout Evaluator) -> [String?] {
        let kind = ruleSet.schema.root
        return needs.map { ev.paths.label($0, in: kind) }
    }

    /// The message of a rule without its own for `outcome`: made once per rule where it does not
    /// depend on the record (`RuleInfo.plainMessages`).
    private func defaultMessage(_ outcome: Outcome, info: RuleInfo, needs: [String], failure: String?) -> String {
        if let plain = info.plainMessages[outcome.index] { return plain }
        switch outcome {
        case .unknown:
            return needs.isEmpty
                ? "This cannot be decided from the information given."
                : "This cannot be decided yet: \(ValueFormatter.list(needs)) \(needs.count == 1 ? "is" : "are") needed."
        case .error: return "This could not be checked: \(failure ?? "a value could not be used")."
        case .pass, .fail, .notApplicable: return ""  // in `plainMessages`
        }
    }

    /// Fills a message template; a hole that cannot be evaluated reads "not given". Holes are
    /// evaluated untraced: what they read is not a deciding value (the trace is the rule's).
    func render(_ template: Template, _ ev: inout Evaluator) -> String {
        // The trace is moved aside and back, not copied.
        var saved = Evaluator.Trace()
        swap(&saved, &ev.trace)
        defer { swap(&saved, &ev.trace) }
        var out = ""
        // The pieces are read in place: iterating them copied (and retained) each one's code and words.
        template.pieces.withUnsafeBufferPointer { pieces in
            for p in pieces.indices {
                switch pieces[p] {
                case .text(let s): out += s
                case .value(let code, let type, let plural):
                    let v = (try? ev.untraced(code)) ?? .null
                    out += Template.text(of: v, type: type, plural: plural)
                }
            }
        }
        return out
    }

    /// The first day after `asOf` on which the rule would pass, assuming that once
    /// it passes it keeps passing (true of "at least N years" rules); nil when it
    /// still fails at the horizon.
    func firstPassingDay(
        _ rule: Rule, record: Value, after asOf: Day, binding: (forEach: Part.ForEach, item: Value)?,
        indexes: IndexCache? = nil
    ) -> Day? {
        func passes(_ day: Day) -> Bool {
            var ev = Evaluator(ruleSet: ruleSet, root: record, asOf: day, tracing: false)
            ev.indexes = indexes
            if let b = binding { ev.bindItem(b.forEach, b.item, path: nil) }
            return ev.outcome(of: rule).0 == .pass
        }
        guard var hi = asOf.adding(years: passesFromHorizonYears), passes(hi) else { return nil }
        var lo = asOf  // fails here
        while hi.ordinal - lo.ordinal > 1 {
            let mid = Day(ordinal: (lo.ordinal + hi.ordinal) / 2)
            if passes(mid) { hi = mid } else { lo = mid }
        }
        return hi
    }
}

extension Evaluator {
    /// The items of a `for_each` list, with the list's record path when tracing.
    mutating func listWithPath(_ code: Code) -> ([Value], String?) {
        let (items, path) = listWithPathID(code)
        return (items, path.map { paths.textKept($0) })
    }

    /// `listWithPath` with the list's path as an id in `paths`.
    mutating func listWithPathID(_ code: Code) -> ([Value], RecordPaths.ID?) {
        var saved = Trace()
        swap(&saved, &trace)
        defer { swap(&saved, &trace) }
        guard let (value, origin) = try? reference(code), case .list(let items) = value else { return ([], nil) }
        return (items, origin?.path)
    }
}

extension String {
    var lowercasedFirst: String {
        guard let f = first else { return self }
        return f.lowercased() + dropFirst()
    }
}

extension RuleSet {
    /// The assessment date: the override, else this rule set's `as_of` field of the record, else
    /// today. On the rule set itself, so a caller holding the library asks `ruleSets[i]` in place
    /// rather than copying the whole rule set out first.
    public func assessmentDate(for record: Value, override: Day?, today: Day) -> Day {
        if let override { return override }
        if let code = asOfCode, case .date(let d)? = Evaluator.value(of: code, in: record) { return d }
        return today
    }
}

extension RuleSet {
    /// What a report says of the rule set that decided it.
    var reportInfo: Report.RuleSetInfo {
        Report.RuleSetInfo(id: id, title: title, version: version, digest: digest, overrides: overrides)
    }
}
