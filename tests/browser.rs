//! Real-browser end-to-end tests: headless Chromium driven through chromedriver (WebDriver).
//!
//! The page boots (wasm + deck) without errors, the wasm JS API works from a module in the page,
//! and everything runs under the deck's Content-Security-Policy. The deck itself (navigation,
//! every slide, screenshots, the demos' hooks) is tested in tests/deck.rs.
//! Harness: tests/harness/mod.rs (needs `cargo xtask build` and Chromium + chromedriver).
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use fantoccini::Locator;
use harness::*;
use serde_json::{Value, json};

/// Runs `body`, the body of an async JS function with the wasm module in scope as `m`
/// (imported and initialised), in the page; its return value, or `{ failed }` with the stack.
async fn in_module(c: &fantoccini::Client, body: &str) -> Value {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         (async () => {{
           const m = await import(new URL('www/pkg/rl_live.js', document.baseURI).href);
           await m.default();
           {body}
         }})().then(done, (e) => done({{ failed: String(e && e.stack || e) }}));"
    );
    c.execute_async(&script, vec![]).await.expect("run the script in the page")
}

/// The page loads without errors, the wasm initialises, the deck shows the title slide, the JS
/// API works from a module, panics become Errors; screenshots at 1280×720 and 390×844.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_page_loads_and_the_js_api_works() {
    let url = serve_site();
    with_browser(|c| async move {
        open_ready(&c, &url).await;
        set_viewport(&c, 1280, 720).await;
        assert_no_page_errors(&c, "after load").await;
        assert_eq!(c.title().await.unwrap(), "rl-live — reinforcement learning, live");
        let h1 = c.find(Locator::Css(".slide.is-current h1")).await.unwrap().text().await.unwrap();
        assert_eq!(h1, "Reinforcement Learning");
        let sub = c.find(Locator::Css(".slide.is-current .title-sub")).await.unwrap().text().await.unwrap();
        assert_eq!(sub, "rl-live — reinforcement learning, live");

        screenshot(&c, "first-page-1280x720.png").await;

        // The JS API, imported as a module by a script in the page.
        let api = c
            .execute_async(
                r#"
                const done = arguments[arguments.length - 1];
                (async () => {
                  const m = await import(new URL('www/pkg/rl_live.js', document.baseURI).href);
                  await m.default();
                  const out = {};
                  const caught = (f) => { try { f(); return null; } catch (e) {
                    return { isError: e instanceof Error, message: String(e && e.message) }; } };
                  const n = m.fib_naive(35);
                  out.naive = { value: typeof n.value === 'bigint' ? n.value.toString() : null, calls: n.calls };
                  const d = m.fib_dp(50);
                  out.dp = { ok: d.value === 7778742049n, len: d.table.length, allBig: d.table.every((x) => typeof x === 'bigint') };
                  out.fib0 = caught(() => m.fib_dp(0));
                  out.naive0 = caught(() => m.fib_naive(0));
                  const env = new m.CartPole(0);
                  out.badActions = [2, -1, 0.5, NaN, '1', undefined].map((a) => caught(() => env.step(a)));
                  const obs = env.reset();
                  const step = env.step(1);
                  out.cartpole = {
                    obs: obs instanceof Float32Array && obs.length === 4,
                    state: env.state() instanceof Float64Array && env.state().length === 4,
                    step: step.obs instanceof Float32Array && step.reward === 1 && step.terminated === false && step.truncated === false,
                    version: env.version,
                  };
                  out.badVersion = caught(() => new m.CartPole(0, 'v9'));
                  out.badSeed = caught(() => new m.CartPole(-1));
                  out.panic = caught(() => m.__test_panic('boom from the browser test'));
                  return out;
                })().then(done, (e) => done({ failed: String(e && e.stack || e) }));
                "#,
                vec![],
            )
            .await
            .expect("run the API script");
        assert!(api.get("failed").is_none(), "API script failed: {api}");
        assert_eq!(api["naive"], json!({ "value": "5702887", "calls": 18454929 }), "{api}");
        assert_eq!(api["dp"], json!({ "ok": true, "len": 50, "allBig": true }), "{api}");
        for key in ["fib0", "naive0"] {
            assert_eq!(api[key]["isError"], json!(true), "{key}: {api}");
            assert!(api[key]["message"].as_str().unwrap().contains("Incorrect input"), "{key}: {api}");
        }
        for (i, e) in api["badActions"].as_array().unwrap().iter().enumerate() {
            assert_eq!(e["isError"], json!(true), "bad action #{i}: {api}");
            assert!(e["message"].as_str().unwrap().contains("action must be 0"), "bad action #{i}: {api}");
        }
        assert_eq!(api["cartpole"], json!({ "obs": true, "state": true, "step": true, "version": "CartPole-v1" }), "{api}");
        assert_eq!(api["badVersion"]["isError"], json!(true), "{api}");
        assert!(api["badVersion"]["message"].as_str().unwrap().contains("v9"), "{api}");
        assert_eq!(api["badSeed"]["isError"], json!(true), "{api}");
        assert_eq!(api["panic"]["isError"], json!(true), "{api}");
        assert!(api["panic"]["message"].as_str().unwrap().contains("boom from the browser test"), "{api}");

        // Phone size: nothing wider than the viewport.
        set_viewport(&c, 390, 844).await;
        let overflow = c
            .execute("return document.documentElement.scrollWidth - window.innerWidth;", vec![])
            .await
            .unwrap();
        assert!(overflow.as_i64().unwrap() <= 0, "horizontal overflow at 390 px: {overflow} px");
        screenshot(&c, "first-page-390x844.png").await;
        assert_no_page_errors(&c, "at the end").await;
    })
    .await;
}

