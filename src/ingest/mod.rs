//! The only module that reads article files: walk a folder, decode each file, parse it into a
//! [`Source`] (sentences, title, outlet; boilerplate removed).
//!
//! Loading never fails as a whole because of one file: unreadable, binary or oversized files
//! are listed in `skipped` with their reason while the rest loads. Progress is reported and
//! cancellation honoured between files.

mod article;
mod decode;
mod html;
mod metadata;
mod readahead;
mod segment;
mod walk;

pub use article::{Line, LineClass, classify_lines, cut, parse_article};
pub use decode::{DecodeError, Decoded, decode};
pub use metadata::{Metadata, dates_in_name, parse_date};
pub use segment::sentences;
pub use walk::MAX_FILE_BYTES;

use crate::assets::assets;
use crate::model::{Skipped, Source, Warning};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

/// Shared between the loader thread and the UI: how far the load is, and whether to stop.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files read so far, of `total`.
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    /// Bytes read so far, of `bytes_total`.
    pub bytes_done: AtomicU64,
    pub bytes_total: AtomicU64,
    pub cancel: AtomicBool,
    /// Once the files are read: how far finding dates and events is.
    pub extract: crate::extract::ExtractProgress,
}

/// What a folder gave: the parsed sources (sorted by id), the files that were skipped, and
/// warnings about files that loaded.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub sources: Vec<Source>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<Warning>,
}

/// One file's outcome: its source and a warning worth showing, or why it was skipped.
pub type FileResult = Result<(Source, Option<String>), String>;

/// How a file is read, from its name (and, for names without an extension, its first bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    Text,
    Markdown,
    Html,
}

impl FileFormat {
    pub fn of(id: &str, text: &str) -> FileFormat {
        let ext = id
            .rsplit_once('.')
            .filter(|(_, e)| !e.contains('/'))
            .map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("html" | "htm" | "xhtml") => FileFormat::Html,
            Some("md" | "markdown") => FileFormat::Markdown,
            _ => {
                let head = text
                    .trim_start()
                    .get(..15)
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if head.starts_with("<!doctype html") || head.starts_with("<html") {
                    FileFormat::Html
                } else {
                    FileFormat::Text
                }
            }
        }
    }
}

/// Reads every file under `root`, in parallel. Returns `None` if cancelled.
///
/// The parsing threads take the files in order, one at a time, so that the read-ahead
/// window (`readahead`) runs just ahead of all of them; the results are then put back in
/// the walk's order.
pub fn load_folder(root: &Path, progress: &Progress) -> Option<LoadReport> {
    let (files, mut skipped) = walk::walk(root);
    progress.total.store(files.len(), Ordering::Relaxed);
    progress
        .bytes_total
        .store(files.iter().map(|f| f.bytes).sum(), Ordering::Relaxed);
    let ahead = readahead::ReadAhead::new(&files);
    let next = AtomicUsize::new(0);
    let per_thread: Vec<Vec<(usize, FileResult)>> = rayon::broadcast(|_| {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(file) = files.get(i) else {
                return mine;
            };
            if progress.cancel.load(Ordering::Relaxed) {
                return mine;
            }
            ahead.advance(i);
            let result = read_capped(&file.path).and_then(|bytes| parse_file(&file.id, &bytes));
            progress.done.fetch_add(1, Ordering::Relaxed);
            progress.bytes_done.fetch_add(file.bytes, Ordering::Relaxed);
            mine.push((i, result));
        }
    });
    if progress.cancel.load(Ordering::Relaxed) {
        return None;
    }
    // Not cancelled: every file was taken once, so in order the results match the files.
    let mut results: Vec<(usize, FileResult)> = per_thread.into_iter().flatten().collect();
    results.sort_unstable_by_key(|&(i, _)| i);
    let mut report = collect(
        files
            .iter()
            .zip(results)
            .map(|(file, (_, result))| (file.id.clone(), result)),
    );
    skipped.append(&mut report.skipped);
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    report.skipped = skipped;
    Some(report)
}

/// Reads a file, but never more than [`MAX_FILE_BYTES`]: a file that grew after the walk
/// measured it is refused like any other oversized file.
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    // Sized by the file's length (one more byte to see that it ended), so that reading it is
    // one copy, not a doubling buffer's several.
    let hint = file
        .metadata()
        .map_or(0, |m| m.len().min(MAX_FILE_BYTES) as usize);
    let mut bytes = Vec::with_capacity(hint.saturating_add(1));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "file too large (over {} MiB, the limit)",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Parses files already in memory (the bundled samples), in the order given.
