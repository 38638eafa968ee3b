//! Gymnasium 1.4 `CartPole-v1` / `CartPole-v0`, reproduced bit for bit.
//!
//! [`CartPole`] behaves like `gym.make("CartPole-v1")` (or `-v0`): the classic-control
//! `CartPoleEnv` inside its `TimeLimit` wrapper. For the same f64 state and action, `step`
//! returns the same next state, f32 observation, reward, `terminated` and `truncated` as
//! Gymnasium, bit for bit, including the odd corners: reward 1.0 on the terminating step,
//! 0.0 on later steps that are still out of bounds, 1.0 with `terminated = false` if the state
//! drifts back inside, and truncation counted by the wrapper (so both flags can be true).
//! `tests/cartpole_gymnasium.rs` checks this against vectors recorded with Gymnasium.
//!
//! Only the reset draw differs: Gymnasium uses numpy's PCG64, this module its own seeded RNG
//! (same range, `[-0.05, 0.05)` per component).
//!
//! `sin θ` and `cos θ` come from [`trig::sin_cos`], a correctly rounded implementation in plain
//! f64 arithmetic, on every target. Before, `step` called `f64::sin`/`cos`: glibc natively, but
//! on wasm32 Rust's musl-derived `libm`, which is 1 ULP off on ~1 % of typical angles, so 3 of
//! the 3,435 recorded steps differed under Node and browser trajectories drifted (about 1 step
//! in 60-80). Now the wasm32 build matches all 3,435 recorded steps, as native builds do, and
//! both give identical bits. One caveat: glibc's `sin`/`cos` (what Gymnasium uses) are not
//! correctly rounded either — their source states a maximum error of 0.518 ULP, and they
//! misround ~0.3 % of angles (all such cases checked against an exact reference). None of the
//! recorded steps hits one, but from random-action states about 1 step in 7,000 gives a
//! different next state than glibc would, so very long runs can still part from a live
//! Gymnasium (whose bits also depend on the platform's libm) — rarely, and identically
//! natively and in the browser.

pub mod trig;

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

/// Angle beyond which the episode terminates, in radians: Gymnasium's `12 * 2 * math.pi / 360`.
///
/// Evaluated left to right, as Python does: `((12 * 2) * π) / 360` = 0.20943951023931953.
/// `12f64.to_radians()` (π/180 first) gives 0.20943951023931956, one ULP larger, which would
/// move the termination boundary and break bit-exactness on threshold-grazing states.
pub const THETA_THRESHOLD_RADIANS: f64 = 12.0 * 2.0 * std::f64::consts::PI / 360.0;

/// Observation size: cart position, cart velocity, pole angle, pole angular velocity.
pub const OBS_DIM: usize = 4;

/// Action count: 0 pushes the cart left, 1 pushes it right.
pub const N_ACTIONS: usize = 2;

/// Cart position beyond which the episode terminates (either side of 0).
pub const X_THRESHOLD: f64 = 2.4;

/// Half-width of the reset box: each state component starts uniform in `[-0.05, 0.05)`.
pub const RESET_BOUND: f64 = 0.05;

/// Which registered CartPole: the only difference is the time limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// `CartPole-v0`: truncated after 200 steps.
    V0,
    /// `CartPole-v1`: truncated after 500 steps.
    V1,
}

impl Version {
    /// Steps after which the TimeLimit wrapper truncates the episode.
    pub fn max_episode_steps(self) -> u32 {
        match self {
            Version::V0 => 200,
            Version::V1 => 500,
        }
    }
    /// The return at which the env counts as solved (Gymnasium's `reward_threshold`): 475 for
    /// v1, 195 for v0. The CLI, the bench and the bench page all take it from here.
    pub const fn reward_threshold(self) -> f64 {
        match self {
            Version::V0 => 195.0,
            Version::V1 => 475.0,
        }
    }
    /// Accepts "v0", "v1", "CartPole-v0", "CartPole-v1".
    pub fn parse(name: &str) -> Result<Version, String> {
        match name {
            "v0" | "CartPole-v0" => Ok(Version::V0),
            "v1" | "CartPole-v1" => Ok(Version::V1),
            other => Err(format!(
                "unknown CartPole version {other:?}: expected \"v0\" or \"v1\""
            )),
        }
    }
    /// Gymnasium's id, e.g. "CartPole-v1".
    pub fn id(self) -> &'static str {
        match self {
            Version::V0 => "CartPole-v0",
            Version::V1 => "CartPole-v1",
        }
    }
}

