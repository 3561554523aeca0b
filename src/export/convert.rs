//! Model ⇄ wire conversion, and the selection that decides what an export contains.
//!
//! Import rebuilds a model from the file alone: sources keep only their quoted sentences (at
//! their original sentence index; the others are empty placeholders), so that exporting a
//! re-opened file gives exactly the same file.

use super::wire::*;
use crate::model::{
    DateBasis, DateEvidence, Event, EventKind, Facts, Granularity, Mention, Modality, Published,
    Sentence, SentenceRole, Skipped, Source, TimeBasis, TimeSpan, Timeline, Warning,
};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// What to export: events by id, a date range that events must overlap, and sources by id.
/// Every `None` means "all".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub events: Option<BTreeSet<String>>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sources: Option<BTreeSet<String>>,
}

impl Selection {
    fn keeps_event(&self, event: &Event) -> bool {
        let by_id = self
            .events
            .as_ref()
            .is_none_or(|ids| ids.contains(&event.id));
        let after = self.from.is_none_or(|from| event.time.last_day() >= from);
        let before = self.to.is_none_or(|to| event.time.first_day() <= to);
        by_id && after && before
    }

    fn keeps_source(&self, id: &str) -> bool {
        self.sources.as_ref().is_none_or(|ids| ids.contains(id))
    }
}

fn span(r: &std::ops::Range<usize>) -> [usize; 2] {
    [r.start, r.end]
}

fn time_record(t: &TimeSpan) -> TimeRecord {
    TimeRecord {
        start: t.iso_start(),
        end: t.iso_end(),
        granularity: t.granularity.as_str().to_owned(),
    }
}

/// The wire form of the selected part of a timeline.
pub fn to_file(timeline: &Timeline, selection: &Selection) -> TimelineFile {
    let sources = timeline
        .sources
        .iter()
        .filter(|s| selection.keeps_source(&s.id))
        .map(|s| SourceRecord {
            id: s.id.clone(),
            title: s.title.clone(),
            outlet: s.outlet.clone(),
            published: s.published.as_ref().map(|p| PublishedRecord {
                date: p.date.format("%Y-%m-%d").to_string(),
                basis: p.basis.as_str().to_owned(),
                evidence: match &p.basis {
                    DateBasis::Inferred { evidence, .. } => evidence.clone(),
                    _ => Vec::new(),
                },
                confident: matches!(
                    p.basis,
                    DateBasis::Inferred {
                        confident: true,
                        ..
                    }
                ),
                field: match &p.basis {
                    DateBasis::Metadata { field } => Some(field.clone()),
                    _ => None,
                },
            }),
            date_evidence: s
                .date_evidence
                .iter()
                .map(|e| DateEvidenceRecord {
                    date: e.date.format("%Y-%m-%d").to_string(),
                    origin: e.origin.clone(),
                    stated: e.stated,
                })
                .collect(),
            encoding: s.encoding.clone(),
        })
        .collect();
    let events = timeline
        .events
        .iter()
        .filter(|e| selection.keeps_event(e))
        .filter_map(|e| {
            let mentions: Vec<MentionRecord> = e
                .mentions
                .iter()
                .filter_map(|&m| mention_record(timeline, timeline.mentions.get(m)?))
                .filter(|m| selection.keeps_source(&m.source))
                .collect();
            (!mentions.is_empty()).then(|| EventRecord {
                id: e.id.clone(),
                kind: e.kind.as_str().to_owned(),
                label: e.label.clone(),
                time: time_record(&e.time),
                mentions,
                disagreements: e.disagreements.clone(),
            })
        })
        .collect();
    TimelineFile {
        format: FORMAT.to_owned(),
        origin: timeline.origin.clone(),
        sources,
        events,
        skipped: timeline
            .skipped
            .iter()
            .map(|s| SkippedRecord {
                path: s.path.clone(),
                reason: s.reason.clone(),
            })
            .collect(),
        warnings: timeline
            .warnings
            .iter()
            .map(|w| WarningRecord {
                path: w.path.clone(),
                message: w.message.clone(),
            })
            .collect(),
    }
}

