//! Correctly rounded `sin` and `cos` for f64, the same bits on every target.
//!
//! Why: Gymnasium's CartPole calls Python's `math.sin`/`math.cos`, i.e. glibc's libm. Rust's
//! `f64::sin`/`cos` call the platform libm: glibc natively on Linux, but on
//! `wasm32-unknown-unknown` a musl-derived `libm` that is off by one ULP on about 1 % of
//! CartPole's angles, enough for browser trajectories to drift away from native ones and from
//! Gymnasium's. [`sin_cos`] returns the correctly rounded (round-to-nearest) values itself,
//! using only `+ - * /` on f64, which IEEE 754 defines exactly on every target, so every build
//! gets the same bits.
//!
//! glibc is close but not identical: its `sin`/`cos` (`sysdeps/ieee754/dbl-64/s_sin.c`) are
//! documented to 0.518 ULP, and `tests/trig_glibc.rs` finds them misrounded on ~0.3 % of
//! arguments in [−40, 40] (glibc 2.36, x86_64), each case settled by an exact 320-bit
//! reference in favour of this module. Everywhere else the two agree bit for bit. (Copying
//! glibc's algorithm instead would need its LGPL tables, and its x86_64 build also has an FMA
//! variant chosen at run time.)
//!
//! # Algorithm
//!
//! 1. Argument reduction: `k = round(x · 2/π)` and `r = x − k·π/2`, where π/2 is a sum of five
//!    doubles (Cody–Waite): the first three have at most 36 significant bits, so `k·Cᵢ` is
//!    exact for `|k| < 2¹⁷`; the fourth product is made exact with Dekker's `two_prod`; the
//!    fifth is a plain product far below the last bit we need. The pieces are summed with
//!    Knuth's `two_sum`, so `r` comes out as a double-double `r_hi + r_lo`. Even for the
//!    double closest to a multiple of π/2 in range (x = 45.553093477052, |r| ≈ 2⁻⁶⁰·⁵, found
//!    by an exhaustive search over k with mpmath) `r` keeps more than 100 correct bits.
//! 2. Fast path: with `|r| = i/128 + d`, `|d| ≤ 1/256`, and a table of sin and cos of `i/128`
//!    as double-doubles (mpmath), `sin(a + d) = S + C·d + [C·(sin d − d) + S·(cos d − 1)]`
//!    (and likewise for cos). `C·d` is made exact with `two_prod`, the small bracket is a short
//!    f64 polynomial, and the total error is below 2⁻⁶⁴ of the result. Ziv's rounding test
//!    then checks that every value within that bound rounds to the same double; if so, that
//!    double is the correctly rounded result (so for ~99.8 % of arguments).
//! 3. Slow path, when the test fails: Taylor series in `z = r²`, `sin r = r·Σ (−z)ⁿ/(2n+1)!`
//!    (n ≤ 13) and `cos r = Σ (−z)ⁿ/(2n)!` (n ≤ 14), valid for |r| ≤ π/4 (+ a hair); the
//!    first omitted terms are below 10⁻³⁴. The high-order tail (terms below 2⁻⁵¹) is summed in
//!    plain f64, the rest by Horner's rule in double-double arithmetic with double-double
//!    coefficients `1/n!`: relative error about 2⁻¹⁰⁰, and the rounded double-double is the
//!    correctly rounded result unless the exact value lies within ~2⁻¹⁰⁰ (relative) of a
//!    midpoint between two doubles — a chance of about 2⁻⁴⁷ per argument that reaches the slow
//!    path, never seen in testing.
//! 4. Quadrant `k mod 4` picks ±sin r / ±cos r (exact).
//!
//! No fused multiply-add is used anywhere: `two_prod` uses Veltkamp splitting (Dekker), because
//! `f64::mul_add` is a slow software routine on wasm32 (correct, but several times slower)
//! and Rust never contracts `a * b + c` into an FMA on its own. The error-free transforms
//! assume IEEE binary64 arithmetic with round-to-nearest and no excess precision, which holds
//! on x86_64 (SSE2), aarch64 and wasm32 (not on x87-only 32-bit x86).
//!
//! # Range
//!
//! Correctly rounded for all finite `|x| ≤ 1e5` ([`SIN_COS_EXACT_LIMIT`]); CartPole's angles
//! stay far inside (the recorded vectors reach |θ| ≈ 38 rad after the pole falls and spins).
//! `sin(±0) = ±0` keeps the sign, `cos(±0) = 1`. Beyond the limit, and for ±∞ and NaN, it
//! falls back to `f64::sin`/`f64::cos` (NaN for ±∞ and NaN), whose last bit may then depend
//! on the platform.