/// Gymnasium's `kinematics_integrator`: "euler" (default) or anything else (semi-implicit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Integrator {
    /// Explicit Euler: positions advance with the old velocities (Gymnasium's default).
    #[default]
    Euler,
    /// Semi-implicit (symplectic) Euler: velocities first, positions with the new velocities.
    SemiImplicitEuler,
}

impl Integrator {
    /// Accepts Gymnasium's spelling "euler" and "semi-implicit euler" (also "semi-implicit").
    pub fn parse(name: &str) -> Result<Integrator, String> {
        match name {
            "euler" => Ok(Integrator::Euler),
            "semi-implicit euler" | "semi-implicit" | "semi_implicit_euler" => {
                Ok(Integrator::SemiImplicitEuler)
            }
            other => Err(format!(
                "unknown integrator {other:?}: expected \"euler\" or \"semi-implicit euler\""
            )),
        }
    }
}

/// Physical constants; `Default` is Gymnasium's. The deck's robustness sliders change them,
/// within [`Physics::RANGES`].
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Physics {
    /// Gravitational acceleration, m/s² (9.8).
    pub gravity: f64,
    /// Mass of the cart, kg (1.0).
    pub masscart: f64,
    /// Mass of the pole, kg (0.1).
    pub masspole: f64,
    /// Half the pole's length.
    pub length: f64,
    /// Magnitude of the push, N (10.0); action 1 pushes +force_mag, action 0 −force_mag.
    pub force_mag: f64,
    /// Seconds per step (0.02).
    pub tau: f64,
}

impl Default for Physics {
    /// Gymnasium's constants.
    fn default() -> Physics {
        Physics {
            gravity: 9.8,
            masscart: 1.0,
            masspole: 0.1,
            length: 0.5,
            force_mag: 10.0,
            tau: 0.02,
        }
    }
}

impl Physics {
    /// The sane range of each constant, `(name, min, max)`: wide enough for the deck's
    /// sliders (gravity on Jupiter, a pole ten times longer), narrow enough to stay a cart.
    pub const RANGES: [(&'static str, f64, f64); 6] = [
        ("gravity", 0.0, 100.0),
        ("masscart", 0.01, 100.0),
        ("masspole", 0.001, 100.0),
        ("length", 0.01, 10.0),
        ("force_mag", 0.0, 1000.0),
        ("tau", 0.0001, 0.1),
    ];

    /// Every constant finite and within [`Physics::RANGES`]; the message names the first that
    /// is not, its range and its value.
    pub fn check(&self) -> Result<(), String> {
        let values = [self.gravity, self.masscart, self.masspole, self.length, self.force_mag, self.tau];
        for ((name, lo, hi), v) in Physics::RANGES.into_iter().zip(values) {
            if !(lo..=hi).contains(&v) {
                return Err(format!(
                    "{name} must be a number from {} to {}, got {}",
                    crate::shortest::Shortest(lo),
                    crate::shortest::Shortest(hi),
                    crate::shortest::Shortest(v)
                ));
            }
        }
        Ok(())
    }

    /// `masspole + masscart`, in Gymnasium's operand order (addition order can matter in f64).
    pub fn total_mass(&self) -> f64 {
        self.masspole + self.masscart
    }
    /// `masspole * length`, as Gymnasium computes it.
    pub fn polemass_length(&self) -> f64 {
        self.masspole * self.length
    }
}

/// What one `step` returns (Gymnasium's tuple without `info`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    /// The new state cast to f32 (the env keeps the f64 state).
    pub obs: [f32; 4],
    /// 1.0, or 0.0 on steps after termination that are still out of bounds.
    pub reward: f64,
    /// The new state is out of bounds (strict inequalities).
    pub terminated: bool,
    /// The time limit has been reached (elapsed steps ≥ 500 for v1, 200 for v0).
    pub truncated: bool,
}

/// True when `state` is outside the episode's bounds: `|x| > 2.4` or `|θ| > θ_threshold`.
///
/// Strict inequalities, written as Gymnasium writes them (`x < -thr or x > thr …`), so a
/// state exactly on a threshold is still inside and NaN never counts as out of bounds.
// Not `!(-X..=X).contains(&x)`, as clippy suggests: that is true for NaN, Gymnasium's is false.
#[allow(clippy::manual_range_contains)]
#[inline]
pub fn is_out_of_bounds(state: [f64; 4]) -> bool {
    let [x, _, theta, _] = state;
    x < -X_THRESHOLD
        || x > X_THRESHOLD
        || theta < -THETA_THRESHOLD_RADIANS
        || theta > THETA_THRESHOLD_RADIANS
}

