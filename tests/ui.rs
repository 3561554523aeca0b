//! The GUI driven through egui_kittest: widgets are found by their AccessKit labels, as a
//! screen reader would find them, and clicked like a user would.

use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase, Vec2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use truceline::model::{EventIdx, Timeline};
use truceline::{app::TruceApp, pipeline};

const WINDOW: Vec2 = Vec2::new(1400.0, 900.0);

fn harness(model: Timeline) -> Harness<'static, TruceApp> {
    let mut harness = Harness::builder()
        .with_size(WINDOW)
        .with_max_steps(16)
        .build_eframe(move |_cc| TruceApp::with_timeline(model));
    // The first frame fits the view to the plot width, the second draws with it.
    harness.run();
    harness
}

/// Like [`harness`], for panels that show text derived from articles (date evidence quotes
/// the article), which may hold characters the bundled fonts lack: the app draws those as
/// boxes, egui's default, so these tests allow that instead of kittest's panic.
fn article_text_harness(model: Timeline) -> Harness<'static, TruceApp> {
    let mut harness = Harness::builder()
        .with_size(WINDOW)
        .with_max_steps(16)
        .allow_missing_glyphs()
        .build_eframe(move |_cc| TruceApp::with_timeline(model));
    harness.run();
    harness
}

/// An event reported by at least two sources, preferring one whose label no other event
/// shares, so that clicking its label can only select it.
fn multi_source_event(model: &Timeline) -> Option<EventIdx> {
    let candidates: Vec<EventIdx> = (0..model.events.len())
        .filter(|&e| model.event_sources(&model.events[e]).len() >= 2)
        .collect();
    let unique = |&e: &EventIdx| {
        let label = &model.events[e].label;
        model.events.iter().filter(|o| &o.label == label).count() == 1
    };
    candidates
        .iter()
        .copied()
        .find(unique)
        .or(candidates.first().copied())
}

/// For each source quoting `event`, the text of the first sentence it is quoted with.
fn quoted_sentences(model: &Timeline, event: EventIdx) -> Vec<(String, String)> {
    let event = &model.events[event];
    model
        .event_sources(event)
        .into_iter()
        .filter_map(|source_idx| {
            let source = &model.sources[source_idx];
            let mention = event
                .mentions
                .iter()
                .map(|&m| &model.mentions[m])
                .find(|m| m.source == source_idx)?;
            let sentence = source.sentences.get(mention.sentence)?;
            Some((source.lane_label().to_owned(), sentence.text.to_string()))
        })
        .collect()
}

#[test]
fn clicking_a_shared_event_shows_each_sources_sentence_side_by_side() {
    let model = pipeline::open_bundled_seeds();
    let event =
        multi_source_event(&model).expect("the seeds have an event that two sources report");
    let label = model.events[event].label.clone();
    let quotes = quoted_sentences(&model, event);
    assert!(quotes.len() >= 2, "{quotes:?}");

    let mut harness = harness(model);
    for (_, sentence) in &quotes {
        assert!(
            harness.query_all_by_label(sentence).next().is_none(),
            "nothing is selected yet, so no sentence is quoted"
        );
    }
    // Markers can sit on top of each other where events cluster; the AccessKit click reaches
    // the marker itself, as a screen reader would.
    harness
        .get_all_by_label(&label)
        .next()
        .expect("a marker labelled with the event")
        .click_accesskit();
    harness.run();

    let mut shown_sources = Vec::new();
    for (source, sentence) in &quotes {
        if harness.query_all_by_label(sentence).next().is_some() {
            shown_sources.push(source.clone());
        }
    }
    shown_sources.dedup();
    assert!(
        shown_sources.len() >= 2,
        "details show sentences from {shown_sources:?} only, expected all of {quotes:#?}"
    );
    // Each source has its own column header.
    for (source, _) in &quotes {
        assert!(
            harness.query_all_by_label(source).next().is_some(),
            "no header {source}"
        );
    }

    harness.get_by_label("Clear selection").click();
    harness.run();
    let left: Vec<String> = harness
        .query_all_by_label(&quotes[0].1)
        .map(|n| {
            use egui_kittest::kittest::NodeT as _;
            let a = n.accesskit_node();
            format!("{:?} {:?}", a.role(), a.parent().map(|p| p.role()))
        })
        .collect();
    assert!(left.is_empty(), "still quoted: {left:?}");
}

