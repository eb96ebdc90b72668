import Foundation
import Testing

/// The library's folders refer to each other in one direction only: the order is the `layers`
/// block of docs/architecture.md, and this test reads it from there, so the document and the
/// code cannot drift apart. A dependency is a type declared in one folder and named in another.
@Suite("the engine's layers")
struct LayeringTests {
    static let library = TestRepo.path("Sources/Eligo")

    /// Folder → its line in the `layers` block (0 at the top of the block, the bottom layer).
    static func layers() throws -> [String: Int] {
        let doc = try TestRepo.text("docs/architecture.md")
        let start = try #require(doc.range(of: "```layers\n"), "docs/architecture.md has no layers block")
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        var out: [String: Int] = [:]
        for (level, line) in doc[start.upperBound..<end.lowerBound].split(separator: "\n").enumerated() {
            for folder in line.split(separator: " ") { out[String(folder)] = level }
        }
        return out
    }

    /// Each library source file: its folder (the first below Sources/Eligo) and its text with
    /// comments and string literals blanked out (a type named in a comment is no dependency).
    static func sources() throws -> [(file: String, folder: String, code: String)] {
        var out: [(String, String, String)] = []
        let files = try #require(FileManager.default.enumerator(atPath: library)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        for file in files.sorted() {
            let parts = file.split(separator: "/")
            let folder = parts.count > 1 ? String(parts[0]) : "(Sources/Eligo itself)"
            out.append((file, folder, strip(try String(contentsOfFile: library + "/" + file, encoding: .utf8))))
        }
        return out
    }

    static func strip(_ text: String) -> String {
        var s = text.replacingOccurrences(of: #"//[^\n]*"#, with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: #"/\*[\s\S]*?\*/"#, with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: #""""[\s\S]*?""""#, with: "\"\"", options: .regularExpression)
        return s.replacingOccurrences(of: #""(\\.|[^"\\\n])*""#, with: "\"\"", options: .regularExpression)
    }

    static func matches(_ pattern: String, in text: String, group: Int = 0) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: group), in: text).map { String(text[$0]) }
        }
    }

    /// Type name → the folder declaring it: top-level types (a nested one is named through its parent).
    static func declarations(_ files: [(file: String, folder: String, code: String)]) -> [String: String] {
        var out: [String: String] = [:]
        for f in files {
            for name in matches(
                #"^(?:(?:public|package|internal|private|fileprivate|final|indirect|nonisolated|@\w+)\s+)*(?:struct|enum|class|protocol|typealias|actor)\s+(\w+)"#,
                in: f.code, group: 1) where out[name] == nil
            {
                out[name] = f.folder
            }
        }
        return out
    }

    @Test func everyFolderHasALayer() throws {
        let layers = try Self.layers()
        let folders = Set(try Self.sources().map { $0.folder })
        #expect(
            folders.subtracting(layers.keys).isEmpty,
            "add these folders to the layers block of docs/architecture.md: \(folders.subtracting(layers.keys).sorted())")
        #expect(
            Set(layers.keys).subtracting(folders).isEmpty,
            "the layers block names folders that no longer exist: \(Set(layers.keys).subtracting(folders).sorted())")
    }

    @Test func noFolderRefersToOneOnItsLineOrAbove() throws {
        let layers = try Self.layers()
        let files = try Self.sources()
        let declared = Self.declarations(files)
        // The test can find what it looks for: Model declares Value, Evaluate names it.
        #expect(declared["Value"] == "Model" && declared["Evaluator"] == "Evaluate")
        var wrongWay: [String] = []
        var edges = 0
        for f in files {
            guard let level = layers[f.folder] else { continue }
            for name in Set(Self.matches(#"\b[A-Z]\w*\b"#, in: f.code)) {
                guard let home = declared[name], home != f.folder, let homeLevel = layers[home] else { continue }
                edges += 1
                if homeLevel >= level { wrongWay.append("Sources/Eligo/\(f.file) (\(f.folder)) names \(name), declared in \(home)/") }
            }
        }
        #expect(edges > 100, "the scan found almost no dependencies: is it reading the sources?")
        let report = wrongWay.sorted().joined(separator: "\n")
        #expect(wrongWay.isEmpty, "dependencies running the wrong way (docs/architecture.md, \"The layers\"):\n\(report)")
    }

    /// The recipes "how to add…" stay short: each names at most three source files.
    @Test func eachRecipeNamesAtMostThreeSourceFiles() throws {
        let doc = try TestRepo.text("docs/architecture.md")
        let recipes = doc.components(separatedBy: "\n### ").dropFirst()
        #expect(recipes.count >= 4)
        for recipe in recipes {
            let files = Set(Self.matches(#"Sources/[\w/+.]+\.swift"#, in: recipe))
            #expect(files.count <= 3, "\(recipe.prefix(40)): \(files.sorted())")
            for file in files { #expect(FileManager.default.fileExists(atPath: TestRepo.path(file)), "\(file) does not exist") }
        }
    }
}
