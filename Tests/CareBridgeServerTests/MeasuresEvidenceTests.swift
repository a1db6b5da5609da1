import CareBridgeCore
import CareBridgeServer
import Foundation
import Testing

@Suite("A measure's evidence from the live data: a simulation run and indicator figures, small ones hidden")
struct MeasuresEvidenceTests {
    @Test("a measure cites a simulation run (+N people covered) and tracks an indicator: the latest figure as published, hidden for a group of fewer than five")
    func liveEvidence() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let s = try await ReferralPagesTests.setUp(client, sender: (.ngo, .caseworker, "ngo.evidence"), clinician: "clinic.evidence")
            let sender = try await client.token("ngo.evidence", "password-ngo.evidence")
            let clinician = try await client.token("clinic.evidence", "password-clinic.evidence")
            try await IndicatorsAPITests.declinedReferrals(client, s, sender: sender, clinician: clinician, count: 6, code: "cost")
            try await IndicatorsAPITests.declinedReferrals(client, s, sender: sender, clinician: clinician, count: 2, code: "capacity", citizenship: "TJ")
            for i in 0..<6 { _ = try await EntitlementsAPITests.register(client, sender, given: "Ravi\(i)", citizenship: "IN", status: "temporary-stay") }
            let (analyst, analystOrg) = try await client.userToken(admin: s.admin, kind: .healthMinistry, role: .analyst, name: "analyst.evidence")
            let run = try await client.send(.post, "/api/v1/simulations", token: analyst, json: [
                "title": "Free treatment of socially dangerous diseases", "alternative": ["changes": ["selection": ["socially-dangerous-diseases": "free"]]]])
            #expect(run.status == .created, "\(run.text)")
            let simulation = try #require(try run.json()["id"] as? String)

            let plan = try await client.send(.post, "/api/v1/plans", token: s.admin, json: ["title": ["en": "Belarus 2027-2029"], "start": "2026-01-01", "end": "2029-12-31"])
            let planID = try #require(try plan.json()["id"] as? String)
            let created = try await client.send(.post, "/api/v1/measures", token: analyst, json: [
                "planId": planID, "title": ["en": "Free TB treatment whatever the status"], "text": ["en": "Make TB treatment free for every foreigner."],
                "responsibleOrganizationId": analystOrg, "simulationId": simulation, "start": "2026-01-01",
                "indicators": [["indicatorId": "care-declined-for-cost", "baseline": 0.9, "target": 0.2, "targetDate": "2029-12-31"],
                               ["indicatorId": "care-declined-for-cost", "baseline": 0.9, "target": 0.2, "targetDate": "2029-12-31", "breakdown": "citizenship:TJ"]]])
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(try created.json()["id"] as? String)

            let monitoring = try await client.send(.get, "/api/v1/measures/\(id)/monitoring", token: analyst)
            let targets = try #require(try monitoring.json()["targets"] as? [[String: Any]], "\(monitoring.text)")
            let overall = try #require(targets.first?["latest"] as? [String: Any])
            #expect(overall["value"] as? Double == 0.75 && overall["suppressed"] as? Bool == false, "6 of 8 declined for cost: \(overall)")
            let tajik = try #require(targets.last?["latest"] as? [String: Any])
            #expect(tajik["value"] == nil && tajik["suppressed"] as? Bool == true, "2 people: hidden, \(tajik)")
            #expect((targets.last?["progress"] as? [String: Any])?["standing"] as? String == "no-data")
            #expect((targets.first?["points"] as? [Any])?.isEmpty == false, "earlier figures for the chart")

            let (cookie, _) = try await WebPagesTests.signIn(client, "analyst.evidence", "password-analyst.evidence")
            let page = try await client.send(.get, "/app/measures/\(id)", headers: [.cookie: cookie])
            #expect(page.text.contains("Free treatment of socially dangerous diseases") && page.text.contains("people covered"), "the simulation is cited")
            #expect(page.text.contains("+6"), "six people gain TB treatment")
            let latest = try #require(page.text.firstMatch(of: /id="latest-0">([^<]*)</)?.1)
            #expect(latest == "75%")
            #expect(page.text.contains("id=\"latest-1\"><abbr"), "the Tajik figure is hidden")
            #expect(page.text.components(separatedBy: "class=\"chart-svg target-chart\"").count == 3)
        }
    }
}
