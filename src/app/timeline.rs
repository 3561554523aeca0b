//! The central timeline: a calendar axis on top and one lane per source below it, with one
//! marker per mention, connectors joining the mentions of one event across lanes, zoom, pan,
//! range brushing and click selection. Hand-painted with egui's `Painter`.
//!
//! Reads the model, owns only [`TimelineView`], and reports what the user asked for as
//! [`Command`]s. Zoom and pan change the view directly: they are this panel's own state.

use super::axis::{self, AxisView};
use super::phases::{Phase, PhaseKind};
use super::state::{Brush, BrushOwner, Command, LaneGrouping, TimelineView};
use super::warp::Warp;
use crate::model::{EventIdx, EventKind, Granularity, MentionIdx, Timeline};
use egui::{
    Align2, Color32, CornerRadius, FontId, Galley, Key, Painter, Pos2, Rect, Role, Sense, Stroke,
    StrokeKind, Ui, Vec2, WidgetInfo, pos2, vec2,
};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Width of the lane names on the left.
const GUTTER_WIDTH_POINTS: f32 = 190.0;
const AXIS_HEIGHT_POINTS: f32 = 40.0;
const LANE_MIN_HEIGHT_POINTS: f32 = 64.0;
const LANE_MAX_HEIGHT_POINTS: f32 = 200.0;
/// Room kept free at both ends by "Fit all", so that end markers and a label stay visible.
const FIT_MARGIN_POINTS: f64 = 30.0;
const POINT_RADIUS_POINTS: f32 = 5.0;
/// Markers closer than this go to another row of the lane, so each stays clickable.
const MARKER_GAP_POINTS: f32 = 4.0;
/// Tall enough for a 12-point label, so labels in neighbouring rows do not overlap.
const ROW_HEIGHT_POINTS: f32 = 18.0;
const MAX_ROWS: usize = 8;
const LANE_PADDING_POINTS: f32 = 5.0;
const BAR_HEIGHT_POINTS: f32 = 8.0;
/// How much of its colour an event outside the filter keeps: enough to see that something
/// is there, little enough that what passes stands out.
const FADED: f32 = 0.18;
/// A point-like time whose span is wider than this on screen is drawn as its span.
const BAR_FROM_POINTS: f32 = 80.0;
/// "Fit all" leaves this much more room on the right, where the latest markers' labels go.
const FIT_LABEL_ROOM_POINTS: f64 = 140.0;
/// A wheel notch is about 50 points of scroll; this makes it about 20 % of zoom.
const ZOOM_PER_SCROLL_POINT: f64 = 0.004;

/// The colour of a kind of event: violence warm, agreements green, talk blue, context grey.
pub fn kind_color(kind: EventKind) -> Color32 {
    match kind {
        EventKind::CeasefireAgreed => Color32::from_rgb(60, 190, 110),
        EventKind::CeasefireInForce => Color32::from_rgb(30, 150, 90),
        EventKind::ViolationAlleged => Color32::from_rgb(240, 140, 40),
        EventKind::Shelling => Color32::from_rgb(225, 70, 60),
        EventKind::AirStrike => Color32::from_rgb(200, 50, 140),
        EventKind::ArmedClash => Color32::from_rgb(190, 40, 40),
        EventKind::Casualties => Color32::from_rgb(150, 30, 60),
        EventKind::Talks => Color32::from_rgb(70, 140, 230),
        EventKind::Statement => Color32::from_rgb(120, 170, 220),
        EventKind::Exchange => Color32::from_rgb(40, 190, 200),
        EventKind::Displacement => Color32::from_rgb(200, 170, 60),
        EventKind::TerritorialChange => Color32::from_rgb(160, 110, 220),
        EventKind::Deployment => Color32::from_rgb(110, 120, 200),
        EventKind::Background => Color32::from_rgb(150, 150, 150),
    }
}

/// Items longer than this (more than a month: "late last month" is not, "the 1990s" is) are
/// indexed apart from the rest.
const LONG_ITEM_SECS: f64 = 32.0 * 86_400.0;

/// Whether a mention is drawn as a bar over its span rather than a point: coarser than a
/// day, a point would claim a precision the report does not have.
fn is_coarse(granularity: Granularity) -> bool {
    granularity > Granularity::Day
}

/// One mention placed on its lane, in axis seconds.
#[derive(Clone, Debug)]
struct LaneItem {
    start_secs: f64,
    end_secs: f64,
    mention: MentionIdx,
    event: EventIdx,
    coarse: bool,
}

/// Mentions per lane sorted by start, so that a frame only looks at what is visible
/// (binary search, as vis-timeline's `Group.js`); built once per model.
#[derive(Clone, Debug, Default)]
pub struct LaneIndex {
    lanes: Vec<Vec<LaneItem>>,
    /// Items longer than [`LONG_ITEM_SECS`], per lane, sorted by start.
    long: Vec<Vec<LaneItem>>,
    /// Longest item per lane: how far before the left edge a visible item can start.
    max_len_secs: Vec<f64>,
    /// The time range of everything drawn, for "Fit all" (axis seconds).
    bounds_secs: Option<(f64, f64)>,
    /// Real time ↔ axis time; item times here are axis seconds.
    pub warp: Warp,
    /// Each lane's name and the line under it.
    titles: Vec<(String, String)>,
    /// Ceasefire phases, in axis seconds, drawn behind the lanes.
    phases: Vec<Phase>,
    /// Whether lanes are sources (and may be hidden from the Lanes menu).
    by_source: bool,
}

/// The claimant lane of a mention: the party the gazetteer knows, else who was named.
const UNATTRIBUTED: &str = "Not attributed";

fn claimant_of(mention: &crate::model::Mention) -> &str {
    mention
        .facts
        .claimant_party
        .as_deref()
        .or(mention.facts.claimant.as_deref())
        .unwrap_or(UNATTRIBUTED)
}

/// Lane titles and each mention's lane, for `grouping`.
fn lanes_for(model: &Timeline, grouping: LaneGrouping) -> (Vec<(String, String)>, Vec<usize>) {
    match grouping {
        LaneGrouping::Source => {
            let titles = model
                .sources
                .iter()
                .map(|s| {
                    let date = s
                        .published
                        .as_ref()
                        .map(|p| format!("published {}", p.date.format("%-d %b %Y")))
                        .unwrap_or_else(|| "date unknown".to_owned());
                    (s.lane_label().to_owned(), date)
                })
                .collect();
            (titles, model.mentions.iter().map(|m| m.source).collect())
        }
        LaneGrouping::Claimant => {
            // Parties by how much they claim, the unattributed last.
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for m in &model.mentions {
                *counts.entry(claimant_of(m)).or_default() += 1;
            }
            let mut parties: Vec<(&str, usize)> = counts.into_iter().collect();
            parties.sort_by_key(|&(p, n)| (p == UNATTRIBUTED, std::cmp::Reverse(n), p));
            let lane_of: BTreeMap<&str, usize> = parties
                .iter()
                .enumerate()
                .map(|(i, (p, _))| (*p, i))
                .collect();
            let titles = parties
                .iter()
                .map(|(p, n)| {
                    let says = if *p == UNATTRIBUTED {
                        format!("{n} mentions with no claimant")
                    } else {
                        format!("claims in {n} mentions")
                    };
                    ((*p).to_owned(), says)
                })
                .collect();
            let lanes = model
                .mentions
                .iter()
                .map(|m| lane_of.get(claimant_of(m)).copied().unwrap_or(0))
                .collect();
            (titles, lanes)
        }
    }
}

