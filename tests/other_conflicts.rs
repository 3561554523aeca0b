//! Reports of other ceasefires, in other styles, checked by hand and pinned here. Sudan, May
//! 2023 (tests/articles/sudan): a wire story with a dateline, an HTML page stating its clock
//! time in GMT, a hard-wrapped Markdown note with front matter. Gaza, November 2023
//! (tests/articles/gaza): a wire story named by date, a Markdown analysis. Nothing in the code
//! knows them.

use std::path::Path;
use truceline::model::{EventKind, Timeline};
use truceline::pipeline::{self, Progress};

fn sudan() -> Timeline {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles/sudan");
    pipeline::open_path(&dir, &Progress::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn sources_of(t: &Timeline, kind: EventKind, start: &str) -> Vec<String> {
    let event = t
        .events
        .iter()
        .find(|e| e.kind == kind && e.time.iso_start() == start)
        .unwrap_or_else(|| panic!("no {kind:?} event at {start}"));
    t.event_sources(event)
        .into_iter()
        .map(|s| t.sources[s].id.clone())
        .collect()
}

#[test]
fn sources_get_titles_outlets_and_dates_from_their_own_metadata_or_text() {
    let t = sudan();
    let got: Vec<(&str, &str, Option<&str>, String)> = t
        .sources
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.title.as_str(),
                s.outlet.as_deref(),
                s.published
                    .as_ref()
                    .map(|p| p.date.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "page.html",
                "Ceasefire begins in Sudan as fighting eases in Khartoum",
                Some("Example Africa News"),
                "2023-05-23".to_owned()
            ),
            (
                "wire.txt",
                "Sudan truce takes effect after Jeddah deal",
                Some("Reuters"),
                "2023-05-22".to_owned()
            ),
            (
                "wrapped.md",
                "Aid convoys wait as Sudan truce holds",
                Some("Example Humanitarian Wire"),
                "2023-05-24".to_owned()
            ),
        ]
    );
}

#[test]
fn one_moment_stated_on_two_clocks_is_one_event() {
    let t = sudan();
    // "19:45 GMT on Monday" (page) and "21:45 local time on Monday" (wire): Sudan is UTC+2.
    let sources = sources_of(&t, EventKind::CeasefireInForce, "2023-05-22T21:45");
    assert!(
        sources.contains(&"page.html".to_owned()) && sources.contains(&"wire.txt".to_owned()),
        "{sources:?}"
    );
    let converted = t
        .mentions
        .iter()
        .filter_map(|m| m.clock.as_deref())
        .any(|c| c.contains("converted from GMT"));
    assert!(converted);
}

#[test]
fn the_agreement_the_outbreak_and_the_strikes_align_across_outlets() {
    let t = sudan();
    assert_eq!(
        sources_of(&t, EventKind::CeasefireAgreed, "2023-05-20"),
        vec!["wire.txt", "wrapped.md"]
    );
    assert_eq!(
        sources_of(&t, EventKind::ArmedClash, "2023-04-15"),
        vec!["page.html", "wire.txt"]
    );
    let strikes = t
        .events
        .iter()
        .find(|e| e.kind == EventKind::AirStrike && t.event_sources(e).len() == 2)
        .expect("the Omdurman strikes, reported by two outlets");
    assert_eq!(strikes.time.first_day().to_string(), "2023-05-23");
}

#[test]
fn page_furniture_never_becomes_a_quote() {
    let t = sudan();
    for m in &t.mentions {
        let text = &t.sources[m.source].sentences[m.sentence].text;
        for furniture in ["Editing by", "Subscribe", "All rights reserved", "Home |"] {
            assert!(
                !text.contains(furniture),
                "{furniture:?} leaked into {text:?}"
            );
        }
    }
}

fn gaza() -> Timeline {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles/gaza");
    pipeline::open_path(&dir, &Progress::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_truce_that_began_between_two_parties_is_one_moment_on_two_clocks() {
    let t = gaza();
    // "A four-day truce between Israel and Hamas began at 7 a.m. local time on Friday" and
    // "took effect at 05:00 GMT on Friday": Israel is UTC+2.
    let sources = sources_of(&t, EventKind::CeasefireInForce, "2023-11-24T07:00");
    assert_eq!(sources.len(), 2, "{sources:?}");
}

#[test]
fn undated_sentences_take_the_ledes_day_not_the_previous_paragraphs() {
    let t = gaza();
    let wire = t
        .sources
        .iter()
        .position(|s| s.id.contains("wire"))
        .unwrap();
    let violations = t
        .mentions
        .iter()
        .find(|m| m.source == wire && m.kind == EventKind::ViolationAlleged)
        .expect("the wire reports violations");
    assert_eq!(violations.time.first_day().to_string(), "2023-11-24");
}
