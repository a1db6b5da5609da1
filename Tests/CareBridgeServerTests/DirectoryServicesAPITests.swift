import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Testing

@Suite("Service directory: staff search and editing")
struct DirectoryServicesAPITests {
    @Test("an organization's administrator adds and edits its own services (If-Match), not another's; search finds them at once", arguments: TestDatabase.kinds)
    func ownServices(_ kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (ngo, ngoID) = try await client.userToken(admin: admin, kind: .ngo, role: .admin, name: "ngo.admin")
            let (other, _) = try await client.userToken(admin: admin, kind: .ngo, role: .admin, name: "other.admin")
            let (caseworker, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "ngo.caseworker")
            let body: [String: Any] = [
                "names": ["en": "Night interpreting line", "ru": "Ночная линия перевода"], "categories": ["interpretation"], "cost": "free",
                "languages": ["ru", "uz", "tg"], "phones": ["+375 17 000-99-01"],
                "locations": [["name": "Office", "address": "Kirava 1", "city": "Minsk", "region": "BY-HM", "latitude": 53.9, "longitude": 27.56,
                               "hours": [["days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "opens": "00:00", "closes": "24:00"]]]],
            ]
            let created = try await client.send(.post, "/api/v1/services", token: ngo, json: body)
            #expect(created.status == .created && created.headers[.eTag] == "\"1\"")
            let id = try #require(try created.json()["id"] as? String)
            let owner = try created.json()["organizationId"] as? String
            #expect(owner == ngoID)

            // Found by staff search and by the public page, with the filters.
            let found = try await client.send(.get, "/api/v1/services?speaks=tg&category=interpretation&open=now", token: caseworker)
            let ids = (try found.json()["items"] as? [[String: Any]] ?? []).compactMap { ($0["service"] as? [String: Any])?["id"] as? String }
            #expect(ids.contains(id))
            let page = try await client.send(.get, "/services?lang=ru&category=interpretation&speaks=tg")
            #expect(page.text.contains("Ночная линия перевода"))

            // Edit with If-Match; a stale version is refused; another organization and a caseworker may not edit.
            var changed = body
            changed["names"] = ["en": "Interpreting line", "ru": "Линия перевода"]
            let stored = try await services.directory.repository.service(id: try #require(UUID(uuidString: id)))
            changed["locations"] = [["locationId": try #require(stored?.value.locations.first?.locationID.text), "hours": [["days": ["MO"], "opens": "09:00", "closes": "17:00"]]]]
            let updated = try await client.send(.put, "/api/v1/services/\(id)", token: ngo, headers: [.ifMatch: "\"1\""], json: changed)
            #expect(updated.status == .ok && updated.headers[.eTag] == "\"2\"")
            let stale = try await client.send(.put, "/api/v1/services/\(id)", token: ngo, headers: [.ifMatch: "\"1\""], json: changed)
            #expect(stale.status == .preconditionFailed)
            #expect(try await client.send(.put, "/api/v1/services/\(id)", token: other, headers: [.ifMatch: "\"2\""], json: changed).status == .forbidden)
            #expect(try await client.send(.post, "/api/v1/services", token: caseworker, json: body).status == .forbidden)
            #expect(try await services.directory.repository.service(id: try #require(UUID(uuidString: id)))?.value.names["en"] == "Interpreting line")

            // Bad input names the field and stores nothing.
            var bad = body
            bad["categories"] = ["bakery"]
            let refused = try await client.send(.post, "/api/v1/services", token: ngo, json: bad)
            let field = try refused.json()["field"] as? String
            #expect(refused.status == .unprocessableContent && field == "categories")
            let count = services.directory.index.serviceCount
            bad = body
            bad["locations"] = [["locationId": UUID().uuidString]]
            #expect(try await client.send(.post, "/api/v1/services", token: ngo, json: bad).status == .unprocessableContent)
            #expect(services.directory.index.serviceCount == count)
            #expect(try await client.send(.get, "/api/v1/services?near=Atlantis", token: caseworker).status == .unprocessableContent)
        }
    }
}
