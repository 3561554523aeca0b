//! The details panel: what each source says about the selected event, side by side, with the
//! time expression highlighted in each quoted sentence and how its time was resolved.
//!
//! Every highlight is sliced from the sentence by byte span with `str::get`, so a span that
//! does not fit the text (a stale export, a model bug) shows plain text instead of panicking.
//!
//! It is also where the user corrects the event: a new label, a merge with a nearby event,
//! a quote split out into an event of its own; each is a command, applied after the frame.

use super::state::{Command, SelectionState};
use super::timeline::kind_color;
use crate::model::{Event, EventIdx, Mention, Sentence, TimeBasis, Timeline};
use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, RichText, Sense, Stroke, TextFormat, Ui, vec2};
use std::ops::Range;

/// Narrowest a source's column gets before the columns scroll sideways instead.
const MIN_COLUMN_WIDTH_POINTS: f32 = 300.0;
/// How far (in time) an event may be from the shown one to be offered for a merge.
const MERGE_WINDOW_DAYS: i64 = 3;
/// How many events the merge menu offers, nearest first.
const MERGE_CANDIDATES: usize = 30;

/// What the user is typing into the details panel: the new label of the shown event.
#[derive(Debug, Default)]
pub struct DetailsState {
    /// The event (index and id) the field was filled for; another event refills it.
    for_event: Option<(EventIdx, String)>,
    label: String,
}

/// How a piece of a sentence is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marks {
    /// Inside the time expression that dated the mention.
    pub time: bool,
    /// Inside the trigger word that made it an event ("shelling", "agreed").
    pub trigger: bool,
    /// Inside who says it, who is blamed, or a place.
    pub actor: bool,
    /// Inside a figure of killed or wounded.
    pub figure: bool,
}

