extension CSVTable {
    /// Why a CSV file is not CSV, at its place (1-based line, and column in characters).
    public struct SyntaxFailure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var line: Int
        public var column: Int
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// The rows of a whole CSV file, and what stopped the reading if the file is not CSV.
    public struct FileRows: Sendable {
        /// Every row before the syntax failure (all of them when there is none).
        public var rows: [Row]
        public var failure: SyntaxFailure?
    }

    /// A whole file's rows, strictly: the reading of a dataset's CSV files, which are read once
    /// and whole (the screen reads its stream in blocks with `completeRows`). The rows have the
    /// same cells as `completeRows` + `cells(ofRow:)` give (byte ranges, quotes included, typed
    /// by `CSVRecordReader`), and in addition:
    ///
    /// - a quote opens a quoted cell only at the start of a cell; inside an unquoted cell it
    ///   is text (`5" screen`);
    /// - a quoted cell never closed, or text after a closing quote, stops the reading with a
    ///   `SyntaxFailure` at its place (both silently corrupt data if let through);
    /// - rows end at CRLF, LF or a lone CR; a UTF-8 byte order mark at the start is skipped;
    ///   blank rows (nothing, or only `""`) are dropped.
    public static func fileRows(_ b: UnsafeBufferPointer<UInt8>) -> FileRows {
        var rows: [Row] = []
        let failure = forEachFileRow(b) { rows.append($0) }
        return FileRows(rows: rows, failure: failure)
    }

    /// Hands over each row of a whole file as `fileRows` reads it, so that a large file's rows
    /// are not all held at once; returns what stopped the reading, after the rows before it.
    public static func forEachFileRow(_ b: UnsafeBufferPointer<UInt8>, _ body: (Row) -> Void) -> SyntaxFailure? {
        let quote: UInt8 = 34, comma: UInt8 = 44, cr: UInt8 = 13, lf: UInt8 = 10
        var cells: [Range<Int>] = []
        var i = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        var line = 1, lineStart = i, rowLine = 1

        /// The character column of the byte at `at` on the current line (UTF-8 sequences counted once).
        func column(_ at: Int) -> Int {
            1 + ByteScan.scalarCount(UnsafeBufferPointer(rebasing: b[lineStart..<at]))
        }
        func endRow() {
            let blank = cells.count == 1 && (cells[0].isEmpty || (cells[0].count == 2 && b[cells[0].lowerBound] == quote))
            if !blank { body(Row(cells: cells, line: rowLine)) }
            cells.removeAll(keepingCapacity: true)
        }

        guard i < b.count else { return nil }
        while true {
            // At the start of a cell.
            let start = i
            if b[safe: i] == quote {
                let openLine = line, openColumn = column(i)
                i += 1
                var closed = false
                while i < b.count {
                    let c = b[i]
                    if c == quote {
                        if i + 1 < b.count && b[i + 1] == quote { i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    i += 1
                    // A line break inside quotes is part of the cell (kept as written); it starts a line.
                    if c == lf || (c == cr && b[safe: i] != lf) {
                        line += 1
                        lineStart = i
                    }
                }
                guard closed else {
                    return SyntaxFailure(message: "the quoted field starting here has no closing quote", line: openLine, column: openColumn)
                }
                if i < b.count && b[i] != comma && b[i] != cr && b[i] != lf {
                    return SyntaxFailure(
                        message: "unexpected text after a closing quote; write a quote inside a quoted field as \"\"",
                        line: line, column: column(i))
                }
            } else {
                while i < b.count && b[i] != comma && b[i] != cr && b[i] != lf { i += 1 }
            }
            cells.append(start..<i)
            // After a cell: a comma, a line break or the end.
            if i >= b.count {
                endRow()
                return nil
            }
            if b[i] == comma {
                i += 1
                continue
            }
            if b[i] == cr && b[safe: i + 1] == lf { i += 1 }
            i += 1
            line += 1
            lineStart = i
            endRow()
            if i >= b.count { return nil }
            rowLine = line
        }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The byte at `i`, or nil past the end.
    @inline(__always)
    fileprivate subscript(safe i: Int) -> UInt8? { i < count ? self[i] : nil }
}
