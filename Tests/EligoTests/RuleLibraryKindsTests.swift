import Testing
@testable import Eligo

@Suite("loading only the kinds a check needs") struct RuleLibraryKindsTests {
    @Test func declaredKindIsReadWithoutParsing() {
        #expect(RuleLibrary.declaredKind(Array("# c\nruleset: x\napplies_to: lle-application  # why\n".utf8)) == "lle-application")
        #expect(RuleLibrary.declaredKind(Array("schema: \"lle-dataset\"\nfields: {}\n".utf8)) == "lle-dataset")
        #expect(RuleLibrary.declaredKind(Array("tests:\n  - name: a\n".utf8)) == nil)
    }

    @Test func onlyTheAskedKindsAreLoaded() {
        let all = RuleLibrary.load(directory: TestRepo.path("rules"))
        let some = RuleLibrary.load(directory: TestRepo.path("rules"), kinds: ["lle-application"])
        #expect(all.kinds == ["lle-application", "lle-dataset"])
        #expect(some.kinds == ["lle-application"])
        #expect(some.schemas["lle-dataset"] == nil)
        #expect(!some.hasErrors)
        // The same rule set is the same, digest included, however it was loaded.
        #expect(some.ruleSets.map({ $0.digest }) == all.ruleSets.filter { $0.kind == "lle-application" }.map({ $0.digest }))
    }
}
