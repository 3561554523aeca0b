//! The loader on a corpus the test builds itself: every format, encoding and failure case the
//! loader must handle. All good files load; each bad one is reported once, with its reason.

#![expect(
    clippy::unwrap_used,
    reason = "corpus helpers outside #[test] functions fail loudly on a broken fixture"
)]

use std::path::Path;
use truceline::ingest::{self, LoadReport, Progress};
use truceline::model::SentenceRole;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

const HTML: &str = r#"<!doctype html><html><head><title>Guns fall silent | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2022-03-04T09:00:00+02:00">
</head><body><nav>Home | World | Sport</nav>
<article><h1>Guns fall silent across the north</h1>
<p>The guns fell silent at noon on Thursday, residents told reporters.</p>
<p>Skip to main content</p>
<p>Negotiators said talks would resume on Monday.</p></article>
<footer>Subscribe to our newsletter</footer><script>track("x")</script></body></html>"#;

fn corpus() -> (tempfile::TempDir, LoadReport) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "plain.txt",
        "Truce agreed in the east\n\nRebels and the army agreed to a truce on Monday, March 1, 2021. Shelling stopped.\n",
    );
    write(
        d,
        "NOEXTENSION",
        "Fighting resumed near the border on Tuesday, officials said. Dozens fled.\n",
    );
    write(
        d,
        "front.md",
        "---\ntitle: Ceasefire holds\ndate: 2021-03-05\npublisher: Example Weekly\n---\n# Ceasefire holds\n\nThe ceasefire held for a fourth day, monitors said.\n",
    );
    write(d, "page.html", HTML);
    write(
        d,
        "header.txt",
        "Title: Talks in Geneva\nSource: Example Wire\nDate: March 6, 2021\nURL: https://example.org/2021/03/06/talks\n\nDelegations met in Geneva on Saturday to discuss a prisoner exchange.\n",
    );
    write(
        d,
        "bom.txt",
        b"\xEF\xBB\xBFThe truce was violated twice overnight, the army said.\n",
    );
    let mut le = vec![0xFF, 0xFE];
    le.extend(
        "Monitors reported calm on Sunday.\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    write(d, "utf16le.txt", le);
    let mut be = vec![0xFE, 0xFF];
    be.extend(
        "Shelling resumed on Monday, residents said.\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes()),
    );
    write(d, "utf16be.txt", be);
    write(
        d,
        "cp1252.txt",
        b"The caf\xe9 owner said the \x93truce\x94 held \x96 for now.\n",
    );
    // UTF-8 with one stray byte (a truncated character): loads, with a warning.
    write(
        d,
        "broken-utf8.txt",
        b"Monitors said the truce held in the north \xe2\x80 on Friday.\n",
    );
    write(
        d,
        "2021-03-09_wire.txt",
        "Both sides exchanged prisoners, the Red Cross said.\n",
    );
    write(d, "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(d, "empty.txt", "   \n\n");
    write(d, "huge.txt", vec![b'a'; 50 * 1024 * 1024]);
    let deep: String = (0..40).map(|i| format!("level{i}/")).collect();
    write(
        d,
        &format!("{deep}deep.txt"),
        "Peacekeepers deployed to the valley on Friday.\n",
    );
    write(d, ".hidden/secret.txt", "Hidden files are not reports.\n");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d, d.join("loop")).unwrap();
        std::os::unix::fs::symlink(d.join("no-such-file.txt"), d.join("dangling.txt")).unwrap();
    }
    let report = ingest::load_folder(d, &Progress::default()).unwrap();
    (dir, report)
}

#[test]
fn every_good_file_loads_in_sorted_order() {
    let (_dir, report) = corpus();
    let ids: Vec<&str> = report.sources.iter().map(|s| s.id.as_str()).collect();
    let deep: String = (0..40).map(|i| format!("level{i}/")).collect();
    let deep_id = format!("{deep}deep.txt");
    let mut want = vec![
        "2021-03-09_wire.txt",
        "broken-utf8.txt",
        "NOEXTENSION",
        "bom.txt",
        "cp1252.txt",
        "front.md",
        "header.txt",
        deep_id.as_str(),
        "page.html",
        "plain.txt",
        "utf16be.txt",
        "utf16le.txt",
    ];
    want.sort_unstable();
    assert_eq!(ids, want);
    for source in &report.sources {
        assert!(
            !source.sentences.is_empty(),
            "{} has no sentences",
            source.id
        );
        for s in &source.sentences {
            assert_eq!(
                source.text.get(s.span.clone()),
                Some(s.text.as_str()),
                "{}",
                source.id
            );
        }
    }
}

