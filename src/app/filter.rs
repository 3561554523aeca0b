//! What the analyst narrows the timeline to: a text search, kinds, sources and "contested
//! only", and keyboard moves between the events that remain.
//!
//! Pure functions over the model, so that filtering and navigation are tested without drawing.
//! Matching events are computed once per change of the filter ([`Filter::mask`]), not per
//! frame: a search over every quoted sentence of 100,000 events takes milliseconds, a frame
//! has four.

use crate::model::{EventIdx, EventKind, SourceIdx, Timeline};
use std::collections::BTreeSet;

/// The filter as the user set it. The default lets everything through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words that must all appear (case-insensitive) in the event's label, places, claimants
    /// or any sentence quoting it.
    pub query: String,
    /// Kinds switched off in the legend.
    pub hidden_kinds: BTreeSet<EventKind>,
    /// Sources whose lanes are hidden; an event stays if another source reports it.
    pub hidden_sources: BTreeSet<SourceIdx>,
    /// Only events whose sources disagree (times, figures, who is blamed).
    pub contested_only: bool,
    /// Only events some source attributes to this party (its claimant).
    pub claimant: Option<String>,
    /// Only events a quote places here.
    pub place: Option<String>,
}

/// The claimant parties and places the model's mentions name, sorted, for the filter menus.
pub fn choices(model: &Timeline) -> (Vec<String>, Vec<String>) {
    let mut parties = BTreeSet::new();
    let mut places = BTreeSet::new();
    for m in &model.mentions {
        if let Some(p) = &m.facts.claimant_party {
            parties.insert(p.to_string());
        }
        places.extend(m.facts.places.iter().cloned());
    }
    (parties.into_iter().collect(), places.into_iter().collect())
}

impl Filter {
    /// Whether the filter lets everything through (nothing to fade).
    pub fn is_open(&self) -> bool {
        self.query.trim().is_empty()
            && self.hidden_kinds.is_empty()
            && self.hidden_sources.is_empty()
            && !self.contested_only
            && self.claimant.is_none()
            && self.place.is_none()
    }

