//! The only module besides ingest that touches files: writes timelines as RON or JSON
//! (atomically), and reads them back, with the user's corrections and view ([`Extras`]).
//!
//! Invariants: a written file is complete or absent (temporary file in the target folder,
//! fsync, rename), never half-written; reading a file either gives a timeline that exports
//! back to the same bytes, or an error with the path, line and column.

mod convert;
mod wire;

pub use convert::{
    Extras, Grouping, Selection, View, corrections_from_record, edit_from_record, edit_record,
    from_file, from_file_with, to_file, to_file_with,
};
pub use wire::{CorrectionsRecord, EditRecord, FORMAT, MentionKeyRecord, TimelineFile};

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
    /// The destination folder is missing or full
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The destination folder does not let us create files (read-only, or no permission)
    #[error("cannot write, the folder is not writable (read-only or no permission): {path}")]
    NotWritable {
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
    to_string_with(timeline, selection, &Extras::default(), format)
}

/// Encodes the selected part of a timeline with the user's corrections and view.
pub fn to_string_with(
    timeline: &Timeline,
    selection: &Selection,
    extras: &Extras,
    format: Format,
) -> Result<String, ExportError> {
    let file = to_file_with(timeline, selection, extras);
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
    write_file_with(timeline, selection, &Extras::default(), format, path)
}

/// Writes the selected part of a timeline with the user's corrections and view, atomically.
pub fn write_file_with(
    timeline: &Timeline,
    selection: &Selection,
    extras: &Extras,
    format: Format,
    path: &Path,
) -> Result<(), ExportError> {
    let text = to_string_with(timeline, selection, extras, format)?;
    write_atomic(path, text.as_bytes())
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, then renames it over
/// `path`: readers see the old file or the new one, never a mix; on error the old file stays.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let err = |source| write_error(path, source);
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

/// The error for a failed write of `path`: a folder that refuses new files is named as such.
fn write_error(path: &Path, source: std::io::Error) -> ExportError {
    match source.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            ExportError::NotWritable {
                path: path.to_owned(),
                source,
            }
        }
        _ => ExportError::Write {
            path: path.to_owned(),
            source,
        },
    }
}

/// Reads a timeline export; `.json` files as JSON, everything else as RON.
pub fn read_file(path: &Path) -> Result<Timeline, ImportError> {
    read_file_with(path).map(|(timeline, _)| timeline)
}

/// Reads a timeline export with the corrections and view it carries.
pub fn read_file_with(path: &Path) -> Result<(Timeline, Extras), ImportError> {
    let text = std::fs::read_to_string(path).map_err(|source| ImportError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_str_with(&text, Format::from_path(path), path)
}

/// Parses a timeline export held in memory; `path` is only for messages.
pub fn parse_str(text: &str, format: Format, path: &Path) -> Result<Timeline, ImportError> {
    parse_str_with(text, format, path).map(|(timeline, _)| timeline)
}

/// Parses a timeline export held in memory, with its corrections and view.
pub fn parse_str_with(
    text: &str,
    format: Format,
    path: &Path,
) -> Result<(Timeline, Extras), ImportError> {
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
    from_file_with(file).map_err(|message| ImportError::Invalid {
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

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_named_and_its_file_kept() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ron");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root writes anywhere: there the folder is not read-only to us, and nothing to test.
        let enforced = std::fs::File::create(dir.path().join("probe")).is_err();
        let result = write_file(&sample(), &Selection::default(), Format::Ron, &path);
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        if !enforced {
            return;
        }
        let err = result.unwrap_err();
        assert!(matches!(err, ExportError::NotWritable { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.contains("not writable"), "{message}");
        assert!(message.ends_with(&path.display().to_string()), "{message}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn refused_permission_reads_as_not_writable() {
        let path = Path::new("/srv/shared/out.ron");
        for kind in [
            std::io::ErrorKind::PermissionDenied,
            std::io::ErrorKind::ReadOnlyFilesystem,
        ] {
            let message = write_error(path, kind.into()).to_string();
            assert_eq!(
                message,
                "cannot write, the folder is not writable (read-only or no permission): /srv/shared/out.ron"
            );
        }
        let other = write_error(path, std::io::ErrorKind::StorageFull.into()).to_string();
        assert!(
            other.starts_with("cannot write /srv/shared/out.ron"),
            "{other}"
        );
    }

    #[test]
    fn corrections_and_view_travel_and_come_back() {
        let timeline = sample();
        let first = timeline
            .mention_key(timeline.events[0].mentions[0])
            .unwrap();
        let extras = Extras {
            corrections: crate::model::Corrections {
                dates: [(
                    timeline.sources[0].id.clone(),
                    chrono::NaiveDate::from_ymd_opt(2020, 11, 1).unwrap(),
                )]
                .into(),
                edits: vec![crate::model::Edit::Rename {
                    mention: first,
                    label: timeline.events[0].label.clone(),
                }],
            },
            view: Some(View {
                from: chrono::NaiveDate::from_ymd_opt(2020, 10, 1)
                    .and_then(|d| d.and_hms_opt(6, 30, 0)),
                to: chrono::NaiveDate::from_ymd_opt(2020, 10, 20)
                    .and_then(|d| d.and_hms_opt(0, 0, 0)),
                lane_order: timeline
                    .sources
                    .iter()
                    .rev()
                    .map(|s| s.id.clone())
                    .collect(),
                grouping: Grouping::Claimant,
                hidden_sources: vec![timeline.sources[1].id.clone()],
            }),
        };
        for format in [Format::Ron, Format::Json] {
            let text = to_string_with(&timeline, &Selection::default(), &extras, format).unwrap();
            let (back, back_extras) = parse_str_with(&text, format, Path::new("x")).unwrap();
            assert_eq!(back_extras, extras);
            assert_eq!(
                to_string_with(&back, &Selection::default(), &back_extras, format).unwrap(),
                text
            );
        }
        let file = to_file_with(&timeline, &Selection::default(), &extras);
        assert_eq!(file.events[0].corrected, vec!["label".to_owned()]);
        assert!(file.events[1..].iter().all(|e| e.corrected.is_empty()));
        // A selection of one source keeps only what concerns it.
        let one = Selection {
            sources: Some([timeline.sources[1].id.clone()].into()),
            ..Selection::default()
        };
        let file = to_file_with(&timeline, &one, &extras);
        let view = file.view.unwrap();
        assert_eq!(view.lane_order, vec![timeline.sources[1].id.clone()]);
        assert_eq!(view.grouping, "claimant");
        assert!(file.corrections.is_none_or(|c| c.dates.is_empty()));
    }

    #[test]
    fn a_view_naming_an_unknown_source_is_refused() {
        let text = "(format: \"truceline/1\", sources: [], events: [], view: Some((grouping: \"source\", lane_order: [\"ghost.txt\"])))";
        let err = parse_str(text, Format::Ron, Path::new("v.ron")).unwrap_err();
        assert!(
            err.to_string().contains("unknown source \"ghost.txt\""),
            "{err}"
        );
        let text = "(format: \"truceline/1\", sources: [], events: [], view: Some((grouping: \"diagonal\")))";
        let err = parse_str(text, Format::Ron, Path::new("v.ron")).unwrap_err();
        assert!(err.to_string().contains("grouping"), "{err}");
    }

    #[test]
    fn failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no/such/dir/out.ron");
        let err = write_file(&sample(), &Selection::default(), Format::Ron, &missing).unwrap_err();
        assert!(err.to_string().starts_with("cannot write"), "{err}");
    }
}
