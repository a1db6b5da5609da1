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
    private let entries = Mutex<[String: Entry]>([:])
    /// Entries kept at most; when full, the cache starts again empty (each entry refills on its token's next request).
    static let capacity = 10_000

    /// What a token resolved to, and the fingerprint of the account and organization it was read from: the check
    /// beside the next request passes without a look-up of its own while the fingerprint is the same
    /// (`TokenRepository.rider`).
    struct Entry: Sendable {
        var identity: Identity
        var fingerprint: String
    }

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// What the token with this hash (`TokenRepository.hash`) resolved to when last checked, if anything.
    func entry(forHash key: String) -> Entry? {
        guard enabled else { return nil }
        return entries.withLock { $0[key] }
    }

    /// Records what the token with this hash resolves to now (nil: nothing, so it is forgotten).
    func remember(_ entry: Entry?, forHash key: String) {
        guard enabled else { return }
        entries.withLock { entries in
            if entry != nil, entries[key] == nil, entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }

    /// Whether a request decided for `assumed` may stand for `checked`: the same account, role and organization (a
    /// disabled account's token resolves to nothing). The rest of the identity (preferred language, last sign-in) is
    /// the last check's, one request late at most.
    static func grantsTheSame(_ assumed: Identity, _ checked: Identity) -> Bool {
        assumed.subject == checked.subject && assumed.user.username == checked.user.username
    }
}