impl LaneIndex {
    /// `compress`: collapse long quiet periods (see [`super::warp`]).
    pub fn new(model: &Timeline, compress: bool, grouping: LaneGrouping) -> LaneIndex {
        let (titles, lane_of_mention) = lanes_for(model, grouping);
        let warp = if compress {
            let (mut news, mut context) = (Vec::new(), Vec::new());
            for m in &model.mentions {
                let span = (
                    axis::secs_from_datetime(m.time.start),
                    axis::secs_from_datetime(m.time.end),
                );
                if m.time.granularity <= Granularity::Day {
                    news.push(span);
                } else {
                    context.push(span);
                }
            }
            Warp::compressing(&news, &context)
        } else {
            Warp::default()
        };
        let mut lanes: Vec<Vec<LaneItem>> = vec![Vec::new(); titles.len()];
        for (event_idx, event) in model.events.iter().enumerate() {
            for &m in &event.mentions {
                let Some(mention) = model.mentions.get(m) else {
                    continue;
                };
                let Some(lane) = lane_of_mention.get(m).and_then(|&l| lanes.get_mut(l)) else {
                    continue;
                };
                // Two sentences of one report dating the same event alike are one marker;
                // the details panel still quotes both.
                let start_secs = warp.to_axis(axis::secs_from_datetime(mention.time.start));
                let end_secs = warp.to_axis(axis::secs_from_datetime(mention.time.end));
                // Events are visited in order, so this event's items are the lane's last.
                if lane
                    .iter()
                    .rev()
                    .take_while(|i| i.event == event_idx)
                    .any(|i| i.start_secs == start_secs && i.end_secs == end_secs)
                {
                    continue;
                }
                lane.push(LaneItem {
                    start_secs,
                    end_secs,
                    mention: m,
                    event: event_idx,
                    coarse: is_coarse(mention.time.granularity),
                });
            }
        }
        // Long bars ("the 1990s") go to a list of their own, so that one of them does not
        // make every frame scan a decade of short items before the view.
        let mut long: Vec<Vec<LaneItem>> = lanes
            .iter_mut()
            .map(|lane| {
                let (l, short): (Vec<LaneItem>, Vec<LaneItem>) = std::mem::take(lane)
                    .into_iter()
                    .partition(|i| i.end_secs - i.start_secs > LONG_ITEM_SECS);
                *lane = short;
                l
            })
            .collect();
        for lane in &mut long {
            lane.sort_by(|a, b| a.start_secs.total_cmp(&b.start_secs));
        }
        let mut bounds_secs: Option<(f64, f64)> = long
            .iter()
            .flatten()
            .map(|i| (i.start_secs, i.end_secs))
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)));
        let mut max_len_secs = Vec::with_capacity(lanes.len());
        for lane in &mut lanes {
            lane.sort_by(|a, b| a.start_secs.total_cmp(&b.start_secs));
            let mut longest: f64 = 0.0;
            for item in lane.iter() {
                longest = longest.max(item.end_secs - item.start_secs);
                bounds_secs = Some(match bounds_secs {
                    Some((lo, hi)) => (lo.min(item.start_secs), hi.max(item.end_secs)),
                    None => (item.start_secs, item.end_secs),
                });
            }
            max_len_secs.push(longest);
        }
        let phases = super::phases::phases(model)
            .into_iter()
            .map(|p| Phase {
                start_secs: warp.to_axis(p.start_secs),
                end_secs: warp.to_axis(p.end_secs),
                ..p
            })
            .collect();
        LaneIndex {
            lanes,
            long,
            max_len_secs,
            bounds_secs,
            warp,
            titles,
            phases,
            by_source: grouping == LaneGrouping::Source,
        }
    }

    /// The short items of `lane` that overlap `[left, right]`, as a slice (a superset: some
    /// may end before `left`).
    fn visible_short(&self, lane: usize, left_secs: f64, right_secs: f64) -> &[LaneItem] {
        let items = self.lanes.get(lane).map(Vec::as_slice).unwrap_or_default();
        let reach = self.max_len_secs.get(lane).copied().unwrap_or(0.0);
        let first = items.partition_point(|i| i.start_secs < left_secs - reach);
        let last = items.partition_point(|i| i.start_secs <= right_secs);
        items.get(first..last.max(first)).unwrap_or_default()
    }

    /// The items of `lane` that overlap `[left, right]`, in start order within each kind
    /// (long bars first).
    fn visible(
        &self,
        lane: usize,
        left_secs: f64,
        right_secs: f64,
    ) -> impl Iterator<Item = &LaneItem> {
        let long = self.long.get(lane).map(Vec::as_slice).unwrap_or_default();
        let long_last = long.partition_point(|i| i.start_secs <= right_secs);
        long.get(..long_last)
            .unwrap_or_default()
            .iter()
            .chain(self.visible_short(lane, left_secs, right_secs))
            .filter(move |i| i.end_secs >= left_secs)
    }
}

/// Fits the view to everything the index holds, for a plot `width_points` wide.
fn fit_all(view: &mut TimelineView, index: &LaneIndex, width_points: f64) {
    view.axis = match index.bounds_secs {
        Some((start, end)) => {
            let room = if width_points > 3.0 * FIT_LABEL_ROOM_POINTS {
                FIT_LABEL_ROOM_POINTS
            } else {
                0.0
            };
            // Fitted into a narrower plot from the same left edge: the rest is label room.
            AxisView::fit(start, end, width_points - room, FIT_MARGIN_POINTS)
        }
        None => AxisView::default(),
    };
}

