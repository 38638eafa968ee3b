//! `rl-live`: train and evaluate PPO, A2C or DQN on CartPole from a terminal, with the
//! engine the deck runs in the browser.
//!
//! ```text
//! rl-live train [--algo ppo|a2c|dqn] [--seed N | --seeds A-B] [--preset deck|zoo|sb3] [--env CartPole-v1|CartPole-v0]
//!               [--json] [--quiet] [--full] [--save FILE] [--eval-episodes N]
//! rl-live eval  --agent FILE [--episodes N] [--seed N]
//! rl-live plan  --model true|learned [--seed N | --seeds A-B] [--horizon N] [--samples N] …
//! ```

use rl_live::agent::{Agent, evaluate};
use rl_live::cartpole::Version;
use rl_live::learner::{Algo, Config};
use rl_live::model_based::{LearnConfig, ModelBased, ModelKind};
use rl_live::planner::PlannerConfig;
use rl_live::sb3_log;
use rl_live::solved::{self, GreedyEvaluations};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
rl-live — PPO, A2C and DQN on CartPole, the engine of the rl-live deck

USAGE:
  rl-live train [OPTIONS]      train, print SB3's log tables as SB3 would, then evaluate
  rl-live eval --agent FILE    greedy evaluation of a saved agent
  rl-live plan --model M       model-based: plan with the true model or a learned one

TRAIN OPTIONS:
  --algo NAME          ppo (default), a2c or dqn, each as stable-baselines3 defines it
  --seed N             random seed (default 0)
  --seeds A-B          train every seed from A to B and print a summary table
  --preset NAME        deck (default), zoo (rl-baselines3-zoo tuned), sb3 (SB3 defaults)
  --env ID             CartPole-v1 (default) or CartPole-v0
  --set KEY=VALUE      override one hyperparameter of the preset, e.g. --set n_epochs=10
                       or --set hidden=[32,32] (repeatable; keys as in PpoConfig,
                       A2cConfig or DqnConfig)
  --solved rolling|eval  rolling (default): the last 20 training episodes' mean return;
                       eval: the first greedy evaluation (every 2048 steps, 10 episodes)
                       whose mean reaches the threshold (evaluation time counts)
  --full               keep training to the preset's total_timesteps after solving
  --save FILE          write the trained agent (rl-live-agent JSON) to FILE
  --eval-episodes N    greedy evaluation episodes at the end (default 20)
  --json               one JSON object per line instead of tables
  --quiet              no per-iteration output

EVAL OPTIONS:
  --agent FILE         an rl-live-agent JSON file
  --episodes N         episodes (default 20)
  --seed N             seed of the evaluation environments (default 0)

PLAN OPTIONS (defaults are the deck's):
  --model true|learned the planner's model: CartPole itself, or an Mlp fitted to real steps
  --seed N / --seeds A-B
  --horizon N          steps each imagined sequence looks ahead (default 25)
  --samples N          sequences imagined per action (default 100)
  --iterations N       1 = random shooting (default), more = CEM iterations
  --elites N           CEM's elite count (default 10)
  --random-steps N     learned: random-play steps before the first fit (default 2000)
  --fit-steps N        learned: Adam steps per fit (default 1500)
  --budget N           real env steps before giving up (default 20000)
  --json               one JSON object per seed
  --quiet              no per-episode output

'Solved' means the mean return of the last 20 training episodes (or, with --solved eval, of
a greedy evaluation) reaches the env's reward threshold (Gymnasium's: 475 for CartPole-v1,
195 for CartPole-v0).";

struct TrainArgs {
    algo: Algo,
    /// `--solved eval`: periodic greedy evaluations decide, not the rolling training mean.
    solved_by_eval: bool,
    seeds: Vec<u64>,
    preset: String,
    /// `--set KEY=VALUE` texts, parsed by the declared kind of each field.
    overrides: Vec<(String, String)>,
    env: Version,
    full: bool,
    save: Option<String>,
    eval_episodes: usize,
    json: bool,
    quiet: bool,
}

/// What one training run achieved.
struct Outcome {
    seed: u64,
    solved_at: Option<(u64, f64)>,
    steps: u64,
    seconds: f64,
    eval: Vec<f64>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("train") => parse_train(&args[1..]).and_then(train),
        Some("eval") => eval(&args[1..]),
        Some("plan") => plan(&args[1..]),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn value<'a>(args: &'a [String], i: usize, flag: &str) -> Result<&'a str, String> {
    args.get(i + 1).map(String::as_str).ok_or_else(|| format!("{flag} needs a value"))
}

