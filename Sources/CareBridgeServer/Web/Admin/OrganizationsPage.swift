import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// Platform administrators list, create and edit organizations.
enum OrganizationsPage {
    static let kindOptions = OrganizationKind.allCases.map { ($0.rawValue, $0.rawValue) }

    static func listView(_ organizations: [Organization], identity: Identity, csrf: String, language: String,
                         notice: Notice?, draft: [String: String]) -> String {
        PageShell(title: "Organizations", identity: identity, language: language, current: SiteURL.organizations, notice: notice).render {
            Table(
                caption: TableCaption("Organizations of the national system"),
                header: TableRow { TableHeaderCell("Name"); TableHeaderCell("Kind"); TableHeaderCell("Region"); TableHeaderCell("Slug") }
            ) {
                for o in organizations {
                    TableRow {
                        TableCell { Link(o.name(in: language), url: SiteURL.organization(o.id.uuidString.lowercased())) }
                        TableCell(o.kind.rawValue); TableCell(o.region ?? "—"); TableCell(o.slug)
                    }
                }
            }.class("data")
            H2("Add an organization")
            Form(url: SiteURL.organizations, method: .post) {
                CSRFField(token: csrf)
                form(draft)
                El("button", [("type", "submit")]) { Text("Add organization") }
            }.class("card")
        }
    }

    @ComponentBuilder
    static func form(_ draft: [String: String], slugEditable: Bool = true) -> Component {
        if slugEditable {
            Field(label: "Slug (short handle)", name: "slug", value: draft["slug"], required: true, hint: "Lowercase letters, digits and hyphens, e.g. minsk-clinic-5.")
        }
        SelectField(label: "Kind", name: "kind", options: kindOptions, selected: draft["kind"])
        Field(label: "Name in English", name: "name_en", value: draft["name_en"], required: true)
        Field(label: "Name in Russian", name: "name_ru", value: draft["name_ru"])
        Field(label: "Name in Belarusian", name: "name_be", value: draft["name_be"])
        Field(label: "Region (ISO 3166-2)", name: "region", value: draft["region"], hint: "For example BY-HM for Minsk city.")
    }

    static func names(from form: FormFields) -> [String: String] {
        var names: [String: String] = [:]
        for language in ["en", "ru", "be"] {
            if let name = form["name_\(language)"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty { names[language] = name }
        }
        return names
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.organizations)) { _, context in
            try await list(context: context, services: services, notice: nil, draft: [:])
        }
        router.post(RouterPath(SiteURL.organizations)) { request, context in
            let identity = try context.requirePlatformAdmin()
            let form = try await request.formFields(context: context)
            let input = NewOrganization(slug: form["slug"] ?? "", kind: form["kind"] ?? "", names: names(from: form),
                                        region: form["region"].flatMap { $0.isEmpty ? nil : $0 })
            do {
                let created = try await OrganizationsController.create(input, by: identity, services: services, requestID: context.id)
                return try await list(context: context, services: services, notice: Notice(kind: .success, text: "Added \(created.name(in: "en")).") , draft: [:])
            } catch let error as CareBridgeError where [.validation, .conflict].contains(error.kind) {
                return try await list(context: context, services: services, notice: Notice(kind: .error, text: error.detail), draft: form.values,
                                      status: Problem.status(for: error.kind))
            }
        }
        router.get("/app/admin/organizations/:id") { _, context in
            let identity = try context.requirePlatformAdmin()
            let id = try context.uuidParameter("id", what: "The organization")
            guard let found = try await services.organizations.find(id: id) else { throw CareBridgeError.notFound("The organization") }
            return HTMLResponse.page(editView(found, identity: identity, language: context.language, notice: nil))
        }
        router.post("/app/admin/organizations/:id") { request, context in
            let identity = try context.requirePlatformAdmin()
            let id = try context.uuidParameter("id", what: "The organization")
            let form = try await request.formFields(context: context)
            guard var found = try await services.organizations.find(id: id) else { throw CareBridgeError.notFound("The organization") }
            let expected = Int64(form["version"] ?? "") ?? -1
            do {
                found.value.kind = try OrganizationKind.parse(form["kind"] ?? "")
                found.value.names = names(from: form)
                found.value.region = form["region"].flatMap { $0.isEmpty ? nil : $0 }
                let organization = found.value
                let now = services.now()
                found.version = try await services.database.write { db in
                    let version = try await services.organizations.update(organization, expectedVersion: expected, in: db)
                    try await services.audit.append([.admin(identity, now: now, action: "organization.update", requestID: context.id, reason: organization.slug)], in: db)
                    return version
                }
                return HTMLResponse.page(editView(found, identity: identity, language: context.language, notice: Notice(kind: .success, text: "Saved.")))
            } catch let error as CareBridgeError where [.validation, .preconditionFailed].contains(error.kind) {
                return HTMLResponse.page(editView(found, identity: identity, language: context.language, notice: Notice(kind: .error, text: error.detail)),
                                         status: Problem.status(for: error.kind))
            }
        }
    }

    static func list(context: AppRequestContext, services: AppServices, notice: Notice?, draft: [String: String],
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let identity = try context.requirePlatformAdmin()
        let page = try await services.organizations.list(limit: 200, after: nil)
        return HTMLResponse.page(listView(page.items, identity: identity, csrf: identity.csrf, language: context.language,
                                          notice: notice, draft: draft), status: status)
    }

    static func editView(_ found: Versioned<Organization>, identity: Identity, language: String, notice: Notice?) -> String {
        let o = found.value
        var draft = ["kind": o.kind.rawValue, "region": o.region ?? ""]
        for (language, name) in o.names { draft["name_\(language)"] = name }
        return PageShell(title: o.name(in: language), identity: identity, language: language, current: SiteURL.organizations, notice: notice).render {
            Paragraph("Slug: \(o.slug)").class("hint")
            Form(url: SiteURL.organization(o.id.uuidString.lowercased()), method: .post) {
                CSRFField(token: identity.csrf)
                El("input", [("type", "hidden"), ("name", "version"), ("value", String(found.version))])
                form(draft, slugEditable: false)
                El("button", [("type", "submit")]) { Text("Save") }
            }.class("card")
            Link("All organizations", url: SiteURL.organizations)
        }
    }
}

extension Identity {
    /// The CSRF token forms must carry (empty for bearer-token callers, who do not use forms).
    var csrf: String {
        if case .session(_, let token) = via { return token }
        return ""
    }
}
