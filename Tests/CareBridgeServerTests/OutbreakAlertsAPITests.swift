import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("Outbreak alerts from live detection, through HTTP")
struct OutbreakAlertsAPITests {
    /// Twelve quiet weeks of TB notifications in Minsk city (0-2 a week), then nine in the last complete ISO week.
    static func seed(_ client: TestClient, _ services: AppServices, doctor: String) async throws -> (lastWeek: EpiWeek, counts: [Int]) {
        let lastWeek = EpiWeek(services.today, system: .iso).adding(weeks: -1)
        let counts = [1, 0, 2, 1, 1, 0, 1, 2, 0, 1, 1, 1, 9]
        var patient = 0
        for (i, count) in counts.enumerated() {
            let day = CalendarDay(dayNumber: lastWeek.adding(weeks: i - 12).start.dayNumber + 2)
            for _ in 0..<count {
                patient += 1
                let id = try await HealthAPITests.patient(client, token: doctor, today: services.today, given: "Case\(patient)")
                let reply = try await client.send(.post, "/api/v1/people/\(id)/health-records", token: doctor, json: [
                    "kind": "case", "disease": "tuberculosis", "classification": "confirmed", "region": "BY-HM", "date": day.description])
                #expect(reply.status == .created, "\(reply.text)")
            }
        }
        return (lastWeek, counts)
    }

