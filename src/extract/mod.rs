//! Pure extraction: from parsed sources to the event model. No I/O, no egui.
//!
//! Order of work: each article's time expressions and places searched; then, article by
//! article, its date (from its own text and name; the few they leave open wait for the
//! folder's consensus date as a prior), its expressions resolved against that date and its
//! event mentions; then alignment across sources.
//! The same sources always give the same timeline (no hash-order iteration anywhere).

pub mod align;
pub mod docdate;
pub mod facts;
mod flat;
pub mod mentions;
pub mod places;
pub mod scanner;
pub mod timex;

use crate::assets::assets;
use crate::model::{DateBasis, Published, Source, Timeline};
use chrono::NaiveDate;
use mentions::TriggerMatcher;
use rayon::prelude::*;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};

/// How far an extraction is, for a progress bar on another thread: the stage, and the
/// articles done of the total in the dating and reading stages (alignment is one step).
#[derive(Debug, Default)]
pub struct ExtractProgress {
    stage: AtomicU8,
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    /// Set from another thread to stop: the remaining articles are skipped and the
    /// timeline that comes back is incomplete, for the caller to throw away.
    pub cancel: AtomicBool,
}

/// The stages of [`extract`], in order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Stage {
    #[default]
    NotStarted = 0,
    /// Searching each article for the time expressions and places that date it.
    Dating = 1,
    /// Dating each article and finding its event mentions.
    Reading = 2,
    /// Grouping the mentions of all articles into events.
    Aligning = 3,
}

impl ExtractProgress {
    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Relaxed) {
            1 => Stage::Dating,
            2 => Stage::Reading,
            3 => Stage::Aligning,
            _ => Stage::NotStarted,
        }
    }

    fn enter(&self, stage: Stage, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.stage.store(stage as u8, Ordering::Relaxed);
    }

    fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

// Built from the bundled lexicon, whose validity `trigger_lexicon_compiles` checks.
static MATCHER: LazyLock<TriggerMatcher> = LazyLock::new(|| {
    TriggerMatcher::new(&assets().events).unwrap_or_else(|e| panic!("bundled trigger lexicon: {e}"))
});

/// Compiles the patterns and lexicons extraction searches with, on the calling thread (each
/// is otherwise compiled where first used: about a tenth of a second in all). A load starts
/// this on a worker thread while the other reads the files; compiled inside the stages, each
/// held up every thread that needed it until it was built.
pub fn warm_up() {
    let _ = timex::rule_scanner();
    LazyLock::force(&MATCHER);
    let _ = places::gazetteer();
    facts::warm_up();
}

/// Every article the unit tests have as raw text: the bundled seeds and the test articles of
/// two other conflicts (plain text, Markdown, HTML), for properties that must hold on any
/// report.
#[cfg(test)]
pub(crate) fn test_texts() -> Vec<String> {
    let articles = [
        include_str!("../../tests/articles/gaza/2023-11-24_gaza-wire.txt"),
        include_str!("../../tests/articles/gaza/gaza-analysis.md"),
        include_str!("../../tests/articles/sudan/page.html"),
        include_str!("../../tests/articles/sudan/wire.txt"),
        include_str!("../../tests/articles/sudan/wrapped.md"),
    ];
    crate::pipeline::BUNDLED_SEEDS
        .iter()
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .chain(articles.map(str::to_owned))
        .collect()
}

/// The most articles one parallel task reads. Rayon otherwise cuts the list into a few long
/// stretches, and the thread left with the last one works alone: a third of a second at a
/// year of coverage.
const ARTICLES_A_TASK: usize = 32;

static THRESHOLDS: LazyLock<align::Thresholds> =
    LazyLock::new(|| align::Thresholds::from_lexicon(&assets().events));

/// Puts clock times stated in another zone ("19:45 GMT") on the conflict's local clock (the
/// clock of the place the reports name most), so that sources quoting different clocks for
/// one moment agree. The TIMEX3 value keeps the written clock; the zone label records the
/// conversion.
fn to_local_clock(timexes: &mut [crate::model::Timex], local: &places::Place) {
    for t in timexes.iter_mut() {
        let (Some(zone), Some(resolved)) = (t.zone.as_mut(), t.resolved.as_mut()) else {
            continue;
        };
        let Some(offset) = zone.utc_offset_minutes else {
            continue;
        };
        if resolved.granularity >= crate::model::Granularity::Day
            || offset == local.utc_offset_minutes
        {
            continue;
        }
        let shift = chrono::Duration::minutes(i64::from(local.utc_offset_minutes - offset));
        resolved.start += shift;
        resolved.end += shift;
        zone.label = format!(
            "{} local time (UTC{}), converted from {}",
            local.name,
            utc_offset_text(local.utc_offset_minutes),
            zone.label
        );
        zone.utc_offset_minutes = Some(local.utc_offset_minutes);
    }
}

