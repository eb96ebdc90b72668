import ArgumentParser
import Eligo

/// `eligo new KIND`: a commented record template to fill in, made from the kind's schema.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Print a record template to fill in (e.g. eligo new lle-application > me.yaml).",
        discussion: "Every field is listed with its label, help and what it should be; every value is left empty. "
            + "'eligo check' accepts the template as it stands, as incomplete, and says what is still needed.")

    @Argument(help: ArgumentHelp("The record kind (default: the only applicant kind, lle-application).", valueName: "kind"))
    var kind: String?

    @OptionGroup var rulesOption: RulesOption

    func run() throws {
        let library = try rulesOption.load(colour: false)
        let kinds = library.schemas.keys.sorted()
        let chosen = kind ?? library.applicantKind ?? ""
        guard let schema = library.schemas[chosen] else {
            let meant = Suggestion.closest(to: chosen, in: kinds).map { " Did you mean '\($0)'?" } ?? ""
            printError("eligo: there is no record kind '\(chosen)'.\(meant) The kinds are: \(kinds.joined(separator: ", ")).")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        writeOut(RecordTemplate.yaml(for: schema))
    }
}
