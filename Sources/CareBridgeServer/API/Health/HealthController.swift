import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// Screening, clinical records, cases, contacts, treatments, continuity alerts and the population cascade.
enum HealthController {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let health = HealthService(services: services)
        router.get(RouterPath(APIRoute.personScreening.path)) { request, context in
            let id = try PeopleController.personID(context)
            let day = try request.uri.queryParameters["date"].map { try CalendarDay(parsing: String($0), field: "date") } ?? services.today
            let screening = try await health.screening(id, on: day, request: request, context: context)
            return try JSONResponse.make(ScreeningBody(screening, date: day, countries: services.countries, language: context.language))
        }
        router.get(RouterPath(APIRoute.personHealthRecords.path)) { request, context in
            let (records, exposures) = try await health.history(try PeopleController.personID(context), request: request, context: context)
            return try JSONResponse.makeCore(HistoryBody(items: records, exposures: exposures))
        }
        router.post(RouterPath(APIRoute.personHealthRecords.path)) { request, context in
            let id = try PeopleController.personID(context)
            let input = try await request.decodeJSON(HealthRecordInput.self, context: context)
            let record = try await health.create(input, personID: id, request: request, context: context)
            return try JSONResponse.makeCore(record, status: .created, etag: Int64(record.version), location: APIRoute.healthRecord.link(Hex.uuid(record.id)))
        }
        router.get(RouterPath(APIRoute.healthRecord.path)) { request, context in
            let record = try await health.record(try recordID(context), request: request, context: context)
            return try JSONResponse.makeCore(record, etag: Int64(record.version))
        }
        router.post(RouterPath(APIRoute.healthRecordResult.path)) { request, context in
            let input = try await request.decodeJSON(ResultInput.self, context: context)
            let record = try await health.result(try recordID(context), input, expectedVersion: try version(request), request: request, context: context)
            return try JSONResponse.makeCore(record, etag: Int64(record.version))
        }
        router.post(RouterPath(APIRoute.healthRecordOutcome.path)) { request, context in
            let input = try await request.decodeJSON(OutcomeInput.self, context: context)
            let record = try await health.outcome(try recordID(context), input, expectedVersion: try version(request), request: request, context: context)
            return try JSONResponse.makeCore(record, etag: Int64(record.version))
        }
        router.post(RouterPath(APIRoute.healthRecordClassification.path)) { request, context in
            let input = try await request.decodeJSON(ClassificationInput.self, context: context)
            let record = try await health.reclassify(try recordID(context), input, expectedVersion: try version(request), request: request, context: context)
            return try JSONResponse.makeCore(record, etag: Int64(record.version))
        }
        router.get(RouterPath(APIRoute.healthRecordContacts.path)) { request, context in
            let contacts = try await health.contacts(of: try recordID(context), request: request, context: context)
            return try JSONResponse.makeCore(ListBody(items: contacts, nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.healthRecordContacts.path)) { request, context in
            let id = try recordID(context)
            let input = try await request.decodeJSON(ContactInput.self, context: context)
            let record = try await health.addContact(to: id, input, request: request, context: context)
            return try JSONResponse.makeCore(record, status: .created, etag: 1, location: APIRoute.healthRecord.link(Hex.uuid(record.id)))
        }
        router.post(RouterPath(APIRoute.healthRecordFollowUp.path)) { request, context in
            let input = try await request.decodeJSON(FollowUpInput.self, context: context)
            guard let index = context.parameters.get("index").flatMap(Int.init) else { throw CareBridgeError.notFound("The follow-up") }
            let record = try await health.followUp(try recordID(context), index: index, input, expectedVersion: try version(request), request: request, context: context)
            return try JSONResponse.makeCore(record, etag: Int64(record.version))
        }
        router.post(RouterPath(APIRoute.healthRecordAcknowledge.path)) { request, context in
            let record = try await health.acknowledge(try recordID(context), request: request, context: context)
            return try JSONResponse.makeCore(record, etag: Int64(record.version))
        }
        router.get(RouterPath(APIRoute.healthRecordChain.path)) { request, context in
            let graph = try await health.chain(try recordID(context), request: request, context: context)
            return try JSONResponse.make(ChainBody(graph))
        }
        router.get(RouterPath(APIRoute.cases.path)) { request, context in
            let cases = try await health.cases(request: request, context: context)
            return try JSONResponse.makeCore(ListBody(items: cases, nextCursor: nil))
        }
        router.get(RouterPath(APIRoute.continuityAlerts.path)) { request, context in
            let alerts = try await health.alerts(request: request, context: context)
            return try JSONResponse.makeCore(ListBody(items: alerts, nextCursor: nil))
        }
        router.get(RouterPath(APIRoute.cascade.path)) { request, context in
            let day = try request.uri.queryParameters["date"].map { try CalendarDay(parsing: String($0), field: "date") } ?? services.today
            return try JSONResponse.make(CascadeBody(try await health.populationCascade(on: day, request: request, context: context)))
        }
        router.get(RouterPath(APIRoute.countryEpidemiology.path)) { _, context in
            _ = try context.requireIdentity()
            return try JSONResponse.make(services.health.engine.epidemiology)
        }
        router.put(RouterPath(APIRoute.countryEpidemiology.path)) { request, context in
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let table = try await health.importEpidemiology(Data(buffer: buffer), context: context)
            return try JSONResponse.make(ImportSummary(countries: table.countries.count, sources: table.sources.count))
        }
    }

    struct ImportSummary: Encodable { var countries: Int; var sources: Int }

    static func recordID(_ context: AppRequestContext) throws -> UUID {
        _ = try context.requireIdentity()
        return try context.uuidParameter("id", what: "The health record")
    }

    /// `If-Match` when sent (then a stale version is refused); changes without it apply to the record as it is.
    static func version(_ request: Request) throws -> Int? {
        request.headers[.ifMatch] == nil ? nil : Int(try request.requiredVersion())
    }
}
