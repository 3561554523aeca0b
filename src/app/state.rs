//! View state (what is visible, what is selected) and the [`Command`]s that panels push to
//! change the app; the app applies them after the frame.
//!
//! Panels read the model and this state and never mutate the app directly, so the state
//! machine can be tested without drawing anything and a frame sees one consistent state.

use super::axis::{self, AxisView};
use super::filter::Filter;
use super::timeline::LaneIndex;
use crate::export;
use crate::model::{EventIdx, Timeline};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// Something the user asked for; applied by [`super::TruceApp`] after the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Make `event` the only selected event.
    SelectEvent(EventIdx),
    /// Add `event` to the selection, or take it out (ctrl/cmd-click).
    ToggleEvent(EventIdx),
    /// Select a time range `[start, end]` in axis seconds (shift+drag, or drag on the axis).
    SelectRange { start_secs: f64, end_secs: f64 },
    /// Show `event` in the details panel, keeping the selection (one of several selected).
    FocusEvent(EventIdx),
    /// Forget selected events and the range.
    ClearSelection,
    /// Fit every event into view on the next frame.
    FitAll,
    /// Fit the selected events, or else the brushed range, into view.
    ZoomToSelection,
    /// Show `[start, end]` (axis seconds) across the plot (a dense column clicked).
    ZoomAxis { start_secs: f64, end_secs: f64 },
    /// Zoom by `factor` around the middle of the plot (toolbar buttons).
    ZoomCentre { factor: f64 },
    /// Ask for a folder with the native dialog (or the path field when there is none).
    PickFolder,
    /// Load a folder or an exported timeline in the background.
    OpenPath(PathBuf),
    /// Replace the model with the reports bundled in the binary.
    OpenBundled,
    /// Stop the running load.
    CancelLoad,
    /// Ask where to export the selection, then write it.
    PickExportPath(export::Format),
    /// Write the selection to `path`.
    ExportTo(export::Format, PathBuf),
    /// Set a source's publication date by the user's word and re-date the timeline.
    SetPublished {
        source: crate::model::SourceIdx,
        date: chrono::NaiveDate,
    },
    /// Call the event `label` (the user's word, kept as a correction).
    RenameEvent { event: EventIdx, label: String },
    /// The two events are one happening: `absorb` joins `keep`.
    MergeEvents { keep: EventIdx, absorb: EventIdx },
    /// The mention reports a happening of its own: out of its event, into a new one.
    SplitMention(crate::model::MentionIdx),
    /// Show or hide the sources panel.
    ToggleSources,
    /// Move the selection with the keyboard (arrows), among events that pass the filter.
    Step(super::filter::Step),
    /// Pan so that the event is in view, keeping the zoom (a row clicked in the event list).
    Reveal(EventIdx),
    /// Select the focused event (or the first) and bring it and its details into view
    /// (Enter).
    OpenDetails,
    /// Close the window.
    Quit,
}

/// What is selected: events by click, a time range by brushing. Export writes the events if
/// any, else the range, else everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SelectionState {
    pub events: BTreeSet<EventIdx>,
    /// The event the details panel shows: the last one clicked.
    pub focus: Option<EventIdx>,
    /// Brushed `[start, end]` in axis seconds, start <= end.
    pub range_secs: Option<(f64, f64)>,
}

