//! A multilayer perceptron on ndarray, with its backward pass written by hand.
//!
//! `x → Dense → tanh → Dense → tanh → … → Dense → out`: tanh (or ReLU, for DQN's Q-network)
//! on every hidden layer, nothing on the output (logits for the actor, V(s) for the critic,
//! Q(s, ·) for DQN). Everything is batched: a batch
//! is a matrix with one sample per row, so a layer is one matrix product `x · w + b`.
//!
//! The network is generic over the float type: training uses `f32`; the gradient checks run
//! the very same code in `f64`, where central finite differences are accurate enough to
//! compare against.

use ndarray::{Array1, Array2, ArrayView2, Zip, linalg::general_mat_mul};
use rand::{Rng, RngExt};
use rand_distr::{Distribution, StandardNormal};

/// The float types the network runs on (`f32` for training, `f64` for gradient checks).
pub trait Scalar:
    num_traits::Float
    + ndarray::LinalgScalar
    + ndarray::ScalarOperand
    + std::fmt::Debug
    + std::fmt::Display
    + Send
    + Sync
    + 'static
{
    fn from_f64(x: f64) -> Self;
    fn as_f64(self) -> f64;
    /// The hidden-layer activation. `f32` uses a fast rational approximation (`f32::tanh`
    /// costs ≈ 15 ns per element in wasm, most of a training step); `f64` is exact, so the
    /// gradient checks test the backward pass against the true function.
    fn activation(self) -> Self;
}

impl Scalar for f32 {
    fn from_f64(x: f64) -> f32 {
        x as f32
    }
    fn as_f64(self) -> f64 {
        self as f64
    }
    #[inline]
    fn activation(self) -> f32 {
        fast_tanh(self)
    }
}

impl Scalar for f64 {
    fn from_f64(x: f64) -> f64 {
        x
    }
    fn as_f64(self) -> f64 {
        self
    }
    #[inline]
    fn activation(self) -> f64 {
        self.tanh()
    }
}

/// tanh(x) to within 2e-7 absolute, branch-free apart from the clamp: a [7/6] Padé-style
/// rational function (the one Eigen uses for `float`). Saturates to exactly ±1 beyond |x| ≈ 9.
/// The backward pass uses `1 − y²` of this output, which is within 1e-6 of the derivative.
#[inline]
pub fn fast_tanh(x: f32) -> f32 {
    const CLAMP: f32 = 7.905_311;
    let x = x.clamp(-CLAMP, CLAMP);
    // Tiny inputs: tanh(x) ≈ x exactly in f32.
    if x.abs() < 4e-4 {
        return x;
    }
    let x2 = x * x;
    let p = x2 * -2.760_768_5e-16 + 2.000_187_9e-13;
    let p = x2 * p + -8.604_672e-11;
    let p = x2 * p + 5.122_297e-8;
    let p = x2 * p + 1.485_722_4e-5;
    let p = x2 * p + 6.372_619_3e-4;
    let p = x2 * p + 4.893_524_6e-3;
    let p = x * p;
    let q = x2 * 1.198_258_4e-6 + 1.185_347_1e-4;
    let q = x2 * q + 2.268_434_6e-3;
    let q = x2 * q + 4.893_525e-3;
    (p / q).clamp(-1.0, 1.0)
}

/// One fully connected layer: `y = x · w + b` for a batch `x` of row vectors.
#[derive(Clone, Debug, PartialEq)]
pub struct Dense<F> {
    /// Weights, shape (fan_in, fan_out) — the transpose of torch's `nn.Linear.weight`.
    pub w: Array2<F>,
    /// Bias, length fan_out.
    pub b: Array1<F>,
}

impl<F: Scalar> Dense<F> {
    /// A layer of zeros (also the shape of its gradient and of Adam's moments).
    pub fn zeros(fan_in: usize, fan_out: usize) -> Dense<F> {
        Dense { w: Array2::zeros((fan_in, fan_out)), b: Array1::zeros(fan_out) }
    }

