//! Load + sentence-split throughput on a generated corpus of wire-style articles.
//!
//! `cargo bench --bench ingest [-- ARTICLES]` writes ARTICLES files (default 10,000, about
//! 40 MB) into a temporary folder, loads them with the real loader (walk, read, decode,
//! boilerplate, title, outlet, sentences; rayon over files), and prints MB/s, articles/s and
//! the process's peak resident memory. The corpus is deterministic (fixed seed), so runs are
//! comparable.

use std::fmt::Write as _;
use std::time::Instant;
use truceline::ingest::{self, Progress};

/// A small deterministic generator (SplitMix64): no dependency, same corpus every run.
mod common;
use common::Rng;

const OUTLETS: &[&str] = &["Reuters", "AFP", "AP", "TASS", "EFE", "Xinhua", "Anadolu"];
const PLACES: &[&str] = &[
    "Marel",
    "Tovan",
    "the northern border",
    "Kessa",
    "the capital",
    "Dorin",
];
const PARTIES: &[&str] = &[
    "Government forces",
    "The rebels",
    "The army",
    "Militia fighters",
    "The defence ministry",
];
const VERBS: &[&str] = &[
    "accused the other side of violating the ceasefire",
    "said artillery shelled positions near",
    "reported fierce clashes around",
    "agreed to a humanitarian truce covering",
    "announced that the ceasefire took effect in",
    "said drone strikes hit villages close to",
];
const TIMES: &[&str] = &[
    "on Saturday",
    "at 12:05 local time",
    "late last month",
    "overnight",
    "on March 3",
    "in the early hours of Sunday",
    "two days ago",
    "since 1994",
    "at around 3 p.m.",
    "earlier this year",
];
const FURNITURE: &[&str] = &[
    "Skip to main content",
    "Advertisement",
    "Share this article",
    "Read more:",
    "Subscribe to our newsletter",
    "Donate today",
    "Follow us on Twitter",
];

fn article(rng: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    let outlet = rng.pick(OUTLETS);
    let _ = writeln!(s, "{}\n", rng.pick(FURNITURE));
    let _ = writeln!(
        s,
        "{} trade blame as truce wobbles in {} {n}\n",
        rng.pick(PARTIES),
        rng.pick(PLACES),
    );
    let paragraphs = 8 + (rng.next() % 8) as usize;
    for p in 0..paragraphs {
        if p == 0 {
            let _ = write!(s, "KESSA, March {} ({outlet}) - ", 1 + rng.next() % 28);
        }
        for _ in 0..(2 + rng.next() % 3) {
            let _ = write!(
                s,
                "{} {} {} {}, Mr. Dorin told {outlet} by phone. ",
                rng.pick(PARTIES),
                rng.pick(VERBS),
                rng.pick(PLACES),
                rng.pick(TIMES)
            );
        }
        let _ = writeln!(s, "\u{201c}We will respond,\u{201d} a spokesman said.\n");
    }
    let _ = writeln!(s, "{}\n© 2021 {outlet}", rng.pick(FURNITURE));
    s
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let articles: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a temporary folder: {e}"));
    let mut rng = Rng(20201010);
    let mut bytes = 0u64;
    for n in 0..articles {
        let sub = dir.path().join(format!("{:03}", n % 100));
        let _ = std::fs::create_dir_all(&sub);
        let text = article(&mut rng, n);
        bytes += text.len() as u64;
        std::fs::write(sub.join(format!("{n:05}.txt")), text)
            .unwrap_or_else(|e| panic!("write: {e}"));
    }
    let rss_before = peak_rss_kib().unwrap_or(0);
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {articles} articles, {mb:.1} MB, {} threads",
        rayon::current_num_threads()
    );
    let mut best = f64::INFINITY;
    let mut sentences = 0usize;
    for run in 0..3 {
        let start = Instant::now();
        let report = ingest::load_folder(dir.path(), &Progress::default()).unwrap_or_default();
        let secs = start.elapsed().as_secs_f64();
        sentences = report.sources.iter().map(|s| s.sentences.len()).sum();
        assert_eq!(
            report.sources.len(),
            articles,
            "every generated article loads"
        );
        println!(
            "run {run}: {secs:.3} s, {:.0} MB/s, {:.0} articles/s",
            mb / secs,
            articles as f64 / secs
        );
        best = best.min(secs);
    }
    let peak = peak_rss_kib().unwrap_or(0);
    println!(
        "load + sentence split: best {:.3} s = {:.0} MB/s, {:.0} articles/s, {sentences} sentences",
        best,
        mb / best,
        articles as f64 / best
    );
    println!(
        "peak RSS {:.0} MiB (before loading {:.0} MiB) = {:.1}x the corpus size",
        peak as f64 / 1024.0,
        rss_before as f64 / 1024.0,
        peak as f64 * 1024.0 / bytes as f64
    );
}
