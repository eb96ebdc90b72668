import Foundation
import Testing
@testable import Eligo

/// Every rendered artefact a person is handed, byte for byte: the reviewer's screen outputs
/// (CSV, HTML, Markdown), the dataset text report, and the criteria document (Markdown, HTML).
/// Files are under Tests/EligoTests/Golden/artefacts; re-record on purpose with
/// `ELIGO_RECORD_GOLDEN=1 swift test --filter GoldenArtefactTests`. (The applicant's text and
/// JSON reports are GoldenReportTests'.)
@Suite("golden artefacts") struct GoldenArtefactTests {
    static let library = GoldenReportTests.library
    /// The run date every artefact is made on, so the files do not change with the calendar.
    static let today = Day(iso: "2014-11-14")!

    @Test(arguments: [ScreenFormat.csv, .html, .markdown])
    func screenOutputs(format: ScreenFormat) throws {
        let input = try TestRepo.bytes("examples/applicants/applicants.csv")
        let options = ScreenOptions(output: format, jobs: 2, check: CheckOptions(today: Self.today, explain: true))
        let screener = try Screener(library: Self.library, input: .csv, source: "examples/applicants/applicants.csv", options: options)
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
        #expect(screener.summary.recordsRead == screener.summary.recordsWritten)
        try GoldenFile.compare(String(decoding: out, as: UTF8.self), "artefacts/screen-applicants." + (format == .markdown ? "md" : format.rawValue))
    }

    @Test func datasetTextReport() throws {
        let relative = "examples/datasets/kyra.yaml"
        let reports = Self.library.check(bytes: try TestRepo.bytes(relative), path: relative, options: CheckOptions(today: Self.today))
        #expect(reports.count > 1)
        var renderer = DatasetTextRenderer(schemas: Self.library.schemas)
        let text = reports.map { renderer.render($0) }.joined() + renderer.finish()
        try GoldenFile.compare(text, "artefacts/dataset-kyra.txt")
    }

    /// The applicant's criteria for each version, as `rules doc --as-of` writes them.
    @Test(arguments: ["2014-11-14", "2017-01-09"])
    func criteriaDocuments(asOf: String) throws {
        let day = try #require(Day(iso: asOf))
        let sets = Self.library.ruleSets.filter { $0.kind == "lle-application" && $0.isInForce(on: day) }
        try #require(sets.count == 1)
        let documents = sets.map(CriteriaDocument.init(ruleSet:))
        try GoldenFile.compare(MarkdownCriteriaRenderer.render(documents), "artefacts/criteria-\(asOf).md")
        try GoldenFile.compare(HTMLCriteriaRenderer.render(documents), "artefacts/criteria-\(asOf).html")
    }
}

/// A golden file under Tests/EligoTests/Golden: compared, or written when ELIGO_RECORD_GOLDEN=1.
enum GoldenFile {
    static func compare(_ actual: String, _ name: String) throws {
        let path = TestRepo.path("Tests/EligoTests/Golden/" + name)
        if ProcessInfo.processInfo.environment["ELIGO_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try #require(try? String(contentsOfFile: path, encoding: .utf8), "no golden file \(name); record with ELIGO_RECORD_GOLDEN=1")
        #expect(actual == expected, "\(name) differs from its golden file; re-record on purpose if the change is intended")
    }
}
