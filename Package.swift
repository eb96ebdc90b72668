// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "eligo",
    // Linux needs nothing more; on macOS, batch screening's work counter (`Atomic`) needs 15.
    // (System calls go through Glibc or Darwin alike; CI builds and tests on Linux only.)
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Eligo", targets: ["Eligo"]),
        .executable(name: "eligo", targets: ["EligoCLI"])
    ],
    dependencies: [
        // The CLI's argument parsing, help and usage errors (exit 64): the standard, well-tested choice.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `eligo serve`'s HTTP server (the self-check pages and the JSON API) and its in-process test client.
        // Without its default traits: eligo needs neither swift-configuration nor full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // `eligo serve`'s graceful shutdown on SIGTERM/SIGINT (Hummingbird's application runs as a service).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // HTTP field names and statuses for `eligo serve`'s responses (the types Hummingbird's API is written in).
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // ByteBuffer, the body type of Hummingbird's requests and responses; the event loops the server's tasks run on.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // `eligo serve`'s structured logs (decision, digest and timing; never record content).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2")
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
        // The web layer of `eligo serve`: kept out of `Eligo` so the core library and its fast paths carry no
        // server, and a library (not the CLI) so tests drive the application in process.
        .target(
            name: "EligoWeb",
            dependencies: [
                "Eligo",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio")
            ]),
        .executableTarget(
            name: "EligoCLI",
            dependencies: [
                "Eligo", "EligoWeb", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log")
            ],
            // A release `eligo` on Linux carries the Swift runtime inside it: it runs on a machine with no
            // Swift installed (a reviewer's), starts in 10 ms instead of 17, and its reference counting is
            // a direct call rather than one through the shared library's table (~10% less CPU screening).
            // FoundationEssentials, which the argument parser uses, needs its two helper libraries named.
            // (The linker's warning about `mktemp` comes from a temporary-file helper inside
            // FoundationEssentials, which eligo never calls.)
            linkerSettings: [
                .unsafeFlags(
                    ["-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims"],
                    .when(platforms: [.linux], configuration: .release))
            ]
        ),
        // Depends on the CLI so that `swift test` builds the `eligo` binary the end-to-end tests run.
        // Golden reports are read from the source tree by path, not as bundle resources.
        // The fuzz targets' code, compiled in every build so the tests replay saved findings through it;
        // only the libFuzzer executable around it is left to `.ci/fuzz` (see the end of this file).
        .target(name: "EligoFuzzTargets", dependencies: ["Eligo"]),
        .testTarget(
            name: "EligoTests", dependencies: ["Eligo", "EligoCLI", "EligoFuzzTargets"],
            exclude: ["Golden", "Fuzz/Findings"]),
        .testTarget(
            name: "EligoWebTests",
            dependencies: [
                "EligoWeb",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio")
            ])
    ]
)

// The libFuzzer targets (docs/fuzzing.md): declared only when `ELIGO_FUZZ=1`, so the normal build
// and `swift test` never compile them; `.ci/fuzz` builds them with -sanitize=fuzzer,address.
if Context.environment["ELIGO_FUZZ"] == "1" {
    package.targets += [
        // SwiftPM wants `EligoFuzz_main`; this C file defines it and starts libFuzzer's driver.
        .target(name: "CEligoFuzzMain"),
        .executableTarget(name: "EligoFuzz", dependencies: ["EligoFuzzTargets", "CEligoFuzzMain"])
    ]
    package.products += [.executable(name: "eligo-fuzz", targets: ["EligoFuzz"])]
}
