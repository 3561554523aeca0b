//! Cross-source alignment: gathers the mentions of one happening into one event.
//!
//! Greedy average-link clustering over mention pairs, most similar first. Two clusters join
//! only when (1) all their kinds are compatible, (2) the intersection of all their members'
//! times is not empty (intervals that cannot overlap are never merged: this is what keeps a
//! ceasefire of one week apart from the "new truce" of the next), and (3) their members are
//! similar enough on average (TF-IDF cosine over stemmed content words, plus agreement of
//! stated times), and (4) their articles can be about one war: they name a country in common
//! (a town or region counts for its state), or one names none. Average rather than single link stops chains of loosely similar sentences
//! from snowballing into one event per day. An event's time is the intersection of the times
//! its mentions state: the most precise time every source agrees with. A mention dated only
//! by a fallback (the story's day, the article's date) must overlap it but does not narrow
//! it: "overnight" stays overnight when another report merely falls on the next day.
//!
//! Pairs are compared within a kind family, a country, comparable time precision and
//! overlapping times only (a sweep over start times), so the work grows with the mentions
//! that could match; it is still quadratic inside one busy day, kind and country. A
//! component's accepted pairs are kept as each of its mentions' neighbour list while it
//! merges, so that a cluster pair's average reads only the smaller cluster's rows.

use super::flat::Flat;
use crate::model::{Event, EventKind, Granularity, Mention, Source, TimeBasis, TimeSpan};
use chrono::NaiveDateTime;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Mutex;

/// How alike clusters of each kind must be on average (cosine of TF-IDF vectors plus time
/// agreement) to report the same happening; from `assets/events.ron`.
#[derive(Clone, Debug)]
pub struct Thresholds {
    by_kind: BTreeMap<EventKind, f64>,
}

/// For kinds the lexicon does not name.
const DEFAULT_SIMILARITY: f64 = 0.15;

impl Thresholds {
    pub fn from_lexicon(lexicon: &crate::assets::EventLexicon) -> Thresholds {
        let mut by_kind: BTreeMap<EventKind, f64> = lexicon
            .kinds
            .iter()
            .filter_map(|k| Some((EventKind::from_name(&k.kind)?, k.merge_similarity)))
            .collect();
        by_kind.insert(EventKind::Background, lexicon.background_merge_similarity);
        Thresholds { by_kind }
    }

    /// One threshold for every kind (tests).
    pub fn uniform(value: f64) -> Thresholds {
        Thresholds {
            by_kind: EventKind::ALL.iter().map(|&k| (k, value)).collect(),
        }
    }

    fn of(&self, kind: EventKind) -> f64 {
        self.by_kind
            .get(&kind)
            .copied()
            .unwrap_or(DEFAULT_SIMILARITY)
    }
}
/// Two sentences of one article report one happening twice only when much alike (a headline
/// and its lede); otherwise an article's sentences are about different things.
pub const MIN_SAME_SOURCE_SIMILARITY: f64 = 0.3;

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "were", "has", "have", "had", "its", "his", "her",
    "their", "they", "them", "from", "this", "these", "those", "said", "says", "would", "will",
    "been", "being", "are", "but", "not", "which", "who", "whom", "what", "when", "where", "also",
    "after", "before", "into", "over", "about", "other", "each", "both", "than", "then", "there",
    "some", "such", "only", "any", "all", "our", "out", "one", "two", "more", "most", "very",
    "can", "could", "may", "might", "must", "should", "did", "does", "just", "again", "while",
    "him", "she", "you", "your", "told", "since", "between", "against", "during", "under",
];

/// Words are cut to this many characters before comparison: a crude stemmer that joins
/// "negotiating"/"negotiations", "violated"/"violation", "Armenia"/"Armenian".
const STEM_CHARS: usize = 5;

/// Calls `f` with each lower-cased, stemmed content word of `text` and the word's byte range
/// in `text`, without allocating per word: at a year of coverage alignment stems millions of
/// words.
fn each_stem_at(text: &str, mut f: impl FnMut(Range<usize>, &str)) {
    let mut buf = String::new();
    for raw in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
        let w = raw.trim_matches('-');
        let at = offset_in(text, w.as_bytes());
        if w.len() < 3 {
            continue;
        }
        if w.is_ascii() {
            // Its stem and its stopword test read at most its first eight bytes: lowered
            // on the stack, not copied whole into a string.
            let mut low = [0u8; 8];
            for (to, from) in low.iter_mut().zip(w.as_bytes()) {
                *to = from.to_ascii_lowercase();
            }
            let lowered = &low[..w.len().min(low.len())];
            if w.len() <= low.len() && is_stopword_packed(packed_word(lowered)) {
                continue;
            }
            let stem = lowered.get(..STEM_CHARS).unwrap_or(lowered);
            f(
                at..at + w.len(),
                std::str::from_utf8(stem).unwrap_or_default(),
            );
            continue;
        }
        buf.clear();
        buf.push_str(&w.to_lowercase());
        if buf.chars().count() <= 2 || is_stopword(&buf) {
            continue;
        }
        let end = buf
            .char_indices()
            .nth(STEM_CHARS)
            .map_or(buf.len(), |(i, _)| i);
        f(at..at + w.len(), &buf[..end]);
    }
}

/// Alignment asks this of every word of every mention's sentence: the words are
/// compared as integers, not as strings. A word of up to eight bytes is its bytes in a `u64`
/// (no word holds a zero byte, so no two words pack alike); longer ones are no stopword.
fn is_stopword(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() <= 8 && is_stopword_packed(packed_word(bytes))
}

/// A word of up to eight bytes as one integer (see [`is_stopword`]).
fn packed_word(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
}

/// Whether a word [`packed_word`] packed is a stopword.
fn is_stopword_packed(key: u64) -> bool {
    static SORTED: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<u64> = STOPWORDS
            .iter()
            .filter(|w| w.len() <= 8)
            .map(|w| packed_word(w.as_bytes()))
            .collect();
        v.sort_unstable();
        v
    });
    SORTED.binary_search(&key).is_ok()
}

