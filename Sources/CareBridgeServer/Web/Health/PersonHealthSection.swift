import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// What the person page's Health section shows: nothing for roles the policy never lets near health data, the policy's
/// reason for a refusal the user could overcome (another facility's patient without consent), or the person's
/// screening, cascade and records with the forms that add to them.
enum PersonHealth {
    enum State {
        case hidden
        case refused(DenialReason)
        case shown(Model)
    }

    struct Model {
        var screening: HealthService.Screening
        var records: [HealthRecord]
        var exposures: [HealthRecord]
        var today: CalendarDay
        /// The form that failed, with what was typed in it, so the page shows it again open and filled in.
        var draft: HealthDraft?
    }

    /// Reads through HealthService (which asks the policy and audits); a refusal becomes a state, not an error.
    static func load(_ personID: UUID, request: Request, context: AppRequestContext, services: AppServices, draft: HealthDraft?) async throws -> State {
        // A role the policy never lets read health data is not asked about each person (the home page says why); the
        // others are asked, and audited, on every view.
        guard try roleRefusal(context, services: services) == nil else { return .hidden }
        let health = HealthService(services: services)
        do {
            let today = services.today
            let screening = try await health.screening(personID, on: today, request: request, context: context)
            let (records, exposures) = try await health.history(personID, request: request, context: context)
            return .shown(Model(screening: screening, records: records, exposures: exposures, today: today, draft: draft))
        } catch let error as CareBridgeError where error.kind == .forbidden {
            guard let reason = error.reason.flatMap(DenialReason.init(rawValue:)), reason == .noConsent || reason == .missingReason else { return .hidden }
            return .refused(reason)
        }
    }
}

extension PersonHealth {
    /// Why the user's role may never read health data, or nil when it may (for some people): the policy's decision for
    /// a record of the user's own organization, for the role's purpose. Roles that get a reason here (caseworkers,
    /// migration officers, analysts, administrators, anyone behind the firewall) are not shown the health pages at all.
    static func roleRefusal(_ context: AppRequestContext, services: AppServices) throws -> DenialReason? {
        let identity = try context.requireIdentity()
        let decision = AccessPolicy.decide(AccessRequest(
            subject: identity.subject, purpose: identity.user.role.defaultPurpose, category: .health, action: .read,
            recordOrganizationID: identity.organization.id, consents: [], hasNotifiableCondition: false, accessReason: nil, now: services.now()))
        if case .deny(let reason) = decision { return reason }
        return nil
    }

    /// Refuses (403, with the policy's reason) a page about people's health to a role that may never read it.
    static func requireHealthRole(_ context: AppRequestContext, services: AppServices) throws {
        if let reason = try roleRefusal(context, services: services) {
            throw CareBridgeError(.forbidden, title: "Not allowed", detail: reason.explanation, reason: reason.rawValue)
        }
    }
}

/// A health form that was refused, with the fields as typed.
struct HealthDraft: Sendable {
    var form: String
    var values: [String: String]
}

struct PersonHealthSection: Component {
    var personID: UUID
    var personRegion: String?
    var state: PersonHealth.State
    var page: PageContext
    var text: HealthText
    var reference: HealthReference
    var countries: CountryTable

    var body: Component {
        let l = page.l
        switch state {
        case .hidden:
            return ComponentGroup(members: [])
        case .refused(let reason):
            return El("section", [("aria-labelledby", "health-h"), ("id", "health")]) {
                El("h2", [("id", "health-h")]) { Text(l("health.title")) }
                Paragraph(l("health.refused", ["reason": l("deny.\(reason.rawValue)")]))
            }
        case .shown(let m):
            return El("section", [("aria-labelledby", "health-h"), ("id", "health")]) {
                El("h2", [("id", "health-h")]) { Text(l("health.title")) }
                Paragraph { Link(l("ips.link"), url: SiteURL.personPart(personID, "summary")) }.class("ips-link")
                screening(m)
                cascade(m)
                records(m)
                HealthForms(personID: personID, personRegion: personRegion, model: m, page: page, text: text, reference: reference, countries: countries)
            }
        }
    }

