//! Article-date inference: when a file carries no publication date, read one from its text.
//!
//! Owns the rules that turn an article's own time expressions into a publication day: explicit
//! dates, a day and month that fall on the weekday the article is written around, copyright
//! years, and ordinal days ("the second day of the ceasefire"). A corpus-level `hint` (the
//! median date of the other articles in the folder) picks the year or week the text leaves open.
//!
//! Limits:
//! - News is assumed to be written on or just after the latest weekday it names; an article that
//!   names only future days or only old history is dated poorly.
//! - Without a full date, copyright year or hint, a weekday alone cannot place the article in
//!   a year; the latest year the text writes out is then used as a weak fallback (not
//!   confident), so a text that names only years of history ("a 1994 truce") is dated into
//!   that history. With no year at all, nothing is returned.
//! - "last week" is read as "the folder's main events were last week" only when the article also
//!   names its own weekday; this is a heuristic for follow-up reports and can be wrong.

use crate::extract::timex::{Tenses, ascii_lower, future_at, tag, value_numbers};
use crate::model::{Sentence, Timex, TimexType};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

/// An inferred publication date with the reasons for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateGuess {
    pub date: NaiveDate,
    /// Human-readable reasons, e.g. "'October 10' + 'on Saturday' agree on 2020-10-10".
    pub evidence: Vec<String>,
    /// True when the text alone fixes the date (no corpus hint was needed).
    pub confident: bool,
}

static COPYRIGHT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d\d)(?-u:\b)").ok()
});
static NTH_DAY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^the\s+(first|second|third|fourth|fifth|sixth|seventh|\d)(?:st|nd|rd|th)?\s")
        .ok()
});
static SINCE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:since|after|began|begun|started|erupted|broke\s+out)(?-u:\b)").ok()
});
/// `2023-05-23` (and a time after it).
fn full_date(value: &str) -> Option<[u32; 3]> {
    value_numbers(value, "####-##-##", false)
}

fn year_only(value: &str) -> Option<[u32; 1]> {
    value_numbers(value, "####", true)
}

/// `XXXX-05-23`: a day of a month in an unknown year.
fn month_day(value: &str) -> Option<[u32; 2]> {
    value_numbers(value, "XXXX-##-##", false)
}

/// `XXXX-WXX-3`: a weekday (1 Monday to 7 Sunday).
fn weekday_code(value: &str) -> Option<[u32; 1]> {
    value_numbers(value, "XXXX-WXX-#", false)
        .filter(|n| n.first().is_some_and(|d| (1..=7).contains(d)))
}

/// What an article's own expressions say about its date, gathered once ([`clues`]): the same
/// whatever the folder's date, with which [`infer_from`] may read them a second time.
#[derive(Clone, Debug, Default)]
pub struct Clues {
    /// Explicit day-month-year dates, with the text that gave them.
    full: Vec<(NaiveDate, String)>,
    /// Day and month without a year: (month, day, text, only a lower bound ("since ...")).
    month_days: Vec<(u32, u32, String, bool)>,
    /// Weekdays named in the past or present tense: count and first wording.
    weekdays: Vec<(Weekday, usize, String)>,
    /// "the second day (of ...)": the article is that many days after the day it names.
    nth_day: Option<(u32, String)>,
    copyright: Option<i32>,
    /// Years written out ("in 1988", "fiscal 1989") outside future clauses: the latest one.
    latest_year: Option<(i32, String)>,
    today: Option<String>,
    last_week: bool,
}

fn weekday_from(n: u32) -> Option<Weekday> {
    Weekday::try_from(u8::try_from(n.checked_sub(1)?).ok()?).ok()
}