/// FNV-1a: a stem's identity for counting and comparing. At a hundred thousand distinct stems
/// a 64-bit collision is a one-in-a-billion event, and a collision would only add a little
/// similarity between two sentences.
fn stem_hash(stem: &str) -> u64 {
    stem.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A hasher for keys that are already well-mixed integers (mention and cluster indices,
/// stem hashes) and for the proper names of the labels: std's SipHash guards against
/// adversarial keys, which these are not, at several times the cost.
#[derive(Default, Clone, Copy)]
struct IndexHasher(u64);

impl std::hash::Hasher for IndexHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes a step (a name is one or two).
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        // FxHash's step: rotate, mix in, multiply by a large odd constant.
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
}

type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IndexHasher>>;

/// Extra similarity when both mentions are dated by expressions of their own that name the
/// same span (the same minute counts most): two reports placing one kind of happening at the same
/// stated time are strong evidence that they report one happening.
fn time_agreement(a: &Mention, b: &Mention) -> f64 {
    let own = |m: &Mention| {
        matches!(
            m.time_basis,
            TimeBasis::Explicit | TimeBasis::Relative { .. } | TimeBasis::Anchored { .. }
        )
    };
    if !own(a) || !own(b) {
        return 0.0;
    }
    if a.time.granularity < Granularity::Day && a.time == b.time {
        SAME_CLOCK_TIME_BONUS
    } else if a.time.first_day() == b.time.first_day() && a.time.last_day() == b.time.last_day() {
        SAME_DAY_BONUS
    } else if a.time.contains(&b.time) || b.time.contains(&a.time) {
        // "late last month" and "27 September": consistent, at different precision.
        NESTED_TIME_BONUS
    } else {
        0.0
    }
}

const NESTED_TIME_BONUS: f64 = 0.04;

const SAME_CLOCK_TIME_BONUS: f64 = 0.3;
/// Extra similarity when both mentions are told with the same trigger word ("erupted",
/// "accused"): the same verb for the same kind of happening on compatible dates.
const SAME_TRIGGER_BONUS: f64 = 0.1;
/// Words on each side of the trigger that make its window.
const WINDOW_WORDS: usize = 8;

/// The text around a mention's trigger: `WINDOW_WORDS` words each side, within its sentence,
/// as a byte range of the sentence's text (`text`, which starts at byte `sentence_start` of
/// the article). It starts and ends at white space (or the sentence's ends), so its words are
/// the sentence's words that lie inside it.
fn trigger_window(text: &str, sentence_start: usize, m: &Mention) -> Range<usize> {
    let Some(at) = m.trigger.start.checked_sub(sentence_start) else {
        return 0..text.len();
    };
    let end_at = m.trigger.end.saturating_sub(sentence_start).min(text.len());
    // The white space `WINDOW_WORDS` words back (not the sentence's first character), else
    // the sentence's start.
    let start = text
        .get(..at.min(text.len()))
        .unwrap_or("")
        .char_indices()
        .rev()
        .filter(|&(i, c)| c.is_whitespace() && i > 0)
        .nth(WINDOW_WORDS.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let end = text
        .get(end_at..)
        .unwrap_or("")
        .char_indices()
        .filter(|&(_, c)| c.is_whitespace())
        .nth(WINDOW_WORDS)
        .map_or(text.len(), |(i, _)| end_at + i);
    if text.get(start..end).is_some() {
        start..end
    } else {
        0..text.len()
    }
}
const SAME_DAY_BONUS: f64 = 0.08;

/// Sparse unit-length TF-IDF vectors, one per document (its stem hashes), over a shared
/// vocabulary: (word id, weight) sorted by id.
fn tfidf(docs: &[&[u64]]) -> Flat<(u32, f32)> {
    // Words are numbered in order of first appearance (by document, then by hash within one),
    // which fixes the order each vector's products are summed in. Counted in parallel over
    // runs of documents; each word's first document and document frequency then merge in
    // run order.
    const RUN: usize = 4096;
    // Per run: each word's (first document, documents), and each document's distinct words.
    type Counts = (FastMap<u64, (u32, u32)>, Vec<usize>);
    let runs: Vec<Counts> = docs
        .par_chunks(RUN)
        .enumerate()
        .map(|(r, run)| {
            let mut seen: FastMap<u64, (u32, u32)> = FastMap::default();
            let mut distinct = Vec::with_capacity(run.len());
            let mut unique = Vec::new();
            for (d, doc) in run.iter().enumerate() {
                unique.clear();
                unique.extend_from_slice(doc);
                unique.sort_unstable();
                unique.dedup();
                distinct.push(unique.len());
                let at = u32::try_from(r * RUN + d).unwrap_or(u32::MAX);
                for &w in &unique {
                    seen.entry(w).or_insert((at, 0)).1 += 1;
                }
            }
            (seen, distinct)
        })
        .collect();
    let mut words: FastMap<u64, (u32, u32)> = FastMap::default();
    // Where each document's vector starts in the one buffer: its length is its number of
    // distinct words.
    let mut start = Vec::with_capacity(docs.len() + 1);
    start.push(0usize);
    for (seen, distinct) in runs {
        for (w, (first, n)) in seen {
            // Runs come in order: the first run to see a word has its first document.
            words.entry(w).or_insert((first, 0)).1 += n;
        }
        for len in distinct {
            start.push(start.last().copied().unwrap_or(0) + len);
        }
    }
    let mut vocabulary: Vec<(u32, u64, u32)> = words
        .into_iter()
        .map(|(w, (first, n))| (first, w, n))
        .collect();
    vocabulary.par_sort_unstable();
    let ids: FastMap<u64, u32> = vocabulary
        .iter()
        .enumerate()
        .map(|(id, &(_, w, _))| (w, id as u32))
        .collect();
    // Each word's weight factor, its inverse document frequency, computed once per word
    // rather than once per document it occurs in.
    let n = docs.len().max(1) as f64;
    let idf: Vec<f64> = vocabulary
        .iter()
        .map(|&(_, _, d)| (n / f64::from(d.max(1))).ln() + 1.0)
        .collect();
    drop(vocabulary);
    let items = vec![(0u32, 0f32); start.last().copied().unwrap_or(0)];
    let mut vectors = Flat { start, items };
    vectors
        .rows_mut()
        .into_par_iter()
        .zip(docs.par_iter())
        .for_each_init(
            || (Vec::new(), Vec::new()),
            |(terms, v): &mut (Vec<u32>, Vec<(u32, f64)>), (slot, doc)| {
                // Buffers reused from one document to the next.
                terms.clear();
                terms.extend(doc.iter().filter_map(|w| ids.get(w).copied()));
                terms.sort_unstable();
                v.clear();
                for &id in terms.iter() {
                    match v.last_mut() {
                        Some((last, tf)) if *last == id => *tf += 1.0,
                        _ => v.push((id, 1.0)),
                    }
                }
                for (id, x) in v.iter_mut() {
                    *x *= idf.get(*id as usize).copied().unwrap_or(1.0);
                }
                let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
                for (out, &(id, x)) in slot.iter_mut().zip(v.iter()) {
                    *out = (id, if norm > 0.0 { (x / norm) as f32 } else { 0.0 });
                }
            },
        );
    vectors
}

fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    // Products summed in word-id order, as a lookup by id would.
    let (mut i, mut j, mut sum) = (0, 0, 0.0f64);
    while let (Some(&(ka, x)), Some(&(kb, y))) = (a.get(i), b.get(j)) {
        match ka.cmp(&kb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += f64::from(x) * f64::from(y);
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// One mention's word vector spread over the whole vocabulary, a weight per word id (0 for
/// words it lacks): its cosine with each of its candidates then reads only the candidate's
/// words, where merging two sorted lists branched on every word of both. A mention has a
/// dozen candidates and more, so spreading it once pays. It costs four bytes per word of the
/// vocabulary, twice per worker thread (sentence and window vectors): 2.4 MB a thread at
/// 300,000 stems, freed once scoring is done.
struct Spread {
    weights: Vec<f32>,
    /// The mention whose vector is spread.
    held: Option<usize>,
}

impl Spread {
    fn new(vocabulary: usize) -> Spread {
        Spread {
            weights: vec![0.0; vocabulary],
            held: None,
        }
    }

    /// Spreads mention `m`'s vector of `vectors`, in place of the one spread before.
    fn hold(&mut self, vectors: &Flat<(u32, f32)>, m: usize) {
        if self.held == Some(m) {
            return;
        }
        if let Some(before) = self.held.take() {
            self.unset(vectors.of(before));
        }
        self.set(vectors.of(m));
        self.held = Some(m);
    }

    fn set(&mut self, v: &[(u32, f32)]) {
        for &(id, x) in v {
            if let Some(w) = self.weights.get_mut(id as usize) {
                *w = x;
            }
        }
    }

    /// Back to all zeros, for the next mention.
    fn unset(&mut self, v: &[(u32, f32)]) {
        for &(id, _) in v {
            if let Some(w) = self.weights.get_mut(id as usize) {
                *w = 0.0;
            }
        }
    }

    /// [`cosine`] of the spread vector and `b`, to the bit: the same products in the same
    /// (word id) order. The words the spread one lacks add +0.0, which changes no sum of
    /// these weights (all positive).
    fn cosine(&self, b: &[(u32, f32)]) -> f64 {
        b.iter().fold(0.0f64, |sum, &(id, y)| {
            let x = self.weights.get(id as usize).copied().unwrap_or(0.0);
            sum + f64::from(x) * f64::from(y)
        })
    }
}

/// The number of word ids of a set of vectors.
fn vocabulary(vectors: &Flat<(u32, f32)>) -> usize {
    vectors
        .items
        .iter()
        .map(|&(id, _)| id as usize + 1)
        .max()
        .unwrap_or(0)
}

/// Whether two mentions' kinds can describe one happening. A ceasefire "agreed from 12:00"
/// and one that "took effect at noon" are the same happening when both name the clock time.
fn kinds_compatible(a: &Mention, b: &Mention) -> bool {
    if a.kind == b.kind {
        return true;
    }
    let ceasefire = [EventKind::CeasefireAgreed, EventKind::CeasefireInForce];
    ceasefire.contains(&a.kind)
        && ceasefire.contains(&b.kind)
        && a.time.granularity <= Granularity::Hour
        && b.time.granularity <= Granularity::Hour
}

fn intersect(a: &TimeSpan, b: &TimeSpan) -> Option<TimeSpan> {
    if !a.overlaps(b) {
        return None;
    }
    Some(TimeSpan {
        start: a.start.max(b.start),
        end: a.end.min(b.end),
        granularity: a.granularity.min(b.granularity),
    })
}

/// The order components merge their pairs in ("merge order"), as a key: most similar first
/// (as `f32::total_cmp` orders the similarities), then by mentions. The similarity's bits are
/// turned so that they count down as the similarity goes up: millions of pairs sort about a
/// tenth faster by this key than by a float and two integers compared in turn.
fn merge_key(p: &Pair) -> (u64, u32) {
    let bits = p[0] as i32;
    // `total_cmp`'s key (negative values' magnitude bits flipped), with the sign bit flipped
    // so that it orders as an unsigned integer.
    let ascending = (bits ^ ((((bits >> 31) as u32) >> 1) as i32)) as u32 ^ (1 << 31);
    ((u64::from(!ascending) << 32) | u64::from(p[1]), p[2])
}

/// One component's accepted pairs as its members' neighbour rows, each neighbour by its place
/// in the component with the pair's similarity beside it: a cluster's summed similarity reads
/// its members' rows in order and asks each neighbour's cluster. Built for one component at a
/// time, from its pairs in merge order, so that the rows are a few megabytes at most and stay
/// in cache while they are written; tables of every mention's rows took two passes over every
/// pair, each scattering them over a hundred megabytes, and were held whole while all the
/// components merged. A member's pairs with later members are sorted by that member, so that
/// a single pair is a binary search; its pairs with earlier ones are in merge order, which is
/// the order a cluster pair's summed similarity adds them in (it reads the smaller cluster's
/// rows).
struct Adjacency {
    /// Row `i`: `(j, similarity)` of the pairs `(i, j)`, `j > i`, by `j`.
    later: Flat<(u32, f32)>,
    /// Row `j`: `(i, similarity)` of the pairs `(i, j)`, `i < j`, in merge order.
    earlier: Flat<(u32, f32)>,
}

impl Adjacency {
    /// From the pairs `[similarity bits, i, j]` of a component of `n` members, by the members'
    /// places (`i < j`), in merge order.
    fn new(n: usize, pairs: &[Pair]) -> Adjacency {
        let similarity = |s: u32| f32::from_bits(s);
        let mut later = Flat::scattered(
            n,
            pairs.iter(),
            |p| p[1] as usize,
            |&&[s, _, j]| (j, similarity(s)),
        );
        for row in later.rows_mut() {
            row.sort_unstable_by_key(|&(j, _)| j);
        }
        // A stable scatter keeps merge order within each row.
        let earlier = Flat::scattered(
            n,
            pairs.iter(),
            |p| p[2] as usize,
            |&&[s, i, _]| (i, similarity(s)),
        );
        Adjacency { later, earlier }
    }

    /// Each neighbour of the member at place `m`, by its place, with the pair's similarity.
    fn of(&self, m: usize) -> impl Iterator<Item = (u32, f32)> + '_ {
        let later = self.later.of(m).iter().copied();
        later.chain(self.earlier.of(m).iter().copied())
    }

    /// The similarity of the members at places `x` and `y`; 0 when they are not an accepted
    /// pair.
    fn similarity(&self, x: usize, y: usize) -> f64 {
        let row = self.later.of(x.min(y));
        row.binary_search_by_key(&(x.max(y) as u32), |&(j, _)| j)
            .ok()
            .and_then(|k| row.get(k))
            .map_or(0.0, |&(_, s)| f64::from(s))
    }
}

/// The accepted pairs, from buffers in any order (the sweeps'), as a row per component of the
/// pair graph, each pair as `[similarity bits, place of i, place of j]` by the mentions' places
/// in their component (`local`), each row in merge order. `component` is each mention's, of
/// `count`. The buffers are freed one by one as their pairs are placed.
fn pairs_by_component(
    found: Vec<Vec<Pair>>,
    component: &[u32],
    count: usize,
    local: &[u32],
) -> Flat<Pair> {
    let place = |m: u32| local.get(m as usize).copied().unwrap_or(u32::MAX);
    Flat::grouped(
        count,
        found,
        |p| {
            component
                .get(p[1] as usize)
                .map_or(usize::MAX, |&c| c as usize)
        },
        |&[s, i, j]| [s, place(i), place(j)],
        merge_key,
    )
}

#[derive(Clone)]
struct Cluster {
    /// The mention the cluster started from; `rest` are those it gathered since. A year of
    /// coverage has hundreds of thousands of clusters that never merge: they allocate nothing.
    first: u32,
    rest: Vec<u32>,
    /// The highest similarity bar among the members' kinds: what an average must reach.
    bar: f64,
    /// The intersection of every member's time: what merging must keep non-empty.
    time: TimeSpan,
    /// The intersection of the times the members' own words state (not the story's day or
    /// the article's date a mention falls back to): the event's time when there is one, so
    /// that a fallback day does not pretend to narrow a stated "overnight".
    stated: Option<TimeSpan>,
}

impl Cluster {
    fn len(&self) -> usize {
        1 + self.rest.len()
    }

    fn members(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.first)
            .chain(self.rest.iter().copied())
            .map(|m| m as usize)
    }
}

/// Whether `later` is a definite description ("the announcement of the truce") of the
/// happening `earlier` reports: the same article, the same kind, the sentence it took its
/// time from. One happening, whatever the wording.
fn refers_back(later: &Mention, earlier: &Mention) -> bool {
    later.source == earlier.source
        && later.kind == earlier.kind
        && later.time == earlier.time
        && later.time_basis
            == (TimeBasis::Antecedent {
                from_sentence: earlier.sentence,
            })
}

/// Whether a mention's time comes from words that date it, rather than a fallback day.
fn stated(m: &Mention) -> bool {
    !matches!(
        m.time_basis,
        TimeBasis::StoryDay { .. } | TimeBasis::ArticleDate
    )
}

/// Towns named by a mention's sentence (the gazetteer's town entries among its places);
/// computed once per mention, not per pair.
fn towns(m: &Mention) -> impl Iterator<Item = &str> {
    let g = super::places::gazetteer();
    m.facts
        .places
        .iter()
        .filter(move |name| {
            g.and_then(|g| g.place_named(name))
                .is_some_and(|p| p.is_town())
        })
        .map(String::as_str)
}

/// Each town name as a number, equal where the names are: scoring compares the towns of
/// millions of pairs, and names are read a pointer away, in the other mention's facts.
fn town_ids(names: Flat<&str>) -> Flat<u32> {
    let mut distinct = names.items.clone();
    distinct.par_sort_unstable();
    distinct.dedup();
    Flat {
        items: names
            .items
            .par_iter()
            .map(|name| distinct.binary_search(name).map_or(u32::MAX, |k| k as u32))
            .collect(),
        start: names.start,
    }
}

/// Shared towns are evidence of one happening; two reports that each name towns, none in
/// common, are likely about two ("shelling of Ganja" and "shelling of Stepanakert"). Towns
/// are [`town_ids`].
fn place_agreement(ta: &[u32], tb: &[u32]) -> f64 {
    if ta.is_empty() || tb.is_empty() {
        0.0
    } else if ta.iter().any(|t| tb.contains(t)) {
        SAME_TOWN_BONUS
    } else {
        -DIFFERENT_TOWNS_PENALTY
    }
}

const SAME_TOWN_BONUS: f64 = 0.05;
const DIFFERENT_TOWNS_PENALTY: f64 = 0.1;

/// Conflicting figures (seven killed against thirteen) are one happening only when
/// everything else agrees: they raise the bar instead of blocking the merge.
fn figures_conflict(a: &Mention, b: &Mention) -> f64 {
    let differ = |x: Option<u32>, y: Option<u32>| matches!((x, y), (Some(x), Some(y)) if x != y);
    if differ(a.facts.killed, b.facts.killed) || differ(a.facts.wounded, b.facts.wounded) {
        FIGURES_CONFLICT_PENALTY
    } else {
        0.0
    }
}

const FIGURES_CONFLICT_PENALTY: f64 = 0.1;

/// How many opening body sentences make the lede that a headline summarises.
const LEDE_SENTENCES: usize = 2;

/// Where a mention's sentence stands in its article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Opening {
    Headline,
    Lede,
    Other,
}

fn opening(sources: &[Source], m: &Mention) -> Opening {
    let Some(source) = sources.get(m.source) else {
        return Opening::Other;
    };
    let role = source.sentences.get(m.sentence).map(|s| s.role);
    if role == Some(crate::model::SentenceRole::Headline) {
        return Opening::Headline;
    }
    let in_lede = source
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.role == crate::model::SentenceRole::Body)
        .take(LEDE_SENTENCES)
        .any(|(i, _)| i == m.sentence);
    if in_lede {
        Opening::Lede
    } else {
        Opening::Other
    }
}

/// Whether one mention is in its article's headline and the other in the lede: a headline
/// restates the lede, so the two report one happening whatever their wording.
fn headline_and_lede(a: &Mention, b: &Mention, oa: Opening, ob: Opening) -> bool {
    a.source == b.source
        && matches!(
            (oa, ob),
            (Opening::Headline, Opening::Lede) | (Opening::Lede, Opening::Headline)
        )
}

