//! Load + extract + align throughput, its growth, and peak memory, on the generated corpus.
//!
//! ```text
//! cargo bench --bench load                      # 1,000 2,000 5,000 10,000 articles
//! cargo bench --bench load -- 100 200 400       # chosen sizes
//! cargo bench --bench load -- --budget 600 ...  # allow a size up to 600 s (default 300)
//! cargo bench --bench load -- --phases 10000    # only the phases before alignment
//! cargo bench --bench load -- --tag DIR [N]     # tagger alone on the first N files of a
//!                                               # gencorpus folder (for the dateparser script)
//! cargo bench --bench load -- --open DIR        # one open_path of DIR (to profile)
//! ```
//!
//! For each size it writes that many articles of `src/bin/gencorpus` (seed 42) into a
//! temporary folder, then measures, best of a few runs:
//! - `truceline::pipeline::open_path` (walk, read, decode, parse, date, tag, detect, align),
//!   with MB/s and articles/s;
//! - the split: `ingest::load_folder`; `extract::extract` on its sources; inside extraction,
//!   the parallel `timex::tag` + `mentions::detect` over the sources as `extract` runs them,
//!   and `align::align` re-run alone on the extracted mentions (the rest of `extract` is the
//!   publication dating and the main place);
//! - the mentions, events, sentences and time expressions produced, and alignment's input
//!   and output sizes;
//! - peak memory: the bench re-runs itself (`--child-peak DIR`) to load the folder in a fresh
//!   process and report `VmHWM` from `/proc/self/status`, per MB of input.
//!
//! A size whose `open_path` is predicted (from the growth of the sizes before it) to take
//! longer than the budget gets only the phases before alignment, timed, with the number of
//! candidate pairs alignment would compare. The last lines fit the growth exponent between sizes (time ∝ size^k: k = 1 is linear, 2 is
//! quadratic), for the whole pipeline and for alignment alone.

#[allow(dead_code, reason = "the generator's helpers this bench does not call")]
#[path = "../src/bin/gencorpus/common.rs"]
mod common;
#[path = "../src/bin/gencorpus/corpus.rs"]
mod corpus;

use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;
use truceline::assets::assets;
use truceline::extract::{self, align, mentions, timex};
use truceline::ingest::{self, Progress};
use truceline::pipeline;

const SEED: u64 = 42;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let path_arg = |i: usize| Path::new(args.get(i).map_or(".", String::as_str));
    match args.first().map(String::as_str) {
        Some("--child-peak") => child_peak(path_arg(1)),
        Some("--child-peak-phases") => child_peak_phases(path_arg(1)),
        Some("--open") => open_once(path_arg(1)),
        Some("--tag") => {
            let limit = args
                .get(2)
                .and_then(|a| a.parse().ok())
                .unwrap_or(usize::MAX);
            tag_files(path_arg(1), limit);
        }
        _ => {
            let mut budget = 300.0;
            let mut sizes = Vec::new();
            let mut rest = args.iter();
            while let Some(a) = rest.next() {
                if a == "--phases" {
                    // Every size gets only the phases before alignment.
                    budget = 0.0;
                } else if a == "--budget" {
                    budget = rest
                        .next()
                        .and_then(|v| v.parse().ok())
                        .unwrap_or_else(|| panic!("--budget SECONDS"));
                } else if let Ok(n) = a.parse::<usize>() {
                    sizes.push(n);
                }
            }
            if sizes.is_empty() {
                sizes = vec![1_000, 2_000, 5_000, 10_000];
            }
            bench(&sizes, budget);
        }
    }
}

/// Seconds of the fastest of `runs` calls of `f`, and the last call's result.
fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed().as_secs_f64());
        last = Some(out);
    }
    match last {
        Some(out) => (best, out),
        None => unreachable!("at least one run"),
    }
}

/// One size's figures, for the growth fit.
struct Row {
    articles: usize,
    total: f64,
    align: f64,
    mentions: usize,
}

/// A run of `open_path` longer than this is not repeated (best of one).
const REPEAT_BELOW_SECS: f64 = 10.0;

