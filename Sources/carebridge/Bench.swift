import ArgumentParser
import CareBridgeBench
import Foundation

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the benchmarks on their own data; with --markdown, write BENCHMARKS.md.",
        discussion: "SQLite always; PostgreSQL too when DATABASE_URL is a postgres:// URL. Build with -c release for figures worth reporting.")

    @Flag(help: "Write the results to BENCHMARKS.md in the working directory.") var markdown = false
    @Option(help: "Seconds of the fixed-rate run.") var seconds: Double = 10
    @Option(help: "Requests per second of the fixed-rate run.") var rate: Double = 1000
    @Option(help: "Run only one group: 'http', 'audit', 'demo', 'matching', 'entitlements', 'health', 'indicators', 'directory', 'referrals', 'fhir' or 'surveillance'.") var only: String?
    @Option(help: "People stored by the demo benchmark and indexed by the matching benchmark.") var people = 1_000_000
    @Option(help: "People in the full duplicate scan.") var scanPeople = 100_000
    @Option(help: "Concurrent writers in the audit benchmark.") var writers = 256
    @Option(help: "The population CSV openfisca_entitlements.py --write made, to compare with OpenFisca.") var openfiscaPopulation: String?

    @Option(help: "The carebridge executable to start as the server of the HTTP benchmarks (default: this one), to compare two builds' servers under one load client.") var server: String?
    @Option(help: "Surveillance: the series CSV (series,t,date,observed) that gen_series.py wrote.") var series: String?
    @Option(name: .customLong("r-timings"), help: "Surveillance: R's timings of the same work (bench/surveillance.sh writes them).") var rTimings: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let postgres = environment["DATABASE_URL"].flatMap { $0.hasPrefix("postgres") ? $0 : nil }
        var options = Benchmarks.Options(executable: CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
                                             : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0],
                                         postgresURL: postgres)
        if let server { options.executable = server }
        options.seconds = seconds
        options.rate = rate
        options.only = only
        options.writers = writers
        options.people = people
        options.scanPeople = scanPeople
        options.openFiscaPopulation = openfiscaPopulation
        options.seriesCSV = series
        options.rTimings = rTimings
        try await CommandErrors.report {
            let rows = try await Benchmarks.run(options) { FileHandle.standardError.write(Data("… \($0)\n".utf8)) }
            print(BenchReport.table(rows))
            if markdown {
                try BenchReport.markdown(rows).write(toFile: "BENCHMARKS.md", atomically: true, encoding: .utf8)
                print("Wrote BENCHMARKS.md")
            }
        }
    }
}