impl SelectionState {
    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.range_secs.is_none()
    }

    /// One line for the toolbar: "2 events selected", "10 Oct 2020 – 14 Oct 2020", "".
    pub fn summary(&self, model: &Timeline) -> String {
        if !self.events.is_empty() {
            let n = self.events.len();
            if n == 1
                && let Some(event) = self.events.first().and_then(|&e| model.events.get(e))
            {
                return format!("Selected: {}", event.label);
            }
            return format!("{n} events selected");
        }
        if let Some((start, end)) = self.range_secs {
            let name = |secs: f64| {
                axis::datetime_from_secs(secs)
                    .map(|t| t.format("%-d %b %Y %H:%M").to_string())
                    .unwrap_or_else(|| "?".to_owned())
            };
            let inside = model
                .events
                .iter()
                .filter(|e| event_in_range(e, start, end))
                .count();
            return format!("Range {} – {} ({inside} events)", name(start), name(end));
        }
        String::new()
    }

    /// The time the selection covers, in axis seconds: the selected events' times and their
    /// mentions' (which may disagree), else the brushed range.
    pub fn time_range_secs(&self, model: &Timeline) -> Option<(f64, f64)> {
        let mut range: Option<(f64, f64)> = None;
        for event in self.events.iter().filter_map(|&e| model.events.get(e)) {
            let spans = std::iter::once(&event.time).chain(
                event
                    .mentions
                    .iter()
                    .filter_map(|&m| model.mentions.get(m).map(|m| &m.time)),
            );
            for span in spans {
                let (lo, hi) = (
                    axis::secs_from_datetime(span.start),
                    axis::secs_from_datetime(span.end),
                );
                range = Some(range.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
            }
        }
        range.or(self.range_secs)
    }

    /// The export's view of this selection, with event and source ids from `model`.
    pub fn to_export(&self, model: &Timeline) -> export::Selection {
        if !self.events.is_empty() {
            let ids = self
                .events
                .iter()
                .filter_map(|&e| model.events.get(e).map(|e| e.id.clone()))
                .collect();
            return export::Selection {
                events: Some(ids),
                ..export::Selection::default()
            };
        }
        if let Some((start, end)) = self.range_secs {
            return export::Selection {
                from: axis::datetime_from_secs(start).map(|t| t.date()),
                to: axis::datetime_from_secs(end).map(|t| t.date()),
                ..export::Selection::default()
            };
        }
        export::Selection::default()
    }

    /// Applies one selection command; other commands are not about selection and are ignored.
    pub fn apply(&mut self, command: &Command, model: &Timeline) {
        match *command {
            Command::SelectEvent(e) if e < model.events.len() => {
                self.events = BTreeSet::from([e]);
                self.focus = Some(e);
                self.range_secs = None;
            }
            Command::ToggleEvent(e) if e < model.events.len() => {
                if self.events.remove(&e) {
                    if self.focus == Some(e) {
                        self.focus = self.events.last().copied();
                    }
                } else {
                    self.events.insert(e);
                    self.focus = Some(e);
                }
            }
            Command::SelectRange {
                start_secs,
                end_secs,
            } if start_secs.is_finite() && end_secs.is_finite() => {
                let range = (start_secs.min(end_secs), start_secs.max(end_secs));
                self.events.clear();
                self.focus = None;
                self.range_secs = Some(range);
            }
            Command::FocusEvent(e) if self.events.contains(&e) => self.focus = Some(e),
            Command::ClearSelection => *self = SelectionState::default(),
            _ => {}
        }
    }
}

/// Whether an event's time overlaps `[start, end]` (axis seconds).
pub fn event_in_range(event: &crate::model::Event, start_secs: f64, end_secs: f64) -> bool {
    axis::secs_from_datetime(event.time.start) <= end_secs
        && axis::secs_from_datetime(event.time.end) >= start_secs
}

