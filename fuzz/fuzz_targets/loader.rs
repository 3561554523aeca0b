//! The loader and extraction on arbitrary bytes: whatever a file holds, loading returns a
//! source or a reason, and extraction a timeline, without an internal error (the loader and
//! extraction catch panics per file and report them; here such a report is a crash).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    truceline::fuzzing::check_loader(data);
});
