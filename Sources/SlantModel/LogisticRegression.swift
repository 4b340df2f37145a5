import Foundation

/// Rows of binary features: row `i` has the columns `columns[offsets[i]..<offsets[i + 1]]`, each once.
struct SparseRows: Sendable {
    var offsets: [Int] = [0]
    var columns: [Int32] = []

    var count: Int { offsets.count - 1 }

    mutating func append<Columns: Sequence>(_ row: Columns) where Columns.Element == Int32 {
        columns.append(contentsOf: row)
        offsets.append(columns.count)
    }

    func row(_ index: Int) -> ArraySlice<Int32> { columns[offsets[index]..<offsets[index + 1]] }
}

/// L2-regularised logistic regression, fitted by L-BFGS.
///
/// Minimises Σᵢ [log(1 + e^zᵢ) − yᵢ zᵢ] + λ/2 ‖w‖², with zᵢ = b + Σⱼ wⱼ xᵢⱼ, over the weights `w` and
/// the intercept `b` (not penalised). The loss is summed, not averaged, so λ is the prior precision
/// of each weight (λ = 1/C in liblinear's and scikit-learn's terms). The objective is strictly
/// convex, and the fit is deterministic: the same rows, labels and λ give the same weights bit for bit.
struct LogisticRegression: Sendable {
    var weights: [Double]
    var intercept: Double
    /// L-BFGS iterations taken, and whether the gradient became small enough before the limit.
    var iterations: Int
    var converged: Bool

    /// Limits of the fit.
    static let maximumIterations = 2000
    static let historySize = 10

    /// Fits a model to `rows` with `labels` over `features` columns.
    static func fit(rows: SparseRows, labels: [Bool], features: Int, lambda: Double) -> LogisticRegression {
        let dimension = features + 1
        var x = [Double](repeating: 0, count: dimension)
        let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        // Start from the intercept that fits the base rate.
        let rate = (Double(positives) + 0.5) / (Double(labels.count) + 1)
        x[features] = log(rate / (1 - rate))
        var gradient = [Double](repeating: 0, count: dimension)
        var value = evaluate(x, rows: rows, labels: labels, features: features, lambda: lambda, gradient: &gradient)
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var rhos: [Double] = []
        var iterations = 0
        var converged = false
        let tolerance = 1e-6 * max(1, Double(labels.count).squareRoot())
        while iterations < maximumIterations {
            if gradient.lazy.map(abs).max() ?? 0 <= tolerance {
                converged = true
                break
            }
            iterations += 1
            // Two-loop recursion: the L-BFGS direction −H∇f.
            var direction = gradient.map { -$0 }
            var alphas = [Double](repeating: 0, count: steps.count)
            for index in steps.indices.reversed() {
                alphas[index] = rhos[index] * dot(steps[index], direction)
                axpy(-alphas[index], changes[index], &direction)
            }
            if let lastStep = steps.last, let lastChange = changes.last {
                let scale = dot(lastStep, lastChange) / dot(lastChange, lastChange)
                for index in direction.indices { direction[index] *= scale }
            } else {
                let norm = dot(gradient, gradient).squareRoot()
                for index in direction.indices { direction[index] /= max(norm, 1) }
            }
            for index in steps.indices {
                let beta = rhos[index] * dot(changes[index], direction)
                axpy(alphas[index] - beta, steps[index], &direction)
            }
            var slope = dot(gradient, direction)
            if slope >= 0 {
                // Not a descent direction (can only follow rounding): restart from steepest descent.
                steps.removeAll()
                changes.removeAll()
                rhos.removeAll()
                direction = gradient.map { -$0 }
                slope = dot(gradient, direction)
            }
            // Backtracking line search with the Armijo condition.
            var step = 1.0
            var candidate = x
            var candidateGradient = gradient
            var candidateValue = value
            var accepted = false
            for _ in 0..<60 {
                for index in x.indices { candidate[index] = x[index] + step * direction[index] }
                candidateValue = evaluate(candidate, rows: rows, labels: labels, features: features, lambda: lambda, gradient: &candidateGradient)
                if candidateValue <= value + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else {
                converged = true
                break
            }
            var stepVector = [Double](repeating: 0, count: dimension)
            var changeVector = [Double](repeating: 0, count: dimension)
            for index in x.indices {
                stepVector[index] = candidate[index] - x[index]
                changeVector[index] = candidateGradient[index] - gradient[index]
            }
            let curvature = dot(stepVector, changeVector)
            let decrease = value - candidateValue
            x = candidate
            gradient = candidateGradient
            value = candidateValue
            if curvature > 1e-12 {
                steps.append(stepVector)
                changes.append(changeVector)
                rhos.append(1 / curvature)
                if steps.count > historySize {
                    steps.removeFirst()
                    changes.removeFirst()
                    rhos.removeFirst()
                }
            }
            if decrease <= 1e-13 * max(1, abs(value)) {
                converged = true
                break
            }
        }
        let intercept = x[features]
        x.removeLast()
        return LogisticRegression(weights: x, intercept: intercept, iterations: iterations, converged: converged)
    }

    /// The objective at `x` (weights, then the intercept), with its gradient.
    private static func evaluate(
        _ x: [Double], rows: SparseRows, labels: [Bool], features: Int, lambda: Double, gradient: inout [Double]
    ) -> Double {
        var value = 0.0
        for index in 0..<features {
            value += 0.5 * lambda * x[index] * x[index]
            gradient[index] = lambda * x[index]
        }
        gradient[features] = 0
        for row in 0..<rows.count {
            var z = x[features]
            for column in rows.row(row) { z += x[Int(column)] }
            let label = labels[row]
            value += softplus(z) - (label ? z : 0)
            let residual = sigmoid(z) - (label ? 1 : 0)
            for column in rows.row(row) { gradient[Int(column)] += residual }
            gradient[features] += residual
        }
        return value
    }

    /// The probability of the positive class for a row.
    func probability(_ row: ArraySlice<Int32>) -> Double {
        var z = intercept
        for column in row { z += weights[Int(column)] }
        return Self.sigmoid(z)
    }

    /// log(1 + eᶻ), without overflow.
    static func softplus(_ z: Double) -> Double {
        z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
    }

    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in a.indices { sum += a[index] * b[index] }
        return sum
    }

    private static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        for index in y.indices { y[index] += alpha * x[index] }
    }
}
