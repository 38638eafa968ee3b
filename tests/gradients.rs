//! The hand-written backward passes against central finite differences, in f64.
//!
//! The same generic code trains in f32; here it runs in f64, where a central difference
//! with h = 1e-5 on a loss of order 1 is accurate to ~1e-10, so a wrong term anywhere shows up as a large error.

use ndarray::{Array1, Array2};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rl_live::categorical::log_softmax;
use rl_live::a2c::a2c_loss;
use rl_live::dqn::huber_td_loss;
use rl_live::mlp::{Activation, Mlp, Tape};
use rl_live::ppo::{LossBatch, LossCoefs, LossStats, ppo_loss};

const CLIP: f64 = 0.2;

struct Problem {
    obs: Array2<f64>,
    actions: Vec<usize>,
    old_log_probs: Array1<f64>,
    advantages: Array1<f64>,
    returns: Array1<f64>,
}

fn loss(actor: &Mlp<f64>, critic: &Mlp<f64>, p: &Problem, coefs: LossCoefs) -> LossStats {
    let logits = actor.forward(p.obs.view());
    let values = critic.forward(p.obs.view());
    let b = p.obs.nrows();
    let batch = LossBatch {
        actions: &p.actions,
        old_log_probs: p.old_log_probs.view(),
        advantages: p.advantages.view(),
        returns: p.returns.view(),
    };
    ppo_loss(logits.view(), values.view(), &batch, coefs, &mut Array2::zeros((b, 2)), &mut Array2::zeros((b, 1)))
}

/// A batch whose probability ratios are spread over [0.6, 1.4] but kept ≥ 1e-3 away from
/// the clip boundaries 0.8 and 1.2, where the loss has kinks a finite difference cannot cross.
fn problem(actor: &Mlp<f64>, batch: usize, rng: &mut StdRng) -> Problem {
    let obs = Array2::from_shape_fn((batch, 4), |(_, j)| rng.random_range(-1.0..1.0) * [1.0, 1.5, 0.2, 1.5][j]);
    let logits = actor.forward(obs.view());
    let mut actions = Vec::new();
    let mut old = Array1::zeros(batch);
    for i in 0..batch {
        let a = rng.random_range(0..2usize);
        let mut lp = [0.0; 2];
        log_softmax(logits.row(i), &mut lp);
        let ratio = loop {
            let r: f64 = rng.random_range(0.6..1.4);
            if (r - (1.0 - CLIP)).abs() > 1e-3 && (r - (1.0 + CLIP)).abs() > 1e-3 {
                break r;
            }
        };
        old[i] = lp[a] - ratio.ln();
        actions.push(a);
    }
    Problem {
        obs,
        actions,
        old_log_probs: old,
        advantages: Array1::from_shape_fn(batch, |_| rng.random_range(-2.0..2.0)),
        returns: Array1::from_shape_fn(batch, |_| rng.random_range(-2.0..2.0)),
    }
}

/// Largest relative error |analytic − numeric| / max(|analytic|, |numeric|, 1e-6) over
/// every parameter of `which` (0 actor, 1 critic).
fn check(coefs: LossCoefs, which: &[usize], seed: u64) -> f64 {
    check_with(coefs, which, seed, 1.0)
}

/// `check`, with the analytic gradient of the loss w.r.t. the outputs scaled by `tamper`
/// (1.0 = untouched), to show that a slightly wrong backward pass is caught.
fn check_with(coefs: LossCoefs, which: &[usize], seed: u64, tamper: f64) -> f64 {
    let mut rng = StdRng::seed_from_u64(seed);
    // Gains larger than SB3's 0.01 head so the logits, and every gradient term, are sizeable.
    let mut nets: [Mlp<f64>; 2] = [
        Mlp::orthogonal(&[4, 64, 64, 2], 2f64.sqrt(), 1.0, &mut rng),
        Mlp::orthogonal(&[4, 64, 64, 1], 2f64.sqrt(), 1.0, &mut rng),
    ];
    let p = problem(&nets[0], 16, &mut rng);

    // Analytic gradients.
    let (mut ta, mut tc) = (Tape::default(), Tape::default());
    let logits = nets[0].forward_tape(p.obs.view(), &mut ta).to_owned();
    let values = nets[1].forward_tape(p.obs.view(), &mut tc).to_owned();
    let (mut dl, mut dv) = (Array2::zeros((16, 2)), Array2::zeros((16, 1)));
    let batch = LossBatch {
        actions: &p.actions,
        old_log_probs: p.old_log_probs.view(),
        advantages: p.advantages.view(),
        returns: p.returns.view(),
    };
    ppo_loss(logits.view(), values.view(), &batch, coefs, &mut dl, &mut dv);
    dl *= tamper;
    dv *= tamper;
    let mut grads = [nets[0].zeros_like(), nets[1].zeros_like()];
    nets[0].backward(&mut ta, dl.view(), &mut grads[0]);
    nets[1].backward(&mut tc, dv.view(), &mut grads[1]);

    worst_relative_error(&mut nets, &grads, which, |nets| loss(&nets[0], &nets[1], &p, coefs).loss)
}

