import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// `/app/referrals/{id}`: one referral as the user's side sees it, its history, the outcome note only when the access
/// policy lets the user read the person's health data, and one form for each step the side may take now. Steps post to
/// `/app/referrals/{id}/steps` with the version shown; a refused step shows the page again with why, and what was typed.
enum ReferralPage {
    struct Model {
        var view: ReferralService.View
        var labels: ReferralLabels
    }

    static func load(_ id: UUID, request: Request, context: AppRequestContext, services: AppServices) async throws -> Model {
        let view = try await ReferralService(services: services).read(id, request: request, context: context)
        let labels = try await ReferralLabels.load([view.referral], language: context.language, withUsers: true, request: request, context: context, services: services)
        return Model(view: view, labels: labels)
    }

    static func view(_ m: Model, page: PageContext, dates: ReferralDates, notice: Notice?, draft: [String: String]) -> String {
        let l = page.l
        let r = m.view.referral
        return PageShell(title: l("referral.title", ["service": m.labels.service(r.serviceID, l)]), page: page, current: SiteURL.referrals, notice: notice).render {
            El("dl", [("class", "facts")]) {
                for (term, value) in facts(m, l: l, dates: dates) {
                    El("dt") { Text(term) }
                    El("dd") { Text(value) }
                }
                El("dt") { Text(l("referrals.col.person")) }
                El("dd") { Link(m.labels.person(r.personID, l), url: SiteURL.person(r.personID)) }
                if m.view.outcomeVisible, let note = r.outcomeNote {
                    El("dt") { Text(l("referral.outcome-note")) }
                    El("dd", [("class", "outcome-note")]) { Text(note) }
                }
            }
            let actions = r.state.allowedActions(for: m.view.side)
            El("section", [("aria-labelledby", "steps-h")]) {
                El("h2", [("id", "steps-h")]) { Text(l("referral.next-steps")) }
                if actions.isEmpty { Paragraph(l(r.state.isOpen ? "referral.waiting-other" : "referral.closed")) }
                for action in actions { StepForm(referral: r, version: m.view.version, action: action, page: page, dates: dates, draft: draft) }
            }
            El("section", [("aria-labelledby", "history-h")]) {
                El("h2", [("id", "history-h")]) { Text(l("referral.history")) }
                Div { Table(
                    caption: TableCaption(l("referral.history")),
                    header: TableRow {
                        TableHeaderCell(l("referral.col.when")); TableHeaderCell(l("referral.col.step")); TableHeaderCell(l("referrals.col.state"))
                        TableHeaderCell(l("referral.col.who")); TableHeaderCell(l("referral.col.detail"))
                    }
                ) {
                    for event in r.events {
                        TableRow {
                            TableCell(dates.text(event.at))
                            TableCell(l("referral.action.\(event.action.rawValue)"))
                            TableCell(l("referral.state.\(event.to.rawValue)"))
                            TableCell([m.labels.users[event.userID], m.labels.organization(event.organizationID)].compactMap { $0 }.joined(separator: " · "))
                            TableCell([event.appointment.map(dates.text), event.note].compactMap { $0 }.joined(separator: " · "))
                        }
                    }
                }.class("data") }.class("table-scroll")
            }
            Paragraph { Link(l("referrals.all"), url: SiteURL.referrals(box: m.view.side == .sender ? "outbox" : "inbox")) }
        }
    }

    static func facts(_ m: Model, l: Localizer, dates: ReferralDates) -> [(String, String)] {
        let r = m.view.referral
        var rows: [(String, String)] = [
            (l("referrals.col.state"), l("referral.state.\(r.state.rawValue)")),
            (l("referrals.col.service"), m.labels.service(r.serviceID, l)),
            (l("referral.from"), m.labels.organization(r.fromOrganizationID)),
            (l("referral.to"), m.labels.organization(r.toOrganizationID)),
            (l("referral.reason"), r.reason),
            (l("referrals.col.urgency"), l("referral.urgency.\(r.urgency.rawValue)")),
            (l("referral.languages"), r.languagesNeeded.isEmpty ? "—" : r.languagesNeeded.map { l.locale.localizedString(forIdentifier: $0) ?? $0 }.joined(separator: ", ")),
        ]
        switch r.consentBasis {
        case .consent: rows.append((l("referral.basis"), l("referral.basis.consent")))
        case .notifiableDisease: rows.append((l("referral.basis"), l("referral.basis.notifiable-disease")))
        case .emergency(let reason): rows.append((l("referral.basis"), l("referral.basis.emergency") + ": " + reason))
        }
        rows.append((l("referral.appointment"), r.appointment.map(dates.text) ?? "—"))
        if let reason = r.declineReason {
            rows.append((l("referral.decline-reason"), r.declineCode.map { l("referral.decline-code.\($0.rawValue)") + ": " + reason } ?? reason))
        }
        if let since = m.view.overdueSince { rows.append((l("referrals.col.overdue"), l("referrals.overdue-since", ["date": dates.text(since)]))) }
        return rows
    }

