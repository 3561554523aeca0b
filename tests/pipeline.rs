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

/// A load starts compiling extraction's patterns on a worker thread beside its own stages,
/// which compile any they reach first: neither waits forever on the other, and what the load
/// finds does not depend on which thread built them.
#[test]
fn warming_up_beside_loads_neither_blocks_them_nor_changes_them() {
    let (first, second) = std::thread::scope(|s| {
        let warm: Vec<_> = (0..3)
            .map(|_| s.spawn(truceline::extract::warm_up))
            .collect();
        let first = s.spawn(|| pipeline::open_path(seeds_dir(), &Progress::default()));
        let second = pipeline::open_path(seeds_dir(), &Progress::default());
        for w in warm {
            w.join().unwrap();
        }
        (first.join().unwrap().unwrap(), second.unwrap())
    });
    assert_eq!(first, second);
    assert!(!first.events.is_empty());
    assert_eq!(
        first,
        pipeline::open_path(seeds_dir(), &Progress::default()).unwrap()
    );
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
fn extraction_reports_its_stages_and_can_be_cancelled() {
    use std::sync::atomic::Ordering;
    use truceline::extract::Stage;
    let progress = Progress::default();
    assert_eq!(progress.extract.stage(), Stage::NotStarted);
    pipeline::open_path(seeds_dir(), &progress).unwrap();
    // Every article was dated and read; alignment came last.
    assert_eq!(progress.extract.stage(), Stage::Aligning);
    // Cancelled once the files are read: no timeline, whatever extraction had done.
    let progress = Progress::default();
    progress.extract.cancel.store(true, Ordering::Relaxed);
    let err = pipeline::open_path(seeds_dir(), &progress).unwrap_err();
    assert!(matches!(err, pipeline::OpenError::Cancelled), "{err}");
    assert_eq!(progress.extract.done.load(Ordering::Relaxed), 0);
}

#[test]
fn extraction_counts_every_article_in_each_stage() {
    use std::sync::atomic::Ordering;
    let report = truceline::ingest::load_folder(seeds_dir(), &Progress::default()).unwrap();
    let n = report.sources.len();
    let progress = truceline::extract::ExtractProgress::default();
    let timeline =
        truceline::extract::extract_with_progress("seeds".into(), report.sources, &progress);
    assert_eq!(timeline.sources.len(), n);
    // The reading stage counted every article once before alignment.
    assert_eq!(progress.stage(), truceline::extract::Stage::Aligning);
    assert_eq!(progress.done.load(Ordering::Relaxed), n);
    assert_eq!(progress.total.load(Ordering::Relaxed), n);
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
    let corrections = truceline::model::Corrections {
        dates: [(id.clone(), date)].into(),
        ..Default::default()
    };
    pipeline::write_corrections(dir.path(), &corrections).unwrap();

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

#[test]
fn every_source_carries_the_sha256_of_its_file() {
    let timeline = pipeline::open_path(seeds_dir(), &Progress::default()).unwrap();
    for source in &timeline.sources {
        let bytes = std::fs::read(seeds_dir().join(&source.id)).unwrap();
        let hash = source.hash.as_deref().unwrap();
        assert_eq!(hash, truceline::ingest::content_hash(&bytes));
        assert!(
            hash.starts_with("sha256:") && hash.len() == 7 + 64,
            "{hash}"
        );
    }
    let ron = export::to_string(&timeline, &Selection::default(), Format::Ron).unwrap();
    assert!(
        ron.contains("hash: Some(\"sha256:"),
        "the export writes the hashes"
    );
}

#[test]
fn a_reopened_export_says_which_sources_changed_or_went_missing() {
    let dir = seeds_copy();
    let out = tempfile::tempdir().unwrap();
    let ron = out.path().join("timeline.ron");
    let timeline = pipeline::open_path(dir.path(), &Progress::default()).unwrap();
    export::write_file(&timeline, &Selection::default(), Format::Ron, &ron).unwrap();
    let about = |t: &truceline::model::Timeline, id: &str| -> Vec<String> {
        t.warnings
            .iter()
            .filter(|w| w.path == id)
            .map(|w| w.message.clone())
            .collect()
    };
    let untouched = pipeline::open_path(&ron, &Progress::default()).unwrap();
    for source in &untouched.sources {
        assert!(about(&untouched, &source.id).is_empty(), "{}", source.id);
    }

    let (changed, gone) = (&timeline.sources[0].id, &timeline.sources[1].id);
    let mut bytes = std::fs::read(dir.path().join(changed)).unwrap();
    bytes.extend_from_slice(b"\nA late correction was appended.\n");
    std::fs::write(dir.path().join(changed), bytes).unwrap();
    std::fs::remove_file(dir.path().join(gone)).unwrap();

    let reopened = pipeline::open_path(&ron, &Progress::default()).unwrap();
    let said = about(&reopened, changed);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with(pipeline::CHANGED_SINCE_EXPORT),
        "{said:?}"
    );
    let said = about(&reopened, gone);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with(pipeline::MISSING_SINCE_EXPORT),
        "{said:?}"
    );
    for source in &reopened.sources[2..] {
        assert!(about(&reopened, &source.id).is_empty(), "{}", source.id);
    }
    // The timeline itself is the exported one, whatever the folder now holds.
    assert_eq!(reopened.events, timeline_events_of(&ron));

    // Exported again and re-opened, each source is reported once, not once per generation.
    let again = out.path().join("again.ron");
    export::write_file(&reopened, &Selection::default(), Format::Ron, &again).unwrap();
    let twice = pipeline::open_path(&again, &Progress::default()).unwrap();
    assert_eq!(about(&twice, changed).len(), 1);
    assert_eq!(about(&twice, gone).len(), 1);
}

