//! The overview chart above the timeline: mentions per day for each source over the whole
//! model, with the timeline's current view as a shaded brush; a click or drag on the chart
//! says where the timeline should be centred.
//!
//! [`Overview`] is counted once per model and knows nothing of egui; [`overview_ui`] draws it
//! with egui_plot. Times are report seconds as in [`super::axis`], not the compressed axis
//! seconds of `warp`: a caller that compresses converts the range it passes to
//! [`overview_range_ui`] and the centre it gets back.

use super::axis::{self, AxisView};
use crate::model::{Granularity, Timeline};
use chrono::{Datelike, NaiveDate};
use egui::{Color32, CursorIcon, Role, Stroke, Ui, WidgetInfo};
use egui_plot::{Bar, BarChart, Corner, GridInput, GridMark, HoverPosition, Legend, Plot, Span};
use std::collections::BTreeMap;

const SECS_PER_DAY: f64 = 86_400.0;
/// `NaiveDate::num_days_from_ce` of 1970-01-01, so that a day number times a day's seconds is
/// the axis time of its midnight.
const EPOCH_DAYS_FROM_CE: i64 = 719_163;
/// 1970-01-05, a Monday: bins of a week start on Mondays like the timeline's week ticks.
const BIN_ANCHOR_DAY: i64 = 4;
const HEIGHT_POINTS: f32 = 90.0;
/// Narrower bars than this merge into a smear, and cost a shape each: bins grow instead.
const MIN_BAR_POINTS: f64 = 3.0;
/// Bin sizes in days that a reader can name (day, week, fortnight, ~month, quarter, year...).
const BIN_DAYS: [i64; 12] = [1, 2, 7, 14, 28, 91, 182, 364, 728, 1820, 3640, 36_400];
/// A brush a few points wide is still grabbed rather than jumped to.
const GRAB_SLOP_POINTS: f32 = 4.0;
/// Above this many sources a legend would not fit in the chart's height; hover names them.
const LEGEND_MAX_SOURCES: usize = 5;
/// egui_plot's default finest grid spacing, restated because a grid spacer only gets it
/// multiplied into `base_step_size`.
const GRID_SPACING_MIN_POINTS: f64 = 8.0;
/// Date labels here name the year ("10 Oct 2020"), so they need more room than the main
/// axis' "10 Oct": ticks are picked as if each point covered this much more time.
const LABEL_ROOM_FACTOR: f64 = 1.5;

/// Mentions per source and calendar day, counted once per model so that a frame only bins
/// what is already sorted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overview {
    /// Per source in model order: (day number since 1970-01-01, mentions that day), by day.
    per_source: Vec<Vec<(i64, u32)>>,
    /// The lane label of each source, so that the chart names series as the lanes do.
    names: Vec<String>,
    /// First and last day with a counted mention.
    days: Option<(i64, i64)>,
    skipped_coarse: usize,
}

fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - EPOCH_DAYS_FROM_CE
}

fn date_of_day(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day + EPOCH_DAYS_FROM_CE).ok()?)
}

fn day_secs(day: i64) -> f64 {
    day as f64 * SECS_PER_DAY
}

impl Overview {
    pub fn new(model: &Timeline) -> Overview {
        let mut days_by_source: Vec<Vec<i64>> = vec![Vec::new(); model.sources.len()];
        let mut skipped_coarse = 0;
        for mention in &model.mentions {
            // "The 1920s" would add a lone bar decades away and squeeze the news to a line.
            if mention.time.granularity > Granularity::Week {
                skipped_coarse += 1;
                continue;
            }
            if let Some(days) = days_by_source.get_mut(mention.source) {
                days.push(day_number(mention.time.start.date()));
            }
        }
        let mut range: Option<(i64, i64)> = None;
        let per_source = days_by_source
            .into_iter()
            .map(|mut days| {
                days.sort_unstable();
                let mut runs: Vec<(i64, u32)> = Vec::new();
                for day in days {
                    match runs.last_mut() {
                        Some((last, n)) if *last == day => *n = n.saturating_add(1),
                        _ => runs.push((day, 1)),
                    }
                }
                if let (Some(&(first, _)), Some(&(last, _))) = (runs.first(), runs.last()) {
                    range = Some(range.map_or((first, last), |(a, b)| (a.min(first), b.max(last))));
                }
                runs
            })
            .collect();
        Overview {
            per_source,
            names: model
                .sources
                .iter()
                .map(|s| super::safe_text::label(s.lane_label()))
                .collect(),
            days: range,
            skipped_coarse,
        }
    }

