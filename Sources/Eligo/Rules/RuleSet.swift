/// A checked rule set, ready to evaluate: every expression compiled against
/// the schema of the record kind it applies to.
public struct RuleSet: Sendable {
    public var id: String
    public var title: String
    public var version: String
    /// The record kind (schema) the rules are about.
    public var kind: String
    public var schema: Schema
    /// The period the rule set is in force, when it declares one.
    public var effectiveFrom: Day?
    public var effectiveTo: Day?
    public var decisions: DecisionLabels
    /// The record field giving the default assessment date (`submitted_on`).
    public var asOfField: String?
    public var parameters: [ParameterDeclaration]
    public var parts: [Part]
    /// `sha256:` of the rule set's files, so a decision can be traced to the exact rules.
    public var digest: String
    public var files: [String]

    /// The shared report details of each part's rules, made once (see `RuleInfo`).
    public var ruleInfos: [[RuleInfo]] {
        // Cheap enough at load; cached by `RuleLibrary`.
        cachedRuleInfos ?? parts.map { part in part.rules.map { RuleInfo(rule: $0, part: part) } }
    }
    var cachedRuleInfos: [[RuleInfo]]? = nil

    var derived: [DerivedValue]
    var asOfCode: Code?
    /// How a person names a record in headings (`applicant.name`).
    var labelCode: Code?
    var localCount: Int
    /// One report per record of each `for_each` collection instead of one for the whole
    /// record (`report_per_subject: true`, for datasets; see Dataset/DatasetEvaluation.swift).
    public var reportPerSubject = false

    /// What the rule set is for, in a few sentences (`description:`); the criteria document opens with it.
    public var description: String? = nil
    /// The heading of the criteria document (`document_title:`), when it differs from `title`.
    public var documentTitle: String? = nil

    /// All rules in file order, with their part.
    public var allRules: [(part: Part, rule: Rule)] {
        parts.flatMap { p in p.rules.map { (p, $0) } }
    }
}

/// The words a rule set uses for its record outcomes.
public struct DecisionLabels: Sendable {
    public var pass = "eligible"
    public var fail = "not_eligible"
    public var unknown = "incomplete"
    public var invalid = "invalid"
    public init() {}
}

public struct ParameterDeclaration: Sendable {
    public var name: String
    public var type: ValueType
    public var value: Value
    public var description: String?
    public var range: SourceRange
    /// For a table: the names of its keys, outermost first (`by: [phase, year]`).
    public var by: [String] = []
}

struct DerivedValue: Sendable {
    var name: String
    var code: Code
    var usesAsOf: Bool
}

/// A group of rules shown together ("Part A — the headteacher"), optionally
/// evaluated once per item of a list ("for each school").
public struct Part: Sendable {
    public var id: String
    public var title: String
    public var rules: [Rule]
    /// Rule id whose outcome carries this part's rules into the decision; the
    /// part's own outcomes are then shown but not counted directly.
    public var countedThrough: String?
    var forEach: ForEach?

    struct ForEach: Sendable {
        var variable: String
        var list: Code
        var slot: Int
        var subject: Code?
        var subjectLabel: Template?
        /// Values named per item (`let:`), evaluated in order when the item is bound.
        var lets: [(slot: Int, code: Code)] = []
    }

    public var isPerItem: Bool { forEach != nil }
}

public enum Severity: String, Sendable, Codable {
    case required, advisory
}

public struct Citation: Sendable {
    public var source: String
    public var text: String?
    /// Set when the rule reads more into the source than its words say.
    public var interpretation: String?
}

public struct Rule: Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var citation: Citation?
    public var range: SourceRange
    var when: Code?
    var require: Code
    var messages: [Outcome: Template]
    /// Whether the outcome can change with the assessment date (so `passes_from` is worth finding).
    var usesAsOf: Bool
    /// The plain statement of the rule for documents, when the author wrote one.
    public var statement: String?
    /// The statement with its `{parameter}` holes compiled; filled in by `eligo rules doc`.
    var statementTemplate: Template? = nil
}

/// One rule's result for a record (or for one item of it).
public enum Outcome: String, Sendable, Codable, CaseIterable {
    case pass, fail, unknown
    case notApplicable = "not_applicable"
    case error
}
