/// A checked rule set, ready to evaluate: every expression compiled against
/// the schema of the record kind it applies to.
///
/// A value type whose fields live in one immutable shared box: batch screening
/// hands a rule set to every record's evaluation, and copying it then costs one
/// reference count (on a cache line the cores only read) instead of twenty.
public struct RuleSet: Sendable {
    struct Fields: Sendable {
        var id: String
        var title: String
        var version: String
        var kind: String
        var schema: Schema
        var effectiveFrom: Day?
        var effectiveTo: Day?
        var decisions: DecisionLabels
        var asOfField: String?
        var parameters: [ParameterDeclaration]
        var parts: [Part]
        var digest: String
        var files: [String]
        var derived: [DerivedValue]
        var asOfCode: Code?
        var labelCode: Code?
        var localCount: Int
        var reportPerSubject: Bool
        var description: String?
        var documentTitle: String?
        var cachedRuleInfos: [[RuleInfo]]?
        var overrides: [AppliedOverride] = []
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// All the fields at once (worker copies are made from them).
    var fields: Fields { box.fields }

    init(fields: Fields) { box = Box(fields) }

    /// Changes happen while loading only; each makes a new box, so copies never see them.
    private mutating func edit(_ change: (inout Fields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields)
    }

    init(
        id: String, title: String, version: String, kind: String, schema: Schema,
        effectiveFrom: Day?, effectiveTo: Day?, decisions: DecisionLabels, asOfField: String?,
        parameters: [ParameterDeclaration], parts: [Part], digest: String, files: [String],
        derived: [DerivedValue], asOfCode: Code?, labelCode: Code?, localCount: Int,
        reportPerSubject: Bool = false, description: String? = nil, documentTitle: String? = nil
    ) {
        box = Box(
            Fields(
                id: id, title: title, version: version, kind: kind, schema: schema,
                effectiveFrom: effectiveFrom, effectiveTo: effectiveTo, decisions: decisions,
                asOfField: asOfField, parameters: parameters, parts: parts, digest: digest, files: files,
                derived: derived, asOfCode: asOfCode, labelCode: labelCode, localCount: localCount,
                reportPerSubject: reportPerSubject, description: description, documentTitle: documentTitle,
                cachedRuleInfos: nil))
    }

    public var id: String {
        get { box.fields.id }
        set { edit { $0.id = newValue } }
    }
    public var title: String {
        get { box.fields.title }
        set { edit { $0.title = newValue } }
    }
    public var version: String {
        get { box.fields.version }
        set { edit { $0.version = newValue } }
    }
    /// The record kind (schema) the rules are about.
    public var kind: String {
        get { box.fields.kind }
        set { edit { $0.kind = newValue } }
    }
    public var schema: Schema {
        get { box.fields.schema }
        set { edit { $0.schema = newValue } }
    }
    /// The period the rule set is in force, when it declares one.
    public var effectiveFrom: Day? {
        get { box.fields.effectiveFrom }
        set { edit { $0.effectiveFrom = newValue } }
    }
    public var effectiveTo: Day? {
        get { box.fields.effectiveTo }
        set { edit { $0.effectiveTo = newValue } }
    }
    public var decisions: DecisionLabels {
        get { box.fields.decisions }
        set { edit { $0.decisions = newValue } }
    }
    /// The record field giving the default assessment date (`submitted_on`).
    public var asOfField: String? {
        get { box.fields.asOfField }
        set { edit { $0.asOfField = newValue } }
    }
    public var parameters: [ParameterDeclaration] {
        get { box.fields.parameters }
        set { edit { $0.parameters = newValue } }
    }
    public var parts: [Part] {
        get { box.fields.parts }
        set { edit { $0.parts = newValue } }
    }
    /// `sha256:` of the rule set's files, so a decision can be traced to the exact rules.
    public var digest: String {
        get { box.fields.digest }
        set { edit { $0.digest = newValue } }
    }
    public var files: [String] {
        get { box.fields.files }
        set { edit { $0.files = newValue } }
    }
    var derived: [DerivedValue] {
        get { box.fields.derived }
        set { edit { $0.derived = newValue } }
    }
    var asOfCode: Code? {
        get { box.fields.asOfCode }
        set { edit { $0.asOfCode = newValue } }
    }
    /// How a person names a record in headings (`applicant.name`).
    var labelCode: Code? {
        get { box.fields.labelCode }
        set { edit { $0.labelCode = newValue } }
    }
    var localCount: Int {
        get { box.fields.localCount }
        set { edit { $0.localCount = newValue } }
    }
    /// One report per record of each `for_each` collection instead of one for the whole
    /// record (`report_per_subject: true`, for datasets; see Dataset/DatasetEvaluation.swift).
    public var reportPerSubject: Bool {
        get { box.fields.reportPerSubject }
        set { edit { $0.reportPerSubject = newValue } }
    }
    /// What the rule set is for, in a few sentences (`description:`); the criteria document opens with it.
    public var description: String? {
        get { box.fields.description }
        set { edit { $0.description = newValue } }
    }
    /// The heading of the criteria document (`document_title:`), when it differs from `title`.
    public var documentTitle: String? {
        get { box.fields.documentTitle }
        set { edit { $0.documentTitle = newValue } }
    }
    /// Parameters given other values for this run (`--set`); empty for the published rules.
    public var overrides: [AppliedOverride] {
        get { box.fields.overrides }
        set { edit { $0.overrides = newValue } }
    }
    var cachedRuleInfos: [[RuleInfo]]? {
        get { box.fields.cachedRuleInfos }
        set { edit { $0.cachedRuleInfos = newValue } }
    }

    /// The shared report details of each part's rules, made once (see `RuleInfo`).
    public var ruleInfos: [[RuleInfo]] {
        // Cheap enough at load; cached by `RuleLibrary`.
        cachedRuleInfos ?? parts.map { part in part.rules.map { RuleInfo(rule: $0, part: part) } }
    }

    /// Whether a part runs once per item of a list (`for_each`), so the number of results depends on the record.
    var hasPerItemParts: Bool { parts.contains { $0.forEach != nil } }

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

    /// The word for a record outcome.
    public func label(_ outcome: RecordOutcome) -> String {
        switch outcome {
        case .pass: return pass
        case .fail: return fail
        case .unknown: return unknown
        case .invalid: return invalid
        }
    }
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

public struct Citation: Sendable {
    public var source: String
    public var text: String?
    /// Set when the rule reads more into the source than its words say.
    public var interpretation: String?
}

public struct Rule: Sendable {
    public var id: String
    public var title: String
    public var severity: RuleSeverity
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
