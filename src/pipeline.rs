//! Entry points that turn what the user opened into a [`Timeline`]: a folder of reports, a
//! previously exported `.ron`/`.json` timeline, or the sample reports bundled in the binary.
//!
//! This is the seam between the I/O shell (ingest, export) and the pure core (extract); the
//! GUI's loader thread and the CLI both call it.

use crate::export::{self, ImportError};
use crate::extract;
use crate::ingest;
use crate::model::{Corrections, DateBasis, Published, Timeline, Warning};
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

/// What opening a path gives: the timeline, and what it carries besides: the user's
/// corrections (already applied to it) and, for an export, the view it was saved with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Opened {
    pub timeline: Timeline,
    pub extras: export::Extras,
}

/// Opens a folder of reports or an exported timeline. Skipped files are in `skipped`.
pub fn open_path(path: &Path, progress: &Progress) -> Result<Timeline, OpenError> {
    open(path, progress).map(|opened| opened.timeline)
}

/// Opens a folder of reports (applying the corrections kept beside them) or an exported
/// timeline (checking its sources against the folder it came from, when that is here).
pub fn open(path: &Path, progress: &Progress) -> Result<Opened, OpenError> {
    let meta = std::fs::metadata(path).map_err(|source| OpenError::Missing {
        path: path.to_owned(),
        source,
    })?;
    if meta.is_dir() {
        // The allocator's thresholds are fixed before the load's first large blocks.
        crate::memory::tune_allocator();
        // Extraction's patterns are compiled on a worker while the other reads files.
        rayon::spawn(extract::warm_up);
        let report = ingest::load_folder(path, progress).ok_or(OpenError::Cancelled)?;
        if report.sources.is_empty() {
            return Err(OpenError::NoReports {
                path: path.to_owned(),
                skipped: report.skipped.len(),
            });
        }
        let mut timeline = extract::extract_with_progress(
            path.display().to_string(),
            report.sources,
            &progress.extract,
        );
        if progress.extract.cancelled() {
            return Err(OpenError::Cancelled);
        }
        timeline.skipped = report.skipped;
        timeline.warnings.splice(0..0, report.warnings);
        // Corrections the user made last time, kept beside the reports.
        let corrections = match read_corrections(path) {
            Ok(corrections) => corrections.unwrap_or_default(),
            Err(message) => {
                timeline.warnings.push(Warning {
                    path: CORRECTIONS_FILE.to_owned(),
                    message,
                });
                Corrections::default()
            }
        };
        if !corrections.dates.is_empty() {
            timeline = redate(timeline, &corrections.dates);
        }
        apply_edits(&mut timeline, &corrections.edits);
        return Ok(Opened {
            timeline,
            extras: export::Extras {
                corrections,
                view: None,
            },
        });
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("ron") | Some("json") => {
            let (mut timeline, extras) = export::read_file_with(path)?;
            check_sources(&mut timeline);
            Ok(Opened { timeline, extras })
        }
        _ => Err(OpenError::NotATimeline(path.to_owned())),
    }
}

/// Applies the user's event edits to a freshly extracted timeline; an edit whose mention is
/// gone becomes a warning (the file keeps it: the report may come back).
fn apply_edits(timeline: &mut Timeline, edits: &[crate::model::Edit]) {
    for message in crate::model::apply_edits(timeline, edits) {
        timeline.warnings.push(Warning {
            path: CORRECTIONS_FILE.to_owned(),
            message: format!("correction {message}"),
        });
    }
}

/// Applies every correction to a timeline the user corrected again: dates first (a folder's
/// timeline is extracted afresh), then the event edits, in order. A timeline re-opened from an
/// export has its edits in its events already: there only the dates change.
pub fn recorrect(timeline: Timeline, corrections: &Corrections) -> Timeline {
    let imported = timeline.sources.iter().any(|s| s.text.is_empty());
    let mut timeline = redate(timeline, &corrections.dates);
    if !imported {
        // The warnings of the last application are made afresh.
        timeline
            .warnings
            .retain(|w| w.path != CORRECTIONS_FILE || !w.message.starts_with("correction "));
        apply_edits(&mut timeline, &corrections.edits);
    }
    timeline
}

