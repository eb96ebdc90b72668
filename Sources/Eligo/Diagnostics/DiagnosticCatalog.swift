/// Every diagnostic id eligo reports about rule, schema and test files, with a
/// one-line summary: the `rules` table of a SARIF log, and the checklist that
/// docs/diagnostics.md must cover (a test keeps the two in step).
public enum DiagnosticCatalog {
    public struct Entry: Sendable {
        public var id: String
        public var severity: Diagnostic.Severity
        public var summary: String
    }

    public static func entry(_ id: String) -> Entry? { byID[id] }

    private static let byID: [String: Entry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })

    public static let entries: [Entry] = [
        // Files
        .init(id: "io.no-rules", severity: .error, summary: "The rules folder cannot be read, or holds no rule set."),
        .init(id: "io.unreadable", severity: .error, summary: "A file in the rules folder cannot be read."),
        .init(id: "io.too-large", severity: .error, summary: "A CSV file of a dataset folder is larger than eligo reads (1 GiB)."),
        .init(id: "io.no-csv", severity: .error, summary: "A dataset folder holds no CSV file of a known collection."),
        // YAML
        .init(id: "yaml.syntax", severity: .error, summary: "The file is not valid YAML."),
        .init(id: "yaml.duplicate-key", severity: .error, summary: "A key appears twice in one mapping."),
        .init(id: "yaml.unknown-alias", severity: .error, summary: "An alias (*name) has no anchor (&name) before it."),
        .init(id: "yaml.invalid-utf8", severity: .error, summary: "The file is not UTF-8."),
        .init(id: "yaml.too-deep", severity: .error, summary: "Nesting is deeper than the loader allows."),
        .init(id: "yaml.alias-bomb", severity: .error, summary: "Aliases expand to too many nodes."),
        .init(id: "yaml.scalar-too-large", severity: .error, summary: "One value is larger than the loader allows."),
        .init(id: "yaml.too-large", severity: .error, summary: "The file is larger than the loader allows."),
        // Schemas
        .init(id: "schema.no-fields", severity: .error, summary: "The schema has no 'fields'."),
        .init(id: "schema.bad-default", severity: .error, summary: "A field's 'default' is not a value of the field's type."),
        .init(id: "schema.expected-fields", severity: .error, summary: "'fields' is not a mapping."),
        .init(id: "schema.duplicate-field", severity: .error, summary: "A field is declared twice."),
        .init(id: "schema.expected-list", severity: .error, summary: "Enum 'values' is not a list."),
        .init(id: "schema.enum-without-values", severity: .error, summary: "'type: enum' without 'values'."),
        .init(id: "schema.list-without-items", severity: .error, summary: "'type: list' without 'items'."),
        .init(id: "schema.missing-type", severity: .error, summary: "A field has neither 'type', 'values' nor 'fields'."),
        .init(id: "schema.unknown-type", severity: .error, summary: "A type that is neither built in nor declared earlier."),
        .init(id: "schema.expected-mapping", severity: .error, summary: "'types' is not a mapping of type names."),
        .init(id: "schema.bad-value", severity: .error, summary: "'optional', 'min', 'max' or 'min_items' has a value of the wrong kind."),
        // Rule files
        .init(id: "rules.unknown-key", severity: .warning, summary: "A key eligo does not know; ignored (usually a typo)."),
        .init(id: "rules.missing-key", severity: .error, summary: "A required key is missing."),
        .init(
            id: "rules.misspelt-key", severity: .error,
            summary: "A key that changes decisions is misspelt; it is checked as the key it probably means."),
        .init(id: "rules.expected-mapping", severity: .error, summary: "Something that must be a mapping is not."),
        .init(id: "rules.expected-scalar", severity: .error, summary: "A key that must hold text holds a list or mapping."),
        .init(id: "rules.expected-list", severity: .error, summary: "Something that must be a list is not."),
        .init(id: "rules.expected-expression", severity: .error, summary: "An expression key holds a list or mapping."),
        .init(id: "rules.unknown-file", severity: .warning, summary: "A YAML file that is not a schema, rule set or test file; skipped."),
        .init(
            id: "rules.empty-file", severity: .error,
            summary: "A rule folder's YAML file that is empty (or only comments): it holds no schema, rule set or tests."),
        .init(
            id: "rules.not-a-mapping", severity: .error, summary: "A rule folder's YAML file whose top level is a list or a scalar, not a mapping."),
        .init(id: "rules.duplicate-schema", severity: .error, summary: "Two schemas declare the same record kind."),
        .init(id: "rules.unknown-kind", severity: .error, summary: "'applies_to' names no loaded schema."),
        .init(
            id: "check.unindexable-condition", severity: .error,
            summary: "A find/where condition does not start with 'x.field = value', so it cannot use an index."),
        .init(id: "rules.bad-date", severity: .error, summary: "A date is not written YYYY-MM-DD or is not a real day."),
        .init(id: "rules.bad-effective", severity: .error, summary: "An 'effective' period ends before it starts."),
        .init(id: "rules.overlapping-versions", severity: .error, summary: "Two rule sets for one record kind are in force on the same day."),
        .init(id: "rules.unknown-type", severity: .error, summary: "A parameter type eligo does not know."),
        .init(id: "rules.bad-parameter", severity: .error, summary: "A parameter value does not fit its type."),
        .init(id: "rules.duplicate-parameter", severity: .error, summary: "A parameter is declared twice."),
        .init(id: "rules.shadowed-field", severity: .warning, summary: "A parameter has the name of a record field and hides it."),
        .init(id: "rules.unused-parameter", severity: .warning, summary: "No expression, message or statement uses the parameter."),
        .init(id: "rules.table-missing-key", severity: .warning, summary: "A row of a parameter table lacks a key that another row has."),
        .init(id: "rules.table-year-gap", severity: .warning, summary: "A parameter table skips a year between its first and last."),
        .init(id: "rules.no-parts", severity: .error, summary: "The rule set has no 'parts'."),
        .init(id: "rules.no-rules", severity: .error, summary: "A part has no list of 'rules'."),
        .init(id: "rules.bad-for-each", severity: .error, summary: "'for_each' is not 'NAME in LIST'."),
        .init(id: "rules.let-without-for-each", severity: .error, summary: "'let' in a part without 'for_each'."),
        .init(id: "rules.subject-without-for-each", severity: .error, summary: "'subject' in a part without 'for_each'."),
        .init(id: "rules.unknown-rule", severity: .error, summary: "'counted_through' names no rule of the file."),
        .init(id: "rules.duplicate-id", severity: .error, summary: "Two rules share an id."),
        .init(id: "rules.bad-severity", severity: .error, summary: "Severity is not 'required' or 'advisory'."),
        .init(id: "rules.no-citation", severity: .warning, summary: "A rule has no citation."),
        .init(id: "rules.template-unclosed", severity: .error, summary: "A '{' in a message has no '}'."),
        .init(id: "rules.template-plural", severity: .error, summary: "A hole's word forms are not {number|one|other}, or it is not a number."),
        .init(
            id: "rules.number-not-parameter", severity: .warning,
            summary: "A title or description states a parameter's value; write {parameter} instead."),
        .init(
            id: "rules.statement-needs-record", severity: .warning,
            summary: "A statement hole reads the record, so the criteria document cannot fill it in."),
        .init(id: "rules.no-rule-set", severity: .error, summary: "No single rule set is in force on a record's date (a record error)."),
        // Expressions
        .init(id: "parse.syntax", severity: .error, summary: "An expression is not written correctly."),
        .init(id: "parse.too-deep", severity: .error, summary: "An expression nests more than 64 levels deep."),
        .init(id: "check.unknown-name", severity: .error, summary: "Not a field, parameter, derived value, variable or 'as_of'."),
        .init(id: "check.unknown-field", severity: .error, summary: "The object has no such field."),
        .init(id: "check.member-of-list", severity: .error, summary: "A field read from a whole list."),
        .init(id: "check.no-fields", severity: .error, summary: "A field read from a value that has none."),
        .init(id: "check.not-indexable", severity: .error, summary: "'[ ]' on something that is not a list or table."),
        .init(id: "check.not-ordered", severity: .error, summary: "'<', '>' and the like on values that have no order."),
        .init(id: "check.not-a-condition", severity: .error, summary: "'when' or 'require' is not true or false."),
        .init(id: "check.unknown-enum-value", severity: .error, summary: "Text compared with an enum is not one of its values."),
        .init(id: "check.unknown-function", severity: .error, summary: "No such function."),
        .init(id: "check.expected-lambda", severity: .error, summary: "A list function without its 'x -> ...'."),
        .init(id: "check.misplaced-lambda", severity: .error, summary: "'x -> ...' where no function is expected."),
        .init(id: "check.argument-count", severity: .error, summary: "A function is given the wrong number of arguments."),
        .init(id: "check.unknown-part", severity: .error, summary: "'passes_part' names no 'for_each' part."),
        .init(id: "check.cyclic-derived", severity: .error, summary: "Derived values depend on each other in a circle."),
        .init(id: "check.too-deep", severity: .error, summary: "Derived values used one inside the next nest more than 64 expression levels deep."),
        .init(id: "check.type-mismatch", severity: .error, summary: "Values of the wrong type."),
        .init(
            id: "check.constant-failure", severity: .error,
            summary: "Arithmetic on constants that can never be done (a number or a date out of range)."),
        .init(
            id: "check.constant-condition", severity: .warning, summary: "A condition, or part of one, never changes once parameters are filled in."),
        // Test files
        .init(id: "tests.expected-list", severity: .error, summary: "'tests' is not a list of test cases."),
        .init(id: "tests.duplicate-name", severity: .error, summary: "Two tests in one file share a name."),
        .init(id: "tests.no-record", severity: .error, summary: "A test gives no record ('record', 'file' or 'like')."),
        .init(id: "tests.unknown-test", severity: .error, summary: "'like' names no test of the file, or the tests refer to each other in a circle."),
        .init(
            id: "tests.like-cycle", severity: .error,
            summary: "Tests whose 'like' chain comes back to themselves (a test 'like' itself included): none has a record."),
        .init(id: "tests.missing-file", severity: .error, summary: "A test's record file cannot be read."),
        .init(id: "tests.bad-record", severity: .error, summary: "A test's record file is not YAML, or is not one mapping."),
        .init(id: "tests.bad-path", severity: .error, summary: "A path in 'with' does not fit the record."),
        .init(id: "tests.unknown-rule", severity: .error, summary: "An expectation names a rule that no rule set for the record has."),
        .init(id: "tests.bad-outcome", severity: .error, summary: "An expected outcome is not pass, fail, unknown, not_applicable or error."),
        .init(id: "tests.bad-decision", severity: .error, summary: "An expected decision is not one of the rule set's decisions."),
        .init(id: "tests.unknown-parameter", severity: .error, summary: "A test sets a parameter that no rule set declares.")
    ]
}
