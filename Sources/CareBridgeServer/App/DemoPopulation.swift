import CareBridgeCore
import CareBridgeStore
import Foundation
import Synchronization
import SQLKit

/// `carebridge demo`: stores a synthetic population (SyntheticPopulation) so every feature has realistic data. The
/// truth about planted duplicates goes to a separate CSV file, never into the database the matcher reads.
public enum DemoPopulation {
    public struct Report: Sendable {
        public var people: Int
        public var duplicates: Int
        public var seconds: Double
        public var truthPath: String?
        /// Health records stored with them (0 with `health: false`).
        public var healthRecords: Int = 0
    }

    static let batch = 20_000
    /// Batches generated ahead of the one being stored.
    static let ahead = 2
    /// Everything the demo writes to.
    static let tables = ["people", "person_documents", "legal_status_episodes", "insurance_policies", "health_records"]

    public static func run(count: Int, seed: UInt64, truthPath: String?, health: Bool = true, configuration: AppConfiguration) async throws -> Report {
        // The truth file is written at the end; one that cannot be written fails now, not after a million people.
        if let truthPath { try LocalFile.checkWritable(truthPath, field: "truth") }
        // Synthetic data, loaded in bulk: the demo's own connections skip fsync (see Database.open).
        return try await Admin.withServices(configuration, relaxedDurability: true) { services in
            let report = try await generate(count: count, seed: seed, truthPath: truthPath, health: health, services: services)
            // A demonstration action plan beside the synthetic people (marked demo), once.
            try await DemoPlan.seed(services: services)
            // The loaded cases are an import like any other: live outbreak detection looks at them at once.
            if health { try await OutbreakDetector(services: services).run() }
            return report
        }
    }

