import AsyncHTTPClient
import CareBridgeServer
import Foundation

/// The server's own view of a route's latency, from its `/metrics` histogram (`http_request_duration_seconds`, timed by
/// the outermost middleware from the request's head to the response): what share of the requests it answered within
/// a bucket's bound. Beside the load client's percentiles it separates the server's time from what the client, the
/// loopback and the scheduler of the shared cores add.
extension Benchmarks {
    static func serverShare(_ client: HTTPClient, base: String, route: (String) -> Bool, method: String, within seconds: String) async throws -> String {
        let response = try await client.execute(HTTPClientRequest(url: "\(base)/metrics"), timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 24))
        var within = 0.0, count = 0.0
        for sample in MetricSample.parse(text) where sample.labels["route"].map(route) == true && sample.labels["method"] == method {
            if sample.name == "http_request_duration_seconds_bucket", let bound = sample.labels["le"], Double(bound) == Double(seconds) { within += sample.value }
            if sample.name == "http_request_duration_seconds_count" { count += sample.value }
        }
        guard count > 0 else { return "no server-side figure (route not in /metrics)" }
        return String(format: "server-side %.1f%% within %@ s", within / count * 100, seconds)
    }
}
