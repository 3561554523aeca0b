//! Many patterns over one text, each found exactly as `Regex::find_iter` finds it, but
//! searched only where one of its matches can begin.
//!
//! The tagger's rules are case-insensitive alternations of words. For those the regex engine
//! finds no literal prefilter (the case variants of "yesterday" alone number 512), so each
//! rule walked every byte of every article: 32 walks, most of the tagger's time. Here each
//! pattern's possible first words are read off its syntax tree once, with ASCII case folded
//! away; one Aho-Corasick pass over a text finds every place where any pattern may start, and
//! each such place is tried with an anchored search. A pattern whose first words cannot be
//! listed (it may start with any capital letter, say) is searched the whole way as before.
//!
//! Invariant: [`Scanner::scan`] returns, pattern by pattern, the starts that `find_iter`
//! returns. That holds because every match starts with one of its pattern's listed words
//! (what the private `prefixes` guarantees), because an anchored search at the leftmost place a
//! match can start finds the match an unanchored search would, and because texts holding a
//! character that folding left out of a listed word (the Kelvin sign or long s, which match
//! `k` and `s` case-insensitively; digits of other scripts, which match `\d`) are searched
//! the plain way. Tests compare both ways on corpora and random texts.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind, Look};
use std::cell::RefCell;
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};

/// A pattern that does not compile, by its position in the list.
#[derive(Debug, thiserror::Error)]
#[error("pattern {index}: {source}")]
pub struct PatternError {
    pub index: usize,
    #[source]
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

/// Characters outside ASCII that match an ASCII letter case-insensitively (Unicode simple case
/// folding, as `(?i)` reads it): the Kelvin sign (k) and the long s (s). A gate that looks
/// for a pattern's words with ASCII case folded away must let a text holding one through.
pub(crate) const FOLDS_TO_ASCII: [char; 2] = ['\u{212A}', '\u{17F}'];

/// Words found in a text with ASCII case folded away: for gates that let a text through to a
/// costly case-insensitive search only when it holds the words the search's matches hold (the
/// facts' cues, the gapped trigger phrases).
#[derive(Debug)]
pub(crate) struct WordFinder(AhoCorasick);

impl WordFinder {
    pub(crate) fn new(words: &[&str]) -> Option<WordFinder> {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(words)
            .ok()
            .map(WordFinder)
    }

