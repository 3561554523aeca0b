//! What the bench binaries share: the corpus generator's deterministic random generator
//! (SplitMix64) and month names, so that every run measures the same generated text without
//! a dependency.

#[allow(dead_code, reason = "each bench binary uses part of it")]
#[path = "../../src/bin/gencorpus/common.rs"]
mod shared;

#[allow(unused_imports, reason = "each bench binary uses part of it")]
pub use shared::{MONTHS, Rng};
