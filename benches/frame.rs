//! One GUI frame's CPU time: layout (the app's ui pass) and tessellation, in a headless egui
//! context, zoomed out (the fit-all view) and zoomed in (about a week across the plot).
//!
//! `cargo bench --bench frame [-- OPTIONS]`, options:
//! - `--frames N`: measured frames per case (default 30);
//! - `--no-kittest`: only the headless context; `--no-1m`: skip the 1M-mention model;
//! - `--only seeds|100k|1M`, `--view out|in`: one model, one view (e.g. under `perf record`);
//! - `--ablate`: also measure with View > Overview chart unticked (through kittest), to see
//!   what the chart costs.
//!
//! Models: the bundled seeds; a generated 100,000-event, 50-source model (about 2 mentions an
//! event, 200,000 mentions); a generated 1,000,000-mention model (250,000 events, 3 to 5
//! mentions each). The generator is deterministic (SplitMix64, fixed seed): every run measures
//! the same model.
//!
//! Each model is measured two ways, each on its own app and egui context:
//! - **headless**: a plain `egui::Context` (AccessKit off, as in the native window without a
//!   screen reader), the app's `eframe::App::ui` run through `Context::run_ui` ("layout"),
//!   then `Context::tessellate` on that frame's shapes: what eframe does each frame, short of
//!   uploading the triangles.
//! - **kittest**: `egui_kittest::Harness` (AccessKit always on there): "layout" is one
//!   `Harness::step`, which also builds the AccessKit tree and feeds it to kittest, then
//!   `Context::tessellate` on `Harness::output`'s shapes.
//!
//! Every measured frame moves the pointer by one point over the lanes, as a user moving the
//! mouse does (an idle window does not redraw). A case runs 5 warm-up frames and then N
//! frames (default 30), both cut short when a case would take too long; the table says how
//! many frames were measured. The verdict compares the median of layout + tessellation per
//! frame with the target (4 ms for the seeds and the 100k model, 8 ms for 1M mentions).
#![allow(clippy::unwrap_used, clippy::expect_used)] // A bench binary: a broken setup should stop it.

mod common;