    /// The index of each word `text` holds, as often as it holds it (overlapping); `None` when
    /// `text` holds a character that folds to an ASCII letter ([`FOLDS_TO_ASCII`]), which a
    /// gate must let through.
    pub(crate) fn found<'a>(&'a self, text: &'a str) -> Option<impl Iterator<Item = usize> + 'a> {
        if !text.is_ascii() && text.contains(FOLDS_TO_ASCII) {
            return None;
        }
        Some(
            self.0
                .find_overlapping_iter(text)
                .map(|m| m.pattern().as_usize()),
        )
    }
}

/// An inclusive range of characters.
type CharRange = (char, char);

type MakeSearches = Box<dyn Fn() -> Searches + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// One thread's search state, a slot per pattern: the engine's cache and a buffer for a
/// match's groups. Kept from one article to the next: a reader made fresh buffers for every
/// pattern, a hundred allocations an article.
#[derive(Default)]
struct Searches {
    caches: Vec<meta::Cache>,
    captures: Vec<Captures>,
}

/// Compiled patterns with their shared start finder.
pub struct Scanner {
    patterns: Vec<Pattern>,
    /// The patterns as given, for [`Scanner::pattern`].
    sources: Vec<String>,
    /// Finds the listed first words of every prefiltered pattern (ASCII case-insensitive). A
    /// contiguous NFA: the tagger's thousands of words make a DFA of megabytes, and the
    /// NFA's search costs about 10% more of a scan that is a small part of tagging.
    words: Option<AhoCorasick>,
    /// For each word of `words`, the patterns it may start.
    owners: Vec<Vec<u16>>,
    /// Non-ASCII characters that folding left out of listed words, as sorted ranges.
    unlisted: Vec<CharRange>,
    /// Which scanner this is, for its search states in [`SPARE_SEARCHES`].
    id: u64,
    make: MakeSearches,
}

thread_local! {
    /// Each thread's search states not in use, by scanner: taken for a search and given back
    /// after it. Per thread (the engine's caches are not shared, and a lock taken for each of
    /// a year of coverage's sentences cost 3% of a load), and not the engine's pool, so that
    /// [`Scanner::release_searches`] can free them.
    static SPARE_SEARCHES: RefCell<Vec<(u64, Searches)>> = const { RefCell::new(Vec::new()) };
}

/// The next [`Scanner::id`].
static NEXT_SCANNER: AtomicU64 = AtomicU64::new(0);

impl Drop for Scanner {
    /// The dropping thread's spare search state goes with the scanner; another thread's stays
    /// until that thread ends (the bundled scanners are never dropped).
    fn drop(&mut self) {
        self.release_searches();
    }
}

struct Pattern {
    re: Regex,
    /// Its groups' names and indices: a named group is found by comparing a few short names
    /// (the regex's own lookup hashes the name with SipHash on every call, and the tagger
    /// asks millions of times at a year of coverage).
    names: Box<[(Box<str>, usize)]>,
    /// Its matches start only where `words` finds one of its words.
    prefiltered: bool,
    /// It starts with an ASCII word boundary, so no match starts inside a word.
    starts_at_boundary: bool,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner")
            .field("patterns", &self.patterns.len())
            .field("prefiltered", &self.prefiltered())
            .finish()
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Scanner {
    /// Compiles `patterns`. Serially, on purpose: scanners are built inside `LazyLock`s that
    /// rayon's workers may be waiting on, and a build on a thread outside the pool that handed
    /// its work to those workers would wait for them forever.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<Scanner, PatternError> {
        let err = |index: usize| {
            move |e: Box<dyn std::error::Error + Send + Sync>| PatternError { index, source: e }
        };
        let mut compiled = Vec::new();
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<u16>> = Vec::new();
        let mut unlisted = Vec::new();
        let mut index_of: std::collections::HashMap<Vec<u8>, usize> =
            std::collections::HashMap::new();
        for (index, pattern) in patterns.iter().enumerate() {
            let pattern = pattern.as_ref();
            let id = u16::try_from(index).map_err(|e| err(index)(Box::new(e)))?;
            let re = Regex::new(pattern).map_err(|e| err(index)(Box::new(e)))?;
            let hir = regex_syntax::parse(pattern).map_err(|e| err(index)(Box::new(e)))?;
            let first = (hir.properties().minimum_len().unwrap_or(0) > 0)
                .then(|| first_words(&hir))
                .flatten();
            if let Some((list, left_out)) = &first {
                for word in list {
                    let at = *index_of.entry(word.clone()).or_insert_with(|| {
                        words.push(word.clone());
                        owners.push(Vec::new());
                        words.len() - 1
                    });
                    if let Some(o) = owners.get_mut(at) {
                        o.push(id);
                    }
                }
                unlisted.extend_from_slice(left_out);
            }
            let names = re
                .group_info()
                .pattern_names(regex_automata::PatternID::ZERO)
                .enumerate()
                .filter_map(|(i, name)| Some((Box::from(name?), i)))
                .collect();
            compiled.push(Pattern {
                re,
                names,
                prefiltered: first.is_some(),
                starts_at_boundary: starts_at_word_boundary(&hir),
            });
        }
        for o in &mut owners {
            o.dedup();
        }
        unlisted.sort_unstable();
        unlisted.dedup();
        let words = if words.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&words)
                    .map_err(|e| err(patterns.len())(Box::new(e)))?,
            )
        };
        let regexes: Vec<Regex> = compiled.iter().map(|p| p.re.clone()).collect();
        let make: MakeSearches = Box::new(move || Searches {
            caches: regexes.iter().map(Regex::create_cache).collect(),
            captures: regexes.iter().map(Regex::create_captures).collect(),
        });
        Ok(Scanner {
            patterns: compiled,
            sources: patterns.iter().map(|p| p.as_ref().to_owned()).collect(),
            words,
            owners,
            unlisted,
            id: NEXT_SCANNER.fetch_add(1, Ordering::Relaxed),
            make,
        })
    }

    /// Pattern `i` as given.
    pub fn pattern(&self, i: usize) -> Option<&str> {
        self.sources.get(i).map(String::as_str)
    }

    /// How many patterns are searched only where their first words are.
    pub fn prefiltered(&self) -> usize {
        self.patterns.iter().filter(|p| p.prefiltered).count()
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The search state this thread gave back for this scanner, taken out of its list.
    fn spare_searches(&self) -> Option<Searches> {
        SPARE_SEARCHES.with(|spare| {
            let mut spare = spare.try_borrow_mut().ok()?;
            let at = spare.iter().position(|(id, _)| *id == self.id)?;
            Some(spare.swap_remove(at).1)
        })
    }

    /// This thread's search state: the one it gave back before, else a new one.
    fn take_searches(&self) -> Searches {
        self.spare_searches().unwrap_or_else(|| (self.make)())
    }

    /// Keeps `searches` for this thread's next search (one per scanner: a second, from
    /// searches nested on one thread, is dropped).
    fn give_back(&self, searches: Searches) {
        SPARE_SEARCHES.with(|spare| {
            if let Ok(mut spare) = spare.try_borrow_mut()
                && !spare.iter().any(|(id, _)| *id == self.id)
            {
                spare.push((self.id, searches));
            }
        });
    }

    /// Frees the search states the calling thread keeps for this scanner's next search
    /// (`rayon::broadcast` it to free every worker's). Their caches grow with the texts
    /// searched (10 MB after a year of coverage, the tagger's and the triggers' together),
    /// and once extraction has read every article they would sit through alignment, at the
    /// load's memory peak. A search after this makes new ones.
    pub fn release_searches(&self) {
        drop(self.spare_searches());
    }

    /// Whether `text` holds a character that a listed first word left out.
    fn has_unlisted(&self, text: &str) -> bool {
        !text.is_ascii()
            && text.chars().any(|c| {
                !c.is_ascii()
                    && self
                        .unlisted
                        .binary_search_by(|&(lo, hi)| {
                            if hi < c {
                                std::cmp::Ordering::Less
                            } else if lo > c {
                                std::cmp::Ordering::Greater
                            } else {
                                std::cmp::Ordering::Equal
                            }
                        })
                        .is_ok()
            })
    }

    /// The start of every match of every pattern, as `(pattern, start)`: pattern by pattern,
    /// each pattern's matches in text order, non-overlapping, as `find_iter` gives them.
    pub fn scan(&self, text: &str) -> Vec<(u16, usize)> {
        starts(self.scan_ranges(text))
    }

    /// [`Scanner::scan`] with each match's whole range.
    pub fn scan_ranges(&self, text: &str) -> Vec<(u16, Range<usize>)> {
        let mut searches = self.take_searches();
        let found = self.scan_with(text, &mut searches.caches, !self.has_unlisted(text));
        self.give_back(searches);
        found
    }

    /// [`Scanner::scan`] without the start finder: every pattern walks the whole text.
    pub fn scan_plain(&self, text: &str) -> Vec<(u16, usize)> {
        let mut searches = self.take_searches();
        let found = self.scan_with(text, &mut searches.caches, false);
        self.give_back(searches);
        starts(found)
    }

    fn scan_with(
        &self,
        text: &str,
        caches: &mut [meta::Cache],
        prefilter: bool,
    ) -> Vec<(u16, Range<usize>)> {
        // The places where a prefiltered pattern may start, as (pattern, start), sorted.
        let mut starts: Vec<(u16, usize)> = Vec::new();
        if prefilter && let Some(words) = &self.words {
            let bytes = text.as_bytes();
            let spaced = Spaced::of(text);
            for m in words.find_overlapping_iter(spaced.bytes()) {
                let Some(at) = spaced.position(m.start()) else {
                    continue;
                };
                let inside_word = at > 0
                    && bytes.get(at).copied().is_some_and(is_word_byte)
                    && bytes.get(at - 1).copied().is_some_and(is_word_byte);
                for &p in self
                    .owners
                    .get(m.pattern().as_usize())
                    .into_iter()
                    .flatten()
                {
                    let bounded = self
                        .patterns
                        .get(usize::from(p))
                        .is_some_and(|p| p.starts_at_boundary);
                    if !(inside_word && bounded) {
                        starts.push((p, at));
                    }
                }
            }
            starts.sort_unstable();
            starts.dedup();
        }
        let mut out = Vec::new();
        let mut next = 0;
        for (index, (pattern, cache)) in self.patterns.iter().zip(caches.iter_mut()).enumerate() {
            let Ok(id) = u16::try_from(index) else { break };
            if prefilter && pattern.prefiltered {
                // Like find_iter: the leftmost match, then the next from where it ended.
                let mut from = 0;
                while let Some(&(p, at)) = starts.get(next)
                    && p == id
                {
                    next += 1;
                    if at < from {
                        continue;
                    }
                    let input = Input::new(text).range(at..).anchored(Anchored::Yes);
                    if let Some(m) = pattern.re.search_with(cache, &input) {
                        out.push((id, m.range()));
                        from = m.end();
                    }
                }
            } else {
                while starts.get(next).is_some_and(|&(p, _)| p == id) {
                    next += 1;
                }
                // Patterns that may match empty are not prefiltered; this is find_iter's loop.
                out.extend(
                    regex_automata::util::iter::Searcher::new(Input::new(text))
                        .into_matches_iter(|input| Ok(pattern.re.search_with(cache, input)))
                        .infallible()
                        .map(|m| (id, m.range())),
                );
            }
        }
        out
    }

    /// A reader of the matches [`Scanner::scan`] found, holding this thread's search caches.
    pub fn reader(&self) -> Reader<'_> {
        Reader {
            scanner: self,
            searches: self.take_searches(),
        }
    }
}

