//! Declared configs: each hyperparameter written once — name, doc, kind, range, and its value
//! in every preset — and everything else derived from that one declaration: the struct (with
//! serde, so JS objects and files read into it and unknown fields are refused), the presets,
//! the range checks of `validate`, the CLI's `--set KEY=VALUE`, and `Trainer.schema()`, from
//! which the training panel builds its fields. See [`crate::ppo::config`] for a declaration.

use crate::shortest::Shortest;
use serde::Serialize;
use serde_json::{Map, Value, json};

/// What values a field takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A whole number in `min..=max`.
    Int { min: u64, max: u64 },
    /// A finite number in `[min, max]`, or `(min, max]` when `min_open`.
    Float { min: f64, max: f64, min_open: bool },
    Bool,
    /// Hidden layer widths: `min_len..=max_len` layers, each `min..=max` units.
    Layers { min_len: usize, max_len: usize, min: u64, max: u64 },
}

/// One declared field.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    /// The doc comment's lines.
    pub doc: &'static [&'static str],
    pub kind: Kind,
}

impl Field {
    /// The doc comment as one sentence.
    pub fn doc(&self) -> String {
        self.doc.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
    }

    /// A value typed as text (the CLI's `--set KEY=VALUE`), as JSON for serde.
    pub fn parse(&self, text: &str) -> Result<Value, String> {
        let t = text.trim();
        let bad = |what: &str| format!("{} must be {what}, got {text:?}", self.name);
        match self.kind {
            Kind::Int { .. } => t.parse::<u64>().map(Value::from).map_err(|_| bad("a whole number")),
            Kind::Float { .. } => t.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number).ok_or_else(|| bad("a finite number")),
            Kind::Bool => t.parse::<bool>().map(Value::Bool).map_err(|_| bad("true or false")),
            Kind::Layers { .. } => t
                .trim_start_matches('[')
                .trim_end_matches(']')
                .split(',')
                .map(|w| w.trim().parse::<u64>().map(Value::from))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
                .map_err(|_| bad("layer widths such as [32,32]")),
        }
    }

    /// The descriptor `Trainer.schema()` hands to JS: name, doc, kind, range, default, presets.
    fn describe(&self, default: &Value, presets: &[(&str, Value)]) -> Value {
        let mut d = Map::new();
        d.insert("name".into(), json!(self.name));
        d.insert("doc".into(), json!(self.doc()));
        match self.kind {
            Kind::Int { min, max } => {
                d.insert("kind".into(), json!("int"));
                d.insert("min".into(), json!(min));
                d.insert("max".into(), json!(max));
            }
            Kind::Float { min, max, min_open } => {
                d.insert("kind".into(), json!("float"));
                d.insert("min".into(), json!(min));
                d.insert("max".into(), json!(max));
                d.insert("min_exclusive".into(), json!(min_open));
            }
            Kind::Bool => {
                d.insert("kind".into(), json!("bool"));
            }
            Kind::Layers { min_len, max_len, min, max } => {
                d.insert("kind".into(), json!("layers"));
                d.insert("min".into(), json!(min));
                d.insert("max".into(), json!(max));
                d.insert("min_len".into(), json!(min_len));
                d.insert("max_len".into(), json!(max_len));
            }
        }
        d.insert("default".into(), default[self.name].clone());
        let by_preset = presets.iter().map(|(p, c)| (p.to_string(), c[self.name].clone())).collect();
        d.insert("presets".into(), Value::Object(by_preset));
        Value::Object(d)
    }
}

/// The descriptors of `fields`, with each one's value in `default` and in each preset.
pub fn describe<T: Serialize>(fields: &[Field], default: &T, presets: &[(&str, T)]) -> Vec<Value> {
    let as_json = |c: &T| serde_json::to_value(c).ok().unwrap_or(Value::Null);
    let default = as_json(default);
    let presets: Vec<(&str, Value)> = presets.iter().map(|(name, c)| (*name, as_json(c))).collect();
    fields.iter().map(|f| f.describe(&default, &presets)).collect()
}

/// A value of a declared field, checked against its [`Kind`]; the message names the field,
/// the value and the valid range.
pub trait Checked {
    fn check(&self, field: &Field) -> Result<(), String>;
}

fn int_in(name: &str, v: u64, min: u64, max: u64) -> Result<(), String> {
    if v < min || v > max {
        return Err(format!("{name} = {v} is outside {min}..={max}"));
    }
    Ok(())
}

impl Checked for u64 {
    fn check(&self, field: &Field) -> Result<(), String> {
        match field.kind {
            Kind::Int { min, max } => int_in(field.name, *self, min, max),
            k => unreachable!("{}: a whole number declared as {k:?}", field.name),
        }
    }
}

impl Checked for usize {
    fn check(&self, field: &Field) -> Result<(), String> {
        (*self as u64).check(field)
    }
}

