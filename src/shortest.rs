//! Numbers in messages, written the way JavaScript writes them: `5`, `0.0003`, `1e-7`,
//! `1e+308`, `NaN`, `Infinity` — the shortest decimal that reads back as the same `f64`.
//!
//! Why not Rust's own float `Display`: it prints 1e308 as 309 digits, and in the wasm module
//! it costs about 20 KB of float-printing code (Grisu with a Dragon4 fallback). zmij is
//! already in the module, because serde_json writes agent files with it.

use std::fmt;

/// Formats an `f64` for a message: `format!("got {}", Shortest(x))`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shortest(pub f64);

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.pad("NaN");
        }
        if x.is_infinite() {
            return f.pad(if x > 0.0 { "Infinity" } else { "-Infinity" });
        }
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format_finite(x);
        // zmij writes integral values as `5.0`; JavaScript writes `5`.
        f.pad(text.strip_suffix(".0").unwrap_or(text))
    }
}

/// A count of tenths written with one decimal: `Tenths(123)` → `12.3` (for "about 3.1
/// trillion", "file is 104.9 MB"), in integer arithmetic like everything here.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tenths(pub u64);

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::{Shortest, Tenths};

    #[test]
    fn tenths_keep_one_decimal() {
        assert_eq!(Tenths(31).to_string(), "3.1");
        assert_eq!(Tenths(1049).to_string(), "104.9");
        assert_eq!(Tenths(0).to_string(), "0.0");
    }

    #[test]
    fn numbers_read_as_javascript_writes_them() {
        let cases = [
            (5.0, "5"),
            (-2.0, "-2"),
            (0.1, "0.1"),
            (3e-4, "0.0003"),
            (1e-7, "1e-7"),
            (1e308, "1e+308"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (65536.5, "65536.5"),
        ];
        for (x, want) in cases {
            assert_eq!(Shortest(x).to_string(), want, "{x:e}");
        }
    }

    #[test]
    fn every_text_reads_back_exactly() {
        let mut bits = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..100_000 {
            bits = bits.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let x = f64::from_bits(bits);
            if !x.is_finite() {
                continue;
            }
            let text = Shortest(x).to_string();
            let back: f64 = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(back.to_bits(), x.to_bits(), "{text}");
        }
    }
}
