import Foundation

/// What a service costs, per group of legal statuses, from the rules in force: HSDS `cost_options` on export.
public struct ServiceCost: Sendable, Hashable {
    public var outcome: Outcome
    public var statuses: [LegalStatusKind]
    public init(outcome: Outcome, statuses: [LegalStatusKind]) { (self.outcome, self.statuses) = (outcome, statuses) }
}

/// Writes the directory as HSDS 3.0 JSON in the CareBridge profile (docs/directory.md): what the public HSDS API
/// serves and what `carebridge export directory` writes; `HSDSReader` reads it back unchanged.
public struct HSDSWriter: Sendable {
    /// The language of `name` and `description`; the others go to translation attributes.
    public var language: String
    public var costs: @Sendable (DirectoryService) -> [ServiceCost]

    public init(language: String, costs: @escaping @Sendable (DirectoryService) -> [ServiceCost] = { _ in [] }) {
        (self.language, self.costs) = (language, costs)
    }

    public static let taxonomyID = UUID.derived(from: .taxonomyNamespace, "carebridge-service-categories")

    public static func termID(_ category: ServiceCategory) -> UUID { .derived(from: .taxonomyNamespace, "term:" + category.rawValue) }

    /// HSDS `taxonomy`: CareBridge's service categories.
    public static var taxonomy: JSON {
        ["id": .string(taxonomyID.text), "name": "carebridge-service-categories",
         "description": "CareBridge service categories for migrants' health and social care (docs/directory.md).", "version": "1"]
    }

    public static func term(_ category: ServiceCategory) -> JSON {
        ["id": .string(termID(category).text), "code": .string(category.rawValue), "name": .string(category.english.name),
         "description": .string(category.english.description), "taxonomy": "carebridge-service-categories", "taxonomy_id": .string(taxonomyID.text)]
    }

    /// The whole directory as a file.
    public func file(_ entries: [DirectoryEntry], country: String?, demo: Bool, note: String?) -> JSON {
        var root: [String: JSON] = ["hsds_version": "3.0", "language": .string(language), "demo": .bool(demo),
                                    "organizations": .array(entries.map { organization($0, nested: true) })]
        if let country { root["country"] = .string(country) }
        if let note { root["note"] = .string(note) }
        return .object(root)
    }

    /// An HSDS organization; `nested` adds its locations and services (the full form and the file's form).
    public func organization(_ entry: DirectoryEntry, nested: Bool) -> JSON {
        let o = entry.organization
        var json: [String: JSON] = [
            "id": .string(o.id.text),
            "name": .string(DirectoryText.pick(o.names, language) ?? o.slug),
            "description": .string(DirectoryText.pick(entry.profile.descriptions, language) ?? DirectoryText.pick(o.names, language) ?? o.slug),
            "organization_identifiers": [["id": .string(UUID.derived(from: o.id, "slug").text), "organization_id": .string(o.id.text),
                                          "identifier_scheme": "carebridge", "identifier_type": "slug", "identifier": .string(o.slug)]],
        ]
        if let website = entry.profile.website { json["website"] = .string(website) }
        if let email = entry.profile.email { json["email"] = .string(email) }
        var attributes = [attribute(o.id, "organization", "carebridge:kind", o.kind.rawValue)]
        if let region = o.region { attributes.append(attribute(o.id, "organization", "carebridge:region", region)) }
        attributes += translations(o.id, "organization", "name", o.names) + translations(o.id, "organization", "description", entry.profile.descriptions)
        json["attributes"] = .array(attributes)
        if nested {
            json["locations"] = .array(entry.locations.map(location))
            json["services"] = .array(entry.services.map { service($0, in: entry, nested: false) })
        }
        return .object(json)
    }

    public func location(_ l: DirectoryLocation) -> JSON {
        var json: [String: JSON] = ["id": .string(l.id.text), "location_type": "physical", "organization_id": .string(l.organizationID.text),
                                    "name": .string(DirectoryText.pick(l.names, language) ?? "")]
        if let latitude = l.latitude, let longitude = l.longitude { (json["latitude"], json["longitude"]) = (.number(latitude), .number(longitude)) }
        if let a = l.address {
            var address: [String: JSON] = ["id": .string(UUID.derived(from: l.id, "address").text), "location_id": .string(l.id.text),
                                           "address_1": .string(a.line), "city": .string(a.city), "state_province": .string(a.region),
                                           "postal_code": .string(a.postalCode ?? ""), "country": .string(a.country), "address_type": "physical"]
            if a.postalCode == nil { address["postal_code"] = "" }
            json["addresses"] = [.object(address)]
        }
        json["attributes"] = .array(translations(l.id, "location", "name", l.names))
        return .object(json)
    }

