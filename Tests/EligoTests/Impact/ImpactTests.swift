import Testing
@testable import Eligo

/// `eligo rules impact` in the library: a population built so that the answer is known, decided
/// under the published rules and under `--set` values through the screener.
@Suite("Impact of a rule change") struct ImpactTests {
    static let rules = Inline.ruleFile(
        """
        parameters:
          min_n: {type: int, value: 3}
          check_role: {type: bool, value: true}
          use_m: {type: bool, value: false}
        parts:
          - id: P
            title: Part P
            rules:
              - id: R1
                title: Enough n
                citation: test
                require: n >= min_n
                messages:
                  pass: "{n} is at least {min_n}."
                  fail: "{n} is below {min_n}."
              - id: R2
                title: A head
                citation: test
                when: check_role
                require: role = "head"
              - id: R3
                title: Some m
                citation: test
                require: if use_m then m >= 1 else true

        """)

    static func library(_ settings: [String] = []) -> RuleLibrary {
        var lib = RuleLibrary()
        lib.add(
            files: [(path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)), (path: Inline.rulesPath, bytes: Array(rules.utf8))],
            overrides: settings.compactMap(ParameterSetting.init(argument:)))
        return lib
    }

    /// Record i: n = 2 when i % 3 == 0 (else 5), a deputy when i % 5 == 0, no m when i % 4 == 0.
    static func population(_ count: Int) -> [UInt8] {
        var out = ""
        for i in 0..<count {
            out += "{\"id\":\"r\(i)\",\"n\":\(i % 3 == 0 ? 2 : 5),\"role\":\"\(i % 5 == 0 ? "deputy" : "head")\""
            out += i % 4 == 0 ? "}\n" : ",\"m\":1}\n"
        }
        return Array(out.utf8)
    }

    static func run(
        _ input: [UInt8], format: InputFormat = .jsonl, settings: [String], jobs: Int = 2,
        output: ImpactFormat = .text
    ) throws -> (String, ImpactTally, ScreenSummary) {
        let check = CheckOptions(asOf: day("2014-11-03"), today: day("2014-11-03"), explain: false)
        let comparison = ImpactComparison(baseline: library(), baselineOptions: check, format: output)
        let screener = try Screener(
            library: library(settings), input: format, source: "in", options: ScreenOptions(output: .jsonl, jobs: jobs, check: check),
            comparing: comparison)
        var offset = 0
        var out: [UInt8] = []
        screener.run(
            read: { room in
                let n = min(room.count, input.count - offset)
                guard n > 0 else { return 0 }
                input.withUnsafeBytes { room.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
                offset += n
                return n
            }, write: { out += $0 })
        return (String(decoding: out, as: UTF8.self), screener.summary.impact, screener.summary)
    }

    static func transition(_ t: ImpactTally, _ before: String, _ after: String) -> Int {
        t.transitions.first { $0.before == before && $0.after == after }?.count ?? 0
    }

    @Test("transitions and per-rule deltas match the population's construction")
    func knownByConstruction() throws {
        let (text, tally, summary) = try Self.run(Self.population(300), settings: ["min_n=2", "check_role=false", "use_m=true"])
        #expect(summary.recordsRead == 300 && summary.recordsWritten == 300)
        #expect(tally.records == 300)
        // Before: 100 have n = 2, 60 are deputies, 20 both: 140 not eligible. After: the 75 without m are incomplete.
        #expect(Self.transition(tally, "not_eligible", "eligible") == 105)
        #expect(Self.transition(tally, "not_eligible", "incomplete") == 35)
        #expect(Self.transition(tally, "eligible", "incomplete") == 40)
        #expect(Self.transition(tally, "eligible", "eligible") == 120)
        #expect(tally.transitions.count == 4)
        #expect(tally.changed == 180)
        #expect(
            tally.ruleDeltas == [
                .init(ruleID: "R1", title: "Enough n", newlyPass: 100),
                .init(ruleID: "R2", title: "A head", stopApplying: 300),
                .init(ruleID: "R3", title: "Some m", becomeUnknown: 75)
            ])
        // Every changed record is written, in input order; r0 has n = 2, is a deputy and has no m.
        let written = text.components(separatedBy: "\n").filter { $0.hasPrefix("r") }
        #expect(written.count == 180)
        #expect(written.first == "r0  in:1")
        #expect(
            text.contains(
                """
                r0  in:1
                  not eligible → incomplete
                  before: not eligible by test-rules 1 as of 3 November 2014 (not met: R1, R2)
                  after:  incomplete by test-rules 1 as of 3 November 2014 (needs information: R3)
                  R1 Enough n: fail → pass
                      before: 2 is below 3.
                      after:  2 is at least 2.
                  R2 A head: fail → not applicable
                """))
    }

    @Test("a setting that changes nothing: every decision unchanged, nothing written")
    func noChange() throws {
        // The published value, set: the rules are not the published ones, but decide the same.
        let (text, tally, _) = try Self.run(Self.population(90), settings: ["use_m=false"])
        #expect(text.isEmpty)
        #expect(tally.changed == 0 && tally.ruleDeltas.isEmpty)
        #expect(tally.records == 90)
    }

    @Test("the same report whatever the number of workers", arguments: [ImpactFormat.text, .csv, .json])
    func deterministicAcrossJobs(format: ImpactFormat) throws {
        let input = Self.population(6000)
        let settings = ["min_n=2", "check_role=false", "use_m=true"]
        let (one, t1, _) = try Self.run(input, settings: settings, jobs: 1, output: format)
        for jobs in [2, 3] {
            let (many, t, _) = try Self.run(input, settings: settings, jobs: jobs, output: format)
            #expect(many == one)
            #expect(t.ruleDeltas == t1.ruleDeltas && t.sortedTransitions == t1.sortedTransitions)
            let summary = ImpactSummary(baseline: "a", proposal: "b", overrides: [], inputs: ["in"], recordsRead: 6000, tally: t)
            let summary1 = ImpactSummary(baseline: "a", proposal: "b", overrides: [], inputs: ["in"], recordsRead: 6000, tally: t1)
            #expect(ImpactRenderer.head(summary, format) == ImpactRenderer.head(summary1, format))
        }
        #expect(t1.changed == 3600)
    }

    @Test("a YAML stream and an unreadable line are compared too")
    func yamlAndUnreadable() throws {
        let yaml = Array("n: 2\nrole: head\nm: 1\n---\nn: 5\nrole: head\nm: 1\n".utf8)
        let (text, tally, _) = try Self.run(yaml, format: .yaml, settings: ["min_n=2"])
        #expect(tally.records == 2 && tally.changed == 1)
        #expect(text.contains("R1 Enough n: fail → pass"))
        let broken = Array("{\"n\": 2, \"role\": \"head\"}\n{not json\n".utf8)
        let (_, t2, summary) = try Self.run(broken, settings: ["min_n=2"])
        #expect(summary.recordsRead == 2 && summary.recordsWritten == 2)
        #expect(Self.transition(t2, "invalid", "invalid") == 1)
        #expect(Self.transition(t2, "not_eligible", "eligible") == 1)
    }

    @Test("a rule only one side has: stops applying, or newly passes")
    func ruleOnlyOnOneSide() throws {
        var base = RuleLibrary()
        base.add(files: [
            (path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)),
            (path: Inline.rulesPath, bytes: Array(Inline.rules([("R1", "n >= 3", nil), ("W", "m >= 1", nil)]).utf8))
        ])
        var proposal = RuleLibrary()
        proposal.add(files: [
            (path: Inline.schemaPath, bytes: Array(Inline.schema.utf8)),
            (path: Inline.rulesPath, bytes: Array(Inline.rules([("R1", "n >= 3", nil), ("N", "n >= 1", nil)]).utf8))
        ])
        let (before, _) = Inline.typed("n: 5\nm: 0\n", in: base)
        let b = base.check(record: before, kind: "t", id: nil, source: "x", issues: [], options: CheckOptions(today: day("2014-11-03")))
        let a = proposal.check(record: before, kind: "t", id: nil, source: "x", issues: [], options: CheckOptions(today: day("2014-11-03")))
        var tally = ImpactTally()
        var written: [UInt8] = []
        ImpactComparer(
            ImpactComparison(baseline: base, baselineOptions: CheckOptions(today: day("2014-11-03")), format: .text),
            baseline: base, proposal: proposal, proposalOptions: CheckOptions(today: day("2014-11-03"))
        )
        .compare(before: b, after: a, into: &written, tally: &tally)
        // W failed before and is gone after: the decision changes, and both rules are listed.
        #expect(String(decoding: written, as: UTF8.self).contains("  W Rule W: fail → not in these rules\n      before: Not met: rule W.\n"))
        #expect(tally.ruleDeltas == [.init(ruleID: "N", title: "Rule N", newlyPass: 1), .init(ruleID: "W", title: "Rule W", stopApplying: 1)])
        let change = RecordChange(before: b, after: a)
        #expect(change.rules.map({ $0.ruleID }) == ["N", "W"])
        #expect(change.rules.map({ $0.after }) == [.pass, nil])
    }

    @Test func ruleIDsSortWithTheirNumbers() {
        #expect(["LLE-B1", "LLE-A10", "LLE-A2", "R1"].sorted(by: ImpactTally.ruleOrder) == ["LLE-A2", "LLE-A10", "LLE-B1", "R1"])
    }
}