#[test]
fn a_pointer_click_on_a_lone_marker_selects_it_and_ctrl_click_adds() {
    let model = pipeline::open_bundled_seeds();
    let labels: Vec<String> = model.events.iter().map(|e| e.label.clone()).collect();
    let mut harness = harness(model);
    // The pointer hits whichever marker is on top; find two that are not covered.
    let lone: Vec<String> = labels
        .iter()
        .filter(|l| labels.iter().filter(|o| o == l).count() == 1)
        .filter(|l| harness.query_all_by_label(l).count() == 1)
        .take(2)
        .cloned()
        .collect();
    let [first, second] = lone.as_slice() else {
        return; // Nothing drawn apart enough to click by pointer; the AccessKit test covers it.
    };
    harness.get_by_label(first).click();
    harness.run();
    assert!(
        harness
            .query_by_label(&format!("Selected: {first}"))
            .is_some()
    );
    harness
        .get_by_label(second)
        .click_modifiers(Modifiers::COMMAND);
    harness.run();
    assert!(harness.query_by_label("2 events selected").is_some());
}

/// The rect of every event marker, by label; all must be finite and inside the window.
fn marker_rects(harness: &Harness<'_, TruceApp>, labels: &[String]) -> Vec<egui::Rect> {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, WINDOW);
    let mut rects = Vec::new();
    for label in labels {
        for node in harness.query_all_by_label(label) {
            let rect = node.rect();
            assert!(
                rect.min.is_finite() && rect.max.is_finite(),
                "{label}: {rect:?}"
            );
            assert!(window.expand(1.0).contains_rect(rect), "{label}: {rect:?}");
            rects.push(rect);
        }
    }
    rects
}

#[test]
fn fit_all_and_zoom_keep_the_view_finite_and_anchored() {
    let model = pipeline::open_bundled_seeds();
    let labels: Vec<String> = model.events.iter().map(|e| e.label.clone()).collect();
    let mut harness = harness(model);

    harness.get_by_label("Fit all").click();
    harness.run();
    let fitted = marker_rects(&harness, &labels);
    assert!(!fitted.is_empty(), "fit all shows the markers");

    // Zoom in around a point marker (square and taller than the 8-point bars of coarse times,
    // whose visible middle moves as they grow): it stays under the pointer.
    let anchor = fitted
        .iter()
        .find(|r| r.height() > 10.0 && (r.width() - r.height()).abs() < 0.5)
        .expect("the seeds have a point-like event")
        .center();
    harness.hover_at(anchor);
    harness.event(Event::Zoom(4.0));
    harness.run();
    let zoomed: Vec<_> = marker_rects(&harness, &labels)
        .iter()
        .map(|r| r.center())
        .collect();
    assert!(
        zoomed.iter().any(|p| (p.x - anchor.x).abs() < 1.0),
        "no marker stayed at x = {} after zooming there: {zoomed:?}",
        anchor.x
    );

    // Wheel far out, then far in: the view clamps instead of overflowing.
    for delta in [-4000.0, 8000.0, -8000.0] {
        harness.hover_at(anchor);
        harness.event(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, delta),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        harness.run_steps(12);
        marker_rects(&harness, &labels);
    }

    harness.get_by_label("Fit all").click();
    harness.run();
    assert_eq!(marker_rects(&harness, &labels).len(), fitted.len());
}

#[test]
fn an_empty_timeline_shows_a_hint_and_survives_fit_and_zoom() {
    let mut harness = harness(Timeline::default());
    harness.get_by_label("Fit all").click();
    harness.run();
    harness.get_by_label("Zoom in").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Nothing selected: export writes everything")
            .is_some()
    );
}

