import Eligo
import EligoFuzzTargets
import Foundation
import Testing

/// Every input a fuzzer once crashed, trapped or hung eligo with, replayed through the same
/// target code as `.ci/fuzz`, so each finding stays fixed. A finding is kept as
/// `Fuzz/Findings/TARGET/NAME` (see docs/fuzzing.md); the seeds in `examples/` and `rules/` are
/// replayed too, so a target that breaks on ordinary input is caught here first.
@Suite("fuzz findings stay fixed")
struct FuzzFindingsTests {
    static let findings = TestRepo.path("Tests/EligoTests/Fuzz/Findings")

    /// The saved inputs of one target, sorted so a failure names the same file every run.
    static func inputs(of target: FuzzTarget) -> [String] {
        let folder = findings + "/" + target.rawValue
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }

    static func setup(_ target: FuzzTarget) throws -> FuzzSetup {
        try FuzzSetup.make(target: target, rules: TestRepo.path("rules"), examples: TestRepo.path("examples")).get()
    }

    @Test("every saved finding runs to the end", arguments: FuzzTarget.allCases)
    func findingsReplay(target: FuzzTarget) throws {
        let setup = try Self.setup(target)
        for path in Self.inputs(of: target) {
            setup.run(try TestRepo.bytes(path.replacingOccurrences(of: TestRepo.root + "/", with: "")))
        }
    }

    @Test("the targets run the shipped examples and rules", arguments: FuzzTarget.allCases)
    func seedsReplay(target: FuzzTarget) throws {
        let setup = try Self.setup(target)
        for relative in [
            "examples/applicants/a2-short-headship.yaml", "examples/applicants/applicants.csv",
            "rules/lle-eligibility-2014.yaml"
        ] {
            setup.run(try TestRepo.bytes(relative))
        }
    }

    /// The targets must reach the code they are meant to fuzz: the `expr` target's rule set loads
    /// around a valid condition, so a mistake in its frame would make fuzzing it worthless.
    @Test func exprFrameLoadsAValidCondition() throws {
        let setup = try Self.setup(.expr)
        #expect(setup.loadedRuleSetCount(Array("count(applicant.headships) >= 1".utf8)) == 1)
        #expect(setup.loadedRuleSetCount(Array("count(applicant.headships) >=".utf8)) == 0)
    }
}
