#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// RFC 4180 rows from bytes: quoted cells, `""` for a quote, commas and line
/// breaks inside quotes, CRLF or LF. Cells are byte ranges into the input, so
/// splitting a spreadsheet costs no allocation per cell.
public enum CSVTable {
    public struct Row: Sendable {
        /// Byte ranges of the cells (quotes included for quoted cells).
        public var cells: [Range<Int>]
        /// The 1-based line the row starts on.
        public var line: Int
    }

    /// Every row of the text, split into cells; `firstLine` numbers them when the text is a block of a longer file.
    public static func rows(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) -> [Row] {
        completeRows(bytes, firstLine: firstLine, atEnd: true).rows.map { row in
            let offset = row.range.lowerBound
            var cells: [Range<Int>] = []
            Self.cells(ofRow: UnsafeBufferPointer(rebasing: bytes[row.range]), into: &cells)
            return Row(cells: cells.map { ($0.lowerBound + offset)..<($0.upperBound + offset) }, line: row.line)
        }
    }

    /// Where a row is (line break excluded), the line it starts on, and whether it opens a
    /// quote that the file never closes (then the row stops at its own line break, so the
    /// rows after it are not swallowed into one cell).
    public struct RowPlace: Sendable {
        public var range: Range<Int>
        public var line: Int
        public var unclosedQuote = false
    }

    /// The rows of a block of a stream, up to the last one that is complete (unless the
    /// stream is at its end), where that row ends (after its line break) and the next line's number.
    public struct CompleteRows {
        public var rows: [RowPlace]
        public var end: Int
        public var nextLine: Int
    }

    /// One scan finds the rows and where the block can be cut without splitting a quoted cell.
    /// Blank lines are skipped; `""` inside quotes toggles the state twice, so changes nothing.
    public static func completeRows(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, atEnd: Bool) -> CompleteRows {
        var out: [RowPlace] = []
        var line = firstLine, rowLine = firstLine
        var start = 0, i = 0
        var quoted = false
        func finish(_ end: Int, unclosed: Bool = false) {
            var e = end
            if e > start && bytes[e - 1] == 13 { e -= 1 }
            if e > start { out.append(RowPlace(range: start..<e, line: rowLine, unclosedQuote: unclosed)) }
        }
        while true {
            // A line at a time: whether a line break ends a row depends only on how many quotes
            // came before it, so each line's quote parity is taken 16 bytes at a time
            // (`ByteScan.oddQuotes`) rather than each byte being tested in turn.
            while i < bytes.count {
                let nl = ByteScan.lineEnd(bytes, from: i)
                if ByteScan.oddQuotes(bytes, i..<nl) { quoted.toggle() }
                i = nl
                guard i < bytes.count else { break }
                if !quoted {
                    finish(i)
                    start = i + 1
                    rowLine = line + 1
                }
                line += 1
                i += 1
            }
            guard atEnd else { return CompleteRows(rows: out, end: start, nextLine: rowLine) }
            guard quoted, let lineEnd = bytes[start...].firstIndex(of: 10) else { break }
            // The stream ended inside a quote: the row that opened it ends at its own line
            // break, and reading starts again after it.
            finish(lineEnd, unclosed: true)
            start = lineEnd + 1
            rowLine += 1
            line = rowLine
            i = start
            quoted = false
        }
        finish(bytes.count, unclosed: quoted)
        return CompleteRows(rows: out, end: bytes.count, nextLine: line)
    }

    /// A cell's text with its quotes removed and `""` made `"`.
    public static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        withUnquoted(bytes, r) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the cell is written in quotes (which `withUnquoted` removes).
    @inline(__always)
    static func isQuoted(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        r.count >= 2 && bytes[r.lowerBound] == 34 && bytes[r.upperBound - 1] == 34
    }

    /// Calls `body` with a cell's bytes with its quotes removed and `""` made `"`: the cell's own
    /// bytes when it is not quoted, else a copy on the stack (no heap array per cell).
    @inline(__always)
    static func withUnquoted<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard isQuoted(bytes, r) else {
            return body(UnsafeBufferPointer(rebasing: bytes[r]))
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: r.count) { out in
            let n = unquote(UnsafeBufferPointer(rebasing: bytes[(r.lowerBound + 1)..<(r.upperBound - 1)]), into: out)
            return body(UnsafeBufferPointer(rebasing: out[0..<n]))
        }
    }

    /// Copies a quoted cell's inside to `out` (room for at least as many bytes) with `""` made `"`;
    /// returns how many bytes it wrote. Eight bytes at a time, a quote (and the one doubling it)
    /// handled without leaving the word loop: JSON text in a cell is short runs between quotes.
    static func unquote(_ inner: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard let from = inner.baseAddress, let to = out.baseAddress else { return 0 }
        let count = inner.count
        var i = 0, n = 0
        while i + 8 <= count {
            // The word goes out whole; only the bytes up to its first quote are kept (the rest
            // is written over next). `n` never passes `i`, so the word fits in `out`.
            let word = UnsafeRawPointer(from + i).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(to + n).storeBytes(of: word, as: UInt64.self)
            let quotes = ByteScan.zeroBytes(word ^ 0x2222_2222_2222_2222)
            if quotes == 0 {
                i += 8
                n += 8
                continue
            }
            // The quote itself is already out; a doubled one is skipped past.
            let run = quotes.trailingZeroBitCount / 8 + 1
            i += run
            n += run
            if i < count && from[i] == 34 { i += 1 }
        }
        while i < count {
            let c = from[i]
            to[n] = c
            n += 1
            i += c == 34 && i + 1 < count && from[i + 1] == 34 ? 2 : 1
        }
        return n
    }

    /// The cells of one row (the row's bytes, without its line break), written over `cells`:
    /// a batch worker keeps that array from row to row, so splitting a row allocates nothing.
    public static func cells(ofRow bytes: UnsafeBufferPointer<UInt8>, into cells: inout [Range<Int>]) {
        // The row before's cells are written over in place (rows mostly have as many cells as the
        // one before): one uniqueness check for the row, not an append per cell.
        var count = 0
        var cellStart = 0
        var commas = ByteScan.UnquotedCommas(bytes)
        var comma = commas.next()
        var ended = false
        cells.withUnsafeMutableBufferPointer { room in
            while let i = comma, count < room.count {
                room[count] = cellStart..<i
                count += 1
                cellStart = i + 1
                comma = commas.next()
            }
            if comma == nil && count < room.count {
                room[count] = cellStart..<bytes.count
                count += 1
                ended = true
            }
        }
        if ended {
            if count < cells.count { cells.removeLast(cells.count - count) }
            return
        }
        while let i = comma {
            cells.append(cellStart..<i)
            cellStart = i + 1
            comma = commas.next()
        }
        cells.append(cellStart..<bytes.count)
    }
}
