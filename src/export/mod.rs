//! The only module besides ingest that touches files: writes timelines as RON or JSON
//! (atomically), and reads them back.
//!
//! Invariants: a written file is complete or absent (temporary file in the target folder,
//! fsync, rename), never half-written; reading a file either gives a timeline that exports
//! back to the same bytes, or an error with the path, line and column.

mod convert;
mod wire;

pub use convert::{Selection, from_file, to_file};
pub use wire::{FORMAT, TimelineFile};

use crate::model::Timeline;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The two export encodings. RON is the default: readable, diffable, and the app's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Ron,
    Json,
}

impl Format {
    /// The encoding a file name asks for: `.json` is JSON, anything else RON.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Ron,
        }
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The encoder refused the data (should not happen with our own types)
    #[error("cannot encode the timeline: {0}")]
    Encode(String),
    /// The destination folder is missing, read-only or full
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Why a timeline file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read at all
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not well-formed RON or JSON, or not of the expected shape
    #[error("malformed {format} at line {line}, column {column}: {message}: {path}")]
    Syntax {
        format: &'static str,
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Well-formed, but the content does not make a timeline
    #[error("invalid timeline ({message}): {path}")]
    Invalid { path: PathBuf, message: String },
}

/// Encodes the selected part of a timeline.
pub fn to_string(
    timeline: &Timeline,
    selection: &Selection,
    format: Format,
) -> Result<String, ExportError> {
    let file = to_file(timeline, selection);
    match format {
        Format::Ron => {
            let config = ron::ser::PrettyConfig::new().struct_names(false);
            ron::ser::to_string_pretty(&file, config)
                .map(|mut s| {
                    s.push('\n');
                    s
                })
                .map_err(|e| ExportError::Encode(e.to_string()))
        }
        Format::Json => serde_json::to_string_pretty(&file)
            .map(|mut s| {
                s.push('\n');
                s
            })
            .map_err(|e| ExportError::Encode(e.to_string())),
    }
}

/// Writes the selected part of a timeline to `path`, atomically.
pub fn write_file(
    timeline: &Timeline,
    selection: &Selection,
    format: Format,
    path: &Path,
) -> Result<(), ExportError> {
    let text = to_string(timeline, selection, format)?;
    write_atomic(path, text.as_bytes())
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, then renames it over
/// `path`: readers see the old file or the new one, never a mix; on error the old file stays.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let err = |source| ExportError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".truceline-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Reads a timeline export; `.json` files as JSON, everything else as RON.
pub fn read_file(path: &Path) -> Result<Timeline, ImportError> {
    let text = std::fs::read_to_string(path).map_err(|source| ImportError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_str(&text, Format::from_path(path), path)
}

/// Parses a timeline export held in memory; `path` is only for messages.
pub fn parse_str(text: &str, format: Format, path: &Path) -> Result<Timeline, ImportError> {
    let file: TimelineFile = match format {
        Format::Ron => ron::from_str(text).map_err(|e| ImportError::Syntax {
            format: "RON",
            path: path.to_owned(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?,
        Format::Json => serde_json::from_str(text).map_err(|e| ImportError::Syntax {
            format: "JSON",
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?,
    };
    from_file(file).map_err(|message| ImportError::Invalid {
        path: path.to_owned(),
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Timeline {
        crate::pipeline::open_bundled_seeds()
    }

    #[test]
    fn ron_round_trip_is_exact() {
        let timeline = sample();
        assert!(!timeline.events.is_empty());
        let all = Selection::default();
        let ron1 = to_string(&timeline, &all, Format::Ron).unwrap();
        let back = parse_str(&ron1, Format::Ron, Path::new("t.ron")).unwrap();
        assert_eq!(to_string(&back, &all, Format::Ron).unwrap(), ron1);
        assert_eq!(
            to_string(&back, &all, Format::Json).unwrap(),
            to_string(&timeline, &all, Format::Json).unwrap()
        );
        assert_eq!(back.events.len(), timeline.events.len());
    }

    #[test]
    fn malformed_ron_is_refused_with_line_and_column() {
        let text = "(\n  format: \"truceline/1\",\n  sources: [oops],\n  events: [],\n)";
        let err = parse_str(text, Format::Ron, Path::new("bad.ron")).unwrap_err();
        match &err {
            ImportError::Syntax { line, column, .. } => {
                assert_eq!(*line, 3);
                assert!(*column > 1);
            }
            other => panic!("wrong error {other:?}"),
        }
        assert!(err.to_string().ends_with("bad.ron"), "{err}");
    }

    #[test]
    fn newer_format_versions_are_refused() {
        let text = "(format: \"truceline/2\", sources: [], events: [])";
        let err = parse_str(text, Format::Ron, Path::new("new.ron")).unwrap_err();
        assert!(
            err.to_string().contains("newer than this program reads"),
            "{err}"
        );
    }

    #[test]
    fn absurd_spans_and_unknown_sources_are_refused() {
        let timeline = sample();
        let mut file = to_file(&timeline, &Selection::default());
        file.events[0].mentions[0].span = [5, 1usize << 40];
        assert!(
            from_file(file.clone())
                .unwrap_err()
                .contains("out of range")
        );
        file.events[0].mentions[0].source = "nope.txt".into();
        assert!(from_file(file).unwrap_err().contains("unknown source"));
    }

    #[test]
    fn selection_filters_events_by_time_source_and_id() {
        let timeline = sample();
        let first = timeline.events[0].clone();
        let only_first = Selection {
            events: Some([first.id.clone()].into()),
            ..Selection::default()
        };
        let file = to_file(&timeline, &only_first);
        assert_eq!(file.events.len(), 1);
        assert_eq!(file.sources.len(), timeline.sources.len());

        let day = first.time.first_day();
        let range = Selection {
            from: Some(day),
            to: Some(day),
            ..Selection::default()
        };
        for e in to_file(&timeline, &range).events {
            let t = crate::model::TimeSpan::from_iso(
                &e.time.start,
                &e.time.end,
                crate::model::Granularity::Day,
            )
            .unwrap();
            assert!(t.first_day() <= day && day <= t.last_day());
        }

        let source = timeline.sources[0].id.clone();
        let one_source = Selection {
            sources: Some([source.clone()].into()),
            ..Selection::default()
        };
        let file = to_file(&timeline, &one_source);
        assert_eq!(file.sources.len(), 1);
        assert!(
            file.events
                .iter()
                .all(|e| e.mentions.iter().all(|m| m.source == source))
        );
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ron");
        std::fs::write(&path, "old").unwrap();
        write_file(&sample(), &Selection::default(), Format::Ron, &path).unwrap();
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("truceline/1")
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no/such/dir/out.ron");
        let err = write_file(&sample(), &Selection::default(), Format::Ron, &missing).unwrap_err();
        assert!(err.to_string().starts_with("cannot write"), "{err}");
    }
}