#[test]
fn correcting_a_publication_date_re_dates_the_timeline() {
    let model = pipeline::open_bundled_seeds();
    let source = model
        .sources
        .iter()
        .find(|s| s.id.starts_with("003"))
        .expect("the seeds have a source 003");
    let lane = source.lane_label().to_owned();
    let old = source.published.as_ref().expect("it is dated").date;
    let new = old + chrono::Duration::days(30);
    let mut harness = article_text_harness(model);
    assert!(harness.query_by_label("Sources").is_some());
    harness.get_by_label("Sources").click();
    harness.run();
    let field_label = format!("Publication date of {lane}");
    harness.get_by_label(&field_label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label(&field_label)
        .type_text(&new.format("%Y-%m-%d").to_string());
    harness.run();
    harness.get_by_label(&format!("Set date of {lane}")).click();
    // The re-dating runs on a background thread; give it a moment, frame by frame.
    let mut done = false;
    for _ in 0..200 {
        // Step, not run: the progress bar keeps animating while the job runs.
        harness.step();
        let re_dated = harness.state().model_for_tests().sources.iter().any(|s| {
            s.published
                .as_ref()
                .is_some_and(|p| p.date == new && p.basis == truceline::model::DateBasis::User)
        });
        if re_dated {
            done = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(done, "the source was not re-dated to {new}");
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("set by you")
            .next()
            .is_some(),
        "the panel says the date is the user's"
    );
}

#[test]
fn a_malformed_date_is_refused_in_place() {
    let mut harness = article_text_harness(pipeline::open_bundled_seeds());
    harness.get_by_label("Sources").click();
    harness.run();
    let lane = "AFP";
    let field_label = format!("Publication date of {lane}");
    harness.get_by_label(&field_label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(&field_label).type_text("next Tuesday");
    harness.run();
    harness.get_by_label(&format!("Set date of {lane}")).click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("is not a date")
            .next()
            .is_some()
    );
}

#[test]
fn opening_the_sources_panel_keeps_the_events_in_view() {
    let model = pipeline::open_bundled_seeds();
    let labels: Vec<String> = model.events.iter().map(|e| e.label.clone()).collect();
    let mut harness = article_text_harness(model);
    let visible = |h: &Harness<'static, TruceApp>| {
        labels
            .iter()
            .filter(|l| h.query_all_by_label(l).next().is_some())
            .count()
    };
    let before = visible(&harness);
    assert!(before > 0);
    harness.get_by_label("Sources").click();
    harness.run();
    assert_eq!(
        visible(&harness),
        before,
        "events went out of view when the panel opened"
    );
}

#[test]
fn every_panel_draws_with_the_bundled_fonts_on_the_seeds() {
    // kittest's default harness panics on a glyph the fonts lack: our own strings (labels,
    // evidence, bases) must stay within them. Open every panel on the seeds.
    let mut harness = harness(pipeline::open_bundled_seeds());
    harness.get_by_label("Sources").click();
    harness.run();
    let first = harness
        .state()
        .model_for_tests()
        .events
        .first()
        .map(|e| e.label.clone())
        .expect("the seeds have events");
    harness
        .get_all_by_label(&first)
        .next()
        .expect("a marker")
        .click_accesskit();
    harness.run();
}

/// The selection summary the toolbar shows for one selected event.
fn selected(label: &str) -> String {
    format!("Selected: {label}")
}

#[test]
fn arrows_walk_events_in_time_and_escape_clears() {
    let model = pipeline::open_bundled_seeds();
    let labels: Vec<String> = model.events.iter().map(|e| e.label.clone()).collect();
    let mut harness = harness(model);
    assert!(
        harness
            .query_by_label("Nothing selected: export writes everything")
            .is_some()
    );
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert!(harness.query_by_label(&selected(&labels[0])).is_some());
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert!(harness.query_by_label(&selected(&labels[1])).is_some());
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert!(harness.query_by_label(&selected(&labels[0])).is_some());
    // Down moves to another lane: the selected event changes and is reported elsewhere.
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    assert!(harness.query_by_label(&selected(&labels[0])).is_none());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness
            .query_by_label("Nothing selected: export writes everything")
            .is_some()
    );
}

#[test]
fn slash_searches_quotes_and_enter_opens_the_first_match() {
    let model = pipeline::open_bundled_seeds();
    // A place named in some quotes: the events that quote it must pass, the rest fade.
    let word = "Ganja";
    let matching: Vec<usize> = (0..model.events.len())
        .filter(|&e| {
            model.events[e].label.contains(word)
                || model.events[e].mentions.iter().any(|&m| {
                    let m = &model.mentions[m];
                    model.sources[m.source].sentences[m.sentence]
                        .text
                        .contains(word)
                        || m.facts.places.iter().any(|p| p.contains(word))
                })
        })
        .collect();
    assert!(!matching.is_empty() && matching.len() < model.events.len());
    let total = model.events.len();
    let first_label = model.events[matching[0]].label.clone();
    let mut harness = harness(model);

    harness.key_press(egui::Key::Slash);
    harness.run();
    harness.event(egui::Event::Text(word.to_lowercase()));
    harness.run();
    let count = format!("{} of {total} events match", matching.len());
    assert!(harness.query_by_label(&count).is_some(), "no '{count}'");
    // The slash itself did not land in the field.
    assert!(harness.query_by_label("0 of 65 events match").is_none());

    // Enter leaves the field; a second Enter opens the first match.
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        harness.query_by_label(&selected(&first_label)).is_some(),
        "Enter selects the first match, {first_label}"
    );

    harness.get_by_label("Clear filters").click();
    harness.run();
    assert!(harness.query_by_label(&count).is_none());
}

