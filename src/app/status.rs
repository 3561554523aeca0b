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
    let stale = model
        .warnings
        .iter()
        .filter(|w| {
            w.message.starts_with(crate::pipeline::CHANGED_SINCE_EXPORT)
                || w.message.starts_with(crate::pipeline::MISSING_SINCE_EXPORT)
        })
        .count();
    let stale = match stale {
        0 => String::new(),
        1 => "; 1 source changed or missing since the export (see the load report)".to_owned(),
        n => format!("; {n} sources changed or missing since the export (see the load report)"),
    };
    format!(
        "Loaded {} events from {} sources{skipped}{stale}",
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
            let progress = loader.progress();
            let text = if loader.is_cancelling() {
                "Cancelling…".to_owned()
            } else {
                format!("{} in {}", progress.describe(), loader.path().display())
            };
            ui.add(
                egui::ProgressBar::new(progress.fraction())
                    .desired_width(420.0)
                    .text(text)
                    .animate(progress.indeterminate()),
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
    if !model.skipped.is_empty() || !model.warnings.is_empty() {
        egui::CollapsingHeader::new(load_report_title(model))
            .id_salt("load-report")
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("load-report-list")
                    .max_height(160.0)
                    .show(ui, |ui| {
                        for skipped in &model.skipped {
                            ui.label(super::safe_text::label(&format!(
                                "skipped {}: {}",
                                skipped.path, skipped.reason
                            )));
                        }
                        for warning in &model.warnings {
                            ui.label(
                                RichText::new(super::safe_text::label(&format!(
                                    "{}: {}",
                                    warning.path, warning.message
                                )))
                                .color(ui.visuals().warn_fg_color),
                            );
                        }
                    });
            });
    }
}

/// "Load report: 4 sources, 2 files skipped, 1 warning".
pub fn load_report_title(model: &Timeline) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = vec![plural(model.sources.len(), "source", "sources")];
    if !model.skipped.is_empty() {
        parts.push(plural(model.skipped.len(), "file skipped", "files skipped"));
    }
    if !model.warnings.is_empty() {
        parts.push(plural(model.warnings.len(), "warning", "warnings"));
    }
    format!("Load report: {}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::loader::LoadProgress;
    use crate::model::{Skipped, Source, Warning};

    #[test]
    fn progress_counts_bytes_then_says_what_comes_next() {
        let p = LoadProgress {
            files_done: 1,
            files_total: 4,
            bytes_done: 3_000_000,
            bytes_total: 4_000_000,
            ..LoadProgress::default()
        };
        assert!((p.fraction() - 0.75).abs() < 1e-6);
        assert_eq!(p.describe(), "Reading 1/4 files (3.0/4.0 MB)");
        let done = LoadProgress { files_done: 4, ..p };
        assert_eq!(done.describe(), "Finding dates and events…");
        assert!(done.indeterminate());
        assert_eq!(LoadProgress::default().fraction(), 0.0);
        // Then the extraction counts articles, stage by stage.
        let dating = LoadProgress {
            stage: crate::extract::Stage::Dating,
            articles_done: 1,
            articles_total: 4,
            ..done
        };
        assert_eq!(dating.describe(), "Dating articles 1/4");
        assert!((dating.fraction() - 0.25).abs() < 1e-6);
        assert!(!dating.indeterminate());
        let reading = LoadProgress {
            stage: crate::extract::Stage::Reading,
            articles_done: 3,
            ..dating
        };
        assert_eq!(reading.describe(), "Finding events 3/4 articles");
        assert!((reading.fraction() - 0.75).abs() < 1e-6);
        let aligning = LoadProgress {
            stage: crate::extract::Stage::Aligning,
            ..reading
        };
        assert_eq!(aligning.describe(), "Matching reports across sources…");
        assert!(aligning.indeterminate());
    }

    #[test]
    fn load_report_title_counts_sources_skips_and_warnings() {
        let mut model = Timeline {
            sources: vec![Source::default(), Source::default()],
            ..Timeline::default()
        };
        assert_eq!(load_report_title(&model), "Load report: 2 sources");
        model.skipped.push(Skipped {
            path: "a.png".into(),
            reason: "binary".into(),
        });
        model.warnings.push(Warning {
            path: "b.txt".into(),
            message: "guessed".into(),
        });
        assert_eq!(
            load_report_title(&model),
            "Load report: 2 sources, 1 file skipped, 1 warning"
        );
    }
}