/// Reads matches again, with their groups, where [`Scanner::scan`] found them start.
pub struct Reader<'s> {
    scanner: &'s Scanner,
    searches: Searches,
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        self.scanner.give_back(std::mem::take(&mut self.searches));
    }
}

impl Reader<'_> {
    /// The match of `pattern` that starts at `start` of `text`, with its groups: the one
    /// `find_iter` found there.
    pub fn captures_at<'t>(
        &mut self,
        pattern: usize,
        text: &'t str,
        start: usize,
    ) -> Option<Caps<'t, '_>> {
        self.captures_in(pattern, text, start..text.len())
    }

    /// [`Reader::captures_at`] `range.start` for a caller that knows where the match ends
    /// (the range [`Scanner::scan_ranges`] gave): the same match and groups. The search sees
    /// the text around the range (a `\b` at its end reads the next character), but no match
    /// reaches past it, so the search for the match's end stops there.
    pub fn captures_in<'t>(
        &mut self,
        pattern: usize,
        text: &'t str,
        range: Range<usize>,
    ) -> Option<Caps<'t, '_>> {
        let found = self.scanner.patterns.get(pattern)?;
        let Searches { caches, captures } = &mut self.searches;
        let cache = caches.get_mut(pattern)?;
        let caps = captures.get_mut(pattern)?;
        let input = Input::new(text).range(range).anchored(Anchored::Yes);
        found.re.search_captures_with(cache, &input, caps);
        caps.is_match().then_some(Caps {
            text,
            slots: caps.slots(),
            names: &found.names,
        })
    }

    /// [`Reader::captures_in`], its groups kept in `kept` to be read again
    /// ([`Scanner::kept`]); a range with no match keeps nothing.
    pub fn keep_in(&mut self, pattern: usize, text: &str, range: Range<usize>, kept: &mut Kept) {
        if let Some(caps) = self.captures_in(pattern, text, range) {
            kept.matches.push((pattern, kept.slots.len()));
            kept.slots.extend_from_slice(caps.slots);
        }
    }
}

