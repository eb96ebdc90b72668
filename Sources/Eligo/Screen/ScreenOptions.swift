/// The input forms `eligo screen` reads.
public enum InputFormat: String, Sendable, CaseIterable {
    case jsonl, csv, yaml

    /// The format a file name implies (`.jsonl`, `.ndjson`, `.json`, `.csv`, `.yaml`, `.yml`).
    public static func from(path: String) -> InputFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { return .jsonl }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        return nil
    }
}

/// The output forms `eligo screen` writes.
public enum ScreenFormat: String, Sendable, CaseIterable {
    case jsonl, csv, html, markdown

    /// Whether every row shows why (reasons, sentences): such a format is explained even with
    /// `--detail outcomes`, so a new format cannot silently get blank reasons. JSON Lines
    /// follows `--detail`.
    public var needsExplanations: Bool {
        switch self {
        case .jsonl: return false
        case .csv, .html, .markdown: return true
        }
    }
}

public struct ScreenOptions: Sendable {
    public var output: ScreenFormat
    /// Worker threads; results still come out in input order.
    public var jobs: Int
    public var check: CheckOptions
    /// Parameters the rules were given for this run (`--set`): result files say so (set by `Screener`).
    public var overrides: [AppliedOverride] = []

    /// The most worker threads screening starts, whatever is asked: each holds its own copy of
    /// the rules, so an absurd `--jobs` would spend memory and threads for no speed.
    public static let maxJobs = 256

    public init(output: ScreenFormat, jobs: Int, check: CheckOptions) {
        self.output = output
        self.jobs = min(max(1, jobs), ScreenOptions.maxJobs)
        self.check = check
    }
}

/// Counts for the summary a reviewer reads at the end of a run.
public struct ScreenSummary: Sendable {
    public var recordsRead = 0
    public var recordsWritten = 0
    /// Decisions in the order first seen, with their counts.
    public var decisions: [(decision: String, count: Int)] = []
    public var invalid = 0
    /// Counted required rules that failed, by rule id.
    public var failures: [String: Int] { totals(\.failed) }
    /// Counted required rules that could not be decided, by rule id.
    public var unknowns: [String: Int] { totals(\.unknown) }
    /// Failed and undecided counts of each counted required rule, in the order first met. Found
    /// by rule id: ids are short, so comparing them is cheap, and versions of a rule add up.
    private var counts: [RuleCount] = []
    private struct RuleCount: Sendable {
        let id: String
        let title: String
        var failed = 0
        var unknown = 0
    }
    /// Warnings about the input as a whole (unknown CSV columns).
    public var notes: [String] = []
    /// Inputs whose reading stopped at a record longer than the limit: what came after it has
    /// no result, so the summary must not say nothing was lost.
    public var stoppedEarly: [String] = []
    /// For an impact run (`eligo rules impact`): decisions and rule outcomes before and after.
    public internal(set) var impact = ImpactTally()

    public init() {}

    mutating func add(_ r: Report) {
        r.rules.withUnsafeBufferPointer { rules in
            add(decision: r.decision, outcome: r.outcome, count: rules.count, outcome: { rules[$0].outcome }, info: { rules[$0].info })
        }
    }

    /// Counts one record given its decision and its rules' outcomes and details by index (batch
    /// screening's outcomes-only form has no report); details are only taken for rules counted.
    @inline(__always)
    mutating func add(decision: String, outcome: RecordOutcome, count: Int, outcome ruleOutcome: (Int) -> Outcome, info ruleInfo: (Int) -> RuleInfo) {
        recordsWritten += 1
        if let i = decisions.firstIndex(where: { $0.decision == decision }) {
            decisions[i].count += 1
        } else {
            decisions.append((decision, 1))
        }
        if outcome == .invalid { invalid += 1 }
        for i in 0..<count {
            let result = ruleOutcome(i)
            guard result == .fail || result == .unknown else { continue }
            let info = ruleInfo(i)
            guard info.decides else { continue }
            let k =
                counts.firstIndex { $0.id == info.id }
                ?? {
                    counts.append(RuleCount(id: info.id, title: info.title)); return counts.count - 1
                }()
            if result == .fail { counts[k].failed += 1 } else { counts[k].unknown += 1 }
        }
    }

    /// Adds another run's counts (records read are added separately, by whoever read them).
    public mutating func merge(_ other: ScreenSummary) {
        recordsWritten += other.recordsWritten
        for (d, n) in other.decisions {
            if let i = decisions.firstIndex(where: { $0.decision == d }) { decisions[i].count += n } else { decisions.append((d, n)) }
        }
        invalid += other.invalid
        impact.merge(other.impact)
        for c in other.counts {
            if let k = counts.firstIndex(where: { $0.id == c.id }) {
                counts[k].failed += c.failed
                counts[k].unknown += c.unknown
            } else {
                counts.append(c)
            }
        }
    }

    /// A counted rule's title ("3 years' substantive headship"), for summaries that list rules by id.
    public func title(of id: String) -> String? { counts.first { $0.id == id }?.title }

    private func totals(_ count: KeyPath<RuleCount, Int>) -> [String: Int] {
        var out: [String: Int] = [:]
        for c in counts where c[keyPath: count] > 0 { out[c.id] = c[keyPath: count] }
        return out
    }

    /// The most often failed rules, most first, ties by id.
    public func topFailures(_ n: Int) -> [(id: String, count: Int)] {
        Array(failures.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(n).map { ($0.key, $0.value) })
    }
}