/// Which family of kinds a mention can merge within: a ceasefire agreed and one in force can
/// be one happening (see [`kinds_compatible`]); every other kind only with itself.
fn kind_family(kind: EventKind) -> EventKind {
    match kind {
        EventKind::CeasefireInForce => EventKind::CeasefireAgreed,
        other => other,
    }
}

/// How precise a mention's time is, by the days it spans: 0 for a day or less, 1 for up to
/// twelve days (a week, "late last month"), 2 for up to a hundred (a month, a quarter), 3 for
/// up to a thousand (a year), and so on by tens.
fn precision_class(m: &Mention) -> u32 {
    const REACH_DAYS: [i64; 6] = [1, 12, 100, 1_000, 10_000, 100_000];
    let days = (m.time.last_day() - m.time.first_day()).num_days().max(0) + 1;
    REACH_DAYS.iter().take_while(|&&reach| days > reach).count() as u32
}

/// The pairs `(i, j)`, `i < j`, of mentions in one kind family whose times overlap and whose
/// precision is comparable (precision classes at most one apart): a day's shelling may be the
/// "late last month" of another report, but a mention dated only to a month or a year cannot
/// tell which day's happening it is, and comparing it with every day in its span would make
/// alignment quadratic in a year of coverage. Blocking by family and precision and a sweep
/// over start times keep the work growing with the pairs that could match.
#[cfg(test)]
fn candidate_pairs(mentions: &[Mention], countries: &[&[u32]]) -> Vec<(usize, usize)> {
    let countries = CountriesOf::PerMention(countries);
    let sweeps = candidate_sweeps(mentions, countries);
    let mut out: Vec<(usize, usize)> = sweeps
        .iter()
        .flat_map(|sweep| {
            let columns = sweep.columns(mentions, countries);
            (0..sweep.order.len())
                .flat_map(|k| sweep.pairs_from(&columns, mentions, countries, k))
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_unstable();
    out
}

/// An accepted pair: its similarity (`f32` bits, rounded up) and its mentions `i < j`. Twelve
/// bytes: at a year of coverage there are millions.
type Pair = [u32; 3];

/// The bucket of mentions whose articles name no country: they may pair with any.
const ANY_COUNTRY: u32 = u32::MAX;

/// Which sweeps scoring splits among the threads (see [`align_named`]); the others are
/// scored whole, each on one thread.
struct Split {
    /// A split sweep has at least this many entries,
    min: usize,
    /// and at least one `share`-th of a thread's share of all sweeps' entries.
    share: usize,
}

impl Split {
    fn splits(&self, sweep: &Sweep, entries: usize) -> bool {
        let len = sweep.order.len();
        len >= self.min
            && len
                .saturating_mul(self.share)
                .saturating_mul(rayon::current_num_threads())
                >= entries
    }
}

const SPLIT: Split = Split {
    min: 1 << 14,
    share: 8,
};

/// The most mentions whose stems (or towns) one task reads into one buffer.
const STEMS_A_TASK: usize = 1 << 10;

/// Each mention's list of what `row` gives, a run of mentions' in one buffer, then joined: a
/// `Vec` per mention was hundreds of thousands of allocations at a year of coverage, each
/// freed on one thread as the lists were gathered.
fn per_mention<'a, T: Send, R: IntoIterator<Item = T>>(
    mentions: &'a [Mention],
    row: impl Fn(&'a Mention) -> R + Sync,
) -> Flat<T> {
    Flat::concat(
        mentions
            .par_chunks(STEMS_A_TASK)
            .map(|run| Flat::of_rows(run.iter().map(&row)))
            .collect(),
    )
}

/// The most entries of a split sweep one task scores.
const SPLIT_TASK: usize = 1 << 10;

/// The first country two mentions' articles share, [`ANY_COUNTRY`] when neither names one,
/// `None` when they name countries and none in common (different wars: no candidate).
fn first_shared_country(a: &[u32], b: &[u32]) -> Option<u32> {
    match (a.first(), b.first()) {
        (None, None) => Some(ANY_COUNTRY),
        (None, Some(&c)) | (Some(&c), None) => Some(c),
        (Some(_), Some(_)) => {
            let (mut i, mut j) = (0, 0);
            while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
                match x.cmp(&y) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => return Some(x),
                }
            }
            None
        }
    }
}

/// Mentions sorted by start time, whose overlapping pairs are candidates: one group of a kind
/// family, precision class and country (`across` false), or a group with the next coarser
/// one of its family and country, of which only the pairs across the two classes count. A
/// mention sits in the group of every country its article names (one that names none, in
/// every group of its family and class); a pair is produced only by the group of the first
/// country the two articles share, so never twice.
struct Sweep {
    /// Mention indices (`u32`, and the classes `u8`: a sweep entry per mention and country
    /// its article names, millions at a year of coverage).
    order: Vec<u32>,
    class: Vec<u8>,
    across: bool,
    country: u32,
}

/// Each entry of a sweep's start time, the key of its countries ([`CountriesOf::key`]) and
/// the first of them ([`ANY_COUNTRY`] for none). A sweep reads them for every entry it passes
/// (three or four for each pair it keeps): beside the entry, not a cache miss away in the
/// mention. Filled for one sweep at a time, as it is scored, in buffers a thread reuses: all
/// sweeps' at once were 20 MB more at alignment's memory peak.
#[derive(Default)]
struct Columns {
    starts: Vec<NaiveDateTime>,
    keys: Vec<u32>,
    firsts: Vec<u32>,
}

impl Sweep {
    /// This sweep's columns, in buffers of their own.
    fn columns(&self, mentions: &[Mention], countries: CountriesOf<'_>) -> Columns {
        let mut columns = Columns::default();
        self.columns_into(&mut columns, mentions, countries);
        columns
    }

    /// Fills `columns` (emptied first: a thread reuses one set from sweep to sweep) with this
    /// sweep's.
    fn columns_into(
        &self,
        columns: &mut Columns,
        mentions: &[Mention],
        countries: CountriesOf<'_>,
    ) {
        let first = |m: usize| countries.of(m).first().copied().unwrap_or(ANY_COUNTRY);
        let order = self.order.iter().map(|&m| m as usize);
        columns.starts.clear();
        columns
            .starts
            .extend(order.clone().map(|m| mentions[m].time.start));
        columns.keys.clear();
        columns.keys.extend(order.clone().map(|m| countries.key(m)));
        columns.firsts.clear();
        columns.firsts.extend(order.map(first));
    }

    /// Whether the sweep's pair of entries whose countries are `own` and the `other_key`'s,
    /// whose first countries are `own_first` and `other_first`, is this sweep's: whether the
    /// first country the two share is [`Sweep::country`]. Every entry names the sweep's
    /// country or none (see [`candidate_sweeps`]), so that a first country that is the
    /// sweep's, or a list that is empty, answers without reading the other's list: most
    /// entries name one country.
    fn shares_first(
        &self,
        (own, own_first): (&[u32], u32),
        (other_key, other_first): (u32, u32),
        countries: CountriesOf<'_>,
    ) -> bool {
        if own_first == self.country || other_first == self.country {
            true
        } else if own_first == ANY_COUNTRY || other_first == ANY_COUNTRY {
            false
        } else {
            first_shared_country(own, countries.by_key(other_key)) == Some(self.country)
        }
    }

    /// The candidate pairs `(i, j)`, `i < j`, of the `k`-th mention with those after it: a
    /// sweep stops at the first that starts after the mention ends. `columns` are this
    /// sweep's.
    fn pairs_from<'a>(
        &'a self,
        columns: &'a Columns,
        mentions: &'a [Mention],
        countries: CountriesOf<'a>,
        k: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let i = self.order[k] as usize;
        let end = mentions[i].time.end;
        let own = countries.by_key(columns.keys.get(k).copied().unwrap_or(u32::MAX));
        let own_first = columns.firsts.get(k).copied().unwrap_or(ANY_COUNTRY);
        let class = self.class[k];
        let rest = |column: &'a [u32]| column.get(k + 1..).unwrap_or(&[]);
        rest(&self.order)
            .iter()
            .zip(columns.starts.get(k + 1..).unwrap_or(&[]))
            .zip(self.class.get(k + 1..).unwrap_or(&[]))
            .zip(rest(&columns.keys).iter().zip(rest(&columns.firsts)))
            .take_while(move |(((_, start), _), _)| **start <= end)
            .filter(move |((_, c), _)| !self.across || class != **c)
            .filter(move |&(_, (&key, &first))| {
                self.shares_first((own, own_first), (key, first), countries)
            })
            .map(move |(((&j, _), _), _)| {
                let j = j as usize;
                (i.min(j), i.max(j))
            })
    }
}

/// The sweeps whose pairs are the candidates (see [`candidate_pairs`]). `countries` are the
/// countries each mention's article names, sorted.
fn candidate_sweeps(mentions: &[Mention], countries: CountriesOf<'_>) -> Vec<Sweep> {
    let class: Vec<u32> = mentions.par_iter().map(precision_class).collect();
    // Each mention's place among all by start time, then index: the key a sweep sorts by,
    // from a table of 4 bytes a mention (comparing start times read each compared mention,
    // at random).
    let mut by_time: Vec<(NaiveDateTime, u32)> = mentions
        .par_iter()
        .enumerate()
        .map(|(m, mention)| (mention.time.start, m as u32))
        .collect();
    by_time.par_sort_unstable();
    let mut rank = vec![0u32; mentions.len()];
    for (r, &(_, m)) in by_time.iter().enumerate() {
        if let Some(slot) = rank.get_mut(m as usize) {
            *slot = r as u32;
        }
    }
    drop(by_time);
    // Mention indices as u32, as in the sweeps: a mention sits in one group per country.
    let mut groups: BTreeMap<(EventKind, u32, u32), Vec<u32>> = BTreeMap::new();
    let mut anywhere: BTreeMap<(EventKind, u32), Vec<u32>> = BTreeMap::new();
    for (m, mention) in mentions.iter().enumerate() {
        let (family, c) = (kind_family(mention.kind), class[m]);
        match countries.of(m) {
            [] => anywhere.entry((family, c)).or_default().push(m as u32),
            named => {
                for &country in named {
                    groups
                        .entry((family, c, country))
                        .or_default()
                        .push(m as u32);
                }
            }
        }
    }
    // Mentions of no named country join every country's group of their family and class,
    // and a group of their own.
    for (&(family, c), ms) in &anywhere {
        for (_, members) in groups.range_mut((family, c, 0)..(family, c, ANY_COUNTRY)) {
            members.extend_from_slice(ms);
        }
        groups
            .entry((family, c, ANY_COUNTRY))
            .or_default()
            .extend_from_slice(ms);
    }
    // A country's mentions of one class still meet the unnamed ones of the classes next to
    // it when the country has no mentions there.
    let keys: Vec<(EventKind, u32, u32)> = groups.keys().copied().collect();
    for (family, c, country) in keys {
        if country == ANY_COUNTRY {
            continue;
        }
        for near in [c.checked_sub(1), c.checked_add(1)].into_iter().flatten() {
            if let Some(ms) = anywhere.get(&(family, near)) {
                groups
                    .entry((family, near, country))
                    .or_insert_with(|| ms.clone());
            }
        }
    }
    let sweep = |mut order: Vec<u32>, across: bool, country: u32| {
        order.sort_unstable_by_key(|&m| rank.get(m as usize).copied().unwrap_or(u32::MAX));
        Sweep {
            class: order
                .iter()
                .map(|&m| u8::try_from(class[m as usize]).unwrap_or(u8::MAX))
                .collect(),
            order,
            across,
            country,
        }
    };
    // Within a group, then between a group and the next coarser one of its family; sorted in
    // parallel, listed in group order.
    let mut wanted: Vec<(Vec<u32>, bool, u32)> = Vec::new();
    for (&(family, c, country), members) in &groups {
        wanted.push((members.clone(), false, country));
        if let Some(coarser) = groups.get(&(family, c + 1, country)) {
            wanted.push((
                members.iter().chain(coarser).copied().collect(),
                true,
                country,
            ));
        }
    }
    wanted
        .into_par_iter()
        .map(|(order, across, country)| sweep(order, across, country))
        .collect()
}

/// How many mention pairs [`align`] scores: those its blocking lets through (kind family,
/// country, time precision, overlapping times). For the load benchmark's report.
pub fn candidate_pair_count(sources: &[Source], mentions: &[Mention]) -> u64 {
    let countries = countries_named(sources);
    let of = CountriesOf::BySource(mentions, &countries);
    candidate_sweeps(mentions, of)
        .par_iter()
        .map(|sweep| {
            let columns = sweep.columns(mentions, of);
            (0..sweep.order.len())
                .map(|k| sweep.pairs_from(&columns, mentions, of, k).count() as u64)
                .sum::<u64>()
        })
        .sum()
}

