// swift-tools-version: 6.1
//
// A libFuzzer target for Slant's ingest → clean → segment → tag → measure path (see README.md
// here). Its own package, so that the main build never needs the fuzzer runtime.
import Foundation
import PackageDescription

/// Slant's own directory; SwiftPM names a package reached by path after its directory.
let slant = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "SlantFuzz",
    dependencies: [.package(path: slant.path)],
    targets: [
        .executableTarget(
            name: "SlantFuzz",
            dependencies: [.product(name: "SlantPipeline", package: slant.lastPathComponent)],
            // libFuzzer brings `main` (built with `-sanitize=fuzzer`, see build.sh): the target has
            // no top-level code and Swift must not emit a `main` of its own.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ]
)
