//! SB3's logger output, for any algorithm: how `HumanOutputFormat` writes a value and the boxed
//! table it prints after each iteration. Each algorithm lists its own keys and values.
//!
//! `www/training/format.js` writes the same text in the page; both pass the shared cases in
//! `tests/fixtures/sb3_format_cases.json`.

/// How SB3 prints a value: integers as they are, floats with `%-8.3g`, and numpy float32
/// values (PPO's `approx_kl`) as the shortest decimal of the f32.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LogValue {
    Int(u64),
    Float(f64),
    Float32(f32),
}

impl LogValue {
    pub fn as_f64(self) -> f64 {
        match self {
            LogValue::Int(v) => v as f64,
            LogValue::Float(v) => v,
            LogValue::Float32(v) => v as f64,
        }
    }

    /// SB3's text for the value.
    pub fn to_sb3_string(self) -> String {
        match self {
            LogValue::Int(v) => v.to_string(),
            LogValue::Float(v) => format!("{:<8}", format_g3(v)),
            LogValue::Float32(v) => format!("{v}"),
        }
    }
}

/// Python's `format(x, ".3g")`.
pub fn format_g3(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    // Round to 3 significant digits first; the exponent after rounding picks the style.
    let sci = format!("{x:.2e}");
    let (mantissa, exp) = sci.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("integer exponent");
    let strip = |s: String| -> String {
        if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
    };
    if (-4..3).contains(&exp) {
        strip(format!("{x:.*}", (2 - exp) as usize))
    } else {
        let m = strip(mantissa.to_string());
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", exp.abs())
    }
}

/// The boxed table SB3's `HumanOutputFormat` prints, for `tag/name` keys in SB3's order.
pub fn table(values: &[(&str, LogValue)]) -> String {
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut tag = "";
    for &(key, value) in values {
        let (t, name) = key.split_once('/').expect("keys are tag/name");
        if t != tag {
            tag = t;
            rows.push((format!("{t}/"), String::new()));
        }
        rows.push((format!("   {name}"), value.to_sb3_string()));
    }
    let kw = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let vw = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let dashes = "-".repeat(kw + vw + 7);
    let mut out = dashes.clone();
    for (k, v) in rows {
        out.push_str(&format!("\n| {k:<kw$} | {v:<vw$} |"));
    }
    out.push('\n');
    out.push_str(&dashes);
    out
}

/// One algorithm's SB3 log: its values under SB3's keys, and what follows from them.
pub trait Sb3Log {
    /// Log keys whose value must stay finite while training goes well.
    const MUST_BE_FINITE: &'static [&'static str];

    /// `(key, value)` pairs with SB3's names, in SB3's order, as SB3 would print them now.
    fn log_values(&self) -> Vec<(&'static str, LogValue)>;

    /// `(key, value)` pairs as numbers.
    fn entries(&self) -> Vec<(&'static str, f64)> {
        entries(&self.log_values())
    }

    /// The boxed table SB3's `HumanOutputFormat` prints.
    fn sb3_table(&self) -> String {
        table(&self.log_values())
    }

    /// The keys of `MUST_BE_FINITE` that are not, as `key = value` ("train/loss = NaN").
    fn non_finite(&self) -> Vec<String> {
        non_finite(&self.log_values(), Self::MUST_BE_FINITE)
    }
}

/// The `(key, value)` pairs SB3 would print now: `rollout/*` once an episode has finished
/// (`has_episodes`), `train/*` once a training has recorded them (`has_train`), the rest always.
pub fn shown(keys: &[&'static str], values: impl IntoIterator<Item = LogValue>, has_episodes: bool, has_train: bool) -> Vec<(&'static str, LogValue)> {
    keys.iter()
        .copied()
        .zip(values)
        .filter(|(k, _)| match k.split_once('/').map(|s| s.0) {
            Some("rollout") => has_episodes,
            Some("train") => has_train,
            _ => true,
        })
        .collect()
}

/// `(key, value)` pairs as numbers.
pub fn entries(values: &[(&'static str, LogValue)]) -> Vec<(&'static str, f64)> {
    values.iter().map(|&(k, v)| (k, v.as_f64())).collect()
}

/// The keys of `must_be_finite` whose value is not, as `key = value` ("train/loss = NaN").
pub fn non_finite(values: &[(&'static str, LogValue)], must_be_finite: &[&str]) -> Vec<String> {
    entries(values)
        .into_iter()
        .filter(|(k, v)| must_be_finite.contains(k) && !v.is_finite())
        .map(|(k, v)| format!("{k} = {}", crate::shortest::Shortest(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A number of the shared cases file: JSON has no NaN or infinities, so they are strings.
    fn number(v: &serde_json::Value) -> f64 {
        match v.as_str() {
            Some("NaN") => f64::NAN,
            Some("Infinity") => f64::INFINITY,
            Some("-Infinity") => f64::NEG_INFINITY,
            Some("-0") => -0.0,
            Some(s) => panic!("unknown number {s:?}"),
            None => v.as_f64().expect("a number"),
        }
    }

    #[test]
    fn formats_the_shared_cases_as_python_and_numpy_do() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/sb3_format_cases.json")).unwrap();
        let g3 = cases["g3"].as_array().unwrap();
        let f32s = cases["f32"].as_array().unwrap();
        assert!(g3.len() >= 20 && f32s.len() >= 8);
        for case in g3 {
            assert_eq!(format_g3(number(&case[0])), case[1].as_str().unwrap(), "{case}");
        }
        for case in f32s {
            assert_eq!(LogValue::Float32(number(&case[0]) as f32).to_sb3_string(), case[1].as_str().unwrap(), "{case}");
        }
    }
}
