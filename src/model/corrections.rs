//! The user's corrections to a timeline, and how they change it: publication dates by source,
//! and edits of the events (merge two, split a mention out, rename one).
//!
//! Edits name mentions by [`MentionKey`] (source id, sentence span, trigger span), never by
//! dense index, so that they still find their mention after the folder is read again. They are
//! kept in order: "split A out, then merge A with B" is not "merge, then split".
//!
//! Pure functions on the model: no I/O. An edit whose mention is gone says so (`Err`) and
//! leaves the timeline as it was.

use super::event::{Event, EventIdx, Mention, MentionIdx, Timeline};
use super::source::Source;
use super::time::TimeSpan;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// A mention, named so that a re-extraction of the same file finds it again: the source, the
/// byte span of its sentence and of its trigger word.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MentionKey {
    /// A source id (the file path relative to the opened folder).
    pub source: String,
    pub sentence: Range<usize>,
    pub trigger: Range<usize>,
}

impl MentionKey {
    /// "a.txt, sentence at bytes 120..149, trigger at 132..135", for messages.
    pub fn describe(&self) -> String {
        format!(
            "{}, sentence at bytes {}..{}, trigger at {}..{}",
            self.source,
            self.sentence.start,
            self.sentence.end,
            self.trigger.start,
            self.trigger.end
        )
    }
}

/// One change the user made to the events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The two mentions' events are one happening: `absorb`'s event joins `keep`'s, which keeps
    /// its kind and label.
    Merge {
        keep: MentionKey,
        absorb: MentionKey,
    },
    /// The mention reports a happening of its own: out of its event, into a new one.
    Split { mention: MentionKey },
    /// The event that holds `mention` is called `label`.
    Rename { mention: MentionKey, label: String },
}

impl Edit {
    /// The mention whose event the edit leaves in view (the kept, split-out or renamed one).
    pub fn anchor(&self) -> &MentionKey {
        match self {
            Edit::Merge { keep, .. } => keep,
            Edit::Split { mention } | Edit::Rename { mention, .. } => mention,
        }
    }

    /// Every mention the edit names.
    pub fn keys(&self) -> Vec<&MentionKey> {
        match self {
            Edit::Merge { keep, absorb } => vec![keep, absorb],
            Edit::Split { mention } | Edit::Rename { mention, .. } => vec![mention],
        }
    }
}

/// Everything the user corrected on one folder's timeline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Corrections {
    /// Publication dates by source id.
    pub dates: BTreeMap<String, chrono::NaiveDate>,
    /// Event edits, in the order they were made.
    pub edits: Vec<Edit>,
}

impl Corrections {
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty() && self.edits.is_empty()
    }
}

impl Timeline {
    /// The stable name of mention `m`, if it and its sentence exist.
    pub fn mention_key(&self, m: MentionIdx) -> Option<MentionKey> {
        let mention = self.mentions.get(m)?;
        let source = self.sources.get(mention.source)?;
        let sentence = source.sentences.get(mention.sentence)?;
        Some(MentionKey {
            source: source.id.clone(),
            sentence: sentence.span.clone(),
            trigger: mention.trigger.clone(),
        })
    }

    /// The mention a key names (the first, should two share it).
    pub fn find_mention(&self, key: &MentionKey) -> Option<MentionIdx> {
        let source = self.sources.iter().position(|s| s.id == key.source)?;
        let sentences = &self.sources[source].sentences;
        self.mentions.iter().position(|m| {
            m.source == source
                && m.trigger == key.trigger
                && sentences
                    .get(m.sentence)
                    .is_some_and(|s| s.span == key.sentence)
        })
    }

    /// The event that holds mention `m`.
    pub fn event_of(&self, m: MentionIdx) -> Option<EventIdx> {
        self.events.iter().position(|e| e.mentions.contains(&m))
    }

    /// The event that holds the mention a key names.
    pub fn event_of_key(&self, key: &MentionKey) -> Option<EventIdx> {
        self.find_mention(key).and_then(|m| self.event_of(m))
    }
}

