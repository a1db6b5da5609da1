import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// Administrators list, create and edit accounts (platform admins for all organizations,
/// others for their own).
enum UsersPage {
    static func roleOptions(_ l: Localizer) -> [(value: String, label: String)] {
        Role.allCases.map { ($0.rawValue, l("role.\($0.rawValue)")) }
    }

    static func listView(_ users: [User], organizations: [Organization], page: PageContext, notice: Notice?, draft: [String: String]) -> String {
        let l = page.l
        let names = Dictionary(uniqueKeysWithValues: organizations.map { ($0.id, $0.name(in: l.language)) })
        return PageShell(title: l("users.title"), page: page, current: SiteURL.users, notice: notice).render {
            Div { Table(
                caption: TableCaption(l("users.caption")),
                header: TableRow {
                    TableHeaderCell(l("users.col.username")); TableHeaderCell(l("users.col.organization")); TableHeaderCell(l("users.col.role"))
                    TableHeaderCell(l("users.col.status")); TableHeaderCell(l("users.col.last-login"))
                }
            ) {
                for u in users {
                    TableRow {
                        TableCell { Link(u.username, url: SiteURL.user(u.id.uuidString.lowercased())) }
                        TableCell(names[u.organizationID] ?? "—"); TableCell(l("role.\(u.role.rawValue)"))
                        TableCell(l(u.disabled ? "users.status.disabled" : "users.status.active"))
                        TableCell(u.lastLoginAt.map { l.dateTime($0) } ?? l("users.never"))
                    }
                }
            }.class("data") }.class("table-scroll")
            H2(l("users.add"))
            Form(url: SiteURL.users, method: .post) {
                CSRFField(token: page.csrf)
                Field(label: l("users.field.username"), name: "username", value: draft["username"], required: true, autocomplete: "off")
                SelectField(label: l("users.field.organization"), name: "organizationId",
                            options: organizations.map { ($0.id.uuidString.lowercased(), $0.name(in: l.language)) }, selected: draft["organizationId"])
                SelectField(label: l("users.field.role"), name: "role", options: roleOptions(l), selected: draft["role"])
                Field(label: l("users.field.language"), name: "preferredLanguage", value: draft["preferredLanguage"] ?? l.language, hint: l("users.field.language-hint"))
                Field(label: l("users.field.password"), name: "password", type: "password", required: true, hint: l("users.field.password-hint"), autocomplete: "new-password")
                El("button", [("type", "submit")]) { Text(l("users.add-submit")) }
            }.class("card")
        }
    }

    static func editView(_ found: Versioned<User>, page: PageContext, notice: Notice?) -> String {
        let l = page.l
        let u = found.value
        return PageShell(title: l("users.account", ["name": u.username]), page: page, current: SiteURL.users, notice: notice).render {
            Form(url: SiteURL.user(u.id.uuidString.lowercased()), method: .post) {
                CSRFField(token: page.csrf)
                El("input", [("type", "hidden"), ("name", "version"), ("value", String(found.version))])
                SelectField(label: l("users.field.role"), name: "role", options: roleOptions(l), selected: u.role.rawValue)
                Field(label: l("users.field.language"), name: "preferredLanguage", value: u.preferredLanguage)
                SelectField(label: l("users.field.status"), name: "disabled",
                            options: [("false", l("users.status.active")), ("true", l("users.status.disabled"))], selected: u.disabled ? "true" : "false")
                Field(label: l("users.field.new-password"), name: "password", type: "password", autocomplete: "new-password")
                El("button", [("type", "submit")]) { Text(l("common.save")) }
            }.class("card")
            Link(l("users.all"), url: SiteURL.users)
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.users)) { request, context in
            try await list(request: request, context: context, services: services, notice: nil, draft: [:])
        }
        router.post(RouterPath(SiteURL.users)) { request, context in
            let identity = try context.requireAdmin()
            let form = try await request.formFields(context: context)
            do {
                guard let organization = form["organizationId"].flatMap(UUID.init(uuidString:)) else {
                    throw CareBridgeError.invalid("organizationId", "Choose an organization.")
                }
                try identity.mayManage(organization: organization)
                let user = User(username: form["username"] ?? "", organizationID: organization, role: try Role.parse(form["role"] ?? ""),
                                preferredLanguage: form["preferredLanguage"].nonBlank ?? "en", createdAt: services.now())
                try await services.accounts.createUser(user, password: form["password"] ?? "", by: identity, requestID: context.id)
                return try await list(request: request, context: context, services: services, notice: Notice(kind: .success, text: context.page(request).l("users.added", ["name": user.username])), draft: [:])
            } catch let error as CareBridgeError where [.validation, .conflict].contains(error.kind) {
                var draft = form.values
                draft["password"] = nil
                return try await list(request: request, context: context, services: services, notice: Notice(kind: .error, text: error.detail), draft: draft,
                                      status: Problem.status(for: error.kind))
            }
        }
        router.get("/app/admin/users/:id") { request, context in
            let identity = try context.requireAdmin()
            let found = try await UsersController.load(context: context, services: services)
            try identity.mayManage(organization: found.value.organizationID)
            return HTMLResponse.page(editView(found, page: context.page(request), notice: nil))
        }
        router.post("/app/admin/users/:id") { request, context in
            let identity = try context.requireAdmin()
            var found = try await UsersController.load(context: context, services: services)
            try identity.mayManage(organization: found.value.organizationID)
            let form = try await request.formFields(context: context)
            do {
                found.value.role = try Role.parse(form["role"] ?? "")
                found.value.preferredLanguage = form["preferredLanguage"] ?? found.value.preferredLanguage
                found.value.disabled = form["disabled"] == "true"
                let password = form["password"].nonBlank
                found.version = try await services.accounts.update(found.value, expectedVersion: Int64(form["version"] ?? "") ?? -1,
                                                                   newPassword: password, by: identity, requestID: context.id)
                return HTMLResponse.page(editView(found, page: context.page(request), notice: Notice(kind: .success, text: context.page(request).l("common.saved"))))
            } catch let error as CareBridgeError where [.validation, .preconditionFailed].contains(error.kind) {
                return HTMLResponse.page(editView(found, page: context.page(request), notice: Notice(kind: .error, text: error.detail)),
                                         status: Problem.status(for: error.kind))
            }
        }
    }

    static func list(request: Request, context: AppRequestContext, services: AppServices, notice: Notice?, draft: [String: String],
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let identity = try context.requireAdmin()
        let platform = identity.organization.kind == .healthMinistry
        let users = try await services.users.list(organizationID: platform ? nil : identity.organization.id, limit: 200, after: nil).items
        let organizations = platform ? try await services.organizations.list(limit: 200, after: nil).items : [identity.organization]
        return HTMLResponse.page(listView(users, organizations: organizations, page: context.page(request), notice: notice, draft: draft), status: status)
    }
}
