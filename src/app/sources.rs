//! The sources panel: for each article, what Truceline read about it (title, outlet, file,
//! encoding) and above all its publication date, with how that date was found, and a field
//! to correct it. A correction is pushed as a command; the app re-dates the timeline in the
//! background and the correction is exported with basis `user`.

use super::state::Command;
use crate::model::{DateBasis, SourceIdx, Timeline};
use chrono::NaiveDate;
use egui::{RichText, Ui};
use std::collections::BTreeMap;

/// What the user is typing into each source's date field, and the last complaint about it.
#[derive(Debug, Default)]
pub struct DateEdits {
    text: BTreeMap<SourceIdx, String>,
    error: BTreeMap<SourceIdx, String>,
}

/// How a publication date was found, in words.
pub fn basis_text(basis: &DateBasis) -> String {
    match basis {
        DateBasis::Metadata { field } => format!("from the file's metadata ({field})"),
        DateBasis::Inferred {
            confident: true, ..
        } => "read from the text".to_owned(),
        DateBasis::Inferred {
            confident: false, ..
        } => "guessed from the text and the folder's other dates".to_owned(),
        DateBasis::User => "set by you".to_owned(),
    }
}

/// Parses what the user typed: an ISO date, or "10 Oct 2020"-style forms.
pub fn parse_user_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    ["%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
}

pub fn sources_ui(
    ui: &mut Ui,
    model: &Timeline,
    edits: &mut DateEdits,
    commands: &mut Vec<Command>,
) {
    ui.heading("Sources");
    if model.sources.is_empty() {
        ui.weak("Nothing loaded.");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("sources-list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (idx, source) in model.sources.iter().enumerate() {
                let label = source.lane_label().to_owned();
                ui.add_space(6.0);
                ui.label(RichText::new(super::safe_text::label(&label)).strong());
                if source.title != label {
                    ui.label(super::safe_text::label(&source.title));
                }
                ui.weak(super::safe_text::label(&source.id));
                match &source.outlet {
                    Some(outlet) if *outlet != label => {
                        ui.weak(format!("outlet: {}", super::safe_text::label(outlet)));
                    }
                    Some(_) => {}
                    None => {
                        ui.weak("outlet: not found");
                    }
                }
                if !source.encoding.is_empty() && source.encoding != "UTF-8" {
                    ui.weak(format!("encoding: {}", source.encoding));
                }
                match &source.published {
                    Some(p) => {
                        ui.label(format!(
                            "Published {} — {}",
                            p.date.format("%-d %b %Y"),
                            basis_text(&p.basis)
                        ));
                        if let DateBasis::Inferred { evidence, .. } = &p.basis {
                            for e in evidence {
                                ui.weak(format!("• {}", super::safe_text::label(e)));
                            }
                        }
                    }
                    None => {
                        ui.label(
                            RichText::new("Publication date unknown")
                                .color(ui.visuals().warn_fg_color),
                        );
                    }
                }
                for e in &source.date_evidence {
                    ui.weak(format!(
                        "• {} {}: {}",
                        if e.stated {
                            "stated in"
                        } else {
                            "suggested by"
                        },
                        e.origin,
                        e.date
                    ));
                }
                date_field_ui(ui, idx, &label, model, edits, commands);
                ui.separator();
            }
        });
}

fn date_field_ui(
    ui: &mut Ui,
    idx: SourceIdx,
    label: &str,
    model: &Timeline,
    edits: &mut DateEdits,
    commands: &mut Vec<Command>,
) {
    let current = model
        .sources
        .get(idx)
        .and_then(|s| s.published.as_ref())
        .map(|p| p.date.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    ui.horizontal(|ui| {
        let name = ui.label("Date:");
        let text = edits.text.entry(idx).or_insert_with(|| current.clone());
        let field = ui.add(
            egui::TextEdit::singleline(text)
                .desired_width(100.0)
                .hint_text("YYYY-MM-DD"),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::TextInput,
                true,
                format!("Publication date of {label}"),
            )
        });
        let _ = name;
        let submitted = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(format!("Set date of {label}")).clicked() || submitted {
            match parse_user_date(text) {
                Some(date) => {
                    edits.error.remove(&idx);
                    commands.push(Command::SetPublished { source: idx, date });
                }
                None => {
                    edits
                        .error
                        .insert(idx, format!("{text:?} is not a date (use YYYY-MM-DD)"));
                }
            }
        }
    });
    if let Some(error) = edits.error.get(&idx) {
        ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
    }
}

impl DateEdits {
    /// Forgets typed text, so fields show the model's dates again (after a new model).
    pub fn reset(&mut self) {
        self.text.clear();
        self.error.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_dates_in_common_forms() {
        let d = NaiveDate::from_ymd_opt(2020, 10, 11);
        assert_eq!(parse_user_date("2020-10-11"), d);
        assert_eq!(parse_user_date(" 11 Oct 2020 "), d);
        assert_eq!(parse_user_date("October 11, 2020"), d);
        assert_eq!(parse_user_date("11/10/2020"), None);
        assert_eq!(parse_user_date("2020-02-30"), None);
    }

    #[test]
    fn bases_read_as_words() {
        assert_eq!(basis_text(&DateBasis::User), "set by you");
        let guessed = DateBasis::Inferred {
            evidence: vec![],
            confident: false,
        };
        assert!(basis_text(&guessed).contains("folder"));
    }
}