/// The countries each mention's article names, sorted: looked up through its source (a table
/// per mention would be megabytes more at alignment's memory peak).
#[derive(Clone, Copy)]
enum CountriesOf<'a> {
    /// A list per mention.
    #[cfg(test)]
    PerMention(&'a [&'a [u32]]),
    /// [`countries_named`]'s lists, by each mention's source.
    BySource(&'a [Mention], &'a [Vec<u32>]),
}

impl<'a> CountriesOf<'a> {
    fn of(self, m: usize) -> &'a [u32] {
        self.by_key(self.key(m))
    }

    /// What mention `m`'s countries are looked up by: its source, or itself.
    fn key(self, m: usize) -> u32 {
        match self {
            #[cfg(test)]
            CountriesOf::PerMention(_) => m as u32,
            CountriesOf::BySource(mentions, _) => mentions
                .get(m)
                .and_then(|x| u32::try_from(x.source).ok())
                .unwrap_or(u32::MAX),
        }
    }

    /// The countries of a [`CountriesOf::key`].
    fn by_key(self, key: u32) -> &'a [u32] {
        match self {
            #[cfg(test)]
            CountriesOf::PerMention(lists) => lists.get(key as usize).copied().unwrap_or(&[]),
            CountriesOf::BySource(_, lists) => lists.get(key as usize).map_or(&[], Vec::as_slice),
        }
    }
}

/// The countries a mention's article names, from [`countries_named`]'s lists.
fn countries_of<'a>(countries: &'a [Vec<u32>], m: &Mention) -> &'a [u32] {
    countries.get(m.source).map_or(&[], Vec::as_slice)
}

/// The countries each source names, sorted (see [`Gazetteer::countries_named`]).
///
/// [`Gazetteer::countries_named`]: super::places::Gazetteer::countries_named
fn countries_named(sources: &[Source]) -> Vec<Vec<u32>> {
    match super::places::gazetteer() {
        Some(g) => sources
            .par_iter()
            .map(|s| g.countries_named(s.sentences.iter().map(|x| x.text.as_str())))
            .collect(),
        None => Vec::new(),
    }
}

/// Groups mentions into events. Events come out sorted by time, with ids `e1`, `e2`, ...
pub fn align(sources: &[Source], mentions: &[Mention], thresholds: &Thresholds) -> Vec<Event> {
    align_named(sources, mentions, thresholds, countries_named(sources))
}

/// [`align`] with the countries each source names, sorted (as the gazetteer's
/// [`Named::countries`] gives them), for a caller that read them already.
///
/// [`Named::countries`]: super::places::Named::countries
pub fn align_named(
    sources: &[Source],
    mentions: &[Mention],
    thresholds: &Thresholds,
    countries: Vec<Vec<u32>>,
) -> Vec<Event> {
    align_split(sources, mentions, thresholds, countries, &SPLIT)
}

/// [`align_named`], splitting among the threads the sweeps `split` names.
fn align_split(
    sources: &[Source],
    mentions: &[Mention],
    thresholds: &Thresholds,
    countries: Vec<Vec<u32>>,
    split: &Split,
) -> Vec<Event> {
    let words = sentence_stems(sources, mentions);
    let docs: Vec<&[u64]> = words
        .iter()
        .flat_map(|(stems, _)| (0..stems.rows()).map(|i| stems.of(i)))
        .collect();
    let window_docs: Vec<&[u64]> = words
        .iter()
        .flat_map(|(stems, windows)| {
            windows
                .iter()
                .enumerate()
                .map(|(i, r)| stems.of(i).get(r.clone()).unwrap_or(&[]))
        })
        .collect();
    let mention_countries = CountriesOf::BySource(mentions, &countries);
    // What scoring reads of each mention besides its words.
    let mention_facts = || {
        let towns_of = town_ids(per_mention(mentions, towns));
        let openings: Vec<Opening> = mentions.par_iter().map(|m| opening(sources, m)).collect();
        // The trigger's stems as one hash (0: no content word), compared for equality.
        let trigger_stems: Vec<u64> = mentions
            .par_iter()
            .map(|m| {
                let text = sources.get(m.source).map_or("", |s| s.text.as_str());
                let mut hash = 0u64;
                each_stem_at(text.get(m.trigger.clone()).unwrap_or(""), |_, stem| {
                    hash = hash.rotate_left(7) ^ stem_hash(stem);
                });
                hash
            })
            .collect();
        (towns_of, openings, trigger_stems)
    };
    // The two weightings, the sweeps and those side by side: each has stretches that one
    // thread runs alone (merging the counts, grouping the sweeps, gathering the towns), which
    // the others fill. The sweeps' grouping, the longest of those, goes first: last, it
    // ended with the other threads waiting.
    let (sweeps, ((vectors, window_vectors), (towns_of, openings, trigger_stems))) = rayon::join(
        || candidate_sweeps(mentions, mention_countries),
        || {
            rayon::join(
                || rayon::join(|| tfidf(&docs), || tfidf(&window_docs)),
                mention_facts,
            )
        },
    );
    drop(docs);
    drop(window_docs);
    drop(words);
    // Each kind's similarity bar, looked up once: scoring reads two per pair.
    let bars = Bars::new(thresholds);
    let restates = |x: usize, y: usize| {
        headline_and_lede(&mentions[x], &mentions[y], openings[x], openings[y])
            || refers_back(&mentions[x], &mentions[y])
            || refers_back(&mentions[y], &mentions[x])
    };
    // Two reports can be about one war when they name a country in common or one names none:
    // the same day's shelling in Sudan and in Ukraine is two happenings however alike the
    // wording. The sweeps only pair such mentions; merging clusters checks every member.
    let same_war = |x: &Mention, y: &Mention| {
        first_shared_country(countries_of(&countries, x), countries_of(&countries, y)).is_some()
    };

    // Scored in parallel; collected in candidate order, so the result does not depend on the
    // threads. `spread`, when the caller has one, is made to hold the vectors of `own`, one of
    // the two, once a pair of its gets as far as its words (most of a sweep's mentions have
    // no candidate that does, and spreading a vector writes its words in a table).
    let score = |(i, j): (usize, usize),
                 own: usize,
                 spread: Option<&mut (Spread, Spread)>|
     -> Option<Pair> {
        let (a, b) = (&mentions[i], &mentions[j]);
        if !kinds_compatible(a, b) {
            return None;
        }
        // The same sentence reporting two kinds is two happenings, not one.
        if a.source == b.source && a.sentence == b.sentence {
            return None;
        }
        let same_trigger = trigger_stems[i] != 0 && trigger_stems[i] == trigger_stems[j];
        let (full, near) = match spread {
            Some((full, near)) => {
                full.hold(&vectors, own);
                near.hold(&window_vectors, own);
                let other = if own == i { j } else { i };
                (
                    full.cosine(vectors.of(other)),
                    near.cosine(window_vectors.of(other)),
                )
            }
            None => (
                cosine(vectors.of(i), vectors.of(j)),
                cosine(window_vectors.of(i), window_vectors.of(j)),
            ),
        };
        let sim = full.max(near)
            + time_agreement(a, b)
            + if same_trigger {
                SAME_TRIGGER_BONUS
            } else {
                0.0
            }
            + place_agreement(towns_of.of(i), towns_of.of(j))
            - figures_conflict(a, b);
        let kind_bar = bars.of(a).max(bars.of(b));
        // A headline restates its lede: as alike as the kind asks, whatever the wording.
        let sim = if restates(i, j) {
            sim.max(kind_bar)
        } else {
            sim
        };
        let needed = if a.source == b.source && !restates(i, j) {
            MIN_SAME_SOURCE_SIMILARITY
        } else {
            kind_bar
        };
        // Rounded up to f32, so that a pair at the bar stays at or above it.
        let kept = sim as f32;
        let kept = if f64::from(kept) < sim {
            kept.next_up()
        } else {
            kept
        };
        (sim >= needed).then_some([kept.to_bits(), i as u32, j as u32])
    };
    // The stemming's and weighting's freed pages go back before the pairs take new ones.
    crate::memory::release_free_memory();
    // A spread pair of vectors per worker thread, each holding one mention at a time. A
    // sweep's candidates come in runs of one mention's, on one thread.
    let (full_ids, window_ids) = (vocabulary(&vectors), vocabulary(&window_vectors));
    let spreads: Vec<Mutex<(Spread, Spread)>> = (0..rayon::current_num_threads())
        .map(|_| Mutex::new((Spread::new(full_ids), Spread::new(window_ids))))
        .collect();
    // Candidates are scored as the sweeps find them, never all held at once. The sweeps are
    // scored side by side, each whole on one thread: one at a time, each split among the
    // threads, ended in a stretch where fewer of its mentions were left than threads to take
    // them (a year of coverage has a thousand sweeps, most of a few thousand entries). A sweep
    // of a large share of all entries is split, so that no thread is left with it alone. Its
    // accepted pairs stay in the buffers its tasks filled, trimmed to size, until the
    // neighbour rows take them.
    let candidates = |sweep: &Sweep, columns: &Columns, k: usize, pairs: &mut Vec<Pair>| {
        let own = sweep.order.get(k).map_or(0, |&m| m as usize);
        let mut spread = this_thread_s(&spreads);
        pairs.extend(
            sweep
                .pairs_from(columns, mentions, mention_countries, k)
                .filter_map(|p| score(p, own, spread.as_deref_mut())),
        );
    };
    let entries: usize = sweeps.iter().map(|sweep| sweep.order.len()).sum();
    let (split, mut whole): (Vec<Sweep>, Vec<Sweep>) = sweeps
        .into_iter()
        .partition(|sweep| split.splits(sweep, entries));
    // The longest first, a task each: rayon otherwise cut the list into stretches, each
    // scored in order on one thread, and the last stretch's thread ended alone. The order of
    // the buffers does not show ([`components`], [`pairs_by_component`]).
    whole.sort_by_key(|sweep| std::cmp::Reverse(sweep.order.len()));
    // Each thread fills one set of columns and one pair buffer from sweep to sweep; a sweep's
    // pairs are copied out at their exact size.
    let buffers: Vec<Mutex<(Columns, Vec<Pair>)>> = (0..rayon::current_num_threads())
        .map(|_| Mutex::default())
        .collect();
    let mut found: Vec<Vec<Pair>> = whole
        .into_par_iter()
        .with_max_len(1)
        .map(|sweep| {
            let mut held = this_thread_s(&buffers);
            let mut own = None;
            let (columns, pairs) = match held.as_deref_mut() {
                Some(held) => held,
                None => own.insert((Columns::default(), Vec::new())),
            };
            sweep.columns_into(columns, mentions, mention_countries);
            pairs.clear();
            for k in 0..sweep.order.len() {
                candidates(&sweep, columns, k, pairs);
            }
            pairs.to_vec()
        })
        .filter(|pairs| !pairs.is_empty())
        .collect();
    drop(buffers);
    let mut columns = Columns::default();
    for sweep in split {
        sweep.columns_into(&mut columns, mentions, mention_countries);
        let columns = &columns;
        found.par_extend(
            (0..sweep.order.len())
                .into_par_iter()
                .with_max_len(SPLIT_TASK)
                .fold(Vec::new, |mut pairs: Vec<Pair>, k| {
                    candidates(&sweep, columns, k, &mut pairs);
                    pairs
                })
                .filter(|pairs| !pairs.is_empty())
                .map(|mut pairs| {
                    pairs.shrink_to_fit();
                    pairs
                }),
        );
    }
    drop(spreads);
    // What scoring needed goes before the pairs are gathered and the neighbour table is
    // built: at a year of coverage the word vectors and the pair table are each tens of
    // megabytes.
    drop(vectors);
    drop(window_vectors);
    drop(towns_of);
    drop(trigger_stems);
    // Their pages go back before the pairs are grouped by component, and the sweeps' buffers'
    // after.
    crate::memory::release_free_memory();
    // Clusters only grow along accepted pairs, so the pair graph's connected components merge
    // independently: each in its own pairs' merge order, all in parallel. The clusters are
    // those one pass over all pairs in merge order makes (that pass took a second and a half
    // alone at a year of coverage). The pairs are grouped by component once, each
    // component's sorted by its own (a counting sort: sorting the whole table by component
    // looked each pair's component up at every comparison, at random).
    let (component, count) = components(mentions.len(), &found);
    let (members, local) = places(&component, count);
    let by_component = pairs_by_component(found, &component, count, &local);
    crate::memory::release_free_memory();
    // The components with pairs, the most pairs first, so that the last to finish is a small
    // one.
    let mut runs: Vec<(usize, u32)> = (0..count as u32)
        .map(|c| (by_component.of(c as usize).len(), c))
        .filter(|&(pairs, _)| pairs > 0)
        .collect();
    runs.sort_by_key(|&(pairs, c)| (std::cmp::Reverse(pairs), c));
    let merge = Merge {
        mentions,
        bars: &bars,
        restates: &restates,
        same_war: &same_war,
        local: &local,
    };
    // Each component's clusters in a buffer of its own, of exact size: all of them in one
    // would double while the pair tables are still held.
    // One task a component: rayon otherwise cuts the list into a few stretches, each merged
    // in order on one thread, and the stretch of the largest components ran alone (merging
    // took as long on two threads as on one).
    let merged: Vec<Vec<Cluster>> = runs
        .par_iter()
        .with_max_len(1)
        .map(|&(_, c)| {
            let (pairs, component_members) = (by_component.of(c as usize), members.of(c as usize));
            let adjacency = Adjacency::new(component_members.len(), pairs);
            let mut clusters = merge.component(pairs, component_members, &adjacency);
            clusters.shrink_to_fit();
            clusters
        })
        .collect();
    // The pair table goes before the events are built.
    drop(by_component);
    drop(local);
    crate::memory::release_free_memory();
    // A mention without an accepted pair is a component of its own, and an event.
    let alone: Vec<usize> = (0..count)
        .filter_map(|c| match members.of(c) {
            &[m] => Some(m as usize),
            _ => None,
        })
        .collect();
    drop(members);
    drop(component);
    let mut clusters: Vec<Cluster> =
        Vec::with_capacity(merged.iter().map(Vec::len).sum::<usize>() + alone.len());
    for component_clusters in merged {
        clusters.extend(component_clusters);
    }
    clusters.extend(alone.into_iter().map(|m| single(&bars, mentions, m)));
    // Only the labels need the names and their frequencies: read once the pair tables are
    // gone, each mention's once, in mention order (the labels read them again by event, and
    // reading the sentences so, scattered over the articles, took as long as the rest).
    // A list per mention, not built in runs ([`per_mention`]): the runs' buffers, from the
    // worker threads' heaps, left 7 MB more resident after a year of coverage had loaded.
    let names = Flat::gather(
        mentions
            .par_iter()
            .map(|m| proper_names(mention_text(sources, m)))
            .collect(),
    );
    let name_df = proper_name_frequency(&names);
    // Labels and disagreements read each event's sentences: in parallel. The clusters come
    // component by component; the events are then sorted by a key no two share (their
    // mention lists are disjoint), so that order does not show.
    let mut events: Vec<Event> = clusters
        .into_par_iter()
        .map(|c| {
            let mut members: Vec<usize> = c.members().collect();
            members.sort_by_key(|&m| (mentions[m].source, mentions[m].sentence, m));
            let kind = majority_kind(members.iter().map(|&m| mentions[m].kind));
            let time = c.stated.unwrap_or(c.time);
            Event {
                id: String::new(),
                kind,
                label: label(kind, &time, &members, mentions.len(), &names, &name_df),
                time,
                disagreements: crate::model::disagreements_among(
                    sources,
                    &members.iter().map(|&m| &mentions[m]).collect::<Vec<_>>(),
                ),
                mentions: members,
            }
        })
        .collect();
    events.par_sort_by(|a, b| {
        (a.time.start, a.time.end, a.kind, &a.mentions).cmp(&(
            b.time.start,
            b.time.end,
            b.kind,
            &b.mentions,
        ))
    });
    events
        .par_iter_mut()
        .enumerate()
        .for_each(|(i, e)| e.id = format!("e{}", i + 1));
    events
}

