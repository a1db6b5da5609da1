import Foundation

/// Reads a directory file (docs/directory.md): first every organization against the HSDS 3.0 compiled organization
/// schema, then CareBridge's profile (slug, kind, region, categories, kinds of care, locations, hours). Every problem is
/// collected with its JSONPath and the whole file is refused if there is one, so an import is all or nothing.
public enum HSDSReader {
    public static func read(_ data: Data, organizationSchema: JSON, now: Date) throws -> DirectoryFile {
        let root = try JSON.parse(data, field: "file")
        var reader = Reader(now: now)
        let file = reader.file(root, schema: organizationSchema)
        if !reader.problems.isEmpty { throw refusal(reader.problems) }
        return file
    }

    /// A validation error listing every problem (`issues`: [{path, reason}]), the first in its detail.
    public static func refusal(_ problems: [JSONSchemaCheck.Problem]) -> CareBridgeError {
        let more = problems.count > 1 ? " (and \(problems.count - 1) more problem\(problems.count == 2 ? "" : "s"))" : ""
        return CareBridgeError(.validation, title: "Directory file refused", detail: "Nothing was imported. \(problems[0])\(more)", field: "file")
            .adding("issues", problems)
    }

    private struct Reader {
        let now: Date
        var problems: [JSONSchemaCheck.Problem] = []

        mutating func problem(_ path: String, _ reason: String) { problems.append(.init(path: path, reason: reason)) }

        /// Runs a core validation, turning its error into a problem at `path`.
        mutating func check(_ path: String, _ body: () throws -> Void) {
            do { try body() } catch let error as CareBridgeError { problem(path, error.detail) } catch { problem(path, "\(error)") }
        }

        mutating func file(_ root: JSON, schema: JSON) -> DirectoryFile {
            guard case .object = root else { problem("$", "must be an object with hsds_version, language and organizations"); return empty }
            if root["hsds_version"]?.string != "3.0" { problem("$.hsds_version", "must be \"3.0\"") }
            let language = root["language"]?.string ?? "en"
            check("$.language") { try Validation.languageTag(language, field: "language") }
            let country = root["country"]?.string
            if let country { check("$.country") { try Validation.regionCode(country, field: "country") } }
            guard let organizations = root["organizations"]?.array else { problem("$.organizations", "must be an array of HSDS organizations"); return empty }
            var entries: [DirectoryEntry] = []
            var seenIDs = Set<UUID>(), seenSlugs = Set<String>()
            for (index, element) in organizations.enumerated() {
                let path = "$.organizations[\(index)]"
                let schemaProblems = JSONSchemaCheck.problems(of: element, against: schema, at: path)
                problems += schemaProblems
                guard schemaProblems.isEmpty, let entry = organization(element, path: path, language: language, demo: root["demo"] == .bool(true)) else { continue }
                let ids = [entry.organization.id] + entry.locations.map(\.id) + entry.services.map(\.id) + entry.services.flatMap { $0.locations.map(\.id) }
                for id in ids where !seenIDs.insert(id).inserted { problem(path, "id \(id) is used twice in the file") }
                if !seenSlugs.insert(entry.organization.slug).inserted { problem(path, "slug \(entry.organization.slug) is used twice in the file") }
                entries.append(entry)
            }
            return DirectoryFile(country: country, language: language, demo: root["demo"] == .bool(true), note: root["note"]?.string, entries: entries)
        }

        var empty: DirectoryFile { DirectoryFile(country: nil, language: "en", demo: false, note: nil, entries: []) }

