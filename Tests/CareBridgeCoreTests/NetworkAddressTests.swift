import CareBridgeCore
import Testing

@Suite("Network address scopes (webhook targets)")
struct NetworkAddressTests {
    @Test("loopback, private, link-local, shared and documentation ranges are not global; IPv4 inside IPv6 is judged as IPv4", arguments: [
        ("127.0.0.1", NetworkAddress.Scope.loopback), ("127.255.0.9", .loopback), ("::1", .loopback), ("[::1]", .loopback),
        ("10.0.0.1", .privateNetwork), ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork), ("192.168.1.1", .privateNetwork),
        ("fd12:3456::1", .privateNetwork), ("fc00::1", .privateNetwork),
        ("169.254.169.254", .linkLocal), ("fe80::1", .linkLocal), ("0.0.0.0", .unspecified), ("::", .unspecified),
        ("224.0.0.1", .multicast), ("ff02::1", .multicast), ("100.64.0.1", .reserved), ("192.0.2.10", .reserved), ("2001:db8::1", .reserved),
        ("::ffff:127.0.0.1", .loopback), ("::ffff:10.0.0.1", .privateNetwork), ("64:ff9b::a9fe:a9fe", .linkLocal),
        ("8.8.8.8", .global), ("172.32.0.1", .global), ("172.15.255.255", .global), ("100.128.0.1", .global),
        ("2a00:1450:4001::1", .global), ("::ffff:8.8.8.8", .global),
    ])
    func scopes(_ text: String, _ expected: NetworkAddress.Scope) throws {
        let bytes = try #require(NetworkAddress.parse(text), "\(text) should parse")
        #expect(NetworkAddress.scope(bytes) == expected, "\(text)")
    }

    @Test("names are not addresses; addresses print back as text")
    func parsingAndText() throws {
        #expect(NetworkAddress.parse("example.org") == nil)
        #expect(NetworkAddress.parse("localhost") == nil)
        #expect(NetworkAddress.text(try #require(NetworkAddress.parse("192.168.0.7"))) == "192.168.0.7")
        #expect(NetworkAddress.text(try #require(NetworkAddress.parse("[2001:db8:0:0::1]"))) == "2001:db8::1")
    }
}
