import Foundation

/// What a population scan needs of one person, in plain values: read from the registry, or drawn by a benchmark.
public struct PersonFacts: Sendable, Hashable {
    public struct Span: Sendable, Hashable {
        public var from: CalendarDay
        public var until: CalendarDay?
        public init(from: CalendarDay, until: CalendarDay?) { (self.from, self.until) = (from, until) }
    }
    public var id: UUID
    public var citizenship: String?
    public var region: String?
    public var sex: Sex?
    public var birth: PartialDate?
    public var statuses: [(kind: LegalStatusKind, span: Span)]
    public var insurance: [Span]
    /// For the screening rules: where the person was born and when they arrived (WHO core migrant variables).
    public var countryOfBirth: String?
    public var arrival: PartialDate?
    /// What their health records add up to for the care cascade.
    public var health: HealthMilestones
    /// Whether they need an interpreter (an equity breakdown), and the referrals made for them.
    public var interpreterNeeded: Bool
    public var referrals: [ReferralFacts]

    public init(id: UUID, citizenship: String?, region: String?, sex: Sex?, birth: PartialDate?, statuses: [(kind: LegalStatusKind, span: Span)], insurance: [Span],
                countryOfBirth: String? = nil, arrival: PartialDate? = nil, health: HealthMilestones = HealthMilestones(),
                interpreterNeeded: Bool = false, referrals: [ReferralFacts] = []) {
        (self.id, self.citizenship, self.region, self.sex, self.birth, self.statuses, self.insurance) = (id, citizenship, region, sex, birth, statuses, insurance)
        (self.countryOfBirth, self.arrival, self.health) = (countryOfBirth, arrival, health)
        (self.interpreterNeeded, self.referrals) = (interpreterNeeded, referrals)
    }
    public static func == (a: PersonFacts, b: PersonFacts) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// The columnar population snapshot of DESIGN.md: small integer codes per person in flat arrays, so a scan over a
/// million people touches a few megabytes. A value type: a scan copies it in O(1) and reads a consistent picture
/// while writes go on (copy-on-write copies an array only when a write lands during a scan).
public struct PopulationSnapshot: Sendable {
    /// Code lists; index 0 of each means "not recorded".
    public private(set) var countries: [String] = [""]
    public private(set) var regions: [String] = [""]
    var countryCode: [String: UInt16] = [:]
    var regionCode: [String: UInt16] = [:]

    // One entry per row; a removed or replaced person's row stays, marked dead, until the next rebuild.
    var ids: [UUID] = []
    var alive: [Bool] = []
    public private(set) var citizenship: [UInt16] = []
    public private(set) var region: [UInt16] = []
    public private(set) var sex: [UInt8] = []
    /// Birth as yyyymmdd (an unknown month read as December, an unknown day as the month's last); 0 when unknown.
    var birth: [Int32] = []
    /// Country of origin for screening (birth, else citizenship), a code into `countries`; arrival as year * 12 + month
    /// (an unknown month read as December, so never earlier than the truth), 0 when unknown; health milestone bits.
    public private(set) var origin: [UInt16] = []
    var arrival: [Int32] = []
    public internal(set) var health: [UInt32] = []
    // Episodes as linked lists in flat arrays: the first of each row, then each one's next (-1 ends).
    var firstStatus: [Int32] = [], firstInsurance: [Int32] = []
    var statusKind: [UInt8] = [], statusFrom: [Int32] = [], statusUntil: [Int32] = [], statusNext: [Int32] = []
    var insuranceFrom: [Int32] = [], insuranceUntil: [Int32] = [], insuranceNext: [Int32] = []
    public private(set) var interpreter: [Bool] = []
    /// Referrals, linked per row like the episodes: days as `CalendarDay.serial` (0: not attended), the state's and the
    /// decline code's index in their `allCases` (decline 0: none recorded, else index + 1).
    var firstReferral: [Int32] = []
    var referralCreated: [Int32] = [], referralAttended: [Int32] = [], referralState: [UInt8] = [], referralDecline: [UInt8] = [], referralNext: [Int32] = []
    var rowOf: [UUID: Int32] = [:]

