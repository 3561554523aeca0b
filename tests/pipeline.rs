//! End-to-end tests of the headless pipeline: the bundled seeds, a folder on disk, the CLI,
//! and the export format's compatibility fixture.

use std::path::Path;
use std::process::Command;
use truceline::export::{self, Format, Selection};
use truceline::model::{EventKind, SentenceRole};
use truceline::pipeline::{self, Progress};

fn seeds_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
}

#[test]
fn seeds_folder_gives_one_source_per_file_with_sentences_and_events() {
    let timeline = pipeline::open_path(seeds_dir(), &Progress::default()).unwrap();
    let files = std::fs::read_dir(seeds_dir()).unwrap().count();
    assert_eq!(timeline.sources.len(), files);
    assert!(timeline.skipped.is_empty());
    for source in &timeline.sources {
        assert!(!source.title.is_empty(), "{} has no title", source.id);
        assert!(
            source.sentences.len() >= 5,
            "{} has too few sentences",
            source.id
        );
        for s in &source.sentences {
            assert_eq!(source.text.get(s.span.clone()), Some(s.text.as_str()));
        }
    }
    assert!(!timeline.events.is_empty());
    // Some happening is reported by more than one outlet and gathered into one event.
    assert!(
        timeline
            .events
            .iter()
            .any(|e| timeline.event_sources(e).len() >= 2)
    );
    // Every mention's quoted sentence is article text, never a caption.
    for m in &timeline.mentions {
        let s = &timeline.sources[m.source].sentences[m.sentence];
        assert_ne!(s.role, SentenceRole::Caption);
        assert!(s.span.start <= m.trigger.start && m.trigger.end <= s.span.end);
    }
}

#[test]
fn embedded_seeds_equal_the_folder_on_disk() {
    let embedded = pipeline::open_bundled_seeds();
    let folder = pipeline::open_path(seeds_dir(), &Progress::default()).unwrap();
    let all = Selection::default();
    let a = export::to_file(&embedded, &all);
    let b = export::to_file(&folder, &all);
    assert_eq!(a.sources, b.sources);
    assert_eq!(a.events, b.events);
}

#[test]
fn extraction_is_deterministic() {
    let all = Selection::default();
    let one = export::to_string(&pipeline::open_bundled_seeds(), &all, Format::Ron).unwrap();
    let two = export::to_string(&pipeline::open_bundled_seeds(), &all, Format::Ron).unwrap();
    assert_eq!(one, two);
}

#[test]
fn background_history_is_kept_apart_from_current_news() {
    let timeline = pipeline::open_bundled_seeds();
    for e in &timeline.events {
        if e.kind == EventKind::Background {
            for &m in &e.mentions {
                let published = timeline.sources[timeline.mentions[m].source]
                    .published
                    .as_ref();
                if let Some(p) = published {
                    assert!(e.time.last_day() < p.date, "{} is not in the past", e.label);
                }
            }
        }
    }
}

#[test]
fn a_folder_with_bad_files_still_loads_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("report.txt"),
        "Truce takes hold in the north\n\nGovernment forces and rebels agreed to a ceasefire on March 3, 2022. Shelling stopped by noon.",
    )
    .unwrap();
    std::fs::write(dir.path().join("photo.jpg"), [0xFF, 0xD8, 0xFF, 0x00, 0x10]).unwrap();
    let timeline = pipeline::open_path(dir.path(), &Progress::default()).unwrap();
    assert_eq!(timeline.sources.len(), 1);
    assert_eq!(timeline.skipped.len(), 1);
    assert_eq!(timeline.skipped[0].path, "photo.jpg");
    assert_eq!(timeline.sources[0].title, "Truce takes hold in the north");
    assert!(!timeline.events.is_empty());
}

#[test]
fn an_empty_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let err = pipeline::open_path(dir.path(), &Progress::default()).unwrap_err();
    assert!(err.to_string().starts_with("no readable reports"), "{err}");
}

#[test]
fn version_1_fixture_keeps_loading() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/timeline-v1.ron"
    ));
    let timeline = export::read_file(path).unwrap();
    assert_eq!(timeline.sources.len(), 2);
    assert_eq!(timeline.events.len(), 2);
    let e = &timeline.events[1];
    assert_eq!(e.kind, EventKind::CeasefireInForce);
    assert_eq!(timeline.event_sources(e).len(), 2);
    // Re-exporting a version-1 file gives it back unchanged.
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        export::to_string(&timeline, &Selection::default(), Format::Ron)
            .unwrap()
            .trim_end(),
        text.trim_end()
    );
}

