import Foundation
import Testing
@testable import Eligo

@Test func scratchDump() throws {
    let lib = RuleLibrary.load(directory: TestRepo.path("rules"))
    print(DiagnosticFormatter(sources: lib.sources).format(lib.diagnostics))
    let files = try FileManager.default.contentsOfDirectory(atPath: TestRepo.path("examples/applicants")).filter { $0.hasSuffix(".yaml") }.sorted()
    for f in files {
        let asOf: Day? = f.hasPrefix("self-check") ? day("2014-11-14") : nil
        for r in lib.check(bytes: try TestRepo.bytes("examples/applicants/" + f), path: f, options: CheckOptions(asOf: asOf, today: day("2020-01-01"))) {
            print("FILE", f, r.record.id ?? "-", r.asOf.map { "\($0)" } ?? "", r.decision, r.errors.map(\.located), r.warnings.map(\.located))
            for x in r.rules { print("  ", x.id, x.subject ?? "-", x.outcome.rawValue, x.needs, x.passesFrom.map { "\($0)" } ?? "", "|", x.message) }
        }
    }
}
