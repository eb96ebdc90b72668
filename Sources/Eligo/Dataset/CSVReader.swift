/// An RFC 4180 CSV reader: fields separated by commas, rows by CRLF (or LF, or CR);
/// a field in double quotes may hold commas, line breaks and `""` for a quote.
/// A UTF-8 byte order mark at the start is skipped, and blank rows are dropped.
///
/// It is deliberately small and strict about the one thing that silently corrupts
/// data — an unclosed quote, or text after a closing quote — and lenient elsewhere
/// (a quote in the middle of an unquoted field is kept as text).
///
/// Typing the cells by a schema is `CSVRecordTyper`'s job.
public enum CSVReader {
    /// One row: its fields, and the line of the file it starts on (1-based).
    public struct Row: Sendable, Equatable {
        public var fields: [String]
        public var line: Int
        public init(fields: [String], line: Int) {
            self.fields = fields
            self.line = line
        }
    }

    /// Why the text is not CSV, with the place (1-based line and column, in characters).
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var line: Int
        public var column: Int
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// The rows as lists of fields (the header, if any, is the first row).
    public static func rows(bytes: [UInt8]) throws(Failure) -> [[String]] {
        try records(bytes: bytes).map({ $0.fields })
    }

    /// The rows with the line each starts on, for messages that name the row.
    public static func records(bytes: [UInt8]) throws(Failure) -> [Row] {
        var rows: [Row] = []
        try forEachRecord(bytes: bytes) { rows.append($0) }
        return rows
    }

    /// Hands over each row as it is read, so a large file's rows need not all be held at once.
    /// Rows before a syntax error have been handed over when it is thrown.
    public static func forEachRecord(bytes: [UInt8], _ body: (Row) -> Void) throws(Failure) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> Void in try parse(buffer, body) }
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>, _ body: (Row) -> Void) throws(Failure) {
        let quote: UInt8 = 34, comma: UInt8 = 44, cr: UInt8 = 13, lf: UInt8 = 10
        var fields: [String] = []
        var i = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        var line = 1, lineStart = i
        var rowLine = 1
        var quoted: [UInt8] = []

        func column(_ at: Int) -> Int {
            // Characters, not bytes: count the bytes that start a UTF-8 sequence.
            var n = 1
            var k = lineStart
            while k < at { if b[k] & 0xC0 != 0x80 { n += 1 }; k += 1 }
            return n
        }
        func endRow() {
            if !(fields.count == 1 && fields[0].isEmpty) { body(Row(fields: fields, line: rowLine)) }
            fields.removeAll(keepingCapacity: true)
        }
        /// Steps over a line break at `i` (CRLF, LF or CR); false when there is none.
        func lineBreak() -> Bool {
            guard i < b.count, b[i] == cr || b[i] == lf else { return false }
            if b[i] == cr && i + 1 < b.count && b[i + 1] == lf { i += 1 }
            i += 1
            line += 1
            lineStart = i
            return true
        }

        if i >= b.count { return }
        rowLine = line
        while true {
            // At the start of a field.
            if i < b.count && b[i] == quote {
                let openLine = line, openColumn = column(i)
                i += 1
                quoted.removeAll(keepingCapacity: true)
                var closed = false
                while i < b.count {
                    let c = b[i]
                    if c == quote {
                        if i + 1 < b.count && b[i + 1] == quote {
                            quoted.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if c == cr || c == lf {
                        // A line break inside quotes is part of the field, kept as written.
                        if c == cr && i + 1 < b.count && b[i + 1] == lf { quoted.append(cr); i += 1 }
                        quoted.append(b[i])
                        i += 1
                        line += 1
                        lineStart = i
                        continue
                    }
                    quoted.append(c)
                    i += 1
                }
                guard closed else {
                    throw Failure(message: "the quoted field starting here has no closing quote", line: openLine, column: openColumn)
                }
                fields.append(String(decoding: quoted, as: UTF8.self))
                if i < b.count && b[i] != comma && b[i] != cr && b[i] != lf {
                    throw Failure(message: "unexpected text after a closing quote; write a quote inside a quoted field as \"\"",
                                  line: line, column: column(i))
                }
            } else {
                let start = i
                while i < b.count && b[i] != comma && b[i] != cr && b[i] != lf { i += 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
            }
            // After a field: a comma, a line break or the end.
            if i >= b.count {
                endRow()
                return
            }
            if b[i] == comma {
                i += 1
                continue
            }
            _ = lineBreak()
            endRow()
            if i >= b.count { return }
            rowLine = line
        }
    }
}
