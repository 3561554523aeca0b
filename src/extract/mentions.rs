//! Event mentions: which sentences report something happening, of what kind, and when.
//!
//! Triggers come from `assets/events.ron`. A sentence may hold several mentions of different
//! kinds ("accused Azerbaijan of shelling ..., while ... had launched a new offensive"), each
//! dated by the time expression nearest its trigger; a sentence without one takes the time of
//! the narrative just before it (HeidelTime-style), else the article's date. A mention that
//! lies more than a year before the article is background history, whatever its trigger.
//! Captions are never mentions: they date a picture, not a happening.

use super::scanner::{PatternError, Scanner, WordFinder, is_ascii_space, single_spaced_ascii};
use crate::assets::EventLexicon;
use crate::model::{
    EventKind, Facts, Granularity, Mention, SentenceRole, Source, SourceIdx, TimeBasis, TimeSpan,
    Timex, TimexType,
};
use chrono::NaiveDate;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// What a `*` in a trigger phrase stands for: up to six words.
const GAP: &str = r"(?:\s+[\w’'-]+){0,6}?";

/// How many sentences back a narrative time still applies.
const NARRATIVE_REACH_SENTENCES: usize = 2;
/// A narrative time carries to the next sentences only when it is recent news: a sentence of
/// history ("the conflict erupted on April 15") does not date the reporting that follows it.
const NARRATIVE_RECENT_DAYS: i64 = 7;
/// Older than this before the article, a happening is background, not news.
const BACKGROUND_AFTER_DAYS: i64 = 365;

/// A compiled trigger lexicon: one case-insensitive regex over all plain phrases, longest
/// first, and one pattern per gapped phrase ("truce * began": up to six words between, for
/// "a four-day truce between Israel and Hamas began"). The gapped ones are searched together
/// ([`Scanner`]): one regex each cost thirteen searches of every sentence, most of them in
/// sentences without the phrases' first words.
#[derive(Debug)]
pub struct TriggerMatcher {
    regex: Regex,
    gapped: Scanner,
    /// Each gapped pattern's kind and whether it is generic.
    gapped_kinds: Vec<(EventKind, bool)>,
    /// Which sentences may hold a gapped phrase; `None` lets every sentence through.
    gapped_gate: Option<WordGate>,
    /// Lower-cased trigger → (kind, generic).
    kinds: BTreeMap<String, (EventKind, bool)>,
}

/// The gapped phrases' words ("truce", "began"), every one of which a phrase's match holds:
/// a sentence that lacks a word of each phrase holds none of them, and is not searched. Most
/// sentences name a truce; few say in the same sentence that it began, and the search for the
/// gap between the two words was most of finding a sentence's triggers.
#[derive(Debug)]
struct WordGate {
    words: WordFinder,
    /// Each phrase's words, as bits (word `k` is bit `k`).
    needs: Vec<u64>,
}

impl WordGate {
    /// The gate for phrases given as their words; `None` when a word is not ASCII (ASCII case
    /// folding would not find all its spellings) or there are more than 64 words.
    fn new(phrases: &[Vec<String>]) -> Option<WordGate> {
        let mut words: Vec<&str> = phrases.iter().flatten().map(String::as_str).collect();
        words.sort_unstable();
        words.dedup();
        if words.len() > 64 || words.iter().any(|w| !w.is_ascii() || w.is_empty()) {
            return None;
        }
        let needs = phrases
            .iter()
            .map(|phrase| {
                phrase
                    .iter()
                    .filter_map(|w| words.binary_search(&w.as_str()).ok())
                    .fold(0u64, |bits, k| bits | 1 << k)
            })
            .collect();
        Some(WordGate {
            words: WordFinder::new(&words)?,
            needs,
        })
    }

    /// Whether `text` may hold one of the phrases: it holds all of one's words.
    fn lets_through(&self, text: &str) -> bool {
        let Some(found) = self.words.found(text) else {
            return true;
        };
        let held = found.fold(0u64, |bits, k| bits | 1 << k);
        self.needs.iter().any(|&needs| needs & !held == 0)
    }
}

/// A trigger lexicon whose phrases do not compile.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("trigger phrases: {0}")]
    Phrases(#[from] regex::Error),
    #[error("gapped trigger phrases: {0}")]
    Gapped(#[from] PatternError),
}

/// A trigger found in a sentence: byte range within the sentence, kind, generic or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TriggerHit {
    pub range: Range<usize>,
    pub kind: EventKind,
    pub generic: bool,
}

