import ArgumentParser
import CareBridgeCore
import CareBridgeServer
import Foundation

extension ImportCommand {
    struct Directory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a service directory: an HSDS 3.0 file in the CareBridge profile (docs/directory.md), all or nothing.",
            discussion: "Each organization is checked against the HSDS 3.0 schema and the profile; every problem is listed with its JSON path, and nothing is stored if there is one.")

        @Argument(help: "The directory file (JSON).") var file: String

        func run() async throws {
            do {
                let summary = try await DirectoryFiles.importFile(path: file, configuration: AppConfiguration.fromEnvironment())
                print("Imported \(summary.services) services at \(summary.locations) locations of \(summary.organizations) organizations (\(summary.createdOrganizations) new).")
            } catch {
                let problems = DirectoryFiles.problems(of: error)
                FileHandle.standardError.write(Data(("carebridge: nothing imported; \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n"
                    + problems.map { "  \($0)" }.joined(separator: "\n") + "\n").utf8))
                throw ExitCode(2)
            }
        }
    }
}

extension ImportCommand {
    struct Epidemiology: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the country table the screening rules read (TB incidence, HIV, HBsAg, chronic hepatitis C and anti-HCV prevalence, endemicity).",
            discussion: "The same JSON shape as Resources/reference/country-epidemiology.json: every figure with its year and a listed source. Checked whole; nothing replaced on an error. A running server picks it up at its next start.")

        @Argument(help: "The table (JSON).") var file: String

        func run() async throws {
            try await CommandErrors.report {
                let table = try await HealthService.importEpidemiology(path: file, configuration: AppConfiguration.fromEnvironment())
                print("Imported the country table: \(table.countries.count) countries, \(table.sources.count) sources.")
            }
        }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export records to files.", subcommands: [Directory.self, Indicators.self])

    struct Directory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the service directory as an HSDS 3.0 file (docs/directory.md).")

        @Option(help: "Language of names and descriptions (BCP 47); the others are written as translation attributes.") var lang = "en"
        @Option(help: "Output file; standard output when omitted.") var output: String?

        func run() async throws {
            try await CommandErrors.report {
                let data = try await DirectoryFiles.export(language: lang, configuration: AppConfiguration.fromEnvironment())
                if let output { try LocalFile.write(data, to: output) } else { FileHandle.standardOutput.write(data + Data("\n".utf8)) }
            }
        }
    }
}

extension ExportCommand {
    struct Indicators: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the equity indicators as published (small cells suppressed): CSV, or a DHIS2 data value set.",
            discussion: "Computed from the database as the server does. The DHIS2 mapping in force (Resources/reference/dhis2-mapping.json or an imported one) names the data elements and category option combos; a code without a combo is an error naming it.")

        @Option(name: .customLong("indicator"), help: "An indicator id (repeat for several); all when omitted.") var indicators: [String] = []
        @Option(help: "A breakdown: legal-status, citizenship, region, sex, age-group, interpreter-need (repeat once to cross two; DHIS2: at most one).") var by: [String] = []
        @Option(help: "Referrals made from this day (YYYY-MM-DD).") var from: String?
        @Option(help: "The day people are counted on, and referrals made until (YYYY-MM-DD); today when omitted.") var to: String?
        @Option(help: "csv or dhis2.") var format = "csv"
        @Option(help: "DHIS2 period: 2026W10 (ISO week), 202603 (month) or 2026.") var period: String?
        @Option(name: .customLong("org-unit"), help: "DHIS2 organisation unit UID.") var orgUnit: String?
        @Option(help: "Output file; standard output when omitted.") var output: String?

        func run() async throws {
            try await CommandErrors.report {
                guard let format = IndicatorFiles.Format(rawValue: format) else {
                    throw ValidationError("--format must be csv or dhis2, not '\(format)'.")
                }
                let data = try await IndicatorFiles.export(ids: indicators, by: by, from: from, to: to, format: format, period: period, orgUnit: orgUnit,
                                                           configuration: AppConfiguration.fromEnvironment())
                if let output { try LocalFile.write(data, to: output) } else { FileHandle.standardOutput.write(data) }
            }
        }
    }
}
