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