/// How the warning about a source whose file changed since the export begins.
pub const CHANGED_SINCE_EXPORT: &str = "changed since the export";
/// How the warning about a source whose file is gone since the export begins.
pub const MISSING_SINCE_EXPORT: &str = "missing since the export";

/// Warns about each source of an exported timeline whose file, in the folder the export came
/// from, changed or is gone since the export (when that folder is on this machine and the
/// export has the files' hashes).
fn check_sources(timeline: &mut Timeline) {
    let origin = Path::new(&timeline.origin);
    if timeline.origin.is_empty() || !origin.is_dir() {
        return;
    }
    let mut found = Vec::new();
    for source in &timeline.sources {
        let Some(expected) = &source.hash else {
            continue;
        };
        // Ids are relative paths; one that climbs out of the folder names no report of it.
        let relative = Path::new(&source.id);
        let inside = relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        let file = origin.join(relative);
        let result = if inside {
            ingest::hash_file(&file)
        } else {
            Err("not a path inside the folder".to_owned())
        };
        let message = match result {
            Ok(hash) if &hash == expected => continue,
            Ok(_) => format!(
                "{CHANGED_SINCE_EXPORT}: {} is not the file that was exported",
                file.display()
            ),
            Err(reason) if reason == "missing" => {
                format!(
                    "{MISSING_SINCE_EXPORT}: no file {} any more",
                    file.display()
                )
            }
            Err(reason) => format!("not checked: {reason}: {}", file.display()),
        };
        found.push(Warning {
            path: source.id.clone(),
            message,
        });
    }
    for warning in found {
        // A re-export of this timeline carries the warnings it was opened with.
        if !timeline.warnings.contains(&warning) {
            timeline.warnings.push(warning);
        }
    }
}

/// The file, in an opened folder, where the user's corrections are kept.
pub const CORRECTIONS_FILE: &str = ".truceline-corrections.ron";

/// The corrections file kept in [`CORRECTIONS_FILE`]: publication dates (`YYYY-MM-DD`) by
/// source id, and the event edits in the order made. Versioned like the export; files of
/// version 1 without edits read as before.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CorrectionsFile {
    pub version: u32,
    pub dates: std::collections::BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<export::EditRecord>,
}

/// The corrections kept in `folder`, if any; a file that cannot be read or parsed is an error
/// message (with line and column), never a failed load.
pub fn read_corrections(folder: &Path) -> Result<Option<Corrections>, String> {
    let file = folder.join(CORRECTIONS_FILE);
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("corrections not applied: cannot read them: {e}")),
    };
    let parsed: CorrectionsFile = ron::from_str(&text)
        .map_err(|e| format!("corrections not applied: {} at {}", e.code, e.span.start))?;
    if parsed.version != 1 {
        return Err(format!(
            "corrections not applied: version {} is newer than this program (1)",
            parsed.version
        ));
    }
    export::corrections_from_record(export::CorrectionsRecord {
        dates: parsed.dates,
        edits: parsed.edits,
    })
    .map(Some)
    .map_err(|e| format!("corrections not applied: {e}"))
}

/// Keeps `corrections` as those of `folder`, written atomically.
pub fn write_corrections(
    folder: &Path,
    corrections: &Corrections,
) -> Result<(), export::ExportError> {
    let file = CorrectionsFile {
        version: 1,
        dates: corrections
            .dates
            .iter()
            .map(|(id, d)| (id.clone(), d.format("%Y-%m-%d").to_string()))
            .collect(),
        edits: corrections.edits.iter().map(export::edit_record).collect(),
    };
    let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
        .map_err(|e| export::ExportError::Encode(e.to_string()))?;
    export::write_atomic(&folder.join(CORRECTIONS_FILE), text.as_bytes())
}