fn truceline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_truceline"))
}

#[test]
fn cli_export_of_a_ron_export_gives_identical_json() {
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("seeds.ron");
    let status = truceline()
        .args(["export"])
        .arg(seeds_dir())
        .arg("-o")
        .arg(&ron)
        .status()
        .unwrap();
    assert!(status.success());
    let from_folder = truceline()
        .args(["export", "--format", "json"])
        .arg(seeds_dir())
        .output()
        .unwrap();
    let from_ron = truceline()
        .args(["export", "--format", "json"])
        .arg(&ron)
        .output()
        .unwrap();
    assert!(from_folder.status.success() && from_ron.status.success());
    assert!(!from_folder.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&from_folder.stdout),
        String::from_utf8_lossy(&from_ron.stdout)
    );
}

#[test]
fn cli_export_filters_by_date_and_source() {
    let out = truceline()
        .args([
            "export",
            "--format",
            "json",
            "--from",
            "2020-01-01",
            "--source",
            "000_058b26eaa13337a5.txt",
        ])
        .arg(seeds_dir())
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["sources"].as_array().unwrap().len(), 1);
    for e in json["events"].as_array().unwrap() {
        assert!(e["time"]["end"].as_str().unwrap() >= "2020-01-01");
        for m in e["mentions"].as_array().unwrap() {
            assert_eq!(m["source"], "000_058b26eaa13337a5.txt");
        }
    }
}

#[test]
fn cli_refuses_malformed_ron_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format: \"truceline/1\",\n sources: [,\n").unwrap();
    let out = truceline().arg("export").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2, column"), "{err}");
    assert!(err.contains("bad.ron"), "{err}");
}

#[test]
fn cli_timex_reports_byte_offsets() {
    let mut child = truceline()
        .args(["timex", "--dct", "2020-10-10", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    let text = "Café talks ended on October 9, 2020.";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["dct"], "2020-10-10");
    let t = json["timexes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["value"] == "2020-10-09")
        .expect("the date is found");
    let (s, e) = (
        t["start"].as_u64().unwrap() as usize,
        t["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], t["text"].as_str().unwrap());
    assert_eq!(t["type"], "DATE");
}

/// A copy of the seeds in a temporary folder.
#[allow(clippy::unwrap_used)] // a test helper: a failed copy is a failed test
fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

#[test]
fn corrections_kept_beside_the_reports_are_applied_on_the_next_load() {
    let dir = seeds_copy();
    let first = pipeline::open_path(dir.path(), &Default::default()).unwrap();
    let id = first.sources[1].id.clone();
    let date = chrono::NaiveDate::from_ymd_opt(2020, 10, 19).unwrap();
    assert_ne!(first.sources[1].published.as_ref().unwrap().date, date);
    pipeline::write_corrections(dir.path(), &[(id.clone(), date)].into_iter().collect()).unwrap();

    let again = pipeline::open_path(dir.path(), &Default::default()).unwrap();
    let source = again.sources.iter().find(|s| s.id == id).unwrap();
    let published = source.published.as_ref().unwrap();
    assert_eq!(published.date, date);
    assert_eq!(published.basis, truceline::model::DateBasis::User);
    // And the export carries it, with basis `user`.
    let ron = export::to_string(&again, &Selection::default(), Format::Ron).unwrap();
    assert!(ron.contains("2020-10-19"), "the corrected date is exported");
}

#[test]
fn a_broken_corrections_file_is_reported_and_the_folder_still_opens() {
    let dir = seeds_copy();
    let file = dir.path().join(pipeline::CORRECTIONS_FILE);
    std::fs::write(&file, "(version: 1, dates: {\"a.txt\": ").unwrap();
    let t = pipeline::open_path(dir.path(), &Default::default()).unwrap();
    assert_eq!(t.sources.len(), 4);
    let w = t
        .warnings
        .iter()
        .find(|w| w.path == pipeline::CORRECTIONS_FILE)
        .expect("a warning about the corrections");
    assert!(
        w.message.contains("corrections not applied"),
        "{}",
        w.message
    );
    assert!(w.message.contains(':'), "with a position: {}", w.message);

    std::fs::write(&file, "(version: 2, dates: {})").unwrap();
    let t = pipeline::open_path(dir.path(), &Default::default()).unwrap();
    assert!(
        t.warnings
            .iter()
            .any(|w| w.message.contains("version 2 is newer"))
    );
}
