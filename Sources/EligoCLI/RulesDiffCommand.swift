import ArgumentParser
import Eligo

/// `eligo rules diff OLD NEW`: the change note for a proposed edit to the rules.
struct RulesDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Say what changed between two rule folders or two versions: parameters, derived values, rules, citations.",
        discussion: """
            OLD and NEW are each a rules folder, a rule file (its folder is loaded), or a version of a rule set in \
            --rules: its version number (2014.1) or a date it is in force on (2016-12-01). \
            Exit status 0 (whatever differs); 66 when a folder or file is missing; 78 when rules do not load; 64 for wrong usage.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    @Argument(help: ArgumentHelp("The rules before: a folder, a rule file, a version (2014.1) or a date (YYYY-MM-DD).", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The rules after, given the same way.", valueName: "new"))
    var new: String

    @OptionGroup var rulesOption: RulesOption

    @Option(help: "Output format: text or markdown.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the change note to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let colour = ColourChoice.auto.enabled(for: 2)
        let before = try resolve(old, colour: colour)
        let after = try resolve(new, colour: colour)
        var diffs: [RuleSetDiff] = []
        var notes: [String] = []
        for pair in RuleSetDiff.pairs(old: before.library.ruleSets.filter(before.chosen), new: after.library.ruleSets.filter(after.chosen)) {
            switch (pair.old, pair.new) {
            // Two versions chosen in one folder: a rule set in force on both dates is not one of them.
            case (let o?, let n?) where before.isFolderChoice && after.isFolderChoice && o.digest == n.digest && o.files == n.files: continue
            case (let o?, let n?): diffs.append(RuleSetDiff(old: o, in: before.library, new: n, in: after.library))
            case (let o?, nil): notes.append("rule set \(o.id) \(o.version) is only in \(old)")
            case (nil, let n?): notes.append("rule set \(n.id) \(n.version) is only in \(new)")
            case (nil, nil): break
            }
        }
        if diffs.isEmpty && notes.isEmpty {
            printError("eligo: no rule set to compare between '\(old)' and '\(new)'")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        var text = RuleSetDiffRenderer.render(diffs, format == .markdown ? .markdown : .text)
        if !notes.isEmpty { text += (text.isEmpty ? "" : "\n") + notes.map { ($0.prefix(1).uppercased() + $0.dropFirst()) + ".\n" }.joined() }
        try emit(text, to: output)
    }

    /// The rules a side names, and which of their rule sets it means.
    private struct Side {
        var library: RuleLibrary
        var chosen: (RuleSet) -> Bool
        /// Chosen by version or date in --rules, not given as a folder or file.
        var isFolderChoice = false
    }

    private func resolve(_ spec: String, colour: Bool) throws -> Side {
        if FileSystem.isDirectory(spec) {
            return Side(library: try rulesOption.load(directory: spec, colour: colour), chosen: { _ in true })
        }
        if FileSystem.exists(spec) {
            let folder = spec.contains("/") ? String(spec[..<spec.lastIndex(of: "/")!]) : "."
            let library = try rulesOption.load(directory: folder, colour: colour)
            let file = spec.hasPrefix("./") ? String(spec.dropFirst(2)) : spec
            guard library.ruleSets.contains(where: { set in set.files.contains { $0 == spec || $0.hasSuffix("/" + file) } }) else {
                printError("eligo: '\(spec)' holds no rule set (it may be a schema or test file)")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
            return Side(library: library, chosen: { set in set.files.contains { $0 == spec || $0.hasSuffix("/" + file) } })
        }
        let dir = rulesOption.directory()
        guard FileSystem.isDirectory(dir) else {
            printError("eligo: cannot read the rules folder '\(dir)': no such folder")
            throw ExitCode(ExitStatus.missingInput.rawValue)
        }
        let library = try rulesOption.load(directory: dir, colour: colour)
        if let day = Day(iso: spec) {
            let inForce = library.ruleSets.filter { $0.isInForce(on: day) }
            guard !inForce.isEmpty else {
                printError(
                    "eligo: no rule set in '\(dir)' is in force on \(day); they are: \(library.ruleSets.map({ $0.versionDescription }).joined(separator: "; "))"
                )
                throw ExitCode(ExitStatus.usage.rawValue)
            }
            return Side(library: library, chosen: { set in set.isInForce(on: day) }, isFolderChoice: true)
        }
        guard library.ruleSets.contains(where: { $0.version == spec }) else {
            let looksLikePath = spec.contains("/") || spec.hasSuffix(".yaml") || spec.hasSuffix(".yml")
            printError(
                looksLikePath
                    ? "eligo: cannot read '\(spec)': no such file or folder"
                    : "eligo: '\(spec)' is not a folder, a rule file, a date or a version in '\(dir)' (versions: \(library.ruleSets.map({ $0.versionDescription }).joined(separator: "; ")))"
            )
            throw ExitCode(looksLikePath ? ExitStatus.missingInput.rawValue : ExitStatus.usage.rawValue)
        }
        return Side(library: library, chosen: { $0.version == spec }, isFolderChoice: true)
    }
}