/// The server sends the deck's CSP with the HTML, the page runs under it without a single
/// violation, and a violation would be caught (the check is not vacuous).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_runs_under_the_content_security_policy() {
    let url = serve_site();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut s = TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let head = response.split("\r\n\r\n").next().unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        head.contains(&format!("\r\nContent-Security-Policy: {CSP}")),
        "no CSP header: {head}"
    );
    assert!(response.contains("<script type=\"module\" src=\"www/main.js\">"));
    assert!(
        !response.contains(" style="),
        "inline style attribute in index.html"
    );

    with_browser(|c| async move {
        // The random agent's slide: a canvas animation, a log, under the CSP.
        open_ready(&c, &format!("{url}#/cartpole-random")).await;
        wait_slide(&c, "cartpole-random").await;
        c.find(Locator::Css("[data-testid=random-run]")).await.unwrap().click().await.unwrap();
        wait_for(&c, "an episode in the log", "const l = document.querySelector('[data-testid=random-log]'); return l ? l.children.length : null;", Duration::from_secs(20), |v| v.as_u64().is_some_and(|n| n >= 1)).await;
        assert_no_page_errors(&c, "under the CSP").await;

        // Prove the listener works: inline style is refused and reported.
        c.execute("const d = document.createElement('div'); d.innerHTML = '<p style=\"color:red\">x</p>'; document.body.append(d);", vec![]).await.unwrap();
        let errors = wait_for(&c, "a reported CSP violation", "return window.__rlLiveErrors;", TIMEOUT, |v| {
            v.as_array().is_some_and(|a| !a.is_empty())
        })
        .await;
        assert_eq!(errors[0]["kind"], json!("csp"), "{errors}");
        assert!(errors[0]["message"].as_str().unwrap().contains("style-src"), "{errors}");
    })
    .await;
}

