import Testing
@testable import Eligo

/// Each screening worker evaluates its own copy of the rules; the copy must decide and explain exactly as the original.
@Suite("worker copies of the rules") struct WorkerCopyTests {
    @Test func copiesGiveTheSameReportsForEveryExample() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("rules"))
        #expect(!library.hasErrors)
        let copy = library.workerCopy()
        let dir = TestRepo.path("examples/applicants")
        let files = try FileSystem.yamlFiles(under: dir).filter { !$0.hasSuffix("EXPECTED.md") }
        #expect(files.count > 20)
        let options = CheckOptions(today: Day(iso: "2014-11-03")!)
        for file in files {
            let bytes = try #require(FileSystem.read(file))
            let original = library.check(bytes: bytes, path: file, options: options).map { JSONReportRenderer.line($0) }
            let copied = copy.check(bytes: bytes, path: file, options: options).map { JSONReportRenderer.line($0) }
            #expect(original == copied, "\(file)")
        }
    }

    @Test func copiedCodeIsNewButEqualInMeaning() {
        let code = Code.compare(.greaterOrEqual, .field(.root, slot: 3, name: "grade"), .constant(.list([.string("a long text value here")])))
        guard case .compare(_, .field(.root, 3, let name), .constant(.list(let items))) = code.workerCopy() else {
            Issue.record("the copy changed shape"); return
        }
        #expect(name == "grade")
        #expect(items == [.string("a long text value here")])
    }

    @Test func summariesFromWorkersAddUpByRuleID() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("rules"))
        let copy = library.workerCopy()
        let file = TestRepo.path("examples/applicants/a2-short-headship.yaml")
        let bytes = try #require(FileSystem.read(file))
        let options = CheckOptions(today: Day(iso: "2014-11-03")!)
        var mine = ScreenSummary(), theirs = ScreenSummary()
        for r in library.check(bytes: bytes, path: file, options: options) { mine.add(r) }
        for r in copy.check(bytes: bytes, path: file, options: options) { theirs.add(r) }
        #expect(!mine.failures.isEmpty)
        var total = ScreenSummary()
        total.merge(mine)
        total.merge(theirs)
        #expect(total.failures == mine.failures.mapValues { $0 * 2 })
        #expect(total.unknowns == mine.unknowns.mapValues { $0 * 2 })
        #expect(total.topFailures(3).map({ $0.count }) == mine.topFailures(3).map { $0.count * 2 })
    }
}
