//! The event list: every event that passes the filter as a sortable table beside the canvas,
//! kept in step with it (clicking a row selects and reveals the event; selecting on the
//! canvas or with the arrows scrolls the list to it).
//!
//! Rows are virtualised ([`egui::ScrollArea::show_rows`]): a frame lays out only the rows on
//! screen, so the list costs the same for 60 events and for 100,000. The sorted order is
//! computed when the sort or the filter changes, not per frame.

use super::state::Command;
use crate::model::{EventIdx, Timeline};
use egui::{Align, Layout, RichText, Ui, WidgetInfo};
use std::sync::Arc;

/// What the list is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Time,
    Kind,
    Label,
    Sources,
}

impl SortKey {
    fn title(self) -> &'static str {
        match self {
            SortKey::Time => "Time",
            SortKey::Kind => "Kind",
            SortKey::Label => "Event",
            SortKey::Sources => "Sources",
        }
    }
}

/// Rows in order, and the sort, direction and filter mask they were made for.
type Sorted = (SortKey, bool, Arc<Vec<bool>>, Arc<Vec<EventIdx>>);

/// The list's own state.
#[derive(Clone, Debug, Default)]
pub struct EventList {
    pub sort: SortKey,
    pub descending: bool,
    /// Sorted passing events, with what they were sorted for.
    order: Option<Sorted>,
    /// The focused event the list last scrolled to, so that it scrolls once per change.
    scrolled_to: Option<EventIdx>,
}

/// The events that pass `mask`, sorted by `key` (ties by time order, which is the model's).
pub fn sorted(model: &Timeline, mask: &[bool], key: SortKey, descending: bool) -> Vec<EventIdx> {
    let mut rows: Vec<EventIdx> = (0..model.events.len())
        .filter(|&e| mask.get(e).copied().unwrap_or(true))
        .collect();
    let sources: Vec<usize> = match key {
        SortKey::Sources => (0..model.events.len())
            .map(|e| model.event_sources(&model.events[e]).len())
            .collect(),
        _ => Vec::new(),
    };
    let events = &model.events;
    match key {
        // The model keeps events in time order already.
        SortKey::Time => {}
        SortKey::Kind => rows.sort_by_key(|&e| events[e].kind),
        SortKey::Label => rows.sort_by_cached_key(|&e| events[e].label.to_lowercase()),
        SortKey::Sources => rows.sort_by_key(|&e| std::cmp::Reverse(sources[e])),
    }
    if descending {
        rows.reverse();
    }
    rows
}

const ROW_HEIGHT: f32 = 20.0;
const TIME_WIDTH: f32 = 150.0;
const KIND_WIDTH: f32 = 130.0;
const SOURCES_WIDTH: f32 = 56.0;

impl EventList {
    fn rows(&mut self, model: &Timeline, mask: &Arc<Vec<bool>>) -> Arc<Vec<EventIdx>> {
        if let Some((key, desc, for_mask, rows)) = &self.order
            && *key == self.sort
            && *desc == self.descending
            && Arc::ptr_eq(for_mask, mask)
        {
            return Arc::clone(rows);
        }
        let rows = Arc::new(sorted(model, mask, self.sort, self.descending));
        self.order = Some((
            self.sort,
            self.descending,
            Arc::clone(mask),
            Arc::clone(&rows),
        ));
        rows
    }