/// Maps a uniform `u` in `[0, 1)` (a multiple of 2⁻⁵³) to `[-0.05, 0.05)` as numpy does
/// (`low + (high - low) * u`). The largest `u`, 1 − 2⁻⁵³, still lands strictly below 0.05
/// and rounding is monotonic, so the open upper bound holds (unit-tested below). rand's own
/// `random_range` gives no such guarantee for floats: it may round up to the bound.
#[inline]
fn reset_component(u: f64) -> f64 {
    -RESET_BOUND + (RESET_BOUND - -RESET_BOUND) * u
}

/// One CartPole environment wrapped in its TimeLimit, with its own seeded RNG for resets.
///
/// The RNG is `rand`'s `Xoshiro256PlusPlus` seeded with `seed_from_u64`: it is portable
/// (same stream natively and on wasm32, unlike `SmallRng`, whose algorithm depends on the
/// pointer width) and `Clone` (rand 0.10's `StdRng` is not, and `CartPole` must be), so a
/// clone continues with the same resets as the original.
#[derive(Clone, Debug)]
pub struct CartPole {
    version: Version,
    integrator: Integrator,
    physics: Physics,
    /// Derived once from `physics`, as Gymnasium's `__init__` does.
    total_mass: f64,
    polemass_length: f64,
    state: [f64; 4],
    /// False until `reset`/`set_state`/`restore`: Gymnasium refuses to step before reset.
    has_state: bool,
    /// The TimeLimit wrapper's `_elapsed_steps`.
    elapsed_steps: u32,
    /// Gymnasium's `steps_beyond_terminated`: `None` until the first terminating step.
    steps_beyond_terminated: Option<u32>,
    rng: Xoshiro256PlusPlus,
}

