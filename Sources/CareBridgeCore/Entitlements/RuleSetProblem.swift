/// Why a rule set was refused: every problem found, each with the line it is on, so an author fixes them in one pass.
public struct RuleSetProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Issue: Sendable, Hashable, Codable {
        public var line: Int?
        public var reason: String
        public init(line: Int?, reason: String) { (self.line, self.reason) = (line, reason) }
    }

    public var file: String
    public var issues: [Issue]

    public init(file: String, issues: [Issue]) { (self.file, self.issues) = (file, issues) }

    /// `file:line: reason`, one per line, as compilers print them.
    public var description: String {
        issues.map { "\(file):\($0.line.map(String.init) ?? "-"): \($0.reason)" }.joined(separator: "\n")
    }

    /// The problem as the API and pages report it: a validation error listing each issue.
    public var error: CareBridgeError {
        let first = issues.first.map { "\(file)\($0.line.map { ":\($0)" } ?? ""): \($0.reason)" } ?? file
        let more = issues.count > 1 ? " (and \(issues.count - 1) more problem\(issues.count == 2 ? "" : "s"))" : ""
        struct Listed: Encodable { var file: String; var line: Int?; var reason: String }
        return CareBridgeError.invalid("ruleset", "The rule set was refused: \(first)\(more).")
            .adding("issues", issues.map { Listed(file: file, line: $0.line, reason: $0.reason) })
    }
}
