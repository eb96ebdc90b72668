import Foundation
import Testing
@testable import Eligo

/// YAML streams are read in blocks, document by document, with no limit on their total size.
@Suite("screening YAML streams in blocks") struct ScreenerYAMLStreamTests {
    /// A stream of `count` records, each made `padding` bytes longer by its name (no rule reads it).
    static func stream(_ count: Int, padding: Int, replacing: [Int: String] = [:]) -> [UInt8] {
        let name = String(repeating: "x", count: padding)
        var out: [UInt8] = []
        for i in 0..<count {
            out += Array("---\n".utf8)
            out += Array((replacing[i] ?? ScreenTests.record(i).replacingOccurrences(of: "Jo Khan", with: name)).utf8)
            out.append(10)
        }
        return out
    }

    static func screen(_ input: [UInt8], piece: Int = Int.max, limits: YAMLLimits = YAMLLimits()) throws -> ([Substring], ScreenSummary) {
        var options = ScreenOptions(output: .jsonl, jobs: 2, check: CheckOptions(today: Day(iso: "2014-11-03")!, explain: false))
        options.check.yamlLimits = limits
        let screener = try Screener(library: ScreenerBlocksTests.library, input: .yaml, source: "in", options: options)
        var offset = 0
        var out: [UInt8] = []
        screener.run(
            read: { room in
                let n = min(piece, room.count, input.count - offset)
                guard n > 0 else { return 0 }
                input.withUnsafeBytes { room.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
                offset += n
                return n
            }, write: { out += $0 })
        return (String(decoding: out, as: UTF8.self).split(separator: "\n"), screener.summary)
    }

    /// More than 64 MiB (once refused whole as one invalid result): every record has its result.
    @Test func aStreamLargerThan64MiBGivesEveryResult() throws {
        let count = 1_100
        let input = Self.stream(count, padding: 62_000)
        #expect(input.count > 64 * 1024 * 1024)
        let (lines, summary) = try Self.screen(input)
        #expect(summary.recordsRead == count)
        #expect(summary.recordsWritten == count)
        #expect(summary.invalid == 0)
        #expect(lines.count == count)
        for i in [0, 1, 549, count - 1] {
            #expect(lines[i].contains(#""id":"APP-\#(i)","source":"in#\#(i + 1)""#), "document \(i + 1)")
        }
    }

    /// Pieces of any size, documents cut anywhere: the same results.
    @Test func piecesOfAnySizeGiveTheSameResults() throws {
        let input = Self.stream(400, padding: 30_000, replacing: [7: NothingLostTests.syntaxError, 300: NothingLostTests.aliasBomb])
        let (whole, summary) = try Self.screen(input)
        #expect(whole.count == 400)
        #expect(summary.invalid == 2)
        #expect(whole[7].contains("yaml.syntax") && whole[300].contains("yaml.alias-bomb"))
        // Positions are the file's lines, whichever block a document was read in.
        #expect(whole[7].contains(#""line":\#(2 * 7 + 3)"#))
        for piece in [65_537, 1_000_003] {
            let (again, _) = try Self.screen(input, piece: piece)
            #expect(again == whole, "pieces of \(piece) bytes")
        }
    }

    /// A document larger than the per-document limit is one invalid result; its rest is skipped
    /// up to the next marker and the documents after it are read.
    @Test func aDocumentLargerThanTheLimitIsSkipped() throws {
        // 900 lines of 1 KB: longer than the limit well before the block ends.
        let huge = "{" + (0..<900).map { #""p\#($0)": "\#(String(repeating: "y", count: 1_000))""# }.joined(separator: ",\n ") + "}"
        let input = Self.stream(5, padding: 10, replacing: [1: huge])
        var limits = YAMLLimits()
        limits.maxInputBytes = 100_000
        let (lines, summary) = try Self.screen(input, limits: limits)
        #expect(lines.count == 5)
        #expect(summary.recordsRead == 5 && summary.invalid == 1)
        #expect(lines[1].contains("yaml.too-large"))
        #expect(lines[1].contains(#""line":3"#))
        for i in [0, 2, 3, 4] { #expect(lines[i].contains(#""id":"APP-\#(i)","source":"in#\#(i + 1)""#) && !lines[i].contains("invalid")) }
    }
}

/// A read that fails part way is not the end of the input: the screener says how much was read.
@Suite("screening input that cannot be read to its end") struct ScreenerReadFailureTests {
    @Test(arguments: [InputFormat.jsonl, .yaml])
    func aFailedReadIsReported(format: InputFormat) throws {
        let records = (0..<10).map { ScreenTests.record($0) }
        let text = format == .yaml ? records.map { "---\n" + $0 + "\n" }.joined() : records.joined(separator: "\n") + "\n"
        let input = Array(text.utf8)
        let options = ScreenOptions(output: .jsonl, jobs: 1, check: CheckOptions(today: Day(iso: "2014-11-03")!, explain: false))
        let screener = try Screener(library: ScreenerBlocksTests.library, input: format, source: "in", options: options)
        var calls = 0
        var out: [UInt8] = []
        screener.run(
            read: { room in
                calls += 1
                guard calls == 1 else { return -1 }
                let n = min(room.count, input.count)
                input.withUnsafeBytes { room.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: n) }
                return n
            }, write: { out += $0 })
        #expect(screener.readFailedAfter == input.count)
        #expect(screener.summary.recordsRead == 10)
        // Without a failure, nothing to report.
        let again = try Screener(library: ScreenerBlocksTests.library, input: format, source: "in", options: options)
        var done = false
        again.run(
            read: { room in
                guard !done else { return 0 }
                done = true
                input.withUnsafeBytes { room.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: input.count) }
                return input.count
            }, write: { _ in })
        #expect(again.readFailedAfter == nil)
    }
}
