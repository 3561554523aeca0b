//! `gencorpus`: writes a deterministic corpus of wire-style ceasefire reports, for benchmarks.
//!
//! ```text
//! cargo run --bin gencorpus -- [--seed N] [--articles N] OUTDIR
//! ```
//!
//! Writes N plain-text articles (about 4 KB each on average, so 10,000 articles are about
//! 40 MB) into OUTDIR, plus a hidden manifest `OUTDIR/.corpus.tsv` (file, publication date,
//! outlet, conflict, bytes) that the loader skips as a hidden file. The same seed gives the
//! same bytes; see `corpus.rs` for what the articles contain.

mod common;
mod corpus;

use anyhow::bail;
use std::path::PathBuf;

const USAGE: &str = "usage: gencorpus [--seed N] [--articles N] OUTDIR";

fn main() -> anyhow::Result<()> {
    use lexopt::prelude::*;
    let mut seed = 42u64;
    let mut articles = 1000usize;
    let mut out: Option<PathBuf> = None;
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("seed") => seed = parser.value()?.parse()?,
            Short('n') | Long("articles") => articles = parser.value()?.parse()?,
            Short('h') | Long("help") => {
                println!("{USAGE}");
                return Ok(());
            }
            Value(v) if out.is_none() => out = Some(v.into()),
            _ => bail!("{}\n{USAGE}", arg.unexpected()),
        }
    }
    let Some(out) = out else {
        bail!("no output folder\n{USAGE}");
    };
    let stats = corpus::write_corpus(&out, seed, articles)?;
    println!(
        "wrote {} articles, {} bytes ({:.1} MB, {:.0} bytes/article) to {}",
        stats.articles,
        stats.bytes,
        stats.bytes as f64 / 1e6,
        stats.bytes as f64 / stats.articles.max(1) as f64,
        out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::corpus::Corpus;

    #[test]
    fn the_same_seed_gives_the_same_article() {
        let a = Corpus::new(7).article(3);
        let b = Corpus::new(7).article(3);
        assert_eq!(a.text, b.text);
        assert_ne!(a.text, Corpus::new(8).article(3).text);
    }

    #[test]
    fn a_smaller_corpus_is_a_prefix_of_a_larger_one() {
        let (small, large) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        super::corpus::write_corpus(small.path(), 42, 3).unwrap();
        super::corpus::write_corpus(large.path(), 42, 5).unwrap();
        let manifest = std::fs::read_to_string(small.path().join(super::corpus::MANIFEST)).unwrap();
        for line in manifest.lines().skip(1) {
            let file = line.split('\t').next().unwrap();
            let a = std::fs::read(small.path().join(file)).unwrap();
            let b = std::fs::read(large.path().join(file)).unwrap();
            assert_eq!(a, b, "{file}");
        }
    }
}
