import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("The public care navigator and the entitlement pages")
struct NavigatorPagesTests {
    @Test("a visitor without an account asks and is told what care costs, what to bring and why; nothing is stored")
    func navigatorAnswersAnonymously() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let auditBefore = try await services.audit.count(AuditFilter())
            let form = try await client.send(.get, "/?lang=en")
            #expect(form.status == .ok)
            #expect(form.text.contains("What medical care can I get?") && form.text.contains("name=\"status\""))
            let answer = try await client.send(.get, "/?lang=en&citizenship=UZ&status=temporary-stay&insured=no&need=all&age=&lang=en")
            #expect(answer.status == .ok)
            let html = answer.text
            #expect(html.contains("What you can get"))
            #expect(html.contains("<h3>Emergency care</h3><p class=\"outcome\">Free</p>"))
            #expect(html.contains("<h3>Primary care (polyclinic, family doctor)</h3><p class=\"outcome\">You pay at the foreigners' tariff</p>"))
            #expect(html.contains("Agreement of 27 March 1997"))
            #expect(html.contains("Bring: passport"))
            #expect(html.contains("Where to go"))
            // Russian, with one need only.
            let russian = try await client.send(.get, "/?lang=ru&citizenship=CN&status=temporary-stay&insured=yes&need=emergency")
            #expect(russian.text.contains("lang=\"ru\""))
            #expect(russian.text.components(separatedBy: "<article class=\"entitlement").count == 2)
            // Where to go: emergency services from the shipped directory, at this person's cost (insured: the insurance
            // pays), and the link to all of them.
            #expect(russian.text.components(separatedBy: "<article class=\"service\"").count > 2)
            #expect(russian.text.contains("Стоимость для вас: Оплачивает ваша страховка"))
            #expect(russian.text.contains("103") && russian.text.contains("/services?lang=ru&status=temporary-stay&insured=yes&citizenship=CN&care=emergency"))
            #expect(!russian.text.contains("[["))
            // Nothing about the visitor is kept: no audit event, no record, no cookie but the language one.
            #expect(try await services.audit.count(AuditFilter()) == auditBefore)
            #expect(try await services.people.count() == 0)
            #expect(answer.headers[values: .setCookie].allSatisfy { $0.hasPrefix("cb_lang=") })
            // A bad answer is explained on the page.
            let bad = try await client.send(.get, "/?lang=en&citizenship=UZ&status=tourist")
            #expect(bad.status == .ok && bad.text.contains("status 'tourist' is not one of"))
        }
    }

    @Test("the person page shows entitlements on the standing's day, and an analyst runs a simulation from the page")
    func personPanelAndSimulationPage() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (caseworker, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "caseworker1")
            let id = try await EntitlementsAPITests.register(client, caseworker, given: "Aziz", citizenship: "IN", status: "temporary-stay")
            _ = try await client.userToken(admin: admin, kind: .healthMinistry, role: .analyst, name: "analyst1")
            let (cookie, _) = try await WebPagesTests.signIn(client, "caseworker1", "password-caseworker1")
            let page = try await client.send(.get, "/app/people/\(id)?date=2026-06-01&lang=en", headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"entitlements\""))
            #expect(page.text.contains("foreigners-temporary-paid"))
            let none = try await client.send(.get, "/app/people/\(id)?date=2025-06-01&lang=en", headers: [.cookie: cookie])
            #expect(none.text.contains("No legal status is recorded for this date"))

            let (analyst, csrf) = try await WebPagesTests.signIn(client, "analyst1", "password-analyst1")
            let form = try await client.send(.get, "/app/simulations?lang=en", headers: [.cookie: analyst])
            #expect(form.status == .ok && form.text.contains("name=\"on-foreigners-temporary-paid\""))
            // Every rule stays on; the reading of socially dangerous diseases switches to "free".
            let on = ["foreigners-temporary-paid", "permanent-residents-equal", "refugees-equal", "additional-protection-emergency", "additional-protection-equal",
                      "asylum-seekers-emergency", "asylum-seekers-examination", "detained-listed-services", "cis-emergency",
                      "russia-emergency-and-socially-dangerous", "turkmenistan-emergency", "eaeu-workers-emergency", "insurance-emergency-decree-530",
                      "insurance-emergency-decree-108", "cis-residents-citizens-prices", "sdd-separate-tariff", "sdd-free"].map { "on-\($0)=yes" }.joined(separator: "&")
            let run = try await client.send(.post, "/app/simulations", headers: [.cookie: analyst],
                                            raw: "_csrf=\(csrf)&title=TB+free&date=2026-06-01&choice-socially-dangerous-diseases=free&choice-cis-residents-planned-care=equal-to-citizens&\(on)",
                                            contentType: PeoplePagesTests.form)
            #expect(run.status == .seeOther, "\(run.text.prefix(2000))")
            let result = try await client.send(.get, try #require(run.headers[.location]) + "?lang=en", headers: [.cookie: analyst])
            #expect(result.text.contains("Tuberculosis treatment"))
            #expect(result.text.contains("fewer than 5"))
            // An alternative with a gap is refused on the page with the reason.
            let gap = try await client.send(.post, "/app/simulations", headers: [.cookie: analyst],
                                            raw: "_csrf=\(csrf)&title=Gap&date=2026-06-01", contentType: PeoplePagesTests.form)
            #expect(gap.status == .unprocessableContent)
            #expect(gap.text.contains("no rule decides"))
        }
    }
}