/// "+2", "+5:30", "-4".
fn utc_offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let (h, m) = (minutes.abs() / 60, minutes.abs() % 60);
    if m == 0 {
        format!("{sign}{h}")
    } else {
        format!("{sign}{h}:{m:02}")
    }
}

/// The warning for an article whose extraction failed (a bug), so that re-extraction can tell
/// it from the load's own warnings.
pub const EXTRACTION_FAILED: &str =
    "internal error while finding events; this article shows none (please report it)";

/// Builds the timeline of a set of parsed sources.
pub fn extract(origin: String, sources: Vec<Source>) -> Timeline {
    extract_with_progress(origin, sources, &ExtractProgress::default())
}

/// [`extract`], telling `progress` how far it is.
pub fn extract_with_progress(
    origin: String,
    mut sources: Vec<Source>,
    progress: &ExtractProgress,
) -> Timeline {
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    // Each article's patterns are searched once, for dating it and then for its timeline.
    progress.enter(Stage::Dating, sources.len());
    // And the places each article names: for the local clock, the facts and alignment.
    let gazetteer = places::gazetteer();
    let (hits, mut named): (Vec<Vec<timex::Hit>>, Vec<places::Named>) = sources
        .par_iter()
        .with_max_len(ARTICLES_A_TASK)
        .map(|s| {
            if progress.cancelled() {
                return Default::default();
            }
            let hits = timex::scan(&s.text);
            let named = gazetteer
                .map(|g| g.named(s.sentences.iter().map(|x| x.text.as_str())))
                .unwrap_or_default();
            progress.tick();
            (hits, named)
        })
        .unzip();
    if progress.cancelled() {
        return Timeline::default();
    }
    date_by_metadata(&mut sources);
    progress.enter(Stage::Reading, sources.len());
    let local = gazetteer.and_then(|g| g.main_place_among(&named));
    // The counts go before reading; each sentence's places stay for its facts.
    for n in &mut named {
        n.areas.clear();
    }
    // An article is dated, tagged and read on its own: in parallel, collected in source
    // order. It is dated by its text and name where they settle it, and read at once, its
    // expressions' groups read once for both taggings; one they leave open waits, with its
    // clues, for the folder's date.
    let read_source =
        |i: usize, source: &Source, reading: &timex::Reading, named: &places::Named| {
            // A bug that panics on one article costs that article's events, not the timeline.
            // Its reading (whose tenses a panic could leave half written) goes with it.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let dct = source.published.as_ref().map(|p| p.date);
                let mut timexes = timex::tag_read(&source.text, dct, reading);
                if let Some(place) = local {
                    to_local_clock(&mut timexes, place);
                }
                mentions::detect_named(i, source, &timexes, dct, &MATCHER, Some(named))
            }))
            .map_err(|_| ())
        };
    let mut per_source: Vec<Read> = sources
        .par_iter_mut()
        .zip(&hits)
        .zip(&named)
        .enumerate()
        .with_max_len(ARTICLES_A_TASK)
        .map(|(i, ((source, hits), named))| {
            if progress.cancelled() {
                return Read::Mentions(Ok(Vec::new()));
            }
            let reading = timex::read(&source.text, hits);
            if source.published.is_none()
                && let Some(clues) = date_by_text(
                    source,
                    &timex::tag_read(&source.text, None, &reading),
                    &reading.tenses,
                )
            {
                return Read::Waits(clues);
            }
            let found = read_source(i, source, &reading, named);
            progress.tick();
            Read::Mentions(found)
        })
        .collect();
    // The folder's date, for the articles left open.
    let hint = folder_date(&sources);
    sources
        .par_iter_mut()
        .zip(&mut per_source)
        .zip(&hits)
        .zip(&named)
        .enumerate()
        .for_each(|(i, (((source, read), hits), named))| {
            if let Read::Waits(clues) = read {
                date_by_folder(source, clues, hint);
                let reading = timex::read(&source.text, hits);
                *read = Read::Mentions(read_source(i, source, &reading, named));
                progress.tick();
            }
        });
    // Every article is tagged: its pattern hits go before alignment needs the room, and so
    // do the reading's larger search caches.
    drop(hits);
    let countries: Vec<Vec<u32>> = named.into_iter().map(|n| n.countries).collect();
    let release_caches = || {
        facts::release_caches();
        if let Some(rules) = timex::rule_scanner() {
            rules.release_searches();
        }
        MATCHER.release_searches();
    };
    rayon::broadcast(|_| release_caches());
    release_caches();
    // Sized exactly: at a year of coverage a doubling Vec's spare half is tens of megabytes.
    let mut mentions = Vec::with_capacity(
        per_source
            .iter()
            .map(|r| match r {
                Read::Mentions(Ok(found)) => found.len(),
                _ => 0,
            })
            .sum(),
    );
    let mut warnings = Vec::new();
    for (source, found) in sources.iter().zip(per_source) {
        match found {
            Read::Mentions(Ok(found)) => mentions.extend(found),
            Read::Waits(_) => {}
            Read::Mentions(Err(())) => warnings.push(crate::model::Warning {
                path: source.id.clone(),
                message: EXTRACTION_FAILED.to_owned(),
            }),
        }
    }
    crate::memory::release_free_memory();
    if progress.cancelled() {
        return Timeline::default();
    }
    // The reading stage's count stays: every article read, now matched across sources.
    progress
        .stage
        .store(Stage::Aligning as u8, Ordering::Relaxed);
    let events = align::align_named(&sources, &mentions, &THRESHOLDS, countries);
    Timeline {
        origin,
        sources,
        mentions,
        events,
        warnings,
        ..Timeline::default()
    }
}

