//! Where a loaded model's memory goes: heap bytes counted by a wrapping allocator, at the
//! load's peak and after it, then freed part by part (events, mentions, sentences, the rest).
//!
//! ```text
//! cargo bench --bench heap -- DIR      # e.g. a gencorpus folder of 10,000 articles
//! ```
//!
//! Peak RSS (`cargo bench --bench load`) adds the allocator's own overhead and fragmentation
//! to these figures; this bench says which part of the model to make smaller.

use peak_alloc::PeakAlloc;
use std::path::Path;
use truceline::ingest::Progress;
use truceline::pipeline;

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: cargo bench --bench heap -- DIR");
        std::process::exit(2);
    };
    let input: u64 = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    if std::env::var_os("HEAP_TRACE").is_some() {
        std::thread::spawn(|| {
            loop {
                let rss = std::fs::read_to_string("/proc/self/status")
                    .ok()
                    .and_then(|s| {
                        s.lines()
                            .find(|l| l.starts_with("VmRSS"))
                            .and_then(|l| l.split_whitespace().nth(1)?.parse::<usize>().ok())
                    })
                    .unwrap_or(0);
                eprintln!(
                    "trace rss {:.0} heap {:.0}",
                    rss as f64 / 1024.0,
                    mib(ALLOCATOR.current_usage())
                );
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
        });
    }
    let before = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    let mut timeline = match pipeline::open_path(Path::new(dir), &Progress::default()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let peak = ALLOCATOR.peak_usage() - before;
    let input_mib = mib(input as usize);
    println!(
        "input {input_mib:.1} MiB; heap peak {:.1} MiB ({:.1}x input)",
        mib(peak),
        mib(peak) / input_mib
    );
    let mut last = ALLOCATOR.current_usage();
    println!(
        "live after the load {:.1} MiB ({:.1}x input)",
        mib(last - before),
        mib(last - before) / input_mib
    );
    let part = |name: &str, last: &mut usize| {
        let now = ALLOCATOR.current_usage();
        println!("  {name:<28} {:>7.1} MiB", mib(*last - now));
        *last = now;
    };
    let n = timeline.events.len();
    timeline.events = Vec::new();
    part(&format!("{n} events"), &mut last);
    let n = timeline.mentions.len();
    timeline.mentions = Vec::new();
    part(&format!("{n} mentions"), &mut last);
    let mut n = 0;
    for s in &mut timeline.sources {
        n += s.sentences.len();
        s.sentences = Vec::new();
    }
    part(&format!("{n} sentences"), &mut last);
    let n = timeline.sources.len();
    for s in &mut timeline.sources {
        s.text = Default::default();
    }
    part(&format!("{n} sources' texts"), &mut last);
    timeline = Default::default();
    part("the rest of the sources", &mut last);
    println!(
        "  {:<28} {:>7.1} MiB",
        "kept after the timeline",
        mib(ALLOCATOR.current_usage() - before)
    );
    drop(timeline);
}
