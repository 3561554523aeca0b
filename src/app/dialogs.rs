//! Native file dialogs (rfd) on a background thread, and the typed-path field that replaces
//! them when the system has no dialog service.
//!
//! A real dialog blocks its thread until the user answers, so it never runs on the UI thread.
//! rfd's portal backend answers `None` within milliseconds when no portal is running; an
//! answer that fast cannot have come from a person, so the app then asks for a path instead of
//! silently doing nothing.

use super::state::Command;
use crate::export::Format;
use egui::{Key, Ui};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// A `None` faster than this means no dialog was shown.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(300);

/// What a path is being asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    OpenFolder,
    Export(Format),
}

impl Purpose {
    /// The file name offered for an export.
    fn default_file_name(self) -> &'static str {
        match self {
            Purpose::OpenFolder => "",
            Purpose::Export(Format::Ron) => "timeline.ron",
            Purpose::Export(Format::Json) => "timeline.json",
        }
    }

    fn action(self) -> &'static str {
        match self {
            Purpose::OpenFolder => "Open",
            Purpose::Export(_) => "Export",
        }
    }

    /// The command that uses the chosen path.
    fn command(self, path: PathBuf) -> Command {
        match self {
            Purpose::OpenFolder => Command::OpenPath(path),
            Purpose::Export(format) => Command::ExportTo(format, path),
        }
    }
}

/// The answer of a dialog thread: the path, and how long the dialog was up.
type Answer = (Option<PathBuf>, Duration);

struct Pending {
    purpose: Purpose,
    rx: Receiver<Answer>,
}

/// The path text field shown instead of a native dialog.
struct Prompt {
    purpose: Purpose,
    text: String,
}

/// What became of a dialog this frame.
#[derive(Debug, PartialEq)]
pub enum DialogEvent {
    /// The user chose a path; apply this command.
    Chosen(Command),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown; the path field is up instead.
    Unavailable,
}

/// At most one native dialog in flight, or one path field.
#[derive(Default)]
pub struct Dialogs {
    pending: Option<Pending>,
    prompt: Option<Prompt>,
}