use chrono::{Datelike, Duration as ChronoDuration, NaiveDate, NaiveDateTime};
use common::{MONTHS, Rng};
use eframe::App as _;
use egui::{Event as UiEvent, Pos2, RawInput, Rect, Vec2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::time::{Duration, Instant};
use truceline::app::TruceApp;
use truceline::model::{
    DateBasis, Event, EventKind, Facts, Granularity, Mention, Modality, Published, Sentence,
    SentenceRole, Source, TimeBasis, TimeSpan, Timeline,
};
use truceline::pipeline;

/// The window the app opens with (`app::run`).
const WINDOW: Vec2 = Vec2::new(1440.0, 900.0);
const PIXELS_PER_POINT: f32 = 1.0;
/// Over the lanes, in the middle of the plot (right of the 190-point gutter), above the
/// details panel: where the measured frames move the pointer and where the zoom is centred.
const POINTER: Pos2 = pos2(820.0, 430.0);
/// Zoom from the fit-all view of a year to about a week across the plot.
const ZOOM_IN: f32 = 52.0;
const WARM_UP_FRAMES: usize = 5;
const DEFAULT_FRAMES: usize = 30;
/// Time a case may spend on warm-up frames, and on measured frames, before it is cut short
/// (at least one warm-up and three measured frames always run).
const WARM_UP_BUDGET: Duration = Duration::from_secs(2);
const MEASURE_BUDGET: Duration = Duration::from_secs(5);
const YEAR: i32 = 2024;

// ---------------------------------------------------------------------------------------------
// The generated model.

const OUTLETS: &[&str] = &[
    "Reuters",
    "AFP",
    "AP",
    "TASS",
    "EFE",
    "Xinhua",
    "Anadolu",
    "BBC",
    "Al Jazeera",
    "DW",
    "RFE/RL",
    "Kyodo",
    "ANSA",
    "dpa",
    "UPI",
    "CNN",
    "Bloomberg",
    "The Guardian",
    "Le Monde",
    "El País",
    "NHK",
    "Yonhap",
    "PTI",
    "Interfax",
    "RIA Novosti",
    "Sputnik",
    "TRT World",
    "Press TV",
    "IRNA",
    "APA",
    "Armenpress",
    "News.am",
    "Hetq",
    "Trend",
    "Report.az",
    "OC Media",
    "Eurasianet",
    "JAMnews",
    "Civil.ge",
    "Agenda.ge",
    "Kommersant",
    "Vedomosti",
    "Hürriyet",
    "Daily Sabah",
    "Asharq Al-Awsat",
    "Al Arabiya",
    "France 24",
    "RFI",
    "VOA",
    "NPR",
];
const PLACES: &[&str] = &[
    "Kessa",
    "Marel",
    "Tovan",
    "Dorin",
    "Halvik",
    "Ostra",
    "Beryl",
    "Sarnet",
    "Vell",
    "Korvo",
    "Lisk",
    "Pryan",
    "Ulmet",
    "Zarna",
    "Ivesk",
    "Tarrow",
    "Nemet",
    "Golan Ridge",
    "the northern border",
    "the river crossing",
    "the airport road",
    "the old town",
    "Hill 312",
    "the southern front",
];
const PARTIES: &[&str] = &[
    "Government forces",
    "The rebels",
    "The army",
    "Militia fighters",
    "The coalition",
    "Separatist units",
];
const CLAIMANTS: &[&str] = &[
    "The defence ministry",
    "A military spokesman",
    "Rebel commanders",
    "Local officials",
    "A UN monitor",
    "Witnesses",
    "The interior ministry",
    "Red Cross staff",
];

/// Kinds with how often they occur (per 10,000 events, roughly), the phrase a sentence
/// reports them with and the trigger word in it. Truces are rare, as in a real conflict: a
/// few dozen a year, each taking effect until the next (the timeline draws them as bands).
const KINDS: &[(EventKind, usize, &str, &str)] = &[
    (EventKind::Shelling, 1800, "shelling hit", "shelling"),
    (
        EventKind::ViolationAlleged,
        1600,
        "the ceasefire was violated near",
        "violated",
    ),
    (
        EventKind::ArmedClash,
        1000,
        "fighting broke out in",
        "fighting",
    ),
    (EventKind::AirStrike, 800, "a drone strike hit", "strike"),
    (
        EventKind::Casualties,
        1000,
        "people were killed in",
        "killed",
    ),
    (
        EventKind::Statement,
        1200,
        "it remained committed to the truce in",
        "committed",
    ),
    (
        EventKind::Talks,
        600,
        "talks on the truce resumed in",
        "talks",
    ),
    (
        EventKind::CeasefireAgreed,
        2,
        "a ceasefire was agreed for",
        "agreed",
    ),
    (
        EventKind::CeasefireInForce,
        2,
        "the ceasefire took effect in",
        "took effect",
    ),
    (
        EventKind::Exchange,
        400,
        "prisoners were exchanged at",
        "exchanged",
    ),
    (EventKind::Displacement, 400, "civilians fled", "fled"),
    (EventKind::TerritorialChange, 300, "its forces took", "took"),
    (
        EventKind::Deployment,
        300,
        "peacekeepers deployed to",
        "deployed",
    ),
    (
        EventKind::Background,
        200,
        "the long conflict over",
        "conflict",
    ),
];

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid date")
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, minute, 0).expect("a valid time")
}

fn day_name(day: NaiveDate) -> String {
    format!("{} {}", day.day(), MONTHS[day.month0() as usize])
}

/// One generated happening, before it is told by its sources.
struct Spec {
    kind: usize,
    time: TimeSpan,
    place: &'static str,
    party: &'static str,
    killed: Option<u32>,
}

