//! Finding the article files in a folder: recursive, sorted, hidden entries skipped, symlink
//! loops survived, oversized and unreadable files reported rather than fatal.

use crate::model::Skipped;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Files larger than this are skipped with a message: no news article is 16 MiB of text, and
/// reading one would stall the load.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A file to read: its absolute path and its id (path relative to the root, `/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    pub path: PathBuf,
    pub id: String,
    pub bytes: u64,
}

/// Lists the candidate files under `root` in a deterministic order (sorted by id).
pub fn walk(root: &Path) -> (Vec<FoundFile>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    visit(root, root, &mut seen_dirs, &mut files, &mut skipped);
    files.sort_by(|a, b| a.id.cmp(&b.id));
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    (files, skipped)
}

fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn visit(
    root: &Path,
    dir: &Path,
    seen_dirs: &mut BTreeSet<PathBuf>,
    files: &mut Vec<FoundFile>,
    skipped: &mut Vec<Skipped>,
) {
    // Canonical paths detect symlink loops: a directory reached twice is not read again.
    match dir.canonicalize() {
        Ok(canonical) => {
            if !seen_dirs.insert(canonical) {
                return;
            }
        }
        Err(e) => {
            skipped.push(Skipped {
                path: relative_id(root, dir),
                reason: format!("cannot open folder: {e}"),
            });
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            skipped.push(Skipped {
                path: relative_id(root, dir),
                reason: format!("cannot list folder: {e}"),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let id = relative_id(root, &path);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => visit(root, &path, seen_dirs, files, skipped),
            Ok(meta) if meta.len() > MAX_FILE_BYTES => skipped.push(Skipped {
                path: id,
                reason: format!(
                    "file too large ({} MiB; the limit is {} MiB)",
                    meta.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            }),
            Ok(meta) if meta.is_file() => files.push(FoundFile {
                path,
                id,
                bytes: meta.len(),
            }),
            Ok(_) => skipped.push(Skipped {
                path: id,
                reason: "not a regular file".to_owned(),
            }),
            Err(e) => skipped.push(Skipped {
                path: id,
                reason: format!("cannot read: {e}"),
            }),
        }
    }
}