/// The clues in `text`, whose expressions tagged without a reference date are `undated`
/// ([`tag_read`](super::timex::tag_read) with none, in text order).
pub fn clues(text: &str, sentences: &[Sentence], undated: &[Timex], tenses: &Tenses) -> Clues {
    let mut clues = Clues {
        copyright: COPYRIGHT
            .as_ref()
            .and_then(|r| r.captures_iter(text).last())
            .and_then(|c| c.get(1)?.as_str().parse().ok()),
        ..Clues::default()
    };
    // Sentences' spans are ordered and disjoint (the loader's invariant): only the last one
    // starting at or before `start` can hold it.
    let in_sentences = |start: usize| {
        let k = sentences.partition_point(|s| s.span.start <= start);
        sentences.is_empty()
            || k.checked_sub(1)
                .and_then(|k| sentences.get(k))
                .is_some_and(|s| s.span.contains(&start))
    };
    for t in undated {
        if !in_sentences(t.span.start) || t.kind == TimexType::Set {
            continue;
        }
        // Copied only into a clue that keeps it (most expressions give none).
        let written = text.get(t.span.clone()).unwrap_or("");
        let lower = ascii_lower(written);
        let mut from = t.span.start.saturating_sub(48);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = text.get(from..t.span.start).unwrap_or("");
        let clause = before
            .rsplit(['.', '!', '?', '\n', ';'])
            .next()
            .unwrap_or("");
        // Read only where a clue needs it: the tense regexes are most of this loop's cost.
        let future = || future_at(text, t.span.clone(), tenses);
        if let Some(v) = full_date(&t.value).filter(|_| !t.relative) {
            let date = NaiveDate::from_ymd_opt(i32::try_from(v[0]).unwrap_or(0), v[1], v[2]);
            if let Some(date) = date.filter(|_| !future()) {
                clues.full.push((date, written.to_owned()));
            }
            continue;
        }
        if let Some(v) = year_only(&t.value).filter(|_| !t.relative && !future()) {
            let y = i32::try_from(v[0]).unwrap_or(0);
            if clues.latest_year.as_ref().is_none_or(|(l, _)| y > *l) {
                clues.latest_year = Some((y, written.to_owned()));
            }
            continue;
        }
        if let Some(v) = month_day(&t.value) {
            if !future() {
                // "since fighting resumed on 27 September" bounds the date, it does not give it.
                let since = SINCE.as_ref().is_some_and(|r| r.is_match(clause));
                clues
                    .month_days
                    .push((v[0], v[1], written.to_owned(), since));
            }
            continue;
        }
        if let Some(v) = weekday_code(&t.value) {
            let Some(wd) = weekday_from(v[0]) else {
                continue;
            };
            if lower.starts_with("next") || lower.starts_with("last") || future() {
                continue;
            }
            match clues.weekdays.iter_mut().find(|(w, _, _)| *w == wd) {
                Some(entry) => entry.1 += 1,
                None => clues.weekdays.push((wd, 1, written.to_owned())),
            }
            continue;
        }
        if let Some(n) = ordinal_day(&lower) {
            clues.nth_day.get_or_insert_with(|| (n, written.to_owned()));
            continue;
        }
        if [
            "today",
            "this morning",
            "this afternoon",
            "this evening",
            "tonight",
        ]
        .contains(&&*lower)
        {
            clues.today.get_or_insert_with(|| written.to_owned());
        } else if lower == "last week" {
            clues.last_week = true;
        }
    }
    clues
}

/// N in "the Nth day" (first to seventh), the form the tagger gives for "the second day of ...".
fn ordinal_day(lower: &str) -> Option<u32> {
    if !lower.ends_with("day") {
        return None;
    }
    let word = NTH_DAY.as_ref()?.captures(lower)?.get(1)?.as_str();
    let words = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
    ];
    match words.iter().position(|x| *x == word) {
        Some(i) => u32::try_from(i + 1).ok(),
        None => word.parse().ok(),
    }
}

/// The weekday the article is written on: the mentioned weekday after which all the others
/// come closest behind ("Friday" and "Saturday" → Saturday, not the more frequent Friday).
fn article_weekday(weekdays: &[(Weekday, usize, String)]) -> Option<(Weekday, String)> {
    weekdays
        .iter()
        .min_by_key(|(cand, count, _)| {
            let reach = weekdays
                .iter()
                .map(|(w, _, _)| {
                    (i64::from(cand.num_days_from_monday()) - i64::from(w.num_days_from_monday()))
                        .rem_euclid(7)
                })
                .max()
                .unwrap_or(0);
            (reach, usize::MAX - count)
        })
        .map(|(w, _, text)| (*w, text.clone()))
}

fn first_on_or_after(from: NaiveDate, wd: Weekday) -> NaiveDate {
    let diff = (i64::from(wd.num_days_from_monday())
        - i64::from(from.weekday().num_days_from_monday()))
    .rem_euclid(7);
    from + Duration::days(diff)
}