    pub fn fan_in(&self) -> usize {
        self.w.nrows()
    }

    pub fn fan_out(&self) -> usize {
        self.w.ncols()
    }
}

/// The hidden layers' nonlinearity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Activation {
    /// SB3's actor-critic default (PPO, A2C).
    #[default]
    Tanh,
    /// SB3's Q-network default (DQN).
    Relu,
}

/// An MLP: a stack of `Dense` layers with `activation` between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp<F> {
    pub layers: Vec<Dense<F>>,
    pub activation: Activation,
}

/// What the forward pass remembers for the backward pass, reused from call to call so the
/// training loop does not allocate once the batch size is steady.
#[derive(Clone, Debug)]
pub struct Tape<F> {
    /// `acts[0]` is the input; `acts[i + 1]` the output of layer i (after tanh for hidden
    /// layers). tanh' = 1 − tanh², so the outputs are all the backward pass needs.
    acts: Vec<Array2<F>>,
    /// `deltas[i]`: ∂loss/∂(pre-activation of layer i), same shape as `acts[i + 1]`.
    deltas: Vec<Array2<F>>,
}

impl<F> Default for Tape<F> {
    fn default() -> Tape<F> {
        Tape { acts: Vec::new(), deltas: Vec::new() }
    }
}

impl<F: Scalar> Tape<F> {
    /// The network's output of the last `forward_tape`.
    pub fn output(&self) -> ArrayView2<'_, F> {
        self.acts.last().expect("forward_tape not called").view()
    }
}

/// Resizes `a` to `shape` only when it differs (no allocation in the steady state).
fn ensure_shape<F: Scalar>(a: &mut Array2<F>, rows: usize, cols: usize) {
    if a.dim() != (rows, cols) {
        *a = Array2::zeros((rows, cols));
    }
}

impl<F: Scalar> Mlp<F> {
    /// Orthogonal initialisation as SB3 does it (`nn.init.orthogonal_` with a gain per layer,
    /// biases 0): `hidden_gain` (√2 in SB3) for every layer but the last, `output_gain` for
    /// the last (0.01 for the policy head, 1 for the value head).
    pub fn orthogonal<R: Rng + ?Sized>(
        sizes: &[usize],
        hidden_gain: f64,
        output_gain: f64,
        rng: &mut R,
    ) -> Mlp<F> {
        assert!(sizes.len() >= 2, "an Mlp needs at least an input and an output size");
        let n = sizes.len() - 1;
        let layers = (0..n)
            .map(|i| {
                let gain = if i + 1 == n { output_gain } else { hidden_gain };
                let w = orthogonal_matrix(sizes[i], sizes[i + 1], gain, rng);
                Dense { w: w.mapv(F::from_f64), b: Array1::zeros(sizes[i + 1]) }
            })
            .collect();
        Mlp { layers, activation: Activation::Tanh }
    }

    /// PyTorch's default `nn.Linear` init (what SB3's DQN keeps: no orthogonal init): w and b
    /// both uniform in ±1/√fan_in, with `activation` between the layers.
    pub fn torch_default<R: Rng + ?Sized>(sizes: &[usize], activation: Activation, rng: &mut R) -> Mlp<F> {
        assert!(sizes.len() >= 2, "an Mlp needs at least an input and an output size");
        let layers = sizes
            .windows(2)
            .map(|io| {
                let bound = 1.0 / (io[0] as f64).sqrt();
                let mut u = || F::from_f64(rng.random_range(-bound..bound));
                let w = Array2::from_shape_fn((io[0], io[1]), |_| u());
                let b = Array1::from_shape_fn(io[1], |_| u());
                Dense { w, b }
            })
            .collect();
        Mlp { layers, activation }
    }

    /// A network of zeros with the same shapes (gradients, Adam moments).
    pub fn zeros_like(&self) -> Mlp<F> {
        Mlp { layers: self.layers.iter().map(|l| Dense::zeros(l.fan_in(), l.fan_out())).collect(), activation: self.activation }
    }

