//! The time axis: pure f64 mapping between calendar time and horizontal points, zoom and pan
//! that keep what is under the cursor in place, fitting a time range to a width, and
//! calendar-aware tick marks from minutes to millennia.
//!
//! Nothing here knows about egui. Times are seconds since 1970-01-01T00:00 on the reports'
//! local clock, as in [`crate::model::TimeSpan`]; x is in points from
//! the left edge of the plot. f64 keeps a minute distinguishable from the next even when the
//! view spans a century (f32 cannot: it has 24 bits of mantissa, and 1e9 s needs 30).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

/// The narrowest view: about a minute across 600 points. Closer than that nothing in the
/// model (minute granularity at best) gets any more readable.
pub const MIN_SECS_PER_POINT: f64 = 0.1;
/// The widest view: about three millennia across 1000 points, beyond any report's past.
pub const MAX_SECS_PER_POINT: f64 = 1.0e8;

const SECS_PER_MINUTE: f64 = 60.0;
const SECS_PER_HOUR: f64 = 3_600.0;
const SECS_PER_DAY: f64 = 86_400.0;
const SECS_PER_YEAR: f64 = 365.2425 * SECS_PER_DAY;
const SECS_PER_MONTH: f64 = SECS_PER_YEAR / 12.0;

/// The view a fraction `t` (0 to 1) of the way from `a` to `b`, for a plot `width_points`
/// wide: the centre moves in time, the zoom in ratio (so zooming from a century to a day does
/// not spend the whole move at the century).
pub fn blend(a: &AxisView, b: &AxisView, t: f64, width_points: f64) -> AxisView {
    let t = t.clamp(0.0, 1.0);
    let half = width_points.max(0.0) / 2.0;
    let centre = |v: &AxisView| v.left_secs + v.secs_per_point * half;
    let c = centre(a) + (centre(b) - centre(a)) * t;
    let spp = (a.secs_per_point.ln() + (b.secs_per_point.ln() - a.secs_per_point.ln()) * t).exp();
    let spp = if spp.is_finite() && spp > 0.0 {
        spp
    } else {
        b.secs_per_point
    };
    AxisView {
        left_secs: c - spp * half,
        secs_per_point: spp,
    }
}

/// Ticks closer than this would make their labels collide ("10 Oct" is about 45 points wide).
pub const MIN_TICK_SPACING_POINTS: f64 = 80.0;

/// The oldest and newest instant ticks are generated for; chrono cannot name years far
/// outside this, and no report is about them.
const TICK_FLOOR_SECS: f64 = -62_135_596_800.0; // 0001-01-01
const TICK_CEIL_SECS: f64 = 253_402_300_799.0; // 9999-12-31T23:59:59

/// Seconds since the epoch of a naive report time.
pub fn secs_from_datetime(at: NaiveDateTime) -> f64 {
    at.and_utc().timestamp() as f64
}

/// The naive report time at `secs`, or `None` outside chrono's range or for NaN.
pub fn datetime_from_secs(secs: f64) -> Option<NaiveDateTime> {
    if !secs.is_finite() {
        return None;
    }
    let whole = secs.floor();
    if whole < i64::MIN as f64 || whole > i64::MAX as f64 {
        return None;
    }
    DateTime::from_timestamp(whole as i64, 0).map(|d| d.naive_utc())
}

/// What part of time is visible: the instant at the plot's left edge and the zoom.
///
/// Stored as left edge plus scale rather than as a `[min, max]` range so that resizing the
/// window reveals more time instead of stretching what is shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisView {
    /// Seconds since the epoch at x = 0.
    pub left_secs: f64,
    /// Zoom: how many seconds one point covers.
    pub secs_per_point: f64,
}

impl Default for AxisView {
    /// A month from the epoch: a placeholder that the fit on the first frame replaces, since
    /// the plot's width is not known before then.
    fn default() -> AxisView {
        AxisView {
            left_secs: 0.0,
            secs_per_point: SECS_PER_DAY * 30.0 / 1000.0,
        }
    }
}

