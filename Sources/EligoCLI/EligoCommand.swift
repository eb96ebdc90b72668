import ArgumentParser
import Eligo

/// `eligo`: decide and explain eligibility from YAML rule files.
@main
struct EligoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligo",
        abstract: "Decide and explain eligibility from YAML rule files.",
        discussion: """
            Exit status: 0 eligible/compliant (or no problems), 1 not eligible/breach (or rule errors \
            for 'rules lint'), 2 incomplete, 64 wrong usage, 65 an input record invalid or unreadable, \
            66 an input file missing, 78 the rule files do not load. 'screen' exits 0 when every record was \
            decided, whatever the decisions (they are in its output), and 65 when a record is invalid.
            """,
        subcommands: [CheckCommand.self, ScreenCommand.self, NewCommand.self, RulesCommand.self, ServeCommand.self]
    )
}
