//! Model ⇄ wire conversion, and the selection that decides what an export contains.
//!
//! Import rebuilds a model from the file alone: sources keep only their quoted sentences (at
//! their original sentence index; the others are empty placeholders), so that exporting a
//! re-opened file gives exactly the same file.

use super::wire::*;
use crate::model::{
    ArticleText, Corrections, DateBasis, DateEvidence, Edit, Event, EventKind, Facts, Granularity,
    Mention, MentionKey, Modality, Published, Sentence, SentenceRole, Skipped, Source, TimeBasis,
    TimeSpan, Timeline, Warning,
};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, BTreeSet};

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

/// How the lanes gather mentions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Grouping {
    /// One lane per report.
    #[default]
    Source,
    /// One lane per party that makes the claim.
    Claimant,
}

impl Grouping {
    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::Source => "source",
            Grouping::Claimant => "claimant",
        }
    }
}

/// How a timeline is shown: the stretch of time across the plot, the lanes' order, the
/// grouping and the hidden lanes, with sources by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
    /// Source ids, top lane first.
    pub lane_order: Vec<String>,
    pub grouping: Grouping,
    /// Source ids.
    pub hidden_sources: Vec<String>,
}

/// What an export carries besides the timeline: the user's corrections (already applied to
/// the timeline) and the view it was shown with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    pub corrections: Corrections,
    pub view: Option<View>,
}

const VIEW_TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

fn key_record(key: &MentionKey) -> MentionKeyRecord {
    MentionKeyRecord {
        source: key.source.clone(),
        sentence: span(&key.sentence),
        trigger: span(&key.trigger),
    }
}

/// The corrections that concern the exported sources, or `None` when there are none.
fn corrections_record(
    corrections: &Corrections,
    keeps: impl Fn(&str) -> bool,
) -> Option<CorrectionsRecord> {
    let record = CorrectionsRecord {
        dates: corrections
            .dates
            .iter()
            .filter(|(id, _)| keeps(id))
            .map(|(id, d)| (id.clone(), d.format("%Y-%m-%d").to_string()))
            .collect(),
        edits: corrections
            .edits
            .iter()
            .filter(|e| e.keys().iter().all(|k| keeps(&k.source)))
            .map(edit_record)
            .collect(),
    };
    (!record.dates.is_empty() || !record.edits.is_empty()).then_some(record)
}

/// The wire form of one edit (also the form the corrections file beside a folder keeps).
pub fn edit_record(edit: &Edit) -> EditRecord {
    match edit {
        Edit::Merge { keep, absorb } => EditRecord::Merge {
            keep: key_record(keep),
            absorb: key_record(absorb),
        },
        Edit::Split { mention } => EditRecord::Split {
            mention: key_record(mention),
        },
        Edit::Rename { mention, label } => EditRecord::Rename {
            mention: key_record(mention),
            label: label.clone(),
        },
    }
}

fn mention_key(r: MentionKeyRecord) -> Result<MentionKey, String> {
    Ok(MentionKey {
        sentence: range(r.sentence, "sentence")?,
        trigger: range(r.trigger, "trigger")?,
        source: r.source,
    })
}

/// The model form of one edit; spans out of range are refused.
pub fn edit_from_record(record: EditRecord) -> Result<Edit, String> {
    Ok(match record {
        EditRecord::Merge { keep, absorb } => Edit::Merge {
            keep: mention_key(keep)?,
            absorb: mention_key(absorb)?,
        },
        EditRecord::Split { mention } => Edit::Split {
            mention: mention_key(mention)?,
        },
        EditRecord::Rename { mention, label } => Edit::Rename {
            mention: mention_key(mention)?,
            label,
        },
    })
}

/// The model form of a corrections section; the message says which entry is wrong.
pub fn corrections_from_record(record: CorrectionsRecord) -> Result<Corrections, String> {
    let mut dates = BTreeMap::new();
    for (id, text) in record.dates {
        let d = date(&text).map_err(|e| format!("corrections: date of {id:?}: {e}"))?;
        dates.insert(id, d);
    }
    let edits = record
        .edits
        .into_iter()
        .enumerate()
        .map(|(i, e)| edit_from_record(e).map_err(|m| format!("corrections: edit {i}: {m}")))
        .collect::<Result<_, _>>()?;
    Ok(Corrections { dates, edits })
}

/// What the corrections made of each event, by event index: `label`, `merged`, `split_out`.
fn corrected_events(
    timeline: &Timeline,
    corrections: &Corrections,
) -> BTreeMap<usize, BTreeSet<&'static str>> {
    let mut out: BTreeMap<usize, BTreeSet<&'static str>> = BTreeMap::new();
    for edit in &corrections.edits {
        match edit {
            Edit::Rename { mention, label } => {
                if let Some(e) = timeline.event_of_key(mention)
                    && timeline
                        .events
                        .get(e)
                        .is_some_and(|ev| ev.label == label.trim())
                {
                    out.entry(e).or_default().insert("label");
                }
            }
            Edit::Merge { keep, absorb } => {
                if let Some(e) = timeline.event_of_key(keep)
                    && timeline.event_of_key(absorb) == Some(e)
                {
                    out.entry(e).or_default().insert("merged");
                }
            }
            Edit::Split { mention } => {
                if let Some(e) = timeline.event_of_key(mention)
                    && timeline
                        .events
                        .get(e)
                        .is_some_and(|ev| ev.mentions.len() == 1)
                {
                    out.entry(e).or_default().insert("split_out");
                }
            }
        }
    }
    out
}

