// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "eligo",
    // Linux needs nothing more; on macOS, batch screening's work counter (`Atomic`) needs 15.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Eligo", targets: ["Eligo"]),
        .executable(name: "eligo", targets: ["EligoCLI"]),
    ],
    dependencies: [
        // The CLI's argument parsing, help and usage errors (exit 64): the standard, well-tested choice.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The one SSE2 instruction (`pmovmskb`) that CSV cell splitting needs, which Swift's SIMD types do not offer.
        .target(name: "CByteScan"),
        .target(name: "Eligo", dependencies: ["CLibYAML", "CByteScan"]),
        .executableTarget(
            name: "EligoCLI",
            dependencies: ["Eligo", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // A release `eligo` on Linux carries the Swift runtime inside it: it runs on a machine with no
            // Swift installed (a reviewer's), starts in 10 ms instead of 17, and its reference counting is
            // a direct call rather than one through the shared library's table (~10% less CPU screening).
            // FoundationEssentials, which the argument parser uses, needs its two helper libraries named.
            // (The linker's warning about `mktemp` comes from a temporary-file helper inside
            // FoundationEssentials, which eligo never calls.)
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims"],
                                          .when(platforms: [.linux], configuration: .release))]
        ),
        // Depends on the CLI so that `swift test` builds the `eligo` binary the end-to-end tests run.
        // Golden reports are read from the source tree by path, not as bundle resources.
        // The fuzz targets' code, compiled in every build so the tests replay saved findings through it;
        // only the libFuzzer executable around it is left to `.ci/fuzz` (see the end of this file).
        .target(name: "EligoFuzzTargets", dependencies: ["Eligo"]),
        .testTarget(name: "EligoTests", dependencies: ["Eligo", "EligoCLI", "EligoFuzzTargets"],
                    exclude: ["Golden", "Fuzz/Findings"]),
    ]
)

// The libFuzzer targets (docs/fuzzing.md): declared only when `ELIGO_FUZZ=1`, so the normal build
// and `swift test` never compile them; `.ci/fuzz` builds them with -sanitize=fuzzer,address.
if Context.environment["ELIGO_FUZZ"] == "1" {
    package.targets += [
        // SwiftPM wants `EligoFuzz_main`; this C file defines it and starts libFuzzer's driver.
        .target(name: "CEligoFuzzMain"),
        .executableTarget(name: "EligoFuzz", dependencies: ["EligoFuzzTargets", "CEligoFuzzMain"]),
    ]
    package.products += [.executable(name: "eligo-fuzz", targets: ["EligoFuzz"])]
}
