import CareBridgeCore
import Foundation
import Hummingbird

/// `/api/v1/alerts`: outbreak alerts from live detection, their review (series, threshold, cases behind them) and
/// closing with an outcome; `/api/v1/alerts/detect` runs detection now.
enum OutbreakAlertsController {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let alerts = OutbreakAlertService(services: services)
        router.get(RouterPath(APIRoute.outbreakAlerts.path)) { request, context in
            let status = request.uri.queryParameters["status"].map(String.init)
            guard status == nil || status == "open" || status == "closed" else {
                throw CareBridgeError.invalid("status", "status is open or closed, not '\(status!)'.")
            }
            let found = try await alerts.list(open: status.map { $0 == "open" }, request: request, context: context)
            return try JSONResponse.makeCore(ListBody(items: found, nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.outbreakAlertsDetect.path)) { request, context in
            let raised = try await alerts.detectNow(request: request, context: context)
            return try JSONResponse.makeCore(ListBody(items: raised, nextCursor: nil))
        }
        router.get(RouterPath(APIRoute.outbreakAlert.path)) { request, context in
            let review = try await alerts.review(try alertID(context), request: request, context: context)
            return try JSONResponse.makeCore(ReviewBody(review), etag: Int64(review.alert.version))
        }
        router.post(RouterPath(APIRoute.outbreakAlertClose.path)) { request, context in
            let input = try await request.decodeJSON(CloseInput.self, context: context)
            guard let outcome = OutbreakAlert.Outcome(rawValue: input.outcome) else {
                throw CareBridgeError.invalid("outcome", "outcome is one of \(OutbreakAlert.Outcome.allCases.map(\.rawValue).joined(separator: ", ")); not '\(input.outcome)'.")
            }
            let version = request.headers[.ifMatch] == nil ? nil : Int(try request.requiredVersion())
            let closed = try await alerts.close(try alertID(context), outcome: outcome, note: input.note, expectedVersion: version, request: request, context: context)
            return try JSONResponse.makeCore(closed, etag: Int64(closed.version))
        }
    }

    static func alertID(_ context: AppRequestContext) throws -> UUID {
        try context.uuidParameter("id", what: "The alert")
    }

    struct CloseInput: Decodable {
        var outcome: String
        var note: String?
    }

    struct ReviewBody: Encodable {
        struct Week: Encodable {
            var week: String
            var observed: Int
            var upperbound: Double?
            var alarm: Bool?
        }
        var alert: OutbreakAlert
        var series: [Week]
        var cases: [HealthRecord]
        var hiddenCases: Int

        init(_ r: OutbreakAlertService.Review) {
            alert = r.alert
            series = r.weeks.indices.map { Week(week: r.weeks[$0].description, observed: r.observed[$0], upperbound: r.rows[$0]?.upperbound, alarm: r.rows[$0]?.alarm) }
            cases = r.cases
            hiddenCases = r.hiddenCases
        }
    }
}