/// Largest relative error |analytic − numeric| / max(|analytic|, |numeric|, 1e-6) between
/// `grads` and central differences of `loss` over every parameter of `nets[k]`, k in `which`.
fn worst_relative_error(nets: &mut [Mlp<f64>], grads: &[Mlp<f64>], which: &[usize], loss: impl Fn(&[Mlp<f64>]) -> f64) -> f64 {
    let h = 1e-5;
    let mut worst = 0f64;
    let mut checked = 0;
    for &k in which {
        let analytic: Vec<f64> = grads[k].params().copied().collect();
        for (idx, &a) in analytic.iter().enumerate() {
            let orig = *nets[k].params().nth(idx).unwrap();
            *nets[k].params_mut().nth(idx).unwrap() = orig + h;
            let up = loss(nets);
            *nets[k].params_mut().nth(idx).unwrap() = orig - h;
            let down = loss(nets);
            *nets[k].params_mut().nth(idx).unwrap() = orig;
            let numeric = (up - down) / (2.0 * h);
            let rel = (a - numeric).abs() / a.abs().max(numeric.abs()).max(1e-6);

            worst = worst.max(rel);
            checked += 1;
        }
    }
    assert_eq!(checked, which.iter().map(|&k| nets[k].num_params()).sum::<usize>());
    worst
}

#[test]
fn actor_loss_gradient_matches_finite_differences() {
    // Clipped surrogate + entropy bonus; the critic plays no part.
    let worst = check(LossCoefs { clip_range: CLIP, ent_coef: 0.01, vf_coef: 0.0 }, &[0], 1);
    eprintln!("worst relative error {worst:e}");
    assert!(worst < 1e-4, "worst relative error {worst:e}");
}

#[test]
fn critic_loss_gradient_matches_finite_differences() {
    let worst = check(LossCoefs { clip_range: CLIP, ent_coef: 0.0, vf_coef: 0.5 }, &[1], 2);
    eprintln!("worst relative error {worst:e}");
    assert!(worst < 1e-4, "worst relative error {worst:e}");
}

#[test]
fn full_ppo_loss_gradient_matches_finite_differences() {
    let worst = check(LossCoefs { clip_range: CLIP, ent_coef: 0.05, vf_coef: 0.5 }, &[0, 1], 3);
    eprintln!("worst relative error {worst:e}");
    assert!(worst < 1e-4, "worst relative error {worst:e}");
}

#[test]
fn a_wrong_gradient_would_be_caught() {
    // The check must be able to fail: a backward pass 1 % off is flagged by far.
    let worst = check_with(LossCoefs { clip_range: CLIP, ent_coef: 0.05, vf_coef: 0.5 }, &[0, 1], 3, 1.01);
    assert!(worst > 5e-3, "a 1 % error went unnoticed: worst relative error {worst:e}");
}

