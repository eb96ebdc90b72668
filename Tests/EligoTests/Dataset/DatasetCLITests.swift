import Foundation
import Testing

/// `eligo check` on a dataset file and on a folder of CSV files.
@Suite("eligo check on datasets") struct DatasetCLITests {
    @Test func aDatasetFileWithBreachesExitsOne() throws {
        let r = try CLI.run(["check", "examples/datasets/kyra.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("Dataset examples/datasets/kyra.yaml\n"))
        #expect(r.stdout.contains("\nDeployments\n"))
        #expect(r.stdout.contains("\nSummary\n43 records checked: 30 compliant, 11 breach and 2 incomplete.\n"))
        #expect(r.stderr.isEmpty)
    }

    @Test func aCSVFolderGivesTheSameJSONAsTheYAML() throws {
        let yaml = try CLI.run(["check", "--format", "json", "examples/datasets/kyra.yaml"])
        let csv = try CLI.run(["check", "--format", "json", "examples/datasets/kyra-csv"])
        #expect(yaml.status == 1 && csv.status == 1)
        let a = try #require(try JSONSerialization.jsonObject(with: Data(yaml.stdout.utf8)) as? [[String: Any]])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(csv.stdout.utf8)) as? [[String: Any]])
        #expect(a.count == 43 && b.count == 43)
        func strip(_ o: [String: Any]) -> String {
            var o = o
            var record = o["record"] as! [String: Any]
            record["source"] = nil
            o["record"] = record
            let data = try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        #expect(a.map(strip) == b.map(strip))
        #expect((b[0]["record"] as? [String: Any])?["source"] as? String == "examples/datasets/kyra-csv/tsas.csv:2")
    }

    @Test func anyNumberOfThreadsWritesTheSameBytes() throws {
        let dir = try ParallelDatasetTests.enlargedExample(copies: 25)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for format in ["text", "jsonl"] {
            let one = try CLI.run(["check", "--jobs", "1", "--format", format, dir])
            let two = try CLI.run(["check", "--jobs", "2", "--format", format, dir])
            #expect(one.status == 1 && two.status == 1)
            #expect(one.stdout.utf8.count > 100_000)
            #expect(two.stdout == one.stdout)
            #expect(two.stderr == one.stderr)
        }
        let zero = try CLI.run(["check", "--jobs", "0", dir])
        #expect(zero.status == 64)
        #expect(zero.stderr.contains("--jobs must be between 1 and 256"))
    }

    @Test func jsonLinesHasOneObjectPerRecord() throws {
        let r = try CLI.run(["check", "--format", "jsonl", "examples/datasets/kyra-csv/"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 43)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"record\":{") })
    }

    @Test func aBadCellExits65AndNamesRowAndColumn() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = TestRepo.path("examples/datasets/kyra-csv")
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: dir + "/" + name)
        }
        let lles = try String(contentsOfFile: dir + "/lles.csv", encoding: .utf8)
        try lles.replacingOccurrences(of: "2015-03-02", with: "2015-02-30").write(toFile: dir + "/lles.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", "--format", "jsonl", dir])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(dir)/lles.csv:7:4: column 'designated_on': lles[5].designated_on: '2015-02-30' is not a real calendar date"))
        #expect(r.stdout.split(separator: "\n").count == 43)
    }

    @Test func aFolderWithoutDatasetFilesIsInvalid() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["check", dir])
        #expect(r.status == 65)
        #expect(r.stderr.contains("no CSV file named after a collection of lle-dataset"))
    }

    @Test func applicationsStillCheckAsBefore() throws {
        let r = try CLI.run(["check", "examples/applicants/eligible-primary.yaml", "examples/applicants/a2-short-headship.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.hasSuffix("\n2 records: 1 eligible and 1 not eligible.\n"))
    }
}
