import Foundation
import Testing
@testable import Eligo

/// The hand-computed answer key, examples/applicants/EXPECTED.md, read section by section.
struct ExpectedKey: Sendable {
    struct Row: Sendable, CustomStringConvertible {
        var id: String
        var subject: String?
        var outcome: Outcome
        /// Record paths the key says an unknown rule needs.
        var needs: [String]
        var passesFrom: Day?
        var description: String { "\(id)@\(subject ?? "-")" }
    }

    struct Example: Sendable, CustomStringConvertible {
        var file: String
        var id: String
        var asOf: Day
        var decision: String
        var rows: [Row]
        var description: String { file }
    }

    var examples: [String: Example] = [:]

    static let shared: ExpectedKey = (try? ExpectedKey(text: TestRepo.text("examples/applicants/EXPECTED.md"))) ?? ExpectedKey()

    init() {}

    init(text: String) throws {
        var current: Example?
        func finish() {
            if let c = current { examples[c.file] = c }
            current = nil
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("## `") {
                finish()
                // ## `file.yaml` — APP-2014-101
                let parts = line.split(separator: "`")
                guard parts.count >= 3 else { continue }
                let file = String(parts[1])
                let id = parts[2].components(separatedBy: "—").last?.trimmingCharacters(in: .whitespaces) ?? ""
                current = Example(file: file, id: id, asOf: Day(ordinal: 0), decision: "", rows: [])
                continue
            }
            if line.hasPrefix("## ") { finish(); continue }
            guard current != nil else { continue }
            if line.hasPrefix("- as_of: **") {
                let value = line.dropFirst("- as_of: **".count).prefix(10)
                current!.asOf = try #require(Day(iso: value))
            } else if line.hasPrefix("- decision: **") {
                current!.decision = String(line.dropFirst("- decision: **".count).prefix { $0 != "*" })
            } else if line.hasPrefix("| LLE-") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                // "", id, subject, outcome, needs/note, ""
                guard cells.count >= 5 else { continue }
                let outcomeWord = cells[3].split(separator: " ").first.map(String.init) ?? ""
                let outcome = try #require(Outcome(rawValue: outcomeWord), "unreadable outcome in: \(line)")
                let note = cells[4]
                var passesFrom: Day?
                if let r = note.range(of: "passes_from ") {
                    passesFrom = Day(iso: note[r.upperBound...].prefix(10))
                }
                // Paths in backquotes before any parenthesised remark.
                let beforeRemark = note.split(separator: "(", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                let needs = beforeRemark.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }
                current!.rows.append(
                    Row(
                        id: cells[1], subject: cells[2] == "—" ? nil : cells[2], outcome: outcome,
                        needs: needs, passesFrom: passesFrom))
            }
        }
        finish()
    }
}

@Suite("LLE eligibility rules over the examples")
struct LLERulesTests {
    static let library = RuleLibrary.load(directory: TestRepo.path("rules"))
    static let exampleDir = "examples/applicants"

