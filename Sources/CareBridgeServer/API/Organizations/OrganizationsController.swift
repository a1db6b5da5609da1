import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/organizations`: any signed-in user may list and read; platform administrators
/// (admins of a health ministry) create and change.
enum OrganizationsController {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(APIRoute.organizations.path)) { request, context in
            _ = try context.requireIdentity()
            let (limit, cursor) = try request.paging()
            let page = try await services.organizations.list(limit: limit, after: cursor)
            return try JSONResponse.make(ListBody(items: page.items.map(OrganizationBody.init), nextCursor: page.nextCursor))
        }
        router.post(RouterPath(APIRoute.organizations.path)) { request, context in
            let identity = try context.requirePlatformAdmin()
            let input = try await request.decodeJSON(NewOrganization.self, context: context)
            let organization = try await create(input, by: identity, services: services, requestID: context.id)
            return try JSONResponse.make(OrganizationBody(organization), status: .created, etag: 1,
                                         location: APIRoute.organization.link(organization.id.uuidString.lowercased()))
        }
        router.get(RouterPath(APIRoute.organization.path)) { _, context in
            _ = try context.requireIdentity()
            let id = try context.uuidParameter("id", what: "The organization")
            guard let found = try await services.organizations.find(id: id) else { throw CareBridgeError.notFound("The organization") }
            return try JSONResponse.make(OrganizationBody(found.value), etag: found.version)
        }
        router.patch(RouterPath(APIRoute.organization.path)) { request, context in
            let identity = try context.requirePlatformAdmin()
            let id = try context.uuidParameter("id", what: "The organization")
            let expected = try request.requiredVersion()
            let changes = try await request.decodeJSON(OrganizationChanges.self, context: context)
            guard var organization = try await services.organizations.find(id: id)?.value else { throw CareBridgeError.notFound("The organization") }
            if let kind = changes.kind { organization.kind = try OrganizationKind.parse(kind) }
            if let names = changes.names { organization.names = names }
            if let region = changes.region { organization.region = region.isEmpty ? nil : region }
            let now = services.now()
            let version = try await services.database.write { [organization] db in
                let version = try await services.organizations.update(organization, expectedVersion: expected, in: db)
                try await services.audit.append([.admin(identity, now: now, action: "organization.update", requestID: context.id, reason: organization.slug)], in: db)
                return version
            }
            return try JSONResponse.make(OrganizationBody(organization), etag: version)
        }
    }

    static func create(_ input: NewOrganization, by identity: Identity, services: AppServices, requestID: String) async throws -> Organization {
        let organization = Organization(slug: input.slug, kind: try OrganizationKind.parse(input.kind), names: input.names,
                                        region: input.region, createdAt: services.now())
        try organization.validate()
        let now = services.now()
        try await services.database.write { db in
            do { try await services.organizations.create(organization, in: db) } catch where Database.isUniqueViolation(error) {
                throw CareBridgeError.conflict("An organization with the slug '\(organization.slug)' already exists.", reason: "duplicate-slug")
            }
            try await services.audit.append([.admin(identity, now: now, action: "organization.create", requestID: requestID, reason: organization.slug)], in: db)
        }
        return organization
    }
}

extension AppRequestContext {
    /// Admins of a health-ministry organization run the platform: they create organizations and
    /// manage every account. Other admins manage only their own organization's accounts, so no
    /// admin can mint an account in a health facility from outside it (which would bypass the firewall).
    func requirePlatformAdmin() throws -> Identity {
        let identity = try requireAdmin()
        guard identity.organization.kind == .healthMinistry else {
            throw CareBridgeError(.forbidden, title: "Not allowed",
                                  detail: "Only administrators of the health ministry that runs the platform manage organizations.", reason: "platform-admin-only")
        }
        return identity
    }
}
