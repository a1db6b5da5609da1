/// The short code printed on papers instead of a name, e.g. `CB-7K9Q-2MX4`: seven random characters
/// and a check character, in Crockford's base 32 (no I, L, O or U, so nothing reads as 1, 0 or a word).
/// The check character is Luhn mod N (N = 32), which catches every single wrong character and every
/// swap of two neighbours.
public enum PersonCode {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let values: [Character: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    /// A new code from 35 random bits.
    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let body = (0..<7).map { _ in alphabet[Int(generator.next() % 32)] }
        return format(body + [checkCharacter(for: body)])
    }

    /// The code for a number below 2^35, for generators that need codes unique without asking the database.
    /// Built as bytes: the demo makes a million of these (the same code as the Character version gave).
    public static func make(number: UInt64) -> String {
        var digits = (0..<7).reversed().map { Int((number >> (5 * UInt64($0))) & 31) }
        digits.append(checkValue(for: digits))
        var bytes = Array("CB-".utf8)
        for (i, digit) in digits.enumerated() {
            if i == 4 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(alphabetBytes[digit])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func make() -> String {
        var g = SystemRandomNumberGenerator()
        return make(using: &g)
    }

    /// The canonical form of a typed code (case, spaces, dashes and the look-alikes O/I/L forgiven), or nil if it fails its check.
    public static func canonical(_ typed: String) -> String? {
        // A code already in canonical form (as every stored one is) comes back as it is, checked from its bytes;
        // anything else is cleaned up below.
        if isCanonical(typed) { return typed }
        var text = typed.uppercased().filter { !" -".contains($0) }
        if text.hasPrefix("CB") { text.removeFirst(2) }
        let chars = text.map { c -> Character in c == "O" ? "0" : (c == "I" || c == "L") ? "1" : c }
        guard chars.count == 8, chars.allSatisfy({ values[$0] != nil }) else { return nil }
        guard checkCharacter(for: Array(chars.prefix(7))) == chars[7] else { return nil }
        return format(chars)
    }

    static func format(_ chars: [Character]) -> String {
        "CB-" + String(chars[0..<4]) + "-" + String(chars[4..<8])
    }

    static let alphabetBytes = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    /// Value of each ASCII byte in the alphabet, -1 for bytes outside it.
    static let byteValues: [Int] = (0..<128).map { byte in alphabetBytes.firstIndex(of: UInt8(byte)) ?? -1 }

    /// Whether `text` is exactly `CB-XXXX-XXXX` in the alphabet's upper-case characters with a right check character.
    static func isCanonical(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { u in
            guard u.count == 12, u[0] == UInt8(ascii: "C"), u[1] == UInt8(ascii: "B"), u[2] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
            var digits: [Int] = []
            digits.reserveCapacity(8)
            for i in [3, 4, 5, 6, 8, 9, 10, 11] {
                guard u[i] < 128 else { return false }
                let value = byteValues[Int(u[i])]
                guard value >= 0 else { return false }
                digits.append(value)
            }
            return checkValue(for: Array(digits.prefix(7))) == digits[7]
        }
    }

    /// The check character's value for body values (Luhn mod 32, as `checkCharacter`).
    static func checkValue(for body: [Int]) -> Int {
        var factor = 2, sum = 0
        for value in body.reversed() {
            var addend = factor * value
            factor = factor == 2 ? 1 : 2
            addend = addend / 32 + addend % 32
            sum += addend
        }
        return (32 - sum % 32) % 32
    }

    static func checkCharacter(for body: [Character]) -> Character {
        var factor = 2, sum = 0
        for c in body.reversed() {
            var addend = factor * values[c]!
            factor = factor == 2 ? 1 : 2
            addend = addend / 32 + addend % 32
            sum += addend
        }
        return alphabet[(32 - sum % 32) % 32]
    }
}