fn number<T: std::str::FromStr>(text: &str, flag: &str) -> Result<T, String> {
    text.parse().map_err(|_| format!("{flag}: {text:?} is not a valid number"))
}

fn parse_train(args: &[String]) -> Result<TrainArgs, String> {
    let mut t = TrainArgs {
        algo: Algo::Ppo,
        solved_by_eval: false,
        seeds: vec![0],
        preset: "deck".into(),
        overrides: Vec::new(),
        env: Version::V1,
        full: false,
        save: None,
        eval_episodes: 20,
        json: false,
        quiet: false,
    };
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        match flag {
            "--seed" => {
                t.seeds = vec![number(value(args, i, flag)?, flag)?];
                i += 1;
            }
            "--seeds" => {
                let v = value(args, i, flag)?;
                let (a, b) = v.split_once('-').ok_or_else(|| format!("--seeds: expected A-B, got {v:?}"))?;
                let (a, b): (u64, u64) = (number(a, flag)?, number(b, flag)?);
                if a > b || b - a >= 1000 {
                    return Err(format!("--seeds: {v:?} must be A-B with A ≤ B and at most 1000 seeds"));
                }
                t.seeds = (a..=b).collect();
                i += 1;
            }
            "--algo" => {
                t.algo = Algo::parse(value(args, i, flag)?).map_err(|e| format!("--algo: {e}"))?;
                i += 1;
            }
            "--preset" => {
                t.preset = value(args, i, flag)?.to_string();
                i += 1;
            }
            "--solved" => {
                t.solved_by_eval = match value(args, i, flag)? {
                    "rolling" => false,
                    "eval" => true,
                    other => return Err(format!("--solved: {other:?} is neither rolling nor eval")),
                };
                i += 1;
            }
            "--set" => {
                let v = value(args, i, flag)?;
                let (key, val) = v.split_once('=').ok_or_else(|| format!("--set: expected KEY=VALUE, got {v:?}"))?;
                t.overrides.push((key.to_string(), val.to_string()));
                i += 1;
            }
            "--env" => {
                t.env = Version::parse(value(args, i, flag)?)?;
                i += 1;
            }
            "--save" => {
                t.save = Some(value(args, i, flag)?.to_string());
                i += 1;
            }
            "--eval-episodes" => {
                t.eval_episodes = number(value(args, i, flag)?, flag)?;
                i += 1;
            }
            "--full" => t.full = true,
            "--json" => t.json = true,
            "--quiet" => t.quiet = true,
            other => return Err(format!("unknown option {other:?} (see rl-live --help)")),
        }
        i += 1;
    }
    config(&t)?.validate()?;
    if t.save.is_some() && t.seeds.len() > 1 {
        return Err("--save takes a single --seed".into());
    }
    Ok(t)
}

fn train(args: TrainArgs) -> Result<(), String> {
    let mut outcomes = Vec::new();
    for &seed in &args.seeds {
        outcomes.push(train_one(&args, seed)?);
    }
    if args.seeds.len() > 1 && !args.json {
        print_summary(&args, &outcomes);
    }
    Ok(())
}

/// The algorithm's preset with the `--set` overrides applied, each read as its declared kind,
/// so an unknown key or a wrong value gets a message naming it.
fn config(args: &TrainArgs) -> Result<Config, String> {
    Config::preset(args.algo, &args.preset)?.with_overrides(&args.overrides).map_err(|e| format!("--set: {e}"))
}

fn train_one(args: &TrainArgs, seed: u64) -> Result<Outcome, String> {
    let mut learner = config(args)?.learner(args.env, seed)?;
    let threshold = args.env.reward_threshold();
    let start = Instant::now();
    let clock = || start.elapsed().as_secs_f64();
    let mut solved_at = None;
    let mut evals = GreedyEvaluations::new(seed);
    while !learner.is_done() {
        learner.train_iteration(&clock);
        if !args.quiet {
            for table in learner.tables() {
                if args.json {
                    let fields: serde_json::Map<String, serde_json::Value> =
                        sb3_log::entries(&table).into_iter().map(|(k, v)| (k.to_string(), serde_json::json!(v))).collect();
                    println!("{}", serde_json::json!({ "type": "iteration", "seed": seed, "metrics": fields }));
                } else {
                    println!("{}", sb3_log::table(&table));
                }
            }
        }
        let solved = if args.solved_by_eval {
            evals.evaluate_if_due(learner.as_ref()).is_some_and(|e| e.solved)
        } else {
            learner.rolling_return(solved::ROLLING_EPISODES).is_some_and(|r| r >= threshold)
        };
        if solved_at.is_none() && solved {
            solved_at = Some((learner.total_timesteps(), clock()));
            if !args.full {
                break;
            }
        }
    }
    let seconds = clock();
    let eval = learner.evaluate_greedy(args.eval_episodes, 10_000 + seed).returns;
    let outcome = Outcome { seed, solved_at, steps: learner.total_timesteps(), seconds, eval };
    report(args, &outcome, threshold);
    if let Some(path) = &args.save {
        std::fs::write(path, learner.agent().to_json()).map_err(|e| format!("cannot write {path}: {e}"))?;
        if !args.json {
            println!("saved the agent to {path}");
        }
    }
    Ok(outcome)
}

