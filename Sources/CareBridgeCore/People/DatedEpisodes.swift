import Foundation

/// Something true of a person from one day to another, both inclusive; an open end means "until further notice".
public protocol DatedEpisode {
    var id: UUID { get }
    var validFrom: CalendarDay { get }
    var validUntil: CalendarDay? { get }
}


extension DatedEpisode {
    public func covers(_ day: CalendarDay) -> Bool {
        validFrom <= day && (validUntil.map { day <= $0 } ?? true)
    }

    public func overlaps(_ other: some DatedEpisode) -> Bool {
        let endsBeforeOther = validUntil.map { $0 < other.validFrom } ?? false
        let startsAfterOther = other.validUntil.map { validFrom > $0 } ?? false
        return !endsBeforeOther && !startsAfterOther
    }

    /// Refuses an end before the start, naming the field.
    public func validateRange(field: String) throws {
        if let validUntil, validUntil < validFrom {
            throw CareBridgeError.invalid("\(field).validUntil", "validUntil \(validUntil) is before validFrom \(validFrom).")
        }
    }
}

/// Episodes of one kind held by one person, kept free of overlaps so that "what held on day D" has exactly one answer.
public enum EpisodeTimeline {
    /// The episode in force on `day`, if any.
    public static func on<E: DatedEpisode>(_ day: CalendarDay, in episodes: [E]) -> E? {
        episodes.first { $0.covers(day) }
    }

    /// Refuses `candidate` if it overlaps any other episode (an episode with the same id is the one being replaced).
    public static func checkNoOverlap<E: DatedEpisode>(_ candidate: E, with existing: [E], what: String, describe: (E) -> String) throws {
        if let clash = existing.first(where: { $0.id != candidate.id && $0.overlaps(candidate) }) {
            let until = clash.validUntil.map(\.description) ?? "open-ended"
            throw CareBridgeError(.conflict, title: "Overlapping \(what)",
                                  detail: "This \(what) (\(candidate.validFrom) to \(candidate.validUntil.map(\.description) ?? "open-ended")) overlaps \(describe(clash)) from \(clash.validFrom) to \(until); end that one first or change the dates.",
                                  reason: "overlapping-episode", field: "validFrom")
        }
    }
}
