import Testing
@testable import Eligo

/// `--set NAME=VALUE`: typed by the parameter's declaration, applied before rules compile,
/// usage errors for names and values that do not fit, and a digest of its own.
@Suite("Parameter settings (--set)") struct ParameterSettingTests {
    static let rules = Inline.ruleFile(
        """
        parameters:
          min_n: {type: int, value: 3}
          ratio: {type: decimal, value: 0.5}
          strict: {type: bool, value: false}
          deadline: {type: date, value: 2014-12-15}
          label: {type: string, value: nobody}
          roles: {type: list<string>, value: [head, deputy]}
          floor:
            type: decimal
            by: [phase, year]
            values:
              primary: {2014: 65, 2015: 65}
              secondary: {2014: 40, 2015: 40}
        parts:
          - id: P
            title: Part P
            rules:
              - id: R1
                title: Enough
                citation: test
                require: n >= min_n and (not strict or a = true)
                messages:
                  fail: "{n} is below {min_n}."
              - id: R2
                title: Role
                citation: test
                require: s in roles and d <= deadline and x >= ratio and x <= floor["primary"][2015] and s != label

        """)

    static func library(_ settings: [String]) -> RuleLibrary {
        var lib = RuleLibrary()
        lib.add(
            files: [(path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)), (path: Inline.rulesPath, bytes: Array(rules.utf8))],
            overrides: settings.map { ParameterSetting(argument: $0)! })
        return lib
    }

    static func value(_ lib: RuleLibrary, _ name: String) -> Value? {
        lib.ruleSets.first?.parameters.first { $0.name == name }?.value
    }

    @Test(
        "every parameter type is read from its declaration",
        arguments: [
            ("min_n=2", "min_n", Value.int(2)),
            ("ratio=0.75", "ratio", .decimal(0.75)),
            ("ratio=1", "ratio", .decimal(1)),
            ("strict=true", "strict", .bool(true)),
            ("deadline=2015-01-05", "deadline", .date(Day(iso: "2015-01-05")!)),
            ("label=deputy head", "label", .string("deputy head")),
            ("roles=[head, other]", "roles", .list([.string("head"), .string("other")])),
            ("roles=[]", "roles", .list([]))
        ])
    func typed(setting: String, name: String, expected: Value) throws {
        let lib = Self.library([setting])
        #expect(lib.errors.isEmpty && lib.overrideProblems.isEmpty, "\(lib.overrideProblems)")
        #expect(Self.value(lib, name) == expected)
        let applied = try #require(lib.ruleSets.first?.overrides.first)
        #expect(applied.target == name && applied.value == expected)
        #expect(applied.published == Self.value(Self.library([]), name))
    }

    @Test func tableCellIsReplacedAndOthersKept() throws {
        let lib = Self.library(["floor.primary.2015=60"])
        #expect(lib.overrideProblems.isEmpty)
        guard case .map(let phases)? = Self.value(lib, "floor"), case .map(let primary)? = phases[.string("primary")],
            case .map(let secondary)? = phases[.string("secondary")]
        else { Issue.record("not a table"); return }
        #expect(primary[.int(2015)] == .decimal(60))
        #expect(primary[.int(2014)] == .decimal(65))
        #expect(secondary[.int(2015)] == .decimal(40))
        let applied = try #require(lib.ruleSets.first?.overrides.first)
        #expect(applied.description == "floor.primary.2015 = 60 (published: 65)")
        // A year the table lacks may be tried.
        let added = Self.library(["floor.primary.2016=70"])
        #expect(added.overrideProblems.isEmpty)
        #expect(added.ruleSets.first?.overrides.first?.published == nil)
    }

    @Test(
        "usage mistakes name the parameter, its type, and the closest name",
        arguments: [
            ("min_nn=2", "no rule set here has a parameter 'min_nn'", "min_n"),
            ("min_n=two", "'min_n' is a whole number (int)", nil),
            ("min_n=2.5", "'min_n' is a whole number (int)", nil),
            ("strict=maybe", "'strict' is true or false (bool)", nil),
            ("deadline=2015-02-30", "'deadline' is a date written YYYY-MM-DD (date); '2015-02-30' is not a real calendar date", nil),
            ("roles=head", "'roles' is a list of words, such as [a, b] (list<string>)", nil),
            ("min_n=", "needs a whole number (int) after '='", nil),
            ("floor.primary=3", "'floor' is a table by phase and year; set one cell, as floor.PHASE.YEAR=VALUE", nil),
            ("floor.primay.2015=60", "'floor' has no phase 'primay'; it has primary and secondary", "primary"),
            ("floor.primary.next=60", "the year of 'floor' is a whole number, not 'next'", nil),
            ("min_n.x=2", "'min_n' is a whole number (int), not a table", nil)
        ] as [(String, String, String?)])
    func problems(setting: String, message: String, suggestion: String?) throws {
        let lib = Self.library([setting])
        let problem = try #require(lib.overrideProblems.first, "\(setting) was accepted")
        #expect(lib.overrideProblems.count == 1)
        #expect(problem.message.hasPrefix(message), "\(problem.message)")
        #expect(problem.suggestion == suggestion)
        #expect(problem.description.hasPrefix("--set \(setting):") || setting.hasSuffix("="))
    }

    @Test func settingTwiceIsAMistake() {
        let lib = Self.library(["min_n=2", "min_n=4"])
        #expect(lib.overrideProblems.map({ $0.message }) == ["'min_n' is set twice; give each parameter one value"])
    }

    @Test func malformedArgumentsAreRejected() {
        #expect(ParameterSetting(argument: "min_n") == nil)
        #expect(ParameterSetting(argument: "=3") == nil)
        #expect(ParameterSetting(argument: "floor..2015=3") == nil)
        #expect(ParameterSetting(argument: "floor.primary.2015 = 60") == ParameterSetting(name: "floor", keys: ["primary", "2015"], text: "60"))
    }

    @Test("the digest changes with the values set, and only with them")
    func digest() throws {
        let published = try #require(Self.library([]).ruleSets.first?.digest)
        let two = try #require(Self.library(["min_n=2"]).ruleSets.first?.digest)
        let four = try #require(Self.library(["min_n=4"]).ruleSets.first?.digest)
        #expect(two != published && four != published && two != four)
        // The same value written differently is the same rule set.
        #expect(Self.library(["roles=[head,  other]"]).ruleSets.first?.digest == Self.library(["roles=[head, other]"]).ruleSets.first?.digest)
        // Setting the published value still marks the rules as not the published ones.
        #expect(Self.library(["min_n=3"]).ruleSets.first?.digest != published)
    }

    @Test("the decision uses the value set, and the report says so")
    func decisionAndReport() throws {
        let record = "kind: t\nn: 2\nx: 0.6\ns: head\nd: 2014-11-01\n"
        let published = try #require(Inline.report(Self.library([]), record: record))
        #expect(published.decision == "not_eligible")
        #expect(published.rules.first?.message == "2 is below 3.")
        #expect(published.ruleSet?.overrides.isEmpty == true)
        let set = try #require(Inline.report(Self.library(["min_n=2"]), record: record))
        #expect(set.decision == "eligible")
        #expect(set.ruleSet?.overrides.map({ $0.description }) == ["min_n = 2 (published: 3)"])
        let json = JSONReportRenderer.line(set)
        #expect(json.contains(#""overrides":[{"parameter":"min_n","value":2,"published":3}]"#))
        #expect(!JSONReportRenderer.line(published).contains("overrides"))
        let text = TextReportRenderer().render(set)
        #expect(text.contains("Not the published rules: --set min_n = 2 (published: 3)."))
        // A condition with the setting folded in: strict=true makes R1 need `a`.
        let strict = try #require(Inline.report(Self.library(["min_n=2", "strict=true"]), record: record))
        #expect(strict.rules.first?.outcome == .unknown)
    }
}
