//! What a file says about itself outside its prose: a scraper's header block (`Title:`,
//! `Source:`, `Date:`, `URL:` lines at the top), Markdown front matter, "Published ..." and
//! "Updated ..." lines, and dates written into the URL or the file name.
//!
//! The lines that carry metadata are reported by span so that they never become article text
//! (no title, no sentence, no event), while the text itself stays untouched for offsets.

use crate::model::DateEvidence;
use chrono::NaiveDate;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Metadata of one file, and which byte ranges of its text carried it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Stated dates first (metadata, published lines), then suggested ones (URL, file name).
    pub dates: Vec<DateEvidence>,
    /// Byte ranges of the text that are metadata, not article text.
    pub spans: Vec<Range<usize>>,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("metadata pattern {pattern}: {e}"))
}

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)((?:19|20)\d\d)-(\d\d)-(\d\d)"));
static NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:^|[^0-9])((?:19|20)\d\d)[-_/.]?(0[1-9]|1[0-2])[-_/.]?(0[1-9]|[12]\d|3[01])(?:[^0-9]|$)")
});
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(title|headline|source|outlet|publisher|publication|site|date|published|updated|url|link|author|by|byline|section|tags)\s*:\s*(.*?)\s*$",
    )
});
static PUBLISHED_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(first published|published|last updated|updated|posted|last modified)(?-u:\b)\s*(?:on|at|:)?\s*(.+?)\s*$",
    )
});

/// A date from a metadata value: ISO (`2021-05-20T08:15Z`), or any full date the time tagger
/// reads without a reference ("May 20, 2021", "20 May 2021").
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    if let Some(c) = ISO_DATE.captures(value) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        return NaiveDate::from_ymd_opt(n(1)? as i32, n(2)?, n(3)?);
    }
    crate::extract::timex::tag(value, None)
        .into_iter()
        .filter(|t| !t.relative)
        .filter_map(|t| t.resolved)
        .find(|r| r.first_day() == r.last_day())
        .map(|r| r.first_day())
}

/// Dates written into a file name or URL path (`2021-05-20`, `20210520`, `2021/05/20`).
pub fn dates_in_name(name: &str, origin: &str) -> Vec<DateEvidence> {
    NAME_DATE
        .captures_iter(name)
        .filter_map(|c| {
            let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            NaiveDate::from_ymd_opt(n(1)? as i32, n(2)?, n(3)?)
        })
        .map(|date| DateEvidence {
            date,
            origin: origin.to_owned(),
            stated: false,
        })
        .collect()
}

/// Lines of `text` with their byte ranges (without the line break).
fn lines(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let line = raw.trim_end_matches(['\n', '\r']);
        let range = offset..offset + line.len();
        offset += raw.len();
        (range, line)
    })
}

impl Metadata {
    fn take(&mut self, key: &str, value: &str, span: Range<usize>, how: &str) {
        let value = value.trim().trim_matches(['"', '\'']).trim();
        self.spans.push(span);
        if value.is_empty() {
            return;
        }
        match key.to_ascii_lowercase().as_str() {
            "title" | "headline" => {
                self.title.get_or_insert_with(|| value.to_owned());
            }
            "source" | "outlet" | "publisher" | "publication" | "site" => {
                self.outlet.get_or_insert_with(|| value.to_owned());
            }
            "url" | "link" => {
                self.url.get_or_insert_with(|| value.to_owned());
            }
            k @ ("date" | "published" | "updated") => {
                if let Some(date) = parse_date(value) {
                    self.dates.push(DateEvidence {
                        date,
                        origin: format!("{how} \"{}\"", capitalise(k)),
                        stated: true,
                    });
                }
            }
            _ => {}
        }
    }

    /// Adds what another reader found; the first value of each field wins.
    pub fn merge(&mut self, other: Metadata) {
        if self.title.is_none() {
            self.title = other.title;
        }
        if self.outlet.is_none() {
            self.outlet = other.outlet;
        }
        if self.url.is_none() {
            self.url = other.url;
        }
        self.dates.extend(other.dates);
        self.spans.extend(other.spans);
    }