/// Matches' groups, kept in one buffer to be read again ([`Reader::keep_in`],
/// [`Scanner::kept`]): an article's expressions are read twice, before and after its date is
/// known, and finding each match's groups is the costly part of reading it.
#[derive(Clone, Debug, Default)]
pub struct Kept {
    /// Each match's group offsets in turn (a start and an end per group: its pattern's slots).
    slots: Vec<Option<NonMaxUsize>>,
    /// Each match's pattern and where its slots start.
    matches: Vec<(usize, usize)>,
}

impl Kept {
    /// How many matches are kept.
    pub fn matches(&self) -> usize {
        self.matches.len()
    }
}

impl Scanner {
    /// The matches kept in `kept` from `text`, in the order they were kept, with their
    /// patterns: what [`Reader::captures_in`] gave for each.
    pub fn kept<'t, 'c>(
        &'c self,
        kept: &'c Kept,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, Caps<'t, 'c>)> {
        kept.matches
            .iter()
            .enumerate()
            .filter_map(move |(k, &(pattern, start))| {
                let end = kept
                    .matches
                    .get(k + 1)
                    .map_or(kept.slots.len(), |&(_, e)| e);
                Some((
                    pattern,
                    Caps {
                        text,
                        slots: kept.slots.get(start..end)?,
                        names: &self.patterns.get(pattern)?.names,
                    },
                ))
            })
    }
}

/// A match and its groups in a text, read like `regex::Captures`.
pub struct Caps<'t, 'c> {
    text: &'t str,
    /// Group `i`'s start and end offsets at `2i` and `2i + 1` (each pattern is a regex of its
    /// own: one pattern's slots).
    slots: &'c [Option<NonMaxUsize>],
    names: &'c [(Box<str>, usize)],
}

/// A group's text and where it lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Piece<'t> {
    pub fn as_str(&self) -> &'t str {
        self.text.get(self.start..self.end).unwrap_or("")
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl<'t> Caps<'t, '_> {
    /// How many groups the pattern has, the whole match included.
    pub fn group_len(&self) -> usize {
        self.slots.len() / 2
    }

    /// Group `i` (0 is the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Piece<'t>> {
        let start = self.slots.get(i.checked_mul(2)?).copied()??;
        let end = self
            .slots
            .get(i.checked_mul(2)?.checked_add(1)?)
            .copied()??;
        Some(Piece {
            text: self.text,
            start: start.get(),
            end: end.get(),
        })
    }

    /// The named group, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Piece<'t>> {
        let (_, i) = self.names.iter().find(|(n, _)| &**n == name)?;
        self.get(*i)
    }
}

impl<'t> std::ops::Index<&str> for Caps<'t, '_> {
    type Output = str;

    /// The named group's text; like `regex::Captures`, a group that did not take part is a
    /// bug in the rule that asks for it.
    fn index(&self, name: &str) -> &str {
        self.name(name)
            .map(|p| p.as_str())
            .unwrap_or_else(|| panic!("no group named '{name}' in this match"))
    }
}

/// Whether every match of `hir` begins at an ASCII word boundary.
fn starts_at_word_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(Look::WordAscii) => true,
        HirKind::Concat(subs) => subs.first().is_some_and(starts_at_word_boundary),
        HirKind::Capture(c) => starts_at_word_boundary(&c.sub),
        HirKind::Alternation(subs) => subs.iter().all(starts_at_word_boundary),
        _ => false,
    }
}

/// At most this many first words for one pattern: more are cut shorter (see [`shrink`]).
/// With 400 words of 10 bytes the tagger's scanner is built in about 30 ms (1,000 of 12 took
/// 90 ms, on every load) and scans a few percent slower.
const WORDS_PER_PATTERN: usize = 400;
/// First words are cut to this length: longer ones find hardly fewer places.
const WORD_BYTES: usize = 10;

/// The words every match of `hir` starts with (lower-case ASCII where the pattern ignores
/// case), and the non-ASCII characters left out of them; `None` when they cannot be listed.
fn first_words(hir: &Hir) -> Option<(Vec<Vec<u8>>, Vec<CharRange>)> {
    let mut left_out = Vec::new();
    let folded = fold(hir, &mut left_out);
    let mut words: Vec<Vec<u8>> = prefixes(&folded)?.into_iter().map(|(w, _)| w).collect();
    words.sort_unstable();
    words.dedup();
    if words.is_empty() || words.iter().any(Vec::is_empty) {
        return None;
    }
    Some((words, left_out))
}

