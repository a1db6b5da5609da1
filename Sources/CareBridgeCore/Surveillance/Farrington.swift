#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The improved Farrington method (`farringtonFlexible` of the R `surveillance` package, version 1.20.3): for each
/// period tested, a quasi-Poisson model of the same season in past years, reweighted against past outbreaks, with
/// a time trend kept only where it is significant, gives an upper bound; more cases than that is an alarm.
/// Matching the package, fallbacks included, is checked by Tests/CareBridgeCoreTests/SurveillanceRTests.
/// Sources: see FarringtonControl.
public enum Farrington {
    public static func detect(_ series: CaseSeries, _ c: FarringtonControl) throws -> [DetectionRow] {
        try c.validate()
        let n = series.count
        let range = c.range ?? (series.frequency * c.b + c.w + 1)...Swift.max(series.frequency * c.b + c.w + 1, n)
        if c.range == nil, range.lowerBound > n {
            throw CareBridgeError.invalid("range", "Series '\(series.name)' has \(n) periods: too little history for b = \(c.b) and w = \(c.w), which need \(range.lowerBound - 1) periods before the first one tested; decrease b or w.")
        }
        guard range.lowerBound >= 1, range.upperBound <= n else {
            throw CareBridgeError.invalid("range", "Series '\(series.name)' has \(n) periods; the range \(range.lowerBound):\(range.upperBound) is outside it.")
        }
        return try range.map { try period(series, $0 - 1, c) }
    }

    /// The answer for 0-based period k.
    static func period(_ series: CaseSeries, _ k: Int, _ c: FarringtonControl) throws -> DetectionRow {
        let base = try baseline(series, k, c)
        let y = base.indices.map { Double(series.observed[$0]) }
        var row = DetectionRow(t: k + 1, observed: series.observed[k])
        func unanswered(_ note: String) -> DetectionRow {
            row.note = note
            return row
        }
        guard var model = fit(base, y, trend: c.trend, c) else {
            return unanswered("the model did not converge with nor without time trend")
        }
        var doTrend = false
        if model.hasTrend {
            guard let predicted = model.predict(base, c, link: false) else { return unanswered("the season to predict is not in the baseline") }
            let significant = model.trendPValue < c.pThresholdTrend
            doTrend = c.b >= 3 && significant && predicted.fit <= (y.max() ?? 0)
            if !doTrend {
                guard let refit = fit(base, y, trend: false, c) else {
                    return unanswered("the model did not converge without time trend")
                }
                model = refit
            }
        }
        let link = c.thresholdMethod != .delta
        guard let predicted = model.predict(base, c, link: link) else { return unanswered("the season to predict is not in the baseline") }
        let bound = threshold(predicted, phi: model.phi, y: Double(series.observed[k]), c)
        let recent = series.observed[Swift.max(0, k - c.limit54Weeks + 1)...k].reduce(0, +)
        let enough = recent >= c.limit54Cases
        row.upperbound = enough ? bound.upper.orNA : nil
        row.alarm = enough && !bound.score.isNaN && bound.score > 1 && series.observed[k] != 0
        if !bound.upper.isNaN, enough { row.expected = link ? exp(predicted.fit) : predicted.fit }
        row.score = bound.score.orNA
        row.pvalue = bound.probability.orNA
        row.phi = model.phi.orNA
        row.trend = doTrend
        if !enough { row.note = "fewer than \(c.limit54Cases) cases in the last \(c.limit54Weeks) weeks" }
        return row
    }

    /// The package's algo.farrington.fitGLM.flexible: fit (without trend if that does not converge), then refit
    /// with weights that play down past outbreaks; nil if no model converges.
    static func fit(_ base: Baseline, _ y: [Double], trend: Bool, _ c: FarringtonControl) -> Model? {
        var model = Model(base: base, y: y, trend: trend, seasonal: c.noPeriods != 1)
        var fitted = model.glm(weights: Array(repeating: 1, count: y.count)).fit()
        if fitted?.converged != true, trend {
            model = Model(base: base, y: y, trend: false, seasonal: c.noPeriods != 1)
            fitted = model.glm(weights: Array(repeating: 1, count: y.count)).fit()
        }
        guard var result = fitted, result.converged else { return nil }
        var phi = rmax1(result.dispersion)
        if c.reweight {
            // Anscombe residuals, and weights gamma / s^2 above the threshold, gamma below, summing to n.
            let s = y.indices.map { i in
                let mu = result.fitted[i]
                return 1.5 * (pow(y[i], 2.0 / 3) * pow(mu, -1.0 / 6) - mu.squareRoot()) / (phi * (1 - result.hat[i])).squareRoot()
            }
            let gamma = Double(s.count) / s.reduce(0) { $0 + ($1 > c.weightsThreshold ? 1 / ($1 * $1) : 1) }
            let omega = s.map { $0 > c.weightsThreshold ? gamma / ($0 * $0) : gamma }
            guard let refit = model.glm(weights: omega).fit() else { return nil }
            result = refit
            phi = rmax1(result.dispersion)
            // The package then stores omega as the model's weights, so the dispersion that summary.glm and
            // predict.glm see (for the trend's p-value and the prediction's standard error) is sum(omega r^2) / df
            // rather than Pearson's; phi above is the true one. Followed to the letter: it changes which trends stay.
            result.dispersion = result.dfResidual > 0
                ? zip(omega, result.residuals).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / Double(result.dfResidual) : .nan
        }
        model.result = result
        model.phi = phi
        return model
    }