/// Largest `|x|` for which [`sin_cos`] is correctly rounded (its own reduction); beyond it,
/// and for non-finite `x`, it returns `(x.sin(), x.cos())`.
pub const SIN_COS_EXACT_LIMIT: f64 = 1e5;

/// `(sin x, cos x)`, each correctly rounded to nearest for finite `|x| ≤ 1e5` (see the module
/// docs); identical bits natively and on wasm32.
#[inline]
pub fn sin_cos(x: f64) -> (f64, f64) {
    let ax = x.abs();
    if ax.is_nan() || ax > SIN_COS_EXACT_LIMIT {
        return (x.sin(), x.cos());
    }
    // For |x| < 2⁻²⁷: |x³/6| is below a quarter ULP of x and x²/2 below a quarter ULP of 1, so
    // the nearest doubles are x and 1 exactly. Returning x keeps sin(−0) = −0, and avoids
    // squaring subnormals.
    if ax < TWO_POW_M27 {
        return (x, 1.0);
    }
    let (k, r) = reduce(x);
    // Fast path (table + short polynomials, ~2⁻⁶⁷ relative error) when its result provably
    // rounds correctly; otherwise (about 1 argument in 600) the slow double-double series.
    let (s, c) = match sin_cos_fast(r) {
        Some(sc) => sc,
        None => sin_cos_accurate(r),
    };
    // sin(r + kπ/2), cos(r + kπ/2) by quadrant. `k` is an integer-valued f64 with |k| < 2¹⁷;
    // `& 3` on the two's-complement i64 gives k mod 4 for negative k too.
    match (k as i64) & 3 {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

const TWO_POW_M27: f64 = 1.0 / 134_217_728.0;

// ---------------------------------------------------------------------------------------
// Double-double arithmetic: a value is represented as an unevaluated sum hi + lo with
// |lo| ≤ ½ ULP(hi), giving about 106 bits of significand.

#[derive(Clone, Copy, Debug)]
struct Dd {
    hi: f64,
    lo: f64,
}

impl Dd {
    const fn from_bits(hi: u64, lo: u64) -> Dd {
        Dd {
            hi: f64::from_bits(hi),
            lo: f64::from_bits(lo),
        }
    }
}

/// Knuth's TwoSum: `s = fl(a + b)` and the exact rounding error `e`, so `s + e = a + b`.
/// No condition on the magnitudes (6 flops).
#[inline(always)]
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    let e = (a - (s - bb)) + (b - bb);
    (s, e)
}

/// Dekker's FastTwoSum: as `two_sum`, but needs `|a| ≥ |b|` (or a = 0) (3 flops). Used to
/// renormalise `(hi, lo)` so that `hi = fl(hi + lo)`.
#[inline(always)]
fn fast_two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    let e = b - (s - a);
    Dd { hi: s, lo: e }
}

/// Veltkamp's split: `a = hi + lo` exactly, each half with at most 26 significant bits, so
/// products of halves are exact in f64. (Overflows only for |a| > 2⁹⁹⁶, far outside our use.)
#[inline(always)]
fn split(a: f64) -> (f64, f64) {
    const C: f64 = 134_217_729.0; // 2²⁷ + 1
    let t = C * a;
    let hi = t - (t - a);
    (hi, a - hi)
}

/// Dekker's TwoProduct without FMA: `p = fl(a·b)` and the exact error `e`, `p + e = a·b`,
/// given the splits of `a` and `b`.
#[inline(always)]
fn two_prod_split(a: f64, (ah, al): (f64, f64), b: f64, (bh, bl): (f64, f64)) -> (f64, f64) {
    let p = a * b;
    let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    (p, e)
}

#[inline(always)]
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    two_prod_split(a, split(a), b, split(b))
}

/// Double-double product (the `lo·lo` term, ~2⁻¹⁰⁶ relative, is dropped).
#[inline(always)]
fn dd_mul(a: Dd, b: Dd) -> Dd {
    let (p, e) = two_prod(a.hi, b.hi);
    fast_two_sum(p, e + (a.hi * b.lo + a.lo * b.hi))
}