fn event_label(spec: &Spec) -> String {
    let (kind, place, party) = (KINDS[spec.kind].0, spec.place, spec.party);
    match kind {
        EventKind::Shelling => format!("Shelling of {place}"),
        EventKind::ViolationAlleged => format!("Ceasefire violation alleged near {place}"),
        EventKind::ArmedClash => format!("Clashes in {place}"),
        EventKind::AirStrike => format!("Drone strike on {place}"),
        EventKind::Casualties => format!("{} killed in {place}", spec.killed.unwrap_or(1)),
        EventKind::Statement => format!("{party} restate commitment to truce"),
        EventKind::Talks => format!("Truce talks resume over {place}"),
        EventKind::CeasefireAgreed => format!("Ceasefire agreed for {place}"),
        EventKind::CeasefireInForce => format!("Ceasefire takes effect in {place}"),
        EventKind::Exchange => format!("Prisoner exchange at {place}"),
        EventKind::Displacement => format!("Civilians flee {place}"),
        EventKind::TerritorialChange => format!("{party} take {place}"),
        EventKind::Deployment => format!("Peacekeepers deploy to {place}"),
        EventKind::Background => format!("Background: the conflict over {place}"),
    }
}

fn pick_kind(rng: &mut Rng) -> usize {
    let total: usize = KINDS.iter().map(|k| k.1).sum();
    let mut r = rng.below(total);
    for (i, k) in KINDS.iter().enumerate() {
        if r < k.1 {
            return i;
        }
        r -= k.1;
    }
    0
}

/// A time in the year with a realistic mix of precisions; coarse for background.
fn event_time(rng: &mut Rng, kind: EventKind) -> TimeSpan {
    let ordinal = 1 + rng.below(366) as u32;
    let day = NaiveDate::from_yo_opt(YEAR, ordinal).expect("a day of 2024");
    let month = || TimeSpan::month(YEAR, day.month()).expect("a month");
    if kind == EventKind::Background {
        return if rng.below(10) < 7 {
            month()
        } else {
            TimeSpan::year(YEAR).expect("a year")
        };
    }
    match rng.below(100) {
        0..30 => TimeSpan::minute(at(day, rng.below(24) as u32, rng.below(60) as u32)),
        30..40 => {
            let start = at(day, rng.below(24) as u32, 0);
            TimeSpan::between(start, start + ChronoDuration::hours(1), Granularity::Hour)
        }
        40..45 => {
            let start = at(day, 6 + 4 * rng.below(4) as u32, 0);
            TimeSpan::between(
                start,
                start + ChronoDuration::hours(4),
                Granularity::PartOfDay,
            )
        }
        45..90 => TimeSpan::day(day),
        90..95 => {
            let first = day.min(date(YEAR, 12, 25));
            TimeSpan::days(first, first + ChronoDuration::days(6), Granularity::Week)
        }
        _ => month(),
    }
}

/// How a sentence states `time`.
fn time_text(time: &TimeSpan) -> String {
    let day = time.first_day();
    match time.granularity {
        Granularity::Minute => format!("at {} local time", time.start.format("%H:%M")),
        Granularity::Hour => format!("at around {}", time.start.format("%-I %P")),
        Granularity::PartOfDay => format!("in the morning of {}", day_name(day)),
        Granularity::Week => format!("in the week of {}", day_name(day)),
        Granularity::Month | Granularity::Quarter => {
            format!("in {}", MONTHS[day.month0() as usize])
        }
        Granularity::Year | Granularity::Decade | Granularity::Century => "this year".to_owned(),
        Granularity::Day => format!("on {}", day_name(day)),
    }
}

/// What one source says about one happening: mostly the event's own time, sometimes a
/// slightly different one (sources disagree), sometimes only its day.
fn mention_time(rng: &mut Rng, time: &TimeSpan) -> (TimeSpan, TimeBasis) {
    let r = rng.below(100);
    let relative = TimeBasis::Relative {
        reference: time.last_day(),
    };
    match time.granularity {
        Granularity::Minute | Granularity::Hour if r < 10 => {
            let shift = ChronoDuration::minutes(rng.below(180) as i64 - 90);
            let moved = TimeSpan {
                start: time.start + shift,
                end: time.end + shift,
                granularity: time.granularity,
            };
            (moved, TimeBasis::Explicit)
        }
        Granularity::Minute | Granularity::Hour | Granularity::PartOfDay if r < 15 => {
            (TimeSpan::day(time.first_day()), relative)
        }
        Granularity::Day if r < 8 => {
            let moved = time.first_day() + ChronoDuration::days(if r < 4 { -1 } else { 1 });
            (TimeSpan::day(moved), relative)
        }
        _ => (*time, TimeBasis::Explicit),
    }
}

