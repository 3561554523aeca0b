//! Sources (one per article file) and their sentences.
//!
//! A source keeps the decoded article text so that every quoted sentence can be sliced from it
//! by span; sources re-opened from an export carry only the quoted sentences, which is why a
//! [`Sentence`] also holds its own text: for a loaded article a slice sharing the source's
//! buffer ([`ArticleText`]), for an exported one the quoted sentence alone.

use super::text::ArticleText;
use chrono::NaiveDate;
use std::ops::Range;

/// Index of a source in [`crate::model::Timeline::sources`].
pub type SourceIdx = usize;

/// What a sentence is to the article: the body, its headline, or a photo caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SentenceRole {
    Body,
    Headline,
    /// Captions can date a picture but are not news events.
    Caption,
}

impl SentenceRole {
    pub fn as_str(self) -> &'static str {
        match self {
            SentenceRole::Body => "body",
            SentenceRole::Headline => "headline",
            SentenceRole::Caption => "caption",
        }
    }

    pub fn from_name(name: &str) -> Option<SentenceRole> {
        Some(match name {
            "body" => SentenceRole::Body,
            "headline" => SentenceRole::Headline,
            "caption" => SentenceRole::Caption,
            _ => return None,
        })
    }
}

/// One sentence of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the source's decoded text.
    pub span: Range<usize>,
    /// The sentence as written (the slice of the text at `span`).
    pub text: ArticleText,
    /// Paragraph number (0-based) within the article body; narrative time does not cross it.
    pub paragraph: u32,
    pub role: SentenceRole,
}

/// How a publication date was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateBasis {
    /// From the file's own metadata (a header line, front matter, an HTML meta tag).
    Metadata { field: String },
    /// Read from the article text; `evidence` says which expressions agreed, `confident`
    /// whether the text alone fixes the date (rather than a prior from the other articles).
    Inferred {
        evidence: Vec<String>,
        confident: bool,
    },
    /// Set by the user in the app.
    User,
}

impl DateBasis {
    pub fn as_str(&self) -> &'static str {
        match self {
            DateBasis::Metadata { .. } => "metadata",
            DateBasis::Inferred { .. } => "inferred",
            DateBasis::User => "user",
        }
    }
}

/// An article's publication date and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    pub date: NaiveDate,
    pub basis: DateBasis,
}

/// A publication date that the file itself states outside its prose, and where: a metadata
/// field, a "Published ..." line, a date in the URL or the file name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateEvidence {
    pub date: NaiveDate,
    /// Where it was found, for people: `header "Date:"`, `meta article:published_time`,
    /// `"Published" line`, `URL`, `file name`.
    pub origin: String,
    /// Metadata and published lines state the date; URLs and file names only suggest it.
    pub stated: bool,
}

/// One article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// The file path relative to the opened folder, `/`-separated.
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    /// The decoded text of the whole file; empty for a source re-opened from an export.
    pub text: ArticleText,
    pub sentences: Vec<Sentence>,
    /// Dates found outside the prose, strongest first.
    pub date_evidence: Vec<DateEvidence>,
    /// How the file's bytes were decoded, e.g. `UTF-8`, `windows-1252 (guessed)`.
    pub encoding: String,
    /// The file's content hash as `sha256:<hex>` of its raw bytes, so that a re-opened export
    /// can tell whether the file changed; `None` when not known (an old export).
    pub hash: Option<String>,
}

impl Source {
    /// The name a lane shows: the outlet if known, else the title, else the file name.
    pub fn lane_label(&self) -> &str {
        if let Some(outlet) = self.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
            return outlet;
        }
        if !self.title.trim().is_empty() {
            return &self.title;
        }
        self.id.rsplit('/').next().unwrap_or(&self.id)
    }
}

/// Something a user should check about a file that did load (e.g. "decoded as
/// windows-1252").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub path: String,
    pub message: String,
}

/// A file that was not loaded, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Path relative to the opened folder (or as given).
    pub path: String,
    pub reason: String,
}
