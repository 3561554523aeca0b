//! The properties the fuzz targets in `fuzz/` check, here so that the crashing inputs they
//! find are replayed by an ordinary test (`tests/fuzz_regressions.rs`) in every CI run,
//! without a fuzzer or a nightly compiler. Each function panics when its property fails.

use crate::model::Timeline;
use chrono::NaiveDate;
use std::path::Path;

/// The loader and extraction on one file of arbitrary bytes (the first byte picks how the
/// file is named: text, HTML or Markdown). The loader and extraction catch panics per file
/// and report them as a skipped file or a warning; either report fails this check.
pub fn check_loader(data: &[u8]) -> Timeline {
    let (name, bytes) = match data.split_first() {
        Some((first, rest)) => (
            match first % 3 {
                0 => "fuzz.txt",
                1 => "fuzz.html",
                _ => "fuzz.md",
            },
            rest,
        ),
        None => ("fuzz.txt", data),
    };
    let report = crate::ingest::load_bytes(&[(name, bytes)]);
    for skipped in &report.skipped {
        assert!(
            !skipped.reason.contains("internal error"),
            "the loader panicked on this input: {}",
            skipped.reason
        );
    }
    let timeline = crate::extract::extract("fuzz".to_owned(), report.sources);
    assert!(
        !timeline
            .warnings
            .iter()
            .any(|w| w.message == crate::extract::EXTRACTION_FAILED),
        "extraction panicked on this input"
    );
    for m in &timeline.mentions {
        let source = &timeline.sources[m.source];
        assert!(source.sentences.get(m.sentence).is_some());
        assert!(
            source.text.get(m.trigger.clone()).is_some(),
            "trigger off the text"
        );
    }
    timeline
}

/// The tagger on arbitrary text and reference date (the first two bytes pick the date, or
/// none): spans inside the text, on char boundaries, and not empty.
pub fn check_timex(data: &[u8]) {
    let (dct, text) = match data {
        [a, b, rest @ ..] => {
            let days = i64::from(u16::from_le_bytes([*a, *b]));
            let dct = (days != 0).then(|| {
                NaiveDate::from_ymd_opt(1900, 1, 1)
                    .unwrap_or_default()
                    .checked_add_signed(chrono::Duration::days(days))
                    .unwrap_or_default()
            });
            (dct, String::from_utf8_lossy(rest))
        }
        _ => (None, String::from_utf8_lossy(data)),
    };
    for t in crate::extract::timex::tag(&text, dct) {
        assert!(
            t.span.start < t.span.end && t.span.end <= text.len(),
            "{:?}",
            t.span
        );
        assert!(
            text.get(t.span.clone()).is_some(),
            "span off char boundaries"
        );
        assert!(!t.value.is_empty());
    }
}

/// RON and JSON import on arbitrary text: a timeline or an error, never a panic.
pub fn check_import(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for format in [crate::export::Format::Ron, crate::export::Format::Json] {
        if let Ok(timeline) = crate::export::parse_str(&text, format, Path::new("fuzz")) {
            // What imports must be usable: every mention in range of its source.
            for m in &timeline.mentions {
                assert!(m.source < timeline.sources.len());
            }
        }
    }
}