/// Draws the whole timeline into the rest of `ui`, handling zoom, pan, brushing and clicks.
pub fn timeline_ui(
    ui: &mut Ui,
    model: &Timeline,
    view: &mut TimelineView,
    commands: &mut Vec<Command>,
) {
    let index = Arc::clone(
        view.lane_index
            .get_or_insert_with(|| Arc::new(LaneIndex::new(model, view.compress, view.grouping))),
    );
    let full = ui.available_rect_before_wrap();
    let plot_width = (full.width() - GUTTER_WIDTH_POINTS).max(1.0);
    // When a panel opens or the window resizes, keep showing the same stretch of time.
    let width = f64::from(plot_width);
    if view.last_plot_width_points > 1.0
        && width > 1.0
        && (width - view.last_plot_width_points).abs() > 0.5
    {
        view.axis.secs_per_point *= view.last_plot_width_points / width;
    }
    view.last_plot_width_points = width;
    if view.fit_pending {
        fit_all(view, &index, f64::from(plot_width));
        view.fit_pending = false;
    }
    if let Some((start, end)) = view.pending_range_secs.take() {
        let (start, end) = (index.warp.to_axis(start), index.warp.to_axis(end));
        if start.is_finite() && end.is_finite() && start < end {
            view.axis = AxisView::fit(start, end, width, 0.0);
        }
    }
    if view.step_animation(f64::from(ui.input(|i| i.stable_dt))) {
        ui.ctx().request_repaint();
    }
    if model.sources.is_empty() {
        empty_ui(ui, full);
        return;
    }

    if ui.input(|i| i.key_pressed(Key::F)) && !ui.ctx().egui_wants_keyboard_input() {
        commands.push(Command::FitAll);
    }

    let axis_rect = Rect::from_min_size(full.min, vec2(full.width(), AXIS_HEIGHT_POINTS));
    let axis_response = ui.allocate_rect(axis_rect, Sense::click_and_drag());
    axis_response.widget_info(|| {
        WidgetInfo::labeled(Role::Slider, true, "Time axis: drag to select a time range")
    });
    let plot_left = axis_rect.left() + GUTTER_WIDTH_POINTS;
    brush_ui(
        ui,
        &axis_response,
        view,
        (plot_left, &index.warp),
        BrushOwner::Axis,
        commands,
    );
    if axis_response.double_clicked() {
        commands.push(Command::FitAll);
    }

    // What is left below the axis, after the item spacing the allocation added.
    let lanes_height = ui.available_height();
    let lanes: Vec<usize> = if index.by_source {
        view.source_order(index.titles.len())
            .into_iter()
            .filter(|l| !view.filter.hidden_sources.contains(l))
            .collect()
    } else {
        (0..index.titles.len()).collect()
    };
    let mask = view.mask(model);
    let lane_count = lanes.len().max(1) as f32;
    let lane_height =
        ((lanes_height - 1.0) / lane_count).clamp(LANE_MIN_HEIGHT_POINTS, LANE_MAX_HEIGHT_POINTS);
    // With more lanes than fit, the wheel scrolls them and ctrl+wheel zooms.
    let wheel_zooms = lane_height * lane_count <= lanes_height + 0.5;

    // Zoom before drawing so that ticks and markers of this frame agree.
    wheel_ui(ui, view, axis_rect, plot_left, true);

    egui::ScrollArea::vertical()
        .id_salt("lanes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width();
            let height = (lane_height * lane_count).max(ui.available_height());
            let (canvas, response) =
                ui.allocate_exact_size(vec2(width, height), Sense::click_and_drag());
            response.widget_info(|| {
                WidgetInfo::labeled(
                    Role::Canvas,
                    true,
                    "Timeline: one lane per source; drag to pan, wheel to zoom, shift+drag to select a range",
                )
            });
            wheel_ui(ui, view, canvas, plot_left, wheel_zooms);
            let brushing = brush_ui(
                ui,
                &response,
                view,
                (plot_left, &index.warp),
                BrushOwner::Lanes,
                commands,
            );
            if response.dragged() && !brushing {
                view.animation = None;
                view.axis = view.axis.pan(f64::from(response.drag_delta().x));
            }
            if response.double_clicked() {
                commands.push(Command::FitAll);
            } else if response.clicked() {
                commands.push(Command::ClearSelection);
            }
            let layout = LaneLayout {
                lanes: &lanes,
                mask: &mask,
                canvas,
                lane_height,
            };
            lanes_ui(ui, model, view, &index, &layout, commands);
        });

    axis_ui(ui, view, &index.warp, axis_rect, plot_left, full.bottom());
    if index.bounds_secs.is_none() {
        ui.painter().text(
            pos2(plot_left + plot_width / 2.0, full.center().y),
            Align2::CENTER_CENTER,
            "No dated events were found in these reports",
            FontId::proportional(16.0),
            ui.visuals().weak_text_color(),
        );
    }
}

/// What to show before anything is loaded.
fn empty_ui(ui: &mut Ui, rect: Rect) {
    ui.painter().text(
        rect.center(),
        Align2::CENTER_CENTER,
        "No reports loaded. Use File > Open folder… (Ctrl+O) or File > Open bundled samples.",
        FontId::proportional(16.0),
        ui.visuals().weak_text_color(),
    );
}

/// Wheel zoom at the cursor (or ctrl+wheel / pinch anywhere) and horizontal scroll to pan,
/// while the pointer is over `rect`. The scroll is consumed so that no scroll area also moves.
fn wheel_ui(ui: &Ui, view: &mut TimelineView, rect: Rect, plot_left: f32, wheel_zooms: bool) {
    let Some(pointer) = ui.input(|i| i.pointer.hover_pos()) else {
        return;
    };
    if !rect.contains(pointer) || !ui.rect_contains_pointer(rect) {
        return;
    }
    let x = f64::from(pointer.x - plot_left);
    let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
    let mut factor = f64::from(zoom);
    if wheel_zooms {
        factor *= (f64::from(scroll.y) * ZOOM_PER_SCROLL_POINT).exp();
    }
    if (factor - 1.0).abs() > 1e-6 {
        view.animation = None;
        view.axis = view.axis.zoom_at(x, factor);
    }
    if scroll.x != 0.0 {
        view.animation = None;
        view.axis = view.axis.pan(f64::from(scroll.x));
    }
    if scroll != Vec2::ZERO {
        ui.input_mut(|i| {
            i.smooth_scroll_delta.x = 0.0;
            if wheel_zooms {
                i.smooth_scroll_delta.y = 0.0;
            }
        });
    }
}

/// Range brushing by drag: any drag on the axis, shift+drag on the lanes. Returns whether
/// `response` is brushing now, so that the lanes do not also pan.
fn brush_ui(
    ui: &Ui,
    response: &egui::Response,
    view: &mut TimelineView,
    (plot_left, warp): (f32, &Warp),
    owner: BrushOwner,
    commands: &mut Vec<Command>,
) -> bool {
    let axis = view.axis;
    // Ranges are kept in real time: a selection means the same hours with or without breaks.
    let time_at = |pos: Pos2| warp.to_real(axis.time_from_x(f64::from(pos.x - plot_left)));
    // The press origin, not the current position: a drag is recognised only after the
    // pointer has moved a few points, and the range starts where the button went down.
    if response.drag_started()
        && (owner == BrushOwner::Axis || ui.input(|i| i.modifiers.shift))
        && let Some(pos) = ui
            .input(|i| i.pointer.press_origin())
            .or_else(|| response.interact_pointer_pos())
    {
        view.brush = Some(Brush {
            start_secs: time_at(pos),
            owner,
        });
    }
    let Some(brush) = view.brush.filter(|b| b.owner == owner) else {
        return false;
    };
    if response.drag_stopped() {
        view.brush = None;
        let end = ui
            .input(|i| i.pointer.interact_pos())
            .or_else(|| response.interact_pointer_pos())
            .map(time_at);
        // A drag of a few points is a sloppy click, not a range.
        if let Some(end) = end
            && (warp.to_axis(end) - warp.to_axis(brush.start_secs)).abs() / axis.secs_per_point
                >= 3.0
        {
            commands.push(Command::SelectRange {
                start_secs: brush.start_secs,
                end_secs: end,
            });
        }
    } else if !response.dragged() {
        view.brush = None;
    }
    true
}

