import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// The names a referral page shows beside the ids: people (only those whose identity the user may see, each read
/// decided by the gate and audited), organizations, services and users.
struct ReferralLabels: Sendable {
    var people: [UUID: String] = [:]
    var organizations: [UUID: String] = [:]
    var services: [UUID: String] = [:]
    var users: [UUID: String] = [:]

    static func load(_ referrals: [Referral], language: String, withPeople: Bool = true, withUsers: Bool = false, request: Request,
                     context: AppRequestContext, services app: AppServices) async throws -> ReferralLabels {
        var labels = ReferralLabels()
        if withPeople {
            let records = try await app.people.find(ids: Array(Set(referrals.map(\.personID)))).map(\.value)
            for person in try await PeopleService(services: app).visible(records, .identity, request: request, context: context) {
                labels.people[person.id] = "\(person.displayName) · \(person.code)"
            }
        }
        for organization in try await app.organizations.list(limit: 200, after: nil).items {
            labels.organizations[organization.id] = organization.name(in: language)
        }
        let index = app.directory.index
        for id in Set(referrals.map(\.serviceID)) {
            if let found = index.service(id: id) { labels.services[id] = found.service.name(in: language) }
        }
        if withUsers {
            for id in Set(referrals.flatMap { $0.events.map(\.userID) }) {
                if let user = try await app.users.find(id: id) { labels.users[id] = user.value.username }
            }
        }
        return labels
    }

    func person(_ id: UUID, _ l: Localizer) -> String { people[id] ?? l("referrals.person-hidden") }
    func organization(_ id: UUID) -> String { organizations[id] ?? Hex.uuid(id) }
    func service(_ id: UUID, _ l: Localizer) -> String { services[id] ?? l("referrals.service-gone") }
}

/// Dates of referrals (appointments, steps) in the country's local time, as appointments are made.
struct ReferralDates: Sendable {
    var zone: TimeZone
    var locale: Locale

    func text(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened).locale(locale)
        style.timeZone = zone
        return date.formatted(style)
    }

    /// An HTML `datetime-local` value (`2026-12-02T09:00`, seconds optional) in the zone.
    func parse(_ text: String, field: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text.trimmingCharacters(in: .whitespaces)) { return date }
        }
        throw CareBridgeError.invalid(field, "'\(text)' is not a date and time such as 2026-12-02T09:00.")
    }

    func inputValue(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }
}