/// Applies `edits` in order; returns one message per edit that could not be applied (its
/// mention is gone, or the label is empty), the others applied all the same.
pub fn apply_edits(timeline: &mut Timeline, edits: &[Edit]) -> Vec<String> {
    edits
        .iter()
        .filter_map(|edit| apply_edit(timeline, edit).err())
        .collect()
}

/// Applies one edit, or says why it cannot and leaves the timeline unchanged. Merging two
/// mentions of one event, or splitting the only mention of an event, changes nothing and is
/// no error: the timeline already says what the edit says.
pub fn apply_edit(timeline: &mut Timeline, edit: &Edit) -> Result<(), String> {
    let gone = |what: &str, key: &MentionKey| {
        format!(
            "{what} not applied: no mention at {} any more",
            key.describe()
        )
    };
    let event_of = |key: &MentionKey, what: &str| -> Result<(MentionIdx, EventIdx), String> {
        let m = timeline.find_mention(key).ok_or_else(|| gone(what, key))?;
        let e = timeline.event_of(m).ok_or_else(|| gone(what, key))?;
        Ok((m, e))
    };
    match edit {
        Edit::Rename { mention, label } => {
            let label = label.trim();
            if label.is_empty() {
                return Err("rename not applied: the new label is empty".to_owned());
            }
            let (_, e) = event_of(mention, "rename")?;
            timeline.events[e].label = label.to_owned();
            Ok(())
        }
        Edit::Merge { keep, absorb } => {
            let (_, into) = event_of(keep, "merge")?;
            let (_, from) = event_of(absorb, "merge")?;
            if into != from {
                merge(timeline, into, from);
            }
            Ok(())
        }
        Edit::Split { mention } => {
            let (m, e) = event_of(mention, "split")?;
            if timeline.events[e].mentions.len() > 1 {
                split(timeline, e, m);
            }
            Ok(())
        }
    }
}

/// `from`'s mentions join `into`; the event keeps `into`'s kind and label (its time part
/// follows the new time).
fn merge(timeline: &mut Timeline, into: EventIdx, from: EventIdx) {
    let absorbed = timeline.events[from].clone();
    let kept = timeline.events[into].clone();
    let mut members = kept.mentions.clone();
    members.extend(&absorbed.mentions);
    sort_members(timeline, &mut members);
    let (time, apart) = joint_time(members.iter().filter_map(|&m| timeline.mentions.get(m)))
        .map_or((kept.time, false), |t| t);
    let mut disagreements = disagreements(timeline, &members);
    if apart {
        disagreements.push(format!(
            "time: {} vs {} (merged by the user)",
            kept.time.display(),
            absorbed.time.display()
        ));
    }
    timeline.events[into] = Event {
        label: retimed_label(&kept.label, &kept.time, &time),
        time,
        mentions: members,
        disagreements,
        ..kept
    };
    timeline.events.remove(from);
    renumber(timeline);
}

/// Mention `m` leaves event `e` for an event of its own.
fn split(timeline: &mut Timeline, e: EventIdx, m: MentionIdx) {
    let Some(mention) = timeline.mentions.get(m) else {
        return;
    };
    let alone = Event {
        id: String::new(),
        kind: mention.kind,
        label: format!("{} — {}", mention.kind.title(), mention.time.display()),
        time: mention.time,
        mentions: vec![m],
        disagreements: Vec::new(),
    };
    let old = timeline.events[e].clone();
    let rest: Vec<MentionIdx> = old.mentions.iter().copied().filter(|&x| x != m).collect();
    let time = joint_time(rest.iter().filter_map(|&x| timeline.mentions.get(x)))
        .map_or(old.time, |(t, _)| t);
    timeline.events[e] = Event {
        label: retimed_label(&old.label, &old.time, &time),
        time,
        disagreements: disagreements(timeline, &rest),
        mentions: rest,
        ..old
    };
    timeline.events.push(alone);
    renumber(timeline);
}

