import Foundation
import Testing
@testable import Eligo

/// Sources without end (`/dev/zero`; a FIFO kept open behaves the same) are cut off while they
/// are read, at a limit named in the message, and the other inputs of the batch still get their
/// results. Before, each of these read until memory ran out.
@Suite("Hostile: endless sources") struct EndlessSourceTests {
    @Test func fileSystemReadStopsOneBytePastItsLimit() {
        let bytes = FileSystem.read("/dev/zero", limit: 1000)
        #expect(bytes?.count == 1001)
        #expect(FileSystem.read("/dev/null", limit: 10)?.count == 0)
        #expect(FileSystem.read("/", limit: 10) == nil)
    }

    /// A scratch folder with the test rules, two one-record files and `zero.EXT` links to /dev/zero.
    static func batch() throws -> String {
        let dir = try Hostile.rulesFolder(Inline.rule("a"))
        try "id: y1\nkind: t\na: true\n".write(toFile: dir + "/one.yaml", atomically: true, encoding: .utf8)
        try "id: y2\nkind: t\na: false\n".write(toFile: dir + "/two.yaml", atomically: true, encoding: .utf8)
        try "{\"id\": \"j1\", \"a\": true}\n{\"id\": \"j2\", \"a\": false}\n".write(toFile: dir + "/one.jsonl", atomically: true, encoding: .utf8)
        try "id,a\nc1,true\n".write(toFile: dir + "/one.csv", atomically: true, encoding: .utf8)
        for ext in ["yaml", "jsonl", "csv"] {
            try FileManager.default.createSymbolicLink(atPath: dir + "/zero." + ext, withDestinationPath: "/dev/zero")
        }
        return dir
    }