/// DQN: the Huber TD loss through a ReLU Q-network with PyTorch's init, targets fixed (they
/// come from the target network, no gradient). Targets are placed so that |Q(s,a) − y| is
/// well inside or well outside 1, away from the Huber kink.
fn dqn_check(tamper: f64) -> f64 {
    let mut rng = StdRng::seed_from_u64(4);
    let mut nets = [Mlp::<f64>::torch_default(&[4, 32, 32, 2], Activation::Relu, &mut rng)];
    let obs = Array2::from_shape_fn((16, 4), |_| rng.random_range(-1.5..1.5));
    let actions: Vec<usize> = (0..16).map(|_| rng.random_range(0..2)).collect();
    let q0 = nets[0].forward(obs.view());
    let targets = Array1::from_shape_fn(16, |i| q0[[i, actions[i]]] + if i % 2 == 0 { 0.4 } else { -2.5 });
    let mut tape = Tape::default();
    let mut d_q = Array2::zeros((0, 0));
    let q = nets[0].forward_tape(obs.view(), &mut tape);
    huber_td_loss(q, &actions, targets.view(), &mut d_q);
    d_q *= tamper;
    let mut grads = [nets[0].zeros_like()];
    nets[0].backward(&mut tape, d_q.view(), &mut grads[0]);
    worst_relative_error(&mut nets, &grads, &[0], |nets| {
        huber_td_loss(nets[0].forward(obs.view()).view(), &actions, targets.view(), &mut Array2::zeros((0, 0)))
    })
}

#[test]
fn dqn_huber_td_loss_gradient_matches_finite_differences() {
    let worst = dqn_check(1.0);
    eprintln!("worst relative error {worst:e}");
    assert!(worst < 1e-4, "worst relative error {worst:e}");
    assert!(dqn_check(1.01) > 5e-3, "a 1 % error must be caught");
}

/// A2C: −mean(A·log π) + ent_coef·(−mean H) + vf_coef·mean((R − V)²) through an actor and a
/// critic (no kinks anywhere).
fn a2c_check(tamper: f64) -> f64 {
    let mut rng = StdRng::seed_from_u64(5);
    let mut nets = [
        Mlp::<f64>::orthogonal(&[4, 32, 32, 2], 2f64.sqrt(), 1.0, &mut rng),
        Mlp::<f64>::orthogonal(&[4, 32, 32, 1], 2f64.sqrt(), 1.0, &mut rng),
    ];
    let b = 16;
    let obs = Array2::from_shape_fn((b, 4), |_| rng.random_range(-1.5..1.5));
    let actions: Vec<usize> = (0..b).map(|_| rng.random_range(0..2)).collect();
    let adv = Array1::from_shape_fn(b, |_| rng.random_range(-2.0..2.0));
    let ret = Array1::from_shape_fn(b, |_| rng.random_range(-2.0..2.0));
    let (ent_coef, vf_coef) = (0.05, 0.5);
    let loss = |nets: &[Mlp<f64>], dl: &mut Array2<f64>, dv: &mut Array2<f64>| {
        let (logits, values) = (nets[0].forward(obs.view()), nets[1].forward(obs.view()));
        a2c_loss(logits.view(), values.view(), &actions, adv.view(), ret.view(), ent_coef, vf_coef, dl, dv).loss
    };
    let (mut ta, mut tc) = (Tape::default(), Tape::default());
    let logits = nets[0].forward_tape(obs.view(), &mut ta).to_owned();
    let values = nets[1].forward_tape(obs.view(), &mut tc).to_owned();
    let (mut dl, mut dv) = (Array2::zeros((b, 2)), Array2::zeros((b, 1)));
    a2c_loss(logits.view(), values.view(), &actions, adv.view(), ret.view(), ent_coef, vf_coef, &mut dl, &mut dv);
    dl *= tamper;
    dv *= tamper;
    let mut grads = [nets[0].zeros_like(), nets[1].zeros_like()];
    nets[0].backward(&mut ta, dl.view(), &mut grads[0]);
    nets[1].backward(&mut tc, dv.view(), &mut grads[1]);
    worst_relative_error(&mut nets, &grads, &[0, 1], |nets| loss(nets, &mut Array2::zeros((b, 2)), &mut Array2::zeros((b, 1))))
}

#[test]
fn a2c_loss_gradient_matches_finite_differences() {
    let worst = a2c_check(1.0);
    eprintln!("worst relative error {worst:e}");
    assert!(worst < 1e-4, "worst relative error {worst:e}");
    assert!(a2c_check(1.01) > 5e-3, "a 1 % error must be caught");
}
