import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import CareBridgeServer

@Suite("Entitlements, rule sets and simulations through the API")
struct EntitlementsAPITests {
    /// Registers a person with a status from 2026-01-01; returns their id.
    static func register(_ client: TestClient, _ token: String, given: String, citizenship: String, status: String, insured: Bool = false) async throws -> String {
        let created = try await client.send(.post, "/api/v1/people", token: token, json: [
            "givenName": given, "familyName": "Testova", "birthDate": "1990", "citizenship": citizenship, "registerDespiteMatches": true])
        let id = try #require(try created.json()["id"] as? String, "\(created.text)")
        let status = try await client.send(.post, "/api/v1/people/\(id)/statuses", token: token, json: ["status": status, "validFrom": "2026-01-01"])
        #expect(status.status == .created, "\(status.text)")
        if insured {
            let policy = try await client.send(.post, "/api/v1/people/\(id)/insurance", token: token,
                                               json: ["insurer": "Belgosstrakh", "validFrom": "2026-01-01", "validUntil": "2026-12-31"])
            #expect(policy.status == .created, "\(policy.text)")
        }
        return id
    }

    @Test("a person's entitlements name the rules that decided and those overridden", arguments: TestDatabase.kinds)
    func personEntitlementsAreExplained(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (caseworker, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "caseworker1")
            let id = try await Self.register(client, caseworker, given: "Dilnoza", citizenship: "TJ", status: "temporary-stay")
            let reply = try await client.send(.get, "/api/v1/people/\(id)/entitlements?date=2026-06-01", token: caseworker)
            #expect(reply.status == .ok, "\(reply.text)")
            let body = try reply.json()
            let care = try #require(body["care"] as? [[String: Any]])
            #expect(care.count == CareType.allCases.count)
            let emergency = try #require(care.first { $0["care"] as? String == "emergency" })
            #expect(emergency["outcome"] as? String == "free")
            let applied = try #require(emergency["applied"] as? [[String: Any]])
            #expect(applied.first?["id"] as? String == "cis-emergency")
            #expect((applied.first?["basis"] as? [String: Any])?["kind"] as? String == "treaty")
            let overridden = try #require(emergency["overridden"] as? [[String: Any]])
            #expect(overridden.first?["rule"] as? String == "foreigners-temporary-paid" && overridden.first?["reason"] as? String == "stronger-basis")
            let primary = try #require(care.first { $0["care"] as? String == "primary" })
            #expect(primary["outcome"] as? String == "paid" && primary["price"] as? String == "foreigners-tariff")
            #expect((body["ruleSet"] as? [String: Any])?["version"] as? String == "2026.1")

            let before = try await client.send(.get, "/api/v1/people/\(id)/entitlements?date=2025-06-01", token: caseworker)
            #expect(before.status == .conflict)
            #expect(try before.json()["reason"] as? String == "no-status-on-date")
            let badDate = try await client.send(.get, "/api/v1/people/\(id)/entitlements?date=2026-13-01", token: caseworker)
            #expect(badDate.status == .unprocessableContent)
            #expect(try badDate.json()["field"] as? String == "date")
        }
    }

    static let broken = """
    country: BY
    version: "2027.1"
    title: Broken
    valid-from: 2027-01-01
    precedence: [law]
    bases:
      law: {kind: law, title: A law, source: https://example.org}
    rules:
      - id: everyone-free
        text: Everyone free.
        who: {status: permanent-resident}
        care: all
        outcome: free
        basis: law
        from: 2027-01-01
    """

    @Test("a refused upload names the line and leaves the set in force; an accepted one can be put in force and its readings chosen")
    func ruleSetUploadAndReadings() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let refused = try await client.send(.post, "/api/v1/rulesets?fileName=broken.yaml&activate=true", token: admin, raw: Self.broken, contentType: "application/yaml")
            #expect(refused.status == .unprocessableContent)
            let issues = try #require(try refused.json()["issues"] as? [[String: Any]])
            #expect(issues.first?["file"] as? String == "broken.yaml" && issues.first?["line"] as? Int == 11)
            #expect((issues.first?["reason"] as? String ?? "").contains("unknown status 'permanent-resident'"))
            #expect(try services.ruleSets.current("BY").stored.version == "2026.1")

            // A valid file: everyone free from 2027 (one rule for every status).
            let valid = Self.broken.replacingOccurrences(of: "status: permanent-resident", with: "status: [\(LegalStatusKind.allCases.map(\.rawValue).joined(separator: ", "))]")
            let (caseworker, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "caseworker1")
            let notAdmin = try await client.send(.post, "/api/v1/rulesets", token: caseworker, raw: valid, contentType: "application/yaml")
            #expect(notAdmin.status == .forbidden)
            let accepted = try await client.send(.post, "/api/v1/rulesets?fileName=free.yaml&activate=true", token: admin, raw: valid, contentType: "application/yaml")
            #expect(accepted.status == .created, "\(accepted.text)")
            #expect(try services.ruleSets.current("BY").stored.version == "2027.1")
            let again = try await client.send(.post, "/api/v1/rulesets?fileName=free.yaml", token: admin, raw: valid, contentType: "application/yaml")
            #expect(again.status == .conflict)

            // Back to the shipped set, then choose a reading of one of its conflicts.
            let list = try #require(try await client.send(.get, "/api/v1/rulesets", token: caseworker).json()["items"] as? [[String: Any]])
            let shipped = try #require(list.first { $0["version"] as? String == "2026.1" }?["id"] as? String)
            #expect(try await client.send(.post, "/api/v1/rulesets/\(shipped)/activate", token: admin).status == .ok)
            let id = try await Self.register(client, caseworker, given: "Aigul", citizenship: "KZ", status: "permanent-residence")
            func primary() async throws -> String? {
                let care = try await client.send(.get, "/api/v1/people/\(id)/entitlements?date=2026-06-01", token: caseworker).json()["care"] as? [[String: Any]]
                return care?.first { $0["care"] as? String == "primary" }?["outcome"] as? String
            }
            #expect(try await primary() == "free")
            let unknown = try await client.send(.put, "/api/v1/rulesets/\(shipped)/selection", token: admin, json: ["choices": ["cis-residents-planned-care": "maybe"]])
            #expect(unknown.status == .unprocessableContent)
            let chosen = try await client.send(.put, "/api/v1/rulesets/\(shipped)/selection", token: admin, json: ["choices": ["cis-residents-planned-care": "citizens-prices"]])
            #expect(chosen.status == .ok, "\(chosen.text)")
            #expect(try await primary() == "paid")
            let table = try #require(try await client.send(.get, "/api/v1/rulesets/\(shipped)/table", token: caseworker).json()["items"] as? [[String: Any]])
            #expect(table.contains { $0["care"] as? String == "primary" && ($0["rules"] as? [String])?.contains("cis-residents-citizens-prices") == true })
        }
    }

    @Test("a simulation counts who gains, suppresses small cells, is kept and exports CSV", arguments: TestDatabase.kinds)
    func simulationOverThePopulation(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (caseworker, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "caseworker1")
            let (analyst, _) = try await client.userToken(admin: admin, kind: .healthMinistry, role: .analyst, name: "analyst1")
            for i in 0..<6 { _ = try await Self.register(client, caseworker, given: "Ravi\(i)", citizenship: "IN", status: "temporary-stay") }
            _ = try await Self.register(client, caseworker, given: "Olga", citizenship: "RU", status: "temporary-stay")
            _ = try await Self.register(client, caseworker, given: "Amir", citizenship: "SY", status: "refugee")
            #expect(await services.population.current().count == 8)

            let input: [String: Any] = ["title": "Free treatment of socially dangerous diseases", "date": "2026-06-01",
                                        "alternative": ["changes": ["selection": ["socially-dangerous-diseases": "free"]]]]
            let forbidden = try await client.send(.post, "/api/v1/simulations", token: caseworker, json: input)
            #expect(forbidden.status == .forbidden)
            let run = try await client.send(.post, "/api/v1/simulations", token: analyst, json: input)
            #expect(run.status == .created, "\(run.text)")
            let body = try run.json()
            #expect(body["people"] as? Int == 8)
            let care = try #require(body["care"] as? [[String: Any]])
            let tb = try #require(care.first { $0["care"] as? String == "tb-treatment" })
            #expect(tb["gained"] as? Int == 6)   // the Russian had it by treaty, the refugee as a citizen
            let hepatitis = try #require(care.first { $0["care"] as? String == "hepatitis-treatment" })
            #expect(hepatitis["gained"] as? Int == 7)
            // The Russian alone gains hepatitis in her citizenship cell: hidden, and so is the next smallest.
            let byCitizenship = try #require(hepatitis["byCitizenship"] as? [[String: Any]])
            #expect(byCitizenship.count == 2 && byCitizenship.allSatisfy { $0["gained"] is NSNull || $0["gained"] == nil })
            #expect(care.first { $0["care"] as? String == "dental" }?["gained"] as? Int == 0)

            let id = try #require(body["id"] as? String)
            let csv = try await client.send(.get, "/api/v1/simulations/\(id)?format=csv", token: analyst)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("care,breakdown,value,gained,lost\r\n"))
            #expect(csv.text.contains("tb-treatment,all,,6,0"))
            #expect(csv.text.contains("hepatitis-treatment,citizenship,RU,<5,0"))
            let listed = try #require(try await client.send(.get, "/api/v1/simulations", token: analyst).json()["items"] as? [[String: Any]])
            #expect(listed.first?["id"] as? String == id)

            // Switching off the rule that decides temporary stayers leaves them undecided: refused, naming them.
            let gap = try await client.send(.post, "/api/v1/simulations", token: analyst, json: [
                "title": "No baseline", "alternative": ["changes": ["disabledRules": ["foreigners-temporary-paid"]]]])
            #expect(gap.status == .unprocessableContent)
            #expect((try gap.json()["detail"] as? String ?? "").contains("no rule decides"))
            let badEdit = try await client.send(.post, "/api/v1/simulations", token: analyst, json: [
                "title": "Bad edit", "alternative": ["changes": ["edits": ["cis-emergency": ["outcome": "gratis"]]]]])
            #expect(badEdit.status == .unprocessableContent)
            #expect(try badEdit.json()["field"] as? String == "alternative.edits.cis-emergency.outcome")
            let edited = try await client.send(.post, "/api/v1/simulations", token: analyst, json: [
                "title": "Paid TB for Russians", "date": "2026-06-01",
                "alternative": ["changes": ["edits": ["russia-emergency-and-socially-dangerous": ["outcome": "paid", "price": "foreigners-tariff"]]]]])
            #expect(edited.status == .created, "\(edited.text)")
            let editedCare = try #require(try edited.json()["care"] as? [[String: Any]])
            // Only the Russian loses free emergency care: one person, so the count is hidden; nobody loses dental care.
            let emergencyLost = try #require(editedCare.first { $0["care"] as? String == "emergency" })
            #expect(emergencyLost["lost"] == nil || emergencyLost["lost"] is NSNull)
            #expect(editedCare.first { $0["care"] as? String == "dental" }?["lost"] as? Int == 0)
            let unchanged = try await client.send(.post, "/api/v1/simulations", token: analyst, json: ["title": "Same", "alternative": [String: Any]()])
            #expect(unchanged.status == .unprocessableContent)

            // Another stored set as the alternative: the shipped file as version 2026.2, reading "free" by default.
            let shipped = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../Sources/CareBridgeServer/Resources/rules/BY-2026.1.yaml").standardized, encoding: .utf8)
                .replacingOccurrences(of: "version: \"2026.1\"", with: "version: \"2026.2\"")
                .replacingOccurrences(of: "default: as-other-care", with: "default: free")
            let stored = try await client.send(.post, "/api/v1/rulesets?fileName=BY-2026.2.yaml", token: admin, raw: shipped, contentType: "application/yaml")
            #expect(stored.status == .created, "\(stored.text)")
            let storedID = try #require(try stored.json()["id"] as? String)
            let other = try await client.send(.post, "/api/v1/simulations", token: analyst, json: [
                "title": "Version 2026.2", "date": "2026-06-01", "alternative": ["ruleSetId": storedID]])
            #expect(other.status == .created, "\(other.text)")
            let otherCare = try #require(try other.json()["care"] as? [[String: Any]])
            #expect(otherCare.first { $0["care"] as? String == "tb-treatment" }?["gained"] as? Int == 6)
        }
    }
}
