import Foundation

/// A person as a FHIR Patient (http://hl7.org/fhir/R4/patient.html), and their consents as Consent resources.
extension FHIR {
    /// ISO 15924 script codes for the scripts a name is written in.
    static func scriptCode(_ script: NameScript) -> String? {
        switch script {
        case .latin: "Latn"
        case .cyrillic: "Cyrl"
        case .arabic: "Arab"
        case .han: "Hani"
        case .other: nil
        }
    }

    static func script(code: String) -> NameScript? {
        switch code {
        case "Latn": .latin
        case "Cyrl": .cyrillic
        case "Arab": .arabic
        case "Hani", "Hans", "Hant": .han
        default: nil
        }
    }

    /// The Patient. `contactShown` is the access policy's answer for the contact category: without it, no telecom or
    /// address line is written. Identity documents are written with their type and issuing country, and the number.
    public static func patient(_ person: Person, version: Int64?, contactShown: Bool) -> JSON {
        let names: [JSON] = person.names.enumerated().map { index, name in
            var members: [String: JSON] = ["use": index == 0 ? "official" : "usual", "family": .string(name.family)]
            members["given"] = .array(([name.given] + (name.patronymic.map { [$0] } ?? [])).filter { !$0.isEmpty }.map(JSON.string))
            members["text"] = .string([name.family, name.given, name.patronymic ?? ""].filter { !$0.isEmpty }.joined(separator: " "))
            if let code = scriptCode(name.script) {
                members["extension"] = [["url": .string(nameScriptExtension), "valueCode": .string(code)]]
            }
            return .object(members)
        }
        var identifiers: [JSON] = [["use": "usual", "system": .string(personCodeSystem), "value": .string(person.code)]]
        for document in person.documents {
            identifiers.append(["use": "official", "system": .string("\(documentSystem)/\(document.type.rawValue)/\(document.issuingCountry)"),
                                "value": .string(document.number),
                                "type": concept(coding(documentSystem, document.type.rawValue), text: document.type.rawValue)])
        }
        var extensions: [JSON] = []
        if let citizenship = person.citizenship {
            extensions.append(["url": "http://hl7.org/fhir/StructureDefinition/patient-citizenship",
                               "extension": [["url": "code", "valueCodeableConcept": concept(coding(iso3166, citizenship))]]])
        }
        if let birth = person.countryOfBirth {
            extensions.append(["url": "http://hl7.org/fhir/StructureDefinition/patient-birthPlace", "valueAddress": ["country": .string(birth)]])
        }
        if person.interpreterNeeded {
            extensions.append(["url": "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired", "valueBoolean": true])
        }
        var telecom: [JSON] = [], addresses: [JSON] = []
        if contactShown, let contact = person.contact {
            if let phone = contact.phone.nonBlank { telecom.append(["system": "phone", "value": .string(phone)]) }
            if let email = contact.email.nonBlank { telecom.append(["system": "email", "value": .string(email)]) }
            if let line = contact.address.nonBlank { addresses.append(object(["text": .string(line), "state": person.region.map(JSON.string)])) }
        }
        if addresses.isEmpty, let region = person.region { addresses.append(["state": .string(region)]) }
        let communication: [JSON] = person.languages.enumerated().map { index, language in
            ["language": concept(coding(bcp47, language)), "preferred": .bool(index == 0)]
        }
        return resource("Patient", id: person.id, [
            "meta": meta(lastUpdated: person.updatedAt, version: version),
            "extension": .array(extensions),
            "identifier": .array(identifiers),
            "active": .bool(person.mergedInto == nil),
            "name": .array(names),
            "telecom": .array(telecom),
            "gender": person.sex.map { .string($0.rawValue) },
            "birthDate": person.birthDate.map { .string($0.description) },
            "address": .array(addresses),
            "communication": .array(communication),
            "managingOrganization": reference("Organization", person.recordOrganizationID),
            "link": person.mergedInto.map { [["other": reference("Patient", $0), "type": "replaced-by"]] },
        ])
    }

    /// A consent (http://hl7.org/fhir/R4/consent.html): a privacy consent of the patient that permits the purposes and
    /// data categories to the organization (or every organization of a kind) for the period.
    public static func consent(_ consent: Consent, personID: UUID, now: Date) -> JSON {
        let status = consent.withdrawnAt.map { $0 <= now } == true ? "inactive" : consent.isActive(at: now) ? "active"
            : consent.validFrom > now ? "proposed" : "inactive"
        var actor: JSON
        switch consent.grantee {
        case .organization(let id):
            actor = ["role": concept(coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")),
                     "reference": reference("Organization", id)]
        case .organizationKind(let kind):
            actor = ["role": concept(coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")),
                     "reference": ["display": .string("Any organization of kind \(kind.rawValue)"),
                                   "identifier": ["system": .string(organizationKindSystem), "value": .string(kind.rawValue)]]]
        }
        var period: [String: JSON] = ["start": .string(instant(consent.validFrom))]
        if let end = consent.withdrawnAt ?? consent.validUntil { period["end"] = .string(instant(end)) }
        let provision: JSON = [
            "type": "permit",
            "period": .object(period),
            "actor": [actor],
            "action": [concept(coding(consentAction, "access", "Access"))],
            "purpose": .array(consent.purposes.sorted { $0.rawValue < $1.rawValue }.map { coding(purposeOfUse, $0.rawValue, $0.name) }),
            "class": .array(consent.categories.sorted { $0.rawValue < $1.rawValue }.map { coding(dataCategorySystem, $0.rawValue) }),
        ]
        return resource("Consent", id: consent.id, [
            "meta": meta(lastUpdated: consent.withdrawnAt ?? consent.recordedAt ?? consent.validFrom),
            "status": .string(status),
            "scope": concept(coding(consentScope, "patient-privacy", "Privacy Consent")),
            "category": [concept(coding(loinc, "59284-0", "Patient Consent"))],
            "patient": reference("Patient", personID),
            "dateTime": .string(instant(consent.recordedAt ?? consent.validFrom)),
            "policyRule": concept(coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in")),
            "provision": provision,
        ])
    }
}

extension FHIR {
    /// An object of the members that have a value.
    static func object(_ members: [String: JSON?]) -> JSON { .object(members.compactMapValues { $0 }) }
}
