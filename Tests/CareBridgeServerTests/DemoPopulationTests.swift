import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareBridgeServer

extension JSONDecoder {
    /// Health records as the store writes them (dates in milliseconds).
    static var demoRecord: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}

@Suite("carebridge demo")
struct DemoPopulationTests {
    @Test("the demo stores exactly the records the registry would, leaves the schema as the migrations made it, adds a second seed to a non-empty database and refuses the same seed twice",
          arguments: TestDatabase.kinds)
    func demoStoresWhatTheRegistryWould(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { _, services in
            let schema = try await DatabaseSchema.describe(services.database)
            // Small batches, so the load crosses several of them.
            let first = try await DemoPopulation.generate(count: 2_500, seed: 5, truthPath: nil, services: services, batch: 700)
            #expect(first.people == 2_500)
            #expect(try await services.people.count() == 2_500)
            #expect(try await DatabaseSchema.describe(services.database) == schema)
            try await Self.expectStoredAsGenerated(seed: 5, indexes: [0, 1, 699, 700, 1_234, 2_499], services: services)
            try await Self.expectPlausibleHealth(people: 2_500, services: services)

            // Another seed into the now non-empty database.
            _ = try await DemoPopulation.generate(count: 1_000, seed: 6, truthPath: nil, services: services, batch: 300)
            #expect(try await services.people.count() == 3_500)
            #expect(try await DatabaseSchema.describe(services.database) == schema)
            try await Self.expectStoredAsGenerated(seed: 6, indexes: [0, 299, 300, 999], services: services)
            try await Self.expectStoredAsGenerated(seed: 5, indexes: [3, 2_000], services: services)

            // The same seed again collides on the codes and stores nothing more.
            await #expect(throws: CareBridgeError.self) {
                _ = try await DemoPopulation.generate(count: 500, seed: 5, truthPath: nil, services: services, batch: 200)
            }
            #expect(try await services.people.count() == 3_500)
            #expect(try await DatabaseSchema.describe(services.database) == schema)
        }
    }

    /// Each person `index` of `seed`, read back through the repository (decrypting contact and documents), equals the
    /// record the demo validated; documents are found again through their keyed hash; statuses and cover are stored.
    static func expectStoredAsGenerated(seed: UInt64, indexes: [Int], services: AppServices) async throws {
        let population = SyntheticPopulation(seed: seed)
        let codeOffset = (seed &* 0x9E37_79B9_7F4A_7C15) & ((1 << 35) - 1)
        for index in indexes {
            let code = DemoPopulation.code(index, offset: codeOffset)
            let id = try #require(try await services.people.id(code: code))
            let stored = try #require(try await services.people.find(id: id)).value
            let record = try DemoRecord(population.person(index), code: code, organization: stored.recordOrganizationID,
                                        rules: services.personRules, now: stored.createdAt, repository: services.people,
                                        statusRepository: services.statuses, seed: seed,
                                        health: DemoHealth(engine: services.health.engine, today: services.today, now: stored.createdAt, seed: seed, count: 2_500),
                                        healthRepository: services.healthRecords, suppressedBelow: services.health.parameters.hivSuppressedBelow)
            let expected = record.person
            #expect(stored.code == expected.code)
            #expect(stored.names == expected.names)
            #expect(stored.sex == expected.sex && stored.birthDate == expected.birthDate)
            #expect(stored.citizenship == expected.citizenship && stored.countryOfBirth == expected.countryOfBirth)
            #expect(stored.arrival == expected.arrival && stored.languages == expected.languages)
            #expect(stored.interpreterNeeded == expected.interpreterNeeded && stored.region == expected.region)
            #expect(stored.contact == expected.contact)
            #expect(stored.documents == expected.documents)
            for document in stored.documents { #expect(try await services.people.ids(document: document).contains(id)) }
            let statuses = try await services.statuses.statuses(of: [id])
            #expect(Set(statuses.map { "\($0.status.rawValue) \($0.validFrom) \($0.validUntil.map(\.description) ?? "-")" })
                    == Set(record.statuses.map { "\($0.status.rawValue) \($0.validFrom) \($0.validUntil.map(\.description) ?? "-")" }))
            #expect(try await services.statuses.policies(of: [id]).map(\.insurer) == record.policy.map { [$0.insurer] } ?? [])
            #expect(try await services.people.ids(birthYear: stored.birthDate?.year ?? 0, limit: 1_000_000).contains(id) == (stored.birthDate != nil))
            let health = try await services.healthRecords.records(of: [id])
            // Ids are drawn from the creation instant, which the stored millisecond time may round: compare what they say.
            func said(_ r: HealthRecord) -> String { "\(r.kind.rawValue) \(r.code ?? "-") \(r.status) \(r.date)" }
            #expect(health.map(said).sorted() == record.healthRecords.map(said).sorted())
        }
    }

    /// The demo's health records: screening for most of those it recommends, some cases with treatments and contacts
    /// who are registered people, every result after its order, every outcome after its start, the cascade narrowing.
    static func expectPlausibleHealth(people: Int, services: AppServices) async throws {
        let records = try await services.database.read { db in
            try await db.select().column("document").from("health_records").all().map { try $0.decode(column: "document", as: String.self) }
        }.map { try JSONDecoder.demoRecord.decode(HealthRecord.self, from: Data($0.utf8)) }
        #expect(records.count > people / 2, "\(records.count) records for \(people) people")
        for record in records {
            if let result = record.test?.result { #expect(result.resultedOn >= record.date) }
            if let treatment = record.treatment, let end = treatment.outcomeOn { #expect(end >= treatment.startedOn) }
            if let contact = record.contact {
                #expect(contact.personID != record.personID)
                #expect(try await services.people.find(id: contact.personID) != nil, "a contact names someone not registered")
            }
        }
        let cascade = PopulationCascade.compute(PopulationSnapshot(try await services.population.repository.facts(of: Array(Set(records.map(\.personID))))),
                                                engine: services.health.engine, on: services.today)
        let tb = try #require(cascade.counts[.tuberculosis])
        #expect(tb[.screened]! > tb[.positive]! && tb[.positive]! > 0)
        #expect(tb[.positive]! >= tb[.confirmed]!)
        #expect(records.contains { $0.kind == .contact } && records.contains { $0.kind == .notification && $0.notification?.disease == .tuberculosis })
    }

}
