import AsyncHTTPClient
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
        for line in text.split(separator: "\n") where line.hasPrefix("http_request_duration_seconds_") {
            guard let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}"),
                  let value = Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)) else { continue }
            let labels = Self.labels(String(line[line.index(after: open)..<close]))
            guard let path = labels["route"], route(path), labels["method"] == method else { continue }
            if line.hasPrefix("http_request_duration_seconds_bucket"), let bound = labels["le"], Double(bound) == Double(seconds) { within += value }
            if line.hasPrefix("http_request_duration_seconds_count") { count += value }
        }
        guard count > 0 else { return "no server-side figure (route not in /metrics)" }
        return String(format: "server-side %.1f%% within %@ s", within / count * 100, seconds)
    }

    /// `a="x",b="y"` as a dictionary (label values here hold no quotes or commas).
    static func labels(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return result
    }
}
