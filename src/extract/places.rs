//! Places in text, from the gazetteer in `assets/places.ron`: which countries, regions and
//! towns a text names, and from them the local clock of the conflict the reports are about.
//!
//! Matching is case-sensitive on whole words (place names are capitalised; "Chad" the country
//! and "chad" are told apart), leftmost-longest ("South Sudan" before "Sudan").

use super::flat::Flat;
use crate::assets::Places;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::BTreeMap;
use std::sync::LazyLock;

// Built from the bundled gazetteer, which `bundled_assets_parse` checks; a Result so that a
// broken gazetteer costs place features, not the extraction.
static GAZETTEER: LazyLock<Result<Gazetteer, aho_corasick::BuildError>> =
    LazyLock::new(|| Gazetteer::new(&crate::assets::assets().places));

/// The bundled gazetteer, compiled once.
pub fn gazetteer() -> Option<&'static Gazetteer> {
    GAZETTEER.as_ref().ok()
}

/// A place the gazetteer knows, with its local clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The canonical name: a country's or region's short name, or a town's own name.
    pub name: String,
    pub utc_offset_minutes: i32,
    /// For a town: the index of the country or region it lies in. `None` for those areas.
    pub within: Option<usize>,
}

impl Place {
    /// A town rather than a country or region: two reports naming different towns are
    /// likely about different happenings.
    pub fn is_town(&self) -> bool {
        self.within.is_some()
    }
}

/// The places one article names, counted (see [`Gazetteer::named`]).
#[derive(Default)]
pub struct Named {
    /// Gazetteer index of each country or region named (a town counts for its area) → how
    /// many times.
    pub areas: BTreeMap<usize, usize>,
    /// The countries named, by gazetteer index, sorted.
    pub countries: Vec<u32>,
    /// The places each text names, in order, by gazetteer index: what [`Gazetteer::find`]
    /// finds, for the facts to reuse.
    places: Flat<u32>,
}

impl Named {
    /// The places text `k` names, by gazetteer index, in order.
    pub fn places_of(&self, k: usize) -> Option<&[u32]> {
        self.places.get(k)
    }
}

/// Every name of every place, compiled into one automaton.
pub struct Gazetteer {
    matcher: AhoCorasick,
    /// Pattern index → place index.
    place_of: Vec<usize>,
    places: Vec<Place>,
    /// Place index → the index of the country it lies in (a region's state by its ISO code;
    /// a country itself; a region whose state is not listed stands for itself).
    country: Vec<usize>,
}

impl Gazetteer {
    pub fn new(places: &Places) -> Result<Gazetteer, aho_corasick::BuildError> {
        let mut patterns: Vec<&str> = Vec::new();
        let mut place_of = Vec::new();
        let mut entries = Vec::new();
        let add = |entries: &mut Vec<Place>, name: &str, offset: i32, within: Option<usize>| {
            entries.push(Place {
                name: name.to_owned(),
                utc_offset_minutes: offset,
                within,
            });
            entries.len() - 1
        };
        let mut by_iso: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &places.countries {
            let idx = add(&mut entries, &c.name, c.utc_offset_minutes, None);
            by_iso.insert(c.iso2.as_str(), idx);
            for name in std::iter::once(&c.name)
                .chain(&c.aliases)
                .chain(&c.demonyms)
            {
                patterns.push(name.as_str());
                place_of.push(idx);
            }
            for town in std::iter::once(&c.capital).chain(&c.cities) {
                let t = add(&mut entries, town, c.utc_offset_minutes, Some(idx));
                patterns.push(town.as_str());
                place_of.push(t);
            }
        }
        let mut region_state: BTreeMap<usize, usize> = BTreeMap::new();
        for r in &places.regions {
            let idx = add(&mut entries, &r.name, r.utc_offset_minutes, None);
            if let Some(&state) = by_iso.get(r.country.as_str()) {
                region_state.insert(idx, state);
            }
            for name in std::iter::once(&r.name).chain(&r.aliases) {
                patterns.push(name.as_str());
                place_of.push(idx);
            }
            for town in &r.cities {
                let t = add(&mut entries, town, r.utc_offset_minutes, Some(idx));
                patterns.push(town.as_str());
                place_of.push(t);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)?;
        let country = entries
            .iter()
            .enumerate()
            .map(|(i, place)| {
                let area = place.within.unwrap_or(i);
                region_state.get(&area).copied().unwrap_or(area)
            })
            .collect();
        Ok(Gazetteer {
            matcher,
            place_of,
            places: entries,
            country,
        })
    }

    /// The places a text names, in order, each with its byte range.
    pub fn find<'g>(&'g self, text: &str) -> Vec<(std::ops::Range<usize>, &'g Place)> {
        self.find_indexed(text)
            .into_iter()
            .filter_map(|(range, idx)| Some((range, self.places.get(idx)?)))
            .collect()
    }

