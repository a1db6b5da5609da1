import ArgumentParser
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
            abstract: "Replace the country table the screening rules read (TB incidence, HIV, HBsAg and anti-HCV prevalence, endemicity).",
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
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export records to files.", subcommands: [Directory.self])

    struct Directory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the service directory as an HSDS 3.0 file (docs/directory.md).")

        @Option(help: "Language of names and descriptions (BCP 47); the others are written as translation attributes.") var lang = "en"
        @Option(help: "Output file; standard output when omitted.") var output: String?

        func run() async throws {
            try await CommandErrors.report {
                let data = try await DirectoryFiles.export(language: lang, configuration: AppConfiguration.fromEnvironment())
                if let output { try data.write(to: URL(fileURLWithPath: output)) } else { FileHandle.standardOutput.write(data + Data("\n".utf8)) }
            }
        }
    }
}
