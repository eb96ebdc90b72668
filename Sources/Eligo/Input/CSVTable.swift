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

    /// Every row of the text; `firstLine` numbers them when the text is a block of a longer file.
    public static func rows(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) -> [Row] {
        var rows: [Row] = []
        var cells: [Range<Int>] = []
        cells.reserveCapacity(32)
        var line = firstLine, rowLine = firstLine
        var i = 0, cellStart = 0
        var quoted = false
        while i < bytes.count {
            let c = bytes[i]
            if quoted {
                if c == 34 {
                    if i + 1 < bytes.count && bytes[i + 1] == 34 { i += 2; continue }
                    quoted = false
                } else if c == 10 { line += 1 }
                i += 1
                continue
            }
            switch c {
            case 34:
                quoted = true
            case 44:
                cells.append(cellStart..<i)
                cellStart = i + 1
            case 10:
                var end = i
                if end > cellStart && bytes[end - 1] == 13 { end -= 1 }
                cells.append(cellStart..<end)
                if !(cells.count == 1 && cells[0].isEmpty) { rows.append(Row(cells: cells, line: rowLine)) }
                cells.removeAll(keepingCapacity: true)
                line += 1
                rowLine = line
                cellStart = i + 1
            default: break
            }
            i += 1
        }
        if cellStart < bytes.count || !cells.isEmpty {
            var end = bytes.count
            if end > cellStart && bytes[end - 1] == 13 { end -= 1 }
            cells.append(cellStart..<end)
            if !(cells.count == 1 && cells[0].isEmpty) { rows.append(Row(cells: cells, line: rowLine)) }
        }
        return rows
    }

    /// Where each row is (line break excluded) and the line it starts on, without splitting
    /// it into cells; blank lines are skipped, as `rows` skips them.
    public static func rowRanges(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) -> [(range: Range<Int>, line: Int)] {
        completeRows(bytes, firstLine: firstLine, atEnd: true).rows
    }

    /// The rows of a block of a stream, up to the last one that is complete (unless the
    /// stream is at its end), where that row ends (after its line break) and the next line's number.
    public struct CompleteRows {
        public var rows: [(range: Range<Int>, line: Int)]
        public var end: Int
        public var nextLine: Int
    }

    /// One scan finds the rows and where the block can be cut without splitting a quoted cell.
    public static func completeRows(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, atEnd: Bool) -> CompleteRows {
        var out: [(range: Range<Int>, line: Int)] = []
        var line = firstLine, rowLine = firstLine
        var start = 0, i = 0
        var quoted = false
        func finish(_ end: Int) {
            var e = end
            if e > start && bytes[e - 1] == 13 { e -= 1 }
            if e > start { out.append((start..<e, rowLine)) }
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == 34 {
                quoted.toggle()  // `""` inside quotes toggles twice: no change
            } else if c == 10 {
                if !quoted {
                    finish(i)
                    start = i + 1
                    rowLine = line + 1
                }
                line += 1
            }
            i += 1
        }
        guard atEnd else { return CompleteRows(rows: out, end: start, nextLine: rowLine) }
        if start < bytes.count { finish(bytes.count) }
        return CompleteRows(rows: out, end: bytes.count, nextLine: line)
    }

    /// A cell's text with its quotes removed and `""` made `"`.
    public static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        guard r.count >= 2, bytes[r.lowerBound] == 34, bytes[r.upperBound - 1] == 34 else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
        }
        return String(decoding: unquoted(bytes, r), as: UTF8.self)
    }

    /// A cell's bytes with its quotes removed and `""` made `"` (JSON cells are read from these).
    public static func unquoted(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> [UInt8] {
        guard r.count >= 2, bytes[r.lowerBound] == 34, bytes[r.upperBound - 1] == 34 else { return Array(bytes[r]) }
        let inner = UnsafeBufferPointer(rebasing: bytes[(r.lowerBound + 1)..<(r.upperBound - 1)])
        return [UInt8](unsafeUninitializedCapacity: inner.count) { out, written in
            var i = 0, n = 0
            while i < inner.count {
                let c = inner[i]
                out[n] = c
                n += 1
                i += c == 34 && i + 1 < inner.count && inner[i + 1] == 34 ? 2 : 1
            }
            written = n
        }
    }

    /// The cells of one row (the row's bytes, without its line break): the batch reader's
    /// per-row split, one allocation per row.
    public static func cells(ofRow bytes: UnsafeBufferPointer<UInt8>, expecting count: Int) -> [Range<Int>] {
        var cells: [Range<Int>] = []
        cells.reserveCapacity(count)
        var cellStart = 0, i = 0
        var quoted = false
        while i < bytes.count {
            let c = bytes[i]
            if quoted {
                if c == 34 {
                    if i + 1 < bytes.count && bytes[i + 1] == 34 { i += 2; continue }
                    quoted = false
                }
            } else if c == 34 {
                quoted = true
            } else if c == 44 {
                cells.append(cellStart..<i)
                cellStart = i + 1
            }
            i += 1
        }
        cells.append(cellStart..<bytes.count)
        return cells
    }
}