/// The timeline panel's own state: the axis, the selection it highlights, and gestures in
/// progress. Derived from nothing in the model, so a new model only needs a refit.
#[derive(Clone, Debug, Default)]
pub struct TimelineView {
    pub axis: AxisView,
    pub selection: SelectionState,
    /// Fit all events on the next frame, once the plot's width is known.
    pub fit_pending: bool,
    /// The range being brushed, while a drag is in progress.
    pub brush: Option<Brush>,
    /// Plot width of the last frame, so toolbar zoom can use the middle of the plot.
    pub last_plot_width_points: f64,
    /// Mentions per lane sorted by time, built on the first frame. Valid because a new
    /// model always comes with a new view.
    pub lane_index: Option<Arc<LaneIndex>>,
    /// What the analyst narrowed the timeline to; events outside it are faded, not removed,
    /// so that context stays visible.
    pub filter: Filter,
    /// The order of source lanes, as the user arranged them (empty: the model's order).
    pub lane_order: Vec<usize>,
    /// One lane per source, or one per claimant (who says it).
    pub grouping: LaneGrouping,
    /// A move of the view in progress (keyboard focus, zoom to a selection), so the eye can
    /// follow where it goes.
    pub animation: Option<Animation>,
    /// Whether long quiet periods collapse into breaks (on by default; a view made by
    /// `Default` keeps the plain scale).
    pub compress: bool,
    /// The lane the keyboard last moved to, so that up/down walk lanes even through events
    /// that several lanes report.
    pub focus_lane: Option<usize>,
    /// A stretch of real time `[start, end]` (seconds) to show once the plot's width and the
    /// lane index are known (the view an opened export was saved with).
    pub pending_range_secs: Option<(f64, f64)>,
    /// The events that pass `filter`, with the filter they were computed for.
    mask: Option<(Filter, Arc<Vec<bool>>)>,
}

/// An animated move from one view to another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Animation {
    pub from: AxisView,
    pub to: AxisView,
    /// Seconds since it started.
    pub elapsed: f64,
}

/// How long an animated move takes.
pub const ANIMATION_SECS: f64 = 0.15;

/// What a lane gathers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LaneGrouping {
    /// One lane per report: who reported what, when.
    #[default]
    Source,
    /// One lane per party that makes the claim, across reports: each side's story.
    Claimant,
}

/// Which widget a brush drag started on: the axis brushes on any drag, the lanes only with
/// shift (a plain drag there pans).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrushOwner {
    Axis,
    Lanes,
}

/// A range selection being dragged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Brush {
    pub start_secs: f64,
    pub owner: BrushOwner,
}

impl TimelineView {
    /// A view that fits `model` on its first frame.
    pub fn fitting() -> TimelineView {
        TimelineView {
            fit_pending: true,
            compress: true,
            ..TimelineView::default()
        }
    }

    /// The source lanes in display order: the user's order when it is a permutation of the
    /// `n` sources, else the model's.
    pub fn source_order(&self, n: usize) -> Vec<usize> {
        let mut sorted = self.lane_order.clone();
        sorted.sort_unstable();
        if sorted.len() == n && sorted.iter().enumerate().all(|(i, &l)| i == l) {
            self.lane_order.clone()
        } else {
            (0..n).collect()
        }
    }

    /// Drops what was computed from the previous model (a re-dated model has other event
    /// indices, maybe as many as before, so no length check can tell).
    pub fn forget_model(&mut self) {
        self.lane_index = None;
        self.mask = None;
    }

    /// Moves the view to `to`, animated.
    pub fn animate_to(&mut self, to: AxisView) {
        self.animation = Some(Animation {
            from: self.axis,
            to,
            elapsed: 0.0,
        });
    }

    /// Advances the animation by `dt` seconds; whether it still runs.
    pub fn step_animation(&mut self, dt: f64) -> bool {
        let Some(mut a) = self.animation else {
            return false;
        };
        a.elapsed += dt.max(0.0);
        let t = (a.elapsed / ANIMATION_SECS).min(1.0);
        let ease = 1.0 - (1.0 - t).powi(3);
        self.axis = axis::blend(&a.from, &a.to, ease, self.last_plot_width_points);
        if t >= 1.0 {
            self.axis = a.to;
            self.animation = None;
            false
        } else {
            self.animation = Some(a);
            true
        }
    }

