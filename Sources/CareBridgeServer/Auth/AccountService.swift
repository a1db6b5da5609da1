import CareBridgeCore
import CareBridgeStore
import Foundation
import HummingbirdBcrypt
import SQLKit

/// Sign-in, tokens and sessions, and account creation: the rules around passwords in one place.
struct AccountService: Sendable {
    let services: AppServices

    /// Checks a username and password, throttling guessers and auditing every attempt.
    func authenticate(username: String, password: String, address: String, requestID: String) async throws -> User {
        let now = services.now()
        let keys = [LoginThrottle.accountKey(username), LoginThrottle.addressKey(address)]
        try services.throttle.check(keys: keys, now: now)
        let found = try await services.users.credentials(username: username)
        // Without an account, still pay for one bcrypt check, so timing does not reveal which usernames exist.
        let hash = found?.passwordHash ?? Self.decoyHash
        let matches = try await services.hasher.verify(password, hash: hash)
        guard let user = found?.user, matches, !user.disabled else {
            services.throttle.recordFailure(keys: keys, now: now)
            let reason = found == nil ? "unknown-user" : (matches ? "account-disabled" : "wrong-password")
            try await services.auditLog.record(AuditDraft(
                occurredAt: now, actorUserID: found?.user.id, actorUsername: username, organizationID: found?.user.organizationID,
                role: found?.user.role, action: "auth.login", outcome: .failed, reason: reason, requestID: requestID))
            if found?.user.disabled == true && matches {
                throw CareBridgeError(.unauthorized, title: "Account disabled", detail: "This account is disabled; ask your administrator.",
                                      reason: "account-disabled")
            }
            throw CareBridgeError(.unauthorized, title: "Sign-in failed", detail: "The username or password is wrong.")
        }
        services.throttle.recordSuccess(accountKey: keys[0])
        return user
    }

    /// Issues an API token or web session for `user`, recording the login in the same transaction.
    func issue(_ kind: TokenKind, for user: User, requestID: String) async throws -> TokenRepository.Issued {
        let now = services.now()
        let lifetime = kind == .api ? services.configuration.apiTokenLifetime : services.configuration.sessionLifetime
        return try await services.database.write { [services] db in
            let issued = try await services.tokens.issue(kind: kind, userID: user.id, lifetime: lifetime, now: now, in: db)
            try await services.users.recordLogin(userID: user.id, at: now, in: db)
            try await services.audit.append([AuditDraft(
                occurredAt: now, actorUserID: user.id, actorUsername: user.username, organizationID: user.organizationID,
                role: user.role, action: kind == .api ? "auth.token" : "auth.login", outcome: .succeeded, requestID: requestID)], in: db)
            return issued
        }
    }

    /// The identity a bearer token or session cookie stands for, if it is live and the account enabled.
    func identity(secret: String, kind: TokenKind) async throws -> Identity? {
        try await resolve(secret: secret, kind: kind)?.identity
    }

    /// `identity`, and the fingerprint of the account as read (`TokenRepository.rider`).
    func resolve(secret: String, kind: TokenKind) async throws -> IdentityCache.Entry? {
        guard let account = try await services.tokens.resolveAccount(secret: secret, kind: kind, now: services.now()),
              !account.user.disabled else { return nil }
        let via: Identity.Via = kind == .api ? .bearer : .session(secret: secret, csrfToken: account.csrfToken ?? "")
        return IdentityCache.Entry(identity: Identity(user: account.user, organization: account.organization, via: via), fingerprint: account.fingerprint)
    }

    func revoke(secret: String, identity: Identity, requestID: String) async throws -> Bool {
        let now = services.now()
        return try await services.database.write { [services] db in
            let revoked = try await services.tokens.revoke(secret: secret, now: now, in: db)
            try await services.audit.append([AuditDraft.admin(identity, now: now, action: "auth.logout", requestID: requestID)], in: db)
            return revoked
        }
    }

    /// Creates an account with a bcrypt hash of `password`, auditing who created it.
    func createUser(_ user: User, password: String, by actor: Identity?, requestID: String?) async throws {
        try user.validate()
        try User.validatePassword(password)
        let hash = try await services.hasher.hash(password)
        let now = services.now()
        try await services.database.write { [services] db in
            guard try await services.organizations.find(id: user.organizationID, in: db) != nil else {
                throw CareBridgeError.invalid("organizationId", "There is no organization with id \(user.organizationID.uuidString.lowercased()).")
            }
            do { try await services.users.create(user, passwordHash: hash, in: db) } catch where Database.isUniqueViolation(error) {
                throw CareBridgeError.conflict("The username '\(user.username)' is already taken.", reason: "duplicate-username")
            }
            let draft = actor.map { AuditDraft.admin($0, now: now, action: "user.create", requestID: requestID, reason: user.username) }
                ?? AuditDraft(occurredAt: now, actorUserID: nil, actorUsername: "system", action: "user.create", outcome: .succeeded, reason: user.username)
            try await services.audit.append([draft], in: db)
        }
    }

    /// Computed once, lazily, at the default cost.
    static let decoyHash = Bcrypt.hash("no account has this password \(UUID())", cost: 12)
}

extension AuditDraft {
    /// An administrative action by `identity` (not about a person).
    static func admin(_ identity: Identity, now: Date, action: String, requestID: String?, reason: String? = nil) -> AuditDraft {
        AuditDraft(occurredAt: now, actorUserID: identity.user.id, actorUsername: identity.user.username,
                   organizationID: identity.organization.id, organizationKind: identity.organization.kind,
                   role: identity.user.role, purpose: .administration, action: action, outcome: .succeeded,
                   reason: reason, requestID: requestID)
    }
}

extension AccountService {
    /// Saves changed role, language, disabled flag and optionally a new password; disabling
    /// revokes every token and session at once.
    func update(_ user: User, expectedVersion: Int64, newPassword: String?, by actor: Identity, requestID: String) async throws -> Int64 {
        try user.validate()
        var hash: String?
        if let newPassword {
            try User.validatePassword(newPassword)
            hash = try await services.hasher.hash(newPassword)
        }
        let now = services.now()
        return try await services.database.write { [services, hash] db in
            let version = try await services.users.update(user, expectedVersion: expectedVersion, in: db)
            if let hash { try await services.users.setPasswordHash(hash, userID: user.id, in: db) }
            if user.disabled || hash != nil { try await services.tokens.revokeAll(userID: user.id, now: now, in: db) }
            try await services.audit.append([.admin(actor, now: now, action: "user.update", requestID: requestID, reason: user.username)], in: db)
            return version
        }
    }
}
