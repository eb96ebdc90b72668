import Testing
@testable import Eligo

/// The association principles (AS-*) of association-deployment.md, rule by rule:
/// pass, breach, not applicable, and unknown where the inputs are optional.
@Suite("association rules") struct AssociationRuleTests {
    @Test func theShippedRulesLoad() {
        #expect(!DS.library.hasErrors, "\(DS.library.errors.map({ $0.message }))")
        #expect(DS.library.isDatasetKind("lle-dataset"))
        #expect(!DS.library.isDatasetKind("lle-application"))
    }

    // MARK: AS-7

    @Test func as7() {
        let r = DS.check(
            DS.dataset(
                tsas: DS.tsa("TSA-A") + DS.tsa("TSA-F", ["offers_association": "false"])
                    + DS.tsa("TSA-C", ["pilot_participant": "false", "offers_association": nil])
                    + DS.tsa("TSA-U", ["offers_association": nil])))
        #expect(DS.outcome(r, "tsas", "TSA-A", "AS-7") == .pass)
        #expect(DS.outcome(r, "tsas", "TSA-F", "AS-7") == .fail)
        #expect(DS.report(r, "tsas", "TSA-F")?.decision == "breach")
        #expect(DS.outcome(r, "tsas", "TSA-C", "AS-7") == .notApplicable)
        #expect(DS.report(r, "tsas", "TSA-C")?.decision == "compliant")
        #expect(DS.outcome(r, "tsas", "TSA-U", "AS-7") == .unknown)
        #expect(DS.report(r, "tsas", "TSA-U")?.decision == "incomplete")
        #expect(DS.rule(r, "tsas", "TSA-U", "AS-7")?.needs == ["tsas[3].offers_association"])
    }

    // MARK: AS-2