/// What a match of `hir` begins with: `(word, whole)` pairs such that every match either
/// starts with a `word` or, where `whole`, is exactly that word (so what follows `hir` in a
/// concatenation continues it). `None` when a class too large to list comes first.
///
/// regex-syntax's own extractor bounds the product of every literal of a concatenation's
/// parts, including those a large class already cut short, and gives up on the tagger's
/// optional openings ("at least", "the", "the past") before a number word.
fn prefixes(hir: &Hir) -> Option<Vec<(Vec<u8>, bool)>> {
    let whole = |mut w: Vec<u8>| {
        let cut = w.len() >= WORD_BYTES;
        w.truncate(WORD_BYTES);
        (w, !cut)
    };
    let out: Vec<(Vec<u8>, bool)> = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => vec![(Vec::new(), true)],
        HirKind::Literal(lit) => vec![whole(spaced(&lit.0))],
        HirKind::Class(class) => class_items(class)?.into_iter().map(whole).collect(),
        HirKind::Capture(c) => prefixes(&c.sub)?,
        HirKind::Repetition(rep) => {
            let sub = prefixes(&rep.sub);
            // After one round of `sub` another may follow: its words are only beginnings.
            // But any run of whitespace is one space to the start finder.
            let once =
                rep.max == Some(1) || sub.as_deref().is_some_and(|p| p == [(b" ".to_vec(), true)]);
            let mut out: Vec<(Vec<u8>, bool)> = match sub {
                Some(p) => p.into_iter().map(|(w, all)| (w, all && once)).collect(),
                None if rep.min == 0 => vec![(Vec::new(), false)],
                None => return None,
            };
            if rep.min == 0 {
                out.push((Vec::new(), true));
            }
            out
        }
        // Shrunk once, below, not after each alternative: that sorted the growing list once
        // per alternative (hundreds, in a lexicon's alternation). Every match still starts
        // with one of the words; cut once, they are all cut to one length (cut along the
        // way, a later alternative's could stay longer). The tagger's are the same.
        HirKind::Alternation(subs) => {
            let mut out = Vec::new();
            for sub in subs {
                out.extend(prefixes(sub)?);
            }
            out
        }
        HirKind::Concat(subs) => {
            let mut out = vec![(Vec::new(), true)];
            for sub in subs {
                if out.iter().all(|(_, all)| !all) {
                    break;
                }
                let next = prefixes(sub);
                let mut grown = Vec::new();
                for (w, all) in out {
                    match (&next, all) {
                        (Some(next), true) => grown.extend(next.iter().map(|(v, v_all)| {
                            // A run of whitespace across the join is one space.
                            let v = match (w.last(), v.first()) {
                                (Some(b' '), Some(b' ')) => v.get(1..).unwrap_or(&[]),
                                _ => v.as_slice(),
                            };
                            let (word, fits) = whole([w.as_slice(), v].concat());
                            (word, fits && *v_all)
                        })),
                        // The word stopped before, or what follows cannot be listed.
                        _ => grown.push((w, false)),
                    }
                }
                out = shrink(grown)?;
            }
            out
        }
    };
    shrink(out)
}

/// The members of a class of at most ten, each as the start finder reads it (whitespace as a
/// space); `None` for a larger class.
fn class_items(class: &Class) -> Option<Vec<Vec<u8>>> {
    let one = |c: char| {
        if c.is_whitespace() {
            b" ".to_vec()
        } else {
            c.to_string().into_bytes()
        }
    };
    let items: Vec<Vec<u8>> = match class {
        Class::Bytes(class) => class
            .ranges()
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .take(11)
            .map(|b| {
                if b.is_ascii() {
                    one(char::from(b))
                } else {
                    vec![b]
                }
            })
            .collect(),
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .take(11)
            .map(one)
            .collect(),
    };
    (items.len() <= 10).then_some(items)
}

/// `words` deduplicated, and cut shorter until there are at most [`WORDS_PER_PATTERN`] of
/// them: "the early mo", "the early ni" ... become "the early", one word that starts them all.
fn shrink(mut words: Vec<(Vec<u8>, bool)>) -> Option<Vec<(Vec<u8>, bool)>> {
    words.sort_unstable();
    words.dedup();
    let mut len = WORD_BYTES;
    while words.len() > WORDS_PER_PATTERN {
        len = len.checked_sub(1).filter(|&l| l > 0)?;
        for (w, whole) in &mut words {
            if w.len() > len {
                w.truncate(len);
                *whole = false;
            }
        }
        words.sort_unstable();
        words.dedup();
    }
    Some(words)
}