#[test]
fn a_kind_switched_off_in_the_legend_is_skipped_by_the_keyboard() {
    let model = pipeline::open_bundled_seeds();
    let first_kind = model.events[0].kind;
    let remaining = model.events.iter().filter(|e| e.kind != first_kind).count();
    let first_other = model
        .events
        .iter()
        .find(|e| e.kind != first_kind)
        .map(|e| e.label.clone())
        .unwrap();
    let total = model.events.len();
    let mut harness = harness(model);
    harness
        .get_by_label(&format!("Show {}", first_kind.title()))
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label(&format!("{remaining} of {total} events match"))
            .is_some()
    );
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert!(harness.query_by_label(&selected(&first_other)).is_some());
}

#[test]
fn hiding_a_lane_hides_the_events_only_it_reports() {
    let model = pipeline::open_bundled_seeds();
    let only_first: usize = model
        .events
        .iter()
        .filter(|e| model.event_sources(e) == vec![0])
        .count();
    assert!(only_first > 0);
    let total = model.events.len();
    let first_source = model.sources[0].lane_label().to_owned();
    let mut harness = harness(model);
    harness.get_by_label("Lanes").click();
    harness.run();
    harness
        .get_by_label(&format!("Show lane {first_source}"))
        .click();
    harness.run();
    let count = format!("{} of {total} events match", total - only_first);
    assert!(harness.query_by_label(&count).is_some(), "no '{count}'");
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_folder_dropped_on_the_window_opens() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles/gaza");
    let mut harness = harness(pipeline::open_bundled_seeds());
    let before = harness.state().model_for_tests().origin.clone();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(folder.clone())));
    harness.run_steps(2);
    // The load runs on a background thread; wait for it like a user would.
    for _ in 0..200 {
        if harness.state().model_for_tests().origin != before {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    let model = harness.state().model_for_tests();
    assert_ne!(model.origin, before, "the dropped folder did not open");
    assert!(model.origin.contains("gaza"), "{}", model.origin);
    assert!(!model.sources.is_empty());
}

#[test]
fn quiet_periods_collapse_so_this_weeks_news_spreads_out_and_the_switch_restores_scale() {
    let model = pipeline::open_bundled_seeds();
    // Two fine-grained events a week or more apart, and background decades older.
    let fine: Vec<&truceline::model::Event> = model
        .events
        .iter()
        .filter(|e| e.time.granularity <= truceline::model::Granularity::Day)
        .collect();
    let earliest = fine.iter().min_by_key(|e| e.time.start).unwrap();
    let latest = fine.iter().max_by_key(|e| e.time.end).unwrap();
    assert!((latest.time.start - earliest.time.start).num_days() >= 7);
    assert!(
        model
            .events
            .iter()
            .any(|e| (earliest.time.start - e.time.end).num_days() > 3650),
        "the seeds carry decades-old background"
    );
    let (a, b) = (earliest.label.clone(), latest.label.clone());
    let mut harness = harness(model);
    let spread = |harness: &Harness<'_, TruceApp>| {
        let x = |label: &str| {
            harness
                .get_all_by_label(label)
                .next()
                .unwrap()
                .rect()
                .center()
                .x
        };
        (x(&b) - x(&a)).abs()
    };
    let compressed = spread(&harness);
    assert!(
        compressed > 0.4 * (WINDOW.x - 200.0),
        "the news fills the plot: {compressed}"
    );
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Compress quiet periods").click();
    harness.run();
    let plain = spread(&harness);
    assert!(
        plain * 10.0 < compressed,
        "to scale, a month next to a century is narrow: {plain} vs {compressed}"
    );
}