/// Structured values across the JS boundary (serde-wasm-bindgen, `src/wasm/serde_js.rs`):
/// every refusal names the call, the field, what it must be and what it got — also where
/// serde-wasm-bindgen alone would not (unknown fields, which it never sees; its own wording);
/// `undefined`/`null` fields take defaults; results keep their typed arrays; configs and
/// physics round-trip; `fresh_seed` draws from the browser and seeds replay bit for bit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn js_options_cross_with_serde_and_refusals_name_the_field() {
    let url = serve_site();
    with_browser(|c| async move {
        open_ready(&c, &url).await;
        let out = in_module(
            &c,
            r#"
                  const msg = (f) => { try { f(); return 'no error'; } catch (e) { return (e instanceof Error ? '' : 'not an Error: ') + e.message; } };
                  const refusals = {
                    tdUnknown: msg(() => m.td_random_walk({ alpha: 0.1, alhpa: 0.2 })),
                    tdType: msg(() => m.td_random_walk({ alpha: '0.1' })),
                    tdRange: msg(() => m.td_random_walk({ alpha: 2 })),
                    tdMethod: msg(() => m.td_random_walk({ method: 'sarsa' })),
                    tdEpisodes: msg(() => m.td_random_walk({ episodes: 2.5 })),
                    tdNotObject: msg(() => m.td_random_walk([1, 2])),
                    banditSeed: msg(() => m.bandit_testbed({ seed: -1 })),
                    banditBigSeed: msg(() => m.bandit_testbed({ seed: 2n ** 64n, steps: 1, runs: 1 })),
                    walkRange: msg(() => new m.RandomWalk({ lambda: 1.5 })),
                    walkUnknown: msg(() => new m.RandomWalk({ episodes: 100 })),
                    banditRange: msg(() => new m.Bandit({ arms: 1 })),
                    banditAdvance: msg(() => new m.Bandit({ runs: 1, steps: 1 }).advance(0.5)),
                    evalRandomEpisodes: msg(() => m.Agent.evaluate_random({ episodes: 1001 })),
                    evalPhysics: msg(() => new m.Trainer('deck').agent().evaluate({ physics: { length: 0 } })),
                    trainerHidden: msg(() => new m.Trainer({ hidden: [32, 'wide'] })),
                    trainerBool: msg(() => new m.Trainer({ lr_linear_decay: 'yes' })),
                    trainerUnknown: msg(() => new m.Trainer({ preset: 'zoo', learning_rat: 1e-3 })),
                    trainerPreset: msg(() => new m.Trainer({ preset: 'fast' })),
                    trainerRange: msg(() => new m.Trainer({ preset: 'sb3', gamma: 1.5 })),
                    physicsRange: msg(() => new m.CartPole(0).set_physics({ gravity: 1e308 })),
                    physicsType: msg(() => new m.CartPole(0).set_physics({ length: 'long' })),
                    physicsUnknown: msg(() => new m.CartPole(0).set_physics({ mass: 2 })),
                    agentNull: msg(() => { const t = new m.Trainer('deck'); const a = JSON.parse(t.agent_json()); a.actor.layers[0].w[3] = null; return new m.Agent(JSON.stringify(a)); }),
                    agentMissing: msg(() => { const a = JSON.parse(new m.Trainer('deck').agent_json()); delete a.critic; return new m.Agent(JSON.stringify(a)); }),
                  };
                  // Defaults: undefined and null fields, and a BigInt seed.
                  const td = m.td_random_walk({ alpha: undefined, lambda: null, episodes: 3, runs: 2, seed: 5n });
                  const sameTd = m.td_random_walk({ episodes: 3, runs: 2, seed: 5 });
                  const t = new m.Trainer({ preset: 'zoo', n_epochs: 5, learning_rate: null });
                  const cfg = t.config();
                  const env = new m.CartPole(0);
                  env.set_physics({ gravity: 20 });
                  env.set_physics({ length: 1 });
                  const physics = env.physics();
                  env.reset();
                  const step = env.step(0);
                  const seeds = [m.fresh_seed(), m.fresh_seed(), m.fresh_seed()];
                  const replay = (seed) => { const e = new m.CartPole(seed); e.reset(); const xs = []; for (let i = 0; i < 30; i++) xs.push(...e.step(i % 2).obs); return xs.join(); };
                  return {
                    refusals,
                    td: { rms: td.rms instanceof Float64Array && td.rms.length === 4, values: td.values instanceof Float64Array, same: td.rms.join() === sameTd.rms.join() },
                    cfg: { n_epochs: cfg.n_epochs, learning_rate: cfg.learning_rate, hidden: cfg.hidden, n_steps: cfg.n_steps, roundTrip: new m.Trainer(cfg).config().batch_size === cfg.batch_size },
                    physics,
                    step: { obs: step.obs instanceof Float32Array, keys: Object.keys(step).join() },
                    metrics: Object.keys(t.metrics()).slice(0, 2),
                    seeds,
                    replays: replay(seeds[0]) === replay(seeds[0]) && replay(seeds[0]) !== replay(seeds[1]),
                    kinds: [() => new m.Trainer({ gamma: 2 }), () => new m.Trainer({ learning_rat: 1 }), () => new m.Trainer('deck', 'v9')]
                      .map((f) => { try { f(); return null; } catch (e) { return e.kind; } }),
                    schema: m.Trainer.schema().find((f) => f.name === 'learning_rate'),
                    schemaNames: m.Trainer.schema().map((f) => f.name).join() === Object.keys(m.Trainer.preset_config('deck')).join(),
                    keys: m.Trainer.log_keys().length,
                    phases: m.Trainer.phases(),
                    threshold: [m.reward_threshold('v1'), m.reward_threshold('v0')],
                  };
            "#,
        )
        .await;
        assert!(out.get("failed").is_none(), "{out}");
        let r = &out["refusals"];
        for (key, want) in [
            ("tdUnknown", "td_random_walk: unknown option \"alhpa\"; known options: method, alpha, lambda, episodes, runs, seed"),
            ("tdType", "td_random_walk: alpha must be a number, got \"0.1\""),
            ("tdRange", "td_random_walk: alpha must be a number in (0, 1], got 2"),
            ("tdMethod", "td_random_walk: method must be one of \"td0\", \"mc\", \"td_lambda\", got \"sarsa\""),
            ("tdEpisodes", "td_random_walk: episodes must be a whole number from 0 to 4294967295, got 2.5"),
            ("tdNotObject", "td_random_walk: expected an object, got an array"),
            ("banditSeed", "bandit_testbed: seed must be a whole number ≥ 0 (a Number up to 2^53 - 1 or a BigInt), got -1"),
            ("banditBigSeed", "bandit_testbed: seed must be a whole number ≥ 0 (a Number up to 2^53 - 1 or a BigInt), got a BigInt"),
            ("walkRange", "new RandomWalk: lambda must be a number in [0, 1], got 1.5"),
            ("walkUnknown", "new RandomWalk: unknown option \"episodes\"; known options: method, alpha, lambda, seed"),
            ("banditRange", "new Bandit: arms must be between 2 and 100, got 1"),
            ("banditAdvance", "Bandit.advance: steps must be a whole number from 0 to 10000, got 0.5"),
            ("evalRandomEpisodes", "Agent.evaluate_random: episodes must be between 1 and 1000, got 1001"),
            ("evalPhysics", "Agent.evaluate: physics: length must be a number from 0.01 to 10, got 0"),
            ("trainerHidden", "new Trainer: hidden[1] must be a whole number from 0 to 4294967295, got \"wide\""),
            ("trainerBool", "new Trainer: lr_linear_decay must be true or false, got \"yes\""),
            ("physicsRange", "CartPole.set_physics: gravity must be a number from 0 to 100, got 1e+308"),
            ("physicsType", "CartPole.set_physics: length must be a number, got \"long\""),
            ("agentNull", "new Agent: agent file: actor: must be a number, got null"),
            ("agentMissing", "new Agent: agent file: missing field \"critic\""),
        ] {
            assert_eq!(r[key], json!(want), "{key}: {out}");
        }
        let unknown = r["trainerUnknown"].as_str().unwrap();
        assert!(unknown.starts_with("new Trainer: unknown option \"learning_rat\"; known options: n_envs,") && unknown.contains("learning_rate"), "{out}");
        assert!(r["trainerPreset"].as_str().unwrap().contains("unknown preset \"fast\""), "{out}");
        assert!(r["trainerRange"].as_str().unwrap().starts_with("new Trainer: gamma"), "{out}");
        assert!(r["physicsUnknown"].as_str().unwrap().starts_with("CartPole.set_physics: unknown option \"mass\"; known options: gravity,"), "{out}");
        assert_eq!(out["td"], json!({ "rms": true, "values": true, "same": true }), "{out}");
        assert_eq!(out["cfg"]["n_epochs"], json!(5), "{out}");
        assert_eq!(out["cfg"]["learning_rate"], json!(0.001), "zoo's lr, the null taking the preset's: {out}");
        assert_eq!(out["cfg"]["roundTrip"], json!(true), "{out}");
        assert_eq!(out["physics"], json!({ "gravity": 20, "masscart": 1, "masspole": 0.1, "length": 1, "force_mag": 10, "tau": 0.02 }), "set_physics keeps the fields it is not given: {out}");
        assert_eq!(out["step"], json!({ "obs": true, "keys": "obs,reward,terminated,truncated" }), "{out}");
        assert_eq!(out["metrics"], json!(["time/fps", "time/iterations"]), "SB3's key order: {out}");
        let seeds: Vec<u64> = out["seeds"].as_array().unwrap().iter().map(|s| s.as_u64().expect("a whole Number")).collect();
        assert!(seeds.iter().all(|&s| s < 1 << 32) && seeds.windows(2).any(|w| w[0] != w[1]), "{out}");
        assert_eq!(out["replays"], json!(true), "the same seed replays, another does not: {out}");
        // Typed errors and the declared schema (src/ppo/config.rs).
        assert_eq!(out["kinds"], json!(["invalid_config", "invalid_config", "invalid_argument"]), "{out}");
        let lr = &out["schema"];
        assert_eq!((&lr["kind"], &lr["min"], &lr["max"], &lr["min_exclusive"], &lr["default"]), (&json!("float"), &json!(0), &json!(1), &json!(true), &json!(0.002)), "{out}");
        assert_eq!(lr["presets"], json!({ "deck": 0.002, "zoo": 0.001, "sb3": 0.0003 }), "{out}");
        assert!(lr["doc"].as_str().unwrap().starts_with("Adam learning rate"), "{out}");
        assert_eq!(out["schemaNames"], json!(true), "one descriptor per config field, in order: {out}");
        assert_eq!((&out["keys"], &out["phases"]), (&json!(16), &json!(["rollout", "advantages", "update"])), "{out}");
        assert_eq!(out["threshold"], json!([475, 195]), "{out}");
        assert_no_page_errors(&c, "after the options checks").await;
    })
    .await;
}

