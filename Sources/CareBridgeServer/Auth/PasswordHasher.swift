import HummingbirdBcrypt
import NIOPosix

/// bcrypt off the event loops: a hash costs tens of milliseconds of CPU by design.
public struct PasswordHasher: Sendable {
    /// Work factor; OWASP's Password Storage Cheat Sheet asks for at least 10.
    public let cost: UInt8
    public init(cost: UInt8 = 12) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