fn view_record(view: &View, keeps: impl Fn(&str) -> bool) -> ViewRecord {
    ViewRecord {
        from: view.from.map(|t| t.format(VIEW_TIME_FORMAT).to_string()),
        to: view.to.map(|t| t.format(VIEW_TIME_FORMAT).to_string()),
        lane_order: view
            .lane_order
            .iter()
            .filter(|id| keeps(id))
            .cloned()
            .collect(),
        grouping: view.grouping.as_str().to_owned(),
        hidden_sources: view
            .hidden_sources
            .iter()
            .filter(|id| keeps(id))
            .cloned()
            .collect(),
    }
}

fn view_from_record(record: ViewRecord, sources: &[Source]) -> Result<View, String> {
    let time = |t: Option<String>| {
        t.map(|text| {
            NaiveDateTime::parse_from_str(&text, VIEW_TIME_FORMAT)
                .map_err(|_| format!("view: {text:?} is not a YYYY-MM-DDTHH:MM:SS time"))
        })
        .transpose()
    };
    let (from, to) = (time(record.from)?, time(record.to)?);
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        return Err("view: `from` is after `to`".to_owned());
    }
    let grouping = match record.grouping.as_str() {
        "source" => Grouping::Source,
        "claimant" => Grouping::Claimant,
        other => {
            return Err(format!(
                "view: grouping {other:?} is not \"source\" or \"claimant\""
            ));
        }
    };
    for id in record.lane_order.iter().chain(&record.hidden_sources) {
        if !sources.iter().any(|s| &s.id == id) {
            return Err(format!("view: unknown source {id:?}"));
        }
    }
    Ok(View {
        from,
        to,
        lane_order: record.lane_order,
        grouping,
        hidden_sources: record.hidden_sources,
    })
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
    to_file_with(timeline, selection, &Extras::default())
}

/// The wire form of the selected part of a timeline, with the corrections and the view that
/// concern the selected sources.
pub fn to_file_with(timeline: &Timeline, selection: &Selection, extras: &Extras) -> TimelineFile {
    let corrected = corrected_events(timeline, &extras.corrections);
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
            hash: s.hash.clone(),
        })
        .collect();
    let events = timeline
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| selection.keeps_event(e))
        .filter_map(|(i, e)| {
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
                corrected: corrected
                    .get(&i)
                    .map(|c| c.iter().map(|&c| c.to_owned()).collect())
                    .unwrap_or_default(),
            })
        })
        .collect();
    let keeps = |id: &str| selection.keeps_source(id);
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
        corrections: corrections_record(&extras.corrections, keeps),
        view: extras.view.as_ref().map(|v| view_record(v, keeps)),
    }
}

fn mention_record(timeline: &Timeline, m: &Mention) -> Option<MentionRecord> {
    let source = timeline.sources.get(m.source)?;
    let sentence = source.sentences.get(m.sentence)?;
    Some(MentionRecord {
        source: source.id.clone(),
        sentence: sentence.text.to_string(),
        span: span(&sentence.span),
        time_text: m.time_text.as_deref().map(str::to_owned),
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
                | TimeBasis::Antecedent { from_sentence }
                | TimeBasis::StoryDay { from_sentence } => Some(*from_sentence),
                _ => None,
            },
        },
        clock: m.clock.as_deref().map(str::to_owned),
        places: m.facts.places.clone(),
        claimant: m.facts.claimant.as_deref().map(str::to_owned),
        claimant_party: m.facts.claimant_party.as_deref().map(str::to_owned),
        accused: m.facts.accused.as_deref().map(str::to_owned),
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
    from_file_with(file).map(|(timeline, _)| timeline)
}

/// Rebuilds a model from a file, with the corrections and the view it carries.
pub fn from_file_with(mut file: TimelineFile) -> Result<(Timeline, Extras), String> {
    check_version(&file.format)?;
    let corrections = file
        .corrections
        .take()
        .map(corrections_from_record)
        .transpose()?
        .unwrap_or_default();
    let view = file.view.take();
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
            hash: s.hash,
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
    let view = view.map(|v| view_from_record(v, &sources)).transpose()?;
    let timeline = Timeline {
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
    };
    Ok((timeline, Extras { corrections, view }))
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
        "antecedent" => TimeBasis::Antecedent {
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
        text: m.sentence.into(),
        paragraph: m.paragraph,
        role,
    };
    let source = &mut sources[source_idx];
    if source.sentences.len() <= m.sentence_index {
        source.sentences.resize(
            m.sentence_index + 1,
            Sentence {
                span: 0..0,
                text: ArticleText::default(),
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
        time_text: m.time_text.map(String::into_boxed_str),
        time_span: m.time_span.map(|r| range(r, "time")).transpose()?,
        time_basis,
        clock: m.clock.map(String::into_boxed_str),
        facts: Facts {
            places: m.places,
            claimant: m.claimant.map(String::into_boxed_str),
            claimant_party: m.claimant_party.map(String::into_boxed_str),
            accused: m.accused.map(String::into_boxed_str),
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
