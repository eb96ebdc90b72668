import Testing
@testable import Eligo

/// The byte-level shortcuts of the batch readers must read exactly what the general path reads.
@Suite("fast reading paths") struct FastReadingTests {
    /// Numerals of every shape the shortcut takes or refuses, plus a deterministic spread of random ones.
    static let numerals: [String] = {
        var out = [
            "0.31", "-0.18", "1.5", "-1.5", "0.1", "0.7", "123456789012.345", "999999999999999.9", "0.000000000000000000001",
            "1.", ".5", "-", "-.5", "1.2.3", "1e5", "1E-3", "+1.5", "007.25", "12345678901234567.5", "3.14159265358979",
            "0.1234567890123456789012", "-0.0", "5", "-17", ""
        ]
        var seed: UInt64 = 2014
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        for _ in 0..<3000 {
            let whole = next() % 1_000_000, places = Int(next() % 9) + 1
            var frac = String(next() % 1_000_000_000)
            frac = String(repeating: "0", count: max(0, places - frac.count)) + frac.prefix(places)
            out.append((next() % 2 == 0 ? "-" : "") + "\(whole).\(frac)")
        }
        return out
    }()

    @Test func simpleDecimalsReadExactlyAsDoubleDoes() {
        for text in Self.numerals {
            let fast = Array(text.utf8).withUnsafeBufferPointer { ScalarBytes.decimal($0) }
            if let fast {
                #expect(fast == Double(text), "\(text)")
                #expect(fast.sign == Double(text)?.sign, "\(text)")
            }
        }
        // It does take the everyday forms.
        #expect(Array("-0.18".utf8).withUnsafeBufferPointer { ScalarBytes.decimal($0) } == -0.18)
        #expect(Array("1e5".utf8).withUnsafeBufferPointer { ScalarBytes.decimal($0) } == nil)
    }

    @Test func wordScanFlagsTheFirstSpecialByteExactly() {
        // Every word of two special bytes (or one, or none) among ordinary ones, high bytes included.
        let specials: [UInt8] = [34, 92, 0, 9, 10, 31]
        let ordinary: [UInt8] = [97, 32, 0x7f, 0x80, 0xc3, 0xff]
        for first in 0...8 {
            for second in first...8 {
                for s1 in specials {
                    for o in ordinary {
                        var bytes = [UInt8](repeating: o, count: 8)
                        if first < 8 { bytes[first] = s1 }
                        if second < 8 && second != first { bytes[second] = 92 }
                        let word = UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
                        let flags = JSONRecordReader.specialBytes(word)
                        let expected = bytes.firstIndex { $0 == 34 || $0 == 92 || $0 < 32 }
                        #expect((flags == 0 ? nil : flags.trailingZeroBitCount / 8) == expected, "\(bytes)")
                    }
                }
            }
        }
    }

    @Test func longStringsWithEscapesReadWhole() throws {
        var lib = RuleLibrary()
        lib.add(files: [(path: "j.yaml", bytes: Array("schema: j\nfields:\n  id: string\n  s: string?\n".utf8))])
        let plan = ObjectPlan(try #require(lib.schemas["j"]).root)
        let text = #"{"id":"a-rather-long-identifier-0001","s":"twenty-four bytes then \"quoted\" and a tab\there"}"#
        let bytes = Array(text.utf8)
        let value = try bytes.withUnsafeBufferPointer { buf in
            var reader = JSONRecordReader(bytes: buf, line: 1, file: nil)
            return try reader.record(plan)
        }
        guard case .object(let o) = value else { Issue.record("not an object"); return }
        #expect(o.slots[0] == .string("a-rather-long-identifier-0001"))
        #expect(o.slots[1] == .string("twenty-four bytes then \"quoted\" and a tab\there"))
    }

    /// A JSON record's top-level slots and the paths of its issues.
    static func slotsAndIssues(_ text: String, _ plan: ObjectPlan) throws -> (slots: [Value], warnings: [String]) {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buf in
            var reader = JSONRecordReader(bytes: buf, line: 1, file: nil)
            guard case .object(let o) = try reader.record(plan) else { return ([], []) }
            return (o.slots, reader.issues.map({ $0.path }))
        }
    }