    /// One flag per event of `model`: whether it passes.
    pub fn mask(&self, model: &Timeline) -> Vec<bool> {
        let words: Vec<String> = self
            .query
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        model
            .events
            .iter()
            .map(|event| {
                if self.hidden_kinds.contains(&event.kind) {
                    return false;
                }
                if self.contested_only && event.disagreements.is_empty() {
                    return false;
                }
                let mentions = || event.mentions.iter().filter_map(|&m| model.mentions.get(m));
                if !self.hidden_sources.is_empty()
                    && mentions().all(|m| self.hidden_sources.contains(&m.source))
                {
                    return false;
                }
                if let Some(party) = &self.claimant
                    && !mentions()
                        .any(|m| m.facts.claimant_party.as_deref() == Some(party.as_str()))
                {
                    return false;
                }
                if let Some(place) = &self.place
                    && !mentions().any(|m| m.facts.places.contains(place))
                {
                    return false;
                }
                if words.is_empty() {
                    return true;
                }
                let mut haystack = event.label.to_lowercase();
                for m in mentions() {
                    if let Some(sentence) = model
                        .sources
                        .get(m.source)
                        .and_then(|s| s.sentences.get(m.sentence))
                    {
                        haystack.push('\n');
                        haystack.push_str(&sentence.text.to_lowercase());
                    }
                    for place in &m.facts.places {
                        haystack.push('\n');
                        haystack.push_str(&place.to_lowercase());
                    }
                    if let Some(c) = &m.facts.claimant {
                        haystack.push('\n');
                        haystack.push_str(&c.to_lowercase());
                    }
                }
                words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .collect()
    }
}

/// A keyboard move from the selected event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The next event in time (right arrow) or the previous one (left arrow).
    Later,
    Earlier,
    /// The event nearest in time in the lane below (down arrow) or above (up arrow).
    LaneDown,
    LaneUp,
}

/// Where a keyboard move lands: among events that pass `mask`, from `from` (or, with nothing
/// selected, the first event in time). Events are in time order in the model, so "later" is
/// the next index that passes. Up and down follow `order`, the source lanes as shown (empty:
/// the model's order). `None` when there is nowhere to go.
pub fn step(
    model: &Timeline,
    mask: &[bool],
    (from, from_lane): (Option<EventIdx>, Option<SourceIdx>),
    step: Step,
    order: &[SourceIdx],
) -> Option<EventIdx> {
    let passes = |e: EventIdx| mask.get(e).copied().unwrap_or(true);
    let Some(from) = from.filter(|&e| e < model.events.len()) else {
        return (0..model.events.len()).find(|&e| passes(e));
    };
    match step {
        Step::Later => (from + 1..model.events.len()).find(|&e| passes(e)),
        Step::Earlier => (0..from).rev().find(|&e| passes(e)),
        Step::LaneDown | Step::LaneUp => {
            let identity: Vec<SourceIdx> = (0..model.sources.len()).collect();
            let order = if order.is_empty() { &identity } else { order };
            let lanes_of = |e: EventIdx| {
                model
                    .events
                    .get(e)
                    .map(|ev| model.event_sources(ev))
                    .unwrap_or_default()
            };
            let current = from_lane.or_else(|| lanes_of(from).first().copied())?;
            let at = order.iter().position(|&l| l == current)?;
            // One pass: which lanes hold a passing event.
            let mut occupied = vec![false; model.sources.len()];
            for (e, event) in model.events.iter().enumerate() {
                if passes(e) {
                    for &m in &event.mentions {
                        if let Some(slot) = model
                            .mentions
                            .get(m)
                            .and_then(|m| occupied.get_mut(m.source))
                        {
                            *slot = true;
                        }
                    }
                }
            }
            let occupied = |l: &SourceIdx| occupied.get(*l).copied().unwrap_or(false);
            let target = if step == Step::LaneDown {
                order.iter().skip(at + 1).find(|l| occupied(l))
            } else {
                order.iter().take(at).rev().find(|l| occupied(l))
            }
            .copied()?;
            let at = model.events.get(from)?.time.start;
            model
                .events
                .iter()
                .enumerate()
                .filter(|&(e, event)| {
                    passes(e)
                        && event
                            .mentions
                            .iter()
                            .any(|&m| model.mentions.get(m).is_some_and(|m| m.source == target))
                })
                .min_by_key(|(_, event)| (event.time.start - at).num_seconds().abs())
                .map(|(e, _)| e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::open_bundled_seeds;

    fn lanes_of(model: &Timeline, event: EventIdx) -> Vec<SourceIdx> {
        model.event_sources(&model.events[event])
    }

    #[test]
    fn an_open_filter_passes_everything_and_each_condition_narrows() {
        let model = open_bundled_seeds();
        let all = Filter::default();
        assert!(all.is_open());
        assert!(all.mask(&model).iter().all(|&p| p));

        let kind = model.events[0].kind;
        let no_kind = Filter {
            hidden_kinds: BTreeSet::from([kind]),
            ..Filter::default()
        };
        let mask = no_kind.mask(&model);
        for (e, event) in model.events.iter().enumerate() {
            assert_eq!(mask[e], event.kind != kind);
        }

        let mut model = model;
        model.events[3].disagreements = vec!["killed: 7 (A) vs 13 (B)".to_owned()];
        let contested = Filter {
            contested_only: true,
            ..Filter::default()
        };
        let mask = contested.mask(&model);
        assert_eq!(mask.iter().filter(|&&p| p).count(), 1);
        for (e, event) in model.events.iter().enumerate() {
            assert_eq!(mask[e], !event.disagreements.is_empty());
        }
    }

    #[test]
    fn search_needs_every_word_somewhere_in_the_quotes() {
        let model = open_bundled_seeds();
        // A word from a quoted sentence, not from any label.
        let search = |q: &str| Filter {
            query: q.to_owned(),
            ..Filter::default()
        };
        let ganja = search("GANJA").mask(&model);
        assert!(ganja.iter().any(|&p| p));
        assert!(ganja.iter().any(|&p| !p));
        for (e, pass) in ganja.iter().enumerate() {
            let quoted = model.events[e].mentions.iter().any(|&m| {
                let m = &model.mentions[m];
                model.sources[m.source].sentences[m.sentence]
                    .text
                    .contains("Ganja")
            });
            if quoted {
                assert!(pass, "event {e} quotes Ganja");
            }
        }
        let both = search("ganja zzzznotaword").mask(&model);
        assert!(both.iter().all(|&p| !p));
    }

    #[test]
    fn claimant_and_place_filters_keep_events_that_name_them() {
        let model = open_bundled_seeds();
        let (parties, places) = choices(&model);
        assert!(!parties.is_empty() && !places.is_empty());
        let party = parties[0].clone();
        let by_party = Filter {
            claimant: Some(party.clone()),
            ..Filter::default()
        }
        .mask(&model);
        let place = places[0].clone();
        let by_place = Filter {
            place: Some(place.clone()),
            ..Filter::default()
        }
        .mask(&model);
        for (e, event) in model.events.iter().enumerate() {
            let ms = || event.mentions.iter().map(|&m| &model.mentions[m]);
            assert_eq!(
                by_party[e],
                ms().any(|m| m.facts.claimant_party.as_deref() == Some(party.as_str()))
            );
            assert_eq!(by_place[e], ms().any(|m| m.facts.places.contains(&place)));
        }
        assert!(by_party.iter().any(|&p| p) && by_party.iter().any(|&p| !p));
    }

    #[test]
    fn hiding_every_source_of_an_event_hides_it() {
        let model = open_bundled_seeds();
        let filter = Filter {
            hidden_sources: BTreeSet::from([0]),
            ..Filter::default()
        };
        let mask = filter.mask(&model);
        for (e, pass) in mask.iter().enumerate() {
            let lanes = lanes_of(&model, e);
            assert_eq!(*pass, lanes.iter().any(|&l| l != 0), "event {e}: {lanes:?}");
        }
    }

    #[test]
    fn arrows_walk_time_and_lanes_among_passing_events() {
        let model = open_bundled_seeds();
        let mask = vec![true; model.events.len()];
        let first = step(&model, &mask, (None, None), Step::Later, &[]);
        assert_eq!(first, Some(0));
        assert_eq!(
            step(&model, &mask, (Some(0), None), Step::Later, &[]),
            Some(1)
        );
        assert_eq!(
            step(&model, &mask, (Some(1), None), Step::Earlier, &[]),
            Some(0)
        );
        assert_eq!(
            step(&model, &mask, (Some(0), None), Step::Earlier, &[]),
            None
        );
        let last = model.events.len() - 1;
        assert_eq!(
            step(&model, &mask, (Some(last), None), Step::Later, &[]),
            None
        );

        // Skips events the filter hides.
        let mut odd = mask.clone();
        odd[1] = false;
        assert_eq!(
            step(&model, &odd, (Some(0), None), Step::Later, &[]),
            Some(2)
        );

        // Down from lane 0 lands on an event reported in lane 1, nearest in time.
        let start = (0..model.events.len())
            .find(|&e| lanes_of(&model, e) == vec![0])
            .unwrap();
        let down = step(&model, &mask, (Some(start), Some(0)), Step::LaneDown, &[]).unwrap();
        assert!(lanes_of(&model, down).contains(&1));
        let up = step(&model, &mask, (Some(down), Some(1)), Step::LaneUp, &[]).unwrap();
        assert!(lanes_of(&model, up).contains(&0));
        // With the lanes shown in another order, down follows what is on screen.
        let shown = [0, 2, 1, 3];
        let down = step(
            &model,
            &mask,
            (Some(start), Some(0)),
            Step::LaneDown,
            &shown,
        )
        .unwrap();
        assert!(
            lanes_of(&model, down).contains(&2),
            "{:?}",
            lanes_of(&model, down)
        );
        let at = model.events[start].time.start;
        let gap = |e: usize| (model.events[e].time.start - at).num_seconds().abs();
        for e in 0..model.events.len() {
            if lanes_of(&model, e).contains(&1) {
                assert!(gap(down) <= gap(e));
            }
        }
    }
}
