import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A server on a fresh database of `kind`, driven in process through HTTP requests.
enum TestApp {
    static let adminPassword = "admin-password-for-tests"

    static func run(_ kind: DatabaseKind, configure: (inout AppConfiguration) -> Void = { _ in }, over setup: TestingSetup = .router,
                    _ body: @escaping @Sendable (TestClient, AppServices) async throws -> Void) async throws {
        let (url, cleanup) = try await TestDatabase.freshURL(kind)
        var configuration = AppConfiguration()
        configuration.databaseURL = url
        configuration.adminPassword = adminPassword
        configuration.dataKey = FieldCipher.generateMaster()
        configuration.logLevel = "warning"
        // The tests' webhook targets that are down refuse at once (port 1), so the connect timeout only has to outlast
        // a loaded machine: at half a second, a connection to the tests' own receiver timed out once under load.
        configuration.webhookConnectTimeout = 5
        configure(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        // bcrypt at its lowest cost keeps the suite fast; the algorithm is the same.
        let (app, services) = try await buildApplication(configuration, logger: logger, hasher: PasswordHasher(cost: 4))
        do {
            try await app.test(setup) { client in try await body(TestClient(client: client), services) }
            await services.database.close()
            try await cleanup()
        } catch {
            await services.database.close()
            try? await cleanup()
            throw error
        }
    }
}

/// Small conveniences over HummingbirdTesting's client for JSON APIs.
struct TestClient: Sendable {
    let client: any TestClientProtocol

    struct Reply: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer
        var text: String { String(buffer: body) }
        func json() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
        }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(T.self, from: Data(buffer: body))
        }
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, headers: HTTPFields = [:],
              json: Any? = nil, raw: String? = nil, contentType: String = "application/json") async throws -> Reply {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json { body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)) }
        if let raw { body = ByteBuffer(string: raw) }
        if body != nil, headers[.contentType] == nil { headers[.contentType] = contentType }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Reply(status: response.status, headers: response.headers, body: response.body)
        }
    }

    /// Signs in through the API and returns the bearer token.
    func token(_ username: String, _ password: String) async throws -> String {
        let reply = try await send(.post, "/api/v1/auth/token", json: ["username": username, "password": password])
        guard reply.status == .created, let token = try reply.json()["token"] as? String else {
            throw CareBridgeError(.unauthorized, title: "login failed in test", detail: reply.text)
        }
        return token
    }

    /// Creates an organization and a user in it (as the platform admin) and returns the user's token.
    func userToken(admin: String, kind: OrganizationKind, role: Role, name: String) async throws -> (token: String, organizationID: String) {
        let org = try await send(.post, "/api/v1/organizations", token: admin,
                                 json: ["slug": "org-\(name.replacingOccurrences(of: ".", with: "-"))", "kind": kind.rawValue, "names": ["en": "Org \(name)"]])
        guard org.status == .created, let orgID = try org.json()["id"] as? String else {
            throw CareBridgeError(.conflict, title: "org failed in test", detail: org.text)
        }
        let user = try await send(.post, "/api/v1/users", token: admin,
                                  json: ["username": name, "password": "password-\(name)", "organizationId": orgID, "role": role.rawValue])
        guard user.status == .created else { throw CareBridgeError(.conflict, title: "user failed in test", detail: user.text) }
        return (try await token(name, "password-\(name)"), orgID)
    }
}

extension AppServices {
    /// What the server counted in the series of `name` with these labels (0 if it has none), read from its `/metrics`.
    func counted(_ name: String, _ labels: [String: String]) -> Int {
        MetricSample.parse(metrics.render()).first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }
            .map { Int($0.value) } ?? 0
    }
}
