/// Identity documents and phone numbers.
extension SyntheticPopulation {
    /// Number shapes of Belarusian-issued documents are assumed (two letters and digits), not taken from samples.
    static let residencePermitShape = "RP#######"
    static let refugeeCertificateShape = "RC######"
    static let asylumCertificateShape = "AS######"
    static let statelessTravelDocumentShape = "SP#######"

    func document(for draft: SyntheticDraft, rng: inout SyntheticRandom) -> SyntheticDocument? {
        let roll = rng.unit()
        let type: String
        switch draft.status {
        case "permanent-residence":
            if draft.stateless { type = roll < 0.7 ? "residence-permit" : "stateless-person-travel-document" }
            else { type = roll < 0.8 ? "residence-permit" : "passport" }
        case "temporary-residence":
            if draft.stateless { type = "stateless-person-travel-document" }
            else { type = roll < 0.6 ? "passport" : "residence-permit" }
        case "refugee": type = "refugee-certificate"
        case "asylum-seeker":
            guard roll < 0.85 else { return nil }
            type = "asylum-seeker-certificate"
        case "additional-protection", "temporary-protection":
            guard roll < 0.6 else { return nil }
            type = "passport"
        case "stateless":
            guard roll < 0.4 else { return nil }
            type = "stateless-person-travel-document"
        case "undocumented", "detained":
            guard roll < 0.45, !draft.stateless else { return nil }
            type = "passport"
        default: type = "passport"
        }
        return makeDocument(type, draft: draft, rng: &rng)
    }

    func makeDocument(_ type: String, draft: SyntheticDraft, rng: inout SyntheticRandom) -> SyntheticDocument {
        switch type {
        case "passport":
            return SyntheticDocument(type: type, issuingCountry: draft.originInfo.country,
                                     number: Self.fill(draft.originInfo.passport, &rng))
        case "residence-permit": return SyntheticDocument(type: type, issuingCountry: "BY", number: Self.fill(Self.residencePermitShape, &rng))
        case "refugee-certificate": return SyntheticDocument(type: type, issuingCountry: "BY", number: Self.fill(Self.refugeeCertificateShape, &rng))
        case "asylum-seeker-certificate": return SyntheticDocument(type: type, issuingCountry: "BY", number: Self.fill(Self.asylumCertificateShape, &rng))
        default: return SyntheticDocument(type: type, issuingCountry: "BY", number: Self.fill(Self.statelessTravelDocumentShape, &rng))
        }
    }

    /// `+375` and a mobile prefix, then seven digits not starting with 0.
    func phone(_ rng: inout SyntheticRandom) -> String {
        SyntheticFigures.mobilePrefixes.sample(&rng) + Self.fill("@######", &rng, firstDigitOnly: true)
    }

    /// Fills a shape: `#` a digit, `@` a capital letter (or, with `firstDigitOnly`, a digit 1-9), else literal.
    static func fill(_ shape: String, _ rng: inout SyntheticRandom, firstDigitOnly: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(shape.utf8.count)
        for byte in shape.utf8 {
            switch byte {
            case UInt8(ascii: "#"): bytes.append(48 + UInt8(rng.below(10)))
            case UInt8(ascii: "@"): bytes.append(firstDigitOnly ? 49 + UInt8(rng.below(9)) : 65 + UInt8(rng.below(26)))
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
