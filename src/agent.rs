//! A trained agent — its networks, nothing of the training state — and its file format.
//!
//! ## Weight file format (`rl-live-agent`, version 2)
//!
//! A JSON object:
//!
//! ```text
//! {
//!   "format": "rl-live-agent",          // magic string
//!   "version": 2,                       // bumped on any incompatible change
//!   "algo": "ppo",                      // "ppo", "a2c" or "dqn"
//!   "env": "CartPole-v1",               // Gymnasium id the agent was trained on
//!   // PPO and A2C: an actor (logits for left/right) and a critic (V(s)), tanh
//!   "actor":  { "sizes": [4, 64, 64, 2], "activation": "tanh", "layers": [ { "w": [...], "b": [...] }, ... ] },
//!   "critic": { "sizes": [4, 64, 64, 1], "activation": "tanh", "layers": [ ... ] },
//!   // DQN instead: the Q-network (Q(s, left), Q(s, right)), ReLU
//!   "q":      { "sizes": [4, 64, 64, 2], "activation": "relu", "layers": [ ... ] },
//!   "meta": { ... }                     // optional, free-form: config, seed, curves
//! }
//! ```
//!
//! Version 1 (before A2C and DQN) is version 2 without `"algo"`: a PPO actor and critic. It
//! still loads, as PPO (`tests/fixtures/agent-v1.json`); files are written as version 2.
//!
//! Layer `i`'s `w` holds `sizes[i] × sizes[i+1]` numbers, row-major with the input index
//! first (`y = x · w + b`), `b` holds `sizes[i+1]`. The activation follows every layer but
//! the last. Numbers are written as the shortest decimal that reads back to the same `f32`, so a
//! save/load round trip is bit for bit — natively, where serde_json reads a decimal straight
//! to the nearest `f32`, and in the browser, where `JSON.parse` reads it to the nearest `f64`
//! first. That double rounding gives back the same `f32` for every finite `f32` but one pair,
//! ±7.038531e-26, which is therefore written with more digits (see [`DOUBLE_ROUNDING_BITS`]).
//!
//! Reading is split by target: natively [`Agent::from_json`] parses with serde_json; the
//! wasm build lets the browser's `JSON.parse` do it (no JSON parser in the module) and hands
//! the parsed object to [`Agent::from_parts`]. Both check the same things in the same order.
//!
//! Greedy play is the same for every algorithm: the argmax of the policy network's outputs
//! (the most likely action for PPO and A2C, argmax Q for DQN). A DQN agent has no stochastic
//! policy and no V(s): [`Agent::action_probs`] gives its greedy policy (one-hot) and
//! [`Agent::value`] max_a Q(s, a).

// CartPole's dimensions, re-exported for the networks that read and act on them.
pub use crate::cartpole::{N_ACTIONS, OBS_DIM};
use crate::cartpole::Version;
use crate::categorical;
pub use crate::learner::Algo;
use crate::mlp::{Activation, Dense, Mlp};
use crate::shortest::Tenths;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize, Serializer};

/// The format's magic string.
pub const FORMAT: &str = "rl-live-agent";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 2;
/// The oldest format version this build reads (version 1: a PPO actor and critic, no `algo`).
pub const OLDEST_FORMAT_VERSION: u32 = 1;
/// Files larger than this are refused before parsing (a 64-64 agent is ≈ 0.2 MB).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Limits on imported networks, so a hostile file cannot ask for gigabytes.
pub const MAX_LAYERS: usize = 8;
pub const MAX_WIDTH: usize = 1024;

/// A trained agent for one CartPole version.
#[derive(Clone, Debug, PartialEq)]
pub struct Agent {
    pub env: Version,
    pub nets: Nets,
    /// Free-form metadata carried through save/load (config, seed, curves), as the JSON text
    /// of an object; `{}` when there is none. It is written into files verbatim, so it must
    /// be valid JSON (it always comes from a parser or a serialiser).
    pub meta: String,
}

/// The networks of an agent, by the algorithm that trained them.
#[derive(Clone, Debug, PartialEq)]
pub enum Nets {
    /// PPO or A2C: an actor (logits for left/right) and a critic (V(s)), tanh.
    ActorCritic { algo: Algo, actor: Mlp<f32>, critic: Mlp<f32> },
    /// DQN: the Q-network (Q(s, left), Q(s, right)), ReLU.
    Q(Mlp<f32>),
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

/// The file's fields but `meta`, which is read and written as JSON text on its own. Which
/// networks must be there depends on `version` and `algo` ([`Agent::from_parts`] checks).
#[derive(Serialize, Deserialize)]
pub struct AgentFile {
    pub(crate) format: String,
    pub(crate) version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) algo: Option<String>,
    pub(crate) env: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) actor: Option<NetFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) critic: Option<NetFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) q: Option<NetFile>,
}

