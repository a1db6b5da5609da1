import Foundation

extension Referral {
    /// The longest note a party may write: decline and cancel reasons, outcome notes, emergency grounds.
    public static let maxNoteLength = 500
    public static let maxReasonLength = 2000
    public static let maxLanguages = 10

    /// Refuses a referral with a bad or inconsistent field, naming the field.
    public func validate() throws {
        try TextRules.required(reason, field: "reason", max: Self.maxReasonLength)
        guard languagesNeeded.count <= Self.maxLanguages else {
            throw CareBridgeError.invalid("languagesNeeded", "At most \(Self.maxLanguages) languages can be asked for.")
        }
        for (i, tag) in languagesNeeded.enumerated() { try Validation.languageTag(tag, field: "languagesNeeded[\(i)]") }
        if let outcomeNote { try TextRules.optional(outcomeNote, field: "outcomeNote", max: Self.maxNoteLength) }
        if let declineReason { try TextRules.required(declineReason, field: "declineReason", max: Self.maxNoteLength) }
        if state == .declined, declineReason == nil {
            throw CareBridgeError.invalid("declineReason", "A declined referral needs the reason it was declined.")
        }
        if state == .booked, appointment == nil {
            throw CareBridgeError.invalid("appointment", "A booked referral needs the appointment date.")
        }
        if case .emergency(let reason) = consentBasis {
            try TextRules.required(reason, field: "consentBasis.reason", max: Self.maxNoteLength)
        }
        guard updatedAt >= createdAt else { throw CareBridgeError.invalid("updatedAt", "updatedAt must not be before createdAt.") }
        guard let last = events.last, events.first?.action == .send, last.to == state else {
            throw CareBridgeError.invalid("events", "The history must start with send and end in the current state (\(state.rawValue)).")
        }
    }
}
