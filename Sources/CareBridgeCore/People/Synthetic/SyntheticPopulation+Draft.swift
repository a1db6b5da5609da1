/// The choices behind one person, kept as catalog indices and day numbers so a duplicate or a relative can be
/// derived from them before anything is rendered to strings.
struct SyntheticDraft {
    var track: SyntheticFigures.Track
    var origin: Int
    var female: Bool
    var sexUnknown = false
    var given: Int
    var mixedFamily: Bool
    var family: Int
    var father: Int
    var patronymic: Bool
    var primary: SyntheticRendering
    var others: [SyntheticRendering]
    var birthDay: Int
    /// 0 full date, 1 year and month, 2 year only.
    var birthPrecision: Int
    var stateless: Bool
    var bornInBelarus: Bool
    var arrivalDay: Int
    var speaksRussian: Bool
    var region: String
    var status: String
    var statusFrom: Int
    var statusUntil: Int?
    var previousStatus: String?
    var previousFrom = 0
    var previousUntil = 0
    var insurer: String?
    var insuranceFrom = 0
    var insuranceUntil = 0
    var document: SyntheticDocument?
    var phone: String?

    var originInfo: SyntheticOrigin { SyntheticOrigin.all[origin] }
    var names: SyntheticNameGroup { originInfo.names }
    var familyGroup: SyntheticNameGroup { mixedFamily ? originInfo.mixedFamily! : originInfo.names }
}

/// One way of writing the name: a script slot of the person's name group and a spelling variant in it.
struct SyntheticRendering: Equatable, Sendable {
    var slot: Int
    var variant: Int
}

extension SyntheticPopulation {
    /// The base person `index`, before any duplicate perturbation; `depth` bounds chains of households.
    func draft(_ index: Int, rng: inout SyntheticRandom, depth: Int) -> SyntheticDraft {
        var household: SyntheticDraft?
        if index > 0, depth < 3, rng.chance(SyntheticFigures.relativeShare) {
            let relative = earlierOriginal(before: index, rng: &rng)
            var relativeRNG = SyntheticRandom(seed: seed, index: relative)
            if relative > 0 { _ = relativeRNG.unit() }
            household = draft(relative, rng: &relativeRNG, depth: depth + 1)
        }

        let track = household?.track ?? SyntheticFigures.tracks.sample(&rng)
        let origin: Int
        if let household { origin = household.origin } else {
            switch track {
            case .labour: origin = SyntheticFigures.labourOrigins.sample(&rng)
            case .protection: origin = SyntheticFigures.protectionOrigins.sample(&rng)
            case .stateless: origin = SyntheticFigures.statelessOrigins.sample(&rng)
            }
        }
        let info = SyntheticOrigin.all[origin]
        let group = info.names

        let ages = SyntheticFigures.ages(track).sample(&rng)
        let age = rng.between(ages.lowerBound, ages.upperBound)
        let female = rng.chance(age < 18 ? 0.49 : SyntheticFigures.femaleShare(track))
        let birthDay = referenceDay - age * 365 - age / 4 - rng.below(365)
        let precisionRoll = rng.unit()
        let birthPrecision = precisionRoll < SyntheticFigures.yearOnlyShare ? 2
            : precisionRoll < SyntheticFigures.yearOnlyShare + SyntheticFigures.yearMonthShare ? 1 : 0

        let given = (female ? group.femaleRanks : group.maleRanks).sample(&rng)
        let mixedFamily: Bool
        let family: Int
        if let household {
            mixedFamily = household.mixedFamily
            family = household.family
        } else {
            mixedFamily = info.mixedFamily != nil && rng.chance(info.mixedShare)
            family = (mixedFamily ? info.mixedFamily! : group).familyRanks.sample(&rng)
        }
        let father = group.maleRanks.sample(&rng)
        let patronymic: Bool
        switch group.patronymics {
        case .usually: patronymic = rng.chance(0.9)
        case .sometimes: patronymic = rng.chance(0.3)
        case .none: patronymic = false
        }

        let stateless = track == .stateless
        let status = self.status(track: track, origin: info, child: age < 18, rng: &rng)
        var arrival = household?.arrivalDay ?? arrivalDay(track: track, origin: info, status: status, birthDay: birthDay, rng: &rng)
        var bornInBelarus = origin == SyntheticOrigin.belarus
        if arrival < birthDay || bornInBelarus {
            arrival = birthDay
            bornInBelarus = true
        }
        arrival = min(arrival, referenceDay)

        var draft = SyntheticDraft(
            track: track, origin: origin, female: female, given: given, mixedFamily: mixedFamily, family: family,
            father: father, patronymic: patronymic, primary: SyntheticRendering(slot: 0, variant: 0), others: [],
            birthDay: birthDay, birthPrecision: birthPrecision, stateless: stateless, bornInBelarus: bornInBelarus,
            arrivalDay: arrival, speaksRussian: rng.chance(age < 18 && bornInBelarus ? max(0.95, info.russianShare) : info.russianShare),
            region: household?.region ?? SyntheticFigures.regions.sample(&rng),
            status: status, statusFrom: 0, statusUntil: nil)
        draft.sexUnknown = rng.chance(0.003)
        assignStatusDates(&draft, rng: &rng)
        assignInsurance(&draft, rng: &rng)
        draft.document = document(for: draft, rng: &rng)
        draft.phone = age >= 14 && rng.chance(SyntheticFigures.phoneShare) ? phone(&rng) : nil
        draft.primary = registeredRendering(draft, rng: &rng)
        draft.others = otherRenderings(draft, excluding: draft.primary, count: otherCount(&rng), rng: &rng)
        return draft
    }

    /// The primary spelling: the script a registering office most likely uses, usually its common variant.
    func registeredRendering(_ draft: SyntheticDraft, rng: inout SyntheticRandom) -> SyntheticRendering {
        let slot = draft.names.registration.sample(&rng)
        let count = variantCount(draft, slot: slot)
        return SyntheticRendering(slot: slot, variant: count > 1 && rng.chance(0.3) ? 1 + rng.below(count - 1) : 0)
    }

    /// Up to `count` renderings other than `excluding`, preferring other scripts.
    func otherRenderings(_ draft: SyntheticDraft, excluding: SyntheticRendering, count: Int, rng: inout SyntheticRandom) -> [SyntheticRendering] {
        guard count > 0 else { return [] }
        var chosen: [SyntheticRendering] = []
        let slots = draft.names.scripts.count
        for _ in 0 ..< count * 3 where chosen.count < count {
            let slot = slots > 1 && rng.chance(0.7) ? (excluding.slot + 1 + rng.below(slots - 1)) % slots : rng.below(slots)
            let candidate = SyntheticRendering(slot: slot, variant: rng.below(variantCount(draft, slot: slot)))
            if candidate != excluding, !chosen.contains(candidate) { chosen.append(candidate) }
        }
        return chosen
    }

    /// How many other spellings a record carries: 0 (2/7), 1 (3/7) or 2 (2/7); assumed.
    func otherCount(_ rng: inout SyntheticRandom) -> Int {
        let roll = rng.below(7)
        return roll < 2 ? 0 : roll < 5 ? 1 : 2
    }

    func variantCount(_ draft: SyntheticDraft, slot: Int) -> Int {
        let group = draft.names
        let given = draft.female ? group.female[draft.given] : group.male[draft.given]
        var count = max(given.forms[slot].count, draft.familyGroup.family[draft.family].forms[slot].count)
        if draft.patronymic, group.scripts[slot] == .cyrillic {
            count = max(count, group.male[draft.father].patronymicMasculine.count)
        }
        return count
    }
}
