//! Fibonacci, as the talk runs it: the naive recursion and the memoised table.
//!
//! The talk (section "Dynamic Programming") counts from 1: fib(1) = 0, fib(2) = 1,
//! fib(3) = 1, … — one step behind the textbook F(0) = 0, F(1) = 1. Every function here
//! keeps the talk's convention, so fib(n) here is the textbook F(n − 1).
//!
//! The point of the slide is the contrast between the two: the naive recursion recomputes
//! the same sub-problems again and again (its call count grows like the numbers themselves),
//! while the memoised version computes each number once and keeps it in a table.
//!
//! Values are exact [`Natural`]s (a few lines of our own in `natural.rs`) because they pass
//! 2^53 at n = 80 (where JavaScript numbers stop being exact) and 2^64 at n = 95; they cross
//! to JS as `BigInt`.

mod natural;

pub use natural::Natural;

use crate::shortest::Tenths;

/// The largest n [`fib_naive`] accepts.
///
/// fib_naive(38) makes 78,176,337 calls: about 0.15–0.3 s natively (2 ns a call, more on a
/// busy machine), somewhat more in wasm — a pause the audience notices, which is the point
/// of the slide, but not a frozen page. Every further step multiplies the work by about
/// 1.6: n = 40 takes 0.2 billion calls, n = 50 would take 25 billion (about a minute).
pub const NAIVE_MAX_N: i64 = 38;

/// The largest n [`fib_dp`] accepts.
///
/// fib_dp(n) returns its whole table, n numbers of up to 0.7·n bits each, so the table grows
/// like n²: about 19 MB at n = 20,000. The limit keeps that bounded; the time is no concern
/// (n additions, a few milliseconds).
pub const DP_MAX_N: i64 = 20_000;

/// Result of the naive recursion.
#[derive(Clone, Debug, PartialEq)]
pub struct Naive {
    /// fib(n), 1-indexed (fib(1) = 0, fib(2) = 1).
    pub value: Natural,
    /// Number of calls the naive recursion made (18,454,929 for n = 35).
    pub calls: u64,
}

/// Result of the memoised version.
#[derive(Clone, Debug, PartialEq)]
pub struct Dynamic {
    /// fib(n), 1-indexed (fib(1) = 0, fib(2) = 1).
    pub value: Natural,
    /// The talk's `FibArray` after the call: [0, 1, 1, 2, …, fib(n)], max(n, 2) entries.
    pub table: Vec<Natural>,
}

/// The message both versions give for n ≤ 0; the talk prints "Incorrect input" too.
fn incorrect_input(n: i64) -> String {
    format!("Incorrect input: n = {n}, but Fibonacci numbers start at n = 1 (fib(1) = 0)")
}

/// Naive recursion, exactly the talk's `fibonacci_basic`, counting its calls.
///
/// Errors ("Incorrect input: …") for n ≤ 0, and for n > [`NAIVE_MAX_N`]: since the number
/// of calls is known in closed form ([`naive_calls`]), too large an n is refused before a
/// single call is made, with the number of calls it would have taken.
pub fn fib_naive(n: i64) -> Result<Naive, String> {
    if n <= 0 {
        return Err(incorrect_input(n));
    }
    if n > NAIVE_MAX_N {
        return Err(format!(
            "n = {n} would take {} calls; the naive demo is limited to n ≤ {NAIVE_MAX_N}",
            describe_calls(n)
        ));
    }
    let mut calls = 0;
    // fib(38) = 24,157,817 fits a u64 with room to spare, so the recursion itself works on
    // plain integers; only the result becomes a Natural.
    let value = naive(n as u32, &mut calls);
    Ok(Naive {
        value: Natural::from(value),
        calls,
    })
}

/// The talk's `fibonacci_basic`: two recursive calls per call, nothing remembered.
fn naive(n: u32, calls: &mut u64) -> u64 {
    *calls += 1;
    match n {
        1 => 0,
        2 => 1,
        _ => naive(n - 1, calls) + naive(n - 2, calls),
    }
}

/// How many calls the naive recursion makes for n, without making them.
///
/// calls(1) = calls(2) = 1 and calls(n) = 1 + calls(n − 1) + calls(n − 2), which solves to
/// calls(n) = 2·fib(n + 1) − 1 (1-indexed fib). `None` for n ≤ 0 (no valid input) or when
/// the count does not fit a u64 (n > 92).
pub fn naive_calls(n: i64) -> Option<u64> {
    if n <= 0 {
        return None;
    }
    // Walk (fib(k), fib(k + 1)) up to k = n; checked arithmetic reports the overflow.
    let (mut a, mut b): (u64, u64) = (0, 1);
    for _ in 1..n {
        let next = a.checked_add(b)?;
        a = b;
        b = next;
    }
    b.checked_mul(2)?.checked_sub(1)
}

