import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Outermost middleware: gives each response its request id, counts it in /metrics by route,
/// and writes one structured log line per request.
struct ObservabilityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: AppMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        // Unmatched paths share one label, so scanners cannot blow up the metric's cardinality.
        let route = context.endpointPath ?? "unmatched"
        metrics.observe(route: route, method: request.method.rawValue, status: Int(response.status.code), duration: elapsed)
        response.headers[.requestID] = context.id
        let millis = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path), "route": .string(route),
            "status": .stringConvertible(response.status.code), "duration_ms": .string(String(format: "%.2f", millis)),
            "user": .string(context.identity?.user.username ?? "-"),
        ])
        return response
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
    static let purposeOfUse = Self("X-Purpose-Of-Use")!
    static let accessReason = Self("X-Access-Reason")!
    static let idempotencyKey = Self("Idempotency-Key")!
    static let csrfToken = Self("X-CSRF-Token")!
}
