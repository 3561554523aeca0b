//! The desktop GUI: [`TruceApp`] holds the loaded model, the view state and the runtime
//! handles (loader thread, dialog threads), lays out the panels each frame and applies the
//! `state::Command`s they push once the frame is drawn. The only module that uses egui.
//!
//! Code map: `state` (view state, commands, selection rules), `axis` (pure time↔x math and
//! ticks), `warp` (quiet-period compression: real ↔ axis time), `timeline` (the lanes:
//! markers, bars, dense columns, connectors, phase bands), `phases` (ceasefire phases from
//! the events), `overview` (the egui_plot chart that navigates), `filter` (search, kinds,
//! lanes, claimant, place, contested; keyboard moves), `events` (the sortable event list),
//! `details` (side-by-side quotes), `safe_text` (untrusted text made safe to show),
//! `dialogs` (rfd and the typed-path fallback), `loader` (background jobs: loading,
//! re-dating), `status` (status bar and load report), `sources` (each article's metadata and
//! date, with the correction field).
//!
//! Times: the model's times are real (report) seconds; `view.axis` is in axis seconds, which
//! differ only where `warp` collapses a quiet period. Conversions happen at the edges (lane
//! index, brushing, overview, reveal); selections are kept in real seconds.

mod axis;
mod details;
mod dialogs;
mod events;
mod filter;
mod loader;
mod overview;
mod phases;
mod safe_text;
mod sources;
mod state;
mod status;
mod timeline;
mod warp;

use crate::model::Timeline;
use crate::{export, pipeline};
use dialogs::{DialogEvent, Dialogs, Purpose};
use egui::{Key, KeyboardShortcut, Modifiers, Ui};
use loader::{LoadOutcome, Loader};
use state::{Command, TimelineView};
use status::StatusLine;
use std::path::PathBuf;
use std::time::Duration;

const OPEN_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const EXPORT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// The search field, which "/" focuses.
const SEARCH_ID: &str = "timeline-search";
/// How often the window redraws while a load runs, to move the progress bar.
const PROGRESS_REPAINT: Duration = Duration::from_millis(100);

/// The Truceline window.
pub struct TruceApp {
    /// Read-only for the panels; replaced as a whole when a load finishes.
    model: Timeline,
    view: TimelineView,
    status: StatusLine,
    loader: Option<Loader>,
    dialogs: Dialogs,
    /// The folder last opened, where the next dialog starts.
    last_dir: Option<PathBuf>,
    /// Filled by the panels during a frame, drained after it.
    commands: Vec<Command>,
    /// Whether the sources panel is open, and what is typed into its date fields.
    show_sources: bool,
    /// Whether the details panel (quotes side by side) is open.
    show_details: bool,
    /// Whether the overview chart shows, and its counts (built once per model).
    show_overview: bool,
    overview: Option<overview::Overview>,
    /// The kinds of event the model holds, for the legend (a scan of every event: once per
    /// model, not per frame).
    kinds: Option<Vec<crate::model::EventKind>>,
    /// Parties and places for the filter menus, once per model.
    choices: Option<(Vec<String>, Vec<String>)>,
    /// Whether the event list is open, and its sort.
    show_events: bool,
    event_list: events::EventList,
    /// The view the last run ended on, until a model from the same origin arrives.
    remembered_view: Option<Remembered>,
    date_edits: sources::DateEdits,
    /// What the user is typing into the details panel.
    details: details::DetailsState,
    /// Every correction the user made to this model (publication dates, event edits); each
    /// re-dating applies them all, and exports carry them.
    corrections: crate::model::Corrections,
}

impl TruceApp {
    /// App showing `timeline` (used by tests and by [`run`]).
    pub fn with_timeline(timeline: Timeline) -> TruceApp {
        TruceApp {
            status: StatusLine::info(status::loaded_summary(&timeline)),
            model: timeline,
            view: TimelineView::fitting(),
            loader: None,
            dialogs: Dialogs::default(),
            last_dir: None,
            commands: Vec::new(),
            show_sources: false,
            show_details: true,
            show_events: false,
            show_overview: true,
            overview: None,
            kinds: None,
            choices: None,
            event_list: events::EventList::default(),
            remembered_view: None,
            date_edits: sources::DateEdits::default(),
            details: details::DetailsState::default(),
            corrections: crate::model::Corrections::default(),
        }
    }

    /// The model on screen, for tests that check what a user action did to it.
    pub fn model_for_tests(&self) -> &Timeline {
        &self.model
    }

    /// The view as an export would carry it, for tests that check what an opened export
    /// restored.
    pub fn view_for_tests(&self) -> export::View {
        self.export_view()
    }

    /// An empty app that starts loading `path` at once.
    fn loading(path: PathBuf, ctx: &egui::Context) -> TruceApp {
        let mut app = TruceApp::with_timeline(Timeline::default());
        app.start_loading(path, ctx);
        app
    }

    /// The bundled samples, extracted on the loader thread like any folder: the first frame
    /// shows at once (with the progress line) instead of after the extraction.
    pub fn loading_bundled(ctx: &egui::Context) -> TruceApp {
        let mut app = TruceApp::with_timeline(Timeline::default());
        app.start_loading_bundled(ctx);
        app
    }

