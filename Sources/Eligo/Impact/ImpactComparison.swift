/// The baseline of an impact run (`eligo rules impact`): the rules and assessment date each
/// record is decided by before the proposed change. The proposal is the screener's own
/// library and options, so an impact run reads, shares out and orders records exactly as
/// `eligo screen` does.
public struct ImpactComparison: Sendable {
    public var baseline: RuleLibrary
    public var baselineOptions: CheckOptions
    /// How each changed record is written (the summary is written by the caller, from the tally).
    public var format: ImpactFormat

    public init(baseline: RuleLibrary, baselineOptions: CheckOptions, format: ImpactFormat) {
        self.baseline = baseline
        self.baselineOptions = baselineOptions
        self.format = format
    }
}

/// The output forms of `eligo rules impact`.
public enum ImpactFormat: String, Sendable, CaseIterable {
    case text, markdown, html, csv, json
}

/// Decides one record under both sides and writes it if its decision changed. Records are
/// first decided without explanations (the fast form screening uses); only a record whose
/// decision changed is decided again with them, for its sentences.
struct ImpactComparer: Sendable {
    let baseline: RuleLibrary
    let baselineOptions: CheckOptions
    let proposal: RuleLibrary
    let proposalOptions: CheckOptions
    let format: ImpactFormat

    init(_ comparison: ImpactComparison, baseline: RuleLibrary, proposal: RuleLibrary, proposalOptions: CheckOptions) {
        self.baseline = baseline
        self.proposal = proposal
        var b = comparison.baselineOptions, p = proposalOptions
        b.explain = false
        p.explain = false
        // A record of another kind is invalid under both (see `CheckOptions.screening`).
        b.screening = p.screening
        baselineOptions = b
        self.proposalOptions = p
        format = comparison.format
    }

    func compare(
        _ record: Value, kind: String, id: String?, source: String, issues: [RecordIssue],
        into text: inout [UInt8], tally: inout ImpactTally
    ) {
        let before = baseline.check(record: record, kind: kind, id: id, source: source, issues: issues, options: baselineOptions)
        let after = proposal.check(record: record, kind: kind, id: id, source: source, issues: issues, options: proposalOptions)
        count(before, after, tally: &tally)
        guard before.decision != after.decision else { return }
        var b = baselineOptions, p = proposalOptions
        b.explain = true
        p.explain = true
        let change = RecordChange(
            before: baseline.check(record: record, kind: kind, id: id, source: source, issues: issues, options: b),
            after: proposal.check(record: record, kind: kind, id: id, source: source, issues: issues, options: p))
        text.append(contentsOf: ImpactRenderer.change(change, format).utf8)
    }

    /// Two reports already explained (a YAML stream's, or a record that could not be read).
    func compare(before: Report, after: Report, into text: inout [UInt8], tally: inout ImpactTally) {
        count(before, after, tally: &tally)
        if before.decision != after.decision {
            text.append(contentsOf: ImpactRenderer.change(RecordChange(before: before, after: after), format).utf8)
        }
    }

    private func count(_ before: Report, _ after: Report, tally: inout ImpactTally) {
        let pairs = RecordChange.pairs(before, after)
        tally.add(
            before: before, after: after,
            changes: pairs.map { ($0.id, $0.after?.title ?? $0.before?.title ?? $0.id, $0.before?.outcome, $0.after?.outcome) })
    }
}
