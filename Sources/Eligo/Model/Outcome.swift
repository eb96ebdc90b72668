/// How much a rule counts: a required rule decides eligibility, an advisory one only informs.
public enum RuleSeverity: String, Sendable, Codable {
    case required, advisory
}

/// One rule's result for a record (or for one item of it).
public enum Outcome: String, Sendable, Codable, CaseIterable {
    case pass, fail, unknown
    case notApplicable = "not_applicable"
    case error

    /// The position in `allCases`, for tables made once per outcome.
    var index: Int {
        switch self {
        case .pass: return 0
        case .fail: return 1
        case .unknown: return 2
        case .notApplicable: return 3
        case .error: return 4
        }
    }
}

/// A record's overall outcome, before the rule set names it ("eligible").
public enum RecordOutcome: String, Sendable, CaseIterable {
    case pass, fail, unknown, invalid

    /// Its position in `allCases`, for tables kept by outcome.
    var index: Int {
        switch self {
        case .pass: return 0
        case .fail: return 1
        case .unknown: return 2
        case .invalid: return 3
        }
    }
}
