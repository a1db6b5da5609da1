import CareBridgeCore
import CareBridgeStore
import Foundation
import Logging
import Synchronization

/// The directory the server searches: the stored entries as a DirectoryIndex, swapped whole after every directory
/// write; imports (all or nothing) and HSDS output with cost options from the rules in force.
public final class DirectoryCatalog: Sendable {
    public struct ImportSummary: Codable, Sendable {
        public var organizations: Int
        public var createdOrganizations: Int
        public var locations: Int
        public var services: Int
    }

    public let repository: DirectoryRepository
    private let current = Mutex(DirectoryIndex([]))
    /// The stored directory's fingerprint when the index was last built.
    private let seen = Mutex("")

    init(_ repository: DirectoryRepository) { self.repository = repository }

    public var index: DirectoryIndex { current.withLock { $0 } }

    public func refresh() async throws {
        let mark = try await repository.fingerprint()
        let entries = try await repository.entries()
        current.withLock { $0 = DirectoryIndex(entries) }
        seen.withLock { $0 = mark }
    }

    /// Rebuilds the index if the stored directory changed since it was built (by another server sharing the
    /// database, or a `carebridge import directory` run beside this one); returns whether it did.
    @discardableResult
    public func refreshIfChanged() async throws -> Bool {
        guard try await repository.fingerprint() != seen.withLock({ $0 }) else { return false }
        try await refresh()
        return true
    }

    /// The HSDS 3.0 compiled schema `name` (organization, service, service_at_location), shipped under Resources/hsds.
    public static func schema(_ name: String) throws -> JSON {
        if let found = schemas.withLock({ $0[name] }) { return found }
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Resources/hsds") else {
            throw CareBridgeError(.storage, title: "Missing schema", detail: "Resources/hsds/\(name).json is not in the build.")
        }
        let schema = try JSON.parse(try Data(contentsOf: url), field: name)
        schemas.withLock { $0[name] = schema }
        return schema
    }
    private static let schemas = Mutex<[String: JSON]>([:])

    /// Reads a directory file and stores it in one transaction: every organization, location and service, or nothing.
    /// An organization whose slug exists keeps its stored record (kind, users); new ones are created.
    public func importFile(_ data: Data, services: AppServices, by identity: Identity?, requestID: String?) async throws -> ImportSummary {
        let now = services.now()
        let file = try HSDSReader.read(data, organizationSchema: try Self.schema("organization"), now: now)
        let summary = try await services.database.write { db in
            var created = 0
            for entry in file.entries {
                var entry = entry
                if let stored = try await services.organizations.find(slug: entry.organization.slug, in: db) {
                    entry = entry.attached(to: stored.value)
                } else {
                    try await services.organizations.create(entry.organization, in: db)
                    created += 1
                }
                try await repository.save(entry, at: now, in: db)
            }
            if let identity {
                try await services.audit.append([.admin(identity, now: now, action: "directory.import", requestID: requestID ?? "",
                                                        reason: "\(file.entries.count) organizations")], in: db)
            }
            return ImportSummary(organizations: file.entries.count, createdOrganizations: created, locations: file.entries.map(\.locations.count).reduce(0, +),
                                 services: file.entries.map(\.services.count).reduce(0, +))
        }
        try await refresh()
        return summary
    }

    /// Loads the shipped directory of the configured country into an empty directory (`serve` on a fresh database).
    func loadShipped(services: AppServices, logger: Logger) async throws {
        guard index.entries.isEmpty, try await repository.entries().isEmpty,
              let url = Bundle.module.url(forResource: "directory-\(services.configuration.country.lowercased()).hsds", withExtension: "json",
                                          subdirectory: "Resources/reference") else { return }
        let summary = try await importFile(try Data(contentsOf: url), services: services, by: nil, requestID: nil)
        logger.info("Loaded the shipped service directory", metadata: ["services": "\(summary.services)", "organizations": "\(summary.organizations)"])
    }

    /// HSDS output in `language`, with each service's cost options per legal status from the rules in force today.
    func writer(language: String, services: AppServices) -> HSDSWriter {
        let table = try? services.ruleSets.current(services.configuration.country).table
        let today = services.today
        return HSDSWriter(language: language) { service in
            guard let table, let care = service.care.first else { return [] }
            var groups: [Outcome: [LegalStatusKind]] = [:]
            for status in LegalStatusKind.allCases {
                let facts = EntitlementFacts(status: status, citizenship: nil, insured: false, age: 30)
                if let decision = try? table.decide(facts, on: today).first(where: { $0.care == care }) { groups[decision.outcome, default: []].append(status) }
            }
            return groups.map { ServiceCost(outcome: $0.key, statuses: $0.value) }.sorted { $0.outcome.kind > $1.outcome.kind }
        }
    }
}