    fn start_loading_bundled(&mut self, ctx: &egui::Context) {
        if let Some(old) = self.loader.take() {
            old.cancel();
        }
        let job = |_: &pipeline::Progress| {
            Ok(pipeline::Opened {
                timeline: pipeline::open_bundled_seeds(),
                ..pipeline::Opened::default()
            })
        };
        match Loader::start_job(PathBuf::from("bundled samples"), ctx, false, job) {
            Ok(loader) => {
                self.status = StatusLine::info("Opening the bundled samples".to_owned());
                self.loader = Some(loader);
            }
            // No thread to be had: extract them here.
            Err(_) => self.set_model(
                pipeline::Opened {
                    timeline: pipeline::open_bundled_seeds(),
                    ..pipeline::Opened::default()
                },
                ctx,
            ),
        }
    }

    fn set_model(&mut self, opened: pipeline::Opened, ctx: &egui::Context) {
        let pipeline::Opened {
            timeline: model,
            extras,
        } = opened;
        self.status = StatusLine::info(status::loaded_summary(&model));
        let title = if model.origin.is_empty() {
            "Truceline".to_owned()
        } else {
            format!("Truceline — {}", model.origin)
        };
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
        self.replace_model(model);
        self.date_edits.reset();
        self.details = details::DetailsState::default();
        // The corrections the load applied (kept beside the folder, or carried by the export),
        // and the dates an older export says are the user's.
        self.corrections = extras.corrections;
        for s in &self.model.sources {
            if let Some(p) = &s.published
                && p.basis == crate::model::DateBasis::User
            {
                self.corrections.dates.entry(s.id.clone()).or_insert(p.date);
            }
        }
        // A new model needs a new view: the lane index and the selection refer to the old one.
        // The search and the kinds switched off still apply; hidden lanes were the old
        // model's sources.
        let mut filter = std::mem::take(&mut self.view.filter);
        filter.hidden_sources.clear();
        filter.claimant = None;
        filter.place = None;
        let grouping = self.view.grouping;
        self.view = TimelineView::fitting();
        self.view.filter = filter;
        self.view.grouping = grouping;
        self.take_remembered_view();
        if let Some(view) = &extras.view {
            self.restore_view(view);
        }
        ctx.request_repaint();
    }

    /// Shows the timeline as an export's view says: lane order, grouping, hidden lanes and
    /// the stretch of time (applied on the next frame, once the plot's width is known).
    fn restore_view(&mut self, view: &export::View) {
        let index_of = |id: &String| self.model.sources.iter().position(|s| &s.id == id);
        let mut order: Vec<usize> = Vec::with_capacity(self.model.sources.len());
        for i in view.lane_order.iter().filter_map(index_of) {
            if !order.contains(&i) {
                order.push(i);
            }
        }
        if !order.is_empty() {
            // Sources the view does not name go below, in the model's order.
            let rest: Vec<usize> = (0..self.model.sources.len())
                .filter(|i| !order.contains(i))
                .collect();
            order.extend(rest);
            self.view.lane_order = order;
        }
        self.view.grouping = match view.grouping {
            export::Grouping::Source => state::LaneGrouping::Source,
            export::Grouping::Claimant => state::LaneGrouping::Claimant,
        };
        self.view.filter.hidden_sources = view.hidden_sources.iter().filter_map(index_of).collect();
        if let (Some(from), Some(to)) = (view.from, view.to)
            && from < to
        {
            self.view.pending_range_secs =
                Some((axis::secs_from_datetime(from), axis::secs_from_datetime(to)));
        }
        self.view.lane_index = None;
    }

    /// The view to export: what the plot shows (in report time), the lanes as arranged.
    fn export_view(&self) -> export::View {
        let sources = &self.model.sources;
        let id = |i: &usize| sources.get(*i).map(|s| s.id.clone());
        let order = self.view.source_order(sources.len());
        let width = self.view.last_plot_width_points;
        let (from, to) = if width > 1.0 {
            let (left, right) = self.view.axis.visible_secs(width);
            let to_real = |a: f64| {
                self.view
                    .lane_index
                    .as_ref()
                    .map_or(a, |i| i.warp.to_real(a))
            };
            (
                axis::datetime_from_secs(to_real(left)),
                axis::datetime_from_secs(to_real(right)),
            )
        } else {
            (None, None)
        };
        export::View {
            from,
            to,
            lane_order: order.iter().filter_map(id).collect(),
            grouping: match self.view.grouping {
                state::LaneGrouping::Source => export::Grouping::Source,
                state::LaneGrouping::Claimant => export::Grouping::Claimant,
            },
            hidden_sources: order
                .iter()
                .filter(|i| self.view.filter.hidden_sources.contains(i))
                .filter_map(id)
                .collect(),
        }
    }

    /// The folder beside which this model's corrections are kept: the opened folder, when the
    /// model was read from one (not from an export, whose origin may be someone's folder).
    fn corrections_folder(&self) -> Option<PathBuf> {
        let from_folder =
            !self.model.sources.is_empty() && self.model.sources.iter().all(|s| !s.text.is_empty());
        let folder = PathBuf::from(&self.model.origin);
        (from_folder && folder.is_dir()).then_some(folder)
    }

