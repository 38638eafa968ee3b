//! The k-armed bandit testbed with ε-greedy (Sutton & Barto §2.3).
//!
//! Each run is a fresh bandit problem: k arms whose true values q*(a) are drawn from N(0, 1);
//! pulling arm a pays a reward drawn from N(q*(a), 1). The agent keeps a sample-average
//! estimate Q(a) of every arm (starting at 0) and acts ε-greedily: with probability ε it
//! pulls an arm uniformly at random (explores), otherwise an arm with the highest estimate
//! (exploits; ties broken at random). Averaged over many runs, ε = 0.1 keeps finding the
//! best arm while pure greed (ε = 0) locks onto whichever arm first looked good — the book's
//! Figure 2.2.
//!
//! Two ways in: [`bandit_testbed`] runs the whole experiment, and [`Testbed`] advances all
//! runs a few steps at a time so a slide can draw the curves as they grow.

use crate::shortest::Shortest;
use rand::distr::{Bernoulli, Distribution};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rand_distr::StandardNormal;
use serde::{Deserialize, Serialize};

/// What [`bandit_testbed`] should run. Missing fields take the defaults (JS options objects).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Number of arms k, 2 ..= [`MAX_ARMS`] (the book uses 10).
    pub arms: usize,
    /// Exploration probability ε, in [0, 1].
    pub epsilon: f64,
    /// Steps per run, 1 ..= [`MAX_STEPS`] (the book uses 1000).
    pub steps: usize,
    /// Independent bandit problems to average over, 1 ..= [`MAX_RUNS`] (the book: 2000).
    pub runs: usize,
    /// Seed of the experiment. Run i draws everything from its own stream derived from it,
    /// so two experiments with the same seed and different ε face the same bandit problems.
    pub seed: u64,
}

/// The book's testbed (Sutton & Barto, Figure 2.2): 10 arms, ε = 0.1, 1000 steps, 2000 runs.
impl Default for Config {
    fn default() -> Self {
        Config { arms: 10, epsilon: 0.1, steps: 1000, runs: 2000, seed: 0 }
    }
}

/// The averaged learning curves.
#[derive(Clone, Debug, PartialEq)]
pub struct Curves {
    /// Average reward at each step, over runs.
    pub avg_reward: Vec<f64>,
    /// Fraction of runs that picked the best arm at each step.
    pub optimal: Vec<f64>,
}

/// Most arms accepted.
pub const MAX_ARMS: usize = 100;

/// Most steps per run accepted.
pub const MAX_STEPS: usize = 10_000;

/// Most runs accepted.
pub const MAX_RUNS: usize = 10_000;

/// Most steps × runs in one experiment: 5× the book's 2000 × 1000, a fraction of a second
/// natively with 10 arms (each step scans every arm, so 100 arms cost several times more).
pub const MAX_TOTAL_STEPS: usize = 10_000_000;

/// Checks a [`Config`]; the error names the field and its valid range.
fn validate(config: &Config) -> Result<(), String> {
    if !(2..=MAX_ARMS).contains(&config.arms) {
        return Err(format!(
            "arms must be between 2 and {MAX_ARMS}, got {}",
            config.arms
        ));
    }
    // Written so that NaN fails too (every comparison with NaN is false).
    if !(config.epsilon.is_finite() && (0.0..=1.0).contains(&config.epsilon)) {
        return Err(format!(
            "epsilon must be a number in [0, 1], got {}",
            Shortest(config.epsilon)
        ));
    }
    if !(1..=MAX_STEPS).contains(&config.steps) {
        return Err(format!(
            "steps must be between 1 and {MAX_STEPS}, got {}",
            config.steps
        ));
    }
    if !(1..=MAX_RUNS).contains(&config.runs) {
        return Err(format!(
            "runs must be between 1 and {MAX_RUNS}, got {}",
            config.runs
        ));
    }
    if config.steps * config.runs > MAX_TOTAL_STEPS {
        return Err(format!(
            "steps × runs must be at most {MAX_TOTAL_STEPS}, got {} × {} = {}",
            config.steps,
            config.runs,
            config.steps * config.runs
        ));
    }
    Ok(())
}

