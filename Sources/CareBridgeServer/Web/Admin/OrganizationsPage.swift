import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// Platform administrators list, create and edit organizations.
enum OrganizationsPage {
    static func listView(_ organizations: [Organization], page: PageContext, notice: Notice?, draft: [String: String]) -> String {
        let l = page.l
        return PageShell(title: l("orgs.title"), page: page, current: SiteURL.organizations, notice: notice).render {
            Div { Table(
                caption: TableCaption(l("orgs.caption")),
                header: TableRow { TableHeaderCell(l("orgs.col.name")); TableHeaderCell(l("orgs.col.kind")); TableHeaderCell(l("orgs.col.region")); TableHeaderCell(l("orgs.col.slug")) }
            ) {
                for o in organizations {
                    TableRow {
                        TableCell { Link(o.name(in: l.language), url: SiteURL.organization(o.id.uuidString.lowercased())) }
                        TableCell(l("kind.\(o.kind.rawValue)")); TableCell(o.region ?? "—"); TableCell(o.slug)
                    }
                }
            }.class("data") }.class("table-scroll")
            H2(l("orgs.add"))
            Form(url: SiteURL.organizations, method: .post) {
                CSRFField(token: page.csrf)
                form(draft, l)
                El("button", [("type", "submit")]) { Text(l("orgs.add-submit")) }
            }.class("card")
        }
    }

    @ComponentBuilder
    static func form(_ draft: [String: String], _ l: Localizer, slugEditable: Bool = true) -> Component {
        if slugEditable {
            Field(label: l("orgs.field.slug"), name: "slug", value: draft["slug"], required: true, hint: l("orgs.field.slug-hint"))
        }
        SelectField(label: l("orgs.field.kind"), name: "kind", options: OrganizationKind.allCases.map { ($0.rawValue, l("kind.\($0.rawValue)")) }, selected: draft["kind"])
        Field(label: l("orgs.field.name-en"), name: "name_en", value: draft["name_en"], required: true)
        Field(label: l("orgs.field.name-ru"), name: "name_ru", value: draft["name_ru"])
        Field(label: l("orgs.field.name-be"), name: "name_be", value: draft["name_be"])
        Field(label: l("orgs.field.region"), name: "region", value: draft["region"], hint: l("orgs.field.region-hint"))
    }

    static func names(from form: FormFields) -> [String: String] {
        var names: [String: String] = [:]
        for language in ["en", "ru", "be"] {
            if let name = form["name_\(language)"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty { names[language] = name }
        }
        return names
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.organizations)) { request, context in
            try await list(request: request, context: context, services: services, notice: nil, draft: [:])
        }
        router.post(RouterPath(SiteURL.organizations)) { request, context in
            let identity = try context.requirePlatformAdmin()
            let form = try await request.formFields(context: context)
            let input = NewOrganization(slug: form["slug"] ?? "", kind: form["kind"] ?? "", names: names(from: form),
                                        region: form["region"].nonBlank)
            do {
                let created = try await OrganizationsController.create(input, by: identity, services: services, requestID: context.id)
                let l = context.page(request).l
                return try await list(request: request, context: context, services: services, notice: Notice(kind: .success, text: l("orgs.added", ["name": created.name(in: l.language)])), draft: [:])
            } catch let error as CareBridgeError where [.validation, .conflict].contains(error.kind) {
                return try await list(request: request, context: context, services: services, notice: Notice(kind: .error, text: error.detail), draft: form.values,
                                      status: Problem.status(for: error.kind))
            }
        }
        router.get("/app/admin/organizations/:id") { request, context in
            _ = try context.requirePlatformAdmin()
            let id = try context.uuidParameter("id", what: "The organization")
            guard let found = try await services.organizations.find(id: id) else { throw CareBridgeError.notFound("The organization") }
            return HTMLResponse.page(editView(found, page: context.page(request), notice: nil))
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
                found.value.region = form["region"].nonBlank
                let organization = found.value
                let now = services.now()
                found.version = try await services.database.write { db in
                    let version = try await services.organizations.update(organization, expectedVersion: expected, in: db)
                    try await services.audit.append([.admin(identity, now: now, action: "organization.update", requestID: context.id, reason: organization.slug)], in: db)
                    return version
                }
                return HTMLResponse.page(editView(found, page: context.page(request), notice: Notice(kind: .success, text: context.page(request).l("common.saved"))))
            } catch let error as CareBridgeError where [.validation, .preconditionFailed].contains(error.kind) {
                return HTMLResponse.page(editView(found, page: context.page(request), notice: Notice(kind: .error, text: error.detail)),
                                         status: Problem.status(for: error.kind))
            }
        }
    }

    static func list(request: Request, context: AppRequestContext, services: AppServices, notice: Notice?, draft: [String: String],
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        _ = try context.requirePlatformAdmin()
        let organizations = try await services.organizations.list(limit: 200, after: nil)
        return HTMLResponse.page(listView(organizations.items, page: context.page(request), notice: notice, draft: draft), status: status)
    }

    static func editView(_ found: Versioned<Organization>, page: PageContext, notice: Notice?) -> String {
        let l = page.l
        let o = found.value
        var draft = ["kind": o.kind.rawValue, "region": o.region ?? ""]
        for (language, name) in o.names { draft["name_\(language)"] = name }
        return PageShell(title: o.name(in: l.language), page: page, current: SiteURL.organizations, notice: notice).render {
            Paragraph(l("orgs.slug", ["slug": o.slug])).class("hint")
            Form(url: SiteURL.organization(o.id.uuidString.lowercased()), method: .post) {
                CSRFField(token: page.csrf)
                El("input", [("type", "hidden"), ("name", "version"), ("value", String(found.version))])
                form(draft, l, slugEditable: false)
                El("button", [("type", "submit")]) { Text(l("common.save")) }
            }.class("card")
            Link(l("orgs.all"), url: SiteURL.organizations)
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
