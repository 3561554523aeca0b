//! Properties of sentence segmentation on generated article-like text.

use proptest::prelude::*;
use truceline::assets::assets;
use truceline::ingest::{self, LineClass, Metadata};

const TOKENS: &[&str] = &[
    "The",
    "truce",
    "held",
    "on",
    "Saturday",
    "Mr.",
    "Gen.",
    "U.S.",
    "said",
    "at",
    "3",
    "p.m.",
    "1.",
    "2",
    "million",
    ".",
    ". ",
    "! ",
    "? ",
    ", ",
    " ",
    " ",
    " ",
    "\n",
    "\n",
    "\n\n",
    "“",
    "”",
    "\"",
    "’",
    "…",
    ". . .",
    " -- ",
    "—",
    "# ",
    "© 2020 Example",
    "Skip to main content",
    "Donate",
    "ARMS",
    "é",
    "日本",
    "Shelling",
    "resumed",
    "(Reuters)",
    "Sept.",
    "12:05",
    "a.m.",
    "ok",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_ordered_disjoint_and_slice_back(text in article()) {
        let source = ingest::parse_article("p.txt", &text, &Metadata::default(), assets());
        let mut end = 0;
        for s in &source.sentences {
            prop_assert!(s.span.start >= end, "overlap or disorder at {:?}", s.span);
            prop_assert!(s.span.start < s.span.end);
            prop_assert_eq!(text.get(s.span.clone()), Some(s.text.as_str()));
            end = s.span.end;
        }
    }

    #[test]
    fn every_letter_of_kept_text_is_in_exactly_one_sentence(text in article()) {
        let source = ingest::parse_article("p.txt", &text, &Metadata::default(), assets());
        let lines = ingest::classify_lines(&text, &Metadata::default(), &assets().boilerplate);
        for line in lines.iter().filter(|l| matches!(l.class, LineClass::Body | LineClass::Headline | LineClass::Caption)) {
            for (offset, c) in text[line.span.clone()].char_indices() {
                if !c.is_alphanumeric() {
                    continue;
                }
                let at = line.span.start + offset;
                let holders = source.sentences.iter().filter(|s| s.span.contains(&at)).count();
                prop_assert_eq!(holders, 1, "{:?} at {} in {:?}", c, at, text);
            }
        }
    }

    #[test]
    fn any_bytes_load_or_are_refused_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        match ingest::parse_file("x.txt", &bytes) {
            Ok((source, _)) => {
                for s in &source.sentences {
                    prop_assert_eq!(source.text.get(s.span.clone()), Some(s.text.as_str()));
                }
            }
            Err(reason) => prop_assert!(!reason.is_empty()),
        }
    }
}

/// Phrases in which a number becomes a date or a duration, to be filled with any number.
const NUMBER_PHRASES: &[&str] = &[
    "It happened {} days ago.",
    "It happened {} weeks ago.",
    "It happened {} months ago.",
    "It happened {} years ago.",
    "It happened {} decades ago.",
    "It happened {} centuries ago.",
    "The truce took effect at noon on Saturday, October 10, 2020. Rebels attacked {} days after the truce took hold.",
    "The truce took effect at noon on Saturday, October 10, 2020. Rebels attacked {} minutes after the truce took hold.",
    "The truce took effect at noon on Saturday, October 10, 2020. Rebels attacked {} hours before the truce took hold.",
    "Aid agencies said on Wednesday, October 14, 2020, {} days after a ceasefire took effect.",
    "a {}-year war",
    "in the {}s",
    "on October {}, 2020",
    "at {}:{} GMT on Monday",
    "the {}th day of the truce",
    "for {} hours of talks",
    "{} years",
];

fn numbers() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..100).prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        "[0-9]{10,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn huge_numbers_never_panic_the_tagger_or_the_pipeline(
        phrase in prop::sample::select(NUMBER_PHRASES),
        n in numbers(),
        m in numbers(),
        dct_days in -100_000i64..100_000,
    ) {
        let text = phrase.replacen("{}", &n, 1).replacen("{}", &m, 1);
        let dct = chrono::NaiveDate::from_ymd_opt(2020, 10, 10)
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(dct_days)));
        for t in truceline::extract::timex::tag(&text, dct) {
            prop_assert!(text.get(t.span.clone()).is_some(), "{:?} is not a span of {:?}", t.span, text);
        }
        let source = ingest::parse_article("n.txt", &text, &Metadata::default(), assets());
        let _ = truceline::extract::extract("p".into(), vec![source]);
    }
}

/// Words that make events and times, for generated reports.
const REPORT_TOKENS: &[&str] = &[
    "Armenia ",
    "Azerbaijan ",
    "Sudan ",
    "the army ",
    "rebels ",
    "accused ",
    "shelled ",
    "agreed to a ceasefire ",
    "the truce took effect ",
    "clashes erupted ",
    "killing seven civilians ",
    "said ",
    "on Saturday ",
    "at 12:05 local time ",
    "on October 10 ",
    "late last month ",
    "since 1994 ",
    "in Khartoum ",
    "near Ganja ",
    "five minutes after the truce took hold ",
    ". ",
    ".\n\n",
    ", ",
    "“We will respond,” ",
    "é ",
];

fn report() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(REPORT_TOKENS), 1..60)
        .prop_map(|t| format!("Date: 2020-10-11\n\n{}", t.concat()))
}

