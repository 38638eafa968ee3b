//! RMSprop as `torch.optim.RMSprop` computes it with SB3's A2C settings (α = 0.99, no
//! momentum, not centred): v starts at 0, and ε sits outside the square root. This is not
//! TensorFlow's variant (v starting at 1, ε inside the root, SB3's `RMSpropTFLike`): with
//! v = 0 the first step is ≈ 10·lr·sign(g), which is what SB3's A2C does.

use crate::mlp::{Mlp, Scalar};

#[derive(Clone, Debug)]
pub struct RmsProp<F> {
    pub alpha: f64,
    pub eps: f64,
    /// The running mean of g², same shapes as the network.
    v: Mlp<F>,
}

impl<F: Scalar> RmsProp<F> {
    /// Fresh state (v = 0) for a network of `like`'s shapes.
    pub fn new(like: &Mlp<F>, alpha: f64, eps: f64) -> RmsProp<F> {
        RmsProp { alpha, eps, v: like.zeros_like() }
    }

    /// One update: v ← α·v + (1 − α)·g²;  p ← p − lr · g / (√v + ε).
    pub fn step(&mut self, params: &mut Mlp<F>, grads: &Mlp<F>, lr: f64) {
        let (alpha, eps, lr) = (F::from_f64(self.alpha), F::from_f64(self.eps), F::from_f64(lr));
        let one_alpha = F::one() - alpha;
        for ((p, g), v) in params.params_mut().zip(grads.params()).zip(self.v.params_mut()) {
            *v = alpha * *v + one_alpha * *g * *g;
            *p = *p - lr * (*g / (v.sqrt() + eps));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mlp::Dense;
    use ndarray::{arr1, arr2};

    fn one_layer(w: f64, b: f64) -> Mlp<f64> {
        Mlp { layers: vec![Dense { w: arr2(&[[w]]), b: arr1(&[b]) }], activation: Default::default() }
    }

    #[test]
    fn two_steps_match_a_hand_computation() {
        let mut p = one_layer(1.0, -2.0);
        let mut opt = RmsProp::new(&p, 0.99, 1e-5);
        // Step 1, g = (0.5, −3): v = 0.01·g² = (0.0025, 0.09), √v = (0.05, 0.3):
        // w = 1 − 0.1·0.5/(0.05 + 1e-5), b = −2 + 0.1·3/(0.3 + 1e-5): about ten times lr.
        opt.step(&mut p, &one_layer(0.5, -3.0), 0.1);
        let w1 = 1.0 - 0.1 * 0.5 / (0.05 + 1e-5);
        let b1 = -2.0 + 0.1 * 3.0 / (0.3 + 1e-5);
        assert!((p.layers[0].w[[0, 0]] - w1).abs() < 1e-12 && (w1 - 0.0002).abs() < 1e-3);
        assert!((p.layers[0].b[0] - b1).abs() < 1e-12);
        // Step 2, g = (1, 0): v = (0.99·0.0025 + 0.01, 0.99·0.09) = (0.012475, 0.0891).
        opt.step(&mut p, &one_layer(1.0, 0.0), 0.1);
        let w2 = w1 - 0.1 * 1.0 / (0.012475f64.sqrt() + 1e-5);
        assert!((p.layers[0].w[[0, 0]] - w2).abs() < 1e-12);
        assert!((p.layers[0].b[0] - b1).abs() < 1e-12, "a zero gradient does not move");
    }
}
