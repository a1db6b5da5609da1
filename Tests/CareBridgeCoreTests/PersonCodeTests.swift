import Foundation
import Testing

@testable import CareBridgeCore

@Suite("Person codes and calendar days, fast paths against the general ones")
struct PersonCodeTests {
    @Test("codes made from numbers match the Character construction, check out, and come back from canonical unchanged")
    func codesFromNumbers() {
        var random = SystemRandomNumberGenerator()
        let edges: [UInt64] = [0, 1, 31, 32, (1 << 35) - 1]
        let numbers = edges + (0..<2_000).map { _ in UInt64.random(in: 0..<(1 << 35), using: &random) }
        for number in numbers {
            let body = (0..<7).reversed().map { PersonCode.alphabet[Int((number >> (5 * UInt64($0))) & 31)] }
            let expected = PersonCode.format(body + [PersonCode.checkCharacter(for: body)])
            let code = PersonCode.make(number: number)
            #expect(code == expected)
            #expect(PersonCode.isCanonical(code))
            #expect(PersonCode.canonical(code) == code)
            #expect(PersonCode.canonical(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
        }
    }

    @Test("a code with a wrong check character, a look-alike or a wrong shape is not taken as canonical")
    func notCanonical() {
        let code = PersonCode.make(number: 123_456_789)
        var wrong = Array(code)
        wrong[11] = wrong[11] == "0" ? "1" : "0"
        #expect(!PersonCode.isCanonical(String(wrong)))
        #expect(PersonCode.canonical(String(wrong)) == nil)
        #expect(!PersonCode.isCanonical(code.lowercased()))
        #expect(!PersonCode.isCanonical("CB-" + code.dropFirst(3).replacingOccurrences(of: "-", with: "")))
        #expect(!PersonCode.isCanonical(code + " "))
        if let zero = code.firstIndex(of: "0") {
            var lookAlike = code
            lookAlike.replaceSubrange(zero...zero, with: "O")
            #expect(!PersonCode.isCanonical(lookAlike))
            #expect(PersonCode.canonical(lookAlike) == code)
        }
    }

    @Test("calendar days parse the same through the digit fast path and the general one")
    func calendarDays() throws {
        #expect(try CalendarDay(parsing: "2024-02-29", field: "d") == CalendarDay(year: 2024, month: 2, day: 29))
        let digits = try #require(CalendarDay.digits("2024-02-29"))
        #expect(digits.0 == 2024 && digits.1 == 2 && digits.2 == 29)
        for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01", "2024-1-01", "2024/01/01", "２０２４-01-01", "2024-01-1x", ""] {
            #expect(throws: CareBridgeError.self) { try CalendarDay(parsing: bad, field: "d") }
        }
        for day in [try CalendarDay(year: 1, month: 1, day: 1), try CalendarDay(year: 987, month: 10, day: 9), try CalendarDay(year: 9999, month: 12, day: 31)] {
            #expect(day.description == "\(day.year.padded(4))-\(day.month.padded(2))-\(day.day.padded(2))")
            #expect(try CalendarDay(parsing: day.description, field: "d") == day)
        }
        // Shapes only the general path reads still parse as before.
        #expect(CalendarDay.digits("+024-01-01") == nil)
        #expect(CalendarDay.digits("２０２４-01-01") == nil)
        #expect(try CalendarDay(parsing: "+024-01-01", field: "d") == CalendarDay(year: 24, month: 1, day: 1))
    }

    @Test("UUIDs are written in the lowercase form Foundation gives")
    func uuids() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(Hex.uuid(id) == id.uuidString.lowercased())
        }
    }
}
