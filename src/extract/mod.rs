//! Pure extraction: from parsed sources to the event model. No I/O, no egui.
//!
//! Order of work: each article's date (two passes: first from its own text, then with the
//! folder's consensus date as a prior for the articles whose text leaves it open), time
//! expressions resolved against that date, event mentions, then alignment across sources.
//! The same sources always give the same timeline (no hash-order iteration anywhere).

pub mod align;
pub mod docdate;
pub mod mentions;
pub mod timex;

use crate::assets::assets;
use crate::model::{DateBasis, Published, Skipped, Source, Timeline};
use chrono::NaiveDate;
use mentions::TriggerMatcher;
use std::sync::LazyLock;

// Built from the bundled lexicon, whose validity `trigger_lexicon_compiles` checks.
static MATCHER: LazyLock<TriggerMatcher> = LazyLock::new(|| {
    TriggerMatcher::new(&assets().events).unwrap_or_else(|e| panic!("bundled trigger lexicon: {e}"))
});

/// Builds the timeline of a set of parsed sources.
pub fn extract(origin: String, mut sources: Vec<Source>, skipped: Vec<Skipped>) -> Timeline {
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    date_sources(&mut sources);
    let mut mentions = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let dct = source.published.as_ref().map(|p| p.date);
        let timexes = timex::tag(&source.text, dct);
        mentions.extend(mentions::detect(i, source, &timexes, dct, &MATCHER));
    }
    let events = align::align(&sources, &mentions);
    Timeline {
        origin,
        sources,
        mentions,
        events,
        skipped,
    }
}

/// Fills in publication dates that metadata did not give.
fn date_sources(sources: &mut [Source]) {
    let first: Vec<Option<docdate::DateGuess>> = sources
        .iter()
        .map(|s| match s.published {
            Some(_) => None,
            None => docdate::infer_document_date(&s.text, &s.sentences, None),
        })
        .collect();
    let mut confident: Vec<NaiveDate> = sources
        .iter()
        .zip(&first)
        .filter_map(|(s, g)| match (&s.published, g) {
            (Some(p), _) => Some(p.date),
            (None, Some(g)) if g.confident => Some(g.date),
            _ => None,
        })
        .collect();
    confident.sort_unstable();
    let hint = confident
        .get(confident.len().saturating_sub(1) / 2)
        .copied();
    for (source, guess) in sources.iter_mut().zip(first) {
        if source.published.is_some() {
            continue;
        }
        let guess = match guess {
            Some(g) if g.confident => Some(g),
            _ => docdate::infer_document_date(&source.text, &source.sentences, hint),
        };
        source.published = guess.map(|g| Published {
            date: g.date,
            basis: DateBasis::Inferred {
                evidence: g.evidence,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigger_lexicon_compiles() {
        assert!(TriggerMatcher::new(&assets().events).is_ok());
    }
}
