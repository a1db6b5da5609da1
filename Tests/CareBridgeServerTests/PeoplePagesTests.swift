import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("People pages")
struct PeoplePagesTests {
    static let form = "application/x-www-form-urlencoded"

    @Test("an edit made on a stale version is refused on the page, showing both versions, and nothing is overwritten")
    func staleEditShowsBothVersions() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            _ = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "doctor1")
            let (cookie, csrf) = try await WebPagesTests.signIn(client, "doctor1", "password-doctor1")
            let registered = try await client.send(.post, "/app/people/new", headers: [.cookie: cookie],
                                                   raw: "_csrf=\(csrf)&givenName=Jamshed&familyName=Rahimov&birthDate=1988&citizenship=TJ&sex=male",
                                                   contentType: Self.form)
            #expect(registered.status == .seeOther)
            let location = try #require(registered.headers[.location])
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last!)))
            // Someone else saves first (version 1 -> 2).
            _ = try await client.send(.post, location + "/edit", headers: [.cookie: cookie],
                                      raw: "_csrf=\(csrf)&version=1&givenName=Jamshed&familyName=Rahimov&birthDate=1988-03&citizenship=TJ&sex=male",
                                      contentType: Self.form)
            // This user still holds version 1.
            let stale = try await client.send(.post, location + "/edit", headers: [.cookie: cookie],
                                              raw: "_csrf=\(csrf)&version=1&givenName=Jamshed&familyName=Rakhimov&birthDate=1988&citizenship=TJ&sex=male",
                                              contentType: Self.form)
            #expect(stale.status == .preconditionFailed)
            #expect(stale.text.contains("Your version") && stale.text.contains("Saved version"))
            #expect(stale.text.contains("<td>Rakhimov</td><td>Rahimov</td>"))
            #expect(stale.text.contains("name=\"version\" value=\"2\""))
            let stored = try #require(try await services.people.find(id: id))
            #expect(stored.value.familyName == "Rahimov" && stored.value.birthDate?.description == "1988-03")
        }
    }

    @Test("an impossible date on the register page is a readable message that keeps what was typed")
    func registerErrorsAreReadable() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            _ = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "caseworker1")
            let (cookie, csrf) = try await WebPagesTests.signIn(client, "caseworker1", "password-caseworker1")
            let reply = try await client.send(.post, "/app/people/new", headers: [.cookie: cookie],
                                              raw: "_csrf=\(csrf)&givenName=Aziz&familyName=Karimov&birthDate=1990-02-30",
                                              contentType: Self.form)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.text.contains("role=\"alert\"") && reply.text.contains("birthDate"))
            #expect(reply.text.contains("value=\"Karimov\""))
            #expect(try await services.people.count() == 0)
        }
    }
}