/// By source, then sentence, as extraction orders an event's mentions.
fn sort_members(timeline: &Timeline, members: &mut [MentionIdx]) {
    members.sort_by_key(|&m| {
        timeline
            .mentions
            .get(m)
            .map_or((usize::MAX, usize::MAX, m), |x| (x.source, x.sentence, m))
    });
}

/// The time all the mentions share (their intersection), or, when they share none, the span
/// that covers them all and `true`. `None` without mentions.
pub fn joint_time<'m>(mentions: impl Iterator<Item = &'m Mention>) -> Option<(TimeSpan, bool)> {
    let times: Vec<TimeSpan> = mentions.map(|m| m.time).collect();
    let first = *times.first()?;
    let shared = times.iter().skip(1).try_fold(first, |acc, t| {
        acc.overlaps(t).then(|| TimeSpan {
            start: acc.start.max(t.start),
            end: acc.end.min(t.end),
            granularity: acc.granularity.min(t.granularity),
        })
    });
    if let Some(t) = shared {
        return Some((t, false));
    }
    let mut hull = times.iter().skip(1).fold(first, |acc, t| TimeSpan {
        start: acc.start.min(t.start),
        end: acc.end.max(t.end),
        granularity: acc.granularity.max(t.granularity),
    });
    if !hull.granularity.has_clock() {
        // Written as dates in the export: whole days, so that it reads back the same.
        hull = TimeSpan::days(hull.first_day(), hull.last_day(), hull.granularity);
    }
    Some((hull, true))
}

/// `label` with its time part ("... — 11 Oct 2020") moved from `old` to `new`; other labels
/// (a user's own) unchanged.
fn retimed_label(label: &str, old: &TimeSpan, new: &TimeSpan) -> String {
    let suffix = format!(" — {}", old.display());
    match label.strip_suffix(&suffix) {
        Some(head) if old != new => format!("{head} — {}", new.display()),
        _ => label.to_owned(),
    }
}

/// Events back in time order with ids `e1`, `e2`, ..., as extraction leaves them.
fn renumber(timeline: &mut Timeline) {
    timeline.events.sort_by(|a, b| {
        (a.time.start, a.time.end, a.kind, &a.mentions).cmp(&(
            b.time.start,
            b.time.end,
            b.kind,
            &b.mentions,
        ))
    });
    for (i, e) in timeline.events.iter_mut().enumerate() {
        e.id = format!("e{}", i + 1);
    }
}

/// Where the mentions' sources disagree, in the words extraction uses: figures, who is
/// blamed, denials, each with the sources that say so ("killed: 7 (A) vs 13 (B)").
pub fn disagreements(timeline: &Timeline, members: &[MentionIdx]) -> Vec<String> {
    let mentions: Vec<&Mention> = members
        .iter()
        .filter_map(|&m| timeline.mentions.get(m))
        .collect();
    disagreements_among(&timeline.sources, &mentions)
}

