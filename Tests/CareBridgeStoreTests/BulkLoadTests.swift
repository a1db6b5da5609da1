import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Bulk loads")
struct BulkLoadTests {
    static let tables = ["people", "person_documents"]
    static let rebuilt = ["person_documents_hash_idx", "people_code_idx"]

    static func person(_ i: Int, organization: UUID, code: String = PersonCode.make()) -> Person {
        Person(code: code, names: [PersonName(given: i % 3 == 0 ? "Гульнара" : "Aziz \(i)", family: "Karimov", patronymic: i % 2 == 0 ? "Rustamovich" : nil)],
               sex: i % 2 == 0 ? .male : nil, birthDate: try? PartialDate(year: 1980 + i % 30, month: i % 5 == 0 ? nil : 1 + i % 12, day: nil),
               citizenship: "UZ", languages: i % 4 == 0 ? [] : ["uz", "ru"], interpreterNeeded: i % 2 == 1, region: "BY-HM",
               contact: i % 3 == 1 ? ContactDetails(phone: "+375 29 \(100 + i) 45 67", email: "", address: nil) : nil,
               documents: i % 2 == 0 ? [IdentityDocument(type: .passport, issuingCountry: "UZ", number: "FA\(1_000_000 + i)")] : [],
               recordOrganizationID: organization, createdAt: Date(timeIntervalSince1970: 1_760_000_000), updatedAt: Date(timeIntervalSince1970: 1_760_000_000))
    }

    static func setUp(_ db: Database) async throws -> (PersonRepository, UUID) {
        let organization = Organization(slug: "clinic", kind: .healthFacility, names: ["en": "Clinic"], region: "BY-HM", createdAt: Date())
        try await db.write { try await OrganizationRepository(db).create(organization, in: $0) }
        return (PersonRepository(db, cipher: try FieldCipher(master: FieldCipher.generateMaster())), organization.id)
    }

    @Test("rows loaded into empty tables read back as written, through the prepared path and the small one alike; the indexes are back and used afterwards", arguments: TestDatabase.kinds)
    func loadRoundTrips(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let (people, organization) = try await Self.setUp(db)
            let schema = try await DatabaseSchema.describe(db)
            let many = (0..<150).map { Self.person($0, organization: organization) }
            let loaded = try await db.loadIntoEmpty(tables: Self.tables, rebuilding: Self.rebuilt) { sql in
                try await people.insertMany(many, in: sql)
                return many.count
            }
            #expect(loaded == 150)
            #expect(try await DatabaseSchema.describe(db) == schema)
            let one = Self.person(7, organization: organization)
            try await db.write { try await people.create(one, in: $0) }
            for person in many + [one] {
                let stored = try #require(try await people.find(id: person.id)).value
                #expect(stored.names == person.names && stored.sex == person.sex && stored.birthDate == person.birthDate)
                #expect(stored.languages == person.languages && stored.interpreterNeeded == person.interpreterNeeded)
                #expect(stored.contact == person.contact && stored.documents == person.documents && stored.code == person.code)
                #expect(try await people.id(code: person.code) == person.id)
                for document in person.documents { #expect(try await people.ids(document: document).contains(person.id)) }
            }
            // Tables with rows: nothing runs.
            let again = try await db.loadIntoEmpty(tables: Self.tables, rebuilding: Self.rebuilt) { _ in Issue.record("ran on a non-empty table"); return 1 }
            #expect(again == nil)
        }
    }

    @Test("a load that fails, or breaks a unique index, stores nothing and leaves every index", arguments: TestDatabase.kinds)
    func failedLoadLeavesNothing(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let (people, organization) = try await Self.setUp(db)
            let schema = try await DatabaseSchema.describe(db)
            await #expect(throws: CareBridgeError.self) {
                _ = try await db.loadIntoEmpty(tables: Self.tables, rebuilding: Self.rebuilt) { sql in
                    try await people.insertMany((0..<100).map { Self.person($0, organization: organization) }, in: sql)
                    throw CareBridgeError.invalid("test", "stop here")
                }
            }
            #expect(try await people.count() == 0)
            #expect(try await DatabaseSchema.describe(db) == schema)

            let code = PersonCode.make()
            let error = await #expect(throws: CareBridgeError.self) {
                _ = try await db.loadIntoEmpty(tables: Self.tables, rebuilding: Self.rebuilt) { sql in
                    try await people.insertMany((0..<100).map { Self.person($0, organization: organization, code: $0 == 99 ? code : code + "\($0)") }
                                                + [Self.person(100, organization: organization, code: code)], in: sql)
                }
            }
            #expect(error?.reason == "unique")
            #expect(try await people.count() == 0)
            #expect(try await DatabaseSchema.describe(db) == schema)
        }
    }

}
