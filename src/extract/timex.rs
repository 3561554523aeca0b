//! The temporal tagger: finds time expressions in article text and normalises them to TIMEX3
//! values (TimeML 1.2.1 as applied in TempEval-3), with the calendar interval each one names.
//!
//! Owns: recognition (regular-expression rules compiled once), extent conventions (no leading
//! prepositions; a clock time and its day joined by "on"/"at" are one TIME), and resolution of
//! deictic expressions against a reference date.
//!
//! Limits:
//! - "on Saturday", "yesterday", "last week" are resolved against the *article's* date (`dct`),
//!   not today and not the time of the narrative around them; without `dct` they keep `X`
//!   placeholders and no interval.
//! - Tense is read from the nearest tense marker in the same sentence, before the expression
//!   or (at half weight) after it: "will meet on Thursday" goes forward, "On Friday, the blasts
//!   killed" back, "until 9 a.m. Tuesday" forward unless a past perfect follows. Only the
//!   future moves a day or month forward; a past tense ("said") says nothing about the date it
//!   reports, so dates without a year otherwise take the nearest year, weekdays the last such
//!   day. A past verb of the happening itself keeps a date without a year behind the reference
//!   in the two shapes where that reading is safe: right before it ("the fiscal year ended
//!   Jan. 31") or after an opening "In January," ("In January, the company brought in").
//!   Reported futures in the past ("planned to") are read as the past after the expression
//!   and as the future before it. A verb after a closing quote frames the quote and gives no
//!   tense to what is inside it.
//! - Clock times are kept as written; a stated zone ("20:00 GMT", "04:53 am EDT", "Kyiv time",
//!   time") is part of the extent and recorded in `Timex::zone` with its UTC offset when the
//!   label fixes one, but values are not converted (TimeML convention).
//! - Expressions anchored on events ("a week after the truce", "the second day of the
//!   ceasefire") are approximated: durations stay durations, and "the Nth day of" is taken as the
//!   article's own day, which is what news reports mean by it.
//! - Financial news: "a year earlier", "year-earlier", "the 1988 period", "the latest period"
//!   and "last year" in a comparison of figures take the last quarter the text named ("third
//!   quarter" → 1988-Q3); "that year", "the following month" take the last year or month named.
//!   Fiscal years that do not follow the calendar are not modelled.
//! - English only; ambiguous numeric dates (10/10/2020) are not read.

use super::scanner::{Caps, Kept, Piece, Scanner};
use crate::model::{Granularity, TimeSpan, Timex, TimexType, Zone};
use chrono::{Datelike, Duration, IsoWeek, NaiveDate, NaiveTime, Weekday};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Finds and normalises time expressions. `dct` is the reference (article) date; without it
/// relative expressions keep X placeholders (e.g. "XXXX-10-10", weekday unresolved) and
/// resolved = None.
pub fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    tag_read(text, dct, &read(text, &scan(text)))
}

/// Whether the clause around a match looks forward (`Ctx::future`), remembered by the
/// match's bounds for one text. It depends on the text alone, and an undated article asks it
/// of many of the same expressions twice: reading its dating clues, then tagging it against
/// the date they give (tagging without a date asks it of none). Each answer searches the
/// clause with several patterns (4% of a load when asked afresh each time).
#[derive(Debug, Default)]
pub struct Tenses(std::cell::RefCell<Vec<((usize, usize), bool)>>);

impl Tenses {
    /// Kept sorted by bounds: an article's few dozen, searched by halves.
    fn future(&self, ctx: &Ctx<'_>) -> bool {
        let key = (ctx.at, ctx.end);
        let place = {
            let known = self.0.borrow();
            known
                .binary_search_by_key(&key, |&(k, _)| k)
                .map(|i| known[i].1)
        };
        place.unwrap_or_else(|i| {
            let future = ctx.future_afresh();
            self.0.borrow_mut().insert(i, (key, future));
            future
        })
    }
}

/// An article's matches, read ([`read`]) for its taggings, and the tenses they asked.
#[derive(Debug, Default)]
pub struct Reading {
    kept: Kept,
    /// Shared with the article's dating clues ([`super::docdate::clues`]).
    pub tenses: Tenses,
}

/// Where one rule's pattern matched a text: what [`scan`] finds, independent of the
/// reference date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    rule: u16,
    /// The match's length in bytes, `u16::MAX` when longer: it tells the reading where the
    /// match ends (stored in what would be the padding).
    len: u16,
    start: u32,
}

impl Hit {
    /// The match's bytes in the text it was found in; to its end when the length is unknown.
    fn range(&self, text_len: usize) -> Range<usize> {
        let start = self.start as usize;
        match self.len {
            u16::MAX => start..text_len,
            len => start..(start + usize::from(len)).min(text_len),
        }
    }
}

/// Finds where every rule's pattern matches `text` (all rules at once, see [`Scanner`]): the
/// costly half of tagging. An article is dated from its own expressions before they can be
/// resolved against that date, so the loader scans once and resolves twice ([`read`],
/// [`tag_read`]).
pub fn scan(text: &str) -> Vec<Hit> {
    let Some(rules) = RULES.as_ref() else {
        return Vec::new();
    };
    rules
        .scanner
        .scan_ranges(text)
        .into_iter()
        .filter_map(|(rule, found)| {
            Some(Hit {
                rule,
                len: u16::try_from(found.len()).unwrap_or(u16::MAX),
                start: u32::try_from(found.start).ok()?,
            })
        })
        .collect()
}

/// The rules' patterns as [`scan`] searches them: for tests that hold the scan to what
/// `regex::Regex::find_iter` finds.
pub fn rule_scanner() -> Option<&'static Scanner> {
    RULES.as_ref().map(|r| &r.scanner)
}

/// The groups of each match [`scan`] found in `text`, read again where it starts (which
/// costs a fraction of searching for it): what the rules read, which does not depend on the
/// reference date. An article dated by its own expressions is tagged twice, without a date
/// and then with the one they give; reading its matches once serves both ([`tag_read`]).
pub fn read(text: &str, hits: &[Hit]) -> Reading {
    let mut kept = Kept::default();
    if let Some(rules) = RULES.as_ref() {
        let mut reader = rules.scanner.reader();
        for hit in hits {
            reader.keep_in(
                usize::from(hit.rule),
                text,
                hit.range(text.len()),
                &mut kept,
            );
        }
    }
    Reading {
        kept,
        tenses: Tenses::default(),
    }
}

/// [`tag`] from the matches [`read`] read in the same `text`.
pub fn tag_read(text: &str, dct: Option<NaiveDate>, read: &Reading) -> Vec<Timex> {
    // At most a candidate a match: sized once, not grown through five copies.
    let mut cands: Vec<Cand> = Vec::with_capacity(read.kept.matches());
    let Some(rules) = RULES.as_ref() else {
        return Vec::new();
    };
    for (rule, caps) in rules.scanner.kept(&read.kept, text) {
        let Some(build) = rules.builds.get(rule) else {
            continue;
        };
        let Some(whole) = caps.get(0) else {
            continue;
        };
        let ctx = Ctx {
            text,
            dct,
            at: whole.start(),
            end: whole.end(),
            tenses: &read.tenses,
        };
        if let Some(cand) = build(&caps, &ctx)
            && cand.span.start < cand.span.end
            && text.is_char_boundary(cand.span.start)
            && text.is_char_boundary(cand.span.end)
        {
            cands.push(cand);
        }
    }
    let chosen = select(cands);
    let mut merged = merge(text, dct, chosen);
    reporting_periods(text, &mut merged);
    merged
        .into_iter()
        .filter(|c| !c.needs_partner)
        .map(|c| Timex {
            span: c.span,
            kind: c.kind,
            value: c.value,
            modifier: c.modifier,
            resolved: c.resolved,
            relative: c.relative,
            zone: c.zone,
        })
        .collect()
}

/// Whether the clause before byte `at` is in the future tense ("will meet on Thursday"), so
/// that a weekday there points forward; shared with the article-date inference.
pub(crate) fn future_at(text: &str, span: Range<usize>, tenses: &Tenses) -> bool {
    Ctx {
        text,
        dct: None,
        at: span.start,
        end: span.end,
        tenses,
    }
    .future()
}

// ---------------------------------------------------------------------------------------------
// Candidates

/// A day as far as it is known: a date, or a TIMEX3 pattern with X placeholders.
#[derive(Clone, Debug)]
enum Day {
    Date(NaiveDate),
    Pattern(String),
}

impl Day {
    fn value(&self) -> String {
        match self {
            Day::Date(d) => crate::model::iso_date(*d),
            Day::Pattern(p) => p.clone(),
        }
    }
    fn date(&self) -> Option<NaiveDate> {
        match self {
            Day::Date(d) => Some(*d),
            Day::Pattern(_) => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pod {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Pod {
    fn code(self) -> &'static str {
        match self {
            Pod::Morning => "MO",
            Pod::Afternoon => "AF",
            Pod::Evening => "EV",
            Pod::Night => "NI",
        }
    }
    fn parse(word: &str) -> Option<Pod> {
        Some(match &*ascii_lower(word) {
            "morning" => Pod::Morning,
            "afternoon" => Pod::Afternoon,
            "evening" => Pod::Evening,
            "night" | "tonight" | "overnight" => Pod::Night,
            _ => return None,
        })
    }
}

/// What a candidate can still combine with: a clock time or a part of day whose day was only
/// defaulted can take the day written next to it.
#[derive(Clone, Debug)]
enum Anchor {
    None,
    Day(Day),
    Clock {
        h: u32,
        m: u32,
        has_day: bool,
    },
    Pod {
        pod: Pod,
        early: bool,
        has_day: bool,
    },
}

#[derive(Clone, Debug)]
struct Cand {
    span: Range<usize>,
    kind: TimexType,
    value: String,
    modifier: Option<&'static str>,
    resolved: Option<TimeSpan>,
    relative: bool,
    anchor: Anchor,
    /// A bare "morning"/"night" is only a time expression next to a day ("Sunday morning").
    needs_partner: bool,
    /// Whether the value follows the reporting period the text is about (financial news).
    period: Period,
    /// The clock a time of day was stated in.
    zone: Option<Zone>,
}

/// Expressions whose value is the reporting period of the surrounding text: in quarterly
/// results, "a year earlier" is the same quarter a year before, not the whole year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Period {
    /// Not period-relative.
    No,
    /// "a year ago", "year-earlier", "the year-ago quarter": the period one year back.
    YearBack,
    /// "last year" in a results comparison: the period one year back, only in a sentence
    /// that compares figures.
    LastYear,
    /// "the 1988 period", "the 1989 quarter": that year's instance of the period.
    OfYear(i32),
    /// "the latest period": the period itself.
    Latest,
    /// "that year" (0), "the following year" (+1): the year last named, shifted.
    Year(i32),
    /// "that month", "the following month": the month last named, shifted.
    Month(i32),
    /// "that quarter": the quarter last named.
    Quarter,
}

impl Cand {
    fn new(span: Range<usize>, kind: TimexType, value: String) -> Cand {
        Cand {
            span,
            kind,
            value,
            modifier: None,
            resolved: None,
            relative: false,
            anchor: Anchor::None,
            needs_partner: false,
            period: Period::No,
            zone: None,
        }
    }
    fn resolved(mut self, r: Option<TimeSpan>) -> Cand {
        self.resolved = r;
        self
    }
    fn relative(mut self, rel: bool) -> Cand {
        self.relative = rel;
        self
    }
    fn modifier(mut self, m: Option<&'static str>) -> Cand {
        self.modifier = m;
        self
    }
    fn period(mut self, p: Period) -> Cand {
        self.period = p;
        self
    }
    fn zone(mut self, z: Option<Zone>) -> Cand {
        self.zone = z;
        self
    }
}

struct Ctx<'a> {
    text: &'a str,
    dct: Option<NaiveDate>,
    /// Byte offsets of the whole match, for looking at the words around it.
    at: usize,
    end: usize,
    /// The text's tenses asked so far.
    tenses: &'a Tenses,
}

impl Ctx<'_> {
    fn before(&self, max: usize) -> &str {
        let mut from = self.at.saturating_sub(max);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        &self.text[from..self.at]
    }
    fn after(&self, end: usize, max: usize) -> &str {
        let mut to = (end + max).min(self.text.len());
        while !self.text.is_char_boundary(to) {
            to -= 1;
        }
        self.text.get(end..to).unwrap_or("")
    }
    /// The clause before the match (back to the last sentence end), where tense markers live.
    fn clause_before(&self) -> &str {
        let b = self.before(90);
        match sentence_end(b) {
            Some(i) => &b[i..],
            None => b,
        }
    }
    /// The rest of the sentence after the match, up to `max` bytes.
    fn clause_after(&self, max: usize) -> &str {
        let a = self.after(self.end, max);
        let mut cut = a.len();
        for (i, ch) in a.char_indices() {
            if matches!(ch, '!' | '?' | '\n' | ';') {
                cut = i;
                break;
            }
            if ch == '.' && a[i + 1..].starts_with(char::is_whitespace) && !abbreviation(&a[..i]) {
                cut = i;
                break;
            }
        }
        &a[..cut]
    }
    /// Future when the nearest tense marker is a future one, looking both ways within the
    /// sentence: "they said they would appeal, announced Wednesday" is past, "said he will go
    /// on Friday" is future; "the Aug. 7 blasts killed" is past even after "hoped she would
    /// produce new aid, where". A marker after counts at twice its distance, so that "will
    /// meet, she said, on Thursday" stays future. A sentence with no marker ("In January, a
    /// week after the anniversary") is not future.
    ///
    /// Every reader of a relative date asks only this, so the past markers (the costly
    /// search: any word in "-ed") are read only when a future marker was found.
    fn future(&self) -> bool {
        self.tenses.future(self)
    }

