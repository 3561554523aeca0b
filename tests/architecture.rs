//! The architecture map in `src/lib.rs` as checks: the core (model, extract) does no I/O and
//! knows no GUI; only the app module touches egui; only ingest and export touch files.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Source files under `src/<module>` that mention any of `needles` outside comments.
fn offenders(module: &str, needles: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(module);
    let mut files = Vec::new();
    if root.is_dir() {
        rust_files(&root, &mut files);
    } else {
        files.push(root.with_extension("rs"));
    }
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if needles.iter().any(|needle| code.contains(needle)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_scan_sees_real_uses() {
    // Ingest reads files and the app draws with egui: the scan must find both.
    assert!(!offenders("ingest", &["std::fs"]).is_empty());
    assert!(!offenders("app", &["egui"]).is_empty());
}

#[test]
fn the_core_does_no_io_and_knows_no_gui() {
    for module in ["model", "extract"] {
        let bad = offenders(
            module,
            &["std::fs", "egui", "eframe", "rfd::", "File::open"],
        );
        assert!(
            bad.is_empty(),
            "{module} must stay pure:\n{}",
            bad.join("\n")
        );
    }
}

#[test]
fn only_the_app_touches_egui() {
    for module in [
        "model", "extract", "ingest", "export", "pipeline", "assets", "cli",
    ] {
        let bad = offenders(module, &["egui", "eframe", "rfd::"]);
        assert!(
            bad.is_empty(),
            "{module} must not touch the GUI:\n{}",
            bad.join("\n")
        );
    }
}

#[test]
fn only_ingest_and_export_read_or_write_files() {
    for module in ["model", "extract", "app", "assets"] {
        let bad = offenders(
            module,
            &["std::fs::", "fs::read", "fs::write", "File::create"],
        );
        assert!(
            bad.is_empty(),
            "{module} must leave files to ingest/export:\n{}",
            bad.join("\n")
        );
    }
}

#[test]
fn only_the_memory_module_holds_unsafe_code() {
    // `unsafe_code` is denied crate-wide; `src/memory.rs` allows it for one allocator call.
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut bad = Vec::new();
    let mut seen = false;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let is_memory = file.ends_with("src/memory.rs");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("unsafe") {
                if is_memory {
                    seen = true;
                } else {
                    bad.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(seen, "the scan must see memory.rs's own unsafe block");
    assert!(
        bad.is_empty(),
        "unsafe code outside src/memory.rs:\n{}",
        bad.join("\n")
    );
}
