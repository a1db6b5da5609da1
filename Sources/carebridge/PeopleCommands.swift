import ArgumentParser
import CareBridgeServer
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store a synthetic population, reproducible from its seed, with planted near-duplicates.",
        discussion: "The truth about the planted duplicates (original code, duplicate code) is written to --truth, not to the database.")

    @Option(help: "How many people.") var people: Int
    @Option(help: "Seed; the same seed gives the same people.") var seed: UInt64 = 1
    @Option(help: "CSV file for the planted-duplicate truth.") var truth = "demo-duplicates.csv"
    @Flag(inversion: .prefixedNo, help: "Also store their health records: screening, results, cases, treatments, contacts.") var health = true

    func run() async throws {
        try await CommandErrors.report {
            let report = try await DemoPopulation.run(count: people, seed: seed, truthPath: truth, health: health, configuration: AppConfiguration.fromEnvironment())
            print(String(format: "Stored %d people (%d planted duplicates, truth in %@) and %d health records in %.1f s.",
                         report.people, report.duplicates, truth, report.healthRecords, report.seconds))
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import records from files.", subcommands: [People.self, Directory.self, Epidemiology.self])

    struct People: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import people from a CSV file: all rows or none.",
            discussion: "Columns: \(PeopleImport.columns.joined(separator: ", ")). A bad row is reported with its line and field, and nothing is stored.")

        @Argument(help: "The CSV file (UTF-8, header row first).") var file: String
        @Option(help: "Slug of the organization the people are registered by.") var org: String

        func run() async throws {
            try await CommandErrors.report {
                let report = try await PeopleImport.run(path: file, organizationSlug: org, configuration: AppConfiguration.fromEnvironment())
                if !report.errors.isEmpty {
                    FileHandle.standardError.write(Data(("Nothing imported; \(report.errors.count) rows are wrong:\n"
                        + report.errors.map { "  \($0)" }.joined(separator: "\n") + "\n").utf8))
                    throw ExitCode(2)
                }
                print("Imported \(report.imported) people.")
            }
        }
    }
}
