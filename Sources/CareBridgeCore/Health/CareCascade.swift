import Foundation

/// The steps of the care cascade, from being eligible for screening to a good outcome. For HIV they are the UNAIDS
/// 95-95-95 steps: diagnosed (confirmed), on antiretroviral treatment (treated), virally suppressed (success).
public enum CascadeStage: String, Codable, Sendable, CaseIterable {
    case eligible, screened, positive, confirmed
    case treated = "treatment-started"
    case success = "treatment-success"
}

/// What a person's health records add up to for the cascade, as bits: for each cascaded disease, one bit per stage
/// after `eligible` (eligibility comes from the screening rules), plus whether any immunization is recorded.
/// Each record contributes its bits when written, so a population's cascade is an OR per person, not a re-read.
public struct HealthMilestones: Sendable, Hashable {
    public var bits: UInt32
    public init(bits: UInt32 = 0) { self.bits = bits }

    static let stagesPerDisease = 6
    static let immunizationBit: UInt32 = 1 << 29
    /// Marks a record that is an HIV viral load: its `success` bit replaces, not adds to, what came before.
    static let viralLoadBit: UInt32 = 1 << 30

    public static func bit(_ disease: Disease, _ stage: CascadeStage) -> UInt32 {
        guard let d = Disease.cascaded.firstIndex(of: disease), let s = CascadeStage.allCases.firstIndex(of: stage) else { return 0 }
        return 1 << UInt32(d * stagesPerDisease + s)
    }

    public func has(_ disease: Disease, _ stage: CascadeStage) -> Bool { bits & Self.bit(disease, stage) != 0 }
    public var hasImmunization: Bool { bits & Self.immunizationBit != 0 }

    /// The bits one record contributes.
    public static func contribution(of record: HealthRecord, suppressedBelow: Double) -> UInt32 {
        switch record.kind {
        case .test:
            guard let test = record.test, let result = test.result else { return 0 }
            if test.isHIVViralLoad, let value = result.value {
                return viralLoadBit | (value < suppressedBelow ? bit(.hiv, .success) : 0)
            }
            guard let disease = test.screensFor?.disease ?? test.disease else { return 0 }
            return bit(disease, .screened) | (result.interpretation == .positive ? bit(disease, .positive) : 0)
        case .diagnosis:
            return record.diagnosis?.disease.map { bit($0, .confirmed) } ?? 0
        case .notification:
            guard let report = record.notification, report.classification == .confirmed else { return 0 }
            return bit(report.disease, .confirmed)
        case .treatment:
            guard let treatment = record.treatment else { return 0 }
            // HIV's success is viral suppression, measured, not an outcome declared.
            let success = treatment.disease != .hiv && treatment.outcome?.isSuccess == true
            return bit(treatment.disease, .treated) | (success ? bit(treatment.disease, .success) : 0)
        case .immunization: return immunizationBit
        case .assessment, .contact, .alert: return 0
        }
    }

    /// Combines contributions in date order: bits add up, except that each viral load decides HIV suppression anew.
    public static func combine(_ contributions: [(date: CalendarDay, bits: UInt32)]) -> HealthMilestones {
        var bits: UInt32 = 0
        for c in contributions.sorted(by: { $0.date < $1.date }) {
            if c.bits & viralLoadBit != 0 {
                bits = (bits & ~bit(.hiv, .success)) | (c.bits & bit(.hiv, .success))
            } else {
                bits |= c.bits
            }
        }
        return HealthMilestones(bits: bits & ~viralLoadBit)
    }
}

/// One disease's cascade for one person: the stages reached, with the first day each was reached where known.
public struct PersonCascade: Codable, Sendable, Hashable {
    public var disease: Disease
    public var stages: [CascadeStage: CalendarDay?]
    public func reached(_ stage: CascadeStage) -> Bool { stages[stage] != nil }

