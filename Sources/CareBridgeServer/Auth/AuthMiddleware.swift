import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// Resolves who is calling: an API bearer token, or else a web session cookie.
/// A bad bearer token is refused at once; a stale cookie just leaves the request anonymous.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService

    static let sessionCookie = "cb_session"

    /// Never throws: it runs outside the error middleware (so error pages know who is asking),
    /// and leaves a failure in the context for `requireIdentity` to report.
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // A token that checked out before: the request starts on its identity while the token is checked again beside
        // it, on the request's first brief read if it can (CredentialCheck). Its writes, its audit events and its answer
        // wait for that check (CredentialCheckMiddleware).
        if let secret = try? Self.bearerSecret(request), case let key = TokenRepository.hash(secret),
           let known = accounts.services.identities.entry(forHash: key) {
            context.identity = known.identity
            let check = CredentialCheck(rider: TokenRepository.rider(hash: key, kind: .api, now: accounts.services.now(), fingerprint: known.fingerprint))
            async let checked: Void = check.settle { await recheck(secret, hash: key, assumed: known.identity) }
            let response: Response
            do {
                response = try await CredentialCheck.$pending.withValue(check) { try await next(request, context) }
            } catch {
                check.release()
                await checked
                throw error
            }
            check.release()
            await checked
            accounts.services.metrics.tokenCheck(carried: check.carried)
            return response
        }
        do {
            context.identity = try await resolve(request)
        } catch {
            context.authenticationError = error
        }
        return try await next(request, context)
    }

    func resolve(_ request: Request) async throws -> Identity? {
        if let secret = try Self.bearerSecret(request) {
            let resolved = try await accounts.resolve(secret: secret, kind: .api)
            accounts.services.identities.remember(resolved, forHash: TokenRepository.hash(secret))
            guard let resolved else { throw Self.invalidToken }
            return resolved.identity
        }
        if let secret = request.cookies[Self.sessionCookie]?.value, !secret.isEmpty {
            return try await accounts.identity(secret: secret, kind: .session)
        }
        return nil
    }

    /// The bearer token the request presents, if it presents one; an Authorization header of another kind is refused.
    static func bearerSecret(_ request: Request) throws -> String? {
        guard let authorization = request.headers[.authorization] else { return nil }
        guard authorization.lowercased().hasPrefix("bearer "), case let secret = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces), !secret.isEmpty else {
            throw CareBridgeError(.unauthorized, title: "Unsupported credentials", detail: "Send an API token as 'Authorization: Bearer TOKEN'.")
        }
        return secret
    }

    static let invalidToken = CareBridgeError(.unauthorized, title: "Invalid token",
        detail: "The API token is unknown, expired or revoked, or its account is disabled. Request a new one at POST /api/v1/auth/token.")

    /// Looks `secret` (whose hash is `hash`) up again for a request that started on `assumed`: nil if it still
    /// resolves to the same account, role and organization, else the error the request ends with.
    func recheck(_ secret: String, hash: String, assumed: Identity) async -> (any Error)? {
        do {
            let checked = try await accounts.resolve(secret: secret, kind: .api)
            accounts.services.identities.remember(checked, forHash: hash)
            guard let checked else { return Self.invalidToken }
            guard IdentityCache.grantsTheSame(assumed, checked.identity) else {
                return CareBridgeError(.unauthorized, title: "Credentials changed",
                                       detail: "This token's account, role or organization changed while the request ran, so nothing was done. Send it again.",
                                       reason: "credentials-changed")
            }
            return nil
        } catch {
            return error
        }
    }

    static func sessionCookie(_ secret: String, lifetime: TimeInterval) -> Cookie {
        Cookie(name: sessionCookie, value: secret, maxAge: Int(lifetime), path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    static func expiredSessionCookie() -> Cookie {
        Cookie(name: sessionCookie, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }
}

/// Every state-changing request made with a session cookie must carry the session's CSRF token,
/// as form field `_csrf` or header `X-CSRF-Token`; bearer-token calls are not exposed to CSRF.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method),
              case .session(_, let expected)? = context.identity?.via else {
            return try await next(request, context)
        }
        var request = request
        var presented = request.headers[.csrfToken]
        if presented == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            presented = FormFields(String(buffer: body))["_csrf"]
        }
        guard let presented, !expected.isEmpty, constantTimeEqual(presented, expected) else {
            throw CareBridgeError(.forbidden, title: "Form expired", detail: "The form's security token is missing or stale. Reload the page and try again.", reason: "csrf")
        }
        return try await next(request, context)
    }
}

/// Holds a request's writes and answer until the check of its token, if one runs beside it, has passed (AuthMiddleware):
/// a failed check ends the request with the check's error, whatever the handler did or threw. Inside the error
/// middleware, so that error is answered as a problem.
struct CredentialCheckMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            try await CredentialCheck.awaitPending()
            throw error
        }
        try await CredentialCheck.awaitPending()
        return response
    }
}

/// Compares secrets without stopping at the first difference.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}

/// An `application/x-www-form-urlencoded` body, read as name -> value (last one wins).
struct FormFields: Sendable {
    var values: [String: String] = [:]
    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            guard let name = parts.first.map(decode), !name.isEmpty else { continue }
            values[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
    }
    subscript(_ name: String) -> String? { values[name] }
}
