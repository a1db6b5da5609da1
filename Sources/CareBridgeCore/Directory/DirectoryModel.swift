import Foundation

/// HSDS `service.status`.
public enum ServiceStatus: String, Codable, Sendable, CaseIterable, TypedCode {
    case active, inactive, defunct
    case temporarilyClosed = "temporarily closed"
    public static var field: String { "status" }
}

/// Days as iCalendar writes them (HSDS `schedule.byday`), Monday first.
public enum Weekday: String, Codable, Sendable, CaseIterable, Comparable {
    case MO, TU, WE, TH, FR, SA, SU
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
    public var index: Int { Self.allCases.firstIndex(of: self)! }
}

/// One group of days with the same opening hours, in local time of the country; minutes since midnight,
/// `closes` up to 1440 (24:00). Hours past midnight are written as two groups.
public struct OpeningHours: Codable, Sendable, Hashable {
    public var days: [Weekday]
    public var opens: Int
    public var closes: Int

    public init(days: [Weekday], opens: Int, closes: Int) {
        (self.days, self.opens, self.closes) = (days, opens, closes)
    }

    /// `HH:MM` (00:00 to 24:00) to minutes.
    public static func minutes(_ text: String, field: String) throws -> Int {
        let parts = text.split(separator: ":")
        guard parts.count >= 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...24).contains(hours), (0..<60).contains(minutes),
              hours * 60 + minutes <= 1440 else {
            throw CareBridgeError.invalid(field, "'\(text)' is not a time of day such as 08:00 or 24:00.")
        }
        return hours * 60 + minutes
    }

    public static func text(_ minutes: Int) -> String {
        String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    public func isOpen(on day: Weekday, at minute: Int) -> Bool { days.contains(day) && opens <= minute && minute < closes }

    public func validate(field: String) throws {
        guard !days.isEmpty else { throw CareBridgeError.invalid(field, "Opening hours need at least one day.") }
        guard (0..<1440).contains(opens), (1...1440).contains(closes), opens < closes else {
            throw CareBridgeError.invalid(field, "Opening hours must open before they close, between 00:00 and 24:00.")
        }
    }
}

/// Who pays: what the entitlement rules in force say for the person's status and the service's kinds of care, or
/// free for everyone (an NGO's service).
public enum CostPolicy: String, Codable, Sendable, CaseIterable, TypedCode {
    case entitlement, free
    public static var field: String { "cost" }
}

public struct PostalAddress: Codable, Sendable, Hashable {
    public var line: String
    public var city: String
    /// ISO 3166-2 region code.
    public var region: String
    public var postalCode: String?
    /// ISO 3166-1 alpha-2.
    public var country: String

    public init(line: String, city: String, region: String, postalCode: String?, country: String) {
        (self.line, self.city, self.region, self.postalCode, self.country) = (line, city, region, postalCode, country)
    }
}

/// A place where an organization gives services (HSDS `location`).
public struct DirectoryLocation: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    public var names: [String: String]
    public var address: PostalAddress?
    public var latitude: Double?
    public var longitude: Double?

    public init(id: UUID, organizationID: UUID, names: [String: String], address: PostalAddress?, latitude: Double?, longitude: Double?) {
        (self.id, self.organizationID, self.names, self.address, self.latitude, self.longitude) = (id, organizationID, names, address, latitude, longitude)
    }

    public func validate() throws {
        try DirectoryText.names(names, field: "location.name")
        if let address { try Validation.regionCode(address.region, field: "address.region") }
        switch (latitude, longitude) {
        case (nil, nil): break
        case (let lat?, let lon?) where (-90...90).contains(lat) && (-180...180).contains(lon): break
        default: throw CareBridgeError.invalid("latitude", "A location needs both latitude and longitude, in degrees (WGS 84), or neither.")
        }
    }
}

/// A service given at one location, with its hours there (HSDS `service_at_location`).
public struct ServiceLocation: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var locationID: UUID
    public var hours: [OpeningHours]

    public init(id: UUID, locationID: UUID, hours: [OpeningHours]) { (self.id, self.locationID, self.hours) = (id, locationID, hours) }
}

