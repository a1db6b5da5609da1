import CareBridgeCore
import CareBridgeServer
import Foundation
import Testing

@Suite("The equity indicators page")
struct IndicatorsPageTests {
    @Test("an analyst sees an indicator with its breakdown beside the reference group, hidden counts marked and explained, downloads; in Russian too; a border officer reaches it from the menu")
    func indicatorsPage() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let s = try await ReferralPagesTests.setUp(client, sender: (.ngo, .caseworker, "ngo.page"), clinician: "clinic.page")
            let sender = try await client.token("ngo.page", "password-ngo.page")
            let clinician = try await client.token("clinic.page", "password-clinic.page")
            try await IndicatorsAPITests.declinedReferrals(client, s, sender: sender, clinician: clinician, count: 6, code: "cost")
            try await IndicatorsAPITests.declinedReferrals(client, s, sender: sender, clinician: clinician, count: 2, code: "capacity", citizenship: "TJ")
            _ = try await client.userToken(admin: s.admin, kind: .healthMinistry, role: .analyst, name: "analyst.page")
            _ = try await client.userToken(admin: s.admin, kind: .interiorMinistry, role: .migrationOfficer, name: "interior.page")

            let (cookie, _) = try await WebPagesTests.signIn(client, "analyst.page", "password-analyst.page")
            let home = try await client.send(.get, "/app", headers: [.cookie: cookie])
            #expect(home.text.contains("href=\"/app/indicators\""))
            let first = try await client.send(.get, "/app/indicators", headers: [.cookie: cookie])
            #expect(first.status == .ok)
            #expect(first.text.contains("<h1>Equity indicators</h1>") && first.text.contains("Screening coverage"))
            for id in ["tb-treatment-success", "hiv-suppressed", "care-declined-for-cost"] { #expect(first.text.contains("href=\"/app/indicators?indicator=\(id)\"")) }

            let page = try await client.send(.get, "/app/indicators?indicator=care-declined-for-cost&by=citizenship&by=", headers: [.cookie: cookie])
            #expect(page.status == .ok, "\(page.text)")
            let table = try #require(page.text.firstMatch(of: /<table class="data indicator-breakdown" id="breakdown-citizenship">(.*?)<\/table>/)?.1)
            // Uzbekistan: 6 of 6 declined for cost, Tajikistan: 0 of 2; the denominator 2 is hidden, and Uzbekistan's 6 with it
            // (8 overall is published), and both shares.
            #expect(table.contains("Uzbekistan") && table.contains("Tajikistan"))
            #expect(table.components(separatedBy: "class=\"suppressed\"").count - 1 >= 4, "\(table)")
            #expect(!table.contains(">2<") && !table.contains("%"), "no hidden count or share leaks: \(table)")
            #expect(table.contains("✱") && page.text.contains("id=\"suppressed-note\"") && page.text.contains("fewer than 5 people"))
            #expect(page.text.contains("Citizens and permanent residents") && page.text.contains("no one in this group"))
            #expect(page.text.contains("href=\"/api/v1/indicators/care-declined-for-cost?by=citizenship&amp;to="), "the CSV link keeps the breakdown")
            #expect(page.text.contains("action=\"/api/v1/indicators/care-declined-for-cost/dhis2\""))
            let csv = try await client.send(.get, "/api/v1/indicators/care-declined-for-cost?by=citizenship&format=csv", headers: [.cookie: cookie])
            #expect(csv.status == .ok && csv.text.contains(",citizenship,TJ,,,0,,,true,suppressed,"), "\(csv.text)")

            let crossed = try await client.send(.get, "/app/indicators?indicator=care-declined-for-cost&by=legal-status&by=citizenship", headers: [.cookie: cookie])
            #expect(crossed.status == .ok && crossed.text.contains("class=\"data indicator-cross\""))

            let russian = try await client.send(.get, "/app/indicators?indicator=tb-treatment-success&lang=ru", headers: [.cookie: cookie])
            #expect(russian.text.contains("Успешное лечение ТБ") && russian.text.contains("Граждане и постоянно проживающие"))
            let arabic = try await client.send(.get, "/app/indicators?lang=ar", headers: [.cookie: cookie])
            #expect(arabic.text.contains("dir=\"rtl\"") && arabic.text.contains("مؤشرات الإنصاف"))

            let (officer, _) = try await WebPagesTests.signIn(client, "interior.page", "password-interior.page")
            let officerHome = try await client.send(.get, "/app", headers: [.cookie: officer])
            #expect(officerHome.text.contains("href=\"/app/indicators\""))
            let officerPage = try await client.send(.get, "/app/indicators?indicator=care-declined-for-cost&by=citizenship", headers: [.cookie: officer])
            #expect(officerPage.status == .ok && officerPage.text.contains("Uzbekistan"))
            #expect(!officerPage.text.contains("Dilshod") && !officerPage.text.contains("Karimov"), "aggregates only")
        }
    }
}
