import Foundation
import Testing
@testable import Eligo

/// A folder of CSV files as a dataset: the same decisions as the YAML form, and
/// bad cells reported with their row and column.
@Suite("CSV datasets") struct CSVDatasetTests {
    static let options = CheckOptions(today: day("2015-06-30"))

    /// What a report says, without where it came from.
    static func summary(_ r: Report) -> String {
        "\(r.record.kind) \(r.record.id ?? "-") \(r.decision) "
            + r.rules.map { "\($0.id)=\($0.outcome.rawValue): \($0.message)" }.joined(separator: " | ")
    }

    @Test func theExampleFolderGivesTheSameReportsAsTheYAML() throws {
        let yaml = DS.library.check(bytes: try TestRepo.bytes("examples/datasets/kyra.yaml"), path: "kyra.yaml", options: Self.options)
        let csv = DS.library.checkDataset(folder: TestRepo.path("examples/datasets/kyra-csv"), options: Self.options)
        #expect(yaml.count == 43)
        #expect(csv.map(Self.summary) == yaml.map(Self.summary))
        #expect(csv.allSatisfy { $0.errors.isEmpty && $0.warnings.isEmpty })
        #expect(csv.first?.record.source == TestRepo.path("examples/datasets/kyra-csv") + "/tsas.csv:2")
        #expect(yaml.first?.record.source == "kyra.yaml:12")
    }

