//! Quiet-period compression: a monotone, piecewise-linear map between report time ("real"
//! seconds, as in [`super::axis`]) and axis time, in which long stretches without any dated
//! news collapse into short marked breaks.
//!
//! Why: a ceasefire story mentions the war of the 1990s and the clashes of last week; drawn
//! to scale, the week is a few pixels at the right of a century. Only items of day precision
//! or finer hold the axis open ("news"); coarse background (a year, a decade) is drawn
//! through the warp, so a bar for "the 1920s" lands, shortened, inside the break that covers
//! it. Outside breaks the map is a shift (one axis second is one real second), so ticks,
//! zoom and durations keep their meaning there.

/// A stretch of real time shown shorter than it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Break {
    pub real_start: f64,
    pub real_end: f64,
    /// Axis seconds the break starts at and how long it is drawn.
    pub axis_start: f64,
    pub axis_len: f64,
}

impl Break {
    pub fn axis_end(&self) -> f64 {
        self.axis_start + self.axis_len
    }
}

/// The map; the identity when there is nothing to compress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Warp {
    /// Sorted, disjoint.
    breaks: Vec<Break>,
}

/// A gap must be at least this long to collapse: shorter ones are part of the story's rhythm
/// (a quiet week between two rounds of fighting).
const MIN_QUIET_SECS: f64 = 30.0 * 86_400.0;
/// ... and at least this share of everything the news spans.
const MIN_QUIET_SHARE: f64 = 0.25;
/// How long a break is drawn, as a share of the news it sits between (so it stays visible
/// when the view fits the news), and at least a day.
const BREAK_SHARE: f64 = 0.06;
const MIN_BREAK_SECS: f64 = 86_400.0;

