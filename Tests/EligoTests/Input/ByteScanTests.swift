import Testing
@testable import Eligo

/// The many-bytes-at-a-time scans must agree with a byte-by-byte reading at every length
/// and alignment, or rows of a spreadsheet would be cut inside a quoted cell.
@Suite("byte scans agree with reading byte by byte") struct ByteScanTests {
    /// One byte that needs attention (or one that does not, at the edges of the ranges) at each
    /// position of a plain text of every length up to three chunks of sixteen: `scan` must say
    /// what `expected` says of that byte.
    static func agreesAtEveryPosition(
        _ scan: (UnsafeBufferPointer<UInt8>) -> Bool, bytes probes: [UInt8], expected: (UInt8) -> Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let plain: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        for length in 0...50 {
            let text = Array(plain.prefix(length))
            text.withUnsafeBufferPointer { #expect(!scan($0), sourceLocation: sourceLocation) }
            for position in 0..<length {
                for byte in probes {
                    var bytes = text
                    bytes[position] = byte
                    bytes.withUnsafeBufferPointer {
                        #expect(scan($0) == expected(byte), "byte \(byte) at \(position) of \(length)", sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }

    @Test func csvQuoteTestAtEveryLengthAndPosition() {
        Self.agreesAtEveryPosition(
            ByteScan.needsCSVQuotes, bytes: [0x09, 0x0A, 0x0D, 0x20, 0x22, 0x27, 0x2C, 0x3B, 0x80, 0xE2, 0xFF],
            expected: { $0 == 0x0A || $0 == 0x0D || $0 == 0x22 || $0 == 0x2C })
    }

    @Test func jsonEscapeTestAtEveryLengthAndPosition() {
        Self.agreesAtEveryPosition(
            ByteScan.needsJSONEscape, bytes: [0x00, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x5C, 0x5D, 0x7F, 0x80, 0xC3, 0xFF],
            expected: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C })
    }

    @Test func quoteParityAtEveryLengthAndOffset() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [34, 34, 44, 97, 10, 0xE2, 255]
        for length in 0...80 {
            for _ in 0..<20 {
                let bytes = (0..<(length + 3)).map { _ in alphabet.randomElement(using: &generator)! }
                bytes.withUnsafeBufferPointer { buf in
                    for offset in 0...3 where offset <= buf.count - length {
                        let r = offset..<(offset + length)
                        let expected = buf[r].filter { $0 == 34 }.count % 2 == 1
                        #expect(ByteScan.oddQuotes(buf, r) == expected, "length \(length) at \(offset)")
                    }
                }
            }
        }
        // Long runs of quotes, chunk after chunk, whole or cut at the start.
        let many = [UInt8](repeating: 34, count: 16 * 300 + 1)
        many.withUnsafeBufferPointer { #expect(ByteScan.oddQuotes($0, 0..<$0.count)) }
        many.withUnsafeBufferPointer { #expect(!ByteScan.oddQuotes($0, 1..<$0.count)) }
    }

    /// The UTF-8 check screening makes of every record finds the first ill-formed byte that
    /// Swift's own decoder finds, at every length and alignment (ASCII runs are passed eight
    /// bytes at a time), and says nothing of well-formed text.
    @Test func firstInvalidUTF8AgreesWithTheStandardDecoder() {
        var generator = SystemRandomNumberGenerator()
        // ASCII, pieces of 'é', '€' and '😀', a Latin-1 'é', a lone continuation byte, an overlong '/',
        // a surrogate's lead: well-formed and ill-formed sequences next to each other.
        let pieces: [[UInt8]] = [
            [97], [98], [44], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80],
            [0xC3], [0xE9], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]
        ]
        for length in 0...40 {
            for _ in 0..<40 {
                var bytes: [UInt8] = []
                // Mostly ASCII, as records are, so the eight-byte steps are taken.
                for _ in 0..<length { bytes += Int.random(in: 0..<4, using: &generator) > 0 ? [97] : pieces.randomElement(using: &generator)! }
                let expected: Int? = {
                    var decoder = UTF8()
                    var iterator = bytes.makeIterator()
                    var offset = 0
                    while true {
                        switch decoder.decode(&iterator) {
                        case .scalarValue(let v): offset += UTF8.width(v)
                        case .emptyInput: return nil
                        case .error: return offset
                        }
                    }
                }()
                bytes.withUnsafeBufferPointer { #expect(ByteScan.firstInvalidUTF8($0) == expected, "\(bytes)") }
            }
        }
        #expect(ByteScan.invalidUTF8Description(lead: 0xE9) == "an incomplete or malformed sequence starting with byte 0xE9")
        #expect(ByteScan.invalidUTF8Description(lead: 0x80) == "byte 0x80, which cannot start a character")
    }

    /// A quoted cell's inside, unquoted eight bytes at a time, is what reading it byte by byte
    /// gives (`""` made `"`, a lone quote kept) at every length, and nothing past it is touched.
    @Test func unquotingAgreesWithReadingByteByByte() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [34, 34, 34, 44, 97, 98, 123, 0xE2]
        for length in 0...70 {
            for _ in 0..<30 {
                let inner = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                var expected: [UInt8] = [], i = 0
                while i < inner.count {
                    expected.append(inner[i])
                    i += inner[i] == 34 && i + 1 < inner.count && inner[i + 1] == 34 ? 2 : 1
                }
                var out = [UInt8](repeating: 0xAA, count: length + 2)
                let n = inner.withUnsafeBufferPointer { inner in
                    out.withUnsafeMutableBufferPointer { CSVTable.unquote(inner, into: $0) }
                }
                #expect(Array(out[0..<n]) == expected, "\(inner)")
                #expect(out[length...].allSatisfy { $0 == 0xAA }, "wrote past the inside: \(inner)")
            }
        }
    }

    @Test func lineEndFindsTheNextLineFeedOrTheEnd() {
        let bytes = Array("ab\ncd\n\nef".utf8)
        bytes.withUnsafeBufferPointer { buf in
            #expect(ByteScan.lineEnd(buf, from: 0) == 2)
            #expect(ByteScan.lineEnd(buf, from: 3) == 5)
            #expect(ByteScan.lineEnd(buf, from: 6) == 6)
            #expect(ByteScan.lineEnd(buf, from: 7) == 9)
            #expect(ByteScan.lineEnd(buf, from: 9) == 9)
        }
    }

    /// Rows cut by the line-at-a-time scan are the rows a byte-by-byte reading finds,
    /// for quoted line breaks, doubled quotes and a quote left open at the end.
    @Test func completeRowsMatchAByteByByteReading() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [34, 44, 97, 10, 10, 13]
        for _ in 0..<400 {
            let bytes = (0..<Int.random(in: 0...120, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            bytes.withUnsafeBufferPointer { buf in
                for atEnd in [false, true] {
                    let rows = CSVTable.completeRows(buf, firstLine: 1, atEnd: atEnd)
                    let expected = Self.byteByByte(buf, atEnd: atEnd)
                    #expect(rows.rows.map({ $0.range }) == expected.map({ $0.range }), "\(Array(buf))")
                    #expect(rows.rows.map({ $0.line }) == expected.map({ $0.line }))
                    #expect(rows.rows.map({ $0.unclosedQuote }) == expected.map({ $0.unclosed }))
                }
            }
        }
    }

    /// A row's cells, split sixteen bytes at a time, are the cells a byte-by-byte reading finds,
    /// for rows of every length, with quotes anywhere; one array serves row after row.
    @Test func cellsMatchAByteByByteReading() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [34, 44, 44, 97, 98, 0xC3]
        var cells: [Range<Int>] = []
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...90, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            bytes.withUnsafeBufferPointer { buf in
                CSVTable.cells(ofRow: buf, into: &cells)
                var expected: [Range<Int>] = [], start = 0, quoted = false
                for (i, c) in buf.enumerated() {
                    if c == 34 { quoted.toggle() } else if c == 44 && !quoted { expected.append(start..<i); start = i + 1 }
                }
                expected.append(start..<buf.count)
                #expect(cells == expected, "\(Array(buf))")
            }
        }
    }

    /// The rows as the scan read them before it went a line at a time: one byte per step.
    static func byteByByte(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> [(range: Range<Int>, line: Int, unclosed: Bool)] {
        var out: [(range: Range<Int>, line: Int, unclosed: Bool)] = []
        var line = 1, rowLine = 1, start = 0, i = 0, quoted = false
        func finish(_ end: Int, unclosed: Bool = false) {
            var e = end
            if e > start && bytes[e - 1] == 13 { e -= 1 }
            if e > start { out.append((start..<e, rowLine, unclosed)) }
        }
        while true {
            while i < bytes.count {
                if bytes[i] == 34 {
                    quoted.toggle()
                } else if bytes[i] == 10 {
                    if !quoted { finish(i); start = i + 1; rowLine = line + 1 }
                    line += 1
                }
                i += 1
            }
            guard atEnd else { return out }
            guard quoted, let lineEnd = bytes[start...].firstIndex(of: 10) else { break }
            finish(lineEnd, unclosed: true)
            start = lineEnd + 1; rowLine += 1; line = rowLine; i = start; quoted = false
        }
        finish(bytes.count, unclosed: quoted)
        return out
    }
}
