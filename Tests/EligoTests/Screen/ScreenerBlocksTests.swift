import Foundation
import Testing
@testable import Eligo

/// Input longer than several 4 MB blocks, handed over in pieces of any size: each block is decided
/// while the next is read, and the results must be those of reading everything at once.
@Suite("screening across blocks") struct ScreenerBlocksTests {
    static let library = RuleLibrary.load(directory: TestRepo.path("Benchmarks/screening/rules"))

    /// Screens `input`, each call of `read` giving at most `piece` bytes; returns the output and the summary.
    static func screen(_ input: [UInt8], format: InputFormat, piece: Int, jobs: Int) throws -> (String, ScreenSummary) {
        let options = ScreenOptions(output: .jsonl, jobs: jobs, check: CheckOptions(today: Day(iso: "2014-11-03")!, explain: false))
        let screener = try Screener(library: library, input: format, source: "in", options: options)
        var offset = 0
        var out: [UInt8] = []
        screener.run(read: { room in
            let n = min(piece, room.count, input.count - offset)
            guard n > 0 else { return 0 }
            input.withUnsafeBytes { room.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
            offset += n
            return n
        }, write: { out += $0 })
        return (String(decoding: out, as: UTF8.self), screener.summary)
    }

    @Test(arguments: [InputFormat.jsonl, .csv])
    func piecesOfAnySizeGiveTheSameResults(format: InputFormat) throws {
        // Three thousand records made long by their names (which no rule reads): about 10 MB, so
        // the input spans three blocks while the test decides few records.
        let count = 3_000
        let name = String(repeating: "x", count: 3_300)
        let text = format == .jsonl
            ? (0..<count).map { ScreenTests.record($0).replacingOccurrences(of: "Jo Khan", with: name) }.joined(separator: "\n") + "\n"
            : ScreenTests.csvHeader + "\n" + (0..<count).map { ScreenTests.csvRow($0).replacingOccurrences(of: "Khan, Jo", with: name) }
                .joined(separator: "\n") + "\n"
        let input = Array(text.utf8)
        #expect(input.count > 9_000_000)
        let (whole, summary) = try Self.screen(input, format: format, piece: Int.max, jobs: 2)
        let lines = whole.split(separator: "\n")
        #expect(lines.count == count)
        #expect(summary.recordsRead == count)
        for i in [0, 1, 1_234, 2_500, count - 1] {
            #expect(lines[i].contains(#""id":"APP-\#(i)""#), "line \(i + 1)")
        }
        // Pieces that end anywhere (inside a record, inside a quoted cell), with one worker or two.
        for (piece, jobs) in [(1_000_003, 2), (65_537, 1)] {
            let (again, _) = try Self.screen(input, format: format, piece: piece, jobs: jobs)
            #expect(again == whole, "pieces of \(piece) bytes, \(jobs) jobs")
        }
    }
}
