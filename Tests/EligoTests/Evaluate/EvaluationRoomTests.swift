import Foundation
import Testing
@testable import Eligo

/// A screening worker evaluates record after record in one `EvaluationRoom`, whose path table
/// keeps the paths met so far while it is small. Nothing of one record may show in the next
/// one's report.
@Suite("an evaluation room reused from record to record")
struct EvaluationRoomTests {
    @Test("every example applicant gets, after any other, the report a fresh evaluator gives")
    func sameReportsAsFresh() throws {
        let lib = RuleLibrary.load(directory: TestRepo.path("rules"))
        #expect(lib.errors.isEmpty)
        let options = CheckOptions(asOf: nil, today: day("2014-11-03"))
        let records = try TestRepo.exampleApplicants(typedBy: lib)
        #expect(records.count > 10)
        let fresh = records.map { r in
            JSONReportRenderer.line(lib.check(record: r.value, kind: r.kind, id: nil, source: r.name, issues: [], options: options))
        }
        // Forwards, backwards and each record twice in a row, all through one room.
        var room = EvaluationRoom()
        for order in [Array(records.indices), records.indices.reversed(), records.indices.flatMap { [$0, $0] }] {
            for i in order {
                let r = records[i]
                let line = JSONReportRenderer.line(
                    lib.check(record: r.value, kind: r.kind, id: nil, source: r.name, issues: [], options: options, room: &room))
                #expect(line == fresh[i], "\(r.name)")
            }
        }
        #expect(fresh.contains { $0.contains("\"values\":[{") })
    }

    @Test("the next record's paths keep their ids and texts; a table grown large starts afresh")
    func pathsKeptWhileSmall() throws {
        var paths = RecordPaths()
        let urn = paths.field(paths.field(RecordPaths.root, slot: 3, name: "school"), slot: 1, name: "urn")
        #expect(paths.text(urn) == "school.urn")
        paths.readyForNextRecord()
        let role = paths.field(RecordPaths.root, slot: 0, name: "role")
        #expect(paths.text(role) == "role")
        #expect(paths.field(paths.field(RecordPaths.root, slot: 3, name: "school"), slot: 1, name: "urn") == urn)
        #expect(paths.text(urn) == "school.urn")
        // A record with a long list grows the table past its cap: the next record starts afresh,
        // and its first path takes the first id again.
        let list = paths.field(RecordPaths.root, slot: 1, name: "schools")
        let items = (0..<3_000).map { paths.field(paths.item(list, $0), slot: 0, name: "urn") }
        #expect(paths.text(items[2_999]) == "schools[2999].urn")
        paths.readyForNextRecord()
        let again = paths.field(RecordPaths.root, slot: 0, name: "role")
        #expect(again == 1)
        #expect(paths.text(again) == "role")
        let item = paths.field(paths.item(paths.field(RecordPaths.root, slot: 1, name: "schools"), 7), slot: 0, name: "urn")
        #expect(paths.text(item) == "schools[7].urn")
    }
}