    /// Writes the corrections beside the folder; what became of them, for the status line.
    fn keep_corrections(&self) -> String {
        match self.corrections_folder() {
            Some(folder) => match pipeline::write_corrections(&folder, &self.corrections) {
                Ok(()) => format!(" (kept in {})", pipeline::CORRECTIONS_FILE),
                Err(e) => format!(" (not kept for next time: {e})"),
            },
            None => " (not opened from a folder: export to keep it)".to_owned(),
        }
    }

    /// Applies a rename, merge or split to the model on screen, selects the event it leaves
    /// in view, and keeps the edit with the other corrections.
    fn correct_events(&mut self, command: &Command, ctx: &egui::Context) {
        use crate::model::Edit;
        if self.loader.is_some() {
            self.status =
                StatusLine::error("wait until loading or re-dating finishes to edit events");
            return;
        }
        let model = &self.model;
        let first_mention = |e: usize| {
            model
                .events
                .get(e)
                .and_then(|ev| ev.mentions.first())
                .and_then(|&m| model.mention_key(m))
        };
        let (edit, done) = match command {
            Command::RenameEvent { event, label } => (
                first_mention(*event).map(|mention| Edit::Rename {
                    mention,
                    label: label.clone(),
                }),
                format!(
                    "Renamed the event to \u{201c}{}\u{201d}",
                    safe_text::label(label.trim())
                ),
            ),
            Command::MergeEvents { keep, absorb } if keep != absorb => (
                first_mention(*keep)
                    .zip(first_mention(*absorb))
                    .map(|(keep, absorb)| Edit::Merge { keep, absorb }),
                "Merged the two events".to_owned(),
            ),
            Command::SplitMention(m) => (
                model.mention_key(*m).map(|mention| Edit::Split { mention }),
                "Split the quote out into an event of its own".to_owned(),
            ),
            _ => (None, String::new()),
        };
        let Some(edit) = edit else {
            self.status = StatusLine::error("nothing to edit: the event is no longer there");
            return;
        };
        if let Err(message) = crate::model::apply_edit(&mut self.model, &edit) {
            self.status = StatusLine::error(message);
            return;
        }
        // Events were renumbered: forget what was computed from them, select the edited one.
        let model = std::mem::take(&mut self.model);
        self.replace_model(model);
        self.view.brush = None;
        self.view.selection = Default::default();
        if let Some(e) = self.model.event_of_key(edit.anchor()) {
            self.view
                .selection
                .apply(&Command::SelectEvent(e), &self.model);
        }
        self.details = details::DetailsState::default();
        self.corrections.edits.push(edit);
        self.status = StatusLine::info(format!("{done}{}", self.keep_corrections()));
        ctx.request_repaint();
    }

    /// Puts `model` on screen and forgets everything computed from the old one (the view's
    /// lane index and filter mask, the overview, the legend's kinds, the filter menus, the
    /// event list's order); what the user set (filter, grouping, axis) stays.
    fn replace_model(&mut self, model: Timeline) {
        self.model = model;
        self.view.forget_model();
        self.overview = None;
        self.kinds = None;
        self.choices = None;
        self.event_list = events::EventList::default();
    }

    fn start_loading(&mut self, path: PathBuf, ctx: &egui::Context) {
        if let Some(old) = self.loader.take() {
            old.cancel();
        }
        match Loader::start(path.clone(), ctx) {
            Ok(loader) => {
                self.status = StatusLine::info(format!("Opening {}", path.display()));
                self.last_dir = Some(path);
                self.loader = Some(loader);
            }
            Err(error) => {
                self.status = StatusLine::error(format!(
                    "could not start loading: {error}: {}",
                    path.display()
                ));
            }
        }
    }

