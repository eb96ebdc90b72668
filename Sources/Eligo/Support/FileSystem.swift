#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The engine's only file access: listing rule folders and reading bytes.
/// Written on the C library rather than Foundation, so that a one-record
/// check does not pay for loading Foundation and ICU at start-up.
public enum FileSystem {
    /// The most `read` takes from one file unless told otherwise: 64 MiB, the YAML loader's
    /// own limit (`YAMLLimits.maxInputBytes`). docs/limits.md lists it.
    public static let defaultReadLimit = 64 << 20

    /// The whole file, or nil when it cannot be opened or read. Reading stops one byte past
    /// `limit`, so that a source without end (`/dev/zero`, a FIFO that is never closed) cannot
    /// take all memory: a result longer than `limit` means the file is larger than it, and the
    /// caller reports that (`yaml.too-large`, `io.too-large`) with the limit.
    public static func read(_ path: String, limit: Int = defaultReadLimit) -> [UInt8]? {
        if isDirectory(path) { return nil }
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        let cap = limit < Int.max ? max(0, limit) + 1 : Int.max
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while out.count < cap {
            let want = min(buffer.count, cap - out.count)
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, want, f) }
            if n > 0 { out.append(contentsOf: buffer[0..<n]) }
            if n < want {
                if ferror(f) != 0 { return nil }
                break
            }
        }
        return out
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// The names (not paths) of the files directly in a folder whose names end with one of
    /// `suffixes`, sorted; hidden files are skipped, and a folder that cannot be read has none.
    public static func files(in folder: String, endingWith suffixes: [String]) -> [String] {
        guard let d = opendir(folder) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix("."), suffixes.contains(where: { name.lowercased().hasSuffix($0) }),
                !isDirectory(folder + "/" + name)
            {
                names.append(name)
            }
        }
        return names.sorted()
    }

    public struct NotADirectory: Error {}

    /// Every `.yaml` / `.yml` file below a folder, sorted by path.
    public static func yamlFiles(under directory: String) throws -> [String] {
        guard isDirectory(directory) else { throw NotADirectory() }
        let base = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        var out: [String] = []
        var pending = [base]
        while let dir = pending.popLast() {
            guard let d = opendir(dir) else { continue }
            defer { closedir(d) }
            while let entry = readdir(d) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." || name.hasPrefix(".") { continue }
                let path = dir + "/" + name
                if isDirectory(path) {
                    pending.append(path)
                } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    out.append(path)
                }
            }
        }
        return out.sorted()
    }
}
