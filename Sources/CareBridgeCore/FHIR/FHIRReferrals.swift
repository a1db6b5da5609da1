import Foundation

/// A referral as a FHIR ServiceRequest (the order: who refers whom to which service, why, how urgently) and a Task
/// (its fulfilment: accepted, declined, booked, attended, completed), as the HL7 referral pattern
/// (http://hl7.org/fhir/R4/workflow-management.html, option H) splits them. `referral` is the view the caller may
/// see: its outcome note is already removed where the access policy hides health data.
extension FHIR {
    public static func serviceRequestStatus(_ state: ReferralState) -> String {
        switch state {
        case .sent, .accepted, .booked, .attended: "active"
        case .completed, .didNotAttend: "completed"
        case .declined, .cancelled: "revoked"
        }
    }

    /// Task.status (http://hl7.org/fhir/R4/valueset-task-status.html) for a referral state; the exact state is the
    /// Task's businessStatus.
    public static func taskStatus(_ state: ReferralState) -> String {
        switch state {
        case .sent: "requested"
        case .accepted, .booked: "accepted"
        case .attended: "in-progress"
        case .completed: "completed"
        case .declined: "rejected"
        case .didNotAttend: "failed"
        case .cancelled: "cancelled"
        }
    }

    public static func serviceRequest(_ referral: Referral, version: Int64?) -> JSON {
        let priority: String = switch referral.urgency {
        case .routine: "routine"
        case .urgent: "urgent"
        case .emergency: "stat"
        }
        return resource("ServiceRequest", id: referral.id, [
            "meta": meta(lastUpdated: referral.updatedAt, version: version),
            "status": .string(serviceRequestStatus(referral.state)),
            "intent": "order",
            "category": [concept(coding(snomed, "3457005", "Patient referral"))],
            "priority": .string(priority),
            "code": concept(text: "Referral"),
            "subject": reference("Patient", referral.personID),
            "authoredOn": .string(instant(referral.createdAt)),
            "requester": reference("Organization", referral.fromOrganizationID),
            "performer": [reference("HealthcareService", referral.serviceID), reference("Organization", referral.toOrganizationID)],
            "reasonCode": referral.reason.isEmpty ? nil : [concept(text: referral.reason)],
            "occurrenceDateTime": referral.appointment.map { .string(instant($0)) },
            "note": referral.languagesNeeded.isEmpty ? nil : [["text": .string("Languages needed: \(referral.languagesNeeded.joined(separator: ", "))")]],
        ])
    }

    public static func task(_ referral: Referral, version: Int64?) -> JSON {
        var output: [JSON] = []
        if let note = referral.outcomeNote.nonBlank {
            output.append(["type": concept(text: "outcome note"), "valueString": .string(note)])
        }
        var statusReason: JSON?
        if referral.state == .declined {
            statusReason = concept(referral.declineCode.map { coding(referralStateSystem + "/decline", $0.rawValue) }.map { [$0] } ?? [],
                                   text: referral.declineReason ?? "declined")
        }
        var period: [String: JSON] = ["start": .string(instant(referral.createdAt))]
        if !referral.state.isOpen { period["end"] = .string(instant(referral.stateSince)) }
        return resource("Task", id: referral.id, [
            "meta": meta(lastUpdated: referral.updatedAt, version: version),
            "basedOn": [reference("ServiceRequest", referral.id)],
            "status": .string(taskStatus(referral.state)),
            "statusReason": statusReason,
            "businessStatus": concept(coding(referralStateSystem, referral.state.rawValue), text: referral.state.rawValue),
            "intent": "order",
            "code": concept(coding("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", "Fulfill the focal request")),
            "focus": reference("ServiceRequest", referral.id),
            "for": reference("Patient", referral.personID),
            "authoredOn": .string(instant(referral.createdAt)),
            "lastModified": .string(instant(referral.updatedAt)),
            "requester": reference("Organization", referral.fromOrganizationID),
            "owner": reference("Organization", referral.toOrganizationID),
            "executionPeriod": .object(period),
            "output": .array(output),
        ])
    }
}

extension FHIR {
    static func concept(_ codings: [JSON], text: String?) -> JSON {
        var members: [String: JSON] = [:]
        if !codings.isEmpty { members["coding"] = .array(codings) }
        if let text, !text.isEmpty { members["text"] = .string(text) }
        return .object(members)
    }
}