    static func generate(count: Int, seed: UInt64, truthPath: String?, health withHealth: Bool = true, services: AppServices, batch: Int = batch) async throws -> Report {
        guard count > 0, count <= 10_000_000 else { throw CareBridgeError.invalid("people", "--people must be from 1 to 10,000,000.") }
        let started = ContinuousClock.now
        // A fresh database gets the shipped directory first, as `serve` would load it.
        if try await services.organizations.count() == 0 { _ = try await ReferenceData.loadOrganizations(services: services) }
        let organizations = try await services.organizations.list(limit: 200, after: nil).items
            .filter { [.healthFacility, .ngo, .internationalOrganization, .publicHealthService].contains($0.kind) }.map(\.id)
        guard !organizations.isEmpty else { throw CareBridgeError.conflict("The database has no health facility or NGO to register people in; load the reference data first.") }
        let population = SyntheticPopulation(seed: seed)
        let now = services.now()
        let rules = services.personRules
        let codeOffset = (seed &* 0x9E37_79B9_7F4A_7C15) & ((1 << 35) - 1)
        let health = withHealth ? DemoHealth(engine: services.health.engine, today: services.today, now: now, seed: seed, count: count) : nil
        let healthCount = Mutex(0)
        let healthRepository = services.healthRecords
        let suppressedBelow = services.health.parameters.hivSuppressedBelow
        let generators = ThreadExecutor(threads: ProcessInfo.processInfo.activeProcessorCount, nice: 10, name: "cb-demo")
        defer { generators.shutdown() }
        @Sendable func make(_ range: Range<Int>) async throws -> [DemoRecord] {
            try await withTaskExecutorPreference(generators) {
                try await Array(range).concurrentMap(parts: 4, on: generators) { i in
                    try DemoRecord(population.person(i), code: code(i, offset: codeOffset),
                                   organization: organizations[i % organizations.count], rules: rules, now: now,
                                   repository: services.people, statusRepository: services.statuses, seed: seed,
                                   health: health, healthRepository: healthRepository, suppressedBelow: suppressedBelow)
                }
            }
        }
        // Generation runs up to `ahead` batches in front of the writer, each batch in parts, on threads that yield to
        // the writer (measured: the writer is the critical path; at equal priority the generating threads took a third
        // of its core and both then waited on it).
        @Sendable func pipeline(_ store: @Sendable ([DemoRecord]) async throws -> Void) async throws -> (duplicates: Int, truth: String) {
            var truth = "original_code,duplicate_code\n"
            var duplicates = 0
            var starts = stride(from: 0, to: count, by: batch).makeIterator()
            var pending: [Task<[DemoRecord], any Error>] = []
            func fill() {
                while pending.count < ahead, let start = starts.next() {
                    pending.append(Task { try await make(start..<min(start + batch, count)) })
                }
            }
            do {
                fill()
                while !pending.isEmpty {
                    let records = try await pending.removeFirst().value
                    fill()
                    for record in records {
                        if let original = record.duplicateOf {
                            duplicates += 1
                            truth += "\(code(original, offset: codeOffset)),\(record.person.code)\n"
                        }
                    }
                    try await store(records)
                }
            } catch {
                // Batches still being generated finish before the generating threads are let go.
                for task in pending { task.cancel() }
                for task in pending { _ = try? await task.value }
                throw error
            }
            return (duplicates, truth)
        }
        let kind = services.database.kind
        @Sendable func insert(_ records: [DemoRecord], in db: any SQLDatabase) async throws {
            // A big page cache for this bulk load: indexes kept during it take inserts at random places.
            if kind == .sqlite { try await db.raw("PRAGMA cache_size = -524288").run() }
            try await services.people.insert(records.map(\.rows), in: db)
            try await services.statuses.insertStatusRows(records.flatMap(\.statusRows), in: db)
            try await services.statuses.insertPolicyRows(records.compactMap(\.policyRow), in: db)
            let rows = records.flatMap(\.healthRows)
            try await services.healthRecords.insertRows(rows, in: db)
            healthCount.withLock { $0 += rows.count }
        }
        let loaded: (duplicates: Int, truth: String)
        do {
            // Into an empty registry: one transaction, the document-hash index (random keys) built once at its end
            // (Database.loadIntoEmpty).
            // Otherwise a transaction per batch, so other writers get their turns between them.
            if let whole = try await services.database.loadIntoEmpty(tables: tables, rebuilding: ["person_documents_hash_idx"], { db in
                try await pipeline { try await insert($0, in: db) }
            }) {
                loaded = whole
            } else {
                loaded = try await pipeline { records in try await services.database.write { db in try await insert(records, in: db) } }
            }
        } catch where Database.isUniqueViolation(error) {
            throw CareBridgeError.conflict("People of seed \(seed) are already in this database (codes are derived from the seed); use another --seed or an empty database.")
        }
        let (duplicates, truth) = loaded
        if let truthPath { try LocalFile.write(Data(truth.utf8), to: truthPath, field: "truth") }
        let elapsed = started.duration(to: .now)
        return Report(people: count, duplicates: duplicates,
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, truthPath: truthPath,
                      healthRecords: healthCount.withLock { $0 })
    }

    /// Demo codes run consecutively from a seeded start, so a million of them never collide and the unique index
    /// grows at its edge; codes of real registrations are random (PersonCode.make()).
    static func code(_ index: Int, offset: UInt64) -> String {
        PersonCode.make(number: (UInt64(index) &+ offset) & ((1 << 35) - 1))
    }
}

/// One synthetic person as stored records.
struct DemoRecord: Sendable {
    var index: Int
    var duplicateOf: Int?
    var person: Person
    var rows: PersonRepository.Rows
    var statuses: [StatusEpisode]
    var policy: InsurancePolicy?
    /// The status and policy rows, prepared here on the generating cores so the writer only binds and steps them.
    var statusRows: [[BulkValue]]
    var policyRow: [BulkValue]?
    /// The person's synthetic health records (DemoHealth), and as rows.
    var healthRecords: [HealthRecord]
    var healthRows: [[BulkValue]]