/// [`disagreements`] over mentions and the sources they index: what alignment writes on each
/// event it builds, and what an edit writes again, so both read alike.
pub fn disagreements_among(sources: &[Source], mentions: &[&Mention]) -> Vec<String> {
    let name = |m: &Mention| {
        sources
            .get(m.source)
            .map_or("?", |s| s.lane_label())
            .to_owned()
    };
    let mut out: Vec<String> = [
        differ("killed", mentions, &name, |m| m.facts.killed),
        differ("wounded", mentions, &name, |m| m.facts.wounded),
        differ("blamed", mentions, &name, |m| m.facts.accused.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let denied: BTreeSet<String> = mentions
        .iter()
        .filter(|m| m.facts.denied)
        .map(|m| name(m))
        .collect();
    if !denied.is_empty() && denied.len() < mentions.len() {
        out.push(format!(
            "denial reported by {}",
            denied.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    out
}

/// "killed: 7 (A) vs 13 (B)" when the mentions give different values.
fn differ<K: Ord + std::fmt::Display>(
    what: &str,
    mentions: &[&Mention],
    name: &dyn Fn(&Mention) -> String,
    value: impl Fn(&Mention) -> Option<K>,
) -> Option<String> {
    let mut by_value: BTreeMap<K, BTreeSet<String>> = BTreeMap::new();
    for m in mentions {
        if let Some(v) = value(m) {
            by_value.entry(v).or_default().insert(name(m));
        }
    }
    (by_value.len() > 1).then(|| {
        let parts: Vec<String> = by_value
            .iter()
            .map(|(v, who)| {
                format!(
                    "{v} ({})",
                    who.iter().cloned().collect::<Vec<_>>().join(", ")
                )
            })
            .collect();
        format!("{what}: {}", parts.join(" vs "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, Facts, Sentence, SentenceRole, Source, TimeBasis};
    use chrono::NaiveDate;

    fn day(d: u32) -> TimeSpan {
        TimeSpan::day(NaiveDate::from_ymd_opt(2020, 10, d).unwrap_or_default())
    }

    /// Two sources; mentions 0 and 1 in event e1 (10 Oct), mention 2 in e2 (11 Oct).
    fn model() -> Timeline {
        let source = |id: &str| Source {
            id: id.into(),
            text: "Shelling hit Ganja. Shelling went on.".into(),
            sentences: vec![
                Sentence {
                    span: 0..19,
                    text: "Shelling hit Ganja.".into(),
                    paragraph: 0,
                    role: SentenceRole::Body,
                },
                Sentence {
                    span: 20..37,
                    text: "Shelling went on.".into(),
                    paragraph: 0,
                    role: SentenceRole::Body,
                },
            ],
            ..Source::default()
        };
        let mention = |source, sentence, time, killed| Mention {
            source,
            sentence,
            kind: EventKind::Shelling,
            trigger: if sentence == 0 { 0..8 } else { 20..28 },
            time,
            time_text: None,
            time_span: None,
            time_basis: TimeBasis::ArticleDate,
            clock: None,
            facts: Facts {
                killed,
                ..Facts::default()
            },
        };
        Timeline {
            sources: vec![source("a.txt"), source("b.txt")],
            mentions: vec![
                mention(0, 0, day(10), Some(3)),
                mention(1, 0, day(10), Some(3)),
                mention(1, 1, day(11), Some(5)),
            ],
            events: vec![
                Event {
                    id: "e1".into(),
                    kind: EventKind::Shelling,
                    label: "Shelling · Ganja — 10 Oct 2020".into(),
                    time: day(10),
                    mentions: vec![0, 1],
                    disagreements: vec![],
                },
                Event {
                    id: "e2".into(),
                    kind: EventKind::Shelling,
                    label: "Shelling — 11 Oct 2020".into(),
                    time: day(11),
                    mentions: vec![2],
                    disagreements: vec![],
                },
            ],
            ..Timeline::default()
        }
    }

    fn key(t: &Timeline, m: MentionIdx) -> MentionKey {
        t.mention_key(m).unwrap_or_else(|| panic!("no mention {m}"))
    }

    #[test]
    fn keys_name_mentions_by_spans_and_find_them_again() {
        let t = model();
        let k = key(&t, 2);
        assert_eq!(
            k,
            MentionKey {
                source: "b.txt".into(),
                sentence: 20..37,
                trigger: 20..28
            }
        );
        assert_eq!(t.find_mention(&k), Some(2));
        assert_eq!(t.event_of_key(&k), Some(1));
        let moved = MentionKey {
            trigger: 21..28,
            ..k
        };
        assert_eq!(t.find_mention(&moved), None);
    }

    #[test]
    fn rename_sets_the_label_and_refuses_an_empty_one() {
        let mut t = model();
        let edit = Edit::Rename {
            mention: key(&t, 1),
            label: "  Ganja shelled ".into(),
        };
        assert_eq!(apply_edit(&mut t, &edit), Ok(()));
        assert_eq!(t.events[0].label, "Ganja shelled");
        let empty = Edit::Rename {
            mention: key(&t, 1),
            label: " ".into(),
        };
        assert!(apply_edit(&mut t, &empty).is_err());
        assert_eq!(t.events[0].label, "Ganja shelled");
    }

    #[test]
    fn merge_joins_events_spans_their_times_and_lists_what_differs() {
        let mut t = model();
        let edit = Edit::Merge {
            keep: key(&t, 0),
            absorb: key(&t, 2),
        };
        assert_eq!(apply_edit(&mut t, &edit), Ok(()));
        assert_eq!(t.events.len(), 1);
        let e = &t.events[0];
        assert_eq!(e.id, "e1");
        assert_eq!(e.mentions, vec![0, 1, 2]);
        assert_eq!(e.kind, EventKind::Shelling);
        // No shared day: the time covers both, and says they were merged.
        assert_eq!(
            (e.time.first_day(), e.time.last_day()),
            (day(10).first_day(), day(11).first_day())
        );
        assert!(e.label.starts_with("Shelling · Ganja — "), "{}", e.label);
        assert!(
            e.disagreements.iter().any(|d| d.starts_with("killed: 3")),
            "{:?}",
            e.disagreements
        );
        assert!(
            e.disagreements
                .iter()
                .any(|d| d.contains("merged by the user"))
        );
        // Again: already one event, nothing changes.
        let before = t.clone();
        assert_eq!(apply_edit(&mut t, &edit), Ok(()));
        assert_eq!(t, before);
    }

    #[test]
    fn split_gives_the_mention_its_own_event_in_time_order() {
        let mut t = model();
        let edit = Edit::Split {
            mention: key(&t, 1),
        };
        assert_eq!(apply_edit(&mut t, &edit), Ok(()));
        assert_eq!(t.events.len(), 3);
        let ids: Vec<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["e1", "e2", "e3"]);
        let alone = t.event_of(1).map(|e| &t.events[e]);
        assert_eq!(alone.map(|e| e.mentions.clone()), Some(vec![1]));
        assert_eq!(
            alone.map(|e| e.label.as_str()),
            Some("Shelling — 10 Oct 2020")
        );
        assert_eq!(
            t.event_of(0).map(|e| t.events[e].mentions.clone()),
            Some(vec![0])
        );
        // A lone mention cannot be split further.
        let before = t.clone();
        assert_eq!(apply_edit(&mut t, &edit), Ok(()));
        assert_eq!(t, before);
    }

    #[test]
    fn edits_replay_in_order_and_missing_mentions_are_reported() {
        let mut t = model();
        let gone = MentionKey {
            source: "c.txt".into(),
            sentence: 0..3,
            trigger: 0..1,
        };
        let edits = vec![
            Edit::Split {
                mention: key(&t, 1),
            },
            Edit::Merge {
                keep: key(&t, 1),
                absorb: key(&t, 2),
            },
            Edit::Rename {
                mention: gone.clone(),
                label: "x".into(),
            },
        ];
        let messages = apply_edits(&mut t, &edits);
        assert_eq!(messages.len(), 1);
        assert!(messages[0].contains("c.txt"), "{}", messages[0]);
        // Mention 1 left e1, then joined mention 2: split-then-merge, not merge-then-split.
        assert_eq!(t.event_of(1), t.event_of(2));
        assert_ne!(t.event_of(0), t.event_of(1));
    }

    #[test]
    fn joint_time_is_the_overlap_else_the_hull_in_whole_days() {
        let t = model();
        let (shared, apart) = joint_time(t.mentions[..2].iter()).unwrap_or((day(1), true));
        assert_eq!((shared, apart), (day(10), false));
        let (hull, apart) = joint_time(t.mentions.iter()).unwrap_or((day(1), false));
        assert!(apart);
        assert_eq!(
            hull,
            TimeSpan::days(day(10).first_day(), day(11).first_day(), hull.granularity)
        );
        assert_eq!(joint_time(std::iter::empty()), None);
    }
}