fn bench(sizes: &[usize], budget_secs: f64) {
    println!(
        "load bench: seed {SEED}, {} rayon threads, {} cores; sizes predicted to take more than {budget_secs:.0} s in open_path get the phases without alignment",
        rayon::current_num_threads(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let thresholds = align::Thresholds::from_lexicon(&assets().events);
    let matcher = match mentions::TriggerMatcher::new(&assets().events) {
        Ok(m) => m,
        Err(e) => panic!("bundled trigger lexicon: {e}"),
    };
    let mut rows: Vec<Row> = Vec::new();
    for &n in sizes {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary folder: {e}"));
        let stats = corpus::write_corpus(dir.path(), SEED, n)
            .unwrap_or_else(|e| panic!("writing the corpus: {e}"));
        let mb = stats.bytes as f64 / 1e6;
        println!(
            "\n== {} articles, {mb:.1} MB ({:.0} bytes/article) ==",
            stats.articles,
            stats.bytes as f64 / n as f64
        );
        let predicted = if budget_secs > 0.0 {
            predict(&rows, n)
        } else {
            Some(f64::INFINITY)
        };
        if let Some(p) = predicted.filter(|&p| p > budget_secs) {
            println!(
                "open_path predicted {p:.0} s from the growth so far: over the budget, so only the phases before alignment run"
            );
            phases_only(dir.path(), mb, n, &matcher);
            continue;
        }

        // The whole pipeline, as the app and the CLI call it.
        let (first, timeline) = best_of(1, || {
            pipeline::open_path(dir.path(), &Progress::default())
                .unwrap_or_else(|e| panic!("open_path: {e}"))
        });
        // This VM's speed wanders by a third between minutes: the fastest of three runs says
        // more about the code than one or two.
        let runs = if first < REPEAT_BELOW_SECS { 3 } else { 1 };
        // Every run's time is shown: the spread is the VM's, and says how far to trust the best.
        let mut each = vec![first];
        for _ in 1..runs {
            let (secs, _) = best_of(1, || pipeline::open_path(dir.path(), &Progress::default()));
            each.push(secs);
        }
        let total = each.iter().copied().fold(f64::INFINITY, f64::min);
        let each: Vec<String> = each.iter().map(|s| format!("{s:.2}")).collect();
        println!(
            "open_path            {total:8.3} s  {:7.2} MB/s  {:8.0} articles/s  (best of {runs}: {} s)",
            mb / total,
            n as f64 / total,
            each.join(", ")
        );

        // Its parts.
        let (load, report) = best_of(runs, || {
            ingest::load_folder(dir.path(), &Progress::default())
                .unwrap_or_else(|| panic!("load cancelled"))
        });
        let sources = report.sources;
        let sentences: usize = sources.iter().map(|s| s.sentences.len()).sum();
        let (extract_secs, extracted) = best_of(runs, || {
            extract::extract("bench".to_owned(), sources.clone())
        });
        // Tagging and mention detection as `extract` runs them: in parallel over sources,
        // against the publication dates extraction settled.
        let (tag_detect, (timexes, detected)) = best_of(runs, || {
            let per: Vec<(usize, usize)> = extracted
                .sources
                .par_iter()
                .enumerate()
                .map(|(i, s)| {
                    let dct = s.published.as_ref().map(|p| p.date);
                    let t = timex::tag(&s.text, dct);
                    let m = mentions::detect(i, s, &t, dct, &matcher);
                    (t.len(), m.len())
                })
                .collect();
            per.iter().fold((0, 0), |(a, b), &(t, m)| (a + t, b + m))
        });
        // The tagger alone, for the split of the two.
        let (tag_only, _) = best_of(runs, || {
            extracted
                .sources
                .par_iter()
                .map(|s| timex::tag(&s.text, s.published.as_ref().map(|p| p.date)).len())
                .sum::<usize>()
        });
        let (align_secs, events) = best_of(runs, || {
            align::align(&extracted.sources, &extracted.mentions, &thresholds)
        });
        // Dating's first pass alone (the second, with the folder's median, is not public).
        let (dating_secs, _) = best_of(runs, || first_pass_dates(&sources));
        let rest = extract_secs - tag_detect - align_secs;
        let pct = |x: f64| 100.0 * x / (load + extract_secs);
        println!("  ingest::load_folder {load:8.3} s  ({:4.1}%)", pct(load));
        println!(
            "  extract::extract    {extract_secs:8.3} s  ({:4.1}%), of which:",
            pct(extract_secs)
        );
        println!(
            "    timex::tag           {tag_only:8.3} s  ({:4.1}%)   [parallel, {} threads]",
            pct(tag_only),
            rayon::current_num_threads()
        );
        println!(
            "    mentions::detect     {:8.3} s  ({:4.1}%)   [parallel]",
            tag_detect - tag_only,
            pct(tag_detect - tag_only)
        );
        println!(
            "    align::align         {align_secs:8.3} s  ({:4.1}%)   [as extract runs it]",
            pct(align_secs)
        );
        println!(
            "    dating, main place   {rest:8.3} s  ({:4.1}%)   [the remainder; noisy]",
            pct(rest)
        );
        println!(
            "      docdate first pass {dating_secs:8.3} s  ({:4.1}%)   [one thread; timed alone]",
            pct(dating_secs)
        );
        println!(
            "  produced: {} sources, {sentences} sentences, {timexes} time expressions, {} mentions ({detected} re-detected), {} events ({} from open_path), {} skipped, {} warnings",
            extracted.sources.len(),
            extracted.mentions.len(),
            events.len(),
            timeline.events.len(),
            timeline.skipped.len(),
            timeline.warnings.len()
        );
        let biggest = events.iter().map(|e| e.mentions.len()).max().unwrap_or(0);
        let singletons = events.iter().filter(|e| e.mentions.len() == 1).count();
        println!(
            "  events: largest {biggest} mentions, {singletons} single-mention; {:.2} mentions/article, {:.0} µs align per mention",
            extracted.mentions.len() as f64 / n as f64,
            1e6 * align_secs / extracted.mentions.len().max(1) as f64
        );
        blocking_report(&extracted.mentions);
        compared_report(&extracted.sources, &extracted.mentions);
        memory_report(dir.path(), stats.bytes, "--child-peak");
        rows.push(Row {
            articles: n,
            total,
            align: align_secs,
            mentions: extracted.mentions.len(),
        });
    }
    if rows.len() >= 2 {
        println!("\n== growth (time ∝ size^k; k = 1 linear, 2 quadratic) ==");
        for w in rows.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let size = (b.articles as f64 / a.articles as f64).ln();
            let m = (b.mentions as f64 / a.mentions.max(1) as f64).ln();
            println!(
                "  {:>6} -> {:>6} articles: open_path k = {:.2}; align k = {:.2} in articles, {:.2} in mentions",
                a.articles,
                b.articles,
                (b.total / a.total).ln() / size,
                (b.align / a.align).ln() / size,
                (b.align / a.align).ln() / m
            );
        }
    }
}

/// `open_path`'s time at `n` articles, extrapolated from the last two sizes measured (or,
/// after one, assuming quadratic growth).
fn predict(rows: &[Row], n: usize) -> Option<f64> {
    let last = rows.last()?;
    let k = match rows {
        [.., a, b] => {
            ((b.total / a.total).ln() / (b.articles as f64 / a.articles as f64).ln()).max(1.0)
        }
        _ => 2.0,
    };
    Some(last.total * (n as f64 / last.articles as f64).powf(k))
}

/// Peak memory of a fresh process running `mode` on `dir`: `--child-peak` (the whole
/// `open_path`) or `--child-peak-phases` (the phases before alignment).
fn memory_report(dir: &Path, bytes: u64, mode: &str) {
    match peak_in_child(dir, mode) {
        Some((base, peak, after)) => println!(
            "  peak RSS {:.0} MiB = {:.1}x input ({:.1}x above the {:.0} MiB before loading); {:.0} MiB resident after",
            peak as f64 / 1024.0,
            peak as f64 * 1024.0 / bytes as f64,
            peak.saturating_sub(base) as f64 * 1024.0 / bytes as f64,
            base as f64 / 1024.0,
            after as f64 / 1024.0
        ),
        None => println!("  peak RSS: the child process failed"),
    }
}

/// How many pairs of mentions alignment could compare, counted (not built) two ways:
/// - overlap: same kind family (a ceasefire agreed and in force are one family) and
///   overlapping times, by a sweep over start times; the blocking of `align::candidate_pairs`
///   up to commit c963b03, where a year-dated mention met every mention of its year;
/// - precision-blocked: the same, but only between mentions whose time spans are of
///   comparable length (classes of up to 1, 12, 100, 1000, ... days, at most one class apart),
///   as `align::candidate_pairs` blocks them since commit 652e8c8.
///
/// Both are replicas of the library's private rule, for the report: if the library changes
/// its blocking, this count describes the data, not the library.
fn blocking_report(found: &[truceline::model::Mention]) {
    use truceline::model::{EventKind, Granularity};
    let family = |k: EventKind| match k {
        EventKind::CeasefireInForce => EventKind::CeasefireAgreed,
        other => other,
    };
    let class = |m: &truceline::model::Mention| {
        let days = (m.time.last_day() - m.time.first_day()).num_days().max(0) + 1;
        let (mut class, mut reach) = (0u32, 1i64);
        while days > reach {
            reach = match reach {
                1 => 12,
                12 => 100,
                r => r.saturating_mul(10),
            };
            class += 1;
        }
        class
    };
    let classes: Vec<u32> = found.iter().map(class).collect();
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&m| (family(found[m].kind), found[m].time.start, m));
    let (mut pairs, mut blocked, mut widest) = (0u64, 0u64, 0u64);
    for (k, &i) in order.iter().enumerate() {
        let a = &found[i];
        let mut partners = 0u64;
        for &j in &order[k + 1..] {
            let b = &found[j];
            if family(b.kind) != family(a.kind) || b.time.start > a.time.end {
                break;
            }
            partners += 1;
            if classes[i].abs_diff(classes[j]) <= 1 {
                blocked += 1;
            }
        }
        pairs += partners;
        widest = widest.max(partners);
    }
    let coarse = found
        .iter()
        .filter(|m| m.time.granularity > Granularity::Day)
        .count();
    println!(
        "  alignment input: {pairs} overlapping same-family pairs ({:.1} per mention; one mention overlaps {widest}; {coarse} mentions coarser than a day); {blocked} precision-blocked ({:.1} per mention)",
        pairs as f64 / found.len().max(1) as f64,
        blocked as f64 / found.len().max(1) as f64,
    );
}