    @Test("a week with many more notified TB cases than the weeks before raises one alert for the country and one for the region, once, its figures kept current while open; the public-health service reviews it with the cases behind it and closes it with an outcome; the border service sees no case",
          arguments: TestDatabase.kinds)
    func alertToClosure(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (doctor, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.notifier")
            let (officer, _) = try await client.userToken(admin: admin, kind: .publicHealthService, role: .publicHealthOfficer, name: "ph.officer")
            let (border, _) = try await client.userToken(admin: admin, kind: .borderService, role: .migrationOfficer, name: "border.officer")
            let (lastWeek, counts) = try await Self.seed(client, services, doctor: doctor)

            #expect(try await client.send(.post, "/api/v1/alerts/detect", token: border).status == .forbidden)
            #expect(try await client.send(.post, "/api/v1/alerts/detect", token: doctor).status == .forbidden)
            let run = try await client.send(.post, "/api/v1/alerts/detect", token: officer)
            #expect(run.status == .ok, "\(run.text)")
            let again = try await client.send(.post, "/api/v1/alerts/detect", token: officer)
            #expect((try again.json()["items"] as? [Any])?.isEmpty == true, "the same signal is not raised twice")

            let open = try await client.send(.get, "/api/v1/alerts?status=open", token: officer)
            let alerts = try #require(try open.json()["items"] as? [[String: Any]])
            #expect(alerts.count == 2, "\(open.text)")
            #expect(Set(alerts.map { $0["region"] as? String ?? "country" }) == ["country", "BY-HM"])
            #expect(alerts.allSatisfy { $0["week"] as? String == lastWeek.description && $0["observed"] as? Int == 9 && $0["method"] as? String == "ears-c2" }, "\(alerts)")
            #expect(alerts.allSatisfy { ($0["upperbound"] as? Double ?? 99) < 9 })
            #expect(try await client.send(.get, "/api/v1/alerts?status=maybe", token: officer).status == .unprocessableContent)

            let regional = try #require(alerts.first { $0["region"] as? String == "BY-HM" })
            let id = try #require(regional["id"] as? String)
            let review = try await client.send(.get, "/api/v1/alerts/\(id)", token: officer)
            #expect(review.status == .ok)
            let body = try review.json()
            let series = try #require(body["series"] as? [[String: Any]])
            #expect(series.map { $0["observed"] as? Int } == counts)
            #expect(series.last?["alarm"] as? Bool == true)
            #expect((body["cases"] as? [Any])?.count == 9 && body["hiddenCases"] as? Int == 0)

            // The border service may see that an alert exists (counts), never the cases behind it.
            let seenByBorder = try await client.send(.get, "/api/v1/alerts/\(id)", token: border)
            if seenByBorder.status == .ok {
                let b = try seenByBorder.json()
                #expect((b["cases"] as? [Any])?.isEmpty == true && b["hiddenCases"] as? Int == 9)
            } else {
                #expect(seenByBorder.status == .forbidden)
            }

            let noOutcome = try await client.send(.post, "/api/v1/alerts/\(id)/close", token: officer, json: ["outcome": "maybe"])
            #expect(noOutcome.status == .unprocessableContent)
            #expect(try await client.send(.post, "/api/v1/alerts/\(id)/close", token: doctor, json: ["outcome": "outbreak"]).status == .forbidden)
            let stale = try await client.send(.post, "/api/v1/alerts/\(id)/close", token: officer, headers: [.ifMatch: "\"99\""], json: ["outcome": "outbreak"])
            #expect(stale.status == .preconditionFailed)
            let closed = try await client.send(.post, "/api/v1/alerts/\(id)/close", token: officer, headers: [.ifMatch: "\"\(try #require(regional["version"] as? Int))\""],
                                               json: ["outcome": "outbreak", "note": "Cluster in one hostel; contacts traced."])
            #expect(closed.status == .ok, "\(closed.text)")
            #expect(try closed.json()["outcome"] as? String == "outbreak")
            #expect(try await client.send(.post, "/api/v1/alerts/\(id)/close", token: officer, json: ["outcome": "no-outbreak"]).status == .conflict)
            let stillOpen = try await client.send(.get, "/api/v1/alerts?status=open", token: officer)
            #expect((try stillOpen.json()["items"] as? [Any])?.count == 1)

            // The case series: whole for the public-health service; small cells suppressed for an analyst.
            let span = "disease=tuberculosis&from=\(lastWeek.adding(weeks: -12).start)&to=\(lastWeek.end)"
            let whole = try await client.send(.get, "/api/v1/case-series?\(span)", token: officer)
            #expect(whole.status == .ok, "\(whole.text)")
            let wholeSeries = try #require(try whole.json()["series"] as? [[String: Any]])
            #expect(wholeSeries.count == 1 && (wholeSeries[0]["counts"] as? [Int]) == counts)
            #expect((try whole.json()["periods"] as? [String])?.last == lastWeek.description)
            let (analyst, _) = try await client.userToken(admin: admin, kind: .healthMinistry, role: .analyst, name: "ministry.analyst")
            let published = try await client.send(.get, "/api/v1/case-series?\(span)&by=citizenship", token: analyst)
            let cells = try #require((try published.json()["series"] as? [[String: Any]])?.first?["counts"] as? [Any])
            #expect(cells.count == counts.count && cells.last as? Int == 9 && cells.dropLast().allSatisfy { $0 is NSNull || ($0 as? Int) == 0 })
            #expect(try published.json()["suppressed"] as? Bool == true)
            let csv = try await client.send(.get, "/api/v1/case-series?\(span)&by=region&format=csv", token: analyst)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && csv.text.contains("BY-HM,") && csv.text.contains("suppressed"))
            let monthly = try await client.send(.get, "/api/v1/case-series?disease=tuberculosis&interval=month&system=mmwr", token: officer)
            #expect(monthly.status == .ok)
            for bad in ["disease=plague", "disease=tuberculosis&by=religion", "disease=tuberculosis&interval=day", "disease=tuberculosis&from=2026-13-01", "disease=tuberculosis&from=2026-01-02&to=2026-01-01", ""] {
                let reply = try await client.send(.get, "/api/v1/case-series?\(bad)", token: officer)
                #expect(reply.status == .unprocessableContent, "\(bad): \(reply.status)")
                #expect(reply.headers[.contentType] == "application/problem+json")
            }
            // The border service gets at most the published (suppressed) table, as the access policy decides.
            let borderSeries = try await client.send(.get, "/api/v1/case-series?\(span)", token: border)
            let borderSuppressed = borderSeries.status == .ok ? try borderSeries.json()["suppressed"] as? Bool : nil
            #expect(borderSeries.status == .forbidden || borderSuppressed == true)
        }
    }
}