    static var exampleFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: TestRepo.path(exampleDir))) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// A date unrelated to every example, so a test fails if `today` is used where `submitted_on` belongs.
    static let today = day("2031-07-15")

    static func check(_ text: String, path: String = "record.yaml", asOf: Day? = nil, library: RuleLibrary = LLERulesTests.library) -> Report? {
        library.check(bytes: Array(text.utf8), path: path, options: CheckOptions(asOf: asOf, today: today)).first
    }

    static func rule(_ report: Report?, _ id: String, subject: String? = nil) -> RuleResult? {
        report?.rules.first { $0.id == id && $0.subject == subject }
    }

    @Test("the rules folder loads without errors")
    func rulesLoad() throws {
        let lib = Self.library
        let errors = lib.errors
        #expect(errors.isEmpty, "\(DiagnosticFormatter(sources: lib.sources).format(errors))")
        let set = try #require(lib.ruleSets.first { $0.id == "lle-eligibility" })
        #expect(set.kind == "lle-application")
        #expect(lib.schemas["lle-application"] != nil)
        let ids = Set(set.allRules.map({ $0.rule.id }))
        let expected: Set<String> = [
            "LLE-A1", "LLE-A2", "LLE-A3", "LLE-A4", "LLE-A5", "LLE-A6", "LLE-A7", "LLE-A8", "LLE-A9",
            "LLE-R1", "LLE-B1", "LLE-B2", "LLE-B3", "LLE-B4", "LLE-B5", "LLE-W1", "LLE-W2"
        ]
        #expect(ids == expected)
        #expect(set.allRules.filter { $0.rule.severity == .advisory }.map({ $0.rule.id }).sorted() == ["LLE-W1", "LLE-W2"])
        #expect(set.allRules.allSatisfy { $0.rule.citation != nil })
        // Part B counts only through LLE-A5.
        #expect(set.parts.first { $0.id == "B" }?.countedThrough == "LLE-A5")
        #expect(set.parameters.first { $0.name == "min_headship_years" }?.value == .int(3))
    }

    @Test("EXPECTED.md covers every example file")
    func keyCoversExamples() {
        let key = ExpectedKey.shared
        #expect(Self.exampleFiles.count >= 27)
        for file in Self.exampleFiles {
            #expect(key.examples[file] != nil, "EXPECTED.md has no section for \(file)")
        }
        #expect(key.examples.values.allSatisfy { !$0.rows.isEmpty && !$0.decision.isEmpty })
    }

    @Test("every example gets the decision and rule outcomes of EXPECTED.md", arguments: LLERulesTests.exampleFiles)
    func example(file: String) throws {
        let key = try #require(ExpectedKey.shared.examples[file], "EXPECTED.md has no section for \(file)")
        let text = try TestRepo.text("\(Self.exampleDir)/\(file)")
        // Only the self-check has no submitted_on; the key assesses it with --as-of.
        let override: Day? = text.contains("\nsubmitted_on:") ? nil : key.asOf
        let report = try #require(Self.check(text, path: file, asOf: override))
        #expect(report.errors.isEmpty, "\(report.errors.map({ $0.located }))")
        #expect(report.record.id == key.id)
        #expect(report.asOf == key.asOf)
        #expect(report.decision == key.decision)
        #expect(report.ruleSet?.id == "lle-eligibility")

        var actual: [String: RuleResult] = [:]
        for r in report.rules { actual["\(r.id)@\(r.subject ?? "-")"] = r }
        #expect(report.rules.count == key.rows.count, "engine: \(report.rules.map { "\($0.id)@\($0.subject ?? "-")" })")
        for row in key.rows {
            guard let r = actual[row.description] else {
                Issue.record("\(file): no result for \(row)")
                continue
            }
            #expect(r.outcome == row.outcome, "\(file): \(row) is \(r.outcome.rawValue), key says \(row.outcome.rawValue): \(r.message)")
            #expect(r.passesFrom == row.passesFrom, "\(file): passes_from of \(row)")
            for path in row.needs {
                // The engine may name the absent mapping that holds the needed field, or the fields inside it.
                let covered = r.needs.contains { $0 == path || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") || $0.hasPrefix(path + ".") }
                #expect(covered, "\(file): \(row) needs \(path); engine needs \(r.needs)")
            }
            if row.outcome == .unknown {
                #expect(!r.needs.isEmpty || row.needs.isEmpty, "\(file): \(row) is unknown but names nothing needed")
            }
            #expect(r.counted == !r.id.hasPrefix("LLE-B"))
            #expect(!r.message.isEmpty)
        }
    }

    @Test("the self-check without a date is assessed on today's date when no --as-of is given")
    func selfCheckUsesToday() throws {
        let text = try TestRepo.text("\(Self.exampleDir)/self-check-no-date.yaml")
        let lib = Self.library
        let report = try #require(
            lib.check(
                bytes: Array(text.utf8), path: "s.yaml",
                options: CheckOptions(today: day("2014-11-14"))
            ).first)
        #expect(report.asOf == day("2014-11-14"))
        #expect(report.decision == "eligible")
        #expect(Self.rule(report, "LLE-R1")?.outcome == .notApplicable)
    }

    @Test("an --as-of override wins over submitted_on")
    func asOfOverride() throws {
        // Submitted 2014-11-03 with 2 y 2 m of headship; assessed in 2015-09-01 the headship rule passes.
        let text = try TestRepo.text("\(Self.exampleDir)/a2-short-headship.yaml")
        let report = try #require(Self.check(text, asOf: day("2015-09-01")))
        #expect(report.asOf == day("2015-09-01"))
        #expect(Self.rule(report, "LLE-A2")?.outcome == .pass)
        // R1 still looks at submitted_on, not as_of.
        #expect(Self.rule(report, "LLE-R1")?.outcome == .pass)
        let dayBefore = try #require(Self.check(text, asOf: day("2015-08-31")))
        #expect(Self.rule(dayBefore, "LLE-A2")?.outcome == .fail)
    }

    // MARK: - Parameters are data

    /// The rule file with `min_headship_years` set to `years`.
    static func library(minHeadshipYears years: Int) throws -> RuleLibrary {
        let rulesPath = TestRepo.path("rules/lle-eligibility-2014.yaml")
        let schemaPath = TestRepo.path("rules/schema/lle-application.yaml")
        let original = try String(contentsOfFile: rulesPath, encoding: .utf8)
        let pattern = try Regex(#"(min_headship_years:\s*\n\s*type: int\s*\n\s*value: )3\b"#)
        let modified = original.replacing(pattern) { match in match.output[1].substring! + "\(years)" }
        #expect(modified != original || years == 3, "could not find min_headship_years: value: 3 in the rule file")
        var lib = RuleLibrary()
        lib.add(files: [
            (path: schemaPath, bytes: Array(try String(contentsOfFile: schemaPath, encoding: .utf8).utf8)),
            (path: rulesPath, bytes: Array(modified.utf8))
        ])
        return lib
    }

    @Test("min_headship_years 3 -> 2 flips an applicant with about 2.5 years of headship from fail to pass")
    func headshipParameter() throws {
        // a2-short-headship, but headteacher since 2012-05-06: 2 years 5 months 28 days at 2014-11-03.
        let original = try TestRepo.text("\(Self.exampleDir)/a2-short-headship.yaml")
        let text = original.replacingOccurrences(of: "start: 2012-09-01", with: "start: 2012-05-06")
        #expect(text != original)

        let three = try #require(Self.check(text))
        #expect(Self.rule(three, "LLE-A2")?.outcome == .fail)
        #expect(three.decision == "not_eligible")
        #expect(Self.rule(three, "LLE-A2")?.passesFrom == day("2015-05-06"))
        #expect(Self.rule(three, "LLE-A2")?.message.contains("2 years 5 months") == true)

        let lib2 = try Self.library(minHeadshipYears: 2)
        #expect(lib2.errors.isEmpty)
        #expect(lib2.ruleSets.first?.parameters.first { $0.name == "min_headship_years" }?.value == .int(2))
        let two = try #require(Self.check(text, library: lib2))
        #expect(Self.rule(two, "LLE-A2")?.outcome == .pass)
        #expect(two.decision == "eligible")
        #expect(Self.rule(two, "LLE-A2")?.message.contains("2 years are required") == true)
        // The digest records that the rules differ.
        #expect(two.ruleSet?.digest != three.ruleSet?.digest)
    }

    // MARK: - Values and needs in reports

    @Test("LLE-A2 reports the headship dates it used, with their record paths")
    func headshipValues() throws {
        let text = try TestRepo.text("\(Self.exampleDir)/a2-short-headship.yaml")
        let report = try #require(Self.check(text))
        let a2 = try #require(Self.rule(report, "LLE-A2"))
        let values = Dictionary(a2.values.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(values["applicant.headships[0].start"] == .date(day("2012-09-01")))
        #expect(values["applicant.headships[0].role"] == .string("substantive_head"))
        #expect(a2.message == "You have 2 years 2 months of substantive headship; 3 years are required (as of 3 November 2014).")
        #expect(a2.passesFrom == day("2015-09-01"))
        // The JSON report carries the same values.
        let json = JSONReportRenderer.line(report)
        #expect(json.contains("applicant.headships[0].start"))
        #expect(json.contains("2012-09-01"))
        #expect(json.contains("2015-09-01"))
    }

    @Test("a headship that is not counted is not reported as counted")
    func actingHeadshipPaths() throws {
        let text = try TestRepo.text("\(Self.exampleDir)/a2-acting-not-counted.yaml")
        let report = try #require(Self.check(text))
        let a2 = try #require(Self.rule(report, "LLE-A2"))
        let starts = a2.values.filter { $0.path.hasSuffix(".start") }.map({ $0.path })
        #expect(!starts.isEmpty)
        // Every reported start belongs to a substantive or executive headship of the record.
        for path in starts {
            let rolePath = path.replacingOccurrences(of: ".start", with: ".role")
            let role = a2.values.first { $0.path == rolePath }?.value
            #expect(role == .string("substantive_head") || role == .string("executive_head"), "\(path)")
        }
    }

    @Test("an unknown rule lists the record paths still needed")
    func unknownNeeds() throws {
        let original = try TestRepo.text("\(Self.exampleDir)/eligible-primary.yaml")
        // Rename fields so that they are absent (the renamed ones are kept as unknown fields, with warnings).
        let text =
            original
            .replacingOccurrences(of: "\n  headships:", with: "\n  headships_old:")
            .replacingOccurrences(of: "governing_body_support:", with: "governing_body_supprt:")
        #expect(text != original)
        let report = try #require(Self.check(text))
        #expect(report.decision == "incomplete")
        let a2 = try #require(Self.rule(report, "LLE-A2"))
        #expect(a2.outcome == .unknown)
        #expect(a2.needs.contains("applicant.headships"))
        let a6 = try #require(Self.rule(report, "LLE-A6"))
        #expect(a6.outcome == .unknown)
        #expect(a6.needs == ["governing_body_support"])
        #expect(report.warnings.contains { $0.path == "governing_body_supprt" && $0.suggestion == "governing_body_support" })
        #expect(report.warnings.contains { $0.path == "applicant.headships_old" })
    }

    @Test("a record that fails schema validation is invalid, with its errors located")
    func invalidRecord() throws {
        let original = try TestRepo.text("\(Self.exampleDir)/eligible-primary.yaml")
        let text = original.replacingOccurrences(of: "submitted_on: 2014-10-13", with: "submitted_on: 2014-02-30")
        #expect(text != original)
        let report = try #require(Self.check(text, path: "bad.yaml"))
        #expect(report.decision == "invalid")
        let error = try #require(report.errors.first)
        #expect(error.path == "submitted_on")
        #expect(error.file == "bad.yaml")
        #expect(error.line == locate("2014-02-30", in: text)?.line)
        #expect(error.column == locate("2014-02-30", in: text)?.column)
        // The date the criteria are assessed on could not be read: no decision on another date (today's).
        #expect(report.rules.isEmpty)
        #expect(report.asOf == nil)
        #expect(error.message.hasSuffix("it is the date the criteria are assessed on, so none was assessed"))
        // With --as-of the record's own date is not needed: it is assessed, and still invalid.
        let overridden = try #require(Self.check(text, path: "bad.yaml", asOf: day("2014-11-03")))
        #expect(overridden.decision == "invalid")
        #expect(!overridden.rules.isEmpty)
    }

    @Test("LLE-B2's pass says which of its two tests held; LLE-B5 asks for the school type when it is missing")
    func sentencesSayWhatHeld() throws {
        let above = try #require(Self.check(try TestRepo.text("\(Self.exampleDir)/eligible-primary.yaml")))
        #expect(
            Self.rule(above, "LLE-B2", subject: "120431")?.message
                == "Results for 2012, 2013 and 2014: 79, 80 and 84% — at or above the national average every year.")
        let rising = try #require(Self.check(try TestRepo.text("\(Self.exampleDir)/a2-acting-not-counted.yaml")))
        #expect(
            Self.rule(rising, "LLE-B2", subject: "125877")?.message
                == "Results for 2012, 2013 and 2014: 74, 77 and 80% — rising every year, though below the national average in 2012 (75%).")
        let noType = try #require(Self.check("kind: lle-application\nschools:\n  - urn: \"1\"\n    phase: primary\n", asOf: day("2014-11-01")))
        #expect(
            Self.rule(noType, "LLE-B5", subject: "1")?.message
                == "Tell us the type of school (a sixth form college must also be supporting maintained schools).")
    }

    @Test("the record label is the applicant's name")
    func recordLabel() throws {
        let text = try TestRepo.text("\(Self.exampleDir)/eligible-primary.yaml")
        let report = try #require(Self.check(text))
        #expect(report.record.kind == "lle-application")
        #expect(report.record.name?.isEmpty == false)
        #expect(text.contains("name: \(report.record.name ?? "?")"))
    }
}