impl TriggerMatcher {
    /// Compiles the lexicon. Unknown kinds and duplicate phrases are ignored (the first kind
    /// listed wins), so a lexicon edit cannot break loading.
    pub fn new(lexicon: &EventLexicon) -> Result<TriggerMatcher, LexiconError> {
        let mut kinds = BTreeMap::new();
        let mut gapped = Vec::new();
        // Each gapped phrase's words (lower case), for the gate.
        let mut gapped_words: Vec<Vec<String>> = Vec::new();
        for entry in &lexicon.kinds {
            let Some(kind) = EventKind::from_name(&entry.kind) else {
                continue;
            };
            let phrases = entry.specific.iter().map(|p| (p, false));
            for (phrase, generic) in phrases.chain(entry.generic.iter().map(|p| (p, true))) {
                let phrase = normalise(phrase);
                if phrase.split(' ').any(|w| w == "*") {
                    let pattern = phrase
                        .split(' ')
                        .map(|w| {
                            if w == "*" {
                                GAP.to_owned()
                            } else {
                                regex::escape(w)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(r"\s+")
                        .replace(&format!(r"\s+{GAP}\s+"), &format!(r"{GAP}\s+"));
                    gapped.push((format!(r"(?i)(?-u:\b){pattern}(?-u:\b)"), kind, generic));
                    gapped_words.push(
                        phrase
                            .split(' ')
                            .filter(|w| *w != "*")
                            .map(str::to_owned)
                            .collect(),
                    );
                } else {
                    kinds.entry(phrase).or_insert((kind, generic));
                }
            }
        }
        let mut phrases: Vec<&String> = kinds.keys().collect();
        phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternation: Vec<String> = phrases
            .iter()
            .map(|p| {
                p.split(' ')
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect();
        let regex = Regex::new(&format!(
            r"(?i)(?-u:\b)(?:{})(?-u:\b)",
            alternation.join("|")
        ))?;
        let patterns: Vec<&str> = gapped.iter().map(|(p, _, _)| p.as_str()).collect();
        Ok(TriggerMatcher {
            gapped_gate: WordGate::new(&gapped_words),
            regex,
            gapped: Scanner::new(&patterns)?,
            gapped_kinds: gapped.iter().map(|&(_, k, g)| (k, g)).collect(),
            kinds,
        })
    }

    /// Frees the gapped phrases' search caches ([`Scanner::release_searches`]).
    pub fn release_searches(&self) {
        self.gapped.release_searches();
    }

    /// All triggers in `text`, left to right, non-overlapping, longest at each position.
    pub fn find(&self, text: &str) -> Vec<TriggerHit> {
        let may_hold_gapped = self
            .gapped_gate
            .as_ref()
            .is_none_or(|gate| gate.lets_through(text));
        let gapped_ranges = if may_hold_gapped {
            self.gapped.scan_ranges(text)
        } else {
            Vec::new()
        };
        let gapped: Vec<TriggerHit> = gapped_ranges
            .into_iter()
            .filter_map(|(p, range)| {
                let &(kind, generic) = self.gapped_kinds.get(usize::from(p))?;
                Some(TriggerHit {
                    range,
                    kind,
                    generic,
                })
            })
            .collect();
        let mut hits: Vec<TriggerHit> = self
            .regex
            .find_iter(text)
            .filter(|m| {
                !gapped
                    .iter()
                    .any(|g| g.range.start < m.end() && m.start() < g.range.end)
            })
            .filter_map(|m| {
                let &(kind, generic) = self.kinds.get(normalised(m.as_str()).as_ref())?;
                Some(TriggerHit {
                    range: m.range(),
                    kind,
                    generic,
                })
            })
            .collect();
        // Gapped phrases may overlap each other: keep the first of each overlapping run.
        let mut kept: Vec<TriggerHit> = Vec::new();
        let mut sorted = gapped;
        sorted.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.range.end)));
        for h in sorted {
            if kept.last().is_none_or(|k| k.range.end <= h.range.start) {
                kept.push(h);
            }
        }
        hits.extend(kept);
        hits.sort_by_key(|h| h.range.start);
        hits
    }
}

/// [`normalise`], without a copy when `text` already reads so (lower case, single spaces):
/// most triggers are written that way, and a sentence has two on average.
fn normalised(text: &str) -> std::borrow::Cow<'_, str> {
    let plain = single_spaced_ascii(text)
        && !text.bytes().any(|b| b.is_ascii_uppercase())
        && !text.starts_with(' ')
        && !text.ends_with(' ');
    if plain {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(normalise(text))
    }
}

fn normalise(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Finds the mentions of one source. `timexes` are the tagger's output over the whole source
/// text (spans into it), resolved against `dct`.
pub fn detect(
    source_idx: SourceIdx,
    source: &Source,
    timexes: &[Timex],
    dct: Option<NaiveDate>,
    matcher: &TriggerMatcher,
) -> Vec<Mention> {
    detect_named(source_idx, source, timexes, dct, matcher, None)
}

/// [`detect`], with the places the gazetteer found in each of the source's sentences
/// ([`Gazetteer::named`] over them, in order), so that its facts need not search again.
///
/// [`Gazetteer::named`]: super::places::Gazetteer::named
pub fn detect_named(
    source_idx: SourceIdx,
    source: &Source,
    timexes: &[Timex],
    dct: Option<NaiveDate>,
    matcher: &TriggerMatcher,
    named: Option<&super::places::Named>,
) -> Vec<Mention> {
    let mut out = Vec::new();
    // The time of the last sentence that had one, and its index.
    let mut narrative: Option<(usize, TimeSpan)> = None;
    let story = story_day(source, timexes, dct);
    // The tagger gives them in text order; a caller's may not be.
    let in_order = timexes.is_sorted_by_key(|t| t.span.start);
    for (si, sentence) in source.sentences.iter().enumerate() {
        // Narrative time stays inside its paragraph: a new paragraph is a new thread.
        if narrative.is_some_and(|(from, _)| {
            source.sentences.get(from).map(|f| f.paragraph) != Some(sentence.paragraph)
        }) {
            narrative = None;
        }
        let inside =
            |t: &&Timex| sentence.span.start <= t.span.start && t.span.end <= sentence.span.end;
        let near = starting_in(timexes, in_order, &sentence.span);
        // Durations counted from an earlier happening become times of their own.
        let own_dates: Vec<&Timex> = near
            .iter()
            .filter(inside)
            .filter(|t| t.resolved.is_some())
            .collect();
        let counted: Vec<(Timex, usize)> = near
            .iter()
            .filter(inside)
            .filter_map(|t| {
                counted_from_happening(t, &source.text, sentence, matcher, &out).or_else(|| {
                    counted_back_to_happening(t, &source.text, sentence, matcher, &own_dates, si)
                })
            })
            .collect();
        let dated: Vec<&Timex> = near
            .iter()
            .filter(inside)
            .filter(|t| t.resolved.is_some())
            .chain(counted.iter().map(|(t, _)| t))
            .collect();
        let hits = if sentence.role == SentenceRole::Caption {
            Vec::new()
        } else {
            reported_triggers(matcher, sentence, &dated)
        };
        // This sentence's mentions are `out[here..]`.
        let here = out.len();
        if !hits.is_empty() {
            for (kind, trigger, timex, day_only) in
                anchor(&hits, sentence.span.start, &sentence.text, &dated)
            {
                let Some((mut time, mut basis)) =
                    mention_time(timex, narrative.as_ref(), story, si, dct)
                else {
                    continue;
                };
                // "the truce", "the announcement of the truce": a definite description of a
                // happening this article has already dated refers back to it.
                if matches!(basis, TimeBasis::StoryDay { .. } | TimeBasis::ArticleDate)
                    && definite(source.text.get(sentence.span.start..trigger.start))
                    && let Some(earlier) = antecedent(&out, kind, si, dct)
                {
                    time = earlier.time;
                    basis = TimeBasis::Antecedent {
                        from_sentence: earlier.sentence,
                    };
                }
                if day_only && time.granularity < Granularity::Day {
                    time = TimeSpan::days(time.first_day(), time.last_day(), Granularity::Day);
                }
                // Counted expressions are told apart by span and value: a counted span always
                // runs past the duration the tagger found, so no tagger expression shares both.
                if let Some((_, from)) = counted
                    .iter()
                    .find(|(c, _)| timex.is_some_and(|t| t.span == c.span && t.value == c.value))
                {
                    basis = TimeBasis::Anchored {
                        from_sentence: *from,
                    };
                }
                let kind = match dct {
                    Some(d) if (d - time.last_day()).num_days() > BACKGROUND_AFTER_DAYS => {
                        EventKind::Background
                    }
                    _ => kind,
                };
                out.push(Mention {
                    source: source_idx,
                    sentence: si,
                    kind,
                    trigger,
                    time,
                    time_text: timex
                        .and_then(|t| source.text.get(t.span.clone()))
                        .map(Box::from),
                    time_span: timex.map(|t| t.span.clone()),
                    time_basis: basis,
                    clock: timex
                        .filter(|_| time.granularity < Granularity::Day)
                        .and_then(|t| t.zone.as_ref())
                        .map(|z| z.label.as_str().into()),
                    // The sentence's, filled in once it is done.
                    facts: Facts::default(),
                });
            }
        }
        // "The agreement reached in Moscow was due to take effect at noon": a definite
        // description of a happening told earlier is a mention of it, at its time.
        {
            for h in &hits {
                let trigger =
                    sentence.span.start + h.range.start..sentence.span.start + h.range.end;
                // A trigger of a kind the sentence already reports names that happening ("the
                // heavy clashes erupted late last month").
                if h.generic
                    || out[here..]
                        .iter()
                        .any(|o| o.trigger == trigger || o.kind == h.kind)
                    || !definite(source.text.get(sentence.span.start..trigger.start))
                {
                    continue;
                }
                let Some(earlier) = antecedent(&out, h.kind, si, dct) else {
                    continue;
                };
                let mention = Mention {
                    source: source_idx,
                    sentence: si,
                    kind: h.kind,
                    trigger,
                    time: earlier.time,
                    time_text: None,
                    time_span: None,
                    time_basis: TimeBasis::Antecedent {
                        from_sentence: earlier.sentence,
                    },
                    clock: None,
                    // The sentence's, filled in once it is done.
                    facts: Facts::default(),
                };
                out.push(mention);
            }
        }
        // "The truce came hours after rebels shelled the airport": the happening in a clause
        // counted back from the main one by a vague or sub-day span lies within a day of it,
        // and is a happening of its own.
        // Only a duration can be counted so (the others are refused unread): the main
        // mention is copied, to read beside the new ones, only for a sentence with one.
        if near
            .iter()
            .filter(inside)
            .any(|t| t.kind == TimexType::Duration)
            && let Some(main) = out.get(here).cloned()
        {
            for t in near.iter().filter(inside) {
                if counted.iter().any(|(c, _)| c.span.start == t.span.start) {
                    continue;
                }
                if let Some(m) = counted_near_happening(t, source, sentence, matcher, &main, si)
                    && !out[here..]
                        .iter()
                        .any(|o| o.trigger.start < m.trigger.end && m.trigger.start < o.trigger.end)
                {
                    out.push(m);
                }
            }
        }
        // Every mention of the sentence has the sentence's facts: read once, and only for a
        // sentence that reports something; moved into the last mention and copied into the
        // others (most sentences report one happening).
        if let Some((last, others)) = out.get_mut(here..).and_then(|m| m.split_last_mut()) {
            let facts = super::facts::facts_with(
                &sentence.text,
                super::places::gazetteer(),
                named.and_then(|n| n.places_of(si)),
            );
            for m in others {
                m.facts = facts.clone();
            }
            last.facts = facts;
        }
        // The narrative time moves on with the sentence's own finest recent time.
        let recent = |t: &TimeSpan| {
            dct.is_none_or(|d| (d - t.last_day()).num_days() <= NARRATIVE_RECENT_DAYS)
        };
        if let Some(t) = dated
            .iter()
            .filter_map(|t| t.resolved)
            .filter(|t| t.granularity <= Granularity::Day && recent(t))
            .min_by_key(|t| t.granularity)
        {
            narrative = Some((si, t));
        }
    }
    // In text order. Each sentence's mentions were pushed together, sentence after sentence,
    // so sorting each sentence's run is sorting the whole: a few mentions each, sorted in
    // place, where one sort of the article's mentions allocated a scratch copy of them.
    for run in out.chunk_by_mut(|a, b| a.sentence == b.sentence) {
        run.sort_by_key(|m| m.trigger.start);
    }
    debug_assert!(out.is_sorted_by_key(|m| (m.sentence, m.trigger.start)));
    out
}

/// The expressions that may lie inside `span`: those starting in it (or at its end), a
/// stretch of `timexes` when they are `in_order` (by start, as the tagger gives them); all of
/// them otherwise. Each sentence looked through every expression of its article before.
fn starting_in<'t>(timexes: &'t [Timex], in_order: bool, span: &Range<usize>) -> &'t [Timex] {
    if !in_order {
        return timexes;
    }
    let from = timexes.partition_point(|t| t.span.start < span.start);
    let rest = timexes.get(from..).unwrap_or(&[]);
    let to = from + rest.partition_point(|t| t.span.start <= span.end);
    timexes.get(from..to).unwrap_or(timexes)
}

