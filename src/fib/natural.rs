//! An exact natural number with just what the Fibonacci table needs: made from a `u64`,
//! added, compared, printed in decimal.
//!
//! Limbs are base 10⁹ (each < 1,000,000,000, least significant first), so printing is a
//! matter of zero-padding each limb to nine digits — no division, which is where a general
//! big-integer crate spends most of its code. Addition is schoolbook with a carry.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Add;

const BASE: u32 = 1_000_000_000;

/// A natural number of any size. `limbs` has no leading (most significant) zero limbs, so
/// zero is the empty vector and equal numbers have equal limbs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Natural {
    limbs: Vec<u32>,
}

impl Natural {
    /// The value as a `u64`, if it fits.
    pub fn to_u64(&self) -> Option<u64> {
        let mut v: u64 = 0;
        for &limb in self.limbs.iter().rev() {
            v = v.checked_mul(BASE as u64)?.checked_add(limb as u64)?;
        }
        Some(v)
    }

    /// The remainder after dividing by `m` (m > 0): a cheap independent check in tests.
    pub fn rem_u64(&self, m: u64) -> u64 {
        assert!(m > 0, "division by zero");
        let m = m as u128;
        self.limbs
            .iter()
            .rev()
            .fold(0u128, |r, &limb| (r * BASE as u128 + limb as u128) % m) as u64
    }
}

impl From<u64> for Natural {
    fn from(mut v: u64) -> Self {
        let mut limbs = Vec::new();
        while v > 0 {
            limbs.push((v % BASE as u64) as u32);
            v /= BASE as u64;
        }
        Natural { limbs }
    }
}

impl Add for &Natural {
    type Output = Natural;

    fn add(self, other: &Natural) -> Natural {
        let (long, short) = if self.limbs.len() >= other.limbs.len() {
            (&self.limbs, &other.limbs)
        } else {
            (&other.limbs, &self.limbs)
        };
        let mut limbs = Vec::with_capacity(long.len() + 1);
        let mut carry = 0;
        for (i, &a) in long.iter().enumerate() {
            // Two limbs and a carry stay below 2·10⁹ + 1 < 2³².
            let sum = a + short.get(i).copied().unwrap_or(0) + carry;
            carry = (sum >= BASE) as u32;
            limbs.push(if carry == 1 { sum - BASE } else { sum });
        }
        if carry == 1 {
            limbs.push(1);
        }
        Natural { limbs }
    }
}

impl Ord for Natural {
    fn cmp(&self, other: &Self) -> Ordering {
        // No leading zero limbs: more limbs means larger; then compare from the top.
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

impl PartialOrd for Natural {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Natural {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((top, rest)) = self.limbs.split_last() else {
            return f.pad_integral(true, "", "0");
        };
        let mut digits = top.to_string().into_bytes();
        digits.reserve(9 * rest.len());
        for &limb in rest.iter().rev() {
            // Each lower limb is exactly nine digits, zero-padded.
            let mut nine = [b'0'; 9];
            let mut v = limb;
            for d in nine.iter_mut().rev() {
                *d = b'0' + (v % 10) as u8;
                v /= 10;
            }
            digits.extend_from_slice(&nine);
        }
        f.pad_integral(
            true,
            "",
            std::str::from_utf8(&digits).expect("ASCII digits"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    /// A reference implementation to compare against (dev-dependency only).
    fn reference(n: &Natural) -> BigUint {
        n.to_string().parse().unwrap()
    }

    #[test]
    fn small_values() {
        assert_eq!(Natural::from(0).to_string(), "0");
        assert_eq!(Natural::default(), Natural::from(0));
        assert_eq!(Natural::from(7).to_string(), "7");
        assert_eq!(Natural::from(1_000_000_000).to_string(), "1000000000");
        assert_eq!(Natural::from(u64::MAX).to_string(), u64::MAX.to_string());
        assert_eq!(Natural::from(u64::MAX).to_u64(), Some(u64::MAX));
        assert_eq!(format!("{:>5}", Natural::from(42)), "   42");
    }

    #[test]
    fn carries_across_limbs_and_past_u64() {
        let a = Natural::from(999_999_999_999_999_999);
        let b = &a + &Natural::from(1);
        assert_eq!(b.to_string(), "1000000000000000000");
        let max = Natural::from(u64::MAX);
        let twice = &max + &max;
        assert_eq!(twice.to_string(), (u64::MAX as u128 * 2).to_string());
        assert_eq!(twice.to_u64(), None);
        assert!(twice > max && max < twice && max == max.clone());
    }

    #[test]
    fn fibonacci_agrees_with_num_bigint() {
        // 5,000 additions of ever longer numbers, each compared with num-bigint's.
        let (mut a, mut b) = (Natural::from(0), Natural::from(1));
        let (mut ra, mut rb) = (BigUint::from(0u32), BigUint::from(1u32));
        for _ in 0..5_000 {
            (a, b) = (b.clone(), &a + &b);
            (ra, rb) = (rb.clone(), &ra + &rb);
            assert_eq!(reference(&b), rb);
            assert!(a < b || b.to_u64() == Some(1));
        }
        assert_eq!(
            b.rem_u64(1_000_000_007),
            u64::try_from(&rb % 1_000_000_007u64).unwrap()
        );
    }
}
