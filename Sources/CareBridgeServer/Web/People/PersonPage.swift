import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// One person: the record, legal-status history and insurance, standing on a date, consents, likely duplicates and merges.
/// Each part is read through the access gate; a part the user may not see is left out, not an error.
enum PersonPage {
    struct Model {
        var person: Versioned<Person>
        var contactShown: Bool
        var statuses: [StatusEpisode]?
        var policies: [InsurancePolicy]
        var standing: StandingOnDay?
        var consents: [Consent]
        var candidates: [PeopleService.Candidate]
        var merges: [PersonMerge]
        var organizations: [Organization]
        /// What the rule set in force gives on the standing's day; nil without a status that day (or legal-status access).
        var entitlements: (inForce: RuleSetRegistry.InForce, decisions: [CareDecision])? = nil
        /// The person's referrals sent or received by the user's organization; nil for roles that never handle referrals.
        var referrals: (views: [ReferralService.View], labels: ReferralLabels)? = nil
        /// Screening, cascade and clinical records, when the access policy lets the user read the person's health data.
        var health: PersonHealth.State = .hidden
    }

    static func load(_ id: UUID, request: Request, context: AppRequestContext, services: AppServices, healthDraft: HealthDraft? = nil) async throws -> Model {
        let people = PeopleService(services: services)
        let (person, contactShown) = try await people.read(id, request: request, context: context)
        let target = try await people.target(id)
        var statuses: [StatusEpisode]?, policies: [InsurancePolicy] = [], standing: StandingOnDay?
        if try await services.gate.permits(.legalStatus, of: target, request: request, context: context) {
            let ids = [id] + (try await people.mergedRecords(into: id))
            statuses = try await services.statuses.statuses(of: ids)
            policies = try await services.statuses.policies(of: ids)
            let day = try request.uri.queryParameters["date"].flatMap { $0.isEmpty ? nil : try CalendarDay(parsing: String($0), field: "date") } ?? services.today
            standing = StandingOnDay(date: day, statuses: statuses!.filter { $0.personID == id }, policies: policies.filter { $0.personID == id })
        }
        var entitlements: (RuleSetRegistry.InForce, [CareDecision])?
        if let standing, let status = standing.status?.status, let inForce = try? services.ruleSets.current(services.configuration.country) {
            let facts = EntitlementFacts(status: status, citizenship: person.value.citizenship, insured: standing.insurance != nil,
                                         age: person.value.birthDate?.age(on: standing.date))
            entitlements = (try? inForce.table.decide(facts, on: standing.date)).map { (inForce, $0) }
        }
        var referrals: (views: [ReferralService.View], labels: ReferralLabels)?
        if try context.requireIdentity().user.role.handlesReferrals {
            let views = try await ReferralService(services: services).list(personID: id, request: request, context: context)
            let labels = try await ReferralLabels.load(views.map(\.referral), language: context.language, withPeople: false,
                                                       request: request, context: context, services: services)
            referrals = (views, labels)
        }
        let candidates = person.value.mergedInto == nil ? try await people.candidates(for: person.value, excluding: id, request: request, context: context) : []
        return Model(person: person, contactShown: contactShown, statuses: statuses, policies: policies, standing: standing,
                     consents: target.consents, candidates: candidates, merges: try await services.merges.merges(involving: id),
                     organizations: try await services.organizations.list(limit: 200, after: nil).items, entitlements: entitlements,
                     referrals: referrals,
                     health: try await PersonHealth.load(id, request: request, context: context, services: services, draft: healthDraft))
    }