fn mention_record(timeline: &Timeline, m: &Mention) -> Option<MentionRecord> {
    let source = timeline.sources.get(m.source)?;
    let sentence = source.sentences.get(m.sentence)?;
    Some(MentionRecord {
        source: source.id.clone(),
        sentence: sentence.text.clone(),
        span: span(&sentence.span),
        time_text: m.time_text.clone(),
        time_span: m.time_span.as_ref().map(span),
        kind: m.kind.as_str().to_owned(),
        trigger: span(&m.trigger),
        time: time_record(&m.time),
        time_basis: TimeBasisRecord {
            kind: m.time_basis.as_str().to_owned(),
            reference: match &m.time_basis {
                TimeBasis::Relative { reference } => Some(reference.format("%Y-%m-%d").to_string()),
                _ => None,
            },
            from_sentence: match &m.time_basis {
                TimeBasis::Narrative { from_sentence }
                | TimeBasis::Anchored { from_sentence }
                | TimeBasis::StoryDay { from_sentence } => Some(*from_sentence),
                _ => None,
            },
        },
        clock: m.clock.clone(),
        places: m.facts.places.clone(),
        claimant: m.facts.claimant.clone(),
        claimant_party: m.facts.claimant_party.clone(),
        accused: m.facts.accused.clone(),
        killed: m.facts.killed,
        wounded: m.facts.wounded,
        denied: m.facts.denied,
        modality: (m.facts.modality != Modality::Actual)
            .then(|| m.facts.modality.as_str().to_owned()),
        sentence_index: m.sentence,
        paragraph: sentence.paragraph,
        role: sentence.role.as_str().to_owned(),
    })
}

/// Spans and indices beyond this are not trusted: no article is a gigabyte long.
const MAX_OFFSET: usize = 1 << 30;
const MAX_SENTENCE_INDEX: usize = 1 << 20;

/// Rebuilds a model from a file. The message says what is wrong and where in the file's
/// structure (`event e3, mention 2: ...`).
pub fn from_file(file: TimelineFile) -> Result<Timeline, String> {
    check_version(&file.format)?;
    let mut sources: Vec<Source> = Vec::with_capacity(file.sources.len());
    for (i, s) in file.sources.into_iter().enumerate() {
        if sources.iter().any(|x| x.id == s.id) {
            return Err(format!("source {i}: duplicate id {:?}", s.id));
        }
        let published = match s.published {
            None => None,
            Some(p) => Some(Published {
                date: date(&p.date)
                    .map_err(|e| format!("source {:?}: published date {e}", s.id))?,
                basis: match p.basis.as_str() {
                    "metadata" => DateBasis::Metadata {
                        field: p.field.unwrap_or_default(),
                    },
                    "inferred" => DateBasis::Inferred {
                        evidence: p.evidence,
                        confident: p.confident,
                    },
                    "user" => DateBasis::User,
                    other => {
                        return Err(format!("source {:?}: unknown date basis {other:?}", s.id));
                    }
                },
            }),
        };
        let mut date_evidence = Vec::with_capacity(s.date_evidence.len());
        for e in s.date_evidence {
            date_evidence.push(DateEvidence {
                date: date(&e.date)
                    .map_err(|err| format!("source {:?}: date evidence {err}", s.id))?,
                origin: e.origin,
                stated: e.stated,
            });
        }
        sources.push(Source {
            id: s.id,
            title: s.title,
            outlet: s.outlet,
            published,
            date_evidence,
            encoding: s.encoding,
            ..Source::default()
        });
    }
    let mut mentions = Vec::new();
    let mut events = Vec::new();
    for e in file.events {
        let at = |what: String| format!("event {:?}: {what}", e.id);
        let kind = EventKind::from_name(&e.kind)
            .ok_or_else(|| at(format!("unknown kind {:?}", e.kind)))?;
        let time = time_span(&e.time).map_err(at)?;
        let mut members = Vec::with_capacity(e.mentions.len());
        for (k, m) in e.mentions.into_iter().enumerate() {
            let at = |what: String| format!("event {:?}, mention {k}: {what}", e.id);
            members.push(mentions.len());
            mentions.push(mention(m, &mut sources).map_err(at)?);
        }
        events.push(Event {
            id: e.id,
            kind,
            label: e.label,
            time,
            mentions: members,
            disagreements: e.disagreements,
        });
    }
    Ok(Timeline {
        origin: file.origin,
        sources,
        mentions,
        events,
        skipped: file
            .skipped
            .into_iter()
            .map(|s| Skipped {
                path: s.path,
                reason: s.reason,
            })
            .collect(),
        warnings: file
            .warnings
            .into_iter()
            .map(|w| Warning {
                path: w.path,
                message: w.message,
            })
            .collect(),
    })
}

