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
use crate::model::{DateBasis, Published, Source, Timeline};
use chrono::NaiveDate;
use mentions::TriggerMatcher;
use std::sync::LazyLock;

// Built from the bundled lexicon, whose validity `trigger_lexicon_compiles` checks.
static MATCHER: LazyLock<TriggerMatcher> = LazyLock::new(|| {
    TriggerMatcher::new(&assets().events).unwrap_or_else(|e| panic!("bundled trigger lexicon: {e}"))
});

static THRESHOLDS: LazyLock<align::Thresholds> =
    LazyLock::new(|| align::Thresholds::from_lexicon(&assets().events));

/// Builds the timeline of a set of parsed sources.
pub fn extract(origin: String, mut sources: Vec<Source>) -> Timeline {
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    date_sources(&mut sources);
    let mut mentions = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let dct = source.published.as_ref().map(|p| p.date);
        let timexes = timex::tag(&source.text, dct);
        mentions.extend(mentions::detect(i, source, &timexes, dct, &MATCHER));
    }
    let events = align::align(&sources, &mentions, &THRESHOLDS);
    Timeline {
        origin,
        sources,
        mentions,
        events,
        ..Timeline::default()
    }
}

/// Fills in publication dates. A date the file states (metadata, a "Published" line) wins;
/// then the text's own evidence; then a date in the URL or file name; then the text again,
/// with the folder's consensus date (the median of the dates known so far) as a prior.
fn date_sources(sources: &mut [Source]) {
    for source in sources.iter_mut().filter(|s| s.published.is_none()) {
        if let Some(e) = source.date_evidence.iter().find(|e| e.stated) {
            source.published = Some(Published {
                date: e.date,
                basis: DateBasis::Metadata {
                    field: e.origin.clone(),
                },
            });
        }
    }
    let first: Vec<Option<docdate::DateGuess>> = sources
        .iter()
        .map(|s| match s.published {
            Some(_) => None,
            None => docdate::infer_document_date(&s.text, &s.sentences, None),
        })
        .collect();
    for (source, guess) in sources.iter_mut().zip(&first) {
        if source.published.is_some() {
            continue;
        }
        let published = match (guess, source.date_evidence.first()) {
            (Some(g), _) if g.confident => Published {
                date: g.date,
                basis: DateBasis::Inferred {
                    evidence: g.evidence.clone(),
                    confident: true,
                },
            },
            (_, Some(e)) => Published {
                date: e.date,
                basis: DateBasis::Inferred {
                    evidence: vec![format!("date in the {}: {}", e.origin, e.date)],
                    confident: false,
                },
            },
            _ => continue,
        };
        source.published = Some(published);
    }
    let mut known: Vec<chrono::NaiveDate> = sources
        .iter()
        .filter_map(|s| s.published.as_ref().map(|p| p.date))
        .collect();
    known.sort_unstable();
    let hint: Option<NaiveDate> = known.get(known.len().saturating_sub(1) / 2).copied();
    for source in sources.iter_mut().filter(|s| s.published.is_none()) {
        source.published =
            docdate::infer_document_date(&source.text, &source.sentences, hint).map(|g| {
                Published {
                    date: g.date,
                    basis: DateBasis::Inferred {
                        evidence: g.evidence,
                        confident: g.confident,
                    },
                }
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