    /// The seeded generator of person `index`'s ids (the person's own first), and the instant they are dated by.
    static func generator(index: Int, seed: UInt64) -> SplitMix { SplitMix(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03)) }
    static func millis(index: Int, now: Date) -> UInt64 { UInt64(now.timeIntervalSince1970 * 1000) + UInt64(index / 1000) }

    init(_ s: SyntheticPerson, code: String, organization: UUID, rules: PersonRules, now: Date, repository: PersonRepository,
         statusRepository: LegalStatusRepository, seed: UInt64, health: DemoHealth?, healthRepository: HealthRepository, suppressedBelow: Double) throws {
        index = s.index
        duplicateOf = s.duplicateOf
        // Ids from the seed too, so the same seed stores the same rows; time-ordered so indexes grow at their edge.
        var random = Self.generator(index: s.index, seed: seed)
        let millis = Self.millis(index: s.index, now: now)
        var person = Person(
            id: .timeOrdered(millis: millis, using: &random),
            code: code,
            names: s.names.map { PersonName(given: $0.given, family: $0.family, patronymic: $0.patronymic, script: NameScript(rawValue: $0.script)) },
            sex: Sex(rawValue: s.sex), birthDate: try PartialDate(year: s.birthYear, month: s.birthMonth, day: s.birthDay, field: "birthDate"),
            citizenship: s.citizenship, countryOfBirth: s.countryOfBirth,
            arrival: try PartialDate(year: s.arrivalYear, month: s.arrivalMonth, field: "arrival"),
            languages: s.languages, interpreterNeeded: s.interpreterNeeded, region: s.region,
            contact: s.phone.map { ContactDetails(phone: $0) },
            documents: s.document.map { [IdentityDocument(type: DocumentType(rawValue: $0.type) ?? .other, issuingCountry: $0.issuingCountry, number: $0.number)] } ?? [],
            recordOrganizationID: organization, createdAt: now, updatedAt: now)
        person = try rules.validated(person)
        self.person = person
        rows = try repository.rows(person)
        var statuses = [StatusEpisode(id: .timeOrdered(millis: millis, using: &random), personID: person.id, status: try LegalStatusKind.parse(s.status),
                                      validFrom: try CalendarDay(parsing: s.statusFrom, field: "statusFrom"),
                                      validUntil: try s.statusUntil.map { try CalendarDay(parsing: $0, field: "statusUntil") },
                                      document: nil, recordedBy: nil, recordedAt: now)]
        if let previous = s.previousStatus, let from = s.previousStatusFrom {
            statuses.append(StatusEpisode(id: .timeOrdered(millis: millis, using: &random), personID: person.id, status: try LegalStatusKind.parse(previous),
                                          validFrom: try CalendarDay(parsing: from, field: "previousStatusFrom"),
                                          validUntil: try s.previousStatusUntil.map { try CalendarDay(parsing: $0, field: "previousStatusUntil") },
                                          document: nil, recordedBy: nil, recordedAt: now))
        }
        self.statuses = statuses
        let policyID = UUID.timeOrdered(millis: millis, using: &random)
        policy = try s.insurance.map {
            InsurancePolicy(id: policyID, personID: person.id, insurer: $0.insurer, policyNumber: nil, validFrom: try CalendarDay(parsing: $0.from, field: "insurance.from"),
                            validUntil: try CalendarDay(parsing: $0.until, field: "insurance.until"), recordedBy: nil, recordedAt: now)
        }
        statusRows = try statuses.map(statusRepository.row)
        policyRow = policy.map(statusRepository.row)
        healthRecords = try health?.records(for: person, index: s.index, organization: organization) ?? []
        healthRows = try healthRecords.map { try healthRepository.row($0, milestones: HealthMilestones.contribution(of: $0, suppressedBelow: suppressedBelow)) }
    }
}