impl CartPole {
    /// A new environment; call `reset` before stepping.
    pub fn new(version: Version, seed: u64) -> CartPole {
        let physics = Physics::default();
        CartPole {
            version,
            integrator: Integrator::Euler,
            physics,
            total_mass: physics.total_mass(),
            polemass_length: physics.polemass_length(),
            state: [0.0; 4],
            has_state: false,
            elapsed_steps: 0,
            steps_beyond_terminated: None,
            rng: Xoshiro256PlusPlus::seed_from_u64(seed),
        }
    }
    /// The same environment with another integrator (Gymnasium's `kinematics_integrator`).
    pub fn with_integrator(mut self, integrator: Integrator) -> CartPole {
        self.integrator = integrator;
        self
    }
    /// The same environment with other physical constants (total mass and pole mass × length
    /// are recomputed from them).
    pub fn with_physics(mut self, physics: Physics) -> CartPole {
        self.set_physics(physics);
        self
    }
    /// Changes the integrator in place, keeping the state and bookkeeping.
    pub fn set_integrator(&mut self, integrator: Integrator) {
        self.integrator = integrator;
    }
    /// Changes the physical constants in place (e.g. a slider mid-episode), keeping the state.
    pub fn set_physics(&mut self, physics: Physics) {
        self.physics = physics;
        self.total_mass = physics.total_mass();
        self.polemass_length = physics.polemass_length();
    }
    /// The registered version (decides the time limit).
    pub fn version(&self) -> Version {
        self.version
    }
    /// The integrator in use.
    pub fn integrator(&self) -> Integrator {
        self.integrator
    }
    /// The physical constants in use.
    pub fn physics(&self) -> Physics {
        self.physics
    }
    /// Re-seeds the reset RNG, like Gymnasium's `reset(seed=…)` does before drawing.
    pub fn reseed(&mut self, seed: u64) {
        self.rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    }
    /// New episode: each state component uniform in [-0.05, 0.05); returns the f32 observation.
    ///
    /// Draws four `f64`s (x, ẋ, θ, θ̇ in that order), zeroes the elapsed-step count and clears
    /// the steps-beyond-terminated bookkeeping, as `TimeLimit.reset` and `CartPoleEnv.reset` do.
    pub fn reset(&mut self) -> [f32; 4] {
        for v in &mut self.state {
            *v = reset_component(self.rng.random::<f64>());
        }
        self.has_state = true;
        self.elapsed_steps = 0;
        self.steps_beyond_terminated = None;
        self.obs()
    }
    /// The exact f64 state (x, x_dot, theta, theta_dot).
    pub fn state(&self) -> [f64; 4] {
        self.state
    }
    /// The current state as the f32 observation `step` and `reset` return.
    pub fn obs(&self) -> [f32; 4] {
        self.state.map(|v| v as f32)
    }
    /// Overwrites the physics state only (elapsed steps and termination bookkeeping untouched).
    ///
    /// Like assigning `env.unwrapped.state` in Gymnasium. It also makes a never-reset
    /// environment steppable (elapsed steps 0), where Gymnasium would still demand a reset.
    pub fn set_state(&mut self, state: [f64; 4]) {
        self.state = state;
        self.has_state = true;
    }
    /// Restores the state and the bookkeeping: the TimeLimit's elapsed-step count and
    /// `steps_beyond_terminated` (`None` until a step has terminated). With these three the
    /// environment continues exactly as Gymnasium would from that point.
    pub fn restore(
        &mut self,
        state: [f64; 4],
        elapsed_steps: u32,
        steps_beyond_terminated: Option<u32>,
    ) {
        self.state = state;
        self.has_state = true;
        self.elapsed_steps = elapsed_steps;
        self.steps_beyond_terminated = steps_beyond_terminated;
    }
    /// Steps taken since the last reset (the TimeLimit wrapper's count; keeps counting after
    /// truncation).
    pub fn elapsed_steps(&self) -> u32 {
        self.elapsed_steps
    }
    /// Gymnasium's `steps_beyond_terminated`: `None` before the episode's first terminating
    /// step, `Some(0)` after it, +1 on each later step that is out of bounds.
    pub fn steps_beyond_terminated(&self) -> Option<u32> {
        self.steps_beyond_terminated
    }
    /// True once the environment has a state (after `reset`, `set_state` or `restore`);
    /// `step` panics before that, as Gymnasium raises before the first reset.
    pub fn has_state(&self) -> bool {
        self.has_state
    }
    /// Whether the episode is over: the state is out of bounds or the time limit is reached.
    /// Equal to `terminated || truncated` of the last step (unless the state was set since).
    pub fn is_done(&self) -> bool {
        is_out_of_bounds(self.state) || self.elapsed_steps >= self.version.max_episode_steps()
    }
    /// One step. `action` 0 pushes left, 1 pushes right; panics on anything else.
    ///
    /// The arithmetic is Gymnasium's expression for expression, in the same grouping: f64
    /// rounding makes `a * b * c` differ from `a * (b * c)` in the last bit, and a 1-ULP
    /// difference grows until whole trajectories diverge. No fused multiply-add either (Rust
    /// never contracts `a * b + c` on its own, and numpy doesn't).
    #[inline]
    pub fn step(&mut self, action: usize) -> Step {
        let force = match action {
            1 => self.physics.force_mag,
            0 => -self.physics.force_mag,
            _ => invalid_action(action),
        };
        if !self.has_state {
            step_before_reset();
        }
        let Physics {
            gravity,
            masspole,
            length,
            tau,
            ..
        } = self.physics;
        let (total_mass, polemass_length) = (self.total_mass, self.polemass_length);
        let [mut x, mut x_dot, mut theta, mut theta_dot] = self.state;

        // Correctly rounded sin/cos from `trig`, in plain f64 arithmetic, so wasm32 gets the
        // same bits as native builds (`f64::sin`/`cos` there are musl-derived and 1 ULP off on
        // ~1 % of angles; glibc's agree with these on ~99.7 %), see the module docs.
        let (sintheta, costheta) = trig::sin_cos(theta);
        // (polemass_length * θ̇²) * sinθ: Python evaluates `a * np.square(b) * c` left to right.
        let temp = (force + polemass_length * (theta_dot * theta_dot) * sintheta) / total_mass;
        // (masspole * cos²θ) / total_mass, again left to right.
        let thetaacc = (gravity * sintheta - costheta * temp)
            / (length * (4.0 / 3.0 - masspole * (costheta * costheta) / total_mass));
        // ((polemass_length * θ̈) * cosθ) / total_mass.
        let xacc = temp - polemass_length * thetaacc * costheta / total_mass;

        match self.integrator {
            Integrator::Euler => {
                x += tau * x_dot;
                x_dot += tau * xacc;
                theta += tau * theta_dot;
                theta_dot += tau * thetaacc;
            }
            Integrator::SemiImplicitEuler => {
                x_dot += tau * xacc;
                x += tau * x_dot;
                theta_dot += tau * thetaacc;
                theta += tau * theta_dot;
            }
        }
        self.state = [x, x_dot, theta, theta_dot];

        let terminated = is_out_of_bounds(self.state);
        let reward = if !terminated {
            1.0
        } else if let Some(n) = self.steps_beyond_terminated {
            // Still (or again) out of bounds after the terminating step: no reward. Coming
            // back inside does not clear this, so leaving again also gives 0.0.
            self.steps_beyond_terminated = Some(n.saturating_add(1));
            0.0
        } else {
            // The pole just fell: the terminating step itself is rewarded.
            self.steps_beyond_terminated = Some(0);
            1.0
        };

        // TimeLimit: counts every step and truncates from the limit on (`>=`), whatever the
        // env said; it never resets the count itself.
        self.elapsed_steps = self.elapsed_steps.saturating_add(1);
        let truncated = self.elapsed_steps >= self.version.max_episode_steps();

        Step {
            obs: self.obs(),
            reward,
            terminated,
            truncated,
        }
    }
}

