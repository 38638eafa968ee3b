//! A trained agent — actor and critic, nothing of the training state — and its file format.
//!
//! ## Weight file format (`rl-live-agent`, version 1)
//!
//! A JSON object:
//!
//! ```text
//! {
//!   "format": "rl-live-agent",          // magic string
//!   "version": 1,                       // bumped on any incompatible change
//!   "env": "CartPole-v1",               // Gymnasium id the agent was trained on
//!   "actor":  { "sizes": [4, 64, 64, 2], "activation": "tanh", "layers": [ { "w": [...], "b": [...] }, ... ] },
//!   "critic": { "sizes": [4, 64, 64, 1], "activation": "tanh", "layers": [ ... ] },
//!   "meta": { ... }                     // optional, free-form: config, seed, curves
//! }
//! ```
//!
//! Layer `i`'s `w` holds `sizes[i] × sizes[i+1]` numbers, row-major with the input index
//! first (`y = x · w + b`), `b` holds `sizes[i+1]`. tanh follows every layer but the last.
//! Numbers are written as the shortest decimal that reads back to the same `f32`, so a
//! save/load round trip is bit for bit — natively, where serde_json reads a decimal straight
//! to the nearest `f32`, and in the browser, where `JSON.parse` reads it to the nearest `f64`
//! first. That double rounding gives back the same `f32` for every finite `f32` but one pair,
//! ±7.038531e-26, which is therefore written with more digits (see [`DOUBLE_ROUNDING_BITS`]).
//!
//! Reading is split by target: natively [`Agent::from_json`] parses with serde_json; the
//! wasm build lets the browser's `JSON.parse` do it (no JSON parser in the module) and hands
//! the parsed object to [`Agent::from_parts`]. Both check the same things in the same order.

// CartPole's dimensions, re-exported for the networks that read and act on them.
pub use crate::cartpole::{N_ACTIONS, OBS_DIM};
use crate::cartpole::Version;
use crate::categorical;
use crate::mlp::{Activation, Dense, Mlp};
use crate::shortest::Tenths;
use ndarray::{Array1, Array2, ArrayView2};
use serde::{Deserialize, Serialize, Serializer};

/// The format's magic string.
pub const FORMAT: &str = "rl-live-agent";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;
/// Files larger than this are refused before parsing (a 64-64 agent is ≈ 0.2 MB).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Limits on imported networks, so a hostile file cannot ask for gigabytes.
pub const MAX_LAYERS: usize = 8;
pub const MAX_WIDTH: usize = 1024;

/// An actor (logits for left/right) and a critic (V(s)) for one CartPole version.
#[derive(Clone, Debug, PartialEq)]
pub struct Agent {
    pub env: Version,
    pub actor: Mlp<f32>,
    pub critic: Mlp<f32>,
    /// Free-form metadata carried through save/load (config, seed, curves), as the JSON text
    /// of an object; `{}` when there is none. It is written into files verbatim, so it must
    /// be valid JSON (it always comes from a parser or a serialiser).
    pub meta: String,
}

/// One network as the file holds it.
#[derive(Serialize, Deserialize)]
pub struct NetFile {
    pub(crate) sizes: Vec<usize>,
    pub(crate) activation: String,
    pub(crate) layers: Vec<LayerFile>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct LayerFile {
    #[serde(serialize_with = "write_weights")]
    pub(crate) w: Vec<f32>,
    #[serde(serialize_with = "write_weights")]
    pub(crate) b: Vec<f32>,
}

/// The bits of the one positive `f32` (7.038531e-26, 0x15ae43fd) whose shortest decimal,
/// read to the nearest `f64` and then rounded to `f32` (what `JSON.parse` + `Float32Array`
/// do), lands on its neighbour. Found by checking every finite `f32`
/// (`RL_LIVE_F32_STRIDE=1 cargo test --release --test agent_format`, about 7 minutes).
pub const DOUBLE_ROUNDING_BITS: u32 = 0x15ae_43fd;

/// Weights as shortest `f32` decimals, except ±[`DOUBLE_ROUNDING_BITS`], written as the
/// shortest `f64` of the same value (which both readers take back exactly).
fn write_weights<S: Serializer>(xs: &[f32], s: S) -> Result<S::Ok, S::Error> {
    struct Weight(f32);
    impl Serialize for Weight {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            if self.0.abs().to_bits() == DOUBLE_ROUNDING_BITS {
                s.serialize_f64(self.0 as f64)
            } else {
                s.serialize_f32(self.0)
            }
        }
    }
    s.collect_seq(xs.iter().map(|&x| Weight(x)))
}

