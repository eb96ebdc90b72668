import Foundation
import Testing
@testable import Eligo

/// Small lle-dataset documents for the association-deployment rules, built from
/// records with sensible defaults (all compliant) that a test overrides.
enum DS {
    static let library = RuleLibrary.load(directory: TestRepo.path("rules"))

    /// One record as a YAML flow mapping: defaults, with overrides (nil removes a field).
    static func record(_ defaults: [(String, String)], _ overrides: [String: String?]) -> String {
        var fields = defaults
        for (k, v) in overrides.sorted(by: { $0.key < $1.key }) {
            if let i = fields.firstIndex(where: { $0.0 == k }) {
                if let v { fields[i].1 = v } else { fields.remove(at: i) }
            } else if let v {
                fields.append((k, v))
            }
        }
        return "  - {" + fields.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}\n"
    }

    static func tsa(_ id: String, _ o: [String: String?] = [:]) -> String {
        record([("id", id), ("name", "\(id) alliance"), ("pilot_participant", "true"), ("offers_association", "true")], o)
    }

    static func group(_ id: String, members: [String]) -> String {
        record([("id", id), ("name", "\(id) grouping"), ("member_tsa_ids", "[\(members.joined(separator: ", "))]")], [:])
    }

    static func lle(_ id: String, _ o: [String: String?] = [:]) -> String {
        record(
            [
                ("id", id), ("name", "Head \(id)"), ("home_school_urn", "\"100001\""), ("designated_on", "2013-07-01"),
                ("route", "nctl_national"), ("status", "active")
            ], o)
    }

    static func association(_ id: String, lle: String, tsa: String? = "TSA-A", _ o: [String: String?] = [:]) -> String {
        var defaults = [("id", id), ("lle_id", lle)]
        if let tsa { defaults.append(("tsa_id", tsa)) }
        defaults += [("start", "2014-09-01"), ("initiated_by", "lle")]
        return record(defaults, o)
    }

    static func commission(_ id: String, _ o: [String: String?] = [:]) -> String {
        record(
            [
                ("id", id), ("commissioner_type", "local_authority"), ("commissioner_name", "Some LA"),
                ("client_school_urn", "\"130555\""), ("received_on", "2015-01-05")
            ], o)
    }

    static func deployment(_ id: String, lle: String = "LLE-1", _ o: [String: String?] = [:]) -> String {
        record(
            [
                ("id", id), ("lle_id", lle), ("commission_id", "COM-1"), ("broker_tsa_id", "TSA-A"),
                ("client_school_urn", "\"130555\""), ("type", "vulnerable_school"), ("status", "active"),
                ("start", "2015-02-16"), ("planned_end", "2015-12-18"), ("days_per_week", "1.0"),
                ("objectives", "[Improve maths]"), ("impact_measures", "[KS2 maths up]"), ("agreement_signed_on", "2015-02-10"),
                ("acting_head_package", "false"), ("action_plan_moderated_on", "2015-03-20")
            ], o)
    }

    static func membership(_ id: String, _ o: [String: String?] = [:]) -> String {
        record(
            [
                ("id", id), ("school_urn", "\"120001\""), ("tsa_id", "TSA-A"), ("start", "2015-01-20"),
                ("agreed_by_school", "true"), ("agreed_by_tsa", "true")
            ], o)
    }

    static let standardTSAs = tsa("TSA-A") + tsa("TSA-B") + tsa("TSA-C", ["pilot_participant": "false", "offers_association": nil])
    static let standardGroups = group("GRP-1", members: ["TSA-A", "TSA-B"])

    /// A dataset document with the standard TSAs (A and B in the pilot and in GRP-1; C not in the pilot)
    /// and commission COM-1, as of 30 June 2015, pilot 1 September 2014 to 31 August 2016.
    static func dataset(
        tsas: String = standardTSAs, groups: String = standardGroups, lles: String = "",
        associations: String = "", commissions: String = commission("COM-1"), deployments: String = "",
        memberships: String = "",
        header: String = "as_of: 2015-06-30\npilot: {start: 2014-09-01, end: 2016-08-31}\n"
    ) -> String {
        var doc = "kind: lle-dataset\n" + header
        for (name, body) in [
            ("tsas", tsas), ("tsa_groups", groups), ("lles", lles), ("associations", associations),
            ("commissions", commissions), ("deployments", deployments), ("alliance_memberships", memberships)
        ]
        where !body.isEmpty {
            doc += "\(name):\n" + body
        }
        return doc
    }

    static func check(_ yaml: String, asOf: Day? = nil) -> [Report] {
        library.check(
            bytes: Array(yaml.utf8), path: "dataset.yaml",
            options: CheckOptions(asOf: asOf, today: day("2015-06-30")))
    }

    static func report(_ reports: [Report], _ kind: String, _ id: String) -> Report? {
        reports.first { $0.record.kind == kind && $0.record.id == id }
    }

    static func rule(_ reports: [Report], _ kind: String, _ id: String, _ rule: String) -> RuleResult? {
        report(reports, kind, id)?.rules.first { $0.id == rule }
    }

    static func outcome(_ reports: [Report], _ kind: String, _ id: String, _ rule: String) -> Outcome? {
        self.rule(reports, kind, id, rule)?.outcome
    }
}