/// Ticks, their labels, the date context and the brushed range, over `axis_rect`; grid lines
/// and the brushed band run down to `bottom`.
fn axis_ui(
    ui: &Ui,
    view: &TimelineView,
    warp: &Warp,
    axis_rect: Rect,
    plot_left: f32,
    bottom: f32,
) {
    let painter = ui
        .painter()
        .with_clip_rect(axis_rect.union(Rect::from_x_y_ranges(
            axis_rect.x_range(),
            axis_rect.top()..=bottom,
        )));
    let visuals = ui.visuals();
    painter.rect_filled(axis_rect, CornerRadius::ZERO, visuals.faint_bg_color);
    painter.hline(
        axis_rect.x_range(),
        axis_rect.bottom(),
        visuals.widgets.noninteractive.bg_stroke,
    );
    let plot_width = f64::from(axis_rect.right() - plot_left);
    let (left, right) = view.axis.visible_secs(plot_width);
    // Ticks are calendar dates, so they are laid out in real time on each stretch between
    // breaks, where axis and real time differ by a shift.
    let mut step = axis::TickStep::for_scale(view.axis.secs_per_point);
    let mut ticks = Vec::new();
    for (from, to, shift) in warp.plain_segments() {
        if to < left || from > right {
            continue;
        }
        let shifted = AxisView {
            left_secs: view.axis.left_secs + shift,
            ..view.axis
        };
        let (s, mut found) = axis::ticks(&shifted, plot_width);
        step = s;
        // A tick on a break's edge would name the break's own (arbitrary) end.
        found.retain(|t| from < t.secs - shift && t.secs - shift < to);
        for t in &mut found {
            t.secs -= shift;
        }
        ticks.extend(found);
    }
    let plot_clip = painter.with_clip_rect(Rect::from_x_y_ranges(
        plot_left..=axis_rect.right(),
        axis_rect.top()..=bottom,
    ));
    let label_font = FontId::proportional(13.0);
    let tick_color = visuals.text_color();
    let grid = Stroke::new(1.0, visuals.weak_text_color().gamma_multiply(0.25));
    for tick in &ticks {
        let x = plot_left + view.axis.x_from_time(tick.secs) as f32;
        plot_clip.vline(
            x,
            axis_rect.bottom() - 8.0..=axis_rect.bottom(),
            Stroke::new(1.0, tick_color),
        );
        plot_clip.vline(x, axis_rect.bottom()..=bottom, grid);
        let galley = painter.layout_no_wrap(tick.label.clone(), label_font.clone(), tick_color);
        // A label cut by the plot's right edge reads as a different date ("24 O").
        if x + 3.0 + galley.size().x <= axis_rect.right() {
            let pos = pos2(x + 3.0, axis_rect.bottom() - 9.0 - galley.size().y);
            plot_clip.galley(pos, galley, tick_color);
        }
    }
    breaks_ui(&plot_clip, view, warp, axis_rect, (plot_left, bottom));
    // The date context names the first tick's month or year; the plot's left edge may lie
    // in the margin before a break, centuries before anything in view.
    let left = ticks
        .iter()
        .map(|t| t.secs)
        .find(|&t| t >= view.axis.left_secs)
        .unwrap_or(view.axis.left_secs);
    let left_time = axis::datetime_from_secs(warp.to_real(left));
    let context = left_time.and_then(|t| step.context_label(t));
    painter.text(
        pos2(axis_rect.left() + 8.0, axis_rect.center().y),
        Align2::LEFT_CENTER,
        context.as_deref().unwrap_or("Sources"),
        FontId::proportional(14.0),
        visuals.strong_text_color(),
    );

    let range = view
        .selection
        .range_secs
        .or_else(|| brush_preview(ui, view, warp, plot_left));
    if let Some((start, end)) = range {
        let x_of =
            |t: f64| plot_left + view.axis.x_from_time(warp.to_axis(t)).clamp(-1e6, 1e6) as f32;
        let (x0, x1) = (x_of(start.min(end)), x_of(start.max(end)));
        let band = Rect::from_x_y_ranges(x0..=x1.max(x0 + 1.0), axis_rect.top()..=bottom);
        let color = visuals.selection.bg_fill;
        plot_clip.rect_filled(band, CornerRadius::ZERO, color.gamma_multiply(0.18));
        plot_clip.vline(x0, axis_rect.top()..=bottom, Stroke::new(1.0, color));
        plot_clip.vline(x1, axis_rect.top()..=bottom, Stroke::new(1.0, color));
    }
}

/// The range being brushed right now, from its start to the pointer (real seconds).
fn brush_preview(ui: &Ui, view: &TimelineView, warp: &Warp, plot_left: f32) -> Option<(f64, f64)> {
    let start = view.brush?.start_secs;
    let pointer = ui.input(|i| i.pointer.interact_pos())?;
    Some((
        start,
        warp.to_real(view.axis.time_from_x(f64::from(pointer.x - plot_left))),
    ))
}

/// Ceasefire phases as translucent bands across every lane, named at the top where they are
/// wide enough: green while a truce is agreed or in force, orange where a violation is
/// alleged during one.
fn phases_ui(
    painter: &Painter,
    view: &TimelineView,
    index: &LaneIndex,
    plot_rect: Rect,
    visuals: &egui::Visuals,
) {
    let x_of = |secs: f64| plot_rect.left() + view.axis.x_from_time(secs).clamp(-1e6, 1e6) as f32;
    for phase in &index.phases {
        let (x0, x1) = (x_of(phase.start_secs), x_of(phase.end_secs));
        if x1 < plot_rect.left() || x0 > plot_rect.right() {
            continue;
        }
        let (color, alpha, min_width) = match phase.kind {
            PhaseKind::Agreed => (kind_color(EventKind::CeasefireAgreed), 0.05, 2.0),
            PhaseKind::InForce => (kind_color(EventKind::CeasefireInForce), 0.08, 2.0),
            PhaseKind::Violated => (kind_color(EventKind::ViolationAlleged), 0.10, 3.0),
        };
        let band = Rect::from_x_y_ranges(x0..=x1.max(x0 + min_width), plot_rect.y_range());
        painter.rect_filled(band, CornerRadius::ZERO, color.gamma_multiply(alpha));
        if phase.kind != PhaseKind::Violated {
            let galley = painter.layout_no_wrap(
                phase.kind.title().to_owned(),
                FontId::proportional(11.0),
                color.gamma_multiply(0.8),
            );
            let visible = band.intersect(plot_rect);
            if galley.size().x + 8.0 <= visible.width() {
                let pos = pos2(
                    visible.left() + 4.0,
                    plot_rect.bottom() - galley.size().y - 2.0,
                );
                painter.galley(pos, galley, visuals.text_color());
            }
        }
    }
}