impl AxisView {
    /// Where `secs` is drawn, in points from the plot's left edge.
    pub fn x_from_time(&self, secs: f64) -> f64 {
        (secs - self.left_secs) / self.secs_per_point
    }

    /// The time under `x` (points from the plot's left edge).
    pub fn time_from_x(&self, x: f64) -> f64 {
        self.left_secs + x * self.secs_per_point
    }

    /// The visible time range for a plot `width_points` wide.
    pub fn visible_secs(&self, width_points: f64) -> (f64, f64) {
        (self.left_secs, self.time_from_x(width_points))
    }

    /// Zoomed by `factor` (> 1 zooms in) around the point `x`: the time under `x` stays under
    /// `x`, so the wheel zooms where the user is looking. Non-finite or non-positive factors
    /// leave the view unchanged; the zoom is clamped to the supported range.
    pub fn zoom_at(&self, x: f64, factor: f64) -> AxisView {
        if !factor.is_finite() || factor <= 0.0 || !x.is_finite() {
            return *self;
        }
        let anchor_secs = self.time_from_x(x);
        let secs_per_point =
            (self.secs_per_point / factor).clamp(MIN_SECS_PER_POINT, MAX_SECS_PER_POINT);
        AxisView {
            left_secs: anchor_secs - x * secs_per_point,
            secs_per_point,
        }
    }

    /// Moved so that the content follows a drag of `dx_points` (positive = content moves right).
    pub fn pan(&self, dx_points: f64) -> AxisView {
        if !dx_points.is_finite() {
            return *self;
        }
        AxisView {
            left_secs: self.left_secs - dx_points * self.secs_per_point,
            secs_per_point: self.secs_per_point,
        }
    }

    /// A view showing `[start_secs, end_secs]` in a plot `width_points` wide, with a margin of
    /// `margin_points` on both sides so that markers at the ends and their labels stay inside.
    ///
    /// A zero-length range (one event, or all events at the same minute) is widened to a day
    /// so that the view has a scale at all; inverted ranges are swapped.
    pub fn fit(start_secs: f64, end_secs: f64, width_points: f64, margin_points: f64) -> AxisView {
        let (start, end) = if end_secs < start_secs {
            (end_secs, start_secs)
        } else {
            (start_secs, end_secs)
        };
        if !start.is_finite() || !end.is_finite() {
            return AxisView::default();
        }
        let (start, end) = if end - start < SECS_PER_HOUR {
            let mid = start + (end - start) / 2.0;
            (mid - SECS_PER_DAY / 2.0, mid + SECS_PER_DAY / 2.0)
        } else {
            (start, end)
        };
        let inner_points = (width_points - 2.0 * margin_points)
            .max(width_points * 0.5)
            .max(1.0);
        let secs_per_point =
            ((end - start) / inner_points).clamp(MIN_SECS_PER_POINT, MAX_SECS_PER_POINT);
        // Centre the range, which matters when the clamp made the scale coarser than asked.
        let mid = start + (end - start) / 2.0;
        AxisView {
            left_secs: mid - secs_per_point * width_points.max(1.0) / 2.0,
            secs_per_point,
        }
    }
}

/// One calendar step between ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickStep {
    Minutes(u32),
    Hours(u32),
    Days(u32),
    /// Mondays.
    Weeks,
    Months(u32),
    Years(i32),
}

impl TickStep {
    /// Finest first; each is a step a calendar reader counts in.
    pub const ALL: [TickStep; 24] = [
        TickStep::Minutes(1),
        TickStep::Minutes(5),
        TickStep::Minutes(15),
        TickStep::Minutes(30),
        TickStep::Hours(1),
        TickStep::Hours(3),
        TickStep::Hours(6),
        TickStep::Hours(12),
        TickStep::Days(1),
        TickStep::Days(2),
        TickStep::Weeks,
        TickStep::Months(1),
        TickStep::Months(3),
        TickStep::Months(6),
        TickStep::Years(1),
        TickStep::Years(2),
        TickStep::Years(5),
        TickStep::Years(10),
        TickStep::Years(20),
        TickStep::Years(50),
        TickStep::Years(100),
        TickStep::Years(200),
        TickStep::Years(500),
        TickStep::Years(1000),
    ];