    /// The person's cascades from their records; `eligible` are the conditions the screening rules recommend.
    public static func of(records: [HealthRecord], eligible: Set<ScreeningCondition>, on today: CalendarDay, suppressedBelow: Double) -> [PersonCascade] {
        Disease.cascaded.map { disease in
            var stages: [CascadeStage: CalendarDay?] = [:]
            if eligible.contains(where: { $0.disease == disease }) { stages[.eligible] = .some(nil) }
            var suppressed: CalendarDay?? = nil
            for record in records.sorted(by: { $0.date < $1.date }) {
                let bits = HealthMilestones.contribution(of: record, suppressedBelow: suppressedBelow)
                let day = record.test?.result?.resultedOn ?? record.treatment?.outcomeOn.flatMap { record.treatment?.outcome?.isSuccess == true ? $0 : nil } ?? record.date
                if bits & HealthMilestones.viralLoadBit != 0, disease == .hiv {
                    // Suppressed since the first load of the current run of suppressed loads; an unsuppressed one ends it.
                    if bits & HealthMilestones.bit(.hiv, .success) == 0 { suppressed = nil } else if suppressed == nil { suppressed = .some(day) }
                    continue
                }
                for stage in CascadeStage.allCases where bits & HealthMilestones.bit(disease, stage) != 0 && stages[stage] == nil {
                    // Screened and positive date from the result, success from the outcome, treated from the start.
                    stages[stage] = .some(stage == .treated ? (record.treatment?.startedOn ?? record.date) : day)
                }
            }
            if disease == .hiv, let suppressed { stages[.success] = suppressed }
            return PersonCascade(disease: disease, stages: stages)
        }
    }
}

/// The population's cascade: for each cascaded disease, how many people reached each stage, over the snapshot.
public struct PopulationCascade: Codable, Sendable, Hashable {
    public var date: CalendarDay
    public var people: Int
    public var counts: [Disease: [CascadeStage: Int]]

    /// Eligibility comes from the screening rules on `day`; the other stages from each person's milestones.
    public static func compute(_ snapshot: PopulationSnapshot, engine: ScreeningEngine, on day: CalendarDay) -> PopulationCascade {
        let passes = engine.originPasses(for: snapshot.countries)
        let diseaseConditions: [(Disease, UInt16)] = Disease.cascaded.map { disease in
            (disease, ScreeningCondition.allCases.enumerated().reduce(UInt16(0)) { $0 | ($1.element.disease == disease ? UInt16(1) << UInt16($1.offset) : 0) })
        }
        let today = day.number
        let todayMonths = Int32(day.year * 12 + day.month)
        let rows = snapshot.rows
        // Chunks scanned in parallel, each into its own counters.
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 2, rows / 50_000))
        let stageCount = CascadeStage.allCases.count
        let sink = CountSink(size: Disease.cascaded.count * stageCount + 1)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var counts = [Int](repeating: 0, count: Disease.cascaded.count * stageCount + 1)
                let start = rows * chunk / chunks, end = rows * (chunk + 1) / chunks
                for row in start..<end where snapshot.alive[row] {
                    counts[counts.count - 1] += 1
                    let milestones = snapshot.health[row]
                    let arrival = snapshot.arrival[row]
                    let months = arrival == 0 ? nil : Int(max(0, todayMonths - arrival))
                    let eligible = engine.eligibility(originPass: passes[Int(snapshot.origin[row])], monthsSinceArrival: months,
                                                      age: snapshot.age(row, on: today), hasVaccinationRecord: milestones & HealthMilestones.immunizationBit != 0)
                    for (d, (_, conditions)) in diseaseConditions.enumerated() {
                        let base = d * stageCount
                        if eligible & conditions != 0 { counts[base] += 1 }
                        var stageBits = (milestones >> UInt32(d * HealthMilestones.stagesPerDisease)) & 0b111110
                        while stageBits != 0 {
                            counts[base + stageBits.trailingZeroBitCount] += 1
                            stageBits &= stageBits - 1
                        }
                    }
                }
                sink.add(counts)
        }
        let total = sink.total
        var result: [Disease: [CascadeStage: Int]] = [:]
        for (d, disease) in Disease.cascaded.enumerated() {
            result[disease] = Dictionary(uniqueKeysWithValues: CascadeStage.allCases.enumerated().map { ($1, total[d * stageCount + $0]) })
        }
        return PopulationCascade(date: day, people: total[total.count - 1], counts: result)
    }
}

/// Adds up the counters of parallel chunks.
final class CountSink: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var total: [Int]
    init(size: Int) { total = [Int](repeating: 0, count: size) }
    func add(_ counts: [Int]) {
        lock.lock()
        for i in total.indices { total[i] += counts[i] }
        lock.unlock()
    }
}