/// Runs the whole testbed: `runs` bandit problems, `steps` ε-greedy pulls each.
///
/// Invalid configs give an error naming the field and its valid range.
pub fn bandit_testbed(config: &Config) -> Result<Curves, String> {
    let mut testbed = Testbed::new(config)?;
    testbed.advance(config.steps);
    Ok(testbed.curves())
}

/// One bandit problem and the agent learning it.
#[derive(Debug)]
struct Run {
    /// This run's own random stream: problem, exploration, ties and rewards all come from
    /// it, so a run's history does not depend on how the steps are chunked.
    rng: StdRng,
    /// True arm values q*(a).
    q_star: Vec<f64>,
    /// The arm with the highest q* (ties have probability zero).
    best: usize,
    /// Sample-average estimates Q(a), starting at 0.
    estimates: Vec<f64>,
    /// Pulls per arm N(a).
    pulls: Vec<u32>,
}

impl Run {
    fn new(arms: usize, seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let q_star: Vec<f64> = (0..arms).map(|_| rng.sample(StandardNormal)).collect();
        let best = crate::categorical::argmax(&q_star);
        Self {
            rng,
            q_star,
            best,
            estimates: vec![0.0; arms],
            pulls: vec![0; arms],
        }
    }

    /// One ε-greedy pull and its sample-average update; returns (reward, was it the best).
    /// `explore` is the ε-coin, `None` when ε = 0.
    fn step(&mut self, explore: Option<&Bernoulli>) -> (f64, bool) {
        let arm = if explore.is_some_and(|coin| coin.sample(&mut self.rng)) {
            self.rng.random_range(0..self.q_star.len())
        } else {
            self.greedy_arm()
        };
        let noise: f64 = self.rng.sample(StandardNormal);
        let reward = self.q_star[arm] + noise;
        // Incremental mean: Q ← Q + (R − Q)/N, no need to keep the rewards.
        self.pulls[arm] += 1;
        self.estimates[arm] += (reward - self.estimates[arm]) / self.pulls[arm] as f64;
        (reward, arm == self.best)
    }

    /// An arm with the highest estimate, chosen uniformly among ties.
    ///
    /// Ties matter: at the start every estimate is 0, and always taking the first would make
    /// the greedy agent's first pull arm 0 in every run.
    fn greedy_arm(&mut self) -> usize {
        // One pass finds the top estimate and how many arms share it.
        let (mut top, mut ties) = (f64::NEG_INFINITY, 0);
        for &q in &self.estimates {
            if q > top {
                (top, ties) = (q, 1);
            } else if q == top {
                ties += 1;
            }
        }
        // Only draw a random number when there is a choice to make.
        let pick = if ties == 1 {
            0
        } else {
            self.rng.random_range(0..ties)
        };
        self.estimates
            .iter()
            .enumerate()
            .filter(|&(_, &q)| q == top)
            .nth(pick)
            .unwrap()
            .0
    }
}

/// All runs of one experiment, advanced a few steps at a time (for the live demo).
///
/// Each call to [`Testbed::advance`] moves every run forward by the same number of steps,
/// so [`Testbed::curves`] always covers a whole prefix of the experiment; a slide can call
/// `advance(20)` per animation frame for several ε side by side without freezing the page.
/// However the steps are chunked, the final curves equal [`bandit_testbed`]'s exactly.
#[derive(Debug)]
pub struct Testbed {
    config: Config,
    /// The ε-coin; `None` for ε = 0, so pure greed does not draw a random number for a coin
    /// that always lands "exploit" (a third fewer draws per step).
    explore: Option<Bernoulli>,
    runs: Vec<Run>,
    /// Sum over runs of the reward at each step done so far.
    reward_sum: Vec<f64>,
    /// Number of runs that pulled their best arm, at each step done so far.
    optimal_count: Vec<u32>,
}