/// A source being written: its text grows sentence by sentence.
struct Draft {
    source: Source,
    /// The source's text so far (its sentences are sliced from it when the draft is done).
    text: String,
    /// `(event, mention)` in sentence order.
    mentions: Vec<(usize, Mention)>,
}

impl Draft {
    /// Appends one sentence reporting `spec` at `time`; returns the mention.
    fn tell(&mut self, rng: &mut Rng, spec: &Spec, time: TimeSpan, basis: TimeBasis) -> Mention {
        let (kind, _, phrase, trigger_word) = KINDS[spec.kind];
        let claimant = rng.pick(CLAIMANTS);
        let when = time_text(&time);
        let killed = spec.killed.map(|n| format!("{n} ")).unwrap_or_default();
        let sentence_no = self.source.sentences.len();
        let paragraph = (sentence_no / 4) as u32;
        if sentence_no > 0 {
            self.text.push_str(if sentence_no.is_multiple_of(4) {
                "\n\n"
            } else {
                " "
            });
        }
        let start = self.text.len();
        let head = format!("{claimant} said {killed}");
        let body = format!("{phrase} {} ", spec.place);
        let sentence = format!("{head}{body}{when}.");
        let trigger_at = start + head.len() + phrase.find(trigger_word).unwrap_or(0);
        let when_at = start + head.len() + body.len();
        self.text.push_str(&sentence);
        let end = self.text.len();
        self.source.sentences.push(Sentence {
            span: start..end,
            text: sentence.into(),
            paragraph,
            role: SentenceRole::Body,
        });
        Mention {
            source: 0, // Set by the caller.
            sentence: sentence_no,
            kind,
            trigger: trigger_at..trigger_at + trigger_word.len(),
            time,
            time_span: Some(when_at..when_at + when.len()),
            time_text: Some(when.into()),
            time_basis: basis,
            clock: time.granularity.has_clock().then(|| "local time".into()),
            facts: Facts {
                places: vec![spec.place.to_owned()],
                claimant: Some(claimant.into()),
                claimant_party: None,
                accused: (kind == EventKind::ViolationAlleged).then(|| spec.party.into()),
                killed: spec.killed,
                wounded: None,
                denied: rng.below(20) == 0,
                modality: Modality::Actual,
            },
        }
    }
}

