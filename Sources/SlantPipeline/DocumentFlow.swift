import SlantClean
import SlantCore
import SlantIngest

/// A cleaned article with the raw document it came from.
public struct CleanedDocument: Sendable {
    public var raw: RawDocument
    public var article: Article
    /// The outlet the article is counted under.
    public var outlet: String

    /// The article's identifier: the one its input gave, else the first 16 hex digits of the
    /// SHA-256 of what was extracted (body, title, URL, date). It names the article, not the page:
    /// the same article served in two page layouts has one id, and computing it costs a digest of
    /// a few kilobytes, not of the whole page.
    public var id: String { Self.articleID(article, given: raw.metadata.id) }

    /// The id an input gave, else the first 16 hex digits of the SHA-256 of the extracted article.
    public static func articleID(_ article: Article, given: String?) -> String {
        if let given { return given }
        let metadata = article.metadata
        return ContentDigest(ofParts: [article.body, metadata.title ?? "", metadata.url ?? "", metadata.published ?? ""])
            .prefix(16)
    }
}

/// Carries one input file through ingest and clean: the part of the pipeline every command shares.
public struct DocumentFlow: Sendable {
    public var ingest: IngestStage
    public var clean: CleanStage
    private let reader = FileReader()

    public init(ingest: IngestStage = IngestStage(), clean: CleanStage = CleanStage()) {
        self.ingest = ingest
        self.clean = clean
    }

    /// Cleans one raw document, with its outlet.
    public func clean(_ raw: RawDocument) -> Result<CleanedDocument, DocumentError> {
        Result { () throws(DocumentError) -> CleanedDocument in
            let article = try clean.process(raw)
            let outlet = OutletResolver.outlet(hint: raw.outletHint, metadata: article.metadata, source: raw.source)
            return CleanedDocument(raw: raw, article: article, outlet: outlet)
        }
    }

    /// Reads, ingests and cleans one file; a `.jsonl` file gives one result per record, a WARC file one
    /// per HTML response (and per record that cannot be read), all held: ``InputBatches`` streams WARC
    /// files instead.
    public func process(_ file: DiscoveredFile) -> [Result<CleanedDocument, DocumentError>] {
        if file.format.isArchive {
            var results: [Result<CleanedDocument, DocumentError>] = []
            let read = WARCIngest(maxDocumentBytes: ingest.maxDocumentBytes).forEach(absolutePath: file.absolutePath, path: file.path) { item in
                switch item {
                case .document(let raw): results.append(clean(raw))
                case .failure(let error): results.append(.failure(error))
                case .skipped, .filtered: break
                }
            }
            if case .failure(let error) = read { return [.failure(error)] }
            return results
        }
        let input: InputFile
        switch reader.read(file, maxBytes: ingest.readLimit(for: file.format)) {
        case .success(let read): input = read
        case .failure(let error): return [.failure(error)]
        }
        let documents: [Result<RawDocument, DocumentError>]
        do {
            documents = try ingest.process(input)
        } catch {
            return [.failure(error)]
        }
        return documents.map { result in
            result.flatMap { raw in
                Result { () throws(DocumentError) -> CleanedDocument in
                    let article = try clean.process(raw)
                    let outlet = OutletResolver.outlet(hint: raw.outletHint, metadata: article.metadata, source: raw.source)
                    return CleanedDocument(raw: raw, article: article, outlet: outlet)
                }
            }
        }
    }
}
