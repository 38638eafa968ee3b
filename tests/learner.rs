//! Every algorithm through the one `Learner` interface the deck's worker and the CLI drive:
//! the sliced iteration (`step_phase`) gives the bits of `train_iteration` with short slices,
//! the live log carries that algorithm's SB3 keys, the race's greedy evaluations fall due
//! between iterations only, and the agent of every algorithm saves and loads bit for bit
//! (and files of format version 1 still load, as PPO).

use rl_live::a2c::A2cConfig;
use rl_live::agent::{Agent, FORMAT_VERSION, Nets};
use rl_live::cartpole::Version;
use rl_live::dqn::{DqnConfig, TRAIN_SLICE_WORK};
use rl_live::learner::{Algo, Config};
use rl_live::ppo::PpoConfig;
use rl_live::solved::{EVAL_EPISODES, EVAL_EVERY_STEPS, GreedyEvaluations};

const CLOCK: &dyn Fn() -> f64 = &|| 1.0;

/// Small but real configs of every algorithm: PPO sb3 (2048-step rollout in 4 chunks), A2C with
/// a 1100-step rollout (3 chunks), DQN zoo-like with 700-step collections (2 chunks) and 40
/// gradient steps of a 64-64 network (3 training slices).
fn configs() -> Vec<Config> {
    vec![
        Config::Ppo(PpoConfig::sb3()),
        Config::Ppo(PpoConfig::deck()),
        Config::A2c(A2cConfig { n_envs: 2, n_steps: 550, log_interval: 2, ..A2cConfig::deck() }),
        Config::A2c(A2cConfig::deck()),
        Config::Dqn(DqnConfig { train_freq: 700, gradient_steps: 40, learning_starts: 500, log_interval: 1, ..DqnConfig::deck() }),
        Config::Dqn(DqnConfig { train_freq: 64, gradient_steps: 64, learning_starts: 100, ..DqnConfig::deck() }),
    ]
}

#[test]
fn step_phase_gives_the_same_bits_as_train_iteration_in_short_slices() {
    for config in configs() {
        let algo = config.algo();
        let mut whole = config.learner(Version::V1, 5).unwrap();
        let mut sliced = config.learner(Version::V1, 5).unwrap();
        let names: Vec<&str> = algo.phases().iter().map(|p| p.0).collect();
        let mut phases_seen = Vec::new();
        for _ in 0..4 {
            whole.train_iteration(CLOCK);
            let mut slices = 0;
            loop {
                let (phase, steps) = (sliced.phase(), sliced.total_timesteps());
                assert!(names.contains(&phase), "{algo:?}: phase {phase}");
                phases_seen.push(phase);
                let done = sliced.step_phase(CLOCK);
                assert!(sliced.total_timesteps() - steps <= 512, "{algo:?}: a slice of {} env steps", sliced.total_timesteps() - steps);
                slices += 1;
                if done {
                    break;
                }
                assert!(!sliced.at_iteration_start(), "{algo:?}: mid-iteration");
            }
            assert!(sliced.at_iteration_start() && whole.at_iteration_start());
            assert_eq!(whole.log(), sliced.log(), "{algo:?}: the log after the iteration");
            assert_eq!(whole.tables(), sliced.tables(), "{algo:?}: the tables of the iteration");
            assert_eq!(whole.total_timesteps(), sliced.total_timesteps());
            assert!(slices >= 1);
        }
        assert_eq!(whole.agent().to_json(), sliced.agent().to_json(), "{algo:?}: the same weights");
        assert_eq!(whole.episode_returns(), sliced.episode_returns());
        // Every phase of the algorithm ran (DQN's warm-up is over after 4 collections).
        for name in &names {
            assert!(phases_seen.contains(name), "{algo:?}: {name} never ran: {phases_seen:?}");
        }
        // The live log has exactly this algorithm's keys, in SB3's order.
        let keys: Vec<&str> = sliced.log().iter().map(|kv| kv.0).collect();
        assert_eq!(keys, algo.log_keys(), "{algo:?}");
    }
}

