//! Structured values across the JS boundary, through serde-wasm-bindgen: options objects and
//! documents in ([`options`], [`document`]), results out ([`to_js`]).
//!
//! serde-wasm-bindgen alone is not enough for the messages a person reads, and these
//! functions add what it lacks:
//! - it reads a struct by looking up the struct's own field names, so an unknown field is
//!   never seen and `deny_unknown_fields` cannot fire: [`options`] compares the object's keys
//!   with the field names itself;
//! - its errors do not say which field failed and word the rest in Rust's terms ("invalid
//!   type: floating point `2.5`, expected usize"): on an error the failing field is found by
//!   reading ever longer prefixes of the object, and the message is rewritten as "`what`:
//!   `field` must be a whole number …, got 2.5".
//!
//! Ranges are the core's business: callers run the core's checks after deserialising, so a
//! message for a value out of range comes from the one place that defines the range.

use js_sys::{Array, Object, Reflect};
use serde::de::{self, DeserializeOwned, Visitor};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use super::{describe, quoted};

/// An options object: `undefined` or `null` gives `T::default()`; a field that is missing,
/// `undefined` or `null` takes its default (`T` has `#[serde(default)]`); an unknown field
/// is an error listing the known ones. `what` names the call in messages ("bandit_testbed").
pub fn options<T: DeserializeOwned + Default>(what: &str, value: &JsValue) -> Result<T, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let object = plain_object(what, value)?;
    let given = without_nullish(&object);
    let fields = field_names::<T>();
    refuse_unknown(what, &given, fields)?;
    read(what, &given, fields)
}

/// An options object whose missing fields keep the values of `base` (a preset, the current
/// physics) rather than `T`'s defaults; otherwise as [`options`].
pub fn options_over<T: Serialize + DeserializeOwned>(what: &str, base: &T, value: &JsValue) -> Result<T, String> {
    let given = without_nullish(&plain_object(what, value)?);
    let fields = field_names::<T>();
    refuse_unknown(what, &given, fields)?;
    let merged: Object = to_js(base)?.unchecked_into();
    read(what, &Object::assign(&merged, &given), fields)
}

/// A document such as a parsed agent file: fields as `T` declares them, unknown fields
/// ignored (as the native reader ignores them).
pub fn document<T: DeserializeOwned>(what: &str, value: &JsValue) -> Result<T, String> {
    let object = plain_object(what, value)?;
    read(what, &object, field_names::<T>())
}

/// `value` as a plain JS object (maps as objects, `u64` as Number), with fields marked
/// `#[serde(with = "serde_wasm_bindgen::preserve")]` passed through as they are (typed
/// arrays, BigInts).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, String> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| format!("cannot pass a value to JS: {e}"))
}

/// `deny_unknown_fields`, which serde-wasm-bindgen cannot enforce (it looks up the fields it
/// knows and never sees the others).
fn refuse_unknown(what: &str, object: &Object, fields: &[&str]) -> Result<(), String> {
    match Object::keys(object).iter().filter_map(|k| k.as_string()).find(|k| !fields.contains(&k.as_str())) {
        Some(key) => Err(format!("{what}: unknown option {}; known options: {}", quoted(&key), fields.join(", "))),
        None => Ok(()),
    }
}

fn plain_object(what: &str, value: &JsValue) -> Result<Object, String> {
    if !value.is_object() || value.is_function() || Array::is_array(value) {
        return Err(format!("{what}: expected an object, got {}", describe(value)));
    }
    Ok(value.clone().unchecked_into())
}

/// A copy of the object's own fields without those that are `undefined` or `null`: both
/// mean "the default" (serde-wasm-bindgen would read them as a value of the wrong type).
fn without_nullish(object: &Object) -> Object {
    let out = Object::new();
    for entry in Object::entries(object).iter() {
        let entry: Array = entry.unchecked_into();
        let value = entry.get(1);
        if !value.is_undefined() && !value.is_null() {
            set(&out, &entry.get(0), &value);
        }
    }
    out
}

fn set(object: &Object, key: &JsValue, value: &JsValue) {
    // Setting a data property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, key, value);
}

fn get(object: &Object, key: &str) -> Option<JsValue> {
    let key = JsValue::from_str(key);
    Reflect::has(object, &key).unwrap_or(false).then(|| Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED))
}

/// Deserialises `object`; on an error, names the field (and the item of an array) that fails
/// and says what it must be.
fn read<T: DeserializeOwned>(what: &str, object: &Object, fields: &[&str]) -> Result<T, String> {
    let error = |o: &Object| serde_wasm_bindgen::from_value::<T>(o.into()).err().map(text);
    match serde_wasm_bindgen::from_value::<T>(object.into()) {
        Ok(value) => Ok(value),
        Err(e) => Err(explain(what, object, fields, &text(e), &error)),
    }
}

/// The message of serde-wasm-bindgen's error (a JS `Error`, whose `String()` adds "Error: ").
fn text(e: serde_wasm_bindgen::Error) -> String {
    let e = e.to_string();
    e.strip_prefix("Error: ").map_or(e.clone(), str::to_string)
}

