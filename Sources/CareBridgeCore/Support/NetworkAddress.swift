import Foundation

/// Where an IP address points, so that requests the server makes on a user's behalf (webhook deliveries) cannot be
/// aimed at the server itself or at the network behind it (server-side request forgery).
/// Ranges: the IANA special-purpose address registries (RFC 6890 and its updates): RFC 1122 (0/8, loopback),
/// RFC 1918 (private), RFC 6598 (shared, carrier-grade NAT), RFC 3927 (IPv4 link-local), RFC 5737 and RFC 3849
/// (documentation), RFC 2544 (benchmarking), RFC 5771 (multicast), RFC 1112 (240/4 reserved), RFC 4291 (IPv6
/// loopback, unspecified, link-local, multicast, IPv4-mapped), RFC 4193 (unique local), RFC 6052 (NAT64 64:ff9b::/96).
public enum NetworkAddress {
    public enum Scope: String, Sendable, Hashable {
        case global
        case loopback
        case privateNetwork = "private"
        case linkLocal = "link-local"
        case unspecified
        case multicast
        /// Documentation, benchmarking, carrier-grade NAT and other special-purpose ranges no public service uses.
        case reserved
    }

    /// The address's bytes (4 for IPv4, 16 for IPv6) from its text, brackets allowed around IPv6; nil for a name.
    public static func parse(_ text: String) -> [UInt8]? {
        var literal = text
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, literal, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    public static func scope(_ bytes: [UInt8]) -> Scope {
        switch bytes.count {
        case 4: ipv4Scope(bytes)
        case 16: ipv6Scope(bytes)
        default: .reserved
        }
    }

    static func ipv4Scope(_ b: [UInt8]) -> Scope {
        func within(_ prefix: [UInt8], _ bits: Int) -> Bool { matches(b, prefix, bits) }
        if b == [255, 255, 255, 255] { return .reserved }
        if within([0], 8) { return b == [0, 0, 0, 0] ? .unspecified : .reserved }
        if within([127], 8) { return .loopback }
        if within([10], 8) || within([172, 16], 12) || within([192, 168], 16) { return .privateNetwork }
        if within([169, 254], 16) { return .linkLocal }
        if within([224], 4) { return .multicast }
        if within([240], 4) || within([100, 64], 10) || within([192, 0, 0], 24) || within([192, 0, 2], 24)
            || within([198, 18], 15) || within([198, 51, 100], 24) || within([203, 0, 113], 24) { return .reserved }
        return .global
    }

    static func ipv6Scope(_ b: [UInt8]) -> Scope {
        func within(_ prefix: [UInt8], _ bits: Int) -> Bool { matches(b, prefix, bits) }
        let zero = [UInt8](repeating: 0, count: 16)
        if b == zero { return .unspecified }
        if b == zero.dropLast() + [1] { return .loopback }
        // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address inside.
        if within([UInt8](repeating: 0, count: 10) + [0xff, 0xff], 96) || within([0, 0x64, 0xff, 0x9b] + [UInt8](repeating: 0, count: 8), 96) {
            return ipv4Scope(Array(b[12...]))
        }
        if within([0xfc], 7) { return .privateNetwork }
        if within([0xfe, 0x80], 10) { return .linkLocal }
        if within([0xff], 8) { return .multicast }
        // The rest of ::/8 (IPv4-compatible, deprecated), 100::/64 (discard), 2001:db8::/32 (documentation).
        if within([0], 8) || within([0x01, 0x00, 0, 0, 0, 0, 0, 0], 64) || within([0x20, 0x01, 0x0d, 0xb8], 32) { return .reserved }
        return .global
    }

    /// Whether the first `bits` bits of `bytes` equal those of `prefix`.
    static func matches(_ bytes: [UInt8], _ prefix: [UInt8], _ bits: Int) -> Bool {
        var remaining = bits
        for (i, p) in prefix.enumerated() where remaining > 0 {
            let take = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xff << (8 - take))
            if bytes[i] & mask != p & mask { return false }
            remaining -= take
        }
        return true
    }
}

extension NetworkAddress {
    /// The address as text (dotted IPv4, compressed IPv6 without brackets).
    public static func text(_ bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil }
        guard ok, let end = buffer.firstIndex(of: 0) else { return bytes.map(String.init).joined(separator: ".") }
        return String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
