import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/users`: administrators manage accounts, platform administrators for every
/// organization, other administrators for their own.
enum UsersController {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(APIRoute.users.path)) { request, context in
            let identity = try context.requireAdmin()
            let (limit, cursor) = try request.paging()
            var organization = request.uri.queryParameters["organization"].flatMap { UUID(uuidString: String($0)) }
            if identity.organization.kind != .healthMinistry { organization = identity.organization.id }
            let page = try await services.users.list(organizationID: organization, limit: limit, after: cursor)
            return try JSONResponse.make(ListBody(items: page.items.map(UserBody.init), nextCursor: page.nextCursor))
        }
        router.post(RouterPath(APIRoute.users.path)) { request, context in
            let identity = try context.requireAdmin()
            let input = try await request.decodeJSON(NewUser.self, context: context)
            try identity.mayManage(organization: input.organizationId)
            let user = User(username: input.username, organizationID: input.organizationId, role: try Role.parse(input.role),
                            preferredLanguage: input.preferredLanguage ?? "en", createdAt: services.now())
            try await services.accounts.createUser(user, password: input.password, by: identity, requestID: context.id)
            return try JSONResponse.make(UserBody(user), status: .created, etag: 1, location: APIRoute.user.link(user.id.uuidString.lowercased()))
        }
        router.get(RouterPath(APIRoute.user.path)) { _, context in
            let identity = try context.requireAdmin()
            let found = try await load(context: context, services: services)
            try identity.mayManage(organization: found.value.organizationID)
            return try JSONResponse.make(UserBody(found.value), etag: found.version)
        }
        router.patch(RouterPath(APIRoute.user.path)) { request, context in
            let identity = try context.requireAdmin()
            let expected = try request.requiredVersion()
            let changes = try await request.decodeJSON(UserChanges.self, context: context)
            var user = try await load(context: context, services: services).value
            try identity.mayManage(organization: user.organizationID)
            if let role = changes.role { user.role = try Role.parse(role) }
            if let language = changes.preferredLanguage { user.preferredLanguage = language }
            if let disabled = changes.disabled { user.disabled = disabled }
            let version = try await services.accounts.update(user, expectedVersion: expected, newPassword: changes.password,
                                                             by: identity, requestID: context.id)
            return try JSONResponse.make(UserBody(user), etag: version)
        }
    }

    static func load(context: AppRequestContext, services: AppServices) async throws -> Versioned<User> {
        let id = try context.uuidParameter("id", what: "The account")
        guard let found = try await services.users.find(id: id) else { throw CareBridgeError.notFound("The account") }
        return found
    }
}

extension Identity {
    /// Whether this administrator manages accounts of `organization`.
    func mayManage(organization: UUID) throws {
        guard self.organization.kind == .healthMinistry || self.organization.id == organization else {
            throw CareBridgeError(.forbidden, title: "Not allowed",
                                  detail: "You manage only the accounts of your own organization.", reason: "other-organization")
        }
    }
}
