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
//! save/load round trip is bit for bit.

use crate::cartpole::Version;
use crate::categorical;
use crate::mlp::{Dense, Mlp};
use ndarray::{Array1, Array2, ArrayView2};
use serde::{Deserialize, Serialize};

/// The format's magic string.
pub const FORMAT: &str = "rl-live-agent";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;
/// Files larger than this are refused before parsing (a 64-64 agent is ≈ 0.2 MB).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Observation size and action count of CartPole.
pub const OBS_DIM: usize = 4;
pub const N_ACTIONS: usize = 2;
/// Limits on imported networks, so a hostile file cannot ask for gigabytes.
pub const MAX_LAYERS: usize = 8;
pub const MAX_WIDTH: usize = 1024;

/// An actor (logits for left/right) and a critic (V(s)) for one CartPole version.
#[derive(Clone, Debug, PartialEq)]
pub struct Agent {
    pub env: Version,
    pub actor: Mlp<f32>,
    pub critic: Mlp<f32>,
    /// Free-form metadata carried through save/load (config, seed, curves).
    pub meta: serde_json::Value,
}

#[derive(Serialize, Deserialize)]
struct NetFile {
    sizes: Vec<usize>,
    activation: String,
    layers: Vec<LayerFile>,
}

#[derive(Serialize, Deserialize)]
struct LayerFile {
    w: Vec<f32>,
    b: Vec<f32>,
}

#[derive(Serialize, Deserialize)]
struct AgentFile {
    format: String,
    version: u32,
    env: String,
    actor: NetFile,
    critic: NetFile,
    #[serde(default)]
    meta: serde_json::Value,
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
    Ok(Mlp { layers })
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
            meta: self.meta.clone(),
        };
        serde_json::to_string(&file).expect("an agent always serialises")
    }

    /// Reads a weight file, checking everything before building anything: size, magic,
    /// version, env, shapes and finiteness. Errors say what is wrong in a sentence.
    pub fn from_json(text: &str) -> Result<Agent, String> {
        if text.len() > MAX_FILE_BYTES {
            return Err(format!(
                "file is {:.1} MB; an agent file is at most {} MB",
                text.len() as f64 / 1e6,
                MAX_FILE_BYTES / (1024 * 1024)
            ));
        }
        // Check the magic and version first, so a newer file gets the right message.
        let head: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not an agent file (invalid JSON: {e})"))?;
        if head.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(format!("not an agent file (missing \"format\": \"{FORMAT}\")"));
        }
        match head.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == FORMAT_VERSION as u64 => {}
            Some(v) if v > FORMAT_VERSION as u64 => {
                return Err(format!(
                    "agent file version {v} is newer than this build reads (version {FORMAT_VERSION})"
                ));
            }
            _ => return Err("agent file has no valid \"version\"".into()),
        }
        let file: AgentFile =
            serde_json::from_value(head).map_err(|e| format!("malformed agent file: {e}"))?;
        let env = Version::parse(&file.env).map_err(|e| format!("agent file: {e}"))?;
        Ok(Agent {
            env,
            actor: net_from_file(file.actor, "actor", N_ACTIONS)?,
            critic: net_from_file(file.critic, "critic", 1)?,
            meta: file.meta,
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

/// Greedy evaluation (`evaluate_policy` with `deterministic=True`): the return of each of
/// `episodes` episodes, on fresh environments seeded from `seed`.
pub fn evaluate(agent: &Agent, episodes: usize, seed: u64) -> Vec<f64> {
    let mut env = crate::cartpole::CartPole::new(agent.env, seed);
    (0..episodes)
        .map(|_| {
            let mut obs = env.reset();
            let mut score = 0.0;
            loop {
                let step = env.step(agent.act_greedy(&obs));
                score += step.reward;
                obs = step.obs;
                if step.terminated || step.truncated {
                    return score;
                }
            }
        })
        .collect()
}
