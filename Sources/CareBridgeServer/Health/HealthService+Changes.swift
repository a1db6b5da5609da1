import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// The health writes and lists as the API and the staff pages both call them: the API decodes JSON into these inputs,
/// the pages build the same inputs from their forms, so a record made either way is checked and stored the same way.
extension HealthService {
    /// A new record of `input.kind` for the person (checked against the code tables and today, then stored).
    @discardableResult
    func create(_ input: HealthRecordInput, personID: UUID, request: Request, context: AppRequestContext) async throws -> HealthRecord {
        try await create(try input.record(personID: personID, identity: try context.requireIdentity(), services: services), request: request, context: context)
    }

    /// The result of a test that was ordered (once; never before the order, never in the future).
    @discardableResult
    func result(_ id: UUID, _ input: ResultInput, expectedVersion: Int?, request: Request, context: AppRequestContext) async throws -> HealthRecord {
        let user = try context.requireIdentity().user.id
        let today = services.today, codes = services.health.codes
        return try await change(id, expectedVersion: expectedVersion, request: request, context: context) { record in
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
    }

    /// A treatment's WHO outcome (once; never before the start).
    @discardableResult
    func outcome(_ id: UUID, _ input: OutcomeInput, expectedVersion: Int?, request: Request, context: AppRequestContext) async throws -> HealthRecord {
        let today = services.today
        return try await change(id, expectedVersion: expectedVersion, request: request, context: context) { record in
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
    }

    /// A new classification of a case, kept in its history.
    @discardableResult
    func reclassify(_ id: UUID, _ input: ClassificationInput, expectedVersion: Int?, request: Request, context: AppRequestContext) async throws -> HealthRecord {
        let user = try context.requireIdentity().user.id
        let today = services.today
        return try await change(id, expectedVersion: expectedVersion, request: request, context: context) { record in
            guard record.kind == .notification, var report = record.notification else {
                throw CareBridgeError.invalid("id", "A classification belongs to a case; this record is a \(record.kind.rawValue).")
            }
            let classification = try HealthRecordInput.enumValue(CaseClassification.self, input.classification, field: "classification")
            let on = try HealthRecordInput.day(input.on, field: "on") ?? today
            if on > today || on < record.date { throw CareBridgeError.invalid("on", "on \(on) must lie between the notification (\(record.date)) and today.") }
            if report.history.isEmpty { report.firstClassification = report.classification }
            report.history.append(.init(classification: classification, on: on, by: user))
            report.classification = classification
            var next = record
            next.notification = report
            return next
        }
    }

    /// The case record (a health read of its person); 404 when the record is not a case.
    func caseRecord(_ id: UUID, request: Request, context: AppRequestContext) async throws -> HealthRecord {
        let record = try await self.record(id, request: request, context: context)
        guard record.kind == .notification else { throw CareBridgeError.notFound("The case") }
        return record
    }

    /// A case's contacts (a health read of the case's person).
    func contacts(of caseID: UUID, request: Request, context: AppRequestContext) async throws -> [HealthRecord] {
        _ = try await caseRecord(caseID, request: request, context: context)
        return try await services.database.read { db in try await repository.children(of: [caseID], kinds: [.contact], in: db) }
    }

    /// A contact of a case: a registered person or a new one (registered only once everything else is checked), with
    /// the follow-up schedule the disease gives.
    @discardableResult
    func addContact(to caseID: UUID, _ input: ContactInput, request: Request, context: AppRequestContext) async throws -> HealthRecord {
        let identity = try context.requireIdentity()
        guard let caseRecord = try await repository.find(id: caseID), let report = caseRecord.notification else {
            throw CareBridgeError.notFound("The case")
        }
        // The policy decides before anything about the contact is checked, so a refused user learns nothing from the errors.
        _ = try await gate.authorizeWrite(.health, of: try await target(caseRecord.personID), request: request, context: context)
        let exposure = try HealthRecordInput.enumValue(Contact.Exposure.self, input.exposure, field: "exposure")
        let last = try CalendarDay(parsing: input.lastExposure, field: "lastExposure")
        var contact = Contact(caseID: caseID, personID: caseRecord.personID, exposure: exposure,
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
            contact.personID = try await people.register(draft, despiteMatches: person.registerDespiteMatches ?? false, request: request, context: context).id
        }
        var record = HealthRecord(personID: caseRecord.personID, kind: .contact, organizationID: identity.organization.id, recordedBy: identity.user.id,
                                  recordedAt: services.now(), date: last)
        record.contact = contact
        return try await create(record, request: request, context: context)
    }

    /// The outcome of one follow-up of a contact.
    @discardableResult
    func followUp(_ id: UUID, index: Int, _ input: FollowUpInput, expectedVersion: Int?, request: Request, context: AppRequestContext) async throws -> HealthRecord {
        let today = services.today
        return try await change(id, expectedVersion: expectedVersion, request: request, context: context) { record in
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
    }

    /// Marks a continuity alert as seen (again: no change).
    @discardableResult
    func acknowledge(_ id: UUID, request: Request, context: AppRequestContext) async throws -> HealthRecord {
        let user = try context.requireIdentity().user.id
        let today = services.today
        return try await change(id, expectedVersion: nil, request: request, context: context) { record in
            guard record.kind == .alert, var alert = record.alert else {
                throw CareBridgeError.invalid("id", "Only a continuity alert is acknowledged; this record is a \(record.kind.rawValue).")
            }
            guard alert.acknowledgedOn == nil else { return record }
            (alert.acknowledgedOn, alert.acknowledgedBy) = (today, user)
            var next = record
            next.alert = alert
            return next
        }
    }
}
