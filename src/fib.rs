//! Fibonacci, as the talk runs it (1-indexed: fib(1) = 0, fib(2) = 1). (STUB: contract only.)
use num_bigint::BigUint;

/// Result of the naive recursion.
#[derive(Clone, Debug, PartialEq)]
pub struct Naive {
    pub value: BigUint,
    /// Number of calls the naive recursion made (18,454,929 for n = 35).
    pub calls: u64,
}

/// Result of the memoised version.
#[derive(Clone, Debug, PartialEq)]
pub struct Dynamic {
    pub value: BigUint,
    /// The talk's `FibArray` after the call.
    pub table: Vec<BigUint>,
}

/// Naive recursion. Errors ("Incorrect input: …") for n <= 0 and above a stated limit.
pub fn fib_naive(_n: i64) -> Result<Naive, String> {
    todo!()
}

/// Dynamic programming with the talk's table. Errors for n <= 0 and above a stated limit.
pub fn fib_dp(_n: i64) -> Result<Dynamic, String> {
    todo!()
}