/// The message for `whole`, serde's error on `object`; `error` reads another object as the
/// same type. Not generic, so the search is in the module once, not once per type.
fn explain(what: &str, object: &Object, fields: &[&str], whole: &str, error: &dyn Fn(&Object) -> Option<String>) -> String {
    let serde = SerdeMessage::parse(whole);
    if let SerdeMessage::MissingField(key) = serde {
        return format!("{what}: missing field {}", quoted(key));
    }
    // serde-wasm-bindgen reads the fields in declaration order and stops at the first bad
    // one, so the culprit is the first field whose prefix of the object gives the same error.
    let fails = |o: &Object| error(o).as_deref() == Some(whole);
    let prefix = Object::new();
    for &field in fields {
        let Some(value) = get(object, field) else { continue };
        set(&prefix, &JsValue::from_str(field), &value);
        if !fails(&prefix) {
            continue;
        }
        if let Some(items) = value.dyn_ref::<Array>() {
            // The same search over the array's items names the item.
            let head = Array::new();
            set(&prefix, &JsValue::from_str(field), &head);
            for (i, item) in items.iter().enumerate() {
                head.push(&item);
                if fails(&prefix) && !item.is_object() {
                    return format!("{what}: {field}[{i}] must be {}, got {}", serde.expected(), describe(&item));
                }
            }
        }
        return if value.is_object() {
            format!("{what}: {field}: {}", serde.sentence())
        } else {
            format!("{what}: {field} must be {}, got {}", serde.expected(), describe(&value))
        };
    }
    format!("{what}: {}", serde.sentence())
}

/// The parts of a serde error message (serde's `de::Error` wording).
enum SerdeMessage<'a> {
    /// "missing field `x`"
    MissingField(&'a str),
    /// "invalid type: string \"x\", expected f64", "unknown variant `x`, expected one of …"
    Expected { got: &'a str, expected: &'a str },
    Other(&'a str),
}

impl<'a> SerdeMessage<'a> {
    fn parse(text: &'a str) -> SerdeMessage<'a> {
        if let Some(key) = text.strip_prefix("missing field `").and_then(|k| k.strip_suffix('`')) {
            return SerdeMessage::MissingField(key);
        }
        // serde-wasm-bindgen's own wording for a BigInt out of range.
        if let Some(rest) = text.strip_prefix("Couldn't deserialize ") {
            return SerdeMessage::Expected { got: "a BigInt out of range", expected: rest.split(' ').next().unwrap_or(rest) };
        }
        match text.rsplit_once(", expected ") {
            Some((got, expected)) => SerdeMessage::Expected { got, expected },
            None => SerdeMessage::Other(text),
        }
    }

    /// What the value must be, in the words the rest of the deck uses.
    fn expected(&self) -> String {
        let SerdeMessage::Expected { expected, .. } = self else { return "valid".into() };
        match *expected {
            "f64" | "f32" => "a number".into(),
            "u64" => "a whole number ≥ 0 (a Number up to 2^53 - 1 or a BigInt)".into(),
            "usize" | "u32" => "a whole number from 0 to 4294967295".into(),
            "a boolean" => "true or false".into(),
            "a sequence" => "an array".into(),
            e if e.starts_with("struct ") => "an object".into(),
            e if e.starts_with("enum ") => "a string".into(),
            e => e.replace('`', "\""),
        }
    }

    /// The whole message, for a value inside a nested object: "must be a number, got null".
    fn sentence(&self) -> String {
        match self {
            SerdeMessage::MissingField(key) => format!("missing field {}", quoted(key)),
            SerdeMessage::Expected { got, .. } => format!("must be {}, got {}", self.expected(), Self::value(got)),
            SerdeMessage::Other(text) => text.replace('`', "\""),
        }
    }

    /// serde's description of the value it got (`Unexpected`'s wording) as JS would write it:
    /// "floating point `2.5`" → 2.5, "unit value" → null, "string \"x\"" → "x".
    fn value(got: &str) -> String {
        let got = got.strip_prefix("invalid type: ").or_else(|| got.strip_prefix("invalid value: ")).unwrap_or(got);
        if let Some(variant) = got.strip_prefix("unknown variant ") {
            return variant.replace('`', "\"");
        }
        match got {
            "unit value" => "null".into(),
            "sequence" => "an array".into(),
            "map" => "an object".into(),
            _ => ["floating point ", "integer ", "boolean "]
                .iter()
                .find_map(|kind| got.strip_prefix(kind))
                .map(|v| v.trim_matches('`'))
                .unwrap_or_else(|| got.strip_prefix("string ").unwrap_or(got))
                .to_string(),
        }
    }
}

/// The field names `T` declares (serde's derive hands them to `deserialize_struct`).
fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Names<'a>(&'a mut &'static [&'static str]);
    impl<'de> de::Deserializer<'de> for Names<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("names taken"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut names: &'static [&'static str] = &[];
    let _ = T::deserialize(Names(&mut names));
    names
}