    /// The typical length of one step, for choosing a step by pixel spacing.
    pub fn nominal_secs(self) -> f64 {
        match self {
            TickStep::Minutes(n) => f64::from(n) * SECS_PER_MINUTE,
            TickStep::Hours(n) => f64::from(n) * SECS_PER_HOUR,
            TickStep::Days(n) => f64::from(n) * SECS_PER_DAY,
            TickStep::Weeks => 7.0 * SECS_PER_DAY,
            TickStep::Months(n) => f64::from(n) * SECS_PER_MONTH,
            TickStep::Years(n) => f64::from(n) * SECS_PER_YEAR,
        }
    }

    /// The finest step whose ticks are at least [`MIN_TICK_SPACING_POINTS`] apart.
    pub fn for_scale(secs_per_point: f64) -> TickStep {
        TickStep::ALL
            .into_iter()
            .find(|s| s.nominal_secs() / secs_per_point >= MIN_TICK_SPACING_POINTS)
            .unwrap_or(TickStep::Years(1000))
    }

    /// The first tick at or before `at`, aligned so that ticks fall on round values
    /// (midnight, Mondays, quarters, decades).
    fn floor(self, at: NaiveDateTime) -> Option<NaiveDateTime> {
        let day = at.date();
        Some(match self {
            TickStep::Minutes(n) => {
                let minute = at.minute() - at.minute() % n.max(1);
                day.and_hms_opt(at.hour(), minute, 0)?
            }
            TickStep::Hours(n) => day.and_hms_opt(at.hour() - at.hour() % n.max(1), 0, 0)?,
            TickStep::Days(n) => {
                let n = i64::from(n.max(1));
                let ordinal = i64::from(day.num_days_from_ce());
                day.checked_sub_signed(Duration::days(ordinal.rem_euclid(n)))?
                    .and_hms_opt(0, 0, 0)?
            }
            TickStep::Weeks => {
                let back = i64::from(day.weekday().num_days_from_monday());
                day.checked_sub_signed(Duration::days(back))?
                    .and_hms_opt(0, 0, 0)?
            }
            TickStep::Months(n) => {
                let month0 = day.month0() - day.month0() % n.max(1);
                NaiveDate::from_ymd_opt(day.year(), month0 + 1, 1)?.and_hms_opt(0, 0, 0)?
            }
            TickStep::Years(n) => {
                let year = day.year() - day.year().rem_euclid(n.max(1));
                NaiveDate::from_ymd_opt(year, 1, 1)?.and_hms_opt(0, 0, 0)?
            }
        })
    }

    /// The tick after `at` (which is a tick).
    fn next(self, at: NaiveDateTime) -> Option<NaiveDateTime> {
        match self {
            TickStep::Minutes(n) => at.checked_add_signed(Duration::minutes(i64::from(n))),
            TickStep::Hours(n) => at.checked_add_signed(Duration::hours(i64::from(n))),
            TickStep::Days(n) => at.checked_add_signed(Duration::days(i64::from(n))),
            TickStep::Weeks => at.checked_add_signed(Duration::days(7)),
            TickStep::Months(n) => at.checked_add_months(chrono::Months::new(n)),
            TickStep::Years(n) => {
                let months = u32::try_from(n).ok()?.checked_mul(12)?;
                at.checked_add_months(chrono::Months::new(months))
            }
        }
    }