#[test]
fn the_event_list_selects_on_click_and_sorts_by_header() {
    let model = pipeline::open_bundled_seeds();
    let pick = multi_source_event(&model).unwrap();
    let label = model.events[pick].label.clone();
    let mut harness = harness(model);
    assert!(harness.query_by_label(&format!("Row: {label}")).is_none());
    harness.key_press(egui::Key::L);
    harness.run();
    harness
        .get_all_by_label(&format!("Row: {label}"))
        .next()
        .expect("a row for the event")
        .click();
    harness.run();
    assert!(harness.query_by_label(&selected(&label)).is_some());
    // Sorting by sources puts a most-reported event first.
    harness.get_by_label("Sort by Sources").click();
    harness.run();
    let rows: Vec<String> = harness
        .query_all_by_role(egui::accesskit::Role::Row)
        .filter_map(|n| {
            use egui_kittest::kittest::NodeT as _;
            n.accesskit_node().label()
        })
        .collect();
    assert!(!rows.is_empty());
    let model = harness.state().model_for_tests();
    let count = |row: &str| {
        let label = row.trim_start_matches("Row: ");
        model
            .events
            .iter()
            .filter(|e| e.label == label)
            .map(|e| model.event_sources(e).len())
            .max()
            .unwrap_or(0)
    };
    let most = model
        .events
        .iter()
        .map(|e| model.event_sources(e).len())
        .max()
        .unwrap();
    assert_eq!(count(&rows[0]), most, "first row {}", rows[0]);
}

#[test]
fn lanes_regroup_by_claimant_and_back() {
    let model = pipeline::open_bundled_seeds();
    let source = model.sources[0].lane_label().to_owned();
    let party = model
        .mentions
        .iter()
        .find_map(|m| m.facts.claimant_party.clone())
        .expect("some seed sentence names who says it");
    let mut harness = harness(model);
    assert!(harness.query_by_label(&format!("Lane: {source}")).is_some());
    assert!(harness.query_by_label(&format!("Lane: {party}")).is_none());
    harness.get_by_label("Lanes").click();
    harness.run();
    harness.get_by_label("One lane per claimant").click();
    harness.run();
    assert!(harness.query_by_label(&format!("Lane: {party}")).is_some());
    assert!(harness.query_by_label(&format!("Lane: {source}")).is_none());
    if harness.query_by_label("One lane per source").is_none() {
        harness.get_by_label("Lanes").click();
        harness.run();
    }
    harness.get_by_label("One lane per source").click();
    harness.run();
    assert!(harness.query_by_label(&format!("Lane: {source}")).is_some());
}

#[test]
fn the_sentences_around_a_quote_show_on_demand() {
    let model = pipeline::open_bundled_seeds();
    // An event quoted by one sentence of one source, whose next sentence is quoted nowhere.
    let quoted: std::collections::BTreeSet<(usize, usize)> = model
        .mentions
        .iter()
        .map(|m| (m.source, m.sentence))
        .collect();
    let (event, after) = (0..model.events.len())
        .find_map(|e| {
            let ev = &model.events[e];
            let [m] = ev.mentions.as_slice() else {
                return None;
            };
            let m = &model.mentions[*m];
            let next = model.sources[m.source].sentences.get(m.sentence + 1)?;
            let unique = model.events.iter().filter(|o| o.label == ev.label).count() == 1;
            (unique && !quoted.contains(&(m.source, m.sentence + 1)))
                .then(|| (e, next.text.clone()))
        })
        .expect("a lone quote with an unquoted next sentence");
    let label = model.events[event].label.clone();
    let mut harness = article_text_harness(model);
    harness
        .get_all_by_label(&label)
        .next()
        .unwrap()
        .click_accesskit();
    harness.run();
    assert!(harness.query_by_label(&after).is_none());
    harness.get_by_label("Sentence before and after").click();
    harness.run();
    assert!(
        harness.query_by_label(&after).is_some(),
        "the next sentence shows: {after}"
    );
}

/// A timeline of articles given as (file name, text).
fn timeline_of(files: &[(&str, String)]) -> Timeline {
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let report = truceline::ingest::load_bytes(&bytes);
    truceline::extract::extract("test".to_owned(), report.sources)
}

