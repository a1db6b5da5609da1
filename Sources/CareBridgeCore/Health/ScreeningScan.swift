import Foundation

/// The screening rules over the whole population snapshot: how many people should be offered at least one screening
/// on a day (and, per condition, how many), the population form of `ScreeningEngine.recommend`.
public enum ScreeningScan {
    /// People offered at least one screening (recommended, not "no data") on `day`.
    public static func count(_ snapshot: PopulationSnapshot, engine: ScreeningEngine, on day: CalendarDay) -> Int {
        perCondition(snapshot, engine: engine, on: day).anyone
    }

    public static func perCondition(_ snapshot: PopulationSnapshot, engine: ScreeningEngine, on day: CalendarDay) -> (anyone: Int, byCondition: [ScreeningCondition: Int]) {
        let passes = engine.originPasses(for: snapshot.countries)
        let today = day.number, todayMonths = Int32(day.year * 12 + day.month)
        let rows = snapshot.rows
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 2, rows / 50_000))
        let conditions = ScreeningCondition.allCases.count
        let sink = CountSink(size: conditions + 1)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var counts = [Int](repeating: 0, count: conditions + 1)
            for row in (rows * chunk / chunks)..<(rows * (chunk + 1) / chunks) where snapshot.alive[row] {
                let arrival = snapshot.arrival[row]
                var eligible = engine.eligibility(originPass: passes[Int(snapshot.origin[row])], monthsSinceArrival: arrival == 0 ? nil : Int(max(0, todayMonths - arrival)),
                                                  age: snapshot.age(row, on: today), hasVaccinationRecord: snapshot.health[row] & HealthMilestones.immunizationBit != 0)
                if eligible != 0 { counts[conditions] += 1 }
                while eligible != 0 {
                    counts[eligible.trailingZeroBitCount] += 1
                    eligible &= eligible - 1
                }
            }
            sink.add(counts)
        }
        let total = sink.total
        return (total[conditions], Dictionary(uniqueKeysWithValues: ScreeningCondition.allCases.enumerated().map { ($1, total[$0]) }))
    }
}
