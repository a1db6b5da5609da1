/// The CDC's Early Aberration Reporting System methods C1, C2 and C3, computed as the R `surveillance` package's
/// `earsC` (version 1.20.3) computes them, which is what Tests/CareBridgeCoreTests/SurveillanceRTests checks.
/// Source: Hutwagner et al., "The bioterrorism preparedness and response Early Aberration Reporting System (EARS)",
/// J Urban Health 2003;80(2 Suppl 1):i89-96; Fricker et al., Stat Med 2008;27:3407-29 (C1-C3 as CDC runs them).
public enum EARSMethod: String, Codable, Sendable, CaseIterable {
    case c1 = "C1", c2 = "C2", c3 = "C3"
}

public struct EARSControl: Sendable, Hashable {
    public var method: EARSMethod
    /// The package's default is 0.001 for C1 and C2 and 0.025 for C3.
    public var alpha: Double?
    /// Weeks in the baseline (at least 3).
    public var baseline: Int
    /// A floor for the baseline's standard deviation; with 0, a flat baseline gives C3 no answer (NA).
    public var minSigma: Double
    /// The periods tested (1-based t); by default every period with a full baseline.
    public var range: ClosedRange<Int>?

    public init(method: EARSMethod = .c1, alpha: Double? = nil, baseline: Int = 7, minSigma: Double = 0, range: ClosedRange<Int>? = nil) {
        (self.method, self.alpha, self.baseline, self.minSigma, self.range) = (method, alpha, baseline, minSigma, range)
    }

    public var effectiveAlpha: Double { alpha ?? (method == .c3 ? 0.025 : 0.001) }
    /// How far back the method looks: C2 and C3 leave two weeks between the baseline and the week tested, and C3
    /// also uses C2 for the two weeks before.
    var maxLag: Int { baseline + (method == .c1 ? 0 : method == .c2 ? 2 : 4) }
}

public enum EARS {
    public static func detect(_ series: CaseSeries, _ control: EARSControl) throws -> [DetectionRow] {
        guard control.baseline >= 3 else { throw CareBridgeError.invalid("baseline", "The EARS baseline needs at least 3 weeks.") }
        guard control.minSigma >= 0 else { throw CareBridgeError.invalid("minSigma", "minSigma cannot be negative.") }
        guard control.effectiveAlpha > 0, control.effectiveAlpha < 1 else { throw CareBridgeError.invalid("alpha", "alpha must be between 0 and 1.") }
        let n = series.count
        let range = control.range ?? (control.maxLag + 1)...Swift.max(control.maxLag + 1, n)
        guard range.lowerBound - control.maxLag >= 1, range.upperBound <= n else {
            throw CareBridgeError.invalid("range", "Series '\(series.name)' has \(n) weeks; EARS \(control.method.rawValue) with a baseline of \(control.baseline) can test weeks \(control.maxLag + 1) to \(n), not \(range.lowerBound) to \(range.upperBound).")
        }
        let z = Distributions.qnorm(1 - control.effectiveAlpha)
        let y = series.observed.map(Double.init)
        let gap = control.method == .c1 ? 0 : 2
        // Prefix sums of the counts and their squares, in integers: a window's mean and standard deviation in O(1),
        // and a flat window's variance exactly 0 (as R's two-pass sd gives it), never a rounding residue.
        var s1 = [0], s2 = [0]
        s1.reserveCapacity(series.count + 1)
        s2.reserveCapacity(series.count + 1)
        for v in series.observed {
            s1.append(s1.last! + v)
            s2.append(s2.last! + v * v)
        }
        let width = control.baseline
        /// Mean and floored standard deviation of the baseline for 0-based week i.
        func baseline(_ i: Int) -> (mean: Double, sd: Double) {
            let (a, b) = (i - gap - width, i - gap)
            let sum = s1[b] - s1[a], squares = s2[b] - s2[a]
            let sd = (Double(width * squares - sum * sum) / Double(width * (width - 1))).squareRoot()
            return (Double(sum) / Double(width), Swift.max(sd, control.minSigma))
        }
        return range.map { t in
            let i = t - 1
            let bound: Double
            switch control.method {
            case .c1, .c2:
                let b = baseline(i)
                bound = b.mean + z * b.sd
            case .c3:
                func c2(_ j: Int) -> Double { let b = baseline(j); return (y[j] - b.mean) / b.sd }
                let carried = pmax0(c2(i - 2) - 1) + pmax0(c2(i - 1) - 1)
                bound = pmax0(y[i] + baseline(i).sd * (z - carried))
            }
            var row = DetectionRow(t: t, observed: series.observed[i], upperbound: bound.orNA, alarm: bound.isNaN ? nil : y[i] > bound)
            if bound.isNaN { row.note = "flat baseline: standard deviation 0 and minSigma 0" }
            return row
        }
    }
}
