//! Placeholder replaced by the frame benchmark.
fn main() {}
