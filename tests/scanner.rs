//! The tagger's scan finds every rule's matches where `regex::Regex::find_iter` finds them:
//! on the seeds, the other conflicts' articles, generated wire copy, and random token soup
//! with the whitespace, case and script variants that the scanner's start finder folds.

#[allow(dead_code, reason = "the generator's helpers this test does not call")]
#[path = "../src/bin/gencorpus/common.rs"]
mod common;
#[allow(dead_code, reason = "the statistics this test does not read")]
#[path = "../src/bin/gencorpus/corpus.rs"]
mod corpus;

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use truceline::extract::scanner::Scanner;
use truceline::extract::timex;

fn scanner() -> &'static Scanner {
    timex::rule_scanner().unwrap_or_else(|| panic!("the tagger's rules compile"))
}

#[allow(clippy::unwrap_used)] // a rule the regex crate refuses is a failed test
static REFERENCE: LazyLock<Vec<regex::Regex>> = LazyLock::new(|| {
    (0..scanner().len())
        .map(|i| regex::Regex::new(scanner().pattern(i).unwrap_or_default()).unwrap())
        .collect()
});

/// Every rule's `find_iter`, rule by rule.
fn reference(text: &str) -> Vec<(u16, usize)> {
    let mut out = Vec::new();
    for (i, re) in REFERENCE.iter().enumerate() {
        out.extend(re.find_iter(text).map(|m| (i as u16, m.start())));
    }
    out
}

#[allow(clippy::unwrap_used)] // a test helper: a failed read is a failed test
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn nearly_every_rule_is_searched_only_where_it_can_start() {
    // The rule for sets ("three times a day") may start with any word; all others list theirs.
    assert!(
        scanner().prefiltered() + 1 >= scanner().len(),
        "{} of {}",
        scanner().prefiltered(),
        scanner().len()
    );
}

#[test]
fn the_scan_of_real_and_generated_articles_is_find_iter_s() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = [root.join("seeds"), root.join("tests/articles")]
        .iter()
        .flat_map(|d| files(d))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    corpus::write_corpus(dir.path(), 7, 150).unwrap();
    texts.extend(
        files(dir.path())
            .into_iter()
            .filter_map(|p| std::fs::read_to_string(p).ok()),
    );
    assert!(texts.len() > 150);
    let mut hits = 0;
    for text in &texts {
        let found = scanner().scan(text);
        assert_eq!(found, reference(text), "{}", &text[..text.len().min(200)]);
        hits += found.len();
    }
    assert!(hits > 10_000, "{hits}");
}

const TOKENS: &[&str] = &[
    "the",
    "The",
    "THE",
    "early",
    "late",
    "mid",
    "-",
    "hours",
    "of",
    "morning",
    "last",
    "next",
    "week",
    "weekend",
    "month",
    "year",
    "years",
    "ago",
    "two",
    "a",
    "an",
    "few",
    "several",
    "days",
    "day",
    "Saturday",
    "Sunday",
    "October",
    "Oct.",
    "Sept",
    "May",
    "may",
    "10",
    "2020",
    "1990s",
    "'90s",
    "’90s",
    "3",
    "12:30",
    "1100",
    "GMT",
    "a.m.",
    "p.m.",
    "noon",
    "midnight",
    "times",
    "every",
    "each",
    "daily",
    "yesterday",
    "today",
    "tonight",
    "quarter",
    "third",
    "fiscal",
    "1988",
    "period",
    "nineteen",
    "ninety",
    "two thousand",
    "century",
    "20th",
    "summer",
    "now",
    "recently",
    "future",
    "at least",
    "more than",
    "about",
    "since",
    "until",
    "\u{212a}ilo",
    "la\u{17f}t",
    "\u{0662}\u{0660}20",
    "\u{ff11}0",
    ",",
    ".",
    "(",
    ")",
    "’s",
];
const SPACES: &[&str] = &[
    " ", " ", " ", "  ", "\n", "\t", "\u{a0}", "\u{b}", "\u{3000}", " \n ", "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_scan_of_token_soup_is_find_iter_s(
        parts in prop::collection::vec((0..TOKENS.len(), 0..SPACES.len()), 0..40)
    ) {
        let text: String = parts
            .iter()
            .map(|&(t, s)| format!("{}{}", TOKENS[t], SPACES[s]))
            .collect();
        prop_assert_eq!(scanner().scan(&text), reference(&text), "{:?}", text);
    }
}
