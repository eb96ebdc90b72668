import Foundation
import Testing
@testable import Eligo

/// The JSON writer keeps each open level's comma flag as a bit (spilling past 64 levels), and
/// writes through a plain pointer: the text must be the JSON of what was written, at any depth.
@Suite("JSON writer")
struct JSONWriterTests {
    /// Arrays nested `depth` deep, with a member before and after each inner level, written by
    /// the writer and spelled out by hand.
    static func nested(_ depth: Int) -> (written: String, expected: String) {
        var w = JSONWriter(reservingCapacity: 8)
        for i in 0..<depth {
            w.beginArray()
            w.int(i)
        }
        for i in (0..<depth).reversed() {
            w.string("after \(i)")
            w.endArray()
        }
        func level(_ i: Int) -> String {
            i == depth ? "" : "[\(i)," + (i + 1 < depth ? level(i + 1) + "," : "") + "\"after \(i)\"]"
        }
        return (w.output, level(0))
    }

    @Test(arguments: [1, 2, 63, 64, 65, 130, 300])
    func nestedLevelsKeepTheirCommas(depth: Int) throws {
        let (written, expected) = Self.nested(depth)
        #expect(written == expected)
        #expect(try JSONSerialization.jsonObject(with: Data(written.utf8), options: [.fragmentsAllowed]) is [Any])
    }

    @Test("every kind of member, escaped and separated")
    func members() throws {
        var w = JSONWriter()
        w.beginObject()
        w.field("text", "a \"quoted\" \\ line\nand\ttab \u{1} é")
        w.field("none", nil)
        w.key("n")
        w.int(-42)
        w.key("big")
        w.int(Int.max)
        w.key("zero")
        w.int(0)
        w.key("x")
        w.number(2.5)
        w.key("yes")
        w.bool(true)
        w.emptyArray("empty")
        w.key(text: "run-time \"key\"")
        w.beginArray()
        w.pathAndValue("a.b[0]", .date(day("2014-11-03")))
        w.pathAndValue("c", .list([.int(1), .string("two"), .null]))
        w.endArray()
        w.key("lead")
        w.beginObject(encodedLead: Array("{\"id\":\"R\",\"subject\":".utf8), endingInKey: true)
        w.string("S")
        w.field("after", "lead")
        w.endObject()
        w.key("last")
        w.null()
        w.endObject()
        let expected =
            #"{"text":"a \"quoted\" \\ line\nand\ttab \u0001 é","none":null,"n":-42,"big":9223372036854775807,"zero":0,"x":2.5,"yes":true,"empty":[],"#
            + #""run-time \"key\"":[{"path":"a.b[0]","value":"2014-11-03"},{"path":"c","value":[1,"two",null]}],"#
            + #""lead":{"id":"R","subject":"S","after":"lead"},"last":null}"#
        #expect(w.output == expected)
        #expect(w.bytes == Array(expected.utf8))
        #expect(try JSONSerialization.jsonObject(with: Data(w.bytes)) is [String: Any])
    }

    @Test("dates are written in place as their ISO form, from the first day of the calendar to the last")
    func datesInPlace() throws {
        let first = try #require(Day(year: 1, month: 1, day: 1)), last = try #require(Day(year: 9999, month: 12, day: 31))
        var days = [first, last]
        for ordinal in stride(from: first.ordinal, through: last.ordinal, by: 9_973) { days.append(Day(ordinal: ordinal)) }
        var w = JSONWriter(reservingCapacity: 8)
        w.beginArray()
        for d in days { w.value(.date(d)) }
        w.endArray()
        #expect(w.output == "[" + days.map { "\"\($0.description)\"" }.joined(separator: ",") + "]")
        #expect(w.output.hasPrefix(#"["0001-01-01","9999-12-31","#))
    }

    @Test("a writer appending to a worker's line adds to what is there")
    func appendsToALine() {
        let line = LineBytes(capacity: 4)
        line.raw("before ")
        var w = JSONWriter(appendingTo: line)
        w.beginArray()
        w.string("x")
        w.endArray()
        #expect(String(decoding: Array(line.bytes), as: UTF8.self) == #"before ["x"]"#)
    }
}