/// The wasm module's own parsers, fuzzed in the browser: thousands of mangled agent files
/// (`new Agent`) and random config objects (`new Trainer`). Each must either load into
/// something that works or throw an ordinary `Error` with a message — never a Rust panic,
/// never a trap — and the module must keep working afterwards. (The native parsers are
/// fuzzed by proptest in tests/properties.rs; in the browser, `JSON.parse` and
/// serde-wasm-bindgen (src/wasm/serde_js.rs) do the reading, so this path needs its own.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wasm_parsers_survive_fuzzed_agent_files_and_configs() {
    let url = serve_site();
    with_browser(|c| async move {
        open_ready(&c, &url).await;
        let out = in_module(
            &c,
            r#"
                  const { mulberry32 } = await import(new URL('www/ui/random.js', document.baseURI).href);
                  const rand = mulberry32(20261125);
                  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
                  const int = (n) => Math.floor(rand() * n);
                  const good = await (await fetch(new URL('www/agents/cartpole-v1.json', document.baseURI))).text();
                  const obs = [0.01, -0.02, 0.03, 0.04];
                  const fingerprint = (a) => [a.act_greedy(obs), a.value(obs), ...a.action_probs(obs)].join(',');
                  const want = fingerprint(new m.Agent(good));
                  const bad = [];            // outcomes that are neither a working agent nor an Error
                  const tally = { loaded: 0, refused: 0 };
                  const messages = new Set();  // a sample of the refusals, printed for a person to read
                  const judge = (what, make, use) => {
                    let x;
                    try { x = make(); } catch (e) {
                      const msg = String(e && e.message);
                      if (!(e instanceof Error) || e instanceof WebAssembly.RuntimeError || !msg || msg.includes('rl-live (Rust)')) {
                        bad.push({ what, error: String(e), type: e && e.constructor && e.constructor.name });
                      } else { tally.refused += 1; if (messages.size < 40) messages.add(msg.slice(0, 140)); }
                      return;
                    }
                    try { use(x); tally.loaded += 1; } catch (e) { bad.push({ what, use: String(e) }); }
                    x.free();
                  };
                  const junk = ['1e999', '-1e999', 'NaN', '"x"', 'null', '[]', '{}', '1e-400', '123456789012345678901234567890',
                                '-0', 'true', '0.5', '[1,2', '"', '\\u0000', '{"a":', '1e39', '-1e39'];
                  const numbers = /-?\d+(\.\d+)?(e-?\d+)?/g;
                  const mutate = (t) => {
                    switch (int(7)) {
                      case 0: return t.slice(0, int(t.length));                                   // truncated
                      case 1: { const i = int(t.length); return t.slice(0, i) + pick([...'{}[]",:0123456789.eE-+ntfalsu\\ ']) + t.slice(i + 1); }
                      case 2: { let k = int(200); return t.replace(numbers, (x) => (k-- === 0 ? pick(junk) : x)); }
                      case 3: return t.replace('"version":2', `"version":${pick(['3', '1', '0', '-1', '1.5', '"2"', 'null', '1e308', '99999999999'])}`);
                      case 4: return t.replace(pick(['"CartPole-v1"', '"tanh"', '"rl-live-agent"', '"sizes":[4,', '"w":[', '"b":[', '"layers":[', '"meta":']),
                                               pick(['"CartPole-v0"', '"relu"', '"MountainCar-v0"', '"sizes":[5,', '"w":[1,', '"b":"x",', '"layers":7,', '"meta":[1],"x":']));
                      case 5: { const i = int(t.length), j = i + int(500); return t.slice(0, i) + t.slice(j); }   // a chunk gone
                      default: { const i = int(t.length); return t.slice(0, i) + t.slice(int(t.length)); }      // spliced
                    }
                  };
                  for (let k = 0; k < 1500; k++) {
                    const text = mutate(rand() < 0.3 ? mutate(good) : good);
                    judge(`agent #${k}`, () => new m.Agent(text), (a) => {
                      const act = a.act_greedy(obs), v = a.value(obs);
                      if (!(act === 0 || act === 1) || !Number.isFinite(v)) throw new Error(`loaded but broken: ${act} ${v}`);
                    });
                  }
                  const agentTally = { ...tally };

                  // Configs: known keys and junk keys, with values of every kind.
                  const keys = ['preset', 'n_envs', 'n_steps', 'batch_size', 'n_epochs', 'learning_rate', 'lr_linear_decay', 'gamma',
                                'gae_lambda', 'clip_range', 'clip_linear_decay', 'ent_coef', 'vf_coef', 'max_grad_norm', 'hidden',
                                'total_timesteps', 'normalize_advantage', 'target_kl', 'lr', 'n_epoch', '__proto__', 'constructor', ''];
                  const value = () => pick([0, -0, 1, -1, 0.5, 2, 64, 1e9, 1e308, -1e308, NaN, Infinity, -Infinity, 1.5, 3e-4,
                    'deck', 'zoo', 'sb3', 'x', '', '64', true, false, null, undefined, [], [64], [64, 64], [0], [1e9], [-1], ['a'],
                    [32, 32, 32, 32, 32], {}, { a: 1 }, 10n, () => 1]);
                  tally.loaded = 0; tally.refused = 0;
                  for (let k = 0; k < 1500; k++) {
                    const config = {};
                    for (let n = int(4); n >= 0; n--) config[pick(keys)] = value();
                    const arg = rand() < 0.1 ? value() : config;
                    judge(`config #${k} ${JSON.stringify(arg, (_, x) => (typeof x === 'bigint' ? `${x}n` : x))}`, () => new m.Trainer(arg, pick([undefined, 'v1', 'v0', 'v9', 1]), pick([undefined, 0, 7, -1, 1.5, 'x'])), (t) => {
                      const cfg = t.config();
                      for (const [key, x] of Object.entries(cfg)) if (typeof x === 'number' && !Number.isFinite(x)) throw new Error(`accepted non-finite ${key}`);
                    });
                  }
                  // Still healthy: the bundled agent gives the same answers, a trainer trains.
                  const after = fingerprint(new m.Agent(good));
                  const t = new m.Trainer('deck', 'v1', 0);
                  t.train_iteration();
                  return { bad: bad.slice(0, 10), nBad: bad.length, agents: agentTally, configs: { ...tally }, same: after === want, steps: t.total_timesteps(), messages: [...messages] };
            "#,
        )
        .await;
        eprintln!("fuzz: {out}");
        assert!(out.get("failed").is_none(), "fuzz script failed: {out}");
        assert_eq!(out["nBad"], json!(0), "{out}");
        // Both outcomes happen, so the mutations are neither all fatal nor all harmless.
        for what in ["agents", "configs"] {
            assert!(out[what]["loaded"].as_u64().unwrap() > 10, "{what}: {out}");
            assert!(out[what]["refused"].as_u64().unwrap() > 500, "{what}: {out}");
        }
        assert_eq!(out["same"], json!(true), "{out}");
        assert!(out["steps"].as_f64().unwrap() > 0.0, "{out}");
        assert_no_page_errors(&c, "after fuzzing").await;
    })
    .await;
}