    /// The label of a tick: as short as the step allows while still naming a calendar value a
    /// reader recognises ("12:00", "10 Oct", "Oct", "2020", "1990s").
    pub fn label(self, at: NaiveDateTime) -> String {
        let midnight = at.hour() == 0 && at.minute() == 0;
        match self {
            TickStep::Minutes(_) | TickStep::Hours(_) if midnight => {
                at.format("%-d %b").to_string()
            }
            TickStep::Minutes(_) | TickStep::Hours(_) => at.format("%H:%M").to_string(),
            TickStep::Days(_) | TickStep::Weeks => at.format("%-d %b").to_string(),
            TickStep::Months(_) if at.month() == 1 => at.format("%Y").to_string(),
            TickStep::Months(_) => at.format("%b").to_string(),
            TickStep::Years(10) => format!("{}s", at.year()),
            TickStep::Years(_) => at.year().to_string(),
        }
    }

    /// The coarser context the tick labels leave out, shown once at the axis' left end
    /// ("Oct 2020" above day ticks); `None` when the labels already name the year.
    pub fn context_label(self, at: NaiveDateTime) -> Option<String> {
        match self {
            TickStep::Minutes(_) | TickStep::Hours(_) => {
                Some(at.format("%a %-d %b %Y").to_string())
            }
            TickStep::Days(_) | TickStep::Weeks => Some(at.format("%b %Y").to_string()),
            TickStep::Months(_) => Some(at.format("%Y").to_string()),
            TickStep::Years(_) => None,
        }
    }
}

/// One tick mark on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub secs: f64,
    pub label: String,
}

/// At most this many ticks per call: a guard against a degenerate view, since a sane step
/// gives about width / [`MIN_TICK_SPACING_POINTS`] of them.
const MAX_TICKS: usize = 500;