#[allow(clippy::unwrap_used)] // a test helper: a failed read is a failed test
fn timeline_events_of(path: &Path) -> Vec<truceline::model::Event> {
    export::read_file(path).unwrap().events
}

#[test]
fn an_export_whose_ids_climb_out_of_the_folder_is_not_followed() {
    let dir = seeds_copy();
    let timeline = pipeline::open_path(dir.path(), &Progress::default()).unwrap();
    let mut file = export::to_file(&timeline, &Selection::default());
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
    let climbing = format!(
        "../{}/secret.txt",
        outside.path().file_name().unwrap().to_str().unwrap()
    );
    for e in &mut file.events {
        for m in &mut e.mentions {
            if m.source == file.sources[0].id {
                m.source = climbing.clone();
            }
        }
    }
    file.sources[0].id = climbing.clone();
    file.sources[0].hash = Some(truceline::ingest::content_hash(b"x"));
    let ron = dir.path().join("t.ron");
    std::fs::write(&ron, ron::to_string(&file).unwrap()).unwrap();
    let reopened = pipeline::open_path(&ron, &Progress::default()).unwrap();
    let w = reopened
        .warnings
        .iter()
        .find(|w| w.path == climbing)
        .expect("a warning for the climbing id");
    assert!(
        w.message.contains("not a path inside the folder"),
        "{}",
        w.message
    );
}

/// Keys of: a mention to split out of a multi-mention event, two mentions of two other events
/// to merge, and one of a fourth event to rename.
#[allow(clippy::unwrap_used)] // a test helper: a seed without such events is a failed test
fn edit_targets(t: &truceline::model::Timeline) -> [truceline::model::MentionKey; 4] {
    let key = |m: usize| t.mention_key(m).unwrap();
    let split_from = t.events.iter().position(|e| e.mentions.len() >= 2).unwrap();
    let others: Vec<usize> = (0..t.events.len()).filter(|&e| e != split_from).collect();
    let first = |e: usize| key(t.events[e].mentions[0]);
    [
        key(t.events[split_from].mentions[1]),
        first(others[0]),
        first(others[1]),
        first(others[2]),
    ]
}