fn nearest_weekday(to: NaiveDate, wd: Weekday, not_before: Option<NaiveDate>) -> NaiveDate {
    let after = first_on_or_after(to, wd);
    let before = after - Duration::days(7);
    let pick = if (to - before) < (after - to) {
        before
    } else {
        after
    };
    match not_before {
        Some(lb) if pick < lb => first_on_or_after(lb, wd),
        _ => pick,
    }
}

/// Infers an article's publication date from its text. `sentences` are the article's sentences
/// (spans into text; role Headline/Body/Caption). `hint` is a corpus-level prior: the date of
/// the other articles in the same folder (their median), used to choose among candidates when
/// the text alone leaves the year or the week open. `confident` = the text alone fixes the date.
pub fn infer_document_date(
    text: &str,
    sentences: &[Sentence],
    hint: Option<NaiveDate>,
) -> Option<DateGuess> {
    infer_from(
        &clues(text, sentences, &tag(text, None), &Tenses::default()),
        hint,
    )
}

/// [`infer_document_date`] from the article's [`clues`].
pub fn infer_from(clues: &Clues, hint: Option<NaiveDate>) -> Option<DateGuess> {
    let mut evidence = Vec::new();
    if let Some(y) = clues.copyright {
        evidence.push(format!("copyright year {y}"));
    }
    // The article's own weekday, shifted by "the second day of ..." when present.
    let mut weekday = article_weekday(&clues.weekdays);
    let mut named_weekday = weekday.is_some();
    if let Some((wd, written)) = weekday.clone() {
        let counts: Vec<String> = clues
            .weekdays
            .iter()
            .map(|(w, n, _)| format!("{w:?} ×{n}"))
            .collect();
        evidence.push(format!(
            "weekdays named: {}, so written on a {wd:?}",
            counts.join(", ")
        ));
        if let Some((n, nth)) = clues.nth_day.as_ref().filter(|(n, _)| (2..=7).contains(n)) {
            let shifted = weekday_from((wd.number_from_monday() + n - 2) % 7 + 1).unwrap_or(wd);
            evidence.push(format!("'{nth}' after '{written}' is a {shifted:?}"));
            weekday = Some((shifted, written));
            named_weekday = false;
        }
    }
    if let Some(t) = &clues.today {
        evidence.push(format!("'{t}' is the article's own day"));
    }
    let wd = weekday.as_ref().map(|(w, _)| *w);

    // 1. Explicit dates: the article comes on or after the latest, on its weekday.
    if let Some((latest, written)) = clues.full.iter().max_by_key(|(d, _)| *d).cloned() {
        let mut date = latest;
        evidence.push(format!("latest explicit date '{written}' ({latest})"));
        // A later day-month in the same year can refine it ("October 10" after "October 7, 2020").
        for (m, d, w, since) in &clues.month_days {
            if let Some(md) = NaiveDate::from_ymd_opt(latest.year(), *m, *d)
                && md > date
                && (md - latest).num_days() < 60
                && !since
            {
                date = md;
                evidence.push(format!("'{w}' is later in {}", latest.year()));
            }
        }
        if let Some(wd) = wd {
            let on = first_on_or_after(date, wd);
            if on != date {
                evidence.push(format!("first {wd:?} on or after it: {on}"));
            }
            date = on;
        }
        return Some(DateGuess {
            date,
            evidence,
            confident: true,
        });
    }

    // The year: the copyright line, else the folder's date, else the latest year the text
    // writes out (a weak clue: articles also name years of history).
    let written_year = clues.latest_year.as_ref().map(|(y, _)| *y);
    let ref_year = clues.copyright.or(hint.map(|h| h.year())).or(written_year);
    if clues.copyright.is_none()
        && hint.is_none()
        && let Some((y, w)) = &clues.latest_year
    {
        evidence.push(format!("latest year written out: '{w}' ({y})"));
    }
    // 2. A day and month that falls on the article's weekday fixes the day; the year comes from
    // the copyright line, else the hint.
    if let (Some(wd), Some(y0)) = (wd, ref_year) {
        let mut best: Option<(NaiveDate, String)> = None;
        for (m, d, w, since) in &clues.month_days {
            if *since {
                continue;
            }
            let found = (y0 - 6..=y0 + 6)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, *m, *d))
                .filter(|d| d.weekday() == wd)
                .min_by_key(|d| (d.year() - y0).abs());
            if let Some(found) = found
                && best.as_ref().is_none_or(|(b, _)| found > *b)
            {
                best = Some((found, w.clone()));
            }
        }
        if let Some((date, w)) = best {
            let wd_text = weekday.as_ref().map(|(_, t)| t.as_str()).unwrap_or("");
            evidence.push(format!("'{w}' + '{wd_text}' agree on {date}"));
            let confident = clues.copyright.is_some_and(|c| c == date.year());
            if !confident && let Some(h) = hint {
                evidence.push(format!("year nearest the folder's date {h}"));
            }
            return Some(DateGuess {
                date,
                evidence,
                confident,
            });
        }
    }

    // 3. Only lower bounds and a weekday: the hint picks the week.
    let lower_bound = ref_year.and_then(|y0| {
        clues
            .month_days
            .iter()
            .filter_map(|(m, d, w, _)| Some((NaiveDate::from_ymd_opt(y0, *m, *d)?, w)))
            .max_by_key(|(d, _)| *d)
    });
    if let Some((lb, w)) = &lower_bound {
        evidence.push(format!("not before '{w}' ({lb})"));
    }
    let lb = lower_bound.map(|(d, _)| d);
    let Some(wd) = wd else {
        // No weekday: the latest day-month is the best the text offers; with only a year
        // written out, the end of that year (news looks back on the year it names).
        let date = match (lb, written_year) {
            (Some(lb), _) => lb,
            (None, Some(y)) if hint.is_none() && clues.copyright.is_none() => {
                NaiveDate::from_ymd_opt(y, 12, 31)?
            }
            _ => return None,
        };
        return Some(DateGuess {
            date,
            evidence,
            confident: false,
        });
    };
    let anchor = match (hint, clues.copyright, lb) {
        (Some(h), Some(c), _) if h.year() != c => NaiveDate::from_ymd_opt(c, h.month(), h.day()),
        (Some(h), _, _) => Some(h),
        (None, _, Some(lb)) => Some(lb),
        (None, _, None) => None,
    }?;
    let mut date = nearest_weekday(anchor, wd, lb.map(|d| d + Duration::days(1)));
    if let Some(h) = hint {
        evidence.push(format!("the {wd:?} nearest the folder's date {h}"));
        // An article that names its own weekday and speaks of "last week" is looking back at
        // the folder's main events: it belongs to the week after them.
        if named_weekday && clues.last_week && date.iso_week() == h.iso_week() {
            date += Duration::days(7);
            evidence.push(format!(
                "'last week' looks back at the week of {h}, so {date}"
            ));
        }
    }
    Some(DateGuess {
        date,
        evidence,
        confident: false,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::SentenceRole;

    /// The regexes the value readers replace, read the way `gather` read them.
    fn by_regex(pattern: &str, value: &str) -> Option<Vec<u32>> {
        let caps = Regex::new(pattern).unwrap().captures(value)?;
        caps.iter()
            .skip(1)
            .map(|m| m.and_then(|m| m.as_str().parse().ok()))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn values_are_read_as_the_regexes_read_them(
            value in "[0-9X٠٣W:T-]{0,14}|[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2})?|XXXX-[0-9]{2}-[0-9]{2}|XXXX-WXX-[0-9]|[0-9]{4}"
        ) {
            proptest::prop_assert_eq!(full_date(&value).map(Vec::from), by_regex(r"^(\d{4})-(\d\d)-(\d\d)", &value));
            proptest::prop_assert_eq!(year_only(&value).map(Vec::from), by_regex(r"^(\d{4})$", &value));
            proptest::prop_assert_eq!(month_day(&value).map(Vec::from), by_regex(r"^XXXX-(\d\d)-(\d\d)", &value));
            proptest::prop_assert_eq!(weekday_code(&value).map(Vec::from), by_regex(r"^XXXX-WXX-([1-7])", &value));
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn sentences(text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            out.push(Sentence {
                span: start..start + line.len(),
                text: line.into(),
                paragraph: i as u32,
                role: if i == 0 {
                    SentenceRole::Headline
                } else {
                    SentenceRole::Body
                },
            });
            start += line.len();
        }
        out
    }

    fn infer(text: &str, hint: Option<NaiveDate>) -> Option<DateGuess> {
        infer_document_date(text, &sentences(text), hint)
    }

    #[test]
    fn explicit_date_and_weekday_give_the_next_matching_day() {
        let t = "Talks resume\nA photo taken March 3, 2021.\nThe rebels attacked on Friday, officials said.";
        let g = infer(t, None).unwrap();
        assert_eq!(g.date, d(2021, 3, 5));
        assert!(g.confident);
    }

    #[test]
    fn explicit_date_alone_is_confident() {
        let g = infer("Truce holds\nThe truce signed on 4 May 2019 held.", None).unwrap();
        assert_eq!(g.date, d(2019, 5, 4));
        assert!(g.confident);
    }

    #[test]
    fn month_day_and_weekday_agree_within_copyright_year() {
        let t = "Clashes\nThe truce began on Monday.\nIt was signed on July 6 in Geneva.\n© 2015 Some Agency";
        let g = infer(t, None).unwrap();
        assert_eq!(g.date, d(2015, 7, 6));
        assert!(g.confident);
        assert!(g.evidence.iter().any(|e| e.contains("agree on 2015-07-06")));
        assert!(g.evidence.iter().any(|e| e == "copyright year 2015"));
    }

    #[test]
    fn month_day_and_weekday_use_hint_year_without_confidence() {
        let t = "Clashes\nFighting resumed on Monday.\nThe deal of July 6 collapsed.";
        let g = infer(t, Some(d(2015, 7, 1))).unwrap();
        assert_eq!(g.date, d(2015, 7, 6));
        assert!(!g.confident);
        assert!(infer(t, None).is_none());
    }

    #[test]
    fn latest_weekday_wins_over_most_frequent() {
        let t =
            "News\nShelling on Thursday.\nMore on Thursday night.\nCalm on Friday, officials said.";
        let g = infer(t, Some(d(2022, 3, 2))).unwrap();
        assert_eq!(g.date.weekday(), Weekday::Fri);
        assert_eq!(g.date, d(2022, 3, 4));
    }

    #[test]
    fn ordinal_day_moves_past_the_named_weekday() {
        let t = "Truce\nThe truce was agreed on Tuesday.\nOn the third day of the truce, guns were quiet today.";
        let g = infer(t, Some(d(2018, 6, 5))).unwrap();
        assert_eq!(g.date, d(2018, 6, 7));
    }

    #[test]
    fn last_week_moves_a_named_weekday_after_the_hint_week() {
        let t = "Truce\nFighting broke out in the early hours of Tuesday.\nThe deal was signed last week.";
        let hint = d(2018, 6, 5); // a Tuesday
        let g = infer(t, Some(hint)).unwrap();
        assert_eq!(g.date, d(2018, 6, 12));
    }

    #[test]
    fn future_weekdays_do_not_date_the_article() {
        let t = "Talks\nThe sides met on Monday.\nThey will meet again on Thursday.";
        let g = infer(t, Some(d(2020, 1, 8))).unwrap();
        assert_eq!(g.date.weekday(), Weekday::Mon);
    }

    #[test]
    fn since_date_is_only_a_lower_bound() {
        let t = "War\nThousands fled since fighting began on 1 March.\nShelling hit the city on Sunday.\n© 2020 X";
        let g = infer(t, None).unwrap();
        assert_eq!(g.date.weekday(), Weekday::Sun);
        assert!(g.date > d(2020, 3, 1));
        assert!(!g.confident);
    }

    #[test]
    fn written_years_are_a_weak_fallback() {
        let t = "Results\nIn 1988, the company earned $17 million.";
        let g = infer(t, None).unwrap();
        assert_eq!(g.date, d(1988, 12, 31));
        assert!(!g.confident);
        // A corpus hint outranks a year of history.
        let g = infer("War\nThe 1994 truce held on Sunday.", Some(d(2020, 10, 14))).unwrap();
        assert_eq!(g.date, d(2020, 10, 11));
        // A dateline's day and month take the written year.
        let g = infer("JOHANNESBURG, August 7 (Xinhua) -- A 1998 report.", None).unwrap();
        assert_eq!(g.date, d(1998, 8, 7));
    }

    #[test]
    fn no_evidence_gives_none() {
        assert!(infer("Nothing\nJust words here.", None).is_none());
        assert!(infer("Nothing\nJust words here.", Some(d(2020, 1, 1))).is_none());
    }
}
