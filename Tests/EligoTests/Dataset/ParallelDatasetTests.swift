import Foundation
import Testing
@testable import Eligo

/// A dataset decided on several threads gives the same reports, in the same order, as on one:
/// each thread has its own rules, evaluator and indexes, and the reports are handed over in order.
@Suite("Datasets on several threads") struct ParallelDatasetTests {
    static let options = CheckOptions(today: day("2015-06-30"))

    /// The example CSV dataset, each collection's rows written `copies` times; every id of copy k
    /// gets a `-ck` mark (`LLE-001` → `LLE-c3001`), so each copy's records find one another.
    static func enlargedExample(copies: Int) throws -> String {
        let from = TestRepo.path("examples/datasets/kyra-csv")
        let dir = NSTemporaryDirectory() + "eligo-parallel-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: from) where name.hasSuffix(".csv") {
            let lines = try String(contentsOfFile: from + "/" + name, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
            var out = [lines[0]]
            // The dataset's own row (its as-of date and pilot) is one row, not a collection.
            for k in 0..<(name == "dataset.csv" ? 1 : copies) {
                out += lines.dropFirst().map { $0.replacing(/\b([A-Z]{2,})-/) { "\($0.1)-c\(k)" } }
            }
            try (out.joined(separator: "\n") + "\n").write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func lines(_ reports: [Report]) -> [String] { reports.map(JSONReportRenderer.line) }

    @Test func twoThreadsGiveTheSameReportsInTheSameOrderAsOne() throws {
        let dir = try Self.enlargedExample(copies: 40)
        var one = Self.options, two = Self.options
        one.jobs = 1
        two.jobs = 2
        let single = DS.library.checkDataset(folder: dir, options: one)
        let parallel = DS.library.checkDataset(folder: dir, options: two)
        // Enough records for both threads, and several blocks of them.
        #expect(single.count > 1_500)
        #expect(Self.lines(parallel) == Self.lines(single))
        // Breaches, incomplete records and passes all occur, so the reports are not all alike.
        let outcomes = Set(single.map(\.outcome))
        #expect(outcomes.isSuperset(of: [.pass, .fail]))
        #expect(Set(single.compactMap(\.record.id)).count > 1_000)
    }

    @Test func preparedPiecesArriveInOrderOnTheCallingThread() throws {
        let dir = try Self.enlargedExample(copies: 30)
        var options = Self.options
        options.jobs = 3
        let expected = Self.lines(DS.library.checkDataset(folder: dir, options: Self.options))
        var pieces: [String] = []
        let caller = pthread_self()
        var elsewhere = 0
        DS.library.checkDataset(
            folder: dir, options: options, prepare: { JSONReportRenderer.line($0) },
            each: {
                if pthread_equal(pthread_self(), caller) == 0 { elsewhere += 1 }
                pieces.append($0)
            })
        #expect(pieces == expected)
        #expect(elsewhere == 0)
    }

    @Test func aSmallDatasetWithManyJobsGivesTheSameReports() throws {
        let dir = try Self.enlargedExample(copies: 1)
        var options = Self.options
        options.jobs = 8
        #expect(
            Self.lines(DS.library.checkDataset(folder: dir, options: options))
                == Self.lines(DS.library.checkDataset(folder: dir, options: Self.options)))
    }
}
