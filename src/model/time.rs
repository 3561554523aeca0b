//! Calendar time as the reports state it: inclusive intervals with a granularity, and the
//! TIMEX3-style time expressions found in text.
//!
//! Times are naive clock times on the conflict's local clock: extraction moves times stated in
//! another zone ("19:45 GMT") to it, and keeps "12:05 local time" as written (see
//! `Timex::zone` and `Mention::clock`). An interval is inclusive at both ends so that a day, a year or a decade
//! is one value whose `end` is its last instant; this is what the export contract asks for.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use std::ops::Range;

/// How precisely a time is known; coarser values are drawn as bars, finer ones as points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Granularity {
    Minute,
    Hour,
    /// Morning, afternoon, evening, night, "the early hours".
    PartOfDay,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Granularity {
    /// The lower-case name used in the export (`"day"`, `"decade"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Minute => "minute",
            Granularity::Hour => "hour",
            Granularity::PartOfDay => "part_of_day",
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
            Granularity::Year => "year",
            Granularity::Decade => "decade",
            Granularity::Century => "century",
        }
    }

    /// The inverse of [`Granularity::as_str`].
    pub fn from_name(name: &str) -> Option<Granularity> {
        Some(match name {
            "minute" => Granularity::Minute,
            "hour" => Granularity::Hour,
            "part_of_day" => Granularity::PartOfDay,
            "day" => Granularity::Day,
            "week" => Granularity::Week,
            "month" => Granularity::Month,
            "quarter" => Granularity::Quarter,
            "year" => Granularity::Year,
            "decade" => Granularity::Decade,
            "century" => Granularity::Century,
            _ => return None,
        })
    }

    /// Whether values of this granularity carry a clock time in the export.
    pub fn has_clock(self) -> bool {
        matches!(
            self,
            Granularity::Minute | Granularity::Hour | Granularity::PartOfDay
        )
    }
}

/// An inclusive calendar interval: `start` is its first instant, `end` its last (a day ends at
/// 23:59:59, a minute at :59).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeSpan {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub granularity: Granularity,
}

fn last_instant(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN))
}

fn first_instant(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}

impl TimeSpan {
    /// One calendar day.
    pub fn day(day: NaiveDate) -> TimeSpan {
        TimeSpan {
            start: first_instant(day),
            end: last_instant(day),
            granularity: Granularity::Day,
        }
    }

    /// Whole days from `first` to `last`, both included, with the given granularity.
    pub fn days(first: NaiveDate, last: NaiveDate, granularity: Granularity) -> TimeSpan {
        let (first, last) = if last < first {
            (last, first)
        } else {
            (first, last)
        };
        TimeSpan {
            start: first_instant(first),
            end: last_instant(last),
            granularity,
        }
    }

    /// One clock minute.
    pub fn minute(at: NaiveDateTime) -> TimeSpan {
        let start = at
            .with_second(0)
            .unwrap_or(at)
            .with_nanosecond(0)
            .unwrap_or(at);
        TimeSpan {
            start,
            // At the calendar's last minute there is no :59 to add.
            end: start
                .checked_add_signed(Duration::seconds(59))
                .unwrap_or(start),
            granularity: Granularity::Minute,
        }
    }

    /// A stretch of clock time, e.g. a part of day, from `start` up to (not including) `end`.
    pub fn between(start: NaiveDateTime, end_exclusive: NaiveDateTime, g: Granularity) -> TimeSpan {
        let end = if end_exclusive > start {
            end_exclusive
                .checked_sub_signed(Duration::seconds(1))
                .unwrap_or(start)
        } else {
            start
        };
        TimeSpan {
            start,
            end,
            granularity: g,
        }
    }