    /// [`Ctx::future`], asked afresh.
    fn future_afresh(&self) -> bool {
        let clause = self.clause_before();
        let after = self.clause_after(70);
        if is_match(&FORWARD_SIGNAL, clause) {
            // "until Thursday, they had not called him a suspect" looks back from the past.
            return !PAST_PERFECT.as_ref().is_some_and(|r| r.is_match(after));
        }
        let last_before = |r: &LazyLock<Option<Regex>>| -> Option<usize> {
            r.as_ref()
                .and_then(|r| r.find_iter(clause).filter(|m| !not_verb(m.as_str())).last())
                .map(|m| clause.len() - m.end())
        };
        // A reporting verb after a closing quote frames the quote; it says nothing about the
        // tense inside it ("will leave at 4 a.m. Thursday,'' Castro said").
        let quote = ["''", "\"", "\u{201d}", "\u{201c}"]
            .iter()
            .filter_map(|q| after.find(q))
            .min();
        let after = quote.map_or(after, |q| &after[..q]);
        let first_after = |r: &LazyLock<Option<Regex>>, skip: fn(&str) -> bool| {
            r.as_ref()
                .and_then(|r| r.find_iter(after).find(|m| !skip(m.as_str())))
                .map(|m| m.start())
        };
        let nearest = |before: Option<usize>, after: Option<usize>| -> Option<usize> {
            match (before, after) {
                (Some(b), Some(a)) => Some(b.min(2 * a + 1)),
                (Some(b), None) => Some(b),
                (None, Some(a)) => Some(2 * a + 1),
                (None, None) => None,
            }
        };
        let Some(future) = nearest(
            last_before(&FUTURE),
            first_after(&FUTURE, future_in_the_past),
        ) else {
            return false;
        };
        nearest(last_before(&PAST), first_after(&PAST, not_verb)).is_none_or(|past| future <= past)
    }
    /// Whether a verb of the reported happening itself puts the expression behind the
    /// reference date, in the two shapes where that is safe to read: the verb right before it
    /// ("the fiscal year ended Jan. 31") or the expression opening the sentence with the verb
    /// following ("In January, the company brought in"). Verbs of saying do not count (news
    /// says everything in the past), nor "-ed" adjectives ("the reduced dividend").
    fn happening_past(&self) -> bool {
        let verb = |w: &str| {
            PAST.as_ref().is_some_and(|r| {
                r.find(w)
                    .is_some_and(|m| m.start() == 0 && m.end() == w.len())
            }) && !not_verb(w)
                && !reporting_verb(w)
        };
        let clause = self.clause_before();
        let mut words = clause.split_whitespace().rev();
        let mut prev = words.next().unwrap_or("");
        if ["on", "in", "at"].contains(&&*ascii_lower(prev)) {
            prev = words.next().unwrap_or("");
        }
        let before_prev = ascii_lower(words.next().unwrap_or(""));
        // "the reduced dividend", and present passives: "when the case is heard in May".
        let adjective = [
            "the", "a", "an", "its", "their", "his", "her", "of", "and", "been", "be", "is", "are",
            "being", "gets", "get",
        ]
        .contains(&&*before_prev);
        if verb(prev) && !adjective {
            return true;
        }
        let opening = clause.trim().is_empty() || clause.trim().eq_ignore_ascii_case("in");
        if !opening {
            return false;
        }
        let after = self.clause_after(60);
        let Some(rest) = after.strip_prefix(',') else {
            return false;
        };
        // The first tense marker after the comma must be a past verb of the happening.
        let future = FUTURE
            .as_ref()
            .and_then(|r| r.find(rest))
            .map(|m| m.start());
        let present = PRESENT
            .as_ref()
            .and_then(|r| r.find(rest))
            .map(|m| m.start());
        let past = PAST
            .as_ref()
            .and_then(|r| r.find_iter(rest).find(|m| !not_verb(m.as_str())));
        past.is_some_and(|m| {
            verb(m.as_str())
                && future.is_none_or(|f| f > m.start())
                && present.is_none_or(|p| p > m.start())
        })
    }
}

/// Words a tense regex matched that mark no tense: "-ed" words that are not verbs ("united"),
/// and modal perfects, which look back ("could have emerged").
fn not_verb(word: &str) -> bool {
    let w = ascii_lower(word);
    NOT_VERBS.contains(&&*w) || w.ends_with(" have")
}

/// Verbs of saying, which date the report rather than what it reports.
fn reporting_verb(word: &str) -> bool {
    const REPORTING: &[&str] = &[
        "said",
        "says",
        "told",
        "added",
        "reported",
        "announced",
        "stated",
        "noted",
        "claimed",
        "insisted",
        "explained",
        "confirmed",
        "warned",
        "quoted",
        "cited",
    ];
    REPORTING.contains(&&*ascii_lower(word))
}

/// A future marker that, after the expression, dates the planning rather than the plan ("On
/// Friday, the government planned to pay"; but "planned to leave on Thursday" before it), or
/// marks no tense at all.
fn future_in_the_past(marker: &str) -> bool {
    let w = ascii_lower(marker);
    not_verb(&w) || w.starts_with("was ") || w.starts_with("were ") || w.starts_with("planned")
}

/// Whether `before` ends with a word that a period abbreviates ("a.m", "U.S", "Mr", "Sept"),
/// so that the period is not a sentence end.
fn abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if word.contains('.') || word.chars().count() <= 1 {
        return true;
    }
    const SHORT: &[&str] = &[
        "mr", "mrs", "ms", "dr", "st", "sen", "gen", "gov", "rep", "lt", "col", "capt", "sgt",
        "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat",
        "sun", "approx", "est", "vol", "pres", "prof", "rev", "ft", "mt",
    ];
    SHORT.iter().any(|s| word.eq_ignore_ascii_case(s))
}

/// The byte just after the last sentence end in `text` (".", "!", "?", ";" or a line break;
/// a period only when it does not close an abbreviation).
///
/// Read from the end back, stopping at the first: the ends are ASCII, so no byte of another
/// character is taken for one. (Read forward, every expression's tense check walked its 90
/// bytes of context a character at a time.)
fn sentence_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).rev().find_map(|i| {
        let end = match bytes.get(i)? {
            b'!' | b'?' | b'\n' | b';' => true,
            b'.' => {
                text.get(i + 1..)
                    .is_some_and(|r| r.starts_with(char::is_whitespace))
                    && !abbreviation(text.get(..i).unwrap_or(""))
            }
            _ => false,
        };
        end.then_some(i + 1)
    })
}

/// The extent: a group named `x` when the rule needs context outside the extent (the regex
/// crate has no look-around), else the whole match.
fn extent(caps: &Caps) -> Option<Range<usize>> {
    caps.name("x").or_else(|| caps.get(0)).map(|m| m.range())
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const MONTHS: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?-u:\b)\.?|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)";
const WEEKDAYS: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const NUM: &str = r"(?:\d+(?:\.\d+|\s+1/2)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a\s+hundred|hundred)";
const ORD: &str =
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))";

fn month_number(word: &str) -> Option<u32> {
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = word.trim_end_matches('.').get(..3)?;
    names
        .iter()
        .position(|n| prefix.eq_ignore_ascii_case(n))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match &*ascii_lower(word.get(..3)?) {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// `word` in ASCII lower case, copied only when it has capitals: the rules' readers lower
/// millions of words that are lower case already.
pub(crate) fn ascii_lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(word.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// A number written in digits or words ("seven", "twenty-five", "2 1/2").
pub(crate) fn number(word: &str) -> Option<f64> {
    let w = ascii_lower(word.trim());
    if let Ok(n) = w.parse::<f64>() {
        return Some(n);
    }
    if let Some(whole) = w.strip_suffix(" 1/2") {
        return Some(whole.trim().parse::<f64>().ok()? + 0.5);
    }
    let units = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    let tens = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if w.starts_with("a couple") {
        return Some(2.0);
    }
    if w == "a" || w == "an" {
        return Some(1.0);
    }
    if w.ends_with("hundred") {
        return Some(100.0);
    }
    let mut total = 0.0;
    for part in w.split(['-', ' ']).filter(|p| !p.is_empty()) {
        if let Some(i) = units.iter().position(|u| *u == part) {
            total += i as f64;
        } else if let Some(i) = tens.iter().position(|t| !t.is_empty() && *t == part) {
            total += (i * 10) as f64;
        } else {
            return None;
        }
    }
    Some(total)
}

fn ordinal(word: &str) -> Option<u32> {
    let w = ascii_lower(word);
    let words = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if let Some(i) = words.iter().position(|x| *x == w) {
        return u32::try_from(i + 1).ok();
    }
    w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

fn pre_modifier(word: Option<Piece>) -> Option<&'static str> {
    let w = ascii_lower(word?.as_str());
    let w = w.trim().trim_start_matches("the").trim();
    if w.starts_with("early") || w.starts_with("earlier") || w.starts_with("beginning") {
        Some("START")
    } else if w.starts_with("mid") || w.starts_with("middle") {
        Some("MID")
    } else if w.starts_with("late") || w.starts_with("end") {
        Some("END")
    } else {
        None
    }
}

fn quantity_modifier(word: Option<Piece>) -> Option<&'static str> {
    let w = ascii_lower(word?.as_str());
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match w.as_str() {
        "at least" => "EQUAL_OR_MORE",
        "more than" | "over" => "MORE_THAN",
        "less than" | "fewer than" | "nearly" | "almost" | "up to" | "under" => "LESS_THAN",
        "about" | "around" | "roughly" | "some" | "approximately" => "APPROX",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn week_value(w: IsoWeek) -> String {
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn week_span(day: NaiveDate) -> TimeSpan {
    let mon = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    TimeSpan::days(mon, mon + Duration::days(6), Granularity::Week)
}

/// The year `n` × `unit` years before the reference date, if the calendar has it.
fn years_back(dct: NaiveDate, n: i64, unit: i32) -> Option<i32> {
    dct.year()
        .checked_sub(i32::try_from(n).ok()?.checked_mul(unit)?)
        .filter(|y| (1..=9999).contains(y))
}

/// The month `by` months from `m`/`y`; `None` past the calendar's range (a text can say
/// "4000000000 months ago").
fn month_shift(y: i32, m: u32, by: i32) -> Option<(i32, u32)> {
    let idx = y
        .checked_mul(12)?
        .checked_add(i32::try_from(m).ok()? - 1)?
        .checked_add(by)?;
    Some((
        idx.div_euclid(12),
        u32::try_from(idx.rem_euclid(12) + 1).ok()?,
    ))
}

/// Narrows an interval to its first, middle or last third for "early", "mid", "late".
fn narrow(span: TimeSpan, modifier: Option<&'static str>) -> TimeSpan {
    let (first, last) = (span.first_day(), span.last_day());
    let days = (last - first).num_days() + 1;
    let third = days / 3;
    let (a, b) = match modifier {
        Some("START") => (first, first + Duration::days(third - 1)),
        Some("MID") => (first + Duration::days(third), last - Duration::days(third)),
        Some("END") => (last - Duration::days(third - 1), last),
        _ => return span,
    };
    TimeSpan::days(a, b, span.granularity)
}

fn day_cand(span: Range<usize>, day: Day, relative: bool) -> Cand {
    let value = day.value();
    let resolved = day.date().map(TimeSpan::day);
    let mut c = Cand::new(span, TimexType::Date, value)
        .resolved(resolved)
        .relative(relative);
    c.anchor = Anchor::Day(day);
    c
}

fn default_day(dct: Option<NaiveDate>) -> Day {
    match dct {
        Some(d) => Day::Date(d),
        None => Day::Pattern("XXXX-XX-XX".into()),
    }
}

fn clock_cand(span: Range<usize>, h: u32, m: u32, day: Day, has_day: bool) -> Cand {
    let value = format!("{}T{:02}:{:02}", day.value(), h, m);
    let resolved = day.date().and_then(|d| {
        let t = NaiveTime::from_hms_opt(h % 24, m, 0)?;
        let at = d.and_time(t) + Duration::days(i64::from(h / 24));
        Some(TimeSpan::minute(at))
    });
    let mut c = Cand::new(span, TimexType::Time, value).resolved(resolved);
    c.anchor = Anchor::Clock { h, m, has_day };
    c
}

fn pod_cand(span: Range<usize>, pod: Pod, early: bool, day: Day, has_day: bool) -> Cand {
    let value = format!("{}T{}", day.value(), pod.code());
    let resolved = day.date().map(|d| {
        let at = |day: NaiveDate, h: u32| {
            day.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN))
        };
        let next = d + Duration::days(1);
        let (s, e) = if early {
            (at(d, 0), at(d, 6))
        } else {
            match pod {
                Pod::Morning => (at(d, 6), at(d, 12)),
                Pod::Afternoon => (at(d, 12), at(d, 18)),
                Pod::Evening => (at(d, 18), at(d, 22)),
                Pod::Night => (at(d, 22), at(next, 6)),
            }
        };
        TimeSpan::between(s, e, Granularity::PartOfDay)
    });
    let mut c = Cand::new(span, TimexType::Time, value)
        .resolved(resolved)
        .modifier(early.then_some("START"));
    c.anchor = Anchor::Pod {
        pod,
        early,
        has_day,
    };
    c
}

fn month_cand(span: Range<usize>, y: Option<i32>, m: u32, modifier: Option<&'static str>) -> Cand {
    match y {
        Some(y) => Cand::new(span, TimexType::Date, format!("{y:04}-{m:02}"))
            .resolved(TimeSpan::month(y, m).map(|s| narrow(s, modifier)))
            .modifier(modifier),
        None => Cand::new(span, TimexType::Date, format!("XXXX-{m:02}")).modifier(modifier),
    }
}

fn year_cand(span: Range<usize>, y: Option<i32>, modifier: Option<&'static str>) -> Cand {
    match y {
        Some(y) => Cand::new(span, TimexType::Date, format!("{y:04}"))
            .resolved(TimeSpan::year(y).map(|s| narrow(s, modifier)))
            .modifier(modifier),
        None => Cand::new(span, TimexType::Date, "XXXX".into()).modifier(modifier),
    }
}

fn week_cand(span: Range<usize>, day: Option<NaiveDate>) -> Cand {
    match day {
        Some(d) => {
            Cand::new(span, TimexType::Date, week_value(d.iso_week())).resolved(Some(week_span(d)))
        }
        None => Cand::new(span, TimexType::Date, "XXXX-WXX".into()),
    }
}

fn quarter_span(y: i32, q: u32) -> Option<TimeSpan> {
    let first = ymd(y, (q - 1) * 3 + 1, 1)?;
    let (ny, nm) = month_shift(y, (q - 1) * 3 + 1, 3)?;
    let last = ymd(ny, nm, 1)?.pred_opt()?;
    Some(TimeSpan::days(first, last, Granularity::Quarter))
}

fn quarter_cand(span: Range<usize>, y: Option<i32>, q: u32) -> Cand {
    match y {
        Some(y) => {
            Cand::new(span, TimexType::Date, format!("{y:04}-Q{q}")).resolved(quarter_span(y, q))
        }
        None => Cand::new(span, TimexType::Date, format!("XXXX-Q{q}")),
    }
}

/// Seasons as meteorological quarters; winter `y` runs from December `y` into `y + 1`.
fn season_cand(span: Range<usize>, y: Option<i32>, code: &'static str) -> Cand {
    let start_month = match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    match y {
        Some(y) => {
            let resolved = ymd(y, start_month, 1).and_then(|first| {
                let (ny, nm) = month_shift(y, start_month, 3)?;
                let last = ymd(ny, nm, 1)?.pred_opt()?;
                Some(TimeSpan::days(first, last, Granularity::Quarter))
            });
            Cand::new(span, TimexType::Date, format!("{y:04}-{code}")).resolved(resolved)
        }
        None => Cand::new(span, TimexType::Date, format!("XXXX-{code}")),
    }
}

fn season_code(word: &str) -> &'static str {
    match &*ascii_lower(word) {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        _ => "WI",
    }
}

fn season_of(d: NaiveDate) -> (i32, &'static str) {
    match d.month() {
        3..=5 => (d.year(), "SP"),
        6..=8 => (d.year(), "SU"),
        9..=11 => (d.year(), "FA"),
        12 => (d.year(), "WI"),
        _ => (d.year() - 1, "WI"),
    }
}

/// The year whose `month`/`day` lies nearest to `dct` (news dates without a year are close to
/// the article's date, on either side).
fn nearest_year(dct: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (dct.year() - 1..=dct.year() + 1)
        .filter_map(|y| ymd(y, month, day))
        .min_by_key(|d| {
            let days = (*d - dct).num_days();
            if days > 0 { 2 * days } else { -days }
        })
}

/// The weekday nearest `dct` in the direction the tense points: on or before by default,
/// on or after for the future, strictly before/after with "last"/"next".
fn resolve_weekday(dct: NaiveDate, wd: Weekday, forward: bool, strict: bool) -> NaiveDate {
    let cur = i64::from(dct.weekday().num_days_from_monday());
    let want = i64::from(wd.num_days_from_monday());
    if forward {
        let mut diff = (want - cur).rem_euclid(7);
        if strict && diff == 0 {
            diff = 7;
        }
        dct + Duration::days(diff)
    } else {
        let mut diff = (cur - want).rem_euclid(7);
        if strict && diff == 0 {
            diff = 7;
        }
        dct - Duration::days(diff)
    }
}

// ---------------------------------------------------------------------------------------------
// Rules

type Build = fn(&Caps, &Ctx) -> Option<Cand>;

/// The rules' patterns, searched together, and what each one's match builds.
struct Rules {
    scanner: Scanner,
    builds: Vec<Build>,
}

fn rule(pattern: &str, build: Build) -> (String, Build) {
    (pattern.to_owned(), build)
}

static FUTURE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:will|won't|shall|(?:(?:is|are|was|were)\s+)?(?:going|planning|expected|scheduled|set|due)\s+to|is\s+to|are\s+to|scheduled|expected|plan(?:s|ned)?\s+to|(?:would|could|might)(?:\s+have)?|as\s+(?:soon|early)\s+as)(?-u:\b)|'ll(?-u:\b)",
    )
});