/// Each mention's sentence stems, and the bounds of the run of them inside the words around
/// its trigger (a long sentence's other clauses do not dilute those), in one pass over the
/// sentence. A run of mentions' stems shares one buffer: a list per mention took 356,000
/// allocations at a year of coverage, and freeing them, on one thread, a tenth of a second.
fn sentence_stems(sources: &[Source], mentions: &[Mention]) -> Vec<(Flat<u64>, Vec<Range<usize>>)> {
    mentions
        .par_chunks(STEMS_A_TASK)
        .map(|run| {
            let mut stems = Flat::with_rows(run.len());
            let mut windows = Vec::with_capacity(run.len());
            for m in run {
                let sentence = sources
                    .get(m.source)
                    .and_then(|s| s.sentences.get(m.sentence));
                let (text, start) = sentence.map_or(("", 0), |s| (s.text.as_str(), s.span.start));
                let window = trigger_window(text, start, m);
                let mut near: Option<Range<usize>> = None;
                stems.push_row(|items| {
                    let base = items.len();
                    each_stem_at(text, |at, stem| {
                        let here = items.len() - base;
                        if window.start <= at.start && at.end <= window.end {
                            let first = near.as_ref().map_or(here, |r| r.start);
                            near = Some(first..here + 1);
                        }
                        items.push(stem_hash(stem));
                    });
                });
                windows.push(near.unwrap_or_default());
            }
            stems.items.shrink_to_fit();
            (stems, windows)
        })
        .collect()
}

/// The connected components of the accepted pairs' graph: each mention's component,
/// numbered densely in the order of each component's lowest mention, and their count.
/// `found` are the pairs in buffers of any order: each thread joins a share of them in a
/// forest of its own, and the forests are then joined (a link of one, between a mention and
/// its parent, is a pair of the other's component); one thread took a tenth of a second over
/// all the pairs of a year of coverage while the other waited.
fn components(n: usize, found: &[Vec<Pair>]) -> (Vec<u32>, usize) {
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while let Some(&p) = parent.get(x as usize)
            && p != x
        {
            let grand = parent.get(p as usize).copied().unwrap_or(p);
            parent[x as usize] = grand;
            x = grand;
        }
        x
    }
    fn join(parent: &mut [u32], i: u32, j: u32) {
        let (a, b) = (root(parent, i), root(parent, j));
        if a != b {
            parent[a.max(b) as usize] = a.min(b);
        }
    }
    let forest = || (0..n as u32).collect::<Vec<u32>>();
    // A few forests a thread, not one a buffer.
    let mut parent = found
        .par_iter()
        .with_min_len(super::flat::few_a_thread(found.len()))
        .fold(forest, |mut parent, pairs| {
            for &[_, i, j] in pairs {
                join(&mut parent, i, j);
            }
            parent
        })
        .reduce_with(|mut a, b| {
            for (m, &p) in b.iter().enumerate() {
                if p != m as u32 {
                    join(&mut a, m as u32, p);
                }
            }
            a
        })
        .unwrap_or_else(forest);
    let mut number = vec![u32::MAX; n];
    let mut count = 0u32;
    let out: Vec<u32> = (0..n as u32)
        .map(|m| {
            let r = root(&mut parent, m) as usize;
            if number[r] == u32::MAX {
                number[r] = count;
                count += 1;
            }
            number[r]
        })
        .collect();
    (out, count as usize)
}

/// Each component's members, ascending (a row each), and each mention's place in its row;
/// `component` is each mention's, of `count` ([`components`]).
fn places(component: &[u32], count: usize) -> (Flat<u32>, Vec<u32>) {
    let members = Flat::group(count, component.iter().map(|&c| c as usize));
    let mut local = vec![0u32; component.len()];
    for c in 0..count {
        for (k, &m) in members.of(c).iter().enumerate() {
            local[m as usize] = k as u32;
        }
    }
    (members, local)
}

/// The calling worker thread's own of `per_thread` (one a thread of the pool), unless it is
/// held already (a task of the thread's waiting higher up its stack) or the caller is not a
/// worker: then the caller does without it, or with one of its own.
fn this_thread_s<T>(per_thread: &[Mutex<T>]) -> Option<std::sync::MutexGuard<'_, T>> {
    rayon::current_thread_index()
        .and_then(|t| per_thread.get(t))
        .and_then(|held| held.try_lock().ok())
}

/// Each kind's similarity bar ([`Thresholds`]), by the kind's place in [`EventKind::ALL`]:
/// scoring reads two a pair, and a table of every mention's was megabytes.
struct Bars([f64; EventKind::ALL.len()]);

impl Bars {
    fn new(thresholds: &Thresholds) -> Bars {
        Bars(EventKind::ALL.map(|kind| thresholds.of(kind)))
    }

    fn of(&self, m: &Mention) -> f64 {
        self.0
            .get(m.kind as usize)
            .copied()
            .unwrap_or(DEFAULT_SIMILARITY)
    }
}

/// Mention `i` as a cluster of its own.
fn single(bars: &Bars, mentions: &[Mention], i: usize) -> Cluster {
    let m = &mentions[i];
    Cluster {
        first: i as u32,
        rest: Vec::new(),
        bar: bars.of(m),
        time: m.time,
        stated: stated(m).then_some(m.time),
    }
}

/// What merging one component of the pair graph reads; the components share it, in parallel.
struct Merge<'a, R, W> {
    mentions: &'a [Mention],
    /// Each mention's kind's similarity bar.
    bars: &'a Bars,
    /// Whether two mentions restate each other (a headline and its lede, a back-reference).
    restates: &'a R,
    /// Whether two mentions' articles can be about one war.
    same_war: &'a W,
    /// Each mention's place among its component's members.
    local: &'a [u32],
}

impl<R, W> Merge<'_, R, W>
where
    R: Fn(usize, usize) -> bool + Sync,
    W: Fn(&Mention, &Mention) -> bool + Sync,
{
    fn single(&self, i: usize) -> Cluster {
        single(self.bars, self.mentions, i)
    }

    /// Merges one component: average link, greedy, `pairs` (its accepted pairs, by their
    /// mentions' places among `members`) in merge order, whose neighbour rows `adjacency`
    /// holds. `members` are its mentions, ascending. Gives its clusters.
    fn component(&self, pairs: &[Pair], members: &[u32], adjacency: &Adjacency) -> Vec<Cluster> {
        let place = |m: usize| self.local.get(m).map_or(0, |&l| l as usize);
        // Clusters by their first member's place; `cluster_of` points only at live ones.
        let mut cluster_of: Vec<u32> = (0..members.len() as u32).collect();
        // A mention is a cluster of its own until it first merges: only then is its cluster
        // stored (most never merge, and a stored cluster is a hundred bytes).
        let mut clusters: Vec<Option<Box<Cluster>>> = Vec::new();
        clusters.resize_with(members.len(), || None);
        let global = |c: usize| members.get(c).map_or(0, |&m| m as usize);
        // Cluster pairs already tried and refused, with their sizes then: clusters only grow,
        // so while both sizes are unchanged the answer is the same (without this, every
        // mention pair between two large clusters would redo the same |a|·|b| comparison).
        let mut refused: FastMap<(u32, u32), (u32, u32)> = FastMap::default();
        for &[similarity, i, j] in pairs {
            let (ci, cj) = (
                cluster_of[i as usize] as usize,
                cluster_of[j as usize] as usize,
            );
            if ci == cj {
                continue;
            }
            let cluster = |c: usize| {
                clusters[c]
                    .as_deref()
                    .map_or_else(|| Cow::Owned(self.single(global(c))), Cow::Borrowed)
            };
            let (a, b) = (cluster(ci), cluster(cj));
            let (a, b): (&Cluster, &Cluster) = (&a, &b);
            let key = (ci.min(cj) as u32, ci.max(cj) as u32);
            let sizes = if ci < cj {
                (a.len() as u32, b.len() as u32)
            } else {
                (b.len() as u32, a.len() as u32)
            };
            if refused.get(&key) == Some(&sizes) {
                continue;
            }
            // Cheapest test first: the common time.
            let Some(time) = intersect(&a.time, &b.time) else {
                refused.insert(key, sizes);
                continue;
            };
            // The sum over every member pair, read from the accepted pairs of the smaller side.
            // Two lone mentions have one member pair, this one (no pair is accepted twice):
            // most of a component's first merges, which need not read a neighbour.
            let (small, other) = if a.len() <= b.len() { (a, cj) } else { (b, ci) };
            let total: f64 = if a.len() == 1 && b.len() == 1 {
                f64::from(f32::from_bits(similarity))
            } else {
                small
                    .members()
                    .flat_map(|x| adjacency.of(place(x)))
                    .filter(|&(y, _)| {
                        cluster_of.get(y as usize).map(|&c| c as usize) == Some(other)
                    })
                    .map(|(_, s)| f64::from(s))
                    .sum()
            };
            let average = total / (a.len() * b.len()) as f64;
            let needed = a.bar.max(b.bar);
            // One sentence reporting two kinds reports two happenings: never one event.
            let compatible = || {
                a.members().all(|x| {
                    b.members().all(|y| {
                        let (mx, my) = (&self.mentions[x], &self.mentions[y]);
                        // Two sentences of one article join only when they are much alike
                        // themselves (a headline and its lede), whatever the rest of the
                        // cluster.
                        let same_source_ok = mx.source != my.source
                            || adjacency.similarity(place(x), place(y))
                                >= MIN_SAME_SOURCE_SIMILARITY
                            || (self.restates)(x, y);
                        kinds_compatible(mx, my)
                            && (self.same_war)(mx, my)
                            && (mx.source, mx.sentence) != (my.source, my.sentence)
                            && same_source_ok
                    })
                })
            };
            if average < needed || !compatible() {
                refused.insert(key, sizes);
                continue;
            }
            let stated = match (a.stated, b.stated) {
                (Some(x), Some(y)) => intersect(&x, &y),
                (x, y) => x.or(y),
            };
            let b = clusters[cj]
                .take()
                .map_or_else(|| self.single(global(cj)), |b| *b);
            for m in b.members() {
                cluster_of[place(m)] = ci as u32;
            }
            let a = clusters[ci].get_or_insert_with(|| Box::new(self.single(global(ci))));
            a.rest.push(b.first);
            a.rest.extend(b.rest);
            a.bar = a.bar.max(b.bar);
            a.time = time;
            a.stated = stated;
        }
        clusters
            .into_iter()
            .enumerate()
            .filter(|&(c, _)| cluster_of[c] as usize == c)
            .map(|(c, cluster)| cluster.map_or_else(|| self.single(global(c)), |b| *b))
            .collect()
    }
}

