//! Event mentions (one happening as one sentence reports it) and events (the mentions of one
//! happening gathered across sources), inside the [`Timeline`] that owns everything.

use super::source::{Skipped, Source, SourceIdx, Warning};
use super::time::TimeSpan;
use std::ops::Range;

/// Index of a mention in [`Timeline::mentions`].
pub type MentionIdx = usize;
/// Index of an event in [`Timeline::events`].
pub type EventIdx = usize;

/// What kind of happening an event is; names follow ACLED's event types where they fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    CeasefireAgreed,
    CeasefireInForce,
    ViolationAlleged,
    Shelling,
    AirStrike,
    ArmedClash,
    Casualties,
    Talks,
    Statement,
    Exchange,
    Displacement,
    TerritorialChange,
    Deployment,
    Background,
}

impl EventKind {
    pub const ALL: [EventKind; 14] = [
        EventKind::CeasefireAgreed,
        EventKind::CeasefireInForce,
        EventKind::ViolationAlleged,
        EventKind::Shelling,
        EventKind::AirStrike,
        EventKind::ArmedClash,
        EventKind::Casualties,
        EventKind::Talks,
        EventKind::Statement,
        EventKind::Exchange,
        EventKind::Displacement,
        EventKind::TerritorialChange,
        EventKind::Deployment,
        EventKind::Background,
    ];

    /// The snake_case name used in the export and in the lexicon.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::CeasefireAgreed => "ceasefire_agreed",
            EventKind::CeasefireInForce => "ceasefire_in_force",
            EventKind::ViolationAlleged => "violation_alleged",
            EventKind::Shelling => "shelling",
            EventKind::AirStrike => "air_strike",
            EventKind::ArmedClash => "armed_clash",
            EventKind::Casualties => "casualties",
            EventKind::Talks => "talks",
            EventKind::Statement => "statement",
            EventKind::Exchange => "exchange",
            EventKind::Displacement => "displacement",
            EventKind::TerritorialChange => "territorial_change",
            EventKind::Deployment => "deployment",
            EventKind::Background => "background",
        }
    }

    pub fn from_name(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// A short human name for labels and legends.
    pub fn title(self) -> &'static str {
        match self {
            EventKind::CeasefireAgreed => "Ceasefire agreed",
            EventKind::CeasefireInForce => "Ceasefire takes effect",
            EventKind::ViolationAlleged => "Violation alleged",
            EventKind::Shelling => "Shelling",
            EventKind::AirStrike => "Air/drone strike",
            EventKind::ArmedClash => "Armed clash",
            EventKind::Casualties => "Casualties",
            EventKind::Talks => "Talks",
            EventKind::Statement => "Statement",
            EventKind::Exchange => "Exchange",
            EventKind::Displacement => "Displacement",
            EventKind::TerritorialChange => "Territorial change",
            EventKind::Deployment => "Deployment",
            EventKind::Background => "Background",
        }
    }
}

/// Where a mention's time came from, so the details view can say how it was resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeBasis {
    /// The sentence's own time expression fixes the time by itself ("October 10, 2020").
    Explicit,
    /// The sentence's own expression, resolved against the article's date ("on Saturday").
    Relative { reference: chrono::NaiveDate },
    /// No expression in the sentence: the time of the narrative before it, same paragraph.
    Narrative { from_sentence: usize },
    /// A span counted from an earlier happening whose time the article states ("five minutes
    /// after the truce took hold", the truce having taken effect at noon).
    Anchored { from_sentence: usize },
    /// No expression of its own, but a definite description ("the announcement of the
    /// truce") of a happening an earlier sentence dates: that happening's time.
    Antecedent { from_sentence: usize },
    /// No time of its own and none in its paragraph: the story's day, which the lede states
    /// (news leads with when its news happened: "... on Saturday").
    StoryDay { from_sentence: usize },
    /// Nothing better: the article's publication day.
    ArticleDate,
}

impl TimeBasis {
    pub fn as_str(&self) -> &'static str {
        match self {
            TimeBasis::Explicit => "explicit",
            TimeBasis::Relative { .. } => "relative",
            TimeBasis::Narrative { .. } => "narrative",
            TimeBasis::Anchored { .. } => "anchored",
            TimeBasis::Antecedent { .. } => "antecedent",
            TimeBasis::StoryDay { .. } => "story_day",
            TimeBasis::ArticleDate => "article_date",
        }
    }
}

/// Whether a happening is reported as real, planned or only possible.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Modality {
    #[default]
    Actual,
    /// "will meet", "agreed to start", "was due to take effect".
    Planned,
    /// "would", "could", "must".
    Possible,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Actual => "actual",
            Modality::Planned => "planned",
            Modality::Possible => "possible",
        }
    }

    pub fn from_name(name: &str) -> Option<Modality> {
        [Modality::Actual, Modality::Planned, Modality::Possible]
            .into_iter()
            .find(|m| m.as_str() == name)
    }
}

/// What the quoting sentence says around the happening.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Gazetteer places the sentence names (canonical names, sorted).
    pub places: Vec<String>,
    /// Who says so, as written ("the Armenian defence ministry").
    pub claimant: Option<Box<str>>,
    /// The claimant's party as the gazetteer knows it ("Armenia"), else as written.
    pub claimant_party: Option<Box<str>>,
    /// Who is blamed ("Azerbaijan").
    pub accused: Option<Box<str>>,
    pub killed: Option<u32>,
    pub wounded: Option<u32>,
    /// The sentence denies or rejects something.
    pub denied: bool,
    pub modality: Modality,
}

/// One sentence's report of one happening.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub source: SourceIdx,
    /// Index into the source's `sentences`.
    pub sentence: usize,
    pub kind: EventKind,
    /// Byte range of the trigger word in the source text.
    pub trigger: Range<usize>,
    pub time: TimeSpan,
    /// The time expression that dated the mention, as written, and its byte range in the
    /// source text; `None` when the time came from the narrative or the article date.
    pub time_text: Option<Box<str>>,
    pub time_span: Option<Range<usize>>,
    pub time_basis: TimeBasis,
    /// Which clock a clock time is in, when the text names one: "local time", or "local time
    /// (UTC+2), converted from GMT". `None` for dates and for times stated without a zone.
    pub clock: Option<Box<str>>,
    pub facts: Facts,
}

/// One happening, gathered across sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Stable within one export: `e1`, `e2`, ... in time order.
    pub id: String,
    pub kind: EventKind,
    pub label: String,
    pub time: TimeSpan,
    /// Sorted by source, then sentence.
    pub mentions: Vec<MentionIdx>,
    /// Where the sources disagree (times, figures, who is blamed), in words.
    pub disagreements: Vec<String>,
}

/// Everything Truceline knows about one opened folder (or one re-opened export).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Where it came from: the folder or the export file, as the user named it.
    pub origin: String,
    pub sources: Vec<Source>,
    pub mentions: Vec<Mention>,
    /// Sorted by time, then id.
    pub events: Vec<Event>,
    pub skipped: Vec<Skipped>,
    /// Files that loaded with something worth checking.
    pub warnings: Vec<Warning>,
}

impl Timeline {
    /// The sources that mention an event, each once, in source order.
    pub fn event_sources(&self, event: &Event) -> Vec<SourceIdx> {
        let mut sources: Vec<SourceIdx> = event
            .mentions
            .iter()
            .filter_map(|&m| self.mentions.get(m).map(|m| m.source))
            .collect();
        sources.sort_unstable();
        sources.dedup();
        sources
    }
}