    /// Takes in what the loader and dialog threads have finished since the last frame.
    fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(outcome) = self.loader.as_ref().and_then(Loader::poll) {
            let keeps_view = self.loader.as_ref().is_some_and(Loader::keeps_view);
            self.loader = None;
            match outcome {
                LoadOutcome::Loaded(opened) if keeps_view => {
                    let model = opened.timeline;
                    self.status = StatusLine::info(status::loaded_summary(&model));
                    self.replace_model(model);
                    // Event indices changed: the old selection means nothing now.
                    self.view.selection = Default::default();
                    self.view.brush = None;
                    ctx.request_repaint();
                }
                LoadOutcome::Loaded(opened) => self.set_model(*opened, ctx),
                LoadOutcome::Failed(message) => self.status = StatusLine::error(message),
            }
        }
        if self.loader.is_some() {
            ctx.request_repaint_after(PROGRESS_REPAINT);
        }
        match self.dialogs.poll() {
            Some(DialogEvent::Chosen(command)) => self.commands.push(command),
            Some(DialogEvent::Unavailable) => {
                self.status = StatusLine::error("No file dialog available: type a path instead");
            }
            Some(DialogEvent::Cancelled) | None => {}
        }
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::SelectEvent(_)
            | Command::ToggleEvent(_)
            | Command::FocusEvent(_)
            | Command::SelectRange { .. }
            | Command::ClearSelection => self.view.selection.apply(&command, &self.model),
            Command::FitAll => {
                self.view.fit_pending = true;
                ctx.request_repaint();
            }
            Command::ZoomToSelection => {
                if let Some((start, end)) = self.view.selection.time_range_secs(&self.model) {
                    let (start, end) = (self.to_axis(start), self.to_axis(end));
                    let width = self.view.last_plot_width_points;
                    self.view
                        .animate_to(axis::AxisView::fit(start, end, width, width * 0.05));
                }
            }
            Command::ZoomAxis {
                start_secs,
                end_secs,
            } => {
                let width = self.view.last_plot_width_points;
                self.view.animate_to(axis::AxisView::fit(
                    start_secs,
                    end_secs,
                    width,
                    width * 0.05,
                ));
            }
            Command::ZoomCentre { factor } => {
                let centre = self.view.last_plot_width_points / 2.0;
                self.view.axis = self.view.axis.zoom_at(centre, factor);
            }
            Command::PickFolder => self.open_dialog(Purpose::OpenFolder, ctx),
            Command::OpenPath(path) => self.start_loading(path, ctx),
            Command::OpenBundled => self.start_loading_bundled(ctx),
            Command::CancelLoad => {
                if let Some(loader) = &self.loader {
                    loader.cancel();
                }
            }
            Command::PickExportPath(format) => self.open_dialog(Purpose::Export(format), ctx),
            Command::ExportTo(format, path) => self.export(format, &path),
            Command::SetPublished { source, date } => self.redate(source, date, ctx),
            Command::RenameEvent { .. }
            | Command::MergeEvents { .. }
            | Command::SplitMention(_) => self.correct_events(&command, ctx),
            Command::ToggleSources => self.show_sources = !self.show_sources,
            Command::Step(step) => {
                let mask = self.view.mask(&self.model);
                let from = self.view.selection.focus;
                let lane = self.view.focus_lane;
                let order: Vec<usize> = self
                    .view
                    .source_order(self.model.sources.len())
                    .into_iter()
                    .filter(|l| !self.view.filter.hidden_sources.contains(l))
                    .collect();
                if let Some(event) = filter::step(&self.model, &mask, (from, lane), step, &order) {
                    let lanes = self
                        .model
                        .events
                        .get(event)
                        .map(|e| self.model.event_sources(e))
                        .unwrap_or_default();
                    self.view.focus_lane = match step {
                        filter::Step::LaneDown | filter::Step::LaneUp => {
                            // The event's lane nearest the old one, in the direction moved,
                            // as the lanes are shown.
                            let pos = |l: usize| order.iter().position(|&o| o == l);
                            let here = lane.and_then(pos);
                            let mut candidates: Vec<(usize, usize)> = lanes
                                .iter()
                                .filter_map(|&l| pos(l).map(|p| (p, l)))
                                .filter(|&(p, _)| match (here, step) {
                                    (Some(h), filter::Step::LaneDown) => p > h,
                                    (Some(h), _) => p < h,
                                    (None, _) => true,
                                })
                                .collect();
                            candidates.sort_unstable();
                            let pick = if step == filter::Step::LaneDown {
                                candidates.first()
                            } else {
                                candidates.last()
                            };
                            pick.map(|&(_, l)| l).or_else(|| lanes.first().copied())
                        }
                        _ => lanes
                            .iter()
                            .find(|&&x| Some(x) == lane)
                            .or(lanes.first())
                            .copied(),
                    };
                    self.view
                        .selection
                        .apply(&Command::SelectEvent(event), &self.model);
                    self.reveal(event);
                }
            }
            Command::Reveal(event) => self.reveal(event),
            Command::OpenDetails => {
                let event = self.view.selection.focus.or_else(|| {
                    let mask = self.view.mask(&self.model);
                    filter::step(&self.model, &mask, (None, None), filter::Step::Later, &[])
                });
                if let Some(event) = event {
                    if self.view.selection.focus != Some(event) {
                        self.view
                            .selection
                            .apply(&Command::SelectEvent(event), &self.model);
                    }
                    self.show_details = true;
                    self.reveal(event);
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// The overview chart over the lanes; a click or drag on it moves the timeline there.
    fn overview_ui(&mut self, ui: &mut Ui) {
        let overview = self
            .overview
            .get_or_insert_with(|| overview::Overview::new(&self.model));
        // The chart is in report time; the timeline's axis may be compressed.
        let width = self.view.last_plot_width_points;
        let (left, right) = self.view.axis.visible_secs(width);
        let to_real = |a: f64| {
            self.view
                .lane_index
                .as_ref()
                .map_or(a, |i| i.warp.to_real(a))
        };
        let visible = (to_real(left), to_real(right));
        if let Some(centre) = overview::overview_range_ui(ui, overview, visible) {
            let centre = self.to_axis(centre);
            self.view.axis = overview::recentre(&self.view.axis, centre, width);
        }
        ui.add_space(2.0);
    }

    /// Axis seconds of real seconds, through the timeline's quiet-period compression.
    fn to_axis(&self, real_secs: f64) -> f64 {
        self.view
            .lane_index
            .as_ref()
            .map_or(real_secs, |i| i.warp.to_axis(real_secs))
    }

    /// Pans (keeping the zoom) so that `event` is in view, if it is not.
    fn reveal(&mut self, event: crate::model::EventIdx) {
        let Some(e) = self.model.events.get(event) else {
            return;
        };
        let width = self.view.last_plot_width_points;
        let (left, right) = self.view.axis.visible_secs(width);
        let start = self.to_axis(axis::secs_from_datetime(e.time.start));
        let end = self.to_axis(axis::secs_from_datetime(e.time.end));
        if end < left || start > right {
            let centre = start + (end - start) / 2.0;
            let to = axis::AxisView {
                left_secs: centre - self.view.axis.secs_per_point * width / 2.0,
                ..self.view.axis
            };
            self.view.animate_to(to);
        }
    }

    /// Re-dates a source in the background: relative times in its text move with its date.
    fn redate(
        &mut self,
        source: crate::model::SourceIdx,
        date: chrono::NaiveDate,
        ctx: &egui::Context,
    ) {
        if let Some(old) = self.loader.take() {
            old.cancel();
        }
        let Some(id) = self.model.sources.get(source).map(|s| s.id.clone()) else {
            return;
        };
        self.corrections.dates.insert(id.clone(), date);
        // Kept beside the reports, so the next load of this folder applies them again.
        let kept = self.keep_corrections();
        let model = self.model.clone();
        let corrections = self.corrections.clone();
        match Loader::start_job(PathBuf::from(id), ctx, true, move |_| {
            Ok(pipeline::Opened {
                timeline: pipeline::recorrect(model, &corrections),
                extras: export::Extras {
                    corrections,
                    view: None,
                },
            })
        }) {
            Ok(loader) => {
                self.status = StatusLine::info(format!("Re-dating to {date}…{kept}"));
                self.date_edits.reset();
                self.loader = Some(loader);
            }
            Err(error) => self.status = StatusLine::error(format!("could not re-date: {error}")),
        }
    }

    fn open_dialog(&mut self, purpose: Purpose, ctx: &egui::Context) {
        if self.dialogs.is_open() {
            // One native dialog at a time; a second request gets the path field.
            self.dialogs.ask_for_path(purpose);
        } else {
            let start_dir = self.last_dir.clone().filter(|p| p.is_dir()).or_else(|| {
                self.last_dir
                    .as_ref()
                    .and_then(|p| p.parent())
                    .map(PathBuf::from)
            });
            self.dialogs.open(purpose, ctx, start_dir);
        }
    }

    fn export(&mut self, format: export::Format, path: &std::path::Path) {
        let selection = self.view.selection.to_export(&self.model);
        let what = if self.view.selection.events.is_empty() {
            if self.view.selection.range_secs.is_some() {
                "the selected range"
            } else {
                "the whole timeline"
            }
        } else {
            "the selected events"
        };
        let extras = export::Extras {
            corrections: self.corrections.clone(),
            view: Some(self.export_view()),
        };
        self.status = match export::write_file_with(&self.model, &selection, &extras, format, path)
        {
            Ok(()) => StatusLine::info(format!("Exported {what} to {}", path.display())),
            Err(error) => StatusLine::error(format!("export failed: {error}")),
        };
    }

    fn shortcuts_ui(&mut self, ui: &mut Ui) {
        if ui.input_mut(|i| i.consume_shortcut(&OPEN_SHORTCUT)) {
            self.commands.push(Command::PickFolder);
        }
        // Plain keys belong to a text field while one has the focus.
        if !ui.ctx().egui_wants_keyboard_input() {
            let keys = [
                (Key::ArrowRight, Command::Step(filter::Step::Later)),
                (Key::ArrowLeft, Command::Step(filter::Step::Earlier)),
                (Key::ArrowDown, Command::Step(filter::Step::LaneDown)),
                (Key::ArrowUp, Command::Step(filter::Step::LaneUp)),
                (Key::Enter, Command::OpenDetails),
                (Key::Escape, Command::ClearSelection),
            ];
            if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::L)) {
                self.show_events = !self.show_events;
            }
            for (key, command) in keys {
                if ui.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
                    self.commands.push(command);
                }
            }
            if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Slash)) {
                // The same keystroke also arrives as text; it must not land in the field.
                ui.input_mut(|i| {
                    i.events
                        .retain(|e| !matches!(e, egui::Event::Text(t) if t.as_str() == "/"));
                });
                ui.memory_mut(|m| m.request_focus(egui::Id::unique(SEARCH_ID)));
            }
        }
        if ui.input_mut(|i| i.consume_shortcut(&EXPORT_SHORTCUT)) {
            self.commands
                .push(Command::PickExportPath(export::Format::Ron));
        }
    }

    fn menu_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                let ctx = ui.ctx().clone();
                let open = egui::Button::new("Open folder…")
                    .shortcut_text(ctx.format_shortcut(&OPEN_SHORTCUT));
                if ui.add(open).clicked() {
                    self.commands.push(Command::PickFolder);
                }
                if ui.button("Open bundled samples").clicked() {
                    self.commands.push(Command::OpenBundled);
                }
                ui.separator();
                let ron = egui::Button::new("Export selection as RON…")
                    .shortcut_text(ctx.format_shortcut(&EXPORT_SHORTCUT));
                if ui.add(ron).clicked() {
                    self.commands
                        .push(Command::PickExportPath(export::Format::Ron));
                }
                if ui.button("Export as JSON…").clicked() {
                    self.commands
                        .push(Command::PickExportPath(export::Format::Json));
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    self.commands.push(Command::Quit);
                }
            });
            ui.menu_button("View", |ui| {
                if ui
                    .add(egui::Button::new("Fit all").shortcut_text("F"))
                    .clicked()
                {
                    self.commands.push(Command::FitAll);
                }
                self.zoom_buttons_ui(ui);
                let compress = ui
                    .checkbox(&mut self.view.compress, "Compress quiet periods")
                    .on_hover_text(
                        "Collapse long stretches without dated news (e.g. decades between \
                         background and this week's reports) into marked breaks",
                    );
                if compress.changed() {
                    // The index holds axis times: rebuild it, and show everything again.
                    self.view.lane_index = None;
                    self.view.fit_pending = true;
                }
                ui.separator();
                ui.checkbox(&mut self.show_overview, "Overview chart")
                    .on_hover_text("Mentions per day per source; click or drag to navigate");
                ui.checkbox(&mut self.show_details, "Details panel")
                    .on_hover_text("Quotes side by side (Enter opens it on the selected event)");
                ui.checkbox(&mut self.show_sources, "Sources panel");
                ui.separator();
                ui.label("Theme");
                let mut theme = ui.ctx().options(|o| o.theme_preference);
                let before = theme;
                ui.radio_value(&mut theme, egui::ThemePreference::Dark, "Dark");
                ui.radio_value(&mut theme, egui::ThemePreference::Light, "Light");
                ui.radio_value(
                    &mut theme,
                    egui::ThemePreference::System,
                    "Follow the system",
                );
                if theme != before {
                    ui.ctx().set_theme(theme);
                }
            });
            ui.menu_button("Lanes", |ui| self.lanes_menu_ui(ui));
        });
    }

    /// Lane grouping, then a checkbox per source: unticked lanes are hidden, and events only
    /// they report fade.
    fn lanes_menu_ui(&mut self, ui: &mut Ui) {
        let before = self.view.grouping;
        ui.radio_value(
            &mut self.view.grouping,
            state::LaneGrouping::Source,
            "One lane per source",
        );
        ui.radio_value(
            &mut self.view.grouping,
            state::LaneGrouping::Claimant,
            "One lane per claimant",
        )
        .on_hover_text("Who says it: each side's story in its own lane, across reports");
        if self.view.grouping != before {
            // Lanes changed; the time shown stays.
            self.view.lane_index = None;
        }
        ui.separator();
        if self.model.sources.is_empty() {
            ui.weak("No sources loaded");
            return;
        }
        if self.view.grouping != state::LaneGrouping::Source {
            ui.weak("Hiding sources applies to source lanes; their events still fade here.");
        }
        let order = self.view.source_order(self.model.sources.len());
        let mut moved: Option<(usize, usize)> = None;
        egui::ScrollArea::vertical()
            .max_height(400.0)
            .show(ui, |ui| {
                for (pos, &i) in order.iter().enumerate() {
                    let Some(source) = self.model.sources.get(i) else {
                        continue;
                    };
                    let mut shown = !self.view.filter.hidden_sources.contains(&i);
                    let response = ui
                        .horizontal(|ui| {
                            let up = ui.add_enabled(pos > 0, egui::Button::new("Up").small());
                            if up.clicked() {
                                moved = Some((pos, pos - 1));
                            }
                            up.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::Button,
                                    pos > 0,
                                    format!("Move lane {} up", source.lane_label()),
                                )
                            });
                            let last = pos + 1 < order.len();
                            let down = ui.add_enabled(last, egui::Button::new("Down").small());
                            if down.clicked() {
                                moved = Some((pos, pos + 1));
                            }
                            down.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::Button,
                                    last,
                                    format!("Move lane {} down", source.lane_label()),
                                )
                            });
                            ui.checkbox(&mut shown, source.lane_label())
                        })
                        .inner;
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::CheckBox,
                            true,
                            shown,
                            format!("Show lane {}", source.lane_label()),
                        )
                    });
                    if response.changed() {
                        if shown {
                            self.view.filter.hidden_sources.remove(&i);
                        } else {
                            self.view.filter.hidden_sources.insert(i);
                        }
                    }
                }
            });
        if let Some((from, to)) = moved {
            let mut order = order;
            order.swap(from, to);
            self.view.lane_order = order;
        }
        ui.horizontal(|ui| {
            if ui.button("Show all lanes").clicked() {
                self.view.filter.hidden_sources.clear();
            }
            if ui
                .button("Sort by outlet")
                .on_hover_text("Lanes of one outlet together, each outlet's reports by date")
                .clicked()
            {
                let sources = &self.model.sources;
                let mut order: Vec<usize> = (0..sources.len()).collect();
                order.sort_by_key(|&i| {
                    let s = &sources[i];
                    (
                        s.outlet.clone().unwrap_or_default().to_lowercase(),
                        s.published.as_ref().map(|p| p.date),
                        i,
                    )
                });
                self.view.lane_order = order;
            }
            if ui.button("Sort by date").clicked() {
                let sources = &self.model.sources;
                let mut order: Vec<usize> = (0..sources.len()).collect();
                order.sort_by_key(|&i| (sources[i].published.as_ref().map(|p| p.date), i));
                self.view.lane_order = order;
            }
        });
    }

    /// "Who says it" and "Where" menus over the parties and places the quotes name.
    fn facet_filters_ui(&mut self, ui: &mut Ui) {
        let model = &self.model;
        let (parties, places) = self.choices.get_or_insert_with(|| filter::choices(model));
        let filter = &mut self.view.filter;
        for (title, all, chosen) in [
            ("Who says it", &*parties, &mut filter.claimant),
            ("Where", &*places, &mut filter.place),
        ] {
            let shown = chosen.as_deref().unwrap_or("anyone / anywhere");
            let shown = if chosen.is_none() {
                title.to_owned()
            } else {
                format!("{title}: {}", safe_text::label(shown))
            };
            let combo = egui::ComboBox::from_id_salt(title)
                .selected_text(shown.clone())
                .width(150.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(chosen, None, "Any");
                    for name in all {
                        let label = safe_text::label(name);
                        ui.selectable_value(chosen, Some(name.clone()), label);
                    }
                });
            combo
                .response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &shown));
        }
    }

    /// Zoom in and out around the centre of the view (menu and toolbar alike).
    fn zoom_buttons_ui(&mut self, ui: &mut Ui) {
        if ui.button("Zoom in").clicked() {
            self.commands.push(Command::ZoomCentre { factor: 2.0 });
        }
        if ui.button("Zoom out").clicked() {
            self.commands.push(Command::ZoomCentre { factor: 0.5 });
        }
    }

    /// Fit/zoom buttons, the selection summary with Clear, and the colour legend.
    fn toolbar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Fit all")
                .on_hover_text("Show every event (F, or double-click the timeline)")
                .clicked()
            {
                self.commands.push(Command::FitAll);
            }
            self.zoom_buttons_ui(ui);
            if ui
                .selectable_label(self.show_sources, "Sources")
                .on_hover_text("Each article's title, outlet and publication date, with how it was found; correct a date here")
                .clicked()
            {
                self.commands.push(Command::ToggleSources);
            }
            if ui
                .selectable_label(self.show_events, "Event list")
                .on_hover_text("Every event that passes the filter, sortable (L)")
                .clicked()
            {
                self.show_events = !self.show_events;
            }
            if ui
                .selectable_label(self.show_details, "Details")
                .on_hover_text("What each source says about the selected event (Enter)")
                .clicked()
            {
                self.show_details = !self.show_details;
            }
            ui.separator();
            let search = egui::TextEdit::singleline(&mut self.view.filter.query)
                .id(egui::Id::unique(SEARCH_ID))
                .hint_text("Search quotes, places, who says it (/)")
                .desired_width(230.0);
            let response = ui.add(search);
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search")
            });
            // Escape in the field clears the search and hands the keys back to the timeline.
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Escape)) {
                self.view.filter.query.clear();
                response.surrender_focus();
            }
            self.facet_filters_ui(ui);
            ui.checkbox(&mut self.view.filter.contested_only, "Contested only")
                .on_hover_text("Only events whose sources disagree on time, figures or blame");
            if !self.view.filter.is_open() {
                let mask = self.view.mask(&self.model);
                let passing = mask.iter().filter(|&&p| p).count();
                ui.weak(format!("{passing} of {} events match", mask.len()));
                if ui.button("Clear filters").clicked() {
                    self.view.filter = filter::Filter::default();
                }
            }
            ui.separator();
            if self.view.selection.is_empty() {
                ui.weak("Nothing selected: export writes everything");
            } else {
                ui.add(
                    egui::Label::new(safe_text::label(&self.view.selection.summary(&self.model)))
                        .wrap_mode(egui::TextWrapMode::Extend),
                );
                if ui.button("Zoom to selection").clicked() {
                    self.commands.push(Command::ZoomToSelection);
                }
                if ui.button("Clear selection").clicked() {
                    self.commands.push(Command::ClearSelection);
                }
            }
        });
        let model = &self.model;
        let kinds = self.kinds.get_or_insert_with(|| {
            let mut kinds: Vec<_> = model.events.iter().map(|e| e.kind).collect();
            kinds.sort_unstable();
            kinds.dedup();
            kinds
        });
        legend_ui(ui, kinds, &mut self.view.filter);
    }
}

