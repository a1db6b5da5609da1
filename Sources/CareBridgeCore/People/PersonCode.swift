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
    public static func make(number: UInt64) -> String {
        let body = (0..<7).reversed().map { alphabet[Int((number >> (5 * UInt64($0))) & 31)] }
        return format(body + [checkCharacter(for: body)])
    }

    public static func make() -> String {
        var g = SystemRandomNumberGenerator()
        return make(using: &g)
    }

    /// The canonical form of a typed code (case, spaces, dashes and the look-alikes O/I/L forgiven), or nil if it fails its check.
    public static func canonical(_ typed: String) -> String? {
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
