import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Testing

@testable import CareBridgeCore
@testable import CareBridgeServer

@Suite("The population snapshot catches up after writes in the background, and a scan waits for it")
struct PopulationStoreTests {
    @Test("people registered and changed at once, many together, are all in the next scan with their latest facts", arguments: TestDatabase.kinds)
    func scansSeeEveryCommittedWrite(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (sender, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "ngo.population")
            let before = await services.population.current().count
            // Thirty registrations in flight together: their refreshes overlap and are read in rounds.
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<30 {
                    group.addTask {
                        let reply = try await client.send(.post, "/api/v1/people", token: sender, json: [
                            "givenName": "Person\(i)", "familyName": "Snapshot", "birthDate": "1990", "citizenship": "TJ", "registerDespiteMatches": true])
                        return try #require(try reply.json()["id"] as? String, "\(reply.text)")
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let snapshot = await services.population.current()
            #expect(snapshot.count == before + 30)

            // A change of facts right before a scan is in that scan: the first person's legal status.
            let person = try #require(UUID(uuidString: ids[0]))
            func statuses(_ snapshot: PopulationSnapshot) throws -> Int {
                var (count, next) = (0, snapshot.firstStatus[Int(try #require(snapshot.rowOf[person]))])
                while next >= 0 { (count, next) = (count + 1, snapshot.statusNext[Int(next)]) }
                return count
            }
            #expect(try statuses(snapshot) == 0)
            let status = try await client.send(.post, "/api/v1/people/\(ids[0])/statuses", token: sender, json: ["status": "refugee", "validFrom": "2026-01-01"])
            #expect(status.status == .created, "\(status.text)")
            let after = await services.population.current()
            #expect(after.count == before + 30)
            #expect(try statuses(after) == 1)
            #expect(try statuses(snapshot) == 0, "a snapshot taken earlier is a value: it does not change")
        }
    }
}
