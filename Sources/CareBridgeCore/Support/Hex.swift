import Foundation

/// Lowercase hexadecimal, from a table: the audit chain and token hashing call this on every request.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A UUID in its canonical lowercase 8-4-4-4-12 form, the way ids are stored; written straight into the string's
    /// storage (bulk loads make millions of these).
    public static func uuid(_ id: UUID) -> String {
        withUnsafeBytes(of: id.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var position = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    out[position] = digits[Int(byte >> 4)]
                    out[position + 1] = digits[Int(byte & 0x0f)]
                    position += 2
                }
                return position
            }
        }
    }
}

import Crypto

extension Hex {
    /// SHA-256 of a text's UTF-8 bytes, in hex: identifies a stored file's exact content.
    public static func sha256(_ text: String) -> String { encode(SHA256.hash(data: Array(text.utf8))) }
}

extension UUID {
    /// Lowercase text, as ids are stored and exchanged.
    public var text: String { Hex.uuid(self) }
}
