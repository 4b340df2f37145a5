import ArgumentParser
import Foundation
import SlantCore
import SlantPipeline
import SlantPostgres

/// `slant worker`: one of many processes, on one machine or many, analysing the units of a
/// PostgreSQL store's queue.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Analyse units (files) of the PostgreSQL store's queue until every one is done.",
        discussion: """
            `store:` in pipeline.yaml must be a postgres:// URL. The worker first queues the files of the sources \
            that the queue lacks (unless --no-enqueue), then claims units with FOR UPDATE SKIP LOCKED under a lease \
            it renews while it works, analyses each as `slant run` would, and writes each unit's results in the \
            transaction that marks it done: a worker killed at any point loses nothing (its lease expires and \
            another worker claims the unit) and nothing is counted twice. It stops when every unit is done \
            (--wait keeps it looking for new ones). Then `slant report` writes the reports.
            Exit status: 0 when it stopped with the queue done, 1 when the store failed, 2 for a configuration error.
            """
    )

    @OptionGroup var project: ConfigOption

    @Option(help: "Seconds a claimed unit is held without renewal; renewed every third of it while the unit is worked on.")
    var lease: Double = 60

    @Option(help: "Units claimed at once and analysed side by side (default: one per core).")
    var units: Int?

    @Flag(help: "Keep looking for new units when the queue is done, instead of stopping.")
    var wait = false

    @Option(help: "Seconds between looks at the queue while other workers hold every unit left.")
    var poll: Double = 1

    @Flag(help: "Do not queue the files found here that the queue lacks.")
    var noEnqueue = false

    @Option(help: "The name the queue records for this worker (default host:pid).")
    var name: String?

    @OptionGroup var jobs: JobsOption

    func validate() throws {
        if lease < 1 { throw ValidationError("--lease must be at least 1 second") }
        if let units, units < 1 { throw ValidationError("--units must be at least 1") }
        if poll <= 0 { throw ValidationError("--poll must be more than 0 seconds") }
    }

    func run() throws {
        let errors = OutputStream.standardError
        let output = OutputStream.standardOutput
        defer {
            output.flush()
            errors.flush()
        }
        do {
            let definition = try PipelineDefinition.load(try ConfigurationLoader.load(project.config))
            var options = WorkerOptions()
            options.lease = lease
            options.jobs = jobs.count
            options.units = units ?? jobs.count
            options.wait = wait
            options.poll = poll
            options.enqueue = !noEnqueue
            if let name { options.name = name }
            let log = SharedLog(errors)
            let settings = options
            let summary = try Blocking.run { try await SharedWorker(definition: definition, options: settings, log: log.line).run() }
            output.line(summary.line)
        } catch {
            errors.line(CommandErrors.message(error, configurationPath: project.config))
            throw ExitCode(CommandErrors.status(error))
        }
    }
}

/// `slant queue`: puts the files of the sources in the PostgreSQL store's queue, and says how far it is.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Queue the files of pipeline.yaml's sources as units for `slant worker` (PostgreSQL store).",
        discussion: """
            Adds each file the queue lacks; a file whose size or modification time changed is queued again; a \
            file no longer among the sources is removed from the queue with its results. Prints how many units \
            are done. Workers queue what they find too, so `slant queue` is needed only to re-queue changed \
            files or to drop removed ones.
            """
    )

    @OptionGroup var project: ConfigOption

    @Flag(help: "Make every unit pending again, so that workers analyse the whole corpus anew.")
    var redo = false

    @Flag(help: "Only print how far the queue is.")
    var status = false

    func run() throws {
        let errors = OutputStream.standardError
        let output = OutputStream.standardOutput
        defer {
            output.flush()
            errors.flush()
        }
        do {
            let definition = try PipelineDefinition.load(try ConfigurationLoader.load(project.config, checkingSources: !status))
            let (redo, statusOnly) = (redo, status)
            let outcome = try Blocking.run { try await SharedQueue.run(definition, redo: redo, statusOnly: statusOnly) }
            for problem in outcome.problems { errors.line(problem) }
            let state = outcome.status
            output.line(
                "\(outcome.location): \(state.total) units · \(state.done) done · \(state.leased) being worked on · \(state.pending - state.leased) waiting"
                    + (statusOnly ? "" : " · \(outcome.added) queued now"))
        } catch {
            errors.line(CommandErrors.message(error, configurationPath: project.config))
            throw ExitCode(CommandErrors.status(error))
        }
    }
}

/// Lines written to standard error from any thread, each whole.
final class SharedLog: @unchecked Sendable {
    private let lock = NSLock()
    private let stream: OutputStream

    init(_ stream: OutputStream) { self.stream = stream }

    var line: @Sendable (String) -> Void {
        { text in
            self.lock.withLock {
                self.stream.line(text)
                self.stream.flush()
            }
        }
    }
}