impl Testbed {
    /// Draws the `runs` bandit problems; no steps taken yet. Errors on an invalid config.
    pub fn new(config: &Config) -> Result<Self, String> {
        validate(config)?;
        let explore = match config.epsilon {
            0.0 => None,
            p => Some(Bernoulli::new(p).map_err(|e| e.to_string())?),
        };
        let runs = (0..config.runs).map(|i| Run::new(config.arms, crate::seed::run_seed(config.seed, i)));
        Ok(Self {
            config: config.clone(),
            explore,
            runs: runs.collect(),
            reward_sum: Vec::with_capacity(config.steps),
            optimal_count: Vec::with_capacity(config.steps),
        })
    }

    /// The experiment's settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Steps done so far (the length of the curves).
    pub fn steps_done(&self) -> usize {
        self.reward_sum.len()
    }

    /// Whether all `config.steps` steps are done.
    pub fn is_done(&self) -> bool {
        self.steps_done() == self.config.steps
    }

    /// Moves every run forward by up to `k` steps (fewer at the end of the experiment);
    /// returns how many steps were taken.
    pub fn advance(&mut self, k: usize) -> usize {
        let start = self.steps_done();
        let k = k.min(self.config.steps - start);
        self.reward_sum.resize(start + k, 0.0);
        self.optimal_count.resize(start + k, 0);
        let (reward_sum, optimal_count) = (
            &mut self.reward_sum[start..],
            &mut self.optimal_count[start..],
        );
        // Run by run, so one run's arrays stay in cache for all k steps; each step's sums
        // still add the runs in the same order, so chunking does not change a single bit.
        for run in &mut self.runs {
            for (sum, count) in reward_sum.iter_mut().zip(optimal_count.iter_mut()) {
                let (reward, optimal) = run.step(self.explore.as_ref());
                *sum += reward;
                *count += optimal as u32;
            }
        }
        k
    }