pub fn load_bytes(files: &[(&str, &[u8])]) -> LoadReport {
    collect(
        files
            .iter()
            .map(|(id, bytes)| ((*id).to_owned(), parse_file(id, bytes))),
    )
}

fn collect(results: impl IntoIterator<Item = (String, FileResult)>) -> LoadReport {
    let mut report = LoadReport::default();
    for (path, result) in results {
        match result {
            Ok((source, warning)) => {
                if let Some(message) = warning {
                    report.warnings.push(Warning {
                        path: path.clone(),
                        message,
                    });
                }
                report.sources.push(source);
            }
            Err(reason) => report.skipped.push(Skipped { path, reason }),
        }
    }
    report
}

/// One file's bytes to a source, and a warning worth showing, or the reason it is skipped.
/// A bug that panics on some file's bytes skips that file, not the whole load.
pub fn parse_file(id: &str, bytes: &[u8]) -> FileResult {
    std::panic::catch_unwind(|| parse_file_inner(id, bytes)).unwrap_or_else(|_| {
        Err("internal error while reading this file (please report it)".to_owned())
    })
}

fn parse_file_inner(id: &str, bytes: &[u8]) -> FileResult {
    let decoded = decode(bytes).map_err(|e| e.to_string())?;
    let warning = decoded
        .guessed
        .then(|| format!("not UTF-8: decoded as {} (guessed)", decoded.encoding));
    let (text, mut meta) = match FileFormat::of(id, &decoded.text) {
        FileFormat::Html => html::extract(&decoded.text),
        FileFormat::Text | FileFormat::Markdown => (decoded.text, Metadata::default()),
    };
    meta.merge(metadata::read_header(&text));
    meta.merge(metadata::published_lines(&text));
    meta.merge(metadata::dateline(&text));
    if let Some(url) = meta.url.clone() {
        meta.dates.extend(dates_in_name(&url, "URL"));
    }
    meta.dates.extend(dates_in_name(id, "file name"));
    let mut source = parse_article(id, &text, &meta, assets());
    if source.sentences.is_empty() {
        return Err("no article text (only page furniture)".to_owned());
    }
    // Stated dates before suggested ones, each kind in the order found.
    meta.dates.sort_by_key(|e| !e.stated);
    source.date_evidence = meta.dates;
    source.encoding = if decoded.guessed {
        format!("{} (guessed)", decoded.encoding)
    } else {
        decoded.encoding.to_owned()
    };
    source.hash = Some(content_hash(bytes));
    Ok((source, warning))
}

/// The content hash a source carries: `sha256:` and the SHA-256 of the raw bytes in lower-case
/// hex (what `sha256sum` prints), so that anyone can check a file against an export.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    format!("sha256:{:x}", sha2::Sha256::digest(bytes))
}

/// The content hash of the file at `path`, read as the loader reads files (regular files
/// only, at most [`MAX_FILE_BYTES`]).
pub fn hash_file(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "missing".to_owned(),
        _ => format!("cannot read: {e}"),
    })?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    read_capped(path).map(|bytes| content_hash(&bytes))
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
        let progress = Progress::default();
        let report = load_folder(dir.path(), &progress).unwrap();
        let ids: Vec<&str> = report.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["b.txt", "sub/c.txt"]);
        assert_eq!(progress.done.load(Ordering::Relaxed), 4);
        assert_eq!(
            progress.bytes_done.load(Ordering::Relaxed),
            progress.bytes_total.load(Ordering::Relaxed)
        );
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
    fn sources_carry_the_sha256_of_their_raw_bytes() {
        // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assert_eq!(
            content_hash(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let dir = tempfile::tempdir().unwrap();
        let bytes = "The truce held on Monday.\r\n".as_bytes();
        std::fs::write(dir.path().join("a.txt"), bytes).unwrap();
        let report = load_folder(dir.path(), &Progress::default()).unwrap();
        assert_eq!(report.sources[0].hash, Some(content_hash(bytes)));
        assert_eq!(
            hash_file(&dir.path().join("a.txt")),
            Ok(content_hash(bytes))
        );
        assert_eq!(
            hash_file(&dir.path().join("b.txt")),
            Err("missing".to_owned())
        );
        assert!(hash_file(dir.path()).is_err());
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