static COUNTED_FROM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i)\s+(after|before)\s+").unwrap_or_else(|e| panic!("{e}")));
static DURATION_VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^P(?:T(\d+)([HM])|(\d+)D)$").unwrap_or_else(|e| panic!("{e}")));

/// A duration in whole minutes: `PT5M`, `PT11H`, `P2D`; `None` for vague or other units.
fn duration_minutes(duration: &Timex) -> Option<i64> {
    if duration.kind != TimexType::Duration {
        return None;
    }
    let caps = DURATION_VALUE.captures(&duration.value)?;
    match (caps.get(1), caps.get(2), caps.get(3)) {
        (Some(n), Some(unit), _) => {
            let n: i64 = n.as_str().parse().ok()?;
            if unit.as_str() == "H" {
                n.checked_mul(60)
            } else {
                Some(n)
            }
        }
        (_, _, Some(days)) => days.as_str().parse::<i64>().ok()?.checked_mul(24 * 60),
        _ => None,
    }
}

/// What follows a duration in "five minutes after the truce took hold".
struct CountedClause<'t> {
    /// "after" rather than "before".
    after: bool,
    /// Where the signal ends ("five minutes after"), without the space after it.
    signal_end: usize,
    /// Where the clause starts, and the clause up to the next comma, dash or full stop.
    clause_start: usize,
    clause: &'t str,
}

fn counted_clause<'t>(
    duration: &Timex,
    text: &'t str,
    sentence: &crate::model::Sentence,
) -> Option<CountedClause<'t>> {
    let rest = text.get(duration.span.end..sentence.span.end)?;
    let signal = COUNTED_FROM.captures(rest)?;
    let after = !signal.get(1)?.as_str().eq_ignore_ascii_case("before");
    let whole = signal.get(0)?;
    let clause_start = duration.span.end + whole.end();
    let clause_text = text.get(clause_start..sentence.span.end)?;
    let clause_len = clause_text
        .find([',', ';', '.', '(', '—'])
        .unwrap_or(clause_text.len());
    Some(CountedClause {
        after,
        signal_end: duration.span.end + whole.as_str().trim_end().len(),
        clause_start,
        clause: clause_text.get(..clause_len)?,
    })
}

/// "five minutes after the truce took hold": a duration followed by "after"/"before" and a
/// clause naming a happening of a kind this article has already dated to the minute or hour.
/// Gives a time expression spanning the whole phrase, resolved to that time plus (or minus)
/// the duration, and the sentence the anchor time came from.
fn counted_from_happening(
    duration: &Timex,
    text: &str,
    sentence: &crate::model::Sentence,
    matcher: &TriggerMatcher,
    earlier: &[Mention],
) -> Option<(Timex, usize)> {
    let minutes = duration_minutes(duration)?;
    let counted = counted_clause(duration, text, sentence)?;
    let (sign, clause_start, clause) = (
        if counted.after { 1 } else { -1 },
        counted.clause_start,
        counted.clause,
    );
    let kinds: Vec<EventKind> = matcher.find(clause).into_iter().map(|h| h.kind).collect();
    let ceasefire = [EventKind::CeasefireAgreed, EventKind::CeasefireInForce];
    let same_happening = |k: EventKind| {
        kinds.contains(&k)
            || (ceasefire.contains(&k) && kinds.iter().any(|x| ceasefire.contains(x)))
    };
    let anchor = earlier
        .iter()
        .rev()
        .find(|m| m.time.granularity <= Granularity::Hour && same_happening(m.kind))?;
    let at = anchor
        .time
        .start
        .checked_add_signed(chrono::Duration::try_minutes(sign * minutes)?)?;
    let resolved = if minutes % (24 * 60) == 0 {
        TimeSpan::day(at.date())
    } else {
        TimeSpan::minute(at)
    };
    let value = if resolved.granularity == Granularity::Minute {
        crate::model::iso_minute(at)
    } else {
        crate::model::iso_date(at.date())
    };
    Some((
        Timex {
            span: duration.span.start..clause_start + clause.trim_end().len(),
            kind: TimexType::Time,
            value,
            modifier: None,
            resolved: Some(resolved),
            relative: true,
            zone: None,
        },
        anchor.sentence,
    ))
}