/// The file's fields but `meta`, which is read and written as JSON text on its own.
#[derive(Serialize, Deserialize)]
pub struct AgentFile {
    pub(crate) format: String,
    pub(crate) version: u32,
    pub(crate) env: String,
    pub(crate) actor: NetFile,
    pub(crate) critic: NetFile,
}

/// The magic and version check, done before anything else is read so that a newer file
/// gets the right message. `version` is the file's `"version"` if it is a number.
pub fn check_header(format: Option<&str>, version: Option<f64>) -> Result<(), String> {
    if format != Some(FORMAT) {
        return Err(format!("not an agent file (missing \"format\": \"{FORMAT}\")"));
    }
    match version {
        Some(v) if v == FORMAT_VERSION as f64 => Ok(()),
        Some(v) if v.fract() == 0.0 && v > FORMAT_VERSION as f64 => {
            // A silly version number in a hand-edited file should not flood the message.
            let v = if v < 1e6 { (v as u64).to_string() } else { "above a million".into() };
            Err(format!("agent file version {v} is newer than this build reads (version {FORMAT_VERSION})"))
        }
        _ => Err("agent file has no valid \"version\"".into()),
    }
}

/// The size check, done before parsing.
pub fn check_size(bytes: usize) -> Result<(), String> {
    if bytes > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} MB; an agent file is at most {} MB",
            Tenths((bytes as u64 + 50_000) / 100_000),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

fn net_to_file(net: &Mlp<f32>) -> NetFile {
    NetFile {
        sizes: net.sizes(),
        activation: "tanh".into(),
        layers: net
            .layers
            .iter()
            .map(|l| LayerFile {
                w: l.w.as_standard_layout().iter().copied().collect(),
                b: l.b.to_vec(),
            })
            .collect(),
    }
}

fn net_from_file(f: NetFile, which: &str, outputs: usize) -> Result<Mlp<f32>, String> {
    let s = &f.sizes;
    if f.activation != "tanh" {
        return Err(format!("{which}: activation {:?} is not supported (only \"tanh\")", f.activation));
    }
    if s.len() < 2 || s.len() > MAX_LAYERS + 1 {
        return Err(format!("{which}: {} sizes given; expected 2 to {}", s.len(), MAX_LAYERS + 1));
    }
    if s[0] != OBS_DIM || s[s.len() - 1] != outputs {
        return Err(format!(
            "{which}: sizes {s:?} do not fit CartPole (input {OBS_DIM}, output {outputs})"
        ));
    }
    if let Some(w) = s.iter().find(|&&w| w == 0 || w > MAX_WIDTH) {
        return Err(format!("{which}: layer width {w} is outside 1..={MAX_WIDTH}"));
    }
    if f.layers.len() != s.len() - 1 {
        return Err(format!("{which}: {} layers for sizes {s:?}", f.layers.len()));
    }
    let mut layers = Vec::with_capacity(f.layers.len());
    for (i, l) in f.layers.into_iter().enumerate() {
        let (n_in, n_out) = (s[i], s[i + 1]);
        if l.w.len() != n_in * n_out || l.b.len() != n_out {
            return Err(format!(
                "{which}: layer {i} has {} weights and {} biases; expected {} and {n_out}",
                l.w.len(),
                l.b.len(),
                n_in * n_out
            ));
        }
        if l.w.iter().chain(&l.b).any(|x| !x.is_finite()) {
            return Err(format!("{which}: layer {i} contains NaN or infinite weights"));
        }
        let w = Array2::from_shape_vec((n_in, n_out), l.w).expect("length checked");
        layers.push(Dense { w, b: Array1::from(l.b) });
    }
    Ok(Mlp { layers, activation: Activation::Tanh })
}

impl Agent {
    /// The agent as a weight file (see the module docs).
    pub fn to_json(&self) -> String {
        let file = AgentFile {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            env: self.env.id().into(),
            actor: net_to_file(&self.actor),
            critic: net_to_file(&self.critic),
        };
        // `Option::expect`, not `Result::expect`: formatting serde_json's error would pull
        // every JSON error text into the wasm build.
        let mut text = serde_json::to_string(&file).ok().expect("an agent always serialises");
        // `meta` is already JSON text: splice it in as the last field.
        debug_assert!(text.ends_with('}'));
        text.pop();
        text.push_str(",\"meta\":");
        text.push_str(if self.meta.trim().is_empty() { "{}" } else { &self.meta });
        text.push('}');
        text
    }