/// The pairs alignment itself scores, after its country blocking (the library's count).
fn compared_report(sources: &[truceline::model::Source], found: &[truceline::model::Mention]) {
    let n = align::candidate_pair_count(sources, found);
    println!(
        "  compared by align (also blocked by country): {n} pairs ({:.1} per mention)",
        n as f64 / found.len().max(1) as f64
    );
}

/// The phases before alignment, for sizes whose full run would take too long: the load, the
/// first dating pass (`docdate::infer_document_date` without the folder's prior, one thread,
/// as `extract` runs it), tagging and mention detection (parallel), and the size of
/// alignment's input. An approximation of `extract`'s dating (the second pass with the
/// folder's median is left out), so the mentions can differ slightly from a full run.
fn phases_only(dir: &Path, mb: f64, n: usize, matcher: &mentions::TriggerMatcher) {
    let (load, report) = best_of(1, || {
        ingest::load_folder(dir, &Progress::default()).unwrap_or_else(|| panic!("load cancelled"))
    });
    let sources = report.sources;
    let (dating, dates) = best_of(1, || first_pass_dates(&sources));
    let (tag_detect, found) = best_of(1, || tag_and_detect(&sources, &dates, matcher));
    let sum = load + dating + tag_detect;
    println!(
        "  before alignment     {sum:8.3} s  {:7.2} MB/s  {:8.0} articles/s",
        mb / sum,
        n as f64 / sum
    );
    println!("  ingest::load_folder  {load:8.3} s");
    println!("  dating (first pass)  {dating:8.3} s   [one thread]");
    println!("  tag + detect         {tag_detect:8.3} s   [parallel]");
    println!(
        "  produced: {} sources, {} sentences, {} mentions ({:.2}/article)",
        sources.len(),
        sources.iter().map(|s| s.sentences.len()).sum::<usize>(),
        found.len(),
        found.len() as f64 / n as f64
    );
    blocking_report(&found);
    compared_report(&sources, &found);
    drop(sources);
    print!("  without alignment: ");
    memory_report(dir, (mb * 1e6) as u64, "--child-peak-phases");
}

