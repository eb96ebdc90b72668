import EligoFuzzTargets
#if canImport(Glibc)
import Glibc
#endif

// The libFuzzer entry point of `eligo-fuzz` (built by `.ci/fuzz`): the target `ELIGO_FUZZ_TARGET`
// names, over the rules in `ELIGO_FUZZ_RULES` (default `rules`, run from the repository root).

/// Says why the fuzzer cannot start, on standard error, and exits.
func stop(_ message: String, status: Int32) -> Never {
    let line = Array("eligo-fuzz: \(message)\n".utf8)
    _ = line.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
    exit(status)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    setup.run(bytes)
    return 0
}

/// Made at the first input: the target and the rules every input is run against.
let setup: FuzzSetup = {
    let name = getenv("ELIGO_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        stop("set ELIGO_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map({ $0.rawValue }).joined(separator: ", "))", status: 64)
    }
    let rules = getenv("ELIGO_FUZZ_RULES").map { String(cString: $0) } ?? "rules"
    switch FuzzSetup.make(target: target, rules: rules, examples: "examples") {
    case .success(let setup): return setup
    case .failure(let error): stop(error.message + " (run from the repository root or set ELIGO_FUZZ_RULES)", status: 78)
    }
}()
