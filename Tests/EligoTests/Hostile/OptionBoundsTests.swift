import Testing
@testable import Eligo

/// Numeric options are bounded: an absurd `--jobs` is a usage error (64) naming the range, and the
/// library never starts more than `ScreenOptions.maxJobs` workers whatever it is given.
@Suite("Hostile: option bounds")
struct OptionBoundsTests {
    @Test(
        "--jobs outside 1...256 is a usage error",
        arguments: [
            ["screen", "--jobs", "100000000", "examples/applicants/applicants.csv"],
            ["screen", "--jobs", "0", "examples/applicants/applicants.csv"],
            ["rules", "impact", "--base-as-of", "2014-11-01", "--jobs", "100000000", "examples/applicants/applicants.csv"]
        ])
    func absurdJobs(args: [String]) throws {
        let r = try CLI.run(args)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--jobs must be between 1 and 256"), "\(r.stderr)")
    }

    @Test func theLibraryClampsWorkers() {
        let today = day("2014-11-03")
        #expect(ScreenOptions(output: .jsonl, jobs: Int.max, check: CheckOptions(today: today)).jobs == ScreenOptions.maxJobs)
        #expect(ScreenOptions(output: .jsonl, jobs: Int.min, check: CheckOptions(today: today)).jobs == 1)
    }
}
