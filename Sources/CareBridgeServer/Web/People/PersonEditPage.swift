import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import Plot

/// Edit a person with the version they loaded. If someone else saved in between, nothing is overwritten: the page shows
/// the user's version beside the one now stored, and saving again needs a deliberate second submit.
enum PersonEditPage {
    static func view(id: UUID, values: [String: String], version: Int64, stored: [String: String]?, showContact: Bool,
                     page: PageContext, countries: CountryTable, notice: Notice?) -> String {
        let l = page.l
        return PageShell(title: l("person.edit"), page: page, current: SiteURL.people, notice: notice).render {
            if let stored {
                El("section", [("aria-labelledby", "conflict-h")]) {
                    El("h2", [("id", "conflict-h")]) { Text(l("person.conflict")) }
                    Div { Table(header: TableRow { TableHeaderCell(l("match.field")); TableHeaderCell(l("person.conflict-yours")); TableHeaderCell(l("person.conflict-stored")) }) {
                        for key in fieldOrder where (values[key] ?? "") != (stored[key] ?? "") {
                            TableRow { TableCell(l(label(key))); TableCell(values[key] ?? ""); TableCell(stored[key] ?? "") }.class("differs")
                        }
                    }.class("data") }.class("table-scroll")
                }
            }
            Form(url: SiteURL.editPerson(id), method: .post) {
                CSRFField(token: page.csrf)
                El("input", [("type", "hidden"), ("name", "version"), ("value", String(version))])
                PersonForm(values: values, page: page, countries: countries, showContact: showContact)
                El("button", [("type", "submit")]) { Text(l(stored == nil ? "common.save" : "person.conflict-save-mine")) }
            }.class("card")
            Paragraph { Link(l("person.back"), url: SiteURL.person(id)) }
        }
    }

    static let fieldOrder = ["givenName", "familyName", "patronymic", "otherGivenName", "otherFamilyName", "sex", "birthDate", "citizenship",
                             "countryOfBirth", "arrival", "languages", "interpreterNeeded", "region", "phone", "email", "address",
                             "documentType", "documentCountry", "documentNumber"]

    static func label(_ key: String) -> String {
        switch key {
        case "givenName": "person.field.given"
        case "familyName": "person.field.family"
        case "otherGivenName": "person.field.other-given"
        case "otherFamilyName": "person.field.other-family"
        case "birthDate": "person.field.birth"
        case "countryOfBirth": "person.field.country-of-birth"
        case "interpreterNeeded": "person.field.interpreter"
        case "documentType": "person.field.document-type"
        case "documentCountry": "person.field.document-country"
        case "documentNumber": "person.field.document-number"
        default: "person.field.\(key)"
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let people = PeopleService(services: services)
        router.get("/app/people/:id/edit") { request, context in
            let id = try PeopleController.personID(context)
            let (found, contactShown) = try await people.read(id, request: request, context: context)
            return HTMLResponse.page(view(id: id, values: PersonForm.values(found.value), version: found.version, stored: nil, showContact: contactShown,
                                          page: context.page(request), countries: services.countries, notice: nil))
        }
        router.post("/app/people/:id/edit") { request, context in
            let id = try PeopleController.personID(context)
            let form = try await request.formFields(context: context)
            let (found, contactShown) = try await people.read(id, request: request, context: context)
            let input = PersonForm.input(form, existing: found.value, showContact: contactShown)
            let mine = form.values.filter { fieldOrder.contains($0.key) }
            do {
                _ = try await people.update(id, expectedVersion: Int64(form["version"] ?? "") ?? -1, edit: { try input.apply(to: &$0) },
                                            request: request, context: context)
                return HTMLResponse.redirect(SiteURL.person(id))
            } catch let error as CareBridgeError where error.kind == .preconditionFailed {
                // Both versions side by side; the hidden version is now the stored one, so a second submit is a deliberate overwrite.
                return HTMLResponse.page(view(id: id, values: mine, version: found.version, stored: PersonForm.values(found.value), showContact: contactShown,
                                              page: context.page(request), countries: services.countries,
                                              notice: Notice(kind: .error, text: context.page(request).l("person.conflict-notice"))), status: .preconditionFailed)
            } catch let error as CareBridgeError where error.kind == .validation || error.kind == .badRequest {
                return HTMLResponse.page(view(id: id, values: mine, version: Int64(form["version"] ?? "") ?? found.version, stored: nil, showContact: contactShown,
                                              page: context.page(request), countries: services.countries,
                                              notice: Notice(kind: .error, text: error.detail)), status: Problem.status(for: error.kind))
            }
        }
    }
}