    /// Keys are first matched as the field at their position; every other spelling must still find its field.
    @Test func keysOutOfOrderEscapedOrNearMissesFindTheirFields() throws {
        var lib = RuleLibrary()
        lib.add(files: [(path: "j.yaml", bytes: Array("schema: j\nfields:\n  id: string\n  role: string?\n  roles: int?\n  n: int?\n".utf8))])
        let plan = ObjectPlan(try #require(lib.schemas["j"]).root)
        func read(_ text: String) throws -> (slots: [Value], warnings: [String]) { try Self.slotsAndIssues(text, plan) }
        let expected: [Value] = [.string("a"), .string("head"), .int(3), .int(7)]
        #expect(try read(#"{"id":"a","role":"head","roles":3,"n":7}"#).slots == expected)
        #expect(try read(#"{"n":7,"roles":3,"role":"head","id":"a"}"#).slots == expected)
        #expect(try read(#"{ "id" : "a" , "r\u006fle":"head","roles" :3,"n":7}"#).slots == expected)
        // "roles" where "role" is expected, and "rol" (a prefix of it), are not taken for "role".
        #expect(try read(#"{"id":"a","roles":3,"n":7,"role":"head"}"#).slots == expected)
        let nearMiss = try read(#"{"id":"a","rol":"head","n":7}"#)
        #expect(nearMiss.slots == [.string("a"), .null, .null, .int(7)])
        #expect(nearMiss.warnings == ["rol"])
    }

    /// The key expected at each position is matched by whole words when its quoted name fits in 16
    /// bytes: names of every length, matched exactly, and a name changed in its last byte is not taken.
    @Test func keysOfEveryLengthMatchOnlyThemselves() throws {
        let names = (1...20).map { n in String((0..<n).map { Character(Unicode.Scalar(UInt8(97 + $0 % 26))) }) }
        var lib = RuleLibrary()
        lib.add(files: [(path: "k.yaml", bytes: Array(("schema: k\nfields:\n" + names.map { "  \($0): int?\n" }.joined()).utf8))])
        let plan = ObjectPlan(try #require(lib.schemas["k"]).root)
        func read(_ text: String) throws -> (slots: [Value], warnings: [String]) { try Self.slotsAndIssues(text, plan) }
        let all = try read("{" + names.enumerated().map { "\"\($1)\":\($0)" }.joined(separator: ",") + "}")
        #expect(all.slots == names.indices.map { .int($0) })
        #expect(all.warnings.isEmpty)
        for (i, name) in names.enumerated() {
            // The names before it in order, then at its own position the same name with its last
            // letter changed, then the real one.
            let changed = String(name.dropLast()) + "z"
            let before = names[..<i].map { "\"\($0)\":0," }.joined()
            let text = "{" + before + "\"\(changed)\":1,\"\(name)\":2" + String(repeating: " ", count: 20) + "}"
            let r = try read(text)
            #expect(r.slots[i] == .int(2), "\(name)")
            #expect(r.warnings == [changed], "\(name)")
        }
    }

    /// A list is read into the list read last time in its place, overwriting, adding and dropping items:
    /// every length, after a longer or a shorter one, must come out whole and in order.
    @Test func listsOfEveryShortLengthKeepTheirItems() throws {
        var lib = RuleLibrary()
        lib.add(files: [(path: "j.yaml", bytes: Array("schema: j\nfields:\n  id: string\n  ns: list<int>\n".utf8))])
        let plan = ObjectPlan(try #require(lib.schemas["j"]).root)
        var room = Value.null
        for n in Array(0...9) + Array((0...8).reversed()) + [3, 7, 0, 5] {
            let items = (0..<n).map { $0 * 7 + n }
            let text = #"{"id":"x","ns":[\#(items.map(String.init).joined(separator: ", "))]}"#
            #expect(try Self.slotsAndIssues(text, plan).slots[1] == .list(items.map { .int($0) }), "\(n) items")
            try Array(text.utf8).withUnsafeBufferPointer { buf in
                var reader = JSONRecordReader(bytes: buf, line: 1, file: nil)
                try reader.record(plan, into: &room)
            }
            guard case .object(let o) = room else { Issue.record("not an object"); return }
            #expect(o.slots[1] == .list(items.map { .int($0) }), "\(n) items read into the last record")
        }
    }

    /// Batch workers read each record into the one read before it, reusing its storage: whatever came
    /// before, the record and its problems must be exactly those of reading it afresh.
    @Test func readingIntoTheLastRecordGivesWhatReadingAfreshGives() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("Benchmarks/screening/rules"))
        let plan = ObjectPlan(try #require(library.schemas["bench-applicant"]).root)
        let school =
            #""school":{"urn":"100001","phase":"primary","ofsted":{"overall":1,"leadership":2,"inspection_date":"2012-03-08"},"above_floor":true,"progress":0.5}"#
        let lines = [
            #"{"id":"A-1","name":"Jo","role":"headteacher","headship_start":"2007-08-12","application_date":"2014-10-23",\#(school),"#
                + #""governing_body_support":true,"support_experience":[{"school_urn":"1","kind":"finance","days":13,"outcome":"improved"},"#
                + #"{"days":2,"outcome":"declined"},{"days":9,"outcome":"improved"}],"time_commitment_days":22,"designations":["NLE","LLE"],"association":{"tsa":"T","since":"2013-01-02"}}"#,
            #"{"id":"A-2","role":"executive_headteacher","headship_start":"2014-06-25","application_date":"2014-09-22","school":null,"#
                + #""support_experience":[],"time_commitment_days":37,"designations":[],"association":null}"#,
            #"{"id":"A-3","role":"principal","application_date":"2014-11-27","headship_start":"2007-05-12","school":{"urn":"2","ofsted":{"overall":3}},"#
                + #""support_experience":[{"days":"many","outcome":"improved"}],"time_commitment_days":25,"designations":["LLE"],"extra":{"a":[1,2]}}"#,
            #"{"id":"A-4","name":"Sam","role":"headteacher","headship_start":"2001-01-01","application_date":"2014-11-01",\#(school),"#
                + #""support_experience":[{"days":5,"outcome":"improved"}],"time_commitment_days":10,"designations":null,"association":{"since":"2010-02-03"},"id":"A-4b"}"#,
            #"{"id":"A-5"}"#
        ]
        func read(_ text: String, into room: inout Value) throws -> [String] {
            try Array(text.utf8).withUnsafeBufferPointer { buf in
                var reader = JSONRecordReader(bytes: buf, line: 1, file: nil)
                try reader.record(plan, into: &room)
                return reader.issues.map { "\($0.id) \($0.path) \($0.message)" }
            }
        }
        for before in lines {
            for line in lines {
                var fresh = Value.null, room = Value.null
                let freshIssues = try read(line, into: &fresh)
                _ = try read(before, into: &room)
                let issues = try read(line, into: &room)
                #expect(room == fresh, "\(line) after \(before)")
                #expect(issues == freshIssues, "\(line) after \(before)")
            }
        }
        // The storage is reused: a record made with room to spare, read into, keeps that room
        // (a record made afresh has exactly its slots), and so does its list of support.
        var slots = Value.nulls(plan.fields.count)
        slots.reserveCapacity(100)
        var items = [Value.null]
        items.reserveCapacity(50)
        slots[plan.type.slot(of: "support_experience")!] = .list(items)
        var room = Value.object(ObjectValue(slots: slots))
        slots = []
        items = []
        _ = try read(lines[3], into: &room)
        guard case .object(let o) = room, case .list(let support) = o.slots[plan.type.slot(of: "support_experience")!] else {
            Issue.record("not a record with support"); return
        }
        #expect(o.slots.capacity >= 100 && support.capacity >= 50 && support.count == 1)
    }

    /// A CSV reader, with these columns, for records of `kind`, the type `schema` declares.
    static func csvReader(schema: String, kind: String, header: [String]) throws -> CSVRecordReader {
        var lib = RuleLibrary()
        lib.add(files: [(path: "\(kind).yaml", bytes: Array(schema.utf8))])
        return CSVRecordReader(header: header, root: ObjectPlan(try #require(lib.schemas[kind]).root), file: "in.csv")
    }

    /// Cells of plain fields are typed from their bytes without their column's details; cells with a
    /// range to check, a kind of their own, quotes or a list index still go the general way.
    @Test func csvPlainCellsAndTheRestAgree() throws {
        let schema = """
            schema: c
            fields:
              id: string
              n: {type: int?, max: 5}
              role: {type: enum?, values: [head, deputy]}
              sub: {type: object?, fields: {when: date?, ok: bool?, x: decimal?}}
              tags: list<string>?
            """
        let reader = try Self.csvReader(schema: schema, kind: "c", header: ["id", "n", "role", "sub.when", "sub.ok", "sub.x", "tags.1"])
        func read(_ row: String) -> (value: Value, id: String?, issues: [String]) {
            let r = reader.read(row, line: 3)
            return (r.value, r.id, r.issues.map { "\($0.id) \($0.path) col \($0.column ?? 0)" })
        }
        let good = read(#"A-1,4,deputy,2014-03-01,true,"2.5",x"#)
        #expect(good.id == "A-1")
        #expect(good.issues.isEmpty)
        guard case .object(let o) = good.value, case .object(let sub) = o.slots[3] else { Issue.record("not a record"); return }
        #expect(o.slots[0] == .string("A-1") && o.slots[1] == .int(4) && o.slots[2] == .string("deputy"))
        #expect(sub.slots == [.date(Day(year: 2014, month: 3, day: 1)!), .bool(true), .decimal(2.5)])
        // A list index in the path: the item is put at its place after the mappings are made.
        #expect(o.slots[4] == .list([.null, .string("x")]))
        // Above the maximum, not one of the values, not a date: each an error naming its column.
        let bad = read("A-2,9,boss,2014-02-30,true,1,")
        #expect(bad.issues == ["record.out-of-range n col 2", "record.bad-value role col 3", "record.bad-value sub.when col 4"])
        #expect(bad.id == "A-2")
    }

    /// A spreadsheet cannot tell "none" from "not given" for a list: an empty cell is the empty
    /// list when the record must have the list, and absent when the list is optional.
    @Test func anEmptyCellIsTheEmptyListOnlyForARequiredList() throws {
        let schema = """
            schema: e
            fields:
              id: string
              needed: list<string>
              extra: list<string>?
            """
        let reader = try Self.csvReader(schema: schema, kind: "e", header: ["id", "needed", "extra"])
        let (value, _, issues) = reader.read("A-1,,")
        #expect(issues.isEmpty, "\(issues.map({ $0.message }))")
        guard case .object(let o) = value else { Issue.record("not a record"); return }
        #expect(o.slots[1] == .list([]))
        #expect(o.slots[2] == .null)
    }

    /// A row is taken as complete without a walk only when it surely is. A required field no
    /// column writes is reported on every row; one whose cell is empty is a blank still to be
    /// given, as `name:` is in YAML and `null` in JSON: no error, and the value is absent.
    @Test func csvRowsWithGapsStillReportWhatIsMissing() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("Benchmarks/screening/rules"))
        let plan = ObjectPlan(try #require(library.schemas["bench-applicant"]).root)
        let header = ScreenTests.csvHeader.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func missing(_ row: String, renaming: (String) -> String = { $0 }) -> [String] {
            CSVRecordReader(header: header.map(renaming), root: plan, file: "in.csv").read(row).issues
                .filter { $0.id == "record.missing-field" }.map({ $0.path })
        }
        let full = ScreenTests.csvRow(7)
        #expect(missing(full).isEmpty)
        // Blanks: a nested required cell (school.ofsted.overall), a required top-level one, every school cell at once.
        #expect(missing(full.replacingOccurrences(of: ",primary,4,1,", with: ",primary,,1,")).isEmpty)
        #expect(missing(full.replacingOccurrences(of: ",headteacher,", with: ",,")).isEmpty)
        #expect(missing(full.replacingOccurrences(of: ",123456,primary,4,1,2012-03-08,true,0.31,", with: ",,,,,,,,")).isEmpty)
        // Not written: the same fields when the header has no column for them.
        #expect(missing(full) { $0 == "school.ofsted.overall" ? "school.ofsted.overal" : $0 } == ["school.ofsted.overall"])
        #expect(missing(full) { $0 == "role" ? "rol" : $0 } == ["role"])
        #expect(missing(full) { $0.hasPrefix("school.") ? "x" + $0 : $0 } == ["school"])
        let blank = CSVRecordReader(header: header, root: plan, file: "in.csv").read(full.replacingOccurrences(of: ",headteacher,", with: ",,"))
        guard case .object(let o) = blank.value else { Issue.record("not a record"); return }
        #expect(o.slots[try #require(plan.type.slot(of: "role"))] == .null)
    }

    /// Batch workers read each CSV row into the record of the row before, its mappings taken apart
    /// and written over: whatever row came before, the record and its problems must be exactly
    /// those of reading the row afresh. Rows from the shipped examples (list-indexed columns,
    /// mappings left empty) and benchmark rows with cells taken out, bad or added.
    @Test func csvRowsReadIntoTheLastRecordGiveWhatReadingAfreshGives() throws {
        let examples = try #require(FileSystem.read(TestRepo.path("examples/applicants/applicants.csv")))
        let bench =
            ScreenTests.csvHeader + "\n"
            + [
                ScreenTests.csvRow(1),
                ScreenTests.csvRow(2).replacingOccurrences(of: ",TSA-1,2013-05-01", with: ",,"),
                ScreenTests.csvRow(3).replacingOccurrences(of: ",123456,primary,4,1,2012-03-08,true,0.31,", with: ",,,,,,,,"),
                ScreenTests.csvRow(4).replacingOccurrences(of: ",primary,1,1,", with: ",primary,one,,"),
                ScreenTests.csvRow(5).replacingOccurrences(of: ",headteacher,", with: ",,") + ",extra",
                "APP-6",
                ScreenTests.csvRow(7).replacingOccurrences(of: #"}]","#, with: #"},{""days"":2,""outcome"":""declined""},{""days"":""x""}]","#),
                ScreenTests.csvRow(8).replacingOccurrences(of: "[{", with: "[{{"),
                ScreenTests.csvRow(9).replacingOccurrences(of: #""[{"#, with: #""[{""days"":1},{"#)
            ].joined(separator: "\n")
        for (rules, text, kind) in [("rules", examples, "lle-application"), ("Benchmarks/screening/rules", Array(bench.utf8), "bench-applicant")] {
            let library = RuleLibrary.load(directory: TestRepo.path(rules))
            let plan = ObjectPlan(try #require(library.schemas[kind]).root)
            text.withUnsafeBufferPointer { buf in
                let rows = CSVTable.rows(buf)
                let header = rows[0].cells.map { CSVTable.text(buf, $0) }
                let reader = CSVRecordReader(header: header, root: plan, file: "in.csv")
                #expect(rows.count > 5)
                func fresh(_ row: CSVTable.Row) -> (Value, [String]) {
                    let r = reader.record(buf, row)
                    return (r.value, r.issues.map { "\($0.id) \($0.path) \($0.column ?? 0) \($0.message)" })
                }
                for before in rows.dropFirst() {
                    let room = CSVRecordReader.Room(reader)
                    var record = Value.null
                    _ = reader.record(buf, before, into: &record, room: room)
                    for row in rows.dropFirst() {
                        let issues = reader.record(buf, row, into: &record, room: room).issues.map {
                            "\($0.id) \($0.path) \($0.column ?? 0) \($0.message)"
                        }
                        let (expected, expectedIssues) = fresh(row)
                        #expect(record == expected, "line \(row.line) after line \(before.line) of \(rules)")
                        #expect(issues == expectedIssues, "line \(row.line) after line \(before.line) of \(rules)")
                    }
                }
            }
        }
    }

    /// JSON text in a cell is read from its column's field, not from the record's root: its problems' paths start at the column,
    /// written as reports write paths (`[1]`), and the walk for missing fields does not report them again.
    @Test func problemsInsideAJSONCellNameTheirPathFromTheColumn() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("Benchmarks/screening/rules"))
        let plan = ObjectPlan(try #require(library.schemas["bench-applicant"]).root)
        let reader = CSVRecordReader(header: ["id", "support_experience"], root: plan, file: "in.csv")
        let row = #"A-1,"[{""days"":1,""outcome"":""a""},{""days"":""many"",""outcome"":""b""},{""kind"":""x""}]""#
        let paths = reader.read(row).issues.filter { $0.severity == .error }.map({ $0.path })
        #expect(
            paths.filter { $0.hasPrefix("support_experience") }.sorted()
                == ["support_experience[1].days", "support_experience[2].days", "support_experience[2].outcome"])
        // A column with a list index in its name writes the same path; the column keeps its own name.
        let indexed = CSVRecordReader(header: ["id", "support_experience.0.days", "support_experience.1.days"], root: plan, file: "in.csv")
        let issues = indexed.read("A-1,many,3").issues.filter { $0.path.hasPrefix("support_experience") }
        #expect(issues.map({ $0.path }).sorted() == ["support_experience[0].days", "support_experience[1].outcome"])
        #expect(issues.first { $0.path == "support_experience[0].days" }?.columnName == "support_experience.0.days")
    }
    /// Text is made in place; bytes that are not UTF-8 must still be repaired as `String(decoding:)` repairs them.
    @Test func invalidUTF8InTextIsRepairedAsBefore() throws {
        var lib = RuleLibrary()
        lib.add(files: [(path: "j.yaml", bytes: Array("schema: j\nfields:\n  id: string\n  s: string?\n".utf8))])
        let plan = ObjectPlan(try #require(lib.schemas["j"]).root)
        let texts: [[UInt8]] = [
            [0x61, 0xFF, 0x62], [0xC3], [0x63, 0x61, 0x66, 0xC3, 0xA9], [0xE2, 0x82], Array("a plain text over fifteen bytes".utf8),
            [0xF0, 0x9F, 0x98, 0x80, 0xED, 0xA0, 0x80]
        ]
        for t in texts {
            let bytes = Array(#"{"id":"x","s":""#.utf8) + t + Array(#""}"#.utf8)
            let value = try bytes.withUnsafeBufferPointer { buf in
                var reader = JSONRecordReader(bytes: buf, line: 1, file: nil)
                return try reader.record(plan)
            }
            guard case .object(let o) = value else { Issue.record("not an object"); return }
            #expect(o.slots[1] == .string(String(decoding: t, as: UTF8.self)), "\(t)")
        }
    }

    /// Where a problem is, through mappings and list items, is kept on the machine stack while reading; it must still name the path.
    @Test func problemsDeepInARecordNameTheirPath() throws {
        let library = RuleLibrary.load(directory: TestRepo.path("Benchmarks/screening/rules"))
        let plan = ObjectPlan(try #require(library.schemas["bench-applicant"]).root)
        let text =
            #"{"id":"x","school":{"ofsted":{"overall":"one","leadership":1,"inspection_date":"2012-03-08"}},"#
            + #""support_experience":[{"days":1,"outcome":"a"},{"days":"many","outcome":"b"},{"outcome":"c"}]}"#
        let issues = try Array(text.utf8).withUnsafeBufferPointer { buf in
            var reader = JSONRecordReader(bytes: buf, line: 1, file: nil)
            _ = try reader.record(plan)
            return reader.issues
        }
        let paths = issues.filter { $0.severity == .error }.map({ $0.path })
        #expect(paths.contains("school.ofsted.overall"))
        #expect(paths.contains("support_experience[1].days"))
        #expect(paths.contains("support_experience[2].days"))
        #expect(paths.contains("role"))
        // Nesting past the limit is an error, not a crash, however deep the text goes.
        let deep = #"{"id":"x","support_experience":["# + String(repeating: "[", count: 10_000)
        #expect(throws: JSONRecordReader.SyntaxError.self) {
            try Array(deep.utf8).withUnsafeBufferPointer { buf in
                var reader = JSONRecordReader(bytes: buf, line: 1, file: nil)
                _ = try reader.record(plan)
            }
        }
    }

    @Test func plainCellsTypeAsScalarTypingDoes() throws {
        var lib = RuleLibrary()
        lib.add(files: [(path: "c.yaml", bytes: Array("schema: c\nfields:\n  i: int?\n  x: decimal?\n  d: date?\n  b: bool?\n  s: string?\n".utf8))])
        let plan = ObjectPlan(try #require(lib.schemas["c"]).root)
        let cells =
            [
                "0", "-0", "42", "-17", "007", "+5", "-", "1.5", "-0.18", "1e3", "2014-11-03", "2014-02-30", "2014-1-03",
                "true", "false", "TRUE", "yes", "no", "x", " 5", "123456789012345678", "1234567890123456789"
            ] + Self.numerals.prefix(200)
        for (slot, field) in plan.fields.enumerated() {
            for cell in cells where !cell.isEmpty {
                let bytes = Array(cell.utf8)
                let fast = bytes.withUnsafeBufferPointer { ScalarBytes.plain($0, as: field.kind) }
                guard let fast else { continue }
                let general = try ScalarTyping.value(cell, as: plan.type.fields[slot].type).get()
                #expect(fast == general, "\(cell) as \(field.type)")
                if case .decimal(let a) = fast, case .decimal(let b) = general { #expect(a.sign == b.sign, "\(cell)") }
            }
        }
        // The everyday flags are taken by the shortcut; near misses are left to the general path.
        func flag(_ text: String) -> Value? { Array(text.utf8).withUnsafeBufferPointer { ScalarBytes.plain($0, as: .bool) } }
        #expect(flag("true") == .bool(true))
        #expect(flag("false") == .bool(false))
        #expect(flag("truE") == nil && flag("fals") == nil && flag("falsey") == nil)
    }

    /// Rows are found by one scan and split into cells row by row; these are the awkward cases.
    @Test func rowsOfAwkwardText() {
        func rows(_ text: String) -> [([String], Int)] {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { buf in CSVTable.rows(buf, firstLine: 3).map { ($0.cells.map { CSVTable.text(buf, $0) }, $0.line) }
            }
        }
        let expected: [(String, [([String], Int)])] = [
            (
                "h1,h2\r\na,\"b\nc\"\n\n\"x\"\"y\",z\r\n\r\nlast,row",
                [(["h1", "h2"], 3), (["a", "b\nc"], 4), (["x\"y", "z"], 7), (["last", "row"], 9)]
            ),
            ("a\n", [(["a"], 3)]),
            ("\n\n", []),
            ("\"q,\"\"\n\"\n,", [(["q,\"\n"], 3), (["", ""], 5)]),
            ("one", [(["one"], 3)])
        ]
        for (text, want) in expected {
            let got = rows(text)
            #expect(got.map({ $0.0 }) == want.map({ $0.0 }), "\(text)")
            #expect(got.map({ $0.1 }) == want.map({ $0.1 }), "\(text)")
        }
    }

    /// A quote the file never closes ends its row at the row's own line break; the rows after it are still rows.
    @Test func anUnclosedQuoteDoesNotSwallowTheRest() {
        let bytes = Array("id,name\n\"A1,Jo\nA2,Al\nA3,\"Kim\"\n".utf8)
        let found = bytes.withUnsafeBufferPointer { CSVTable.completeRows($0, firstLine: 1, atEnd: true) }
        #expect(found.rows.map({ $0.line }) == [1, 2, 3, 4])
        #expect(found.rows.map({ $0.unclosedQuote }) == [false, true, false, false])
        #expect(found.end == bytes.count)
        // Until the stream ends, the block is cut before the open quote, to be read again with more text.
        let partial = bytes.withUnsafeBufferPointer { CSVTable.completeRows($0, firstLine: 1, atEnd: false) }
        #expect(partial.rows.count == 1)
        #expect(partial.end == 8)
    }
}

extension CSVRecordReader {
    /// One row, read afresh as line `line` of its file.
    func read(_ row: String, line: Int = 2) -> (value: Value, id: String?, issues: [RecordIssue]) {
        Array(row.utf8).withUnsafeBufferPointer { buf in
            var cells: [Range<Int>] = []
            CSVTable.cells(ofRow: buf, into: &cells)
            return record(buf, CSVTable.Row(cells: cells, line: line))
        }
    }
}