/// `a · z + c` for the Horner loops; `z_split` is `split(z.hi)`, computed once per call.
#[inline(always)]
fn dd_mul_add(a: Dd, z: Dd, z_split: (f64, f64), c: Dd) -> Dd {
    let (p, e) = two_prod_split(a.hi, split(a.hi), z.hi, z_split);
    let e = e + (a.hi * z.lo + a.lo * z.hi);
    // In both series |a·z| ≤ |c|/6 or so (and the signs alternate), so there is no
    // cancellation and this "sloppy" addition keeps ~2⁻¹⁰⁵ relative accuracy.
    let (s, f) = two_sum(c.hi, p);
    fast_two_sum(s, f + (e + c.lo))
}

// ---------------------------------------------------------------------------------------
// Argument reduction

/// π/2 = PIO2_1 + PIO2_2 + PIO2_3 + PIO2_4 + PIO2_5 + O(2⁻²²²): each part is π/2 minus the
/// previous parts, rounded to 36 significant bits (parts 1-3) or 53 (parts 4-5). Generated
/// with mpmath at 500 bits of precision.
const PIO2_1: f64 = f64::from_bits(0x3FF9_21FB_5444_0000); // 1.5707963267923333
const PIO2_2: f64 = f64::from_bits(0x3D86_8C23_4C4C_0000); // 2.5633441515839558e-12
const PIO2_3: f64 = f64::from_bits(0x3B29_8A2E_0370_0000); // 1.0562999066944068e-23
const PIO2_4: f64 = f64::from_bits(0x38CC_D129_024E_088A); // 4.3359050650618903e-35
const PIO2_5: f64 = f64::from_bits(0x3569_F31D_0082_EFAA); // 2.167416841324354e-51

/// `(k, r)` with `k = round(x·2/π)` and `r = x − k·π/2` as a double-double, for |x| ≤ 1e5.
#[inline(always)]
fn reduce(x: f64) -> (f64, Dd) {
    // The rounding of x·(2/π) only decides which k we take (|r| may end up a hair above π/4);
    // r itself is computed accurately for that k.
    let k = (x * std::f64::consts::FRAC_2_PI).round();
    if k == 0.0 {
        return (0.0, Dd { hi: x, lo: 0.0 });
    }
    // Exact: k·PIO2_1 fits in 53 bits, and x and k·PIO2_1 are within a factor 2 of each other
    // (Sterbenz), so the subtraction is exact too.
    let t0 = x - k * PIO2_1;
    // k·PIO2_2 and k·PIO2_3 are exact; k·PIO2_4 is made exact by two_prod.
    let (s, e1) = two_sum(t0, -(k * PIO2_2));
    let (s, e2) = two_sum(s, -(k * PIO2_3));
    let (p4, e4) = two_prod(k, PIO2_4);
    let (s, e3) = two_sum(s, -p4);
    // The remaining error terms are all tiny next to s; summing them in f64 costs ~2⁻¹⁰⁶·|s|.
    let tail = ((e1 + e2) + e3) - (e4 + k * PIO2_5);
    let (hi, lo) = two_sum(s, tail);
    (k, Dd { hi, lo })
}

// ---------------------------------------------------------------------------------------
// Series on the reduced interval

/// `1/n!` as double-doubles (hi = RN(1/n!), lo = RN(1/n! − hi)), from exact fractions in
/// Python. Index n.
const INV_FACT: [Dd; 17] = [
    Dd::from_bits(0x3FF0000000000000, 0x0000000000000000), // 1/0!
    Dd::from_bits(0x3FF0000000000000, 0x0000000000000000), // 1/1!
    Dd::from_bits(0x3FE0000000000000, 0x0000000000000000), // 1/2!
    Dd::from_bits(0x3FC5555555555555, 0x3C65555555555555), // 1/3!
    Dd::from_bits(0x3FA5555555555555, 0x3C45555555555555), // 1/4!
    Dd::from_bits(0x3F81111111111111, 0x3C01111111111111), // 1/5!
    Dd::from_bits(0x3F56C16C16C16C17, 0xBBEF49F49F49F49F), // 1/6!
    Dd::from_bits(0x3F2A01A01A01A01A, 0x3B6A01A01A01A01A), // 1/7!
    Dd::from_bits(0x3EFA01A01A01A01A, 0x3B3A01A01A01A01A), // 1/8!
    Dd::from_bits(0x3EC71DE3A556C734, 0xBB6C154F8DDC6C00), // 1/9!
    Dd::from_bits(0x3E927E4FB7789F5C, 0x3B3CBBC05B4FA99A), // 1/10!
    Dd::from_bits(0x3E5AE64567F544E4, 0xBAFC062E06D1F209), // 1/11!
    Dd::from_bits(0x3E21EED8EFF8D898, 0xBAC2AEC959E14C06), // 1/12!
    Dd::from_bits(0x3DE6124613A86D09, 0x3A8F28E0CC748EBE), // 1/13!
    Dd::from_bits(0x3DA93974A8C07C9D, 0x3A305D6F8A2EFD1F), // 1/14!
    Dd::from_bits(0x3D6AE7F3E733B81F, 0x39E1D8656B0EE8CB), // 1/15!
    Dd::from_bits(0x3D2AE7F3E733B81F, 0x39A1D8656B0EE8CB), // 1/16!
];

