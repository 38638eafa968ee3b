//! DQN end to end on the real CartPole: the deck preset learns, by the race's definition of
//! solved (a periodic greedy evaluation, [`rl_live::solved`]).

use rl_live::cartpole::Version;
use rl_live::dqn::{Dqn, DqnConfig};
use rl_live::learner::Learner;
use rl_live::solved::GreedyEvaluations;

#[test]
fn deck_preset_solves_cartpole_v1_for_two_seeds_within_budget() {
    // Natively the deck preset solved 10/10 seeds by greedy evaluation, at most 39k steps
    // (seeds 0 and 1 at 10k and 8k): a 50k budget (the preset's) fails if learning breaks.
    for seed in [0, 1] {
        let mut dqn = Dqn::new(DqnConfig::deck(), Version::V1, seed).unwrap();
        let mut evals = GreedyEvaluations::new(seed);
        let mut best = 0.0f64;
        while !dqn.is_done() {
            dqn.train_iteration(&|| 1.0);
            if let Some(e) = evals.evaluate_if_due(&dqn) {
                best = best.max(e.evaluation.mean());
                if e.solved {
                    break;
                }
            }
        }
        assert!(best >= 475.0, "seed {seed}: best greedy evaluation {best} within {} steps", dqn.total_timesteps());
    }
}
