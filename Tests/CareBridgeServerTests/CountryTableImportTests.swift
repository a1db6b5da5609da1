import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Logging
import Testing

@testable import CareBridgeServer

@Suite("Replacing the country table the screening rules read")
struct CountryTableImportTests {
    @Test("a platform administrator replaces the table: screening follows it at once and after a restart; a bad table is refused naming the field and replaces nothing; other administrators may not",
          arguments: TestDatabase.kinds)
    func replaceTable(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (doctor, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.table")
            let (facilityAdmin, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .admin, name: "admin.facility")
            let id = try await HealthAPITests.patient(client, token: doctor, today: services.today)
            func offersTB() async throws -> Bool {
                let items = try await client.send(.get, "/api/v1/people/\(id)/screening", token: doctor).json()["items"] as? [[String: Any]] ?? []
                return items.contains { $0["condition"] as? String == "active-tb" && $0["status"] as? String == "recommended" }
            }
            #expect(try await offersTB())

            let shipped = try await client.send(.get, "/api/v1/reference/country-epidemiology", token: doctor)
            #expect(shipped.status == .ok)
            var table = try shipped.json()
            var countries = try #require(table["countries"] as? [String: Any])
            var afghanistan = try #require(countries["AF"] as? [String: Any])
            afghanistan["tbIncidencePer100k"] = ["value": 20, "year": 2025, "source": "who-tb-2024"]
            countries["AF"] = afghanistan
            table["countries"] = countries

            // A figure out of range: refused with its path, and the table in force is unchanged.
            var broken = table
            var brokenCountries = countries
            brokenCountries["TJ"] = ["hivPrevalencePercent": ["value": 140, "year": 2023, "source": "unaids-2024"]]
            broken["countries"] = brokenCountries
            let refused = try await client.send(.put, "/api/v1/reference/country-epidemiology", token: admin, json: broken)
            #expect(refused.status == .unprocessableContent)
            #expect(try refused.json()["field"] as? String == "countries.TJ.hivPrevalencePercent")
            #expect(try await offersTB())

            let notPlatform = try await client.send(.put, "/api/v1/reference/country-epidemiology", token: facilityAdmin, json: table)
            #expect(notPlatform.status == .forbidden)

            let replaced = try await client.send(.put, "/api/v1/reference/country-epidemiology", token: admin, json: table)
            #expect(replaced.status == .ok, "\(replaced.text)")
            #expect(try await !offersTB(), "AF at 20 per 100,000 is under the threshold of 40")

            // After a restart the imported table is put back in force over the shipped one.
            services.health.replace(try HealthReference.shipped().engine.epidemiology)
            #expect(try await offersTB())
            try await loadImportedEpidemiology(services: services, logger: Logger(label: "test"))
            #expect(try await !offersTB())
        }
    }
}