#[test]
fn hostile_text_is_shown_visibly_and_cut_not_applied() {
    // A right-to-left override hidden in a claim, and a "sentence" of 200,000 characters.
    let flood = "shelling ".repeat(22_000);
    let text = format!(
        "Date: 2021-05-18\n\nArmenia said on Tuesday that the \u{202E}army shelled\u{202C} the town.\n\nOn Tuesday {flood}"
    );
    let model = timeline_of(&[("hostile.txt", text)]);
    assert!(!model.events.is_empty());
    let overridden = model
        .events
        .iter()
        .position(|e| {
            e.mentions.len() == 1
                && e.mentions.iter().any(|&m| {
                    let m = &model.mentions[m];
                    model.sources[m.source].sentences[m.sentence]
                        .text
                        .contains('\u{202E}')
                })
        })
        .expect("the override sentence is a mention");
    let flooded = model
        .events
        .iter()
        .position(|e| {
            e.mentions.iter().any(|&m| {
                let m = &model.mentions[m];
                model.sources[m.source].sentences[m.sentence].text.len() > 3_000
            })
        })
        .expect("the flood is a mention");
    let mut harness = article_text_harness(model);

    for _ in 0..=overridden {
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
    }
    assert!(
        harness
            .query_all_by_label_contains("[U+202E]army shelled[U+202C]")
            .next()
            .is_some(),
        "the override is shown as a tag"
    );
    let applied: Vec<String> = harness
        .query_all_by_label_contains("\u{202E}")
        .filter_map(|n| {
            use egui_kittest::kittest::NodeT as _;
            n.accesskit_node().label()
        })
        .collect();
    assert!(applied.is_empty(), "and never applied: {applied:?}");

    // Both events may share a label; the keyboard reaches each by its place in time.
    harness.key_press(egui::Key::Escape);
    harness.run();
    for _ in 0..=flooded {
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
    }
    assert!(
        harness
            .query_all_by_label_contains("more characters)")
            .next()
            .is_some(),
        "the flood is cut with a count"
    );
}

#[test]
fn lanes_move_and_sort_from_the_lanes_menu() {
    let model = pipeline::open_bundled_seeds();
    let first = model.sources[0].lane_label().to_owned();
    let second = model.sources[1].lane_label().to_owned();
    let mut harness = harness(model);
    let top = |harness: &Harness<'_, TruceApp>, name: &str| {
        harness.get_by_label(&format!("Lane: {name}")).rect().top()
    };
    assert!(top(&harness, &first) < top(&harness, &second));
    harness.get_by_label("Lanes").click();
    harness.run();
    harness
        .get_by_label(&format!("Move lane {first} down"))
        .click();
    harness.run();
    assert!(
        top(&harness, &first) > top(&harness, &second),
        "the first lane moved below the second"
    );
}

#[test]
fn ctrl_e_exports_the_selected_event_through_the_path_field() {
    let model = pipeline::open_bundled_seeds();
    let pick = multi_source_event(&model).unwrap();
    let id = model.events[pick].id.clone();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("picked.ron");
    let mut harness = harness(model);
    // Select by keyboard: the n-th Right lands on event n-1.
    for _ in 0..=pick {
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
    }
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::E);
    // No desktop portal here: the dialog thread reports that and the path field appears.
    for _ in 0..100 {
        harness.step();
        if harness
            .query_all_by_label_contains("Export RON to:")
            .next()
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    {
        use egui_kittest::kittest::NodeT as _;
        let field = harness
            .query_all_by_role(egui::accesskit::Role::TextInput)
            .find(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.contains("Export RON to:"))
            })
            .expect("the path field");
        field.focus();
    }
    harness.run();
    // The field offers a file name; replace it with ours.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.event(egui::Event::Text(out.to_str().unwrap().to_owned()));
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    let status: Vec<String> = harness
        .query_all_by_label_contains("xport")
        .filter_map(|n| {
            use egui_kittest::kittest::NodeT as _;
            n.accesskit_node().label()
        })
        .collect();
    let written = std::fs::read_to_string(&out)
        .unwrap_or_else(|e| panic!("the export was not written ({e}): {status:?}"));
    assert!(!written.is_empty());
    let back = truceline::export::read_file(&out).expect("and reads back");
    assert_eq!(back.events.len(), 1, "only the selected event");
    assert_eq!(back.events[0].id, id);
}

#[test]
fn who_says_it_narrows_to_one_partys_claims() {
    let model = pipeline::open_bundled_seeds();
    let party = model
        .mentions
        .iter()
        .find_map(|m| m.facts.claimant_party.clone())
        .unwrap();
    let passing = model
        .events
        .iter()
        .filter(|e| {
            e.mentions
                .iter()
                .any(|&m| model.mentions[m].facts.claimant_party.as_ref() == Some(&party))
        })
        .count();
    let total = model.events.len();
    let mut harness = harness(model);
    harness.get_by_label("Who says it").click();
    harness.run();
    harness
        .get_all_by_label(&party)
        .last()
        .expect("the party in the menu")
        .click();
    harness.run();
    let count = format!("{passing} of {total} events match");
    assert!(harness.query_by_label(&count).is_some(), "no '{count}'");
}

