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

/// The directory in memory, for search: one row per service and location. What the filters read is kept in compact
/// columns (bit masks of categories, kinds of care, languages and days; interned regions; coordinates), so a search
/// over 10,000 services touches a few arrays of integers and builds records only for the hits (measured: copying the
/// service records per row made a 10,000-service search take 27 ms at p95). Built from the stored entries and rebuilt
/// after each directory write (SQL stays the source of truth).
public struct DirectoryIndex: Sendable {
    public let entries: [DirectoryEntry]
    let services: [(service: DirectoryService, entry: Int)]
    // Per service.
    let categoryMask: [UInt32]
    let careMask: [UInt16]
    let languageMask: [UInt64]
    let freeForAll: [Bool]
    let active: [Bool]
    let organizationIndex: [Int32]
    let names: [String]
    let bodies: [String]
    // Per row (a service at one location).
    let rowService: [Int32]
    let rowLocation: [DirectoryLocation]
    let rowRegion: [Int32]
    let rowLatitude: [Double]
    let rowLongitude: [Double]
    /// Each row's opening hours: `hours[hoursStart[r]..<hoursStart[r + 1]]`.
    let hoursStart: [Int32]
    let hours: [(days: UInt8, opens: Int16, closes: Int16)]
    let regions: [String: Int32]
    let languages: [String: Int]

