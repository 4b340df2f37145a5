import Foundation
@testable import SlantReport
import Testing

/// A report set is switched in as a whole, written only where Slant may write, and every failure is
/// an error with its path that leaves the previous set and no staging behind.
@Suite struct ReportWriterTests {
    /// A fresh parent directory and the report directory's path in it.
    private func place() throws -> (parent: URL, reports: URL) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("slant-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        return (parent, parent.appendingPathComponent("reports"))
    }

    private func text(_ url: URL, _ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    private func staging(_ parent: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.contains(".slant-staging-") }
    }

    @Test func aNewSetReplacesTheOldOneWholeAndKeepsWhatOthersPutThere() throws {
        let (parent, reports) = try place()
        defer { try? FileManager.default.removeItem(at: parent) }
        let writer = ReportWriter(directory: reports.path)
        try writer.write([ReportFile(path: "index.html", contents: "1"), ReportFile(path: "data/old.csv", contents: "old")])
        try "mine".write(to: reports.appendingPathComponent("notes.txt"), atomically: false, encoding: .utf8)
        try writer.write([ReportFile(path: "index.html", contents: "2"), ReportFile(path: "data/new.csv", contents: "new")])
        #expect(try text(reports, "index.html") == "2")
        #expect(try text(reports, "data/new.csv") == "new")
        #expect(!FileManager.default.fileExists(atPath: reports.appendingPathComponent("data/old.csv").path))
        #expect(try text(reports, "notes.txt") == "mine")
        #expect(try text(reports, ".slant-files") == "data/new.csv\nindex.html\n")
        #expect(try staging(parent).isEmpty)
    }

    @Test func aDirectoryHoldingOtherFilesTheRootAndHomeAreRefused() throws {
        let (parent, reports) = try place()
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        try "keep".write(to: reports.appendingPathComponent("thesis.tex"), atomically: false, encoding: .utf8)
        let error = #expect(throws: ReportWriteError.self) {
            try ReportWriter(directory: reports.path).write([ReportFile(path: "index.html", contents: "x")])
        }
        #expect(error?.reason.contains("holds files Slant did not write (thesis.tex)") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports.path) == ["thesis.tex"])
        for forbidden in ["/", ProcessInfo.processInfo.environment["HOME"] ?? "/root"] {
            #expect(throws: ReportWriteError.self) { try ReportWriter(directory: forbidden).write([]) }
        }
        // An empty directory is fine.
        let empty = parent.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try ReportWriter(directory: empty.path).write([ReportFile(path: "index.html", contents: "x")])
        #expect(try text(empty, "index.html") == "x")
    }

    @Test func nothingIsDeletedThroughASymbolicLink() throws {
        let (parent, reports) = try place()
        defer { try? FileManager.default.removeItem(at: parent) }
        let elsewhere = parent.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try "precious".write(to: elsewhere.appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
        let writer = ReportWriter(directory: reports.path)
        try writer.write([ReportFile(path: "index.html", contents: "1")])
        try FileManager.default.createSymbolicLink(at: reports.appendingPathComponent("data"), withDestinationURL: elsewhere)
        try writer.write([ReportFile(path: "index.html", contents: "2")])
        try writer.write([ReportFile(path: "index.html", contents: "3")])
        #expect(try text(elsewhere, "index.html") == "precious")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: reports.appendingPathComponent("data").path) == elsewhere.path)
        // A report directory that is itself a link is refused, not replaced.
        let linked = parent.appendingPathComponent("linked")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: elsewhere)
        #expect(throws: ReportWriteError.self) { try ReportWriter(directory: linked.path).write([]) }
        #expect(try text(elsewhere, "index.html") == "precious")
    }

    @Test func aFullDiskIsAnErrorWithThePathNotATrap() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let error = #expect(throws: ReportWriteError.self) {
            var sink = try FileSink(path: "/dev/full")
            try sink.append(String(repeating: "x", count: 1 << 17))
            try sink.close()
        }
        #expect(error?.path == "/dev/full")
        #expect(error?.reason == "No space left on device")
    }

    @Test func stagingLeftByAKilledWriteIsRemovedByTheNext() throws {
        let (parent, reports) = try place()
        defer { try? FileManager.default.removeItem(at: parent) }
        // A process id that is not running (the largest possible, above the kernel's pid_max).
        let abandoned = parent.appendingPathComponent(".reports.slant-staging-2147483646-1")
        try FileManager.default.createDirectory(at: abandoned.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data(count: 1 << 20).write(to: abandoned.appendingPathComponent("data/evidence.csv"))
        try ReportWriter(directory: reports.path).write([ReportFile(path: "index.html", contents: "x")])
        #expect(try staging(parent).isEmpty)
        #expect(try text(reports, "index.html") == "x")
    }
}