    /// Whether a byte range of the text is metadata.
    pub fn covers(&self, range: &Range<usize>) -> bool {
        self.spans
            .iter()
            .any(|s| s.start <= range.start && range.end <= s.end)
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Markdown front matter (`---` … `---` at the very top) or a scraper's header block (key:
/// value lines at the top, ended by a blank line or the first other line).
pub fn read_header(text: &str) -> Metadata {
    let mut meta = Metadata::default();
    let mut all = lines(text).peekable();
    // Skip leading blank lines.
    while all.peek().is_some_and(|(_, l)| l.trim().is_empty()) {
        all.next();
    }
    if all.peek().is_some_and(|(_, l)| l.trim() == "---") {
        let Some((open, _)) = all.next() else {
            return meta;
        };
        let mut body = Vec::new();
        for (range, line) in all.by_ref() {
            if line.trim() == "---" || line.trim() == "..." {
                meta.spans.push(open.start..range.end);
                for (r, l) in body {
                    if let Some((k, v)) = split_key(l) {
                        meta.take(k, v, r, "front matter");
                    }
                }
                return meta;
            }
            body.push((range, line));
        }
        // No closing fence: not front matter after all.
        return Metadata::default();
    }
    for (range, line) in all {
        match HEADER_LINE.captures(line) {
            Some(c) => {
                let (Some(k), Some(v)) = (c.get(1), c.get(2)) else {
                    break;
                };
                meta.take(k.as_str(), v.as_str(), range, "header");
            }
            None => break,
        }
    }
    meta
}

fn split_key(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim();
    (!k.is_empty()
        && k.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    .then_some((k, v))
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:[A-Z][A-Z .'’-]{2,40}),\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?:19|20)\d\d|\d{1,2}\s+[A-Z][a-z]{2,8}\s+(?:19|20)\d\d)\s*(?:\(|[-–—/])",
    )
});

/// A wire dateline with a full date at the start of a paragraph ("MOSCOW, February 27, 2022
/// (TASS) -"): the date the story was filed. Datelines without a year ("KHARTOUM, May 22
/// (Reuters)") are left to the article-date inference, which reads them with the text.
pub fn dateline(text: &str) -> Metadata {
    let mut meta = Metadata::default();
    for (_, line) in lines(text).take(40) {
        if let Some(date) = DATELINE
            .captures(line)
            .and_then(|c| c.name("date"))
            .and_then(|d| parse_date(d.as_str()))
        {
            meta.dates.push(DateEvidence {
                date,
                origin: "dateline".to_owned(),
                stated: true,
            });
            break;
        }
    }
    meta
}

/// "Published 20 May 2021", "Updated: May 21, 2021 08:00" lines near the top or bottom of the
/// text. Published dates come before updated ones.
pub fn published_lines(text: &str) -> Metadata {
    let mut meta = Metadata::default();
    let mut updated = Vec::new();
    for (range, line) in lines(text) {
        // Cheap first-word test before the regex: most lines are prose.
        let first = line.trim_start().get(..5).unwrap_or("");
        let candidate = ["publi", "updat", "poste", "last ", "first"]
            .iter()
            .any(|p| first.eq_ignore_ascii_case(p));
        if !candidate || line.split_whitespace().count() > 14 {
            continue;
        }
        let Some(c) = PUBLISHED_LINE.captures(line) else {
            continue;
        };
        let (Some(kind), Some(rest)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let Some(date) = parse_date(rest.as_str()) else {
            continue;
        };
        let kind = kind.as_str().to_lowercase();
        let evidence = DateEvidence {
            date,
            origin: format!("\"{}\" line", capitalise(&kind)),
            stated: true,
        };
        if kind.contains("updated") || kind.contains("modified") {
            updated.push(evidence);
        } else {
            meta.dates.push(evidence);
        }
        meta.spans.push(range);
    }
    meta.dates.extend(updated);
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn header_block_is_metadata() {
        let text = "Title: Truce holds\nSource: Example Wire\nDate: May 20, 2021\nURL: https://x.org/a\n\nThe truce held.";
        let meta = read_header(text);
        assert_eq!(meta.title.as_deref(), Some("Truce holds"));
        assert_eq!(meta.outlet.as_deref(), Some("Example Wire"));
        assert_eq!(meta.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(meta.dates[0].date, d(2021, 5, 20));
        assert_eq!(meta.dates[0].origin, "header \"Date\"");
        assert_eq!(meta.spans.len(), 4);
        assert!(!meta.covers(&(text.len() - 5..text.len())));
    }

    #[test]
    fn front_matter_is_metadata() {
        let text = "---\ntitle: \"Guns fall silent\"\ndate: 2022-03-04\npublisher: Daily Example\n---\n# Guns fall silent\n\nText.";
        let meta = read_header(text);
        assert_eq!(meta.title.as_deref(), Some("Guns fall silent"));
        assert_eq!(meta.outlet.as_deref(), Some("Daily Example"));
        assert_eq!(meta.dates[0].date, d(2022, 3, 4));
        assert!(meta.covers(&(0..10)));
        let unclosed = read_header("---\ntitle: x\nno end");
        assert_eq!(unclosed, Metadata::default());
    }

    #[test]
    fn prose_is_not_a_header() {
        let meta = read_header("The army said: we will hold the line.\nDate: 2020-01-01");
        assert!(meta.dates.is_empty() && meta.spans.is_empty());
    }

    #[test]
    fn published_before_updated() {
        let text =
            "Updated: 21 May 2021\nPublished on 20 May 2021\nThe truce was published in full.";
        let meta = published_lines(text);
        let dates: Vec<NaiveDate> = meta.dates.iter().map(|e| e.date).collect();
        assert_eq!(dates, vec![d(2021, 5, 20), d(2021, 5, 21)]);
        assert_eq!(meta.spans.len(), 2);
    }

    #[test]
    fn datelines_with_a_year_are_evidence() {
        let meta = dateline("Truce holds\n\nMOSCOW, February 27, 2022 (TASS) - Talks went on.");
        assert_eq!(meta.dates[0].date, d(2022, 2, 27));
        assert_eq!(meta.dates[0].origin, "dateline");
        assert!(meta.spans.is_empty(), "a dateline stays article text");
        assert!(
            dateline("KHARTOUM, May 22 (Reuters) - The truce held.")
                .dates
                .is_empty()
        );
        assert!(
            dateline("The army said on May 22, 2023 (a Monday) that")
                .dates
                .is_empty()
        );
    }

    #[test]
    fn dates_in_names_and_urls() {
        let got: Vec<NaiveDate> = dates_in_name("reports/2021-05-20_truce.txt", "file name")
            .iter()
            .map(|e| e.date)
            .collect();
        assert_eq!(got, vec![d(2021, 5, 20)]);
        assert_eq!(
            dates_in_name("afp_20210520.html", "file name")[0].date,
            d(2021, 5, 20)
        );
        assert_eq!(
            dates_in_name("https://x.org/world/2021/05/20/truce", "URL")[0].date,
            d(2021, 5, 20)
        );
        assert!(dates_in_name("article_123456789.txt", "file name").is_empty());
        assert!(dates_in_name("2021-13-45.txt", "file name").is_empty());
    }
}