/// Where the mention's facts stand in its sentence (local byte ranges): the claimant, the
/// accused and places as written, and the killed/wounded figures, as digits or words.
pub fn fact_ranges(sentence: &str, mention: &Mention) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let facts = &mention.facts;
    let mut actors = Vec::new();
    let names = facts
        .claimant
        .as_deref()
        .into_iter()
        .chain(facts.accused.as_deref())
        .chain(facts.places.iter().map(String::as_str));
    for name in names.filter(|n| !n.is_empty()) {
        // Whole words only: "Russia" is not marked inside "Russian-mediated".
        let whole = sentence.match_indices(name).find(|(at, _)| {
            let before = sentence[..*at].chars().next_back();
            let after = sentence[at + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        if let Some((at, _)) = whole {
            actors.push(at..at + name.len());
        }
    }
    let mut figures = Vec::new();
    let wanted: Vec<u32> = facts
        .killed
        .iter()
        .chain(facts.wounded.iter())
        .copied()
        .collect();
    if !wanted.is_empty() {
        let mut at = 0;
        for word in sentence.split_inclusive(|c: char| !c.is_alphanumeric() && c != ',') {
            let token = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            // Read as extraction reads figures, so the marked word is the one counted.
            let value = crate::extract::facts::number(token);
            if value.is_some_and(|v| wanted.contains(&v)) && !token.is_empty() {
                figures.push(at..at + token.len());
            }
            at += word.len();
        }
    }
    (actors, figures)
}

/// `span` (bytes in the source text) moved into `sentence`'s own text, if it lies inside it
/// on char boundaries.
fn local_range(sentence: &Sentence, span: &Range<usize>) -> Option<Range<usize>> {
    let start = span.start.checked_sub(sentence.span.start)?;
    let end = span.end.checked_sub(sentence.span.start)?;
    (start < end && sentence.text.get(start..end).is_some()).then_some(start..end)
}

/// The sentence cut into consecutive pieces, each with its marks; the pieces tile the text.
/// The sentence cut into consecutive pieces, each with its marks; the pieces tile the text.
/// `actors` and `figures` are local ranges, from [`fact_ranges`].
pub fn highlight_pieces_with(
    sentence: &Sentence,
    time_span: Option<&Range<usize>>,
    trigger: &Range<usize>,
    (actors, figures): (&[Range<usize>], &[Range<usize>]),
) -> Vec<(Range<usize>, Marks)> {
    let len = sentence.text.len();
    let time = time_span.and_then(|s| local_range(sentence, s));
    let trigger = local_range(sentence, trigger);
    let valid = |r: &&Range<usize>| r.start < r.end && sentence.text.get(r.start..r.end).is_some();
    let actors: Vec<&Range<usize>> = actors.iter().filter(valid).collect();
    let figures: Vec<&Range<usize>> = figures.iter().filter(valid).collect();
    let mut cuts = vec![0, len];
    for r in time
        .iter()
        .chain(trigger.iter())
        .chain(actors.iter().copied())
        .chain(figures.iter().copied())
    {
        cuts.push(r.start);
        cuts.push(r.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let inside = |r: &Option<Range<usize>>, at: usize| r.as_ref().is_some_and(|r| r.contains(&at));
    cuts.windows(2)
        .filter_map(|w| match *w {
            [a, b] if a < b => Some((
                a..b,
                Marks {
                    time: inside(&time, a),
                    trigger: inside(&trigger, a),
                    actor: actors.iter().any(|r| r.contains(&a)),
                    figure: figures.iter().any(|r| r.contains(&a)),
                },
            )),
            _ => None,
        })
        .collect()
}

/// The sentence as a layout job with the time expression on a highlight background and the
/// trigger underlined, wrapped at `width`.
fn sentence_job(ui: &Ui, sentence: &Sentence, mention: &Mention, width: f32) -> LayoutJob {
    let visuals = ui.visuals();
    let font = FontId::proportional(14.0);
    let highlight = if visuals.dark_mode {
        Color32::from_rgb(90, 70, 10)
    } else {
        Color32::from_rgb(255, 230, 140)
    };
    let mut job = LayoutJob {
        wrap: TextWrapping::wrap_at_width(width),
        ..LayoutJob::default()
    };
    let (actors, figures) = fact_ranges(&sentence.text, mention);
    let pieces = highlight_pieces_with(
        sentence,
        mention.time_span.as_ref(),
        &mention.trigger,
        (&actors, &figures),
    );
    // Long "sentences" (a file without punctuation) are cut for display; exports keep all.
    let mut budget = super::safe_text::MAX_SENTENCE_CHARS;
    for (range, marks) in pieces {
        let Some(text) = sentence.text.get(range) else {
            continue;
        };
        if budget == 0 {
            break;
        }
        let piece = super::safe_text::shown(text, budget);
        budget = budget.saturating_sub(text.chars().count());
        let text = piece.as_ref();
        let mut format = TextFormat::simple(font.clone(), visuals.text_color());
        if marks.time {
            format.background = highlight;
            format.color = visuals.strong_text_color();
        }
        if marks.trigger {
            format.underline = Stroke::new(1.5, kind_color(mention.kind));
        }
        if marks.actor {
            format.italics = true;
            format.color = visuals.strong_text_color();
        }
        if marks.figure {
            format.color = kind_color(crate::model::EventKind::Casualties);
        }
        job.append(text, 0.0, format);
    }
    job
}

/// ": “the start of sentence N…”" of the mention's source, or nothing when it is not there.
fn quoted_sentence(model: &Timeline, mention: &Mention, sentence: usize) -> String {
    model
        .sources
        .get(mention.source)
        .and_then(|s| s.sentences.get(sentence))
        .map(|s| format!(": “{}”", snippet(&s.text, 60)))
        .unwrap_or_default()
}

/// How a mention's time was found, in words a reader can check against the text.
pub fn basis_text(model: &Timeline, mention: &Mention) -> String {
    let quoted = mention
        .time_text
        .as_deref()
        .map(|t| format!("“{t}”"))
        .unwrap_or_else(|| "the time expression".to_owned());
    match &mention.time_basis {
        TimeBasis::Explicit => format!("explicit: {quoted}"),
        TimeBasis::Relative { reference } => {
            format!(
                "{quoted} relative to article date {}",
                reference.format("%Y-%m-%d")
            )
        }
        TimeBasis::Narrative { from_sentence } => format!(
            "narrative time from earlier sentence {}{}",
            from_sentence + 1,
            quoted_sentence(model, mention, *from_sentence)
        ),
        TimeBasis::Antecedent { from_sentence } => format!(
            "no time in the sentence: the time of the happening it refers back to, in sentence {}{}",
            from_sentence + 1,
            quoted_sentence(model, mention, *from_sentence)
        ),
        TimeBasis::Anchored { from_sentence } => format!(
            "{quoted} counted from the time stated in sentence {}{}",
            from_sentence + 1,
            quoted_sentence(model, mention, *from_sentence)
        ),
        TimeBasis::StoryDay { from_sentence } => format!(
            "no time in the sentence: the story's day, from its lede (sentence {}){}",
            from_sentence + 1,
            quoted_sentence(model, mention, *from_sentence)
        ),
        TimeBasis::ArticleDate => "no time in the sentence: article date fallback".to_owned(),
    }
}

/// The first `max_chars` characters of `text`, with an ellipsis when cut.
fn snippet(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text).trim_end()),
        None => text.to_owned(),
    }
}

/// The details of the focused event, or a hint when nothing is selected.
pub fn details_ui(
    ui: &mut Ui,
    model: &Timeline,
    selection: &SelectionState,
    state: &mut DetailsState,
    commands: &mut Vec<Command>,
) {
    let focus = selection
        .focus
        .and_then(|e| model.events.get(e).map(|ev| (e, ev)));
    let Some((focus_idx, event)) = focus else {
        let hint = if selection.range_secs.is_some() {
            "A time range is selected: export writes the events inside it. Click a marker to read what the sources say."
        } else {
            "Click a marker to see what each source says about that event. Ctrl+click adds to the selection; shift+drag selects a time range."
        };
        ui.weak(hint);
        // A panel shrinks to its contents; keep the size the user gave it.
        ui.take_available_space();
        return;
    };
    if selection.events.len() > 1 {
        others_ui(ui, model, selection, focus_idx, commands);
    }
    header_ui(ui, model, event);
    corrections_ui(ui, model, focus_idx, event, state, commands);
    ui.separator();
    columns_ui(ui, model, event, commands);
}

/// The row that corrects the shown event: a new label, and a merge with a nearby event.
fn corrections_ui(
    ui: &mut Ui,
    model: &Timeline,
    focus: EventIdx,
    event: &Event,
    state: &mut DetailsState,
    commands: &mut Vec<Command>,
) {
    let this = Some((focus, event.id.clone()));
    if state.for_event != this {
        state.for_event = this;
        state.label = event.label.clone();
    }
    ui.horizontal_wrapped(|ui| {
        ui.weak("Correct:");
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.label)
                .hint_text("A label of your own")
                .desired_width(280.0),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Label of this event")
        });
        let label = state.label.trim();
        let changed = !label.is_empty() && label != event.label;
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let rename = ui
            .add_enabled(changed, egui::Button::new("Rename"))
            .on_hover_text("Keep this label; exports mark it as yours");
        rename
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, changed, "Rename event"));
        if changed && (rename.clicked() || entered) {
            commands.push(Command::RenameEvent {
                event: focus,
                label: label.to_owned(),
            });
        }
        ui.add_enabled_ui(model.events.len() > 1, |ui| {
            ui.menu_button("Merge with...", |ui| {
                // Looked up only while the menu is open.
                let candidates = merge_candidates(model, focus);
                if candidates.is_empty() {
                    ui.weak("No event within a few days of this one.");
                } else {
                    ui.weak("Same happening as this one (nearest first):");
                }
                for e in candidates {
                    let Some(other) = model.events.get(e) else {
                        continue;
                    };
                    let text = format!(
                        "{} ({}, {})",
                        super::safe_text::label(&other.label),
                        other.id,
                        other.kind.title()
                    );
                    let item = ui.button(text);
                    item.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("Merge with {}", other.id),
                        )
                    });
                    if item.clicked() {
                        commands.push(Command::MergeEvents {
                            keep: focus,
                            absorb: e,
                        });
                        ui.close();
                    }
                }
            })
            .response
            .on_hover_text("Gather another event's quotes into this one, which keeps its label");
        });
    });
}