    /// Reads a weight file, checking everything before building anything: size, magic,
    /// version, env, shapes and finiteness. Errors say what is wrong in a sentence.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(text: &str) -> Result<Agent, String> {
        check_size(text.len())?;
        let doc: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not an agent file (invalid JSON: {e})"))?;
        if !doc.is_object() {
            return Err("not an agent file (not a JSON object with \"format\": \"rl-live-agent\")".into());
        }
        check_header(
            doc.get("format").and_then(|f| f.as_str()),
            doc.get("version").and_then(|v| v.as_f64()),
        )?;
        // `meta` exactly as the file has it (a second, borrowing parse: files are small).
        #[derive(Deserialize)]
        struct MetaText<'a> {
            #[serde(borrow, default)]
            meta: Option<&'a serde_json::value::RawValue>,
        }
        let meta = serde_json::from_str::<MetaText>(text)
            .ok()
            .and_then(|m| m.meta)
            .map_or_else(|| "{}".to_string(), |m| m.get().to_string());
        let file: AgentFile = serde_json::from_value(doc).map_err(|e| format!("malformed agent file: {e}"))?;
        Agent::from_parts(file, meta)
    }

    /// Builds the agent from a parsed file (header already checked with [`check_header`]) and
    /// its `meta` as JSON text: checks the env, the shapes and every weight.
    pub fn from_parts(file: AgentFile, meta: String) -> Result<Agent, String> {
        let env = Version::parse(&file.env).map_err(|e| format!("agent file: {e}"))?;
        Ok(Agent {
            env,
            actor: net_from_file(file.actor, "actor", N_ACTIONS)?,
            critic: net_from_file(file.critic, "critic", 1)?,
            meta,
        })
    }

    fn row(obs: &[f32; 4]) -> ArrayView2<'_, f32> {
        ArrayView2::from_shape((1, OBS_DIM), obs).expect("4 values")
    }

    /// Action log-probabilities for one observation.
    pub fn log_probs(&self, obs: &[f32; 4]) -> [f32; 2] {
        let logits = self.actor.forward(Self::row(obs));
        let mut lp = [0f32; 2];
        categorical::log_softmax(logits.row(0), &mut lp);
        lp
    }

    /// P(left), P(right).
    pub fn action_probs(&self, obs: &[f32; 4]) -> [f32; 2] {
        self.log_probs(obs).map(f32::exp)
    }

    /// The most probable action (greedy evaluation, SB3's `deterministic=True`).
    pub fn act_greedy(&self, obs: &[f32; 4]) -> usize {
        let logits = self.actor.forward(Self::row(obs));
        categorical::argmax(logits.row(0).as_slice().expect("row-major"))
    }

    /// The critic's V(s).
    pub fn value(&self, obs: &[f32; 4]) -> f32 {
        self.critic.forward(Self::row(obs))[[0, 0]]
    }
}

/// Greedy evaluation (`evaluate_policy` with `deterministic=True`) on Gymnasium's physics:
/// the return of each of `episodes` episodes on one environment seeded with `seed` (see
/// [`crate::evaluation`]).
pub fn evaluate(agent: &Agent, episodes: usize, seed: u64) -> Vec<f64> {
    use crate::evaluation::{self, Policy};
    evaluation::evaluate(Policy::Greedy(agent), episodes, seed, crate::cartpole::Physics::default()).returns
}

/// [`evaluate`] for any deterministic policy (DQN's argmax Q, an agent's most likely action).
pub fn evaluate_policy(version: crate::cartpole::Version, mut policy: impl FnMut(&[f32; 4]) -> usize, episodes: usize, seed: u64) -> Vec<f64> {
    let mut env = crate::cartpole::CartPole::new(version, seed);
    (0..episodes)
        .map(|_| {
            let mut obs = env.reset();
            let mut score = 0.0;
            loop {
                let step = env.step(policy(&obs));
                score += step.reward;
                obs = step.obs;
                if step.terminated || step.truncated {
                    return score;
                }
            }
        })
        .collect()
}