    /// Like [`Gazetteer::find`], with each place's index in `places`.
    fn find_indexed(&self, text: &str) -> Vec<(std::ops::Range<usize>, usize)> {
        let bytes = text.as_bytes();
        let word_edge =
            |i: usize| i >= bytes.len() || !(bytes[i].is_ascii_alphanumeric() || bytes[i] >= 0x80);
        self.matcher
            .find_iter(text)
            .filter(|m| {
                let before_ok = m.start() == 0 || word_edge(m.start() - 1);
                // A possessive ("Sudan's") still ends the name.
                let after_ok = word_edge(m.end()) || text[m.end()..].starts_with(['\'', '’']);
                before_ok && after_ok
            })
            .filter_map(|m| Some((m.range(), *self.place_of.get(m.pattern().as_usize())?)))
            .collect()
    }

    /// The place of a gazetteer index (as [`Named::places_of`] gives them).
    pub fn place(&self, idx: u32) -> Option<&Place> {
        self.places.get(idx as usize)
    }

    /// The country or region a place lies in (itself for those).
    pub fn area<'g>(&'g self, place: &'g Place) -> &'g Place {
        place
            .within
            .and_then(|i| self.places.get(i))
            .unwrap_or(place)
    }

    /// The place a whole name names ("Kyiv", "Moscow", "Darfur"), if the gazetteer knows it.
    pub fn place_named(&self, name: &str) -> Option<&Place> {
        match self.find(name).as_slice() {
            [(range, place)] if range.start == 0 && range.end == name.len() => Some(place),
            _ => None,
        }
    }

