import CareBridgeCore
import CareBridgeStore
import Synchronization

/// The identity each API token resolved to when it was last checked, so that the next request with it can start on
/// that identity while the token is checked again beside it (AuthMiddleware). It saves only the wait: every request's
/// token is still checked against the database, and nothing the request does is committed or answered before that
/// check passes and finds the same user, role and organization (`CredentialCheck`). A revoked token or a disabled
/// account is refused exactly as without it.
final class IdentityCache: Sendable {
    let enabled: Bool
    private let entries = Mutex<[String: Identity]>([:])
    /// Entries kept at most; when full, the cache starts again empty (each entry refills on its token's next request).
    static let capacity = 10_000

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// The identity `secret` resolved to when last checked, if any.
    func identity(for secret: String) -> Identity? {
        guard enabled else { return nil }
        let key = TokenRepository.hash(secret)
        return entries.withLock { $0[key] }
    }

    /// Records what `secret` resolves to now (nil: nothing, so it is forgotten).
    func remember(_ identity: Identity?, for secret: String) {
        guard enabled else { return }
        let key = TokenRepository.hash(secret)
        entries.withLock { entries in
            if identity != nil, entries[key] == nil, entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = identity
        }
    }

    /// Whether a request decided for `assumed` may stand for `checked`: the same account, role and organization (a
    /// disabled account's token resolves to nothing). The rest of the identity (preferred language, last sign-in) is
    /// the last check's, one request late at most.
    static func grantsTheSame(_ assumed: Identity, _ checked: Identity) -> Bool {
        assumed.subject == checked.subject && assumed.user.username == checked.user.username
    }
}
