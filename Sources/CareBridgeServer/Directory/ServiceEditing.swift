import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// Adding and changing directory services, the one mechanism behind `/api/v1/services` and the directory pages:
/// who may edit (an organization's administrators its own services, platform administrators any organization's),
/// the write with its audit event in one transaction, the version check, and the search index refreshed after.
struct ServiceEditing: Sendable {
    let services: AppServices

    /// Platform administrators: administrators of the health ministry.
    static func isPlatformEditor(_ identity: Identity) -> Bool {
        identity.user.role == .admin && identity.organization.kind == .healthMinistry
    }

    /// The same rule as accounts and webhooks (`Identity.mayManage`), for administrators.
    static func mayEdit(_ identity: Identity, organizationID: UUID) -> Bool {
        identity.user.role == .admin && (try? identity.mayManage(organization: organizationID)) != nil
    }

    /// Administrators edit their own organization's directory; platform administrators any organization's.
    static func editor(_ context: AppRequestContext, of organizationID: UUID) throws -> Identity {
        let identity = try context.requireIdentity()
        guard mayEdit(identity, organizationID: organizationID) else {
            throw CareBridgeError(.forbidden, title: "Not allowed",
                                  detail: "Only administrators of the organization edit its services in the directory.", reason: "not-own-organization")
        }
        return identity
    }

    /// A new service of `organizationID` (default: the user's organization).
    func create(_ input: ServiceInput, context: AppRequestContext) async throws -> DirectoryService {
        let organizationID = try input.organizationId ?? context.requireIdentity().organization.id
        let identity = try Self.editor(context, of: organizationID)
        let now = services.now()
        let service = try await services.database.write { db in
            let service = try await input.service(id: .timeOrdered(), organizationID: organizationID, now: now, services: services, in: db)
            try await services.directory.repository.insert(service, in: db)
            try await services.audit.append([.admin(identity, now: now, action: "directory.service.create", requestID: context.id, reason: service.id.text)], in: db)
            return service
        }
        try await services.directory.refresh()
        return service
    }

    /// The service replaced by `input` if it is still at `expectedVersion` (412 otherwise); returns it and its new version.
    func update(_ id: UUID, with input: ServiceInput, expectedVersion: Int64, context: AppRequestContext) async throws -> (service: DirectoryService, version: Int64) {
        guard let stored = try await services.directory.repository.service(id: id) else { throw CareBridgeError.notFound("The service") }
        let identity = try Self.editor(context, of: stored.value.organizationID)
        let now = services.now()
        let result = try await services.database.write { db in
            let service = try await input.service(id: id, organizationID: stored.value.organizationID, now: now, services: services, in: db)
            let version = try await services.directory.repository.update(service, expectedVersion: expectedVersion, in: db)
            try await services.audit.append([.admin(identity, now: now, action: "directory.service.update", requestID: context.id, reason: id.text)], in: db)
            return (service, version)
        }
        try await services.directory.refresh()
        return result
    }
}
