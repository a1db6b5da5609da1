import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("HTTP foundations")
struct HTTPFoundationTests {
    @Test("healthz answers, and metrics count requests by route", arguments: TestDatabase.kinds)
    func healthAndMetrics(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, _ in
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == .ok)
            #expect(try health.json()["database"] as? String == kind.rawValue)
            _ = try await client.send(.get, "/healthz")
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.text.contains("http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2"))
            #expect(metrics.text.contains("http_request_duration_seconds_bucket"))
        }
    }

    @Test("every response carries the security headers and a request id")
    func securityHeaders() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            for path in ["/healthz", "/login", "/api/v1/organizations"] {
                let reply = try await client.send(.get, path)
                #expect(reply.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(path)")
                #expect(reply.headers[.xContentTypeOptions] == "nosniff")
                #expect(reply.headers[.init("Referrer-Policy")!] == "no-referrer")
                #expect(reply.headers[.init("X-Request-Id")!]?.isEmpty == false)
            }
        }
    }

    @Test("the OpenAPI document lists exactly the registered /api/v1 routes")
    func openAPIMatchesRoutes() async throws {
        try await TestApp.run(.sqlite) { client, services in
            let reply = try await client.send(.get, "/api/v1/openapi.json")
            let document = try reply.json()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            let registered = Set(RouteInventory.apiRoutes(services: services))
            #expect(registered.subtracting(documented).isEmpty, "routes missing from openapi.json: \(registered.subtracting(documented).sorted())")
            #expect(documented.subtracting(registered).isEmpty, "openapi.json names routes that do not exist: \(documented.subtracting(registered).sorted())")
        }
    }
}
