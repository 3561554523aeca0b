//! Entry points that turn what the user opened into a [`Timeline`]: a folder of reports, a
//! previously exported `.ron`/`.json` timeline, or the sample reports bundled in the binary.
//!
//! This is the seam between the I/O shell (ingest, export) and the pure core (extract); the
//! GUI's loader thread and the CLI both call it.

use crate::export::{self, ImportError};
use crate::extract;
use crate::ingest;
use crate::model::Timeline;
use std::path::{Path, PathBuf};

pub use crate::ingest::Progress;

/// Why nothing could be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The user cancelled the load
    #[error("loading cancelled")]
    Cancelled,
    /// The path does not exist or cannot be inspected
    #[error("cannot open {path}: {source}")]
    Missing {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A folder in which no file could be read as an article
    #[error("no readable reports in {path} ({skipped} files skipped)")]
    NoReports { path: PathBuf, skipped: usize },
    /// A file that is neither a folder nor a timeline export
    #[error("not a folder or a .ron/.json timeline: {0}")]
    NotATimeline(PathBuf),
    /// A timeline export that could not be read
    #[error(transparent)]
    Import(#[from] ImportError),
}

/// Opens a folder of reports or an exported timeline. Skipped files are in `skipped`.
pub fn open_path(path: &Path, progress: &Progress) -> Result<Timeline, OpenError> {
    let meta = std::fs::metadata(path).map_err(|source| OpenError::Missing {
        path: path.to_owned(),
        source,
    })?;
    if meta.is_dir() {
        let report = ingest::load_folder(path, progress).ok_or(OpenError::Cancelled)?;
        if report.sources.is_empty() {
            return Err(OpenError::NoReports {
                path: path.to_owned(),
                skipped: report.skipped.len(),
            });
        }
        let mut timeline = extract::extract(path.display().to_string(), report.sources);
        timeline.skipped = report.skipped;
        timeline.warnings = report.warnings;
        return Ok(timeline);
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("ron") | Some("json") => Ok(export::read_file(path)?),
        _ => Err(OpenError::NotATimeline(path.to_owned())),
    }
}

/// The sample reports embedded in the binary (a copy of `seeds/`).
pub fn open_bundled_seeds() -> Timeline {
    let report = ingest::load_bytes(BUNDLED_SEEDS);
    let mut timeline = extract::extract("bundled samples".to_owned(), report.sources);
    timeline.skipped = report.skipped;
    timeline.warnings = report.warnings;
    timeline
}

include!(concat!(env!("OUT_DIR"), "/bundled_seeds.rs"));