        mutating func organization(_ json: JSON, path: String, language: String, demo: Bool) -> DirectoryEntry? {
            guard let id = uuid(json["id"], path + ".id") else { return nil }
            let attributes = self.attributes(json["attributes"], path: path)
            let slugs = (json["organization_identifiers"]?.array ?? []).filter { $0["identifier_scheme"]?.string == "carebridge" && $0["identifier_type"]?.string == "slug" }
            guard let slug = slugs.first?["identifier"]?.string else {
                problem(path + ".organization_identifiers", "needs a carebridge slug: {\"identifier_scheme\": \"carebridge\", \"identifier_type\": \"slug\", \"identifier\": ...}")
                return nil
            }
            var kind = OrganizationKind.healthFacility
            if let text = attributes.first(where: { $0.type == "carebridge:kind" })?.value {
                if let parsed = OrganizationKind(rawValue: text) { kind = parsed } else { problem(path + ".attributes", "carebridge:kind '\(text)' is not one of \(OrganizationKind.allCases.map(\.rawValue).joined(separator: ", "))") }
            } else { problem(path + ".attributes", "needs a carebridge:kind attribute") }
            let region = attributes.first { $0.type == "carebridge:region" }?.value
            let names = texts(json["name"]?.string, "carebridge:name:", attributes, language)
            let organization = Organization(id: id, slug: slug, kind: kind, names: names, region: region, createdAt: now)
            check(path) { try organization.validate() }
            let profile = DirectoryProfile(organizationID: id, descriptions: texts(json["description"]?.string, "carebridge:description:", attributes, language),
                                           website: json["website"]?.string, email: json["email"]?.string, demo: demo)
            var locations: [DirectoryLocation] = []
            for (index, element) in (json["locations"]?.array ?? []).enumerated() {
                if let location = location(element, path: "\(path).locations[\(index)]", organization: organization, language: language) { locations.append(location) }
            }
            let known = Set(locations.map(\.id))
            var services: [DirectoryService] = []
            for (index, element) in (json["services"]?.array ?? []).enumerated() {
                if let service = service(element, path: "\(path).services[\(index)]", organizationID: id, known: known, language: language) { services.append(service) }
            }
            return DirectoryEntry(organization: organization, profile: profile, locations: locations, services: services)
        }

        mutating func location(_ json: JSON, path: String, organization: Organization, language: String) -> DirectoryLocation? {
            guard let id = uuid(json["id"], path + ".id") else { return nil }
            let attributes = self.attributes(json["attributes"], path: path)
            var names = texts(json["name"]?.string, "carebridge:name:", attributes, language)
            if names.isEmpty { names = organization.names }
            let address = json["addresses"]?.array?.first.map { a in
                PostalAddress(line: a["address_1"]?.string ?? "", city: a["city"]?.string ?? "", region: a["state_province"]?.string ?? organization.region ?? "",
                              postalCode: a["postal_code"]?.string, country: a["country"]?.string ?? "")
            }
            let location = DirectoryLocation(id: id, organizationID: organization.id, names: names, address: address,
                                             latitude: json["latitude"]?.number, longitude: json["longitude"]?.number)
            check(path) { try location.validate() }
            return location
        }

        mutating func service(_ json: JSON, path: String, organizationID: UUID, known: Set<UUID>, language: String) -> DirectoryService? {
            guard let id = uuid(json["id"], path + ".id") else { return nil }
            let attributes = self.attributes(json["attributes"], path: path)
            var categories: [ServiceCategory] = [], care: [CareType] = []
            var cost = CostPolicy.entitlement
            for attribute in attributes {
                switch attribute.type {
                case "carebridge:category":
                    if let value = ServiceCategory(rawValue: attribute.value) { categories.append(value) } else { problem(attribute.path, "category '\(attribute.value)' is not in the taxonomy (docs/directory.md)") }
                case "carebridge:care":
                    if let value = CareType(rawValue: attribute.value) { care.append(value) } else { problem(attribute.path, "kind of care '\(attribute.value)' is not one of \(CareType.allCases.map(\.rawValue).joined(separator: ", "))") }
                case "carebridge:cost":
                    if let value = CostPolicy(rawValue: attribute.value) { cost = value } else { problem(attribute.path, "cost must be entitlement or free") }
                default: break
                }
            }
            var places: [ServiceLocation] = []
            for (index, element) in (json["service_at_locations"]?.array ?? []).enumerated() {
                let placePath = "\(path).service_at_locations[\(index)]"
                guard let placeID = uuid(element["id"], placePath + ".id"), let locationID = uuid(element["location_id"], placePath + ".location_id") else { continue }
                var hours: [OpeningHours] = []
                for (s, schedule) in (element["schedules"]?.array ?? []).enumerated() {
                    if let h = self.hours(schedule, path: "\(placePath).schedules[\(s)]") { hours.append(h) }
                }
                places.append(ServiceLocation(id: placeID, locationID: locationID, hours: hours))
            }
            let service = DirectoryService(
                id: id, organizationID: organizationID, names: texts(json["name"]?.string, "carebridge:name:", attributes, language),
                descriptions: texts(json["description"]?.string, "carebridge:description:", attributes, language),
                status: ServiceStatus(rawValue: json["status"]?.string ?? "active") ?? .active,
                categories: categories, care: care, cost: cost,
                languages: (json["languages"]?.array ?? []).compactMap { $0["code"]?.string },
                interpretation: json["interpretation_services"]?.string, eligibility: json["eligibility_description"]?.string,
                fees: json["fees_description"]?.string, minimumAge: json["minimum_age"]?.number.map { Int($0) }, maximumAge: json["maximum_age"]?.number.map { Int($0) },
                requiredDocuments: (json["required_documents"]?.array ?? []).compactMap { $0["document"]?.string },
                phones: (json["phones"]?.array ?? []).compactMap { $0["number"]?.string }, email: json["email"]?.string, url: json["url"]?.string,
                locations: places, updatedAt: now)
            check(path) { try service.validate(locations: known) }
            return service
        }