/// Each collapsed quiet period: a hatched band down the lanes, with the years it spans when
/// there is room, so that nobody reads the axis across it as continuous.
fn breaks_ui(
    painter: &Painter,
    view: &TimelineView,
    warp: &Warp,
    axis_rect: Rect,
    (plot_left, bottom): (f32, f32),
) {
    let visuals = painter.ctx().global_style().visuals.clone();
    let stroke = Stroke::new(1.0, visuals.weak_text_color().gamma_multiply(0.6));
    for b in warp.breaks() {
        let x0 = plot_left + view.axis.x_from_time(b.axis_start).clamp(-1e6, 1e6) as f32;
        let x1 = plot_left + view.axis.x_from_time(b.axis_end()).clamp(-1e6, 1e6) as f32;
        if x1 < plot_left || x0 > axis_rect.right() {
            continue;
        }
        let band = Rect::from_x_y_ranges(x0..=x1.max(x0 + 2.0), axis_rect.top()..=bottom);
        painter.rect_filled(
            band,
            CornerRadius::ZERO,
            visuals.extreme_bg_color.gamma_multiply(0.6),
        );
        painter.vline(band.left(), band.y_range(), stroke);
        painter.vline(band.right(), band.y_range(), stroke);
        // A zig-zag across the axis: the conventional mark of a broken scale.
        let mid = axis_rect.bottom() - 4.0;
        let zig: Vec<Pos2> = (0..=4)
            .map(|i| {
                let x = band.left() + band.width() * i as f32 / 4.0;
                pos2(x, if i % 2 == 0 { mid - 4.0 } else { mid + 4.0 })
            })
            .collect();
        painter.line(zig, stroke);
        let years = |t: f64| axis::datetime_from_secs(t).map(|d| d.format("%Y").to_string());
        if let (Some(a), Some(z)) = (years(b.real_start), years(b.real_end)) {
            // One line when it fits, else the two years stacked.
            let font = FontId::proportional(11.0);
            let color = visuals.weak_text_color();
            let wide = painter.layout_no_wrap(format!("{a} … {z}"), font.clone(), color);
            let galley = if wide.size().x + 6.0 <= band.width() {
                wide
            } else {
                painter.layout_no_wrap(format!("{a}\n{z}"), font, color)
            };
            if galley.size().x + 4.0 <= band.width() {
                let pos = pos2(
                    band.center().x - galley.size().x / 2.0,
                    axis_rect.top() + 2.0,
                );
                painter.galley(pos, galley, color);
            }
        }
    }
}

/// A one-line galley cut to `max_width` with an ellipsis.
fn single_line(
    painter: &Painter,
    text: &str,
    font: FontId,
    color: Color32,
    max_width: f32,
) -> Arc<Galley> {
    // Labels are article text: controls shown, not applied.
    let text = super::safe_text::label(text);
    let mut job = egui::text::LayoutJob::simple_singleline(text, font, color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(max_width.max(1.0));
    painter.layout_job(job)
}

/// How wide `text` is on one line.
fn label_width(painter: &Painter, text: &str, font: &FontId) -> f32 {
    painter
        .layout_no_wrap(super::safe_text::label(text), font.clone(), Color32::WHITE)
        .size()
        .x
}

/// Where one mention ended up on screen, for connectors and labels.
struct Placed {
    event: EventIdx,
    mention: MentionIdx,
    /// The marker's hit area.
    rect: Rect,
    /// Where connectors attach.
    anchor: Pos2,
    lane: usize,
    row: usize,
    coarse: bool,
}

/// Lays out the visible mentions of one lane into rows, so that no marker hides another
/// (vis-timeline's `Stack.js`, greedy): points and bars share the rows; a row is tall enough
/// for a label, so labels of neighbouring rows never touch.
fn place_lane(
    lane: usize,
    lane_rect: Rect,
    plot_left: f32,
    view: &TimelineView,
    index: &LaneIndex,
    plot_width: f64,
) -> Vec<Placed> {
    let (left, right) = view.axis.visible_secs(plot_width);
    let rows_top = lane_rect.top() + LANE_PADDING_POINTS;
    let row_count = (((lane_rect.height() - 2.0 * LANE_PADDING_POINTS) / ROW_HEIGHT_POINTS).floor()
        as usize)
        .clamp(1, MAX_ROWS);
    let mut row_ends = [f32::NEG_INFINITY; MAX_ROWS];
    let row_ends = &mut row_ends[..row_count];
    let plot_right = plot_left + plot_width as f32;
    let x_of = |secs: f64| plot_left + view.axis.x_from_time(secs).clamp(-1.0e6, 1.0e6) as f32;
    let mut placed = Vec::new();
    for item in index.visible(lane, left, right) {
        // A fine time zoomed in until its span is wide shows that span, like a coarse one:
        // a point at noon would claim the report said noon.
        let span_x0 = x_of(item.start_secs);
        let span_x1 = x_of(item.end_secs);
        let as_bar = item.coarse || span_x1 - span_x0 > BAR_FROM_POINTS;
        let (x0, x1, anchor_x) = if as_bar {
            let x1 = span_x1.max(span_x0 + 4.0);
            (
                span_x0,
                x1,
                (span_x0.max(plot_left) + x1.min(plot_right)) / 2.0,
            )
        } else {
            let x = x_of(item.start_secs + (item.end_secs - item.start_secs) / 2.0);
            (x - POINT_RADIUS_POINTS, x + POINT_RADIUS_POINTS, x)
        };
        // The span overlaps the view but a point at its middle may not.
        if x1 < plot_left || x0 > plot_right {
            continue;
        }
        let row = first_free_row(row_ends, x0, MARKER_GAP_POINTS);
        if let Some(end) = row_ends.get_mut(row) {
            *end = end.max(x1);
        }
        let y = rows_top + ROW_HEIGHT_POINTS * (row as f32 + 0.5);
        let rect = if as_bar {
            Rect::from_x_y_ranges(
                x0..=x1,
                y - BAR_HEIGHT_POINTS / 2.0..=y + BAR_HEIGHT_POINTS / 2.0,
            )
        } else {
            Rect::from_center_size(
                pos2(anchor_x, y),
                Vec2::splat(2.0 * POINT_RADIUS_POINTS + 4.0),
            )
        };
        placed.push(Placed {
            event: item.event,
            mention: item.mention,
            rect,
            anchor: pos2(anchor_x, y),
            lane,
            row,
            coarse: as_bar,
        });
    }
    placed
}

/// A column of a dense lane: how many mentions start in `[start, end)` (axis seconds).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Bin {
    x0: f32,
    x1: f32,
    start_secs: f64,
    end_secs: f64,
    count: usize,
}

/// Bins are this wide where a lane is too dense for markers.
const DENSITY_BIN_POINTS: f32 = 8.0;