impl Warp {
    /// Compresses the gaps between `news` intervals (real seconds, day precision or finer)
    /// that are long both absolutely and relative to what the news spans. `context` are the
    /// other (coarse) intervals: gaps before the first and after the last news item that they
    /// reach into are compressed too, so that background does not stretch the axis.
    pub fn compressing(news: &[(f64, f64)], context: &[(f64, f64)]) -> Warp {
        let mut spans: Vec<(f64, f64)> = news
            .iter()
            .filter(|(a, b)| a.is_finite() && b.is_finite())
            .map(|&(a, b)| (a.min(b), a.max(b)))
            .collect();
        if spans.is_empty() {
            return Warp::default();
        }
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Merge overlapping intervals into clusters of news.
        let mut clusters: Vec<(f64, f64)> = Vec::new();
        for (a, b) in spans {
            match clusters.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => clusters.push((a, b)),
            }
        }
        let (first, last) = (clusters[0].0, clusters[clusters.len() - 1].1);
        // Background reaching far before or after the news adds a gap at either end.
        let mut lo = first;
        let mut hi = last;
        for &(a, b) in context
            .iter()
            .filter(|(a, b)| a.is_finite() && b.is_finite())
        {
            lo = lo.min(a.min(b));
            hi = hi.max(a.max(b));
        }
        let news_span = clusters.iter().map(|(a, b)| b - a).sum::<f64>()
            + clusters
                .windows(2)
                .map(|w| w[1].0 - w[0].1)
                .filter(|g| *g < MIN_QUIET_SECS)
                .sum::<f64>();
        let threshold = MIN_QUIET_SECS.max(MIN_QUIET_SHARE * news_span);
        let shown = MIN_BREAK_SECS.max(BREAK_SHARE * news_span);
        let mut gaps: Vec<(f64, f64)> = Vec::new();
        if first - lo > threshold {
            gaps.push((lo, first));
        }
        gaps.extend(
            clusters
                .windows(2)
                .map(|w| (w[0].1, w[1].0))
                .filter(|(a, b)| b - a > threshold),
        );
        if hi - last > threshold {
            gaps.push((last, hi));
        }
        let mut removed = 0.0;
        let breaks = gaps
            .into_iter()
            .map(|(a, b)| {
                let axis_len = shown.min(b - a);
                let brk = Break {
                    real_start: a,
                    real_end: b,
                    axis_start: a - removed,
                    axis_len,
                };
                removed += (b - a) - axis_len;
                brk
            })
            .collect();
        Warp { breaks }
    }

    pub fn breaks(&self) -> &[Break] {
        &self.breaks
    }

    /// Axis seconds of real seconds `t`.
    pub fn to_axis(&self, t: f64) -> f64 {
        let mut removed = 0.0;
        for b in &self.breaks {
            if t < b.real_start {
                break;
            }
            if t <= b.real_end {
                let f = (t - b.real_start) / (b.real_end - b.real_start);
                return b.axis_start + f * b.axis_len;
            }
            removed = b.real_end - b.axis_end();
        }
        t - removed
    }

    /// Real seconds of axis seconds `a` (the inverse of [`Warp::to_axis`]).
    pub fn to_real(&self, a: f64) -> f64 {
        let mut removed = 0.0;
        for b in &self.breaks {
            if a < b.axis_start {
                break;
            }
            if a <= b.axis_end() {
                let f = if b.axis_len > 0.0 {
                    (a - b.axis_start) / b.axis_len
                } else {
                    0.0
                };
                return b.real_start + f * (b.real_end - b.real_start);
            }
            removed = b.real_end - b.axis_end();
        }
        a + removed
    }

    /// The stretches of axis time where one axis second is one real second, with the shift
    /// (real − axis) that applies in each; what ticks are drawn on.
    pub fn plain_segments(&self) -> Vec<(f64, f64, f64)> {
        let mut out = Vec::new();
        let mut from = f64::NEG_INFINITY;
        let mut shift = 0.0;
        for b in &self.breaks {
            out.push((from, b.axis_start, shift));
            from = b.axis_end();
            shift = b.real_end - b.axis_end();
        }
        out.push((from, f64::INFINITY, shift));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: f64 = 86_400.0;
    const YEAR: f64 = 365.0 * DAY;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn without_long_gaps_the_warp_is_the_identity() {
        let news = [(0.0, DAY), (3.0 * DAY, 4.0 * DAY), (10.0 * DAY, 10.5 * DAY)];
        let w = Warp::compressing(&news, &[]);
        assert!(w.breaks().is_empty());
        for t in [-5.0 * YEAR, 0.0, 2.5 * DAY, 9.0 * YEAR] {
            assert_eq!(w.to_axis(t), t);
            assert_eq!(w.to_real(t), t);
        }
        assert!(Warp::compressing(&[], &[(0.0, YEAR)]).breaks().is_empty());
    }

    #[test]
    fn a_long_quiet_gap_and_far_background_collapse_and_the_map_round_trips() {
        // Two weeks of news, a year of quiet, another week; background a century back.
        let news = [
            (0.0, DAY),
            (13.0 * DAY, 14.0 * DAY),
            (379.0 * DAY, 380.0 * DAY),
            (385.0 * DAY, 386.0 * DAY),
        ];
        let context = [(-100.0 * YEAR, -90.0 * YEAR)];
        let w = Warp::compressing(&news, &context);
        assert_eq!(w.breaks().len(), 2, "{:?}", w.breaks());
        // The quiet year is shown much shorter than the news around it.
        let quiet = w.breaks()[1];
        assert!(quiet.real_end - quiet.real_start > 300.0 * DAY);
        assert!(quiet.axis_len < 3.0 * DAY);
        // Monotone, continuous at the break edges, and invertible.
        let mut last = f64::NEG_INFINITY;
        let mut t = -101.0 * YEAR;
        while t < 400.0 * DAY {
            let a = w.to_axis(t);
            assert!(a > last, "not increasing at {t}");
            assert!(close(w.to_real(a), t), "{t} -> {a} -> {}", w.to_real(a));
            last = a;
            t += 3.7 * DAY;
        }
        for b in w.breaks() {
            assert!(close(w.to_axis(b.real_start), b.axis_start));
            assert!(close(w.to_axis(b.real_end), b.axis_end()));
        }
        // Outside breaks an axis second is a real second: durations keep their length.
        assert!(close(w.to_axis(14.0 * DAY) - w.to_axis(DAY), 13.0 * DAY));
        assert!(close(
            w.to_axis(386.0 * DAY) - w.to_axis(380.0 * DAY),
            6.0 * DAY
        ));
    }

    #[test]
    fn plain_segments_carry_the_shift_between_breaks() {
        let news = [(0.0, DAY), (400.0 * DAY, 401.0 * DAY)];
        let w = Warp::compressing(&news, &[]);
        let segments = w.plain_segments();
        assert_eq!(segments.len(), w.breaks().len() + 1);
        for (from, to, shift) in segments {
            for a in [from, to] {
                if a.is_finite() {
                    assert!(close(w.to_real(a), a + shift));
                }
            }
        }
    }

    #[test]
    fn absurd_input_is_ignored() {
        let w = Warp::compressing(&[(f64::NAN, 1.0), (0.0, f64::INFINITY)], &[]);
        assert!(w.breaks().is_empty());
        let w = Warp::compressing(&[(0.0, DAY)], &[(f64::NEG_INFINITY, 0.0)]);
        assert!(w.breaks().is_empty());
    }
}