/// Present-tense and scheduling words that keep a date ahead of a past verb further away:
/// "is payable Jan. 2", "takes effect Nov. 13", "through January".
static PRESENT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:is|are|will|takes?|begins?|ends|expires?|matures?|payable|due|through|until|by)(?-u:\b)",
    )
});

/// Words ending in "-ed" that are not past tenses.
const NOT_VERBS: &[&str] = &[
    "united", "need", "hundred", "indeed", "speed", "seed", "feed", "shed", "breed", "creed",
    "greed", "proceed", "succeed", "exceed", "naked", "wicked", "sacred", "limited", "armed",
];

/// A signal right before the expression that points forward: "until Tuesday".
static FORWARD_SIGNAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:until|till|as\s+(?:soon|early)\s+as|no\s+later\s+than)\s+(?:on\s+|at\s+)?(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+[A-Z]{3})?\s+)?$",
    )
});

/// A past perfect right after the expression: "until Thursday, they had not called him".
static PAST_PERFECT: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"(?i)^[^.;]{0,40}(?-u:\b)(?:had|hadn't)(?-u:\b)"));

static PAST: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:said|says|told|was|were|had|did|took|began|met|left|came|went|brought|bought|sold|fell|rose|gave|made|held|won|lost|paid|sent|spent|built|found|got|kept|led|ran|saw|struck|thought|wrote|became|broke|chose|drew|drove|flew|grew|knew|meant|sought|shot|spoke|stood|stole|taught|threw|fought|felt|heard|withdrew|overtook|undertook|swore|sank|slid|\w{3,}ed)(?-u:\b)",
    )
});

/// Words right before a bare month or year that make it a date ("in May", "since 1994").
static SIGNAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:in|since|by|until|till|from|to|of|through|during|before|after|early|late|mid|last|next|this|between|and|year|fiscal|a|the|summer|spring|winter|fall|autumn)\s*-?\s*$",
    )
});

fn re(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

fn is_match(re: &LazyLock<Option<Regex>>, text: &str) -> bool {
    re.as_ref().is_some_and(|r| r.is_match(text))
}

/// Nouns that make a four-digit number a count ("2000 people"), not a year.
static COUNT_NOUN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:-|to\s+\d|people|persons|troops|soldiers|civilians|men|women|children|lives|dead|deaths|killed|wounded|refugees|units|shares|tons|tonnes|miles|km|kilometers|kilometres|meters|metres|feet|ft|dollars|euros|pounds|cases|homes|houses|votes|members|workers|employees|jobs|barrels|points|cars|acres|rounds|shells|rockets|missiles|hectares|square|percent|per|%|times|calories|students|pupils|villages|prisoners|fighters|rebels|police|officers|tanks|drones|aircraft|planes|metric|head|seats|hours|minutes|days|am|pm|a\.m|p\.m|GMT|UTC|local|hrs)(?-u:\b)",
    )
});

static RULES: LazyLock<Option<Rules>> = LazyLock::new(|| {
    let m = MONTHS;
    let wd = WEEKDAYS;
    let n = NUM;
    let ord = ORD;
    let pre = r"(?P<pre>(?i:(?:the\s+)?(?:early|mid|late|middle\s+of|end\s+of|beginning\s+of|start\s+of))\s*-?\s*)?";
    let rules = [
        // ISO date: 2020-10-10
        rule(
            r"(?-u:\b)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?-u:\b)",
            r_iso,
        ),
        // October 10, 2020 / Oct. 10 / Sept. 27th
        rule(
            &format!(
                r"(?-u:\b){pre}(?P<mon>{m})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<y>(?:1[0-9]|20)\d\d)(?-u:\b))?"
            ),
            r_month_day,
        ),
        // 10 October 2020 / 27 September
        rule(
            &format!(
                r"(?-u:\b)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{m})(?:,?\s+(?P<y>(?:1[0-9]|20)\d\d)(?-u:\b))?"
            ),
            r_month_day,
        ),
        // (early) October (2020), last May
        rule(
            &format!(
                r"(?-u:\b){pre}(?P<rel>(?i:last|next|this)\s+)?(?P<mon>{m})(?:,?\s+(?:of\s+)?(?P<y>(?:1[0-9]|20)\d\d)(?-u:\b)|\s+(?:of\s+)?(?P<ry>(?i:last|next|this))\s+year(?-u:\b))?"
            ),
            r_month,
        ),
        // weekdays, "last Friday", "Sundays"
        rule(
            &format!(
                r"(?-u:\b)(?P<rel>(?i:last|next|this|coming|past)\s+)?(?P<wd>{wd})(?P<pl>s)?(?-u:\b)"
            ),
            r_weekday,
        ),
        // yesterday / today / tomorrow / tonight
        rule(
            r"(?i)(?-u:\b)(?P<pre>the\s+day\s+(?:before|after)\s+)?(?P<w>yesterday|today|tomorrow|tonight)(?-u:\b)",
            r_deictic_day,
        ),
        // last week / late last month / earlier this year / this summer / the weekend
        rule(
            r"(?i)(?-u:\b)(?P<pre>(?:early|late|mid|earlier|later)\s*-?\s*|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?(?P<rel>last|next|this|coming|current|previous|past|this\s+past|the\s+past|the\s+last|the\s+coming|the\s+next|the\s+current|the\s+previous|the\s+latest|the)\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|quarter|year|spring|summer|fall|autumn|winter|decade|century)(?-u:\b)",
            r_rel_period,
        ),
        // N days/weeks/months/years ago
        rule(
            &format!(
                r"(?i)(?-u:\b)(?P<q>(?:about|some|nearly|almost|more\s+than|over|roughly|around|approximately)\s+)?(?P<n>{n}|several|a\s+few|few|many)\s+(?P<unit>day|week|month|year|decade|century|centuries)s?\s+(?:or\s+so\s+)?(?:ago|earlier|before)(?-u:\b)"
            ),
            r_ago,
        ),
        // durations: 11 hours, at least 26 years, the past two months, a week
        rule(
            &format!(
                r"(?i)(?-u:\b)(?P<q>(?:at\s+least|more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|roughly|over|up\s+to|approximately)\s+)?(?P<the>the\s+(?:(?:first|past|last|next|previous|coming|latest|final|remaining|following)\s+)?)?(?P<n>{n}|several|a\s+few|few|many|a\s+couple\s+of|a\s+number\s+of|the)\s+(?:more\s+|full\s+|long\s+|straight\s+|consecutive\s+)?(?P<unit>second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centuries)s?(?-u:\b)(?P<and>\s+and\s+a\s+half)?"
            ),
            r_duration,
        ),
        // six-year war, 16-hour talks, decades-long
        rule(
            &format!(
                r"(?i)(?-u:\b)(?P<n>{n}|(?:minutes|hours|days|weeks|months|years|decades))[- ](?P<unit>second|minute|hour|day|week|month|year|decade|long)(?:-long)?(?-u:\b)(?P<old>-old|\s+old)?"
            ),
            r_duration_adj,
        ),
        // bare plural units: minutes, hours, recent weeks, coming months
        rule(
            r"(?i)(?-u:\b)(?P<pre>(?:recent|coming|past|the\s+past|the\s+coming|the\s+next|the\s+last|the\s+following|the\s+previous)\s+)?(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades)(?-u:\b)",
            r_vague,
        ),
        // clock times
        rule(
            r"(?i)(?-u:\b)(?P<q>(?:around|about|approximately|roughly|some|nearly|almost)\s+)?(?:(?P<h>[01]?\d|2[0-4]):(?P<mi>[0-5]\d)(?:\s*(?P<ap>a\.?m(?-u:\b)\.?|p\.?m(?-u:\b)\.?))?|(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>a\.?m(?-u:\b)\.?|p\.?m(?-u:\b)\.?)|(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)\s*(?P<z3>GMT|UTC|EDT|EST|CET|CEST|BST|MSK|Z)(?-u:\b)|(?P<h4>[01]?\d|2[0-3])\s+hours?\s+(?P<m4>[0-5]\d)\s+minutes(?-u:\b)|(?P<h5>1[0-2]|[1-9])\s+o'clock|(?P<word>noon|midday|midnight|mid-?day))(?P<zone>\s*(?:\(?\s*(?:(?:local|Eastern|Pacific|Central|Mountain|Greenwich|GMT|UTC|(?-i:[A-Z][\p{L}'-]+))\s+time|GMT|UTC|EDT|EST|CDT|CST|PDT|PST|MDT|MST|BST|CET|CEST|MSK)(?-u:\b)\)?))?",
            r_clock,
        ),
        // parts of day tied to a deictic day: this morning, last night, yesterday afternoon
        rule(
            r"(?i)(?-u:\b)(?P<pre>(?:early|late|later|earlier)\s+)?(?P<rel>this|last|yesterday|tomorrow)\s+(?P<pod>morning|afternoon|evening|night)(?-u:\b)",
            r_pod_deictic,
        ),
        // the early hours (of the morning)
        rule(
            r"(?i)(?-u:\b)(?:the\s+)?(?:early|wee|small)\s+hours(?:\s+of\s+the\s+(?P<pod>morning|night))?(?-u:\b)",
            r_early_hours,
        ),
        // the morning, the afternoon, late afternoon, mid-afternoon, overnight
        rule(
            r"(?i)(?-u:\b)(?P<the>the\s+)?(?P<pre>(?:early|late|mid)\s*-?\s*)?(?P<pod>morning|afternoon|evening|night|overnight)s?(?-u:\b)",
            r_pod,
        ),
        // bare years: 1994, fiscal 1990
        rule(
            r"(?i)(?-u:\b)(?P<pre>(?:the\s+)?(?:early|mid|late)\s*-?\s*)?(?P<fy>fiscal\s+)?(?P<y>\d{4})(?-u:\b)",
            r_year,
        ),
        // spoken years: nineteen ninety-six, two thousand
        rule(
            r"(?i)(?-u:\b)(?:the\s+year\s+)?(?P<c>nineteen|twenty)[\s-]+(?P<t>(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|hundred)(?-u:\b)",
            r_spoken_year,
        ),
        rule(
            r"(?i)(?-u:\b)(?:the\s+year\s+)?two\s+thousand(?:\s+(?:and\s+)?(?P<t>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?(?-u:\b)",
            r_spoken_year,
        ),
        rule(
            r"(?i)(?-u:\b)(?P<the>the\s+)(?P<pre>(?:early|mid|late)\s*-?\s*)?(?P<w>(?:nineteen\s+)?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?-u:\b)",
            r_word_decade,
        ),
        // year-earlier, year-ago: the year before the article
        rule(r"(?i)(?-u:\b)year-(?:earlier|ago)(?-u:\b)", r_year_ago),
        // the year-ago quarter, the comparable year-earlier period, the quarter a year ago
        rule(
            r"(?i)(?-u:\b)(?:the\s+)?(?:(?:comparable|corresponding|same|year-(?:ago|earlier))\s+)+(?:(?:first|second|third|fourth)\s+)?(?:fiscal\s+)?(?:quarter|period)(?-u:\b)(?:\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year))?|(?-u:\b)(?:the\s+)?(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)(?-u:\b)",
            r_year_ago_period,
        ),
        // the 1988 period, the 1989 quarter
        rule(
            r"(?i)(?-u:\b)the\s+(?P<y>(?:19|20)\d\d)\s+(?:fiscal\s+)?(?:period|quarter)(?-u:\b)",
            r_period_of_year,
        ),
        // year-end, the full year, later in the day
        rule(
            r"(?i)(?-u:\b)(?P<ye>year[- ]end|year's\s+end|the\s+end\s+of\s+the\s+year)(?-u:\b)|(?-u:\b)(?P<fy>the\s+full\s+year)(?-u:\b)|(?-u:\b)(?:later|earlier)\s+in\s+(?P<day>the\s+day)(?-u:\b)",
            r_year_end,
        ),
        // that year, the following month, that quarter
        rule(
            r"(?i)(?-u:\b)(?P<w>that|the\s+following|the\s+next|the\s+same|the\s+previous|the\s+preceding)\s+(?P<unit>year|month|quarter)(?-u:\b)",
            r_anaphor,
        ),
        // the latest period
        rule(
            r"(?i)(?-u:\b)the\s+(?:latest|most\s+recent|current)\s+(?:fiscal\s+)?period(?-u:\b)",
            r_latest_period,
        ),
        // decades: the early 1990s, the '90s, mid-1980s
        rule(
            r"(?i)(?-u:\b)(?P<the>the\s+)?(?P<pre>(?:early|mid|late)\s*-?\s*)?(?:(?P<c>1[0-9]|20)(?P<d>\d)0|['’](?P<d2>\d)0)['’]?s(?-u:\b)",
            r_decade,
        ),
        // centuries: the 20th century
        rule(
            r"(?i)(?-u:\b)(?P<the>the\s+)?(?P<pre>(?:early|mid|late)\s*-?\s*)?(?P<n>\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty-first|eighteenth)[\s-]+century(?-u:\b)",
            r_century,
        ),
        // quarters: the third quarter, third-quarter, the latest quarter
        rule(
            r"(?i)(?-u:\b)(?P<the>the\s+)?(?:(?P<rel>last|this|next|latest|current|previous|fiscal|year's|this\s+year's|last\s+year's|next\s+year's|(?P<y0>(?:19|20)\d\d)(?:\s+fiscal)?)\s+)?(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+)?(?P<unit>quarter|half)(?-u:\b)(?:\s+of\s+(?P<y>(?:19|20)\d\d))?",
            r_quarter,
        ),
        // seasons with a year: summer of 1998, spring 2020
        rule(
            r"(?i)(?-u:\b)(?:the\s+)?(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)(?-u:\b)",
            r_season_year,
        ),
        // PRESENT_REF / PAST_REF / FUTURE_REF
        rule(
            r"(?i)(?-u:\b)(?P<w>now|currently|presently|nowadays|these\s+days|at\s+present|at\s+this\s+time|recently|lately|the\s+past|the\s+(?:near\s+|distant\s+)?future|in\s+future)(?-u:\b)",
            r_ref,
        ),
        // sets: every day, daily, each week
        rule(
            &format!(
                r"(?i)(?-u:\b)(?P<w>(?:every|each)\s+(?P<unit>day|week|month|year|quarter|morning|afternoon|evening|night|{wd})|daily|weekly|monthly|annually|yearly|nightly|hourly|(?:once|twice|\w+\s+times)\s+(?:a|per)\s+(?P<unit2>day|week|month|year))(?-u:\b)"
            ),
            r_set,
        ),
        // the second day (of the ceasefire)
        rule(
            &format!(
                r"(?i)(?-u:\b)(?P<x>the\s+(?P<o>{ord})\s+(?:straight\s+|consecutive\s+|full\s+)?day)\s+(?:of|since)(?-u:\b)"
            ),
            r_nth_day,
        ),
    ];
    let (patterns, builds): (Vec<String>, Vec<Build>) = rules.into_iter().unzip();
    // The patterns are constants that `every_pattern_compiles` checks.
    Scanner::new(&patterns)
        .ok()
        .map(|scanner| Rules { scanner, builds })
});