/// The module's own reader (`new Agent`: `JSON.parse`, then src/wasm/fields.rs) takes a file
/// the native writer wrote back bit for bit: writing it again gives the same text. The file
/// carries the awkward weights — the one f32 the browser's double rounding would move, −0, a
/// subnormal and f32::MAX.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agent_files_read_back_bit_for_bit_in_the_module() {
    use rl_live::agent::{DOUBLE_ROUNDING_BITS, Nets};
    use rl_live::cartpole::Version;
    use rl_live::ppo::{Ppo, PpoConfig};
    let mut agent = Ppo::new(PpoConfig::deck(), Version::V1, 3).unwrap().agent();
    let Nets::ActorCritic { actor, critic, .. } = &mut agent.nets else { unreachable!("PPO") };
    actor.layers[0].w[[0, 0]] = f32::from_bits(DOUBLE_ROUNDING_BITS);
    actor.layers[0].w[[0, 1]] = -f32::from_bits(DOUBLE_ROUNDING_BITS);
    actor.layers[0].w[[0, 2]] = -0.0;
    critic.layers[0].b[0] = f32::from_bits(1); // the smallest subnormal
    critic.layers[0].b[1] = f32::MAX;
    agent.meta = r#"{"seed":3,"note":"planted weights"}"#.into();
    let text = agent.to_json();
    let url = serve_site();
    with_browser(|c| async move {
        open_ready(&c, &url).await;
        let out = js_async(
            &c,
            r#"
            const m = await import(new URL('www/pkg/rl_live.js', document.baseURI).href);
            await m.default();
            const a = new m.Agent(args[0]);
            const again = a.to_json();
            return { same: again === args[0], env: a.env, meta: a.meta_json(), length: again.length };
            "#,
            vec![json!(text)],
        )
        .await;
        assert_eq!(out["same"], json!(true), "{out}");
        assert_eq!(out["env"], json!("CartPole-v1"), "{out}");
        assert_eq!(out["meta"], json!(r#"{"seed":3,"note":"planted weights"}"#), "{out}");
    })
    .await;
}
