import Foundation
import Testing
@testable import Eligo

/// The text and JSON reports of every example, compared with files under
/// Tests/EligoTests/Golden. Re-record on purpose with `ELIGO_RECORD_GOLDEN=1 swift test`.
@Suite("golden reports") struct GoldenReportTests {
    static let library = RuleLibrary.load(directory: TestRepo.path("rules"))

    static let examples: [String] = {
        let dir = TestRepo.path("examples/applicants")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func thereAreExamples() {
        #expect(Self.examples.count >= 8)
        #expect(!Self.library.hasErrors)
    }

    @Test(arguments: examples)
    func reportsMatchGolden(file: String) throws {
        let relative = "examples/applicants/" + file
        let asOf: Day? = file.hasPrefix("self-check") ? Day(iso: "2014-11-14") : nil
        let reports = Self.library.check(
            bytes: try TestRepo.bytes(relative), path: relative,
            options: CheckOptions(asOf: asOf, today: Day(iso: "2014-11-14")!))
        let base = file.replacingOccurrences(of: ".yaml", with: "")
        try GoldenFile.compare(TextReportRenderer(schemas: Self.library.schemas).render(reports), base + ".txt")
        try GoldenFile.compare(JSONReportRenderer.array(reports), base + ".json")
    }
}