    /// Layer widths, input first: e.g. [4, 64, 64, 2].
    pub fn sizes(&self) -> Vec<usize> {
        let mut s = vec![self.layers[0].fan_in()];
        s.extend(self.layers.iter().map(|l| l.fan_out()));
        s
    }

    pub fn num_params(&self) -> usize {
        self.layers.iter().map(|l| l.w.len() + l.b.len()).sum()
    }

    /// The same network in another float type.
    pub fn cast<G: Scalar>(&self) -> Mlp<G> {
        let c = |x: &F| G::from_f64(x.as_f64());
        Mlp {
            layers: self.layers.iter().map(|l| Dense { w: l.w.map(c), b: l.b.map(c) }).collect(),
            activation: self.activation,
        }
    }

    /// Every parameter, layer by layer (w row-major, then b). For checks and norms.
    pub fn params(&self) -> impl Iterator<Item = &F> {
        self.layers.iter().flat_map(|l| l.w.iter().chain(l.b.iter()))
    }

    /// Every parameter, mutably, in the order of `params`.
    pub fn params_mut(&mut self) -> impl Iterator<Item = &mut F> {
        self.layers.iter_mut().flat_map(|l| l.w.iter_mut().chain(l.b.iter_mut()))
    }

    /// Forward pass without keeping anything for backward (acting, evaluation).
    pub fn forward(&self, x: ArrayView2<F>) -> Array2<F> {
        let mut tape = Tape::default();
        self.forward_tape(x, &mut tape);
        tape.acts.pop().unwrap()
    }

    /// Forward pass of ONE input row (acting and evaluating one observation at a time): a
    /// plain loop per layer instead of a 1-row GEMM, whose packing of the weight matrix costs
    /// more than the product itself. It sums in `forward`'s order — the products in input
    /// order, then the bias — without fused multiply-adds, so wasm and native agree bit for
    /// bit (native GEMM fuses them where the CPU has FMA: there the two differ in the last bit).
    pub fn forward_one(&self, x: &[F]) -> Vec<F> {
        let mut input = x.to_vec();
        let mut out = Vec::new();
        let n = self.layers.len();
        for (i, layer) in self.layers.iter().enumerate() {
            let fan_out = layer.fan_out();
            out.clear();
            out.resize(fan_out, F::zero());
            for (&xk, w_row) in input.iter().zip(layer.w.rows()) {
                for (o, &w) in out.iter_mut().zip(w_row.iter()) {
                    *o = *o + xk * w;
                }
            }
            for (o, &b) in out.iter_mut().zip(layer.b.iter()) {
                *o = *o + b;
                if i + 1 < n {
                    *o = match self.activation {
                        Activation::Tanh => o.activation(),
                        Activation::Relu => o.max(F::zero()),
                    };
                }
            }
            std::mem::swap(&mut input, &mut out);
        }
        input
    }

