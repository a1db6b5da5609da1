import Foundation
import Testing
@testable import CareBridgeCore

@Suite struct EpiWeekTests {
    @Test func theNewYearFallsInDifferentYearsByTheTwoSystems() throws {
        let day = try CalendarDay(year: 2026, month: 1, day: 1)
        #expect(EpiWeek(day, system: .iso).description == "2026-W01")
        #expect(EpiWeek(day, system: .mmwr).description == "2025-53")
        #expect(EpiWeek(try CalendarDay(year: 2021, month: 1, day: 3), system: .iso).description == "2020-W53")
        #expect(EpiWeek(try CalendarDay(year: 2021, month: 1, day: 3), system: .mmwr).description == "2021-01")
    }

    @Test func fiftyThreeWeekYears() {
        #expect([2015, 2020, 2026, 2032].allSatisfy { EpiWeek.weeks(in: $0, .iso) == 53 })
        #expect([2014, 2020, 2025].allSatisfy { EpiWeek.weeks(in: $0, .mmwr) == 53 })
        #expect(EpiWeek.weeks(in: 2024, .iso) == 52 && EpiWeek.weeks(in: 2026, .mmwr) == 52)
    }

    /// Every day from 1990 to 2040 against Foundation's calendars: ISO 8601, and Sunday-first weeks whose first
    /// week has at least four days (the MMWR rule).
    @Test func everyDayAgreesWithFoundationsCalendars() throws {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = TimeZone(identifier: "UTC")!
        var mmwr = Calendar(identifier: .gregorian)
        mmwr.timeZone = TimeZone(identifier: "UTC")!
        (mmwr.firstWeekday, mmwr.minimumDaysInFirstWeek) = (1, 4)
        let first = try CalendarDay(year: 1990, month: 1, day: 1).dayNumber
        let last = try CalendarDay(year: 2040, month: 12, day: 31).dayNumber
        for n in first...last {
            let day = CalendarDay(dayNumber: n)
            #expect(day.dayNumber == n)
            for (system, calendar) in [(EpiWeekSystem.iso, iso), (.mmwr, mmwr)] {
                let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day.start)
                let week = EpiWeek(day, system: system)
                #expect((week.year, week.week) == (c.yearForWeekOfYear!, c.weekOfYear!), "\(day) \(system)")
                #expect(week.start <= day && day <= week.end)
            }
        }
    }

    @Test func weeksParseAndStep() throws {
        let w = try EpiWeek(parsing: "2026-W07", system: .iso)
        #expect(w.start.description == "2026-02-09")
        #expect(w.adding(weeks: -7).description == "2025-W52")
        #expect(w.adding(weeks: 46).description == "2026-W53")
        #expect(w.weeks(to: w.adding(weeks: 60)) == 60)
        #expect(throws: CareBridgeError.self) { try EpiWeek(parsing: "2025-W53", system: .iso) }
        #expect(throws: CareBridgeError.self) { try EpiWeek(parsing: "week 7", system: .iso) }
        #expect(try EpiWeek(parsing: "2025-53", system: .mmwr).start.description == "2025-12-28")
    }
}
