import Eligo
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `eligo serve` runs: where it listens, its limits, and how it watches the rules.
public struct ServeConfiguration: Sendable {
    /// Loopback by default: the server is opened to a network only on purpose.
    public var host = "127.0.0.1"
    public var port = 8080
    /// The largest record `POST /v1/check` and the self-check form take.
    public var maxCheckBytes = 1 << 20
    /// The largest upload `POST /v1/screen` and the reviewers' page take.
    public var maxScreenBytes = 16 << 20
    /// Parallel workers for one screening upload.
    public var screenJobs = 2
    /// How often the rules folder is looked at for changes (nil: only on SIGHUP).
    public var watchInterval: Duration? = .seconds(1)
    /// Time allowed to an idle or slow connection before it is closed.
    public var idleTimeoutSeconds: Int64 = 30
    /// The date a record is assessed on when neither it nor the request names one.
    public var today: @Sendable () -> Day = { Day(ordinal: time(nil) / 86_400) }

    public init() {}
}

/// Builds the `eligo serve` application: routes, middleware, and the rules watcher.
public enum EligoServer {
    /// The router with every page and API route, for the server and for in-process tests.
    public static func router(store: RulesStore, configuration: ServeConfiguration, logger: Logger) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        // Outermost first: the security headers go on every response, error responses included.
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorBoundaryMiddleware(logger: logger))
        API(store: store, configuration: configuration, logger: logger).addRoutes(to: router)
        Pages(store: store, configuration: configuration, logger: logger).addRoutes(to: router)
        return router
    }

    /// The application: the router, the rules watcher, and graceful shutdown on SIGTERM/SIGINT
    /// (requests in flight finish; no new ones are accepted).
    public static func application(
        store: RulesStore, configuration: ServeConfiguration, logger: Logger,
        onReady: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(store: store, configuration: configuration, logger: logger),
            server: .http1(configuration: .init(idleTimeout: .seconds(configuration.idleTimeoutSeconds))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "eligo"),
            services: [RulesWatcher(store: store, interval: configuration.watchInterval, logger: logger)],
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? configuration.port) },
            logger: logger
        )
    }
}

/// Reloads the rules when their files change (looked at every `interval`) and on SIGHUP.
struct RulesWatcher: Service {
    let store: RulesStore
    let interval: Duration?
    let logger: Logger

    func run() async throws {
        // A reload parses and checks every rule file (tens of milliseconds): on Swift's own
        // threads, not on an event loop whose requests would wait for it (`onEventLoops`).
        await withTaskExecutorPreference(globalConcurrentExecutor) { await watch() }
    }

    private func watch() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sighup) {
                    if Task.isCancelled { return }
                    logger.info("SIGHUP: reloading the rules")
                    store.reload(force: true, logger: logger)
                }
            }
            if let interval {
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        if Task.isCancelled { return }
                        store.reload(logger: logger)
                    }
                }
            }
            // Stop looking when the server shuts down.
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }
}
