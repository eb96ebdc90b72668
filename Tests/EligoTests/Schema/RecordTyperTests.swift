import Foundation
import Testing
@testable import Eligo

@Suite("Schema typing of records")
struct RecordTyperTests {
    static let schemaText = """
        schema: school-record
        title: A school
        types:
          urn:
            type: string
            label: URN
          grade:
            type: int
            min: 1
            max: 4
        fields:
          urn: urn
          name: string
          founded: date
          opened: date?
          pct:
            type: decimal?
            min: 0
            max: 100
          active: bool?
          phase:
            values: [primary, secondary, all_through]
          ofsted:
            type: object?
            fields:
              overall: grade?
              inspection_date: date?
          staff:
            type: list?
            items:
              type: object
              fields:
                name: string
                role:
                  values: [teacher, leader]
          tags: list<string>?
          schools:
            type: list
            min_items: 1
            items: string

        """

    static let schema: Schema = {
        var lib = RuleLibrary()
        lib.add(files: [(path: "school-schema.yaml", bytes: Array(schemaText.utf8))])
        return lib.schemas["school-record"]!
    }()

    /// A record that is valid; tests replace or add lines.
    static let base = """
        urn: 120001
        name: Example Primary
        founded: 1998-09-01
        phase: primary
        schools: ["120001"]

        """

    static func type(_ text: String, path: String = "record.yaml") -> (value: Value, issues: [RecordIssue]) {
        guard case .success(let node)? = YAMLLoader.load(text: text, path: path).documents.first else {
            Issue.record("YAML did not load: \(text)")
            return (.null, [])
        }
        var typer = RecordTyper()
        let v = typer.object(node, as: schema.root, path: "", isRoot: true)
        return (v, typer.issues)
    }

