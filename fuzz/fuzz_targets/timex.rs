//! The time tagger on arbitrary text and reference dates: no panic, spans inside the input
//! on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    truceline::fuzzing::check_timex(data);
});
