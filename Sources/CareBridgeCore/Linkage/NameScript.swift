import Foundation

/// The writing system a name is recorded in; stored with each name so a clerk sees which spelling came from where.
public enum NameScript: String, Codable, Sendable, CaseIterable {
    case latin, cyrillic, arabic, han, other

    /// The script of most of the letters in `text`; `.other` when it has no letters or none of the four.
    public static func detect(_ text: String) -> NameScript {
        var counts = (latin: 0, cyrillic: 0, arabic: 0, han: 0, other: 0)
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            switch of(scalar) {
            case .latin: counts.latin += 1
            case .cyrillic: counts.cyrillic += 1
            case .arabic: counts.arabic += 1
            case .han: counts.han += 1
            case .other: counts.other += 1
            }
        }
        let ranked: [(NameScript, Int)] = [(.latin, counts.latin), (.cyrillic, counts.cyrillic), (.arabic, counts.arabic),
                                           (.han, counts.han), (.other, counts.other)]
        guard let best = ranked.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return .other }
        return best.0
    }

    /// The script of one scalar, by Unicode block.
    static func of(_ scalar: Unicode.Scalar) -> NameScript {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return .latin
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return .cyrillic
        case 0x600...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return .arabic
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return .han
        default: return .other
        }
    }
}
