//! Ceasefire phase bands drawn behind the lanes: when a truce was agreed, when it was in
//! force, and when its violation was alleged, derived from the events themselves.
//!
//! Why bands: whether a shelling came before or after a truce took hold is the first question
//! about it; a band across all lanes answers it without reading labels. Only events of day
//! precision or finer make phases (a truce "in the 1990s" is background, not a phase).

use crate::model::{EventKind, Granularity, Timeline};

use super::axis::secs_from_datetime;

/// A phase of a ceasefire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseKind {
    /// Agreed but not yet in force.
    Agreed,
    InForce,
    /// A violation alleged while a truce was in force.
    Violated,
}

impl PhaseKind {
    pub fn title(self) -> &'static str {
        match self {
            PhaseKind::Agreed => "truce agreed",
            PhaseKind::InForce => "truce in force",
            PhaseKind::Violated => "violation alleged",
        }
    }
}

/// One band, in real seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Phase {
    pub kind: PhaseKind,
    pub start_secs: f64,
    pub end_secs: f64,
}

/// An agreement counts as the prelude of the next truce taking effect within this long.
const AGREED_LEAD_SECS: f64 = 7.0 * 86_400.0;

/// The phases of `model`, in time order (violations after the truce they break).
pub fn phases(model: &Timeline) -> Vec<Phase> {
    let mut dated: Vec<(f64, f64, EventKind)> = model
        .events
        .iter()
        .filter(|e| e.time.granularity <= Granularity::Day)
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::CeasefireAgreed
                    | EventKind::CeasefireInForce
                    | EventKind::ViolationAlleged
            )
        })
        .map(|e| {
            (
                secs_from_datetime(e.time.start),
                secs_from_datetime(e.time.end),
                e.kind,
            )
        })
        .filter(|(a, b, _)| a.is_finite() && b.is_finite())
        .collect();
    dated.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Where the story ends: the last dated event of any kind.
    let story_end = model
        .events
        .iter()
        .filter(|e| e.time.granularity <= Granularity::Day)
        .map(|e| secs_from_datetime(e.time.end))
        .fold(f64::NEG_INFINITY, f64::max);

    let in_force: Vec<(f64, f64)> = dated
        .iter()
        .filter(|d| d.2 == EventKind::CeasefireInForce)
        .map(|d| (d.0, d.1))
        .collect();
    let mut out = Vec::new();
    // Each truce in force lasts until the next one takes effect, or the story ends.
    for (i, &(start, end)) in in_force.iter().enumerate() {
        // Two reports of one truce taking effect (noon, 12:00) are one phase.
        if i > 0 && start <= in_force[i - 1].1 {
            continue;
        }
        let until = in_force
            .iter()
            .skip(i + 1)
            .map(|t| t.0)
            .find(|&t| t > end)
            .unwrap_or(story_end)
            .max(end);
        out.push(Phase {
            kind: PhaseKind::InForce,
            start_secs: start,
            end_secs: until,
        });
    }
    // In-force phases are disjoint and in time order: a violation finds its truce by search.
    let truces: Vec<(f64, f64)> = out.iter().map(|p| (p.start_secs, p.end_secs)).collect();
    for &(start, end, kind) in &dated {
        match kind {
            EventKind::CeasefireAgreed => {
                // Agreed until it takes effect (if it does soon), else for its own span.
                let effect = in_force
                    .iter()
                    .map(|t| t.0)
                    .find(|&t| t >= start && t - start <= AGREED_LEAD_SECS);
                out.push(Phase {
                    kind: PhaseKind::Agreed,
                    start_secs: start,
                    end_secs: effect.unwrap_or(end).max(start),
                });
            }
            EventKind::ViolationAlleged => {
                // The last truce starting by the violation's end is the only one that can
                // overlap it.
                let i = truces.partition_point(|t| t.0 <= end);
                let during_truce = i > 0 && truces.get(i - 1).is_some_and(|t| start <= t.1);
                if during_truce {
                    out.push(Phase {
                        kind: PhaseKind::Violated,
                        start_secs: start,
                        end_secs: end,
                    });
                }
            }
            _ => {}
        }
    }
    out.sort_by(|a, b| a.start_secs.total_cmp(&b.start_secs));
    // Several reports of violations on one day are one band, not a stack of them.
    let mut merged: Vec<Phase> = Vec::with_capacity(out.len());
    for p in out {
        if p.kind == PhaseKind::Violated
            && let Some(last) = merged
                .iter_mut()
                .rev()
                .find(|q| q.kind == PhaseKind::Violated)
            && p.start_secs <= last.end_secs
        {
            last.end_secs = last.end_secs.max(p.end_secs);
            continue;
        }
        merged.push(p);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, TimeSpan};
    use chrono::{NaiveDate, NaiveDateTime};

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2021, 5, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn event(kind: EventKind, time: TimeSpan) -> Event {
        Event {
            id: String::new(),
            kind,
            label: String::new(),
            time,
            mentions: Vec::new(),
            disagreements: Vec::new(),
        }
    }

    fn minute(day: u32, hour: u32) -> TimeSpan {
        TimeSpan {
            start: at(day, hour),
            end: at(day, hour),
            granularity: Granularity::Minute,
        }
    }

    #[test]
    fn agreed_then_in_force_then_violated_and_a_new_truce_ends_the_old() {
        let model = Timeline {
            events: vec![
                event(EventKind::CeasefireAgreed, minute(20, 9)),
                event(EventKind::CeasefireInForce, minute(21, 2)),
                event(EventKind::ViolationAlleged, minute(21, 8)),
                event(EventKind::ViolationAlleged, minute(21, 8)),
                event(EventKind::Shelling, minute(23, 5)),
                event(EventKind::CeasefireInForce, minute(25, 0)),
                event(EventKind::Talks, minute(28, 0)),
                // Background is no phase.
                event(
                    EventKind::CeasefireInForce,
                    TimeSpan {
                        start: at(1, 0),
                        end: at(31, 23),
                        granularity: Granularity::Month,
                    },
                ),
            ],
            ..Timeline::default()
        };
        let p = phases(&model);
        let s = |d, h| secs_from_datetime(at(d, h));
        let kinds: Vec<PhaseKind> = p.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            vec![
                PhaseKind::Agreed,
                PhaseKind::InForce,
                PhaseKind::Violated,
                PhaseKind::InForce
            ]
        );
        assert_eq!((p[0].start_secs, p[0].end_secs), (s(20, 9), s(21, 2)));
        assert_eq!((p[1].start_secs, p[1].end_secs), (s(21, 2), s(25, 0)));
        assert_eq!(p[2].start_secs, s(21, 8));
        // The last truce lasts until the story ends.
        assert_eq!((p[3].start_secs, p[3].end_secs), (s(25, 0), s(28, 0)));
    }

    #[test]
    fn a_violation_outside_any_truce_is_no_phase_and_nothing_gives_nothing() {
        let model = Timeline {
            events: vec![event(EventKind::ViolationAlleged, minute(3, 1))],
            ..Timeline::default()
        };
        assert!(phases(&model).is_empty());
        assert!(phases(&Timeline::default()).is_empty());
    }
}
