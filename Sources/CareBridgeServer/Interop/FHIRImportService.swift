import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// `POST /fhir/r4/`: a bundle from elsewhere filed under one person. The person is found only by what identifies them
/// exactly (a CareBridge person code, an identity document); otherwise a new record is created, and the identity
/// matcher's likely matches are reported and left on the person's page for a human to merge, never merged here. The
/// person, the records and a Provenance naming the source are written in one transaction, with the audit events.
struct FHIRImportService: Sendable {
    let services: AppServices

    func run(_ bundle: JSON, request: Request, context: AppRequestContext) async throws -> JSON {
        let identity = try context.requireIdentity()
        let now = services.now()
        let plan = try FHIRImport(bundle: bundle, context: FHIRImport.Context(
            codes: services.health.codes, makeTest: { [health = services.health] in HealthRecordInput.order($0, health: health) },
            organizationID: identity.organization.id, userID: identity.user.id, now: now, today: services.today))
        var notes = plan.notes
        let health = HealthService(services: services)

        // Find the person by what identifies them exactly.
        var personID: UUID?
        if let code = plan.patient.personCode, let canonical = PersonCode.canonical(code) {
            personID = try await services.people.id(code: canonical)
        }
        if personID == nil {
            for document in plan.patient.person.documents {
                let ids = try await services.people.ids(document: document)
                if ids.count == 1 { personID = ids[0]; break }
            }
        }
        var person = plan.patient.person
        var audits: [AuditDraft] = []
        let created = personID == nil
        let target: AccessGate.Target
        if let personID {
            target = try await health.target(personID)
        } else {
            person = try services.personRules.validated(person)
            target = AccessGate.Target(personID: person.id, recordOrganizationID: identity.organization.id)
            audits.append(try await services.gate.authorizeWrite(.identity, of: target, request: request, context: context))
            if person.contact != nil { audits.append(try await services.gate.authorizeWrite(.contact, of: target, request: request, context: context)) }
            let likely = services.peopleIndex.candidates(for: services.people.matchInput(person), limit: 10)
            if !likely.isEmpty {
                let named = likely.map { "Patient/\($0.id.fhirID) (probability \(Int(($0.result.probability * 100).rounded()))%)" }.joined(separator: ", ")
                notes.append(FHIR.Issue(severity: "warning", code: "duplicate",
                                        diagnostics: "\(likely.count) registered \(likely.count == 1 ? "person looks" : "people look") like this patient: \(named). A new record was created and the likely \(likely.count == 1 ? "match is" : "matches are") listed on its page for a person to review and merge; nothing was merged.",
                                        expression: "Bundle.entry[\(plan.patientEntry)].resource"))
            }
        }
        let finalID = personID ?? person.id
        if !plan.records.isEmpty { audits.append(try await services.gate.authorizeWrite(.health, of: target, request: request, context: context)) }
        // A record the person already has (same kind, code and date: a summary sent back, a bundle sent twice) is not
        // added again; the answer points at the one kept.
        var existing: [String: UUID] = [:]
        if let personID {
            for record in try await services.healthRecords.records(of: [personID]) { existing[Self.key(record)] = existing[Self.key(record)] ?? record.id }
        }
        var kept: [Int: String] = [:]
        var records: [(Int, String, HealthRecord)] = []
        for item in plan.records {
            var record = item.record
            record.personID = finalID
            if let id = existing[Self.key(record)] { kept[item.entry] = "\(item.type)/\(id.fhirID)"; continue }
            existing[Self.key(record)] = record.id
            records.append((item.entry, item.type, record))
        }
        let provenance = ImportProvenance(personID: finalID, recordedAt: now, organizationID: identity.organization.id, userID: identity.user.id,
                                          source: plan.source, sourceSystem: plan.sourceSystem, sourceIdentifier: plan.sourceIdentifier,
                                          targets: records.map { ImportProvenance.Target(type: $0.1, id: $0.2.id) })
        let suppressedBelow = services.health.parameters.hivSuppressedBelow
        let newPerson = created ? person : nil
        try await services.database.write { [audits, records] db in
            if let newPerson { try await services.people.create(newPerson, in: db) }
            for (_, _, record) in records {
                try await services.healthRecords.insert(record, milestones: HealthMilestones.contribution(of: record, suppressedBelow: suppressedBelow), in: db)
            }
            try await ProvenanceRepository(services.database).insert(provenance, in: db)
            _ = try await services.audit.append(audits, in: db)
        }
        if let newPerson { services.peopleIndex.upsert(newPerson.id, services.people.matchInput(newPerson)) }
        services.population.changed([finalID])

        // The answer: one entry per entry of the request, then the Provenance.
        var entries = (0..<plan.entryCount).map { _ -> JSON in
            ["response": ["status": "200 OK", "outcome": FHIR.operationOutcome([FHIR.Issue(severity: "information", code: "informational", diagnostics: "Read for context; not stored.")])]]
        }
        var patientResponse: [String: JSON] = ["status": .string(created ? "201 Created" : "200 OK"), "location": .string("Patient/\(finalID.fhirID)")]
        if !notes.isEmpty { patientResponse["outcome"] = FHIR.operationOutcome(notes) }
        entries[plan.patientEntry] = ["response": .object(patientResponse)]
        for (index, type, record) in records {
            entries[index] = ["response": ["status": "201 Created", "location": .string("\(type)/\(record.id.fhirID)"),
                                           "lastModified": .string(FHIR.instant(now))]]
        }
        for (index, location) in kept {
            entries[index] = ["response": ["status": "200 OK", "location": .string(location),
                                           "outcome": FHIR.operationOutcome([FHIR.Issue(severity: "information", code: "duplicate", diagnostics: "Already recorded; not added again.")])]]
        }
        entries.append(["response": ["status": "201 Created", "location": .string("Provenance/\(provenance.id.fhirID)")]])
        return FHIR.resource("Bundle", id: UUID(), ["type": "transaction-response", "entry": .array(entries)])
    }

    /// What makes two records the same fact: kind, code and clinical date (and a result's interpretation and value).
    static func key(_ record: HealthRecord) -> String {
        let result = record.test?.result.map { "\($0.interpretation?.rawValue ?? "")|\($0.value.map { String($0) } ?? "")" } ?? ""
        let kind = record.kind == .notification ? HealthRecord.Kind.diagnosis.rawValue : record.kind.rawValue
        let code = record.kind == .notification ? (record.notification?.icd10 ?? record.code ?? "") : (record.code ?? "")
        let date = record.kind == .notification ? (record.notification?.onset ?? record.notification?.diagnosedOn ?? record.date) : record.kind == .diagnosis ? (record.diagnosis?.onset ?? record.date) : record.date
        return "\(kind)|\(code)|\(date)|\(result)"
    }
}