    /// R's max(x, 1): NaN stays NaN.
    static func rmax1(_ x: Double) -> Double { x.isNaN ? x : Swift.max(x, 1) }

    struct Model {
        let base: Baseline
        let y: [Double]
        let hasTrend: Bool
        /// Sorted seasonal levels present; the first is the reference level. Empty without a seasonal factor.
        let levels: [Int]
        var result: PoissonGLM.Fit?
        var phi = 1.0

        init(base: Baseline, y: [Double], trend: Bool, seasonal: Bool) {
            (self.base, self.y, self.hasTrend) = (base, y, trend)
            levels = seasonal ? Array(Set(base.level)).sorted() : []
        }

        func glm(weights: [Double]) -> PoissonGLM {
            var columns = [Array(repeating: 1.0, count: y.count)]
            if hasTrend { columns.append(base.time) }
            for level in levels.dropFirst() { columns.append(base.level.map { $0 == level ? 1 : 0 }) }
            return PoissonGLM(columns: columns, y: y, priorWeights: weights)
        }

        /// The prediction for the period tested (seasonal level noPeriods), with its standard error, on the link or
        /// the response scale, with the estimated dispersion as predict.glm uses it.
        func predict(_ base: Baseline, _ c: FarringtonControl, link: Bool) -> (fit: Double, se: Double)? {
            guard let result else { return nil }
            var x = [1.0]
            if hasTrend { x.append(base.timeNow) }
            if !levels.isEmpty {
                guard levels.contains(c.noPeriods) else { return nil }
                for level in levels.dropFirst() { x.append(level == c.noPeriods ? 1 : 0) }
            }
            let eta = zip(x, result.coefficients).reduce(0) { $0 + $1.0 * $1.1 }
            var variance = 0.0
            for a in x.indices { for b in x.indices { variance += x[a] * result.covarianceUnscaled[a][b] * x[b] } }
            let se = (variance * result.dispersion).squareRoot()
            if link { return (eta, se) }
            let mu = Swift.max(exp(eta), Double.ulpOfOne)
            return (mu, se * mu)
        }

        /// summary.glm's p-value for the time trend: a t test with the residual degrees of freedom.
        var trendPValue: Double {
            guard hasTrend, let result else { return .nan }
            let se = (result.covarianceUnscaled[1][1] * result.dispersion).squareRoot()
            return Distributions.tTestPValue(result.coefficients[1] / se, df: Double(result.dfResidual))
        }
    }

    /// The package's algo.farrington.threshold.farrington (delta) and .noufaily (nbPlugin, muan).
    static func threshold(_ predicted: (fit: Double, se: Double), phi: Double, y: Double, _ c: FarringtonControl) -> (upper: Double, probability: Double, score: Double) {
        let z = Distributions.qnorm(1 - c.alpha)
        var upper: Double, probability: Double
        switch c.thresholdMethod {
        case .delta:
            let mu0 = predicted.fit
            let tau = phi + predicted.se * predicted.se / mu0
            let e = c.powertrans.exponent
            let se: Double = switch c.powertrans {
            case .none: (mu0 * tau).squareRoot()
            case .half: (tau / 4).squareRoot()
            case .twoThirds: (4.0 / 9 * pow(mu0, 1.0 / 3) * tau).squareRoot()
            }
            let a = pow(pow(mu0, e) - z * se, 1 / e), b = pow(pow(mu0, e) + z * se, 1 / e)
            // sort(c(a, b), na.last = FALSE)[2]
            upper = a.isNaN ? b : b.isNaN ? a : Swift.max(a, b)
            probability = Distributions.pnormUpper(pow(y, e), mean: pow(mu0, e), sd: se)
        case .nbPlugin, .muan:
            let eta0 = predicted.fit
            let mu0 = exp(c.thresholdMethod == .nbPlugin ? eta0 : eta0 + z * predicted.se)
            if mu0 == .infinity {
                (upper, probability) = (.nan, .nan)
            } else {
                let size = mu0 / (phi - 1), prob = 1 / phi
                upper = phi > 1 ? Distributions.qnbinom(1 - c.alpha, size: size, prob: prob) : Distributions.qpois(1 - c.alpha, lambda: mu0)
                probability = phi != 1 ? Distributions.pnbinom(y - 1, size: size, prob: prob, upper: true) : Distributions.ppois(y - 1, lambda: mu0, upper: true)
            }
        }
        let score = upper.isNaN ? Double.nan : (y - predicted.fit) / (upper - predicted.fit)
        return (upper, probability, score)
    }
}
