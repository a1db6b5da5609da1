import Foundation

/// What someone looks for in the directory: every filter is optional; unset ones do not narrow.
public struct DirectoryQuery: Sendable, Hashable {
    /// Words to find in names and descriptions (any language, case and diacritics ignored).
    public var text: String?
    /// Any of these categories.
    public var categories: [ServiceCategory]
    /// Gives any of these kinds of care.
    public var care: [CareType]
    /// Only services whose staff speak this language (BCP 47; `uz-Latn` matches `uz`).
    public var language: String?
    /// ISO 3166-2 region of the location.
    public var region: String?
    /// Only services open at this local weekday and minute of the day (at the location matched).
    public var openAt: (day: Weekday, minute: Int)?
    /// Distance from this point (degrees, WGS 84) ranks the results and, with `withinKm`, limits them.
    public var near: (latitude: Double, longitude: Double)?
    public var withinKm: Double?
    /// The person's outcome per kind of care under the rules in force: with `onlyFree`, only services free for them.
    public var outcomes: [CareType: OutcomeKind]?
    public var onlyFree: Bool
    public var organizationID: UUID?
    /// Inactive, defunct and temporarily closed services are left out unless asked for (staff pages).
    public var includeInactive: Bool
    public var limit: Int

    public init(text: String? = nil, categories: [ServiceCategory] = [], care: [CareType] = [], language: String? = nil, region: String? = nil,
                openAt: (day: Weekday, minute: Int)? = nil, near: (latitude: Double, longitude: Double)? = nil, withinKm: Double? = nil,
                outcomes: [CareType: OutcomeKind]? = nil, onlyFree: Bool = false, organizationID: UUID? = nil, includeInactive: Bool = false, limit: Int = 50) {
        self.text = text
        self.categories = categories
        self.care = care
        self.language = language
        self.region = region
        self.openAt = openAt
        self.near = near
        self.withinKm = withinKm
        self.outcomes = outcomes
        self.onlyFree = onlyFree
        self.organizationID = organizationID
        self.includeInactive = includeInactive
        self.limit = limit
    }

    public static func == (a: Self, b: Self) -> Bool { a.hashKey == b.hashKey }
    public func hash(into hasher: inout Hasher) { hasher.combine(hashKey) }
    private var hashKey: String { "\(text ?? "")|\(categories)|\(care)|\(language ?? "")|\(region ?? "")|\(openAt.map { "\($0.day)\($0.minute)" } ?? "")|\(near.map { "\($0.latitude),\($0.longitude)" } ?? "")|\(withinKm ?? -1)|\(outcomes ?? [:])|\(onlyFree)|\(organizationID?.text ?? "")|\(includeInactive)|\(limit)" }
}

/// One result: a service at one of its locations, with what made it rank where it did.
public struct DirectoryHit: Sendable {
    public var service: DirectoryService
    public var location: DirectoryLocation
    public var organization: Organization
    public var distanceKm: Double?
    /// Nil when the query gave no time.
    public var openNow: Bool?
    /// The person's outcome for this service (the best among the kinds of care asked for, or all it gives); nil if unknown.
    public var outcome: OutcomeKind?
    public var speaksLanguage: Bool?
    public var score: Double
    public var demo: Bool
}

/// The directory in memory, for search: one row per service and location, with the text to match prepared once.
/// Built from the stored entries and rebuilt after each directory write (SQL stays the source of truth).
public struct DirectoryIndex: Sendable {
    struct Row: Sendable {
        var service: Int
        var location: DirectoryLocation
        var hours: [OpeningHours]
    }

    public let entries: [DirectoryEntry]
    let services: [(service: DirectoryService, entry: Int, names: String, body: String)]
    let rows: [Row]

