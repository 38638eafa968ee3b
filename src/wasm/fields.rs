//! The fields of a plain JS object, read one by one: an options object a host page passes,
//! or the document `JSON.parse` made of an agent file. Every message names the field, says
//! what it must be and what it got.
//!
//! Why not serde here (natively, agent files are read by serde_json with the core's
//! derives): a serde `Deserializer` is instantiated once per field type and visitor, which
//! cost about 40 KB of wasm for four small structs, and serde-wasm-bindgen's messages bring
//! Rust's float printing (about 20 KB more). Here each kind of value is one plain function.

use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

use super::describe;

/// The largest integer a JS Number holds exactly (2^53 − 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// An object's own fields, taken one by one; [`Fields::finish`] refuses the ones nobody took.
pub struct Fields {
    /// Names the object in messages ("new Trainer", "actor").
    what: String,
    /// Fields not taken yet. `undefined` and `null` values are dropped: they mean "the default".
    rest: Vec<(String, JsValue)>,
    /// Fields asked for so far, listed when an unknown one is found.
    known: Vec<&'static str>,
}

impl Fields {
    /// `value` must be a plain object (not an array, not a function).
    pub fn of(what: &str, value: &JsValue) -> Result<Fields, String> {
        if !value.is_object() || value.is_function() || Array::is_array(value) {
            return Err(format!("{what}: expected an object, got {}", describe(value)));
        }
        let rest = Object::entries(value.unchecked_ref::<Object>())
            .iter()
            .filter_map(|entry| {
                let entry: Array = entry.unchecked_into();
                let value = entry.get(1);
                // `Object.entries` keys are strings.
                let key = entry.get(0).as_string()?;
                (!value.is_undefined() && !value.is_null()).then_some((key, value))
            })
            .collect();
        Ok(Fields { what: what.to_string(), rest, known: Vec::new() })
    }

    /// Takes `key` if the object has it.
    pub fn take(&mut self, key: &'static str) -> Option<JsValue> {
        self.known.push(key);
        let i = self.rest.iter().position(|(k, _)| k == key)?;
        Some(self.rest.remove(i).1)
    }

    /// Takes `key`, converted by `convert`; `default` when it is missing (an error when there
    /// is no default). `must` says what the value must be.
    pub fn get<T>(
        &mut self,
        key: &'static str,
        default: Option<T>,
        must: &str,
        convert: impl Fn(&JsValue) -> Option<T>,
    ) -> Result<T, String> {
        match self.take(key) {
            None => default.ok_or_else(|| format!("{}: missing field \"{key}\"", self.what)),
            Some(v) => convert(&v).ok_or_else(|| format!("{}: {key} must be {must}, got {}", self.what, describe(&v))),
        }
    }

    /// A Number (any, NaN included: the core's checks give the range).
    pub fn number(&mut self, key: &'static str, default: f64) -> Result<f64, String> {
        self.get(key, Some(default), "a number", JsValue::as_f64)
    }

    /// A whole number ≥ 0 that fits `u64`: a Number up to 2^53 − 1 or a BigInt.
    pub fn whole(&mut self, key: &'static str, default: u64) -> Result<u64, String> {
        self.get(key, Some(default), "a whole number ≥ 0", whole)
    }

    /// A whole number ≥ 0 that fits `usize` (32 bits in wasm).
    pub fn count(&mut self, key: &'static str, default: usize) -> Result<usize, String> {
        let n = self.whole(key, default as u64)?;
        usize::try_from(n).map_err(|_| format!("{}: {key} = {n} is too large", self.what))
    }

    pub fn boolean(&mut self, key: &'static str, default: bool) -> Result<bool, String> {
        self.get(key, Some(default), "true or false", JsValue::as_bool)
    }

    /// A string; required when `default` is `None`.
    pub fn string(&mut self, key: &'static str, default: Option<&str>) -> Result<String, String> {
        self.get(key, default.map(str::to_string), "a string", JsValue::as_string)
    }

    /// An array of whole numbers ≥ 0 (layer widths); required when `default` is `None`.
    pub fn counts(&mut self, key: &'static str, default: Option<&[usize]>) -> Result<Vec<usize>, String> {
        match (self.array(key, default.is_none(), "an array of whole numbers ≥ 0")?, default) {
            (Some(array), _) => {
                self.each(key, &array, "a whole number ≥ 0", |x| whole(x).and_then(|n| usize::try_from(n).ok()))
            }
            (None, default) => Ok(default.unwrap_or_default().to_vec()),
        }
    }

    /// Takes `key`, which must be an array; `None` when it is missing and not `required`.
    fn array(&mut self, key: &'static str, required: bool, must: &str) -> Result<Option<Array>, String> {
        self.get(key, (!required).then_some(None), must, |v| items(v).map(Some))
    }

    /// Each item of `array` (the value of `key`) converted; a message names the first item
    /// that is not `must`.
    fn each<T>(&self, key: &str, array: &Array, must: &str, convert: impl Fn(&JsValue) -> Option<T>) -> Result<Vec<T>, String> {
        let mut out = Vec::with_capacity(array.length() as usize);
        for (i, x) in array.iter().enumerate() {
            let Some(x) = convert(&x) else {
                return Err(format!("{}: {key}[{i}] must be {must}, got {}", self.what, describe(&x)));
            };
            out.push(x);
        }
        Ok(out)
    }

    /// An array of Numbers, rounded to `f32` as `Float32Array` rounds them (weights).
    pub fn f32s(&mut self, key: &'static str) -> Result<Vec<f32>, String> {
        let array = self.array(key, true, "an array of numbers")?.unwrap_or_default();
        self.each(key, &array, "a number", |x| x.as_f64().map(|x| x as f32))
    }

    /// An array of objects, each read by `read` (agent file layers).
    pub fn objects<T>(
        &mut self,
        key: &'static str,
        mut read: impl FnMut(Fields) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        let array = self.array(key, true, "an array")?.unwrap_or_default();
        let what = &self.what;
        array.iter().enumerate().map(|(i, x)| read(Fields::of(&format!("{what}: {key}[{i}]"), &x)?)).collect()
    }

    /// Refuses any field that was not taken.
    pub fn finish(self) -> Result<(), String> {
        match self.rest.first() {
            None => Ok(()),
            Some((key, _)) => Err(format!(
                "{}: unknown option {}; known options: {}",
                self.what,
                super::quoted(key),
                self.known.join(", ")
            )),
        }
    }
}

fn items(v: &JsValue) -> Option<Array> {
    Array::is_array(v).then(|| v.clone().unchecked_into())
}

/// A whole number ≥ 0: a Number up to 2^53 − 1, or a BigInt up to 2^64 − 1.
fn whole(v: &JsValue) -> Option<u64> {
    if v.is_bigint() {
        return u64::try_from(v.clone()).ok();
    }
    let n = v.as_f64()?;
    (n.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&n)).then_some(n as u64)
}
