import Foundation
import Testing
import Eligo

/// A record's own `kind`, when present, must be the kind being screened: otherwise it would be
/// decided under rules written for other records. Every reader of `screen` says so alike.
@Suite("records of the wrong kind") struct WrongKindTests {
    /// The written kinds tried: the screened one (decided), a misspelling, another kind the
    /// rules know, and a number.
    static let kinds = [#""bench-applicant""#, #""lle-aplication""#, #""lle-dataset""#, "5"]

    static func jsonLine(_ i: Int, kind: String) -> String {
        String(ScreenTests.record(i).dropLast()) + #","kind":\#(kind)}"#
    }

    static func expectOneDecidedThreeInvalid(_ r: CLI.Result, file: String) {
        #expect(r.status == 65, "\(file): \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        guard lines.count == 4 else { return }
        #expect(!lines[0].contains(#""decision":"invalid""#))
        for line in lines.dropFirst() {
            #expect(line.contains(#""decision":"invalid""#))
            #expect(line.contains("record.wrong-kind"))
            #expect(line.contains("but 'bench-applicant' records are being screened; it is not decided"))
        }
        #expect(lines[1].contains("kind is 'lle-aplication'"))
        #expect(lines[3].contains("kind is 5") || lines[3].contains("kind is '5'"))
        #expect(r.stderr.contains("4 records in, 4 results out"))
        #expect(r.stderr.contains("3 invalid"))
    }

    @Test func jsonLinesYAMLAndCSVAlike() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = Self.kinds.enumerated().map { Self.jsonLine($0.offset, kind: $0.element) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/in.jsonl", atomically: true, encoding: .utf8)
        // JSON is YAML: the same records as a YAML stream.
        try lines.map { "---\n" + $0 + "\n" }.joined().write(toFile: dir + "/in.yaml", atomically: true, encoding: .utf8)
        var csv = ScreenTests.csvHeader + ",kind\n"
        for (i, k) in Self.kinds.enumerated() { csv += ScreenTests.csvRow(i) + "," + k.replacingOccurrences(of: "\"", with: "") + "\n" }
        try csv.write(toFile: dir + "/in.csv", atomically: true, encoding: .utf8)
        for file in ["in.jsonl", "in.yaml", "in.csv"] {
            let r = try CLI.run(["screen"] + ScreenTests.bench + ["--detail", "outcomes", dir + "/" + file])
            Self.expectOneDecidedThreeInvalid(r, file: file)
        }
        // A wrong kind is positioned: JSON Lines at the value, CSV at the row and the `kind` column.
        let jsonl = try CLI.run(["screen"] + ScreenTests.bench + ["--detail", "outcomes", dir + "/in.jsonl"])
        #expect(jsonl.stdout.split(separator: "\n")[1].contains(#""line":2"#))
        let sheet = try CLI.run(["screen"] + ScreenTests.bench + ["--detail", "outcomes", dir + "/in.csv"])
        #expect(sheet.stdout.split(separator: "\n")[1].contains(#""column_name":"kind""#))
    }

    /// An LLE application written as `lle-dataset` is not read as a dataset, nor decided.
    @Test func anotherKnownKindIsNotDecidedInsteadOfTheScreenedOne() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let record = try TestRepo.text("examples/applicants/eligible-primary.yaml")
        #expect(record.contains("\nkind: lle-application\n"))
        let stream = ["lle-application", "lle-aplication", "lle-dataset", "5"]
            .map { "---\n" + record.replacingOccurrences(of: "\nkind: lle-application\n", with: "\nkind: \($0)\n") }.joined()
        try stream.write(toFile: dir + "/in.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["screen", "--kind", "lle-application", "--detail", "outcomes", dir + "/in.yaml"])
        #expect(r.status == 65)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.first?.contains(#""decision":"eligible""#) == true)
        #expect(lines.dropFirst().allSatisfy { $0.contains("record.wrong-kind") })
        #expect(lines.dropFirst().allSatisfy { !$0.contains(#""decision":"eligible""#) })
        // `check` calls them invalid too.
        let check = try CLI.run(["check", dir + "/in.yaml"])
        #expect(check.status == 65)
        #expect(check.stdout.contains("did you mean 'lle-application'?"))
    }

    /// A misspelt `--kind` is a usage mistake (64) with a suggestion, before any record is read.
    @Test(arguments: ["check", "screen"])
    func kindOptionTypo(command: String) throws {
        let r = try CLI.run([command, "--kind", "lle-aplication", "examples/applicants/eligible-primary.yaml"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("no rule set checks records of kind 'lle-aplication'"))
        #expect(r.stderr.contains("(did you mean 'lle-application'?)"))
        #expect(r.stdout.isEmpty)
    }

    @Test func closestKindByPartAndBySpelling() {
        let kinds = ["lle-application", "lle-dataset"]
        #expect(Suggestion.closestKind(to: "lle-aplication", in: kinds) == "lle-application")
        #expect(Suggestion.closestKind(to: "application", in: kinds) == "lle-application")
        #expect(Suggestion.closestKind(to: "5", in: kinds) == nil)
    }
}