/// A copy of the seeds in a temporary folder, so that corrections can be kept beside them.
#[allow(clippy::unwrap_used)] // a test helper: a failed copy is a failed test
fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

/// Clicks the timeline marker of the event labelled `label` (not the details heading that
/// shows the same words).
#[allow(clippy::unwrap_used)] // a test helper: a missing marker is a failed test
fn click_marker(harness: &mut Harness<'static, TruceApp>, label: &str) {
    use egui_kittest::kittest::NodeT as _;
    harness
        .query_all_by_role(egui::accesskit::Role::Button)
        .find(|n| n.accesskit_node().label().as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no marker {label}"))
        .click_accesskit();
    harness.run();
}

#[test]
fn events_are_renamed_split_and_merged_in_the_details_panel_and_kept_beside_the_folder() {
    let dir = seeds_copy();
    let model = pipeline::open_path(dir.path(), &Default::default()).unwrap();
    let n = model.events.len();
    let event = multi_source_event(&model).unwrap();
    let ev = &model.events[event];
    let kept = model.mention_key(ev.mentions[0]).unwrap();
    // A quote of another source, of the event's own kind, to split out and merge back.
    let first_source = model.mentions[ev.mentions[0]].source;
    let out = ev
        .mentions
        .iter()
        .copied()
        .filter(|&m| model.mentions[m].source != first_source)
        .max_by_key(|&m| model.mentions[m].kind == ev.kind)
        .unwrap();
    let split = model.mention_key(out).unwrap();
    let split_button = format!(
        "Split out the quote of {} (sentence {})",
        model.sources[model.mentions[out].source].lane_label(),
        model.mentions[out].sentence + 1
    );
    let label = ev.label.clone();
    let mut harness = article_text_harness(model);
    click_marker(&mut harness, &label);

    // Rename.
    harness.get_by_label("Label of this event").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Label of this event")
        .type_text("Truce broken at dawn");
    harness.run();
    harness.get_by_label("Rename event").click();
    harness.run();
    let at = |h: &Harness<'static, TruceApp>, k: &truceline::model::MentionKey| {
        let m = h.state().model_for_tests();
        m.events[m.event_of_key(k).unwrap()].clone()
    };
    assert_eq!(at(&harness, &kept).label, "Truce broken at dawn");
    assert!(
        harness
            .query_all_by_label_contains("kept in .truceline-corrections.ron")
            .next()
            .is_some(),
        "the status says where the correction is kept"
    );

    // Split the other source's quote out.
    harness.get_by_label(&split_button).click();
    harness.run();
    assert_eq!(harness.state().model_for_tests().events.len(), n + 1);
    assert_eq!(at(&harness, &split).mentions.len(), 1);
    assert_ne!(at(&harness, &split).id, at(&harness, &kept).id);
    assert_eq!(at(&harness, &kept).label, "Truce broken at dawn");

    // And merge it back from the renamed event, whose label stays.
    let split_id = at(&harness, &split).id;
    click_marker(&mut harness, "Truce broken at dawn");
    harness.get_by_label("Merge with...").click();
    harness.run();
    harness
        .get_by_label(&format!("Merge with {split_id}"))
        .click();
    harness.run();
    assert_eq!(harness.state().model_for_tests().events.len(), n);
    assert_eq!(at(&harness, &split).id, at(&harness, &kept).id);
    assert_eq!(at(&harness, &kept).label, "Truce broken at dawn");

    // The next load of the folder replays all three.
    let corrections = pipeline::read_corrections(dir.path()).unwrap().unwrap();
    assert_eq!(corrections.edits.len(), 3);
    let again = pipeline::open_path(dir.path(), &Default::default()).unwrap();
    assert_eq!(again.events.len(), n);
    let e = again.event_of_key(&kept).unwrap();
    assert_eq!(again.event_of_key(&split), Some(e));
    assert_eq!(again.events[e].label, "Truce broken at dawn");
}

