//! RON and JSON import on arbitrary text: refused with a position or accepted, never a panic
//! or a stack overflow.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    truceline::fuzzing::check_import(data);
});