#[test]
fn merges_splits_and_renames_are_kept_and_survive_re_extraction() {
    use truceline::model::{Corrections, Edit};
    let dir = seeds_copy();
    let first = pipeline::open_path(dir.path(), &Progress::default()).unwrap();
    let [split, keep, absorb, renamed] = edit_targets(&first);
    let edits = vec![
        Edit::Merge {
            keep: keep.clone(),
            absorb: absorb.clone(),
        },
        Edit::Split {
            mention: split.clone(),
        },
        Edit::Rename {
            mention: renamed.clone(),
            label: "Checked by hand".into(),
        },
    ];
    let corrections = Corrections {
        edits: edits.clone(),
        ..Corrections::default()
    };
    pipeline::write_corrections(dir.path(), &corrections).unwrap();
    // A new report that sorts first: every source and mention index moves.
    std::fs::write(
        dir.path().join("0000-first.txt"),
        "Prisoner exchange in Geneva\n\nThe two sides exchanged prisoners in Geneva on Monday, October 5, 2020, officials said.\n",
    )
    .unwrap();

    let opened = pipeline::open(dir.path(), &Progress::default()).unwrap();
    let t = &opened.timeline;
    assert_eq!(t.sources[0].id, "0000-first.txt");
    assert_eq!(opened.extras.corrections, corrections);
    assert!(
        !t.warnings
            .iter()
            .any(|w| w.path == pipeline::CORRECTIONS_FILE),
        "{:?}",
        t.warnings
    );
    let event =
        |k: &truceline::model::MentionKey| t.event_of_key(k).expect("the mention is found again");
    assert_eq!(event(&keep), event(&absorb), "merged");
    assert_eq!(t.events[event(&split)].mentions.len(), 1, "split out");
    assert_eq!(t.events[event(&renamed)].label, "Checked by hand");
    let ids: Vec<String> = (1..=t.events.len()).map(|i| format!("e{i}")).collect();
    assert_eq!(
        t.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>(),
        ids,
        "ids stay dense and in time order"
    );

    // The export carries them, says which events they made, and reads back the same.
    let text =
        export::to_string_with(t, &Selection::default(), &opened.extras, Format::Ron).unwrap();
    for needle in [
        "corrections: Some(",
        "merge(",
        "split(",
        "rename(",
        "corrected: [",
    ] {
        assert!(text.contains(needle), "no {needle} in the export");
    }
    let file = export::to_file_with(t, &Selection::default(), &opened.extras);
    let marks = |key: &truceline::model::MentionKey| {
        let id = &t.events[event(key)].id;
        file.events
            .iter()
            .find(|e| &e.id == id)
            .map(|e| e.corrected.clone())
            .unwrap_or_default()
    };
    assert_eq!(marks(&renamed), ["label"]);
    assert_eq!(marks(&keep), ["merged"]);
    assert_eq!(marks(&split), ["split_out"]);
    let (back, extras) = export::parse_str_with(&text, Format::Ron, Path::new("t.ron")).unwrap();
    assert_eq!(extras.corrections, corrections);
    assert_eq!(
        export::to_string_with(&back, &Selection::default(), &extras, Format::Ron).unwrap(),
        text
    );

    // A correction whose report is gone is a warning, not a failed load.
    let mut stale = corrections.clone();
    stale.edits.push(Edit::Split {
        mention: truceline::model::MentionKey {
            source: "deleted.txt".into(),
            sentence: 0..10,
            trigger: 0..4,
        },
    });
    pipeline::write_corrections(dir.path(), &stale).unwrap();
    let t = pipeline::open_path(dir.path(), &Progress::default()).unwrap();
    let w: Vec<&str> = t
        .warnings
        .iter()
        .filter(|w| w.path == pipeline::CORRECTIONS_FILE)
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("deleted.txt") && w[0].contains("not applied"),
        "{}",
        w[0]
    );
    assert_eq!(
        t.events[t.event_of_key(&renamed).unwrap()].label,
        "Checked by hand"
    );
}

#[test]
fn a_version_1_corrections_file_without_edits_still_applies() {
    let dir = seeds_copy();
    let first = pipeline::open_path(dir.path(), &Progress::default()).unwrap();
    let id = &first.sources[2].id;
    std::fs::write(
        dir.path().join(pipeline::CORRECTIONS_FILE),
        format!("(version: 1, dates: {{{id:?}: \"2020-10-19\"}})"),
    )
    .unwrap();
    let t = pipeline::open_path(dir.path(), &Progress::default()).unwrap();
    let published = t.sources[2].published.as_ref().unwrap();
    assert_eq!(published.date.to_string(), "2020-10-19");
    assert!(
        t.warnings.is_empty()
            || !t
                .warnings
                .iter()
                .any(|w| w.path == pipeline::CORRECTIONS_FILE)
    );
}

