import Foundation

/// Runs the built `slant` binary, as users and evaluations do.
struct SlantProcess {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `slant` executable next to the test bundle (built by `swift test`).
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("slant")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return package.appendingPathComponent(".build/debug/slant")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? package
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so that a large output cannot block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }
}

/// A temporary directory removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("slant-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ contents: String) throws -> URL {
        try write(name, Data(contents.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }
}

func jsonObject(_ line: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
}

/// A copy of the bundled corpus, lexicons and configuration in a temporary directory.
func bundledProject() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    for item in ["corpus", "lexicons", "pipeline.yaml"] {
        try FileManager.default.copyItem(
            at: SlantProcess.package.appendingPathComponent(item), to: directory.url.appendingPathComponent(item))
    }
    return directory
}

/// `reports/statistics.json` without the lines that hold the time of the run.
func statisticsLines(_ directory: TemporaryDirectory) throws -> [String] {
    let text = try String(contentsOf: directory.url.appendingPathComponent("reports/statistics.json"), encoding: .utf8)
    return text.split(separator: "\n").map(String.init).filter { !$0.contains("generated") }
}

/// A `slant` process whose output is read while it runs.
final class RunningSlant: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var outputText = ""
    private var errorText = ""
    private let group = DispatchGroup()

    init(_ arguments: [String], in directory: URL) throws {
        process.executableURL = SlantProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        for (pipe, isError) in [(out, false), (err, true)] {
            group.enter()
            DispatchQueue.global().async { [self] in
                while true {
                    let data = pipe.fileHandleForReading.availableData
                    if data.isEmpty { break }
                    lock.lock()
                    if isError { errorText += String(decoding: data, as: UTF8.self) } else { outputText += String(decoding: data, as: UTF8.self) }
                    lock.unlock()
                }
                group.leave()
            }
        }
    }

    var stdout: String { lock.lock(); defer { lock.unlock() }; return outputText }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return errorText }

    /// Waits until the output (or error output) satisfies `condition`, or the process ends, or `timeout` passes.
    @discardableResult
    func wait(timeout: Double = 120, until condition: (String, String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(stdout, stderr) { return true }
            if !process.isRunning { return condition(stdout, stderr) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the process to end and its output to be read; its exit status.
    func finish() -> Int32 {
        process.waitUntilExit()
        group.wait()
        return process.terminationStatus
    }
}