    /// Forward pass that records the activations in `tape`; returns the output.
    pub fn forward_tape<'t>(&self, x: ArrayView2<F>, tape: &'t mut Tape<F>) -> ArrayView2<'t, F> {
        let batch = x.nrows();
        let n = self.layers.len();
        tape.acts.resize_with(n + 1, || Array2::zeros((0, 0)));
        tape.deltas.resize_with(n, || Array2::zeros((0, 0)));
        ensure_shape(&mut tape.acts[0], batch, x.ncols());
        tape.acts[0].assign(&x);
        for (i, layer) in self.layers.iter().enumerate() {
            let (before, after) = tape.acts.split_at_mut(i + 1);
            let input = &before[i];
            let out = &mut after[0];
            ensure_shape(out, batch, layer.fan_out());
            // out = input · w + b (the bias broadcast over rows first, then β = 1 adds x·w).
            out.assign(&layer.b.broadcast((batch, layer.fan_out())).unwrap());
            general_mat_mul(F::one(), input, &layer.w, F::one(), out);
            if i + 1 < n {
                match self.activation {
                    Activation::Tanh => out.mapv_inplace(F::activation),
                    Activation::Relu => out.mapv_inplace(|v| v.max(F::zero())),
                }
            }
        }
        tape.acts[n].view()
    }

    /// Backward pass: given ∂loss/∂output for the batch of the last `forward_tape`, writes
    /// ∂loss/∂w and ∂loss/∂b of every layer into `grads` (overwriting it).
    pub fn backward(&self, tape: &mut Tape<F>, d_out: ArrayView2<F>, grads: &mut Mlp<F>) {
        let n = self.layers.len();
        let Tape { acts, deltas } = tape;
        let batch = acts[0].nrows();
        for (i, d) in deltas.iter_mut().enumerate() {
            ensure_shape(d, batch, self.layers[i].fan_out());
        }
        deltas[n - 1].assign(&d_out);
        for i in (0..n).rev() {
            let (lower, upper) = deltas.split_at_mut(i);
            let delta = &upper[0];
            let g = &mut grads.layers[i];
            // ∂w = inputᵀ · δ ; ∂b = Σ_rows δ
            general_mat_mul(F::one(), &acts[i].t(), delta, F::zero(), &mut g.w);
            g.b.fill(F::zero());
            for row in delta.rows() {
                Zip::from(&mut g.b).and(&row).for_each(|b, &d| *b = *b + d);
            }
            if i > 0 {
                // δ of the layer below: (δ · wᵀ) ⊙ f'(…), from the outputs: tanh' = 1 − out²,
                // relu' = [out > 0] (torch's choice of 0 at 0).
                let below = &mut lower[i - 1];
                general_mat_mul(F::one(), delta, &self.layers[i].w.t(), F::zero(), below);
                match self.activation {
                    Activation::Tanh => Zip::from(below).and(&acts[i]).for_each(|d, &a| *d = *d * (F::one() - a * a)),
                    Activation::Relu => Zip::from(below).and(&acts[i]).for_each(|d, &a| {
                        if a <= F::zero() {
                            *d = F::zero()
                        }
                    }),
                }
            }
        }
    }
}