/// `hir` with ASCII case folded away: a class of at most ten letters and digits and their
/// case (and Unicode) variants becomes the class of their lower-case ASCII forms, a literal
/// is lower-cased; the non-ASCII members dropped go to `left_out`. What `fold` gives matches
/// everything `hir` matches, lower-cased, in texts without those characters.
fn fold(hir: &Hir, left_out: &mut Vec<CharRange>) -> Hir {
    match hir.kind() {
        HirKind::Literal(lit) => Hir::literal(spaced(&lit.0.to_ascii_lowercase())),
        HirKind::Class(class) => fold_class(class, left_out).unwrap_or_else(|| hir.clone()),
        HirKind::Repetition(rep) => {
            let mut rep = rep.clone();
            rep.sub = Box::new(fold(&rep.sub, left_out));
            Hir::repetition(rep)
        }
        HirKind::Capture(c) => fold(&c.sub, left_out),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| fold(h, left_out)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|h| fold(h, left_out)).collect())
        }
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
    }
}

/// A class as [`fold`] reads it: whitespace only, a space; a few letters and digits (and their
/// Unicode case variants or other scripts' digits, which go to `left_out`), their lower-case
/// ASCII forms; `None` to keep it as it is.
fn fold_class(class: &Class, left_out: &mut Vec<CharRange>) -> Option<Hir> {
    let ranges: Vec<CharRange> = match class {
        Class::Unicode(class) => class.iter().map(|r| (r.start(), r.end())).collect(),
        Class::Bytes(class) => class
            .iter()
            .map(|r| (char::from(r.start()), char::from(r.end())))
            .collect(),
    };
    if all_whitespace(ranges.iter().copied()) {
        return Some(Hir::literal(*b" "));
    }
    // A byte class's bytes above ASCII are raw bytes, not characters: kept as they are.
    if matches!(class, Class::Bytes(_)) && ranges.iter().any(|&(_, hi)| !hi.is_ascii()) {
        return None;
    }
    let ascii: Vec<u8> = ranges
        .iter()
        .flat_map(|&(lo, hi)| u32::from(lo)..=u32::from(hi).min(0x7f))
        .filter_map(|c| u8::try_from(c).ok())
        .collect();
    let lower = lowered(&ascii)?;
    left_out.extend(
        ranges
            .iter()
            .filter(|&&(_, hi)| !hi.is_ascii())
            .map(|&(lo, hi)| (lo.max('\u{80}'), hi)),
    );
    Some(Hir::class(Class::Bytes(ClassBytes::new(
        lower.into_iter().map(|b| ClassBytesRange::new(b, b)),
    ))))
}

/// Whether a class (as ranges) holds only whitespace, which the text the start finder reads
/// has as one space a run.
fn all_whitespace(mut ranges: impl Iterator<Item = (char, char)>) -> bool {
    let mut any = false;
    let all = ranges.all(|(lo, hi)| {
        any = true;
        u32::from(hi) - u32::from(lo) < 64 && (lo..=hi).all(char::is_whitespace)
    });
    any && all
}

/// `word` as the start finder reads text (see [`spaced_text`]).
fn spaced(word: &[u8]) -> Vec<u8> {
    match std::str::from_utf8(word) {
        Ok(text) => spaced_text(text).0,
        Err(_) => {
            let mut out = word.to_vec();
            out.dedup_by(|b, a| *a == b' ' && *b == b' ');
            out
        }
    }
}

/// `text` as the start finder reads it (see [`spaced_text`]): borrowed when it already reads
/// so, as most sentences and many articles do, which spares a copy and a position table.
enum Spaced<'t> {
    Same(&'t [u8]),
    Copied(Vec<u8>, Vec<u32>),
}

impl<'t> Spaced<'t> {
    fn of(text: &'t str) -> Spaced<'t> {
        if single_spaced_ascii(text) {
            Spaced::Same(text.as_bytes())
        } else {
            let (copy, at) = spaced_text(text);
            Spaced::Copied(copy, at)
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Spaced::Same(b) => b,
            Spaced::Copied(b, _) => b,
        }
    }

    /// Where byte `k` of [`Spaced::bytes`] lies in the text.
    fn position(&self, k: usize) -> Option<usize> {
        match self {
            Spaced::Same(b) => (k < b.len()).then_some(k),
            Spaced::Copied(_, at) => at.get(k).map(|&i| i as usize),
        }
    }
}

/// Each match's start.
fn starts(matches: Vec<(u16, Range<usize>)>) -> Vec<(u16, usize)> {
    matches.into_iter().map(|(p, m)| (p, m.start)).collect()
}

/// Whether `text` is ASCII whose only white space is single spaces: folding its white space
/// (as the start finder and the trigger lexicon do) leaves it as it is.
pub(crate) fn single_spaced_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .all(|&b| b.is_ascii() && (b == b' ' || !is_ascii_space(b)))
        && !bytes.windows(2).any(|w| w == b"  ")
}