/// Publication dates as `extract`'s first pass finds them: a stated date, else the text's.
fn first_pass_dates(sources: &[truceline::model::Source]) -> Vec<Option<chrono::NaiveDate>> {
    sources
        .iter()
        .map(|s| {
            s.date_evidence
                .iter()
                .find(|e| e.stated)
                .map(|e| e.date)
                .or_else(|| {
                    truceline::extract::docdate::infer_document_date(&s.text, &s.sentences, None)
                        .map(|g| g.date)
                })
        })
        .collect()
}

/// Tagging and mention detection over all sources, in parallel, as `extract` runs them.
fn tag_and_detect(
    sources: &[truceline::model::Source],
    dates: &[Option<chrono::NaiveDate>],
    matcher: &mentions::TriggerMatcher,
) -> Vec<truceline::model::Mention> {
    sources
        .par_iter()
        .zip(dates)
        .enumerate()
        .flat_map_iter(|(i, (s, &dct))| {
            let t = timex::tag(&s.text, dct);
            mentions::detect(i, s, &t, dct, matcher)
        })
        .collect()
}

/// One `open_path` of `dir`, timed, with what it produced: the workload to profile.
fn open_once(dir: &Path) {
    let start = Instant::now();
    let timeline = pipeline::open_path(dir, &Progress::default());
    let secs = start.elapsed().as_secs_f64();
    match timeline {
        Ok(t) => println!(
            "open_path {secs:.3} s: {} sources, {} mentions, {} events",
            t.sources.len(),
            t.mentions.len(),
            t.events.len()
        ),
        Err(e) => println!("open_path {secs:.3} s: {e}"),
    }
}