/// The kind most of an event's mentions report; of kinds equally many, the first in
/// [`EventKind::ALL`]. Counted in an array: a map allocated for each of tens of thousands of
/// events.
fn majority_kind(kinds: impl Iterator<Item = EventKind>) -> EventKind {
    let mut counts = [0usize; EventKind::ALL.len()];
    for k in kinds {
        if let Some(n) = counts.get_mut(k as usize) {
            *n += 1;
        }
    }
    let mut best: Option<(EventKind, usize)> = None;
    for (&k, &n) in EventKind::ALL.iter().zip(&counts) {
        if n > 0 && best.is_none_or(|(_, most)| n > most) {
            best = Some((k, n));
        }
    }
    best.map_or(EventKind::Statement, |(k, _)| k)
}

/// Capitalised words that name no place, party or person: calendar words and office titles.
const NOT_NAMES: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "President",
    "Prime",
    "Minister",
    "Ministry",
    "Foreign",
    "Defense",
    "Defence",
    "Secretary",
    "General",
    "Spokesman",
    "Spokeswoman",
    "Army",
    "Forces",
    "The",
    "But",
    "And",
    "Also",
    "Meanwhile",
    "Earlier",
    "Later",
];

/// Capitalised words that are not the first of their sentence: names of places, people,
/// organisations.
fn proper_names(text: &str) -> Vec<&str> {
    // Most sentences are ASCII: split by byte there, where `split_whitespace` decoded every
    // character of every mention's sentence.
    if text.is_ascii() {
        ascii_words(text).skip(1).filter_map(proper_name).collect()
    } else {
        text.split_whitespace()
            .skip(1)
            .filter_map(proper_name)
            .collect()
    }
}

/// The white-space-separated words of an ASCII `text`, as `split_whitespace` gives them: the
/// white space `char::is_whitespace` finds in ASCII is the space and tab to carriage return.
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    text.as_bytes()
        .split(|b| matches!(b, b' ' | b'\t'..=b'\r'))
        .filter(|w| !w.is_empty())
        .map(move |w| {
            let at = offset_in(text, w);
            text.get(at..at + w.len()).unwrap_or("")
        })
}

/// Where `part`, a slice of `whole`'s bytes, starts in `whole`: the distance between their
/// starts, for splitters that hand out slices without their positions.
fn offset_in(whole: &str, part: &[u8]) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// `word` as a proper name (its punctuation and a possessive "'s" cut off), if it is one.
fn proper_name(word: &str) -> Option<&str> {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    let proper = w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().count() > 2
        && w.chars().skip(1).any(char::is_lowercase)
        && !NOT_NAMES.contains(&w);
    proper.then_some(w)
}

fn mention_text<'a>(sources: &'a [Source], m: &Mention) -> &'a str {
    sources
        .get(m.source)
        .and_then(|s| s.sentences.get(m.sentence))
        .map_or("", |s| s.text.as_str())
}

/// In how many mentions' sentences each proper name occurs, from each mention's
/// [`proper_names`].
fn proper_name_frequency<'a>(names: &Flat<&'a str>) -> FastMap<&'a str, usize> {
    // Each mention's distinct names, in a list each worker reuses (a set allocated per
    // mention before).
    (0..names.rows())
        .into_par_iter()
        .fold(
            || (FastMap::default(), Vec::new()),
            |(mut df, mut unique): (FastMap<&'a str, usize>, Vec<&'a str>), m| {
                unique.clear();
                unique.extend_from_slice(names.of(m));
                unique.sort_unstable();
                unique.dedup();
                for &name in &unique {
                    *df.entry(name).or_insert(0) += 1;
                }
                (df, unique)
            },
        )
        .map(|(df, _)| df)
        .reduce(FastMap::default, |a, b| {
            let (mut a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
            for (name, n) in b {
                *a.entry(name).or_insert(0) += n;
            }
            a
        })
}