fn r_iso(c: &Caps, _: &Ctx) -> Option<Cand> {
    let d = ymd(
        c["y"].parse().ok()?,
        c["m"].parse().ok()?,
        c["d"].parse().ok()?,
    )?;
    Some(day_cand(extent(c)?, Day::Date(d), false))
}

fn r_month_day(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let mon = month_number(&c["mon"])?;
    let day: u32 = c["d"].parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    // "May 5" is safe; "may 5" would not reach here (month names are case-sensitive).
    let modifier = pre_modifier(c.name("pre"));
    if modifier.is_some() {
        // "late October 10" is not a phrase; let the month rule take "late October".
        return None;
    }
    if let Some(y) = c.name("y") {
        let d = ymd(y.as_str().parse().ok()?, mon, day)?;
        return Some(day_cand(span, Day::Date(d), false));
    }
    match ctx.dct {
        Some(dct) => {
            // The tense picks the side of the reference date; a day a few days "wrong" is
            // more often a slip than a year away ("said Oct. 12" in a report of Oct. 11).
            let d = if ctx.future() {
                (dct.year()..=dct.year() + 1)
                    .filter_map(|y| ymd(y, mon, day))
                    .find(|d| *d >= dct - Duration::days(1))?
            } else if ctx.happening_past() {
                // "said" is everywhere in news and says nothing about the date it reports;
                // a past verb of the happening itself keeps the day behind the reference.
                (dct.year() - 1..=dct.year())
                    .rev()
                    .filter_map(|y| ymd(y, mon, day))
                    .find(|d| *d <= dct + Duration::days(1))?
            } else {
                nearest_year(dct, mon, day)?
            };
            Some(day_cand(span, Day::Date(d), true))
        }
        None => {
            ymd(2000, mon, day)?;
            Some(day_cand(
                span,
                Day::Pattern(format!("XXXX-{mon:02}-{day:02}")),
                true,
            ))
        }
    }
}

