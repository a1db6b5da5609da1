import ArgumentParser
import CareBridgeCore
import CareBridgeServer
import Foundation

struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "Check and compare entitlement rule sets (YAML).",
                                                    subcommands: [Check.self, Diff.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a rule set and print its decision table.",
            discussion: "Every combination of status, citizenship, insurance, age, pregnancy and asylum stage must be decided by exactly one outcome under every reading of its choices; otherwise each problem is printed as FILE:LINE: reason and the exit status is 1.")
        @Argument(help: "The rule set file.") var file: String
        @Option(name: .customLong("choose"), help: "A reading to print the table under, as choice=option (repeatable).") var choices: [String] = []

        func run() async throws {
            try await CommandErrors.report {
                let table = try RuleSetFiles.compile(path: file, selection: try RulesCommand.selection(choices))
                print(table.listing())
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the combinations whose outcome differs between two rule sets.",
                                                        discussion: "Exit status 0 when they decide everything alike, 3 when they differ.")
        @Argument(help: "The first rule set.") var a: String
        @Argument(help: "The second rule set.") var b: String
        @Option(name: .customLong("choose-a"), help: "A reading of the first, as choice=option (repeatable).") var choicesA: [String] = []
        @Option(name: .customLong("choose-b"), help: "A reading of the second, as choice=option (repeatable).") var choicesB: [String] = []

        func run() async throws {
            let differences = try await CommandErrors.reportValue {
                RuleSetDiff.differences(try RuleSetFiles.compile(path: a, selection: try RulesCommand.selection(choicesA)),
                                        try RuleSetFiles.compile(path: b, selection: try RulesCommand.selection(choicesB)))
            }
            for d in differences { print("\(d.care.rawValue): \(d.before) -> \(d.after) for \(d.who)") }
            print("\(differences.count) combination\(differences.count == 1 ? "" : "s") differ.")
            if !differences.isEmpty { throw ExitCode(3) }
        }
    }

    static func selection(_ pairs: [String]) throws -> RuleSet.Selection {
        var selection: RuleSet.Selection = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw CareBridgeError.invalid("choose", "Write a reading as choice=option, not '\(pair)'.") }
            selection[parts[0]] = parts[1]
        }
        return selection
    }
}
