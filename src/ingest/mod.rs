//! The only module that reads article files: walk a folder, decode each file, parse it into a
//! [`Source`] (sentences, title, outlet; boilerplate removed).
//!
//! Loading never fails as a whole because of one file: unreadable, binary or oversized files
//! are listed in `skipped` with their reason while the rest loads. Progress is reported and
//! cancellation honoured between files.

mod article;
mod decode;
mod segment;
mod walk;

pub use article::{Line, LineClass, classify_lines, cut, parse_article};
pub use decode::{DecodeError, decode};
pub use segment::sentences;
pub use walk::MAX_FILE_BYTES;

use crate::assets::assets;
use crate::model::{Skipped, Source};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Shared between the loader thread and the UI: how far the load is, and whether to stop.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    pub cancel: AtomicBool,
}

/// What a folder gave: the parsed sources (sorted by id) and the files that were skipped.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub sources: Vec<Source>,
    pub skipped: Vec<Skipped>,
}

/// Reads every file under `root`. Returns `None` if cancelled.
pub fn load_folder(root: &Path, progress: &Progress) -> Option<LoadReport> {
    let (files, mut skipped) = walk::walk(root);
    progress.total.store(files.len(), Ordering::Relaxed);
    let mut sources = Vec::with_capacity(files.len());
    for file in files {
        if progress.cancel.load(Ordering::Relaxed) {
            return None;
        }
        match std::fs::read(&file.path) {
            Ok(bytes) => match parse_file(&file.id, &bytes) {
                Ok(source) => sources.push(source),
                Err(reason) => skipped.push(Skipped {
                    path: file.id,
                    reason,
                }),
            },
            Err(e) => skipped.push(Skipped {
                path: file.id,
                reason: format!("cannot read: {e}"),
            }),
        }
        progress.done.fetch_add(1, Ordering::Relaxed);
    }
    Some(LoadReport { sources, skipped })
}

/// Parses files already in memory (the bundled samples), in the order given.
pub fn load_bytes(files: &[(&str, &[u8])]) -> LoadReport {
    let mut report = LoadReport::default();
    for (id, bytes) in files {
        match parse_file(id, bytes) {
            Ok(source) => report.sources.push(source),
            Err(reason) => report.skipped.push(Skipped {
                path: (*id).to_owned(),
                reason,
            }),
        }
    }
    report
}

fn parse_file(id: &str, bytes: &[u8]) -> Result<Source, String> {
    let text = decode(bytes).map_err(|e| e.to_string())?;
    let source = parse_article(id, &text, assets());
    if source.sentences.is_empty() {
        return Err("no article text (only page furniture)".to_owned());
    }
    Ok(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_files_are_skipped_with_reasons_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "The truce held on Monday.").unwrap();
        std::fs::write(dir.path().join("a.png"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
        std::fs::write(dir.path().join("empty.txt"), "  \n").unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/config"), "hidden").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/c.txt"), "Shelling resumed on Tuesday.").unwrap();
        let report = load_folder(dir.path(), &Progress::default()).unwrap();
        let ids: Vec<&str> = report.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["b.txt", "sub/c.txt"]);
        let skipped: Vec<(&str, &str)> = report
            .skipped
            .iter()
            .map(|s| (s.path.as_str(), s.reason.as_str()))
            .collect();
        assert_eq!(
            skipped,
            vec![
                ("a.png", "binary file (contains NUL or control bytes)"),
                ("empty.txt", "empty file")
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_survived() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "A truce began.").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let report = load_folder(dir.path(), &Progress::default()).unwrap();
        assert_eq!(report.sources.len(), 1);
    }

    #[test]
    fn cancel_stops_the_load() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "A truce began.").unwrap();
        let progress = Progress::default();
        progress.cancel.store(true, Ordering::Relaxed);
        assert!(load_folder(dir.path(), &progress).is_none());
    }
}