/// An article in the reading stage of [`extract`]: read, or waiting for the folder's date.
enum Read {
    /// Its mentions; `Err` when reading it failed (a bug).
    Mentions(Result<Vec<crate::model::Mention>, ()>),
    /// Neither its text nor its name settles its date: read once the folder's date is known.
    Waits(docdate::Clues),
}

/// Fills in publication dates. A date the file states (metadata, a "Published" line) wins;
/// then the text's own evidence; then a date in the URL or file name; then the text again,
/// with the folder's consensus date (the median of the dates known so far) as a prior.
/// [`extract`] does the same, article by article as it reads them.
pub(crate) fn date_sources(sources: &mut [Source]) {
    date_by_metadata(sources);
    // Each article's own evidence, read in parallel and collected in source order.
    let clues: Vec<Option<docdate::Clues>> = sources
        .par_iter_mut()
        .map(|source| {
            if source.published.is_some() {
                return None;
            }
            date_by_text(
                source,
                &timex::tag(&source.text, None),
                &timex::Tenses::default(),
            )
        })
        .collect();
    let hint = folder_date(sources);
    for (source, clues) in sources.iter_mut().zip(&clues) {
        if let Some(clues) = clues {
            date_by_folder(source, clues, hint);
        }
    }
}

/// Dates an undated article by its own text (whose expressions tagged without a date are
/// `undated`) and the date its name gives, where they settle it; else gives its clues, for
/// [`date_by_folder`] once the folder's date is known.
fn date_by_text(
    source: &mut Source,
    undated: &[crate::model::Timex],
    tenses: &timex::Tenses,
) -> Option<docdate::Clues> {
    let clues = docdate::clues(&source.text, &source.sentences, undated, tenses);
    source.published = settled(source, docdate::infer_from(&clues, None).as_ref());
    source.published.is_none().then_some(clues)
}

/// Dates an article its text and name left open by its `clues`, with the folder's date
/// `hint` as a prior.
fn date_by_folder(source: &mut Source, clues: &docdate::Clues, hint: Option<NaiveDate>) {
    source.published = docdate::infer_from(clues, hint).map(|g| Published {
        date: g.date,
        basis: DateBasis::Inferred {
            evidence: g.evidence,
            confident: g.confident,
        },
    });
}

/// The dates the files state (metadata, a "Published" line).
fn date_by_metadata(sources: &mut [Source]) {
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
}

/// An undated article's date from its text's own `guess` and the date its file name or URL
/// gives, when they settle it.
fn settled(source: &Source, guess: Option<&docdate::DateGuess>) -> Option<Published> {
    // A date in the file name or URL is the publisher's; the text's own inference wins
    // over it only when it falls in the week before (saved or renamed a few days later).
    // Otherwise a weekday that happens to agree with a historical date ("Thursday", "March
    // 28, 1996") would move a report of 1998 back two years.
    let named = source.date_evidence.first();
    let agrees = |g: &docdate::DateGuess| {
        named.is_none_or(|e| (0..=7).contains(&(e.date - g.date).num_days()))
    };
    match (guess, named) {
        (Some(g), _) if g.confident && agrees(g) => Some(Published {
            date: g.date,
            basis: DateBasis::Inferred {
                evidence: g.evidence.clone(),
                confident: true,
            },
        }),
        (_, Some(e)) => Some(Published {
            date: e.date,
            basis: DateBasis::Inferred {
                evidence: vec![format!("date in the {}: {}", e.origin, e.date)],
                confident: false,
            },
        }),
        _ => None,
    }
}

