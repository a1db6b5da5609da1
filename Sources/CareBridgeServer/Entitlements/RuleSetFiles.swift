import CareBridgeCore
import Foundation

/// Rule-set files on disk, for `carebridge rules check` and `rules diff`: read, parsed with the shipped country table
/// and checked whole; a problem comes back as `file:line: reason` lines.
public enum RuleSetFiles {
    /// The rule-set files that ship with the server (Resources/rules).
    public static var shipped: [String] { RuleSetRegistry.shippedFiles().map(\.path) }

    public static func compile(path: String, selection: RuleSet.Selection = [:]) throws -> DecisionTable {
        let yaml = try LocalFile.text(path)
        let countries = Set(try ReferenceData.countryTable().countries.keys)
        do {
            let set = try RuleSetParser.parse(yaml, file: path, countries: countries)
            return try RuleSetCompiler.compile(set, selection: selection, file: path)
        } catch {
            throw CareBridgeError.invalid("file", error.description)
        }
    }
}