    /// A calendar month; `None` when the month does not exist.
    pub fn month(year: i32, month: u32) -> Option<TimeSpan> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(TimeSpan::days(first, next.pred_opt()?, Granularity::Month))
    }

    /// A calendar year.
    pub fn year(year: i32) -> Option<TimeSpan> {
        Some(TimeSpan::days(
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
            Granularity::Year,
        ))
    }

    /// The years `first..=last` as one span of the given granularity (decades, centuries).
    pub fn years(first: i32, last: i32, granularity: Granularity) -> Option<TimeSpan> {
        Some(TimeSpan::days(
            NaiveDate::from_ymd_opt(first, 1, 1)?,
            NaiveDate::from_ymd_opt(last, 12, 31)?,
            granularity,
        ))
    }

    /// The first calendar day of the span.
    pub fn first_day(&self) -> NaiveDate {
        self.start.date()
    }

    /// The last calendar day of the span.
    pub fn last_day(&self) -> NaiveDate {
        self.end.date()
    }

    /// Whether the two intervals share at least one instant.
    pub fn overlaps(&self, other: &TimeSpan) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Whether `other` lies wholly inside this span.
    pub fn contains(&self, other: &TimeSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Length in seconds (inclusive end, so a minute is 60 s).
    pub fn length_seconds(&self) -> i64 {
        (self.end - self.start).num_seconds() + 1
    }

    /// The ISO form of `start` the export writes: a date for day or coarser, else a date-time.
    pub fn iso_start(&self) -> String {
        iso(self.start, self.granularity)
    }

    /// The ISO form of `end` (inclusive).
    pub fn iso_end(&self) -> String {
        iso(self.end, self.granularity)
    }

    /// Rebuilds a span from its exported ISO forms. A date-only `end` means the end of that
    /// day; a date-time `end` the end of that minute.
    pub fn from_iso(start: &str, end: &str, granularity: Granularity) -> Option<TimeSpan> {
        let start = parse_iso(start, false)?;
        let end = parse_iso(end, true)?;
        (start <= end).then_some(TimeSpan {
            start,
            end,
            granularity,
        })
    }

    /// A short human form: "10 Oct 2020 12:05", "10 Oct 2020", "Oct 2020", "1994", "1990s".
    /// (chrono's `%-d %b %Y %H:%M` and the like, written directly: every event's label has
    /// one.)
    pub fn display(&self) -> String {
        let s = self.start;
        let mut out = String::with_capacity(24);
        match self.granularity {
            Granularity::Minute | Granularity::Hour => {
                push_day(&mut out, s.date());
                out.push(' ');
                push_clock(&mut out, s);
            }
            Granularity::PartOfDay => {
                push_day(&mut out, s.date());
                out.push(' ');
                push_clock(&mut out, s);
                out.push('–');
                push_clock(&mut out, self.end);
            }
            Granularity::Day => push_day(&mut out, s.date()),
            Granularity::Week => {
                out.push_str("week of ");
                push_day(&mut out, s.date());
            }
            Granularity::Month => {
                out.push_str(month_abbreviation(s.month()));
                out.push(' ');
                push_year(&mut out, s.date());
            }
            Granularity::Quarter => {
                out = format!("Q{} {}", (s.month() - 1) / 3 + 1, s.year());
            }
            Granularity::Year => push_year(&mut out, s.date()),
            Granularity::Decade | Granularity::Century => out = format!("{}s", s.year()),
        }
        out
    }
}

/// chrono's `%b`.
fn month_abbreviation(month: u32) -> &'static str {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    month
        .checked_sub(1)
        .and_then(|m| MONTHS.get(m as usize))
        .copied()
        .unwrap_or("")
}

/// chrono's `%-d %b %Y`: "23 May 2023".
fn push_day(out: &mut String, day: NaiveDate) {
    out.push_str(&day.day().to_string());
    out.push(' ');
    out.push_str(month_abbreviation(day.month()));
    out.push(' ');
    push_year(out, day);
}

/// chrono's `%H:%M`.
fn push_clock(out: &mut String, at: NaiveDateTime) {
    push_digits(out, at.hour(), 2);
    out.push(':');
    push_digits(out, at.minute(), 2);
}

fn iso(at: NaiveDateTime, granularity: Granularity) -> String {
    if granularity.has_clock() {
        iso_minute(at)
    } else {
        iso_date(at.date())
    }
}

/// `2023-05-23`: chrono's `%Y-%m-%d`, written directly. Tagging and detection write one per
/// expression; parsing the format string each time was a tenth of the tagger's time.
pub fn iso_date(day: NaiveDate) -> String {
    let mut out = String::with_capacity(16);
    push_iso_date(&mut out, day);
    out
}

/// `2023-05-23T14:05`: chrono's `%Y-%m-%dT%H:%M`, written directly.
pub fn iso_minute(at: NaiveDateTime) -> String {
    let mut out = String::with_capacity(16);
    push_iso_date(&mut out, at.date());
    out.push('T');
    push_clock(&mut out, at);
    out
}

fn push_iso_date(out: &mut String, day: NaiveDate) {
    push_year(out, day);
    out.push('-');
    push_digits(out, day.month(), 2);
    out.push('-');
    push_digits(out, day.day(), 2);
}

/// chrono's `%Y`: four digits, or signed for the years that do not fit ("+10000", "-0001").
fn push_year(out: &mut String, day: NaiveDate) {
    match u32::try_from(day.year()) {
        Ok(year) if year <= 9999 => push_digits(out, year, 4),
        _ => out.push_str(&day.format("%Y").to_string()),
    }
}

/// `n` in decimal, zero-padded to `width` digits (`n` has at most that many).
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = n / 10u32.pow(place) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

fn parse_iso(text: &str, as_end: bool) -> Option<NaiveDateTime> {
    if let Ok(at) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M") {
        return Some(if as_end {
            at.checked_add_signed(Duration::seconds(59)).unwrap_or(at)
        } else {
            at
        });
    }
    if let Ok(at) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S") {
        return Some(at);
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(if as_end {
        last_instant(day)
    } else {
        first_instant(day)
    })
}

/// TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    /// The TIMEX3 spelling: `DATE`, `TIME`, `DURATION`, `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// The clock a time of day was stated in ("20:00 GMT", "12:05 local time").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zone {
    /// As written: `GMT`, `local time`, `Moscow time`, `EDT`.
    pub label: String,
    /// Offset from UTC in minutes when the label fixes one (`GMT` 0, `EDT` -240, `Moscow
    /// time` 180); `None` for "local time" and labels it does not know.
    pub utc_offset_minutes: Option<i32>,
}