fn check_version(format: &str) -> Result<(), String> {
    let Some(major) = format.strip_prefix("truceline/") else {
        return Err(format!("not a Truceline timeline (format {format:?})"));
    };
    match major.parse::<u32>() {
        Ok(1) => Ok(()),
        Ok(n) if n > 1 => Err(format!(
            "format {format:?} is newer than this program reads ({FORMAT}); update Truceline"
        )),
        _ => Err(format!("unknown format version {format:?}")),
    }
}

fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a YYYY-MM-DD date"))
}

fn time_span(t: &TimeRecord) -> Result<TimeSpan, String> {
    let g = Granularity::from_name(&t.granularity)
        .ok_or_else(|| format!("unknown granularity {:?}", t.granularity))?;
    TimeSpan::from_iso(&t.start, &t.end, g).ok_or_else(|| {
        format!(
            "time {:?}..{:?} is not an ordered pair of ISO dates",
            t.start, t.end
        )
    })
}

fn range(r: [usize; 2], what: &str) -> Result<std::ops::Range<usize>, String> {
    if r[0] > r[1] || r[1] > MAX_OFFSET {
        return Err(format!("{what} span {r:?} is out of range"));
    }
    Ok(r[0]..r[1])
}

fn mention(m: MentionRecord, sources: &mut [Source]) -> Result<Mention, String> {
    let source_idx = sources
        .iter()
        .position(|s| s.id == m.source)
        .ok_or_else(|| format!("unknown source {:?}", m.source))?;
    if m.sentence_index > MAX_SENTENCE_INDEX {
        return Err(format!(
            "sentence index {} is out of range",
            m.sentence_index
        ));
    }
    let kind = EventKind::from_name(&m.kind).ok_or_else(|| format!("unknown kind {:?}", m.kind))?;
    let role =
        SentenceRole::from_name(&m.role).ok_or_else(|| format!("unknown role {:?}", m.role))?;
    let time_basis = match m.time_basis.kind.as_str() {
        "explicit" => TimeBasis::Explicit,
        "relative" => TimeBasis::Relative {
            reference: date(m.time_basis.reference.as_deref().unwrap_or(""))?,
        },
        "narrative" => TimeBasis::Narrative {
            from_sentence: m.time_basis.from_sentence.unwrap_or(0),
        },
        "anchored" => TimeBasis::Anchored {
            from_sentence: m.time_basis.from_sentence.unwrap_or(0),
        },
        "story_day" => TimeBasis::StoryDay {
            from_sentence: m.time_basis.from_sentence.unwrap_or(0),
        },
        "article_date" => TimeBasis::ArticleDate,
        other => return Err(format!("unknown time basis {other:?}")),
    };
    let sentence = Sentence {
        span: range(m.span, "sentence")?,
        text: m.sentence,
        paragraph: m.paragraph,
        role,
    };
    let source = &mut sources[source_idx];
    if source.sentences.len() <= m.sentence_index {
        source.sentences.resize(
            m.sentence_index + 1,
            Sentence {
                span: 0..0,
                text: String::new(),
                paragraph: 0,
                role: SentenceRole::Body,
            },
        );
    }
    source.sentences[m.sentence_index] = sentence;
    Ok(Mention {
        source: source_idx,
        sentence: m.sentence_index,
        kind,
        trigger: range(m.trigger, "trigger")?,
        time: time_span(&m.time)?,
        time_text: m.time_text,
        time_span: m.time_span.map(|r| range(r, "time")).transpose()?,
        time_basis,
        clock: m.clock,
        facts: Facts {
            places: m.places,
            claimant: m.claimant,
            claimant_party: m.claimant_party,
            accused: m.accused,
            killed: m.killed,
            wounded: m.wounded,
            denied: m.denied,
            modality: match m.modality.as_deref() {
                None => Modality::Actual,
                Some(name) => {
                    Modality::from_name(name).ok_or_else(|| format!("unknown modality {name:?}"))?
                }
            },
        },
    })
}