impl Dialogs {
    /// Whether a native dialog is open (so a second one is not stacked on it).
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Opens the native dialog for `purpose` on its own thread; the answer arrives through
    /// [`Dialogs::poll`]. Falls back to the path field when no thread can be started.
    pub fn open(&mut self, purpose: Purpose, ctx: &egui::Context, start_dir: Option<PathBuf>) {
        if self.pending.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let started = Instant::now();
                let mut dialog = rfd::FileDialog::new();
                if let Some(dir) = start_dir {
                    dialog = dialog.set_directory(dir);
                }
                let path = match purpose {
                    Purpose::OpenFolder => {
                        dialog.set_title("Open a folder of reports").pick_folder()
                    }
                    Purpose::Export(format) => {
                        let (name, ext) = match format {
                            Format::Ron => ("RON timeline", "ron"),
                            Format::Json => ("JSON timeline", "json"),
                        };
                        dialog
                            .set_title("Export selection")
                            .set_file_name(purpose.default_file_name())
                            .add_filter(name, &[ext])
                            .save_file()
                    }
                };
                // The app may have quit meanwhile; nobody is left to tell.
                let _ = tx.send((path, started.elapsed()));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.pending = Some(Pending { purpose, rx }),
            Err(_) => self.show_prompt(purpose),
        }
    }

    fn show_prompt(&mut self, purpose: Purpose) {
        let text = match (&self.prompt, purpose) {
            (Some(p), _) if p.purpose == purpose => p.text.clone(),
            (_, Purpose::OpenFolder) => String::new(),
            (_, Purpose::Export(_)) => purpose.default_file_name().to_owned(),
        };
        self.prompt = Some(Prompt { purpose, text });
    }

    /// Collects the dialog thread's answer, if it has one.
    pub fn poll(&mut self) -> Option<DialogEvent> {
        let pending = self.pending.as_ref()?;
        let answer = match pending.rx.try_recv() {
            Ok(answer) => answer,
            Err(TryRecvError::Empty) => return None,
            // The thread died without answering: treat it like a missing dialog service.
            Err(TryRecvError::Disconnected) => (None, Duration::ZERO),
        };
        let purpose = pending.purpose;
        self.pending = None;
        Some(match answer {
            (Some(path), _) => {
                self.prompt = None;
                DialogEvent::Chosen(purpose.command(path))
            }
            (None, shown_for) if shown_for < NO_DIALOG_THRESHOLD => {
                self.show_prompt(purpose);
                DialogEvent::Unavailable
            }
            (None, _) => DialogEvent::Cancelled,
        })
    }

    /// Whether the path field is showing.
    pub fn has_prompt(&self) -> bool {
        self.prompt.is_some()
    }

    /// The path field with its action and a Cancel button, in one row.
    pub fn prompt_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        let mut close = false;
        ui.horizontal(|ui| {
            let what = match prompt.purpose {
                Purpose::OpenFolder => "Folder or exported timeline to open:",
                Purpose::Export(Format::Ron) => "Export RON to:",
                Purpose::Export(Format::Json) => "Export JSON to:",
            };
            let label = ui.label(format!("No file dialog available. {what}"));
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .hint_text("/path/to/reports")
                        .desired_width(ui.available_width() - 160.0),
                )
                .labelled_by(label.id);
            let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            let path = prompt.text.trim();
            let go = ui
                .add_enabled(!path.is_empty(), egui::Button::new(prompt.purpose.action()))
                .clicked();
            if (go || entered) && !path.is_empty() {
                commands.push(prompt.purpose.command(PathBuf::from(path)));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        if close {
            self.prompt = None;
        }
    }

    /// Shows the path field directly, as if no dialog were available (tests, and the menu
    /// while a native dialog is already open elsewhere).
    pub fn ask_for_path(&mut self, purpose: Purpose) {
        self.show_prompt(purpose);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(purpose: Purpose, answer: Answer) -> (Dialogs, Option<DialogEvent>) {
        let (tx, rx) = mpsc::channel();
        let _ = tx.send(answer);
        let mut dialogs = Dialogs {
            pending: Some(Pending { purpose, rx }),
            prompt: None,
        };
        let event = dialogs.poll();
        (dialogs, event)
    }

    #[test]
    fn an_instant_none_means_no_dialog_and_shows_the_path_field() {
        let (dialogs, event) = answered(
            Purpose::Export(Format::Json),
            (None, Duration::from_millis(5)),
        );
        assert_eq!(event, Some(DialogEvent::Unavailable));
        assert!(dialogs.has_prompt() && !dialogs.is_open());
        assert_eq!(
            dialogs.prompt.map(|p| p.text).as_deref(),
            Some("timeline.json")
        );
    }

    #[test]
    fn a_slow_none_is_the_user_cancelling() {
        let (dialogs, event) = answered(Purpose::OpenFolder, (None, Duration::from_secs(4)));
        assert_eq!(event, Some(DialogEvent::Cancelled));
        assert!(!dialogs.has_prompt());
    }

    #[test]
    fn a_chosen_path_becomes_a_command() {
        let (_, event) = answered(
            Purpose::OpenFolder,
            (Some("/tmp/r".into()), Duration::from_secs(1)),
        );
        assert_eq!(
            event,
            Some(DialogEvent::Chosen(Command::OpenPath("/tmp/r".into())))
        );
        let (_, event) = answered(
            Purpose::Export(Format::Ron),
            (Some("/tmp/t.ron".into()), Duration::from_secs(1)),
        );
        assert_eq!(
            event,
            Some(DialogEvent::Chosen(Command::ExportTo(
                Format::Ron,
                "/tmp/t.ron".into()
            )))
        );
    }

    #[test]
    fn a_dead_dialog_thread_falls_back_to_the_path_field() {
        let (tx, rx) = mpsc::channel::<Answer>();
        drop(tx);
        let mut dialogs = Dialogs {
            pending: Some(Pending {
                purpose: Purpose::OpenFolder,
                rx,
            }),
            prompt: None,
        };
        assert_eq!(dialogs.poll(), Some(DialogEvent::Unavailable));
        assert_eq!(dialogs.poll(), None);
    }
}