/// The folder's consensus date: the median of the dates known.
fn folder_date(sources: &[Source]) -> Option<NaiveDate> {
    let mut known: Vec<chrono::NaiveDate> = sources
        .iter()
        .filter_map(|s| s.published.as_ref().map(|p| p.date))
        .collect();
    known.sort_unstable();
    known.get(known.len().saturating_sub(1) / 2).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_in_another_zone_move_to_local_time() {
        let local = places::Place {
            name: "Sudan".into(),
            utc_offset_minutes: 120,
            within: None,
        };
        let mut timexes = timex::tag(
            "The truce began at 19:45 GMT on Monday.",
            chrono::NaiveDate::from_ymd_opt(2023, 5, 23),
        );
        let before = timexes
            .iter()
            .find(|t| t.zone.is_some())
            .and_then(|t| t.resolved)
            .unwrap();
        to_local_clock(&mut timexes, &local);
        let t = timexes.iter().find(|t| t.zone.is_some()).unwrap();
        assert_eq!(before.iso_start(), "2023-05-22T19:45");
        assert_eq!(t.resolved.unwrap().iso_start(), "2023-05-22T21:45");
        assert_eq!(
            t.value, "2023-05-22T19:45",
            "the TIMEX3 value keeps the written clock"
        );
        assert_eq!(
            t.zone.as_ref().unwrap().label,
            "Sudan local time (UTC+2), converted from GMT"
        );
        // "local time" has no offset: nothing to convert.
        let mut local_times = timex::tag(
            "Shelling began at 12:05 local time.",
            chrono::NaiveDate::from_ymd_opt(2020, 10, 10),
        );
        let kept = local_times[0].resolved;
        to_local_clock(&mut local_times, &local);
        assert_eq!(local_times[0].resolved, kept);
        assert_eq!(utc_offset_text(330), "+5:30");
        assert_eq!(utc_offset_text(-240), "-4");
    }

    #[test]
    fn extraction_dates_each_article_as_the_dating_of_a_whole_folder_does() {
        let texts = test_texts();
        let mut files: Vec<(String, String)> = texts
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                [
                    (format!("2023-05-{:02}_wire-{i}.txt", 10 + i), t.clone()),
                    (format!("undated-{i}.txt"), t.clone()),
                ]
            })
            .collect();
        // Neither text nor name settles these: they wait for the folder's date.
        for (i, text) in [
            "Shelling resumed on Tuesday, officials said.",
            "Talks went on.",
        ]
        .iter()
        .enumerate()
        {
            files.push((format!("open-{i}.txt"), (*text).to_owned()));
        }
        let bytes: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(id, t)| (id.as_str(), t.as_bytes()))
            .collect();
        let sources = crate::ingest::load_bytes(&bytes).sources;
        let mut dated = sources.clone();
        dated.sort_by(|a, b| a.id.cmp(&b.id));
        date_sources(&mut dated);
        let timeline = extract("test".to_owned(), sources);
        let published = |s: &[Source]| -> Vec<(String, Option<Published>)> {
            s.iter()
                .map(|s| (s.id.clone(), s.published.clone()))
                .collect()
        };
        assert_eq!(published(&timeline.sources), published(&dated));
        let by_folder = |id: &str| {
            let s = timeline.sources.iter().find(|s| s.id == id).unwrap();
            match &s.published.as_ref().unwrap().basis {
                DateBasis::Inferred { evidence, .. } => evidence.join("; "),
                other => panic!("{other:?}"),
            }
        };
        assert!(by_folder("open-0.txt").contains("folder's date"));
        assert!(
            timeline
                .sources
                .iter()
                .find(|s| s.id == "open-1.txt")
                .unwrap()
                .published
                .is_none()
        );
        assert!(
            timeline
                .mentions
                .iter()
                .any(|m| timeline.sources[m.source].id == "open-0.txt")
        );
    }

    #[test]
    fn trigger_lexicon_compiles() {
        assert!(TriggerMatcher::new(&assets().events).is_ok());
    }
}