    /// The conflict's place: the one the texts name most often (ties: the first in the
    /// gazetteer). Its clock is the reports' "local time".
    pub fn main_place<'g, 't>(
        &'g self,
        texts: impl IntoIterator<Item = &'t str>,
    ) -> Option<&'g Place> {
        self.main_place_among([&self.named(texts)])
    }

    /// What one article's `texts` name, in one pass: each area's count (for
    /// [`Gazetteer::main_place_among`]) and the countries (as [`Gazetteer::countries_named`]).
    pub fn named<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> Named {
        let mut areas = BTreeMap::new();
        let mut countries = Vec::new();
        let mut places = Flat {
            start: vec![0],
            items: Vec::new(),
        };
        for text in texts {
            for (_, idx) in self.find_indexed(text) {
                *areas.entry(self.area_of(idx)).or_insert(0) += 1;
                countries.extend(self.country.get(idx).and_then(|&c| u32::try_from(c).ok()));
                places.items.extend(u32::try_from(idx).ok());
            }
            places.start.push(places.items.len());
        }
        countries.sort_unstable();
        countries.dedup();
        Named {
            areas,
            countries,
            places,
        }
    }

    /// [`Gazetteer::main_place`] over many articles' [`Gazetteer::named`] counts (they add up
    /// the same in any order).
    pub fn main_place_among<'g, 'n>(
        &'g self,
        named: impl IntoIterator<Item = &'n Named>,
    ) -> Option<&'g Place> {
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for n in named {
            for (&area, &k) in &n.areas {
                *counts.entry(area).or_insert(0) += k;
            }
        }
        self.most_named(counts)
    }

    /// The countries `texts` name, by gazetteer index, sorted: a town or a region counts for
    /// its state ("Stepanakert" → Azerbaijan). Reports that name no country in common are
    /// about different wars.
    pub fn countries_named<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> Vec<u32> {
        self.named(texts).countries
    }

    /// A town counts for the country or region it lies in.
    fn area_of(&self, idx: usize) -> usize {
        self.places.get(idx).and_then(|p| p.within).unwrap_or(idx)
    }

    fn most_named(&self, counts: BTreeMap<usize, usize>) -> Option<&Place> {
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .and_then(|(idx, _)| self.places.get(idx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::assets;

    fn gazetteer() -> Gazetteer {
        Gazetteer::new(&assets().places).unwrap()
    }

    #[test]
    fn finds_whole_capitalised_names_longest_first() {
        let g = gazetteer();
        let text = "Fighting in South Sudan and Khartoum; the Sudanese army's chad and Chad.";
        let names: Vec<&str> = g
            .find(text)
            .into_iter()
            .map(|(_, p)| p.name.as_str())
            .collect();
        assert_eq!(names, vec!["South Sudan", "Khartoum", "Sudan", "Chad"]);
        assert!(g.find("Khartoumville is not a city").is_empty());
        assert_eq!(g.find("Sudan's army").len(), 1);
    }

    #[test]
    fn a_whole_name_names_one_place() {
        let g = gazetteer();
        assert_eq!(
            g.place_named("Kyiv").map(|p| p.utc_offset_minutes),
            Some(120)
        );
        let moscow = g.place_named("Moscow").unwrap();
        assert_eq!(moscow.name, "Moscow");
        assert!(moscow.is_town());
        assert_eq!(moscow.utc_offset_minutes, 180);
        assert_eq!(g.area(moscow).name, "Russia");
        assert!(g.place_named("Kyiv Oblast town").is_none());
        assert!(g.place_named("Nowhere").is_none());
    }

    #[test]
    fn one_pass_names_the_main_place_and_the_countries() {
        let g = gazetteer();
        let articles: [&[&str]; 3] = [
            &[
                "Shelling hit Kharkiv.",
                "Kyiv said Ukrainian forces held Kharkiv.",
            ],
            &[
                "Moscow denied it.",
                "Talks in Geneva stalled; Sudan's army and the RSF met.",
            ],
            &["No place at all."],
        ];
        let named: Vec<Named> = articles
            .iter()
            .map(|a| g.named(a.iter().copied()))
            .collect();
        for (n, a) in named.iter().zip(articles) {
            assert_eq!(n.countries, g.countries_named(a.iter().copied()));
            // Each sentence's places, as `find` finds them.
            for (k, text) in a.iter().enumerate() {
                let by_index: Vec<&Place> = n
                    .places_of(k)
                    .unwrap()
                    .iter()
                    .filter_map(|&i| g.place(i))
                    .collect();
                let found: Vec<&Place> = g.find(text).into_iter().map(|(_, p)| p).collect();
                assert_eq!(by_index, found, "{text}");
            }
            assert!(n.places_of(a.len()).is_none());
        }
        assert!(named[2].areas.is_empty() && named[2].countries.is_empty());
        let all: Vec<&str> = articles.iter().flat_map(|a| a.iter().copied()).collect();
        let main = g.main_place_among(&named);
        assert_eq!(main, g.main_place(all));
        assert_eq!(main.map(|p| p.name.as_str()), Some("Ukraine"));
    }

    #[test]
    fn the_most_named_place_gives_the_local_clock() {
        let g = gazetteer();
        let place = g
            .main_place([
                "Shelling hit Kharkiv.",
                "Kyiv said Ukrainian forces held Kharkiv.",
                "Moscow denied it.",
            ])
            .unwrap();
        assert_eq!(place.name, "Ukraine");
        assert_eq!(place.utc_offset_minutes, 120);
    }
}