/// `events` happenings over 2024, each told by `min_mentions..=max_mentions` of `sources`
/// sources (distinct), one sentence each.
fn generate(events: usize, sources: usize, min_mentions: usize, max_mentions: usize) -> Timeline {
    let mut rng = Rng(0x7275_6365_6C69_6E65 ^ events as u64);
    let mut specs: Vec<Spec> = (0..events)
        .map(|_| {
            let kind = pick_kind(&mut rng);
            Spec {
                kind,
                time: event_time(&mut rng, KINDS[kind].0),
                place: rng.pick(PLACES),
                party: rng.pick(PARTIES),
                killed: (KINDS[kind].0 == EventKind::Casualties).then(|| 1 + rng.below(30) as u32),
            }
        })
        .collect();
    specs.sort_by_key(|s| (s.time.start, s.time.end, s.kind));

    let mut drafts: Vec<Draft> = (0..sources)
        .map(|i| {
            let outlet = OUTLETS[i % OUTLETS.len()];
            let slug: String = outlet
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect();
            Draft {
                text: String::new(),
                source: Source {
                    id: format!("generated/{i:03}-{slug}.txt"),
                    title: format!("{outlet}: the ceasefire, day by day"),
                    outlet: Some(outlet.to_owned()),
                    published: Some(Published {
                        date: date(YEAR, 12, 31),
                        basis: DateBasis::Metadata {
                            field: "date".to_owned(),
                        },
                    }),
                    encoding: "UTF-8".to_owned(),
                    ..Source::default()
                },
                mentions: Vec::new(),
            }
        })
        .collect();

    let mut out_events: Vec<Event> = Vec::with_capacity(events);
    let mut tellers: Vec<usize> = Vec::new();
    for (event_idx, spec) in specs.iter().enumerate() {
        let k = (min_mentions + rng.below(max_mentions - min_mentions + 1)).min(sources);
        tellers.clear();
        while tellers.len() < k {
            let s = rng.below(sources);
            if !tellers.contains(&s) {
                tellers.push(s);
            }
        }
        tellers.sort_unstable();
        let mut disagree = false;
        for &s in &tellers {
            let (time, basis) = mention_time(&mut rng, &spec.time);
            disagree |= time != spec.time;
            let mut mention = drafts[s].tell(&mut rng, spec, time, basis);
            mention.source = s;
            drafts[s].mentions.push((event_idx, mention));
        }
        out_events.push(Event {
            id: format!("e{}", event_idx + 1),
            kind: KINDS[spec.kind].0,
            label: event_label(spec),
            time: spec.time,
            mentions: Vec::with_capacity(k),
            disagreements: if disagree {
                vec!["The sources give different times".to_owned()]
            } else {
                Vec::new()
            },
        });
    }

    // Mentions in source order, then sentence order; each event lists its own in that order.
    let mut mentions = Vec::with_capacity(drafts.iter().map(|d| d.mentions.len()).sum());
    let mut out_sources = Vec::with_capacity(sources);
    for draft in drafts {
        for (event_idx, mention) in draft.mentions {
            out_events[event_idx].mentions.push(mentions.len());
            mentions.push(mention);
        }
        let mut source = draft.source;
        source.text = draft.text.into();
        for sentence in &mut source.sentences {
            sentence.text = source.text.slice(sentence.span.clone()).unwrap_or_default();
        }
        out_sources.push(source);
    }
    Timeline {
        origin: format!("generated: {events} events, {sources} sources"),
        sources: out_sources,
        mentions,
        events: out_events,
        skipped: Vec::new(),
        warnings: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Driving the app.

/// One frame's figures.
#[derive(Clone, Copy, Debug)]
struct Sample {
    layout_ms: f64,
    tessellate_ms: f64,
    shapes: usize,
    vertices: usize,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Tessellates `shapes` as eframe does: milliseconds, shapes, vertices.
fn tessellate(
    ctx: &egui::Context,
    shapes: Vec<egui::epaint::ClippedShape>,
    pixels_per_point: f32,
) -> (f64, usize, usize) {
    let count = shapes.len();
    let t = Instant::now();
    let primitives = ctx.tessellate(shapes, pixels_per_point);
    let elapsed = ms(t.elapsed());
    let vertices = primitives
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum();
    (elapsed, count, vertices)
}

/// Something that runs the app one frame at a time.
trait Driver {
    /// Runs one frame with `events` as its input.
    fn frame(&mut self, events: Vec<UiEvent>) -> Sample;
}

/// The app in a plain headless egui context, AccessKit off.
struct Headless {
    ctx: egui::Context,
    app: TruceApp,
    frame: eframe::Frame,
    time: f64,
}

impl Headless {
    fn new(model: Timeline) -> Headless {
        Headless {
            ctx: egui::Context::default(),
            app: TruceApp::with_timeline(model),
            frame: eframe::Frame::_new_kittest(),
            time: 0.0,
        }
    }
}

impl Driver for Headless {
    fn frame(&mut self, events: Vec<UiEvent>) -> Sample {
        self.time += 1.0 / 60.0;
        let mut input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, WINDOW)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..RawInput::default()
        };
        if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(PIXELS_PER_POINT);
        }
        let (app, frame) = (&mut self.app, &mut self.frame);
        let t = Instant::now();
        let output = self.ctx.run_ui(input, |ui| app.ui(ui, frame));
        let layout_ms = ms(t.elapsed());
        let (tessellate_ms, shapes, vertices) =
            tessellate(&self.ctx, output.shapes, output.pixels_per_point);
        Sample {
            layout_ms,
            tessellate_ms,
            shapes,
            vertices,
        }
    }
}