    /// Mentions of `source` dated on `date`.
    #[cfg(test)]
    fn count(&self, source: usize, date: NaiveDate) -> u32 {
        let day = day_number(date);
        let runs = self
            .per_source
            .get(source)
            .map(Vec::as_slice)
            .unwrap_or_default();
        runs.binary_search_by_key(&day, |&(d, _)| d)
            .ok()
            .and_then(|i| runs.get(i))
            .map_or(0, |&(_, n)| n)
    }

    /// The first and last day with a counted mention; `None` when nothing was counted.
    pub fn day_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let (first, last) = self.days?;
        Some((date_of_day(first)?, date_of_day(last)?))
    }

    /// Mentions left out because they are dated coarser than a week.
    pub fn skipped_coarse(&self) -> usize {
        self.skipped_coarse
    }

    /// The smallest nameable bin that keeps bars [`MIN_BAR_POINTS`] wide at this scale.
    fn bin_days(secs_per_point: f64) -> i64 {
        let needed = MIN_BAR_POINTS * secs_per_point / SECS_PER_DAY;
        BIN_DAYS
            .into_iter()
            .find(|&d| d as f64 >= needed)
            .unwrap_or_else(|| needed.clamp(1.0, 1.0e9).ceil() as i64)
            .max(1)
    }

    /// Stacked bars per source (in source order) for bins of `bin_days`, and the tallest
    /// stack. Empty bins get no bar, so the cost follows the data, not sources × bins.
    /// One bar per bin with every source's mentions there, and the tallest.
    fn total_bars(&self, bin_days: i64) -> (Vec<Bar>, f64) {
        let mut per_bin: BTreeMap<i64, f64> = BTreeMap::new();
        for &(day, n) in self.per_source.iter().flatten() {
            *per_bin
                .entry((day - BIN_ANCHOR_DAY).div_euclid(bin_days))
                .or_default() += f64::from(n);
        }
        let tallest = per_bin.values().copied().fold(0.0, f64::max);
        let bars = per_bin
            .into_iter()
            .map(|(bin, n)| Bar::new(bin_centre(bin, bin_days), n).width(day_secs(bin_days) * 0.9))
            .collect();
        (bars, tallest)
    }

    fn stacked_bars(&self, bin_days: i64) -> (Vec<Vec<Bar>>, f64) {
        let Some((first, last)) = self.days else {
            return (Vec::new(), 0.0);
        };
        let bin_of = |day: i64| (day - BIN_ANCHOR_DAY).div_euclid(bin_days);
        let first_bin = bin_of(first);
        let mut tops = vec![0.0_f64; usize::try_from(bin_of(last) - first_bin + 1).unwrap_or(0)];
        let mut charts = Vec::with_capacity(self.per_source.len());
        for runs in &self.per_source {
            let mut bars: Vec<Bar> = Vec::new();
            let mut last_bin = None;
            for &(day, n) in runs {
                let bin = bin_of(day);
                let Some(top) = usize::try_from(bin - first_bin)
                    .ok()
                    .and_then(|i| tops.get_mut(i))
                else {
                    continue;
                };
                let n = f64::from(n);
                match bars.last_mut() {
                    Some(bar) if last_bin == Some(bin) => bar.value += n,
                    _ => bars.push(
                        Bar::new(bin_centre(bin, bin_days), n)
                            .width(day_secs(bin_days) * 0.9)
                            .base_offset(*top),
                    ),
                }
                last_bin = Some(bin);
                *top += n;
            }
            charts.push(bars);
        }
        (charts, tops.into_iter().fold(0.0, f64::max))
    }
}

fn bin_centre(bin: i64, bin_days: i64) -> f64 {
    day_secs(bin * bin_days + BIN_ANCHOR_DAY) + day_secs(bin_days) / 2.0
}

/// A colour per source that stays put when other sources come and go: hues a golden ratio
/// apart never repeat and neighbours differ most.
pub fn source_color(source: usize) -> Color32 {
    let hue = (source as f32 * 0.618_034).fract();
    egui::ecolor::Hsva::new(hue, 0.75, 0.85, 1.0).into()
}

