import Eligo
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rule library the server decides with, swapped whole when the rules folder changes.
///
/// Policy staff edit rules without restarting the server: a change that loads
/// cleanly is in force for the next request; one that does not load leaves the
/// last good library serving, and its diagnostics go to the log. Each request
/// takes one snapshot, so a reload never changes the rules halfway through a decision.
public final class RulesStore: Sendable {
    /// What a reload did, for the log and for tests.
    public enum ReloadResult: Sendable, Equatable {
        case unchanged
        case loaded(digests: [String])
        /// The new files do not load; the last good rules keep serving.
        case rejected(errors: Int)
    }

    public let directory: String
    private let state: Mutex<State>

    private struct State {
        var library: RuleLibrary
        /// The library's fast reader of JSON records, made once per load (see JSONBodyChecker).
        var jsonReader: JSONBodyChecker
        var fingerprint: [String]
        var loadedAt: Int
        var lastRejection: [String]
    }

    /// Loads the rules folder; nil (with the library's diagnostics) when it does not load at start.
    public static func load(directory: String) -> Result<RulesStore, RuleLibraryLoadError> {
        let fingerprint = RulesStore.fingerprint(of: directory)
        let library = RuleLibrary.load(directory: directory)
        if library.hasErrors { return .failure(RuleLibraryLoadError(library: library)) }
        return .success(RulesStore(directory: directory, library: library, fingerprint: fingerprint))
    }

    init(directory: String, library: RuleLibrary, fingerprint: [String]) {
        self.directory = directory
        self.state = Mutex(
            State(
                library: library, jsonReader: JSONBodyChecker(library: library), fingerprint: fingerprint, loadedAt: Int(time(nil)), lastRejection: []
            ))
    }

    /// The library in force now.
    public var library: RuleLibrary { state.withLock { $0.library } }

    /// The fast JSON record reader of the library in force (`jsonReader.library` is that library).
    public var jsonReader: JSONBodyChecker { state.withLock { $0.jsonReader } }

    /// When the library in force was loaded (seconds since 1970), for `/v1/rulesets`.
    public var loadedAt: Int { state.withLock { $0.loadedAt } }

    /// The diagnostics of the last change that did not load (empty once a good one loads).
    public var lastRejection: [String] { state.withLock { $0.lastRejection } }

    /// Reloads when the folder's files changed since the last look (or always, with `force`,
    /// as SIGHUP asks). Loading happens outside the lock: requests keep the old library meanwhile.
    @discardableResult
    public func reload(force: Bool = false, logger: Logger? = nil) -> ReloadResult {
        let fingerprint = RulesStore.fingerprint(of: directory)
        let old = state.withLock { $0.fingerprint }
        if !force && fingerprint == old { return .unchanged }
        let library = RuleLibrary.load(directory: directory)
        if library.hasErrors {
            let text = DiagnosticFormatter(colour: false, sources: library.sources).format(library.diagnostics)
            let lines = text.split(separator: "\n").map(String.init)
            state.withLock {
                $0.fingerprint = fingerprint; $0.lastRejection = lines
            }
            let errors = library.diagnostics.filter { $0.severity == .error }.count
            logger?.error(
                "rules changed but do not load; the last good rules keep serving",
                metadata: [
                    "errors": "\(errors)", "diagnostics": "\(text)"
                ])
            return .rejected(errors: errors)
        }
        let digests = library.ruleSets.map({ $0.digest })
        let jsonReader = JSONBodyChecker(library: library)
        state.withLock {
            $0.library = library
            $0.jsonReader = jsonReader
            $0.fingerprint = fingerprint
            $0.loadedAt = Int(time(nil))
            $0.lastRejection = []
        }
        logger?.info("rules reloaded", metadata: ["digests": "\(digests.joined(separator: ","))"])
        return .loaded(digests: digests)
    }

    /// Each YAML file's path, size and modification time: cheap to take every second.
    static func fingerprint(of directory: String) -> [String] {
        guard let files = try? FileSystem.yamlFiles(under: directory) else { return ["<unreadable>"] }
        return files.map { path in
            var st = stat()
            guard stat(path, &st) == 0 else { return path }
            #if os(Linux)
            let modified = "\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
            #else
            let modified = "\(st.st_mtimespec.tv_sec).\(st.st_mtimespec.tv_nsec)"
            #endif
            return "\(path) \(st.st_size) \(modified)"
        }
    }
}

/// The rules folder did not load when the server started; `library` holds the diagnostics.
public struct RuleLibraryLoadError: Error, Sendable {
    public var library: RuleLibrary
}
