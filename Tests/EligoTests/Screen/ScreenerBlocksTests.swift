import Foundation
import Testing
@testable import Eligo

/// Input longer than several 4 MB blocks, handed over in pieces of any size: each block is decided
/// while the next is read, and the results must be those of reading everything at once.
@Suite("screening across blocks") struct ScreenerBlocksTests {
    static let library = RuleLibrary.load(directory: TestRepo.path("Benchmarks/screening/rules"))

    /// Screens `input`, each call of `read` giving at most `piece` bytes; returns the output and the
    /// summary, and the bytes decided so far at each block's end in `blocks`.
    static func screen(_ input: [UInt8], format: InputFormat, piece: Int, jobs: Int) throws -> (String, ScreenSummary) {
        var blocks: [Int] = []
        return try screen(input, format: format, piece: piece, jobs: jobs, blocks: &blocks)
    }

    static func screen(_ input: [UInt8], format: InputFormat, piece: Int, jobs: Int, blocks: inout [Int]) throws -> (String, ScreenSummary) {
        let options = ScreenOptions(output: .jsonl, jobs: jobs, check: CheckOptions(today: Day(iso: "2014-11-03")!, explain: false))
        let screener = try Screener(library: library, input: format, source: "in", options: options)
        var offset = 0
        var out: [UInt8] = []
        screener.run(
            read: { room in
                let n = min(piece, room.count, input.count - offset)
                guard n > 0 else { return 0 }
                input.withUnsafeBytes { room.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
                offset += n
                return n
            }, write: { out += $0 }, progress: { _, bytes in blocks.append(bytes) })
        return (String(decoding: out, as: UTF8.self), screener.summary)
    }

    @Test(arguments: [InputFormat.jsonl, .csv])
    func piecesOfAnySizeGiveTheSameResults(format: InputFormat) throws {
        // Three thousand records made long by their names (which no rule reads): about 10 MB, so
        // the input spans three blocks while the test decides few records.
        let count = 3_000
        let name = String(repeating: "x", count: 3_300)
        let text =
            format == .jsonl
            ? (0..<count).map { ScreenTests.record($0).replacingOccurrences(of: "Jo Khan", with: name) }.joined(separator: "\n") + "\n"
            : ScreenTests.csvHeader + "\n"
                + (0..<count).map { ScreenTests.csvRow($0).replacingOccurrences(of: "Khan, Jo", with: name) }
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

    /// A pipe hands over at most 64 KB a read; blocks are filled from several reads, not decided
    /// piece by piece (a block of a few dozen records is decided on one core).
    @Test(arguments: [InputFormat.jsonl, .csv])
    func smallReadsAreGatheredIntoBlocks(format: InputFormat) throws {
        let text =
            format == .jsonl
            ? (0..<5_000).map { ScreenTests.record($0) }.joined(separator: "\n") + "\n"
            : ScreenTests.csvHeader + "\n" + (0..<5_000).map { ScreenTests.csvRow($0) }.joined(separator: "\n") + "\n"
        let input = Array(text.utf8)
        var whole: [Int] = [], pieces: [Int] = []
        let (expected, _) = try Self.screen(input, format: format, piece: Int.max, jobs: 2, blocks: &whole)
        let (got, _) = try Self.screen(input, format: format, piece: 4_096, jobs: 2, blocks: &pieces)
        #expect(got == expected)
        #expect(input.count / 4_096 > 100)
        #expect(whole.count <= 4, "\(whole)")
        #expect(pieces == whole)
    }
}
