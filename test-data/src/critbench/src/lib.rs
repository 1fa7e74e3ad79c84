//! critbench: a tiny Criterion.rs benchmark for profkit's fixtures
//! (test-data/make-fixtures.sh builds it with Debian's crates, offline).

/// Recursive Fibonacci, the Criterion.rs book's example.
pub fn fibonacci(n: u64) -> u64 {
    match n {
        0 | 1 => 1,
        n => fibonacci(n - 1) + fibonacci(n - 2),
    }
}