    public init() {}

    public init(_ people: [PersonFacts]) {
        reserve(people.count)
        for person in people { append(person) }
    }

    public mutating func reserve(_ n: Int) {
        for a in [\PopulationSnapshot.citizenship, \.region] { self[keyPath: a].reserveCapacity(n) }
        ids.reserveCapacity(n); alive.reserveCapacity(n); sex.reserveCapacity(n); birth.reserveCapacity(n)
        origin.reserveCapacity(n); arrival.reserveCapacity(n); health.reserveCapacity(n); interpreter.reserveCapacity(n); firstReferral.reserveCapacity(n)
        firstStatus.reserveCapacity(n); firstInsurance.reserveCapacity(n)
        statusKind.reserveCapacity(n); statusFrom.reserveCapacity(n); statusUntil.reserveCapacity(n); statusNext.reserveCapacity(n)
        rowOf.reserveCapacity(n)
    }

    /// People in the snapshot.
    public var count: Int { rowOf.count }
    public var rows: Int { ids.count }

    /// Adds a person, or replaces what the snapshot holds for them.
    public mutating func upsert(_ person: PersonFacts) {
        if let row = rowOf[person.id] { alive[Int(row)] = false }
        append(person)
    }

    /// Replaces a person's health milestones (after a health record is written).
    public mutating func setHealth(_ id: UUID, _ milestones: HealthMilestones) {
        if let row = rowOf[id] { health[Int(row)] = milestones.bits }
    }

    /// A person's milestones, when they are in the snapshot.
    public func healthOf(_ id: UUID) -> HealthMilestones? { rowOf[id].map { HealthMilestones(bits: health[Int($0)]) } }

    public mutating func remove(_ id: UUID) {
        if let row = rowOf.removeValue(forKey: id) { alive[Int(row)] = false }
    }

    mutating func append(_ person: PersonFacts) {
        let row = Int32(ids.count)
        ids.append(person.id)
        alive.append(true)
        rowOf[person.id] = row
        citizenship.append(code(person.citizenship, in: &countries, &countryCode))
        region.append(code(person.region, in: &regions, &regionCode))
        sex.append(person.sex.map { UInt8(Sex.allCases.firstIndex(of: $0)! + 1) } ?? 0)
        // The latest day the partial date allows, so ages here are the lowest possible, as on the person's own page
        // (PartialDate.age): someone born "1990" is 35 on 2026-11-01 in a scan and on their page alike.
        birth.append(person.birth.map { b in
            let month = b.month ?? 12
            return Int32(b.year * 10_000 + month * 100 + (b.day ?? CalendarDay.days(inMonth: month, year: b.year)))
        } ?? 0)
        origin.append(person.countryOfBirth.map { code($0, in: &countries, &countryCode) } ?? citizenship[citizenship.count - 1])
        arrival.append(person.arrival.map { Int32($0.year * 12 + ($0.month ?? 12)) } ?? 0)
        health.append(person.health.bits)
        var next: Int32 = -1
        for status in person.statuses.reversed() {
            statusKind.append(UInt8(LegalStatusKind.allCases.firstIndex(of: status.kind)!))
            statusFrom.append(status.span.from.number)
            statusUntil.append(status.span.until?.number ?? .max)
            statusNext.append(next)
            next = Int32(statusKind.count - 1)
        }
        firstStatus.append(next)
        next = -1
        for span in person.insurance.reversed() {
            insuranceFrom.append(span.from.number)
            insuranceUntil.append(span.until?.number ?? .max)
            insuranceNext.append(next)
            next = Int32(insuranceFrom.count - 1)
        }
        firstInsurance.append(next)
        interpreter.append(person.interpreterNeeded)
        next = -1
        for referral in person.referrals.reversed() {
            referralCreated.append(referral.created.serial)
            referralAttended.append(referral.firstAttended?.serial ?? 0)
            referralState.append(UInt8(ReferralState.allCases.firstIndex(of: referral.state)!))
            referralDecline.append(referral.declineCode.map { UInt8(ReferralDeclineCode.allCases.firstIndex(of: $0)! + 1) } ?? 0)
            referralNext.append(next)
            next = Int32(referralCreated.count - 1)
        }
        firstReferral.append(next)
    }