/// A service of an organization (HSDS `service`), linked to the entitlement rules by the kinds of care it gives.
public struct DirectoryService: Codable, Sendable, Hashable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    public var names: [String: String]
    public var descriptions: [String: String]
    public var status: ServiceStatus
    public var categories: [ServiceCategory]
    public var care: [CareType]
    public var cost: CostPolicy
    /// BCP 47 tags of the languages staff speak.
    public var languages: [String]
    public var interpretation: String?
    public var eligibility: String?
    public var fees: String?
    public var minimumAge: Int?
    public var maximumAge: Int?
    public var requiredDocuments: [String]
    public var phones: [String]
    public var email: String?
    public var url: String?
    public var locations: [ServiceLocation]
    public var updatedAt: Date

    public init(id: UUID, organizationID: UUID, names: [String: String], descriptions: [String: String] = [:], status: ServiceStatus = .active,
                categories: [ServiceCategory], care: [CareType], cost: CostPolicy = .entitlement, languages: [String],
                interpretation: String? = nil, eligibility: String? = nil, fees: String? = nil, minimumAge: Int? = nil, maximumAge: Int? = nil,
                requiredDocuments: [String] = [], phones: [String] = [], email: String? = nil, url: String? = nil,
                locations: [ServiceLocation], updatedAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.names = names
        self.descriptions = descriptions
        self.status = status
        self.categories = categories
        self.care = care
        self.cost = cost
        self.languages = languages
        self.interpretation = interpretation
        self.eligibility = eligibility
        self.fees = fees
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.requiredDocuments = requiredDocuments
        self.phones = phones
        self.email = email
        self.url = url
        self.locations = locations
        self.updatedAt = updatedAt
    }

    public func name(in language: String) -> String { DirectoryText.pick(names, language) ?? "" }
    public func description(in language: String) -> String? { DirectoryText.pick(descriptions, language) }

    /// Checks every field; `locations` are the organization's locations the service may be given at.
    public func validate(locations known: Set<UUID>) throws {
        try DirectoryText.names(names, field: "name")
        for (language, text) in descriptions {
            try Validation.languageTag(language, field: "description")
            guard text.count <= 4000 else { throw CareBridgeError.invalid("description", "A description has at most 4,000 characters.") }
        }
        guard !categories.isEmpty else { throw CareBridgeError.invalid("categories", "A service needs at least one category.") }
        for language in languages { try Validation.languageTag(language, field: "languages") }
        if let minimumAge, !(0...130).contains(minimumAge) { throw CareBridgeError.invalid("minimumAge", "Ages are from 0 to 130.") }
        if let maximumAge, !(0...130).contains(maximumAge) || maximumAge < (minimumAge ?? 0) {
            throw CareBridgeError.invalid("maximumAge", "The maximum age must be from the minimum age to 130.")
        }
        if let url { try DirectoryText.webAddress(url, field: "url") }
        guard !locations.isEmpty else { throw CareBridgeError.invalid("locations", "A service is given at one location or more.") }
        for (index, place) in locations.enumerated() {
            guard known.contains(place.locationID) else {
                throw CareBridgeError.invalid("locations", "Location \(place.locationID) is not one of the organization's locations.")
            }
            for hours in place.hours { try hours.validate(field: "locations[\(index)].hours") }
        }
    }
}

/// What the directory keeps about an organization beyond the registry's record (HSDS organization fields).
public struct DirectoryProfile: Codable, Sendable, Hashable {
    public var organizationID: UUID
    public var descriptions: [String: String]
    public var website: String?
    public var email: String?
    /// Entries from a demo file are shown as demo data.
    public var demo: Bool

    public init(organizationID: UUID, descriptions: [String: String] = [:], website: String? = nil, email: String? = nil, demo: Bool = false) {
        (self.organizationID, self.descriptions, self.website, self.email, self.demo) = (organizationID, descriptions, website, email, demo)
    }
}

enum DirectoryText {
    static func names(_ names: [String: String], field: String) throws {
        guard !names.isEmpty else { throw CareBridgeError.invalid(field, "A name is needed in at least one language.") }
        for (language, name) in names {
            try Validation.languageTag(language, field: field)
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= 300 else { throw CareBridgeError.invalid(field, "The \(language) name must have 1 to 300 characters.") }
        }
    }

    static func webAddress(_ text: String, field: String) throws {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw CareBridgeError.invalid(field, "'\(text)' is not a web address (http or https).")
        }
    }

    /// The text in `language`, else in its base language (`uz` for `uz-Latn`), else English, else Russian, else any.
    static func pick(_ texts: [String: String], _ language: String) -> String? {
        let base = language.split(separator: "-").first.map(String.init) ?? language
        return texts[language] ?? texts[base] ?? texts["en"] ?? texts["ru"] ?? texts.sorted { $0.key < $1.key }.first?.value
    }
}
