//! The lexicons and gazetteers that ship in `assets/`, embedded at compile time and parsed once.
//!
//! Keeping them as RON data (not code) is what lets the extraction stay general: adding an
//! outlet, a boilerplate phrase or an event trigger is a data change. The bundled files are
//! checked by tests, so parsing them cannot fail at run time in a released binary.

use serde::Deserialize;
use std::sync::LazyLock;

/// Page-furniture patterns (`assets/boilerplate.ron`).
#[derive(Debug, Deserialize)]
pub struct BoilerplateLexicon {
    pub max_phrase_line_words: usize,
    pub lines: Vec<String>,
    pub phrases: Vec<String>,
    pub copyright_prefixes: Vec<String>,
    pub caption_phrases: Vec<String>,
}

/// One news outlet and the names articles credit it by (`assets/outlets.ron`).
#[derive(Debug, Deserialize)]
pub struct OutletEntry {
    pub name: String,
    pub aliases: Vec<String>,
}

/// Triggers of one event kind (`assets/events.ron`).
#[derive(Debug, Deserialize)]
pub struct KindTriggers {
    pub kind: String,
    /// How alike (TF-IDF cosine plus time agreement, on average) two mentions of this kind
    /// on compatible times must be to count as one happening. Rare, momentous happenings (a
    /// ceasefire agreed, talks) need little more than kind and day; frequent ones (shelling,
    /// statements) need their wording to agree.
    pub merge_similarity: f64,
    pub specific: Vec<String>,
    pub generic: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct EventLexicon {
    pub kinds: Vec<KindTriggers>,
    /// The merge threshold of background history, which has no triggers of its own.
    pub background_merge_similarity: f64,
}

/// A country of the gazetteer (`assets/places.ron`).
#[derive(Debug, Deserialize)]
pub struct Country {
    pub name: String,
    pub iso2: String,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub capital: String,
    pub cities: Vec<String>,
    pub utc_offset_minutes: i32,
}

/// A region of the gazetteer: disputed, breakaway or conflict areas and major provinces.
#[derive(Debug, Deserialize)]
pub struct Region {
    pub name: String,
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-2 code of the state it belongs to.
    pub country: String,
    pub cities: Vec<String>,
    pub utc_offset_minutes: i32,
}

#[derive(Debug, Deserialize)]
pub struct Places {
    pub countries: Vec<Country>,
    pub regions: Vec<Region>,
}

/// All bundled data.
#[derive(Debug)]
pub struct Assets {
    pub boilerplate: BoilerplateLexicon,
    pub outlets: Vec<OutletEntry>,
    pub events: EventLexicon,
    pub places: Places,
}

const BOILERPLATE_RON: &str = include_str!("../assets/boilerplate.ron");
const OUTLETS_RON: &str = include_str!("../assets/outlets.ron");
const EVENTS_RON: &str = include_str!("../assets/events.ron");
const PLACES_RON: &str = include_str!("../assets/places.ron");

/// Parses the bundled files, saying which one is broken and where.
pub fn parse_bundled() -> Result<Assets, String> {
    fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, String> {
        ron::from_str(text).map_err(|e| format!("assets/{name}:{}: {}", e.span.start, e.code))
    }
    Ok(Assets {
        boilerplate: parse("boilerplate.ron", BOILERPLATE_RON)?,
        outlets: parse("outlets.ron", OUTLETS_RON)?,
        events: parse("events.ron", EVENTS_RON)?,
        places: parse("places.ron", PLACES_RON)?,
    })
}

// A malformed bundled file is a build defect, caught by `bundled_assets_parse`; it is not
// input-derived, so failing loudly here is right.
static ASSETS: LazyLock<Assets> =
    LazyLock::new(|| parse_bundled().unwrap_or_else(|e| panic!("bundled asset is malformed: {e}")));

/// The bundled lexicons, parsed on first use.
pub fn assets() -> &'static Assets {
    &ASSETS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventKind;

    #[test]
    fn bundled_assets_parse() {
        let assets = parse_bundled().unwrap();
        assert!(assets.outlets.iter().all(|o| !o.aliases.is_empty()));
        assert!(
            assets
                .boilerplate
                .lines
                .iter()
                .all(|l| *l == l.to_lowercase())
        );
    }

    #[test]
    fn every_region_belongs_to_a_listed_country() {
        let assets = parse_bundled().unwrap();
        assert!(assets.places.countries.len() > 190);
        for r in &assets.places.regions {
            assert!(
                assets.places.countries.iter().any(|c| c.iso2 == r.country),
                "{} names unknown country {}",
                r.name,
                r.country
            );
        }
    }

    #[test]
    fn every_event_kind_in_the_lexicon_exists() {
        let assets = parse_bundled().unwrap();
        for k in &assets.events.kinds {
            assert!(
                EventKind::from_name(&k.kind).is_some(),
                "unknown kind {}",
                k.kind
            );
        }
    }
}