    /// Draws the list into `ui`. `focus` is the event the details panel shows.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        model: &Timeline,
        mask: &Arc<Vec<bool>>,
        focus: Option<EventIdx>,
        commands: &mut Vec<Command>,
    ) {
        let rows = self.rows(model, mask);
        ui.horizontal(|ui| {
            ui.strong("Events");
            ui.weak(format!("{} shown", rows.len()));
        });
        // Header: click to sort, click again to reverse.
        ui.horizontal(|ui| {
            for (key, width) in [
                (SortKey::Time, TIME_WIDTH),
                (SortKey::Kind, KIND_WIDTH),
                (SortKey::Sources, SOURCES_WIDTH),
                (SortKey::Label, 0.0),
            ] {
                let arrow = match (self.sort == key, self.descending) {
                    (true, false) => " ^",
                    (true, true) => " v",
                    _ => "",
                };
                let text = RichText::new(format!("{}{arrow}", key.title())).strong();
                let button = egui::Button::new(text).frame(false);
                let response = if width > 0.0 {
                    ui.add_sized([width, ROW_HEIGHT], button)
                } else {
                    ui.add(button)
                };
                response.widget_info(|| {
                    WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Sort by {}", key.title()),
                    )
                });
                if response.clicked() {
                    if self.sort == key {
                        self.descending = !self.descending;
                    } else {
                        self.sort = key;
                        self.descending = false;
                    }
                }
            }
        });
        ui.separator();
        // Scroll to the focused event once when it changes (canvas click, arrows).
        let scroll_to = focus
            .filter(|f| self.scrolled_to != Some(*f))
            .and_then(|f| rows.iter().position(|&e| e == f));
        self.scrolled_to = focus;
        let mut area = egui::ScrollArea::vertical()
            .id_salt("event-list")
            .auto_shrink([false, false]);
        if let Some(row) = scroll_to {
            let spacing = ui.spacing().item_spacing.y;
            let top = row as f32 * (ROW_HEIGHT + spacing);
            area = area.vertical_scroll_offset((top - 3.0 * ROW_HEIGHT).max(0.0));
        }
        area.show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
            for &e in rows.get(range).unwrap_or_default() {
                let Some(event) = model.events.get(e) else {
                    continue;
                };
                let selected = focus == Some(e);
                let n = model.event_sources(event).len();
                let response = ui
                    .allocate_ui_with_layout(
                        egui::vec2(ui.available_width(), ROW_HEIGHT),
                        Layout::left_to_right(Align::Center),
                        |ui| {
                            ui.set_min_height(ROW_HEIGHT);
                            let color = super::timeline::kind_color(event.kind);
                            ui.add_sized(
                                [TIME_WIDTH, ROW_HEIGHT],
                                egui::Label::new(RichText::new(event.time.display()).small())
                                    .truncate(),
                            );
                            ui.add_sized(
                                [KIND_WIDTH, ROW_HEIGHT],
                                egui::Label::new(RichText::new(event.kind.title()).color(color))
                                    .truncate(),
                            );
                            let contested = if event.disagreements.is_empty() {
                                ""
                            } else {
                                " !"
                            };
                            ui.add_sized(
                                [SOURCES_WIDTH, ROW_HEIGHT],
                                egui::Label::new(format!("{n}{contested}")),
                            );
                            ui.add(
                                egui::Label::new(super::safe_text::label(&event.label)).truncate(),
                            );
                        },
                    )
                    .response;
                let response = ui.interact(
                    response.rect,
                    ui.scope_id().with(("event-row", e)),
                    egui::Sense::click(),
                );
                if selected {
                    ui.painter().rect_stroke(
                        response.rect,
                        2.0,
                        ui.visuals().selection.stroke,
                        egui::StrokeKind::Inside,
                    );
                } else if response.hovered() {
                    ui.painter().rect_filled(
                        response.rect,
                        2.0,
                        ui.visuals()
                            .widgets
                            .hovered
                            .weak_bg_fill
                            .gamma_multiply(0.3),
                    );
                }
                response.widget_info(|| {
                    WidgetInfo::selected(
                        egui::Role::Row,
                        true,
                        selected,
                        format!("Row: {}", super::safe_text::label(&event.label)),
                    )
                });
                if response.clicked() {
                    commands.push(Command::SelectEvent(e));
                    commands.push(Command::Reveal(e));
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::open_bundled_seeds;

    #[test]
    fn sorting_orders_rows_and_keeps_only_passing_events() {
        let model = open_bundled_seeds();
        let all = vec![true; model.events.len()];
        let by_time = sorted(&model, &all, SortKey::Time, false);
        assert_eq!(by_time, (0..model.events.len()).collect::<Vec<_>>());
        let mut back = sorted(&model, &all, SortKey::Time, true);
        back.reverse();
        assert_eq!(back, by_time);

        let by_label = sorted(&model, &all, SortKey::Label, false);
        for w in by_label.windows(2) {
            assert!(
                model.events[w[0]].label.to_lowercase() <= model.events[w[1]].label.to_lowercase()
            );
        }
        let by_sources = sorted(&model, &all, SortKey::Sources, false);
        let n = |e: usize| model.event_sources(&model.events[e]).len();
        for w in by_sources.windows(2) {
            assert!(n(w[0]) >= n(w[1]));
        }
        let by_kind = sorted(&model, &all, SortKey::Kind, false);
        for w in by_kind.windows(2) {
            assert!(model.events[w[0]].kind <= model.events[w[1]].kind);
        }

        let mut some = all.clone();
        some[0] = false;
        some[2] = false;
        let rows = sorted(&model, &some, SortKey::Time, false);
        assert_eq!(rows.len(), model.events.len() - 2);
        assert!(!rows.contains(&0) && !rows.contains(&2));
    }
}
