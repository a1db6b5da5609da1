/// The settings of the improved Farrington method, named and defaulted as the R `surveillance` package's
/// `farringtonFlexible` control list (version 1.20.3). The Noufaily settings are noPeriods 10,
/// pastWeeksNotIncluded 26, thresholdMethod nbPlugin or muan.
/// Sources: Farrington et al., "A statistical algorithm for the early detection of outbreaks of infectious
/// disease", J R Stat Soc A 1996;159:547-63; Noufaily et al., "An improved algorithm for outbreak detection in
/// multiple surveillance systems", Stat Med 2013;32:1206-22; Salmon, Schumacher, Höhle, "Monitoring count time
/// series in R: aberration detection in public health surveillance", J Stat Softw 2016;70(10).
public struct FarringtonControl: Sendable, Hashable {
    public enum ThresholdMethod: String, Codable, Sendable, CaseIterable {
        /// Farrington's: the 2/3-power transformed prediction interval with the delta method's variance.
        case delta
        /// Noufaily's: a negative binomial quantile at the predicted mean.
        case nbPlugin
        /// Noufaily's: a negative binomial quantile at the upper (1 - alpha) bound of the predicted mean.
        case muan
    }

    public enum PowerTransform: String, Codable, Sendable, CaseIterable {
        case twoThirds = "2/3", half = "1/2", none

        var exponent: Double { self == .twoThirds ? 2.0 / 3 : self == .half ? 0.5 : 1 }
    }

    /// The periods tested (1-based t); by default from frequency * b + w + 1 to the last.
    public var range: ClosedRange<Int>?
    /// Years back.
    public var b = 5
    /// Half-window in weeks around the same week in past years.
    public var w = 3
    public var reweight = true
    public var weightsThreshold = 2.58
    public var alpha = 0.05
    public var trend = true
    public var pThresholdTrend = 0.05
    /// limit54: alarm only when there were at least `limit54Cases` cases in the last `limit54Weeks` weeks.
    public var limit54Cases = 5
    public var limit54Weeks = 4
    public var powertrans = PowerTransform.twoThirds
    /// 1: only the weeks around the same week of past years; more: all past weeks, with a seasonal factor.
    public var noPeriods = 1
    /// Recent weeks left out of the baseline; the package's default is w.
    public var pastWeeksNotIncluded: Int?
    public var thresholdMethod = ThresholdMethod.delta

    public init() {}

    var weeksLeftOut: Int { pastWeeksNotIncluded ?? w }

    func validate() throws {
        guard b >= 1 else { throw CareBridgeError.invalid("b", "b (years back) must be at least 1.") }
        guard w >= 0 else { throw CareBridgeError.invalid("w", "w (half-window) cannot be negative.") }
        guard alpha > 0, alpha < 1 else { throw CareBridgeError.invalid("alpha", "alpha must be between 0 and 1.") }
        guard noPeriods >= 1 else { throw CareBridgeError.invalid("noPeriods", "noPeriods must be at least 1.") }
        guard weeksLeftOut >= 0 else { throw CareBridgeError.invalid("pastWeeksNotIncluded", "pastWeeksNotIncluded cannot be negative.") }
        guard limit54Cases >= 0, limit54Weeks > 0 else {
            throw CareBridgeError.invalid("limit54", "The limit54 arguments are out of bounds: cases >= 0 and period > 0.")
        }
    }
}
