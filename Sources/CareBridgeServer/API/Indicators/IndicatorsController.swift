import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird

/// The equity indicators: `GET /api/v1/indicators` (definitions), `GET /api/v1/indicators/{id}?by=&from=&to=` (computed
/// and suppressed, JSON, or CSV with `?format=csv` or `Accept: text/csv`), `GET /api/v1/indicators/{id}/dhis2?period=&orgUnit=`
/// (a DHIS2 data value set), and the catalog and DHIS2 mapping under `/api/v1/reference/` (read; replaced by a platform administrator).
enum IndicatorsController {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let indicators = IndicatorService(services: services)
        router.get(RouterPath(APIRoute.indicators.path)) { _, context in
            _ = try context.requireIdentity()
            let l = Catalogs.localizer(context.language)
            return try JSONResponse.make(ListBody(items: services.indicators.catalog.indicators.map { DefinitionBody($0, l: l) }, nextCursor: nil))
        }
        router.get(RouterPath(APIRoute.indicator.path)) { request, context in
            let id = try indicatorID(context)
            let query = try indicators.query(by: request.uri.queryParameters.getAll("by"), from: request.uri.queryParameters.get("from"),
                                             to: request.uri.queryParameters.get("to"))
            let result = try await indicators.compute(id, query: query, request: request, context: context)
            if request.uri.queryParameters.get("format") == "csv" || (request.headers[.accept] ?? "").contains("text/csv") {
                return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(id).csv\""],
                                body: .init(byteBuffer: ByteBuffer(string: result.csv)))
            }
            return try JSONResponse.make(ResultBody(result, title: Catalogs.localizer(context.language)(try indicators.definition(id).title)))
        }
        router.get(RouterPath(APIRoute.indicatorDHIS2.path)) { request, context in
            let id = try indicatorID(context)
            let q = request.uri.queryParameters
            let (set, omitted) = try await indicators.dhis2(id, period: q.get("period"), orgUnit: q.get("orgUnit"), by: q.getAll("by"), request: request, context: context)
            var response = try JSONResponse.make(set)
            // Hidden figures are left out of the set; the count says how many, so a gap is never mistaken for a zero.
            response.headers[.suppressedValues] = String(omitted)
            return response
        }
        router.get(RouterPath(APIRoute.indicatorCatalog.path)) { _, context in
            _ = try context.requireIdentity()
            return try JSONResponse.make(services.indicators.catalog)
        }
        router.put(RouterPath(APIRoute.indicatorCatalog.path)) { request, context in
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let catalog = try await indicators.importCatalog(Data(buffer: buffer), context: context)
            return try JSONResponse.make(["indicators": catalog.indicators.count])
        }
        router.get(RouterPath(APIRoute.dhis2Mapping.path)) { _, context in
            _ = try context.requireIdentity()
            return try JSONResponse.make(services.indicators.mapping)
        }
        router.put(RouterPath(APIRoute.dhis2Mapping.path)) { request, context in
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let mapping = try await indicators.importMapping(Data(buffer: buffer), context: context)
            return try JSONResponse.make(["indicators": mapping.indicators.count])
        }
    }

    static func indicatorID(_ context: AppRequestContext) throws -> String {
        _ = try context.requireIdentity()
        guard let id = context.parameters.get("id") else { throw CareBridgeError.notFound("The indicator") }
        return id
    }
}

/// An indicator's definition, its title and description in the user's language beside their keys.
struct DefinitionBody: Encodable {
    var id: String
    var title: String
    var titleKey: String
    var description: String
    var subject: String
    var measure: String
    var denominator: IndicatorFilter
    var numerator: IndicatorFilter
    var source: IndicatorSource
    var breakdowns: [String]

    init(_ d: IndicatorDefinition, l: Localizer) {
        (id, title, titleKey, description) = (d.id, l(d.title), d.title, l(d.description))
        (subject, measure, denominator, numerator, source) = (d.subject.rawValue, d.measure.rawValue, d.denominator, d.numerator, d.source)
        breakdowns = IndicatorDimension.allCases.map(\.rawValue)
    }
}

/// A computed indicator with its title; figures as `IndicatorResult` publishes them.
struct ResultBody: Encodable {
    var title: String
    var result: IndicatorResult
    init(_ result: IndicatorResult, title: String) { (self.result, self.title) = (result, title) }

    enum Keys: String, CodingKey { case title }
    func encode(to encoder: any Encoder) throws {
        try result.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(title, forKey: .title)
    }
}

extension HTTPField.Name {
    /// How many figures of a DHIS2 export were left out because they are hidden (small cells and their complements).
    static let suppressedValues = Self("X-Suppressed-Values")!
}
