//! The status bar: load progress with Cancel, the last message (errors in red), what is
//! loaded, and the files that were skipped with their reasons.
//!
//! Errors end here, as text: nothing a folder contains can make the app panic or go silent.

use super::loader::Loader;
use super::state::Command;
use crate::model::Timeline;
use egui::{RichText, Ui};

/// The last thing the app has to tell the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub is_error: bool,
}

impl StatusLine {
    pub fn info(text: impl Into<String>) -> StatusLine {
        StatusLine {
            text: text.into(),
            is_error: false,
        }
    }

    pub fn error(text: impl Into<String>) -> StatusLine {
        StatusLine {
            text: text.into(),
            is_error: true,
        }
    }
}

/// One line for a freshly loaded model.
pub fn loaded_summary(model: &Timeline) -> String {
    let skipped = match model.skipped.len() {
        0 => String::new(),
        1 => ", 1 file skipped".to_owned(),
        n => format!(", {n} files skipped"),
    };
    format!(
        "Loaded {} events from {} sources{skipped}",
        model.events.len(),
        model.sources.len()
    )
}

pub fn status_bar_ui(
    ui: &mut Ui,
    model: &Timeline,
    status: &StatusLine,
    loader: Option<&Loader>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if let Some(loader) = loader {
            let (done, total) = loader.progress();
            let fraction = if total > 0 {
                done as f32 / total as f32
            } else {
                0.0
            };
            let text = if loader.is_cancelling() {
                "Cancelling…".to_owned()
            } else if total > 0 {
                format!(
                    "Reading {done}/{total} files in {}",
                    loader.path().display()
                )
            } else {
                format!("Reading {}", loader.path().display())
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(320.0)
                    .text(text)
                    .animate(total == 0),
            );
            if ui
                .add_enabled(!loader.is_cancelling(), egui::Button::new("Cancel"))
                .clicked()
            {
                commands.push(Command::CancelLoad);
            }
            ui.separator();
        }
        if !status.text.is_empty() {
            let text = RichText::new(&status.text);
            if status.is_error {
                ui.label(text.color(ui.visuals().error_fg_color));
            } else {
                ui.label(text);
            }
            ui.separator();
        }
        if !model.origin.is_empty() {
            ui.weak(&model.origin);
        }
    });
    if !model.skipped.is_empty() {
        let n = model.skipped.len();
        egui::CollapsingHeader::new(format!("{n} file{} skipped", if n == 1 { "" } else { "s" }))
            .id_salt("skipped-files")
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("skipped-list")
                    .max_height(140.0)
                    .show(ui, |ui| {
                        for skipped in &model.skipped {
                            ui.label(format!("{}: {}", skipped.path, skipped.reason));
                        }
                    });
            });
    }
}