/// A time expression found in a text, with its TIMEX3 normalisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    /// Byte range into the text that was tagged.
    pub span: Range<usize>,
    pub kind: TimexType,
    /// TIMEX3 value: `2020-10-10`, `2020-10-10T12:05`, `2020-W41`, `199X`, `P6Y`, `PAST_REF`,
    /// or with `X` placeholders (`XXXX-10-10`) where no reference date was available.
    pub value: String,
    /// TIMEX3 `mod`: `START`, `MID`, `END`, `APPROX`, `LESS_THAN`, `MORE_THAN`, ...
    pub modifier: Option<&'static str>,
    /// The calendar interval the expression names, when it names one (not for durations,
    /// sets, or `PAST_REF`-style values).
    pub resolved: Option<TimeSpan>,
    /// True when the value depends on the reference date (weekdays, "yesterday", "late last
    /// month", a day and month without a year); false when the text alone fixes it.
    pub relative: bool,
    /// For clock times: the clock they were stated in, when the text says. Values and
    /// `resolved` keep the written clock (TimeML convention); conversion is the caller's.
    pub zone: Option<Zone>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_chrono_s_to_the_byte() {
        let days = [
            (0, 1, 1),
            (7, 3, 9),
            (999, 12, 31),
            (2023, 5, 23),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 15),
            (-44, 3, 15),
        ];
        for (y, m, d) in days {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(day), day.format("%Y-%m-%d").to_string());
            let at = day.and_hms_opt(7, 5, 59).unwrap();
            assert_eq!(iso_minute(at), at.format("%Y-%m-%dT%H:%M").to_string());
            // The display, each granularity against the chrono format it stands for.
            let end = day.and_hms_opt(11, 59, 0).unwrap();
            let span = |granularity| TimeSpan {
                start: at,
                end,
                granularity,
            };
            let chrono = |f: &str| at.format(f).to_string();
            assert_eq!(
                span(Granularity::Minute).display(),
                chrono("%-d %b %Y %H:%M")
            );
            assert_eq!(span(Granularity::Hour).display(), chrono("%-d %b %Y %H:%M"));
            assert_eq!(
                span(Granularity::PartOfDay).display(),
                format!("{} {}–11:59", chrono("%-d %b %Y"), chrono("%H:%M"))
            );
            assert_eq!(span(Granularity::Day).display(), chrono("%-d %b %Y"));
            assert_eq!(
                span(Granularity::Week).display(),
                format!("week of {}", chrono("%-d %b %Y"))
            );
            assert_eq!(span(Granularity::Month).display(), chrono("%b %Y"));
            assert_eq!(span(Granularity::Year).display(), chrono("%Y"));
        }
        for month in 1..=12 {
            let day = NaiveDate::from_ymd_opt(2024, month, 28).unwrap();
            assert_eq!(month_abbreviation(month), day.format("%b").to_string());
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn year_is_inclusive_and_exports_full_dates() {
        let y = TimeSpan::year(1994).unwrap();
        assert_eq!(y.iso_start(), "1994-01-01");
        assert_eq!(y.iso_end(), "1994-12-31");
        assert!(y.contains(&TimeSpan::day(d(1994, 12, 31))));
        assert!(!y.overlaps(&TimeSpan::day(d(1995, 1, 1))));
    }

    #[test]
    fn minute_round_trips_through_iso() {
        let at = d(2020, 10, 10).and_hms_opt(12, 5, 0).unwrap();
        let m = TimeSpan::minute(at);
        assert_eq!(m.iso_start(), "2020-10-10T12:05");
        assert_eq!(m.iso_end(), "2020-10-10T12:05");
        let back = TimeSpan::from_iso(&m.iso_start(), &m.iso_end(), m.granularity).unwrap();
        assert_eq!(back, m);
        assert_eq!(m.length_seconds(), 60);
    }

    #[test]
    fn day_and_month_round_trip() {
        for span in [
            TimeSpan::day(d(2020, 2, 29)),
            TimeSpan::month(2020, 12).unwrap(),
            TimeSpan::years(1920, 1929, Granularity::Decade).unwrap(),
        ] {
            let back = TimeSpan::from_iso(&span.iso_start(), &span.iso_end(), span.granularity);
            assert_eq!(back, Some(span));
        }
        assert_eq!(TimeSpan::month(2021, 2).unwrap().iso_end(), "2021-02-28");
        assert!(TimeSpan::month(2021, 13).is_none());
    }

    #[test]
    fn granularity_names_round_trip() {
        for g in [
            Granularity::Minute,
            Granularity::PartOfDay,
            Granularity::Week,
            Granularity::Century,
        ] {
            assert_eq!(Granularity::from_name(g.as_str()), Some(g));
        }
        assert_eq!(Granularity::from_name("fortnight"), None);
    }
}
