import ArgumentParser
import Eligo
import EligoWeb
import Logging

/// `eligo serve`: the applicants' self-check, the reviewers' page and the JSON API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web self-check, the reviewers' screening page and the JSON API.",
        discussion:
            "Open http://127.0.0.1:8080/ (or the --host/--port given). The rules folder is watched: a change that loads is in force for the next request; one that does not keeps the last good rules serving. SIGHUP reloads too; SIGTERM or Ctrl-C stops after the requests in flight."
    )

    @OptionGroup var rulesOption: RulesOption

    @Option(help: "The address to listen on (loopback by default; 0.0.0.0 opens the server to the network).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed when ready).")
    var port = 8080

    @Option(
        name: .customLong("max-screen-mb"), help: ArgumentHelp("Largest file POST /v1/screen and the reviewers' page take, in MiB.", valueName: "n"))
    var maxScreenMB = 16

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        if maxScreenMB < 1 || maxScreenMB > 4096 { throw ValidationError("--max-screen-mb must be from 1 to 4096") }
        if Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
    }

    func run() async throws {
        let directory = rulesOption.directory()
        let store: RulesStore
        switch RulesStore.load(directory: directory) {
        case .success(let s): store = s
        case .failure(let error):
            // The same diagnostics and exit status as every other command whose rules do not load.
            _ = try rulesOption.load(directory: directory, colour: ColourChoice.auto.enabled(for: 2))
            _ = error
            throw ExitCode(ExitStatus.rulesDoNotLoad.rawValue)
        }
        var logger = Logger(label: "eligo", factory: ServerLogHandler.init)
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        var configuration = ServeConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxScreenBytes = maxScreenMB << 20
        let app = EligoServer.application(store: store, configuration: configuration, logger: logger) { port in
            printError("eligo serve: ready on http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ (rules: \(directory))")
        }
        try await EligoServer.onEventLoops { try await app.runService() }
    }
}