    func screening(_ m: PersonHealth.Model) -> Component {
        let l = page.l
        let recommendations = m.screening.recommendations
        return ComponentGroup {
            El("h3", [("id", "screening-h")]) { Text(l("health.screening")) }
            if recommendations.isEmpty {
                Paragraph(l("health.screening.none", ["date": m.today.description]))
            } else {
                Paragraph(l("health.screening.on", ["date": m.today.description])).class("hint")
                ScrollRegion(label: l("health.screening")) { Table(caption: TableCaption(l("health.screening")),
                            header: TableRow {
                                TableHeaderCell(l("health.col.condition")); TableHeaderCell(l("health.col.status")); TableHeaderCell(l("health.col.reason"))
                                TableHeaderCell(l("health.col.test")); TableHeaderCell(l("health.col.last-screened"))
                            }) {
                    for r in recommendations {
                        TableRow {
                            TableCell(text.condition(r.condition))
                            TableCell(l("screening.status.\(r.status.rawValue)")).class("screening-\(r.status.rawValue)")
                            TableCell(text.reason(r)).class("reason")
                            TableCell {
                                El("span", [("lang", "en")]) { Text(r.test) }
                                let codes = HealthForms.ruleCodes(condition: r.condition, parameters: reference.parameters)
                                if !codes.isEmpty { Paragraph(codes.joined(separator: ", ")).class("hint") }
                            }
                            TableCell(text.day(r.lastScreenedOn))
                        }
                    }
                }.class("data screening") }
            }
        }
    }

    func cascade(_ m: PersonHealth.Model) -> Component {
        let l = page.l
        return ComponentGroup {
            El("h3", [("id", "person-cascade-h")]) { Text(l("health.cascade")) }
            ScrollRegion(label: l("health.cascade.caption")) { Table(caption: TableCaption(l("health.cascade.caption")),
                        header: TableRow {
                            TableHeaderCell(l("health.col.disease"))
                            for stage in CascadeStage.allCases { TableHeaderCell(text.stage(stage)) }
                        }) {
                // Rows as plain elements: Plot's TableRow would put the row header inside a <td>.
                for cascade in m.screening.cascades {
                    El("tr") {
                        El("th", [("scope", "row")]) { Text(text.disease(cascade.disease)) }
                        for stage in CascadeStage.allCases {
                            switch cascade.stages[stage] {
                            case .some(.some(let day)): El("td", [("class", "reached")]) { Text(day.description) }
                            case .some(.none): El("td", [("class", "reached")]) { Text(l("health.cascade.reached")) }
                            case .none: El("td") { Text("—") }
                            }
                        }
                    }
                }
            }.class("data cascade") }
        }
    }

    func records(_ m: PersonHealth.Model) -> Component {
        let l = page.l
        return ComponentGroup {
            El("h3", [("id", "records-h")]) { Text(l("health.records")) }
            if m.records.isEmpty {
                Paragraph(l("health.records.none"))
            } else {
                ScrollRegion(label: l("health.records.caption")) { Table(caption: TableCaption(l("health.records.caption")),
                            header: TableRow {
                                TableHeaderCell(l("health.col.date")); TableHeaderCell(l("health.col.kind")); TableHeaderCell(l("health.col.code"))
                                TableHeaderCell(l("health.col.status")); TableHeaderCell(l("health.col.result"))
                            }) {
                    for record in m.records {
                        TableRow {
                            TableCell(record.date.description)
                            TableCell {
                                if record.kind == .notification {
                                    Link(text.kind(record.kind), url: SiteURL.healthCase(record.id))
                                } else {
                                    Text(text.kind(record.kind))
                                }
                            }
                            TableCell {
                                if let (code, title) = text.code(of: record) {
                                    if !code.isEmpty { El("code") { Text(code) }; Text(" ") }
                                    Text(title)
                                }
                                if record.kind == .contact, let contact = record.contact {
                                    Text(" · ")
                                    Link(l("health.contact-person"), url: SiteURL.person(contact.personID))
                                    Text(" · ")
                                    Link(l("health.open-case"), url: SiteURL.healthCase(contact.caseID))
                                }
                                if record.kind == .treatment, let caseID = record.treatment?.caseID {
                                    Text(" · ")
                                    Link(l("health.open-case"), url: SiteURL.healthCase(caseID))
                                }
                            }
                            TableCell(text.status(of: record, today: m.today))
                            TableCell(text.result(of: record))
                        }.class("record-\(record.kind.rawValue)")
                    }
                }.class("data records") }
            }
            if !m.exposures.isEmpty {
                El("h3", [("id", "exposures-h")]) { Text(l("health.exposures")) }
                El("ul") {
                    for record in m.exposures {
                        if let contact = record.contact {
                            El("li") {
                                Text(l("health.exposure-line", ["exposure": text.exposure(contact.exposure), "date": contact.lastExposure.description,
                                                                "status": l("follow-up-status.\(contact.status(on: m.today).rawValue)")]))
                                Text(" ")
                                Link(l("health.open-case"), url: SiteURL.healthCase(contact.caseID))
                            }
                        }
                    }
                }
            }
        }
    }
}
