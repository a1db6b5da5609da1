import Foundation

/// The audit log as FHIR AuditEvent (http://hl7.org/fhir/R4/auditevent.html), with the HL7 v3 PurposeOfUse the access
/// was made for; and what an import brought in as Provenance naming its source.
extension FHIR {
    public static func auditEvent(_ event: AuditEvent) -> JSON {
        let isRead = event.action.hasSuffix(".read")
        let user: JSON = ["identifier": ["system": .string(base + "/NamingSystem/user"), "value": .string(event.actorUserID?.fhirID ?? event.actorUsername)],
                          "display": .string(event.actorUsername)]
        let role: JSON? = event.role.map { [concept(coding(base + "/CodeSystem/role", $0.rawValue))] }
        let purpose: JSON? = event.purpose.map { [concept(coding(purposeOfUse, $0.rawValue, $0.name))] }
        var agents: [JSON] = [object([
            "type": concept(coding("http://terminology.hl7.org/CodeSystem/extra-security-role-type", "humanuser", "human user")),
            "who": user, "requestor": true, "role": role, "purposeOfUse": purpose,
        ])]
        if let organization = event.organizationID {
            agents.append(["who": reference("Organization", organization), "requestor": false])
        }
        var details: [JSON] = [["type": "hash", "valueString": .string(event.hash)], ["type": "previousHash", "valueString": .string(event.previousHash)],
                               ["type": "sequence", "valueString": .string(String(event.sequence))]]
        if let category = event.category { details.append(["type": "category", "valueString": .string(category.rawValue)]) }
        if let requestID = event.requestID { details.append(["type": "requestId", "valueString": .string(requestID)]) }
        var entities: [JSON] = []
        if let person = event.personID {
            entities.append(["what": reference("Patient", person),
                             "type": coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
                             "role": coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"),
                             "detail": .array(details)])
        } else {
            entities.append(["type": coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"), "detail": .array(details)])
        }
        let outcomeText = [event.outcome.rawValue, event.reason, event.statedReason.map { "stated reason: \($0)" }, event.needsReview ? "flagged for review" : nil]
            .compactMap(\.self).joined(separator: "; ")
        // The id is the event's place in the hash chain (its primary key), so a read is one look-up.
        var out = resource("AuditEvent", id: nil, [
            "meta": meta(lastUpdated: event.occurredAt),
            "type": coding(dicomDCM, "110110", "Patient Record"),
            "subtype": [coding(restfulInteraction, isRead ? "read" : "update", isRead ? "read" : "update"), coding(base + "/CodeSystem/audit-action", event.action)],
            "action": .string(isRead ? "R" : "U"),
            "recorded": .string(instant(event.occurredAt)),
            "outcome": .string(event.outcome == .allowed ? "0" : "4"),
            "outcomeDesc": .string(outcomeText),
            "purposeOfEvent": purpose,
            "agent": .array(agents),
            "source": ["site": "CareBridge", "observer": ["display": "CareBridge"],
                       "type": [coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")]],
            "entity": .array(entities),
        ])
        if case .object(var members) = out { members["id"] = .string(String(event.sequence)); out = .object(members) }
        return out
    }

    public static func provenance(_ record: ImportProvenance) -> JSON {
        var targets = [reference("Patient", record.personID)]
        targets += record.targets.map { reference($0.type, $0.id) }
        var sourceIdentifier: JSON = ["value": .string(record.sourceIdentifier ?? record.id.fhirID)]
        if let system = record.sourceSystem { sourceIdentifier = ["system": .string(system), "value": .string(record.sourceIdentifier ?? "")] }
        return resource("Provenance", id: record.id, [
            "meta": meta(lastUpdated: record.recordedAt),
            "target": .array(targets),
            "recorded": .string(instant(record.recordedAt)),
            "activity": concept(coding(provenanceActivity, "CREATE", "create"), text: "imported from \(record.source)"),
            "agent": [
                ["type": concept(coding(provenanceAgentType, "author", "Author")), "who": ["display": .string(record.source)]],
                ["type": concept(coding(provenanceAgentType, "enterer", "Enterer")), "who": reference("Organization", record.organizationID)],
            ],
            "entity": [["role": "source", "what": ["identifier": sourceIdentifier, "display": .string("Bundle from \(record.source)")]]],
        ])
    }
}

/// What one FHIR import brought in, and from where: the person it was filed under, the records it created, the source
/// named by the bundle (its Composition's author or custodian, else its first Organization), and who imported it.
public struct ImportProvenance: Codable, Sendable, Hashable {
    public struct Target: Codable, Sendable, Hashable {
        public var type: String
        public var id: UUID
        public init(type: String, id: UUID) { (self.type, self.id) = (type, id) }
    }
    public var id: UUID
    public var personID: UUID
    public var recordedAt: Date
    public var organizationID: UUID
    public var userID: UUID?
    public var source: String
    public var sourceSystem: String?
    public var sourceIdentifier: String?
    public var targets: [Target]

    enum CodingKeys: String, CodingKey {
        case id, personID = "personId", recordedAt, organizationID = "organizationId", userID = "userId", source, sourceSystem, sourceIdentifier, targets
    }

    public init(id: UUID = .timeOrdered(), personID: UUID, recordedAt: Date, organizationID: UUID, userID: UUID?, source: String,
                sourceSystem: String?, sourceIdentifier: String?, targets: [Target]) {
        (self.id, self.personID, self.recordedAt, self.organizationID, self.userID) = (id, personID, recordedAt, organizationID, userID)
        (self.source, self.sourceSystem, self.sourceIdentifier, self.targets) = (source, sourceSystem, sourceIdentifier, targets)
    }
}