    /// The readable notice for a refused step.
    static func message(_ error: CareBridgeError, l: Localizer, action: ReferralActionKind?) -> String {
        switch error.reason {
        case "illegal-transition":
            return l("referral.error.illegal", ["action": action.map { l($0 == .send ? "referral.action.send" : "referral.do.\($0.rawValue)") } ?? "—"])
        case "stale-version":
            return l("referral.error.stale")
        default:
            return error.detail
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let referrals = ReferralService(services: services)
        router.get("/app/referrals/:id") { request, context in
            let id = try context.uuidParameter("id", what: "The referral")
            return try await show(id, request: request, context: context, services: services, notice: nil, draft: [:])
        }
        router.post("/app/referrals/:id/steps") { request, context in
            let id = try context.uuidParameter("id", what: "The referral")
            let form = try await request.formFields(context: context)
            let dates = ReferralDates(zone: services.configuration.zone, locale: Catalogs.localizer(context.language).locale)
            let kind = ReferralActionKind(rawValue: form["action"] ?? "")
            do {
                guard let kind else { throw CareBridgeError.invalid("action", "Choose a step.") }
                let appointment = try form["appointment"].nonBlank.map { try dates.parse($0, field: "appointment") }
                let action = try ReferralAction(kind: kind, reason: form["reason"], note: form["note"], appointment: appointment,
                                                declineCode: try form["declineCode"].nonBlank.map { try ReferralDeclineCode.parse($0) })
                _ = try await referrals.act(id, expectedVersion: Int64(form["version"] ?? "") ?? -1, action: action, request: request, context: context)
                return HTMLResponse.redirect(SiteURL.referral(id))
            } catch let error as CareBridgeError where [.validation, .badRequest, .conflict, .preconditionFailed].contains(error.kind) {
                let l = context.page(request).l
                return try await show(id, request: request, context: context, services: services,
                                      notice: Notice(kind: .error, text: message(error, l: l, action: kind)), draft: form.values, status: Problem.status(for: error.kind))
            }
        }
    }

    static func show(_ id: UUID, request: Request, context: AppRequestContext, services: AppServices, notice: Notice?, draft: [String: String],
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let model = try await load(id, request: request, context: context, services: services)
        let page = context.page(request)
        return HTMLResponse.page(view(model, page: page, dates: ReferralDates(zone: services.configuration.zone, locale: page.l.locale), notice: notice, draft: draft),
                                 status: status)
    }
}

/// The form for one step: the fields that step needs, the version the page showed, and the CSRF token.
/// `draft` refills the form that was refused (and only that one).
struct StepForm: Component {
    var referral: Referral
    var version: Int64
    var action: ReferralActionKind
    var page: PageContext
    var dates: ReferralDates
    var draft: [String: String]

    var body: Component {
        let l = page.l
        let mine = draft["action"] == action.rawValue ? draft : [:]
        let form = "step-\(action.rawValue)"
        return Form(url: SiteURL.referralSteps(referral.id), method: .post) {
            CSRFField(token: page.csrf)
            El("input", [("type", "hidden"), ("name", "version"), ("value", String(version))])
            El("input", [("type", "hidden"), ("name", "action"), ("value", action.rawValue)])
            switch action {
            case .decline:
                SelectField(label: l("referral.field.decline-code"), name: "declineCode",
                            options: [("", l("referral.decline-code.none"))] + ReferralDeclineCode.allCases.map { ($0.rawValue, l("referral.decline-code.\($0.rawValue)")) },
                            selected: mine["declineCode"], form: form)
                Field(label: l("referral.field.decline-reason"), name: "reason", value: mine["reason"], required: true, form: form)
            case .book:
                Field(label: l("referral.field.appointment"), name: "appointment", type: "datetime-local",
                      value: mine["appointment"] ?? referral.appointment.map(dates.inputValue), required: true,
                      hint: l("referral.field.appointment-hint", ["zone": dates.zone.identifier]), form: form)
            case .complete, .didNotAttend:
                Field(label: l("referral.field.note"), name: "note", value: mine["note"], hint: l("referral.field.note-hint"), form: form)
            case .cancel:
                Field(label: l("referral.field.cancel-reason"), name: "reason", value: mine["reason"], form: form)
            case .send, .accept, .attend:
                ComponentGroup(members: [])
            }
            El("button", [("type", "submit")]) { Text(l("referral.do.\(action.rawValue)")) }
        }.class("card step step-\(action.rawValue)")
    }
}