fn r_month(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let word = &c["mon"];
    let mon = month_number(word)?;
    let modifier = pre_modifier(c.name("pre"));
    if let Some(y) = c.name("y") {
        return Some(month_cand(
            span,
            Some(y.as_str().parse().ok()?),
            mon,
            modifier,
        ));
    }
    // Bare abbreviations and "May"/"March" alone are too often something else.
    let full = word.len() > 4 && !word.ends_with('.');
    if word.len() == 3 && mon != 5 {
        // "Jan" without a dot or a day is more often a name.
        return None;
    }
    let next = ctx.after(c.get(0)?.end(), 4);
    if next.starts_with(' ') && next[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    let has_signal =
        is_match(&SIGNAL, ctx.before(12)) || c.name("rel").is_some() || modifier.is_some();
    if (mon == 5 || mon == 3 || !full) && !has_signal && c.name("ry").is_none() {
        return None;
    }
    let rel = c.name("rel").map(|r| ascii_lower(r.as_str().trim()));
    let Some(dct) = ctx.dct else {
        return Some(month_cand(span, None, mon, modifier).relative(true));
    };
    if let Some(ry) = c.name("ry") {
        let y = match &*ascii_lower(ry.as_str()) {
            "last" => dct.year() - 1,
            "next" => dct.year() + 1,
            _ => dct.year(),
        };
        return Some(month_cand(span, Some(y), mon, modifier).relative(true));
    }
    let cur = dct.year() * 12 + i32::try_from(dct.month()).ok()?;
    let pick = |f: &dyn Fn(i32) -> bool| -> Option<i32> {
        (dct.year() - 1..=dct.year() + 1)
            .map(|y| (y, y * 12 + i32::try_from(mon).unwrap_or(1)))
            .filter(|(_, idx)| f(*idx))
            .min_by_key(|(_, idx)| {
                if *idx > cur {
                    2 * (idx - cur)
                } else {
                    cur - idx
                }
            })
            .map(|(y, _)| y)
    };
    let year = match rel.as_deref() {
        Some("last") => pick(&|i| i < cur),
        Some("next") => pick(&|i| i > cur),
        Some(_) => Some(dct.year()),
        // "on patrol since March": since looks back.
        None if ascii_lower(ctx.before(7)).ends_with("since ") => pick(&|i| i <= cur),
        None if ctx.future() => pick(&|i| i >= cur),
        None if ctx.happening_past() => pick(&|i| i <= cur),
        None => pick(&|_| true),
    }?;
    Some(month_cand(span, Some(year), mon, modifier).relative(true))
}

fn r_weekday(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let wd = weekday(&c["wd"])?;
    let n = wd.number_from_monday();
    if c.name("pl").is_some() {
        return Some(Cand::new(span, TimexType::Set, format!("XXXX-WXX-{n}")));
    }
    let rel = c.name("rel").map(|r| ascii_lower(r.as_str().trim()));
    let Some(dct) = ctx.dct else {
        return Some(day_cand(span, Day::Pattern(format!("XXXX-WXX-{n}")), true));
    };
    let d = match rel.as_deref() {
        Some("last") | Some("past") => resolve_weekday(dct, wd, false, true),
        Some("next") | Some("coming") => resolve_weekday(dct, wd, true, true),
        _ => resolve_weekday(dct, wd, ctx.future(), false),
    };
    Some(day_cand(span, Day::Date(d), true))
}

fn r_deictic_day(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let w = ascii_lower(&c["w"]);
    let mut offset = match &*w {
        "yesterday" => -1,
        "tomorrow" => 1,
        _ => 0,
    };
    if let Some(p) = c.name("pre") {
        offset += if ascii_lower(p.as_str()).contains("before") {
            -1
        } else {
            1
        };
    }
    let day = match ctx.dct {
        Some(d) => Day::Date(d + Duration::days(offset)),
        None => Day::Pattern("XXXX-XX-XX".into()),
    };
    if w == "tonight" {
        return Some(pod_cand(span, Pod::Night, false, day, true).relative(true));
    }
    Some(day_cand(span, day, true))
}

fn r_rel_period(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    if ctx.after(c.get(0)?.end(), 1) == "-" {
        // "the year-ago quarter", "the year-earlier period": other rules.
        return None;
    }
    let rel = ascii_lower(&c["rel"]);
    let rel = rel.split_whitespace().collect::<Vec<_>>().join(" ");
    let unit = ascii_lower(&c["unit"]);
    let modifier = pre_modifier(c.name("pre"));
    // "the past year", "the last decade": a stretch of time ending now.
    if matches!(rel.as_str(), "the past" | "the last" | "the previous")
        && !matches!(
            &*unit,
            "weekend" | "spring" | "summer" | "fall" | "autumn" | "winter"
        )
    {
        let value = match &*unit {
            "week" => "P1W",
            "month" => "P1M",
            "quarter" => "P3M",
            "year" => "P1Y",
            "decade" => "P10Y",
            _ => "P100Y",
        };
        return Some(Cand::new(span, TimexType::Duration, value.into()));
    }
    if rel == "the" && unit == "year" {
        let after = ascii_lower(ctx.after(c.get(0)?.end(), 12));
        if after.starts_with(" ended") || after.starts_with(" ending") {
            // "the year ended March 31": a fiscal year, a stretch of twelve months.
            return Some(Cand::new(span, TimexType::Duration, "P1Y".into()));
        }
    }
    let step: i64 = match rel.as_str() {
        "last" | "previous" | "past" | "this past" | "the past" | "the last" | "the previous" => -1,
        "next" | "coming" | "the coming" | "the next" => 1,
        "the" | "the latest" => {
            if unit == "weekend" || unit == "quarter" {
                -1
            } else if matches!(&*unit, "year" | "month" | "week") {
                0
            } else {
                return None;
            }
        }
        _ => 0,
    };
    let Some(dct) = ctx.dct else {
        let value = match &*unit {
            "week" => "XXXX-WXX",
            "weekend" => "XXXX-WXX-WE",
            "month" => "XXXX-XX",
            "quarter" => "XXXX-QX",
            "decade" => "XXX",
            "century" => "XX",
            _ => "XXXX",
        };
        return Some(
            Cand::new(span, TimexType::Date, value.into())
                .modifier(modifier)
                .relative(true),
        );
    };
    let cand = match &*unit {
        "week" => {
            let d = dct + Duration::weeks(step);
            let mut c = week_cand(span, Some(d));
            if let (Some(r), Some(m)) = (c.resolved, modifier) {
                c.resolved = Some(narrow(r, Some(m)));
            }
            c.modifier(modifier)
        }
        "weekend" => {
            // "the weekend" in a weekday article is the one just past.
            let base = if step == 0 || (rel == "the" && dct.weekday().number_from_monday() >= 6) {
                dct
            } else {
                dct + Duration::weeks(step)
            };
            let base = if rel == "the" && dct.weekday().number_from_monday() >= 6 {
                dct
            } else {
                base
            };
            let mon = base - Duration::days(i64::from(base.weekday().num_days_from_monday()));
            let sat = mon + Duration::days(5);
            Cand::new(
                span,
                TimexType::Date,
                format!("{}-WE", week_value(base.iso_week())),
            )
            .resolved(Some(TimeSpan::days(
                sat,
                sat + Duration::days(1),
                Granularity::Week,
            )))
        }
        "month" => {
            let (y, m) = month_shift(dct.year(), dct.month(), i32::try_from(step).ok()?)?;
            month_cand(span, Some(y), m, modifier)
        }
        "quarter" => {
            let q = (dct.month() - 1) / 3 + 1;
            let idx = dct.year() * 4 + i32::try_from(q).ok()? - 1 + i32::try_from(step).ok()?;
            quarter_cand(
                span,
                Some(idx.div_euclid(4)),
                u32::try_from(idx.rem_euclid(4) + 1).ok()?,
            )
        }
        "year" => {
            let c = year_cand(span, Some(dct.year() + i32::try_from(step).ok()?), modifier);
            if rel == "last" && modifier.is_none() {
                c.period(Period::LastYear)
            } else {
                c
            }
        }
        "decade" => {
            let d = dct.year() / 10 + i32::try_from(step).ok()?;
            decade_cand(span, d, modifier)
        }
        "century" => {
            let cy = dct.year() / 100 + i32::try_from(step).ok()?;
            Cand::new(span, TimexType::Date, format!("{cy:02}")).resolved(TimeSpan::years(
                cy * 100,
                cy * 100 + 99,
                Granularity::Century,
            ))
        }
        season => {
            let code = season_code(season);
            let (cy, ccode) = season_of(dct);
            let order = |y: i32, code: &str| {
                y * 4
                    + match code {
                        "SP" => 0,
                        "SU" => 1,
                        "FA" => 2,
                        _ => 3,
                    }
            };
            let now = order(cy, ccode);
            let years = dct.year() - 2..=dct.year() + 1;
            let pick = match step {
                -1 => years.filter(|y| order(*y, code) < now).max(),
                1 => years.filter(|y| order(*y, code) > now).min(),
                _ => {
                    if code == "WI" && dct.month() <= 2 {
                        Some(dct.year() - 1)
                    } else {
                        Some(dct.year())
                    }
                }
            };
            season_cand(span, pick, code)
        }
    };
    let cand = if cand.modifier.is_none() {
        cand.modifier(modifier)
    } else {
        cand
    };
    Some(cand.relative(true))
}

fn decade_cand(span: Range<usize>, d: i32, modifier: Option<&'static str>) -> Cand {
    Cand::new(span, TimexType::Date, format!("{d:03}X"))
        .resolved(
            TimeSpan::years(d * 10, d * 10 + 9, Granularity::Decade).map(|s| {
                let (a, b) = match modifier {
                    Some("START") => (0, 3),
                    Some("MID") => (3, 6),
                    Some("END") => (7, 9),
                    _ => return s,
                };
                TimeSpan::years(d * 10 + a, d * 10 + b, Granularity::Decade).unwrap_or(s)
            }),
        )
        .modifier(modifier)
}

fn unit_code(unit: &str) -> (&'static str, bool, f64) {
    // (designator, is clock unit, multiplier)
    let u = ascii_lower(unit);
    let u = u.trim_end_matches('s');
    match u {
        "second" => ("S", true, 1.0),
        "minute" => ("M", true, 1.0),
        "hour" => ("H", true, 1.0),
        "day" => ("D", false, 1.0),
        "week" => ("W", false, 1.0),
        "fortnight" => ("W", false, 2.0),
        "month" => ("M", false, 1.0),
        "quarter" => ("M", false, 3.0),
        "decade" => ("Y", false, 10.0),
        "century" | "centurie" => ("Y", false, 100.0),
        _ => ("Y", false, 1.0),
    }
}

fn vague_value(unit: &str) -> String {
    let u = ascii_lower(unit);
    let u = u.trim_end_matches('s');
    match u {
        "decade" => "PXDE".into(),
        "century" | "centurie" => "PXCE".into(),
        _ => {
            let (d, t, _) = unit_code(u);
            format!("P{}X{}", if t { "T" } else { "" }, d)
        }
    }
}

fn duration_value(count: f64, unit: &str) -> String {
    let (d, t, mult) = unit_code(unit);
    let n = count * mult;
    let t = if t { "T" } else { "" };
    if n.fract() == 0.0 {
        format!("P{t}{}{d}", n as i64)
    } else if d == "Y" && (n * 12.0).fract() == 0.0 {
        let months = (n * 12.0) as i64;
        if months >= 12 {
            format!("P{}Y{}M", months / 12, months % 12)
        } else {
            format!("P{months}M")
        }
    } else if d == "M" && t == "T" && (n * 60.0).fract() == 0.0 {
        format!("PT{}M{}S", n as i64, (n.fract() * 60.0) as i64)
    } else if d == "H" && (n * 60.0).fract() == 0.0 {
        format!("PT{}H{}M", n as i64, (n.fract() * 60.0) as i64)
    } else if d == "D" && (n * 24.0).fract() == 0.0 {
        format!("PT{}H", (n * 24.0) as i64)
    } else {
        format!("P{t}{n}{d}")
    }
}

fn r_ago(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let unit = ascii_lower(&c["unit"]);
    let modifier = quantity_modifier(c.name("q"));
    let tail = ascii_lower(c.get(0)?.as_str());
    let Some(n) = number(&c["n"]) else {
        // "years ago": no way to place it.
        return Some(
            Cand::new(span, TimexType::Date, "PAST_REF".into())
                .modifier(modifier)
                .relative(true),
        );
    };
    if tail.ends_with("before") {
        // "two years earlier" is anchored on a narrative time we do not track: a duration.
        return Some(
            Cand::new(span, TimexType::Duration, duration_value(n, &unit)).modifier(modifier),
        );
    }
    let n = n as i64;
    let Some(dct) = ctx.dct else {
        let value = match unit.trim_end_matches('s') {
            "day" => "XXXX-XX-XX",
            "week" => "XXXX-WXX",
            "month" => "XXXX-XX",
            _ => "XXXX",
        };
        return Some(
            Cand::new(span, TimexType::Date, value.into())
                .modifier(modifier)
                .relative(true),
        );
    };
    let cand = match unit.trim_end_matches('s') {
        "day" => day_cand(
            span,
            Day::Date(dct.checked_sub_signed(Duration::try_days(n)?)?),
            true,
        ),
        "week" => week_cand(span, Some(dct.checked_sub_signed(Duration::try_weeks(n)?)?)),
        "month" => {
            let (y, m) = month_shift(dct.year(), dct.month(), -i32::try_from(n).ok()?)?;
            month_cand(span, Some(y), m, None)
        }
        "decade" => year_cand(span, Some(years_back(dct, n, 10)?), None),
        "century" | "centurie" => year_cand(span, Some(years_back(dct, n, 100)?), None),
        _ => {
            let c = year_cand(span, Some(years_back(dct, n, 1)?), None);
            if n == 1 && modifier.is_none() {
                c.period(Period::YearBack)
            } else {
                c
            }
        }
    };
    Some(cand.modifier(modifier).relative(true))
}

fn r_duration(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let unit = ascii_lower(&c["unit"]);
    let nword = ascii_lower(&c["n"]);
    // "the 1988 quarter" is that year's quarter, not 1,988 quarters.
    if c.name("the").is_some()
        && nword.len() == 4
        && (nword.starts_with("19") || nword.starts_with("20"))
    {
        return None;
    }
    let end = c.get(0)?.end();
    let after = ascii_lower(ctx.after(end, 12));
    if after.starts_with("-old") || after.starts_with(" old") || after.starts_with("s old") {
        return None;
    }
    let before = ascii_lower(ctx.before(8));
    if (nword == "a" || nword == "an")
        && (before.ends_with("once ")
            || before.ends_with("twice ")
            || before.ends_with("times ")
            || before.ends_with("per "))
    {
        return None;
    }
    if (nword == "a" || nword == "an") && c.name("q").is_none() && c.name("the").is_none() {
        // "$2 million a year", "700 seats a week": a rate, not a stretch of time.
        let b = ascii_lower(ctx.before(24));
        let prev = b.split_whitespace().last().unwrap_or("");
        if prev.ends_with(|ch: char| ch.is_ascii_digit())
            || [
                "million", "billion", "cents", "shares", "seats", "flights", "units", "dollars",
            ]
            .iter()
            .any(|w| prev.ends_with(w))
        {
            return None;
        }
    }
    if nword == "the" {
        // "the year", "the week" name a period only with a qualifier we did not see.
        if c.name("the").is_some() {
            return None;
        }
        return None;
    }
    if after.starts_with(" quarter") || after.starts_with(" half") || after.starts_with("-quarter")
    {
        return None;
    }
    // "over the next three quarters": with "the", the word before is a preposition.
    let (span, modifier) = match (c.name("the"), c.name("q")) {
        (Some(the), Some(_)) => (the.start()..span.end, None),
        _ => (span, quantity_modifier(c.name("q"))),
    };
    let value = match number(&nword) {
        Some(n) => {
            let n = if c.name("and").is_some() { n + 0.5 } else { n };
            duration_value(n, &unit)
        }
        None => vague_value(&unit),
    };
    Some(Cand::new(span, TimexType::Duration, value).modifier(modifier))
}

fn r_duration_adj(c: &Caps, _: &Ctx) -> Option<Cand> {
    if c.name("old").is_some() {
        return None;
    }
    let span = extent(c)?;
    let nword = ascii_lower(&c["n"]);
    let unit = ascii_lower(&c["unit"]);
    if unit == "long" {
        if !nword.ends_with('s') {
            return None;
        }
        return Some(Cand::new(span, TimexType::Duration, vague_value(&nword)));
    }
    let whole = c.get(0)?.as_str();
    if !whole.contains('-') {
        return None;
    }
    let n = number(&nword)?;
    Some(Cand::new(
        span,
        TimexType::Duration,
        duration_value(n, &unit),
    ))
}

fn r_vague(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let unit = ascii_lower(&c["unit"]);
    let before = ascii_lower(ctx.before(12));
    // "the minutes of the meeting", "in his days": only plain plurals or with a qualifier.
    if c.name("pre").is_none()
        && (before.ends_with("the ")
            || before.ends_with("his ")
            || before.ends_with("her ")
            || before.ends_with("their "))
    {
        return None;
    }
    if c.name("pre").is_none() && unit == "seconds" {
        return None;
    }
    // "37 years old" is an age; "hundreds of years" stays a duration.
    let after = ascii_lower(ctx.after(c.get(0)?.end(), 6));
    if after.starts_with(" old") || after.starts_with("-old") {
        return None;
    }
    Some(Cand::new(span, TimexType::Duration, vague_value(&unit)))
}

fn r_clock(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let modifier = quantity_modifier(c.name("q"));
    let ampm = |ap: Option<Piece>, h: u32| -> u32 {
        match ap.map(|a| ascii_lower(a.as_str())) {
            Some(a) if a.starts_with('p') && h < 12 => h + 12,
            Some(a) if a.starts_with('a') && h == 12 => 0,
            _ => h,
        }
    };
    let (h, m) = if let Some(h) = c.name("h") {
        let h: u32 = h.as_str().parse().ok()?;
        let mi: u32 = c["mi"].parse().ok()?;
        // "3:2" scores and ratios look like clocks; a time needs a plausible context.
        let before = ctx.before(3);
        if before.ends_with(|ch: char| ch.is_ascii_digit() || ch == ':') {
            return None;
        }
        (ampm(c.name("ap"), h), mi)
    } else if let Some(h) = c.name("h2") {
        (ampm(c.name("ap2"), h.as_str().parse().ok()?), 0)
    } else if let Some(h) = c.name("h3") {
        (h.as_str().parse().ok()?, c["m3"].parse().ok()?)
    } else if let Some(h) = c.name("h4") {
        let mm = &c["m4"];
        let end = c.get(0)?.end();
        let after = ascii_lower(ctx.after(end, 8));
        if !(mm.starts_with('0') || after.starts_with(" on ") || after.starts_with(" local")) {
            return None;
        }
        (h.as_str().parse().ok()?, mm.parse().ok()?)
    } else if let Some(h) = c.name("h5") {
        (h.as_str().parse().ok()?, 0)
    } else {
        let w = ascii_lower(&c["word"]);
        if w == "midnight" { (24, 0) } else { (12, 0) }
    };
    if h > 24 || m > 59 {
        return None;
    }
    let rel = ctx.dct.is_some();
    let mut cand = clock_cand(span, h, m, default_day(ctx.dct), false)
        .modifier(modifier)
        .relative(rel);
    cand.zone = c
        .name("zone")
        .or(c.name("z3"))
        .and_then(|z| zone(z.as_str()));
    Some(cand)
}

/// The zone of a clock time from its label as written: "GMT", "(EDT)", "Moscow time".
fn zone(written: &str) -> Option<Zone> {
    let label = written
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    if label.is_empty() {
        return None;
    }
    let key = label.to_ascii_uppercase();
    let key = key.strip_suffix(" TIME").map_or(key.as_str(), |k| k.trim());
    let offset = match key {
        "GMT" | "UTC" | "Z" | "GREENWICH" => Some(0),
        "BST" | "CET" => Some(60),
        "CEST" => Some(120),
        "MSK" => Some(180),
        "EDT" => Some(-240),
        "EST" | "CDT" => Some(-300),
        "CST" | "MDT" => Some(-360),
        "MST" | "PDT" => Some(-420),
        "PST" => Some(-480),
        // "Kyiv time", "Moscow time": the gazetteer knows the place's clock. "local time",
        // "Eastern time": the offset depends on the place or the season.
        _ => crate::extract::places::gazetteer()
            .and_then(|g| g.place_named(label.strip_suffix(" time").unwrap_or(label)))
            .map(|p| p.utc_offset_minutes),
    };
    Some(Zone {
        label: label.to_string(),
        utc_offset_minutes: offset,
    })
}

fn r_pod_deictic(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let rel = ascii_lower(&c["rel"]);
    let pod = Pod::parse(&c["pod"])?;
    let offset = match &*rel {
        "yesterday" => -1,
        "tomorrow" => 1,
        "last" => {
            if pod == Pod::Night || pod == Pod::Evening {
                -1
            } else {
                return None;
            }
        }
        _ => 0,
    };
    let day = match ctx.dct {
        Some(d) => Day::Date(d + Duration::days(offset)),
        None => Day::Pattern("XXXX-XX-XX".into()),
    };
    let modifier = pre_modifier(c.name("pre"));
    Some(
        pod_cand(span, pod, false, day, true)
            .modifier(modifier)
            .relative(true),
    )
}

fn r_early_hours(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let pod = match c.name("pod") {
        Some(p) => Pod::parse(p.as_str())?,
        None => Pod::Night,
    };
    Some(pod_cand(span, pod, true, default_day(ctx.dct), false).relative(true))
}

fn r_pod(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let word = ascii_lower(&c["pod"]);
    let whole = ascii_lower(c.get(0)?.as_str());
    if whole.ends_with('s') && !word.ends_with('s') {
        return None;
    }
    let modifier = pre_modifier(c.name("pre"));
    if word == "overnight" {
        let day = match ctx.dct {
            Some(d) => Day::Date(d - Duration::days(1)),
            None => Day::Pattern("XXXX-XX-XX".into()),
        };
        return Some(pod_cand(span, Pod::Night, false, day, true).relative(true));
    }
    let pod = Pod::parse(&word)?;
    let mut cand = pod_cand(span, pod, false, default_day(ctx.dct), false)
        .modifier(modifier)
        .relative(true);
    if c.name("the").is_none() && modifier.is_none() {
        cand.needs_partner = true;
    }
    if c.name("the").is_some() {
        // "the night before", "the morning papers": keep the period only after a signal.
        let before = ascii_lower(ctx.before(12));
        let ok = [
            "in ",
            "during ",
            "by ",
            "through ",
            "throughout ",
            "until ",
            "on ",
            "all ",
            "into ",
            "for ",
            "that ",
            "of ",
        ]
        .iter()
        .any(|p| before.ends_with(p));
        if !ok {
            cand.needs_partner = true;
        }
    }
    Some(cand)
}

fn r_year(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let ys = &c["y"];
    let y: i32 = ys.parse().ok()?;
    let whole = c.get(0)?;
    let before = ctx.before(24);
    let after = ctx.after(whole.end(), 16);
    let modifier = pre_modifier(c.name("pre"));
    if modifier.is_none()
        && (before.ends_with(['$', '#', '.', ',', '-', '/', '£', '€', ':'])
            || before.ends_with("No. "))
    {
        return None;
    }
    if after.starts_with([',', '.']) && after[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    if after.starts_with(['%', '/', '-', ':']) && !after.starts_with("-year") {
        return None;
    }
    let lower_before = ascii_lower(before);
    let has_signal = is_match(&SIGNAL, &lower_before);
    let plausible = (1900..=2099).contains(&y) || (has_signal && (1000..=2099).contains(&y));
    if !plausible {
        return None;
    }
    if is_match(&COUNT_NOUN, after) {
        return None;
    }
    Some(year_cand(span, Some(y), modifier))
}

fn r_decade(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let modifier = pre_modifier(c.name("pre"));
    let d = if let Some(cent) = c.name("c") {
        cent.as_str().parse::<i32>().ok()? * 10 + c["d"].parse::<i32>().ok()?
    } else {
        let digit: i32 = c["d2"].parse().ok()?;
        let base = ctx.dct.map(|d| d.year()).unwrap_or(2000);
        let cent = base / 100;
        if digit > (base % 100) / 10 {
            (cent - 1) * 10 + digit
        } else {
            cent * 10 + digit
        }
    };
    Some(decade_cand(span, d, modifier))
}

fn r_spoken_year(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let whole = ascii_lower(c.get(0)?.as_str());
    let y = if whole.contains("thousand") {
        2000.0 + c.name("t").and_then(|t| number(t.as_str())).unwrap_or(0.0)
    } else {
        let century = if c["c"].eq_ignore_ascii_case("nineteen") {
            1900.0
        } else {
            2000.0
        };
        let t = ascii_lower(&c["t"]);
        century + if t == "hundred" { 0.0 } else { number(&t)? }
    };
    // "two thousand troops": a count, not a year.
    if is_match(&COUNT_NOUN, ctx.after(c.get(0)?.end(), 16)) {
        return None;
    }
    Some(year_cand(span, Some(y as i32), None))
}

fn r_word_decade(c: &Caps, _: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let w = ascii_lower(&c["w"]);
    let tens = [
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ];
    let last = w.split_whitespace().last()?;
    let d = i32::try_from(tens.iter().position(|t| *t == last)?).ok()? + 2;
    Some(decade_cand(span, 190 + d, pre_modifier(c.name("pre"))))
}

fn r_year_ago(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    Some(
        year_cand(span, ctx.dct.map(|d| d.year() - 1), None)
            .relative(true)
            .period(Period::YearBack),
    )
}

fn r_year_ago_period(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let lower = ascii_lower(c.get(0)?.as_str());
    if !(lower.contains("year") || lower.contains("comparable") || lower.contains("corresponding"))
    {
        return None;
    }
    Some(
        year_cand(span, ctx.dct.map(|d| d.year() - 1), None)
            .relative(true)
            .period(Period::YearBack),
    )
}

fn r_period_of_year(c: &Caps, _: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let y: i32 = c["y"].parse().ok()?;
    Some(year_cand(span, Some(y), None).period(Period::OfYear(y)))
}

fn r_year_end(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let dct = ctx.dct;
    if let Some(day) = c.name("day") {
        return Some(day_cand(day.range(), default_day(dct), true));
    }
    if c.name("fy").is_some() {
        return Some(year_cand(span, dct.map(|d| d.year()), None).relative(true));
    }
    // "since year-end" looks back to the end of last year; otherwise the coming one.
    let since = ascii_lower(ctx.before(8)).ends_with("since ");
    let day = match dct {
        Some(d) => Day::Date(ymd(d.year() - i32::from(since), 12, 31)?),
        None => Day::Pattern("XXXX-12-31".into()),
    };
    Some(day_cand(span, day, true))
}

fn r_anaphor(c: &Caps, _: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let w = ascii_lower(&c["w"]);
    let unit = ascii_lower(&c["unit"]);
    let shift = if w.ends_with("following") || w.ends_with("next") {
        1
    } else if w.ends_with("previous") || w.ends_with("preceding") {
        -1
    } else {
        0
    };
    let (value, period) = match &*unit {
        "year" => ("XXXX", Period::Year(shift)),
        "month" => ("XXXX-XX", Period::Month(shift)),
        _ if shift == 0 => ("XXXX-QX", Period::Quarter),
        _ => return None,
    };
    // Kept only when the text has named the year, month or quarter it points back to.
    let mut cand = Cand::new(span, TimexType::Date, value.into())
        .relative(true)
        .period(period);
    cand.needs_partner = true;
    Some(cand)
}

fn r_latest_period(c: &Caps, _: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    // Only meaningful once the text has named its period; dropped otherwise.
    let mut cand = Cand::new(span, TimexType::Date, "XXXX-QX".into()).period(Period::Latest);
    cand.needs_partner = true;
    Some(cand)
}

fn r_century(c: &Caps, _: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let w = ascii_lower(&c["n"]);
    let n: i32 = match &*w {
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => w
            .trim_end_matches(|ch: char| ch.is_ascii_alphabetic())
            .parse()
            .ok()?,
    };
    let cy = n - 1;
    let modifier = pre_modifier(c.name("pre"));
    Some(
        Cand::new(span, TimexType::Date, format!("{cy:02}"))
            .resolved(
                TimeSpan::years(cy * 100, cy * 100 + 99, Granularity::Century)
                    .map(|s| narrow(s, modifier)),
            )
            .modifier(modifier),
    )
}

fn r_quarter(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let unit = ascii_lower(&c["unit"]);
    let rel = c.name("rel").map(|r| ascii_lower(r.as_str()));
    let q = c.name("q").and_then(|q| ordinal(q.as_str()));
    let explicit_year = c
        .name("y")
        .or(c.name("y0"))
        .and_then(|y| y.as_str().parse::<i32>().ok());
    if unit == "half" {
        let q = q?;
        if q > 2 {
            return None;
        }
        let year = explicit_year.or(ctx.dct.map(|d| d.year()));
        let value = match year {
            Some(y) => format!("{y:04}-H{q}"),
            None => format!("XXXX-H{q}"),
        };
        let resolved = year.and_then(|y| {
            Some(TimeSpan::days(
                ymd(y, if q == 1 { 1 } else { 7 }, 1)?,
                ymd(y, if q == 1 { 6 } else { 12 }, if q == 1 { 30 } else { 31 })?,
                Granularity::Quarter,
            ))
        });
        return Some(
            Cand::new(span, TimexType::Date, value)
                .resolved(resolved)
                .relative(explicit_year.is_none()),
        );
    }
    if q.is_none() && c.name("the").is_none() && rel.is_none() {
        return None;
    }
    if q.is_some_and(|q| !(1..=4).contains(&q)) {
        return None;
    }
    let Some(dct) = ctx.dct else {
        return Some(
            match q {
                Some(q) => quarter_cand(span, explicit_year, q),
                None => Cand::new(span, TimexType::Date, "XXXX-QX".into()),
            }
            .relative(explicit_year.is_none()),
        );
    };
    let cur_q = (dct.month() - 1) / 3 + 1;
    let (y, q) = match (q, rel.as_deref()) {
        (Some(q), Some(r)) if r.starts_with("last year") => (dct.year() - 1, q),
        (Some(q), Some(r)) if r.starts_with("next year") => (dct.year() + 1, q),
        (None, Some(r)) if r.starts_with("last year") => {
            (dct.year() - 1, if cur_q == 1 { 4 } else { cur_q - 1 })
        }
        (Some(q), _) => (explicit_year.unwrap_or(dct.year()), q),
        (None, Some("next")) => {
            if cur_q == 4 {
                (dct.year() + 1, 1)
            } else {
                (dct.year(), cur_q + 1)
            }
        }
        (None, Some("this") | Some("current")) => (dct.year(), cur_q),
        _ => {
            if cur_q == 1 {
                (dct.year() - 1, 4)
            } else {
                (dct.year(), cur_q - 1)
            }
        }
    };
    Some(quarter_cand(span, Some(y), q).relative(explicit_year.is_none()))
}

fn r_season_year(c: &Caps, _: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    Some(season_cand(
        span,
        Some(c["y"].parse().ok()?),
        season_code(&c["s"]),
    ))
}

fn r_ref(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let w = ascii_lower(&c["w"]);
    let mut span = extent(c)?;
    let value = if w.contains("future") {
        if w.starts_with("in ") {
            span.start += 3;
        }
        "FUTURE_REF"
    } else if w == "recently" || w == "lately" || w == "the past" || w.contains("recent") {
        if w == "the past" {
            // "the past" followed by a unit is a duration, left to the duration rules.
            let after = ascii_lower(ctx.after(c.get(0)?.end(), 12));
            if after.starts_with(" few")
                || after.starts_with(" several")
                || after.starts_with(" two")
            {
                return None;
            }
        }
        "PAST_REF"
    } else {
        if w == "at present" || w == "at this time" {
            span.start += 3;
        }
        if w == "now" {
            let b = ascii_lower(ctx.before(12));
            if b.ends_with("right ") {
                span.start -= 6;
            }
        }
        "PRESENT_REF"
    };
    Some(Cand::new(span, TimexType::Date, value.into()).relative(true))
}

fn r_set(c: &Caps, _: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    let w = ascii_lower(&c["w"]);
    let unit = c
        .name("unit")
        .or(c.name("unit2"))
        .map(|u| ascii_lower(u.as_str()))
        .unwrap_or_else(|| w.clone());
    let value = match &*unit {
        "day" | "daily" => "P1D".to_string(),
        "week" | "weekly" => "P1W".into(),
        "month" | "monthly" => "P1M".into(),
        "year" | "yearly" | "annually" => "P1Y".into(),
        "quarter" => "P3M".into(),
        "hourly" => "PT1H".into(),
        "morning" => "TMO".into(),
        "afternoon" => "TAF".into(),
        "evening" => "TEV".into(),
        "night" | "nightly" => "TNI".into(),
        other => {
            let wd = weekday(other)?;
            format!("XXXX-WXX-{}", wd.number_from_monday())
        }
    };
    Some(Cand::new(span, TimexType::Set, value))
}

fn r_nth_day(c: &Caps, ctx: &Ctx) -> Option<Cand> {
    let span = extent(c)?;
    ordinal(&c["o"])?;
    let day = match ctx.dct {
        Some(d) => Day::Date(d),
        None => Day::Pattern("XXXX-XX-XX".into()),
    };
    Some(day_cand(span, day, true))
}

// ---------------------------------------------------------------------------------------------
// Reporting periods

static QUARTER_VALUE: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"^(\d{4})-Q([1-4])$"));
static YEAR_PERIOD: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^(?:\d{4}|\d{4}-H[12]|P[69]M|P1Y)$"));