    static func view(_ m: Model, page: PageContext, countries: CountryTable, health reference: HealthReference, now: Date, zone: TimeZone = .gmt,
                     notice: Notice?) -> String {
        let l = page.l
        let p = m.person.value
        let orgName = Dictionary(m.organizations.map { ($0.id, $0.name(in: l.language)) }, uniquingKeysWith: { a, _ in a })
        return PageShell(title: "\(p.displayName) · \(p.code)", page: page, current: SiteURL.people, notice: notice).render {
            if let survivor = p.mergedInto {
                Notice(kind: .info, text: l("person.merged-into")).body
                Paragraph { Link(l("person.open-survivor"), url: SiteURL.person(survivor)) }
            }
            Paragraph { Link(l("person.edit"), url: SiteURL.editPerson(p.id)) }
            El("dl", [("class", "facts")]) {
                for (term, value) in facts(m, l: l, countries: countries, orgName: orgName) {
                    El("dt") { Text(term) }
                    El("dd") { Text(value) }
                }
                if m.contactShown, let c = p.contact {
                    El("dt") { Text(l("person.legend.contact")) }
                    El("dd") { Text([c.phone, c.email, c.address].compactMap { $0 }.joined(separator: " · ")) }
                }
            }
            if let statuses = m.statuses {
                StatusSection(m: m, statuses: statuses, page: page)
                EntitlementSection(entitlements: m.entitlements, day: m.standing?.date, page: page)
            }
            if let referrals = m.referrals {
                PersonReferralsSection(personID: p.id, views: referrals.views, labels: referrals.labels, page: page,
                                       dates: ReferralDates(zone: zone, locale: l.locale))
            }
            PersonHealthSection(personID: p.id, personRegion: p.region, state: m.health, page: page,
                                text: HealthText(l: l, countries: countries, codes: reference.codes), reference: reference, countries: countries)
            ConsentSection(personID: p.id, consents: m.consents, orgName: orgName, organizations: m.organizations, page: page, now: now)
            if !m.candidates.isEmpty { CandidateList(candidates: m.candidates, page: page, mergeInto: p.id) }
            if !m.merges.isEmpty {
                El("section", [("aria-labelledby", "merges-h")]) {
                    El("h2", [("id", "merges-h")]) { Text(l("person.merges")) }
                    for merge in m.merges {
                        Div {
                            Paragraph(l(merge.undoneAt == nil ? "person.merge-line" : "person.merge-line-undone",
                                        ["date": l.dateTime(merge.mergedAt)]))
                            Paragraph {
                                Link(l("person.merge-survivor"), url: SiteURL.person(merge.survivorID)); Text(" · ")
                                Link(l("person.merge-duplicate"), url: SiteURL.person(merge.mergedID))
                            }
                            if merge.undoneAt == nil, merge.survivorID == p.id {
                                Form(url: SiteURL.personPart(p.id, "merges/\(Hex.uuid(merge.id))/undo"), method: .post) {
                                    CSRFField(token: page.csrf)
                                    El("button", [("type", "submit")]) { Text(l("person.merge-undo")) }
                                }
                            }
                        }.class("card")
                    }
                }
            }
        }
    }