/// The view `view` would show with `center_secs` in the middle of a plot `width_points`
/// wide, at the same zoom. Nonsense input leaves the view where it was.
pub fn recentre(view: &AxisView, center_secs: f64, width_points: f64) -> AxisView {
    if !center_secs.is_finite() || !width_points.is_finite() {
        return *view;
    }
    AxisView {
        left_secs: center_secs - view.secs_per_point * width_points.max(0.0) / 2.0,
        secs_per_point: view.secs_per_point,
    }
}

/// Draws the chart with `visible_secs` (report seconds) as the brush; returns the time the
/// timeline should be centred on after a click or during a drag on the chart.
pub fn overview_range_ui(
    ui: &mut Ui,
    overview: &Overview,
    visible_secs: (f64, f64),
) -> Option<f64> {
    let Some((first, last)) = overview.day_range() else {
        ui.weak("Overview: no mentions dated to the day or week");
        return None;
    };
    let (start, end) = (day_secs(day_number(first)), day_secs(day_number(last) + 1));
    let margin = ((end - start) * 0.02).max(SECS_PER_DAY);
    let (lo, hi) = (start - margin, end + margin);
    let bin_days = Overview::bin_days((hi - lo) / f64::from(ui.available_width().max(1.0)));
    // Beyond a legend's worth of sources, one series of totals: fifty stacked slivers per
    // bin are unreadable, and at a year of days they are 18,000 shapes a frame (4 ms).
    let (charts, tallest, names) = if overview.names.len() > LEGEND_MAX_SOURCES {
        let (bars, tallest) = overview.total_bars(bin_days);
        let name = format!("all {} sources", overview.names.len());
        (vec![bars], tallest, vec![name])
    } else {
        let (charts, tallest) = overview.stacked_bars(bin_days);
        (charts, tallest, overview.names.clone())
    };

    let per = match bin_days {
        1 => "day".to_owned(),
        7 => "week".to_owned(),
        n if n % 7 == 0 && n <= 28 => format!("{} weeks", n / 7),
        n => format!("{n} days"),
    };
    let coarse = match overview.skipped_coarse() {
        0 => String::new(),
        n => format!(" ({n} dated coarser than a week not shown)"),
    };
    ui.weak(egui::RichText::new(format!("Overview: mentions per {per} by source{coarse}")).small());

    let (left, right) = (
        visible_secs.0.min(visible_secs.1),
        visible_secs.0.max(visible_secs.1),
    );
    let selection = ui.visuals().selection;
    let mut plot = Plot::new("overview")
        .height(HEIGHT_POINTS)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_axis_zoom_drag(false)
        .show_y(false)
        .show_grid([true, false])
        .y_axis_min_width(24.0)
        .x_grid_spacer(calendar_marks)
        .x_axis_formatter(|mark, _| date_label(mark))
        .label_formatter(|hover| {
            let (HoverPosition::NearDataPoint { position, .. }
            | HoverPosition::Elsewhere { position }) = hover;
            let at = axis::datetime_from_secs(position.x)?;
            Some(format!("Click or drag to show {}", at.format("%-d %b %Y")))
        });
    if overview.names.len() <= LEGEND_MAX_SOURCES {
        let legend = Legend::default().position(Corner::LeftTop);
        plot = plot.legend(legend.text_style(egui::TextStyle::Small));
    }
    let shown = plot.show(ui, move |plot_ui| {
        plot_ui.set_plot_bounds_x(lo..=hi);
        plot_ui.set_plot_bounds_y(0.0..=(tallest * 1.1).max(1.0));
        for (source, bars) in charts.into_iter().enumerate() {
            let color = source_color(source);
            let bars = bars
                .into_iter()
                .map(|b| b.fill(color).stroke(Stroke::NONE))
                .collect();
            let name = names.get(source).cloned().unwrap_or_default();
            let label = name.clone();
            let half_bin = day_secs(bin_days) / 2.0;
            plot_ui.bar_chart(
                BarChart::new(name, bars)
                    .id(("overview-source", source))
                    .color(color)
                    .element_formatter(Box::new(move |bar, _| {
                        bar_text(&label, bar.value, bar.argument - half_bin, bin_days)
                    })),
            );
        }
        if left.is_finite() && right.is_finite() {
            plot_ui.span(
                Span::new("", left..=right)
                    .fill(selection.bg_fill.gamma_multiply(0.35))
                    .border(Stroke::new(1.5, selection.stroke.color)),
            );
        }
    });

    let response = &shown.response;
    response.widget_info(|| {
        WidgetInfo::labeled(
            Role::Slider,
            true,
            "Overview: mentions per source over time; click or drag to move the timeline",
        )
    });
    let transform = shown.transform;
    let grab_id = response.id.with("grab");
    if response.drag_started() {
        // Grabbing the brush itself moves it by the drag; grabbing elsewhere jumps there.
        let (l, r) = (
            transform.position_from_point_x(left),
            transform.position_from_point_x(right),
        );
        let offset = ui
            .input(|i| i.pointer.press_origin())
            .filter(|p| (l - GRAB_SLOP_POINTS..=r + GRAB_SLOP_POINTS).contains(&p.x))
            .map_or(0.0, |p| {
                (left + right) / 2.0 - transform.value_from_position(p).x
            });
        ui.ctx().data_mut(|d| d.insert_temp(grab_id, offset));
    }
    let pointer_secs = response
        .interact_pointer_pos()
        .map(|p| transform.value_from_position(p).x)
        .filter(|s| s.is_finite());
    if response.dragged() {
        ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
        let offset = ui.ctx().data(|d| d.get_temp::<f64>(grab_id)).unwrap_or(0.0);
        return pointer_secs.map(|s| (s + offset).clamp(lo, hi));
    }
    if response.hovered() {
        ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
    }
    if response.clicked() {
        return pointer_secs.map(|s| s.clamp(lo, hi));
    }
    None
}