/// Gives period-relative expressions the quarter the text reports on: the last quarter named
/// before them ("third-quarter profit ... up from a year earlier" → the third quarter a year
/// before). Without a named quarter they keep their year values; "the latest period" is dropped.
fn reporting_periods(text: &str, cands: &mut [Cand]) {
    let mut current: Option<(i32, u32)> = None;
    let mut last_year: Option<i32> = None;
    let mut last_month: Option<(i32, u32)> = None;
    let mut last_quarter: Option<(i32, u32)> = None;
    for c in cands.iter_mut() {
        match c.period {
            Period::Year(shift) => {
                if let Some(y) = last_year {
                    let y = y + shift;
                    c.value = format!("{y:04}");
                    c.resolved = TimeSpan::year(y);
                    c.needs_partner = false;
                }
                continue;
            }
            Period::Month(shift) => {
                if let Some((y, m)) = last_month {
                    let Some((y, m)) = month_shift(y, m, shift) else {
                        continue;
                    };
                    c.value = format!("{y:04}-{m:02}");
                    c.resolved = TimeSpan::month(y, m);
                    c.needs_partner = false;
                }
                continue;
            }
            Period::Quarter => {
                if let Some((y, q)) = last_quarter {
                    c.value = format!("{y:04}-Q{q}");
                    c.resolved = quarter_span(y, q);
                    c.needs_partner = false;
                }
                continue;
            }
            _ => {}
        }
        let quarter = |y: i32, q: u32| (format!("{y:04}-Q{q}"), quarter_span(y, q));
        let set = match (c.period, current) {
            (Period::No, _) => {
                // Only a value with "-Q" can be a quarter: the others skip the search.
                if c.kind == TimexType::Date
                    && c.value.contains("-Q")
                    && let Some(caps) = QUARTER_VALUE.as_ref().and_then(|r| r.captures(&c.value))
                    && let (Ok(y), Ok(q)) = (caps[1].parse(), caps[2].parse())
                {
                    current = Some((y, q));
                } else if is_match(&YEAR_PERIOD, &c.value) {
                    // "the nine months", "fiscal 1989", "the year": comparisons are yearly now.
                    current = None;
                }
                None
            }
            (Period::YearBack, Some((y, q))) => Some(quarter(y - 1, q)),
            (Period::LastYear, Some((y, q))) if compares_figures(text, c.span.start) => {
                Some(quarter(y - 1, q))
            }
            (Period::OfYear(y0), Some((_, q))) => Some(quarter(y0, q)),
            (Period::Latest, Some((y, q))) => {
                c.needs_partner = false;
                Some(quarter(y, q))
            }
            _ => None,
        };
        if let Some((value, resolved)) = set {
            c.value = value;
            c.resolved = resolved;
        }
        // Remember what the text last named, for "that year", "the following month".
        if c.kind == TimexType::Date
            && !c.needs_partner
            && let Some((y, month, quarter)) = named_period(&c.value)
        {
            last_year = y.or(last_year);
            if let (Some(y), Some(m)) = (y, month) {
                last_month = Some((y, m));
            }
            if let (Some(y), Some(q)) = (y, quarter) {
                last_quarter = Some((y, q));
            }
        }
    }
}

static NAMED_PERIOD: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^(\d{4})(?:-(\d\d)|-Q([1-4]))?"));

/// The year, month and quarter a value names, as [`NAMED_PERIOD`] reads them (each group
/// parsed as a number, `None` when absent or not one); `None` when the pattern does not
/// match. An ASCII value, as the tagger writes them, is read by its shape
/// ([`value_numbers`]): the pattern ran on nearly every date of every article.
fn named_period(value: &str) -> Option<(Option<i32>, Option<u32>, Option<u32>)> {
    if !value.is_ascii() {
        let caps = NAMED_PERIOD.as_ref()?.captures(value)?;
        let sub = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        return Some((
            caps.get(1).and_then(|m| m.as_str().parse().ok()),
            sub(2),
            sub(3),
        ));
    }
    let [year] = value_numbers(value, "####", false)?;
    let month = value_numbers(value, "####-##", false).map(|[_, m]| m);
    let quarter = value_numbers(value, "####-Q#", false)
        .map(|[_, q]| q)
        .filter(|q| (1..=4).contains(q));
    Some((i32::try_from(year).ok(), month, quarter))
}

/// The `N` numbers of a TIMEX3 value that starts with `shape`, where `#` stands for an ASCII
/// digit and every other byte for itself: `2023-05-23` read by `####-##-##` gives 2023, 5,
/// 23. `whole`: the value must end with the shape. `None` when the value does not fit, or
/// the shape does not hold `N` numbers. (Read by hand, without a copy: a regex per shape and
/// value was a fifth of dating an article.)
pub(crate) fn value_numbers<const N: usize>(
    value: &str,
    shape: &str,
    whole: bool,
) -> Option<[u32; N]> {
    let (v, sh) = (value.as_bytes(), shape.as_bytes());
    if v.len() < sh.len() || (whole && v.len() != sh.len()) {
        return None;
    }
    let mut numbers = [0u32; N];
    let (mut count, mut in_number) = (0, false);
    for (&b, &want) in v.iter().zip(sh) {
        if want == b'#' {
            if !b.is_ascii_digit() {
                return None;
            }
            if !in_number {
                count += 1;
                in_number = true;
            }
            let n = numbers.get_mut(count - 1)?;
            *n = *n * 10 + u32::from(b - b'0');
        } else if b == want {
            in_number = false;
        } else {
            return None;
        }
    }
    (count == N).then_some(numbers)
}

static FIGURES: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)(?:\$|(?-u:\b)cents?(?-u:\b)|%|(?-u:\b)million(?-u:\b)|(?-u:\b)billion(?-u:\b)).{0,80}(?-u:\b)(?:compared\s+with|from|versus|against|than)(?-u:\b)",
    )
});

/// Whether the sentence before `at` compares figures ("... $3 million compared with ...").
fn compares_figures(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(160);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..at).unwrap_or("");
    let sentence = before.rsplit(". ").next().unwrap_or(before);
    is_match(&FIGURES, sentence)
}

// ---------------------------------------------------------------------------------------------
// Selection and merging

/// Longest candidate wins; ties go to the earlier rule (rules are listed most specific first).
fn select(cands: Vec<Cand>) -> Vec<Cand> {
    // Candidates are ordered by key, not moved or compared in place: a candidate is a few
    // hundred bytes. Longest first, then those that stand alone; the index keeps ties in
    // the candidates' order (the earlier rule first) and makes each key unique, so an
    // unstable sort (which needs no scratch buffer) orders them as a stable one would.
    let mut order: Vec<(std::cmp::Reverse<usize>, bool, usize)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| (std::cmp::Reverse(c.span.len()), c.needs_partner, i))
        .collect();
    order.sort_unstable();
    // The spans taken so far, start → end: disjoint, so the one starting last before a
    // candidate ends is the only one that can overlap it.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut keep = vec![false; cands.len()];
    for (_, _, i) in order {
        let span = &cands[i].span;
        let free = taken
            .range(..span.end)
            .next_back()
            .is_none_or(|(_, &end)| end <= span.start);
        if free {
            taken.insert(span.start, span.end);
            keep[i] = true;
        }
    }
    let mut chosen: Vec<Cand> = cands
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect();
    // The chosen spans are disjoint and none is empty, so no two start together.
    chosen.sort_unstable_by_key(|c| c.span.start);
    chosen
}

static GAP_ON: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"^\s+(?:on\s+)?$"));
static GAP_AT: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"^\s+(?:at\s+)?$"));
static GAP_OF: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"^\s+(?:of|on)\s+$"));
static GAP_COMMA: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"^,?\s+$"));
static GAP_SPACE: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"^[ \t]+$"));

