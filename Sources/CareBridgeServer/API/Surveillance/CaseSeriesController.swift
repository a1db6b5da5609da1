import CareBridgeCore
import Foundation
import Hummingbird

/// `GET /api/v1/case-series?disease=&interval=week|month&system=iso|mmwr&by=none|region|citizenship|legal-status&from=&to=`:
/// notified cases as weekly (ISO or MMWR) or monthly counts, whole or broken down; `format=csv` for CSV. An aggregate
/// read; a breakdown is published with small cells suppressed (1-4, with a complement in each period), except to
/// public-health officers of the public-health service, who work with the cases themselves.
enum CaseSeriesController {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(APIRoute.caseSeries.path)) { request, context in
            let table = try await table(request: request, context: context, services: services)
            if request.uri.queryParameters["format"] == "csv" {
                var lines = [CSV.line(["series"] + table.periods)]
                for row in table.rows { lines.append(CSV.line([row.key] + row.counts.map { $0.map(String.init) ?? "suppressed" })) }
                return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n")))
            }
            return try JSONResponse.make(Body(periods: table.periods, periodStarts: table.periodStarts.map(\.description),
                                              series: table.rows.map { .init(key: $0.key, counts: $0.counts) }, suppressed: table.suppressed))
        }
    }

    struct Body: Encodable {
        struct Series: Encodable { var key: String; var counts: [Int?] }
        var periods: [String]
        var periodStarts: [String]
        var series: [Series]
        var suppressed: Bool
    }

    static func table(request: Request, context: AppRequestContext, services: AppServices) async throws -> CaseSeriesTable {
        let q = request.uri.queryParameters
        func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ fallback: T) throws -> T where T.RawValue == String {
            guard let text = q[Substring(name)].map(String.init) else { return fallback }
            guard let value = T(rawValue: text) else {
                throw CareBridgeError.invalid(name, "\(name) is one of \(T.allCases.map(\.rawValue).joined(separator: ", ")); not '\(text)'.")
            }
            return value
        }
        guard let diseaseText = q["disease"].map(String.init) else { throw CareBridgeError.invalid("disease", "Name the disease: ?disease=tuberculosis.") }
        let disease = try HealthRecordInput.enumValue(Disease.self, diseaseText, field: "disease")
        let interval: CaseSeriesTable.Interval = try choice("interval", .week)
        let system: EpiWeekSystem = try choice("system", .iso)
        let breakdown: CaseSeriesTable.Breakdown = try choice("by", .none)
        let to = try q["to"].map { try CalendarDay(parsing: String($0), field: "to") } ?? services.today
        let from = try q["from"].map { try CalendarDay(parsing: String($0), field: "from") } ?? CalendarDay(dayNumber: to.dayNumber - 728)
        guard from <= to else { throw CareBridgeError.invalid("from", "from (\(from)) is after to (\(to)).") }
        guard to.dayNumber - from.dayNumber <= 366 * 20 else { throw CareBridgeError.invalid("from", "A series spans at most 20 years.") }
        try await services.gate.authorizeRead(.aggregate, of: AccessGate.Target(), request: request, context: context)
        let identity = try context.requireIdentity()
        let seesCells = identity.organization.kind == .publicHealthService && identity.user.role == .publicHealthOfficer
        let cases = try await services.healthRecords.caseSeriesCases(of: disease, from: from, through: to)
        return try CaseSeriesTable.make(cases, interval: interval, system: system, breakdown: breakdown, from: from, through: to,
                                        snapshot: await services.population.current(), suppress: !seesCells)
    }
}
