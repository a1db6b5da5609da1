import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("Directory pages")
struct DirectoryPagesTests {
    static let form = "application/x-www-form-urlencoded"

    @Test("an organization's administrator adds a service at a new location through the page, it is found on /services, edits on a stale version are refused, and another organization's administrator may not edit it")
    func ownOrganizationEditsItsServices() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (_, clinicID) = try await client.userToken(admin: admin, kind: .healthFacility, role: .admin, name: "clinic.admin")
            _ = try await client.userToken(admin: admin, kind: .ngo, role: .admin, name: "other.admin")
            let (cookie, csrf) = try await WebPagesTests.signIn(client, "clinic.admin", "password-clinic.admin")
            let home = try await client.send(.get, "/app", headers: [.cookie: cookie])
            #expect(home.text.contains("href=\"/app/directory\""))
            let list = try await client.send(.get, "/app/directory", headers: [.cookie: cookie])
            #expect(list.status == .ok && list.text.contains("href=\"/app/directory/services/new?organization=\(clinicID)\""))
            let blank = try await client.send(.get, "/app/directory/services/new?organization=\(clinicID)", headers: [.cookie: cookie])
            #expect(blank.status == .ok && blank.text.contains("name=\"category-tb-dispensary\"") && blank.text.contains("name=\"opens-MO\""))

            var fields: [(String, String)] = [
                ("_csrf", csrf), ("organizationId", clinicID), ("language", "en"), ("name", "Zubrovka night clinic"), ("description", "Walk-in care at night."),
                ("status", "active"), ("cost", "free"), ("languages", "ru, en"), ("eligibility", "Anyone"), ("requiredDocuments", "Passport\nReferral letter"),
                ("category-polyclinic", "on"), ("category-dental", "on"), ("locationId", "new"), ("locationName", "Main building"), ("address", "Lenina 5"),
                ("city", "Hrodna"), ("region", "BY-HR"), ("latitude", "53.68"), ("longitude", "23.83"),
                ("opens-MO", "20:00"), ("closes-MO", "23:30"), ("opens-TU", "20:00"), ("closes-TU", "23:30"), ("opens-SA", "10:00"), ("closes-SA", "14:00"),
            ]
            // Without a category the page says why, keeping what was typed.
            let refused = try await client.send(.post, "/app/directory/services/new", headers: [.cookie: cookie],
                                                raw: formBody(fields.filter { !$0.0.hasPrefix("category-") }), contentType: Self.form)
            #expect(refused.status == .unprocessableContent && refused.text.contains("role=\"alert\"") && refused.text.contains("value=\"Zubrovka night clinic\""))
            let created = try await client.send(.post, "/app/directory/services/new", headers: [.cookie: cookie], raw: formBody(fields), contentType: Self.form)
            #expect(created.status == .seeOther, "\(created.text)")
            let location = try #require(created.headers[.location])
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last!.split(separator: "?").first!)))
            let stored = try #require(try await services.directory.repository.service(id: id))
            #expect(stored.value.organizationID.text == clinicID && stored.value.categories == [.polyclinic, .dental] && stored.value.cost == .free)
            #expect(stored.value.requiredDocuments == ["Passport", "Referral letter"] && stored.value.languages == ["ru", "en"])
            #expect(stored.value.locations.first?.hours == [OpeningHours(days: [.MO, .TU], opens: 1200, closes: 1410), OpeningHours(days: [.SA], opens: 600, closes: 840)])

            // The public search finds it, by two words as a browser's GET form sends them (a space is "+").
            let search = try await client.send(.get, "/services?q=Zubrovka+night")
            #expect(search.text.contains("Zubrovka night clinic") && search.text.contains("Lenina 5"))

            // An edit on the version loaded saves; the same form posted again (now stale) is refused with 412.
            let page = try await client.send(.get, location, headers: [.cookie: cookie])
            #expect(page.text.contains("name=\"version\" value=\"1\"") && page.text.contains("value=\"20:00\""))
            fields.removeAll { ["locationId", "name"].contains($0.0) }
            fields += [("version", "1"), ("name", "Zubrovka night clinic and dentist"), ("locationId", stored.value.locations[0].locationID.text)]
            let saved = try await client.send(.post, "/app/directory/services/\(id.text)", headers: [.cookie: cookie], raw: formBody(fields), contentType: Self.form)
            #expect(saved.status == .seeOther)
            let stale = try await client.send(.post, "/app/directory/services/\(id.text)", headers: [.cookie: cookie], raw: formBody(fields), contentType: Self.form)
            #expect(stale.status == .preconditionFailed && stale.text.contains("Someone saved this service"))
            let after = try #require(try await services.directory.repository.service(id: id))
            #expect(after.version == 2 && after.value.names["en"] == "Zubrovka night clinic and dentist")
            let organizationID = after.value.organizationID
            #expect(try await services.database.read { db in try await services.directory.repository.locations(of: organizationID, in: db) }.count == 1)

            // Another organization's administrator may not open or change it.
            let (other, otherCSRF) = try await WebPagesTests.signIn(client, "other.admin", "password-other.admin")
            #expect(try await client.send(.get, location, headers: [.cookie: other, .accept: "text/html"]).status == .forbidden)
            var theirs = fields.filter { $0.0 != "_csrf" && $0.0 != "version" }
            theirs += [("_csrf", otherCSRF), ("version", "2"), ("name", "Taken over")]
            let takeover = try await client.send(.post, "/app/directory/services/\(id.text)", headers: [.cookie: other, .accept: "text/html"],
                                                 raw: formBody(theirs), contentType: Self.form)
            #expect(takeover.status == .forbidden)
            let sneaked = try await client.send(.post, "/app/directory/services/new", headers: [.cookie: other, .accept: "text/html"],
                                                raw: formBody(theirs), contentType: Self.form)
            #expect(sneaked.status == .forbidden)
            #expect(try await services.directory.repository.service(id: id)?.value.names["en"] == "Zubrovka night clinic and dentist")
            // A platform administrator (health ministry) picks the clinic and may open the service.
            let (platform, _) = try await WebPagesTests.signIn(client, "admin", TestApp.adminPassword)
            let clinicList = try await client.send(.get, "/app/directory?organization=\(clinicID)", headers: [.cookie: platform])
            #expect(clinicList.text.contains("href=\"/app/directory/services/\(id.text)\"") && clinicList.text.contains("name=\"organization\""))
            #expect(try await client.send(.get, location, headers: [.cookie: platform]).status == .ok)
            // Their own directory page lists none of it and offers their own organization only.
            let theirList = try await client.send(.get, "/app/directory?organization=\(clinicID)", headers: [.cookie: other])
            #expect(!theirList.text.contains("Zubrovka"))
        }
    }
}