/// The events a user may mean to merge with `focus`: those starting within a few days of it,
/// the same kind first, then nearest in time. Found by binary search over the time-sorted
/// events, so the cost does not grow with the timeline.
pub fn merge_candidates(model: &Timeline, focus: EventIdx) -> Vec<EventIdx> {
    let Some(event) = model.events.get(focus) else {
        return Vec::new();
    };
    let window = chrono::Duration::days(MERGE_WINDOW_DAYS);
    let (Some(lo), Some(hi)) = (
        event.time.start.checked_sub_signed(window),
        event.time.end.checked_add_signed(window),
    ) else {
        return Vec::new();
    };
    let first = model.events.partition_point(|e| e.time.start < lo);
    let last = model.events.partition_point(|e| e.time.start <= hi);
    let mut near: Vec<EventIdx> = (first..last.max(first)).filter(|&e| e != focus).collect();
    let distance = |e: EventIdx| {
        model.events.get(e).map_or(i64::MAX, |o| {
            (o.time.start - event.time.start).num_seconds().abs()
        })
    };
    near.sort_by_key(|&e| {
        let same = model.events.get(e).is_some_and(|o| o.kind == event.kind);
        (!same, distance(e), e)
    });
    near.truncate(MERGE_CANDIDATES);
    near
}