    public init(_ entries: [DirectoryEntry]) {
        self.entries = entries
        var services: [(DirectoryService, Int, String, String)] = []
        var rows: [Row] = []
        for (e, entry) in entries.enumerated() {
            let locations = Dictionary(entry.locations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for service in entry.services {
                let names = Self.fold((Array(service.names.values) + Array(entry.organization.names.values)).joined(separator: " | "))
                let body = Self.fold((Array(service.descriptions.values) + service.categories.flatMap { [$0.rawValue, $0.english.name] }
                                      + [service.eligibility ?? ""]).joined(separator: " | "))
                services.append((service, e, names, body))
                for place in service.locations {
                    if let location = locations[place.locationID] { rows.append(Row(service: services.count - 1, location: location, hours: place.hours)) }
                }
            }
        }
        self.services = services
        self.rows = rows
    }

    public var serviceCount: Int { services.count }

    public func service(id: UUID) -> (service: DirectoryService, entry: DirectoryEntry)? {
        services.first { $0.service.id == id }.map { ($0.service, entries[$0.entry]) }
    }

    /// Matching services, ranked: words in the name first, then free for the person, then nearer. Each service
    /// appears once, at its best-ranked location.
    public func search(_ q: DirectoryQuery) -> [DirectoryHit] {
        let words = q.text.map { Self.fold($0).split(separator: " ").map(String.init) } ?? []
        let language = q.language.map { $0.split(separator: "-").first.map(String.init) ?? $0 }
        var best: [Int: DirectoryHit] = [:]
        for row in rows {
            let (service, entryIndex, names, body) = services[row.service]
            if !q.includeInactive && service.status != .active { continue }
            if let organizationID = q.organizationID, service.organizationID != organizationID { continue }
            if !q.categories.isEmpty && !service.categories.contains(where: q.categories.contains) { continue }
            if !q.care.isEmpty && !service.care.contains(where: q.care.contains) && service.cost != .free || !q.care.isEmpty && service.care.isEmpty && q.categories.isEmpty { continue }
            if let region = q.region, row.location.address?.region != region { continue }
            var textScore = 0.0
            for word in words {
                if names.contains(word) { textScore += 2 } else if body.contains(word) { textScore += 1 } else { textScore = -1; break }
            }
            if textScore < 0 { continue }
            let speaks = language.map { l in service.languages.contains { $0 == l || $0.hasPrefix(l + "-") } }
            if speaks == false { continue }
            let open = q.openAt.map { at in row.hours.contains { $0.isOpen(on: at.day, at: at.minute) } }
            if open == false { continue }
            let outcome = outcomeFor(service, q)
            if q.onlyFree && outcome != .free { continue }
            var distance: Double?
            if let near = q.near, let lat = row.location.latitude, let lon = row.location.longitude {
                distance = Self.kilometres(near.latitude, near.longitude, lat, lon)
                if let within = q.withinKm, distance! > within { continue }
            } else if q.near != nil, q.withinKm != nil { continue }
            let score = textScore * 10 + (outcome == .free ? 2 : 0) - (distance ?? 0) / 25
            let hit = DirectoryHit(service: service, location: row.location, organization: entries[entryIndex].organization, distanceKm: distance,
                                   openNow: open, outcome: outcome, speaksLanguage: speaks, score: score, demo: entries[entryIndex].profile.demo)
            if let current = best[row.service], !Self.ranksBefore(hit, current) { continue }
            best[row.service] = hit
        }
        return Array(best.values.sorted(by: Self.ranksBefore).prefix(max(0, q.limit)))
    }

    static func ranksBefore(_ a: DirectoryHit, _ b: DirectoryHit) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if let da = a.distanceKm, let db = b.distanceKm, da != db { return da < db }
        return a.service.id.text < b.service.id.text
    }

    /// The person's outcome for the service: free for everyone, or the best outcome among the kinds of care asked
    /// for (all the service gives when none were asked) under the person's decisions.
    func outcomeFor(_ service: DirectoryService, _ q: DirectoryQuery) -> OutcomeKind? {
        if service.cost == .free { return .free }
        guard let outcomes = q.outcomes else { return nil }
        let relevant = q.care.isEmpty ? service.care : service.care.filter(q.care.contains)
        return relevant.compactMap { outcomes[$0] }.max()
    }

    /// Great-circle distance (haversine, mean Earth radius 6,371 km).
    public static func kilometres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 6371 * 2 * atan2(sqrt(a), sqrt(1 - a))
    }

    /// Lowercase Latin without diacritics, so "Туберкулёз", "tuberkulez" and "TUBERKULEZ" meet.
    public static func foldText(_ text: String) -> String { fold(text) }

    static func fold(_ text: String) -> String {
        let latin = text.applyingTransform(.toLatin, reverse: false) ?? text
        return (latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin).lowercased()
    }
}