    public init(_ entries: [DirectoryEntry]) {
        self.entries = entries
        var services: [(DirectoryService, Int)] = []
        var categoryMask: [UInt32] = [], careMask: [UInt16] = [], languageMask: [UInt64] = [], freeForAll: [Bool] = [], active: [Bool] = []
        var organizationIndex: [Int32] = [], names: [String] = [], bodies: [String] = []
        var rowService: [Int32] = [], rowLocation: [DirectoryLocation] = [], rowRegion: [Int32] = [], rowLatitude: [Double] = [], rowLongitude: [Double] = []
        var hoursStart: [Int32] = [0], hours: [(UInt8, Int16, Int16)] = []
        var regions: [String: Int32] = [:], languages: [String: Int] = [:]
        for (e, entry) in entries.enumerated() {
            let locations = Dictionary(entry.locations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for service in entry.services {
                let s = Int32(services.count)
                services.append((service, e))
                categoryMask.append(service.categories.reduce(0) { $0 | 1 << UInt32(ServiceCategory.allCases.firstIndex(of: $1)!) })
                careMask.append(service.care.reduce(0) { $0 | 1 << UInt16($1.index) })
                var mask: UInt64 = 0
                for tag in service.languages {
                    let base = Self.base(tag)
                    if languages[base] == nil { languages[base] = languages.count }
                    if let bit = languages[base], bit < 64 { mask |= 1 << UInt64(bit) }
                }
                languageMask.append(mask)
                freeForAll.append(service.cost == .free)
                active.append(service.status == .active)
                organizationIndex.append(Int32(e))
                names.append(Self.fold((Array(service.names.values) + Array(entry.organization.names.values)).joined(separator: " | ")))
                bodies.append(Self.fold((Array(service.descriptions.values) + service.categories.flatMap { [$0.rawValue, $0.english.name] }
                                         + [service.eligibility ?? ""]).joined(separator: " | ")))
                for place in service.locations {
                    guard let location = locations[place.locationID] else { continue }
                    rowService.append(s)
                    rowLocation.append(location)
                    let region = location.address?.region ?? ""
                    if regions[region] == nil { regions[region] = Int32(regions.count) }
                    rowRegion.append(regions[region]!)
                    rowLatitude.append(location.latitude ?? .nan)
                    rowLongitude.append(location.longitude ?? .nan)
                    for h in place.hours {
                        hours.append((h.days.reduce(0) { $0 | 1 << UInt8($1.index) }, Int16(h.opens), Int16(h.closes)))
                    }
                    hoursStart.append(Int32(hours.count))
                }
            }
        }
        self.services = services
        self.categoryMask = categoryMask
        self.careMask = careMask
        self.languageMask = languageMask
        self.freeForAll = freeForAll
        self.active = active
        self.organizationIndex = organizationIndex
        self.names = names
        self.bodies = bodies
        self.rowService = rowService
        self.rowLocation = rowLocation
        self.rowRegion = rowRegion
        self.rowLatitude = rowLatitude
        self.rowLongitude = rowLongitude
        self.hoursStart = hoursStart
        self.hours = hours
        self.regions = regions
        self.languages = languages
    }

    public var serviceCount: Int { services.count }

    public func service(id: UUID) -> (service: DirectoryService, entry: DirectoryEntry)? {
        services.first { $0.service.id == id }.map { ($0.service, entries[$0.entry]) }
    }

    static func base(_ tag: String) -> String { tag.split(separator: "-").first.map(String.init) ?? tag }

    /// Matching services, ranked: words in the name first, then free for the person, then nearer. Each service
    /// appears once, at its best-ranked location.
    public func search(_ q: DirectoryQuery) -> [DirectoryHit] {
        let words = q.text.map { Self.fold($0).split(separator: " ").map(String.init) } ?? []
        let wantCategories: UInt32 = q.categories.reduce(0) { $0 | 1 << UInt32(ServiceCategory.allCases.firstIndex(of: $1)!) }
        let wantCare: UInt16 = q.care.reduce(0) { $0 | 1 << UInt16($1.index) }
        var wantLanguage: UInt64 = 0
        if let language = q.language {
            guard let bit = languages[Self.base(language)], bit < 64 else { return [] }
            wantLanguage = 1 << UInt64(bit)
        }
        var wantRegion: Int32 = -1
        if let region = q.region {
            guard let id = regions[region] else { return [] }
            wantRegion = id
        }
        let openDay: UInt8 = q.openAt.map { 1 << UInt8($0.day.index) } ?? 0
        let openMinute = Int16(q.openAt?.minute ?? 0)
        // The person's outcome rank per kind of care (-1 unknown).
        let outcomeRank: [Int8] = CareType.allCases.map { care in q.outcomes?[care].map { Int8($0.rank) } ?? -1 }
        let freeRank = Int8(OutcomeKind.free.rank)
        var best: [Int32: (row: Int, score: Double, distance: Double?, outcome: Int8)] = [:]
        for row in rowService.indices {
            let s = Int(rowService[row])
            if !q.includeInactive && !active[s] { continue }
            if wantCategories != 0 && categoryMask[s] & wantCategories == 0 { continue }
            if wantCare != 0 && careMask[s] & wantCare == 0 { continue }
            if wantLanguage != 0 && languageMask[s] & wantLanguage == 0 { continue }
            if wantRegion >= 0 && rowRegion[row] != wantRegion { continue }
            if let organizationID = q.organizationID, entries[Int(organizationIndex[s])].organization.id != organizationID { continue }
            if openDay != 0 {
                var open = false
                for h in Int(hoursStart[row])..<Int(hoursStart[row + 1]) where hours[h].days & openDay != 0 && hours[h].opens <= openMinute && openMinute < hours[h].closes {
                    open = true
                    break
                }
                if !open { continue }
            }
            var outcome: Int8 = -1
            if freeForAll[s] { outcome = freeRank } else if q.outcomes != nil {
                var relevant = wantCare == 0 ? careMask[s] : careMask[s] & wantCare
                while relevant != 0 {
                    let bit = relevant.trailingZeroBitCount
                    outcome = max(outcome, outcomeRank[bit])
                    relevant &= relevant - 1
                }
            }
            if q.onlyFree && outcome != freeRank { continue }
            var distance: Double?
            if let near = q.near {
                let lat = rowLatitude[row], lon = rowLongitude[row]
                if lat.isNaN {
                    if q.withinKm != nil { continue }
                } else {
                    let km = Self.kilometres(near.latitude, near.longitude, lat, lon)
                    if let within = q.withinKm, km > within { continue }
                    distance = km
                }
            }
            var textScore = 0.0
            for word in words {
                if names[s].contains(word) { textScore += 2 } else if bodies[s].contains(word) { textScore += 1 } else { textScore = -1; break }
            }
            if textScore < 0 { continue }
            let score = textScore * 10 + (outcome == freeRank ? 2 : 0) - (distance ?? 0) / 25
            if let current = best[Int32(s)], !(score > current.score || score == current.score && (distance ?? 0) < (current.distance ?? 0)) { continue }
            best[Int32(s)] = (row, score, distance, outcome)
        }
        let hits = best.map { s, found -> DirectoryHit in
            let (service, entry) = services[Int(s)]
            return DirectoryHit(service: service, location: rowLocation[found.row], organization: entries[entry].organization, distanceKm: found.distance,
                                openNow: q.openAt == nil ? nil : true, outcome: found.outcome < 0 ? nil : OutcomeKind.allCases[Int(found.outcome)],
                                speaksLanguage: q.language == nil ? nil : true, score: found.score, demo: entries[entry].profile.demo)
        }
        return Array(hits.sorted(by: Self.ranksBefore).prefix(max(0, q.limit)))
    }

    static func ranksBefore(_ a: DirectoryHit, _ b: DirectoryHit) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if let da = a.distanceKm, let db = b.distanceKm, da != db { return da < db }
        return a.service.id.text < b.service.id.text
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