    static func facts(_ m: Model, l: Localizer, countries: CountryTable, orgName: [UUID: String]) -> [(String, String)] {
        let p = m.person.value
        func country(_ code: String?) -> String { code.map { countries.name(of: $0, language: l.language) } ?? "—" }
        let names = p.names.map { n -> String in
            let patronymic = n.patronymic.map { " " + $0 } ?? ""
            return "\(n.family) \(n.given)\(patronymic) (\(l("script.\(n.script.rawValue)")))"
        }
        let documents = p.documents.map { "\(l("document.\($0.type.rawValue)")) \($0.issuingCountry) \($0.number)" }
        var languages = p.languages.isEmpty ? "—" : p.languages.joined(separator: ", ")
        if p.interpreterNeeded { languages += " · " + l("person.field.interpreter") }
        var rows: [(String, String)] = []
        rows.append((l("person.code"), p.code))
        rows.append((l("person.name"), names.joined(separator: "; ")))
        rows.append((l("person.field.sex"), p.sex.map { l("sex.\($0.rawValue)") } ?? "—"))
        rows.append((l("person.field.birth"), p.birthDate?.description ?? "—"))
        rows.append((l("person.field.citizenship"), country(p.citizenship)))
        rows.append((l("person.field.country-of-birth"), country(p.countryOfBirth)))
        rows.append((l("person.field.arrival"), p.arrival?.description ?? "—"))
        rows.append((l("person.field.languages"), languages))
        rows.append((l("person.field.region"), p.region.flatMap { countries.regions[$0]?.name(language: l.language) } ?? "—"))
        rows.append((l("person.documents"), documents.isEmpty ? "—" : documents.joined(separator: "; ")))
        rows.append((l("person.record-holder"), orgName[p.recordOrganizationID] ?? "—"))
        return rows
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let people = PeopleService(services: services)
        router.get("/app/people/:id") { request, context in
            let id = try PeopleController.personID(context)
            return try await show(id, request: request, context: context, services: services, notice: nil)
        }
        /// Each form posts here, then the page is shown again: after success by redirect, after a refusal with its reason.
        func post(_ path: String, _ action: @escaping @Sendable (UUID, FormFields, Request, AppRequestContext) async throws -> Void) {
            router.post(RouterPath(path)) { request, context in
                let id = try PeopleController.personID(context)
                let form = try await request.formFields(context: context)
                do {
                    try await action(id, form, request, context)
                    return HTMLResponse.redirect(SiteURL.person(id))
                } catch let error as CareBridgeError where [.validation, .conflict, .notFound, .badRequest].contains(error.kind) {
                    return try await show(id, request: request, context: context, services: services,
                                          notice: Notice(kind: .error, text: error.detail), status: Problem.status(for: error.kind))
                }
            }
        }
        post("/app/people/:id/statuses") { id, form, request, context in
            let input = StatusInput(status: form["status"] ?? "", validFrom: form["validFrom"] ?? "", validUntil: form["validUntil"],
                                    document: (form["documentType"] ?? "").isEmpty ? nil : .init(type: form["documentType"]!, number: form["documentNumber"], issuedBy: nil))
            try await people.saveStatus(try input.episode(personID: id, by: try context.requireIdentity().user.id, at: services.now()), request: request, context: context)
        }
        post("/app/people/:id/insurance") { id, form, request, context in
            let input = InsuranceInput(insurer: form["insurer"] ?? "", policyNumber: form["policyNumber"], validFrom: form["validFrom"] ?? "", validUntil: form["validUntil"])
            try await people.savePolicy(try input.policy(personID: id, by: try context.requireIdentity().user.id, at: services.now()), request: request, context: context)
        }
        post("/app/people/:id/consents") { id, form, request, context in
            let grantee = form["grantee"] ?? ""
            let input = ConsentInput(
                organizationId: grantee.hasPrefix("org:") ? String(grantee.dropFirst(4)) : nil,
                organizationKind: grantee.hasPrefix("kind:") ? String(grantee.dropFirst(5)) : nil,
                purposes: PurposeOfUse.allCases.filter { form["purpose-\($0.rawValue)"] == "on" }.map(\.rawValue),
                categories: DataCategory.allCases.filter { form["category-\($0.rawValue)"] == "on" }.map(\.rawValue),
                validFrom: nil, validUntil: try (form["validUntil"] ?? "").isEmpty ? nil : CalendarDay(parsing: form["validUntil"]!, field: "validUntil").start,
                explainedInLanguage: (form["language"] ?? "").isEmpty ? nil : form["language"])
            try await people.recordConsent(try input.consent(personID: id, by: try context.requireIdentity().user.id, at: services.now()), request: request, context: context)
        }
        post("/app/people/:id/consents/:consentId/withdraw") { id, _, request, context in
            try await people.withdrawConsent(try context.uuidParameter("consentId", what: "The consent"), of: id, request: request, context: context)
        }
        post("/app/people/:id/merge") { id, form, request, context in
            guard let duplicate = form["duplicateId"].flatMap(UUID.init(uuidString:)) else { throw CareBridgeError.invalid("duplicateId", "Choose the record to merge.") }
            _ = try await people.merge(duplicate, into: id, reason: form["reason"], request: request, context: context)
        }
        post("/app/people/:id/merges/:mergeId/undo") { id, _, request, context in
            _ = try await people.undoMerge(try context.uuidParameter("mergeId", what: "The merge"), of: id, request: request, context: context)
        }
    }

    static func show(_ id: UUID, request: Request, context: AppRequestContext, services: AppServices, notice: Notice?,
                     status: HTTPResponse.Status = .ok, healthDraft: HealthDraft? = nil) async throws -> Response {
        let model = try await load(id, request: request, context: context, services: services, healthDraft: healthDraft)
        return HTMLResponse.page(view(model, page: context.page(request), countries: services.countries, health: services.health, now: services.now(),
                                      zone: services.configuration.zone, notice: notice), status: status)
    }
}
