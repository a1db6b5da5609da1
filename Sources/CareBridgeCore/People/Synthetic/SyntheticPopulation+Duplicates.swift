/// Planted near-duplicates: an earlier person registered again, the way re-registrations really differ.
/// Shares are assumed, from the brief: another script or romanization in most, a typo in ~30%, given and
/// family names swapped in ~10%, a reduced or day/month-swapped birth date in ~20%.
extension SyntheticPopulation {
    func duplicate(_ index: Int, rng: inout SyntheticRandom) -> SyntheticPerson {
        let original = earlierOriginal(before: index, rng: &rng)
        var originalRNG = SyntheticRandom(seed: seed, index: original)
        if original > 0 { _ = originalRNG.unit() }
        var draft = self.draft(original, rng: &originalRNG, depth: 0)

        if rng.chance(0.7), let other = otherRenderings(draft, excluding: draft.primary, count: 1, rng: &rng).first {
            draft.primary = other
        }
        draft.others = otherRenderings(draft, excluding: draft.primary, count: otherCount(&rng), rng: &rng)
        if rng.chance(0.3) { draft.region = SyntheticFigures.regions.sample(&rng) }
        if rng.chance(0.4) {
            // Re-registered later: the same status, started again.
            let shift = min(30 + rng.below(370), referenceDay - draft.statusFrom)
            draft.statusFrom += shift
            draft.statusUntil = draft.statusUntil.map { $0 + shift }
        }
        let documentRoll = rng.unit()
        if documentRoll < 0.25 {
            draft.document = nil
        } else if documentRoll < 0.5 {
            let type = draft.document?.type ?? (draft.stateless ? "stateless-person-travel-document" : "passport")
            draft.document = makeDocument(type, draft: draft, rng: &rng)
        }
        let phoneRoll = rng.unit()
        if phoneRoll < 0.15 { draft.phone = nil } else if phoneRoll < 0.4 { draft.phone = phone(&rng) }

        var person = render(draft, index: index)
        person.duplicateOf = original
        if rng.chance(0.3) {
            if rng.chance(0.5) { person.names[0].given = Self.typo(person.names[0].given, &rng) }
            else { person.names[0].family = Self.typo(person.names[0].family, &rng) }
        }
        if rng.chance(0.1) {
            let primary = person.names[0]
            person.names[0].given = primary.family
            person.names[0].family = primary.given
        }
        if rng.chance(0.2) {
            if let day = person.birthDay, let month = person.birthMonth, day <= 12, day != month, rng.chance(0.5) {
                person.birthDay = month
                person.birthMonth = day
            } else {
                person.birthMonth = nil
                person.birthDay = nil
            }
        }
        if rng.chance(0.02) { person.sex = "unknown" }
        return person
    }

    /// One keyboard or hearing slip inside the word: two letters transposed, one dropped or one doubled.
    static func typo(_ word: String, _ rng: inout SyntheticRandom) -> String {
        var letters = Array(word)
        guard letters.count >= 4 else { return word + String(letters[letters.count - 1]) }
        let position = 1 + rng.below(letters.count - 2)
        switch rng.below(3) {
        case 0:
            if letters[position] == letters[position + 1] { letters.remove(at: position) }
            else { letters.swapAt(position, position + 1) }
        case 1: letters.remove(at: position)
        default: letters.insert(letters[position], at: position)
        }
        return String(letters)
    }
}