impl Checked for f64 {
    fn check(&self, field: &Field) -> Result<(), String> {
        let Kind::Float { min, max, min_open } = field.kind else { unreachable!("{}: a number declared as {:?}", field.name, field.kind) };
        let v = *self;
        if v.is_finite() && (if min_open { v > min } else { v >= min }) && v <= max {
            return Ok(());
        }
        let open = if min_open { "(" } else { "[" };
        Err(format!("{} = {} is outside {open}{}, {}]", field.name, Shortest(v), Shortest(min), Shortest(max)))
    }
}

impl Checked for bool {
    fn check(&self, _: &Field) -> Result<(), String> {
        Ok(())
    }
}

impl Checked for Vec<usize> {
    fn check(&self, field: &Field) -> Result<(), String> {
        let Kind::Layers { min_len, max_len, min, max } = field.kind else { unreachable!("{}: layers declared as {:?}", field.name, field.kind) };
        if self.len() < min_len || self.len() > max_len {
            return Err(format!("{} has {} layers; use {min_len} to {max_len}", field.name, self.len()));
        }
        self.iter().try_for_each(|&w| int_in(&format!("{} layer width", field.name), w as u64, min, max))
    }
}

/// Declares a config struct field by field (see [`crate::ppo::config`]):
///
/// ```ignore
/// declare_config! {
///     /// Doc of the struct.
///     pub struct MyConfig;
///     presets { /// Doc of the first preset (the default).
///               fast, slow }
///     fields {
///         /// Doc of the field.
///         n_envs: usize = Kind::Int { min: 1, max: 64 }, [4, 1];
///     }
/// }
/// ```
///
/// gives `MyConfig` (serde, `deny_unknown_fields`, missing fields from the first preset),
/// `MyConfig::fast()`, `MyConfig::slow()`, `PRESETS`, `preset(name)`, `FIELDS`,
/// `check_fields()`, `with_overrides()` and `schema()`.
macro_rules! declare_config {
    (
        $(#[$meta:meta])*
        pub struct $config:ident;
        presets { $( $(#[$pmeta:meta])* $preset:ident ),+ $(,)? }
        fields {
            $( $(#[doc = $doc:literal])+ $name:ident : $ty:ty = $kind:expr , [ $($value:expr),+ ] ; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $config {
            $( $(#[doc = $doc])+ pub $name: $ty, )*
        }

        impl Default for $config {
            fn default() -> $config {
                $config::preset_at(0)
            }
        }

        impl $config {
            /// Names accepted by [`Self::preset`]; the first is the default.
            pub const PRESETS: &'static [&'static str] = &[$(stringify!($preset)),+];

            /// Every field, declared once.
            pub const FIELDS: &'static [$crate::schema::Field] = &[
                $( $crate::schema::Field { name: stringify!($name), doc: &[$($doc),+], kind: $kind }, )*
            ];

            fn preset_at(i: usize) -> $config {
                $config { $( $name: [$($value),+][i].clone(), )* }
            }

            $(
                $(#[$pmeta])*
                pub fn $preset() -> $config {
                    let i = Self::PRESETS.iter().position(|p| *p == stringify!($preset)).expect("declared");
                    $config::preset_at(i)
                }
            )+

            /// A preset by name.
            pub fn preset(name: &str) -> Result<$config, String> {
                match Self::PRESETS.iter().position(|p| *p == name) {
                    Some(i) => Ok($config::preset_at(i)),
                    None => Err(format!("unknown preset {name:?}; choose one of {}", Self::PRESETS.join(", "))),
                }
            }

            /// Each field against its declared range (the message names field, value and range).
            pub fn check_fields(&self) -> Result<(), String> {
                let mut fields = Self::FIELDS.iter();
                $( $crate::schema::Checked::check(&self.$name, fields.next().expect("declared"))?; )*
                Ok(())
            }

            /// `self` with `KEY=VALUE` texts applied (the CLI's `--set`), each parsed as its
            /// field's kind; an unknown key is an error listing the known ones.
            pub fn with_overrides(&self, overrides: &[(String, String)]) -> Result<$config, String> {
                let mut value = serde_json::to_value(self).map_err(|e| e.to_string())?;
                for (key, text) in overrides {
                    let Some(field) = Self::FIELDS.iter().find(|f| f.name == key) else {
                        let known: Vec<&str> = Self::FIELDS.iter().map(|f| f.name).collect();
                        return Err(format!("unknown key {key:?}; known keys: {}", known.join(", ")));
                    };
                    value[key] = field.parse(text)?;
                }
                serde_json::from_value(value).map_err(|e| e.to_string())
            }

            /// Every field's descriptor (`Trainer.schema()`).
            pub fn schema() -> Vec<serde_json::Value> {
                let presets: Vec<(&str, $config)> = Self::PRESETS.iter().enumerate().map(|(i, p)| (*p, $config::preset_at(i))).collect();
                $crate::schema::describe(Self::FIELDS, &$config::default(), &presets)
            }
        }
    };
}
pub(crate) use declare_config;
