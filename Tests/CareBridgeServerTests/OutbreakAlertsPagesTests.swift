import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("Outbreak alert pages")
struct OutbreakAlertsPagesTests {
    @Test("a public-health officer runs detection and reads the dashboard (series with threshold, map by region), opens the alert, sees the series with its threshold and the cases behind it, is told plainly when the outcome is missing, and closes it; the border service sees no case; the page reads in Russian")
    func reviewAndClose() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (doctor, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.notify")
            _ = try await client.userToken(admin: admin, kind: .publicHealthService, role: .publicHealthOfficer, name: "ph.review")
            _ = try await client.userToken(admin: admin, kind: .borderService, role: .analyst, name: "border.stats")
            let (lastWeek, _) = try await OutbreakAlertsAPITests.seed(client, services, doctor: doctor)
            let (cookie, csrf) = try await WebPagesTests.signIn(client, "ph.review", "password-ph.review")

            let home = try await client.send(.get, "/app", headers: [.cookie: cookie])
            #expect(home.text.contains("href=\"/app/outbreak-alerts\""))
            let ran = try await HealthPagesTests.post(client, "/app/outbreak-alerts/detect", cookie: cookie, csrf: csrf, [])
            #expect(ran.status == .ok, "\(ran.text)")
            let list = try await client.send(.get, "/app/outbreak-alerts", headers: [.cookie: cookie])
            #expect(list.text.contains(lastWeek.description) && list.text.contains("Whole country") && list.text.contains("tuberculosis"))

            let alert = try #require(try await OutbreakAlertRepository(services.database).list(open: true).first { $0.region == "BY-HM" })
            let path = "/app/outbreak-alerts/\(Hex.uuid(alert.id))"
            let review = try await client.send(.get, path, headers: [.cookie: cookie])
            #expect(review.status == .ok)
            #expect(review.text.contains("9 cases were notified in week \(lastWeek)"))
            #expect(review.text.contains("Above the threshold") && review.text.contains("EARS C2"))
            #expect(review.text.components(separatedBy: "href=\"/app/cases/").count - 1 == 9, "the nine cases behind it are linked")

            let missing = try await HealthPagesTests.post(client, path + "/close", cookie: cookie, csrf: csrf, [("outcome", ""), ("note", ""), ("version", "\(alert.version)")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("Choose what the review found.") && missing.text.contains("role=\"alert\""))
            let closed = try await HealthPagesTests.post(client, path + "/close", cookie: cookie, csrf: csrf,
                                                         [("outcome", "known-cluster"), ("note", "Hostel cluster, screened."), ("version", "\(alert.version)")])
            #expect(closed.status == .seeOther, "\(closed.text)")
            let after = try await client.send(.get, path, headers: [.cookie: cookie])
            #expect(after.text.contains("Known cluster, already handled") && after.text.contains("Hostel cluster, screened.") && !after.text.contains("name=\"outcome\""))
            let russian = try await client.send(.get, path + "?lang=ru", headers: [.cookie: cookie])
            #expect(russian.text.contains("Случаи, вызвавшие сигнал") && russian.text.contains("lang=\"ru\""))

            // The dashboard: the series as SVG with its threshold and the alarm, and the map with its table.
            let dashboard = try await client.send(.get, "/app/surveillance?disease=tuberculosis", headers: [.cookie: cookie])
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("<svg") && dashboard.text.contains("Weekly notified cases of tuberculosis"))
            #expect(dashboard.text.contains(lastWeek.description) && dashboard.text.contains("Cases by region"))
            #expect(!dashboard.text.contains("<script"), "readable without JavaScript")
            #expect(dashboard.text.contains("Care cascade for tuberculosis") && dashboard.text.contains("Share of the first stage"), "the cascade as a funnel")
            let badDisease = try await client.send(.get, "/app/surveillance?disease=plague", headers: [.cookie: cookie, .accept: "text/html"])
            #expect(badDisease.status == .unprocessableContent && badDisease.text.contains("<html"))

            let (borderCookie, _) = try await WebPagesTests.signIn(client, "border.stats", "password-border.stats")
            let borderDashboard = try await client.send(.get, "/app/surveillance?disease=tuberculosis&lang=ru", headers: [.cookie: borderCookie])
            if borderDashboard.status == .ok {
                #expect(borderDashboard.text.contains("Недельный ряд показывается") && borderDashboard.text.contains("Случаи по регионам"))
            } else {
                #expect(borderDashboard.status == .forbidden)
            }
            let border = try await client.send(.get, path, headers: [.cookie: borderCookie])
            if border.status == .ok {
                #expect(!border.text.contains("href=\"/app/cases/") && border.text.contains("9 more cases of this week are not shown to you."))
            } else {
                #expect(border.status == .forbidden)
            }
        }
    }
}
