import Foundation
import Testing
@testable import CareBridgeCore

/// Textbook Jaro-Winkler values (Winkler 1990; the examples in most record-linkage texts).
@Suite struct LinkageJaroWinklerTests {
    func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) < 0.0015 }

    @Test func textbookValues() {
        #expect(close(JaroWinkler.similarity("MARTHA", "MARHTA"), 0.961))
        #expect(close(JaroWinkler.similarity("DWAYNE", "DUANE"), 0.840))
        #expect(close(JaroWinkler.similarity("DIXON", "DICKSONX"), 0.813))
    }

    @Test func identicalIsOneAndDisjointIsZero() {
        #expect(JaroWinkler.similarity("ivan", "ivan") == 1)
        #expect(JaroWinkler.similarity("abc", "xyz") == 0)
        #expect(JaroWinkler.similarity("", "ivan") == 0)
    }

    @Test func byteVariantAgreesWithStringVariant() {
        let pairs = [("muhamad", "mhmd"), ("aleksandr", "oleksandr"), ("shatlik", "satlik"), ("a", "ab")]
        for (a, b) in pairs {
            let x = Array(a.utf8), y = Array(b.utf8)
            let fast = x.withUnsafeBufferPointer { p in y.withUnsafeBufferPointer { q in JaroWinkler.similarity(p, q) } }
            #expect(close(fast, JaroWinkler.similarity(a, b)))
            #expect(close(fast, JaroWinkler.slowSimilarity(x, y)))
        }
    }

    @Test func symmetric() {
        #expect(close(JaroWinkler.similarity("DIXON", "DICKSONX"), JaroWinkler.similarity("DICKSONX", "DIXON")))
    }
}
