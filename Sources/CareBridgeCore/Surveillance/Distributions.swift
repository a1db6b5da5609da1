#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The distribution functions outbreak detection needs, computed as R computes them (R's nmath: qnorm is
/// Wichura's AS241, discrete quantiles search the distribution function with R's left-continuity fuzz), so the
/// thresholds match the `surveillance` package. Tail probabilities come from the regularized incomplete beta and
/// gamma functions, not from 1 - cdf, so small p-values keep their digits.
public enum Distributions {
    /// The standard normal quantile: AS241 (Wichura 1988, Applied Statistics 37:477), accurate to about 1e-16.
    public static func qnorm(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                + 133.14166789178437745) * r + 3.387132872796366608)
                / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r
                + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                + 42.313330701600911252) * r + 1)
        }
        var r = sqrt(-log(q < 0 ? p : 1 - p))
        var value: Double
        if r <= 5 {
            r -= 1.6
            value = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                + 4.6303378461565452959) * r + 1.42343711074968357734)
                / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                + 2.05319162663775882187) * r + 1)
        } else {
            r -= 5
            value = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                + 5.4637849111641143699) * r + 6.6579046435011037772)
                / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                + 0.59983220655588793769) * r + 1)
        }
        return q < 0 ? -value : value
    }

    /// P(X > x) for X normal with the given mean and standard deviation.
    public static func pnormUpper(_ x: Double, mean: Double = 0, sd: Double = 1) -> Double {
        if x.isNaN || mean.isNaN || sd.isNaN || sd < 0 { return .nan }
        if sd == 0 { return x < mean ? 1 : 0 }
        return 0.5 * erfc((x - mean) / sd / 2.0.squareRoot())
    }

    /// Two-sided p-value of a t statistic with `df` degrees of freedom: 2 P(T > |t|), as summary.glm reports.
    public static func tTestPValue(_ t: Double, df: Double) -> Double {
        guard !t.isNaN, df > 0 else { return .nan }
        if t.isInfinite { return 0 }
        return betaRegularized(df / (df + t * t), df / 2, 0.5)
    }

    /// P(X <= k) for X negative binomial with `size` and success probability `prob` (R's pnbinom), and its upper tail.
    public static func pnbinom(_ k: Double, size: Double, prob: Double, upper: Bool = false) -> Double {
        let k = k.rounded(.down)
        if k < 0 { return upper ? 1 : 0 }
        return upper ? betaRegularized(1 - prob, k + 1, size) : betaRegularized(prob, size, k + 1)
    }

    /// P(X <= k) for X Poisson with mean `lambda` (R's ppois), and its upper tail.
    public static func ppois(_ k: Double, lambda: Double, upper: Bool = false) -> Double {
        let k = k.rounded(.down)
        if k < 0 { return upper ? 1 : 0 }
        if lambda == 0 { return upper ? 0 : 1 }
        return upper ? gammaRegularizedLower(k + 1, lambda) : gammaRegularizedUpper(k + 1, lambda)
    }

    /// The negative binomial quantile (R's qnbinom): the least k with P(X <= k) >= p.
    public static func qnbinom(_ p: Double, size: Double, prob: Double) -> Double {
        guard size > 0, prob > 0, prob <= 1, p >= 0, p <= 1 else { return .nan }
        if prob == 1 || p == 0 { return 0 }
        if p + 1.01 * Double.ulpOfOne >= 1 { return .infinity }
        let q = 1 / prob, pp = (1 - prob) * q
        let mu = size * (1 - prob) / prob, sigma = (size * pp * q).squareRoot(), gamma = (q + pp) / sigma
        return search(p, start: mu + sigma * cornishFisher(p, gamma)) { pnbinom($0, size: size, prob: prob) }
    }

    /// The Poisson quantile (R's qpois).
    public static func qpois(_ p: Double, lambda: Double) -> Double {
        guard lambda >= 0, p >= 0, p <= 1 else { return .nan }
        if lambda == 0 || p == 0 { return 0 }
        if p + 1.01 * Double.ulpOfOne >= 1 { return .infinity }
        let sigma = lambda.squareRoot()
        return search(p, start: lambda + sigma * cornishFisher(p, 1 / sigma)) { ppois($0, lambda: lambda) }
    }

    private static func cornishFisher(_ p: Double, _ gamma: Double) -> Double {
        let z = qnorm(p)
        return z + gamma * (z * z - 1) / 6
    }

    /// R's do_search: from a first guess, the least y with cdf(y) >= p, fuzzed by 64 epsilon for left continuity.
    private static func search(_ p: Double, start: Double, cdf: (Double) -> Double) -> Double {
        let p = p * (1 - 64 * Double.ulpOfOne)
        var y = max(0, start.rounded())
        if cdf(y) >= p {
            while y > 0, cdf(y - 1) >= p { y -= 1 }
            return y
        }
        repeat { y += 1 } while cdf(y) < p
        return y
    }

    /// I_x(a, b), the regularized incomplete beta function, by its continued fraction (modified Lentz).
    public static func betaRegularized(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x.isNaN || a.isNaN || b.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(a * log(x) + b * log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b)))
        if x < (a + 1) / (a + b + 2) { return front * betaFraction(x, a, b) / a }
        return 1 - front * betaFraction(1 - x, b, a) / b
    }

    private static func betaFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// P(a, x), the regularized lower incomplete gamma function.
    public static func gammaRegularizedLower(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaFraction(a, x)
    }

    /// Q(a, x) = 1 - P(a, x).
    public static func gammaRegularizedUpper(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 1 }
        return x < a + 1 ? 1 - gammaSeries(a, x) : gammaFraction(a, x)
    }

    private static func gammaSeries(_ a: Double, _ x: Double) -> Double {
        var ap = a, sum = 1 / a, term = sum
        for _ in 0..<100_000 {
            ap += 1; term *= x / ap; sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * exp(-x + a * log(x) - lgamma(a))
    }

    private static func gammaFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1...100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < tiny { d = tiny }
            c = b + an / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(-x + a * log(x) - lgamma(a)) * h
    }
}
