//! Replays every input the fuzzers in `fuzz/` found (and a few seeds) through the same checks
//! the fuzz targets run, so a fixed crash stays fixed without a fuzzer or nightly Rust.

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read(e.path()).unwrap_or_default())
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn loader_regressions() {
    let all = inputs("loader");
    assert!(
        !all.is_empty(),
        "fuzz/regressions/loader holds the seeds at least"
    );
    for (name, data) in all {
        eprintln!("loader: {name}");
        truceline::fuzzing::check_loader(&data);
    }
}

#[test]
fn timex_regressions() {
    let all = inputs("timex");
    assert!(!all.is_empty());
    for (name, data) in all {
        eprintln!("timex: {name}");
        truceline::fuzzing::check_timex(&data);
    }
}

#[test]
fn import_regressions() {
    let all = inputs("import");
    assert!(!all.is_empty());
    for (name, data) in all {
        eprintln!("import: {name}");
        truceline::fuzzing::check_import(&data);
    }
}