/// The app in egui_kittest's harness, AccessKit on.
struct Kittest {
    harness: Harness<'static, TruceApp>,
}

impl Kittest {
    /// Whether [`POINTER`] is over the lanes' canvas (found by its AccessKit label), so that
    /// the zoom lands on the timeline; `None` when there is no such node.
    fn pointer_over_lanes(&self) -> Option<bool> {
        let canvas = self
            .harness
            .query_all_by_label_contains("Timeline: one lane per")
            .next()?;
        Some(canvas.rect().contains(POINTER))
    }

    fn new(model: Timeline) -> Kittest {
        let harness = Harness::builder()
            .with_size(WINDOW)
            .with_pixels_per_point(PIXELS_PER_POINT)
            .with_max_steps(8)
            // Generated labels and sources use only what the bundled fonts have, but the
            // seeds quote articles.
            .allow_missing_glyphs()
            .build_eframe(move |_cc| TruceApp::with_timeline(model));
        Kittest { harness }
    }
}

impl Kittest {
    /// Unticks View > Overview chart as a user would; false when the menu has no such entry.
    fn hide_overview(&mut self) -> bool {
        let Some(menu) = self.harness.query_all_by_label("View").next() else {
            return false;
        };
        menu.click();
        self.harness.run_steps(2);
        let Some(entry) = self.harness.query_all_by_label("Overview chart").next() else {
            return false;
        };
        entry.click();
        self.harness.run_steps(2);
        self.harness.key_press(egui::Key::Escape);
        self.harness.run_steps(2);
        true
    }
}

impl Driver for Kittest {
    fn frame(&mut self, events: Vec<UiEvent>) -> Sample {
        // Into this frame's input directly: queued events would run one frame each.
        self.harness.input_mut().events.extend(events);
        let t = Instant::now();
        self.harness.step();
        let layout_ms = ms(t.elapsed());
        // Cloned outside the timing: the harness keeps its output.
        let output = self.harness.output();
        let (shapes, pixels_per_point) = (output.shapes.clone(), output.pixels_per_point);
        let (tessellate_ms, shapes, vertices) =
            tessellate(&self.harness.ctx, shapes, pixels_per_point);
        Sample {
            layout_ms,
            tessellate_ms,
            shapes,
            vertices,
        }
    }
}

/// The pointer moved by a point, back and forth.
fn jiggle(i: usize) -> Vec<UiEvent> {
    vec![UiEvent::PointerMoved(
        POINTER + Vec2::new((i % 2) as f32, 0.0),
    )]
}

/// Warm-up frames, then up to `frames` measured frames; both cut short by the budgets.
fn measure(driver: &mut dyn Driver, frames: usize) -> (Vec<Sample>, bool) {
    let start = Instant::now();
    for i in 0..WARM_UP_FRAMES {
        driver.frame(jiggle(i));
        if start.elapsed() > WARM_UP_BUDGET {
            break;
        }
    }
    let start = Instant::now();
    let mut samples = Vec::with_capacity(frames);
    for i in 0..frames {
        samples.push(driver.frame(jiggle(i)));
        if samples.len() >= 3 && start.elapsed() > MEASURE_BUDGET {
            break;
        }
    }
    let cut = samples.len() < frames;
    (samples, cut)
}

// ---------------------------------------------------------------------------------------------
// Figures.

/// Median and 95th percentile (nearest rank).
fn stats(mut values: Vec<f64>) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    let rank = ((0.95 * n as f64).ceil() as usize).clamp(1, n);
    (median, values[rank - 1])
}

struct Row {
    /// `kittest` or `headless`, with what was changed for this row (`kittest-ov`: overview hidden).
    driver: &'static str,
    model: &'static str,
    view: &'static str,
    events: usize,
    mentions: usize,
    samples: Vec<Sample>,
    cut: bool,
    target_ms: f64,
}

