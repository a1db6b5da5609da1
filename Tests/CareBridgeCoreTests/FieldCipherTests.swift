import Foundation
import Testing

@testable import CareBridgeCore

@Suite("Field encryption and keyed hashes")
struct FieldCipherTests {
    @Test("a sealed value opens with the same key only, and never shows the plain text")
    func sealAndOpen() throws {
        let master = FieldCipher.generateMaster()
        let cipher = try FieldCipher(master: master)
        let sealed = try cipher.seal("+375 29 123 45 67")
        #expect(sealed.hasPrefix("v1:") && !sealed.contains("375"))
        #expect(try cipher.open(sealed) == "+375 29 123 45 67")
        #expect(try cipher.seal("x") != cipher.seal("x"))  // a fresh nonce each time
        let other = try FieldCipher(master: FieldCipher.generateMaster())
        #expect(throws: CareBridgeError.self) { try other.open(sealed) }
        #expect(throws: CareBridgeError.self) { try FieldCipher(master: Data(count: 16)) }
    }

    @Test("lookup hashes are the same however often and in whatever order they are made, and differ by key")
    func lookupHashIsStable() throws {
        let cipher = try FieldCipher(master: Data(repeating: 7, count: 32))
        _ = cipher.lookupHash("something else entirely")
        let afterOthers = cipher.lookupHash("passport|TJ|401234567")
        let fresh = try FieldCipher(master: Data(repeating: 7, count: 32)).lookupHash("passport|TJ|401234567")
        #expect(afterOthers == fresh)
        #expect(fresh.count == 64)
        #expect(cipher.lookupHash("passport|TJ|401234567") == fresh)
        #expect(try FieldCipher(master: Data(repeating: 8, count: 32)).lookupHash("passport|TJ|401234567") != fresh)
    }

    @Test("no two seals under one key share a nonce, from concurrent callers or from two ciphers of the same key")
    func noncesNeverRepeat() async throws {
        let master = FieldCipher.generateMaster()
        let one = try FieldCipher(master: master), two = try FieldCipher(master: master)
        // The nonce is the first 12 bytes of the combined box, after the "v1:" prefix.
        func nonce(_ sealed: String) throws -> Data { try #require(Data(base64Encoded: String(sealed.dropFirst(3)))).prefix(12) }
        let sealed = try await withThrowingTaskGroup(of: [String].self) { group in
            for cipher in [one, one, two] { group.addTask { try (0..<2_000).map { _ in try cipher.seal("same text") } } }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(Set(try sealed.map(nonce)).count == 6_000)
        for value in sealed.prefix(10) + sealed.suffix(10) { #expect(try two.open(value) == "same text") }
    }
}