fn mean_std(x: &[f64]) -> (f64, f64) {
    let n = x.len().max(1) as f64;
    let mean = x.iter().sum::<f64>() / n;
    (mean, (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt())
}

fn report(args: &TrainArgs, o: &Outcome, threshold: f64) {
    let (mean, std) = mean_std(&o.eval);
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "type": "result", "seed": o.seed, "env": args.env.id(), "algo": args.algo.name(), "preset": args.preset,
                "solved": o.solved_at.is_some(),
                "steps_to_solve": o.solved_at.map(|s| s.0),
                "seconds_to_solve": o.solved_at.map(|s| s.1),
                "total_timesteps": o.steps, "seconds": o.seconds,
                "eval_mean": mean, "eval_std": std, "eval_returns": o.eval,
            })
        );
        return;
    }
    if args.quiet && args.seeds.len() > 1 {
        return;
    }
    match o.solved_at {
        Some((steps, secs)) => println!(
            "seed {}: {} ≥ {threshold} after {steps} steps in {secs:.2} s",
            o.seed,
            if args.solved_by_eval { "greedy evaluation" } else { "rolling-20 return" }
        ),
        None => println!("seed {}: not solved within {} steps ({:.2} s)", o.seed, o.steps, o.seconds),
    }
    println!(
        "greedy evaluation over {} episodes: {mean:.1} ± {std:.1}",
        o.eval.len()
    );
}

fn print_summary(args: &TrainArgs, outcomes: &[Outcome]) {
    println!("\n{} preset {} on {}:", args.algo.name(), args.preset, args.env.id());
    println!("| seed | steps to solve | seconds to solve | greedy eval (mean ± std) |");
    println!("|-----:|---------------:|-----------------:|-------------------------:|");
    for o in outcomes {
        let (m, s) = mean_std(&o.eval);
        let (steps, secs) = match o.solved_at {
            Some((st, se)) => (st.to_string(), format!("{se:.2}")),
            None => ("not solved".into(), "—".into()),
        };
        println!("| {} | {steps} | {secs} | {m:.1} ± {s:.1} |", o.seed);
    }
    let mut solved: Vec<&(u64, f64)> = outcomes.iter().filter_map(|o| o.solved_at.as_ref()).collect();
    solved.sort_by(|a, b| a.0.cmp(&b.0));
    let perfect = outcomes.iter().filter(|o| o.eval.iter().all(|&r| r >= 500.0 || args.env == Version::V0)).count();
    if !solved.is_empty() {
        let med_steps = solved[solved.len() / 2].0;
        let mut secs: Vec<f64> = solved.iter().map(|s| s.1).collect();
        secs.sort_by(f64::total_cmp);
        println!(
            "solved {}/{} · median {} steps, {:.2} s · greedy eval perfect in {}/{}",
            solved.len(),
            outcomes.len(),
            med_steps,
            secs[secs.len() / 2],
            perfect,
            outcomes.len()
        );
    } else {
        println!("solved 0/{}", outcomes.len());
    }
}

fn eval(args: &[String]) -> Result<(), String> {
    let (mut path, mut episodes, mut seed) = (None, 20usize, 0u64);
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        match flag {
            "--agent" => path = Some(value(args, i, flag)?.to_string()),
            "--episodes" => episodes = number(value(args, i, flag)?, flag)?,
            "--seed" => seed = number(value(args, i, flag)?, flag)?,
            other => return Err(format!("unknown option {other:?} (see rl-live --help)")),
        }
        i += 2;
    }
    let path = path.ok_or("eval needs --agent FILE")?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let agent = Agent::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
    let returns = evaluate(&agent, episodes, seed);
    for (k, r) in returns.iter().enumerate() {
        println!("Episode:{} Score:{r:.1}", k + 1);
    }
    let (m, s) = mean_std(&returns);
    println!("mean {m:.1} ± {s:.1} over {episodes} episodes");
    Ok(())
}