/// Kept out of line so the hot `step` stays small.
#[cold]
#[inline(never)]
fn invalid_action(action: usize) -> ! {
    panic!("CartPole action must be 0 (push left) or 1 (push right), got {action}")
}

#[cold]
#[inline(never)]
fn step_before_reset() -> ! {
    panic!("CartPole::step called before reset (call reset, set_state or restore first)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn physics_check_names_the_constant_its_range_and_value() {
        assert_eq!(Physics::default().check(), Ok(()));
        let p = Physics { gravity: 1e308, ..Physics::default() };
        assert_eq!(p.check(), Err("gravity must be a number from 0 to 100, got 1e+308".into()));
        let p = Physics { tau: f64::NAN, ..Physics::default() };
        assert_eq!(p.check(), Err("tau must be a number from 0.0001 to 0.1, got NaN".into()));
    }

    #[test]
    fn reset_component_stays_in_half_open_range() {
        assert_eq!(reset_component(0.0), -0.05);
        let largest_u = 1.0 - f64::EPSILON / 2.0; // 1 − 2⁻⁵³, the largest `random::<f64>()`
        let top = reset_component(largest_u);
        assert!(top < 0.05, "{top:e}");
        assert!(top > 0.05 - 1e-15);
    }

    #[test]
    fn theta_threshold_is_gymnasiums_left_to_right_value() {
        assert_eq!(
            THETA_THRESHOLD_RADIANS.to_bits(),
            0.20943951023931953f64.to_bits()
        );
        assert_eq!(
            12f64.to_radians().to_bits(),
            THETA_THRESHOLD_RADIANS.to_bits() + 1
        );
    }

    #[test]
    fn nan_is_not_out_of_bounds_as_in_gymnasium() {
        assert!(!is_out_of_bounds([f64::NAN, 0.0, f64::NAN, 0.0]));
        assert!(is_out_of_bounds([f64::NAN, 0.0, 0.3, 0.0]));
    }

    #[test]
    fn physics_default_is_gymnasiums() {
        let p = Physics::default();
        assert_eq!(p.total_mass(), 1.1);
        assert_eq!(p.polemass_length(), 0.05);
        assert_eq!(
            (p.gravity, p.force_mag, p.tau, p.length),
            (9.8, 10.0, 0.02, 0.5)
        );
    }

    #[test]
    fn integrator_parse_accepts_gymnasium_spelling() {
        assert_eq!(Integrator::parse("euler"), Ok(Integrator::Euler));
        assert_eq!(
            Integrator::parse("semi-implicit euler"),
            Ok(Integrator::SemiImplicitEuler)
        );
        assert!(Integrator::parse("rk4").is_err());
    }

    #[test]
    fn clone_continues_the_same_reset_stream() {
        let mut a = CartPole::new(Version::V1, 9);
        a.reset();
        let mut b = a.clone();
        assert_eq!(a.reset(), b.reset());
    }

    #[test]
    #[should_panic(expected = "before reset")]
    fn step_before_reset_panics() {
        CartPole::new(Version::V1, 0).step(0);
    }
}
