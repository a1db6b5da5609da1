import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HummingbirdTesting
import Testing

/// The real HTTP server, where each connection's requests run on its event loop (`OnItsLoop`) and, on PostgreSQL, query
/// through that loop's pool with the token checked beside them: many clients at once are each answered correctly.
@Suite("Live HTTP connections")
struct LiveConnectionsTests {
    @Test("twenty clients on their own connections register and read people at once; every answer is theirs",
          arguments: TestDatabase.kinds)
    func concurrentClients(kind: DatabaseKind) async throws {
        try await TestApp.run(kind, configure: { $0.port = 0 }, over: .live) { client, _ in
            let port = try #require(client.client.port)
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (token, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.live")
            let session = URLSession(configuration: .ephemeral)
            defer { session.finishTasksAndInvalidate() }
            @Sendable func call(_ method: String, _ path: String, _ json: [String: Any]? = nil) async throws -> (Int, [String: Any]) {
                var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
                request.httpMethod = method
                request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
                if let json {
                    request.httpBody = try JSONSerialization.data(withJSONObject: json)
                    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                }
                let (data, response) = try await session.data(for: request)
                return ((response as? HTTPURLResponse)?.statusCode ?? 0, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
            }
            let names = try await withThrowingTaskGroup(of: (String, String?).self) { group in
                for i in 0..<20 {
                    group.addTask {
                        let given = "Клиент\(i)"
                        let (status, body) = try await call("POST", "/api/v1/people", ["givenName": given, "familyName": "Живой", "sex": "female", "birthYear": 1980 + i])
                        guard status == 201, let id = body["id"] as? String else { return (given, nil) }
                        let (readStatus, read) = try await call("GET", "/api/v1/people/\(id)")
                        return (given, readStatus == 200 ? read["givenName"] as? String : nil)
                    }
                }
                var names: [(String, String?)] = []
                for try await pair in group { names.append(pair) }
                return names
            }
            #expect(names.count == 20)
            for (given, read) in names { #expect(read == given) }
        }
    }
}