/// A (fan_in × fan_out) matrix whose transpose is what torch's `orthogonal_` gives an
/// (out × in) weight: QR of a Gaussian matrix, signs fixed so R has a positive diagonal
/// (modified Gram–Schmidt, run twice for numerical orthogonality), scaled by `gain`.
fn orthogonal_matrix<R: Rng + ?Sized>(
    fan_in: usize,
    fan_out: usize,
    gain: f64,
    rng: &mut R,
) -> Array2<f64> {
    // Torch flattens the weight to (rows = out, cols = in) and orthogonalises the taller
    // of it and its transpose; we build the tall one (n ≥ m) with orthonormal columns.
    let (n, m) = (fan_in.max(fan_out), fan_in.min(fan_out));
    let mut q = Array2::from_shape_fn((n, m), |_| StandardNormal.sample(rng));
    for j in 0..m {
        for _pass in 0..2 {
            for k in 0..j {
                let proj: f64 = q.column(j).dot(&q.column(k));
                let col_k = q.column(k).to_owned();
                q.column_mut(j).scaled_add(-proj, &col_k);
            }
        }
        let norm = q.column(j).dot(&q.column(j)).sqrt();
        q.column_mut(j).mapv_inplace(|v| v / norm);
    }
    q.mapv_inplace(|v| v * gain);
    // q is (n × m). torch's weight W is (out × in); we store Wᵀ (in × out).
    // If out ≥ in, W = q (n = out), so Wᵀ = qᵀ; otherwise W = qᵀ and Wᵀ = q.
    if fan_out >= fan_in { q.reversed_axes().as_standard_layout().into_owned() } else { q }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn fast_tanh_is_close_to_tanh() {
        let mut worst = 0f32;
        let mut x = -12.0f32;
        while x < 12.0 {
            worst = worst.max((fast_tanh(x) - x.tanh()).abs());
            x += 1e-3;
        }
        assert!(worst < 3e-7, "max |fast_tanh − tanh| = {worst}");
        assert_eq!(fast_tanh(50.0), 1.0);
        assert_eq!(fast_tanh(-50.0), -1.0);
        assert_eq!(fast_tanh(0.0), 0.0);
    }

    #[test]
    fn forward_one_is_forward_on_one_row() {
        let mut rng = StdRng::seed_from_u64(3);
        for activation in [Activation::Tanh, Activation::Relu] {
            let mut net: Mlp<f32> = Mlp::orthogonal(&[4, 16, 8, 2], 2f64.sqrt(), 1.0, &mut rng);
            net.activation = activation;
            for l in &mut net.layers {
                l.b.iter_mut().enumerate().for_each(|(j, b)| *b = 0.1 * j as f32 - 0.3);
            }
            for k in 0..50 {
                let x = [0.1 * k as f32 - 2.0, 0.5, -0.25 * (k % 7) as f32, 1.5];
                let want = net.forward(ArrayView2::from_shape((1, 4), &x).unwrap());
                let got = net.forward_one(&x);
                for (g, w) in got.iter().zip(want.row(0)) {
                    assert!((g - w).abs() <= 1e-6 * (1.0 + w.abs()), "{activation:?}, x = {x:?}: {got:?} vs {want}");
                }
            }
        }
    }

    #[test]
    fn orthogonal_init_is_orthogonal_with_gain() {
        let mut rng = StdRng::seed_from_u64(3);
        let net: Mlp<f64> = Mlp::orthogonal(&[4, 64, 64, 2], 2f64.sqrt(), 0.01, &mut rng);
        // 4 → 64: W (64×4) has orthonormal columns × √2, i.e. w (4×64) has orthonormal rows.
        let w0 = &net.layers[0].w;
        let g = w0.dot(&w0.t());
        for i in 0..4 {
            for j in 0..4 {
                let want = if i == j { 2.0 } else { 0.0 };
                assert!((g[[i, j]] - want).abs() < 1e-12, "w0·w0ᵀ[{i},{j}] = {}", g[[i, j]]);
            }
        }
        // 64 → 64 square: orthogonal both ways.
        let w1 = &net.layers[1].w;
        let g = w1.t().dot(w1);
        assert!((g[[5, 5]] - 2.0).abs() < 1e-12 && g[[5, 6]].abs() < 1e-12);
        // 64 → 2 head: the two output columns are orthonormal × 0.01.
        let w2 = &net.layers[2].w;
        let g = w2.t().dot(w2);
        assert!((g[[0, 0]] - 1e-4).abs() < 1e-15 && g[[0, 1]].abs() < 1e-15);
        assert!(net.layers.iter().all(|l| l.b.iter().all(|&b| b == 0.0)));
        assert_eq!(net.sizes(), vec![4, 64, 64, 2]);
        assert_eq!(net.num_params(), 4 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2);
    }

    #[test]
    fn forward_matches_a_naive_loop() {
        let mut rng = StdRng::seed_from_u64(1);
        let net: Mlp<f64> = Mlp::orthogonal(&[3, 5, 2], 1.3, 0.7, &mut rng);
        let x = Array2::from_shape_fn((4, 3), |(i, j)| (i as f64 - 1.5) * 0.3 + j as f64 * 0.1);
        let y = net.forward(x.view());
        for r in 0..4 {
            let h: Vec<f64> = (0..5)
                .map(|k| {
                    let s: f64 = (0..3).map(|j| x[[r, j]] * net.layers[0].w[[j, k]]).sum();
                    (s + net.layers[0].b[k]).tanh()
                })
                .collect();
            for o in 0..2 {
                let s: f64 = (0..5).map(|k| h[k] * net.layers[1].w[[k, o]]).sum();
                assert!((y[[r, o]] - (s + net.layers[1].b[o])).abs() < 1e-12);
            }
        }
    }
}