/// Whether byte `b` is ASCII white space as `char::is_whitespace` reads it: space, tab, line
/// feed, vertical tab, form feed, carriage return (`u8::is_ascii_whitespace` leaves out the
/// vertical tab).
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `text` as the start finder reads it: every whitespace character a space, a run of them
/// one space; with the position in `text` of each of its bytes.
///
/// Runs that read as they are (ASCII other than white space, single spaces) are copied whole:
/// a character at a time, this was 2% of a load (every article holds line breaks, so every
/// article is copied).
fn spaced_text(text: &str) -> (Vec<u8>, Vec<u32>) {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len());
    let mut i = 0;
    // Positions are u32: a text longer than that is read to there.
    let end = bytes.len().min(u32::MAX as usize);
    while i < end {
        // A run that reads as it is: ASCII other than white space, and single spaces.
        let start = i;
        let mut after_space = out.last() == Some(&b' ');
        while let Some(&b) = bytes.get(i).filter(|_| i < end) {
            if b == b' ' && !after_space {
                after_space = true;
            } else if b.is_ascii() && !is_ascii_space(b) {
                after_space = false;
            } else {
                break;
            }
            i += 1;
        }
        if i > start {
            out.extend_from_slice(bytes.get(start..i).unwrap_or(&[]));
            at.extend(start as u32..i as u32);
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let next = i + c.len_utf8();
        if !c.is_whitespace() {
            out.extend_from_slice(bytes.get(i..next).unwrap_or(&[]));
            at.extend(i as u32..next as u32);
        } else if out.last() != Some(&b' ') {
            out.push(b' ');
            at.push(i as u32);
        }
        i = next;
    }
    (out, at)
}