#[test]
fn each_bad_file_is_reported_once_with_its_reason() {
    let (_dir, report) = corpus();
    let skipped: Vec<(&str, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    let find = |path: &str| {
        skipped
            .iter()
            .filter(|(p, _)| *p == path)
            .map(|(_, r)| *r)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find("image.png"),
        vec!["binary file (contains NUL or control bytes)"]
    );
    assert_eq!(find("empty.txt"), vec!["empty file"]);
    let huge = find("huge.txt");
    assert_eq!(huge.len(), 1);
    assert!(huge[0].starts_with("file too large (50 MiB"), "{huge:?}");
    #[cfg(unix)]
    {
        let dangling = find("dangling.txt");
        assert_eq!(dangling.len(), 1);
        assert!(dangling[0].starts_with("cannot read"), "{dangling:?}");
        assert_eq!(skipped.len(), 4, "{skipped:?}");
    }
}

#[test]
fn legacy_encodings_load_with_a_warning() {
    let (_dir, report) = corpus();
    let source = report
        .sources
        .iter()
        .find(|s| s.id == "cp1252.txt")
        .unwrap();
    assert!(
        source
            .text
            .contains("café owner said the “truce” held – for now"),
        "{}",
        source.text
    );
    assert_eq!(source.encoding, "windows-1252 (guessed)");
    let warned: Vec<&str> = report.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(warned, vec!["broken-utf8.txt", "cp1252.txt"]);
    assert!(
        report
            .warnings
            .iter()
            .all(|w| w.message.starts_with("not UTF-8: decoded as"))
    );
    let broken = report
        .sources
        .iter()
        .find(|s| s.id == "broken-utf8.txt")
        .unwrap();
    assert!(broken.text.contains("truce held in the north"));
    let le = report
        .sources
        .iter()
        .find(|s| s.id == "utf16le.txt")
        .unwrap();
    assert_eq!(le.encoding, "UTF-16LE");
    assert_eq!(le.sentences[0].text, "Monitors reported calm on Sunday.");
    let bom = report.sources.iter().find(|s| s.id == "bom.txt").unwrap();
    assert!(bom.text.starts_with("The truce"));
}

#[test]
fn html_gives_article_text_and_metadata() {
    let (_dir, report) = corpus();
    let page = report.sources.iter().find(|s| s.id == "page.html").unwrap();
    assert_eq!(page.title, "Guns fall silent across the north");
    assert_eq!(page.outlet.as_deref(), Some("Example Daily"));
    assert_eq!(page.date_evidence[0].date.to_string(), "2022-03-04");
    assert!(page.date_evidence[0].stated);
    let texts: Vec<&str> = page.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Guns fall silent across the north",
            "The guns fell silent at noon on Thursday, residents told reporters.",
            "Negotiators said talks would resume on Monday.",
        ]
    );
    assert!(
        !page.text.contains("track(")
            && !page.text.contains("Subscribe")
            && !page.text.contains("Home |")
    );
}

#[test]
fn markdown_and_header_blocks_are_metadata_not_text() {
    let (_dir, report) = corpus();
    let md = report.sources.iter().find(|s| s.id == "front.md").unwrap();
    assert_eq!(md.title, "Ceasefire holds");
    assert_eq!(md.outlet.as_deref(), Some("Example Weekly"));
    assert_eq!(md.date_evidence[0].date.to_string(), "2021-03-05");
    assert_eq!(md.sentences[0].role, SentenceRole::Headline);
    assert!(md.sentences.iter().all(|s| !s.text.contains("publisher")));

    let header = report
        .sources
        .iter()
        .find(|s| s.id == "header.txt")
        .unwrap();
    assert_eq!(header.title, "Talks in Geneva");
    assert_eq!(header.outlet.as_deref(), Some("Example Wire"));
    let origins: Vec<&str> = header
        .date_evidence
        .iter()
        .map(|e| e.origin.as_str())
        .collect();
    assert_eq!(origins, vec!["header \"Date\"", "URL"]);
    assert_eq!(header.sentences.len(), 1);
    assert!(header.sentences[0].text.starts_with("Delegations met"));
}

#[test]
fn file_name_dates_are_suggestions() {
    let (_dir, report) = corpus();
    let wire = report
        .sources
        .iter()
        .find(|s| s.id == "2021-03-09_wire.txt")
        .unwrap();
    assert_eq!(wire.date_evidence.len(), 1);
    assert_eq!(wire.date_evidence[0].date.to_string(), "2021-03-09");
    assert!(!wire.date_evidence[0].stated);
}

#[test]
fn the_pipeline_dates_sources_from_their_metadata() {
    let (dir, _) = corpus();
    let timeline = truceline::pipeline::open_path(dir.path(), &Progress::default()).unwrap();
    let md = timeline
        .sources
        .iter()
        .find(|s| s.id == "front.md")
        .unwrap();
    let published = md.published.as_ref().unwrap();
    assert_eq!(published.date.to_string(), "2021-03-05");
    assert_eq!(published.basis.as_str(), "metadata");
    assert_eq!(timeline.warnings.len(), 2);
    assert_eq!(timeline.skipped.len(), report_skips());
}

fn report_skips() -> usize {
    if cfg!(unix) { 4 } else { 3 }
}
