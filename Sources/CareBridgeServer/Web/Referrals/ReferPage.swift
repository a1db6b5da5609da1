import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// `/app/people/{id}/refer`: find a directory service for the person (GET `q`, `category`), choose one (`service`),
/// and send the referral with its reason, urgency, languages and legal basis: one of the person's consents, a
/// notifiable disease (only to the public-health service) or an emergency with its reason. Sent through
/// ReferralService.send, which checks the basis covers the receiver; then the browser goes to the referral (303).
enum ReferPage {
    struct Model {
        var person: Person
        var consents: [Consent]
        var search: [String: String]
        var hits: [DirectoryHit]
        var searched: Bool
        var chosen: (service: DirectoryService, organization: Organization)?
        var organizations: [UUID: String]
    }

    static func load(_ id: UUID, query: [String: String], request: Request, context: AppRequestContext, services: AppServices) async throws -> Model {
        let people = PeopleService(services: services)
        let (found, _) = try await people.read(id, request: request, context: context)
        let target = try await people.target(id)
        let index = services.directory.index
        var model = Model(person: found.value, consents: target.consents.filter { $0.isActive(at: services.now()) }, search: query, hits: [], searched: false,
                          chosen: nil, organizations: [:])
        for entry in index.entries { model.organizations[entry.organization.id] = entry.organization.name(in: context.language) }
        if let text = query["service"], let serviceID = UUID(uuidString: text), let found = index.service(id: serviceID), found.service.status == .active {
            model.chosen = (found.service, found.entry.organization)
        }
        // The search stays on the page after a choice, so another service is one click away.
        if query.contains(where: { ["q", "category"].contains($0.key) && !$0.value.isEmpty }) {
            let search = try DirectorySearchRequest.parse(["q": query["q"] ?? "", "category": query["category"] ?? ""], services: services, now: services.now())
            model.hits = index.search(search.query).filter { $0.service.status == .active }
            model.searched = true
        }
        return model
    }

    static func view(_ m: Model, page: PageContext, notice: Notice?, draft: [String: String]) -> String {
        let l = page.l
        let p = m.person
        return PageShell(title: l("refer.title", ["name": p.displayName]), page: page, current: SiteURL.people, notice: notice).render {
            Paragraph { Link(l("person.back"), url: SiteURL.person(p.id)) }
            Form(url: SiteURL.refer(p.id), method: .get) {
                SelectField(label: l("directory.category"), name: "category",
                            options: [("", l("directory.category.all"))] + ServiceCategory.allCases.map { ($0.rawValue, l("category.\($0.rawValue)")) },
                            selected: m.search["category"])
                Field(label: l("directory.search"), name: "q", type: "search", value: m.search["q"])
                El("button", [("type", "submit")]) { Text(l("directory.submit")) }
            }.class("card refer-search")
            if m.searched {
                El("section", [("aria-labelledby", "refer-results-h")]) {
                    El("h2", [("id", "refer-results-h")]) { Text(m.hits.isEmpty ? l("directory.none") : l("directory.results", ["count": "\(m.hits.count)"])) }
                    El("ul", [("class", "refer-hits")]) {
                        for hit in m.hits {
                            El("li") {
                                Link(hit.service.name(in: l.language), url: chooseURL(p.id, service: hit.service.id, search: m.search))
                                Text(" · " + hit.organization.name(in: l.language) + (hit.location.address.map { " · " + $0.city } ?? ""))
                            }
                        }
                    }
                }
            }
            if let chosen = m.chosen { sendForm(m, chosen: chosen, page: page, draft: draft) }
        }
    }

    /// The page with `service` chosen, keeping the search that found it.
    static func chooseURL(_ personID: UUID, service: UUID, search: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let kept = ["q", "category"].compactMap { key in search[key].nonBlank.map { "&\(key)=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" } }
        return SiteURL.refer(personID) + "?service=" + Hex.uuid(service) + kept.joined()
    }

