import ArgumentParser
import Eligo

/// `eligo rules doc [DIR]`: the criteria as a document applicants can read.
struct RulesDocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "Write the criteria as a readable document (Markdown or HTML) from the rule files.",
        discussion: """
            For each rule: its title, its plain-language statement with the parameters filled in, and \
            its citation; then the tables of figures the rules use. By default the document is what an \
            applicant would be assessed against today: the applicant record kind's rules in force today \
            (the newest version if none is). --kind picks another record kind, --as-of another date \
            (e.g. --as-of 2014-11-01 for the 2014-15 round), --all every version of every rule set.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, html }

    @OptionGroup var folder: RulesFolder

    @Option(help: "Output format: markdown, or html (one self-contained page).")
    var format: Format = .markdown

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Write the versions in force on this date (YYYY-MM-DD).", valueName: "date"))
    var asOf: Day?

    @Option(help: "The record kind whose rules to write (default: the applicant kind, lle-application).")
    var kind: String?

    @Flag(help: "Write every version of every rule set.")
    var all = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the document to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let dir = try folder.resolve()
        let library = try folder.rulesOption.load(directory: dir, colour: ColourChoice.auto.enabled(for: 2))
        var sets = library.ruleSets
        if let kind = kind ?? (all ? nil : library.applicantKind) {
            sets = sets.filter { $0.kind == kind }
            if sets.isEmpty {
                printError("eligo: no rule set checks records of kind '\(kind)'; the rules cover: \(library.kinds.joined(separator: ", "))")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
        }
        if !all && asOf == nil, case let today = Day.today, sets.contains(where: { $0.isInForce(on: today) }) {
            sets = sets.filter { $0.isInForce(on: today) }
        } else if let asOf {
            sets = sets.filter { $0.isInForce(on: asOf) }
            if sets.isEmpty {
                printError(
                    "eligo: no rule set is in force on \(asOf); the rules have: \(library.ruleSets.map({ $0.versionDescription }).joined(separator: "; "))"
                )
                throw ExitCode(ExitStatus.failed.rawValue)
            }
        } else if !all {
            // The newest version of each rule set.
            var newest: [String: RuleSet] = [:]
            for s in sets {
                if let n = newest[s.id], (n.effectiveFrom?.ordinal ?? .min, n.version) >= (s.effectiveFrom?.ordinal ?? .min, s.version) { continue }
                newest[s.id] = s
            }
            sets = sets.filter { s in newest[s.id].map { $0.version == s.version } ?? false }
        }
        sets.sort { ($0.id, $0.effectiveFrom?.ordinal ?? .min, $0.version) < ($1.id, $1.effectiveFrom?.ordinal ?? .min, $1.version) }
        let documents = sets.map(CriteriaDocument.init(ruleSet:))
        switch format {
        case .markdown: try emit(MarkdownCriteriaRenderer.render(documents), to: output)
        case .html: try emit(HTMLCriteriaRenderer.render(documents), to: output)
        }
    }
}
