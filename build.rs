//! Embeds the sample reports in `seeds/` so that an installed binary can show them.

use std::fmt::Write as _;

fn main() {
    println!("cargo::rerun-if-changed=seeds");
    let mut names: Vec<String> = std::fs::read_dir("seeds")
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// The bundled sample reports: (file name, bytes), sorted by name.\npub const BUNDLED_SEEDS: &[(&str, &[u8])] = &[\n",
    );
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    for name in names {
        let _ = writeln!(
            code,
            "    ({name:?}, include_bytes!({:?})),",
            format!("{root}/seeds/{name}")
        );
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    if let Err(e) = std::fs::write(format!("{out}/bundled_seeds.rs"), code) {
        println!("cargo::warning=cannot write bundled_seeds.rs: {e}");
    }
}