        mutating func hours(_ json: JSON, path: String) -> OpeningHours? {
            if let freq = json["freq"]?.string, freq != "WEEKLY" { problem(path + ".freq", "only WEEKLY schedules are read"); return nil }
            guard let opens = json["opens_at"]?.string, let closes = json["closes_at"]?.string, let byday = json["byday"]?.string else {
                problem(path, "a schedule needs byday, opens_at and closes_at"); return nil
            }
            var days: [Weekday] = []
            for code in byday.split(separator: ",") {
                guard let day = Weekday(rawValue: code.trimmingCharacters(in: .whitespaces).uppercased()) else { problem(path + ".byday", "'\(code)' is not a day (MO, TU, WE, TH, FR, SA, SU)"); return nil }
                days.append(day)
            }
            do {
                let hours = OpeningHours(days: days.sorted(), opens: try OpeningHours.minutes(opens, field: "opens_at"), closes: try OpeningHours.minutes(closes, field: "closes_at"))
                try hours.validate(field: "schedule")
                return hours
            } catch let error as CareBridgeError { problem(path, error.detail); return nil } catch { return nil }
        }

        struct Attribute { var type: String; var value: String; var path: String }

        /// CareBridge's attributes (`link_type` starting `carebridge:`); a category may also come as a taxonomy term code.
        mutating func attributes(_ json: JSON?, path: String) -> [Attribute] {
            (json?.array ?? []).enumerated().compactMap { index, element in
                guard let type = element["link_type"]?.string, type.hasPrefix("carebridge:") else { return nil }
                guard let value = element["value"]?.string ?? element["taxonomy_term"]?["code"]?.string else {
                    problem("\(path).attributes[\(index)]", "a \(type) attribute needs a value"); return nil
                }
                return Attribute(type: type, value: value, path: "\(path).attributes[\(index)]")
            }
        }

        /// The file-language text plus translations from `prefix` attributes.
        func texts(_ main: String?, _ prefix: String, _ attributes: [Attribute], _ language: String) -> [String: String] {
            var texts: [String: String] = [:]
            if let main, !main.isEmpty { texts[language] = main }
            for attribute in attributes where attribute.type.hasPrefix(prefix) {
                let tag = String(attribute.type.dropFirst(prefix.count))
                if (try? Validation.languageTag(tag, field: "language")) != nil, !attribute.value.isEmpty { texts[tag] = attribute.value }
            }
            return texts
        }

        mutating func uuid(_ json: JSON?, _ path: String) -> UUID? {
            guard let text = json?.string, let id = UUID(uuidString: text) else { problem(path, "must be a UUID"); return nil }
            return id
        }
    }
}