fn fmt_ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn print_header() {
    println!(
        "{:<10} {:<6} {:<10} {:>7} {:>8} {:>3}  {:>17}  {:>17}  {:>17}  {:>7} {:>9}  {:>6}  verdict",
        "driver",
        "model",
        "view",
        "events",
        "mentions",
        "n",
        "layout med/p95",
        "tessellate med/p95",
        "total med/p95",
        "shapes",
        "vertices",
        "target",
    );
}

fn print_row(row: &Row) {
    let layout = stats(row.samples.iter().map(|s| s.layout_ms).collect());
    let tess = stats(row.samples.iter().map(|s| s.tessellate_ms).collect());
    let total = stats(
        row.samples
            .iter()
            .map(|s| s.layout_ms + s.tessellate_ms)
            .collect(),
    );
    let last = row.samples.last();
    let pair = |(a, b): (f64, f64)| format!("{} / {}", fmt_ms(a), fmt_ms(b));
    let verdict = if total.0 <= row.target_ms {
        "PASS"
    } else {
        "FAIL"
    };
    println!(
        "{:<10} {:<6} {:<10} {:>7} {:>8} {:>3}{} {:>17}  {:>17}  {:>17}  {:>7} {:>9}  {:>6}  {verdict}",
        row.driver,
        row.model,
        row.view,
        row.events,
        row.mentions,
        row.samples.len(),
        if row.cut { "*" } else { " " },
        pair(layout),
        pair(tess),
        pair(total),
        last.map_or(0, |s| s.shapes),
        last.map_or(0, |s| s.vertices),
        format!("≤{}", row.target_ms),
    );
}

struct Options {
    frames: usize,
    kittest: bool,
    big: bool,
    /// Only this model (`seeds`, `100k`, `1M`), e.g. under a profiler.
    only: Option<String>,
    /// Only this view (`out`, `in`); the zoomed-in view still starts from one fit-all frame.
    view: Option<String>,
    /// Also measure with the overview chart hidden (View > Overview chart, through kittest).
    ablate: bool,
}

fn options() -> Options {
    let mut options = Options {
        frames: DEFAULT_FRAMES,
        kittest: true,
        big: true,
        only: None,
        view: None,
        ablate: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--frames" => {
                options.frames = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .expect("--frames takes a positive number");
            }
            "--no-kittest" => options.kittest = false,
            "--no-1m" => options.big = false,
            "--only" => options.only = args.next(),
            "--ablate" => options.ablate = true,
            "--view" => {
                options.view = args.next().filter(|v| v == "out" || v == "in");
                assert!(options.view.is_some(), "--view takes `out` or `in`");
            }
            // `cargo bench` passes `--bench`; ignore it and anything else.
            _ => {}
        }
    }
    options
}

/// Measures one model zoomed out then zoomed in on one app.
fn run_model(
    driver_name: &'static str,
    driver: &mut dyn Driver,
    model_name: &'static str,
    (events, mentions): (usize, usize),
    target_ms: f64,
    options: &Options,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut case = |driver: &mut dyn Driver, view: &'static str| {
        let (samples, cut) = measure(driver, options.frames);
        let row = Row {
            driver: driver_name,
            model: model_name,
            view,
            events,
            mentions,
            samples,
            cut,
            target_ms,
        };
        print_row(&row);
        rows.push(row);
    };
    if options.view.as_deref() != Some("in") {
        case(driver, "zoomed out");
    }
    if options.view.as_deref() != Some("out") {
        // Pinch-zoom (as ctrl+wheel) at the pointer over the lanes.
        driver.frame(vec![UiEvent::PointerMoved(POINTER), UiEvent::Zoom(ZOOM_IN)]);
        case(driver, "zoomed in");
    }
    rows
}

