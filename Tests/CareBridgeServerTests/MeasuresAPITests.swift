import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("The action plan through HTTP: plans, measures, versions, amendments, positions, comments, meetings, audit")
struct MeasuresAPITests {
    struct Setup {
        var admin: String
        var ngo: String, ngoOrg: String
        var health: String, healthOrg: String
        var border: String, borderOrg: String
        var plan: String
    }

    static func setUp(_ client: TestClient) async throws -> Setup {
        let admin = try await client.token("admin", TestApp.adminPassword)
        let (ngo, ngoOrg) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "ngo.plan")
        let (health, healthOrg) = try await client.userToken(admin: admin, kind: .publicHealthService, role: .publicHealthOfficer, name: "ph.plan")
        let (border, borderOrg) = try await client.userToken(admin: admin, kind: .borderService, role: .migrationOfficer, name: "border.plan")
        #expect(try await client.send(.post, "/api/v1/plans", token: ngo, json: ["title": ["en": "x"], "start": "2027-01-01", "end": "2029-12-31"]).status == .forbidden)
        let backwards = try await client.send(.post, "/api/v1/plans", token: admin, json: ["title": ["en": "Belarus 2027-2029"], "start": "2029-01-01", "end": "2027-12-31"])
        #expect(try backwards.status == .unprocessableContent && (try backwards.json()["field"] as? String) == "end")
        let plan = try await client.send(.post, "/api/v1/plans", token: admin,
                                         json: ["title": ["en": "Belarus 2027-2029", "ru": "Беларусь 2027-2029"], "start": "2027-01-01", "end": "2029-12-31"])
        #expect(plan.status == .created, "\(plan.text)")
        let planID = try #require(try plan.json()["id"] as? String)
        #expect(try await client.send(.patch, "/api/v1/plans/\(planID)", token: admin, json: ["end": "2030-12-31"]).status == .preconditionFailed)
        let renamed = try await client.send(.patch, "/api/v1/plans/\(planID)", token: admin, headers: [.ifMatch: "\"1\""],
                                            json: ["summary": ["en": "Agreed at the seminar."], "end": "2029-12-31"])
        #expect(try renamed.status == .ok && (renamed.json()["version"] as? Int) == 2 && renamed.headers[.eTag] == "\"2\"", "\(renamed.text)")
        #expect(try await client.send(.patch, "/api/v1/plans/\(planID)", token: admin, headers: [.ifMatch: "\"1\""], json: ["end": "2030-12-31"]).status == .preconditionFailed)
        #expect(try await client.send(.patch, "/api/v1/plans/\(planID)", token: ngo, headers: [.ifMatch: "\"2\""], json: ["end": "2030-12-31"]).status == .forbidden)
        return Setup(admin: admin, ngo: ngo, ngoOrg: ngoOrg, health: health, healthOrg: healthOrg, border: border, borderOrg: borderOrg,
                     plan: planID)
    }

    static func measureJSON(_ s: Setup, text: String = "Extend free TB treatment to temporary residents.", targetDate: String? = "2029-12-31") -> [String: Any] {
        var target: [String: Any] = ["indicatorId": "tb-treatment-success", "baseline": 0.6, "target": 0.85]
        if let targetDate { target["targetDate"] = targetDate }
        return ["planId": s.plan, "title": ["en": "Free TB treatment for temporary residents", "ru": "Бесплатное лечение ТБ для временно проживающих"],
                "text": ["en": text], "problem": ["en": "Temporary residents pay for TB treatment and stop it."],
                "responsibleOrganizationId": s.healthOrg, "contributingOrganizationIds": [s.ngoOrg], "start": "2027-01-01", "end": "2029-12-31",
                "indicators": [target], "legalActs": [["title": "Law on health care, art. 3", "url": "https://pravo.by/"]]]
    }

    @Test("a measure is proposed with its evidence, deliberated, amended and agreed; bad evidence and outdated amendments are refused naming the field and the version; every change is audited",
          arguments: TestDatabase.kinds)
    func measureLifecycle(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, _ in
            let s = try await Self.setUp(client)

            // Bad input: a target without a date, a simulation run that does not exist, an unknown indicator.
            let noDate = try await client.send(.post, "/api/v1/measures", token: s.ngo, json: Self.measureJSON(s, targetDate: nil))
            #expect(noDate.status == .unprocessableContent && noDate.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect((try noDate.json()["field"] as? String) == "indicators[0].targetDate", "\(noDate.text)")
            var ghost = Self.measureJSON(s)
            ghost["simulationId"] = UUID().uuidString.lowercased()
            let noSimulation = try await client.send(.post, "/api/v1/measures", token: s.ngo, json: ghost)
            #expect(try noSimulation.status == .unprocessableContent && (try noSimulation.json()["field"] as? String) == "simulationId", "\(noSimulation.text)")
            #expect((try noSimulation.json()["detail"] as? String)?.contains("no longer exists") == true)
            var unknown = Self.measureJSON(s)
            unknown["indicators"] = [["indicatorId": "happiness", "baseline": 0.1, "target": 0.2, "targetDate": "2029-01-01"]]
            #expect((try await client.send(.post, "/api/v1/measures", token: s.ngo, json: unknown).json()["field"] as? String) == "indicators[0].indicatorId")
            var percent = Self.measureJSON(s)
            percent["indicators"] = [["indicatorId": "tb-treatment-success", "baseline": 60, "target": 85, "targetDate": "2029-01-01"]]
            #expect((try await client.send(.post, "/api/v1/measures", token: s.ngo, json: percent).json()["field"] as? String) == "indicators[0].target")

            let created = try await client.send(.post, "/api/v1/measures", token: s.ngo, json: Self.measureJSON(s))
            #expect(created.status == .created, "\(created.text)")
            let measure = try created.json()
            let id = try #require(measure["id"] as? String)
            #expect(measure["version"] as? Int == 1 && measure["status"] as? String == "proposed" && measure["number"] as? Int == 1)
            #expect(created.headers[.eTag] == "\"1\"")
            let list = try await client.send(.get, "/api/v1/measures?plan=\(s.plan)&limit=1", token: s.border)
            #expect((try list.json()["items"] as? [[String: Any]])?.count == 1, "every signed-in user reads plans")

            // Status: one step at a time, by the responsible organization, never on a stale read.
            #expect(try await client.send(.post, "/api/v1/measures/\(id)/status", token: s.ngo, json: ["status": "under-discussion"]).status == .forbidden)
            let skip = try await client.send(.post, "/api/v1/measures/\(id)/status", token: s.health, json: ["status": "agreed"])
            #expect(try skip.status == .conflict && (try skip.json()["reason"] as? String) == "illegal-transition")
            let stale = try await client.send(.post, "/api/v1/measures/\(id)/status", token: s.health, headers: [.ifMatch: "\"7\""], json: ["status": "under-discussion"])
            #expect(stale.status == .preconditionFailed)

            // An amendment on version 1, then an edit making version 2: a new amendment on version 1 is refused, naming both.
            let amendment = try await client.send(.post, "/api/v1/measures/\(id)/amendments", token: s.ngo,
                                                  json: ["baseVersion": 1, "text": ["en": "Extend free TB and HIV treatment to temporary residents."], "reason": "HIV too"])
            #expect(amendment.status == .created, "\(amendment.text)")
            let amendmentID = try #require(try amendment.json()["id"] as? String)
            let read = try await client.send(.get, "/api/v1/measures/\(id)", token: s.health)
            let etag = try #require(read.headers[.eTag])
            #expect(try await client.send(.patch, "/api/v1/measures/\(id)", token: s.health, json: ["end": "2028-12-31"]).status == .preconditionFailed)
            let edited = try await client.send(.patch, "/api/v1/measures/\(id)", token: s.health, headers: [.ifMatch: etag],
                                               json: ["text": ["en": "Extend free TB treatment to all temporary residents."], "note": "all of them"])
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(try edited.json()["version"] as? Int == 2)
            let again = try await client.send(.patch, "/api/v1/measures/\(id)", token: s.health, headers: [.ifMatch: etag], json: ["end": "2028-12-31"])
            #expect(try again.status == .preconditionFailed && (try again.json()["currentVersion"] as? Int) == 2, "\(again.text)")
            let outdated = try await client.send(.post, "/api/v1/measures/\(id)/amendments", token: s.ngo, json: ["baseVersion": 1, "text": ["en": "Something else."]])
            #expect(outdated.status == .conflict, "\(outdated.text)")
            let problem = try outdated.json()
            #expect(problem["field"] as? String == "baseVersion" && problem["reason"] as? String == "outdated-version" && problem["currentVersion"] as? Int == 2)
            #expect((problem["detail"] as? String)?.contains("version 1") == true)
            let acceptStale = try await client.send(.post, "/api/v1/measures/\(id)/amendments/\(amendmentID)/decision", token: s.health, json: ["decision": "accept"])
            #expect(try acceptStale.status == .conflict && (try acceptStale.json()["reason"] as? String) == "outdated-version")
            #expect(try await client.send(.post, "/api/v1/measures/\(id)/amendments/\(amendmentID)/withdraw", token: s.ngo).status == .ok)

            // Deliberation: participants only; a meeting brings its participants in.
            #expect(try await client.send(.post, "/api/v1/measures/\(id)/comments", token: s.border, json: ["text": "We check documents at the border."]).status == .forbidden)
            let objection = try await client.send(.put, "/api/v1/measures/\(id)/positions", token: s.ngo, json: ["stance": "objects"])
            #expect(try objection.status == .unprocessableContent && (try objection.json()["field"] as? String) == "reason")
            let position = try await client.send(.put, "/api/v1/measures/\(id)/positions", token: s.ngo, json: ["stance": "supports-with-changes", "reason": "Add HIV."])
            #expect(try position.status == .ok && (try position.json()["version"] as? Int) == 2, "\(position.text)")
            let meeting = try await client.send(.post, "/api/v1/meetings", token: s.admin, json: [
                "planId": s.plan, "kind": "round-table", "title": "March round table", "date": "2027-03-15",
                "participantIds": [s.healthOrg, s.ngoOrg, s.borderOrg], "measureIds": [id]])
            #expect(meeting.status == .created, "\(meeting.text)")
            let meetingID = try #require((try meeting.json()["meeting"] as? [String: Any])?["id"] as? String)
            let comment = try await client.send(.post, "/api/v1/measures/\(id)/comments", token: s.border, json: ["text": "We check documents at the border."])
            #expect(comment.status == .created, "\(comment.text)")

            // The March round table: an accepted amendment and a status change recorded at it.
            let hiv = try await client.send(.post, "/api/v1/measures/\(id)/amendments", token: s.ngo,
                                            json: ["baseVersion": 2, "text": ["en": "Extend free TB and HIV treatment to all temporary residents."]])
            let hivID = try #require(try hiv.json()["id"] as? String)
            let accepted = try await client.send(.post, "/api/v1/measures/\(id)/amendments/\(hivID)/decision", token: s.health,
                                                 json: ["decision": "accept", "meetingId": meetingID])
            #expect(try accepted.status == .ok && (try accepted.json()["version"] as? Int) == 3, "\(accepted.text)")
            let moved = try await client.send(.post, "/api/v1/measures/\(id)/status", token: s.health, json: ["status": "under-discussion", "meetingId": meetingID])
            #expect(moved.status == .ok, "\(moved.text)")
            let roundTable = try await client.send(.get, "/api/v1/meetings/\(meetingID)", token: s.border)
            let outcome = try #require((try roundTable.json()["outcomes"] as? [[String: Any]])?.first)
            #expect(outcome["versions"] as? [Int] == [3] && (outcome["statusChanges"] as? [Any])?.count == 1, "\(roundTable.text)")

            let diff = try await client.send(.get, "/api/v1/measures/\(id)/diff?from=2&to=3&lang=en", token: s.border)
            let added = try #require(try diff.json()["text"] as? [[String: String]]).filter { $0["kind"] == "added" }.map { $0["text"] }
            #expect(added == ["and HIV "], "\(diff.text)")
            let versions = try await client.send(.get, "/api/v1/measures/\(id)/versions", token: s.border)
            #expect((try versions.json()["items"] as? [Any])?.count == 3)
            let changelog = try await client.send(.get, "/api/v1/plans/\(s.plan)/changelog", token: s.border)
            let kinds = try #require(try changelog.json()["entries"] as? [[String: Any]]).map { $0["kind"] as? String }
            #expect(kinds == ["proposed", "version", "version", "status"], "\(changelog.text)")

            // Agreed: the text no longer changes by a direct edit.
            let current = try await client.send(.get, "/api/v1/measures/\(id)", token: s.health)
            _ = try await client.send(.post, "/api/v1/measures/\(id)/status", token: s.health, json: ["status": "agreed"])
            let after = try await client.send(.get, "/api/v1/measures/\(id)", token: s.health)
            #expect(current.headers[.eTag] != after.headers[.eTag])
            let frozen = try await client.send(.patch, "/api/v1/measures/\(id)", token: s.health, headers: [.ifMatch: try #require(after.headers[.eTag])], json: ["text": ["en": "Changed quietly."]])
            #expect(try frozen.status == .conflict && (try frozen.json()["reason"] as? String) == "agreed-changes-by-amendment")

            let monitoring = try await client.send(.get, "/api/v1/measures/\(id)/monitoring", token: s.border)
            #expect(monitoring.status == .ok, "\(monitoring.text)")
            #expect((try monitoring.json()["targets"] as? [Any])?.count == 1)

            // Who changed what, when: one audit event per change, about aggregates, never a person.
            let audit = try await client.send(.get, "/api/v1/audit?limit=200", token: s.admin)
            let events = try #require(try audit.json()["items"] as? [[String: Any]])
            let actions = events.compactMap { $0["action"] as? String }
            for action in ["plan.create", "measure.propose", "measure.edit", "measure.amendment.propose", "measure.amendment.accept", "measure.amendment.withdraw",
                           "measure.position", "measure.comment", "measure.status", "meeting.record"] {
                #expect(actions.contains(action), "\(action) audited")
            }
            #expect(events.filter { ($0["action"] as? String)?.hasPrefix("measure.") == true }.allSatisfy { $0["personId"] == nil })
        }
    }

    @Test("measures proposed at the same moment each get their own number; an amendment on a version that never existed is a 422", arguments: TestDatabase.kinds)
    func concurrentProposals(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, _ in
            let s = try await Self.setUp(client)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<6 {
                    group.addTask { try await client.send(.post, "/api/v1/measures", token: s.ngo, json: Self.measureJSON(s, text: "Measure \(i).")).status.code }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 201, count: 6))
            let list = try await client.send(.get, "/api/v1/measures?plan=\(s.plan)", token: s.ngo)
            let items = try #require(try list.json()["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["number"] as? Int } == Array(1...6), "a plan's measures come by number")
            let page = try await client.send(.get, "/api/v1/measures?plan=\(s.plan)&limit=4", token: s.ngo)
            let cursor = try #require(try page.json()["nextCursor"] as? String)
            let rest = try await client.send(.get, "/api/v1/measures?plan=\(s.plan)&limit=4&cursor=\(cursor)", token: s.ngo)
            #expect((try rest.json()["items"] as? [[String: Any]])?.compactMap { $0["number"] as? Int } == [5, 6])
            let id = try #require(items.first?["id"] as? String)
            let ghost = try await client.send(.post, "/api/v1/measures/\(id)/amendments", token: s.ngo, json: ["baseVersion": 9, "text": ["en": "x"]])
            #expect(try ghost.status == .unprocessableContent && (ghost.json()["field"] as? String) == "baseVersion")
        }
    }

    @Test("plans and measures need a signed-in user; unknown ids are 404 problems")
    func readsNeedAnAccount() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            #expect(try await client.send(.get, "/api/v1/plans").status == .unauthorized)
            let admin = try await client.token("admin", TestApp.adminPassword)
            #expect(try await client.send(.get, "/api/v1/measures/\(UUID().uuidString)", token: admin).status == .notFound)
            #expect(try await client.send(.get, "/api/v1/plans/not-an-id", token: admin).status == .notFound)
            #expect(try await client.send(.get, "/api/v1/measures?status=maybe", token: admin).status == .unprocessableContent)
        }
    }
}
