import Foundation
import Prometheus

/// The server's Prometheus registry, owned by the application (not a process-wide bootstrap),
/// so each test's server counts only its own requests.
public final class AppMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    /// Latency buckets from 0.5 ms to 5 s: the person-level GET target is 5 ms at p99.
    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(1000), .seconds(5),
    ]

    public init() {}

    func observe(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route, method and status"),
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency by route"),
            labels: [("route", route), ("method", method)], buckets: Self.buckets
        ).record(duration)
    }

    /// A known API token checked again beside its request: carried by the request's first read, or looked up by itself.
    func tokenCheck(carried: Bool) {
        count("carebridge_token_rechecks", how: carried ? "carried" : "separate",
              help: "Known API tokens checked beside their request, by how: carried by its first read, or separate")
    }

    /// A referral sent or stepped: written as one statement (PostgreSQL), or in a transaction (SQLite, or when a
    /// condition of the one statement no longer held).
    func referralWrite(oneStatement: Bool) {
        count("carebridge_referral_writes", how: oneStatement ? "one-statement" : "transaction",
              help: "Referrals sent or stepped, by how they were written: one statement, or a transaction")
    }

    /// One more in the counter `name`_total of the series `how`.
    private func count(_ name: String, how: String, help: String) {
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: name, unitName: "total", helpText: help), labels: [("how", how)]).increment()
    }

    public func render() -> String { registry.emitToString() }
}