/// When a lane holds more visible mentions than its rows can show as separate markers, their
/// counts per column of [`DENSITY_BIN_POINTS`] instead (`None` when markers fit). Counting is
/// a galloping search per column on the lane's sorted starts, so a dense lane costs about the
/// same at any zoom, whatever it holds.
fn density_bins(
    lane: usize,
    lane_rect: Rect,
    plot_left: f32,
    view: &TimelineView,
    index: &LaneIndex,
    plot_width: f64,
) -> Option<Vec<Bin>> {
    let (left, right) = view.axis.visible_secs(plot_width);
    let short = index.visible_short(lane, left, right);
    let rows = ((lane_rect.height() - 2.0 * LANE_PADDING_POINTS) / ROW_HEIGHT_POINTS)
        .floor()
        .clamp(1.0, MAX_ROWS as f32);
    let per_row = plot_width as f32 / (2.0 * POINT_RADIUS_POINTS + MARKER_GAP_POINTS);
    // Half the room: beyond that, markers pile up in the last rows and labels vanish.
    if (short.len() as f32) <= rows * per_row / 2.0 {
        return None;
    }
    let columns = (plot_width as f32 / DENSITY_BIN_POINTS).ceil().max(1.0) as usize;
    let secs_per_bin = f64::from(DENSITY_BIN_POINTS) * view.axis.secs_per_point;
    let mut bins = Vec::new();
    let mut from = short.partition_point(|i| i.start_secs < left);
    for c in 0..columns {
        let start = left + c as f64 * secs_per_bin;
        let end = start + secs_per_bin;
        let to = gallop(short, from, end);
        if to > from {
            let x0 = plot_left + c as f32 * DENSITY_BIN_POINTS;
            bins.push(Bin {
                x0,
                x1: x0 + DENSITY_BIN_POINTS,
                start_secs: start,
                end_secs: end,
                count: to - from,
            });
        }
        from = to;
    }
    Some(bins)
}

/// The first index at or after `from` whose item starts at or after `end`: doubling steps from
/// `from`, then a binary search in the last step. Columns are narrow, so the answer is a few
/// items away and this touches a few cache lines, where a search of the whole rest of the lane
/// would touch many.
fn gallop(items: &[LaneItem], from: usize, end: f64) -> usize {
    let mut lo = from;
    let mut step = 1;
    let mut hi = from;
    while hi < items.len() && items[hi].start_secs < end {
        lo = hi + 1;
        hi = (hi + step).min(items.len());
        step *= 2;
    }
    lo + items
        .get(lo..hi)
        .map_or(0, |part| part.partition_point(|i| i.start_secs < end))
}

/// A dense lane: one bar per column, its height the log of its count, so that a burst of
/// reports stands out without flattening the rest. The column under the pointer says what it
/// holds; a click zooms into it until markers fit.
fn density_ui(
    ui: &mut Ui,
    painter: &Painter,
    index: &LaneIndex,
    (lane, lane_rect): (usize, Rect),
    bins: &[Bin],
    commands: &mut Vec<Command>,
) {
    let top = lane_rect.top() + LANE_PADDING_POINTS;
    let bottom = lane_rect.bottom() - LANE_PADDING_POINTS;
    let most = bins.iter().map(|b| b.count).max().unwrap_or(1).max(2) as f32;
    let color = ui.visuals().text_color().gamma_multiply(0.55);
    for b in bins {
        let h = ((1.0 + b.count as f32).ln() / (1.0 + most).ln()).clamp(0.08, 1.0);
        let rect = Rect::from_x_y_ranges(
            b.x0 + 1.0..=b.x1 - 1.0,
            bottom - h * (bottom - top)..=bottom,
        );
        painter.rect_filled(rect, CornerRadius::same(1), color);
    }
    let Some(pointer) = ui.input(|i| i.pointer.hover_pos()) else {
        return;
    };
    if !lane_rect.contains(pointer) {
        return;
    }
    let Some(bin) = bins.iter().find(|b| b.x0 <= pointer.x && pointer.x < b.x1) else {
        return;
    };
    let rect = Rect::from_x_y_ranges(bin.x0..=bin.x1, top..=bottom);
    painter.rect_stroke(
        rect,
        CornerRadius::same(1),
        Stroke::new(1.0, ui.visuals().strong_text_color()),
        StrokeKind::Inside,
    );
    let warp = &index.warp;
    let name = |secs: f64| {
        axis::datetime_from_secs(warp.to_real(secs))
            .map(|t| t.format("%-d %b %Y %H:%M").to_string())
            .unwrap_or_default()
    };
    let label = format!(
        "{} mentions, {} – {}",
        bin.count,
        name(bin.start_secs),
        name(bin.end_secs)
    );
    let response = ui
        .interact(rect, ui.scope_id().with(("density", lane)), Sense::click())
        .on_hover_text(format!("{label}\nClick to zoom in"));
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
    if response.clicked() {
        commands.push(Command::ZoomAxis {
            start_secs: bin.start_secs,
            end_secs: bin.end_secs,
        });
    }
}

/// The first row whose last item ends at least `gap` before `x`; the least crowded row when
/// all are taken, so that overlap spreads evenly.
fn first_free_row(row_ends: &[f32], x: f32, gap: f32) -> usize {
    row_ends
        .iter()
        .position(|&end| end + gap <= x)
        .or_else(|| {
            row_ends
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.total_cmp(b.1))
                .map(|(i, _)| i)
        })
        .unwrap_or(0)
}

/// Lanes, markers, connectors and labels; one clickable, labelled response per marker.
/// Where the lanes go this frame: which sources have a lane (in order), which events pass the
/// filter, and the canvas they share.
struct LaneLayout<'a> {
    lanes: &'a [usize],
    mask: &'a [bool],
    canvas: Rect,
    lane_height: f32,
}

