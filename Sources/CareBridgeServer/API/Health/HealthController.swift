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
            let record = try await health.create(try input.record(personID: id, identity: try context.requireIdentity(), services: services), request: request, context: context)
            return try JSONResponse.makeCore(record, status: .created, etag: Int64(record.version), location: APIRoute.healthRecord.link(Hex.uuid(record.id)))
        }
        router.get(RouterPath(APIRoute.healthRecord.path)) { request, context in
            let record = try await health.record(try recordID(context), request: request, context: context)
            return try JSONResponse.makeCore(record, etag: Int64(record.version))
        }
        router.post(RouterPath(APIRoute.healthRecordResult.path)) { request, context in
            let input = try await request.decodeJSON(ResultInput.self, context: context)
            let user = try context.requireIdentity().user.id
            let today = services.today, codes = services.health.codes
            let record = try await health.change(try recordID(context), expectedVersion: try version(request), request: request, context: context) { record in
                guard record.kind == .test, let test = record.test else {
                    throw CareBridgeError.invalid("id", "A result answers a test that was ordered; this record is a \(record.kind.rawValue). Order the test first (kind: test).")
                }
                let result = LabTest.Result(
                    resultedOn: try HealthRecordInput.day(input.resultedOn, field: "resultedOn") ?? today,
                    interpretation: try input.interpretation.map { try HealthRecordInput.enumValue(LabTest.Interpretation.self, $0, field: "interpretation") },
                    value: input.value, unit: input.unit?.trimmed.nonEmpty, recordedBy: user)
                var next = record
                next.test = try test.resulted(result, orderedOn: record.date, kind: try codes.test(test.code, field: "code").kind, today: today)
                return next
            }
            return try JSONResponse.makeCore(record, etag: Int64(record.version))
        }
        router.post(RouterPath(APIRoute.healthRecordOutcome.path)) { request, context in
            let input = try await request.decodeJSON(OutcomeInput.self, context: context)
            let today = services.today
            let record = try await health.change(try recordID(context), expectedVersion: try version(request), request: request, context: context) { record in
                guard record.kind == .treatment, var treatment = record.treatment else {
                    throw CareBridgeError.invalid("id", "An outcome belongs to a treatment; this record is a \(record.kind.rawValue).")
                }
                guard treatment.outcome == nil else { throw CareBridgeError.conflict("This treatment already has its outcome.", reason: "already-ended") }
                treatment.outcome = try HealthRecordInput.enumValue(TreatmentOutcome.self, input.outcome, field: "outcome")
                treatment.outcomeOn = try HealthRecordInput.day(input.outcomeOn, field: "outcomeOn") ?? today
                if let resistance = input.resistance { treatment.resistance = try HealthRecordInput.enumValue(DrugResistance.self, resistance, field: "resistance") }
                try treatment.validate(today: today)
                var next = record
                next.treatment = treatment
                return next
            }
            return try JSONResponse.makeCore(record, etag: Int64(record.version))
        }
        router.post(RouterPath(APIRoute.healthRecordClassification.path)) { request, context in
            let input = try await request.decodeJSON(ClassificationInput.self, context: context)
            let user = try context.requireIdentity().user.id
            let today = services.today
            let record = try await health.change(try recordID(context), expectedVersion: try version(request), request: request, context: context) { record in
                guard record.kind == .notification, var report = record.notification else {
                    throw CareBridgeError.invalid("id", "A classification belongs to a case; this record is a \(record.kind.rawValue).")
                }
                let classification = try HealthRecordInput.enumValue(CaseClassification.self, input.classification, field: "classification")
                let on = try HealthRecordInput.day(input.on, field: "on") ?? today
                if on > today || on < record.date { throw CareBridgeError.invalid("on", "on \(on) must lie between the notification (\(record.date)) and today.") }
                report.history.append(.init(classification: classification, on: on, by: user))
                report.classification = classification
                var next = record
                next.notification = report
                return next
            }
            return try JSONResponse.makeCore(record, etag: Int64(record.version))
        }
        router.get(RouterPath(APIRoute.healthRecordContacts.path)) { request, context in
            let id = try recordID(context)
            let record = try await health.record(id, request: request, context: context)
            guard record.kind == .notification else { throw CareBridgeError.notFound("The case") }
            let contacts = try await services.database.read { db in try await services.healthRecords.children(of: [id], kinds: [.contact], in: db) }
            return try JSONResponse.makeCore(ListBody(items: contacts, nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.healthRecordContacts.path)) { request, context in
            let id = try recordID(context)
            let input = try await request.decodeJSON(ContactInput.self, context: context)
            let identity = try context.requireIdentity()
            guard let caseRecord = try await services.healthRecords.find(id: id), let report = caseRecord.notification else {
                throw CareBridgeError.notFound("The case")
            }
            // The policy decides before anything about the contact is checked, so a refused user learns nothing from the errors.
            _ = try await services.gate.authorizeWrite(.health, of: try await health.target(caseRecord.personID), request: request, context: context)
            let exposure = try HealthRecordInput.enumValue(Contact.Exposure.self, input.exposure, field: "exposure")
            let last = try CalendarDay(parsing: input.lastExposure, field: "lastExposure")
            var contact = Contact(caseID: id, personID: caseRecord.personID, exposure: exposure,
                                  exposedFrom: try HealthRecordInput.day(input.exposedFrom, field: "exposedFrom"), lastExposure: last,
                                  followUps: Contact.schedule(for: report.disease, lastExposure: last))
            let named = try input.personId.map { try HealthRecordInput.uuid($0, field: "personId") }
            guard named != nil || input.person != nil else {
                throw CareBridgeError.invalid("personId", "Name the contact: personId of a registered person, or person to register a new one.")
            }
            // Everything about the contact is checked before anyone new is registered (a new person is never the case).
            contact.personID = named ?? UUID()
            try contact.validate(casePersonID: caseRecord.personID, today: services.today)
            if named == nil, let person = input.person {
                let draft = try person.draft(organization: identity.organization.id, now: services.now())
                contact.personID = try await PeopleService(services: services)
                    .register(draft, despiteMatches: person.registerDespiteMatches ?? false, request: request, context: context).id
            }
            var record = HealthRecord(personID: caseRecord.personID, kind: .contact, organizationID: identity.organization.id, recordedBy: identity.user.id,
                                      recordedAt: services.now(), date: last)
            record.contact = contact
            try await health.create(record, request: request, context: context)
            return try JSONResponse.makeCore(record, status: .created, etag: 1, location: APIRoute.healthRecord.link(Hex.uuid(record.id)))
        }
        router.post(RouterPath(APIRoute.healthRecordFollowUp.path)) { request, context in
            let input = try await request.decodeJSON(FollowUpInput.self, context: context)
            guard let index = context.parameters.get("index").flatMap(Int.init) else { throw CareBridgeError.notFound("The follow-up") }
            let today = services.today
            let record = try await health.change(try recordID(context), expectedVersion: try version(request), request: request, context: context) { record in
                guard record.kind == .contact, var contact = record.contact else {
                    throw CareBridgeError.invalid("id", "Follow-ups belong to a contact; this record is a \(record.kind.rawValue).")
                }
                guard contact.followUps.indices.contains(index) else { throw CareBridgeError.notFound("The follow-up") }
                contact.followUps[index].doneOn = try HealthRecordInput.day(input.doneOn, field: "doneOn") ?? today
                contact.followUps[index].outcome = try HealthRecordInput.enumValue(Contact.FollowUpOutcome.self, input.outcome, field: "outcome")
                contact.followUps[index].note = input.note?.trimmed.nonEmpty
                try contact.validate(casePersonID: record.personID, today: today)
                var next = record
                next.contact = contact
                return next
            }
            return try JSONResponse.makeCore(record, etag: Int64(record.version))
        }
        router.post(RouterPath(APIRoute.healthRecordAcknowledge.path)) { request, context in
            let user = try context.requireIdentity().user.id
            let today = services.today
            let record = try await health.change(try recordID(context), expectedVersion: nil, request: request, context: context) { record in
                guard record.kind == .alert, var alert = record.alert else {
                    throw CareBridgeError.invalid("id", "Only a continuity alert is acknowledged; this record is a \(record.kind.rawValue).")
                }
                guard alert.acknowledgedOn == nil else { return record }
                (alert.acknowledgedOn, alert.acknowledgedBy) = (today, user)
                var next = record
                next.alert = alert
                return next
            }
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
