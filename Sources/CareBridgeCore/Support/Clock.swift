import Foundation

/// Times are stored as integer milliseconds since 1970: exact, sortable, and the same on every database.
public enum Clock {
    public static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    public static func date(millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