/// "Aid agencies said on Wednesday ..., two days after a ceasefire took effect": with no
/// earlier stated time to count from, the sentence's own date is the reference, and the
/// happening in the "after" clause lies the duration before it (after it, for "before"). The
/// time expression spans "two days after" only, so that the clause's trigger reports it.
fn counted_back_to_happening(
    duration: &Timex,
    text: &str,
    sentence: &crate::model::Sentence,
    matcher: &TriggerMatcher,
    own_dates: &[&Timex],
    sentence_idx: usize,
) -> Option<(Timex, usize)> {
    let minutes = duration_minutes(duration)?;
    if minutes % (24 * 60) != 0 {
        return None;
    }
    let days = minutes / (24 * 60);
    let counted = counted_clause(duration, text, sentence)?;
    let (after, clause_start, clause_len) =
        (counted.after, counted.clause_start, counted.clause.len());
    if matcher.find(counted.clause).iter().all(|h| h.generic) {
        return None;
    }
    let reference = own_dates
        .iter()
        .filter(|t| t.span.end <= duration.span.start || t.span.start >= clause_start + clause_len)
        .filter_map(|t| t.resolved)
        .find(|r| r.granularity <= Granularity::Day)?;
    let shift = chrono::Duration::try_days(if after { -days } else { days })?;
    let day = reference.first_day().checked_add_signed(shift)?;
    let span_end = counted.signal_end;
    Some((
        Timex {
            span: duration.span.start..span_end,
            kind: TimexType::Date,
            value: crate::model::iso_date(day),
            modifier: None,
            resolved: Some(TimeSpan::day(day)),
            relative: true,
            zone: None,
        },
        sentence_idx,
    ))
}

/// Determiners that make a noun phrase point back at something already told: "the truce",
/// "this attack". Not "that", which in news mostly opens a reported clause ("said that
/// fighting resumed").
const DEFINITE: &[&str] = &["the", "this"];

/// Whether a trigger is a definite description: a determiner right before it. A modifier in
/// between is not allowed: "the initial agreement" or "the heavy clashes" may be another one,
/// and "the parties to the conflict accuse" shows that a word after "the" is not always the
/// noun it determines.
///
/// Compared ignoring ASCII case: no other character lowers to a letter of these words.
fn definite(before: Option<&str>) -> bool {
    before
        .unwrap_or("")
        .split_whitespace()
        .next_back()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .is_some_and(|w| DEFINITE.iter().any(|d| w.eq_ignore_ascii_case(d)))
}

/// The nearest earlier mention in the article of the same kind that its own expression dates
/// to a day or finer, recent news (not history).
fn antecedent(
    earlier: &[Mention],
    kind: EventKind,
    before_sentence: usize,
    dct: Option<NaiveDate>,
) -> Option<&Mention> {
    earlier.iter().rev().find(|m| {
        m.kind == kind
            && m.sentence < before_sentence
            && matches!(
                m.time_basis,
                TimeBasis::Explicit | TimeBasis::Relative { .. } | TimeBasis::Anchored { .. }
            )
            && m.time.granularity <= Granularity::Day
            && dct.is_none_or(|d| (d - m.time.last_day()).num_days() <= NARRATIVE_RECENT_DAYS)
    })
}

static SUB_DAY_SPAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^PT(?:\d+|X)[HM]$").unwrap_or_else(|e| panic!("{e}")));

/// "... came hours after Azerbaijan accused Armenia of a missile attack": a span of minutes or
/// hours (stated or vague) counted back (or forward, for "before") from the sentence's main
/// happening; the clause's first specific trigger happened within a day of it. Day precision:
/// "hours" may cross midnight.
fn counted_near_happening(
    duration: &Timex,
    source: &Source,
    sentence: &crate::model::Sentence,
    matcher: &TriggerMatcher,
    main: &Mention,
    sentence_idx: usize,
) -> Option<Mention> {
    if duration.kind != TimexType::Duration || !SUB_DAY_SPAN.is_match(&duration.value) {
        return None;
    }
    // Counted from a time the article states, not from a fallback day.
    if main.trigger.end > duration.span.start
        || matches!(
            main.time_basis,
            TimeBasis::StoryDay { .. } | TimeBasis::ArticleDate
        )
    {
        return None;
    }
    let counted = counted_clause(duration, &source.text, sentence)?;
    let hit = matcher
        .find(counted.clause)
        .into_iter()
        .find(|h| !h.generic)?;
    let (first, last) = (main.time.first_day(), main.time.last_day());
    let one_day = chrono::Duration::try_days(1)?;
    let time = if counted.after {
        TimeSpan::days(first.checked_sub_signed(one_day)?, last, Granularity::Day)
    } else {
        TimeSpan::days(first, last.checked_add_signed(one_day)?, Granularity::Day)
    };
    let span = duration.span.start..counted.signal_end;
    Some(Mention {
        source: main.source,
        sentence: sentence_idx,
        kind: hit.kind,
        trigger: counted.clause_start + hit.range.start..counted.clause_start + hit.range.end,
        time,
        time_text: source.text.get(span.clone()).map(Box::from),
        time_span: Some(span),
        time_basis: TimeBasis::Anchored {
            from_sentence: sentence_idx,
        },
        clock: None,
        facts: main.facts.clone(),
    })
}

/// The triggers of a sentence that may report a happening: not those inside a counted time
/// ("after the truce took hold" names the anchor), and only specific ones when it has any.
fn reported_triggers(
    matcher: &TriggerMatcher,
    sentence: &crate::model::Sentence,
    dated: &[&Timex],
) -> Vec<TriggerHit> {
    let mut hits = matcher.find(&sentence.text);
    hits.retain(|h| {
        let (start, end) = (
            sentence.span.start + h.range.start,
            sentence.span.start + h.range.end,
        );
        !dated
            .iter()
            .any(|t| t.span.start <= start && end <= t.span.end)
    });
    if hits.iter().any(|h| !h.generic) {
        hits.retain(|h| !h.generic);
    }
    hits
}

/// What crossing a clause boundary adds to the distance between a trigger and a time
/// expression, in bytes (about six words).
const CLAUSE_BOUNDARY_TOLL: usize = 40;

/// Words that open a temporal subordinate clause: a trigger after one reports the background
/// of the main clause's happening ("accused each other of breaking a ceasefire just minutes
/// *after* it was agreed on Saturday" reports an accusation, on Saturday). Not "while" (in
/// news mostly "whereas": "X accused ..., while Y alleged ...") nor "since" ("thousands fled
/// since fighting resumed on 27 September" dates the fighting, not the flight).
const SUBORDINATORS: &[&str] = &["after", "before", "when", "whenever", "until", "once"];