fn timeline_of(reports: &[String]) -> truceline::model::Timeline {
    let names: Vec<String> = (0..reports.len()).map(|i| format!("r{i}.txt")).collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .zip(reports)
        .map(|(n, r)| (n.as_str(), r.as_bytes()))
        .collect();
    let loaded = ingest::load_bytes(&files);
    truceline::extract::extract("generated".to_owned(), loaded.sources)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// import(export(x)) is x as far as the export carries it: exporting the imported timeline
    /// gives the same bytes, in RON and in JSON, and the events come back alike.
    #[test]
    fn export_then_import_is_a_fixed_point(reports in prop::collection::vec(report(), 1..4)) {
        use truceline::export::{self, Format, Selection};
        let timeline = timeline_of(&reports);
        for format in [Format::Ron, Format::Json] {
            let once = export::to_string(&timeline, &Selection::default(), format).unwrap();
            let back = export::parse_str(&once, format, std::path::Path::new("x")).unwrap();
            let twice = export::to_string(&back, &Selection::default(), format).unwrap();
            prop_assert_eq!(&once, &twice);
            prop_assert_eq!(back.events.len(), timeline.events.len());
            for (a, b) in timeline.events.iter().zip(&back.events) {
                prop_assert_eq!(&a.id, &b.id);
                prop_assert_eq!(a.kind, b.kind);
                prop_assert_eq!(&a.label, &b.label);
                prop_assert_eq!(a.time, b.time);
                prop_assert_eq!(a.mentions.len(), b.mentions.len());
            }
        }
    }

    /// The same bytes give the same timeline, byte for byte, however often they are read.
    #[test]
    fn extraction_is_deterministic(reports in prop::collection::vec(report(), 1..4)) {
        use truceline::export::{self, Format, Selection};
        let a = export::to_string(&timeline_of(&reports), &Selection::default(), Format::Ron).unwrap();
        let b = export::to_string(&timeline_of(&reports), &Selection::default(), Format::Ron).unwrap();
        prop_assert_eq!(a, b);
    }

    /// The tagger never panics and keeps its spans inside the text, on char boundaries.
    #[test]
    fn tagger_spans_stay_inside_any_text(text in "\\PC{0,200}", days in 0u16..60000) {
        let mut data = days.to_le_bytes().to_vec();
        data.extend_from_slice(text.as_bytes());
        truceline::fuzzing::check_timex(&data);
    }
}

/// Random edits (by mention index, turned into keys) on a generated timeline.
fn edits_of(
    timeline: &truceline::model::Timeline,
    picks: &[(u8, usize, usize)],
) -> Vec<truceline::model::Edit> {
    use truceline::model::Edit;
    let n = timeline.mentions.len();
    if n == 0 {
        return Vec::new();
    }
    picks
        .iter()
        .filter_map(|&(what, a, b)| {
            let a = timeline.mention_key(a % n)?;
            let b = timeline.mention_key(b % n)?;
            Some(match what % 3 {
                0 => Edit::Merge { keep: a, absorb: b },
                1 => Edit::Split { mention: a },
                _ => Edit::Rename {
                    mention: a,
                    label: format!("Renamed {}", b.trigger.start),
                },
            })
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Edits keep the model whole: every mention in exactly one event, ids dense and in time
    /// order; and an export with its corrections and view reads back to the same bytes.
    #[test]
    fn edited_timelines_stay_whole_and_export_with_their_corrections_to_a_fixed_point(
        reports in prop::collection::vec(report(), 1..4),
        picks in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 0..8),
        claimant in any::<bool>(),
    ) {
        use truceline::export::{self, Extras, Format, Grouping, Selection, View};
        let mut timeline = timeline_of(&reports);
        let edits = edits_of(&timeline, &picks);
        let failed = truceline::model::apply_edits(&mut timeline, &edits);
        prop_assert!(failed.is_empty(), "{:?}", failed);
        let mut seen = vec![0usize; timeline.mentions.len()];
        for (i, e) in timeline.events.iter().enumerate() {
            prop_assert_eq!(&e.id, &format!("e{}", i + 1));
            prop_assert!(!e.mentions.is_empty());
            for &m in &e.mentions {
                seen[m] += 1;
            }
        }
        prop_assert!(seen.iter().all(|&n| n == 1), "{:?}", seen);
        prop_assert!(timeline.events.windows(2).all(|w| w[0].time.start <= w[1].time.start));

        let extras = Extras {
            corrections: truceline::model::Corrections { edits, ..Default::default() },
            view: Some(View {
                from: chrono::NaiveDate::from_ymd_opt(2020, 10, 1).and_then(|d| d.and_hms_opt(0, 0, 0)),
                to: chrono::NaiveDate::from_ymd_opt(2020, 10, 12).and_then(|d| d.and_hms_opt(12, 30, 0)),
                lane_order: timeline.sources.iter().rev().map(|s| s.id.clone()).collect(),
                grouping: if claimant { Grouping::Claimant } else { Grouping::Source },
                hidden_sources: timeline.sources.iter().take(1).map(|s| s.id.clone()).collect(),
            }),
        };
        for format in [Format::Ron, Format::Json] {
            let once = export::to_string_with(&timeline, &Selection::default(), &extras, format).unwrap();
            let (back, back_extras) = export::parse_str_with(&once, format, std::path::Path::new("x")).unwrap();
            prop_assert_eq!(&back_extras, &extras);
            let twice = export::to_string_with(&back, &Selection::default(), &back_extras, format).unwrap();
            prop_assert_eq!(&once, &twice);
        }
    }
}