/// Sets publication dates by the user's word (source id → date) and rebuilds the timeline:
/// the corrections win, and the other sources' inferred dates are inferred again, since the
/// corrected dates are part of the folder's prior. All corrections are applied at once, so a
/// second correction made while the first is being applied cannot lose it. A timeline
/// re-opened from an export has no article text to re-read: there only the dates change.
pub fn redate(
    mut timeline: Timeline,
    corrections: &std::collections::BTreeMap<String, chrono::NaiveDate>,
) -> Timeline {
    for source in &mut timeline.sources {
        if let Some(&date) = corrections.get(&source.id) {
            source.published = Some(Published {
                date,
                basis: DateBasis::User,
            });
        }
    }
    if timeline.sources.iter().any(|s| s.text.is_empty()) {
        return timeline;
    }
    for s in &mut timeline.sources {
        if matches!(
            s.published.as_ref().map(|p| &p.basis),
            Some(DateBasis::Inferred { .. })
        ) {
            s.published = None;
        }
    }
    let mut rebuilt = extract::extract(timeline.origin, timeline.sources);
    rebuilt.skipped = timeline.skipped;
    // The load's warnings stay; extraction's own are made afresh.
    let load_warnings = timeline
        .warnings
        .into_iter()
        .filter(|w| w.message != extract::EXTRACTION_FAILED);
    rebuilt.warnings.splice(0..0, load_warnings);
    rebuilt
}

/// The sample reports embedded in the binary (a copy of `seeds/`).
pub fn open_bundled_seeds() -> Timeline {
    let report = ingest::load_bytes(BUNDLED_SEEDS);
    let mut timeline = extract::extract("bundled samples".to_owned(), report.sources);
    timeline.skipped = report.skipped;
    timeline.warnings.splice(0..0, report.warnings);
    timeline
}

include!(concat!(env!("OUT_DIR"), "/bundled_seeds.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_date_wins_and_moves_the_relative_times_with_it() {
        let before = open_bundled_seeds();
        let (idx, source) = before
            .sources
            .iter()
            .enumerate()
            .find(|(_, s)| s.id.starts_with("003"))
            .unwrap();
        let old = source.published.as_ref().unwrap().date;
        let new = old + chrono::Duration::days(7);
        let after = redate(before.clone(), &[(source.id.clone(), new)].into());
        let published = after.sources[idx].published.as_ref().unwrap();
        assert_eq!(published.date, new);
        assert_eq!(published.basis, DateBasis::User);
        // Relative times of that source moved with its date.
        let shifted = |t: &Timeline| -> Vec<chrono::NaiveDate> {
            t.mentions
                .iter()
                .filter(|m| {
                    m.source == idx
                        && matches!(m.time_basis, crate::model::TimeBasis::Relative { .. })
                })
                .map(|m| m.time.first_day())
                .collect()
        };
        assert!(!shifted(&before).is_empty());
        assert_ne!(shifted(&before), shifted(&after));
        // Exported with basis "user".
        let file = crate::export::to_file(&after, &crate::export::Selection::default());
        assert_eq!(file.sources[idx].published.as_ref().unwrap().basis, "user");
    }

    #[test]
    fn every_correction_applies_at_once() {
        let seeds = open_bundled_seeds();
        let a = chrono::NaiveDate::from_ymd_opt(2020, 11, 1).unwrap();
        let b = chrono::NaiveDate::from_ymd_opt(2020, 11, 2).unwrap();
        let corrections = [
            (seeds.sources[0].id.clone(), a),
            (seeds.sources[1].id.clone(), b),
        ]
        .into();
        let after = redate(seeds, &corrections);
        assert_eq!(after.sources[0].published.as_ref().unwrap().date, a);
        assert_eq!(after.sources[1].published.as_ref().unwrap().date, b);
    }

    #[test]
    fn a_reopened_export_only_changes_the_date() {
        let seeds = open_bundled_seeds();
        let text =
            crate::export::to_string(&seeds, &Default::default(), crate::export::Format::Ron)
                .unwrap();
        let reopened =
            crate::export::parse_str(&text, crate::export::Format::Ron, Path::new("x.ron"))
                .unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
        let after = redate(
            reopened.clone(),
            &[(reopened.sources[0].id.clone(), date)].into(),
        );
        assert_eq!(
            after.sources[0].published.as_ref().unwrap().basis,
            DateBasis::User
        );
        assert_eq!(after.events, reopened.events);
    }
}