#[test]
fn an_export_opened_in_the_app_shows_the_view_it_was_saved_with() {
    let model = pipeline::open_bundled_seeds();
    let first = model.sources[0].lane_label().to_owned();
    let hidden = model.sources[2].lane_label().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shared.ron");
    let mut harness = harness(model);
    // Arrange: a lane moved, a lane hidden, lanes per claimant, zoomed in.
    for item in [
        format!("Move lane {first} down"),
        format!("Show lane {hidden}"),
        "One lane per claimant".to_owned(),
    ] {
        if harness.query_by_label(&item).is_none() {
            harness.get_by_label("Lanes").click();
            harness.run();
        }
        harness.get_by_label(&item).click();
        harness.run();
    }
    harness.key_press(egui::Key::Escape);
    harness.run();
    for _ in 0..3 {
        harness.get_by_label("Zoom in").click();
        harness.run();
    }
    let arranged = harness.state().view_for_tests();
    assert_eq!(arranged.grouping, truceline::export::Grouping::Claimant);
    assert_eq!(arranged.hidden_sources.len(), 1);

    // Export through the path field (no file dialog here).
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::E);
    for _ in 0..100 {
        harness.step();
        if harness
            .query_all_by_label_contains("Export RON to:")
            .next()
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    {
        use egui_kittest::kittest::NodeT as _;
        harness
            .query_all_by_role(egui::accesskit::Role::TextInput)
            .find(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.contains("Export RON to:"))
            })
            .expect("the path field")
            .focus();
    }
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.event(egui::Event::Text(out.to_str().unwrap().to_owned()));
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    let (_, extras) = truceline::export::read_file_with(&out).expect("the export was written");
    assert_eq!(extras.view.as_ref(), Some(&arranged));

    // A colleague opens it: same lanes, same grouping, same stretch of time.
    let mut colleague = self::harness(Timeline::default());
    colleague
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(out.clone())));
    colleague.run_steps(2);
    for _ in 0..200 {
        if !colleague.state().model_for_tests().sources.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        colleague.step();
    }
    colleague.run();
    let shown = colleague.state().view_for_tests();
    assert_eq!(shown.lane_order, arranged.lane_order);
    assert_eq!(shown.grouping, arranged.grouping);
    assert_eq!(shown.hidden_sources, arranged.hidden_sources);
    let secs = |t: Option<chrono::NaiveDateTime>| t.unwrap().and_utc().timestamp() as f64;
    let span = secs(arranged.to) - secs(arranged.from);
    for (a, b) in [(arranged.from, shown.from), (arranged.to, shown.to)] {
        assert!(
            (secs(a) - secs(b)).abs() <= span * 0.01 + 1.0,
            "{a:?} vs {b:?} of a {span} s view"
        );
    }
}

#[test]
fn an_export_whose_reports_changed_says_which_in_the_status_area() {
    let dir = seeds_copy();
    let model = pipeline::open_path(dir.path(), &Default::default()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let ron = out.path().join("t.ron");
    truceline::export::write_file(
        &model,
        &truceline::export::Selection::default(),
        truceline::export::Format::Ron,
        &ron,
    )
    .unwrap();
    let changed = model.sources[1].id.clone();
    std::fs::write(dir.path().join(&changed), "Rewritten after the export.").unwrap();
    let mut harness = harness(Timeline::default());
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(ron)));
    harness.run_steps(2);
    for _ in 0..200 {
        if !harness.state().model_for_tests().sources.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("1 source changed or missing since the export")
            .next()
            .is_some(),
        "the status line says so"
    );
    harness.get_by_label_contains("Load report").click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains(&format!("{changed}: changed since the export"))
            .next()
            .is_some(),
        "the load report names the source"
    );
}

#[test]
fn the_bundled_samples_load_behind_the_first_frame() {
    let mut harness = Harness::builder()
        .with_size(WINDOW)
        .build_eframe(|cc| TruceApp::loading_bundled(&cc.egui_ctx));
    harness.step();
    // The window is up before the samples are read; they arrive from the loader thread.
    let mut loaded = false;
    for _ in 0..400 {
        harness.step();
        if harness.query_by_label_contains("Loaded ").is_some() {
            loaded = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert!(loaded, "the bundled samples never arrived");
    harness.run();
    let seeds = pipeline::open_bundled_seeds();
    let first_lane = seeds.sources[0].lane_label().to_owned();
    assert!(
        harness
            .query_all_by_label_contains(&first_lane)
            .next()
            .is_some()
    );
}