/// The call count for an error message: exact with thousands separators when it fits a u64
/// (plus a rounded "about 3.1 trillion"), otherwise its order of magnitude.
fn describe_calls(n: i64) -> String {
    match naive_calls(n) {
        Some(calls) => format!("{} ({})", with_separators(calls), rounded(calls as f64)),
        None => {
            // calls(n) ≈ 2·φ^(n+1)/√5, so log10 calls ≈ (n + 1)·log10 φ + log10(2/√5).
            let phi = (1.0 + 5f64.sqrt()) / 2.0;
            let log10 = (n as f64 + 1.0) * phi.log10() + (2.0 / 5f64.sqrt()).log10();
            format!("about 10^{}", log10.floor() as i64)
        }
    }
}

/// 3096017511839 → "3,096,017,511,839".
fn with_separators(x: u64) -> String {
    let digits = x.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 3.096e12 → "about 3.1 trillion": the size a listener can picture.
fn rounded(x: f64) -> String {
    const NAMES: [(f64, &str); 5] = [
        (1e18, "quintillion"),
        (1e15, "quadrillion"),
        (1e12, "trillion"),
        (1e9, "billion"),
        (1e6, "million"),
    ];
    for (scale, name) in NAMES {
        if x >= scale {
            return format!("about {} {name}", Tenths((x / scale * 10.0).round() as u64));
        }
    }
    format!("about {}", x.round() as u64)
}

/// The talk's `FibArray` as a value: a table that starts as [0, 1] and that
/// [`FibTable::fib`] extends, each number computed once from the two before it.
///
/// In the talk the table is a global list that survives between calls (a second call is a
/// pure look-up); keep one `FibTable` alive to get the same behaviour. [`fib_dp`] uses a
/// fresh one per call, so its result does not depend on what was asked before.
#[derive(Clone, Debug, PartialEq)]
pub struct FibTable {
    /// `table[k]` is fib(k + 1), exactly like the talk's `FibArray[n-1]`.
    table: Vec<Natural>,
}

impl Default for FibTable {
    fn default() -> Self {
        Self::new()
    }
}

impl FibTable {
    /// The talk's starting table, `FibArray = [0, 1]`.
    pub fn new() -> Self {
        Self {
            table: vec![Natural::from(0), Natural::from(1)],
        }
    }

    /// fib(n), computing and appending whatever the table is missing.
    ///
    /// The talk's `fibonacci_dynamic(n)` returns `FibArray[n-1]` if the table already has it,
    /// else recurses to n − 1 and n − 2 and appends their sum. That recursion bottoms out at
    /// the end of the table and then appends fib(len + 1), fib(len + 2), …, fib(n) in order —
    /// so this loop appends the very same numbers in the very same order, without n nested
    /// calls (the recursion would overflow the stack long before n = 10,000).
    ///
    /// Errors ("Incorrect input: …") for n ≤ 0 (the talk checks `n < 0` only and so answers
    /// fib(0) with `FibArray[-1]`, the table's last entry; here 0 is rejected too), and for
    /// n > [`DP_MAX_N`].
    pub fn fib(&mut self, n: i64) -> Result<Natural, String> {
        if n <= 0 {
            return Err(incorrect_input(n));
        }
        if n > DP_MAX_N {
            return Err(format!(
                "n = {n} is too large: the table of the dynamic-programming demo is limited \
                 to n ≤ {}",
                with_separators(DP_MAX_N as u64)
            ));
        }
        let n = n as usize;
        self.table.reserve(n.saturating_sub(self.table.len()));
        while self.table.len() < n {
            let len = self.table.len();
            let next = &self.table[len - 1] + &self.table[len - 2];
            self.table.push(next);
        }
        Ok(self.table[n - 1].clone())
    }

    /// The table so far: [fib(1), fib(2), …].
    pub fn table(&self) -> &[Natural] {
        &self.table
    }

    /// Gives the table up, for returning it without a copy.
    pub fn into_table(self) -> Vec<Natural> {
        self.table
    }
}

/// Dynamic programming with the talk's table: fib(n) and `FibArray` afterwards.
///
/// Starts from a fresh `FibArray = [0, 1]` each call (see [`FibTable`] for one that
/// persists). Errors ("Incorrect input: …") for n ≤ 0 and for n > [`DP_MAX_N`].
pub fn fib_dp(n: i64) -> Result<Dynamic, String> {
    let mut memo = FibTable::new();
    let value = memo.fib(n)?;
    Ok(Dynamic {
        value,
        table: memo.into_table(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(v: u64) -> Natural {
        Natural::from(v)
    }

    #[test]
    fn naive_35_matches_the_talk() {
        let r = fib_naive(35).unwrap();
        assert_eq!(r.value, big(5_702_887));
        assert_eq!(r.calls, 18_454_929);
    }

    #[test]
    fn naive_small_values_and_calls() {
        let expect = [0u64, 1, 1, 2, 3, 5, 8, 13];
        let calls = [1u64, 1, 3, 5, 9, 15, 25, 41];
        for n in 1..=8 {
            let r = fib_naive(n).unwrap();
            assert_eq!(r.value, big(expect[n as usize - 1]), "n = {n}");
            assert_eq!(r.calls, calls[n as usize - 1], "n = {n}");
        }
    }

    #[test]
    fn closed_form_matches_counted_calls() {
        for n in 1..=25 {
            assert_eq!(naive_calls(n), Some(fib_naive(n).unwrap().calls), "n = {n}");
        }
        assert_eq!(naive_calls(35), Some(18_454_929));
        assert_eq!(naive_calls(0), None);
        assert_eq!(naive_calls(-3), None);
        // 2·fib(93) − 1 still fits a u64, 2·fib(94) − 1 does not.
        assert_eq!(naive_calls(92), Some(2 * 7_540_113_804_746_346_429 - 1));
        assert_eq!(naive_calls(93), None);
    }

    #[test]
    fn naive_at_the_limit_works() {
        let r = fib_naive(NAIVE_MAX_N).unwrap();
        assert_eq!(r.value, big(24_157_817));
        assert_eq!(r.calls, naive_calls(NAIVE_MAX_N).unwrap());
    }

    #[test]
    fn naive_refuses_large_n_up_front() {
        let e = fib_naive(NAIVE_MAX_N + 1).unwrap_err();
        assert!(e.contains("n ≤ 38"), "{e}");
        let e = fib_naive(60).unwrap_err();
        assert!(e.contains("3,096,017,511,839"), "{e}");
        assert!(e.contains("3.1 trillion"), "{e}");
        let e = fib_naive(i64::MAX).unwrap_err();
        assert!(e.contains("n ≤ 38"), "{e}");
    }

    #[test]
    fn dp_50_matches_the_talk_table() {
        let r = fib_dp(50).unwrap();
        assert_eq!(r.value, big(7_778_742_049));
        let talk: [u64; 50] = [
            0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181,
            6765, 10946, 17711, 28657, 46368, 75025, 121393, 196418, 317811, 514229, 832040,
            1346269, 2178309, 3524578, 5702887, 9227465, 14930352, 24157817, 39088169, 63245986,
            102334155, 165580141, 267914296, 433494437, 701408733, 1134903170, 1836311903,
            2971215073, 4807526976, 7778742049,
        ];
        let talk: Vec<Natural> = talk.iter().map(|&x| big(x)).collect();
        assert_eq!(r.table, talk);
    }

    #[test]
    fn dp_small_n_keeps_the_starting_table() {
        // The talk's list starts as [0, 1]; asking for fib(1) or fib(2) only looks it up.
        for n in [1, 2] {
            let r = fib_dp(n).unwrap();
            assert_eq!(r.value, big(n as u64 - 1));
            assert_eq!(r.table, vec![big(0), big(1)]);
        }
        assert_eq!(fib_dp(3).unwrap().table.len(), 3);
    }

    #[test]
    fn dp_is_exact_beyond_u64() {
        // 1-indexed fib(100) is the textbook F(99).
        assert_eq!(
            fib_dp(100).unwrap().value.to_string(),
            "218922995834555169026"
        );
        // fib(95) = F(94) is the first past 2^64.
        let r = fib_dp(95).unwrap();
        assert!(r.value > big(u64::MAX));
        assert_eq!(r.value.to_string(), "19740274219868223167");
        assert!(r.table[93] < big(u64::MAX));
    }

    #[test]
    fn dp_agrees_with_naive() {
        let dp = fib_dp(30).unwrap();
        for n in 1..=30 {
            assert_eq!(dp.table[n as usize - 1], fib_naive(n).unwrap().value);
        }
    }

    #[test]
    fn dp_10000_is_quick_and_right() {
        let r = fib_dp(10_000).unwrap();
        assert_eq!(r.table.len(), 10_000);
        // 1-indexed fib(10,000) = F(9,999) has 2,090 decimal digits.
        let s = r.value.to_string();
        assert_eq!(s.len(), 2090);
        // An independent check: the same recurrence modulo a prime, in plain u64s.
        let p = 1_000_000_007u64;
        let (mut a, mut b) = (0u64, 1u64);
        for _ in 1..10_000 {
            (a, b) = (b, (a + b) % p);
        }
        assert_eq!(r.value.rem_u64(p), a);
        assert_eq!(r.table[9_999], r.value);
    }

    #[test]
    fn dp_limit() {
        assert!(fib_dp(DP_MAX_N).is_ok());
        let e = fib_dp(DP_MAX_N + 1).unwrap_err();
        assert!(e.contains("n ≤ 20,000"), "{e}");
    }

    #[test]
    fn non_positive_n_is_incorrect_input() {
        for n in [0, -3, i64::MIN] {
            assert!(
                fib_naive(n).unwrap_err().contains("Incorrect input"),
                "naive {n}"
            );
            assert!(fib_dp(n).unwrap_err().contains("Incorrect input"), "dp {n}");
        }
    }

    #[test]
    fn a_kept_table_persists_like_the_talks_global() {
        let mut memo = FibTable::new();
        assert_eq!(memo.fib(10).unwrap(), big(34));
        assert_eq!(memo.table().len(), 10);
        // Asking for a smaller n is a look-up: the table does not shrink.
        assert_eq!(memo.fib(5).unwrap(), big(3));
        assert_eq!(memo.table().len(), 10);
    }
}