/// The magic and version check, done before anything else is read so that a newer file
/// gets the right message. `version` is the file's `"version"` if it is a number.
pub fn check_header(format: Option<&str>, version: Option<f64>) -> Result<(), String> {
    if format != Some(FORMAT) {
        return Err(format!("not an agent file (missing \"format\": \"{FORMAT}\")"));
    }
    match version {
        Some(v) if v.fract() == 0.0 && (OLDEST_FORMAT_VERSION as f64..=FORMAT_VERSION as f64).contains(&v) => Ok(()),
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

fn activation_name(a: Activation) -> &'static str {
    match a {
        Activation::Tanh => "tanh",
        Activation::Relu => "relu",
    }
}

fn net_to_file(net: &Mlp<f32>) -> NetFile {
    NetFile {
        sizes: net.sizes(),
        activation: activation_name(net.activation).into(),
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

/// A network of the file, or the message for a missing one (as serde words it).
fn net_from_file(f: Option<NetFile>, which: &str, outputs: usize, activation: Activation) -> Result<Mlp<f32>, String> {
    let Some(f) = f else {
        return Err(format!("agent file: missing field \"{which}\""));
    };
    let s = &f.sizes;
    if f.activation != activation_name(activation) {
        return Err(format!("{which}: activation {:?} is not supported (only {:?})", f.activation, activation_name(activation)));
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
    Ok(Mlp { layers, activation })
}

/// The argmax of `net`'s outputs for one observation (the first on a tie, as torch's
/// argmax): the most probable action of an actor, the greedy action of a Q-network.
pub fn greedy_action(net: &Mlp<f32>, obs: &[f32; OBS_DIM]) -> usize {
    categorical::argmax(&net.forward_one(obs))
}

impl Agent {
    /// The algorithm that trained the agent.
    pub fn algo(&self) -> Algo {
        match &self.nets {
            Nets::ActorCritic { algo, .. } => *algo,
            Nets::Q(_) => Algo::Dqn,
        }
    }

    /// The network whose argmax is the greedy action: the actor (logits) or the Q-network.
    pub fn policy_net(&self) -> &Mlp<f32> {
        match &self.nets {
            Nets::ActorCritic { actor, .. } => actor,
            Nets::Q(q) => q,
        }
    }

    /// Every weight of every network, in file order.
    pub fn params(&self) -> Box<dyn Iterator<Item = &f32> + '_> {
        match &self.nets {
            Nets::ActorCritic { actor, critic, .. } => Box::new(actor.params().chain(critic.params())),
            Nets::Q(q) => Box::new(q.params()),
        }
    }

    /// The agent as a weight file (see the module docs), at the newest version.
    pub fn to_json(&self) -> String {
        let (actor, critic, q) = match &self.nets {
            Nets::ActorCritic { actor, critic, .. } => (Some(net_to_file(actor)), Some(net_to_file(critic)), None),
            Nets::Q(q) => (None, None, Some(net_to_file(q))),
        };
        let file = AgentFile {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            algo: Some(self.algo().name().into()),
            env: self.env.id().into(),
            actor,
            critic,
            q,
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
    /// version, algorithm, env, shapes and finiteness. Errors say what is wrong in a sentence.
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
    /// its `meta` as JSON text: checks the algorithm, the env, the shapes and every weight.
    pub fn from_parts(file: AgentFile, meta: String) -> Result<Agent, String> {
        let algo = match (file.version, file.algo.as_deref()) {
            (1, None) => Algo::Ppo,
            (1, Some(_)) => return Err("agent file: version 1 has no \"algo\" (version 2 does)".into()),
            (_, None) => return Err("agent file: missing field \"algo\"".into()),
            (_, Some(name)) => Algo::parse(name).map_err(|e| format!("agent file: {e}"))?,
        };
        let env = Version::parse(&file.env).map_err(|e| format!("agent file: {e}"))?;
        let unexpected = |which: &str| format!("agent file: a {} agent has no \"{which}\"", algo.name());
        let nets = if algo == Algo::Dqn {
            if file.actor.is_some() || file.critic.is_some() {
                return Err(unexpected(if file.actor.is_some() { "actor" } else { "critic" }));
            }
            Nets::Q(net_from_file(file.q, "q", N_ACTIONS, Activation::Relu)?)
        } else {
            if file.q.is_some() {
                return Err(unexpected("q"));
            }
            Nets::ActorCritic {
                algo,
                actor: net_from_file(file.actor, "actor", N_ACTIONS, Activation::Tanh)?,
                critic: net_from_file(file.critic, "critic", 1, Activation::Tanh)?,
            }
        };
        Ok(Agent { env, nets, meta })
    }

    /// The policy network's outputs for one observation: logits, or Q-values.
    fn outputs(&self, obs: &[f32; 4]) -> [f32; 2] {
        let out = self.policy_net().forward_one(obs);
        [out[0], out[1]]
    }

    /// P(left), P(right): the actor's softmax; for DQN its greedy policy (one-hot on argmax Q).
    pub fn action_probs(&self, obs: &[f32; 4]) -> [f32; 2] {
        match &self.nets {
            Nets::ActorCritic { .. } => {
                let mut lp = [0f32; 2];
                categorical::log_softmax(ndarray::ArrayView1::from(&self.outputs(obs)), &mut lp);
                lp.map(f32::exp)
            }
            Nets::Q(_) => {
                let mut p = [0f32; 2];
                p[self.act_greedy(obs)] = 1.0;
                p
            }
        }
    }

    /// The greedy action (SB3's `deterministic=True`): the most probable action, or argmax Q
    /// (the first on a tie, as torch's argmax).
    pub fn act_greedy(&self, obs: &[f32; 4]) -> usize {
        greedy_action(self.policy_net(), obs)
    }

    /// The critic's V(s); for DQN, max_a Q(s, a) (the value of the greedy policy it implies).
    pub fn value(&self, obs: &[f32; 4]) -> f32 {
        match &self.nets {
            Nets::ActorCritic { critic, .. } => critic.forward_one(obs)[0],
            Nets::Q(_) => {
                let q = self.outputs(obs);
                q[0].max(q[1])
            }
        }
    }
}

/// Greedy evaluation (`evaluate_policy` with `deterministic=True`) on Gymnasium's physics:
/// the return of each of `episodes` episodes on one environment seeded with `seed` (see
/// [`crate::evaluation`], the one evaluation loop).
pub fn evaluate(agent: &Agent, episodes: usize, seed: u64) -> Vec<f64> {
    use crate::evaluation::{self, Policy};
    evaluation::evaluate(Policy::Greedy(agent), episodes, seed, crate::cartpole::Physics::default()).returns
}