/// `VmHWM` (peak resident) or another `Vm*` line of `/proc/self/status`, in KiB.
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// In a fresh process: the peak before loading, the peak of `open_path`, and what stays
/// resident with the timeline held.
fn child_peak(dir: &Path) {
    // Warm the lazily built lexicons and gazetteer, so the base is the program's own.
    let _ = assets();
    let base = status_kib("VmHWM:").unwrap_or(0);
    let timeline = pipeline::open_path(dir, &Progress::default());
    let peak = status_kib("VmHWM:").unwrap_or(0);
    let after = status_kib("VmRSS:").unwrap_or(0);
    let events = timeline.as_ref().map_or(0, |t| t.events.len());
    println!("base_kib={base} peak_kib={peak} after_kib={after} events={events}");
}

/// Like [`child_peak`], for the phases before alignment (load, dating, tag, detect).
fn child_peak_phases(dir: &Path) {
    let _ = assets();
    let matcher = match mentions::TriggerMatcher::new(&assets().events) {
        Ok(m) => m,
        Err(e) => panic!("bundled trigger lexicon: {e}"),
    };
    let base = status_kib("VmHWM:").unwrap_or(0);
    let sources = ingest::load_folder(dir, &Progress::default())
        .map(|r| r.sources)
        .unwrap_or_default();
    let dates = first_pass_dates(&sources);
    let found = tag_and_detect(&sources, &dates, &matcher);
    let peak = status_kib("VmHWM:").unwrap_or(0);
    let after = status_kib("VmRSS:").unwrap_or(0);
    println!(
        "base_kib={base} peak_kib={peak} after_kib={after} mentions={}",
        found.len()
    );
}

fn peak_in_child(dir: &Path, mode: &str) -> Option<(u64, u64, u64)> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .arg(mode)
        .arg(dir)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| -> Option<u64> {
        text.split_whitespace()
            .find_map(|w| w.strip_prefix(name))?
            .parse()
            .ok()
    };
    Some((
        field("base_kib=")?,
        field("peak_kib=")?,
        field("after_kib=")?,
    ))
}

/// The tagger alone over the first `limit` files of a gencorpus folder (in manifest order),
/// each against its publication date from the manifest: one thread (as a Python script
/// would run), then all threads. Prints one `key=value` line per mode for scripts.
fn tag_files(dir: &Path, limit: usize) {
    let manifest = std::fs::read_to_string(dir.join(corpus::MANIFEST))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(corpus::MANIFEST).display()));
    let texts: Vec<(String, chrono::NaiveDate)> = manifest
        .lines()
        .skip(1)
        .take(limit)
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let file = cols.next()?;
            let date = chrono::NaiveDate::parse_from_str(cols.next()?, "%Y-%m-%d").ok()?;
            Some((std::fs::read_to_string(dir.join(file)).ok()?, date))
        })
        .collect();
    let bytes: usize = texts.iter().map(|(t, _)| t.len()).sum();
    let (one, found) = best_of(3, || {
        texts
            .iter()
            .map(|(t, d)| timex::tag(t, Some(*d)).len())
            .sum::<usize>()
    });
    let (all, _) = best_of(3, || {
        texts
            .par_iter()
            .map(|(t, d)| timex::tag(t, Some(*d)).len())
            .sum::<usize>()
    });
    for (mode, secs) in [("one_thread", one), ("all_threads", all)] {
        println!(
            "truceline_tag mode={mode} files={} bytes={bytes} seconds={secs:.4} timexes={found} mb_per_s={:.3} files_per_s={:.1}",
            texts.len(),
            bytes as f64 / 1e6 / secs,
            texts.len() as f64 / secs
        );
    }
}
