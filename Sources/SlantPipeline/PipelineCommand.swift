import Foundation
import SlantClean
import SlantCore
import SlantIngest
import SlantMeasure
import SlantReport
import SlantTag
import SlantText

/// What one `slant run` did.
public struct RunSummary: Sendable {
    public var found = 0
    public var analysed = 0
    public var failed = 0
    public var reportDirectory = ""
}

/// `slant run`: every stage from the sources of `pipeline.yaml` to `reports/`.
public struct PipelineRun: Sendable {
    public var configuration: PipelineConfiguration
    public var jobs: Int

    public init(configuration: PipelineConfiguration, jobs: Int = Parallel.availableCores) {
        self.configuration = configuration
        self.jobs = jobs
    }

    /// Runs the pipeline, reporting progress and problems on `errors`.
    public func run(errors: OutputStream) throws -> RunSummary {
        let discovery = try FileDiscovery().files(for: configuration)
        for warning in discovery.warnings { errors.line("slant: \(warning)") }
        let flow = DocumentFlow(
            ingest: IngestStage(configuration: configuration),
            clean: CleanStage(minimumWords: 10))
        let lexicons = try LexiconFiles.load(for: configuration)
        let segment = SegmentStage()
        let tag = TagStage(lexicons: lexicons)
        let measure = MeasureStage()

        var measures: [ArticleMeasures] = []
        var excluded: [ExcludedDocument] = discovery.failures.map(ExcludedDocument.init)
        let files = discovery.files
        let batchSize = max(16, jobs * 8)
        var start = 0
        while start < files.count {
            let batch = Array(files[start..<min(start + batchSize, files.count)])
            let results = Parallel.map(batch, jobs: jobs) { file -> [Result<ArticleMeasures, DocumentError>] in
                flow.process(file).map { cleaned in
                    cleaned.flatMap { document in
                        Result { () throws(DocumentError) -> ArticleMeasures in
                            let tagged = try tag.process(try segment.process(document.article))
                            return try measure.process(
                                MeasureInput(id: document.id, outlet: document.outlet, digest: document.raw.digest, tagged: tagged))
                        }
                    }
                }
            }
            for result in results.joined() {
                switch result {
                case .success(let article): measures.append(article)
                case .failure(let error):
                    excluded.append(ExcludedDocument(error))
                    errors.line("slant: \(error.source): \(error.reason)")
                }
            }
            start += batchSize
        }

        let tables = try AggregateStage().process(
            AggregateStage.Input(measures: measures, excluded: excluded, facts: LexiconFacts(lexicons)))
        let provenance = ReportProvenance(
            slantVersion: SlantVersion.current, configurationFile: configuration.file,
            configurationDigest: configuration.fileDigest, lexicons: lexicons.map { LexiconProvenance(path: $0.path, id: $0.id, version: $0.version, digest: $0.digest) },
            generatedAt: ISO8601DateFormatter().string(from: Date()))
        let reportFiles = try ReportStage().process(ReportStage.Input(tables: tables, provenance: provenance))
        let reportDirectory = configuration.resolve(configuration.reports)
        try ReportWriter(directory: reportDirectory).write(reportFiles)
        return RunSummary(
            found: measures.count + excluded.count, analysed: measures.count, failed: excluded.count,
            reportDirectory: reportDirectory)
    }
}

/// The command-line face of ``PipelineRun``: loads the configuration, runs, prints the summary.
public enum PipelineCommand {
    public static func run(
        configurationPath: String, full: Bool, jobs: Int, output: OutputStream, errors: OutputStream
    ) -> Int32 {
        defer {
            output.flush()
            errors.flush()
        }
        let configuration: PipelineConfiguration
        do {
            configuration = try ConfigurationLoader.load(configurationPath)
        } catch {
            errors.line(error.description.hasPrefix(configurationPath) ? error.description : "slant: \(error)")
            return 2
        }
        do {
            let summary = try PipelineRun(configuration: configuration, jobs: jobs).run(errors: errors)
            output.line(
                "\(summary.found) found · \(summary.analysed) analysed · \(summary.failed) failed · reports in \(summary.reportDirectory)/")
            return 0
        } catch let error as ConfigurationErrors {
            errors.line(error.description)
            return 2
        } catch let error as LexiconFiles.Failure {
            errors.line(error.description)
            return 2
        } catch {
            errors.line("slant: \(error)")
            return 1
        }
    }
}
