//! Temporary stand-in for the tagger while it is written elsewhere; same signatures.
use crate::model::{TimeSpan, Timex, TimexType};
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})(?:, (\d{4}))?|\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(19\d\d|20\d\d)\b").unwrap_or_else(|e| panic!("{e}"))
});
const MONTHS: [&str; 12] = [
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
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let month = |s: &str| MONTHS.iter().position(|x| *x == s).map(|i| i as u32 + 1);
        let (resolved, value, relative) = if let (Some(mo), Some(d)) = (c.get(1), c.get(2)) {
            let y = c
                .get(3)
                .and_then(|y| y.as_str().parse().ok())
                .or(dct.map(|d| d.year()));
            let day = y.and_then(|y| {
                NaiveDate::from_ymd_opt(
                    y,
                    month(mo.as_str()).unwrap_or(1),
                    d.as_str().parse().unwrap_or(1),
                )
            });
            (
                day.map(TimeSpan::day),
                day.map(|d| d.to_string()).unwrap_or_default(),
                c.get(3).is_none(),
            )
        } else if let (Some(d), Some(mo)) = (c.get(4), c.get(5)) {
            let day = dct.and_then(|t| {
                NaiveDate::from_ymd_opt(
                    t.year(),
                    month(mo.as_str()).unwrap_or(1),
                    d.as_str().parse().unwrap_or(1),
                )
            });
            (
                day.map(TimeSpan::day),
                day.map(|d| d.to_string()).unwrap_or_default(),
                true,
            )
        } else if let Some(w) = c.get(6) {
            let want = DAYS.iter().position(|x| *x == w.as_str()).unwrap_or(0) as u32;
            let day = dct.map(|t| {
                let back = (t.weekday().num_days_from_monday() + 7 - want) % 7;
                t - chrono::Duration::days(back as i64)
            });
            (
                day.map(TimeSpan::day),
                day.map(|d| d.to_string()).unwrap_or_default(),
                true,
            )
        } else if let Some(y) = c.get(7) {
            let y: i32 = y.as_str().parse().unwrap_or(0);
            (TimeSpan::year(y), y.to_string(), false)
        } else {
            continue;
        };
        out.push(Timex {
            span: m.range(),
            kind: TimexType::Date,
            value,
            modifier: None,
            resolved,
            relative,
        });
    }
    out
}
