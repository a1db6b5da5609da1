import Foundation

/// A reproducible synthetic population of migrants in Belarus for demos, load tests and measuring the identity
/// matcher. Person `i` is computed from `(seed, i)` alone, so any range can be generated on any thread.
/// A share of people are planted near-duplicates of an earlier person; only `duplicateOf` records the truth.
public struct SyntheticPopulation: Sendable {
    public let seed: UInt64
    public let duplicateShare: Double
    /// Nobody is born, arrives or starts a status after this day.
    public let referenceDate: Date

    /// 2026-11-29, fixed so tests and demos do not change with the calendar.
    public static let defaultReferenceDate = Date(timeIntervalSince1970: Double(SyntheticCalendar.day(2026, 11, 29)) * 86_400)

    /// Every status a generated person can have.
    public static let statuses = [
        "eaeu-worker", "eaeu-family-member", "temporary-stay", "temporary-residence", "permanent-residence",
        "asylum-seeker", "refugee", "additional-protection", "temporary-protection", "stateless", "undocumented", "detained",
    ]
    /// Statuses open only to citizens of EAEU member states (EAEU Treaty art. 96-98).
    public static let eaeuStatuses: Set<String> = ["eaeu-worker", "eaeu-family-member"]
    /// Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia (EAEU Treaty, 2014, with accessions of 2015).
    public static let eaeuCountries: Set<String> = ["AM", "BY", "KZ", "KG", "RU"]
    /// ISO 3166-2:BY codes: six regions and the city of Minsk.
    public static let regions = ["BY-BR", "BY-HO", "BY-HR", "BY-MA", "BY-MI", "BY-VI", "BY-HM"]

    let referenceDay: Int

    public init(seed: UInt64, duplicateShare: Double = 0.02, referenceDate: Date = SyntheticPopulation.defaultReferenceDate) {
        precondition((0 ..< 1).contains(duplicateShare), "duplicateShare must be in [0, 1)")
        self.seed = seed
        self.duplicateShare = duplicateShare
        self.referenceDate = referenceDate
        referenceDay = Int((referenceDate.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// Person number `index` (0-based), computed from (seed, index) only, so generation can be split across threads.
    public func person(_ index: Int) -> SyntheticPerson {
        precondition(index >= 0, "index must not be negative")
        var rng = SyntheticRandom(seed: seed, index: index)
        if index > 0, rng.unit() < duplicateShare {
            return duplicate(index, rng: &rng)
        }
        return render(draft(index, rng: &rng, depth: 0), index: index)
    }

    /// People `range`, in order; a convenience for callers that do not split the work themselves.
    public func people(_ range: Range<Int>) -> [SyntheticPerson] { range.map(person) }

    /// Whether person `index` is a planted duplicate, without generating it.
    public func isDuplicate(_ index: Int) -> Bool {
        guard index > 0 else { return false }
        var rng = SyntheticRandom(seed: seed, index: index)
        return rng.unit() < duplicateShare
    }

    /// An earlier person that is not itself a duplicate, chosen from the caller's stream.
    func earlierOriginal(before index: Int, rng: inout SyntheticRandom) -> Int {
        for _ in 0 ..< 8 {
            let candidate = rng.below(index)
            if !isDuplicate(candidate) { return candidate }
        }
        var candidate = rng.below(index)
        while isDuplicate(candidate) { candidate -= 1 }
        return candidate
    }
}