/// A dot and a name for each kind of event present, in the model's kind order; clicking a
/// kind switches it off (its events fade) and on again.
fn legend_ui(ui: &mut Ui, kinds: &[crate::model::EventKind], filter: &mut filter::Filter) {
    ui.horizontal_wrapped(|ui| {
        ui.weak("Kinds (click to hide):");
        for &kind in kinds {
            let hidden = filter.hidden_kinds.contains(&kind);
            let color = timeline::kind_color(kind);
            let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().circle_filled(
                dot.center(),
                4.5,
                if hidden {
                    color.gamma_multiply(0.25)
                } else {
                    color
                },
            );
            let mut text = egui::RichText::new(kind.title()).size(12.0);
            if hidden {
                text = text.strikethrough().weak();
            }
            let response = ui
                .add(egui::Label::new(text).sense(egui::Sense::click()))
                .on_hover_text(if hidden {
                    "Show this kind"
                } else {
                    "Hide this kind"
                });
            response.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::CheckBox,
                    true,
                    !hidden,
                    format!("Show {}", kind.title()),
                )
            });
            if response.clicked() {
                if hidden {
                    filter.hidden_kinds.remove(&kind);
                } else {
                    filter.hidden_kinds.insert(kind);
                }
            }
        }
    });
}

impl eframe::App for TruceApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, REMEMBERED_KEY, &self.remembered());
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_background(&ctx);
        self.shortcuts_ui(ui);

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        if self.dialogs.has_prompt() {
            egui::Panel::top("path-prompt").show(ui, |ui| {
                self.dialogs.prompt_ui(ui, &mut self.commands);
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            status::status_bar_ui(
                ui,
                &self.model,
                &self.status,
                self.loader.as_ref(),
                &mut self.commands,
            );
        });
        if self.show_sources {
            egui::Panel::right("sources")
                .resizable(true)
                .default_size(340.0)
                .show(ui, |ui| {
                    sources::sources_ui(ui, &self.model, &mut self.date_edits, &mut self.commands);
                });
        }
        if self.show_events {
            egui::Panel::right("events")
                .resizable(true)
                .default_size(470.0)
                .show(ui, |ui| {
                    let mask = self.view.mask(&self.model);
                    let focus = self.view.selection.focus;
                    self.event_list
                        .ui(ui, &self.model, &mask, focus, &mut self.commands);
                });
        }
        if self.show_details {
            egui::Panel::bottom("details")
                .resizable(true)
                .default_size(290.0)
                .min_size(120.0)
                .show(ui, |ui| {
                    ui.add_space(4.0);
                    details::details_ui(
                        ui,
                        &self.model,
                        &self.view.selection,
                        &mut self.details,
                        &mut self.commands,
                    );
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.toolbar_ui(ui);
            ui.separator();
            if self.show_overview && !self.model.events.is_empty() {
                self.overview_ui(ui);
            }
            timeline::timeline_ui(ui, &self.model, &mut self.view, &mut self.commands);
        });

        self.drop_ui(&ctx);
        for command in std::mem::take(&mut self.commands) {
            self.apply(command, &ctx);
        }
    }
}

