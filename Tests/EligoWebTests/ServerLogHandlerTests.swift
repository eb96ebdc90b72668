@testable import EligoWeb
import Logging
import Synchronization
import Testing

/// `eligo serve`'s log handler writes the lines swift-log's own stream handler would.
@Suite struct ServerLogHandlerTests {
    /// Collects what a `StreamLogHandler` writes.
    final class Lines: TextOutputStream, Sendable {
        let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
    }

    @Test func linesReadAsSwiftLogsOwn() {
        let lines = Lines()
        var theirs = StreamLogHandler(label: "eligo", stream: lines, metadataProvider: nil)
        var ours = ServerLogHandler(label: "eligo")
        ours.metadataProvider = nil
        for key in ["hb.request.id", "hb.request.method"] {
            theirs[metadataKey: key] = "\(key.count)"
            ours[metadataKey: key] = "\(key.count)"
        }
        let events = [
            LogEvent(
                level: .info, message: "decided", metadata: ["decision": "eligible", "micros": "84"], source: "EligoWeb",
                file: #fileID, function: #function, line: #line),
            LogEvent(level: .error, message: "rules rejected", metadata: nil, source: "EligoWeb", file: #fileID, function: #function, line: #line)
        ]
        for event in events {
            theirs.log(event: event)
            let line = ours.line(for: event)
            // Everything after the timestamp (which may tick over between the two) is the same.
            let written = lines.text.withLock { text in
                defer { text = "" }
                return text
            }
            #expect(line.drop { $0 != " " } == written.drop { $0 != " " })
            #expect(line.hasSuffix("\n"))
        }
        #expect(
            ours.line(for: events[0]).contains(" info eligo: decision=eligible hb.request.id=13 hb.request.method=17 micros=84 [EligoWeb] decided\n"))
    }
}
