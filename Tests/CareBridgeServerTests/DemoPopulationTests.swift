import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareBridgeServer

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
                                        statusRepository: services.statuses, seed: seed)
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
        }
    }

}