#[test]
fn a_re_dated_folder_keeps_its_event_edits() {
    use truceline::model::{Corrections, Edit};
    let dir = seeds_copy();
    let first = pipeline::open_path(dir.path(), &Progress::default()).unwrap();
    let [split, ..] = edit_targets(&first);
    let mut corrections = Corrections {
        edits: vec![Edit::Split {
            mention: split.clone(),
        }],
        ..Corrections::default()
    };
    let mut edited = first.clone();
    assert!(truceline::model::apply_edits(&mut edited, &corrections.edits).is_empty());
    corrections.dates.insert(
        first.sources[3].id.clone(),
        chrono::NaiveDate::from_ymd_opt(2020, 10, 30).unwrap(),
    );
    let after = pipeline::recorrect(edited, &corrections);
    let e = after.event_of_key(&split).unwrap();
    assert_eq!(
        after.events[e].mentions.len(),
        1,
        "the split outlived the re-dating"
    );
    assert_eq!(
        after.sources[3].published.as_ref().unwrap().basis,
        truceline::model::DateBasis::User
    );
}

#[test]
fn recomputed_disagreements_read_as_extractions() {
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
    for t in [
        pipeline::open_bundled_seeds(),
        pipeline::open_path(&articles.join("sudan"), &Progress::default()).unwrap(),
        pipeline::open_path(&articles.join("gaza"), &Progress::default()).unwrap(),
    ] {
        for e in &t.events {
            assert_eq!(
                truceline::model::disagreements(&t, &e.mentions),
                e.disagreements,
                "{}",
                e.label
            );
        }
    }
}

#[test]
fn cli_export_writes_the_chosen_events_of_the_chosen_sources_to_the_named_file() {
    let timeline = pipeline::open_path(seeds_dir(), &Progress::default()).unwrap();
    let event = timeline
        .events
        .iter()
        .find(|e| timeline.event_sources(e).len() >= 2)
        .unwrap();
    let source = &timeline.sources[timeline.event_sources(event)[1]].id;
    let day = event.time.first_day().format("%Y-%m-%d").to_string();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("picked.json");
    let status = truceline()
        .arg("export")
        .arg(seeds_dir())
        .arg(&out)
        .args([
            "--from", &day, "--to", &day, "--source", source, "--event", &event.id,
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["id"], event.id.as_str());
    let sources = json["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0]["id"], source.as_str());
    for m in events[0]["mentions"].as_array().unwrap() {
        assert_eq!(m["source"], source.as_str());
    }
    // A range that misses the event leaves nothing, even when the event is asked for.
    let status = truceline()
        .arg("export")
        .arg(seeds_dir())
        .arg(&out)
        .args([
            "--from",
            "1900-01-01",
            "--to",
            "1900-01-02",
            "--event",
            &event.id,
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(json["events"].as_array().unwrap().is_empty());
}

#[test]
fn cli_export_of_a_corrected_folder_carries_the_corrections() {
    use truceline::model::{Corrections, Edit};
    let dir = seeds_copy();
    let first = pipeline::open_path(dir.path(), &Progress::default()).unwrap();
    let [.., renamed] = edit_targets(&first);
    let corrections = Corrections {
        edits: vec![Edit::Rename {
            mention: renamed.clone(),
            label: "Named by the analyst".into(),
        }],
        ..Corrections::default()
    };
    pipeline::write_corrections(dir.path(), &corrections).unwrap();
    let out = tempfile::tempdir().unwrap();
    let ron = out.path().join("shared.ron");
    let status = truceline()
        .arg("export")
        .arg(dir.path())
        .arg(&ron)
        .status()
        .unwrap();
    assert!(status.success());
    let (t, extras) = export::read_file_with(&ron).unwrap();
    assert_eq!(extras.corrections, corrections);
    let e = t.event_of_key(&renamed).unwrap();
    assert_eq!(t.events[e].label, "Named by the analyst");
}