/// Calendar grid marks (midnights, Mondays, months, years) instead of egui_plot's powers of
/// ten, which would put lines at arbitrary seconds.
fn calendar_marks(input: GridInput) -> Vec<GridMark> {
    let (left, right) = input.bounds;
    let secs_per_point = input.base_step_size / GRID_SPACING_MIN_POINTS * LABEL_ROOM_FACTOR;
    if !(secs_per_point > 0.0 && left.is_finite() && right.is_finite() && right > left) {
        return Vec::new();
    }
    let view = AxisView {
        left_secs: left,
        secs_per_point,
    };
    let (step, ticks) = axis::ticks(&view, (right - left) / secs_per_point);
    let step_size = step.nominal_secs();
    ticks
        .into_iter()
        .map(|t| GridMark {
            value: t.secs,
            step_size,
        })
        .collect()
}

/// A tick label as precise as the tick step: "10 Oct 2020", "Oct 2020", "2020".
fn date_label(mark: GridMark) -> String {
    let Some(at) = axis::datetime_from_secs(mark.value) else {
        return String::new();
    };
    let format = if mark.step_size < SECS_PER_DAY {
        "%-d %b %H:%M"
    } else if mark.step_size < 28.0 * SECS_PER_DAY {
        "%-d %b %Y"
    } else if mark.step_size < 365.0 * SECS_PER_DAY {
        "%b %Y"
    } else {
        "%Y"
    };
    at.format(format).to_string()
}

