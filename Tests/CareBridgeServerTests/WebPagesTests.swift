import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("Sign-in and admin pages")
struct WebPagesTests {
    /// Signs in through the login form and returns the session cookie and the page's CSRF token.
    static func signIn(_ client: TestClient, _ username: String, _ password: String) async throws -> (cookie: String, csrf: String) {
        let form = try await client.send(.get, "/login")
        let loginCSRF = try #require(form.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
        let reply = try await client.send(.post, "/login", headers: [.cookie: "cb_login_csrf=\(loginCSRF)"],
                                          raw: "_csrf=\(loginCSRF)&username=\(username)&password=\(password)&next=%2Fapp",
                                          contentType: "application/x-www-form-urlencoded")
        #expect(reply.status == .seeOther)
        let setCookie = try #require(reply.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("Secure") && setCookie.contains("SameSite=Strict"))
        let session = try #require(setCookie.firstMatch(of: /cb_session=([^;]+)/)?.1)
        let home = try await client.send(.get, "/app", headers: [.cookie: "cb_session=\(session)", .accept: "text/html"])
        let csrf = try #require(home.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
        return ("cb_session=\(session)", String(csrf))
    }

    @Test("an administrator signs in, sees the role's home page, and adds an account through the form")
    func adminAddsAccountThroughForm() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let (cookie, csrf) = try await Self.signIn(client, "admin", TestApp.adminPassword)
            let home = try await client.send(.get, "/app", headers: [.cookie: cookie])
            #expect(home.text.contains("<h1>Welcome, admin</h1>"))
            #expect(home.text.components(separatedBy: "<h1").count == 2)
            let org = try #require(try await services.organizations.find(slug: "by-red-cross")).value
            let added = try await client.send(.post, "/app/admin/users", headers: [.cookie: cookie],
                                              raw: "_csrf=\(csrf)&username=olga.p&organizationId=\(org.id.uuidString)&role=caseworker&preferredLanguage=ru&password=long-enough-password",
                                              contentType: "application/x-www-form-urlencoded")
            #expect(added.status == .ok)
            #expect(added.text.contains("Added account olga.p."))
            #expect(try await services.users.credentials(username: "olga.p")?.user.preferredLanguage == "ru")
        }
    }

    @Test("a form posted without the session's CSRF token is refused and changes nothing")
    func formWithoutCSRFIsRefused() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let (cookie, _) = try await Self.signIn(client, "admin", TestApp.adminPassword)
            let before = try await services.organizations.count()
            let reply = try await client.send(.post, "/app/admin/organizations", headers: [.cookie: cookie, .accept: "text/html"],
                                              raw: "slug=forged&kind=ngo&name_en=Forged", contentType: "application/x-www-form-urlencoded")
            #expect(reply.status == .forbidden)
            #expect(reply.text.contains("security token"))
            #expect(try await services.organizations.count() == before)
        }
    }

    @Test("a bad form value is shown as a readable message on the page, keeping what was typed")
    func formErrorsAreReadable() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let (cookie, csrf) = try await Self.signIn(client, "admin", TestApp.adminPassword)
            let reply = try await client.send(.post, "/app/admin/organizations", headers: [.cookie: cookie],
                                              raw: "_csrf=\(csrf)&slug=Bad+Slug&kind=ngo&name_en=Helping+Hands",
                                              contentType: "application/x-www-form-urlencoded")
            #expect(reply.status == .unprocessableContent)
            #expect(reply.text.contains("role=\"alert\""))
            #expect(reply.text.contains("lowercase letters"))
            #expect(reply.text.contains("value=\"Helping Hands\""))
        }
    }

    @Test("a clinician is shown the not-allowed page with the reason for admin pages, and sent to sign-in when signed out")
    func notAllowedPage() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            _ = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.page")
            let (cookie, _) = try await Self.signIn(client, "dr.page", "password-dr.page")
            let page = try await client.send(.get, "/app/admin/audit", headers: [.cookie: cookie, .accept: "text/html"])
            #expect(page.status == .forbidden)
            #expect(page.text.contains("<h1>Not allowed</h1>"))
            #expect(page.text.contains("Only administrators"))
            let anonymous = try await client.send(.get, "/app", headers: [.accept: "text/html"])
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location]?.hasPrefix("/login") == true)
        }
    }
}