    /// The typed value at a dotted path of field names (lists by `[i]`).
    static func field(_ value: Value, _ path: String) -> Value? {
        var current = value
        var type = ValueType.object(schema.root)
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var index: Int?
            if let open = part.firstIndex(of: "[") {
                name = part[..<open]
                index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            }
            guard case .object(let o) = type, let slot = o.slot(of: String(name)), case .object(let ov) = current else { return nil }
            current = ov.slots[slot]
            type = o.fields[slot].type
            if let index {
                guard case .list(let items) = current, index < items.count, case .list(let element) = type else { return nil }
                current = items[index]
                type = element
            }
        }
        return current
    }

    @Test("the schema file loads with its named types")
    func schemaLoads() throws {
        let root = Self.schema.root
        #expect(root.field("urn")?.type == .string)
        #expect(root.field("urn")?.label == "URN")
        #expect(root.field("opened")?.optional == true)
        #expect(root.field("founded")?.optional == false)
        let overall = try #require(root.field("ofsted")?.type.objectType?.field("overall"))
        #expect(overall.type == .int)
        #expect(overall.minimum == 1)
        #expect(overall.maximum == 4)
        #expect(root.field("schools")?.minItems == 1)
    }

    @Test("a valid record types without issues")
    func validRecord() {
        let (v, issues) = Self.type(Self.base)
        #expect(issues.isEmpty, "\(issues.map({ $0.located }))")
        #expect(Self.field(v, "name") == .string("Example Primary"))
        #expect(Self.field(v, "founded") == .date(day("1998-09-01")))
        #expect(Self.field(v, "phase") == .string("primary"))
        #expect(Self.field(v, "opened") == .null)
        #expect(Self.field(v, "schools") == .list([.string("120001")]))
    }

    @Test(
        "scalars are typed by the schema, not by YAML",
        arguments: [
            ("urn: 120001", "urn", Value.string("120001")),
            ("urn: 012345", "urn", Value.string("012345")),
            ("urn: \"120001\"", "urn", Value.string("120001")),
            ("name: 2014-11-03", "name", Value.string("2014-11-03")),
            ("name: true", "name", Value.string("true")),
            ("name: 1.50", "name", Value.string("1.50")),
            ("ofsted: {overall: \"2\"}", "ofsted.overall", Value.int(2)),
            ("ofsted: {overall: 2}", "ofsted.overall", Value.int(2)),
            ("pct: \"81.5\"", "pct", Value.decimal(81.5)),
            ("pct: 81", "pct", Value.decimal(81)),
            ("active: \"true\"", "active", Value.bool(true)),
            ("active: false", "active", Value.bool(false)),
            ("active: yes", "active", Value.bool(true)),
            ("active: no", "active", Value.bool(false)),
            ("ofsted: {overall: 3.0}", "ofsted.overall", Value.int(3)),
            ("opened: \"2010-09-01\"", "opened", Value.date(day("2010-09-01"))),
            ("opened: 2012-02-29", "opened", Value.date(day("2012-02-29"))),
            ("opened: null", "opened", Value.null),
            ("opened: ~", "opened", Value.null),
            ("opened:", "opened", Value.null),
            ("tags: [1, yes, 2014-01-01]", "tags", Value.list([.string("1"), .string("yes"), .string("2014-01-01")]))
        ])
    func scalarTyping(line: String, path: String, expected: Value) {
        // Replace the base record's line for the same field, or add the line.
        let key = line.prefix { $0 != ":" } + ":"
        let lines = Self.base.split(separator: "\n").map(String.init)
        let text =
            lines.contains { $0.hasPrefix(key) }
            ? lines.map { $0.hasPrefix(key) ? line : $0 }.joined(separator: "\n") + "\n"
            : Self.base + line + "\n"
        let (v, issues) = Self.type(text)
        #expect(issues.isEmpty, "\(issues.map({ $0.located }))")
        #expect(Self.field(v, path) == expected)
    }

    @Test("a date that does not exist is an error at its line and column")
    func impossibleDate() throws {
        let text = """
            urn: 120001
            name: Example Primary
            founded: 1998-09-01
            opened: 2014-02-30
            phase: primary
            schools: ["120001"]
            ofsted:
              inspection_date: 2015-02-29

            """
        let (v, issues) = Self.type(text, path: "school.yaml")
        #expect(issues.count == 2, "\(issues.map({ $0.located }))")
        let opened = try #require(issues.first { $0.path == "opened" })
        #expect(opened.severity == .error)
        #expect(opened.id == "record.bad-value")
        #expect(opened.message.contains("not a real calendar date"))
        #expect(opened.file == "school.yaml")
        #expect(opened.line == 4)
        #expect(opened.column == 9)
        #expect(opened.located.hasPrefix("school.yaml:4:9: opened: "))
        #expect(Self.field(v, "opened") == .null)
        let nested = try #require(issues.first { $0.path == "ofsted.inspection_date" })
        #expect(nested.line == 8)
        #expect(nested.column == 20)
        #expect(nested.message.contains("2015-02-29"))
    }

    @Test("text that is not a date says the expected form")
    func notADate() throws {
        let (_, issues) = Self.type(Self.base + "opened: 3rd March\n")
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.id == "record.bad-value")
        #expect(issue.message.contains("YYYY-MM-DD"))
        #expect(issue.line == 6)
        #expect(issue.column == 9)
    }

    @Test("a bad required value gives one error, not also 'missing'")
    func badRequiredValue() {
        let text = Self.base.replacingOccurrences(of: "founded: 1998-09-01", with: "founded: 1998-02-30")
        let (_, issues) = Self.type(text)
        #expect(issues.map({ $0.id }) == ["record.bad-value"])
        #expect(issues.first?.path == "founded")
    }

    @Test(
        "numbers out of range are errors",
        arguments: [
            ("ofsted: {overall: 5}", "ofsted.overall", "between 1 and 4"),
            ("ofsted: {overall: 0}", "ofsted.overall", "between 1 and 4"),
            ("pct: 100.5", "pct", "between 0 and 100"),
            ("pct: -1", "pct", "between 0 and 100")
        ])
    func outOfRange(line: String, path: String, message: String) throws {
        let (v, issues) = Self.type(Self.base + line + "\n")
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.id == "record.out-of-range")
        #expect(issue.severity == .error)
        #expect(issue.path == path)
        #expect(issue.message.contains(message), "\(issue.message)")
        #expect(issue.line == 6)
        #expect(Self.field(v, path) == .null)
    }

    @Test("boundary grades are accepted")
    func boundaryGrades() {
        for g in 1...4 {
            let (v, issues) = Self.type(Self.base + "ofsted: {overall: \(g)}\n")
            #expect(issues.isEmpty)
            #expect(Self.field(v, "ofsted.overall") == .int(g))
        }
    }

    @Test(
        "values of the wrong type",
        arguments: [
            ("ofsted: {overall: two}", "ofsted.overall", "not a whole number"),
            ("ofsted: {overall: 2.5}", "ofsted.overall", "not a whole number"),
            ("pct: lots", "pct", "not a number"),
            ("active: maybe", "active", "not true or false")
        ])
    func wrongType(line: String, path: String, message: String) throws {
        let (_, issues) = Self.type(Self.base + line + "\n")
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.id == "record.bad-value")
        #expect(issue.path == path)
        #expect(issue.message.contains(message), "\(issue.message)")
    }

    @Test("an unknown field warns with did-you-mean and is kept")
    func unknownField() throws {
        let (v, issues) = Self.type(Self.base + "nmae: Other Name\nofsted: {overal: 2, overall: 3}\n")
        #expect(issues.count == 2, "\(issues.map({ $0.located }))")
        #expect(issues.allSatisfy { $0.severity == .warning && $0.id == "record.unknown-field" })
        let root = try #require(issues.first { $0.path == "nmae" })
        #expect(root.suggestion == "name")
        #expect(root.line == 6)
        #expect(root.column == 1)
        #expect(root.located.contains("did you mean 'name'?"))
        let nested = try #require(issues.first { $0.path == "ofsted.overal" })
        #expect(nested.suggestion == "overall")
        #expect(nested.line == 7)
        #expect(nested.column == 10)
        guard case .object(let o) = v else {
            Issue.record("not an object")
            return
        }
        #expect(o.extras == [ExtraField(name: "nmae", value: .string("Other Name"))])
        #expect(Self.field(v, "name") == .string("Example Primary"))
        guard case .object(let ofsted)? = Self.field(v, "ofsted") else {
            Issue.record("ofsted is not an object")
            return
        }
        #expect(ofsted.extras == [ExtraField(name: "overal", value: .string("2"))])
        #expect(Self.field(v, "ofsted.overall") == .int(3))
    }

    @Test("an unknown field far from every known name has no suggestion")
    func unknownFieldWithoutSuggestion() throws {
        let (v, issues) = Self.type(Self.base + "headcount_by_year: {2013: 200, 2014: 210}\n")
        let issue = try #require(issues.first)
        #expect(issue.suggestion == nil)
        guard case .object(let o) = v, let extra = o.extras.first else {
            Issue.record("extra not kept")
            return
        }
        #expect(extra.name == "headcount_by_year")
        #expect(extra.value == .map([.string("2013"): .string("200"), .string("2014"): .string("210")]))
    }

    @Test("'kind' at the top of a record is not an unknown field")
    func kindIsAllowed() {
        let (_, issues) = Self.type("kind: school-record\n" + Self.base)
        #expect(issues.isEmpty, "\(issues.map({ $0.located }))")
    }

    @Test("missing required fields are errors with their paths")
    func missingFields() throws {
        let text = """
            urn: 120001
            founded: 1998-09-01
            phase: primary
            schools: ["120001"]
            staff:
              - role: teacher
              - name:
                role: leader

            """
        let (value, issues) = Self.type(text)
        #expect(issues.allSatisfy { $0.id == "record.missing-field" && $0.severity == .error })
        // Not written: an error at the mapping that lacks it, naming the field by its label and what it should be.
        // Written but left empty (staff[1].name): a blank still to be given, not an error; its value is unknown.
        #expect(Set(issues.map({ $0.path })) == ["name", "staff[0].name"])
        #expect(issues.first { $0.path == "name" }?.line == 1)
        #expect(issues.first { $0.path == "staff[0].name" }?.line == 6)
        #expect(issues.first { $0.path == "name" }?.message == "name (name) is needed but not written; it should be text")
        guard case .object(let record) = value, case .list(let staff) = record.slots[Self.schema.root.slot(of: "staff")!],
            case .object(let second) = staff[1]
        else { Issue.record("staff not typed"); return }
        #expect(second.slots[0].isNull)
    }

    @Test("a required field's label and an unknown field's closest match speak the schema")
    func schemaWords() throws {
        let (_, issues) = Self.type(Self.base.replacingOccurrences(of: "urn: 120001", with: "urn: [1]") + "staf: []\nofsted:\n  overal: 2\n")
        #expect(issues.first { $0.path == "urn" }?.message == "URN should be text; found a list of 1 entry")
        #expect(issues.first { $0.path == "staf" }?.suggestion == "staff")
        #expect(issues.first { $0.path == "ofsted.overal" }?.suggestion == "overall")
        #expect(issues.first { $0.path == "ofsted.overal" }?.message == "'overal' is not a field of ofsted; it is kept, but no rule reads it")
    }

    @Test("a list with too few items is an error")
    func tooFewItems() throws {
        let text = Self.base.replacingOccurrences(of: #"schools: ["120001"]"#, with: "schools: []")
        let (_, issues) = Self.type(text)
        #expect(issues.map({ $0.id }) == ["record.too-few-items"])
        #expect(issues.first?.path == "schools")
    }

    @Test(
        "values of the wrong shape",
        arguments: [
            ("ofsted: [1, 2]", "ofsted", "ofsted should be a set of fields: overall and inspection date; found a list of 2 entries"),
            ("staff: {name: A, role: teacher}", "staff", "staff should be a list of entries, each with name and role; found a set of fields"),
            ("opened: [2014-01-01]", "opened", "opened should be a date (YYYY-MM-DD); found a list of 1 entry"),
            ("tags: text", "tags", "tags should be a list of text; found 'text'"),
            ("staff: [teacher]", "staff[0]", "entry 1 of staff should be a set of fields: name and role; found 'teacher'")
        ])
    func wrongShape(line: String, path: String, message: String) throws {
        let (_, issues) = Self.type(Self.base + line + "\n")
        let issue = try #require(issues.first)
        #expect(issues.count == 1, "\(issues.map({ $0.located }))")
        #expect(issue.id == "record.wrong-shape")
        #expect(issue.severity == .error)
        #expect(issue.path == path)
        #expect(issue.message == message)
        #expect(issue.line == 6)
    }

    @Test("a wrong enum value suggests the closest value")
    func enumSuggestion() throws {
        let text = Self.base.replacingOccurrences(of: "phase: primary", with: "phase: primry") + "staff: [{name: A, role: Leader}]\n"
        let (v, issues) = Self.type(text)
        #expect(issues.count == 2)
        let phase = try #require(issues.first { $0.path == "phase" })
        #expect(phase.id == "record.bad-value")
        #expect(phase.suggestion == "primary")
        #expect(phase.message.contains("'primary'"))
        #expect(phase.line == 4)
        #expect(phase.column == 8)
        #expect(Self.field(v, "phase") == .null)
        let role = try #require(issues.first { $0.path == "staff[0].role" })
        #expect(role.suggestion == "leader")
        let far = Self.type(Self.base.replacingOccurrences(of: "phase: primary", with: "phase: nursery")).issues
        #expect(far.first?.suggestion == nil)
        #expect(far.first?.id == "record.bad-value")
    }

    @Test("ScalarTyping is shared by every input format")
    func scalarTypingDirectly() throws {
        #expect(try ScalarTyping.value("2", as: .int).get() == .int(2))
        #expect(try ScalarTyping.value("120001", as: .string).get() == .string("120001"))
        #expect(try ScalarTyping.value("2014-11-03", as: .date).get() == .date(day("2014-11-03")))
        #expect(throws: ScalarError.self) { try ScalarTyping.value("2014-02-30", as: .date).get() }
        #expect(throws: ScalarError.self) { try ScalarTyping.value("2014-1-01", as: .date).get() }
        #expect(throws: ScalarError.self) { try ScalarTyping.value("x", as: .enumeration(EnumType(name: "e", values: ["a", "b"]))).get() }
    }
}