/// The other selected events, as buttons that bring each into the panel.
fn others_ui(
    ui: &mut Ui,
    model: &Timeline,
    selection: &SelectionState,
    focus: EventIdx,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} selected:", selection.events.len()));
        for &e in &selection.events {
            if let Some(event) = model.events.get(e)
                && ui
                    .selectable_label(e == focus, super::safe_text::label(&event.label))
                    .clicked()
            {
                commands.push(Command::FocusEvent(e));
            }
        }
    });
}

fn header_ui(ui: &mut Ui, model: &Timeline, event: &Event) {
    ui.horizontal(|ui| {
        let (dot, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
        ui.painter()
            .circle_filled(dot.center(), 6.0, kind_color(event.kind));
        ui.label(
            RichText::new(super::safe_text::label(&event.label))
                .heading()
                .strong(),
        );
        ui.label(RichText::new(event.kind.title()).color(kind_color(event.kind)));
        ui.label(event.time.display());
        let n = model.event_sources(event).len();
        ui.weak(format!(
            "· {} · reported by {n} source{}",
            event.id,
            if n == 1 { "" } else { "s" }
        ));
    });
    if !event.disagreements.is_empty() {
        ui.label(
            RichText::new(format!(
                "Sources disagree — {}",
                event.disagreements.join("; ")
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
}

/// "said by the Armenian defence ministry (Armenia) · blames Azerbaijan · killed 7 · in
/// Ganja, Azerbaijan · denied · planned": what the sentence says around the happening.
pub fn facts_text(mention: &Mention) -> String {
    let f = &mention.facts;
    let mut parts = Vec::new();
    if let Some(c) = &f.claimant {
        match &f.claimant_party {
            Some(p) if !c.contains(&**p) => parts.push(format!("said by {c} ({p})")),
            _ => parts.push(format!("said by {c}")),
        }
    }
    if let Some(a) = &f.accused {
        parts.push(format!("blames {a}"));
    }
    if let Some(k) = f.killed {
        parts.push(format!("killed {k}"));
    }
    if let Some(w) = f.wounded {
        parts.push(format!("wounded {w}"));
    }
    if !f.places.is_empty() {
        parts.push(format!("places: {}", f.places.join(", ")));
    }
    if f.denied {
        parts.push("denial".to_owned());
    }
    if f.modality != crate::model::Modality::Actual {
        parts.push(f.modality.as_str().to_owned());
    }
    parts.join(" · ")
}

/// One column per source that mentions `event`, each with its quoting sentences.
fn columns_ui(ui: &mut Ui, model: &Timeline, event: &Event, commands: &mut Vec<Command>) {
    let sources = model.event_sources(event);
    if sources.is_empty() {
        ui.weak("No source quotes this event.");
        return;
    }
    let spacing = ui.spacing().item_spacing.x + 12.0;
    let available = ui.available_width();
    let count = sources.len() as f32;
    let width = ((available - spacing * (count - 1.0)) / count).max(MIN_COLUMN_WIDTH_POINTS) - 4.0;
    egui::ScrollArea::both()
        .id_salt("details-columns")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for (i, &source_idx) in sources.iter().enumerate() {
                    if i > 0 {
                        ui.separator();
                    }
                    ui.vertical(|ui| {
                        ui.set_width(width);
                        column_ui(ui, model, event, source_idx, width, commands);
                    });
                }
            });
        });
}

fn column_ui(
    ui: &mut Ui,
    model: &Timeline,
    event: &Event,
    source_idx: usize,
    width: f32,
    commands: &mut Vec<Command>,
) {
    let Some(source) = model.sources.get(source_idx) else {
        return;
    };
    ui.label(
        RichText::new(super::safe_text::label(source.lane_label()))
            .strong()
            .size(15.0),
    );
    let published = source
        .published
        .as_ref()
        .map(|p| {
            format!(
                "published {} ({})",
                p.date.format("%-d %b %Y"),
                p.basis.as_str()
            )
        })
        .unwrap_or_else(|| "publication date unknown".to_owned());
    ui.weak(format!("{published} · {}", source.id));
    ui.add_space(4.0);
    let mentions = event
        .mentions
        .iter()
        .filter_map(|&m| model.mentions.get(m).map(|x| (m, x)))
        .filter(|(_, m)| m.source == source_idx);
    for (mention_idx, mention) in mentions {
        match source.sentences.get(mention.sentence) {
            Some(sentence) => {
                ui.label(sentence_job(ui, sentence, mention, width));
            }
            None => {
                ui.weak("(the quoted sentence is missing from this source)");
            }
        }
        let gap = source
            .published
            .as_ref()
            .and_then(|p| report_gap(p.date, &mention.time))
            .map(|g| format!(" · {g}"))
            .unwrap_or_default();
        ui.label(
            RichText::new(format!(
                "Resolved to {}{} · {}{gap}",
                mention.time.display(),
                mention
                    .clock
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default(),
                super::safe_text::visible(&basis_text(model, mention))
            ))
            .size(12.0)
            .color(ui.visuals().weak_text_color()),
        );
        let facts = super::safe_text::label(&facts_text(mention));
        if !facts.is_empty() {
            ui.label(
                RichText::new(facts)
                    .size(12.0)
                    .color(ui.visuals().weak_text_color()),
            );
        }
        if event.mentions.len() > 1 {
            let split = ui
                .small_button("Split out")
                .on_hover_text("This quote reports another happening: give it its own event");
            split.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!(
                        "Split out the quote of {} (sentence {})",
                        super::safe_text::label(source.lane_label()),
                        mention.sentence + 1
                    ),
                )
            });
            if split.clicked() {
                commands.push(Command::SplitMention(mention_idx));
            }
        }
        // The sentences around the quote, on demand: a quote can mean something else in
        // context ("..., Azerbaijan said. Armenia denied it.").
        egui::CollapsingHeader::new(RichText::new("Sentence before and after").size(12.0))
            .id_salt(("context", source_idx, mention.sentence))
            .show(ui, |ui| {
                let around = [mention.sentence.checked_sub(1), Some(mention.sentence + 1)];
                for (i, at) in around.into_iter().enumerate() {
                    match at.and_then(|a| source.sentences.get(a)) {
                        Some(s) => {
                            ui.label(
                                RichText::new(super::safe_text::shown(
                                    &s.text,
                                    super::safe_text::MAX_SENTENCE_CHARS,
                                ))
                                .color(ui.visuals().weak_text_color()),
                            );
                        }
                        None => {
                            ui.weak(if i == 0 {
                                "(the quote opens the article)"
                            } else {
                                "(the quote ends the article)"
                            });
                        }
                    }
                }
            });
        ui.add_space(8.0);
    }
}

