//! The export format, version 1: its own serde types, converted to and from the model.
//!
//! The model can change freely; these types change only by adding optional fields, so files
//! written by any `truceline/1` program keep loading (a checked-in fixture guards this). The
//! fields the evaluation scorer reads are: sources[].{id, title, outlet, published.date},
//! events[].{id, time.start, time.end, mentions[].{source, sentence}}.

use serde::{Deserialize, Serialize};

/// The version string this program writes and reads.
pub const FORMAT: &str = "truceline/1";

/// A whole export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineFile {
    /// `truceline/<major>`; a file of a newer major version is refused.
    pub format: String,
    /// The folder (or file) the timeline was built from.
    #[serde(default)]
    pub origin: String,
    pub sources: Vec<SourceRecord>,
    pub events: Vec<EventRecord>,
    /// Files that could not be read when the timeline was built.
    #[serde(default)]
    pub skipped: Vec<SkippedRecord>,
    /// Files that loaded with something worth checking (e.g. a guessed encoding).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<WarningRecord>,
    /// The user's corrections, already applied to `sources` and `events`; kept so that they
    /// travel with the timeline (and say which labels and groupings are the user's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrections: Option<CorrectionsRecord>,
    /// How the timeline was shown when it was exported, so that a colleague sees the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<ViewRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// The file path relative to the opened folder, `/`-separated.
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<PublishedRecord>,
    /// Dates the file states or suggests outside its prose, and where they were found.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub date_evidence: Vec<DateEvidenceRecord>,
    /// How the file's bytes were decoded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub encoding: String,
    /// `sha256:<hex>` of the file's raw bytes, as `sha256sum` prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateEvidenceRecord {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Where: `header "Date"`, `meta article:published_time`, `URL`, `file name`, ...
    pub origin: String,
    /// True for metadata and published lines; false for URL and file-name dates.
    pub stated: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedRecord {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `metadata`, `inferred` or `user`.
    pub basis: String,
    /// For `inferred`: the expressions that fixed the date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// For `metadata`: the field it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For `inferred`: the text alone fixes the date (written only when true).
    #[serde(default, skip_serializing_if = "is_false")]
    pub confident: bool,
}

fn is_false(b: &bool) -> bool {
    !b
}

/// An inclusive interval: ISO dates (`2020-10-10`) or date-times (`2020-10-10T12:05`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeRecord {
    pub start: String,
    pub end: String,
    pub granularity: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    pub kind: String,
    pub label: String,
    pub time: TimeRecord,
    pub mentions: Vec<MentionRecord>,
    /// Where the sources disagree (figures, who is blamed, denials), in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<String>,
    /// What the user's corrections made of this event: `label` (renamed), `merged`,
    /// `split_out` (a mention split out of another event). Derived from `corrections` on
    /// export, for readers; ignored on import.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    /// A `sources[].id`.
    pub source: String,
    /// The whole quoted sentence.
    pub sentence: String,
    /// The sentence's byte range in the source text.
    pub span: [usize; 2],
    /// The time expression that dated the mention, as written.
    pub time_text: Option<String>,
    /// Its byte range in the source text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_span: Option<[usize; 2]>,
    pub kind: String,
    /// The trigger word's byte range in the source text.
    pub trigger: [usize; 2],
    /// The mention's own time (the event's time is what all its mentions share).
    pub time: TimeRecord,
    pub time_basis: TimeBasisRecord,
    /// Which clock a clock time is in, when the text names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<String>,
    /// Gazetteer places the sentence names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// Who says so, as written, and their party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant_party: Option<String>,
    /// Who is blamed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accused: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub killed: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wounded: Option<u32>,
    /// The sentence denies or rejects something.
    #[serde(default, skip_serializing_if = "is_false")]
    pub denied: bool,
    /// `planned` or `possible`; absent for a happening reported as real.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<String>,
    /// The sentence's position in its article (0-based).
    pub sentence_index: usize,
    pub paragraph: u32,
    /// `body`, `headline` or `caption`.
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeBasisRecord {
    /// `explicit`, `relative`, `narrative`, `anchored`, `antecedent`, `story_day` or
    /// `article_date`.
    pub kind: String,
    /// For `relative`: the date it was resolved against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// For `narrative`, `anchored`, `antecedent` and `story_day`: the sentence index the time
    /// came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_sentence: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarningRecord {
    pub path: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkippedRecord {
    pub path: String,
    pub reason: String,
}

/// The user's corrections: publication dates by source id, and event edits in the order made.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CorrectionsRecord {
    /// `YYYY-MM-DD` by source id.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub dates: std::collections::BTreeMap<String, String>,
    /// Merges, splits and renames, replayed in this order after extraction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<EditRecord>,
}

/// One event edit; mentions are named by [`MentionKeyRecord`], which survives re-extraction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditRecord {
    /// `absorb`'s event joins `keep`'s.
    Merge {
        keep: MentionKeyRecord,
        absorb: MentionKeyRecord,
    },
    /// The mention leaves its event for one of its own.
    Split { mention: MentionKeyRecord },
    /// The event holding the mention is called `label`.
    Rename {
        mention: MentionKeyRecord,
        label: String,
    },
}

/// A mention by its source and byte spans (not by position in a list).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionKeyRecord {
    /// A source id.
    pub source: String,
    /// The sentence's byte range in the source text.
    pub sentence: [usize; 2],
    /// The trigger word's byte range in the source text.
    pub trigger: [usize; 2],
}

/// The view at export time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewRecord {
    /// The time shown across the plot: ISO date-times (`2020-10-10T12:05:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Source ids, top lane first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lane_order: Vec<String>,
    /// `source` (one lane per report) or `claimant` (one lane per party).
    pub grouping: String,
    /// Source ids whose lanes were hidden.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_sources: Vec<String>,
}
