import Foundation

/// The engine's only file access: listing rule folders and reading bytes.
enum FileSystem {
    static func read(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    static func isDirectory(_ path: String) -> Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && dir.boolValue
    }

    /// Every `.yaml` / `.yml` file below a folder, sorted by path.
    static func yamlFiles(under directory: String) throws -> [String] {
        guard isDirectory(directory) else { throw CocoaError(.fileNoSuchFile) }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        guard let e = FileManager.default.enumerator(atPath: base) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") { out.append(base + "/" + rel) }
        }
        return out.sorted()
    }
}
