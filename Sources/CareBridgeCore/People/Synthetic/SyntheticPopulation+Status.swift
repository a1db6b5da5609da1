/// Legal status, its dates and the insurance that goes with it.
extension SyntheticPopulation {
    static let firstStatusDay = SyntheticCalendar.day(1993, 1, 1)

    func status(track: SyntheticFigures.Track, origin: SyntheticOrigin, child: Bool, rng: inout SyntheticRandom) -> String {
        switch track {
        case .protection:
            return SyntheticFigures.protectionStatuses.sample(&rng)
        case .stateless:
            // Most stateless people hold a residence permit; the rest have no status but statelessness. Assumed.
            let roll = rng.unit()
            return roll < 0.7 ? "permanent-residence" : roll < 0.8 ? "temporary-residence" : "stateless"
        case .labour:
            if !child {
                let roll = rng.unit()
                if roll < SyntheticFigures.detainedShare { return "detained" }
                if roll < SyntheticFigures.detainedShare + SyntheticFigures.undocumentedShare { return "undocumented" }
            }
            // Shares assumed; EAEU statuses only for EAEU citizens (EAEU Treaty art. 96-98).
            let roll = rng.unit()
            if origin.eaeu {
                if child { return roll < 0.85 ? "eaeu-family-member" : "permanent-residence" }
                return roll < 0.55 ? "eaeu-worker" : roll < 0.67 ? "eaeu-family-member"
                    : roll < 0.80 ? "temporary-residence" : roll < 0.95 ? "permanent-residence" : "temporary-stay"
            }
            if child { return roll < 0.8 ? "temporary-residence" : "permanent-residence" }
            return roll < 0.25 ? "temporary-stay" : roll < 0.85 ? "temporary-residence" : "permanent-residence"
        }
    }

    /// The arrival day; protection holders came in the waves their origins saw (assumed years).
    func arrivalDay(track: SyntheticFigures.Track, origin: SyntheticOrigin, status: String, birthDay: Int,
                    rng: inout SyntheticRandom) -> Int {
        let year = SyntheticCalendar.civil(referenceDay).year
        func inYears(_ first: Int, _ last: Int) -> Int {
            SyntheticCalendar.day(rng.between(first, min(last, year)), 1, 1) + rng.below(365)
        }
        switch (track, status) {
        case (_, "asylum-seeker"):
            return referenceDay - 20 - rng.below(400)
        case (.protection, _):
            switch origin.country {
            case "UA": return rng.chance(0.5) ? inYears(2014, 2015) : inYears(2022, 2023)
            case "AF": return inYears(2016, 2022)
            case "SY": return inYears(2012, 2018)
            default: return inYears(2013, year - 1)
            }
        case (.stateless, _):
            return inYears(1992, 2015)
        case (_, "permanent-residence"):
            return referenceDay - 365 * rng.between(4, 25) - rng.below(365)
        default:
            let roll = rng.unit()
            let years = roll < 0.35 ? 0 : roll < 0.6 ? 1 : roll < 0.75 ? 2 : roll < 0.9 ? rng.between(3, 5) : rng.between(6, 12)
            return referenceDay - 365 * years - rng.below(365)
        }
    }

    /// Current episode: temporary statuses run for a term from a start mostly within the last term, so most are
    /// current and some have lapsed; the earlier episode, when there is one, ends before it (contiguous or gapped).
    func assignStatusDates(_ draft: inout SyntheticDraft, rng: inout SyntheticRandom) {
        let earliest = max(draft.arrivalDay, draft.birthDay)
        let term: Int?
        switch draft.status {
        case "temporary-stay": term = rng.chance(0.6) ? 90 : 180 + rng.below(186)
        case "temporary-residence", "eaeu-worker", "eaeu-family-member": term = rng.chance(0.8) ? 365 : 730
        case "asylum-seeker": term = 90
        case "additional-protection", "temporary-protection": term = 365
        case "detained": term = rng.chance(0.5) ? 30 + rng.below(150) : nil
        default: term = nil
        }
        var from: Int
        switch draft.status {
        case "permanent-residence": from = draft.arrivalDay + 365 * rng.between(1, 6) + rng.below(365)
        case "refugee", "stateless": from = draft.arrivalDay + 60 + rng.below(700)
        case "undocumented": from = referenceDay - 30 - rng.below(1_500)
        case "detained": from = referenceDay - 1 - rng.below(60)
        default: from = referenceDay - rng.below(Int(Double(term ?? 365) * 1.2))
        }
        // Assumed floor: no current status starts before 1993, so people born in the BSSR hold none from Soviet times.
        from = min(max(from, earliest, Self.firstStatusDay), referenceDay)
        draft.statusFrom = from
        draft.statusUntil = term.map { from + $0 }

        let previous: String?
        switch draft.status {
        case "temporary-residence", "eaeu-worker": previous = "temporary-stay"
        case "permanent-residence": previous = "temporary-residence"
        case "refugee", "additional-protection": previous = "asylum-seeker"
        case "undocumented": previous = rng.chance(0.5) ? "temporary-stay" : "temporary-residence"
        case "detained": previous = "undocumented"
        default: previous = nil
        }
        guard let previous, rng.chance(0.3) else { return }
        let until = from - 1 - (rng.chance(0.6) ? 0 : 10 + rng.below(200))
        let start = max(until - 60 - rng.below(600), earliest)
        guard start <= until else { return }
        draft.previousStatus = previous
        draft.previousFrom = start
        draft.previousUntil = until
    }

    /// Temporary stayers and residents must hold a policy unless exempt (CIS, Russian, Turkmen citizens;
    /// Decree No. 108 of 2025 ch. 5, mfa.gov.by); compliance and voluntary shares are assumed.
    func assignInsurance(_ draft: inout SyntheticDraft, rng: inout SyntheticRandom) {
        let share: Double
        switch draft.status {
        case "temporary-stay", "temporary-residence":
            share = draft.stateless ? 0.6 : draft.originInfo.insuranceExempt ? 0.2 : 0.92
        case "eaeu-worker", "eaeu-family-member": share = 0.3
        case "asylum-seeker", "undocumented", "detained": share = 0.01
        default: share = 0.05
        }
        guard rng.chance(share) else { return }
        draft.insurer = SyntheticFigures.insurers.sample(&rng)
        draft.insuranceFrom = max(draft.statusFrom - rng.below(10), draft.birthDay)
        draft.insuranceUntil = (draft.statusUntil ?? draft.statusFrom + 365) + rng.below(30)
    }
}