    @Test func checkStopsAtTheInputLimitAndChecksTheOtherFiles() throws {
        let dir = try Self.batch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["check", "--rules", "rules", "--max-input-mb", "1", "--format", "jsonl", "one.yaml", "zero.yaml", "two.yaml"], in: dir)
        #expect(r.status == 65, "\(r.stderr.suffix(400))")
        #expect((r.stdout + r.stderr).contains("zero.yaml:1:1"), "\(r.stdout.suffix(400)) \(r.stderr.suffix(400))")
        #expect((r.stdout + r.stderr).contains("larger than the limit of 1 MiB"))
        #expect(r.stdout.contains("\"y1\"") && r.stdout.contains("\"y2\""), "\(r.stdout.prefix(400))")
    }

    @Test(arguments: ["json", "jsonl"])
    func checkStopsAnEndlessJSONFile(_ ext: String) throws {
        let dir = try Self.batch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/zero.json", withDestinationPath: "/dev/zero")
        let r = try CLI.run(["check", "--rules", "rules", "--max-input-mb", "1", "zero." + ext, "one.jsonl"], in: dir)
        #expect(r.status == 65, "\(r.stderr.suffix(400))")
        #expect(r.stderr.contains("zero.\(ext):1:1: file is larger than the limit of 1 MiB; eligo reads no further"), "\(r.stderr.suffix(400))")
        #expect(r.stdout.contains("j1") && r.stdout.contains("j2"), "\(r.stdout.prefix(400))")
    }

    @Test func checkStopsAnEndlessStandardInput() throws {
        let dir = try Self.batch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["check", "--rules", "rules", "--kind", "t", "--max-input-mb", "1", "-"], in: dir, stdinFile: "/dev/zero")
        #expect(r.status == 65, "\(r.stderr.suffix(400))")
        #expect(r.stderr.contains("<stdin>:1:1: file is larger than the limit of 1 MiB"), "\(r.stderr.suffix(400))")
    }

    /// One JSON line without a newline, from a pipe: the record is invalid, the run ends.
    @Test func screenStopsAnEndlessStandardInput() throws {
        let dir = try Self.batch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["screen", "--rules", "rules", "--kind", "t", "--format", "jsonl", "-"], in: dir, stdinFile: "/dev/zero")
        #expect(r.status == 65, "\(r.stderr.suffix(400))")
        #expect(r.stderr.contains("1 record in, 1 result out") || r.stderr.contains("1 records in, 1 results out"), "\(r.stderr.suffix(600))")
        #expect(r.stderr.contains("line 1: a record longer than 16 MiB; eligo read no further"), "\(r.stderr.suffix(600))")
    }

    @Test(arguments: ["jsonl", "csv"])
    func screenStopsAnEndlessRecordAndScreensTheRestOfTheBatch(_ ext: String) throws {
        let dir = try Self.batch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["screen", "--rules", "rules", "--kind", "t", "--jobs", "2", "one." + ext, "zero." + ext, "one.jsonl"], in: dir)
        #expect(r.status == 65, "\(r.stderr.suffix(400))")
        // one.csv holds one record, one.jsonl two; zero.EXT gives one invalid result.
        let expected = ext == "csv" ? 4 : 5
        #expect(r.stderr.contains("\(expected) records in, \(expected) results out"), "\(r.stderr.suffix(600))")
        // For CSV the endless row is the header, on line 1.
        #expect(
            r.stderr.contains("'zero.\(ext)' line 1: a record longer than 16 MiB; eligo read no further in 'zero.\(ext)'"), "\(r.stderr.suffix(600))")
        #expect(!r.stderr.contains("nothing lost"), "\(r.stderr.suffix(600))")
        #expect(r.stdout.contains("zero.\(ext):1"), "\(r.stdout.suffix(600))")
        #expect(r.stdout.contains("j1") && r.stdout.contains("j2"))
    }

    @Test func screenStopsAnEndlessYAMLLineAtTheLoadersLimit() throws {
        let dir = try Self.batch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["screen", "--rules", "rules", "--kind", "t", "zero.yaml", "one.jsonl"], in: dir)
        #expect(r.status == 65, "\(r.stderr.suffix(400))")
        #expect(r.stderr.contains("3 records in, 3 results out"), "\(r.stderr.suffix(600))")
        #expect(r.stderr.contains("'zero.yaml' line 1: a record longer than 64 MiB; eligo read no further"), "\(r.stderr.suffix(600))")
        // Reading stopped, so the summary does not promise that nothing was lost.
        #expect(!r.stderr.contains("nothing lost") && r.stderr.contains("reading stopped early in 'zero.yaml'"), "\(r.stderr.suffix(600))")
    }

    /// A rule file (or a rule test file: they are found in the same folder) that never ends.
    @Test func anEndlessRuleFileIsALoadError() throws {
        let dir = try Hostile.rulesFolder(Inline.rule("a"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/rules/zero.yaml", withDestinationPath: "/dev/zero")
        let lint = try CLI.run(["rules", "lint", "rules"], in: dir)
        #expect(lint.status == 1, "\(lint.stderr.suffix(400))")
        #expect(
            (lint.stdout + lint.stderr).contains("rules/zero.yaml:1:1: error: file is larger than the limit of 64 MiB"), "\(lint.stdout.suffix(400))")
        let check = try CLI.run(["check", "--rules", "rules", "--kind", "t", "/dev/null"], in: dir)
        #expect(check.status == 78, "\(check.stderr.suffix(400))")
        #expect(check.stderr.contains("[yaml.too-large]"))
        let test = try CLI.run(["rules", "test", "rules"], in: dir)
        #expect(test.status != 0 && test.status < 128, "rules test ended with \(test.status)")
    }

    /// A rule test whose record file never ends: that test fails with the limit, the others run.
    @Test func anEndlessRecordFileOfARuleTestFailsThatTest() throws {
        let dir = try Hostile.rulesFolder(Inline.rule("a"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/zero.yaml", withDestinationPath: "/dev/zero")
        try """
        tests:
          - name: endless
            file: ../zero.yaml
            decision: eligible
          - name: fine
            record: {kind: t, a: true}
            decision: eligible
        """.write(toFile: dir + "/rules/tests.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["rules", "test", "rules"], in: dir)
        #expect(r.status == 1, "\(r.stdout.suffix(400)) \(r.stderr.suffix(400))")
        let all = r.stdout + r.stderr
        #expect(all.contains("larger than the limit of 64 MiB"), "\(all.suffix(600))")
        #expect(all.contains("1 passed") || all.contains("1 test passed"), "\(all.suffix(600))")
    }
}