    static func sendForm(_ m: Model, chosen: (service: DirectoryService, organization: Organization), page: PageContext, draft: [String: String]) -> Component {
        let l = page.l
        let p = m.person
        var bases: [(value: String, label: String)] = m.consents.map { consent in
            let grantee = switch consent.grantee {
            case .organization(let id): m.organizations[id] ?? Hex.uuid(id)
            case .organizationKind(let kind): l("kind.\(kind.rawValue)")
            }
            return ("consent:\(Hex.uuid(consent.id))", l("refer.basis.consent", ["grantee": grantee]))
        }
        if chosen.organization.kind == .publicHealthService { bases.append(("notifiable-disease", l("referral.basis.notifiable-disease"))) }
        bases.append(("emergency", l("referral.basis.emergency")))
        return El("section", [("aria-labelledby", "refer-send-h")]) {
            El("h2", [("id", "refer-send-h")]) { Text(l("refer.to", ["service": chosen.service.name(in: l.language), "organization": chosen.organization.name(in: l.language)])) }
            Form(url: SiteURL.refer(p.id), method: .post) {
                CSRFField(token: page.csrf)
                El("input", [("type", "hidden"), ("name", "serviceId"), ("value", Hex.uuid(chosen.service.id))])
                Div {
                    El("label", [("for", "f-reason")]) { Text(l("referral.reason")) }
                    El("textarea", [("id", "f-reason"), ("name", "reason"), ("required", "required"), ("rows", "3")]) { Text(draft["reason"] ?? "") }
                }.class("field")
                SelectField(label: l("referrals.col.urgency"), name: "urgency",
                            options: ReferralUrgency.allCases.map { ($0.rawValue, l("referral.urgency.\($0.rawValue)")) }, selected: draft["urgency"])
                Field(label: l("referral.languages"), name: "languages", value: draft["languages"] ?? p.languages.joined(separator: ", "),
                      hint: l("refer.languages-hint"))
                SelectField(label: l("referral.basis"), name: "basis", options: bases, selected: draft["basis"])
                if m.consents.isEmpty { Paragraph(l("refer.no-consents")).class("hint") }
                Field(label: l("refer.emergency-reason"), name: "emergencyReason", value: draft["emergencyReason"], hint: l("refer.emergency-hint"))
                El("button", [("type", "submit")]) { Text(l("refer.send")) }
            }.class("card refer-send")
        }
    }

    static func basis(_ form: FormFields) throws -> ReferralBasis {
        let value = form["basis"] ?? ""
        if value.hasPrefix("consent:") {
            guard let id = UUID(uuidString: String(value.dropFirst(8))) else { throw CareBridgeError.invalid("basis", "Choose one of the person's consents.") }
            return .consent(id)
        }
        switch value {
        case "notifiable-disease": return .notifiableDisease
        case "emergency": return .emergency(reason: form["emergencyReason"] ?? "")
        default: throw CareBridgeError.invalid("basis", "Choose the legal basis: a consent, a notifiable disease or an emergency.")
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let referrals = ReferralService(services: services)
        router.get("/app/people/:id/refer") { request, context in
            let id = try PeopleController.personID(context)
            let query = request.formQuery
            return try await show(id, query: query, request: request, context: context, services: services, notice: nil, draft: [:])
        }
        router.post("/app/people/:id/refer") { request, context in
            let id = try PeopleController.personID(context)
            let form = try await request.formFields(context: context)
            do {
                guard let serviceID = form["serviceId"].flatMap(UUID.init(uuidString:)) else { throw CareBridgeError.invalid("serviceId", "Choose a service.") }
                let languages = (form["languages"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let view = try await referrals.send(personID: id, serviceID: serviceID, reason: form["reason"] ?? "",
                                                    urgency: try ReferralUrgency.parse(form["urgency"] ?? "routine"), languages: languages,
                                                    basis: try basis(form), request: request, context: context)
                return HTMLResponse.redirect(SiteURL.referral(view.referral.id))
            } catch let error as CareBridgeError where [.validation, .badRequest].contains(error.kind) || error.reason == "no-consent" {
                return try await show(id, query: request.formQuery.merging(["service": form["serviceId"] ?? ""]) { _, new in new }, request: request, context: context, services: services,
                                      notice: Notice(kind: .error, text: error.detail), draft: form.values, status: Problem.status(for: error.kind))
            }
        }
    }

    static func show(_ id: UUID, query: [String: String], request: Request, context: AppRequestContext, services: AppServices, notice: Notice?,
                     draft: [String: String], status: HTTPResponse.Status = .ok) async throws -> Response {
        let model = try await load(id, query: query, request: request, context: context, services: services)
        return HTMLResponse.page(view(model, page: context.page(request), notice: notice, draft: draft), status: status)
    }
}