/// What is remembered between runs (with eframe's storage; window size and egui's own state,
/// the theme included, are remembered by eframe itself). The view is restored only when the
/// same folder or file opens again: a time range means nothing for other reports.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Remembered {
    origin: String,
    left_secs: f64,
    secs_per_point: f64,
    show_sources: bool,
    show_details: bool,
    #[serde(default)]
    show_events: bool,
    #[serde(default = "yes")]
    show_overview: bool,
    query: String,
    contested_only: bool,
    last_dir: Option<PathBuf>,
}

const REMEMBERED_KEY: &str = "truceline-view";

/// serde's default for switches that start on.
fn yes() -> bool {
    true
}

impl TruceApp {
    fn remembered(&self) -> Remembered {
        Remembered {
            origin: self.model.origin.clone(),
            left_secs: self.view.axis.left_secs,
            secs_per_point: self.view.axis.secs_per_point,
            show_sources: self.show_sources,
            show_details: self.show_details,
            show_events: self.show_events,
            show_overview: self.show_overview,
            query: self.view.filter.query.clone(),
            contested_only: self.view.filter.contested_only,
            last_dir: self.last_dir.clone(),
        }
    }

    /// Takes back what the last run remembered: panels and filter always, the view only for
    /// the same origin and only when it is a sane view.
    fn restore(&mut self, r: Remembered) {
        self.show_sources = r.show_sources;
        self.show_details = r.show_details;
        self.show_events = r.show_events;
        self.show_overview = r.show_overview;
        self.view.filter.query = r.query.clone();
        self.view.filter.contested_only = r.contested_only;
        self.last_dir = r.last_dir.clone().or(self.last_dir.take());
        self.remembered_view = Some(r);
        self.take_remembered_view();
    }

