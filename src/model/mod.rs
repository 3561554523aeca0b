//! The in-memory event model: sources, sentences, time spans, mentions and events.
//!
//! Plain data with no I/O and no egui. Everything the GUI shows and the export writes is read
//! from here; extraction builds it, the export module converts it to and from wire types.
//! Indices (`SourceIdx`, `MentionIdx`, `EventIdx`) are dense and assigned in sorted order so
//! that the same folder always gives the same model. The user's corrections (dates, merged,
//! split and renamed events) are data here too, with the pure functions that apply them.

mod corrections;
mod event;
mod source;
mod text;
mod time;

pub use corrections::{
    Corrections, Edit, MentionKey, apply_edit, apply_edits, disagreements, disagreements_among,
    joint_time,
};
pub use event::{
    Event, EventIdx, EventKind, Facts, Mention, MentionIdx, Modality, TimeBasis, Timeline,
};
pub use source::{
    DateBasis, DateEvidence, Published, Sentence, SentenceRole, Skipped, Source, SourceIdx, Warning,
};
pub use text::ArticleText;
pub use time::{Granularity, TimeSpan, Timex, TimexType, Zone, iso_date, iso_minute};
