import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import Plot

/// The action plan's page addresses, named once.
extension SiteURL {
    static let plans = "/app/plans"
    static func plan(_ id: UUID) -> String { "/app/plans/\(Hex.uuid(id))" }
    static func planPart(_ id: UUID, _ part: String) -> String { "/app/plans/\(Hex.uuid(id))/\(part)" }
    static func measure(_ id: UUID) -> String { "/app/measures/\(Hex.uuid(id))" }
    static func measurePart(_ id: UUID, _ part: String) -> String { "/app/measures/\(Hex.uuid(id))/\(part)" }
    static func meeting(_ id: UUID) -> String { "/app/meetings/\(Hex.uuid(id))" }
}

/// Words the plan pages share: statuses, stances, organization names, standings, in the page's language.
struct MeasureText {
    var l: Localizer
    var organizations: [UUID: Organization]

    static func load(_ l: Localizer, services: AppServices) async throws -> MeasureText {
        let all = try await services.organizations.list(limit: 200, after: nil).items
        return MeasureText(l: l, organizations: Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) }))
    }

    var language: String { l.language }
    func status(_ s: MeasureStatus) -> String { l("measures.status.\(s.rawValue)") }
    func stance(_ s: MeasurePosition.Stance) -> String { l("measures.stance.\(s.rawValue)") }
    func standing(_ s: TargetProgress.Standing?) -> String { s.map { l("measures.standing.\($0.rawValue)") } ?? l("measures.standing.none") }
    func organization(_ id: UUID) -> String { organizations[id]?.name(in: l.language) ?? id.text }
    func actor(_ a: MeasureActor) -> String { l("measures.by", ["user": a.username, "organization": organization(a.organizationID), "date": CalendarDay(a.at).description]) }
    func field(_ name: String) -> String { l("measures.field.\(name)") }
    func indicator(_ id: String, services: AppServices) -> String { services.indicators.catalog.indicator(id).map { l($0.title) } ?? id }
    func percentOrValue(_ v: Double, share: Bool) -> String {
        share ? v.formatted(.percent.precision(.fractionLength(0...1)).locale(l.locale)) : v.formatted(.number.precision(.fractionLength(0...1)).locale(l.locale))
    }

    /// A status as a small labelled badge (its class carries the state for the print and screen styles).
    func statusBadge(_ s: MeasureStatus) -> Component { El("span", [("class", "badge status-\(s.rawValue)")]) { Text(status(s)) } }
    func standingBadge(_ s: TargetProgress.Standing?) -> Component {
        El("span", [("class", "badge standing-\(s?.rawValue ?? "none")")]) { Text(standing(s)) }
    }
}

/// A labelled multi-line text field.
struct TextAreaField: Component {
    var label: String
    var name: String
    var value: String = ""
    var rows = 4
    var required = false
    var hint: String? = nil
    var form: String = ""

    var body: Component {
        let id = form.isEmpty ? name : "\(form)-\(name)"
        return Div {
            El("label", [("for", "f-\(id)")]) { Text(label) }
            El("textarea", [("id", "f-\(id)"), ("name", name), ("rows", String(rows)), ("required", required ? "required" : nil),
                            ("aria-describedby", hint == nil ? nil : "h-\(id)")]) { Text(value) }
            if let hint { Paragraph(hint).class("hint").id("h-\(id)") }
        }.class("field")
    }
}

/// A word-level diff as HTML: removed words struck through in `del`, added ones in `ins`, so it reads without colour.
struct DiffView: Component {
    var segments: [WordDiff.Segment]
    var label: String
    var body: Component {
        El("p", [("class", "diff"), ("aria-label", label)]) {
            for s in segments {
                switch s.kind {
                case .same: Text(s.text)
                case .removed: El("del") { Text(s.text) }
                case .added: El("ins") { Text(s.text) }
                }
            }
        }
    }
}

extension PageContext {
    /// The user's identity or a 401 the error page turns into the login redirect.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw CareBridgeError(.unauthorized, title: "Authentication required", detail: "Sign in.") }
        return identity
    }
}