#[test]
fn dqn_trains_in_bounded_slices_and_train_iteration_finishes_a_begun_iteration() {
    let config = DqnConfig { train_freq: 256, gradient_steps: 128, learning_starts: 0, ..DqnConfig::deck() };
    let mut dqn = Config::Dqn(config.clone()).learner(Version::V1, 2).unwrap();
    assert!(!dqn.step_phase(CLOCK), "the collection");
    assert_eq!(dqn.phase(), "train");
    let net = 4 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2;
    let per_slice = TRAIN_SLICE_WORK / (config.batch_size * net);
    assert!((8..=32).contains(&per_slice), "{per_slice} gradient steps per slice");
    let mut train_slices = 0;
    while !dqn.step_phase(CLOCK) {
        train_slices += 1;
    }
    assert_eq!(train_slices + 1, 128usize.div_ceil(per_slice));
    let n_updates = dqn.log().iter().find(|kv| kv.0 == "train/n_updates").unwrap().1.as_f64();
    assert_eq!(n_updates, 128.0);

    // train_iteration after two slices finishes that iteration, bit for bit.
    let mut whole = Config::Dqn(config.clone()).learner(Version::V1, 2).unwrap();
    let mut mixed = Config::Dqn(config).learner(Version::V1, 2).unwrap();
    whole.train_iteration(CLOCK);
    assert!(!mixed.step_phase(CLOCK) && !mixed.step_phase(CLOCK));
    mixed.train_iteration(CLOCK);
    assert_eq!(whole.log(), mixed.log());
    assert_eq!(whole.agent().to_json(), mixed.agent().to_json());
}

#[test]
fn the_live_log_has_each_algorithms_keys_from_the_first_iteration() {
    // DQN: no time/iterations, ε and episodes; A2C: policy_loss, no train/loss. SB3 prints
    // tables less often (A2C every 100 iterations, DQN every 4 episodes); the live log is
    // there after every iteration, with the rollout and time keys as of its end.
    let mut dqn = Config::preset(Algo::Dqn, "deck").unwrap().learner(Version::V1, 0).unwrap();
    // Before the first iteration: no episode, no training yet, as SB3 would show it.
    for algo in Algo::ALL {
        let fresh = Config::preset(algo, "deck").unwrap().learner(Version::V1, 0).unwrap();
        // (DQN records ε at every step, so it is there from the start.)
        assert!(fresh.log().iter().all(|kv| kv.0.starts_with("time/") || kv.0 == "rollout/exploration_rate"), "{algo:?}: {:?}", fresh.log());
    }
    dqn.train_iteration(CLOCK);
    let keys: Vec<&str> = dqn.log().iter().map(|kv| kv.0).collect();
    assert_eq!(keys, ["rollout/ep_len_mean", "rollout/ep_rew_mean", "rollout/exploration_rate", "time/episodes", "time/fps", "time/time_elapsed", "time/total_timesteps"], "warm-up: no train/ keys yet");
    let mut a2c = Config::preset(Algo::A2c, "deck").unwrap().learner(Version::V1, 0).unwrap();
    for _ in 0..3 {
        a2c.train_iteration(CLOCK);
    }
    assert!(a2c.tables().is_empty(), "SB3's first A2C table is at iteration 100");
    let log = a2c.log();
    let get = |k: &str| log.iter().find(|kv| kv.0 == k).map(|kv| kv.1.as_f64());
    assert_eq!((get("time/iterations"), get("train/n_updates"), get("time/total_timesteps")), (Some(3.0), Some(3.0), Some(120.0)));
    assert_eq!(get("train/loss"), None);
}

#[test]
fn greedy_evaluations_fall_due_every_2048_steps_between_iterations_only() {
    for algo in Algo::ALL {
        let config = match algo {
            Algo::Ppo => Config::Ppo(PpoConfig { n_envs: 1, n_steps: 1024, batch_size: 64, ..PpoConfig::deck() }),
            Algo::A2c => Config::A2c(A2cConfig { n_envs: 1, n_steps: 1024, ..A2cConfig::deck() }),
            Algo::Dqn => Config::Dqn(DqnConfig { train_freq: 1024, gradient_steps: 8, ..DqnConfig::deck() }),
        };
        let mut learner = config.learner(Version::V1, 3).unwrap();
        let mut evals = GreedyEvaluations::new(3);
        let mut at = Vec::new();
        while at.len() < 3 && learner.total_timesteps() <= 4 * EVAL_EVERY_STEPS {
            if !learner.step_phase(CLOCK) {
                assert_eq!(evals.evaluate_if_due(learner.as_ref()), None, "{algo:?}: mid-iteration");
                continue;
            }
            if let Some(e) = evals.evaluate_if_due(learner.as_ref()) {
                assert_eq!(e.evaluation.returns.len(), EVAL_EPISODES);
                assert_eq!(e.solved, e.evaluation.mean() >= 475.0);
                // The same episodes as an evaluation of the saved agent (greedy: argmax).
                let agent = learner.agent();
                let again = rl_live::evaluation::evaluate(rl_live::evaluation::Policy::Greedy(&agent), EVAL_EPISODES, rl_live::solved::eval_seed(3), Default::default());
                assert_eq!(again.returns, e.evaluation.returns, "{algo:?}");
                at.push(e.total_timesteps);
            }
        }
        assert_eq!(at, [2048, 4096, 6144], "{algo:?}");
    }
}