/// `1/n!` rounded to f64 for the tail terms, n = 17..=28 (index n − 17). Their contributions
/// are below 2⁻⁵¹ for |r| ≤ π/4, so f64 coefficients and arithmetic are accurate enough.
const INV_FACT_TAIL: [f64; 12] = [
    f64::from_bits(0x3CE952C77030AD4A), // 1/17!
    f64::from_bits(0x3CA6827863B97D97), // 1/18!
    f64::from_bits(0x3C62F49B46814157), // 1/19!
    f64::from_bits(0x3C1E542BA4020225), // 1/20!
    f64::from_bits(0x3BD71B8EF6DCF572), // 1/21!
    f64::from_bits(0x3B90CE396DB7F853), // 1/22!
    f64::from_bits(0x3B4761B41316381A), // 1/23!
    f64::from_bits(0x3AFF2CF01972F578), // 1/24!
    f64::from_bits(0x3AB3F3CCDD165FA9), // 1/25!
    f64::from_bits(0x3A688E85FC6A4E5A), // 1/26!
    f64::from_bits(0x3A1D1AB1C2DCCEA3), // 1/27!
    f64::from_bits(0x39D0A18A2635085D), // 1/28!
];

/// `1/n!` with the sign of the series term: `(−1)^(n/2)` for the n-th power of r.
#[inline(always)]
fn signed_coeff(n: usize) -> Dd {
    let c = INV_FACT[n];
    if (n / 2) % 2 == 1 {
        Dd {
            hi: -c.hi,
            lo: -c.lo,
        }
    } else {
        c
    }
}

#[inline(always)]
fn signed_tail(n: usize) -> f64 {
    let c = INV_FACT_TAIL[n - 17];
    if (n / 2) % 2 == 1 { -c } else { c }
}

/// sin r and cos r for |r| ≲ π/4, each rounded to the nearest f64 (slow path, ~2⁻¹⁰⁰).
#[inline(never)]
fn sin_cos_accurate(r: Dd) -> (f64, f64) {
    // z = r² as a double-double (r_lo² ≈ 2⁻¹⁰⁶·z is dropped).
    let (p, e) = two_prod(r.hi, r.hi);
    let z = fast_two_sum(p, e + 2.0 * r.hi * r.lo);
    let zs = split(z.hi);

    // sin r = r · (1 − z/3! + z²/5! − … + z¹³/27!): powers r¹⁷…r²⁷ in f64, then r¹⁵…r¹ in
    // double-double. The loops have constant bounds and are fully unrolled.
    let mut ts = signed_tail(27);
    for n in [25, 23, 21, 19, 17] {
        ts = ts * z.hi + signed_tail(n);
    }
    let mut s = Dd { hi: ts, lo: 0.0 };
    for n in [15, 13, 11, 9, 7, 5, 3, 1] {
        s = dd_mul_add(s, z, zs, signed_coeff(n));
    }
    let s = dd_mul(r, s);

    // cos r = 1 − z/2! + z²/4! − … + z¹⁴/28!: r¹⁸…r²⁸ in f64, r¹⁶…r⁰ in double-double.
    let mut tc = signed_tail(28);
    for n in [26, 24, 22, 20, 18] {
        tc = tc * z.hi + signed_tail(n);
    }
    let mut c = Dd { hi: tc, lo: 0.0 };
    for n in [16, 14, 12, 10, 8, 6, 4, 2, 0] {
        c = dd_mul_add(c, z, zs, signed_coeff(n));
    }

    // Both are normalised (hi = fl(hi + lo)), so hi is the double nearest to hi + lo.
    (s.hi, c.hi)
}

// ---------------------------------------------------------------------------------------
// Fast path: table of sin/cos at multiples of 1/128, then Ziv's rounding test

