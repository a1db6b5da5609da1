import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// Administrators list, create and edit accounts (platform admins for all organizations,
/// others for their own).
enum UsersPage {
    static let roleOptions = Role.allCases.map { ($0.rawValue, $0.rawValue) }

    static func listView(_ users: [User], organizations: [Organization], identity: Identity, language: String,
                         notice: Notice?, draft: [String: String]) -> String {
        let names = Dictionary(uniqueKeysWithValues: organizations.map { ($0.id, $0.name(in: language)) })
        return PageShell(title: "Accounts", identity: identity, language: language, current: SiteURL.users, notice: notice).render {
            Table(
                caption: TableCaption("Staff accounts"),
                header: TableRow { TableHeaderCell("Username"); TableHeaderCell("Organization"); TableHeaderCell("Role"); TableHeaderCell("Status"); TableHeaderCell("Last sign-in") }
            ) {
                for u in users {
                    TableRow {
                        TableCell { Link(u.username, url: SiteURL.user(u.id.uuidString.lowercased())) }
                        TableCell(names[u.organizationID] ?? "—"); TableCell(u.role.rawValue)
                        TableCell(u.disabled ? "disabled" : "active")
                        TableCell(u.lastLoginAt.map { $0.formatted(.iso8601) } ?? "never")
                    }
                }
            }.class("data")
            H2("Add an account")
            Form(url: SiteURL.users, method: .post) {
                CSRFField(token: identity.csrf)
                Field(label: "Username", name: "username", value: draft["username"], required: true, autocomplete: "off")
                SelectField(label: "Organization", name: "organizationId",
                            options: organizations.map { ($0.id.uuidString.lowercased(), $0.name(in: language)) }, selected: draft["organizationId"])
                SelectField(label: "Role", name: "role", options: roleOptions, selected: draft["role"])
                Field(label: "Preferred language", name: "preferredLanguage", value: draft["preferredLanguage"] ?? "en", hint: "A language tag such as en, ru, be, uz-Latn.")
                Field(label: "Initial password", name: "password", type: "password", required: true, hint: "At least 10 characters.", autocomplete: "new-password")
                El("button", [("type", "submit")]) { Text("Add account") }
            }.class("card")
        }
    }

    static func editView(_ found: Versioned<User>, identity: Identity, language: String, notice: Notice?) -> String {
        let u = found.value
        return PageShell(title: "Account \(u.username)", identity: identity, language: language, current: SiteURL.users, notice: notice).render {
            Form(url: SiteURL.user(u.id.uuidString.lowercased()), method: .post) {
                CSRFField(token: identity.csrf)
                El("input", [("type", "hidden"), ("name", "version"), ("value", String(found.version))])
                SelectField(label: "Role", name: "role", options: roleOptions, selected: u.role.rawValue)
                Field(label: "Preferred language", name: "preferredLanguage", value: u.preferredLanguage)
                SelectField(label: "Status", name: "disabled", options: [("false", "active"), ("true", "disabled")], selected: u.disabled ? "true" : "false")
                Field(label: "New password (leave empty to keep)", name: "password", type: "password", autocomplete: "new-password")
                El("button", [("type", "submit")]) { Text("Save") }
            }.class("card")
            Link("All accounts", url: SiteURL.users)
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.users)) { _, context in
            try await list(context: context, services: services, notice: nil, draft: [:])
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
                                preferredLanguage: form["preferredLanguage"].flatMap { $0.isEmpty ? nil : $0 } ?? "en", createdAt: services.now())
                try await services.accounts.createUser(user, password: form["password"] ?? "", by: identity, requestID: context.id)
                return try await list(context: context, services: services, notice: Notice(kind: .success, text: "Added account \(user.username)."), draft: [:])
            } catch let error as CareBridgeError where [.validation, .conflict].contains(error.kind) {
                var draft = form.values
                draft["password"] = nil
                return try await list(context: context, services: services, notice: Notice(kind: .error, text: error.detail), draft: draft,
                                      status: Problem.status(for: error.kind))
            }
        }
        router.get("/app/admin/users/:id") { _, context in
            let identity = try context.requireAdmin()
            let found = try await UsersController.load(context: context, services: services)
            try identity.mayManage(organization: found.value.organizationID)
            return HTMLResponse.page(editView(found, identity: identity, language: context.language, notice: nil))
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
                let password = form["password"].flatMap { $0.isEmpty ? nil : $0 }
                found.version = try await services.accounts.update(found.value, expectedVersion: Int64(form["version"] ?? "") ?? -1,
                                                                   newPassword: password, by: identity, requestID: context.id)
                return HTMLResponse.page(editView(found, identity: identity, language: context.language, notice: Notice(kind: .success, text: "Saved.")))
            } catch let error as CareBridgeError where [.validation, .preconditionFailed].contains(error.kind) {
                return HTMLResponse.page(editView(found, identity: identity, language: context.language, notice: Notice(kind: .error, text: error.detail)),
                                         status: Problem.status(for: error.kind))
            }
        }
    }

    static func list(context: AppRequestContext, services: AppServices, notice: Notice?, draft: [String: String],
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let identity = try context.requireAdmin()
        let platform = identity.organization.kind == .healthMinistry
        let users = try await services.users.list(organizationID: platform ? nil : identity.organization.id, limit: 200, after: nil).items
        let organizations = platform ? try await services.organizations.list(limit: 200, after: nil).items : [identity.organization]
        return HTMLResponse.page(listView(users, organizations: organizations, identity: identity, language: context.language,
                                          notice: notice, draft: draft), status: status)
    }
}