#[test]
fn agents_of_every_algorithm_round_trip_bit_for_bit_and_play_greedily() {
    for algo in Algo::ALL {
        let mut learner = Config::preset(algo, "deck").unwrap().learner(Version::V1, 7).unwrap();
        for _ in 0..5 {
            learner.train_iteration(CLOCK);
        }
        let agent = learner.agent();
        assert_eq!(agent.algo(), algo);
        let text = agent.to_json();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!((doc["version"].as_u64(), doc["algo"].as_str()), (Some(FORMAT_VERSION as u64), Some(algo.name())));
        let back = Agent::from_json(&text).unwrap();
        assert_eq!(back, agent, "{algo:?}");
        assert_eq!(back.to_json(), text, "{algo:?}: written again, the same text");
        let mut obs = [0.01f32, -0.2, 0.03, 0.4];
        for k in 0..50 {
            obs[k % 4] += 0.05 * (k as f32).sin();
            let a = back.act_greedy(&obs);
            assert_eq!(a, learner.act_greedy(&obs), "{algo:?}");
            let p = back.action_probs(&obs);
            assert!(p[a] >= p[1 - a] && (p[0] + p[1] - 1.0).abs() < 1e-6, "{algo:?}: {p:?}");
            if algo == Algo::Dqn {
                // One-hot greedy policy; value = max Q.
                assert_eq!(p[a], 1.0);
                let Nets::Q(q) = &back.nets else { panic!("a DQN agent holds its Q-network") };
                let out = q.forward_one(&obs);
                assert_eq!(back.value(&obs), out[0].max(out[1]));
            }
        }
    }
}

#[test]
fn format_version_1_files_still_load_as_ppo() {
    // tests/fixtures/agent-v1.json: the bundled agent as written before A2C and DQN (format
    // version 1: no "algo", an actor and a critic).
    let text = include_str!("fixtures/agent-v1.json");
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!((doc["version"].as_u64(), doc.get("algo")), (Some(1), None));
    let agent = Agent::from_json(text).unwrap();
    assert_eq!(agent.algo(), Algo::Ppo);
    // Every weight as the file has it.
    let mut file_weights = Vec::new();
    for net in ["actor", "critic"] {
        for layer in doc[net]["layers"].as_array().unwrap() {
            for key in ["w", "b"] {
                file_weights.extend(layer[key].as_array().unwrap().iter().map(|x| x.as_f64().unwrap() as f32));
            }
        }
    }
    assert_eq!(agent.params().copied().collect::<Vec<f32>>(), file_weights);
    // Saved again, it is a version 2 PPO file with the same weights and meta.
    let again = agent.to_json();
    assert!(again.contains(&format!("\"version\":{FORMAT_VERSION},\"algo\":\"ppo\"")), "{}", &again[..80]);
    assert_eq!(Agent::from_json(&again).unwrap(), agent);
    // A trained agent: it balances.
    let e = rl_live::evaluation::evaluate(rl_live::evaluation::Policy::Greedy(&agent), 3, 0, Default::default());
    assert_eq!(e.returns, [500.0; 3]);
}

#[test]
fn mismatched_files_are_refused_with_a_reason() {
    let dqn = Config::preset(Algo::Dqn, "deck").unwrap().learner(Version::V1, 0).unwrap().agent().to_json();
    let ppo = Config::preset(Algo::Ppo, "deck").unwrap().learner(Version::V1, 0).unwrap().agent().to_json();
    let edit = |text: &str, f: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
        f(&mut v);
        Agent::from_json(&v.to_string()).unwrap_err()
    };
    assert_eq!(edit(&dqn, &|v| v["algo"] = "sac".into()), r#"agent file: algo must be one of "ppo", "a2c", "dqn", got "sac""#);
    assert_eq!(edit(&dqn, &|v| v["algo"] = "ppo".into()), "agent file: a ppo agent has no \"q\"");
    assert_eq!(edit(&ppo, &|v| v["algo"] = "dqn".into()), "agent file: a dqn agent has no \"actor\"");
    assert_eq!(edit(&ppo, &|v| { v.as_object_mut().unwrap().remove("algo"); }), "agent file: missing field \"algo\"");
    assert_eq!(edit(&ppo, &|v| v["version"] = 1.into()), "agent file: version 1 has no \"algo\" (version 2 does)");
    assert_eq!(edit(&dqn, &|v| v["q"]["activation"] = "tanh".into()), "q: activation \"tanh\" is not supported (only \"relu\")");
    assert_eq!(edit(&ppo, &|v| v["version"] = 3.into()), "agent file version 3 is newer than this build reads (version 2)");
}
