import Eligo
import Foundation
let lib = RuleLibrary.load(directory: CommandLine.arguments[1])
print(DiagnosticFormatter(sources: lib.sources).format(lib.diagnostics))
for f in CommandLine.arguments.dropFirst(2) {
  let bytes = [UInt8](FileManager.default.contents(atPath: f)!)
  for r in lib.check(bytes: bytes, path: f, options: CheckOptions(today: Day(iso: "2014-11-14")!)) {
    print(r.record.id ?? "-", r.decision, r.errors.map(\.located))
    for x in r.rules { print("  ", x.id, x.subject ?? "", x.outcome, x.message, x.needs, x.values.map { "\($0.path)=\($0.value)" }.prefix(4), x.passesFrom.map { "\($0)" } ?? "") }
  }
}