/// `plan`: model-based runs to the first 500-step episode, one per seed.
fn plan(args: &[String]) -> Result<(), String> {
    let mut kind = None;
    let mut seeds = vec![0u64];
    let mut planner = PlannerConfig::default();
    let mut learn = LearnConfig::default();
    let (mut budget, mut json, mut quiet) = (20_000u64, false, false);
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        match flag {
            "--json" | "--quiet" => {
                if flag == "--json" { json = true } else { quiet = true }
                i += 1;
                continue;
            }
            _ => {}
        }
        let v = value(args, i, flag)?;
        match flag {
            "--model" => kind = Some(ModelKind::parse(v)?),
            "--seed" => seeds = vec![number(v, flag)?],
            "--seeds" => {
                let (a, b) = v.split_once('-').ok_or_else(|| format!("--seeds: expected A-B, got {v:?}"))?;
                let (a, b): (u64, u64) = (number(a, flag)?, number(b, flag)?);
                if a > b || b - a >= 1000 {
                    return Err(format!("--seeds: {v:?} must be A-B with A ≤ B and at most 1000 seeds"));
                }
                seeds = (a..=b).collect();
            }
            "--horizon" => planner.horizon = number(v, flag)?,
            "--samples" => planner.samples = number(v, flag)?,
            "--iterations" => planner.iterations = number(v, flag)?,
            "--elites" => planner.elites = number(v, flag)?,
            "--random-steps" => learn.random_steps = number(v, flag)?,
            "--fit-steps" => learn.fit.steps = number(v, flag)?,
            "--budget" => budget = number(v, flag)?,
            other => return Err(format!("unknown option {other:?} (see rl-live --help)")),
        }
        i += 2;
    }
    let kind = kind.ok_or("plan needs --model true or --model learned")?;
    planner.validate()?;
    learn.validate()?;
    if !json {
        println!("{} model · {planner}", kind.name());
    }
    let mut solved = Vec::new();
    let mut ms_per_action = Vec::new();
    for &seed in &seeds {
        let mut run = ModelBased::new(kind, planner.clone(), learn.clone(), seed)?;
        let start = Instant::now();
        let clock = || start.elapsed().as_secs_f64();
        let report = run.run_to_solve(budget, &clock);
        let seconds = clock();
        // Planner steps only: random play and fitting are not "per action".
        let ms = report.plan_seconds * 1000.0 / report.plan_steps.max(1) as f64;
        ms_per_action.push(ms);
        if json {
            println!(
                "{}",
                serde_json::json!({
                    "type": "result", "seed": seed, "model": kind.name(),
                    "solved_at_env_steps": report.solved_at,
                    "episodes": report.episodes.iter().map(|e| serde_json::json!({"score": e.score, "env_steps": e.env_steps})).collect::<Vec<_>>(),
                    "one_step_error": report.fits.iter().map(|f| f.error.one_step).collect::<Vec<_>>(),
                    "multi_step_error": report.fits.iter().map(|f| f.error.multi_step).collect::<Vec<_>>(),
                    "seconds": seconds, "ms_per_action": ms,
                })
            );
        } else if !quiet {
            for (k, e) in report.episodes.iter().enumerate() {
                let fit = report.fits.get(k).map(|f| format!(" (model fitted to {} steps: one-step error {:.3}, {}-step {:.3})", f.transitions, f.error.one_step, rl_live::model::MULTI_STEPS, f.error.multi_step)).unwrap_or_default();
                println!("seed {seed} Episode:{} Score:{:.1} · real steps {}{fit}", k + 1, e.score, e.env_steps);
            }
        }
        if !json {
            match report.solved_at {
                Some(s) => println!("seed {seed}: a 500-step episode after {s} real steps · {seconds:.2} s · {ms:.3} ms per action"),
                None => println!("seed {seed}: no 500-step episode within {budget} real steps · {seconds:.2} s"),
            }
        }
        solved.push(report.solved_at);
    }
    if !json && seeds.len() > 1 {
        let mut steps: Vec<u64> = solved.iter().flatten().copied().collect();
        steps.sort();
        let median = if steps.is_empty() { "—".to_string() } else { steps[steps.len() / 2].to_string() };
        ms_per_action.sort_by(f64::total_cmp);
        println!(
            "{} model: solved {}/{} · median real steps to a 500-step episode {median} · median {:.3} ms per action",
            kind.name(),
            steps.len(),
            seeds.len(),
            ms_per_action[ms_per_action.len() / 2]
        );
    }
    Ok(())
}
