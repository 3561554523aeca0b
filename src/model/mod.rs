//! The in-memory event model: sources, sentences, time spans, mentions and events.
//!
//! Plain data with no I/O and no egui. Everything the GUI shows and the export writes is read
//! from here; extraction builds it, the export module converts it to and from wire types.
//! Indices (`SourceIdx`, `MentionIdx`, `EventIdx`) are dense and assigned in sorted order so
//! that the same folder always gives the same model.

mod event;
mod source;
mod time;

pub use event::{
    Event, EventIdx, EventKind, Facts, Mention, MentionIdx, Modality, TimeBasis, Timeline,
};
pub use source::{
    DateBasis, DateEvidence, Published, Sentence, SentenceRole, Skipped, Source, SourceIdx, Warning,
};
pub use time::{Granularity, TimeSpan, Timex, TimexType, Zone};