    /// An HSDS service; `nested` adds its organization (the fully nested form of `/hsds/services/{id}`).
    public func service(_ s: DirectoryService, in entry: DirectoryEntry, nested: Bool) -> JSON {
        var json: [String: JSON] = [
            "id": .string(s.id.text), "organization_id": .string(s.organizationID.text), "name": .string(s.name(in: language)),
            "status": .string(s.status.rawValue), "last_modified": .string(ISO8601DateFormatter().string(from: s.updatedAt)),
        ]
        if let description = s.description(in: language) { json["description"] = .string(description) }
        if let url = s.url { json["url"] = .string(url) }
        if let email = s.email { json["email"] = .string(email) }
        if let v = s.interpretation { json["interpretation_services"] = .string(v) }
        if let v = s.eligibility { json["eligibility_description"] = .string(v) }
        if let v = s.fees { json["fees_description"] = .string(v) }
        if let v = s.minimumAge { json["minimum_age"] = .number(Double(v)) }
        if let v = s.maximumAge { json["maximum_age"] = .number(Double(v)) }
        json["languages"] = .array(s.languages.map { ["id": .string(UUID.derived(from: s.id, "language:" + $0).text), "service_id": .string(s.id.text),
                                                      "code": .string($0), "name": .string(Locale(identifier: "en").localizedString(forIdentifier: $0) ?? $0)] })
        json["phones"] = .array(s.phones.enumerated().map { i, number in
            ["id": .string(UUID.derived(from: s.id, "phone:\(i)").text), "service_id": .string(s.id.text), "number": .string(number), "type": "voice"] })
        json["required_documents"] = .array(s.requiredDocuments.enumerated().map { i, document in
            ["id": .string(UUID.derived(from: s.id, "document:\(i)").text), "service_id": .string(s.id.text), "document": .string(document)] })
        json["service_at_locations"] = .array(s.locations.map { serviceAtLocation($0, of: s, in: entry, nested: false) })
        json["cost_options"] = .array(costOptions(s))
        var attributes = s.categories.map { category -> JSON in
            var a = attribute(s.id, "service", "carebridge:category", category.rawValue)
            if case .object(var members) = a {
                members["taxonomy_term_id"] = .string(Self.termID(category).text)
                members["taxonomy_term"] = Self.term(category)
                a = .object(members)
            }
            return a
        }
        attributes += s.care.map { attribute(s.id, "service", "carebridge:care", $0.rawValue) }
        if s.cost != .entitlement { attributes.append(attribute(s.id, "service", "carebridge:cost", s.cost.rawValue)) }
        attributes += translations(s.id, "service", "name", s.names) + translations(s.id, "service", "description", s.descriptions)
        json["attributes"] = .array(attributes)
        if nested { json["organization"] = organization(entry, nested: false) }
        return .object(json)
    }

    public func serviceAtLocation(_ place: ServiceLocation, of s: DirectoryService, in entry: DirectoryEntry, nested: Bool) -> JSON {
        var json: [String: JSON] = ["id": .string(place.id.text), "service_id": .string(s.id.text), "location_id": .string(place.locationID.text)]
        json["schedules"] = .array(place.hours.enumerated().map { i, h in
            ["id": .string(UUID.derived(from: place.id, "schedule:\(i)").text), "service_at_location_id": .string(place.id.text), "freq": "WEEKLY",
             "wkst": "MO", "byday": .string(h.days.map(\.rawValue).joined(separator: ",")),
             "opens_at": .string(OpeningHours.text(h.opens)), "closes_at": .string(OpeningHours.text(h.closes))] })
        if nested {
            if let location = entry.locations.first(where: { $0.id == place.locationID }) { json["location"] = self.location(location) }
            json["service"] = service(s, in: entry, nested: true)
        }
        return .object(json)
    }

    func costOptions(_ s: DirectoryService) -> [JSON] {
        if s.cost == .free {
            return [["id": .string(UUID.derived(from: s.id, "cost:free").text), "service_id": .string(s.id.text), "option": "free", "amount": 0,
                     "amount_description": "Free for everyone."]]
        }
        return costs(s).map { cost in
            var json: [String: JSON] = ["id": .string(UUID.derived(from: s.id, "cost:" + cost.outcome.description).text), "service_id": .string(s.id.text),
                                        "option": .string(cost.outcome.kind.rawValue),
                                        "amount_description": .string("\(cost.outcome) for: \(cost.statuses.map(\.rawValue).joined(separator: ", ")) (entitlement rules in force)")]
            if cost.outcome.kind == .free { json["amount"] = 0 }
            return .object(json)
        }
    }

    func attribute(_ owner: UUID, _ entity: String, _ type: String, _ value: String) -> JSON {
        ["id": .string(UUID.derived(from: owner, type + "=" + value).text), "link_id": .string(owner.text), "link_entity": .string(entity),
         "link_type": .string(type), "value": .string(value)]
    }

    /// Texts in languages other than the one written in `name`/`description`. (Where a text has no version in the file's
    /// language, `name` carries a fallback and every version also rides here, so nothing is lost on the way back.)
    func translations(_ owner: UUID, _ entity: String, _ field: String, _ texts: [String: String]) -> [JSON] {
        texts.sorted { $0.key < $1.key }.filter { $0.key != language }.map { attribute(owner, entity, "carebridge:\(field):\($0.key)", $0.value) }
    }
}
