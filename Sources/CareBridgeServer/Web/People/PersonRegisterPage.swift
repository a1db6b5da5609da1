import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// Register a person. The first attempt looks for likely duplicates; if there are any they are shown with the
/// evidence per field, and registering anyway needs a deliberate tick.
enum PersonRegisterPage {
    static func view(values: [String: String], candidates: [PeopleService.Candidate], page: PageContext, countries: CountryTable, notice: Notice?) -> String {
        let l = page.l
        return PageShell(title: l("people.register"), page: page, current: SiteURL.people, notice: notice).render {
            if !candidates.isEmpty { CandidateList(candidates: candidates, page: page, mergeInto: nil) }
            Form(url: SiteURL.newPerson, method: .post) {
                CSRFField(token: page.csrf)
                PersonForm(values: values, page: page, countries: countries, showContact: true)
                if !candidates.isEmpty {
                    Div {
                        El("input", [("type", "checkbox"), ("id", "f-registerDespiteMatches"), ("name", "registerDespiteMatches")])
                        El("label", [("for", "f-registerDespiteMatches")]) { Text(l("people.register-anyway")) }
                    }.class("field check")
                }
                El("button", [("type", "submit")]) { Text(l("people.register-submit")) }
            }.class("card")
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let people = PeopleService(services: services)
        router.get(RouterPath(SiteURL.newPerson)) { request, context in
            _ = try context.requireIdentity()
            return HTMLResponse.page(view(values: [:], candidates: [], page: context.page(request), countries: services.countries, notice: nil))
        }
        router.post(RouterPath(SiteURL.newPerson)) { request, context in
            let identity = try context.requireIdentity()
            let form = try await request.formFields(context: context)
            let page = context.page(request)
            let input = PersonForm.input(form, existing: nil, showContact: true)
            do {
                let draft = try input.draft(organization: identity.organization.id, now: services.now())
                let person = try await people.register(draft, despiteMatches: input.registerDespiteMatches ?? false, request: request, context: context)
                return HTMLResponse.redirect(SiteURL.person(person.id))
            } catch let error as CareBridgeError where error.reason == "possible-duplicate" {
                let draft = try services.personRules.validated(try input.draft(organization: identity.organization.id, now: services.now()))
                let candidates = try await people.candidates(for: draft, excluding: nil, request: request, context: context)
                return HTMLResponse.page(view(values: form.values, candidates: candidates, page: page, countries: services.countries,
                                              notice: Notice(kind: .info, text: l10nDuplicates(page.l, candidates.count))), status: .conflict)
            } catch let error as CareBridgeError where error.kind == .validation || error.kind == .conflict {
                return HTMLResponse.page(view(values: form.values, candidates: [], page: page, countries: services.countries,
                                              notice: Notice(kind: .error, text: error.detail)), status: Problem.status(for: error.kind))
            }
        }
    }

    static func l10nDuplicates(_ l: Localizer, _ count: Int) -> String { l.plural("people.duplicates-found", count: count) }
}

/// Likely duplicates with their evidence; records the user may not read show only their code.
struct CandidateList: Component {
    var candidates: [PeopleService.Candidate]
    var page: PageContext
    /// When set, each candidate gets a button to merge it into this record.
    var mergeInto: UUID?

    var body: Component {
        let l = page.l
        return El("section", [("aria-labelledby", "candidates-h")]) {
            El("h2", [("id", "candidates-h")]) { Text(l("people.candidates")) }
            for c in candidates {
                Div {
                    H3 {
                        if let p = c.person { Link("\(c.code) · \(p.displayName)", url: SiteURL.person(p.id)) } else { Text(c.code + " · " + l("people.candidate-hidden")) }
                    }
                    Paragraph(l("people.match-probability", ["percent": String(Int((c.result.probability * 100).rounded()))]))
                    Div { Table(header: TableRow { TableHeaderCell(l("match.field")); TableHeaderCell(l("match.level")); TableHeaderCell(l("match.detail")) }) {
                        for f in c.result.fields {
                            TableRow {
                                TableCell(l("match.field.\(f.field.rawValue)")); TableCell(l("match.level.\(f.level.rawValue)"))
                                TableCell(c.person == nil ? "" : f.detail)
                            }
                        }
                    }.class("data") }.class("table-scroll")
                    if let survivor = mergeInto, c.person != nil {
                        Form(url: SiteURL.personPart(survivor, "merge"), method: .post) {
                            CSRFField(token: page.csrf)
                            El("input", [("type", "hidden"), ("name", "duplicateId"), ("value", Hex.uuid(c.id))])
                            El("button", [("type", "submit")]) { Text(l("people.merge", ["code": c.code])) }
                        }
                    }
                }.class("card candidate")
            }
        }
    }
}
