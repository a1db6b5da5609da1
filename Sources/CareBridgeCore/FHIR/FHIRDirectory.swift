import Foundation

/// The directory as FHIR: Organization, HealthcareService and Location (http://hl7.org/fhir/R4/healthcareservice.html),
/// names and descriptions in the requested language with English as the fallback.
extension FHIR {
    static func text(_ values: [String: String], _ language: String) -> String? {
        values[language] ?? values["en"] ?? values.sorted { $0.key < $1.key }.first?.value
    }

    /// HL7 organization-type for an organization kind, beside our own code.
    static func organizationType(_ kind: OrganizationKind) -> (code: String, display: String) {
        switch kind {
        case .healthFacility: ("prov", "Healthcare Provider")
        case .healthMinistry, .publicHealthService, .interiorMinistry, .borderService: ("govt", "Government")
        case .ngo: ("cg", "Community Group")
        case .internationalOrganization: ("other", "Other")
        }
    }

    public static func organization(_ organization: Organization, profile: DirectoryProfile?, language: String) -> JSON {
        let type = organizationType(organization.kind)
        let name = organization.name(in: language)
        var telecom: [JSON] = []
        if let email = profile?.email.nonBlank { telecom.append(["system": "email", "value": .string(email)]) }
        if let website = profile?.website.nonBlank { telecom.append(["system": "url", "value": .string(website)]) }
        return resource("Organization", id: organization.id, [
            "meta": meta(lastUpdated: organization.createdAt),
            "identifier": [["system": .string(base + "/NamingSystem/organization-slug"), "value": .string(organization.slug)]],
            "active": true,
            "type": [concept(coding(organizationType, type.code, type.display), coding(organizationKindSystem, organization.kind.rawValue))],
            "name": .string(name),
            "alias": .array(Set(organization.names.values).subtracting([name]).sorted().map(JSON.string)),
            "telecom": .array(telecom),
            "address": organization.region.map { [["state": .string($0)]] },
        ])
    }

    public static func healthcareService(_ service: DirectoryService, in entry: DirectoryEntry, language: String) -> JSON {
        var telecom: [JSON] = service.phones.map { ["system": "phone", "value": .string($0)] }
        if let email = service.email.nonBlank { telecom.append(["system": "email", "value": .string(email)]) }
        if let url = service.url.nonBlank { telecom.append(["system": "url", "value": .string(url)]) }
        var available: [JSON] = []
        var seen = Set<OpeningHours>()
        for place in service.locations {
            for hours in place.hours where seen.insert(hours).inserted {
                available.append(["daysOfWeek": .array(hours.days.map { .string($0.rawValue.lowercased().fhirDay) }),
                                  "availableStartTime": .string(OpeningHours.text(hours.opens) + ":00"),
                                  "availableEndTime": .string(hours.closes >= 1440 ? "23:59:59" : OpeningHours.text(hours.closes) + ":00")])
            }
        }
        let extra = [service.fees, service.interpretation].compactMap(\.self).filter { !$0.isEmpty }.joined(separator: "\n\n")
        return resource("HealthcareService", id: service.id, [
            "meta": meta(lastUpdated: service.updatedAt),
            "active": .bool(service.status == .active),
            "providedBy": reference("Organization", entry.organization.id, display: entry.organization.name(in: language)),
            "category": .array(service.categories.map { concept(coding(serviceCategorySystem, $0.rawValue, $0.english.name)) }),
            "type": .array(service.care.map { concept(coding(base + "/CodeSystem/care-type", $0.rawValue)) }),
            "location": .array(service.locations.map { reference("Location", $0.locationID) }),
            "name": text(service.names, language).map(JSON.string),
            "comment": text(service.descriptions, language).map(JSON.string),
            "extraDetails": extra.isEmpty ? nil : .string(extra),
            "telecom": .array(telecom),
            "eligibility": service.eligibility.nonBlank.map { [["comment": .string($0)]] },
            "communication": .array(service.languages.map { concept(coding(bcp47, $0)) }),
            "availableTime": .array(available),
        ])
    }

    public static func location(_ location: DirectoryLocation, language: String) -> JSON {
        var address: JSON?
        if let a = location.address {
            address = object(["line": [.string(a.line)], "city": .string(a.city), "state": .string(a.region),
                              "postalCode": a.postalCode.nonBlank.map(JSON.string), "country": .string(a.country)])
        }
        var position: JSON?
        if let latitude = location.latitude, let longitude = location.longitude {
            position = ["latitude": .number(latitude), "longitude": .number(longitude)]
        }
        return resource("Location", id: location.id, [
            "status": "active",
            "name": text(location.names, language).map(JSON.string),
            "mode": "instance",
            "address": address,
            "position": position,
            "managingOrganization": reference("Organization", location.organizationID),
        ])
    }
}

private extension String {
    /// iCalendar's two-letter day ("mo") to FHIR's days-of-week code ("mon").
    var fhirDay: String {
        ["mo": "mon", "tu": "tue", "we": "wed", "th": "thu", "fr": "fri", "sa": "sat", "su": "sun"][self] ?? self
    }
}
