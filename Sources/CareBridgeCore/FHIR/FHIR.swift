import Foundation

/// HL7 FHIR R4 (4.0.1, http://hl7.org/fhir/R4/) building blocks, as `JSON` values: resources are written the way the
/// specification prints them, so what a test validates with an R4 model library is exactly what the API sends.
public enum FHIR {
    public static let version = "4.0.1"
    public static let mediaType = "application/fhir+json"

    // Code systems and naming systems (http://hl7.org/fhir/R4/terminologies-systems.html).
    public static let loinc = "http://loinc.org"
    public static let snomed = "http://snomed.info/sct"
    public static let icd10 = "http://hl7.org/fhir/sid/icd-10"
    public static let cvx = "http://hl7.org/fhir/sid/cvx"
    public static let atc = "http://www.whocc.no/atc"
    public static let iso3166 = "urn:iso:std:iso:3166"
    public static let bcp47 = "urn:ietf:bcp:47"
    public static let purposeOfUse = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
    public static let observationInterpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
    public static let observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
    public static let conditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical"
    public static let conditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
    public static let conditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category"
    public static let listEmptyReason = "http://terminology.hl7.org/CodeSystem/list-empty-reason"
    public static let dicomDCM = "http://dicom.nema.org/resources/ontology/DCM"
    public static let auditEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type"
    public static let restfulInteraction = "http://hl7.org/fhir/restful-interaction"
    public static let consentScope = "http://terminology.hl7.org/CodeSystem/consentscope"
    public static let consentAction = "http://terminology.hl7.org/CodeSystem/consentaction"
    public static let provenanceActivity = "http://terminology.hl7.org/CodeSystem/v3-DataOperation"
    public static let provenanceAgentType = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
    public static let organizationType = "http://terminology.hl7.org/CodeSystem/organization-type"
    /// Our own code systems and identifiers, under one base so a receiver can tell them apart.
    public static let base = "https://carebridge.health/fhir"
    public static let personCodeSystem = base + "/NamingSystem/person-code"
    public static let documentSystem = base + "/NamingSystem/identity-document"
    public static let dataCategorySystem = base + "/CodeSystem/data-category"
    public static let organizationKindSystem = base + "/CodeSystem/organization-kind"
    public static let referralStateSystem = base + "/CodeSystem/referral-state"
    public static let serviceCategorySystem = base + "/CodeSystem/service-category"
    public static let diseaseSystem = base + "/CodeSystem/disease"
    public static let nameScriptExtension = base + "/StructureDefinition/name-script"
    public static let legalStatusExtension = base + "/StructureDefinition/legal-status"

    public static func coding(_ system: String, _ code: String, _ display: String? = nil) -> JSON {
        var members: [String: JSON] = ["system": .string(system), "code": .string(code)]
        if let display, !display.isEmpty { members["display"] = .string(display) }
        return .object(members)
    }

    public static func concept(_ codings: JSON..., text: String? = nil) -> JSON {
        var members: [String: JSON] = [:]
        if !codings.isEmpty { members["coding"] = .array(codings) }
        if let text, !text.isEmpty { members["text"] = .string(text) }
        return .object(members)
    }

    public static func reference(_ type: String, _ id: UUID, display: String? = nil) -> JSON {
        var members: [String: JSON] = ["reference": .string("\(type)/\(id.fhirID)")]
        if let display, !display.isEmpty { members["display"] = .string(display) }
        return .object(members)
    }

    /// An instant as FHIR prints it: UTC, milliseconds.
    public static func instant(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000, fraction = Int(millis - seconds * 1000)
        let ofDay = Int((seconds % 86_400 + 86_400) % 86_400)
        let day = CalendarDay(Date(timeIntervalSince1970: Double(seconds)))
        return "\(day)T\((ofDay / 3600).padded(2)):\((ofDay / 60 % 60).padded(2)):\((ofDay % 60).padded(2)).\(fraction.padded(3))Z"
    }

    public static func meta(lastUpdated: Date, version: Int64? = nil, profile: String? = nil) -> JSON {
        var members: [String: JSON] = ["lastUpdated": .string(instant(lastUpdated))]
        if let version { members["versionId"] = .string(String(version)) }
        if let profile { members["profile"] = [.string(profile)] }
        return .object(members)
    }

    /// Generated narrative: the XHTML `div` a resource or section shows a reader.
    public static func narrative(_ xhtml: String, status: String = "generated") -> JSON {
        ["status": .string(status), "div": .string("<div xmlns=\"http://www.w3.org/1999/xhtml\">\(xhtml)</div>")]
    }

    /// Text safe inside XHTML: & < > " ' as character references.
    public static func escape(_ text: String) -> String { text.xmlEscaped }

    /// A resource object with `resourceType` and `id` first in meaning (JSON keys are sorted when written).
    public static func resource(_ type: String, id: UUID?, _ members: [String: JSON?]) -> JSON {
        var out: [String: JSON] = ["resourceType": .string(type)]
        if let id { out["id"] = .string(id.fhirID) }
        for (key, value) in members {
            guard let value else { continue }
            switch value {
            case .array(let items) where items.isEmpty: continue
            case .object(let items) where items.isEmpty: continue
            case .string(let text) where text.isEmpty: continue
            default: out[key] = value
            }
        }
        return .object(out)
    }
}

extension UUID {
    /// The id a FHIR resource carries: the lower-case UUID (FHIR ids are [A-Za-z0-9-.]{1,64}).
    public var fhirID: String { uuidString.lowercased() }
}

extension StringProtocol {
    /// The text with & < > " ' as character references, for XML and HTML text and attribute values.
    public var xmlEscaped: String {
        guard contains(where: { "&<>\"'".contains($0) }) else { return String(self) }
        var out = ""
        out.reserveCapacity(count)
        for c in self {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
