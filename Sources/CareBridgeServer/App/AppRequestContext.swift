import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Who is making a request, once authenticated.
public struct Identity: Sendable {
    public var user: User
    public var organization: Organization
    /// How they proved it: an API bearer token or a web session (whose CSRF token forms must echo).
    public var via: Via
    public enum Via: Sendable {
        case bearer
        case session(secret: String, csrfToken: String)
    }
    public var subject: AccessSubject {
        AccessSubject(userID: user.id, organizationID: organization.id, organizationKind: organization.kind, role: user.role)
    }
}

/// Per-request state shared by middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    /// Why presented credentials were refused (a bad bearer token, or the database failing), if they were.
    public var authenticationError: (any Error)?
    /// The language a page is shown in, chosen by `?lang=`, then the cookie, then Accept-Language.
    public var language: String = "en"
    public let remoteAddress: SocketAddress?
    /// Largest request body accepted; set from the configuration by the body-limit middleware.
    public var bodyLimit: Int = 1 << 20

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { bodyLimit }

    /// The client's IP address, for throttling failed logins per address.
    public var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }

    /// The authenticated identity, or a 401 problem.
    public func requireIdentity() throws -> Identity {
        if let authenticationError { throw authenticationError }
        guard let identity else {
            throw CareBridgeError(.unauthorized, title: "Authentication required",
                                  detail: "Sign in, or send an API token as 'Authorization: Bearer TOKEN'.")
        }
        return identity
    }

    /// The identity of an administrator, or a 403 problem.
    public func requireAdmin() throws -> Identity {
        let identity = try requireIdentity()
        guard identity.user.role == .admin else {
            throw CareBridgeError(.forbidden, title: "Not allowed", detail: "Only administrators manage organizations, accounts and the audit log.", reason: "admin-only")
        }
        return identity
    }

    /// An administrator of the ministry that runs the platform, for changes to shared reference data; `detail` says
    /// what others do instead.
    public func requirePlatformAdmin(_ detail: String) throws -> Identity {
        let identity = try requireAdmin()
        guard identity.organization.kind == .healthMinistry else {
            throw CareBridgeError(.forbidden, title: "Not allowed", detail: detail, reason: "platform-admin-only")
        }
        return identity
    }
}