/// How long after the happening the source published it: the news value of a report, and a
/// hint for how much it could know ("published 3 days later"). `None` when the time is too
/// coarse for the gap to mean anything (a decade).
pub fn report_gap(published: chrono::NaiveDate, time: &crate::model::TimeSpan) -> Option<String> {
    if time.granularity > crate::model::Granularity::Month {
        return None;
    }
    let (first, last) = (time.first_day(), time.last_day());
    if first > published {
        let days = (first - published).num_days();
        return Some(format!(
            "expected {days} day{} after publication",
            if days == 1 { "" } else { "s" }
        ));
    }
    let days = (published - last).num_days();
    Some(match days {
        d if d <= 0 => "published the same day".to_owned(),
        1 => "published a day later".to_owned(),
        d => format!("published {d} days later"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, SentenceRole, Source, TimeSpan};
    use chrono::NaiveDate;

    fn sentence(text: &str, at: usize) -> Sentence {
        Sentence {
            span: at..at + text.len(),
            text: text.into(),
            paragraph: 0,
            role: SentenceRole::Body,
        }
    }

    fn pieces(
        s: &Sentence,
        time: Option<Range<usize>>,
        trigger: Range<usize>,
    ) -> Vec<(&str, bool, bool)> {
        highlight_pieces_with(s, time.as_ref(), &trigger, (&[], &[]))
            .into_iter()
            .map(|(r, m)| (&s.text[r], m.time, m.trigger))
            .collect()
    }

    #[test]
    fn time_and_trigger_are_cut_out_by_span_offset() {
        // The sentence starts at byte 100 of its source text.
        let s = sentence("Shelling resumed on Saturday near Stepanakert.", 100);
        assert_eq!(
            pieces(&s, Some(117..128), 100..108),
            vec![
                ("Shelling", false, true),
                (" resumed ", false, false),
                ("on Saturday", true, false),
                (" near Stepanakert.", false, false),
            ]
        );
    }

    #[test]
    fn bad_spans_give_plain_text_not_a_panic() {
        let s = sentence("Ceasefire – at noon.", 10);
        let plain = vec![("Ceasefire – at noon.", false, false)];
        // Before the sentence, past its end, and inside the multi-byte dash.
        assert_eq!(pieces(&s, Some(0..5), 0..3), plain);
        assert_eq!(pieces(&s, Some(25..90), 28..40), plain);
        assert_eq!(pieces(&s, Some(21..23), 21..21), plain);
        assert_eq!(pieces(&s, None, 10..10), plain);
    }

    #[test]
    fn pieces_tile_the_sentence() {
        let s = sentence("From 12:00 on 10 October the truce held.", 0);
        let all = highlight_pieces_with(&s, Some(&(5..24)), &(29..34), (&[], &[]));
        let joined: String = all.iter().map(|(r, _)| &s.text[r.clone()]).collect();
        assert_eq!(joined, s.text);
        assert!(all.windows(2).all(|w| w[0].0.end == w[1].0.start));
    }

    #[test]
    fn actors_and_figures_are_found_in_the_sentence() {
        let text = "Azerbaijan said Armenia shelled Ganja, killing seven civilians and 1,200 more.";
        let mut m = Mention {
            source: 0,
            sentence: 0,
            kind: EventKind::Shelling,
            trigger: 0..0,
            time: TimeSpan::day(chrono::NaiveDate::from_ymd_opt(2020, 10, 11).unwrap()),
            time_text: None,
            time_span: None,
            time_basis: crate::model::TimeBasis::ArticleDate,
            clock: None,
            facts: Default::default(),
        };
        m.facts.claimant = Some("Azerbaijan".into());
        m.facts.accused = Some("Armenia".into());
        m.facts.places = vec!["Ganja".into(), "Nowhere".into(), "Azerbai".into()];
        m.facts.killed = Some(7);
        let (actors, figures) = fact_ranges(text, &m);
        let words =
            |rs: &[Range<usize>]| -> Vec<&str> { rs.iter().map(|r| &text[r.clone()]).collect() };
        assert_eq!(words(&actors), vec!["Azerbaijan", "Armenia", "Ganja"]);
        assert_eq!(words(&figures), vec!["seven"]);
        m.facts.killed = Some(1200);
        assert_eq!(words(&fact_ranges(text, &m).1), vec!["1,200"]);
        let s = sentence(text, 0);
        let pieces = highlight_pieces_with(&s, None, &(0..0), (&actors, &figures));
        assert!(
            pieces
                .iter()
                .any(|(r, m)| m.actor && &text[r.clone()] == "Ganja")
        );
        assert!(
            pieces
                .iter()
                .any(|(r, m)| m.figure && &text[r.clone()] == "seven")
        );
        // Bad ranges are ignored, not sliced.
        let bad = [5..500, Range { start: 9, end: 3 }];
        let safe = highlight_pieces_with(&s, None, &(0..0), (&bad, &[]));
        assert!(safe.iter().all(|(_, m)| !m.actor));
    }

    #[test]
    fn merge_candidates_are_near_in_time_same_kind_first() {
        let day = |d| TimeSpan::day(NaiveDate::from_ymd_opt(2020, 10, d).unwrap());
        let event = |kind, d| Event {
            id: String::new(),
            kind,
            label: String::new(),
            time: day(d),
            mentions: vec![],
            disagreements: vec![],
        };
        let model = Timeline {
            events: vec![
                event(EventKind::Shelling, 1),
                event(EventKind::Talks, 9),
                event(EventKind::Shelling, 10),
                event(EventKind::Talks, 10),
                event(EventKind::Shelling, 12),
                event(EventKind::Shelling, 20),
            ],
            ..Timeline::default()
        };
        // Around the shelling of the 10th: shelling on the 12th, then talks by distance;
        // the 1st and the 20th are too far.
        assert_eq!(merge_candidates(&model, 2), vec![4, 3, 1]);
        assert_eq!(merge_candidates(&model, 99), Vec::<EventIdx>::new());
    }

    #[test]
    fn the_gap_to_publication_reads_in_days() {
        let d = |day: u32| chrono::NaiveDate::from_ymd_opt(2020, 10, day).unwrap();
        let pub10 = d(10);
        assert_eq!(
            report_gap(pub10, &TimeSpan::day(d(10))).as_deref(),
            Some("published the same day")
        );
        assert_eq!(
            report_gap(pub10, &TimeSpan::day(d(9))).as_deref(),
            Some("published a day later")
        );
        assert_eq!(
            report_gap(pub10, &TimeSpan::day(d(2))).as_deref(),
            Some("published 8 days later")
        );
        assert_eq!(
            report_gap(pub10, &TimeSpan::day(d(12))).as_deref(),
            Some("expected 2 days after publication")
        );
        let decade = TimeSpan::days(
            chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(1999, 12, 31).unwrap(),
            crate::model::Granularity::Decade,
        );
        assert_eq!(report_gap(pub10, &decade), None);
    }

    #[test]
    fn facts_read_as_a_line() {
        let mut mention = Mention {
            source: 0,
            sentence: 0,
            kind: crate::model::EventKind::Shelling,
            trigger: 0..0,
            time: crate::model::TimeSpan::day(NaiveDate::from_ymd_opt(2020, 10, 10).unwrap()),
            time_text: None,
            time_span: None,
            time_basis: TimeBasis::ArticleDate,
            clock: None,
            facts: Default::default(),
        };
        assert_eq!(facts_text(&mention), "");
        mention.facts.claimant = Some("the defence ministry".into());
        mention.facts.claimant_party = Some("Armenia".into());
        mention.facts.accused = Some("Azerbaijan".into());
        mention.facts.killed = Some(7);
        mention.facts.modality = crate::model::Modality::Planned;
        assert_eq!(
            facts_text(&mention),
            "said by the defence ministry (Armenia) · blames Azerbaijan · killed 7 · planned"
        );
    }

    #[test]
    fn basis_says_how_the_time_was_found() {
        let model = Timeline {
            sources: vec![Source {
                id: "a.txt".into(),
                title: "A".into(),
                outlet: None,
                published: None,
                text: Default::default(),
                sentences: vec![sentence("On 10 October, talks ended.", 0)],
                ..Default::default()
            }],
            ..Timeline::default()
        };
        let reference = NaiveDate::from_ymd_opt(2020, 10, 10).unwrap();
        let mut mention = Mention {
            source: 0,
            sentence: 0,
            kind: EventKind::Talks,
            trigger: 0..0,
            time: TimeSpan::day(reference),
            time_text: Some("on Saturday".into()),
            time_span: None,
            time_basis: TimeBasis::Relative { reference },
            clock: None,
            facts: Default::default(),
        };
        assert_eq!(
            basis_text(&model, &mention),
            "“on Saturday” relative to article date 2020-10-10"
        );
        mention.time_basis = TimeBasis::Narrative { from_sentence: 0 };
        assert!(basis_text(&model, &mention).contains("“On 10 October, talks ended.”"));
        mention.time_basis = TimeBasis::Narrative { from_sentence: 9 };
        assert!(basis_text(&model, &mention).ends_with("sentence 10"));
        mention.time_basis = TimeBasis::ArticleDate;
        assert!(basis_text(&model, &mention).contains("article date"));
        assert_eq!(snippet("ééé", 2), "éé…");
    }
}
