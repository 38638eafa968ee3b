//! The categorical action distribution on top of the actor's logits (CartPole: 2 actions).
//!
//! Log-probabilities go through a log-sum-exp so that large logits cannot overflow; the
//! same function serves acting during the rollout and the loss during the update, so the
//! first minibatch of every update sees a probability ratio of exactly 1.

use crate::mlp::Scalar;
use ndarray::ArrayView1;

/// log softmax of one row of logits, written into `out`; returns nothing, allocates nothing.
#[inline]
pub fn log_softmax<F: Scalar>(logits: ArrayView1<F>, out: &mut [F]) {
    let max = logits.iter().fold(F::neg_infinity(), |m, &z| m.max(z));
    let sum = logits.iter().fold(F::zero(), |s, &z| s + (z - max).exp());
    let lse = max + sum.ln();
    for (o, &z) in out.iter_mut().zip(logits.iter()) {
        *o = z - lse;
    }
}

/// Entropy −Σ p log p from log-probabilities.
#[inline]
pub fn entropy<F: Scalar>(log_probs: &[F]) -> F {
    log_probs.iter().fold(F::zero(), |h, &lp| h - lp.exp() * lp)
}

/// Samples an action index from log-probabilities with a uniform draw `u` in [0, 1).
#[inline]
pub fn sample<F: Scalar>(log_probs: &[F], u: f64) -> usize {
    let mut acc = 0.0;
    for (a, &lp) in log_probs.iter().enumerate() {
        acc += lp.as_f64().exp();
        if u < acc {
            return a;
        }
    }
    log_probs.len() - 1 // u landed in the rounding gap above Σp ≈ 1
}

/// The most probable action (SB3's `deterministic=True`); the first one on a tie, like argmax.
#[inline]
pub fn argmax<F: Scalar>(values: &[F]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

/// Writes ∂loss/∂logits of one row into `out`, for a loss whose gradient is `d_logp_a` with
/// respect to log π(a) and `d_neg_entropy` with respect to −H (the entropy term's weight,
/// over the batch): ∂/∂z_j = d_logp_a·(1[j=a] − p_j) + d_neg_entropy·p_j·(log p_j + H).
#[inline]
pub fn backward<F: Scalar>(log_probs: &[F], entropy: F, a: usize, d_logp_a: F, d_neg_entropy: F, mut out: ndarray::ArrayViewMut1<F>) {
    for (j, &lp) in log_probs.iter().enumerate() {
        let p = lp.exp();
        let onehot = if j == a { F::one() } else { F::zero() };
        out[j] = d_logp_a * (onehot - p) + d_neg_entropy * p * (lp + entropy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::arr1;

    #[test]
    fn log_softmax_is_stable_and_normalised() {
        let mut lp = [0f64; 2];
        log_softmax(arr1(&[1000.0, 999.0]).view(), &mut lp);
        let p0 = 1.0 / (1.0 + (-1f64).exp());
        assert!((lp[0].exp() - p0).abs() < 1e-12);
        assert!((lp[0].exp() + lp[1].exp() - 1.0).abs() < 1e-12);
        // Uniform over two actions: entropy ln 2.
        log_softmax(arr1(&[0.3, 0.3]).view(), &mut lp);
        assert!((entropy(&lp) - 2f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn sampling_follows_the_probabilities() {
        let lp = [0.25f64.ln(), 0.75f64.ln()];
        assert_eq!(sample(&lp, 0.0), 0);
        assert_eq!(sample(&lp, 0.2499), 0);
        assert_eq!(sample(&lp, 0.2501), 1);
        assert_eq!(sample(&lp, 0.999_999_9), 1);
        assert_eq!(argmax(&lp), 1);
        assert_eq!(argmax(&[0.5f32, 0.5]), 0);
    }
}