    /// The curves over the steps done so far, averaged over runs.
    pub fn curves(&self) -> Curves {
        let runs = self.config.runs as f64;
        Curves {
            avg_reward: self.reward_sum.iter().map(|s| s / runs).collect(),
            optimal: self
                .optimal_count
                .iter()
                .map(|&c| c as f64 / runs)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(epsilon: f64) -> Config {
        Config {
            arms: 10,
            epsilon,
            steps: 1000,
            runs: 2000,
            seed: 1,
        }
    }

    fn mean(xs: &[f64]) -> f64 {
        xs.iter().sum::<f64>() / xs.len() as f64
    }

    #[test]
    fn exploration_beats_greed_on_the_books_testbed() {
        // Seed 0 is the bandit slide's default run (`Config::default()`), seed 1 another.
        for seed in [0, 1] {
            exploration_beats_greed(seed);
        }
    }

    fn exploration_beats_greed(seed: u64) {
        let greedy = bandit_testbed(&Config { seed, ..book(0.0) }).unwrap();
        let eps = bandit_testbed(&Config { seed, ..book(0.1) }).unwrap();
        assert_eq!(greedy.avg_reward.len(), 1000);
        assert_eq!(eps.optimal.len(), 1000);
        // The criterion is step 1000 itself (index 999): with 2000 runs the standard error
        // is about 0.01 for the optimal rate and 0.03 for the reward, far below the gaps.
        assert!(eps.optimal[999] > greedy.optimal[999] + 0.2);
        assert!(eps.avg_reward[999] > greedy.avg_reward[999] + 0.1);
        // The same over the last 50 steps, which is steadier.
        assert!(mean(&eps.optimal[950..]) > mean(&greedy.optimal[950..]) + 0.2);
        assert!(mean(&eps.avg_reward[950..]) > mean(&greedy.avg_reward[950..]) + 0.1);
        // Greed gets stuck: about a third of the runs end on the best arm.
        let stuck = mean(&greedy.optimal[950..]);
        assert!((0.25..0.45).contains(&stuck), "greedy optimal rate {stuck}");
        // ε = 0.1 finds the best arm in most runs, and can exploit it at most 91 % of steps.
        let found = mean(&eps.optimal[950..]);
        assert!((0.7..0.91).contains(&found), "ε = 0.1 optimal rate {found}");
        // The first step: every estimate is 0, so even greed picks at random (1 in 10).
        assert!(greedy.optimal[0] < 0.15);
    }

    #[test]
    fn same_seed_same_curves() {
        let cfg = Config {
            runs: 200,
            steps: 300,
            ..book(0.05)
        };
        assert_eq!(bandit_testbed(&cfg).unwrap(), bandit_testbed(&cfg).unwrap());
        assert_ne!(
            bandit_testbed(&cfg).unwrap(),
            bandit_testbed(&Config { seed: 2, ..cfg }).unwrap()
        );
    }

    #[test]
    fn chunked_steps_give_the_same_curves() {
        let cfg = Config {
            runs: 100,
            steps: 250,
            ..book(0.1)
        };
        let mut tb = Testbed::new(&cfg).unwrap();
        let mut taken = 0;
        while !tb.is_done() {
            taken += tb.advance(7);
            assert_eq!(tb.curves().optimal.len(), taken);
        }
        assert_eq!(taken, 250);
        assert_eq!(tb.advance(10), 0);
        assert_eq!(tb.curves(), bandit_testbed(&cfg).unwrap());
    }

    #[test]
    fn curves_are_fractions_and_rewards_are_plausible() {
        let c = bandit_testbed(&Config {
            runs: 500,
            steps: 200,
            ..book(1.0)
        })
        .unwrap();
        assert!(c.optimal.iter().all(|&p| (0.0..=1.0).contains(&p)));
        // ε = 1 pulls uniformly: optimal about 1/10, average reward about mean q* = 0.
        assert!((mean(&c.optimal) - 0.1).abs() < 0.02);
        assert!(mean(&c.avg_reward).abs() < 0.1);
    }

    #[test]
    fn invalid_configs_are_rejected_with_the_field_named() {
        let ok = book(0.1);
        let cases: Vec<(Config, &str)> = vec![
            (
                Config {
                    arms: 1,
                    ..ok.clone()
                },
                "arms must be between 2 and 100",
            ),
            (
                Config {
                    arms: 101,
                    ..ok.clone()
                },
                "arms",
            ),
            (
                Config {
                    epsilon: -0.1,
                    ..ok.clone()
                },
                "epsilon must be a number in [0, 1]",
            ),
            (
                Config {
                    epsilon: 1.01,
                    ..ok.clone()
                },
                "epsilon",
            ),
            (
                Config {
                    epsilon: f64::NAN,
                    ..ok.clone()
                },
                "epsilon",
            ),
            (
                Config {
                    epsilon: f64::INFINITY,
                    ..ok.clone()
                },
                "epsilon",
            ),
            (
                Config {
                    steps: 0,
                    ..ok.clone()
                },
                "steps must be between 1 and",
            ),
            (
                Config {
                    steps: MAX_STEPS + 1,
                    ..ok.clone()
                },
                "steps",
            ),
            (
                Config {
                    runs: 0,
                    ..ok.clone()
                },
                "runs must be between 1 and",
            ),
            (
                Config {
                    runs: MAX_RUNS + 1,
                    ..ok.clone()
                },
                "runs",
            ),
            (
                Config {
                    runs: MAX_RUNS,
                    steps: MAX_STEPS,
                    ..ok.clone()
                },
                "steps × runs",
            ),
        ];
        for (cfg, msg) in cases {
            let e = bandit_testbed(&cfg).unwrap_err();
            assert!(e.contains(msg), "{cfg:?}: {e}");
            assert!(Testbed::new(&cfg).is_err());
        }
    }
}
