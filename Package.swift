// swift-tools-version: 6.1
//
// Slant: a source-bias and framing analysis pipeline for news.
// One target per pipeline stage; dependencies point one way, from the `slant`
// tool at the top down to `SlantCore` at the bottom (see DESIGN in README).
import PackageDescription

let package = Package(
    name: "Slant",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "slant", targets: ["slant"]),
        .library(name: "SlantPipeline", targets: ["SlantPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        .target(
            name: "SlantCore",
            dependencies: ["CLibCrypto", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "SlantIngest", dependencies: ["SlantCore", "CZlib"]),
        .target(name: "SlantClean", dependencies: ["SlantCore", "CLibXML2"]),
        .target(name: "SlantText", dependencies: ["SlantCore"]),
        .target(name: "SlantTag", dependencies: ["SlantCore", "SlantText"]),
        .target(name: "SlantModel", dependencies: ["SlantCore", "SlantText", "SlantValidate"]),
        .target(name: "SlantMeasure", dependencies: ["SlantCore"]),
        .target(name: "SlantValidate", dependencies: ["SlantCore", "SlantMeasure"]),
        .target(name: "SlantOrigin", dependencies: ["SlantCore", "SlantMeasure"]),
        .target(name: "SlantReport", dependencies: ["SlantCore", "SlantMeasure", "SlantValidate", "SlantOrigin"]),
        .target(
            name: "SlantStore",
            dependencies: ["SlantCore", "SlantMeasure", "SlantValidate", "SlantOrigin", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "SlantPipeline",
            dependencies: [
                "SlantCore", "SlantIngest", "SlantClean", "SlantText", "SlantTag",
                "SlantMeasure", "SlantModel", "SlantReport", "SlantStore", "SlantValidate", "SlantOrigin",
            ]
        ),
        // PostgreSQL as the shared store and work queue of `slant worker` (the only target that depends on NIO).
        .target(
            name: "SlantPostgres",
            dependencies: [
                "SlantCore", "SlantStore", "SlantPipeline", .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .executableTarget(
            name: "slant",
            dependencies: [
                "SlantPipeline", "SlantCore", "SlantTag", "SlantReport", "SlantModel", "SlantValidate", "SlantOrigin", "SlantPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "origin-bench", dependencies: ["SlantOrigin", "SlantText", "SlantMeasure", "SlantCore"], path: "bench/origin"),
        // Benchmark of the kept Poisson bootstrap sums at 100,000 and 1,000,000 synthetic articles (README, "Measured").
        .executableTarget(name: "slant-replicate-bench", dependencies: ["SlantMeasure", "SlantCore"], path: "bench/ReplicateBench"),
        .testTarget(name: "SlantCoreTests", dependencies: ["SlantCore"]),
        .testTarget(name: "SlantCleanTests", dependencies: ["SlantClean", "SlantIngest"]),
        .testTarget(name: "SlantTextTests", dependencies: ["SlantText"]),
        .testTarget(name: "SlantMeasureTests", dependencies: ["SlantMeasure", "SlantCore"]),
        .testTarget(name: "SlantModelTests", dependencies: ["SlantModel", "SlantText", "SlantCore"]),
        .testTarget(name: "SlantTagTests", dependencies: ["SlantTag", "SlantText", "SlantCore"]),
        .testTarget(name: "SlantIngestTests", dependencies: ["SlantIngest", "SlantCore", "CZlib"]),
        .testTarget(name: "SlantValidateTests", dependencies: ["SlantValidate", "SlantMeasure", "SlantCore"]),
        .testTarget(name: "SlantOriginTests", dependencies: ["SlantOrigin", "SlantText", "SlantMeasure", "SlantCore"]),
        .testTarget(name: "SlantReportTests", dependencies: ["SlantReport", "SlantMeasure", "SlantCore"]),
        .testTarget(
            name: "SlantPostgresTests",
            dependencies: ["SlantPostgres", "SlantPipeline", "SlantCore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(
            name: "SlantPipelineTests",
            dependencies: ["SlantPipeline", "SlantStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