/// The ticks visible in a plot `width_points` wide, in increasing time order, and the step
/// they were made with.
pub fn ticks(view: &AxisView, width_points: f64) -> (TickStep, Vec<Tick>) {
    let step = TickStep::for_scale(view.secs_per_point);
    let (left, right) = view.visible_secs(width_points.max(0.0));
    let left = left.clamp(TICK_FLOOR_SECS, TICK_CEIL_SECS);
    let right = right.clamp(TICK_FLOOR_SECS, TICK_CEIL_SECS);
    let mut ticks = Vec::new();
    let Some(mut at) = datetime_from_secs(left).and_then(|t| step.floor(t)) else {
        return (step, ticks);
    };
    while ticks.len() < MAX_TICKS {
        let secs = secs_from_datetime(at);
        if secs > right {
            break;
        }
        if secs >= left {
            ticks.push(Tick {
                secs,
                label: step.label(at),
            });
        }
        match step.next(at) {
            Some(next) if next > at => at = next,
            _ => break,
        }
    }
    (step, ticks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> f64 {
        let t = NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .unwrap();
        secs_from_datetime(t)
    }

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn blend_moves_from_one_view_to_the_other() {
        let a = AxisView {
            left_secs: 0.0,
            secs_per_point: 1000.0,
        };
        let b = AxisView {
            left_secs: 5.0e6,
            secs_per_point: 10.0,
        };
        let w = 800.0;
        let start = blend(&a, &b, 0.0, w);
        assert!(close(start.left_secs, 0.0, 1e-3) && close(start.secs_per_point, 1000.0, 1e-9));
        let end = blend(&a, &b, 1.0, w);
        assert!(close(end.left_secs, b.left_secs, 1e-3) && close(end.secs_per_point, 10.0, 1e-9));
        let mid = blend(&a, &b, 0.5, w);
        assert!(
            close(mid.secs_per_point, 100.0, 1e-9),
            "geometric zoom: {mid:?}"
        );
        let c = |v: &AxisView| v.left_secs + v.secs_per_point * w / 2.0;
        assert!(close(c(&mid), (c(&a) + c(&b)) / 2.0, 1e-3));
    }

    #[test]
    fn x_and_time_round_trip_at_every_scale() {
        for secs_per_point in [MIN_SECS_PER_POINT, 1.0, 3600.0, 1.0e6, MAX_SECS_PER_POINT] {
            let view = AxisView {
                left_secs: at(1921, 3, 4, 5, 6),
                secs_per_point,
            };
            for x in [-50.0, 0.0, 0.5, 333.25, 1600.0] {
                // f64 seconds near 1e9 resolve ~1e-7 s: far below a thousandth of a point.
                let back = view.x_from_time(view.time_from_x(x));
                assert!((back - x).abs() < 1e-3, "{secs_per_point}: {x} -> {back}");
            }
            let t = at(2020, 10, 10, 12, 0);
            assert!(close(view.time_from_x(view.x_from_time(t)), t, 1e-12));
        }
    }

    #[test]
    fn zoom_at_keeps_the_time_under_the_cursor() {
        let view = AxisView::fit(at(1920, 1, 1, 0, 0), at(2020, 10, 12, 0, 0), 1200.0, 20.0);
        for (x, factor) in [(0.0, 2.0), (600.0, 1.1), (1199.0, 0.5), (37.5, 10.0)] {
            let before = view.time_from_x(x);
            let zoomed = view.zoom_at(x, factor);
            assert!(close(zoomed.time_from_x(x), before, 1e-12));
            assert!(close(
                zoomed.secs_per_point,
                view.secs_per_point / factor,
                1e-12
            ));
        }
        // A zoom cut short by the clamp still keeps the anchor.
        let deep = view.zoom_at(300.0, 1.0e12);
        assert_eq!(deep.secs_per_point, MIN_SECS_PER_POINT);
        assert!(close(
            deep.time_from_x(300.0),
            view.time_from_x(300.0),
            1e-12
        ));
        // Nonsense factors change nothing.
        assert_eq!(view.zoom_at(300.0, f64::NAN), view);
        assert_eq!(view.zoom_at(300.0, 0.0), view);
        assert_eq!(view.zoom_at(300.0, -2.0), view);
    }

    #[test]
    fn pan_moves_content_with_the_drag() {
        let view = AxisView::default();
        let t = view.time_from_x(100.0);
        let panned = view.pan(40.0);
        assert!(close(panned.x_from_time(t), 140.0, 1e-9));
        assert_eq!(view.pan(f64::INFINITY), view);
    }

    #[test]
    fn fit_shows_the_whole_range_inside_the_margins() {
        let cases = [
            (at(2020, 10, 10, 12, 0), at(2020, 10, 10, 12, 5)),
            (at(1920, 1, 1, 0, 0), at(2020, 12, 31, 23, 59)),
            (at(2020, 10, 1, 0, 0), at(2020, 10, 31, 0, 0)),
        ];
        for (start, end) in cases {
            let view = AxisView::fit(start, end, 1000.0, 40.0);
            assert!(view.x_from_time(start) >= 39.0, "{view:?}");
            assert!(view.x_from_time(end) <= 961.0, "{view:?}");
            assert!(view.left_secs.is_finite() && view.secs_per_point > 0.0);
        }
    }

    #[test]
    fn fit_handles_one_instant_and_inverted_ranges() {
        let t = at(2020, 10, 10, 12, 0);
        let view = AxisView::fit(t, t, 800.0, 20.0);
        assert!(close(view.x_from_time(t), 400.0, 1e-9));
        assert!(view.secs_per_point > 0.0);
        let swapped = AxisView::fit(at(2020, 10, 12, 0, 0), at(2020, 10, 1, 0, 0), 800.0, 20.0);
        assert!(swapped.x_from_time(at(2020, 10, 1, 0, 0)) >= 19.0);
        assert_eq!(
            AxisView::fit(f64::NAN, 1.0, 800.0, 20.0),
            AxisView::default()
        );
        // A zero-width plot (minimised window) still gives a usable view.
        let tiny = AxisView::fit(t, t + 3600.0 * 24.0, 0.0, 20.0);
        assert!(tiny.secs_per_point.is_finite() && tiny.secs_per_point > 0.0);
    }

    #[test]
    fn datetime_round_trips_through_secs() {
        let t = NaiveDate::from_ymd_opt(1923, 7, 24)
            .and_then(|d| d.and_hms_opt(8, 30, 0))
            .unwrap();
        assert_eq!(datetime_from_secs(secs_from_datetime(t)), Some(t));
        assert_eq!(datetime_from_secs(f64::NAN), None);
        assert_eq!(datetime_from_secs(1.0e300), None);
    }

    /// (span shown across 1200 points, expected step, a label that must appear)
    const SCALES: &[(f64, TickStep, &str)] = &[
        (600.0, TickStep::Minutes(1), "12:03"),
        (4.0 * SECS_PER_HOUR, TickStep::Minutes(30), "12:30"),
        (3.0 * SECS_PER_HOUR, TickStep::Minutes(15), "12:15"),
        (2.0 * SECS_PER_DAY, TickStep::Hours(6), "18:00"),
        (SECS_PER_DAY, TickStep::Hours(3), "15:00"),
        (10.0 * SECS_PER_DAY, TickStep::Days(1), "14 Oct"),
        (60.0 * SECS_PER_DAY, TickStep::Weeks, "19 Oct"),
        (3.0 * SECS_PER_YEAR, TickStep::Months(3), "2021"),
        (20.0 * SECS_PER_YEAR, TickStep::Years(2), "2020"),
        (110.0 * SECS_PER_YEAR, TickStep::Years(10), "1990s"),
        (800.0 * SECS_PER_YEAR, TickStep::Years(100), "1900"),
    ];

    #[test]
    fn ticks_are_increasing_spaced_and_readable_at_each_scale() {
        for &(span, expected_step, expected_label) in SCALES {
            let width = 1200.0;
            // Centre every view on the ceasefire so the same labels can be expected.
            let centre = at(2020, 10, 10, 12, 0);
            let view = AxisView {
                left_secs: centre - span / 2.0,
                secs_per_point: span / width,
            };
            let (step, ticks) = ticks(&view, width);
            assert_eq!(step, expected_step, "span {span}");
            assert!(ticks.len() >= 2, "span {span}: {ticks:?}");
            for pair in ticks.windows(2) {
                let dx = view.x_from_time(pair[1].secs) - view.x_from_time(pair[0].secs);
                // Months and years vary in length; allow for February.
                assert!(dx >= MIN_TICK_SPACING_POINTS * 0.9, "span {span}: {pair:?}");
                assert_ne!(pair[0].label, pair[1].label, "span {span}");
            }
            for tick in &ticks {
                let x = view.x_from_time(tick.secs);
                assert!((0.0..=width).contains(&x), "span {span}: {tick:?} at {x}");
                assert!(!tick.label.is_empty() && tick.label.chars().count() <= 7);
            }
            assert!(
                ticks.iter().any(|t| t.label == expected_label),
                "span {span}: no {expected_label} in {ticks:?}"
            );
        }
    }

    #[test]
    fn ticks_survive_extreme_views() {
        for view in [
            AxisView {
                left_secs: -1.0e15,
                secs_per_point: MAX_SECS_PER_POINT,
            },
            AxisView {
                left_secs: f64::NAN,
                secs_per_point: 1.0,
            },
            AxisView {
                left_secs: 0.0,
                secs_per_point: MIN_SECS_PER_POINT,
            },
        ] {
            let (_, ticks) = ticks(&view, 1600.0);
            assert!(ticks.len() <= MAX_TICKS);
            assert!(ticks.windows(2).all(|p| p[0].secs < p[1].secs));
        }
    }

    #[test]
    fn midnight_ticks_name_the_day() {
        let midnight = NaiveDate::from_ymd_opt(2020, 10, 11)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap();
        assert_eq!(TickStep::Hours(6).label(midnight), "11 Oct");
        assert_eq!(
            TickStep::Hours(6).context_label(midnight).as_deref(),
            Some("Sun 11 Oct 2020")
        );
        assert_eq!(TickStep::Years(1).context_label(midnight), None);
    }
}