    /// Writes a CSV folder from file names and contents; returns its path.
    private func folder(_ files: [String: String]) throws -> String {
        let dir = NSTemporaryDirectory() + "eligo-csv-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    static let deploymentHeader =
        "id,lle_id,commission_id,broker_tsa_id,client_school_urn,type,status,start,planned_end,days_per_week,objectives,impact_measures,agreement_signed_on,acting_head_package,acting_head_name,action_plan_moderated_on,final_report_on,client_feedback.date,client_feedback.rating,client_feedback.comment\r\n"
    static let lles =
        "id,name,home_school_urn,designated_on,route,designated_by_tsa_id,status,ended_on\r\nLLE-1,Jane Example,120001,2013-07-01,nctl_national,,active,\r\n"
    static let commissions =
        "id,commissioner_type,commissioner_name,commissioner_tsa_id,client_school_urn,received_on\r\nCOM-1,local_authority,\"CfBT (Lincolnshire LA)\",,130555,2015-01-05\r\n"

    @Test func aBadDateCellIsReportedWithRowAndColumn() throws {
        let dir = try folder([
            "lles.csv": Self.lles, "commissions.csv": Self.commissions,
            "deployments.csv": Self.deploymentHeader
                + "DEP-1,LLE-1,COM-1,TSA-A,130555,vulnerable_school,active,2015-02-16,2015-12-18,1,Improve maths,KS2 up,2015-02-10,false,,2015-03-20,,,,\r\n"
                + "DEP-2,LLE-1,COM-1,TSA-A,130555,vulnerable_school,active,2015-02-30,2015-12-18,1,Improve maths,KS2 up,2015-02-10,false,,2015-03-20,,,,\r\n"
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reports = DS.library.checkDataset(folder: dir, options: Self.options)
        let good = try #require(DS.report(reports, "deployments", "DEP-1"))
        #expect(good.decision == "compliant")
        let bad = try #require(DS.report(reports, "deployments", "DEP-2"))
        #expect(bad.decision == "invalid")
        let issue = try #require(bad.errors.first)
        #expect(issue.path == "deployments[1].start")
        #expect(issue.file == dir + "/deployments.csv")
        #expect(issue.line == 3)
        #expect(issue.column == 8)
        #expect(issue.columnName == "start")
        #expect(issue.message == "'2015-02-30' is not a real calendar date")
        #expect(issue.located == "\(dir)/deployments.csv:3:8: column 'start': deployments[1].start: '2015-02-30' is not a real calendar date")
        #expect(bad.record.source == dir + "/deployments.csv:3")
    }

    @Test func cellsAreTypedByTheSchema() throws {
        let dir = try folder([
            "lles.csv": Self.lles, "commissions.csv": Self.commissions,
            "deployments.csv": Self.deploymentHeader
                // `;` list, JSON list, dotted mapping columns.
                + "DEP-1,LLE-1,COM-1,TSA-A,130555,vulnerable_school,completed,2015-02-16,2015-12-18,0.5,Improve maths; Raise attendance,\"[\"\"A; with a semicolon\"\", \"\"B\"\"]\",2015-02-10,no,,2015-03-20,2015-12-18,2015-12-20,2,\"Good, thanks\"\r\n"
                // Out-of-range rating, a bad enum, a missing required cell (type).
                + "DEP-2,LLE-1,COM-1,TSA-A,130555,,completd,2015-02-16,2015-12-18,0.5,x,y,2015-02-10,false,,,,2015-12-20,7,\r\n"
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let loaded = CSVDataset.load(folder: dir, schema: DS.library.schemas["lle-dataset"]!)
        guard case .object(let root) = loaded.value,
            case .list(let deps) = root.slots[DS.library.schemas["lle-dataset"]!.root.slot(of: "deployments")!],
            case .object(let dep) = deps[0]
        else {
            Issue.record("no deployments")
            return
        }
        let type = DS.library.schemas["lle-dataset"]!.root.field("deployments")!.type.elementType!.objectType!
        #expect(dep.slots[type.slot(of: "objectives")!] == .list([.string("Improve maths"), .string("Raise attendance")]))
        #expect(dep.slots[type.slot(of: "impact_measures")!] == .list([.string("A; with a semicolon"), .string("B")]))
        #expect(dep.slots[type.slot(of: "acting_head_package")!] == .bool(false))
        #expect(dep.slots[type.slot(of: "days_per_week")!] == .decimal(0.5))
        guard case .object(let feedback) = dep.slots[type.slot(of: "client_feedback")!] else {
            Issue.record("client_feedback is not a mapping")
            return
        }
        #expect(feedback.slots == [.date(day("2015-12-20")), .int(2), .string("Good, thanks")])

        let problems = loaded.issues.filter { $0.path.hasPrefix("deployments[1]") }
        #expect(Set(problems.map({ $0.path })) == ["deployments[1].type", "deployments[1].status", "deployments[1].client_feedback.rating"])
        let status = try #require(problems.first { $0.path.hasSuffix("status") })
        #expect(status.suggestion == "completed")
        #expect(status.column == 7)
        let rating = try #require(problems.first { $0.path.hasSuffix("rating") })
        #expect(rating.message.contains("must be between 1 and 4"))
        let type_ = try #require(problems.first { $0.path.hasSuffix(".type") })
        #expect(type_.id == "record.missing-field")
        #expect(type_.columnName == "type")
        // The same words as every reader: the label, what is needed, and that the cell is empty
        // (a dataset's blank is a gap in the data, not a question still to answer).
        #expect(
            type_.message
                == "Type of support (type) is needed but its cell is empty; it should be one of new_head_support, vulnerable_school, below_floor, peer_review, diagnostic, other"
        )
    }

    @Test func missingFilesAreEmptyCollectionsAndStrayFilesAreWarned() throws {
        let dir = try folder([
            "lles.csv":
                "id,name,home_school_urn,designated_on,route,designated_by_tsa_id,status,nickname\r\nLLE-1,Jane,120001,2015-01-20,pilot_tsa,TSA-A,active,JJ\r\n",
            "notes.csv": "a\r\nb\r\n"
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reports = DS.library.checkDataset(folder: dir, options: Self.options)
        // No dataset.csv: no as_of (today is used) and no pilot (the rule file's period is used).
        let dataset = try #require(reports.first)
        #expect(dataset.record.kind == "lle-dataset")
        #expect(dataset.errors.isEmpty)
        #expect(dataset.warnings.map({ $0.id }).sorted() == ["csv.unknown-file", "record.unknown-column"])
        #expect(dataset.warnings.first { $0.id == "csv.unknown-file" }?.message.contains("'notes.csv' is not a collection") == true)
        // TSA-A is not in the dataset (no tsas.csv), so AS-4 cannot be decided.
        #expect(DS.outcome(reports, "lles", "LLE-1", "AS-4") == .unknown)
        #expect(reports.count == 2)
    }

    @Test func aCSVSyntaxErrorIsReportedAtItsPlace() throws {
        let dir = try folder(["lles.csv": Self.lles + "LLE-2,\"Unclosed,120001\r\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reports = DS.library.checkDataset(folder: dir, options: Self.options)
        let dataset = try #require(reports.first)
        #expect(dataset.decision == "invalid")
        #expect(dataset.errors.first?.located == "\(dir)/lles.csv:3:7: the quoted field starting here has no closing quote")
    }

    @Test func theDatasetRowGivesAsOfAndPilot() throws {
        let dir = try folder([
            "dataset.csv": "as_of,pilot.start,pilot.end\r\n2015-03-31,2015-01-01,2015-12-31\r\n",
            "tsas.csv": "id,name,pilot_participant,offers_association,group_id\r\nTSA-A,A,true,true,\r\n",
            "lles.csv":
                "id,name,home_school_urn,designated_on,route,designated_by_tsa_id,status\r\nLLE-1,Jane,120001,2014-10-01,pilot_tsa,TSA-A,active\r\n"
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reports = DS.library.checkDataset(folder: dir, options: CheckOptions(today: day("2020-01-01")))
        #expect(reports.first?.asOf == day("2015-03-31"))
        // Designated before this dataset's pilot period.
        #expect(DS.outcome(reports, "lles", "LLE-1", "AS-4") == .notApplicable)
        #expect(reports.allSatisfy { $0.errors.isEmpty && $0.warnings.isEmpty })
    }

    @Test func theApplicantsCSVTypesAgainstTheApplicationSchema() throws {
        let bytes = try TestRepo.bytes("examples/applicants/applicants.csv")
        let schema = try #require(DS.library.schemas["lle-application"])
        try bytes.withUnsafeBufferPointer { (b) throws -> Void in
            let file = CSVTable.fileRows(b)
            #expect(file.failure == nil)
            let header = file.rows[0].cells.map { CSVTable.text(b, $0) }
            let reader = CSVRecordReader(header: header, root: ObjectPlan(schema.root), file: "applicants.csv", purpose: .dataset)
            #expect(reader.unknownColumns.isEmpty, "\(reader.unknownColumns.map({ $0.name }))")
            #expect(reader.repeatedColumns.isEmpty)
            for (i, row) in file.rows.dropFirst().enumerated() {
                let (value, id, issues) = reader.record(b, row)
                #expect(issues.filter { $0.severity == .error }.isEmpty, "row \(i + 2): \(issues.map({ $0.located }))")
                #expect(id == CSVTable.text(b, row.cells[1]))
                let report = DS.library.check(
                    record: value, kind: "lle-application", id: id, source: "applicants.csv",
                    issues: issues, options: CheckOptions(today: day("2014-11-14")))
                #expect(report.outcome != .invalid, "row \(i + 2)")
            }
            #expect(file.rows.count > 5)
        }
    }

    /// The deployments of a folder's `deployments.csv` and the folder's issues.
    private func deployments(_ rows: String, header: String = CSVDatasetTests.deploymentHeader) throws -> (
        items: [ObjectValue], issues: [RecordIssue], type: ObjectType
    ) {
        let dir = try folder(["deployments.csv": header + rows])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let schema = try #require(DS.library.schemas["lle-dataset"])
        let loaded = CSVDataset.load(folder: dir, schema: schema)
        let type = try #require(schema.root.field("deployments")?.type.elementType?.objectType)
        guard case .object(let root) = loaded.value, case .list(let items) = root.slots[schema.root.slot(of: "deployments")!] else {
            Issue.record("no deployments")
            return ([], loaded.issues, type)
        }
        return (
            items.compactMap { if case .object(let o) = $0 { return o } else { return nil } },
            loaded.issues.map {
                var i = $0; i.file = i.file.map { URL(fileURLWithPath: $0).lastPathComponent }; return i
            }, type
        )
    }

    static let goodDeployment =
        "DEP-1,LLE-1,COM-1,TSA-A,130555,vulnerable_school,active,2015-02-16,2015-12-18,1,Improve maths,KS2 up,2015-02-10,false,,2015-03-20,,,,\r\n"

    @Test func aRowMayStopShortButACellPastTheHeaderIsAnError() throws {
        let (items, issues, type) = try deployments(
            Self.goodDeployment
                + "DEP-2,LLE-1,COM-1,TSA-A,130555,vulnerable_school\r\n"
                + "DEP-3,LLE-1,COM-1,TSA-A,130555,vulnerable_school,active,2015-02-16,2015-12-18,1,x,y,2015-02-10,false,,,,,,,,past the header\r\n")
        #expect(items.count == 3, "every row is a record")
        // The short row's missing cells are empty cells: its required fields are gaps in the data.
        let short = issues.filter { $0.path.hasPrefix("deployments[1]") }
        #expect(
            short.map({ $0.path }) == [
                "deployments[1].status", "deployments[1].start", "deployments[1].planned_end",
                "deployments[1].days_per_week", "deployments[1].acting_head_package"
            ])
        #expect(short.allSatisfy { $0.message.contains("is needed but its cell is empty") && $0.line == 3 })
        #expect(short.first?.column == 7)
        #expect(items[1].slots[type.slot(of: "objectives")!] == .list([]), "an absent list takes its default")
        let extra = try #require(issues.first { $0.path == "deployments[2]" })
        #expect(extra.id == "record.extra-cell")
        #expect(extra.located == "deployments.csv:4:22: deployments[2]: the row has more cells than the header has columns")
        #expect(!issues.contains { $0.id == "record.wrong-shape" })
    }

    @Test func plainCellsAreTrimmedTextIsKeptAndAMappingMayBeJSON() throws {
        let header =
            "id,lle_id,commission_id,broker_tsa_id,client_school_urn,type,status,start,planned_end,days_per_week,acting_head_package,acting_head_name,client_feedback\r\n"
        let (items, issues, type) = try deployments(
            "DEP-1, LLE-1 ,COM-1,TSA-A, 130555 , vulnerable_school , active , 2015-02-16 ,2015-12-18, 0.5 , true , Mr B ,\"{\"\"date\"\": \"\"2015-12-20\"\", \"\"rating\"\": 3}\"\r\n"
                + "DEP-2,LLE-1,COM-1,TSA-A,130555,vulnerable_school,active,2015-02-16,2015-12-18,1,false,,\"{\"\"date\"\": \"\"2015-12-20\"\", \"\"rating\"\": 9}\"\r\n",
            header: header)
        #expect(issues.filter { $0.path.hasPrefix("deployments[0]") }.isEmpty, "\(issues.map { $0.located })")
        let dep = try #require(items.first)
        #expect(dep.slots[type.slot(of: "lle_id")!] == .string(" LLE-1 "), "text is kept as written")
        #expect(dep.slots[type.slot(of: "status")!] == .string("active"))
        #expect(dep.slots[type.slot(of: "start")!] == .date(day("2015-02-16")))
        #expect(dep.slots[type.slot(of: "days_per_week")!] == .decimal(0.5))
        #expect(dep.slots[type.slot(of: "acting_head_package")!] == .bool(true))
        guard case .object(let feedback) = dep.slots[type.slot(of: "client_feedback")!] else {
            Issue.record("client_feedback is not a mapping")
            return
        }
        #expect(feedback.slots[0] == .date(day("2015-12-20")))
        #expect(feedback.slots[1] == .int(3))
        let rating = try #require(issues.first { $0.path == "deployments[1].client_feedback.rating" })
        #expect(rating.message.contains("must be between 1 and 4"))
        #expect(rating.line == 3 && rating.column == 13 && rating.columnName == "client_feedback")
    }

    @Test func unknownColumnsAreKeptAsTextAndARepeatedColumnIsSaidOnce() throws {
        let header =
            "id,lle_id,commission_id,broker_tsa_id,client_school_urn,type,status,start,planned_end,days_per_week,acting_head_package,kind,notes,status\r\n"
        let (items, issues, type) = try deployments(
            "DEP-1,LLE-1,COM-1,TSA-A,130555,vulnerable_school,proposed,2015-02-16,2015-12-18,1,false,deployment,ring back,active\r\n"
                + "DEP-2,LLE-1,COM-1,TSA-A,130555,vulnerable_school,proposed,2015-02-16,2015-12-18,1,false,,,completed\r\n", header: header)
        let warnings = issues.filter { $0.severity == .warning }
        #expect(
            warnings.map({ $0.located }) == [
                "deployments.csv:1:13: column 'notes': notes: column 'notes' is not a field of lle-dataset.deployments[]; its values are kept but no rule reads them",
                "deployments.csv:1:14: column 'status': status: column 'status' appears twice (also column 7); the later one is used"
            ], "said once, for the header, in column order; the `kind` column is no field's and no warning")
        #expect(issues.filter { $0.severity == .error }.isEmpty)
        #expect(items.map { $0.slots[type.slot(of: "status")!] } == [.string("active"), .string("completed")], "the later column is read")
        #expect(items[0].extras == [ExtraField(name: "notes", value: .string("ring back"))])
        #expect(items[1].extras.isEmpty, "an empty cell is no value")
    }

    @Test func aBlankRequiredCellIsAGapInADatasetButStillToBeGivenOnScreen() throws {
        let schema = try #require(DS.library.schemas["lle-dataset"])
        let type = try #require(schema.root.field("lles")?.type.elementType?.objectType)
        let text = Array("id,name,home_school_urn,designated_on,route,status\nLLE-1,,120001,2013-07-01,nctl_national,active\n".utf8)
        try text.withUnsafeBufferPointer { (b) throws -> Void in
            let rows = CSVTable.fileRows(b).rows
            let header = rows[0].cells.map { CSVTable.text(b, $0) }
            let screen = CSVRecordReader(header: header, root: ObjectPlan(type), file: "lles.csv")
            let dataset = CSVRecordReader(header: header, root: ObjectPlan(type), file: "lles.csv", purpose: .dataset)
            #expect(screen.record(b, rows[1]).issues.isEmpty)
            let gap = try #require(dataset.record(b, rows[1]).issues.first)
            #expect(gap.located == "lles.csv:2:2: column 'name': name: Name (name) is needed but its cell is empty; it should be text")
        }
    }
}
