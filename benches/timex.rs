//! Time-tagging throughput on a generated corpus of wire-style text.
//!
//! `cargo bench --bench timex [-- MEGABYTES]` generates MEGABYTES (default 20) of
//! deterministic wire-style sentences dense in time expressions (dates, weekdays, clock times
//! with zones, durations, relative periods, financial quarters), cuts it into article-sized
//! chunks of about 4 KB, and tags every chunk with `truceline::extract::timex::tag` against a
//! fixed reference date. It prints MB/s and time expressions per second for the best of three
//! runs, so runs are comparable (fixed seed, no I/O inside the timed loop).

use chrono::NaiveDate;
use std::fmt::Write as _;
use std::time::Instant;
use truceline::extract::timex::tag;

/// A small deterministic generator (SplitMix64): no dependency, same corpus every run.
mod common;
use common::Rng;

const PLACES: &[&str] = &[
    "STEPANAKERT",
    "BAKU",
    "YEREVAN",
    "MOSCOW",
    "GENEVA",
    "KYIV",
    "DONETSK",
    "SANAA",
    "TRIPOLI",
    "KHARTOUM",
];
const SOURCES: &[&str] = &["officials said", "a spokesman said", "the ministry said"];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// Month names without "May", which the tagger reads as a month only after a signal word
/// ("in May"); the generator's `common::MONTHS` has all twelve, for running text.
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ZONES: &[&str] = &["GMT", "local time", "Moscow time", "EDT", "UTC", "CET"];
const RELATIVE: &[&str] = &[
    "last week",
    "late last month",
    "earlier this year",
    "yesterday",
    "this morning",
    "the early hours of Sunday",
    "overnight",
    "three days ago",
    "a year earlier",
    "the third quarter",
    "next year's first quarter",
    "the past two months",
    "recently",
    "now",
];
const FILLER: &[&str] = &[
    "Shelling continued along the front line",
    "Both sides accused each other of violating the truce",
    "Humanitarian convoys waited at the checkpoint",
    "The talks were mediated by foreign ministers",
    "Residents sheltered in basements",
    "Net income rose to $4.2 million, or 31 cents a share",
];

fn sentence(rng: &mut Rng, out: &mut String) {
    let filler = rng.pick(FILLER);
    let _ = match rng.below(9) {
        0 => write!(
            out,
            "{}, {} {} (Reuters) - {} on {}, {}. ",
            rng.pick(PLACES),
            rng.pick(MONTHS),
            1 + rng.below(28),
            filler,
            rng.pick(WEEKDAYS),
            rng.pick(SOURCES)
        ),
        1 => write!(
            out,
            "{filler} at {:02}:{:02} {} on {}. ",
            rng.below(24),
            rng.below(60),
            rng.pick(ZONES),
            rng.pick(WEEKDAYS)
        ),
        2 => write!(
            out,
            "{filler} {}, {}. ",
            rng.pick(RELATIVE),
            rng.pick(SOURCES)
        ),
        3 => write!(
            out,
            "The ceasefire signed on {} {}, {} held for {} hours. ",
            1 + rng.below(28),
            rng.pick(MONTHS),
            1990 + rng.below(35),
            1 + rng.below(48)
        ),
        4 => write!(
            out,
            "{filler} since the early {}0s, a conflict of at least {} years. ",
            190 + rng.below(12),
            2 + rng.below(40)
        ),
        5 => write!(
            out,
            "{filler}; a new round is due to begin next {} at {} p.m. ",
            rng.pick(WEEKDAYS),
            1 + rng.below(12)
        ),
        6 => write!(
            out,
            "{filler} in the quarter, up from a year ago and {} {}. ",
            rng.pick(RELATIVE),
            rng.pick(SOURCES)
        ),
        // Sentences without time expressions keep the mix realistic.
        _ => write!(out, "{filler}, {} in a statement. ", rng.pick(SOURCES)),
    };
}

/// Article-sized chunks of about `chunk` bytes, cut at sentence ends.
fn corpus(bytes: usize, chunk: usize) -> Vec<String> {
    let mut rng = Rng(0x7157_1CE0_2020_1010);
    let mut chunks = Vec::new();
    let mut total = 0;
    while total < bytes {
        let mut article = String::with_capacity(chunk + 256);
        while article.len() < chunk {
            sentence(&mut rng, &mut article);
            if rng.below(5) == 0 {
                article.push_str("\n\n");
            }
        }
        total += article.len();
        chunks.push(article);
    }
    chunks
}

fn main() {
    let megabytes: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20);
    let chunks = corpus(megabytes * 1_000_000, 4_096);
    let bytes: usize = chunks.iter().map(String::len).sum();
    let dct = NaiveDate::from_ymd_opt(2020, 10, 10);
    println!(
        "timex bench: {} chunks, {:.1} MB, reference date {:?}",
        chunks.len(),
        bytes as f64 / 1e6,
        dct
    );
    let mut best = f64::INFINITY;
    let mut found = 0;
    for run in 1..=3 {
        let start = Instant::now();
        found = chunks.iter().map(|c| tag(c, dct).len()).sum::<usize>();
        let secs = start.elapsed().as_secs_f64();
        println!(
            "run {run}: {secs:.2} s, {:.2} MB/s, {found} timexes",
            bytes as f64 / 1e6 / secs
        );
        best = best.min(secs);
    }
    println!(
        "best of 3: {:.2} MB/s, {:.0} timexes/s ({found} timexes, {:.1} per KB)",
        bytes as f64 / 1e6 / best,
        found as f64 / best,
        found as f64 / (bytes as f64 / 1e3)
    );
}