/// Joins a clock time or part of day with the day written next to it ("20:00 GMT on
/// Saturday", "Sunday morning", "the early hours of Sunday") into one TIME.
fn merge(text: &str, _dct: Option<NaiveDate>, cands: Vec<Cand>) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
    for mut c in cands {
        if let Some(prev) = out.last() {
            let gap = text.get(prev.span.end..c.span.start).unwrap_or("x");
            let prev_text = text.get(prev.span.clone()).unwrap_or("");
            let c_text = text.get(c.span.clone()).unwrap_or("");
            // "on Tuesday, the second day of the ceasefire": the apposition names the same
            // day, so the ordinal day takes the weekday's date. Two expressions, one date.
            let ordinal_day = c_text
                .get(..4)
                .is_some_and(|t| t.eq_ignore_ascii_case("the "))
                && c_text.ends_with("day");
            if let (true, Anchor::Day(Day::Date(d))) = (ordinal_day, &prev.anchor)
                && weekday(prev_text).is_some()
                && is_match(&GAP_COMMA, gap)
            {
                c = day_cand(c.span.clone(), Day::Date(*d), true);
                out.push(c);
                continue;
            }
            if let Some(joined) = join(prev, &c, gap, prev_text) {
                out.pop();
                out.push(joined);
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn join(a: &Cand, b: &Cand, gap: &str, a_text: &str) -> Option<Cand> {
    let span = a.span.start..b.span.end;
    match (&a.anchor, &b.anchor) {
        // "Saturday, April 25": the date carries the value, the weekday only confirms it.
        (Anchor::Day(_), Anchor::Day(Day::Date(_)))
            if weekday(a_text).is_some() && is_match(&GAP_COMMA, gap) =>
        {
            let mut c = b.clone();
            c.span = span;
            Some(c)
        }
        (
            Anchor::Clock {
                h,
                m,
                has_day: false,
            },
            Anchor::Day(day),
        ) if is_match(&GAP_ON, gap) => Some(
            clock_cand(span, *h, *m, day.clone(), true)
                .modifier(a.modifier)
                .relative(b.relative)
                .zone(a.zone.clone()),
        ),
        (
            Anchor::Day(day),
            Anchor::Clock {
                h,
                m,
                has_day: false,
            },
        ) if is_match(&GAP_AT, gap) => Some(
            clock_cand(span, *h, *m, day.clone(), true)
                .modifier(b.modifier)
                .relative(a.relative)
                .zone(b.zone.clone()),
        ),
        (
            Anchor::Day(day),
            Anchor::Pod {
                pod,
                early,
                has_day: false,
            },
        ) if is_match(&GAP_SPACE, gap) && (b.needs_partner || b.modifier.is_some() && !*early) => {
            Some(
                pod_cand(span, *pod, *early, day.clone(), true)
                    .modifier(b.modifier)
                    .relative(a.relative),
            )
        }
        (
            Anchor::Pod {
                pod,
                early,
                has_day: false,
            },
            Anchor::Day(day),
        ) if (is_match(&GAP_OF, gap) || is_match(&GAP_SPACE, gap) && !*early)
            && !a.needs_partner =>
        {
            Some(
                pod_cand(span, *pod, *early, day.clone(), true)
                    .modifier(a.modifier)
                    .relative(b.relative),
            )
        }
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A value's year, month and quarter read by shape are what the pattern's groups give.
        #[test]
        fn a_named_period_is_read_as_its_pattern_reads_it(
            value in "[0-9Q٣X-]{0,9}|[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-Q[0-9])?[A-Z0-9:-]{0,4}"
        ) {
            let by_regex = NAMED_PERIOD.as_ref().unwrap().captures(&value).map(|caps| {
                let sub = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
                (caps.get(1).and_then(|m| m.as_str().parse::<i32>().ok()), sub(2), sub(3))
            });
            proptest::prop_assert_eq!(named_period(&value), by_regex);
        }

        /// The last sentence end found from the back is the last one a forward walk finds.
        #[test]
        fn the_last_sentence_end_is_found_from_the_back(
            text in "([a-zA-Z]{0,4}[.!?;\n ,\u{a0}\u{2003}é—(]{0,2}){0,16}"
        ) {
            proptest::prop_assert_eq!(sentence_end(&text), sentence_end_forward(&text));
        }
    }

    /// [`sentence_end`] as first written: every character, keeping the last end.
    fn sentence_end_forward(text: &str) -> Option<usize> {
        let mut last = None;
        for (i, ch) in text.char_indices() {
            let end = match ch {
                '!' | '?' | '\n' | ';' => true,
                '.' => text[i + 1..].starts_with(char::is_whitespace) && !abbreviation(&text[..i]),
                _ => false,
            };
            if end {
                last = Some(i + 1);
            }
        }
        last
    }

    #[test]
    fn a_remembered_tense_is_the_tense_asked_afresh() {
        let mut asked = 0;
        for text in crate::extract::test_texts() {
            let reading = read(&text, &scan(&text));
            // Only a dated tagging asks: a relative expression's tense picks its day.
            let timexes = tag_read(&text, NaiveDate::from_ymd_opt(2021, 3, 4), &reading);
            let remembered = reading.tenses.0.borrow().len();
            asked += remembered;
            for t in &timexes {
                let afresh = Ctx {
                    text: &text,
                    dct: None,
                    at: t.span.start,
                    end: t.span.end,
                    tenses: &Tenses::default(),
                }
                .future_afresh();
                for _ in 0..2 {
                    assert_eq!(
                        future_at(&text, t.span.clone(), &reading.tenses),
                        afresh,
                        "{:?}",
                        text.get(t.span.clone())
                    );
                }
            }
            // Each asked once, whatever asks it again.
            assert!(reading.tenses.0.borrow().len() <= remembered + timexes.len());
        }
        assert!(asked > 0, "the taggings ask no tense");
    }

    #[test]
    fn kept_matches_read_as_the_matches_read_where_they_were_found() {
        let rules = RULES.as_ref().unwrap();
        let groups = |caps: &Caps| -> Vec<Option<Range<usize>>> {
            (0..caps.group_len())
                .map(|i| caps.get(i).map(|p| p.range()))
                .collect()
        };
        let mut matches = 0;
        for text in crate::extract::test_texts() {
            let hits = scan(&text);
            let mut reader = rules.scanner.reader();
            let live: Vec<(usize, Vec<Option<Range<usize>>>)> = hits
                .iter()
                .filter_map(|h| {
                    let rule = usize::from(h.rule);
                    let caps = reader.captures_in(rule, &text, h.range(text.len()))?;
                    Some((rule, groups(&caps)))
                })
                .collect();
            let reading = read(&text, &hits);
            let again: Vec<(usize, Vec<Option<Range<usize>>>)> = rules
                .scanner
                .kept(&reading.kept, &text)
                .map(|(rule, caps)| (rule, groups(&caps)))
                .collect();
            assert_eq!(live, again);
            matches += live.len();
            // One reading tagged twice, without a date and with one: as tagging afresh.
            for dct in [None, NaiveDate::from_ymd_opt(2021, 3, 4)] {
                assert_eq!(tag_read(&text, dct, &reading), tag(&text, dct));
            }
        }
        assert!(matches > 100, "{matches}");
    }

    #[test]
    fn the_last_sentence_end_is_the_same_either_way_in_the_test_articles() {
        let mut found = 0;
        for text in crate::extract::test_texts() {
            let mut at = 0;
            while at < text.len() {
                let mut to = (at + 90).min(text.len());
                while !text.is_char_boundary(to) {
                    to -= 1;
                }
                let window = &text[at..to];
                assert_eq!(
                    sentence_end(window),
                    sentence_end_forward(window),
                    "{window:?}"
                );
                found += usize::from(sentence_end(window).is_some());
                at = to.max(at + 1);
                while at < text.len() && !text.is_char_boundary(at) {
                    at += 1;
                }
            }
        }
        assert!(found > 50, "{found}");
    }

    /// (text, dct, expected extent, type, value); dct "" = none. Each text's first timex whose
    /// extent matches is checked.
    const CASES: &[(&str, &str, &str, &str, &str)] = &[
        // absolute dates
        (
            "signed on October 10, 2020 in Moscow",
            "",
            "October 10, 2020",
            "DATE",
            "2020-10-10",
        ),
        (
            "signed on 10 October 2020.",
            "",
            "10 October 2020",
            "DATE",
            "2020-10-10",
        ),
        // a past verb of the happening puts a date without a year behind the reference
        (
            "In the fiscal year ended Jan. 31, the company reported sales of $59.5 million.",
            "1989-10-31",
            "Jan. 31",
            "DATE",
            "1989-01-31",
        ),
        (
            "In January, American Medical brought in a new chief executive.",
            "1989-10-27",
            "January",
            "DATE",
            "1989-01",
        ),
        // ... but not a present passive, nor a payment ahead
        (
            "when the case is heard in May in the appeals court",
            "2000-03-29",
            "May",
            "DATE",
            "2000-05",
        ),
        (
            "The reduced dividend is payable Jan. 2 to stock of record.",
            "1989-11-02",
            "Jan. 2",
            "DATE",
            "1990-01-02",
        ),
        // a reporting verb after a closing quote does not set the tense inside the quote
        (
            "''He will leave at 4 a.m. EDT Thursday,'' Castro said.",
            "2000-04-05",
            "4 a.m. EDT Thursday",
            "TIME",
            "2000-04-06T04:00",
        ),
        // a year before "quarter" names the year's quarter, it does not count quarters
        (
            "Third-quarter net rose 5% from the 1988 quarter.",
            "1989-10-30",
            "the 1988 quarter",
            "DATE",
            "1988-Q3",
        ),
        (
            "from Oct. 10 onwards",
            "2020-10-12",
            "Oct. 10",
            "DATE",
            "2020-10-10",
        ),
        (
            "since Sept. 27 the",
            "2020-10-12",
            "Sept. 27",
            "DATE",
            "2020-09-27",
        ),
        ("since Sept. 27 the", "", "Sept. 27", "DATE", "XXXX-09-27"),
        (
            "dated 2020-10-10 here",
            "",
            "2020-10-10",
            "DATE",
            "2020-10-10",
        ),
        (
            "fighting resumed on 27 September.",
            "2020-10-18",
            "27 September",
            "DATE",
            "2020-09-27",
        ),
        ("in October 2020 the", "", "October 2020", "DATE", "2020-10"),
        ("in May 1994 they", "", "May 1994", "DATE", "1994-05"),
        (
            "in January they met",
            "1998-02-10",
            "January",
            "DATE",
            "1998-01",
        ),
        (
            "a deal in December was",
            "1998-01-10",
            "December",
            "DATE",
            "1997-12",
        ),
        (
            "Saturday, April 25",
            "1998-04-24",
            "Saturday, April 25",
            "DATE",
            "1998-04-25",
        ),
        (
            "June last year",
            "1998-02-19",
            "June last year",
            "DATE",
            "1997-06",
        ),
        (
            "by late September",
            "2020-10-10",
            "late September",
            "DATE",
            "2020-09",
        ),
        // years, decades, centuries
        (
            "since a 1994 ceasefire",
            "2020-10-10",
            "1994",
            "DATE",
            "1994",
        ),
        ("ended in 1994 and", "", "1994", "DATE", "1994"),
        (
            "in the early 1990s --",
            "2020-10-10",
            "the early 1990s",
            "DATE",
            "199X",
        ),
        ("in the late 1980s.", "", "the late 1980s", "DATE", "198X"),
        ("in the 1920s and", "", "the 1920s", "DATE", "192X"),
        ("in the 20th century", "", "the 20th century", "DATE", "19"),
        ("since mid-1996 prices", "", "mid-1996", "DATE", "1996"),
        (
            "in nineteen ninety-six",
            "",
            "nineteen ninety-six",
            "DATE",
            "1996",
        ),
        (
            "30 years ago and",
            "2020-10-18",
            "30 years ago",
            "DATE",
            "1990",
        ),
        // weekdays and deictic days
        (
            "a ceasefire on Saturday, raising",
            "2020-10-10",
            "Saturday",
            "DATE",
            "2020-10-10",
        ),
        (
            "continued into Friday, officials",
            "2020-10-10",
            "Friday",
            "DATE",
            "2020-10-09",
        ),
        (
            "They will meet on Thursday.",
            "2020-10-10",
            "Thursday",
            "DATE",
            "2020-10-15",
        ),
        (
            "They said they would appeal, announced Wednesday",
            "2000-01-07",
            "Wednesday",
            "DATE",
            "2000-01-05",
        ),
        ("met on Saturday", "", "Saturday", "DATE", "XXXX-WXX-6"),
        (
            "last Friday the",
            "2020-10-09",
            "last Friday",
            "DATE",
            "2020-10-02",
        ),
        (
            "next Monday the",
            "2020-10-10",
            "next Monday",
            "DATE",
            "2020-10-12",
        ),
        (
            "at a press conference today.",
            "2020-10-11",
            "today",
            "DATE",
            "2020-10-11",
        ),
        (
            "he said yesterday",
            "2020-10-11",
            "yesterday",
            "DATE",
            "2020-10-10",
        ),
        (
            "due tomorrow",
            "2020-10-11",
            "tomorrow",
            "DATE",
            "2020-10-12",
        ),
        (
            "on the second day of the ceasefire",
            "2020-10-11",
            "the second day",
            "DATE",
            "2020-10-11",
        ),
        // An apposition names the same day: the ordinal day takes the weekday's date.
        (
            "strikes on Tuesday, the second day of the truce",
            "2023-05-24",
            "the second day",
            "DATE",
            "2023-05-23",
        ),
        (
            "strikes on Tuesday, the second day of the truce",
            "2023-05-24",
            "Tuesday",
            "DATE",
            "2023-05-23",
        ),
        // relative periods
        (
            "the agreement in Moscow last week.",
            "2020-10-18",
            "last week",
            "DATE",
            "2020-W41",
        ),
        (
            "its report last week.",
            "2020-10-11",
            "last week",
            "DATE",
            "2020-W40",
        ),
        (
            "erupted late last month, with",
            "2020-10-10",
            "late last month",
            "DATE",
            "2020-09",
        ),
        (
            "earlier this year the",
            "2020-10-10",
            "earlier this year",
            "DATE",
            "2020",
        ),
        ("next year they", "1989-10-27", "next year", "DATE", "1990"),
        (
            "this month prices",
            "1989-10-27",
            "this month",
            "DATE",
            "1989-10",
        ),
        (
            "in the third quarter",
            "1989-10-27",
            "the third quarter",
            "DATE",
            "1989-Q3",
        ),
        (
            "third-quarter profit",
            "1989-10-27",
            "third-quarter",
            "DATE",
            "1989-Q3",
        ),
        (
            "three days ago he",
            "2020-10-10",
            "three days ago",
            "DATE",
            "2020-10-07",
        ),
        (
            "two weeks ago he",
            "2020-10-10",
            "two weeks ago",
            "DATE",
            "2020-W39",
        ),
        ("last week he", "", "last week", "DATE", "XXXX-WXX"),
        (
            "last summer the",
            "1999-03-01",
            "last summer",
            "DATE",
            "1998-SU",
        ),
        // clock times
        (
            "a truce from midday, both",
            "2020-10-10",
            "midday",
            "TIME",
            "2020-10-10T12:00",
        ),
        (
            "due to take effect at noon.",
            "2020-10-10",
            "noon",
            "TIME",
            "2020-10-10T12:00",
        ),
        (
            "a ceasefire from \"12 hours 00 minutes on October 10 on",
            "2020-10-10",
            "12 hours 00 minutes on October 10",
            "TIME",
            "2020-10-10T12:00",
        ),
        (
            "on Sunday (20:00 GMT on Saturday).",
            "2020-10-18",
            "20:00 GMT on Saturday",
            "TIME",
            "2020-10-17T20:00",
        ),
        (
            "positions at 12:05 local time. She",
            "2020-10-10",
            "12:05 local time",
            "TIME",
            "2020-10-10T12:05",
        ),
        (
            "said at around 3 p.m. that",
            "2020-10-10",
            "around 3 p.m.",
            "TIME",
            "2020-10-10T15:00",
        ),
        (
            "at 04:53 am EDT on",
            "2020-10-10",
            "04:53 am EDT",
            "TIME",
            "2020-10-10T04:53",
        ),
        (
            "at 1600GMT the",
            "2020-10-10",
            "1600GMT",
            "TIME",
            "2020-10-10T16:00",
        ),
        (
            "10 p.m. Wednesday",
            "1998-02-12",
            "10 p.m. Wednesday",
            "TIME",
            "1998-02-11T22:00",
        ),
        ("at 3 p.m.", "", "3 p.m.", "TIME", "XXXX-XX-XXT15:00"),
        // parts of day
        (
            "in the early hours of Sunday.",
            "2020-10-18",
            "the early hours of Sunday",
            "TIME",
            "2020-10-18TNI",
        ),
        (
            "issued in the early hours of the morning, the",
            "2020-10-10",
            "the early hours of the morning",
            "TIME",
            "2020-10-10TMO",
        ),
        (
            "since this morning it is calmer",
            "2020-10-11",
            "this morning",
            "TIME",
            "2020-10-11TMO",
        ),
        (
            "came under rocket fire in the morning.",
            "2020-10-10",
            "the morning",
            "TIME",
            "2020-10-10TMO",
        ),
        (
            "Later in the afternoon, the",
            "2020-10-10",
            "the afternoon",
            "TIME",
            "2020-10-10TAF",
        ),
        (
            "reached by the two sides overnight.",
            "2020-10-10",
            "overnight",
            "TIME",
            "2020-10-09TNI",
        ),
        (
            "last night the",
            "1998-01-20",
            "last night",
            "TIME",
            "1998-01-19TNI",
        ),
        (
            "on Friday morning the",
            "1998-08-07",
            "Friday morning",
            "TIME",
            "1998-08-07TMO",
        ),
        (
            "tonight at",
            "1998-08-07",
            "tonight",
            "TIME",
            "1998-08-07TNI",
        ),
        // durations
        (
            "within minutes of the truce",
            "2020-10-10",
            "minutes",
            "DURATION",
            "PTXM",
        ),
        (
            "a new offensive five minutes after",
            "2020-10-10",
            "five minutes",
            "DURATION",
            "PT5M",
        ),
        (
            "after 11 hours of talks",
            "2020-10-10",
            "11 hours",
            "DURATION",
            "PT11H",
        ),
        ("A six-year war over", "", "six-year", "DURATION", "P6Y"),
        (
            "for at least 26 years, both",
            "",
            "at least 26 years",
            "DURATION",
            "P26Y",
        ),
        ("after 26 years nothing", "", "26 years", "DURATION", "P26Y"),
        ("for 14 months the", "", "14 months", "DURATION", "P14M"),
        (
            "a decades-long armed stalemate",
            "",
            "decades-long",
            "DURATION",
            "PXDE",
        ),
        ("a week after a truce", "", "a week", "DURATION", "P1W"),
        ("hours before the truce", "", "hours", "DURATION", "PTXH"),
        (
            "in the past two months",
            "",
            "the past two months",
            "DURATION",
            "P2M",
        ),
        (
            "about 5 1/2 hours",
            "",
            "about 5 1/2 hours",
            "DURATION",
            "PT5H30M",
        ),
        (
            "several years later",
            "",
            "several years",
            "DURATION",
            "PXY",
        ),
        // references and sets
        (
            "the parties were now engaged",
            "2020-10-10",
            "now",
            "DATE",
            "PRESENT_REF",
        ),
        (
            "has recently said",
            "2020-10-10",
            "recently",
            "DATE",
            "PAST_REF",
        ),
        (
            "in the future we",
            "2020-10-10",
            "the future",
            "DATE",
            "FUTURE_REF",
        ),
        ("shelled every day since", "", "every day", "SET", "P1D"),
        ("a daily briefing", "", "daily", "SET", "P1D"),
        ("meets on Tuesdays", "", "Tuesdays", "SET", "XXXX-WXX-2"),
        // seeds: clock times with their day and zone
        (
            "the early hours of Sunday (20:00 GMT on Saturday)",
            "2020-10-18",
            "20:00 GMT on Saturday",
            "TIME",
            "2020-10-17T20:00",
        ),
        (
            "late last month, with",
            "2020-10-10",
            "late last month",
            "DATE",
            "2020-09",
        ),
        // reporting periods of financial news
        (
            "third-quarter profit rose to $5 million from $4 million a year earlier.",
            "1989-11-02",
            "a year earlier",
            "DATE",
            "1988-Q3",
        ),
        (
            "Net for the third quarter rose 9% from the year-ago quarter.",
            "1989-11-02",
            "the year-ago quarter",
            "DATE",
            "1988-Q3",
        ),
        (
            "third-quarter net was $5 million, compared with year-earlier net of $4 million.",
            "1989-11-02",
            "year-earlier",
            "DATE",
            "1988-Q3",
        ),
        (
            "In the third quarter, net was $3 million, compared with $1 million last year.",
            "1989-11-02",
            "last year",
            "DATE",
            "1988-Q3",
        ),
        (
            "He left a year ago.",
            "1989-11-02",
            "a year ago",
            "DATE",
            "1988",
        ),
        (
            "The third quarter was weak. In the 1988 period, it earned $2 million.",
            "1989-11-02",
            "the 1988 period",
            "DATE",
            "1988-Q3",
        ),
        (
            "Third-quarter sales rose. The latest period includes a gain.",
            "1989-11-02",
            "The latest period",
            "DATE",
            "1989-Q3",
        ),
        (
            "In the first nine months, net rose from $5 million a year earlier.",
            "1989-11-02",
            "a year earlier",
            "DATE",
            "1988",
        ),
        (
            "revenue of $76 million for the year ended March 31",
            "1989-11-01",
            "the year",
            "DURATION",
            "P1Y",
        ),
        (
            "could be effective as early as next year's first quarter.",
            "1989-10-31",
            "next year's first quarter",
            "DATE",
            "1990-Q1",
        ),
        (
            "U.K. sales for last year's quarter were $3 million.",
            "1989-11-01",
            "last year's quarter",
            "DATE",
            "1988-Q3",
        ),
        (
            "complete the transaction by year-end.",
            "1989-11-02",
            "year-end",
            "DATE",
            "1989-12-31",
        ),
        (
            "The change is since year-end.",
            "1989-10-30",
            "year-end",
            "DATE",
            "1988-12-31",
        ),
        (
            "forecast an increase for the full year.",
            "1989-10-30",
            "the full year",
            "DATE",
            "1989",
        ),
        (
            "He arrived later in the day.",
            "1998-02-13",
            "the day",
            "DATE",
            "1998-02-13",
        ),
        // anaphora to the last named period
        (
            "He was promoted in 1995, and the following year he went abroad.",
            "1998-04-18",
            "the following year",
            "DATE",
            "1996",
        ),
        (
            "imports of $37 million in 1988, a small share of imports that year.",
            "1989-11-02",
            "that year",
            "DATE",
            "1988",
        ),
        (
            "It hired a chief in March 1989. The following month, it was sold.",
            "1989-10-27",
            "The following month",
            "DATE",
            "1989-04",
        ),
        // tense and signals
        (
            "They have until 9 a.m. Tuesday to sign the paper.",
            "2000-04-03",
            "9 a.m. Tuesday",
            "TIME",
            "2000-04-04T09:00",
        ),
        (
            "Until Thursday, the police had not named a suspect.",
            "1999-05-07",
            "Thursday",
            "DATE",
            "1999-05-06",
        ),
        (
            "She hoped she would bring aid to the region, where the Aug. 7 bombings killed 200.",
            "1998-08-18",
            "Aug. 7",
            "DATE",
            "1998-08-07",
        ),
        (
            "The carrier will stay, although it has been at sea since March.",
            "1990-08-13",
            "March",
            "DATE",
            "1990-03",
        ),
        (
            "On Friday, the government planned to pay the first claims.",
            "1998-09-30",
            "Friday",
            "DATE",
            "1998-09-25",
        ),
        (
            "The team planned to leave the capital on Thursday.",
            "1998-09-30",
            "Thursday",
            "DATE",
            "1998-10-01",
        ),
        (
            "But on April 8, investigators, wondering how he could have escaped, searched.",
            "1999-05-05",
            "April 8",
            "DATE",
            "1999-04-08",
        ),
        (
            "A bomb exploded next to the U.S. embassy in the capital Friday morning.",
            "1998-08-08",
            "Friday morning",
            "TIME",
            "1998-08-07TMO",
        ),
        (
            "the father would be traveling to the United States Thursday",
            "2000-04-05",
            "Thursday",
            "DATE",
            "2000-04-06",
        ),
        (
            "officials postponed until Tuesday any action",
            "2000-03-30",
            "Tuesday",
            "DATE",
            "2000-04-04",
        ),
        (
            "were planning to drive around the airport on Monday.",
            "2000-01-07",
            "Monday",
            "DATE",
            "2000-01-10",
        ),
        (
            "refugee camps for 2 1/2 years.",
            "1998-02-27",
            "2 1/2 years",
            "DURATION",
            "P2Y6M",
        ),
    ];

    /// Text that must not yield any time expression.
    const NEGATIVES: &[&str] = &[
        "has claimed some 400 lives",
        "some 2000 people fled",
        "a 12-year-old boy",
        "costs $1994 per unit",
        "Jan Egeland said",
        "you may come",
        "the score was 3:2 tonightx",
        "Howes, 37 years old when he was kidnapped",
        "a dividend rate of $1.76 a year",
        "adding 700 seats a week on the route",
        "the latest period is unknown",
        "that year was good",
    ];

    fn dct(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn table_of_expressions() {
        let mut failures = Vec::new();
        for (text, d, extent, kind, value) in CASES {
            let found = tag(text, dct(d));
            let hit = found.iter().find(|t| &text[t.span.clone()] == *extent);
            match hit {
                Some(t) if t.kind.as_str() == *kind && t.value == *value => {}
                _ => failures.push(format!(
                    "{text:?} @{d}: want {extent:?} {kind} {value}, got {:?}",
                    found
                        .iter()
                        .map(|t| format!(
                            "{:?} {} {}",
                            &text[t.span.clone()],
                            t.kind.as_str(),
                            t.value
                        ))
                        .collect::<Vec<_>>()
                )),
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
        assert!(CASES.len() >= 60);
    }

    #[test]
    fn negatives_yield_nothing() {
        for text in NEGATIVES {
            let found: Vec<_> = tag(text, dct("2020-10-10"))
                .into_iter()
                .map(|t| text[t.span].to_string())
                .collect();
            assert!(found.is_empty(), "{text:?} gave {found:?}");
        }
    }

    #[test]
    fn resolved_intervals() {
        let d = dct("2020-10-10");
        let at = |text: &str| tag(text, d).into_iter().next().unwrap();
        let decade = at("in the 1990s");
        assert_eq!(decade.resolved.unwrap().granularity, Granularity::Decade);
        assert_eq!(decade.resolved.unwrap().iso_start(), "1990-01-01");
        assert_eq!(decade.resolved.unwrap().iso_end(), "1999-12-31");
        let early = at("in the early 1990s");
        assert_eq!(early.modifier, Some("START"));
        assert_eq!(early.resolved.unwrap().iso_end(), "1993-12-31");
        let clock = at("at 12:05 local time");
        assert_eq!(clock.resolved.unwrap().granularity, Granularity::Minute);
        assert_eq!(clock.resolved.unwrap().iso_start(), "2020-10-10T12:05");
        let night = at("reached overnight");
        let r = night.resolved.unwrap();
        assert_eq!(
            (r.iso_start().as_str(), r.granularity),
            ("2020-10-09T22:00", Granularity::PartOfDay)
        );
        assert_eq!(r.iso_end(), "2020-10-10T05:59");
        let week = at("signed last week");
        assert_eq!(week.resolved.unwrap().iso_start(), "2020-09-28");
        assert_eq!(week.resolved.unwrap().granularity, Granularity::Week);
        let dur = at("for 11 hours");
        assert!(dur.resolved.is_none() && !dur.relative);
        assert!(at("on Saturday").relative);
        assert!(!at("in 1994").relative);
        let month = at("late last month");
        assert_eq!(month.resolved.unwrap().iso_start(), "2020-09-21");
        assert!(tag("on Saturday", None)[0].resolved.is_none());
    }

    #[test]
    fn every_pattern_compiles() {
        // A pattern that failed to compile would silently drop its rule.
        assert_eq!(RULES.as_ref().map(|r| r.scanner.len()), Some(32));
        for re in [
            &FUTURE,
            &PAST,
            &SIGNAL,
            &COUNT_NOUN,
            &FORWARD_SIGNAL,
            &QUARTER_VALUE,
            &YEAR_PERIOD,
            &FIGURES,
            &NAMED_PERIOD,
            &GAP_ON,
            &GAP_AT,
            &GAP_OF,
            &GAP_COMMA,
            &GAP_SPACE,
        ] {
            assert!(re.is_some());
        }
    }

    #[test]
    fn zones_are_recorded_without_converting() {
        let d = dct("2020-10-10");
        let zone_of = |text: &str| {
            let t = tag(text, d).into_iter().find(|t| t.kind == TimexType::Time);
            let t = t.unwrap_or_else(|| panic!("no TIME in {text:?}"));
            (t.value, t.zone.map(|z| (z.label, z.utc_offset_minutes)))
        };
        type ZoneCase = (
            &'static str,
            &'static str,
            Option<(&'static str, Option<i32>)>,
        );
        let cases: &[ZoneCase] = &[
            (
                "at 20:00 GMT on Saturday",
                "2020-10-10T20:00",
                Some(("GMT", Some(0))),
            ),
            ("at 20:00 UTC", "2020-10-10T20:00", Some(("UTC", Some(0)))),
            (
                "at 04:53 am EDT",
                "2020-10-10T04:53",
                Some(("EDT", Some(-240))),
            ),
            (
                "at 9 a.m. EST",
                "2020-10-10T09:00",
                Some(("EST", Some(-300))),
            ),
            (
                "at 9 a.m. CST",
                "2020-10-10T09:00",
                Some(("CST", Some(-360))),
            ),
            (
                "at 9 a.m. PST",
                "2020-10-10T09:00",
                Some(("PST", Some(-480))),
            ),
            ("at 14:00 CET", "2020-10-10T14:00", Some(("CET", Some(60)))),
            (
                "at 14:00 CEST",
                "2020-10-10T14:00",
                Some(("CEST", Some(120))),
            ),
            ("at 14:00 BST", "2020-10-10T14:00", Some(("BST", Some(60)))),
            ("at 14:00 MSK", "2020-10-10T14:00", Some(("MSK", Some(180)))),
            (
                "at 10:00 Moscow time",
                "2020-10-10T10:00",
                Some(("Moscow time", Some(180))),
            ),
            (
                "at 12:05 local time",
                "2020-10-10T12:05",
                Some(("local time", None)),
            ),
            ("at 1600GMT the", "2020-10-10T16:00", Some(("GMT", Some(0)))),
            (
                "at 12:05 (local time)",
                "2020-10-10T12:05",
                Some(("local time", None)),
            ),
            ("at 12:05 they", "2020-10-10T12:05", None),
        ];
        for (text, value, zone) in cases {
            let (v, z) = zone_of(text);
            assert_eq!(v, *value, "{text}");
            let z = z.as_ref().map(|(l, o)| (l.as_str(), *o));
            assert_eq!(z, *zone, "{text}");
        }
    }

    #[test]
    fn spans_are_sorted_disjoint_and_on_char_boundaries() {
        let text =
            "Ça s’est passé le 10 October 2020 — à 12:05 local time, puis “Saturday” … 1994.";
        let found = tag(text, dct("2020-10-10"));
        assert!(found.len() >= 3);
        for pair in found.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start);
        }
        for t in &found {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
    }

    /// A match read within the range the scan found is the match read from its start to the
    /// end of the text, group by group, on every hit of the seeds and the test articles.
    #[test]
    fn a_hit_read_within_its_range_has_the_groups_read_to_the_end() {
        let texts = crate::extract::test_texts();
        let scanner = rule_scanner().unwrap();
        let mut reader = scanner.reader();
        let mut read = 0;
        for text in &texts {
            for hit in scan(text) {
                let rule = usize::from(hit.rule);
                let groups = |caps: Option<Caps<'_, '_>>| -> Vec<Option<Range<usize>>> {
                    let caps = caps.unwrap();
                    (0..40).map(|i| caps.get(i).map(|p| p.range())).collect()
                };
                let bounded = groups(reader.captures_in(rule, text, hit.range(text.len())));
                let open = groups(reader.captures_at(rule, text, hit.start as usize));
                assert_eq!(bounded, open, "rule {rule} at {}", hit.start);
                assert_eq!(
                    bounded[0].as_ref().map(Range::len),
                    Some(usize::from(hit.len))
                );
                read += 1;
            }
        }
        assert!(read > 100, "{read}");
    }
}
