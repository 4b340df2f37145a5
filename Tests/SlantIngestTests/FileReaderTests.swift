import Foundation
import SlantCore
import Testing

@testable import SlantIngest

/// A discovered file at `relative` in `directory` (also the current directory).
func discovered(
    _ directory: TemporaryDirectory, _ relative: String, _ format: InputFormat = .html, outlet: String? = nil
)
    -> DiscoveredFile
{
    DiscoveredFile(
        path: relative, absolutePath: directory.absolute(relative), format: format, outlet: outlet,
        specificationIndex: 0)
}

@Suite struct FileReaderTests {
    @Test func readsTheBytes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bytes: [UInt8] = Array("<p>Արցախ</p>\n".utf8) + [0xFF, 0x00, 0x41]
        try directory.write("page.html", bytes: bytes)
        let result = FileReader().read(discovered(directory, "page.html", outlet: "Asbarez"), maxBytes: 1000)
        #expect(
            result
                == .success(
                    InputFile(
                        source: SourceLocator(path: "page.html"), format: .html, outletHint: "Asbarez", bytes: bytes)))
    }

    @Test func readsALargerFileWhole() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        try directory.write("big.txt", bytes: bytes)
        let result = FileReader().read(discovered(directory, "big.txt", .text), maxBytes: 300_000)
        #expect((try? result.get().bytes) == bytes)
    }

    @Test func emptyFileReadsAsNoBytes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("empty.html", bytes: [])
        let result = FileReader().read(discovered(directory, "empty.html"), maxBytes: 10)
        #expect((try? result.get().bytes) == [])
    }

    @Test func tooLargeIsRefusedBeforeReading() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("page.html", bytes: Array(repeating: 0x61, count: 100))
        let file = discovered(directory, "page.html")
        #expect(
            FileReader().read(file, maxBytes: 99)
                == .failure(
                    DocumentError(
                        source: SourceLocator(path: "page.html"), stage: "ingest",
                        reason: .tooLarge(bytes: 100, limit: 99))))
        #expect((try? FileReader().read(file, maxBytes: 100).get().bytes.count) == 100)
    }

    @Test func directoryPathIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.makeDirectory("looks-like.html")
        let error = DocumentError(
            source: SourceLocator(path: "looks-like.html"), stage: "ingest", reason: .unreadable("Is a directory"))
        #expect(FileReader().read(discovered(directory, "looks-like.html"), maxBytes: 100) == .failure(error))
        #expect(error.description == "looks-like.html: cannot read the file: Is a directory")
    }

    @Test func missingFileIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(
            FileReader().read(discovered(directory, "gone.html"), maxBytes: 100)
                == .failure(
                    DocumentError(
                        source: SourceLocator(path: "gone.html"), stage: "ingest",
                        reason: .unreadable("No such file or directory"))))
    }

    @Test func fifoIsUnreadableWithoutBlocking() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(mkfifo(directory.absolute("pipe.html"), 0o600) == 0)
        #expect(
            FileReader().read(discovered(directory, "pipe.html"), maxBytes: 100)
                == .failure(
                    DocumentError(
                        source: SourceLocator(path: "pipe.html"), stage: "ingest",
                        reason: .unreadable("not a regular file (a FIFO, socket or device)"))))
    }

    @Test(.enabled(if: getuid() != 0, "root reads files whatever their permissions"))
    func permissionDeniedIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("secret.html")
        #expect(chmod(directory.absolute("secret.html"), 0) == 0)
        #expect(
            FileReader().read(discovered(directory, "secret.html"), maxBytes: 100)
                == .failure(
                    DocumentError(
                        source: SourceLocator(path: "secret.html"), stage: "ingest",
                        reason: .unreadable("Permission denied"))))
    }
}