    /// One flag per event: whether it passes the filter. Recomputed only when the filter
    /// changed since the last call.
    pub fn mask(&mut self, model: &Timeline) -> Arc<Vec<bool>> {
        match &self.mask {
            Some((for_filter, mask))
                if *for_filter == self.filter && mask.len() == model.events.len() =>
            {
                Arc::clone(mask)
            }
            _ => {
                let mask = Arc::new(self.filter.mask(model));
                self.mask = Some((self.filter.clone(), Arc::clone(&mask)));
                mask
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, EventKind, TimeSpan};
    use chrono::NaiveDate;

    fn model() -> Timeline {
        let day = |d| TimeSpan::day(NaiveDate::from_ymd_opt(2020, 10, d).unwrap());
        let event = |i: usize, d| Event {
            id: format!("e{i}"),
            kind: EventKind::Shelling,
            label: format!("Event {i}"),
            time: day(d),
            mentions: vec![],
            disagreements: vec![],
        };
        Timeline {
            events: vec![event(1, 10), event(2, 11), event(3, 20)],
            ..Timeline::default()
        }
    }

    #[test]
    fn click_selects_ctrl_click_toggles_and_clear_clears() {
        let model = model();
        let mut s = SelectionState::default();
        s.apply(&Command::SelectEvent(0), &model);
        s.apply(&Command::ToggleEvent(2), &model);
        assert_eq!(s.events, BTreeSet::from([0, 2]));
        assert_eq!(s.focus, Some(2));
        s.apply(&Command::ToggleEvent(2), &model);
        assert_eq!(s.focus, Some(0));
        s.apply(&Command::SelectEvent(1), &model);
        assert_eq!(s.events, BTreeSet::from([1]));
        s.apply(&Command::ClearSelection, &model);
        assert!(s.is_empty() && s.focus.is_none());
    }

    #[test]
    fn out_of_range_events_and_nan_ranges_are_ignored() {
        let model = model();
        let mut s = SelectionState::default();
        s.apply(&Command::SelectEvent(99), &model);
        s.apply(
            &Command::SelectRange {
                start_secs: f64::NAN,
                end_secs: 1.0,
            },
            &model,
        );
        assert!(s.is_empty());
    }

    #[test]
    fn export_prefers_events_then_range_then_everything() {
        let model = model();
        let mut s = SelectionState::default();
        assert!(s.to_export(&model).events.is_none());
        let from = axis::secs_from_datetime(model.events[0].time.start);
        let to = axis::secs_from_datetime(model.events[1].time.end);
        s.apply(
            &Command::SelectRange {
                start_secs: to,
                end_secs: from,
            },
            &model,
        );
        let range = s.to_export(&model);
        assert_eq!(range.from, NaiveDate::from_ymd_opt(2020, 10, 10));
        assert_eq!(range.to, NaiveDate::from_ymd_opt(2020, 10, 11));
        assert!(s.summary(&model).contains("(2 events)"));
        s.apply(&Command::SelectEvent(2), &model);
        let events = s.to_export(&model);
        assert_eq!(events.events, Some(BTreeSet::from(["e3".to_owned()])));
        assert_eq!(events.from, None);
        assert_eq!(s.summary(&model), "Selected: Event 3");
    }

    #[test]
    fn zoom_to_selection_covers_the_selected_events_else_the_range() {
        let model = model();
        let mut s = SelectionState::default();
        assert_eq!(s.time_range_secs(&model), None);
        s.apply(&Command::SelectEvent(0), &model);
        s.apply(&Command::ToggleEvent(2), &model);
        let (lo, hi) = s.time_range_secs(&model).unwrap();
        assert_eq!(lo, axis::secs_from_datetime(model.events[0].time.start));
        assert_eq!(hi, axis::secs_from_datetime(model.events[2].time.end));
        s.apply(
            &Command::SelectRange {
                start_secs: 5.0,
                end_secs: 1.0,
            },
            &model,
        );
        assert_eq!(s.time_range_secs(&model), Some((1.0, 5.0)));
    }
}