    func code(_ value: String?, in list: inout [String], _ index: inout [String: UInt16]) -> UInt16 {
        guard let value, !value.isEmpty else { return 0 }
        if let known = index[value] { return known }
        list.append(value)
        index[value] = UInt16(list.count - 1)
        return UInt16(list.count - 1)
    }

    /// The status a row held on a day (a LegalStatusKind index), or nil.
    @inline(__always)
    func status(_ row: Int, on day: Int32) -> Int? {
        var e = firstStatus[row]
        while e >= 0 {
            if statusFrom[Int(e)] <= day && day <= statusUntil[Int(e)] { return Int(statusKind[Int(e)]) }
            e = statusNext[Int(e)]
        }
        return nil
    }

    @inline(__always)
    func insured(_ row: Int, on day: Int32) -> Bool {
        var e = firstInsurance[row]
        while e >= 0 {
            if insuranceFrom[Int(e)] <= day && day <= insuranceUntil[Int(e)] { return true }
            e = insuranceNext[Int(e)]
        }
        return false
    }

    @inline(__always)
    func age(_ row: Int, on day: Int32) -> Int? {
        let b = birth[row]
        return b == 0 || b > day ? nil : Int((day - b) / 10_000)
    }

    /// A copy without dead rows, after many replacements.
    public func compacted() -> PopulationSnapshot {
        var copy = PopulationSnapshot()
        copy.reserve(count)
        for row in ids.indices where alive[row] { copy.append(facts(row)) }
        return copy
    }

    func facts(_ row: Int) -> PersonFacts {
        func day(_ n: Int32) -> CalendarDay? { n == .max ? nil : try? CalendarDay(year: Int(n / 10_000), month: Int(n / 100 % 100), day: Int(n % 100)) }
        var statuses: [(kind: LegalStatusKind, span: PersonFacts.Span)] = []
        var e = firstStatus[row]
        while e >= 0 {
            statuses.append((LegalStatusKind.allCases[Int(statusKind[Int(e)])], .init(from: day(statusFrom[Int(e)])!, until: day(statusUntil[Int(e)]))))
            e = statusNext[Int(e)]
        }
        var insurance: [PersonFacts.Span] = []
        e = firstInsurance[row]
        while e >= 0 {
            insurance.append(.init(from: day(insuranceFrom[Int(e)])!, until: day(insuranceUntil[Int(e)])))
            e = insuranceNext[Int(e)]
        }
        var referrals: [ReferralFacts] = []
        e = firstReferral[row]
        while e >= 0 {
            let i = Int(e)
            referrals.append(ReferralFacts(created: CalendarDay(serial: referralCreated[i]), firstAttended: referralAttended[i] == 0 ? nil : CalendarDay(serial: referralAttended[i]),
                                           state: ReferralState.allCases[Int(referralState[i])],
                                           declineCode: referralDecline[i] == 0 ? nil : ReferralDeclineCode.allCases[Int(referralDecline[i]) - 1]))
            e = referralNext[i]
        }
        let b = birth[row], a = arrival[row]
        let bornIn = origin[row] != citizenship[row] && origin[row] != 0 ? countries[Int(origin[row])] : nil
        return PersonFacts(id: ids[row], citizenship: citizenship[row] == 0 ? nil : countries[Int(citizenship[row])],
                           region: region[row] == 0 ? nil : regions[Int(region[row])], sex: sex[row] == 0 ? nil : Sex.allCases[Int(sex[row]) - 1],
                           birth: b == 0 ? nil : try? PartialDate(year: Int(b / 10_000), month: Int(b / 100 % 100), day: Int(b % 100)),
                           statuses: statuses, insurance: insurance, countryOfBirth: bornIn,
                           arrival: a == 0 ? nil : try? PartialDate(year: Int((a - 1) / 12), month: Int((a - 1) % 12) + 1),
                           health: HealthMilestones(bits: health[row]), interpreterNeeded: interpreter[row], referrals: referrals)
    }
}