/// The clause boundaries in `between`: commas, semicolons and dashes, and the words "and",
/// "but", "while" and "whereas".
///
/// ASCII text (most) is read a byte at a time: a sentence's every trigger is measured
/// against its every expression, and reading characters here was 1% of a load.
fn clause_boundaries(between: &str) -> usize {
    const JOINING: [&[u8]; 4] = [b"and", b"but", b"while", b"whereas"];
    if !between.is_ascii() {
        return between.matches([',', ';', '—']).count()
            + between
                .split_whitespace()
                .filter(|w| JOINING.contains(&w.as_bytes()))
                .count();
    }
    between
        .as_bytes()
        .split(|&b| is_ascii_space(b))
        .map(|word| {
            word.iter().filter(|&&b| b == b',' || b == b';').count()
                + usize::from(JOINING.contains(&word))
        })
        .sum()
}

/// The happenings a sentence reports. Each dated time expression anchors one, reported by the
/// trigger nearest to it (specific triggers only, when the sentence has any), unless that
/// trigger stands in a subordinate clause after the sentence's first trigger: then the main
/// clause, which news sentences lead with, reports it. A trigger that owns several expressions
/// keeps the finest, and of those the nearest. The main clause takes only the day of a
/// subordinate clause's clock time ("accused ... hours before the truce took effect at noon":
/// the accusation is not at noon), and the subordinate trigger keeps the clock time as a
/// happening of its own. A sentence with triggers but no dated expression reports one
/// happening, named by its first trigger. Returns (kind, trigger span, timex, day only), in
/// trigger order.
fn anchor<'t>(
    hits: &[TriggerHit],
    sentence_start: usize,
    sentence_text: &str,
    dated: &[&'t Timex],
) -> Vec<(EventKind, Range<usize>, Option<&'t Timex>, bool)> {
    let Some(first) = hits.first() else {
        return Vec::new();
    };
    let absolute = |r: &Range<usize>| sentence_start + r.start..sentence_start + r.end;
    if dated.is_empty() {
        return vec![(first.kind, absolute(&first.range), None, false)];
    }
    // Bytes between a trigger and an expression, plus a toll for each clause boundary in
    // between: an expression belongs to the nearest trigger of its own clause ("... 30 years
    // ago and a fragile ceasefire had been established since 1994").
    let gap = |r: &Range<usize>, t: &Timex| {
        let (from, to) = if r.end <= t.span.start {
            (r.end, t.span.start)
        } else {
            (t.span.end, r.start.max(t.span.end))
        };
        let between = sentence_text
            .get(from.saturating_sub(sentence_start)..to.saturating_sub(sentence_start))
            .unwrap_or("");
        to - from + CLAUSE_BOUNDARY_TOLL * clause_boundaries(between)
    };
    // Trigger index → the expression it owns: the finest, and of equally fine ones the
    // nearest ("established since 1994", not "30 years ago" earlier in the sentence).
    // A few entries a sentence: a list searched in full, sorted by trigger at the end.
    let mut owned: Vec<(usize, &'t Timex, bool)> = Vec::with_capacity(dated.len());
    let mut own = |owner: usize, t: &'t Timex, day_only: bool| {
        let trigger = absolute(&hits[owner].range);
        let better = |old: &&Timex| {
            let g = |x: &Timex| x.resolved.map(|r| r.granularity);
            (g(t), gap(&trigger, t)) < (g(old), gap(&trigger, old))
        };
        match owned.iter_mut().find(|(o, _, _)| *o == owner) {
            Some((_, old, _)) if !better(old) => {}
            Some(entry) => *entry = (owner, t, day_only),
            None => owned.push((owner, t, day_only)),
        }
    };
    let nearest_of = |t: &Timex| (0..hits.len()).min_by_key(|&i| gap(&absolute(&hits[i].range), t));
    let subordinate = |nearest: usize| {
        nearest > 0
            && sentence_text
                .get(hits[0].range.end..hits[nearest].range.start)
                .is_some_and(|between| {
                    between
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| SUBORDINATORS.iter().any(|s| w.eq_ignore_ascii_case(s)))
                })
    };
    // A main clause with a time of its own ("took effect at 21:45 ... after the two sides
    // signed an agreement on Saturday") leaves the subordinate clause its time.
    let main_has_own_time = dated.iter().any(|t| nearest_of(t).is_some_and(|n| n == 0));
    for &t in dated {
        let Some(nearest) = nearest_of(t) else {
            continue;
        };
        let clock = t.resolved.is_some_and(|r| r.granularity < Granularity::Day);
        if subordinate(nearest) && !main_has_own_time {
            own(0, t, clock);
            if clock {
                own(nearest, t, false);
            }
        } else {
            own(nearest, t, false);
        }
    }
    owned.sort_unstable_by_key(|&(i, _, _)| i);
    owned
        .into_iter()
        .map(|(i, t, day_only)| (hits[i].kind, absolute(&hits[i].range), Some(t), day_only))
        .collect()
}

/// How many opening sentences (headline included) may state the story's day.
const OPENING_SENTENCES: usize = 3;

/// The story's day: the first recent day (at most `NARRATIVE_RECENT_DAYS` before the article)
/// that the lede states; news leads with when its news happened. With the sentence it came
/// from.
fn story_day(
    source: &Source,
    timexes: &[Timex],
    dct: Option<NaiveDate>,
) -> Option<(usize, NaiveDate)> {
    let dct = dct?;
    source
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.role != SentenceRole::Caption)
        .take(OPENING_SENTENCES)
        .find_map(|(si, s)| {
            timexes
                .iter()
                .filter(|t| s.span.start <= t.span.start && t.span.end <= s.span.end)
                .filter_map(|t| t.resolved)
                .find(|r| r.granularity <= Granularity::Day && r.first_day() == r.last_day())
                .map(|r| r.first_day())
                .filter(|d| *d <= dct && (dct - *d).num_days() <= NARRATIVE_RECENT_DAYS)
                .map(|d| (si, d))
        })
}

