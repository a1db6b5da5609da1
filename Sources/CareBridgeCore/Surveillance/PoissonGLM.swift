#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A quasi-Poisson generalized linear model with log link, fitted as R's `glm.fit` fits it: iteratively reweighted
/// least squares from mu = y + 0.1, at most 25 iterations, converged when the deviance changes by less than 1e-8
/// relative; the dispersion, covariance and hat values are those `summary.glm` and `hatvalues` give. Matching the
/// iteration, not only the optimum, keeps "did not converge" the same as in R, which Farrington's fallbacks rely on.
struct PoissonGLM {
    /// Columns of the design matrix, each of `n` values.
    let columns: [[Double]]
    let y: [Double]
    let priorWeights: [Double]

    struct Fit {
        var coefficients: [Double]
        var fitted: [Double]
        var converged: Bool
        /// (X'WX)^-1 with the working weights of the last iteration.
        var covarianceUnscaled: [[Double]]
        /// Pearson's estimate, sum(w r^2) / df, before any floor at 1; NaN without residual degrees of freedom.
        var dispersion: Double
        var dfResidual: Int
        var hat: [Double]
        /// Working residuals (y - mu) / mu at the final fit.
        var residuals: [Double]
    }

    static let maxIterations = 25
    static let epsilon = 1e-8

    /// Nil when the least-squares step is rank deficient or no finite deviance can be reached.
    func fit() -> Fit? {
        let n = y.count, p = columns.count
        let eps = Double.ulpOfOne
        var mu = y.map { $0 + 0.1 }
        var eta = mu.map { log($0) }
        var devold = deviance(mu)
        var coefficients: [Double]? = nil
        var converged = false
        var last: (r: [[Double]], w: [Double])? = nil
        for _ in 0..<Self.maxIterations {
            // Working response and weights (mu.eta = mu for the log link, variance = mu).
            var rows: [Int] = [], z: [Double] = [], w: [Double] = []
            for i in 0..<n where priorWeights[i] > 0 {
                let m = max(exp(eta[i]), eps)
                rows.append(i)
                z.append(eta[i] + (y[i] - mu[i]) / m)
                w.append((priorWeights[i] * m * m / mu[i]).squareRoot())
            }
            guard let (start, r) = Self.weightedLeastSquares(columns, rows: rows, z: z, w: w) else { return nil }
            var step = start
            var dev = Double.nan
            for _ in 0..<Self.maxIterations {
                eta = (0..<n).map { i in (0..<p).reduce(0) { $0 + columns[$1][i] * step[$1] } }
                mu = eta.map { max(exp($0), eps) }
                dev = deviance(mu)
                if dev.isFinite && mu.allSatisfy(\.isFinite) { break }
                // glm.fit's step halving towards the last good coefficients.
                guard let old = coefficients else { return nil }
                step = zip(step, old).map { ($0 + $1) / 2 }
            }
            guard dev.isFinite else { return nil }
            last = (r, w)
            coefficients = step
            if abs(dev - devold) / (abs(dev) + 0.1) < Self.epsilon {
                converged = true
                break
            }
            devold = dev
        }
        guard let coefficients, let (r, w) = last else { return nil }
        let rInverse = Self.invertUpper(r)
        var covariance = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        for a in 0..<p {
            for b in 0..<p {
                var s = 0.0
                for k in max(a, b)..<p { s += rInverse[a][k] * rInverse[b][k] }
                covariance[a][b] = s
            }
        }
        // Hat values and Pearson's dispersion with the last iteration's working weights, as R keeps them.
        var hat = Array(repeating: 0.0, count: n), residuals = Array(repeating: 0.0, count: n)
        var pearson = 0.0, used = 0, k = 0
        for i in 0..<n where priorWeights[i] > 0 {
            var q = Array(repeating: 0.0, count: p)
            for j in 0..<p {
                var s = 0.0
                for l in 0...j { s += columns[l][i] * w[k] * rInverse[l][j] }
                q[j] = s
            }
            hat[i] = q.reduce(0) { $0 + $1 * $1 }
            let m = max(exp(eta[i]), eps)
            let residual = (y[i] - mu[i]) / m
            residuals[i] = residual
            pearson += w[k] * w[k] * residual * residual
            used += 1
            k += 1
        }
        let df = used - p
        return Fit(coefficients: coefficients, fitted: mu, converged: converged, covarianceUnscaled: covariance,
                   dispersion: df > 0 ? pearson / Double(df) : .nan, dfResidual: df, hat: hat, residuals: residuals)
    }

    private func deviance(_ mu: [Double]) -> Double {
        var d = 0.0
        for i in y.indices {
            let wt = priorWeights[i], yi = y[i]
            d += yi > 0 ? wt * (yi * log(yi / mu[i]) - (yi - mu[i])) : mu[i] * wt
        }
        return 2 * d
    }

    /// Least squares of z on the chosen rows of the columns, each row scaled by w, by Householder QR.
    /// Returns the coefficients and R; nil when a column is (numerically) a combination of the others.
    static func weightedLeastSquares(_ columns: [[Double]], rows: [Int], z: [Double], w: [Double]) -> ([Double], [[Double]])? {
        let m = rows.count, p = columns.count
        guard m >= p else { return nil }
        var a = columns.map { col in rows.indices.map { col[rows[$0]] * w[$0] } }
        var b = z.indices.map { z[$0] * w[$0] }
        let norms = a.map { col in col.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        for j in 0..<p {
            var norm = 0.0
            for i in j..<m { norm += a[j][i] * a[j][i] }
            norm = norm.squareRoot()
            // Cdqrls's rank test: a column whose remainder is below 1e-11 of its norm adds nothing new.
            guard norms[j] > 0, norm > 1e-11 * norms[j] else { return nil }
            let alpha = a[j][j] > 0 ? -norm : norm
            var v = Array(repeating: 0.0, count: m)
            v[j] = a[j][j] - alpha
            for i in (j + 1)..<max(j + 1, m) { v[i] = a[j][i] }
            let vv = v[j...].reduce(0) { $0 + $1 * $1 }
            if vv == 0 { continue }
            for c in j..<p {
                var s = 0.0
                for i in j..<m { s += v[i] * a[c][i] }
                let f = 2 * s / vv
                for i in j..<m { a[c][i] -= f * v[i] }
            }
            var s = 0.0
            for i in j..<m { s += v[i] * b[i] }
            let f = 2 * s / vv
            for i in j..<m { b[i] -= f * v[i] }
        }
        var r = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        for i in 0..<p { for j in i..<p { r[i][j] = a[j][i] } }
        var x = Array(repeating: 0.0, count: p)
        for i in stride(from: p - 1, through: 0, by: -1) {
            var s = b[i]
            for j in (i + 1)..<max(i + 1, p) { s -= r[i][j] * x[j] }
            x[i] = s / r[i][i]
        }
        return (x, r)
    }

    static func invertUpper(_ r: [[Double]]) -> [[Double]] {
        let p = r.count
        var inv = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        for j in 0..<p {
            inv[j][j] = 1 / r[j][j]
            for i in stride(from: j - 1, through: 0, by: -1) {
                var s = 0.0
                for k in (i + 1)...j { s += r[i][k] * inv[k][j] }
                inv[i][j] = -s / r[i][i]
            }
        }
        return inv
    }
}
