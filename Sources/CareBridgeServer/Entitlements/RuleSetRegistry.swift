import CareBridgeCore
import CareBridgeStore
import Foundation
import Logging
import Synchronization

/// The rule sets the server answers with: the shipped files are stored on first start, the one in force per country
/// is compiled once (with the readings an administrator chose) and swapped whole when an upload or a choice changes
/// it. A refused upload changes nothing: the set in force stays in force.
public final class RuleSetRegistry: Sendable {
    public struct InForce: Sendable {
        public var stored: StoredRuleSet
        public var table: DecisionTable
    }

    private let inForce = Mutex<[String: InForce]>([:])
    let repository: RuleSetRepository
    let countries: Set<String>

    init(_ repository: RuleSetRepository, countries: Set<String>) { (self.repository, self.countries) = (repository, countries) }

    /// The compiled set in force for a country.
    public func current(_ country: String) throws -> InForce {
        guard let found = inForce.withLock({ $0[country] }) else {
            throw CareBridgeError(.unavailable, title: "No rule set", detail: "No rule set is in force for \(country); an administrator uploads one at /api/v1/rulesets.")
        }
        return found
    }

    /// Parses and checks a file: the table for its default readings (or `selection`), or the problem naming lines.
    func compile(_ yaml: String, fileName: String, selection: RuleSet.Selection? = nil) throws -> DecisionTable {
        do {
            let set = try RuleSetParser.parse(yaml, file: fileName, countries: countries)
            return try RuleSetCompiler.compile(set, selection: selection, file: fileName)
        } catch {
            throw error.error
        }
    }

    /// Stores each shipped file not yet stored, puts it in force where its country has none, then compiles what is in force.
    func load(database: Database, now: Date, logger: Logger) async throws {
        for url in Self.shippedFiles() {
            let yaml = try String(contentsOf: url, encoding: .utf8)
            let table = try compile(yaml, fileName: url.lastPathComponent)
            let set = table.ruleSet
            try await database.write { db in
                guard try await repository.find(country: set.country, version: set.version, in: db) == nil else { return }
                let hasCurrent = try await repository.inForce().contains { $0.country == set.country }
                try await repository.insert(StoredRuleSet(country: set.country, version: set.version, fileName: url.lastPathComponent, yaml: yaml,
                                                          sha256: Self.digest(yaml), shipped: true, uploadedBy: nil, uploadedAt: now,
                                                          inForce: !hasCurrent), in: db)
                logger.info("Stored shipped rule set", metadata: ["country": "\(set.country)", "version": "\(set.version)"])
            }
        }
        var compiled: [String: InForce] = [:]
        for stored in try await repository.inForce() {
            compiled[stored.country] = InForce(stored: stored, table: try compile(stored.yaml, fileName: stored.fileName, selection: stored.selection))
        }
        inForce.withLock { $0 = compiled }
    }

    /// Checks and stores an uploaded file; with `activate`, puts it in force at once.
    func upload(_ yaml: String, fileName: String, by user: UUID, at now: Date, activate: Bool, database: Database) async throws -> StoredRuleSet {
        let table = try compile(yaml, fileName: fileName)
        let set = table.ruleSet
        let stored = StoredRuleSet(country: set.country, version: set.version, fileName: fileName, yaml: yaml, sha256: Self.digest(yaml),
                                   shipped: false, uploadedBy: user, uploadedAt: now, inForce: activate)
        try await database.write { db in
            if let existing = try await repository.find(country: set.country, version: set.version, in: db) {
                throw CareBridgeError.conflict("\(set.country) \(set.version) is already stored (\(existing.fileName)); give the new file another version.",
                                               reason: "version-exists")
            }
            try await repository.insert(stored, in: db)
            if activate { try await repository.putInForce(id: stored.id, country: set.country, in: db) }
        }
        if activate { inForce.withLock { $0[set.country] = InForce(stored: stored, table: table) } }
        return stored
    }

    func activate(_ id: UUID, database: Database) async throws -> StoredRuleSet {
        guard var stored = try await repository.find(id: id) else { throw CareBridgeError.notFound("The rule set") }
        let table = try compile(stored.yaml, fileName: stored.fileName, selection: stored.selection)
        let country = stored.country
        try await database.write { db in try await repository.putInForce(id: id, country: country, in: db) }
        stored.inForce = true
        inForce.withLock { $0[stored.country] = InForce(stored: stored, table: table) }
        return stored
    }

    /// Records the readings an administrator chose for a set's conflicts; the set is checked under them first.
    func select(_ selection: RuleSet.Selection, for id: UUID, by user: UUID, at now: Date, database: Database) async throws -> StoredRuleSet {
        guard var stored = try await repository.find(id: id) else { throw CareBridgeError.notFound("The rule set") }
        let table = try compile(stored.yaml, fileName: stored.fileName, selection: selection)
        try await database.write { db in try await repository.select(selection, id: id, by: user, at: now, in: db) }
        (stored.selection, stored.selectedBy, stored.selectedAt) = (selection, user, now)
        if stored.inForce { inForce.withLock { $0[stored.country] = InForce(stored: stored, table: table) } }
        return stored
    }

    static func shippedFiles() -> [URL] {
        guard let folder = Bundle.module.url(forResource: "rules", withExtension: nil, subdirectory: "Resources"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0) }
    }

    static func digest(_ text: String) -> String { Hex.sha256(text) }
}
