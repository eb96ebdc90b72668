import Foundation
import Testing

/// Runs the built `eligo` binary on rules/ and examples/, as a user would.
enum CLI {
    /// The `eligo` executable built beside the test bundle.
    static let binary: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("eligo").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return TestRepo.path(".build/debug/eligo")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs eligo with `args`; standard input is `stdin`, or the bytes `stdinBytes` (text that
    /// need not be UTF-8), or the file `stdinFile` (such as `/dev/zero`), or empty.
    static func run(
        _ args: [String], in directory: String = TestRepo.root, stdin: String? = nil,
        stdinBytes: [UInt8]? = nil, stdinFile: String? = nil
    ) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        if let stdinFile {
            p.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdinFile))
        } else {
            p.standardInput = input
        }
        try p.run()
        if stdinFile != nil {
            try? input.fileHandleForWriting.close()
        } else if let data = stdinBytes.map({ Data($0) }) ?? stdin.map({ Data($0.utf8) }) {
            DispatchQueue.global().async {
                input.fileHandleForWriting.write(data)
                try? input.fileHandleForWriting.close()
            }
        } else {
            try? input.fileHandleForWriting.close()
        }
        // Standard error is read on another thread: a long one would otherwise fill its pipe
        // while this thread waits for the end of standard output, and neither would end.
        let errors = ResultBox<Data>()
        let readErrors = DispatchGroup()
        DispatchQueue.global().async(group: readErrors) { errors.value = err.fileHandleForReading.readDataToEndOfFile() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        readErrors.wait()
        let e = errors.value ?? Data()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A scratch folder under the system temporary directory, removed by the caller.
    static func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "eligo-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

@Suite("eligo command line") struct CLITests {
    @Test func eligibleExitsZero() throws {
        let r = try CLI.run(["check", "examples/applicants/eligible-primary.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("ELIGIBLE as of 13 October 2014"))
    }

    @Test func notEligibleExitsOneAndSaysWhen() throws {
        let r = try CLI.run(["check", "examples/applicants/a2-short-headship.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("You have 2 years 2 months of substantive headship; 3 years are required"))
        #expect(r.stdout.contains("You will meet this from 1 September 2015."))
    }

    @Test func incompleteExitsTwo() throws {
        let r = try CLI.run(["check", "examples/applicants/incomplete.yaml"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("INCOMPLETE"))
    }

    @Test func missingFileExits66() throws {
        let r = try CLI.run(["check", "examples/applicants/no-such-file.yaml"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("no-such-file.yaml"))
    }

    @Test func newPrintsATemplateThatChecksAsIncomplete() throws {
        let template = try CLI.run(["new", "lle-application"])
        #expect(template.status == 0)
        #expect(template.stdout.hasPrefix("# LLE application: a record to fill in"))
        let check = try CLI.run(["check", "--as-of", "2014-11-14", "-"], stdin: template.stdout)
        #expect(check.status == 2, "\(check.stderr)")
        #expect(check.stdout.contains("INCOMPLETE as of 14 November 2014"))
        #expect(check.stdout.contains("Still needed: Current role (applicant.role)"))
        let typo = try CLI.run(["new", "lle-aplication"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("there is no record kind 'lle-aplication'. Did you mean 'lle-application'?"))
    }

    @Test func theApplicantGuidesWorkedExampleSaysWhatTheGuideSays() throws {
        let guide = try TestRepo.text("docs/applicants.md")
        let blocks = guide.components(separatedBy: "```")
        let record = try #require(blocks.first { $0.hasPrefix("yaml\n") }).dropFirst(5)
        let output = try #require(blocks.first { $0.contains("✔ LLE-A2") })
        let r = try CLI.run(["check", "-"], stdin: String(record))
        #expect(r.status == 2, "\(r.stderr)")
        for line in output.split(separator: "\n") where line.hasPrefix("  ") && !line.contains("...") {
            #expect(r.stdout.contains(line), "\(line)")
        }
    }

    @Test func checkDashReadsStandardInput() throws {
        let text = try TestRepo.text("examples/applicants/eligible-primary.yaml")
        let r = try CLI.run(["check", "-"], stdin: text)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Helen Marsh (APP-2014-101)  <stdin>"))
    }

    @Test func checkAFolderOfRecordFilesChecksEachFile() throws {
        let r = try CLI.run(["check", "examples/applicants"])
        let files = try FileManager.default.contentsOfDirectory(atPath: TestRepo.path("examples/applicants")).filter { $0.hasSuffix(".yaml") }
        #expect(r.stdout.contains("\n\(files.count) records: "))
        #expect(r.stdout.contains("examples/applicants/eligible-primary.yaml"))
        #expect(r.status == 1)
        let empty = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let none = try CLI.run(["check", empty])
        #expect(none.status == 65)
        #expect(none.stderr.contains("the folder has no record files (.yaml, .yml or .json, each checked on its own) and no dataset"))
    }

    @Test func asOfBeforeEveryVersionIsAChoiceOfDate() throws {
        for command in ["check", "screen"] {
            let input = command == "check" ? "examples/applicants/eligible-primary.yaml" : "examples/applicants/applicants.csv"
            let r = try CLI.run([command, "--as-of", "2001-01-01", input])
            #expect(r.status == 64)
            #expect(
                r.stderr.contains(
                    "--as-of 2001-01-01 is before the first rules for lle-application came into force: lle-eligibility 2014.1 is in force 2014-09-01 to 2016-11-30"
                ))
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func screenOfAFileOfUnknownFormatIsAUsageError() throws {
        let r = try CLI.run(["screen", "README.md"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("cannot tell the format of 'README.md'"))
        #expect(r.stdout.isEmpty)
        let missing = try CLI.run(["screen", "no-such.csv"])
        #expect(missing.status == 66)
        #expect(!missing.stderr.contains("nothing lost"))
        #expect(missing.stderr.contains("1 input was not read ('no-such.csv')"))
    }

    @Test func usageErrorExits64() throws {
        let r = try CLI.run(["check", "--as-of", "2014-02-30", "examples/applicants/eligible-primary.yaml"])
        #expect(r.status == 64)
    }

    @Test func asOfOverridesTheRecordDate() throws {
        let r = try CLI.run(["check", "--as-of", "2015-09-01", "--format", "json", "examples/applicants/a2-short-headship.yaml"])
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let a2 = try #require((reports[0]["rules"] as? [[String: Any]])?.first { $0["id"] as? String == "LLE-A2" })
        #expect(a2["outcome"] as? String == "pass")
        #expect(reports[0]["as_of"] as? String == "2015-09-01")
    }

    @Test(arguments: [
        ("bad-date", "inspection_date: 2013-06-12", "inspection_date: 2014-02-30", "25:24", "is not a real calendar date"),
        ("bad-yaml", "  name: Helen Marsh", "  name: [Helen Marsh", "", "yaml")
    ])
    func badRecordsExit65WithPosition(name: String, find: String, replace: String, position: String, words: String) throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try TestRepo.text("examples/applicants/eligible-primary.yaml")
        #expect(text.contains(find))
        let bad = dir + "/\(name).yaml"
        try text.replacingOccurrences(of: find, with: replace).write(toFile: bad, atomically: true, encoding: .utf8)
        let good = TestRepo.path("examples/applicants/a2-short-headship.yaml")
        let r = try CLI.run(["check", "--format", "jsonl", bad, good])
        #expect(r.status == 65)
        let lines = r.stdout.split(separator: "\n")
        // The bad record still gets its result line, and the good one after it is decided.
        #expect(lines.count == 2)
        #expect(lines[0].contains("\"decision\":\"invalid\""))
        #expect(lines[1].contains("\"decision\":\"not_eligible\""))
        #expect(r.stderr.contains("\(bad):\(position)"))
        #expect(r.stderr.contains(words) || r.stdout.contains(words))
    }

    @Test func aliasBombIsRefused() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text = "kind: lle-application\na: &a [x, x, x, x, x, x, x, x, x]\n"
        for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].enumerated() {
            let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i]
            text += "\(name): &\(name) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ", ") + "]\n"
        }
        try text.write(toFile: dir + "/bomb.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", dir + "/bomb.yaml"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("bomb.yaml:"))
        #expect(r.stderr.contains("expand"))
    }

    /// Three mistakes in a rule file: three diagnostics at their positions, exit 78, nothing checked.
    @Test func brokenRulesExit78WithEveryDiagnostic() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/schema", withIntermediateDirectories: true)
        try TestRepo.text("rules/schema/lle-application.yaml").write(toFile: dir + "/schema/lle-application.yaml", atomically: true, encoding: .utf8)
        var rules = try TestRepo.text("rules/lle-eligibility-2014.yaml")
        for (from, to) in [
            ("interval(h.start, h.end)", "interval(h.strat, h.end)"),
            ("require: applicant.expects_to_remain_years >= min_remain_years", "require: applicant.expects_to_remain_years >= window_opens"),
            ("require: between(submitted_on, window_opens, window_closes)", "require: betwen(submitted_on, window_opens, window_closes)")
        ] {
            #expect(rules.contains(from))
            rules = rules.replacingOccurrences(of: from, with: to)
        }
        try rules.write(toFile: dir + "/lle.yaml", atomically: true, encoding: .utf8)
        let lines = rules.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func position(of needle: String) -> String {
            let i = lines.firstIndex { $0.contains(needle) }!
            let col = lines[i].distance(from: lines[i].startIndex, to: lines[i].range(of: needle)!.lowerBound) + 1
            return "\(i + 1):\(col)"
        }
        let r = try CLI.run(["check", "--rules", dir, "examples/applicants/eligible-primary.yaml"])
        #expect(r.status == 78)
        #expect(r.stdout.isEmpty)
        let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 3)
        #expect(r.stderr.contains("\(dir)/lle.yaml:\(position(of: "strat, h.end")): error: 'strat' is not a field"))
        #expect(
            r.stderr.contains(
                "\(dir)/lle.yaml:\(position(of: "applicant.expects_to_remain_years >= window_opens")): error: cannot compare an int with a date"))
        #expect(r.stderr.contains("\(dir)/lle.yaml:\(position(of: "betwen")): error: unknown function 'betwen'"))
        #expect(r.stderr.contains("did you mean 'between'?"))
    }

    /// A policy officer changes a parameter; the next run uses it, no rebuild.
    @Test func changingAParameterFlipsTheDecision() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/schema", withIntermediateDirectories: true)
        try TestRepo.text("rules/schema/lle-application.yaml").write(toFile: dir + "/schema/lle-application.yaml", atomically: true, encoding: .utf8)
        let original = try TestRepo.text("rules/lle-eligibility-2014.yaml")
        let needle = "  min_headship_years:\n    type: int\n    value: 3"
        #expect(original.contains(needle))
        // About 2.5 years of headship on 1 March 2015.
        let record = try TestRepo.text("examples/applicants/a2-short-headship.yaml")
        try record.write(toFile: dir + "/applicant.yaml", atomically: true, encoding: .utf8)
        try original.write(toFile: dir + "/lle.yaml", atomically: true, encoding: .utf8)
        let before = try CLI.run(["check", "--rules", dir, "--as-of", "2015-03-01", dir + "/applicant.yaml"])
        #expect(before.status == 1)
        try original.replacingOccurrences(of: needle, with: "  min_headship_years:\n    type: int\n    value: 2")
            .write(toFile: dir + "/lle.yaml", atomically: true, encoding: .utf8)
        let after = try CLI.run(["check", "--rules", dir, "--as-of", "2015-03-01", "--format", "jsonl", dir + "/applicant.yaml"])
        #expect(after.stdout.contains("\"decision\":\"eligible\""))
        #expect(after.status == 0)
    }

    @Test func lintReportsCleanRules() throws {
        let r = try CLI.run(["rules", "lint", "rules"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("0 errors"))
    }

    @Test func outputIsDeterministic() throws {
        let args = ["check", "--format", "json", "examples/applicants/executive-head-two-schools.yaml", "examples/applicants/incomplete.yaml"]
        let a = try CLI.run(args), b = try CLI.run(args)
        #expect(a.stdout == b.stdout)
        #expect(!a.stdout.isEmpty)
    }
}