/// `(sin hi, sin lo, cos hi, cos lo)` of `i/128`, i = 0..=101 (covers |r| ≤ 101.5/128 > π/4).
const TABLE: [(u64, u64, u64, u64); 102] = include!("trig_table.in");

/// Bound on the fast path's error relative to the result: the analysis below gives about
/// 2⁻⁶⁸; 2⁻⁶⁴ leaves a margin of more than 10×.
const FAST_REL_ERR: f64 = f64::from_bits((1023 - 64) << 52); // 2⁻⁶⁴

/// `Some(RN(h + l))` if every value within `FAST_REL_ERR·|h|` of `h + l` rounds to the same
/// double (rounding is monotonic, so checking both ends suffices); `None` otherwise.
#[inline(always)]
fn round_if_safe(h: f64, l: f64) -> Option<f64> {
    let y = h + l;
    let e = h.abs() * FAST_REL_ERR;
    (y == h + (l + e) && y == h + (l - e)).then_some(y)
}

/// sin r and cos r, correctly rounded, or `None` when the fast evaluation is too close to a
/// rounding boundary to tell.
///
/// With `u = |r| = a + d`, `a = i/128` from the table and `|d| ≤ 1/256`:
/// `sin u = S + C·d + [C·(sin d − d) + S·(cos d − 1)]` and
/// `cos u = C − S·d + [C·(cos d − 1) − S·(sin d − d)]`, with S, C the double-double table
/// values. `C·d` and `S·d` are exact (`two_prod`); the bracket is at most ~2⁻¹⁷ of the result,
/// so evaluating it in f64 costs only ~2⁻⁶⁹ relative.
#[inline(always)]
fn sin_cos_fast(r: Dd) -> Option<(f64, f64)> {
    // sin is odd, cos even: work on u = |r|.
    let neg = r.hi < 0.0;
    let (uh, ul) = if neg { (-r.hi, -r.lo) } else { (r.hi, r.lo) };
    let i = (uh * 128.0).round(); // exact scaling; |r| ≤ π/4 + tiny gives i ≤ 101
    let &(sh, sl, ch, cl) = TABLE.get(i as usize)?;
    let (sh, sl, ch, cl) = (
        f64::from_bits(sh),
        f64::from_bits(sl),
        f64::from_bits(ch),
        f64::from_bits(cl),
    );
    // Exact (Sterbenz for i ≥ 1): d = dh + ul with |dh| ≤ 1/256.
    let dh = uh - i * (1.0 / 128.0);
    let z = dh * dh;
    // sin d − dh = ul + dh³·(−1/3! + z/5! − z²/7!)   (next term below 2⁻⁹⁰)
    let sin_d_tail = ul + dh * z * (-1.0 / 6.0 + z * (1.0 / 120.0 - z * (1.0 / 5040.0)));
    // cos d − 1 = z·(−1/2! + z/4! − z²/6!) − dh·ul   (next term below 2⁻⁷⁹)
    let cos_d_m1 = z * (-0.5 + z * (1.0 / 24.0 - z * (1.0 / 720.0))) - dh * ul;

    let dsplit = split(dh);
    // sin u: S_hi + C_hi·dh exactly as h + t (|C_hi·dh| ≤ 1/256 < S_hi unless S_hi = 0).
    let (p, pe) = two_prod_split(ch, split(ch), dh, dsplit);
    let (h, t) = {
        let Dd { hi, lo } = fast_two_sum(sh, p);
        (hi, lo)
    };
    let l = t + (pe + (sl + (cl * dh + (ch * sin_d_tail + sh * cos_d_m1))));
    let s = round_if_safe(h, l)?;
    // cos u: C_hi − S_hi·dh exactly (C_hi > 0.68 > |S_hi·dh|).
    let (q, qe) = two_prod_split(sh, split(sh), dh, dsplit);
    let (h, t) = {
        let Dd { hi, lo } = fast_two_sum(ch, -q);
        (hi, lo)
    };
    let l = t + (cl - (qe + (sl * dh + (sh * sin_d_tail - ch * cos_d_m1))));
    let c = round_if_safe(h, l)?;
    Some((if neg { -s } else { s }, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(v: (f64, f64)) -> (u64, u64) {
        (v.0.to_bits(), v.1.to_bits())
    }

    #[test]
    fn special_values() {
        assert_eq!(bits(sin_cos(0.0)), (0, 1f64.to_bits()));
        assert_eq!(bits(sin_cos(-0.0)), ((-0.0f64).to_bits(), 1f64.to_bits()));
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let (s, c) = sin_cos(x);
            assert!(s.is_nan() && c.is_nan(), "{x}");
        }
        let tiny = f64::from_bits(1); // smallest subnormal
        assert_eq!(sin_cos(tiny), (tiny, 1.0));
        assert_eq!(sin_cos(-tiny), (-tiny, 1.0));
        assert_eq!(sin_cos(f64::MIN_POSITIVE), (f64::MIN_POSITIVE, 1.0));
    }

    #[test]
    fn constants_sum_to_half_pi() {
        // The parts are ordered and non-overlapping, and their leading sum is π/2 rounded.
        assert_eq!(PIO2_1 + PIO2_2, std::f64::consts::FRAC_PI_2);
        for (a, b) in [
            (PIO2_1, PIO2_2),
            (PIO2_2, PIO2_3),
            (PIO2_3, PIO2_4),
            (PIO2_4, PIO2_5),
        ] {
            assert!(b.abs() < a.abs() * 2f64.powi(-33), "{a:e} {b:e}");
        }
        // The 36-bit parts: k·part must be exact for |k| < 2¹⁷.
        for p in [PIO2_1, PIO2_2, PIO2_3] {
            assert!(p.to_bits().trailing_zeros() >= 52 - 35, "{p:e}");
        }
        // 1/n! hi parts are 1/n! rounded.
        let mut f = 1.0f64; // n! is exact in f64 up to 18!
        for (n, c) in INV_FACT.iter().enumerate() {
            if n > 0 {
                f *= n as f64;
            }
            assert_eq!(c.hi, 1.0 / f, "1/{n}!");
            assert!(c.lo.abs() <= c.hi * f64::EPSILON / 2.0, "1/{n}!");
        }
        assert_eq!(INV_FACT_TAIL[0], 1.0 / (f * 17.0));
        assert_eq!(INV_FACT_TAIL[1], 1.0 / (f * 17.0 * 18.0));
    }

    /// Values checked against mpmath at 300 bits (correctly rounded), including the doubles
    /// nearest to multiples of π/2 in range, where argument reduction cancels the most.
    #[test]
    fn against_mpmath() {
        // (x, sin x, cos x) as bit patterns.
        let cases: &[(u64, u64, u64)] = &include!("trig_mpmath_cases.in");
        for &(x, s, c) in cases {
            let x = f64::from_bits(x);
            let (gs, gc) = sin_cos(x);
            assert_eq!(
                (gs.to_bits(), gc.to_bits()),
                (s, c),
                "x = {x:e}: got ({gs:e}, {gc:e}), want ({:e}, {:e})",
                f64::from_bits(s),
                f64::from_bits(c)
            );
        }
    }

    /// Wherever the fast path answers, it must agree with the slow path; and it should
    /// answer almost always.
    #[test]
    fn fast_path_agrees_with_accurate_path() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut n, mut fallback) = (0u32, 0u32);
        for j in 0..2_000_000 {
            let u = (next() >> 11) as f64 / (1u64 << 53) as f64;
            let x = match j % 3 {
                0 => (u - 0.5) * 1.6,                  // k = 0: r = x
                1 => (u - 0.5) * 80.0,                 // CartPole's spinning range
                _ => (u - 0.5) * 2.0 * 2f64.powi(-20), // tiny r
            };
            if x.abs() < TWO_POW_M27 {
                continue;
            }
            let (_, r) = reduce(x);
            n += 1;
            match sin_cos_fast(r) {
                Some(v) => assert_eq!(bits(v), bits(sin_cos_accurate(r)), "x = {x:e}"),
                None => fallback += 1,
            }
        }
        eprintln!("fast path fell back on {fallback} of {n} arguments");
        assert!(fallback < n / 200, "{fallback} of {n} fell back");
    }

    #[test]
    fn symmetry() {
        let mut x = 1e-6f64;
        while x < 1e5 {
            let (s, c) = sin_cos(x);
            let (ns, nc) = sin_cos(-x);
            assert_eq!(
                (ns.to_bits(), nc.to_bits()),
                ((-s).to_bits(), c.to_bits()),
                "{x}"
            );
            x *= 1.37;
        }
    }

    #[test]
    fn beyond_the_limit_falls_back() {
        for x in [1.5e5, -3e8, 1e300] {
            assert_eq!(bits(sin_cos(x)), bits((x.sin(), x.cos())));
        }
    }
}