/// "Shelling · Ganja — 11 Oct 2020": the kind, the most telling proper name in the quoting
/// sentences (frequent in the event, rare in the corpus: "Ganja" rather than "Armenia"), and
/// the time.
///
/// `names` are each mention's [`proper_names`], `name_df` their frequencies among all
/// `mention_count` mentions.
fn label(
    kind: EventKind,
    time: &TimeSpan,
    members: &[usize],
    mention_count: usize,
    names: &Flat<&str>,
    name_df: &FastMap<&str, usize>,
) -> String {
    // Counted by hash, not in a sorted map: the best name is the same in any order (names
    // break ties), and a sorted map compared names at every insertion.
    let mut counts: FastMap<&str, usize> = FastMap::default();
    for &m in members {
        for &name in names.of(m) {
            *counts.entry(name).or_insert(0) += 1;
        }
    }
    let total = mention_count.max(1) as f64;
    let weight = |(name, count): &(&str, usize)| {
        let df = name_df.get(*name).copied().unwrap_or(1).max(1) as f64;
        *count as f64 * (total / df).ln()
    };
    let name = counts
        .into_iter()
        .max_by(|a, b| weight(a).total_cmp(&weight(b)).then(b.0.cmp(a.0)))
        .map(|(n, _)| n);
    match name {
        Some(n) => format!("{} · {} — {}", kind.title(), n, time.display()),
        None => format!("{} — {}", kind.title(), time.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Sentence, SentenceRole};
    use chrono::NaiveDate;

    /// The stems of a text as hashes, in text order.
    fn stem_hashes(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        each_stem_at(text, |_, stem| out.push(stem_hash(stem)));
        out
    }

    proptest::proptest! {
        #[test]
        fn a_spread_vector_s_cosine_is_the_merged_one_to_the_bit(
            a in proptest::collection::btree_map(0u32..40, 0.001f32..1.0, 0..12),
            b in proptest::collection::btree_map(0u32..40, 0.001f32..1.0, 0..12),
        ) {
            let a: Vec<(u32, f32)> = a.into_iter().collect();
            let b: Vec<(u32, f32)> = b.into_iter().collect();
            let mut spread = Spread::new(40);
            spread.set(&a);
            proptest::prop_assert_eq!(spread.cosine(&b).to_bits(), cosine(&a, &b).to_bits());
            spread.unset(&a);
            proptest::prop_assert!(spread.weights.iter().all(|&w| w == 0.0));
        }

        /// The stemmer's short cut for ASCII words gives what lowering each word whole and
        /// cutting it to its first characters gives, stopwords left out alike.
        #[test]
        fn stems_are_the_lowered_words_first_characters(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Strategy::prop_map(
                        proptest::sample::select(STOPWORDS.to_vec()),
                        str::to_uppercase,
                    ),
                    "[A-Za-z]{1,12}",
                    "[a-zÉéßİ-]{1,10}",
                    "-?[A-Za-z0-9]{2,9}-?",
                ],
                0..12,
            ),
            gaps in proptest::collection::vec(proptest::sample::select(vec![" ", ", ", " — ", "’", "'"]), 12),
        ) {
            let mut text = String::new();
            for (w, gap) in words.iter().zip(&gaps) {
                text.push_str(w);
                text.push_str(gap);
            }
            let mut expected = Vec::new();
            let base = text.as_ptr() as usize;
            for raw in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
                let w = raw.trim_matches('-');
                let at = w.as_ptr() as usize - base;
                let lower = w.to_lowercase();
                if w.len() < 3 || lower.chars().count() <= 2 || STOPWORDS.contains(&lower.as_str()) {
                    continue;
                }
                let stem: String = lower.chars().take(STEM_CHARS).collect();
                expected.push((at..at + w.len(), stem));
            }
            let mut found = Vec::new();
            each_stem_at(&text, |at, stem| found.push((at, stem.to_owned())));
            proptest::prop_assert_eq!(found, expected);
        }

        /// ASCII text is cut into the words `split_whitespace` gives, whatever its white
        /// space (the vertical tab and form feed included).
        #[test]
        fn ascii_words_are_split_whitespace_s(text in "[ -~\t\n\r\x0b\x0c]{0,40}") {
            let found: Vec<&str> = ascii_words(&text).collect();
            let expected: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(found, expected);
        }

        /// Pairs sorted by their integer key come in the order of their similarities (as
        /// `f32::total_cmp` orders them, most similar first, whatever the sign), then their
        /// mentions.
        #[test]
        fn the_merge_key_orders_pairs_as_their_similarities_then_mentions(
            x in (proptest::prelude::any::<u32>(), 0u32..4, 0u32..4),
            y in (proptest::prelude::any::<u32>(), 0u32..4, 0u32..4),
            same in proptest::prelude::any::<bool>(),
        ) {
            let (a, b) = ([x.0, x.1, x.2], [if same { x.0 } else { y.0 }, y.1, y.2]);
            let expected = f32::from_bits(b[0])
                .total_cmp(&f32::from_bits(a[0]))
                .then(a[1].cmp(&b[1]))
                .then(a[2].cmp(&b[2]));
            proptest::prop_assert_eq!(merge_key(&a).cmp(&merge_key(&b)), expected);
        }

        /// Whatever order the pairs come in, and in however many buffers (the scoring threads'
        /// and sweeps'), each component's pairs come in merge order, by their mentions' places
        /// in it. Its neighbour rows give each pair both ways, with its similarity, and each
        /// member's earlier neighbours in merge order: a cluster's summed similarity adds them
        /// in that order.
        #[test]
        fn a_component_s_pairs_and_neighbours_do_not_depend_on_the_table_s_order(
            pairs in proptest::collection::btree_map((0u32..12, 0u32..12), 0u32..4, 0..40),
            shuffle in proptest::collection::vec(proptest::prelude::any::<u32>(), 40),
            buffer in 1usize..8,
        ) {
            let similarity = |k: u32| (0.5 + 0.125 * k as f32).to_bits();
            let mut sorted: Vec<Pair> = pairs
                .into_iter()
                .filter(|&((i, j), _)| i < j)
                .map(|((i, j), k)| [similarity(k), i, j])
                .collect();
            sorted.sort_unstable_by_key(merge_key);
            let mut shuffled = sorted.clone();
            let mut keys = shuffle.iter().cycle();
            shuffled.sort_by_cached_key(|_| keys.next().copied().unwrap_or(0));
            let buffers: Vec<Vec<Pair>> = shuffled.chunks(buffer).map(<[Pair]>::to_vec).collect();
            // Each mention's place among its component's members, as alignment numbers them.
            let (component, count) = components(12, &buffers);
            proptest::prop_assert_eq!(
                components(12, std::slice::from_ref(&sorted)),
                (component.clone(), count)
            );
            let (members, local) = places(&component, count);
            let a = pairs_by_component(vec![sorted.clone()], &component, count, &local);
            let b = pairs_by_component(buffers, &component, count, &local);
            proptest::prop_assert_eq!(&a.start, &b.start);
            proptest::prop_assert_eq!(&a.items, &b.items);
            proptest::prop_assert_eq!(b.items.len(), sorted.len());
            let at = |m: u32| local[m as usize];
            let stated = |x: u32, y: u32| {
                sorted
                    .iter()
                    .find(|p| (p[1], p[2]) == (x.min(y), x.max(y)))
                    .map_or(0.0, |p| f64::from(f32::from_bits(p[0])))
            };
            let mut neighbours_in_all = 0;
            for c in 0..count {
                let (row, of) = (b.of(c), members.of(c));
                proptest::prop_assert!(row.is_sorted_by_key(merge_key));
                let adjacency = Adjacency::new(of.len(), row);
                for (m, &x) in of.iter().enumerate() {
                    neighbours_in_all += adjacency.of(m).count();
                    let earlier: Vec<Pair> = adjacency
                        .earlier
                        .of(m)
                        .iter()
                        .map(|&(i, s)| [s.to_bits(), i, m as u32])
                        .collect();
                    proptest::prop_assert!(
                        earlier.is_sorted_by_key(merge_key)
                    );
                    for (n, &y) in of.iter().enumerate() {
                        proptest::prop_assert_eq!(adjacency.similarity(m, n), stated(x, y));
                    }
                }
            }
            proptest::prop_assert_eq!(neighbours_in_all, 2 * sorted.len());
            for &[s, i, j] in &sorted {
                let c = component[i as usize] as usize;
                proptest::prop_assert_eq!(component[j as usize] as usize, c);
                proptest::prop_assert_eq!(members.of(c)[at(i) as usize], i);
                proptest::prop_assert_eq!(members.of(c)[at(j) as usize], j);
                proptest::prop_assert!(b.of(c).contains(&[s, at(i), at(j)]));
                let adjacency = Adjacency::new(members.of(c).len(), b.of(c));
                let s = f32::from_bits(s);
                proptest::prop_assert!(adjacency.of(at(i) as usize).any(|n| n == (at(j), s)));
                proptest::prop_assert!(adjacency.of(at(j) as usize).any(|n| n == (at(i), s)));
            }
        }
    }

    #[test]
    fn towns_are_numbered_equal_exactly_where_their_names_are() {
        let names = Flat::gather(vec![
            vec!["Goma", "Kharkiv"],
            vec![],
            vec!["Kharkiv", "Goma", "El Fasher"],
            vec!["goma"],
        ]);
        let ids = town_ids(names.clone());
        assert_eq!(ids.start, names.start);
        for (x, a) in names.items.iter().zip(&ids.items) {
            for (y, b) in names.items.iter().zip(&ids.items) {
                assert_eq!(x == y, a == b, "{x} {y}");
            }
        }
        assert_eq!(place_agreement(ids.of(0), ids.of(2)), SAME_TOWN_BONUS);
        assert_eq!(
            place_agreement(ids.of(0), ids.of(3)),
            -DIFFERENT_TOWNS_PENALTY
        );
        assert_eq!(place_agreement(ids.of(0), ids.of(1)), 0.0);
    }

    fn source(id: &str, sentences: &[&str]) -> Source {
        Source {
            id: id.into(),
            title: String::new(),
            outlet: None,
            published: None,
            text: sentences.join(" ").into(),
            sentences: sentences
                .iter()
                .map(|s| Sentence {
                    span: 0..s.len(),
                    text: (*s).into(),
                    paragraph: 0,
                    role: SentenceRole::Body,
                })
                .collect(),
            ..Source::default()
        }
    }

    #[test]
    fn a_trigger_windows_stems_are_the_sentence_stems_inside_it() {
        // Alignment takes the window's stems from the sentence's: the same as stemming the
        // window's text alone, for any trigger, in any text.
        let sentences = [
            "The Armenian defence ministry said Azerbaijani forces shelled Stepanakert overnight, killing two civilians and wounding eleven others in the town.",
            "Ceasefire-monitors -- who arrived Monday -- reported that the truce, agreed in Moscow, was violated within minutes; both sides blamed each other.",
            "Überraschend: Die Waffenruhe (seit 12:00 Uhr) wurde gebrochen — sagte das Ministerium in Bakı, während Äußerungen folgten.",
            "short one",
            "",
        ];
        for text in sentences {
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            for &t in &starts {
                let end = text[t..].find(' ').map_or(text.len(), |k| t + k);
                for offset in [0usize, 100] {
                    let m = Mention {
                        trigger: offset + t..offset + end,
                        ..mention(0, 0, EventKind::Shelling, day(1))
                    };
                    let window = trigger_window(text, offset, &m);
                    let alone = stem_hashes(&text[window.clone()]);
                    let mut inside = Vec::new();
                    each_stem_at(text, |at, stem| {
                        if window.start <= at.start && at.end <= window.end {
                            inside.push(stem_hash(stem));
                        }
                    });
                    assert_eq!(inside, alone, "{text:?} trigger at {t}");
                }
            }
        }
    }

    #[test]
    fn each_mention_s_stems_and_window_run_are_its_sentence_s_and_its_window_s() {
        // Mentions whose stems share a buffer: each one's are its own sentence's, and the
        // run its window bounds is the stems of the window's text alone.
        let sentences = [
            "Ceasefire-monitors -- who arrived Monday -- reported that the truce was violated.",
            "short one",
            "",
            "Überraschend: Die Waffenruhe (seit 12:00 Uhr) wurde gebrochen, sagte das Ministerium.",
        ];
        let sources = vec![source("a", &sentences), source("b", &sentences[..2])];
        let mut mentions = Vec::new();
        for (s, source) in sources.iter().enumerate() {
            for (k, sentence) in source.sentences.iter().enumerate() {
                let text = sentence.text.as_str();
                for (t, _) in text.char_indices().filter(|&(i, _)| i % 7 == 0) {
                    let end = text[t..].find(' ').map_or(text.len(), |e| t + e);
                    mentions.push(Mention {
                        trigger: t..end,
                        ..mention(s, k, EventKind::Shelling, day(1))
                    });
                }
            }
        }
        // Enough of them for several runs.
        let once = mentions.clone();
        while mentions.len() <= 2 * STEMS_A_TASK {
            mentions.extend(once.iter().cloned());
        }
        let runs = sentence_stems(&sources, &mentions);
        let stems: Vec<(&[u64], &Range<usize>)> = runs
            .iter()
            .flat_map(|(flat, windows)| windows.iter().enumerate().map(|(i, w)| (flat.of(i), w)))
            .collect();
        assert_eq!(stems.len(), mentions.len());
        for (m, (own, window)) in mentions.iter().zip(stems) {
            let text = sources[m.source].sentences[m.sentence].text.as_str();
            assert_eq!(own, stem_hashes(text).as_slice(), "{text:?}");
            let near = trigger_window(text, 0, m);
            assert_eq!(
                own.get(window.clone()).unwrap_or(&[]),
                stem_hashes(&text[near]).as_slice(),
                "{text:?} trigger {:?}",
                m.trigger
            );
        }
    }

    #[test]
    fn an_event_s_kind_is_its_mentions_most_frequent_the_first_listed_on_a_tie() {
        use EventKind::*;
        assert_eq!(majority_kind([Shelling, Talks, Talks].into_iter()), Talks);
        assert_eq!(majority_kind([Talks, Shelling].into_iter()), Shelling);
        assert_eq!(majority_kind([Background].into_iter()), Background);
        assert_eq!(majority_kind(std::iter::empty()), Statement);
        for (i, &k) in EventKind::ALL.iter().enumerate() {
            assert_eq!(k as usize, i, "{k:?}");
        }
    }

    #[test]
    fn stopwords_are_known_by_their_whole_word() {
        assert!(STOPWORDS.iter().all(|w| w.len() <= 8 && is_stopword(w)));
        for word in [
            "th",
            "thee",
            "them-",
            "shelling",
            "ceasefire",
            "betweens",
            "",
            "against1",
        ] {
            assert!(!is_stopword(word), "{word}");
        }
    }

    fn mention(source: usize, sentence: usize, kind: EventKind, time: TimeSpan) -> Mention {
        Mention {
            source,
            sentence,
            kind,
            trigger: 0..1,
            time,
            time_text: None,
            time_span: None,
            time_basis: TimeBasis::ArticleDate,
            clock: None,
            facts: Default::default(),
        }
    }

    fn day(d: u32) -> TimeSpan {
        TimeSpan::day(NaiveDate::from_ymd_opt(2020, 10, d).unwrap())
    }

    #[test]
    fn each_mention_s_bar_is_its_kind_s_threshold() {
        let thresholds = Thresholds::from_lexicon(&crate::assets::assets().events);
        let bars = Bars::new(&thresholds);
        for kind in EventKind::ALL {
            assert_eq!(
                bars.of(&mention(0, 0, kind, day(1))),
                thresholds.of(kind),
                "{kind:?}"
            );
        }
        // The bundled kinds' bars differ, so a bar read for another kind would show.
        let mut distinct: Vec<u64> = bars.0.iter().map(|b| b.to_bits()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        assert!(distinct.len() > 2, "{distinct:?}");
    }

    #[test]
    fn similar_sentences_on_the_same_day_merge_and_take_the_common_time() {
        let sources = vec![
            source(
                "a",
                &["Rebels shelled the port city of Marel overnight, killing five."],
            ),
            source(
                "b",
                &["The port city of Marel was shelled by rebels, five were killed."],
            ),
        ];
        let noon = TimeSpan::minute(
            NaiveDate::from_ymd_opt(2020, 10, 3)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap(),
        );
        let mentions = vec![
            mention(0, 0, EventKind::Shelling, day(3)),
            mention(1, 0, EventKind::Shelling, noon),
        ];
        let events = align(&sources, &mentions, &Thresholds::uniform(0.15));
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].time, noon);
        assert_eq!(events[0].mentions, vec![0, 1]);
        assert!(events[0].label.contains("Marel"), "{}", events[0].label);
    }

    #[test]
    fn happenings_that_share_no_candidate_merge_alike_however_their_mentions_interleave() {
        // Three happenings days apart (separate components of the pair graph, merged in
        // parallel), their mentions interleaved by index, and one unrelated mention.
        let texts = [
            "Rebels shelled the port city of Marel overnight, killing five.",
            "Talks on a truce resumed in Geneva under United Nations auspices.",
            "A drone struck a fuel depot near Talin airport at dawn.",
        ];
        let mut sources = Vec::new();
        let mut mentions = Vec::new();
        for copy in 0..3 {
            for (g, text) in texts.iter().enumerate() {
                sources.push(source(&format!("s{copy}{g}"), &[text]));
                let kind = [EventKind::Shelling, EventKind::Talks, EventKind::AirStrike][g];
                mentions.push(mention(sources.len() - 1, 0, kind, day(3 + 7 * g as u32)));
            }
        }
        sources.push(source("x", &["Farmers harvested wheat in the valley."]));
        mentions.insert(
            4,
            mention(sources.len() - 1, 0, EventKind::Shelling, day(24)),
        );
        let events = align(&sources, &mentions, &Thresholds::uniform(0.15));
        let mut groups: Vec<Vec<usize>> = events.iter().map(|e| e.mentions.clone()).collect();
        groups.sort();
        assert_eq!(
            groups,
            vec![vec![0, 3, 7], vec![1, 5, 8], vec![2, 6, 9], vec![4]],
            "{events:?}"
        );
    }

    #[test]
    fn reports_of_different_wars_never_merge_however_alike() {
        let sentences = [
            "Artillery shelled the market in Khartoum overnight, killing five civilians.",
            "Artillery shelled the market in Kharkiv overnight, killing five civilians.",
            "Artillery shelled the market overnight, killing five civilians.",
            "Artillery shelled a market in Omdurman overnight, killing five civilians, Sudan said.",
        ];
        let sources: Vec<Source> = ["a", "b", "c", "d"]
            .iter()
            .zip(sentences)
            .map(|(id, text)| source(id, &[text]))
            .collect();
        let mentions: Vec<Mention> = (0..4)
            .map(|s| mention(s, 0, EventKind::Shelling, day(3)))
            .collect();
        let events = align(&sources, &mentions, &Thresholds::uniform(0.15));
        let event_of = |m: usize| events.iter().position(|e| e.mentions.contains(&m));
        // Khartoum and Omdurman both lie in Sudan: one war, one happening.
        assert_eq!(event_of(0), event_of(3));
        // Kharkiv is in Ukraine: never the same happening as a Sudanese one.
        assert_ne!(event_of(0), event_of(1));
        assert_ne!(event_of(1), event_of(3));
        // A report that names no country may be about either.
        let alone = align(&sources[1..3], &mentions[..2], &Thresholds::uniform(0.15));
        assert_eq!(alone.len(), 1, "{alone:?}");
    }

    #[test]
    fn times_that_cannot_overlap_never_merge() {
        let sources = vec![
            source(
                "a",
                &["Rebels shelled the port city of Marel, killing five."],
            ),
            source(
                "b",
                &["Rebels shelled the port city of Marel, killing five."],
            ),
        ];
        let mentions = vec![
            mention(0, 0, EventKind::Shelling, day(3)),
            mention(1, 0, EventKind::Shelling, day(10)),
        ];
        assert_eq!(
            align(&sources, &mentions, &Thresholds::uniform(0.15)).len(),
            2
        );
    }

    #[test]
    fn unrelated_sentences_and_other_kinds_stay_apart() {
        let sources = vec![
            source(
                "a",
                &["Rebels shelled the port city of Marel, killing five."],
            ),
            source("b", &["Diplomats met in Geneva to discuss prisoner swaps."]),
            source(
                "c",
                &["Rebels shelled the port city of Marel, killing five."],
            ),
        ];
        let mentions = vec![
            mention(0, 0, EventKind::Shelling, day(3)),
            mention(1, 0, EventKind::Shelling, day(3)),
            mention(2, 0, EventKind::Talks, day(3)),
        ];
        assert_eq!(
            align(&sources, &mentions, &Thresholds::uniform(0.15)).len(),
            3
        );
    }

    #[test]
    fn merging_keeps_every_member_time_compatible() {
        // a~b and b~c overlap pairwise, but a and c do not: the chain must not close.
        let sources = vec![
            source("a", &["Shelling of Marel port city"]),
            source("b", &["Shelling of Marel port city"]),
            source("c", &["Shelling of Marel port city"]),
        ];
        let mentions = vec![
            mention(0, 0, EventKind::Shelling, day(3)),
            mention(
                1,
                0,
                EventKind::Shelling,
                TimeSpan::days(day(3).first_day(), day(4).first_day(), Granularity::Day),
            ),
            mention(2, 0, EventKind::Shelling, day(4)),
        ];
        let events = align(&sources, &mentions, &Thresholds::uniform(0.15));
        assert_eq!(events.len(), 2);
        assert!(events.iter().all(|e| e.mentions.len() <= 2));
    }

    #[test]
    fn candidates_are_the_overlapping_pairs_of_one_family() {
        let mentions = vec![
            mention(0, 0, EventKind::Shelling, day(3)),
            mention(1, 0, EventKind::Shelling, day(4)),
            mention(
                2,
                0,
                EventKind::Shelling,
                TimeSpan::days(day(3).first_day(), day(5).first_day(), Granularity::Day),
            ),
            mention(3, 0, EventKind::Talks, day(3)),
            mention(4, 0, EventKind::CeasefireAgreed, day(4)),
            mention(5, 0, EventKind::CeasefireInForce, day(4)),
        ];
        let mut brute: Vec<(usize, usize)> = Vec::new();
        for i in 0..mentions.len() {
            for j in i + 1..mentions.len() {
                if kind_family(mentions[i].kind) == kind_family(mentions[j].kind)
                    && mentions[i].time.overlaps(&mentions[j].time)
                {
                    brute.push((i, j));
                }
            }
        }
        assert_eq!(candidate_pairs(&mentions, &[&[][..]; 6]), brute);
        assert_eq!(brute, vec![(0, 2), (1, 2), (4, 5)]);
    }

    #[test]
    fn country_blocking_keeps_exactly_the_pairs_that_could_match() {
        // Mentions of random kinds, spans and countries (some articles name none), against
        // the definition pair by pair: each pair produced once, none missing.
        // Small samples over many seeds, so that some countries lack a class their unnamed
        // neighbours have.
        let kinds = [
            EventKind::Shelling,
            EventKind::Talks,
            EventKind::CeasefireAgreed,
            EventKind::CeasefireInForce,
        ];
        // [1, 3] and [2, 3] share 3 first, though neither names it first.
        let country_sets: [&[u32]; 10] = [
            &[],
            &[1],
            &[2],
            &[1, 2],
            &[3],
            &[2, 3],
            &[4],
            &[5],
            &[1, 3],
            &[1, 2, 3],
        ];
        let mut total = 0;
        for seed in 0..40u64 {
            let mut state = seed;
            let mut next = |n: u64| {
                state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut z = state;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                (z ^ (z >> 31)) % n
            };
            let mut mentions = Vec::new();
            let mut countries: Vec<&[u32]> = Vec::new();
            for m in 0..30 {
                let start = 1 + next(10) as u32;
                let len = [0, 0, 3, 15, 200][next(5) as usize];
                let first = day(start).first_day();
                let time =
                    TimeSpan::days(first, first + chrono::Duration::days(len), Granularity::Day);
                mentions.push(mention(m, 0, kinds[next(4) as usize], time));
                countries.push(country_sets[next(10) as usize]);
            }
            let mut brute: Vec<(usize, usize)> = Vec::new();
            for i in 0..mentions.len() {
                for j in i + 1..mentions.len() {
                    let (a, b) = (&mentions[i], &mentions[j]);
                    if kind_family(a.kind) == kind_family(b.kind)
                        && a.time.overlaps(&b.time)
                        && precision_class(a).abs_diff(precision_class(b)) <= 1
                        && first_shared_country(countries[i], countries[j]).is_some()
                    {
                        brute.push((i, j));
                    }
                }
            }
            total += brute.len();
            assert_eq!(candidate_pairs(&mentions, &countries), brute, "seed {seed}");
        }
        assert!(total > 300, "{total}");
    }

    #[test]
    fn unlike_sentences_of_one_article_never_join_through_others() {
        // b1 and b2 (one article) are each like a, but not like each other: once a and b1
        // form a cluster, the cluster's average likeness to b2 must not let b2 in.
        let sources = vec![
            source("a", &["Rebels shelled Marel harbour and Tovan bridge."]),
            source("b", &["Marel harbour shelled.", "Tovan bridge hit."]),
        ];
        let mentions = vec![
            mention(0, 0, EventKind::Shelling, day(3)),
            mention(1, 0, EventKind::Shelling, day(3)),
            mention(1, 1, EventKind::Shelling, day(3)),
        ];
        let events = align(&sources, &mentions, &Thresholds::uniform(0.1));
        assert!(
            events
                .iter()
                .all(|e| !(e.mentions.contains(&1) && e.mentions.contains(&2)))
        );
    }

    #[test]
    fn stated_times_agree_by_degree() {
        let stated = |time| Mention {
            time_basis: TimeBasis::Explicit,
            ..mention(0, 0, EventKind::ArmedClash, time)
        };
        let late_september = TimeSpan::days(
            NaiveDate::from_ymd_opt(2020, 9, 21).unwrap(),
            NaiveDate::from_ymd_opt(2020, 9, 30).unwrap(),
            Granularity::Month,
        );
        let sep27 = TimeSpan::day(NaiveDate::from_ymd_opt(2020, 9, 27).unwrap());
        let noon = TimeSpan::minute(
            NaiveDate::from_ymd_opt(2020, 9, 27)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap(),
        );
        assert_eq!(
            time_agreement(&stated(noon), &stated(noon)),
            SAME_CLOCK_TIME_BONUS
        );
        assert_eq!(
            time_agreement(&stated(sep27), &stated(sep27)),
            SAME_DAY_BONUS
        );
        assert_eq!(
            time_agreement(&stated(late_september), &stated(sep27)),
            NESTED_TIME_BONUS
        );
        assert_eq!(time_agreement(&stated(day(3)), &stated(sep27)), 0.0);
        // A time the sentence does not state itself is no evidence.
        assert_eq!(
            time_agreement(&mention(0, 0, EventKind::ArmedClash, sep27), &stated(sep27)),
            0.0
        );
    }

    #[test]
    fn sweeps_scored_whole_or_split_among_the_threads_give_the_same_events() {
        let texts = crate::extract::test_texts();
        let files: Vec<(String, &str)> = texts
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                [
                    (format!("2023-05-10_wire-{i}.txt"), t.as_str()),
                    (format!("2023-05-11_agency-{i}.txt"), t.as_str()),
                ]
            })
            .collect();
        let bytes: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(id, t)| (id.as_str(), t.as_bytes()))
            .collect();
        let sources = crate::ingest::load_bytes(&bytes).sources;
        let timeline = crate::extract::extract("test".to_owned(), sources);
        assert!(
            timeline
                .events
                .iter()
                .filter(|e| e.mentions.len() > 1)
                .count()
                > 10,
            "enough merged events to compare"
        );
        let thresholds = Thresholds::from_lexicon(&crate::assets::assets().events);
        for (rule, split) in [
            (
                "every sweep split",
                Split {
                    min: 0,
                    share: usize::MAX,
                },
            ),
            (
                "none split",
                Split {
                    min: usize::MAX,
                    share: 1,
                },
            ),
        ] {
            let events = align_split(
                &timeline.sources,
                &timeline.mentions,
                &thresholds,
                countries_named(&timeline.sources),
                &split,
            );
            assert_eq!(events, timeline.events, "{rule}");
        }
    }

    #[test]
    fn a_headline_joins_its_lede_whatever_the_wording() {
        let mut article = source(
            "w",
            &[
                "Truce begins in the east",
                "Guns fell silent across the region at noon.",
                "Later, talks on prisoners opened.",
            ],
        );
        article.sentences[0].role = SentenceRole::Headline;
        let sources = vec![article];
        let mentions = vec![
            mention(0, 0, EventKind::CeasefireInForce, day(3)),
            mention(0, 1, EventKind::CeasefireInForce, day(3)),
            mention(0, 2, EventKind::CeasefireInForce, day(3)),
        ];
        let events = align(&sources, &mentions, &Thresholds::uniform(0.12));
        let joined = events.iter().find(|e| e.mentions.contains(&0)).unwrap();
        assert_eq!(
            joined.mentions,
            vec![0, 1],
            "the headline joins the lede, not the third sentence"
        );
    }

    #[test]
    fn ids_follow_time_order() {
        let sources = vec![source("a", &["One thing.", "Another thing."])];
        let mentions = vec![
            mention(0, 0, EventKind::Talks, day(9)),
            mention(0, 1, EventKind::Shelling, day(2)),
        ];
        let events = align(&sources, &mentions, &Thresholds::uniform(0.15));
        assert_eq!(events[0].id, "e1");
        assert_eq!(events[0].time, day(2));
        assert_eq!(events[1].id, "e2");
    }

    #[test]
    fn a_fallback_day_does_not_narrow_a_stated_time() {
        let night = TimeSpan::days(
            NaiveDate::from_ymd_opt(2020, 10, 9).unwrap(),
            NaiveDate::from_ymd_opt(2020, 10, 10).unwrap(),
            Granularity::Hour,
        );
        let sources = vec![
            source(
                "a",
                &["The ceasefire agreement was reached overnight in Moscow."],
            ),
            source("b", &["The ceasefire agreement was reached in Moscow."]),
        ];
        let mut stated = mention(0, 0, EventKind::CeasefireAgreed, night);
        stated.time_basis = TimeBasis::Relative {
            reference: NaiveDate::from_ymd_opt(2020, 10, 10).unwrap(),
        };
        let fallback = mention(1, 0, EventKind::CeasefireAgreed, day(10));
        let events = align(&sources, &[stated, fallback], &Thresholds::uniform(0.1));
        assert_eq!(events.len(), 1, "{events:?}");
        // The fallback day still had to overlap, but the event keeps the stated night.
        assert_eq!(events[0].time, night);
        // With only fallback days, their intersection is the time.
        let a = mention(0, 0, EventKind::CeasefireAgreed, day(10));
        let b = mention(1, 0, EventKind::CeasefireAgreed, day(10));
        let events = align(&sources, &[a, b], &Thresholds::uniform(0.1));
        assert_eq!(events[0].time, day(10));
    }

    #[test]
    fn a_definite_description_joins_the_happening_it_names() {
        let sources = vec![source(
            "a",
            &[
                "Rebels and the army agreed a ceasefire deal in Doha on Monday.",
                "Shops reopened across the capital.",
                "Officials expect the ceasefire deal to hold.",
            ],
        )];
        let first = mention(0, 0, EventKind::CeasefireAgreed, day(5));
        let mut later = mention(0, 2, EventKind::CeasefireAgreed, day(5));
        later.time_basis = TimeBasis::Antecedent { from_sentence: 0 };
        let events = align(
            &sources,
            &[first.clone(), later.clone()],
            &Thresholds::uniform(0.9),
        );
        assert_eq!(events.len(), 1, "{events:?}");
        // Without the reference, two sentences of one article this unlike stay apart.
        later.time_basis = TimeBasis::ArticleDate;
        let events = align(&sources, &[first, later], &Thresholds::uniform(0.9));
        assert_eq!(events.len(), 2, "{events:?}");
    }

    #[test]
    fn a_month_or_a_year_is_no_candidate_for_a_day() {
        let month = TimeSpan::days(
            NaiveDate::from_ymd_opt(2020, 10, 1).unwrap(),
            NaiveDate::from_ymd_opt(2020, 10, 31).unwrap(),
            Granularity::Month,
        );
        let late = TimeSpan::days(
            NaiveDate::from_ymd_opt(2020, 10, 21).unwrap(),
            NaiveDate::from_ymd_opt(2020, 10, 31).unwrap(),
            Granularity::Day,
        );
        let mentions = vec![
            mention(0, 0, EventKind::Shelling, day(25)),
            mention(1, 0, EventKind::Shelling, late),
            mention(2, 0, EventKind::Shelling, month),
            mention(3, 0, EventKind::Shelling, day(25)),
        ];
        let pairs = candidate_pairs(&mentions, &[&[][..]; 4]);
        // Day with day and with "late last month" (eleven days); the month with the eleven
        // days only.
        assert_eq!(pairs, vec![(0, 1), (0, 3), (1, 2), (1, 3)]);
    }
}
