import Testing
@testable import Eligo

/// A list index in a CSV column name becomes a list's length, so the header cannot choose it
/// freely: past `CSVRecordReader.maxListItems` the column is refused (and said so) before any row
/// is read, instead of reserving gigabytes (`schools.100000000000.urn` once aborted on 6.5 GB).
@Suite("Hostile: list indexes in CSV column names")
struct CSVIndexCapTests {
    @Test func hugeIndexesAreRefusedByName() throws {
        let csv =
            "kind,id,applicant.name,schools.100000000000.urn,schools.1000000.urn,schools.9999.urn\n"
            + "lle-application,X1,A,1,2,3\nlle-application,X2,B,1,2,3\n"
        let r = try CLI.run(["screen", "--input-format", "csv", "--format", "jsonl", "--detail", "outcomes", "-"], stdin: csv)
        #expect(r.status == 65)  // the records lack required fields; what matters is that both are there
        #expect(r.stdout.split(separator: "\n").count == 2)
        #expect(r.stderr.contains("2 records in, 2 results out (nothing lost)"))
        #expect(r.stderr.contains("column 'schools.100000000000.urn' names list item 100000000000, past the 10,000 a CSV row can fill"))
        #expect(r.stderr.contains("column 'schools.1000000.urn' names list item 1000000"))
        #expect(!r.stderr.contains("'schools.9999.urn' names"))
    }

    @Test func theLimitIsTheLastIndexAllowed() {
        #expect(CSVRecordReader.outOfRangeIndex("schools.9999.urn") == nil)
        #expect(CSVRecordReader.outOfRangeIndex("schools.10000.urn") == "10000")
        #expect(CSVRecordReader.outOfRangeIndex("schools.99999999999999999999999.urn") == "99999999999999999999999")
        #expect(CSVRecordReader.outOfRangeIndex("applicant.name") == nil)
    }
}