fn main() {
    let options = options();
    let started = Instant::now();
    println!(
        "Frame benchmark: window {}×{} points, pixels_per_point {PIXELS_PER_POINT}, pointer moving over the lanes; \
         zoomed in = ×{ZOOM_IN} from fit-all (about a week of 2024 across the plot).",
        WINDOW.x, WINDOW.y
    );

    type Build = fn() -> Timeline;
    let catalogue: [(&'static str, &str, f64, Build); 3] = [
        ("seeds", "seeds", 4.0, pipeline::open_bundled_seeds),
        ("100k", "100k events", 4.0, || generate(100_000, 50, 1, 3)),
        ("1M", "1M mentions", 8.0, || generate(250_000, 50, 3, 5)),
    ];
    let mut models: Vec<(&'static str, Timeline, f64)> = Vec::new();
    for (name, what, target, build) in catalogue {
        let wanted = match &options.only {
            Some(only) => only.eq_ignore_ascii_case(name),
            None => name != "1M" || options.big,
        };
        if !wanted {
            continue;
        }
        let t = Instant::now();
        let model = build();
        println!("model build: {what} {:.2} s", t.elapsed().as_secs_f64());
        models.push((name, model, target));
    }
    for (name, model, _) in &models {
        let sentences: usize = model.sources.iter().map(|s| s.sentences.len()).sum();
        let text: usize = model.sources.iter().map(|s| s.text.len()).sum();
        println!(
            "  {name}: {} sources, {} events, {} mentions, {sentences} sentences, {:.1} MB of text",
            model.sources.len(),
            model.events.len(),
            model.mentions.len(),
            text as f64 / 1e6
        );
    }
    println!();

    let mut rows = Vec::new();
    let mut first_frames = Vec::new();
    print_header();
    for (name, model, target) in models {
        let counts = (model.events.len(), model.mentions.len());
        let kittest_model = options.kittest.then(|| model.clone());
        let ablate_model = options.ablate.then(|| model.clone());
        {
            let mut headless = Headless::new(model);
            // The first frame builds the lane index and fits the view.
            let first = headless.frame(Vec::new());
            first_frames.push(("headless", name, first));
            rows.extend(run_model(
                "headless",
                &mut headless,
                name,
                counts,
                target,
                &options,
            ));
        }
        if let Some(model) = kittest_model {
            let t = Instant::now();
            let mut kittest = Kittest::new(model);
            let built = ms(t.elapsed());
            if kittest.pointer_over_lanes() == Some(false) {
                println!("warning: the pointer at {POINTER:?} is not over the lanes: no zoom");
            }
            first_frames.push((
                "kittest",
                name,
                Sample {
                    layout_ms: built,
                    tessellate_ms: 0.0,
                    shapes: 0,
                    vertices: 0,
                },
            ));
            rows.extend(run_model(
                "kittest",
                &mut kittest,
                name,
                counts,
                target,
                &options,
            ));
        }
        if let Some(model) = ablate_model {
            let mut kittest = Kittest::new(model);
            if kittest.hide_overview() {
                rows.extend(run_model(
                    "kittest-ov",
                    &mut kittest,
                    name,
                    counts,
                    target,
                    &options,
                ));
            } else {
                println!("(--ablate: no View > Overview chart to untick)");
            }
        }
    }

    println!();
    println!(
        "n* = cut short by the time budget ({} s of warm-up, {} s of measured frames per case, at least 3 frames).",
        WARM_UP_BUDGET.as_secs(),
        MEASURE_BUDGET.as_secs()
    );
    println!("Verdict: median of layout + tessellate per frame against the target (ms).");
    if options.ablate {
        println!("kittest-ov: kittest with View > Overview chart unticked.");
    }
    println!("First frames (build the lane index, fit the view):");
    for (driver, model, sample) in &first_frames {
        if *driver == "headless" {
            println!(
                "  {driver:<10} {model:<6} layout {} ms, tessellate {} ms",
                fmt_ms(sample.layout_ms),
                fmt_ms(sample.tessellate_ms)
            );
        } else {
            println!(
                "  {driver:<10} {model:<6} Harness::build_eframe (its first frames) {} ms",
                fmt_ms(sample.layout_ms)
            );
        }
    }
    let failed = rows
        .iter()
        .filter(|r| {
            stats(
                r.samples
                    .iter()
                    .map(|s| s.layout_ms + s.tessellate_ms)
                    .collect(),
            )
            .0 > r.target_ms
        })
        .count();
    println!(
        "{} of {} cases over target; bench ran {:.1} s.",
        failed,
        rows.len(),
        started.elapsed().as_secs_f64()
    );
}
