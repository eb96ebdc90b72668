import Testing
@testable import Eligo

/// Titles and descriptions that follow their parameters, and the warning where one states a
/// parameter's value in words instead.
@Suite("numbers in titles and descriptions")
struct StatedNumberLintTests {
    static func library(title: String, description: String, years: Int = 3) -> RuleLibrary {
        Inline.library(
            rules: Inline.ruleFile(
                """
                parameters:
                  min_years:
                    type: int
                    value: \(years)
                    description: "\(description)"
                parts:
                  - id: P
                    rules:
                      - id: R
                        title: "\(title)"
                        citation: test
                        require: n >= min_years

                """))
    }

    @Test func aTitleAndADescriptionFollowTheirParameter() throws {
        let lib = Self.library(title: "{min_years|year's|years'} service", description: "At least {min_years|year|years}.", years: 2)
        #expect(lib.diagnostics.isEmpty, "\(lib.diagnostics.map({ $0.message }))")
        let set = try #require(lib.ruleSets.first)
        #expect(set.parts.first?.rules.first?.title == "2 years' service")
        #expect(set.parameters.first?.description == "At least 2 years.")
        let one = Self.library(title: "{min_years|year's|years'} service", description: "At least {min_years|year|years}.", years: 1)
        #expect(one.ruleSets.first?.parts.first?.rules.first?.title == "1 year's service")
    }

    @Test func aNumberThatIsAParametersValueIsWarnedAbout() throws {
        let lib = Self.library(title: "Three years' service", description: "Served for 3 years or more.")
        let warnings = lib.diagnostics.filter { $0.id == "rules.number-not-parameter" }
        #expect(
            warnings.map({ $0.message }) == [
                "this description says '3', the value of parameter 'min_years' (3); write {min_years} so it follows the parameter when it changes",
                "this title says 'three', the value of parameter 'min_years' (3); write {min_years} so it follows the parameter when it changes"
            ])
        #expect(warnings.allSatisfy { $0.severity == .warning })
    }

    @Test func aNumberNamingSomethingIsNotAnAmount() throws {
        let lib = Self.library(title: "Named on a section 3 report", description: "How many years.")
        #expect(!lib.diagnostics.contains { $0.id == "rules.number-not-parameter" })
    }
}
