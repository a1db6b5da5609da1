import Foundation

/// The per-field explanation, built only for pairs that are shown (the search itself works on numbers).
extension MatchModel {
    func result(_ a: Blob.Bytes, _ fa: FixedFields, _ b: Blob.Bytes, _ fb: FixedFields,
                frequencies: (NameScore) -> NameWeights = { _ in NameWeights() }) -> MatchResult {
        let d = breakdown(a, fa, b, fb)
        let nameWeights = frequencies(d.names)
        let total = weight(d, names: nameWeights)
        let fieldWeights = nameFieldWeights(d, nameWeights)
        let w = weights
        let swapNote = d.names.swapped ? " (given and family names swapped)" : ""
        let fields = [
            nameEvidence(.givenName, d.names.given, a, d.names.givenParts.a, b, d.names.givenParts.b,
                         fieldWeights.given, swapNote).withPatronymic(d.patronymic, patronymicWeight(d.patronymic), a, b),
            nameEvidence(.familyName, d.names.family, a, d.names.familyParts.a, b, d.names.familyParts.b,
                         fieldWeights.family, swapNote),
            dateEvidence(d.date, fa, fb, nameWeights.birthYear),
            FieldEvidence(field: .sex, level: d.sex, weight: levelWeight(d.sex, w.sexAgree, w.sexDisagree),
                          detail: d.sex == .missing ? "not recorded on one side" : "\(Self.sexText(fa.sex)) \(d.sex == .agree ? "=" : "≠") \(Self.sexText(fb.sex))"),
            FieldEvidence(field: .citizenship, level: d.citizenship,
                          weight: levelWeight(d.citizenship, w.citizenshipAgree, w.citizenshipDisagree),
                          detail: d.citizenship == .missing ? "not recorded on one side"
                              : "\(Self.countryText(fa.citizenship)) \(d.citizenship == .agree ? "=" : "≠") \(Self.countryText(fb.citizenship))"),
            documentEvidence(d.document),
            phoneEvidence(d.phone),
        ]
        return MatchResult(weight: total, probability: probability(weight: total), fields: fields)
    }

    func nameEvidence(_ field: MatchField, _ s: Double, _ a: Blob.Bytes, _ pa: Int, _ b: Blob.Bytes, _ pb: Int,
                      _ weight: Double, _ note: String) -> FieldEvidence {
        let lvl = level(s)
        guard lvl != .missing else {
            return FieldEvidence(field: field, level: .missing, weight: 0, detail: "not recorded on one side")
        }
        let text = "\(Blob.partText(a, pa)) ~ \(Blob.partText(b, pb)) (\(String(format: "%.2f", s)))\(note)"
        return FieldEvidence(field: field, level: lvl, weight: weight, similarity: s, detail: text)
    }

    func dateEvidence(_ d: DateAgreement, _ fa: FixedFields, _ fb: FixedFields, _ yearBits: Double = 0) -> FieldEvidence {
        let pair = "\(Self.dateText(fa)) ~ \(Self.dateText(fb))"
        switch d {
        case .missing: return FieldEvidence(field: .birthDate, level: .missing, weight: 0, detail: "not recorded on one side")
        case .exact: return FieldEvidence(field: .birthDate, level: .agree, weight: dateWeight(d, yearBits), detail: "\(Self.dateText(fa)) = \(Self.dateText(fb))")
        case .yearMonth, .year:
            return FieldEvidence(field: .birthDate, level: .partial, weight: dateWeight(d, yearBits), detail: "\(pair) (equal as far as both are known)")
        case .swapped:
            return FieldEvidence(field: .birthDate, level: .partial, weight: dateWeight(d, yearBits), detail: "\(pair) (day and month swapped)")
        case .typo:
            return FieldEvidence(field: .birthDate, level: .partial, weight: dateWeight(d, yearBits), detail: "\(pair) (one digit differs)")
        case .disagree: return FieldEvidence(field: .birthDate, level: .disagree, weight: dateWeight(d, yearBits), detail: pair)
        }
    }

    func documentEvidence(_ d: KeyAgreement) -> FieldEvidence {
        switch d {
        case .missing: FieldEvidence(field: .document, level: .missing, weight: 0, detail: "no documents on one side")
        case .shared: FieldEvidence(field: .document, level: .agree, weight: weights.documentAgree, detail: "a document in common")
        case .noneShared: FieldEvidence(field: .document, level: .disagree, weight: weights.documentDisagree, detail: "no document in common")
        }
    }

    /// Like documents, the number itself is not shown: evidence is logged and read by more people than the record.
    func phoneEvidence(_ d: KeyAgreement) -> FieldEvidence {
        switch d {
        case .missing: FieldEvidence(field: .phone, level: .missing, weight: 0, detail: "no phone on one side")
        case .shared: FieldEvidence(field: .phone, level: .agree, weight: weights.phoneAgree, detail: "a phone number in common")
        case .noneShared: FieldEvidence(field: .phone, level: .disagree, weight: weights.phoneDisagree, detail: "no phone number in common")
        }
    }

    static func dateText(_ f: FixedFields) -> String {
        guard f.year != 0 else { return "unknown" }
        var text = String(format: "%04d", Int(f.year))
        if f.month != 0 { text += String(format: "-%02d", Int(f.month)) }
        if f.day != 0 { text += String(format: "-%02d", Int(f.day)) }
        return text
    }

    static func sexText(_ code: UInt8) -> String { ["unknown", "female", "male", "other"][Int(min(code, 3))] }

    static func countryText(_ code: UInt16) -> String {
        String(decoding: [UInt8(code >> 8), UInt8(code & 0xFF)], as: UTF8.self)
    }
}

extension FieldEvidence {
    /// The patronymic counts with the given name (one field for the clerk: "Ivan Petrovich"), only when both records have one.
    func withPatronymic(_ similarity: Double, _ weight: Double, _ a: Blob.Bytes, _ b: Blob.Bytes) -> FieldEvidence {
        guard similarity >= 0 else { return self }
        let pa = Blob.patronymics(a), pb = Blob.patronymics(b)
        var copy = self
        copy.weight += weight
        copy.detail += "; patronymic \(String(decoding: Blob.letters(a, pa.offset), as: UTF8.self)) ~ "
            + "\(String(decoding: Blob.letters(b, pb.offset), as: UTF8.self)) (\(String(format: "%.2f", similarity)))"
        return copy
    }
}