    /// Shows the remembered view if the model on screen is the one it was remembered for.
    fn take_remembered_view(&mut self) {
        let Some(r) = self.remembered_view.as_ref() else {
            return;
        };
        if r.origin.is_empty() || r.origin != self.model.origin {
            return;
        }
        let sane = r.left_secs.is_finite()
            && r.secs_per_point.is_finite()
            && (axis::MIN_SECS_PER_POINT..=axis::MAX_SECS_PER_POINT).contains(&r.secs_per_point);
        if sane {
            self.view.axis = axis::AxisView {
                left_secs: r.left_secs,
                secs_per_point: r.secs_per_point,
            };
            self.view.fit_pending = false;
        }
        self.remembered_view = None;
    }

    /// A folder or an exported `.ron`/`.json` dropped on the window opens like File > Open;
    /// while one is dragged over, the window says what dropping it will do.
    fn drop_ui(&mut self, ctx: &egui::Context) {
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if hovering {
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-target"),
            ));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                "Drop a folder of reports or an exported timeline to open it",
                egui::FontId::proportional(20.0),
                egui::Color32::WHITE,
            );
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        // One model at a time: the first path dropped wins.
        if let Some(path) = dropped.into_iter().next() {
            self.commands.push(Command::OpenPath(path));
        }
    }
}

/// Runs the native window. `start` = `Some(path)` opens a folder or an exported timeline in
/// the background; `None` shows the bundled sample reports.
pub fn run(start: Option<PathBuf>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Truceline")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([640.0, 420.0]),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "Truceline",
        options,
        Box::new(move |cc| {
            let mut app = match start {
                Some(path) => TruceApp::loading(path, &cc.egui_ctx),
                None => TruceApp::loading_bundled(&cc.egui_ctx),
            };
            if let Some(r) = cc
                .storage
                .and_then(|s| eframe::get_value::<Remembered>(s, REMEMBERED_KEY))
            {
                app.restore(r);
            }
            Ok(Box::new(app))
        }),
    )
}