/// The time of a mention: its own dated expression, else the recent narrative time (at day
/// precision), else the article's date.
fn mention_time(
    timex: Option<&Timex>,
    narrative: Option<&(usize, TimeSpan)>,
    story: Option<(usize, NaiveDate)>,
    sentence_idx: usize,
    dct: Option<NaiveDate>,
) -> Option<(TimeSpan, TimeBasis)> {
    if let Some(t) = timex {
        let basis = match (t.relative, dct) {
            (true, Some(reference)) => TimeBasis::Relative { reference },
            _ => TimeBasis::Explicit,
        };
        return Some((t.resolved?, basis));
    }
    if let Some(&(from, span)) = narrative
        && sentence_idx - from <= NARRATIVE_REACH_SENTENCES
    {
        let day = TimeSpan::days(span.first_day(), span.last_day(), Granularity::Day);
        return Some((
            day,
            TimeBasis::Narrative {
                from_sentence: from,
            },
        ));
    }
    if let Some((from, day)) = story {
        return Some((
            TimeSpan::day(day),
            TimeBasis::StoryDay {
                from_sentence: from,
            },
        ));
    }
    dct.map(|d| (TimeSpan::day(d), TimeBasis::ArticleDate))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::assets;
    use crate::model::{Sentence, TimexType};

    /// [`clause_boundaries`] as first written, by characters.
    fn clause_boundaries_by_chars(between: &str) -> usize {
        between.matches([',', ';', '—']).count()
            + between
                .split_whitespace()
                .filter(|w| matches!(*w, "and" | "but" | "while" | "whereas"))
                .count()
    }

    proptest::proptest! {
        #[test]
        fn clause_boundaries_by_bytes_are_those_by_characters(
            between in "((and|but|while|whereas|ands|band|[a-z]{0,3})[ ,;\t\n\x0b\x0c\r—\u{a0}é]{0,3}){0,10}"
        ) {
            proptest::prop_assert_eq!(clause_boundaries(&between), clause_boundaries_by_chars(&between));
        }
    }

    fn matcher() -> TriggerMatcher {
        TriggerMatcher::new(&assets().events).unwrap()
    }

    static MATCHER: LazyLock<TriggerMatcher> = LazyLock::new(matcher);

    fn source(text: &str) -> Source {
        crate::ingest::parse_article("t.txt", text, &crate::ingest::Metadata::default(), assets())
    }

    #[test]
    fn a_sentence_finds_its_expressions_in_its_stretch_of_the_article() {
        let seeds = crate::pipeline::open_bundled_seeds();
        let mut sentences = 0;
        for source in &seeds.sources {
            let dct = source.published.as_ref().map(|p| p.date);
            let timexes = crate::extract::timex::tag(&source.text, dct);
            assert!(timexes.is_sorted_by_key(|t| t.span.start));
            let mut reversed = timexes.clone();
            reversed.reverse();
            for sentence in &source.sentences {
                let inside = |t: &&Timex| {
                    sentence.span.start <= t.span.start && t.span.end <= sentence.span.end
                };
                let all: Vec<&Timex> = timexes.iter().filter(inside).collect();
                let near: Vec<&Timex> = starting_in(&timexes, true, &sentence.span)
                    .iter()
                    .filter(inside)
                    .collect();
                assert_eq!(near, all, "{}: {}", source.id, sentence.text);
                // Out of order, every expression is looked at.
                assert_eq!(
                    starting_in(&reversed, false, &sentence.span).len(),
                    timexes.len()
                );
                sentences += usize::from(!all.is_empty());
            }
        }
        assert!(
            sentences > 20,
            "only {sentences} sentences with expressions"
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn timex(text: &str, needle: &str, span: TimeSpan, relative: bool) -> Timex {
        let start = text.find(needle).unwrap();
        Timex {
            span: start..start + needle.len(),
            kind: crate::model::TimexType::Date,
            value: String::new(),
            modifier: None,
            resolved: Some(span),
            relative,
            zone: None,
        }
    }

    #[test]
    fn gapped_phrases_span_the_words_between() {
        let m = matcher();
        let text =
            "A four-day truce between Israel and Hamas began at 7 a.m., halting the fighting.";
        let hits = m.find(text);
        let found: Vec<(&str, EventKind)> = hits
            .iter()
            .map(|h| (&text[h.range.clone()], h.kind))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "truce between Israel and Hamas began",
                    EventKind::CeasefireInForce
                ),
                ("fighting", EventKind::ArmedClash)
            ]
        );
        // More than six words between is no longer one phrase.
        let far = "The truce that the parties and their many allies had long sought finally began.";
        assert!(
            m.find(far)
                .iter()
                .all(|h| h.kind != EventKind::CeasefireInForce)
        );
    }

    proptest::proptest! {
        #[test]
        fn a_trigger_read_without_a_copy_is_the_normalised_one(
            text in "[a-zA-Z \\t\\n\\x0b\\x0c\\r\\x1c\u{a0}\u{212a}é-]{0,12}"
        ) {
            let (fast, slow) = (normalised(&text), normalise(&text));
            proptest::prop_assert_eq!(fast.as_ref(), slow.as_str());
        }
    }

    proptest::proptest! {
        #[test]
        fn the_word_gate_never_shuts_out_a_gapped_phrase(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "truce", "Ceasefire", "PAUSE", "began", "Begins", "started", "starts", "took",
                "effect", "came", "into", "force", "a", "four-day", "between", "Israel", "and",
                "Hamas", "\u{212A}", "s\u{17F}", "\u{a0}", "tru\u{17F}e", "TRUCE", "forced",
            ]), 0..12),
            glue in proptest::collection::vec(
                proptest::sample::select(vec![" ", "  ", "\t", "\n", ""]),
                12,
            ),
        ) {
            let m = &*MATCHER;
            let gate = m.gapped_gate.as_ref().unwrap();
            let text: String = words.iter().zip(&glue).flat_map(|(w, g)| [*w, *g]).collect();
            if !m.gapped.scan_ranges(&text).is_empty() {
                proptest::prop_assert!(gate.lets_through(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn the_word_gate_lets_through_every_sentence_with_a_gapped_phrase_and_few_others() {
        let gate = MATCHER.gapped_gate.as_ref().unwrap();
        let (mut held, mut through, mut all) = (0, 0, 0);
        for text in crate::extract::test_texts() {
            for line in text.lines() {
                let holds = !MATCHER.gapped.scan_ranges(line).is_empty();
                assert!(!holds || gate.lets_through(line), "{line}");
                held += usize::from(holds);
                through += usize::from(gate.lets_through(line));
                all += 1;
            }
        }
        assert!(
            held > 0 && through < all / 4,
            "{held} held, {through} of {all} through"
        );
    }

    #[test]
    fn gapped_phrases_are_found_across_any_white_space_and_case() {
        let m = matcher();
        let gapped = |text: &str| -> Vec<String> {
            m.find(text)
                .iter()
                .filter(|h| h.kind == EventKind::CeasefireInForce)
                .map(|h| text[h.range.clone()].to_owned())
                .collect()
        };
        assert_eq!(
            gapped("A TRUCE\u{a0}between\tthe two  sides\nBEGAN at dawn."),
            ["TRUCE\u{a0}between\tthe two  sides\nBEGAN"]
        );
        // The long s is an s to a case-insensitive pattern: the search takes the plain way.
        assert_eq!(
            gapped("The pau\u{17F}e in the shelling began on Monday."),
            ["pau\u{17F}e in the shelling began"]
        );
        assert_eq!(
            gapped("The ceasefire came into force; a second ceasefire that week took effect."),
            ["ceasefire came into force", "took effect"]
        );
    }

    #[test]
    fn longest_trigger_wins_and_generic_yields_to_specific() {
        let m = matcher();
        let hits = m.find("The ceasefire took effect at noon.");
        let kinds: Vec<(EventKind, bool)> = hits.iter().map(|h| (h.kind, h.generic)).collect();
        assert_eq!(
            kinds,
            vec![
                (EventKind::CeasefireAgreed, true),
                (EventKind::CeasefireInForce, false)
            ]
        );
        let src = source("The ceasefire took effect at noon.");
        let mentions = detect(0, &src, &[], Some(d(2020, 10, 10)), &m);
        assert_eq!(mentions.len(), 1);
        assert_eq!(mentions[0].kind, EventKind::CeasefireInForce);
        assert_eq!(mentions[0].time_basis, TimeBasis::ArticleDate);
    }

    #[test]
    fn each_expression_anchors_its_nearest_trigger_and_old_times_are_background() {
        let text = "The clashes erupted last month, the worst fighting since a 1994 ceasefire.";
        let src = source(text);
        let tx = vec![
            timex(text, "last month", TimeSpan::month(2020, 9).unwrap(), true),
            timex(text, "1994", TimeSpan::year(1994).unwrap(), false),
        ];
        let mentions = detect(0, &src, &tx, Some(d(2020, 10, 10)), &matcher());
        let got: Vec<(EventKind, String)> = mentions
            .iter()
            .map(|m| (m.kind, m.time.iso_start()))
            .collect();
        assert!(
            got.contains(&(EventKind::ArmedClash, "2020-09-01".to_owned())),
            "{got:?}"
        );
        assert!(
            got.contains(&(EventKind::Background, "1994-01-01".to_owned())),
            "{got:?}"
        );
    }

    #[test]
    fn a_clock_time_belongs_to_the_trigger_next_to_it_and_the_main_clause_still_reports() {
        let text =
            "Rebels accused the army of shelling, hours before the truce took effect at noon.";
        let src = source(text);
        let noon = TimeSpan::minute(d(2020, 10, 10).and_hms_opt(12, 0, 0).unwrap());
        let tx = vec![timex(text, "noon", noon, true)];
        let mentions = detect(0, &src, &tx, Some(d(2020, 10, 10)), &matcher());
        let got: Vec<(EventKind, Granularity)> = mentions
            .iter()
            .map(|m| (m.kind, m.time.granularity))
            .collect();
        assert_eq!(
            got,
            vec![
                (EventKind::ViolationAlleged, Granularity::Day),
                (EventKind::CeasefireInForce, Granularity::Minute)
            ]
        );
    }

    fn duration(text: &str, needle: &str, value: &str) -> Timex {
        let start = text.find(needle).unwrap();
        Timex {
            span: start..start + needle.len(),
            kind: TimexType::Duration,
            value: value.into(),
            modifier: None,
            resolved: None,
            relative: false,
            zone: None,
        }
    }

    #[test]
    fn a_duration_after_a_dated_happening_is_counted_from_it() {
        let text = "The truce took effect at noon. Rebels attacked ten minutes after the truce took hold, the army said.";
        let src = source(text);
        let noon = TimeSpan::minute(d(2020, 10, 10).and_hms_opt(12, 0, 0).unwrap());
        let tx = vec![
            timex(text, "noon", noon, true),
            duration(text, "ten minutes", "PT10M"),
        ];
        let mentions = detect(0, &src, &tx, Some(d(2020, 10, 10)), &matcher());
        let attack = mentions.iter().find(|m| m.sentence == 1).unwrap();
        assert_eq!(attack.kind, EventKind::ArmedClash);
        assert_eq!(attack.time.iso_start(), "2020-10-10T12:10");
        assert_eq!(attack.time_basis, TimeBasis::Anchored { from_sentence: 0 });
        assert_eq!(
            attack.time_text.as_deref(),
            Some("ten minutes after the truce took hold")
        );
        // The anchor clause is time, not a second ceasefire.
        assert_eq!(mentions.iter().filter(|m| m.sentence == 1).count(), 1);
    }

    #[test]
    fn without_an_earlier_time_a_duration_counts_back_from_the_sentence_date() {
        let text = "Agencies said on Wednesday that convoys waited, two days after a ceasefire took effect.";
        let wednesday = TimeSpan::day(d(2023, 5, 24));
        let tx = vec![
            timex(text, "Wednesday", wednesday, true),
            duration(text, "two days", "P2D"),
        ];
        let mentions = detect(0, &source(text), &tx, Some(d(2023, 5, 24)), &matcher());
        let truce = mentions
            .iter()
            .find(|m| m.kind == EventKind::CeasefireInForce)
            .unwrap();
        assert_eq!(truce.time, TimeSpan::day(d(2023, 5, 22)));
        assert_eq!(truce.time_text.as_deref(), Some("two days after"));
    }

    #[test]
    fn counting_needs_a_stated_time_and_a_matching_happening() {
        let noon = TimeSpan::minute(d(2020, 10, 10).and_hms_opt(12, 0, 0).unwrap());
        // No earlier clock time: nothing to count from.
        let text = "Rebels attacked two hours before the truce took hold.";
        let tx = vec![duration(text, "two hours", "PT2H")];
        let mentions = detect(0, &source(text), &tx, Some(d(2020, 10, 10)), &matcher());
        assert!(
            mentions
                .iter()
                .all(|m| m.time_basis != TimeBasis::Anchored { from_sentence: 0 })
        );
        // An earlier time of another kind of happening is no anchor for a truce.
        let text = "Talks opened at noon. Rebels attacked two hours before the truce took hold.";
        let tx = vec![
            timex(text, "noon", noon, true),
            duration(text, "two hours", "PT2H"),
        ];
        let mentions = detect(0, &source(text), &tx, Some(d(2020, 10, 10)), &matcher());
        let attack = mentions.iter().find(|m| m.sentence == 1).unwrap();
        assert!(!matches!(attack.time_basis, TimeBasis::Anchored { .. }));
        // "before" counts back.
        let text =
            "The truce took effect at noon. Shelling stopped two hours before the truce took hold.";
        let tx = vec![
            timex(text, "noon", noon, true),
            duration(text, "two hours", "PT2H"),
        ];
        let mentions = detect(0, &source(text), &tx, Some(d(2020, 10, 10)), &matcher());
        let shelling = mentions.iter().find(|m| m.sentence == 1).unwrap();
        assert_eq!(shelling.time.iso_start(), "2020-10-10T10:00");
    }

    #[test]
    fn an_expression_belongs_to_the_trigger_of_its_own_clause() {
        let text = "Fighting raged for months in the valley 30 years ago, and a ceasefire was agreed in 1994.";
        let tx = vec![
            timex(text, "30 years ago", TimeSpan::year(1990).unwrap(), true),
            timex(text, "1994", TimeSpan::year(1994).unwrap(), false),
        ];
        let mentions = detect(0, &source(text), &tx, Some(d(2020, 10, 10)), &matcher());
        let years: Vec<(String, i32)> = mentions
            .iter()
            .map(|m| {
                let trigger = source(text).text[m.trigger.clone()].to_owned();
                (trigger, chrono::Datelike::year(&m.time.start))
            })
            .collect();
        assert_eq!(
            years,
            vec![
                ("Fighting".to_owned(), 1990),
                ("was agreed".to_owned(), 1994)
            ]
        );
    }

    #[test]
    fn narrative_time_carries_to_the_next_sentences_only() {
        let text = "Talks ended on Friday. Shelling resumed. Nothing. Nothing. Fighting went on.";
        let src = source(text);
        let friday = TimeSpan::day(d(2020, 10, 9));
        let tx = vec![timex(text, "Friday", friday, true)];
        let mentions = detect(0, &src, &tx, Some(d(2020, 10, 10)), &matcher());
        let shelling = mentions
            .iter()
            .find(|m| m.kind == EventKind::Shelling)
            .unwrap();
        assert_eq!(shelling.time, friday);
        assert_eq!(
            shelling.time_basis,
            TimeBasis::Narrative { from_sentence: 0 }
        );
        let fighting = mentions
            .iter()
            .find(|m| m.kind == EventKind::ArmedClash)
            .unwrap();
        // Out of the narrative's reach, the lede's day still dates the story.
        assert_eq!(
            fighting.time_basis,
            TimeBasis::StoryDay { from_sentence: 0 }
        );
        assert_eq!(fighting.time, friday);
    }

    #[test]
    fn narrative_stops_at_the_paragraph_and_old_ledes_date_nothing() {
        // The second paragraph's undated sentence is not Wednesday's: it takes the story's day.
        let text = "The truce began on Friday.\n\nThe deal was agreed on Wednesday.\n\nPrisoners will be exchanged under the deal.";
        let src = source(text);
        let tx = vec![
            timex(text, "Friday", TimeSpan::day(d(2023, 11, 24)), true),
            timex(text, "Wednesday", TimeSpan::day(d(2023, 11, 22)), true),
        ];
        let mentions = detect(0, &src, &tx, Some(d(2023, 11, 24)), &matcher());
        let exchange = mentions
            .iter()
            .find(|m| m.kind == EventKind::Exchange)
            .unwrap();
        assert_eq!(exchange.time, TimeSpan::day(d(2023, 11, 24)));
        assert_eq!(
            exchange.time_basis,
            TimeBasis::StoryDay { from_sentence: 0 }
        );
        // A lede about history names no story day: the article's date is the fallback.
        let text = "The war began in 1994.\n\nTalks were held.";
        let tx = vec![timex(text, "1994", TimeSpan::year(1994).unwrap(), false)];
        let mentions = detect(0, &source(text), &tx, Some(d(2023, 11, 24)), &matcher());
        let talks = mentions
            .iter()
            .find(|m| m.kind == EventKind::Talks)
            .unwrap();
        assert_eq!(talks.time_basis, TimeBasis::ArticleDate);
    }

    #[test]
    fn captions_make_no_mentions_and_undated_articles_no_guesses() {
        let mut src = source("Shelling resumed on Friday.");
        src.sentences[0].role = SentenceRole::Caption;
        assert!(detect(0, &src, &[], Some(d(2020, 1, 1)), &matcher()).is_empty());
        let src = Source {
            sentences: vec![Sentence {
                span: 0..17,
                text: "Shelling resumed.".into(),
                paragraph: 0,
                role: SentenceRole::Body,
            }],
            text: "Shelling resumed.".into(),
            ..source("x")
        };
        assert!(detect(0, &src, &[], None, &matcher()).is_empty());
    }

    #[test]
    fn a_definite_description_takes_the_time_of_the_happening_it_names() {
        let text = "Rebels and the army agreed a ceasefire deal on Monday.\n\n\
                    Officials said the announcement of the truce came late.";
        let monday = TimeSpan::day(d(2024, 3, 4));
        let tx = vec![timex(text, "Monday", monday, true)];
        let dct = Some(d(2024, 3, 6));
        let mentions = detect(0, &source(text), &tx, dct, &matcher());
        let announcement = mentions.iter().find(|m| m.sentence == 1).unwrap();
        assert_eq!(announcement.kind, EventKind::CeasefireAgreed);
        assert_eq!(announcement.time, monday);
        assert_eq!(
            announcement.time_basis,
            TimeBasis::Antecedent { from_sentence: 0 }
        );
    }

    #[test]
    fn another_or_an_indefinite_happening_keeps_the_story_day() {
        let monday = TimeSpan::day(d(2024, 3, 4));
        let dct = Some(d(2024, 3, 6));
        for later in [
            "Officials said a truce agreement was signed.",
            "Officials said the initial truce agreement was signed.",
            "Officials said that truce agreement talks went on.",
        ] {
            // A paragraph of its own, out of the narrative's reach.
            let text = format!("Rebels and the army agreed a ceasefire deal on Monday.\n\n{later}");
            let tx = vec![timex(&text, "Monday", monday, true)];
            let mentions = detect(0, &source(&text), &tx, dct, &matcher());
            let second = mentions.iter().find(|m| m.sentence == 1).unwrap();
            assert_eq!(
                second.time_basis,
                TimeBasis::StoryDay { from_sentence: 0 },
                "{later}"
            );
        }
    }

    #[test]
    fn a_definite_description_beside_a_dated_happening_is_a_mention_of_its_own() {
        let text = "Both sides reached a ceasefire agreement overnight in Doha. \
                    The agreement reached in Doha was due to take effect at noon.";
        let night = TimeSpan::days(d(2024, 3, 3), d(2024, 3, 4), Granularity::Hour);
        let noon = TimeSpan::minute(d(2024, 3, 4).and_hms_opt(12, 0, 0).unwrap());
        let tx = vec![
            timex(text, "overnight", night, true),
            timex(text, "noon", noon, true),
        ];
        let mentions = detect(0, &source(text), &tx, Some(d(2024, 3, 4)), &matcher());
        let second: Vec<&Mention> = mentions.iter().filter(|m| m.sentence == 1).collect();
        assert_eq!(second.len(), 2, "{second:?}");
        assert!(
            second
                .iter()
                .any(|m| m.kind == EventKind::CeasefireInForce && m.time == noon)
        );
        assert!(second.iter().any(|m| m.kind == EventKind::CeasefireAgreed
            && m.time == night
            && m.time_basis == TimeBasis::Antecedent { from_sentence: 0 }));
        // The same kind in the dated clause is that happening, not a second one.
        let text = "Fighting broke out on Monday. The heavy fighting erupted late last month.";
        let late = TimeSpan::days(d(2024, 2, 20), d(2024, 2, 29), Granularity::Day);
        let tx = vec![
            timex(text, "Monday", TimeSpan::day(d(2024, 3, 4)), true),
            timex(text, "late last month", late, true),
        ];
        let mentions = detect(0, &source(text), &tx, Some(d(2024, 3, 6)), &matcher());
        assert_eq!(mentions.iter().filter(|m| m.sentence == 1).count(), 1);
    }

    #[test]
    fn a_happening_hours_before_a_dated_one_lies_within_a_day_of_it() {
        let text = "Both sides agreed a ceasefire deal on Saturday. \
                    The announcement of the truce came hours after rebels shelled the airport.";
        let saturday = TimeSpan::day(d(2024, 3, 2));
        let tx = vec![
            timex(text, "Saturday", saturday, true),
            duration(text, "hours", "PTXH"),
        ];
        let mentions = detect(0, &source(text), &tx, Some(d(2024, 3, 3)), &matcher());
        let shelling = mentions
            .iter()
            .find(|m| m.kind == EventKind::Shelling)
            .unwrap();
        assert_eq!(
            shelling.time,
            TimeSpan::days(d(2024, 3, 1), d(2024, 3, 2), Granularity::Day)
        );
        assert_eq!(shelling.time_text.as_deref(), Some("hours after"));
        assert_eq!(
            shelling.time_basis,
            TimeBasis::Anchored { from_sentence: 1 }
        );
        // "before" looks ahead.
        let text = "Both sides agreed a ceasefire deal on Saturday. \
                    The announcement of the truce came hours before rebels shelled the airport.";
        let tx = vec![
            timex(text, "Saturday", saturday, true),
            duration(text, "hours", "PTXH"),
        ];
        let mentions = detect(0, &source(text), &tx, Some(d(2024, 3, 3)), &matcher());
        let shelling = mentions
            .iter()
            .find(|m| m.kind == EventKind::Shelling)
            .unwrap();
        assert_eq!(
            shelling.time,
            TimeSpan::days(d(2024, 3, 2), d(2024, 3, 3), Granularity::Day)
        );
    }
}