fn lanes_ui(
    ui: &mut Ui,
    model: &Timeline,
    view: &TimelineView,
    index: &LaneIndex,
    layout: &LaneLayout,
    commands: &mut Vec<Command>,
) {
    let (canvas, lane_height) = (layout.canvas, layout.lane_height);
    let passes = |e: EventIdx| layout.mask.get(e).copied().unwrap_or(true);
    let painter = ui.painter_at(canvas);
    let visuals = ui.visuals().clone();
    let plot_left = canvas.left() + GUTTER_WIDTH_POINTS;
    let plot_rect = Rect::from_x_y_ranges(plot_left..=canvas.right(), canvas.y_range());
    let plot_width = f64::from(plot_rect.width());
    let plot_painter = painter.with_clip_rect(plot_rect.intersect(ui.clip_rect()));

    let mut placed: Vec<Placed> = Vec::new();
    let mut dense: Vec<(usize, Rect, Vec<Bin>)> = Vec::new();
    for (row, &lane) in layout.lanes.iter().enumerate() {
        let Some((title, subtitle)) = index.titles.get(lane) else {
            continue;
        };
        let top = canvas.top() + row as f32 * lane_height;
        let lane_rect = Rect::from_x_y_ranges(canvas.x_range(), top..=top + lane_height);
        if !ui.is_rect_visible(lane_rect) {
            continue;
        }
        if row % 2 == 1 {
            painter.rect_filled(lane_rect, CornerRadius::ZERO, visuals.faint_bg_color);
        }
        painter.hline(
            canvas.x_range(),
            lane_rect.bottom(),
            visuals.widgets.noninteractive.bg_stroke,
        );
        let name = single_line(
            &painter,
            title,
            FontId::proportional(14.0),
            visuals.strong_text_color(),
            GUTTER_WIDTH_POINTS - 16.0,
        );
        painter.galley(
            pos2(canvas.left() + 8.0, top + 8.0),
            name,
            visuals.text_color(),
        );
        // The header as a node screen readers (and tests) can find.
        let header = Rect::from_min_size(lane_rect.min, vec2(GUTTER_WIDTH_POINTS, 44.0));
        ui.interact(header, ui.scope_id().with(("lane", lane)), Sense::hover())
            .widget_info(|| WidgetInfo::labeled(Role::Label, true, format!("Lane: {title}")));
        painter.text(
            pos2(canvas.left() + 8.0, top + 28.0),
            Align2::LEFT_TOP,
            subtitle,
            FontId::proportional(12.0),
            visuals.weak_text_color(),
        );
        painter.vline(
            plot_left,
            lane_rect.y_range(),
            visuals.widgets.noninteractive.bg_stroke,
        );
        match density_bins(lane, lane_rect, plot_left, view, index, plot_width) {
            Some(bins) => dense.push((lane, lane_rect, bins)),
            None => placed.extend(place_lane(
                lane, lane_rect, plot_left, view, index, plot_width,
            )),
        }
    }
    for (lane, lane_rect, bins) in &dense {
        density_ui(
            ui,
            &plot_painter,
            index,
            (*lane, *lane_rect),
            bins,
            commands,
        );
    }

    phases_ui(&plot_painter, view, index, plot_rect, &visuals);

    let selected = &view.selection.events;
    // Connectors first, so markers sit on top of them.
    let mut anchors: BTreeMap<EventIdx, Vec<(usize, Pos2)>> = BTreeMap::new();
    for p in &placed {
        anchors.entry(p.event).or_default().push((p.lane, p.anchor));
    }
    for (event, mut points) in anchors {
        points.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.y.total_cmp(&b.1.y)));
        let first_lane = points.first().map(|p| p.0);
        if points.iter().all(|p| Some(p.0) == first_lane) {
            continue;
        }
        let color = model
            .events
            .get(event)
            .map(|e| kind_color(e.kind))
            .unwrap_or(Color32::GRAY);
        let width = if selected.contains(&event) { 2.5 } else { 1.2 };
        let alpha = if passes(event) { 0.7 } else { FADED };
        let line: Vec<Pos2> = points.into_iter().map(|p| p.1).collect();
        plot_painter.line(line, Stroke::new(width, color.gamma_multiply(alpha)));
    }

    // Where each marker's label must stop: the left edge of the next marker in its row
    // (one pass from the right, not a search per marker).
    let mut next_left = vec![plot_rect.right(); placed.len()];
    let mut row_next: BTreeMap<(usize, usize), f32> = BTreeMap::new();
    for (i, p) in placed.iter().enumerate().rev() {
        let key = (p.lane, p.row);
        if let Some(x) = row_next.get(&key) {
            next_left[i] = *x;
        }
        row_next.insert(
            key,
            p.rect
                .left()
                .min(row_next.get(&key).copied().unwrap_or(f32::MAX)),
        );
    }

    let label_font = FontId::proportional(12.0);
    let marker_ids = ui.scope_id().with("timeline-mention");
    for (i, p) in placed.iter().enumerate() {
        let Some(event) = model.events.get(p.event) else {
            continue;
        };
        let shown = passes(p.event);
        let color = if shown {
            kind_color(event.kind)
        } else {
            kind_color(event.kind).gamma_multiply(FADED)
        };
        let is_selected = selected.contains(&p.event);
        if p.coarse {
            plot_painter.rect_filled(p.rect, CornerRadius::same(2), color.gamma_multiply(0.35));
            plot_painter.rect_stroke(
                p.rect,
                CornerRadius::same(2),
                Stroke::new(1.0, color),
                StrokeKind::Inside,
            );
        } else {
            plot_painter.circle_filled(p.anchor, POINT_RADIUS_POINTS, color);
        }
        if is_selected {
            let ring = Stroke::new(2.0, visuals.strong_text_color());
            if p.coarse {
                plot_painter.rect_stroke(
                    p.rect.expand(2.0),
                    CornerRadius::same(3),
                    ring,
                    StrokeKind::Outside,
                );
            } else {
                plot_painter.circle_stroke(p.anchor, POINT_RADIUS_POINTS + 3.0, ring);
            }
        }

        // A label runs right until the next marker of the same row, like puffin's flamegraph.
        let next_x = next_left.get(i).copied().unwrap_or(plot_rect.right());
        let visible_bar = p.rect.left().max(plot_left)..p.rect.right().min(plot_rect.right());
        let label_width = label_width(&plot_painter, &event.label, &label_font);
        let inside_bar = p.coarse && visible_bar.end - visible_bar.start >= label_width + 8.0;
        let label_left = if inside_bar {
            visible_bar.start + 4.0
        } else {
            p.rect.right() + 3.0
        };
        let room = next_x - label_left - 4.0;
        if room >= 36.0 && shown {
            let galley = single_line(
                &plot_painter,
                &event.label,
                label_font.clone(),
                visuals.text_color(),
                room,
            );
            let y = p.anchor.y - galley.size().y / 2.0;
            plot_painter.galley(pos2(label_left, y), galley, visuals.text_color());
        }

        let response = ui.interact(
            p.rect.intersect(plot_rect),
            marker_ids.with((p.mention, p.lane)),
            Sense::click(),
        );
        response.widget_info(|| {
            WidgetInfo::selected(
                Role::Button,
                true,
                is_selected,
                super::safe_text::label(&event.label),
            )
        });
        let response = response.on_hover_ui(|ui| {
            ui.strong(super::safe_text::label(&event.label));
            ui.label(format!("{} · {}", event.kind.title(), event.time.display()));
            if let Some(mention) = model.mentions.get(p.mention) {
                let source = model
                    .sources
                    .get(mention.source)
                    .map(|s| s.lane_label())
                    .unwrap_or("?");
                let gap = model
                    .sources
                    .get(mention.source)
                    .and_then(|s| s.published.as_ref())
                    .and_then(|p| super::details::report_gap(p.date, &mention.time))
                    .map(|g| format!(" ({g})"))
                    .unwrap_or_default();
                ui.label(format!(
                    "{}: {}{gap}",
                    super::safe_text::label(source),
                    mention.time.display()
                ));
            }
            let n = model.event_sources(event).len();
            ui.weak(format!(
                "reported by {n} source{}",
                if n == 1 { "" } else { "s" }
            ));
        });
        if response.clicked() {
            if ui.input(|i| i.modifiers.command || i.modifiers.ctrl) {
                commands.push(Command::ToggleEvent(p.event));
            } else {
                commands.push(Command::SelectEvent(p.event));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Mention, Source, TimeBasis, TimeSpan};
    use chrono::NaiveDate;

    fn model() -> Timeline {
        let day = |d| TimeSpan::day(NaiveDate::from_ymd_opt(2020, 10, d).unwrap());
        let source = |id: &str| Source {
            id: id.to_owned(),
            title: id.to_owned(),
            outlet: None,
            published: None,
            text: Default::default(),
            sentences: vec![],
            ..Default::default()
        };
        let mention = |source, time| Mention {
            source,
            sentence: 0,
            kind: EventKind::Shelling,
            trigger: 0..0,
            time,
            time_text: None,
            time_span: None,
            time_basis: TimeBasis::ArticleDate,
            clock: None,
            facts: Default::default(),
        };
        Timeline {
            sources: vec![source("a"), source("b")],
            mentions: vec![
                mention(0, day(10)),
                mention(1, day(10)),
                mention(1, TimeSpan::years(1990, 1999, Granularity::Decade).unwrap()),
            ],
            events: vec![
                Event {
                    id: "e1".into(),
                    kind: EventKind::Background,
                    label: "war".into(),
                    time: TimeSpan::years(1990, 1999, Granularity::Decade).unwrap(),
                    mentions: vec![2],
                    disagreements: vec![],
                },
                Event {
                    id: "e2".into(),
                    kind: EventKind::Shelling,
                    label: "shelling".into(),
                    time: day(10),
                    mentions: vec![0, 1, 99],
                    disagreements: vec![],
                },
            ],
            ..Timeline::default()
        }
    }

    #[test]
    fn index_culls_to_the_visible_range_and_keeps_long_bars() {
        let model = model();
        let index = LaneIndex::new(&model, false, LaneGrouping::Source);
        let at = |y, m, d| {
            axis::secs_from_datetime(
                NaiveDate::from_ymd_opt(y, m, d)
                    .unwrap()
                    .and_hms_opt(0, 0, 0)
                    .unwrap(),
            )
        };
        // The decade bar starts long before the window but still overlaps it.
        let in_1995: Vec<_> = index
            .visible(1, at(1995, 1, 1), at(1995, 2, 1))
            .map(|i| i.event)
            .collect();
        assert_eq!(in_1995, vec![0]);
        let in_2020: Vec<_> = index
            .visible(1, at(2020, 10, 1), at(2020, 10, 20))
            .map(|i| i.event)
            .collect();
        assert_eq!(in_2020, vec![1]);
        assert_eq!(index.visible(7, 0.0, 1.0).count(), 0);
        let (lo, hi) = index.bounds_secs.unwrap();
        assert_eq!(lo, at(1990, 1, 1));
        assert!(hi > at(2020, 10, 10));
    }

    #[test]
    fn fit_of_nothing_and_of_one_instant_is_finite() {
        let mut view = TimelineView::default();
        fit_all(
            &mut view,
            &LaneIndex::new(&Timeline::default(), true, LaneGrouping::Source),
            800.0,
        );
        assert!(view.axis.secs_per_point.is_finite());
        let mut one = model();
        one.events.truncate(1);
        one.events[0].time = TimeSpan::day(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
        one.mentions[2].time = one.events[0].time;
        fit_all(
            &mut view,
            &LaneIndex::new(&one, true, LaneGrouping::Source),
            800.0,
        );
        assert!(view.axis.secs_per_point > 0.0 && view.axis.left_secs.is_finite());
    }

    #[test]
    fn gallop_finds_the_same_index_as_a_binary_search() {
        let items: Vec<LaneItem> = [0.0, 1.0, 1.0, 2.0, 5.0, 5.0, 5.0, 9.0, 12.0]
            .iter()
            .map(|&t| LaneItem {
                start_secs: t,
                end_secs: t,
                mention: 0,
                event: 0,
                coarse: false,
            })
            .collect();
        for from in 0..=items.len() {
            for end in [-1.0, 0.0, 0.5, 1.0, 3.0, 5.0, 6.0, 9.0, 11.0, 12.0, 99.0] {
                let want = from + items[from..].partition_point(|i| i.start_secs < end);
                assert_eq!(gallop(&items, from, end), want, "from {from} end {end}");
            }
        }
    }

    #[test]
    fn a_dense_lane_counts_per_column_and_a_sparse_one_shows_markers() {
        let mut m = model();
        // 3,000 mentions over ten days in lane 0, one event each.
        let base = NaiveDate::from_ymd_opt(2020, 10, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        for i in 0..3000 {
            let at = base + chrono::Duration::minutes(i * 4);
            let idx = m.mentions.len();
            m.mentions.push(Mention {
                time: TimeSpan {
                    start: at,
                    end: at,
                    granularity: Granularity::Minute,
                },
                ..m.mentions[0].clone()
            });
            m.events.push(Event {
                id: format!("x{i}"),
                kind: EventKind::Shelling,
                label: String::new(),
                time: m.mentions[idx].time,
                mentions: vec![idx],
                disagreements: vec![],
            });
        }
        let index = LaneIndex::new(&m, false, LaneGrouping::Source);
        let mut view = TimelineView::fitting();
        let width = 1000.0;
        let lo = axis::secs_from_datetime(base);
        let hi = lo + 3000.0 * 240.0;
        view.axis = AxisView::fit(lo, hi, width, 10.0);
        let lane_rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(1200.0, 100.0));
        let bins = density_bins(0, lane_rect, 190.0, &view, &index, width).expect("dense");
        let counted: usize = bins.iter().map(|b| b.count).sum();
        let (left, right) = view.axis.visible_secs(width);
        let visible = (0..3000)
            .map(|i| lo + i as f64 * 240.0)
            .filter(|&t| t >= left && t <= right)
            .count();
        assert!(counted.abs_diff(visible) <= 1, "{counted} vs {visible}");
        assert!(bins.windows(2).all(|w| w[0].x1 <= w[1].x0));
        // Lane 1 holds two mentions: markers.
        assert!(density_bins(1, lane_rect, 190.0, &view, &index, width).is_none());
        // Zoomed to an hour, lane 0 has few enough for markers again.
        view.axis = AxisView::fit(lo, lo + 3600.0, width, 10.0);
        assert!(density_bins(0, lane_rect, 190.0, &view, &index, width).is_none());
    }

    #[test]
    fn crowded_points_spread_over_rows() {
        assert_eq!(first_free_row(&[f32::NEG_INFINITY; 3], 10.0, 14.0), 0);
        assert_eq!(
            first_free_row(&[10.0, f32::NEG_INFINITY, 0.0], 12.0, 14.0),
            1
        );
        assert_eq!(first_free_row(&[10.0, 11.0, 9.0], 12.0, 14.0), 2);
    }
}