/// The lower-case forms of `ascii` when it is a small set of letters and digits.
fn lowered(ascii: &[u8]) -> Option<Vec<u8>> {
    if ascii.is_empty() || !ascii.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    let mut lower: Vec<u8> = ascii.iter().map(u8::to_ascii_lowercase).collect();
    lower.sort_unstable();
    lower.dedup();
    (lower.len() <= 10).then_some(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `regex::Regex::find_iter` gives, pattern by pattern.
    fn reference(patterns: &[&str], text: &str) -> Vec<(u16, usize)> {
        let mut out = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let re = regex::Regex::new(p).unwrap();
            out.extend(re.find_iter(text).map(|m| (i as u16, m.start())));
        }
        out
    }

    fn words(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(pattern).unwrap();
        first_words(&hir).map(|(w, _)| {
            w.into_iter()
                .map(|w| String::from_utf8(w).unwrap())
                .collect()
        })
    }

    /// [`spaced_text`] a character at a time, as it was written first.
    fn spaced_by_char(text: &str) -> (Vec<u8>, Vec<u32>) {
        let mut out = Vec::new();
        let mut at = Vec::new();
        for (i, c) in text.char_indices() {
            let i = i as u32;
            if c.is_whitespace() {
                if out.last() != Some(&b' ') {
                    out.push(b' ');
                    at.push(i);
                }
            } else {
                let mut buf = [0; 4];
                for (k, &b) in c.encode_utf8(&mut buf).as_bytes().iter().enumerate() {
                    out.push(b);
                    at.push(i + k as u32);
                }
            }
        }
        (out, at)
    }

    proptest::proptest! {
        #[test]
        fn spacing_by_runs_is_spacing_by_characters(
            text in "([a-zA-Z0-9.,'\"-]{0,6}[ \t\n\r\x0b\x0c\u{85}\u{a0}\u{2003}\u{3000}é—’\u{1F600}\x1f]{0,3}){0,12}"
        ) {
            proptest::prop_assert_eq!(spaced_text(&text), spaced_by_char(&text));
        }
    }

    #[test]
    fn spacing_reads_the_articles_as_characters_do() {
        for text in crate::extract::test_texts() {
            assert_eq!(spaced_text(&text), spaced_by_char(&text));
        }
    }

    /// Whether the calling thread keeps a search state for `scanner`.
    fn keeps_searches(scanner: &Scanner) -> bool {
        SPARE_SEARCHES.with(|spare| spare.borrow().iter().any(|(id, _)| *id == scanner.id))
    }

    #[test]
    fn search_states_are_kept_per_thread_until_released_and_then_made_anew() {
        let patterns = [r"(?i)\bceasefire\b", r"(?i)\b(?P<n>\d+) killed\b"];
        let scanner = Scanner::new(&patterns).unwrap();
        let other = Scanner::new(&patterns).unwrap();
        let text = "The ceasefire held until 7 killed; another Ceasefire.";
        assert!(!keeps_searches(&scanner));
        let found = scanner.scan_ranges(text);
        assert_eq!(starts(found.clone()), reference(&patterns, text));
        assert!(keeps_searches(&scanner));
        // A reader takes the state and gives it back when dropped.
        {
            let mut reader = scanner.reader();
            assert!(!keeps_searches(&scanner));
            let (_, at) = found.iter().find(|(p, _)| *p == 1).cloned().unwrap();
            let caps = reader.captures_in(1, text, at).unwrap();
            assert_eq!(caps.name("n").map(|n| n.as_str()), Some("7"));
        }
        assert!(keeps_searches(&scanner));
        other.scan_ranges(text);
        // Releasing one scanner's state leaves the other's, and the next search makes anew.
        scanner.release_searches();
        assert!(!keeps_searches(&scanner));
        assert!(keeps_searches(&other));
        assert_eq!(scanner.scan_ranges(text), found);
        assert!(keeps_searches(&scanner));
        // Another thread keeps its own.
        std::thread::scope(|s| {
            s.spawn(|| assert!(!keeps_searches(&scanner)));
        });
        // A dropped scanner's state goes with it.
        let id = other.id;
        drop(other);
        assert!(SPARE_SEARCHES.with(|spare| spare.borrow().iter().all(|(at, _)| *at != id)));
    }

    #[test]
    fn first_words_fold_case_and_read_whitespace_runs_as_one_space() {
        assert_eq!(
            words(r"(?i)(?-u:\b)(?:the\s+)?(?:early|late)\s+hours").unwrap(),
            ["early hour", "late hours", "the early ", "the late h"]
        );
        // An optional opening adds words; a run of whitespace of any kind is one space.
        assert_eq!(
            words(r"(?i)(?:mid\s*-?\s*)?May").unwrap(),
            [
                "may",
                "mid may",
                "mid-may",
                "mid- may",
                "mid -may",
                "mid - may",
                "midmay"
            ]
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
        // Small classes are listed, large ones end the word.
        assert_eq!(
            words(r"[0-1]\d:").unwrap(),
            [
                "00:", "01:", "02:", "03:", "04:", "05:", "06:", "07:", "08:", "09:", "10:", "11:",
                "12:", "13:", "14:", "15:", "16:", "17:", "18:", "19:"
            ]
        );
        assert_eq!(words(r"(?i)\b(?:every|\w+\s+times)"), None);
        assert_eq!(words(r"(?i)\b(?:every|[A-Z]\w*\s+times)"), None);
        // A pattern that may begin anywhere with anything lists nothing.
        assert_eq!(words(r"(?:the\s+)?\w+"), None);
    }

    #[test]
    fn too_many_first_words_are_cut_shorter_not_dropped() {
        // 10 x 10 x 10 x 10 four-digit openings, cut to as many digits as the limit allows.
        let w = words(r"\d\d\d\d-\d\d").unwrap();
        assert!(w.len() <= WORDS_PER_PATTERN, "{}", w.len());
        assert_eq!(w.len(), 100, "{w:?}");
        assert!(w.contains(&"19".to_owned()), "{w:?}");
    }

    #[test]
    fn scan_finds_what_find_iter_finds() {
        let patterns = [
            r"(?i)(?-u:\b)(?:the\s+)?(?:early|late)\s+hours(?-u:\b)",
            r"(?-u:\b)(?:January|Jan\.?)\s+(?P<d>\d{1,2})(?-u:\b)",
            r"(?i)(?-u:\b)(?:\d+|a|an|two)\s+(?:days?|weeks?)\s+ago(?-u:\b)",
            r"(?i)(?-u:\b)(?:every|each)\s+day|(?-u:\b)\w+\s+times\s+a\s+day",
            r"(?i)kilos",
            r"\d+\s+days",
            r"(?i)(?-u:\b)(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)",
            r"(?i)yesterday",
        ];
        let scanner = Scanner::new(&patterns).unwrap();
        assert!(scanner.prefiltered() >= 6, "{}", scanner.prefiltered());
        for text in [
            "In the early hours of Jan. 5 two days ago, at 04:30, shells fell.",
            "THE   EARLY\n\tHOURS; January 12; the early  hours; theearly hours",
            // A no-break space, a vertical tab and an ideographic space are whitespace too.
            "the early\u{a0}hours, 3\u{b}weeks ago, an\u{3000}day ago",
            // The Kelvin sign and the long s match k and s case-insensitively.
            "10 \u{212a}ilos, 5 kilo\u{17f}; kilometres; Kilos",
            // Digits of other scripts are \\d.
            "\u{0663} days ago and \u{0661}\u{0662}:30 and 12:3\u{0660}",
            "three times a day, every day, each day; yesterday, YESTERDAY, xyesterday",
            "",
            "a",
            "overlapping: early hours hours early hours; 1:23:45:67",
        ] {
            assert_eq!(scanner.scan(text), reference(&patterns, text), "{text:?}");
            assert_eq!(
                scanner.scan_plain(text),
                reference(&patterns, text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn captures_are_read_where_the_scan_found_a_match() {
        let scanner = Scanner::new(&[r"(?-u:\b)(?P<mon>Jan)\.?\s+(?P<d>\d+)"]).unwrap();
        let text = "On Jan 5 and Jan. 12.";
        let starts: Vec<usize> = scanner.scan(text).into_iter().map(|(_, at)| at).collect();
        assert_eq!(starts, [3, 13]);
        let mut reader = scanner.reader();
        let caps = reader.captures_at(0, text, 13).unwrap();
        assert_eq!(caps.get(0).unwrap().as_str(), "Jan. 12");
        assert_eq!(&caps["d"], "12");
        assert_eq!(caps.name("mon").unwrap().range(), 13..16);
        assert!(caps.name("nope").is_none());
        // Anchored: no match starts at 2, though one follows.
        assert!(reader.captures_at(0, text, 2).is_none());
        assert!(reader.captures_at(1, text, 3).is_none());
    }

    #[test]
    fn a_pattern_that_does_not_compile_is_named() {
        let e = Scanner::new(&["ok", "(unclosed"]).unwrap_err();
        assert_eq!(e.index, 1);
        assert!(e.to_string().starts_with("pattern 1: "), "{e}");
    }
}
