import CareBridgeCore
import CareBridgeServer
import Foundation

/// Directory figures of issue 6: search over 10,000 services (synthetic, spread over Belarus's regions and cities like
/// the shipped demo directory) with every filter at once: category or kind of care, staff language, region or
/// distance from a city, open now, free for the person's status, and words.
extension Benchmarks {
    static func directorySearch(services count: Int = 10_000, progress: @Sendable (String) -> Void) throws -> [Row] {
        progress("directory: \(count) synthetic services")
        let index = DirectoryIndex(syntheticDirectory(services: count, seed: 7))
        var rng = SplitMix(seed: 3)
        let cities = syntheticCities
        let words = ["tuberculosis", "туберкулёз", "hiv", "clinic", "поликлиника", "red cross", "vaccination", "центр"]
        let languages = ["ru", "uz", "tg", "ar", "en", "fa", "zh", "be"]
        let outcomes: [CareType: OutcomeKind] = Dictionary(uniqueKeysWithValues: CareType.allCases.enumerated().map { ($1, $0 % 3 == 0 ? .free : .paid) })
        var times: [Double] = []
        var found = 0
        for i in 0..<4_000 {
            let city = cities[Int(rng.next() % UInt64(cities.count))]
            var q = DirectoryQuery(limit: 20)
            if i % 2 == 0 { q.categories = [ServiceCategory.allCases[Int(rng.next() % UInt64(ServiceCategory.allCases.count))]] } else { q.care = [CareType.allCases[Int(rng.next() % 13)]] }
            q.language = languages[Int(rng.next() % UInt64(languages.count))]
            if i % 3 == 0 { q.region = city.region } else { q.near = (city.lat, city.lon); q.withinKm = 50 }
            q.openAt = (Weekday.allCases[i % 7], 480 + i % 720)
            q.outcomes = outcomes
            q.onlyFree = i % 4 == 0
            if i % 5 == 0 { q.text = words[i % words.count] }
            let start = ContinuousClock.now
            found += index.search(q).count
            if i >= 500 { times.append(seconds(start.duration(to: .now)) * 1000) }
        }
        times.sort()
        return [Row(benchmark: "directory search over \(count) services, all filters (category or care, language, region or 50 km of a city, open now, free for the status, words in a quarter), one at a time, \(times.count) searches",
                    database: "in memory (index of the stored directory)",
                    result: String(format: "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; %.1f results per search", times[times.count / 2], times[times.count * 95 / 100],
                                   times[times.count * 99 / 100], Double(found) / 4_000), target: "p95 < 10 ms")]
    }

    static let syntheticCities: [(name: String, region: String, lat: Double, lon: Double)] = [
        ("Minsk", "BY-HM", 53.90, 27.56), ("Brest", "BY-BR", 52.10, 23.70), ("Vitebsk", "BY-VI", 55.19, 30.20), ("Gomel", "BY-HO", 52.44, 30.98),
        ("Grodno", "BY-HR", 53.68, 23.83), ("Mogilev", "BY-MA", 53.90, 30.33), ("Barysaw", "BY-MI", 54.23, 28.50), ("Pinsk", "BY-BR", 52.11, 26.10),
        ("Polotsk", "BY-VI", 55.49, 28.79), ("Mazyr", "BY-HO", 52.05, 29.25), ("Lida", "BY-HR", 53.89, 25.30), ("Babruysk", "BY-MA", 53.15, 29.23),
    ]

    /// `services` services at as many locations, ten per organization, with names in English and Russian.
    static func syntheticDirectory(services: Int, seed: UInt64) -> [DirectoryEntry] {
        var rng = SplitMix(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        let names: [ServiceCategory: (String, String)] = [
            .tbDispensary: ("TB dispensary", "Противотуберкулёзный диспансер"), .hivCentre: ("HIV prevention centre", "Центр профилактики ВИЧ"),
            .polyclinic: ("City polyclinic", "Городская поликлиника"), .emergency: ("Emergency station", "Станция скорой помощи"),
            .socialSupport: ("Red Cross support", "Помощь Красного Креста"), .vaccination: ("Vaccination room", "Прививочный кабинет")]
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        var entries: [DirectoryEntry] = []
        for o in 0..<(services + 9) / 10 {
            let city = pick(syntheticCities)
            let organization = Organization(id: UUID.derived(from: HSDSWriter.taxonomyID, "bench-org\(o)"), slug: "bench-org-\(o)", kind: .healthFacility,
                                            names: ["en": "\(city.name) organization \(o)", "ru": "Организация \(o), \(city.name)"], region: city.region, createdAt: now)
            var locations: [DirectoryLocation] = [], list: [DirectoryService] = []
            for s in 0..<min(10, services - o * 10) {
                let location = DirectoryLocation(id: .derived(from: organization.id, "loc\(s)"), organizationID: organization.id, names: ["en": "Site \(s)"],
                                                 address: PostalAddress(line: "Street \(s)", city: city.name, region: city.region, postalCode: nil, country: "BY"),
                                                 latitude: city.lat + Double(rng.next() % 1000) / 10_000 - 0.05, longitude: city.lon + Double(rng.next() % 1000) / 10_000 - 0.05)
                locations.append(location)
                let category = pick(ServiceCategory.allCases)
                let (en, ru) = names[category] ?? (category.english.name, category.english.name)
                list.append(DirectoryService(
                    id: .derived(from: organization.id, "svc\(s)"), organizationID: organization.id, names: ["en": "\(en) \(o)-\(s)", "ru": "\(ru) \(o)-\(s)"],
                    descriptions: ["en": category.english.description], categories: [category, pick(ServiceCategory.allCases)],
                    care: [pick(CareType.allCases), pick(CareType.allCases)], cost: rng.next() % 5 == 0 ? .free : .entitlement,
                    languages: ["ru", "be"] + (rng.next() % 3 == 0 ? [pick(["en", "uz", "tg", "ar", "fa", "zh"])] : []),
                    locations: [ServiceLocation(id: .derived(from: location.id, "at"), locationID: location.id,
                                                hours: [OpeningHours(days: [.MO, .TU, .WE, .TH, .FR], opens: 480, closes: 1200), OpeningHours(days: [.SA], opens: 540, closes: 840)])],
                    updatedAt: now))
            }
            entries.append(DirectoryEntry(organization: organization, profile: DirectoryProfile(organizationID: organization.id, demo: true), locations: locations, services: list))
        }
        return entries
    }
}

