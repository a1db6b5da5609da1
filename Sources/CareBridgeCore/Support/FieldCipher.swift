import Crypto
import Foundation

/// Encryption at rest for contact details and document numbers (DESIGN.md: AES-GCM), and the keyed
/// hash that finds a document by its number without decrypting every row. Both keys are derived from
/// one master key with HKDF, so the operator keeps one secret.
public struct FieldCipher: Sendable {
    /// Stored ciphertexts start with this, so a later key rotation can tell generations apart.
    static let prefix = "v1:"
    let keys: Keys
    var encryptionKey: SymmetricKey { keys.encryption }
    var hashKey: SymmetricKey { keys.hash }

    /// The derived keys, made once: building a SymmetricKey per call showed in bulk-load profiles.
    /// `@unchecked Sendable`: both are immutable after init and swift-crypto's keys are value types only read here.
    final class Keys: @unchecked Sendable {
        let encryption: SymmetricKey
        let hash: SymmetricKey
        /// An HMAC already keyed: each lookup hash starts from a copy of it instead of redoing the key setup
        /// (HMAC is a value type; a copy carries its own state).
        let keyedHMAC: HMAC<SHA256>
        let nonces = NonceSequence()
        init(encryption: SymmetricKey, hash: SymmetricKey) {
            self.encryption = encryption
            self.hash = hash
            self.keyedHMAC = HMAC<SHA256>(key: hash)
        }
    }

    /// AES-GCM nonces without a system call each: a random 96-bit start drawn once per process, then counted up, so one
    /// process never repeats a nonce (NIST SP 800-38D §8.2.1, the deterministic construction, with the fixed field
    /// drawn at random instead of assigned). Two processes under the same key repeat one only if their starts fall within
    /// the count of each other (about n x 2^-95 for a pair that seals n values each); fresh random nonces, which cost two
    /// getrandom calls per seal (a fifth of the sealing time in the bulk-load profile), repeat with about n^2 x 2^-95.
    final class NonceSequence: @unchecked Sendable {
        private let lock = NSLock()
        private let high: UInt32
        private var low: UInt64

        init() {
            var generator = SystemRandomNumberGenerator()
            high = generator.next()
            low = generator.next()
        }

        func next() -> AES.GCM.Nonce {
            lock.lock()
            low &+= 1
            var bytes = (low.bigEndian, high.bigEndian)
            lock.unlock()
            // 12 bytes: a (UInt64, UInt32) tuple has no padding before its second element.
            return withUnsafeBytes(of: &bytes) { try! AES.GCM.Nonce(data: UnsafeRawBufferPointer(rebasing: $0[0..<12])) }
        }
    }

    /// `master` must be 32 bytes.
    public init(master: Data) throws {
        guard master.count == 32 else {
            throw CareBridgeError(.badRequest, title: "Bad data key", detail: "The data key must be 32 bytes (base64 in CAREBRIDGE_DATA_KEY or the key file); it has \(master.count).")
        }
        let key = SymmetricKey(data: master)
        keys = Keys(encryption: HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("carebridge field encryption".utf8), outputByteCount: 32),
                    hash: HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("carebridge keyed lookup hash".utf8), outputByteCount: 32))
    }

    public static func generateMaster() -> Data { SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) } }

    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: encryptionKey, nonce: keys.nonces.next())
        guard let combined = box.combined else { throw CareBridgeError(.storage, title: "Encryption failed", detail: "AES-GCM gave no output.") }
        return Self.prefix + combined.base64EncodedString()
    }

    public func open(_ stored: String) throws -> String {
        guard stored.hasPrefix(Self.prefix), let data = Data(base64Encoded: String(stored.dropFirst(Self.prefix.count))) else {
            throw CareBridgeError(.storage, title: "Unreadable ciphertext", detail: "A stored encrypted value is not in the v1 format.")
        }
        do {
            let plain = try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: encryptionKey)
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw CareBridgeError(.storage, title: "Cannot decrypt", detail: "A stored value does not open with this server's data key; is CAREBRIDGE_DATA_KEY the one it was written with?")
        }
    }

    /// Keyed hash (HMAC-SHA256, hex) of a lookup value; equal inputs give equal hashes, and without
    /// the key the hash cannot be recomputed from a guessed number.
    public func lookupHash(_ value: String) -> String {
        var hmac = keys.keyedHMAC
        var value = value
        value.withUTF8 { hmac.update(data: UnsafeRawBufferPointer($0)) }
        return hmac.finalize().withUnsafeBytes { Hex.encode($0) }
    }
}
