//! The wasm JS API for the three algorithms, in real Chromium (the module imported by a
//! script in the page, as tests/browser.rs does): `new Trainer({ algo, preset, ... })`, the
//! statics per algorithm, `step_phase` against `train_iteration`, the race's
//! `evaluate_if_due`, the errors for a bad `algo` or a key of another algorithm, and the agent
//! file of every algorithm (and of format version 1) through `new Agent`.
//! Harness: tests/harness/mod.rs (needs `cargo xtask build` and Chromium + chromedriver).
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use harness::*;
use serde_json::{Value, json};

const IMPORT: &str = "const m = await import(new URL('www/pkg/rl_live.js', document.baseURI).href); await m.default();";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_algorithm_trains_in_slices_through_the_js_api() {
    let url = serve_site();
    with_browser(|c| async move {
        open_ready(&c, &url).await;
        let out = js_async(
            &c,
            &format!(
                r#"{IMPORT}
                const caught = (f) => {{ try {{ f(); return null; }} catch (e) {{ return {{ kind: e.kind, message: e.message }}; }} }};
                const out = {{ algos: m.Trainer.algos(), per: {{}} }};
                // Small configs, so that a few iterations of each run quickly.
                // The weights' text (written by the core) must come back the same; `meta` is
                // read with the browser's JSON.parse and written with JSON.stringify, so only
                // its content is compared.
                const same = (a, b) => a.split(',"meta":')[0] === b.split(',"meta":')[0] && JSON.stringify(JSON.parse(a).meta) === JSON.stringify(JSON.parse(b).meta);
                const small = {{
                  ppo: {{ algo: 'ppo', preset: 'deck' }},
                  a2c: {{ algo: 'a2c', preset: 'deck' }},
                  dqn: {{ algo: 'dqn', preset: 'deck', train_freq: 600, gradient_steps: 40, learning_starts: 500 }},
                }};
                for (const algo of out.algos) {{
                  const schema = m.Trainer.schema(algo);
                  const sliced = new m.Trainer(small[algo], 'v1', 3);
                  const whole = new m.Trainer(small[algo], 'v1', 3);
                  const phases = m.Trainer.phases(algo);
                  const seen = new Set();
                  let slices = 0, rows = [], wholeRows = [], maxSliceSteps = 0;
                  for (let i = 0; i < 3; i++) {{
                    wholeRows.push(whole.train_iteration());
                    for (;;) {{
                      seen.add(sliced.phase());
                      const before = sliced.total_timesteps();
                      const row = sliced.step_phase();
                      maxSliceSteps = Math.max(maxSliceSteps, sliced.total_timesteps() - before);
                      slices++;
                      if (row) {{ rows.push(row); break; }}
                      if (sliced.evaluate_if_due() !== null) throw new Error('an evaluation mid-iteration');
                    }}
                  }}
                  const strip = (r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('time/fps') && k !== 'time/time_elapsed'));
                  const agent = sliced.agent();
                  const json = sliced.agent_json();
                  const back = new m.Agent(json);
                    const obs = new Float32Array([0.02, -0.1, 0.03, 0.2]);
                  out.per[algo] = {{
                    algo: sliced.algo,
                    schemaNames: schema.map((f) => f.name).join() === Object.keys(m.Trainer.preset_config('deck', algo)).join(),
                    configKeys: Object.keys(sliced.config()).join() === schema.map((f) => f.name).join(),
                    presets: m.Trainer.presets(algo),
                    logKeys: m.Trainer.log_keys(algo),
                    rowKeys: Object.keys(rows[2]),
                    metricsKeys: Object.keys(sliced.metrics()).join() === Object.keys(rows[2]).join(),
                    phases, pseudocode: m.Trainer.phase_pseudocode(algo).length,
                    seen: [...seen],
                    same: JSON.stringify(rows.map(strip)) === JSON.stringify(wholeRows.map(strip)) && json === whole.agent_json(),
                    slices, maxSliceSteps,
                    steps: sliced.total_timesteps(),
                    episodes: sliced.episode_count() === sliced.episode_returns().length && sliced.episodes_since(0).length === 3 * sliced.episode_count(),
                    done: sliced.done(),
                    agent: {{ algo: back.algo, env: back.env, sameText: same(back.to_json(), json),
                              greedy: back.act_greedy(obs) === agent.act_greedy(obs),
                              probs: Array.from(back.action_probs(obs)), value: back.value(obs),
                              evaluate: back.evaluate({{ episodes: 2, seed: 0 }}).returns.length }},
                  }};
                  sliced.free(); whole.free();
                }}
                // The race's evaluation: due every 2,048 env steps, between iterations.
                const t = new m.Trainer({{ algo: 'a2c', preset: 'deck' }}, 'v1', 0);
                const evals = [];
                while (t.total_timesteps() < 4200) {{
                  t.train_iteration();
                  const e = t.evaluate_if_due();
                  if (e) evals.push({{ at: e.total_timesteps, n: e.returns.length, f64: e.returns instanceof Float64Array,
                                       mean: e.mean, std: e.std, solved: e.solved, keys: Object.keys(e).join() }});
                }}
                out.evals = evals;
                // Defaults and compatibility: no algo is PPO, statics without an argument are PPO's.
                out.ppoDefault = {{ algo: new m.Trainer('deck').algo, objAlgo: new m.Trainer({{ preset: 'zoo' }}).algo,
                                   phases: m.Trainer.phases().join() === m.Trainer.phases('ppo').join(),
                                   keys: m.Trainer.log_keys().length, presets: m.Trainer.presets() }};
                // Refusals.
                out.errors = {{
                  badAlgo: caught(() => new m.Trainer({{ algo: 'sac' }})),
                  badAlgoType: caught(() => new m.Trainer({{ algo: 3 }})),
                  ppoKeyToDqn: caught(() => new m.Trainer({{ algo: 'dqn', n_epochs: 5 }})),
                  dqnRange: caught(() => new m.Trainer({{ algo: 'dqn', exploration_final_eps: 2 }})),
                  a2cPreset: caught(() => new m.Trainer({{ algo: 'a2c', preset: 'fast' }})),
                  schemaAlgo: caught(() => m.Trainer.schema('td3')),
                  presetAlgo: caught(() => m.Trainer.preset_config('deck', 'sac')),
                }};
                return out;
                "#
            ),
            vec![],
        )
        .await;
        assert_eq!(out["algos"], json!(["ppo", "a2c", "dqn"]), "{out}");
        let want_keys: [(&str, Vec<&str>); 3] = [
            ("ppo", rl_live::ppo::metrics::KEYS.to_vec()),
            ("a2c", rl_live::a2c::metrics::KEYS.to_vec()),
            ("dqn", rl_live::dqn::metrics::KEYS.to_vec()),
        ];
        for (algo, keys) in want_keys {
            let p = &out["per"][algo];
            assert_eq!(p["algo"], json!(algo), "{p}");
            assert_eq!((&p["schemaNames"], &p["configKeys"], &p["metricsKeys"]), (&json!(true), &json!(true), &json!(true)), "{algo}: {p}");
            assert_eq!(p["presets"], json!(["deck", "zoo", "sb3"]), "{p}");
            assert_eq!(p["logKeys"], json!(keys), "{algo}: {p}");
            assert_eq!(p["rowKeys"], json!(keys), "{algo}: a row after 3 iterations has every key: {p}");
            assert_eq!(p["same"], json!(true), "{algo}: step_phase gives the bits of train_iteration: {p}");
            let phases: Vec<&str> = p["phases"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            assert_eq!(p["pseudocode"], json!(phases.len()));
            let mut seen: Vec<&str> = p["seen"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            seen.sort();
            let mut sorted = phases.clone();
            sorted.sort();
            assert_eq!(seen, sorted, "{algo}: every phase ran: {p}");
            assert!(p["maxSliceSteps"].as_f64().unwrap() <= 512.0, "{algo}: {p}");
            assert!(p["slices"].as_u64().unwrap() > 3, "{algo}: {p}");
            assert_eq!((&p["episodes"], &p["done"]), (&json!(true), &json!(false)), "{p}");
            let a = &p["agent"];
            assert_eq!((&a["algo"], &a["env"], &a["sameText"], &a["greedy"], &a["evaluate"]), (&json!(algo), &json!("CartPole-v1"), &json!(true), &json!(true), &json!(2)), "{algo}: {a}");
            let probs: Vec<f64> = a["probs"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
            assert!((probs[0] + probs[1] - 1.0).abs() < 1e-6, "{algo}: {a}");
            if algo == "dqn" {
                assert!(probs.contains(&1.0), "DQN's policy is one-hot: {a}");
            }
        }
        assert_eq!(out["per"]["ppo"]["phases"], json!(["rollout", "advantages", "update"]));
        assert_eq!(out["per"]["a2c"]["phases"], json!(["rollout", "update"]));
        assert_eq!(out["per"]["dqn"]["phases"], json!(["collect", "train"]));
        let evals = out["evals"].as_array().unwrap();
        assert_eq!(evals.iter().map(|e| e["at"].as_u64().unwrap()).collect::<Vec<_>>(), [2080, 4120], "the first iteration end at or past 2048 and 4096 (40 steps each): {out}");
        for e in evals {
            assert_eq!((&e["n"], &e["f64"], &e["keys"]), (&json!(10), &json!(true), &json!("total_timesteps,mean,std,returns,solved")), "{e}");
            assert_eq!(e["solved"], json!(e["mean"].as_f64().unwrap() >= 475.0), "{e}");
        }
        assert_eq!(out["ppoDefault"], json!({ "algo": "ppo", "objAlgo": "ppo", "phases": true, "keys": 16, "presets": ["deck", "zoo", "sb3"] }), "{out}");
        let err = |k: &str| (out["errors"][k]["kind"].as_str().unwrap_or("none").to_string(), out["errors"][k]["message"].as_str().unwrap_or("").to_string());
        assert_eq!(err("badAlgo"), ("invalid_config".into(), r#"new Trainer: algo must be one of "ppo", "a2c", "dqn", got "sac""#.into()), "{out}");
        assert_eq!(err("badAlgoType"), ("invalid_config".into(), r#"new Trainer: algo must be one of "ppo", "a2c", "dqn", got 3"#.into()), "{out}");
        let (kind, msg) = err("ppoKeyToDqn");
        assert_eq!(kind, "invalid_config");
        assert!(msg.starts_with(r#"new Trainer (algo "dqn"): unknown option "n_epochs"; known options: n_envs, learning_rate,"#), "{msg}");
        let (kind, msg) = err("dqnRange");
        assert_eq!(kind, "invalid_config");
        assert_eq!(msg, r#"new Trainer (algo "dqn"): exploration_final_eps = 2 is outside [0, 1]"#);
        assert!(err("a2cPreset").1.contains(r#"unknown preset "fast"; choose one of deck, zoo, sb3"#), "{out}");
        assert_eq!(err("schemaAlgo"), ("invalid_argument".into(), r#"Trainer.schema: algo must be one of "ppo", "a2c", "dqn", got "td3""#.into()), "{out}");
        assert_eq!(err("presetAlgo").0, "invalid_argument", "{out}");
        assert_no_page_errors(&c, "after the algorithms").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agent_files_of_every_algorithm_and_of_format_1_load_in_the_module() {
    use rl_live::learner::{Algo, Config};
    // Files the native writer wrote, read by the module's reader (JSON.parse) and written again.
    let mut files: Vec<(String, String)> = Algo::ALL
        .iter()
        .map(|&algo| {
            let mut l = Config::preset(algo, "deck").unwrap().learner(rl_live::cartpole::Version::V1, 4).unwrap();
            l.train_iteration(&|| 1.0);
            (algo.name().to_string(), l.agent().to_json())
        })
        .collect();
    files.push(("v1".into(), include_str!("fixtures/agent-v1.json").to_string()));
    let url = serve_site();
    with_browser(|c| async move {
        open_ready(&c, &url).await;
        let texts: Vec<Value> = files.iter().map(|f| json!(f.1)).collect();
        let out = js_async(
            &c,
            &format!(
                r#"{IMPORT}
                const obs = new Float32Array([0.01, 0.2, -0.03, -0.3]);
                const same = (a, b) => a.split(',"meta":')[0] === b.split(',"meta":')[0] && JSON.stringify(JSON.parse(a).meta) === JSON.stringify(JSON.parse(b).meta);
                return Array.from(args[0]).map((text) => {{
                  const a = new m.Agent(text);
                  const again = a.to_json();
                  return {{ algo: a.algo, sameText: same(again, text), reread: same(new m.Agent(again).to_json(), again),
                            version: JSON.parse(again).version, act: a.act_greedy(obs),
                            eval: a.evaluate({{ episodes: 3, seed: 0 }}).mean }};
                }});
                "#
            ),
            vec![json!(texts)],
        )
        .await;
        let rows = out.as_array().unwrap();
        for ((name, _), row) in files.iter().zip(rows) {
            let algo = if name == "v1" { "ppo" } else { name.as_str() };
            assert_eq!(row["algo"], json!(algo), "{name}: {row}");
            assert_eq!(row["reread"], json!(true), "{name}: {row}");
            assert_eq!(row["version"], json!(2), "{name}: written as version 2: {row}");
            // A new file comes back as the same text; the version 1 file as version 2.
            assert_eq!(row["sameText"], json!(name != "v1"), "{name}: {row}");
        }
        assert_eq!(rows[3]["eval"].as_f64(), Some(500.0), "the bundled (version 1) agent balances: {out}");
        assert_no_page_errors(&c, "after the agent files").await;
    })
    .await;
}
