// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "crontui",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crontui", targets: ["CronTUI"]),
        .library(name: "Engine", targets: ["Engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // C APIs from Debian's -dev packages, each behind a small header of prefixed shims.
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "Engine",
            dependencies: [
                "CHiredis",
                "CPostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The HTTP executor speaks NIO (AsyncHTTPClient) and writes JSON into its buffers.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // The demo target (`crontui demo`, `make run`) and the loopback HTTP server the benchmarks
        // and tests aim at: small NIO servers on 127.0.0.1, kept out of the engine library.
        .target(
            name: "Demo",
            dependencies: [
                "Engine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The HTTP API, /metrics and access control: a library so tests can start it on a port of their own.
        .target(
            name: "API",
            dependencies: [
                "Engine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                // The API's connection guards sit next to the HTTP/1 decoder.
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // Written by scripts/openapi.py; embedded so the binary serves it without a resource bundle.
            resources: [.embedInCode("Resources/openapi.json")]
        ),
        // What the commands share: connection flags, the one-line errors and their exit codes.
        .target(
            name: "CommandSupport",
            dependencies: [
                "Engine", .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `crontui bench ...` (but the dashboard's, which drives the dashboard): they measure the
        // engine's parts directly, so they live apart from the front ends.
        .target(
            name: "Bench",
            dependencies: [
                "Engine", "Demo", "CommandSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "CronTUI",
            dependencies: [
                "Engine",
                "Demo",
                "CommandSupport",
                "Bench",
                "API",
                "CNcurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // What the test targets share: where the services are, fixtures, running the real binary.
        .target(
            name: "TestSupport", dependencies: ["Engine", "Demo", .product(name: "Logging", package: "swift-log")], path: "Tests/TestSupport"),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Demo", "TestSupport"]),
        .testTarget(name: "CronTUITests", dependencies: ["CronTUI", "Engine", "Demo", "TestSupport"]),
        .testTarget(
            name: "APITests",
            dependencies: [
                "API",
                "Engine",
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