/// The hover text of one bar: the source, the count and the days the bin covers.
fn bar_text(source: &str, count: f64, bin_start_secs: f64, bin_days: i64) -> String {
    let day = |secs| axis::datetime_from_secs(secs).map(|t| t.format("%-d %b %Y").to_string());
    let first = day(bin_start_secs).unwrap_or_default();
    match day(bin_start_secs + day_secs(bin_days - 1)) {
        Some(last) if bin_days > 1 => format!("{source}\n{count} mentions, {first} – {last}"),
        _ => format!("{source}\n{count} mentions on {first}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, Mention, Source, TimeBasis, TimeSpan};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn model() -> Timeline {
        let source = |id: &str| Source {
            id: id.to_owned(),
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
        let at_noon = TimeSpan {
            start: date(2020, 10, 10).and_hms_opt(12, 5, 0).unwrap(),
            end: date(2020, 10, 10).and_hms_opt(12, 5, 59).unwrap(),
            granularity: Granularity::Minute,
        };
        let week = TimeSpan::days(date(2020, 10, 12), date(2020, 10, 18), Granularity::Week);
        let month = TimeSpan::days(date(2020, 10, 1), date(2020, 10, 31), Granularity::Month);
        Timeline {
            sources: vec![source("a"), source("b"), source("c")],
            mentions: vec![
                mention(0, TimeSpan::day(date(2020, 10, 10))),
                mention(0, at_noon),
                mention(0, TimeSpan::day(date(2020, 10, 12))),
                mention(1, TimeSpan::day(date(2020, 10, 9))),
                mention(1, week),
                mention(1, TimeSpan::years(1990, 1999, Granularity::Decade).unwrap()),
                mention(0, month),
                mention(7, TimeSpan::day(date(2020, 10, 11))),
            ],
            ..Timeline::default()
        }
    }

    #[test]
    fn counts_mentions_per_source_and_start_day() {
        let overview = Overview::new(&model());
        assert_eq!(overview.count(0, date(2020, 10, 10)), 2);
        assert_eq!(overview.count(0, date(2020, 10, 12)), 1);
        assert_eq!(overview.count(1, date(2020, 10, 9)), 1);
        // A week counts on its first day.
        assert_eq!(overview.count(1, date(2020, 10, 12)), 1);
        assert_eq!(overview.count(0, date(2020, 10, 11)), 0);
        assert_eq!(overview.count(2, date(2020, 10, 10)), 0);
        // A mention of a source the model lacks is ignored, not counted elsewhere.
        assert_eq!(overview.count(7, date(2020, 10, 11)), 0);
        let range = overview.day_range();
        assert_eq!(range, Some((date(2020, 10, 9), date(2020, 10, 12))));
        assert_eq!(overview.names, ["a", "b", "c"]);
        for d in [date(1970, 1, 1), date(1921, 3, 4), date(2020, 10, 10)] {
            let midnight = axis::secs_from_datetime(d.and_hms_opt(0, 0, 0).unwrap());
            assert_eq!(day_secs(day_number(d)), midnight);
            assert_eq!(date_of_day(day_number(d)), Some(d));
        }
        let anchor = date_of_day(BIN_ANCHOR_DAY).unwrap();
        assert_eq!(anchor.weekday(), chrono::Weekday::Mon);
    }

    #[test]
    fn coarse_mentions_are_left_out_but_counted() {
        let overview = Overview::new(&model());
        assert_eq!(overview.skipped_coarse(), 2);
        assert_eq!(overview.count(1, date(1990, 1, 1)), 0);
        assert_eq!(overview.count(0, date(2020, 10, 1)), 0);
    }

    #[test]
    fn empty_model_gives_empty_overview() {
        let overview = Overview::new(&Timeline::default());
        assert_eq!(overview.day_range(), None);
        assert_eq!(overview.skipped_coarse(), 0);
        assert_eq!(overview.stacked_bars(1), (Vec::new(), 0.0));
    }

    #[test]
    fn bars_stack_in_source_order_and_bins_merge_days() {
        let overview = Overview::new(&model());
        let (daily, tallest) = overview.stacked_bars(1);
        assert_eq!(tallest, 2.0);
        let oct_12 = day_secs(day_number(date(2020, 10, 12))) + SECS_PER_DAY / 2.0;
        let on_12 = |bars: &[Bar]| {
            let bar = bars.iter().find(|b| b.argument == oct_12).unwrap();
            (bar.base_offset, bar.value)
        };
        assert_eq!(on_12(&daily[0]), (Some(0.0), 1.0));
        assert_eq!(on_12(&daily[1]), (Some(1.0), 1.0));
        // 9–11 Oct 2020 fall in the week from Monday 5 Oct; 12 Oct starts the next.
        let (weekly, tallest) = overview.stacked_bars(7);
        assert_eq!(tallest, 3.0);
        let values = |bars: &[Bar]| bars.iter().map(|b| b.value).collect::<Vec<_>>();
        assert_eq!(values(&weekly[0]), [2.0, 1.0]);
        assert_eq!(values(&weekly[1]), [1.0, 1.0]);
        let bases: Vec<_> = weekly[1].iter().map(|b| b.base_offset).collect();
        assert_eq!(bases, [Some(2.0), Some(1.0)]);
        assert!(weekly[2].is_empty());
        // Totals are the stacks' tops, bin by bin.
        for bin_days in [1, 7] {
            let (stacks, tallest) = overview.stacked_bars(bin_days);
            let (totals, total_tallest) = overview.total_bars(bin_days);
            assert_eq!(tallest, total_tallest);
            for t in &totals {
                let stacked: f64 = stacks
                    .iter()
                    .flatten()
                    .filter(|b| b.argument == t.argument)
                    .map(|b| b.value)
                    .sum();
                assert_eq!(stacked, t.value);
            }
        }
    }

    #[test]
    fn bins_grow_with_the_span_shown() {
        assert_eq!(Overview::bin_days(60.0), 1);
        assert_eq!(Overview::bin_days(SECS_PER_DAY), 7);
        assert_eq!(Overview::bin_days(SECS_PER_DAY * 100.0), 364);
        assert!(Overview::bin_days(1.0e12) > 36_400);
        assert_eq!(Overview::bin_days(f64::NAN), 1);
    }

    #[test]
    fn recentre_keeps_the_zoom_and_centres_the_time() {
        let view = AxisView {
            left_secs: 1000.0,
            secs_per_point: 60.0,
        };
        let moved = recentre(&view, 1.6e9, 800.0);
        assert_eq!(moved.secs_per_point, 60.0);
        assert_eq!(moved.time_from_x(400.0), 1.6e9);
        assert_eq!(recentre(&view, f64::NAN, 800.0), view);
    }

    #[test]
    fn calendar_marks_fall_on_midnights_with_dated_labels() {
        let start = axis::secs_from_datetime(date(2020, 10, 1).and_hms_opt(0, 0, 0).unwrap());
        let marks = calendar_marks(GridInput {
            bounds: (start, start + 30.0 * SECS_PER_DAY),
            base_step_size: 3_000.0 * GRID_SPACING_MIN_POINTS,
        });
        assert!(
            marks
                .iter()
                .all(|m| m.value.rem_euclid(SECS_PER_DAY) == 0.0)
        );
        // Weekly at this scale: Mondays, the first being 5 Oct.
        assert_eq!(
            marks.first().map(|&m| date_label(m)).as_deref(),
            Some("5 Oct 2020")
        );
    }

    #[test]
    fn click_and_drag_on_the_chart_recentre_the_view() {
        use egui_kittest::kittest::Queryable as _;
        const LABEL: &str =
            "Overview: mentions per source over time; click or drag to move the timeline";
        let overview = Overview::new(&model());
        let start = AxisView {
            left_secs: 0.0,
            secs_per_point: 600.0,
        };
        let mut harness = egui_kittest::Harness::new_ui_state(
            |ui, view: &mut AxisView| {
                if let Some(centre) = overview_range_ui(ui, &overview, view.visible_secs(400.0)) {
                    *view = recentre(view, centre, 400.0);
                }
            },
            start,
        );
        harness.run();
        let rect = harness.get_by_label(LABEL).rect();
        harness.get_by_label(LABEL).click();
        harness.run();
        let (left, right) = harness.state().visible_secs(400.0);
        let (first, last) = overview.day_range().unwrap();
        let (lo, hi) = (day_secs(day_number(first)), day_secs(day_number(last) + 1));
        assert!(left < (lo + hi) / 2.0 && right > (lo + hi) / 2.0);
        assert_eq!(harness.state().secs_per_point, 600.0);
        // Grabbing the brush off its centre and moving right by a tenth of the chart moves
        // the view as far, rather than jumping its centre to the pointer.
        let chart_secs = (hi - lo) + 2.0 * ((hi - lo) * 0.02).max(SECS_PER_DAY);
        let brush_points = (right - left) / chart_secs * f64::from(rect.width());
        let from = rect.center() - egui::vec2((brush_points * 0.3) as f32, 0.0);
        harness.drag_at(from);
        harness.run();
        for step in 1..=4 {
            harness.hover_at(from + egui::vec2(rect.width() * 0.025 * step as f32, 0.0));
            harness.run();
        }
        harness.drop_at(from + egui::vec2(rect.width() * 0.1, 0.0));
        harness.run();
        let moved = (harness.state().left_secs - left) / chart_secs;
        assert!((moved - 0.1).abs() < 0.02, "moved {moved} of the chart");
    }
}
