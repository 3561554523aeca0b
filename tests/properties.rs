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
