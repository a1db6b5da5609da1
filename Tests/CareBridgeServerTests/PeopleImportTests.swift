import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Testing

@testable import CareBridgeServer

@Suite("People import from CSV")
struct PeopleImportTests {
    @Test("a file with a broken row imports nothing and names each bad line and field; a clean file imports whole",
          arguments: TestDatabase.kinds)
    func importIsAllOrNothing(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { _, services in
            let organization = try #require(try await services.organizations.find(slug: "by-red-cross")).value
            let broken = """
                given_name,family_name,birth_date,citizenship,status,status_from,phone
                Aziz,Karimov,1990-05-01,UZ,temporary-stay,2025-01-10,+375 29 111 22 33
                "Ольга, Мария",Иванова,1985,RU,,,
                Bad,Date,1990-02-30,UZ,,,
                Nobody,Known,1991,QQ,refugee,2024-01-01,
                """
            let report = try await PeopleImport.importRows(broken, organization: organization, services: services)
            #expect(report.imported == 0)
            #expect(report.errors.map(\.line) == [4, 5])
            #expect(report.errors.map(\.field) == ["birth_date", "citizenship"])
            #expect(try await services.people.count() == 0)

            let clean = broken.split(separator: "\n").prefix(3).joined(separator: "\n")
            let imported = try await PeopleImport.importRows(clean, organization: organization, services: services)
            #expect(imported.imported == 2 && imported.errors.isEmpty)
            #expect(try await services.people.count() == 2)
            let olga = try #require(services.peopleIndex.searchName("Ольга Мария Иванова", birthYear: 1985, limit: 5).first)
            #expect(try await services.people.find(id: olga.id)?.value.givenName == "Ольга, Мария")
        }
    }

    @Test("a quoted field that never closes is reported with its line")
    func unclosedQuote() throws {
        #expect(throws: CareBridgeError.self) { try CSV.parse("a,b\n1,\"2\n3,4\n") }
        let rows = try CSV.parse("a,b\r\n\"x \"\"y\"\"\",2\r\n")
        #expect(rows.map(\.fields) == [["a", "b"], ["x \"y\"", "2"]])
    }
}
