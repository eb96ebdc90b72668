import Testing
@testable import Eligo

/// A `;`-separated list cell is split and trimmed by bytes when it is ASCII; the items must be
/// those that splitting its Characters gives, numbered the same (an item of spaces keeps its place).
@Suite("CSV list cells")
struct CSVListCellTests {
    static func reference(_ cell: String) -> [String] { cell.split(separator: ";").map { $0.trimmingSpaces } }

    @Test func itemsAsCharactersGiveThem() {
        let fixed = ["", ";", ";;", "a", "a;b", " a ; b ", "a;;b", ";a;", "  ;  ; x", "one item with spaces", "x\r\n;y", "é; ü ", " \u{301}a; b"]
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "b", " ", ";", "1", "-"]
        let random = (0..<300).map { _ in
            String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        for cell in fixed + random {
            let bytes = Array(cell.utf8)
            let items = bytes.withUnsafeBufferPointer { CSVRecordReader.listItems($0) }
            #expect(items == Self.reference(cell), "\(cell.debugDescription)")
        }
    }
}