    @Test func as2OverlapNamesBothAssociationsAndTheDate() throws {
        let r = DS.check(
            DS.dataset(
                lles: DS.lle("LLE-004"),
                associations: DS.association("ASSOC-4a", lle: "LLE-004", tsa: "TSA-A", ["start": "2014-10-01"])
                    + DS.association(
                        "ASSOC-4b", lle: "LLE-004", tsa: "TSA-C",
                        [
                            "start": "2015-03-01", "end": "2015-09-01",
                            "initiated_by": "tsa", "lle_consented_on": "2015-02-20"
                        ])))
        let as2 = try #require(DS.rule(r, "lles", "LLE-004", "AS-2"))
        #expect(as2.outcome == .fail)
        #expect(
            as2.message
                == "LLE-004 is associated with TSA-A from 1 October 2014 (ASSOC-4a) and with TSA-C from 1 March 2015 to 1 September 2015 (ASSOC-4b): the two overlap from 1 March 2015."
        )
        #expect(as2.values.map({ $0.path }).contains("associations[1].end"))
        #expect(DS.report(r, "lles", "LLE-004")?.decision == "breach")
    }

    @Test func as2OneAfterAnotherDoNotOverlap() {
        // The first ends on 1 March (excluded); the second starts that day.
        let r = DS.check(
            DS.dataset(
                lles: DS.lle("LLE-1") + DS.lle("LLE-2"),
                associations: DS.association("A1", lle: "LLE-1", ["start": "2014-10-01", "end": "2015-03-01"])
                    + DS.association("A2", lle: "LLE-1", tsa: "TSA-B", ["start": "2015-03-01"])
                    + DS.association("A3", lle: "LLE-2", ["start": "2014-10-01", "end": "2015-03-02"])
                    + DS.association("A4", lle: "LLE-2", tsa: nil, ["group_id": "GRP-1", "start": "2015-03-01"])))
        #expect(DS.outcome(r, "lles", "LLE-1", "AS-2") == .pass)
        #expect(DS.outcome(r, "lles", "LLE-2", "AS-2") == .fail)
        #expect(DS.rule(r, "lles", "LLE-2", "AS-2")?.message.contains("GRP-1 from 1 March 2015 (A4)") == true)
    }

    @Test func as2PassesWithoutAssociations() {
        let r = DS.check(DS.dataset(lles: DS.lle("LLE-1")))
        #expect(DS.outcome(r, "lles", "LLE-1", "AS-2") == .pass)
        #expect(DS.rule(r, "lles", "LLE-1", "AS-2")?.message == "LLE-1 has no associations.")
    }

    // MARK: AS-4

    private func as4(_ lle: [String: String?], associations: String = "", header: String? = nil) -> RuleResult? {
        let doc =
            header.map {
                DS.dataset(lles: DS.lle("LLE-1", lle), associations: associations, header: $0)
            } ?? DS.dataset(lles: DS.lle("LLE-1", lle), associations: associations)
        return DS.rule(DS.check(doc), "lles", "LLE-1", "AS-4")
    }

    private let pilotDesignation: [String: String?] = ["route": "pilot_tsa", "designated_by_tsa_id": "TSA-A", "designated_on": "2015-01-20"]

    @Test func as4PassesWithTheDesignatingTSAOrItsGroup() {
        let direct = DS.association("A1", lle: "LLE-1", ["start": "2015-01-20", "initiated_by": "automatic_pilot_designation"])
        #expect(as4(pilotDesignation, associations: direct)?.outcome == .pass)
        let viaGroup = DS.association(
            "A1", lle: "LLE-1", tsa: nil,
            [
                "group_id": "GRP-1", "start": "2015-01-20",
                "initiated_by": "automatic_pilot_designation"
            ])
        #expect(as4(pilotDesignation, associations: viaGroup)?.outcome == .pass)
    }

    @Test func as4FailsWithoutAnAssociationThatDay() {
        #expect(as4(pilotDesignation)?.outcome == .fail)
        // An association with another TSA, or one starting later, does not count.
        #expect(as4(pilotDesignation, associations: DS.association("A1", lle: "LLE-1", tsa: "TSA-B", ["start": "2015-01-20"]))?.outcome == .fail)
        let late = as4(pilotDesignation, associations: DS.association("A1", lle: "LLE-1", ["start": "2015-02-01"]))
        #expect(late?.outcome == .fail)
        #expect(late?.message.contains("no association of LLE-1 with TSA-A") == true)
    }

    @Test func as4DoesNotApplyOutsideThePilotRules() {
        #expect(as4(["route": "nctl_national"])?.outcome == .notApplicable)
        // TSA-C is not a pilot participant.
        #expect(as4(pilotDesignation.merging(["designated_by_tsa_id": "TSA-C"]) { $1 })?.outcome == .notApplicable)
        // Designated before the pilot started.
        #expect(as4(pilotDesignation.merging(["designated_on": "2014-06-10"]) { $1 })?.outcome == .notApplicable)
    }

    @Test func as4IsUnknownWhenTheDesignatingTSAIsNotKnown() {
        let missing = as4(["route": "pilot_tsa", "designated_on": "2015-01-20"])
        #expect(missing?.outcome == .unknown)
        #expect(missing?.needs == ["lles[0].designated_by_tsa_id"])
        let dangling = as4(pilotDesignation.merging(["designated_by_tsa_id": "TSA-NOPE"]) { $1 })
        #expect(dangling?.outcome == .unknown)
        #expect(dangling?.message.contains("TSA-NOPE, which is not a TSA in this dataset") == true)
    }

    @Test func as4UsesTheRuleFilePilotPeriodWhenTheDatasetGivesNone() {
        #expect(as4(pilotDesignation, header: "as_of: 2015-06-30\n")?.outcome == .fail)
        #expect(as4(pilotDesignation.merging(["designated_on": "2014-06-10"]) { $1 }, header: "as_of: 2015-06-30\n")?.outcome == .notApplicable)
    }

    // MARK: AS-6

    @Test func as6() {
        let r = DS.check(DS.dataset(lles: DS.lle("LLE-1") + DS.lle("LLE-2"), associations: DS.association("A1", lle: "LLE-2")))
        #expect(DS.outcome(r, "lles", "LLE-1", "AS-6") == .pass)
        #expect(DS.outcome(r, "lles", "LLE-2", "AS-6") == .notApplicable)
        #expect(DS.report(r, "lles", "LLE-1")?.decision == "compliant")
    }

    // MARK: AS-0

    @Test func as0() throws {
        let r = DS.check(
            DS.dataset(
                lles: DS.lle("LLE-1"),
                associations: DS.association("OK", lle: "LLE-1")
                    + DS.association("OK-GROUP", lle: "LLE-1", tsa: nil, ["group_id": "GRP-1", "start": "2013-01-01", "end": "2014-01-01"])
                    + DS.association("NO-LLE", lle: "LLE-099")
                    + DS.association("BOTH", lle: "LLE-1", ["group_id": "GRP-1"])
                    + DS.association("NEITHER", lle: "LLE-1", tsa: nil)
                    + DS.association("NO-TSA", lle: "LLE-1", tsa: "TSA-Z")
                    + DS.association("NO-GROUP", lle: "LLE-1", tsa: nil, ["group_id": "GRP-Z"])))
        #expect(DS.outcome(r, "associations", "OK", "AS-0") == .pass)
        #expect(DS.outcome(r, "associations", "OK-GROUP", "AS-0") == .pass)
        for id in ["NO-LLE", "BOTH", "NEITHER", "NO-TSA", "NO-GROUP"] {
            #expect(DS.outcome(r, "associations", id, "AS-0") == .fail, "\(id)")
            #expect(DS.report(r, "associations", id)?.decision == "breach", "\(id)")
        }
        #expect(DS.rule(r, "associations", "NO-LLE", "AS-0")?.message == "NO-LLE names LLE-099, which is not an LLE in this dataset.")
        #expect(DS.rule(r, "associations", "NO-TSA", "AS-0")?.message.contains("its TSA TSA-Z is not in this dataset") == true)
        #expect(DS.rule(r, "associations", "NO-GROUP", "AS-0")?.message.contains("its grouping GRP-Z is not in this dataset") == true)
        #expect(DS.rule(r, "associations", "BOTH", "AS-0")?.message.contains("both a TSA (TSA-A) and a grouping (GRP-1)") == true)
    }

    // MARK: AS-5

    @Test func as5ATSAInitiatedAssociationNeedsConsentByItsStart() {
        let r = DS.check(
            DS.dataset(
                lles: DS.lle("LLE-1"),
                associations: DS.association("ON-TIME", lle: "LLE-1", ["initiated_by": "tsa", "lle_consented_on": "2014-09-01", "end": "2014-10-01"])
                    + DS.association(
                        "LATE", lle: "LLE-1", ["initiated_by": "tsa", "lle_consented_on": "2014-11-05", "start": "2014-11-01", "end": "2014-12-01"])
                    + DS.association("NONE", lle: "LLE-1", ["initiated_by": "tsa", "start": "2015-01-01"])
                    + DS.association("CHOSEN", lle: "LLE-1", ["start": "2010-01-01", "end": "2011-01-01"])))
        #expect(DS.outcome(r, "associations", "ON-TIME", "AS-5") == .pass)
        #expect(DS.outcome(r, "associations", "LATE", "AS-5") == .fail)
        #expect(DS.rule(r, "associations", "LATE", "AS-5")?.message.contains("only on 5 November 2014, after it started on 1 November 2014") == true)
        #expect(DS.outcome(r, "associations", "NONE", "AS-5") == .fail)
        #expect(DS.rule(r, "associations", "NONE", "AS-5")?.message.contains("without a recorded consent from LLE-1") == true)
        #expect(DS.outcome(r, "associations", "CHOSEN", "AS-5") == .notApplicable)
    }

    @Test func as5AnAutomaticAssociationIsForThePilotDesignatingTSA() {
        let auto: [String: String?] = ["initiated_by": "automatic_pilot_designation", "start": "2015-01-20"]
        let r = DS.check(
            DS.dataset(
                lles: DS.lle("P-A", ["route": "pilot_tsa", "designated_by_tsa_id": "TSA-A", "designated_on": "2015-01-20"])
                    + DS.lle("P-B", ["route": "pilot_tsa", "designated_by_tsa_id": "TSA-B", "designated_on": "2015-01-20"])
                    + DS.lle("NAT", ["designated_on": "2015-01-20"])
                    + DS.lle("P-?", ["route": "pilot_tsa", "designated_on": "2015-01-20"]),
                associations: DS.association("DIRECT", lle: "P-A", auto)
                    + DS.association("GROUP", lle: "P-B", tsa: nil, auto.merging(["group_id": "GRP-1"]) { $1 })
                    + DS.association("NATIONAL", lle: "NAT", auto)
                    + DS.association("OTHER-TSA", lle: "P-B", tsa: "TSA-A", auto.merging(["start": "2016-01-01"]) { $1 })
                    + DS.association("UNKNOWN", lle: "P-?", auto)))
        #expect(DS.outcome(r, "associations", "DIRECT", "AS-5") == .pass)
        #expect(DS.outcome(r, "associations", "GROUP", "AS-5") == .pass)
        #expect(DS.outcome(r, "associations", "NATIONAL", "AS-5") == .fail)
        #expect(DS.outcome(r, "associations", "OTHER-TSA", "AS-5") == .fail)
        #expect(DS.rule(r, "associations", "OTHER-TSA", "AS-5")?.message.contains("but P-B was designated by TSA-B") == true)
        #expect(DS.outcome(r, "associations", "UNKNOWN", "AS-5") == .unknown)
        #expect(DS.report(r, "associations", "UNKNOWN")?.decision == "incomplete")
    }

    // MARK: AS-10 (advisory)

    @Test func as10IsAdvisory() {
        let r = DS.check(
            DS.dataset(
                lles: DS.lle("LLE-1", ["designated_on": "2014-09-01"])
                    + DS.lle("ENDED", ["designated_on": "2012-01-01", "status": "de_designated", "ended_on": "2015-03-31"]),
                associations: DS.association("WITHIN", lle: "LLE-1", ["start": "2014-09-01"])
                    + DS.association("BEFORE", lle: "LLE-1", ["start": "2014-08-01", "end": "2014-09-01"])
                    + DS.association("ENDS-IN-TIME", lle: "ENDED", ["start": "2012-01-01", "end": "2015-03-31"])
                    + DS.association("NO-END", lle: "ENDED", ["start": "2015-03-31"])
                    + DS.association("DANGLING", lle: "LLE-404")))
        #expect(DS.outcome(r, "associations", "WITHIN", "AS-10") == .pass)
        #expect(DS.outcome(r, "associations", "BEFORE", "AS-10") == .fail)
        #expect(DS.outcome(r, "associations", "ENDS-IN-TIME", "AS-10") == .pass)
        #expect(DS.outcome(r, "associations", "NO-END", "AS-10") == .fail)
        #expect(DS.rule(r, "associations", "NO-END", "AS-10")?.message.contains("has no end") == true)
        #expect(DS.outcome(r, "associations", "DANGLING", "AS-10") == .unknown)
        // Advisory: a failure is shown but the association is compliant.
        #expect(DS.rule(r, "associations", "BEFORE", "AS-10")?.severity == .advisory)
        #expect(DS.report(r, "associations", "BEFORE")?.decision == "compliant")
    }

    // MARK: AS-8

    @Test func as8() {
        let r = DS.check(
            DS.dataset(
                memberships: DS.membership("AM-1")
                    + DS.membership("AM-2", ["agreed_by_school": "false", "via_association": "true"])
                    + DS.membership("AM-3", ["agreed_by_tsa": "false"])))
        #expect(DS.outcome(r, "alliance_memberships", "AM-1", "AS-8") == .pass)
        #expect(DS.outcome(r, "alliance_memberships", "AM-2", "AS-8") == .fail)
        #expect(
            DS.rule(r, "alliance_memberships", "AM-2", "AS-8")?.message.contains(
                "as a consequence of an LLE association, without the agreement of the school") == true)
        #expect(DS.outcome(r, "alliance_memberships", "AM-3", "AS-8") == .fail)
        #expect(DS.rule(r, "alliance_memberships", "AM-3", "AS-8")?.message.contains("without the agreement of the TSA") == true)
    }
}
