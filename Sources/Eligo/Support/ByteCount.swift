/// Sizes in words, for messages about limits: "1 GiB", "64 MiB", "512 KiB", "10 bytes".
public enum ByteCount {
    public static func words(_ n: Int) -> String {
        if n >= 1 << 30 && n % (1 << 30) == 0 { return "\(n >> 30) GiB" }
        if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return n == 1 ? "1 byte" : "\(n) bytes"
    }
}
