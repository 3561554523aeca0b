//! What a mention's sentence says around the happening: where (gazetteer places), who says so
//! (the claimant), who is blamed (the accused), how many were killed or wounded, and whether
//! it is denied, planned or only possible.
//!
//! Shallow rules over the sentence, not a parser: a reporting verb's subject is the claimant
//! ("the Armenian defence ministry said"), "according to X" names one too, the object of an
//! accusing verb is the accused ("accused Azerbaijan of shelling"). Figures are read next to
//! casualty words ("killing seven civilians", "13 people were killed", "nearly 700 deaths").
//! Parties are named as the text names them; demonyms are mapped to their country through
//! the gazetteer so that "Azeri forces" and "Azerbaijan" agree.

use super::places::Gazetteer;
use super::scanner::WordFinder;
use crate::model::{Facts, Modality};
use regex::Regex;
use regex_automata::meta;
use std::cell::RefCell;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("facts pattern {pattern}: {e}"))
}

const NUMBER: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|dozens|hundreds|thousands)";

/// The casualty figures' patterns. Searched with this module's own caches ([`Cached`]): the
/// regex crate's grew to 3 MB over a year of coverage and stayed through alignment.
static KILLED: LazyLock<Twin> = LazyLock::new(|| {
    Twin::figure(&format!(
        r"(?i)(?-u:\b)(?:kill(?:ed|ing)|left|leaving)\s+(?:at\s+least\s+|nearly\s+|some\s+|about\s+|more\s+than\s+)?(?P<a>{NUMBER})(?-u:\b)|(?-u:\b)(?:at\s+least\s+|nearly\s+|some\s+|about\s+|more\s+than\s+)?(?P<b>{NUMBER})\s+(?:\w+\s+){{0,3}}?(?:were\s+|have\s+been\s+|had\s+been\s+|being\s+)?(?:killed|dead|deaths|died|lives)(?-u:\b)"
    ))
});
static WOUNDED: LazyLock<Twin> = LazyLock::new(|| {
    Twin::figure(&format!(
        r"(?i)(?-u:\b)(?:wound(?:ed|ing)|injur(?:ed|ing))\s+(?:at\s+least\s+|nearly\s+|some\s+|about\s+|more\s+than\s+)?(?P<a>{NUMBER})(?-u:\b)|(?-u:\b)(?:at\s+least\s+|nearly\s+|some\s+|about\s+|more\s+than\s+)?(?P<b>{NUMBER})\s+(?:\w+\s+){{0,3}}?(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:wounded|injured)(?-u:\b)"
    ))
});

/// A pattern twice: as written, where `\w`, `\s`, `\d` and case folding take in every
/// script, and for ASCII text, with ASCII classes only. On an ASCII haystack the two match
/// exactly alike (the Unicode classes' other members are not in it), and the ASCII one's lazy
/// DFA is a fraction of the size: fewer states to build, fewer cache misses. Most sentences
/// are ASCII; the others are searched as before.
struct Twin {
    unicode: meta::Regex,
    ascii: meta::Regex,
}

impl Twin {
    fn new(unicode: &str, ascii: &str, cache_bytes: Option<usize>) -> Twin {
        let build = |pattern: &str| {
            let mut config = meta::Config::new();
            if let Some(bytes) = cache_bytes {
                config = config.hybrid_cache_capacity(bytes);
            }
            meta::Regex::builder()
                .configure(config)
                .build(pattern)
                .unwrap_or_else(|e| panic!("facts pattern {pattern}: {e}"))
        };
        Twin {
            unicode: build(unicode),
            ascii: build(ascii),
        }
    }

    /// A casualty pattern, whose ASCII twin is the same pattern with Unicode off.
    fn figure(pattern: &str) -> Twin {
        Twin::new(pattern, &format!("(?-u){pattern}"), None)
    }

    /// The twin that searches `text`.
    fn of(&self, text: &str) -> &meta::Regex {
        if text.is_ascii() {
            &self.ascii
        } else {
            &self.unicode
        }
    }
}

/// Subjects of reporting verbs that name nobody by themselves.
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who", "which"];

/// The verbs a claimant's clause ends on.
const REPORTING_VERBS: &str = "said|says|told|accused|accuses|claimed|claims|alleged|alleges|reported|reports|denied|denies|stated|announced|blamed|blames";

/// "X said", "X told", "X accused", "X claimed": X up to the verb, within the clause.
///
/// Its runs of capitalised words (`\w` is every script's letters) make a lazy DFA of about
/// 8 MB. In the regex crate's default 2 MB cache it thrashed, rebuilding states for most
/// sentences (a second of a year of coverage's extraction). So it keeps a larger cache per
/// thread ([`Cached`]).
/// Its ASCII twin has Unicode off: no `’` among a name's letters, and no byte past ASCII
/// between the commas.
static CLAIMANT: LazyLock<Twin> = LazyLock::new(|| {
    let pattern = |flags: &str, letter: &str, not_comma: &str| {
        format!(
            r"{flags}(?P<who>(?:[Tt]he\s+)?(?:[A-Z]{letter}*\s+){{0,{CAPITALISED}}}(?:[a-z]+\s+){{0,{LOWER_CASE}}}?(?:ministry|army|forces|government|military|spokesman|spokeswoman|officials?|president|minister|command|side|authorities|[A-Z]{letter}*))(?:,{not_comma}{{1,60}},)?\s+(?:{REPORTING_VERBS})(?-u:\b)"
        )
    };
    Twin::new(
        &pattern("", r"[\w’'-]", "[^,]"),
        &pattern("(?-u)", r"[\w'-]", r"[\x00-\x2B\x2D-\x7F]"),
        Some(CLAIMANT_CACHE_BYTES),
    )
});
const CLAIMANT_CACHE_BYTES: usize = 16 << 20;
/// The most capitalised words, then lower-case ones, before the word that ends a claimant.
const CAPITALISED: usize = 5;
const LOWER_CASE: usize = 2;

/// The patterns searched with caches of this module's own, one set per thread, which
/// [`release_caches`] frees once extraction is done: alignment, which comes next, is where a
/// load's memory peaks (the regex crate's caches cannot be freed).
#[derive(Clone, Copy)]
enum Cached {
    Claimant,
    Killed,
    Wounded,
}

thread_local! {
    /// This thread's caches, by [`Cached`] in order, the ASCII twins' after, made on first use.
    static CACHES: RefCell<Option<[meta::Cache; 6]>> = const { RefCell::new(None) };
}

impl Cached {
    const ALL: [Cached; 3] = [Cached::Claimant, Cached::Killed, Cached::Wounded];

    fn twin(self) -> &'static Twin {
        match self {
            Cached::Claimant => &CLAIMANT,
            Cached::Killed => &KILLED,
            Cached::Wounded => &WOUNDED,
        }
    }

    /// `search` of `text` with this pattern's twin for it and this thread's cache for that.
    fn search<R>(
        self,
        text: &str,
        search: impl FnOnce(&meta::Regex, &mut meta::Cache) -> R,
    ) -> Option<R> {
        let ascii = text.is_ascii();
        CACHES.with(|caches| {
            let mut caches = caches.borrow_mut();
            let caches = caches.get_or_insert_with(|| {
                let [a, b, c] = Cached::ALL.map(|p| p.twin().unicode.create_cache());
                let [d, e, f] = Cached::ALL.map(|p| p.twin().ascii.create_cache());
                [a, b, c, d, e, f]
            });
            let cache =
                caches.get_mut(self as usize + if ascii { Cached::ALL.len() } else { 0 })?;
            Some(search(self.twin().of(text), cache))
        })
    }
}

/// Frees this thread's claimant and figure caches (they are made again when next needed).
pub fn release_caches() {
    CACHES.with(|c| c.borrow_mut().take());
}

/// The span of the claimant group of [`CLAIMANT`]'s first match in `sentence`.
///
/// Every match ends on a reporting verb, so the text up to the last one holds them all; and
/// a match starts at most [`WHO_WORDS`] words before its verb, or before the comma that opens
/// an aside ("The ministry, in a statement, said"). The search starts at the earliest such
/// word of any verb: the pattern's lazy DFA walked every byte before it, and most sentences
/// say who said it at their end.
fn claimant_of(sentence: &str) -> Option<std::ops::Range<usize>> {
    let mut end = None;
    let mut from = sentence.len();
    for verb in REPORTING_VERB.find_iter(sentence) {
        from = from.min(earliest_claim(sentence, verb.start()));
        end = Some(verb.end());
    }
    let head = sentence.get(..end?)?;
    claimant_in(head, from.min(head.len()))
}

/// The most words a claimant spans: "the", the capitalised and lower-case ones, and the word
/// that ends it ([`CLAIMANT`]'s `who`). Its words are white-space apart and hold none.
const WHO_WORDS: usize = 1 + CAPITALISED + LOWER_CASE + 1;

/// The earliest byte of `text` a [`CLAIMANT`] match ending on the verb at `verb_start` can
/// start at. The white space before the verb follows the claimant, or the comma closing an
/// aside whose opening comma (the one before: the aside holds none) follows the claimant.
fn earliest_claim(text: &str, verb_start: usize) -> usize {
    let before = text.get(..verb_start).unwrap_or("");
    let who_end = before.trim_end_matches(char::is_whitespace).len();
    let mut from = words_back(text, who_end, WHO_WORDS);
    let aside = before.get(..who_end).and_then(|b| b.strip_suffix(','));
    if let Some(open) = aside.and_then(|a| a.rfind(',')) {
        from = from.min(words_back(text, open, WHO_WORDS));
    }
    from
}

/// Where the `n`-th white-space-delimited word before byte `end` of `text` starts (the word
/// `end` cuts counts as the first), or 0 when there are fewer.
fn words_back(text: &str, end: usize, n: usize) -> usize {
    let (mut words, mut in_word, mut start) = (0, false, end);
    for (i, c) in text.get(..end).unwrap_or("").char_indices().rev() {
        if !c.is_whitespace() {
            in_word = true;
            start = i;
        } else if in_word {
            words += 1;
            if words == n {
                return start;
            }
            in_word = false;
        }
    }
    0
}

/// The span of the claimant group of [`CLAIMANT`]'s first match in `text` that starts at
/// byte `from` or after.
///
/// Read off the match, without the groups: their search ran the pattern again over the
/// match, a second costly pass. What follows `who` is `(?:,[^,]{1,60},)?\s+VERB`, and `who`
/// holds no comma: it ends at the match's first comma, else at the white space before the
/// match's last word (the verb).
fn claimant_in(text: &str, from: usize) -> Option<std::ops::Range<usize>> {
    let found = Cached::Claimant.search(text, |re, cache| {
        re.search_with(cache, &regex_automata::Input::new(text).range(from..))
    })??;
    let matched = text.get(found.range())?;
    let len = match matched.find(',') {
        Some(comma) => comma,
        None => matched
            .trim_end_matches(|c: char| !c.is_whitespace())
            .trim_end()
            .len(),
    };
    Some(found.start()..found.start() + len)
}

/// Compiles this module's patterns (see [`super::warm_up`]).
pub(crate) fn warm_up() {
    for re in [
        &REPORTING_VERB,
        &ACCORDING_TO,
        &ACCUSED,
        &DENIED,
        &PLANNED,
        &POSSIBLE,
    ] {
        LazyLock::force(re);
    }
    LazyLock::force(&CLAIMANT);
    LazyLock::force(&KILLED);
    LazyLock::force(&WOUNDED);
    LazyLock::force(&CUES);
}

/// The verbs CLAIMANT ends on, alone: a cheap scan that spares CLAIMANT's costly search in
/// the sentences that have none, and the tail after the last one in those that do.
static REPORTING_VERB: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?-u:\b)(?:{REPORTING_VERBS})(?-u:\b)")));
static ACCORDING_TO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)according to (?P<who>(?:the\s+)?(?:[A-Z][\w’'-]*\s*){1,5})"));
/// The accused: the object of an accusing verb.
static ACCUSED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(?:accused|accuses|accusing|blamed|blames|blaming)\s+(?P<whom>(?:the\s+)?(?:[A-Z][\w’'-]*\s*){1,4})",
    )
});
static DENIED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:denied|denies|deny|rejected|rejects|dismissed)(?-u:\b)"));
static PLANNED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:will|shall|plans? to|planned|agreed to start|is due to|was due to|are due to|were due to|to begin|intend(?:s|ed)? to)(?-u:\b)",
    )
});
static POSSIBLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:would|could|might|may|must|should)(?-u:\b)"));

/// Which of the facts' patterns can match a sentence, read off the words every match of each
/// must hold (found with ASCII case folded away, which lets the case-sensitive patterns'
/// words through too). Most sentences hold none of a pattern's words, and one pass for all of
/// them costs less than one search per pattern (the casualty patterns alone were a quarter
/// of this module's time).
struct Cues {
    words: WordFinder,
    /// For each word, the patterns it lets through.
    lets: Vec<u8>,
}

/// The patterns [`Cues`] gates, as bits.
const CUE_KILLED: u8 = 1;
const CUE_WOUNDED: u8 = 2;
const CUE_DENIED: u8 = 4;
const CUE_PLANNED: u8 = 8;
const CUE_POSSIBLE: u8 = 16;
const CUE_ACCUSED: u8 = 32;
const CUE_ACCORDING_TO: u8 = 64;

/// Each pattern's words: every match of the pattern holds one of them, read with ASCII case
/// folded away (a longer word of the pattern holds a listed one: "killing" holds "kill").
const CUE_WORDS: &[(u8, &[&str])] = &[
    (
        CUE_KILLED,
        &["kill", "left", "leaving", "dead", "death", "died", "lives"],
    ),
    (CUE_WOUNDED, &["wound", "injur"]),
    (
        CUE_DENIED,
        &[
            "denied",
            "denies",
            "deny",
            "rejected",
            "rejects",
            "dismissed",
        ],
    ),
    (
        CUE_PLANNED,
        &[
            "will",
            "shall",
            "plan",
            "agreed to start",
            "due to",
            "to begin",
            "intend",
        ],
    ),
    (
        CUE_POSSIBLE,
        &["would", "could", "might", "may", "must", "should"],
    ),
    (CUE_ACCUSED, &["accus", "blam"]),
    (CUE_ACCORDING_TO, &["according to"]),
];

static CUES: LazyLock<Option<Cues>> = LazyLock::new(|| {
    let mut words = Vec::new();
    let mut lets = Vec::new();
    for (bit, list) in CUE_WORDS {
        for w in *list {
            words.push(*w);
            lets.push(*bit);
        }
    }
    Some(Cues {
        words: WordFinder::new(&words)?,
        lets,
    })
});

/// The patterns of [`CUE_WORDS`] that may match `sentence`, as bits.
fn cues(sentence: &str) -> u8 {
    let Some(cues) = CUES.as_ref() else {
        return u8::MAX;
    };
    // A sentence holding a character that folds to an ASCII letter is searched with every
    // pattern.
    let Some(found) = cues.words.found(sentence) else {
        return u8::MAX;
    };
    found
        .filter_map(|k| cues.lets.get(k))
        .fold(0, |bits, &b| bits | b)
}

/// Reads a number as the text writes it (the tagger's reader: digits, words, compounds);
/// vague plurals ("dozens") count as their lower bound.
pub(crate) fn number(text: &str) -> Option<u32> {
    let t = text.to_lowercase().replace(',', "");
    let vague = match t.as_str() {
        "dozens" => Some(24),
        "hundreds" | "a hundred" => Some(100),
        "thousands" => Some(1000),
        _ => None,
    };
    if vague.is_some() {
        return vague;
    }
    let n = super::timex::number(&t)?;
    (n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)).then_some(n as u32)
}

/// The figure of the first match of `figure`'s pattern ([`Cached::Killed`] or
/// [`Cached::Wounded`]) in `text`.
fn first_number(figure: Cached, text: &str) -> Option<u32> {
    let caps = figure.search(text, |re, cache| {
        let mut caps = re.create_captures();
        re.search_captures_with(cache, &regex_automata::Input::new(text), &mut caps);
        caps
    })?;
    let group = caps
        .get_group_by_name("a")
        .or_else(|| caps.get_group_by_name("b"))?;
    number(text.get(group.range())?)
}

/// A party as the gazetteer knows it ("Azeri forces" → "Azerbaijan"), else as written.
fn party(gazetteer: Option<&Gazetteer>, phrase: &str) -> String {
    let phrase = phrase.trim().trim_end_matches([',', '.']).trim();
    gazetteer
        .and_then(|g| {
            g.find(phrase)
                .into_iter()
                .next()
                .map(|(_, p)| g.area(p).name.clone())
        })
        .unwrap_or_else(|| {
            phrase
                .trim_start_matches("the ")
                .trim_start_matches("The ")
                .to_owned()
        })
}

/// The facts of a sentence around a happening.
pub fn facts(sentence: &str, gazetteer: Option<&Gazetteer>) -> Facts {
    facts_with(sentence, gazetteer, None)
}

/// [`facts`], with the places the gazetteer finds in `sentence` (its [`Gazetteer::find`], by
/// index) when the caller has them already.
pub fn facts_with(sentence: &str, gazetteer: Option<&Gazetteer>, found: Option<&[u32]>) -> Facts {
    let cues = cues(sentence);
    let may = |bit: u8| cues & bit != 0;
    let mut places: Vec<String> = match (gazetteer, found) {
        (Some(g), Some(found)) => found
            .iter()
            .filter_map(|&idx| g.place(idx))
            .map(|p| p.name.clone())
            .collect(),
        (Some(g), None) => g
            .find(sentence)
            .into_iter()
            .map(|(_, p)| p.name.clone())
            .collect(),
        (None, _) => Vec::new(),
    };
    places.sort();
    places.dedup();
    // Kept in a mention of the model: no spare capacity (hundreds of thousands at a year of
    // coverage; a growing list's spare room was 16 MB of the loaded model).
    places.shrink_to_fit();
    let claimant = claimant_of(sentence)
        .and_then(|who| sentence.get(who))
        .or_else(|| {
            may(CUE_ACCORDING_TO).then_some(())?;
            ACCORDING_TO
                .captures(sentence)
                .and_then(|c| c.name("who"))
                .map(|w| w.as_str())
        })
        .map(|w| w.trim().to_owned())
        // A pronoun names nobody without the sentence before it ("She said ...").
        .filter(|w| !w.is_empty() && !PRONOUNS.contains(&w.to_lowercase().as_str()));
    let claimant_party = claimant.as_deref().map(|c| party(gazetteer, c));
    let accused = may(CUE_ACCUSED)
        .then(|| ACCUSED.captures(sentence))
        .flatten()
        .and_then(|c| c.name("whom"))
        .map(|w| party(gazetteer, w.as_str()));
    let modality = if may(CUE_PLANNED) && PLANNED.is_match(sentence) {
        Modality::Planned
    } else if may(CUE_POSSIBLE) && POSSIBLE.is_match(sentence) {
        Modality::Possible
    } else {
        Modality::Actual
    };
    Facts {
        places,
        claimant: claimant.map(String::into_boxed_str),
        claimant_party: claimant_party.map(String::into_boxed_str),
        accused: accused.map(String::into_boxed_str),
        killed: may(CUE_KILLED)
            .then(|| first_number(Cached::Killed, sentence))
            .flatten(),
        wounded: may(CUE_WOUNDED)
            .then(|| first_number(Cached::Wounded, sentence))
            .flatten(),
        denied: may(CUE_DENIED) && DENIED.is_match(sentence),
        modality,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::places::gazetteer;

    fn f(text: &str) -> Facts {
        facts(text, gazetteer())
    }

    #[test]
    fn casualty_figures_in_their_common_forms() {
        assert_eq!(
            f("Rebels shelled the town, killing seven civilians.").killed,
            Some(7)
        );
        assert_eq!(
            f("The strike left thirteen civilians dead.").killed,
            Some(13)
        );
        assert_eq!(
            f("At least 1,200 people were killed in the fighting.").killed,
            Some(1200)
        );
        assert_eq!(
            f("The region reported nearly 700 army deaths.").killed,
            Some(700)
        );
        assert_eq!(
            f("One person was killed and 12 were wounded.").wounded,
            Some(12)
        );
        assert_eq!(f("Shelling wounded at least 3 civilians.").wounded, Some(3));
        assert_eq!(f("Talks resumed in Geneva.").killed, None);
    }

    /// A gated pattern: its cue bit, its name, whether it matches a text.
    type Gated = (u8, &'static str, fn(&str) -> bool);

    /// The patterns [`cues`] gates, with their bits.
    fn gated() -> [Gated; 7] {
        [
            (CUE_KILLED, "KILLED", |t| KILLED.of(t).is_match(t)),
            (CUE_WOUNDED, "WOUNDED", |t| WOUNDED.of(t).is_match(t)),
            (CUE_DENIED, "DENIED", |t| DENIED.is_match(t)),
            (CUE_PLANNED, "PLANNED", |t| PLANNED.is_match(t)),
            (CUE_POSSIBLE, "POSSIBLE", |t| POSSIBLE.is_match(t)),
            (CUE_ACCUSED, "ACCUSED", |t| ACCUSED.is_match(t)),
            (CUE_ACCORDING_TO, "ACCORDING_TO", |t| {
                ACCORDING_TO.is_match(t)
            }),
        ]
    }

    /// Fails when a gated pattern matches a text whose cues shut it out.
    fn assert_cued(text: &str) {
        for (bit, name, is_match) in gated() {
            assert!(
                !is_match(text) || cues(text) & bit != 0,
                "{name} matches {text:?} without its cue"
            );
        }
    }

    #[test]
    fn every_match_of_a_gated_pattern_holds_one_of_its_cues() {
        let texts = crate::extract::test_texts();
        assert!(texts.len() >= 9);
        for text in &texts {
            for sentence in text.split_inclusive(['.', '\n']) {
                assert_cued(sentence);
            }
        }
        for s in [
            "Shelling left 4 dead.",
            "The attack, leaving 12 soldiers and a child dead, was denied.",
            "It has INJURED 30 people; the army REJECTS the claims.",
            "The talks are due to resume; the sides agreed to start a pause.",
            "Rebels blamed the army, according to Reuters.",
            "Rebels accusing the army of breaking the truce MUST stop.",
        ] {
            assert_cued(s);
            assert_ne!(cues(s), 0, "{s}");
        }
    }

    #[test]
    fn a_sentence_s_places_are_kept_without_spare_room() {
        // Mentions keep the list itself: spare capacity would stay in the model.
        let mut with_places = 0;
        for text in crate::extract::test_texts() {
            for sentence in text.split_inclusive(['.', '\n']) {
                let places = facts(sentence, gazetteer()).places;
                assert_eq!(places.capacity(), places.len(), "{sentence:?}");
                with_places += usize::from(places.len() > 1);
            }
        }
        assert!(with_places > 0, "some sentence names two places");
    }

    #[test]
    fn the_places_found_beforehand_give_the_same_facts() {
        let g = gazetteer().unwrap();
        for s in [
            "Shelling of Kharkiv and Kyiv killed 3, the Ukrainian army said.",
            "Sudan's army and the RSF met in Jeddah; Khartoum was quiet.",
            "No place here.",
        ] {
            let named = g.named([s]);
            let found = named.places_of(0);
            assert!(found.is_some());
            assert_eq!(facts_with(s, Some(g), found), f(s), "{s}");
        }
    }

    #[test]
    fn a_character_that_folds_to_ascii_opens_every_gate() {
        // The Kelvin sign is a K, the long s an s, to a case-insensitive pattern.
        assert_eq!(cues("Shelling \u{212A}illed seven civilians."), u8::MAX);
        let long_s = "The ministry di\u{17F}mi\u{17F}\u{17F}ed the claim.";
        assert!(DENIED.is_match(long_s));
        assert!(f(long_s).denied);
        let must = "Both sides mu\u{17F}t hold fire.";
        assert_eq!(f(must).modality, Modality::Possible);
        // No other character outside ASCII matches an ASCII letter so.
        for c in ('a'..='z').chain('A'..='Z') {
            let mut class =
                regex_syntax::hir::ClassUnicode::new([regex_syntax::hir::ClassUnicodeRange::new(
                    c, c,
                )]);
            class.case_fold_simple();
            for range in class.iter() {
                for folded in range.start()..=range.end() {
                    assert!(
                        folded.is_ascii()
                            || crate::extract::scanner::FOLDS_TO_ASCII.contains(&folded),
                        "{c} folds to {folded:?}"
                    );
                }
            }
        }
    }

    /// Up to `most` words drawn from `words`, for the properties below.
    fn words_of(
        words: &[&'static str],
        most: usize,
    ) -> impl proptest::strategy::Strategy<Value = Vec<&'static str>> {
        proptest::collection::vec(proptest::sample::select(words.to_vec()), 0..most)
    }

    /// What joins `n` words: a space, two, or nothing.
    fn glue_of(n: usize) -> impl proptest::strategy::Strategy<Value = Vec<&'static str>> {
        proptest::collection::vec(proptest::sample::select(vec![" ", "", "  "]), n)
    }

    /// Each word followed by its glue.
    fn glued(words: &[&str], glue: &[&str]) -> String {
        words.iter().zip(glue).flat_map(|(w, g)| [*w, *g]).collect()
    }

    proptest::proptest! {
        #[test]
        fn the_gates_never_shut_out_a_match(
            words in words_of(&[
                "killed", "KILLING", "left", "Leaving", "dead", "deaths", "died", "lives",
                "wounded", "injuring", "denied", "Denies", "deny", "rejected", "dismissed",
                "will", "shall", "plans to", "planned", "agreed to start", "is due to",
                "to begin", "intends to", "would", "could", "might", "May", "must",
                "should", "accused", "blames", "according to", "at least", "more than",
                "7", "1,200", "seven", "dozens", "people", "were", "have been", "the",
                "Army", "Kharkiv", "\u{212A}illed", "live\u{17F}", "\u{a0}", "\t", ",",
            ], 12)
        ) {
            assert_cued(&words.join(" "));
        }

        #[test]
        fn the_claimant_read_off_any_match_is_the_regex_s_group(
            // Long enough for claimants of every length, and verbs far from the start.
            words in words_of(&[
                "The", "the", "Army", "army", "ministry", "Foreign", "O'Neil", "Al-Amin",
                "rebel", "forces", "officials", "side", ",", ", in a statement,", "said",
                "says", "told", "accused", "denied", "reported", "\u{a0}", "\t", "Ünal",
                "x", "Kyiv’s", "spokesman", ",,", "  ", "Said", "Defence", "North", "of",
                ", which had, by then,", ", in a statement on Sunday to the state news agency,",
            ], 24),
            glue in glue_of(24),
        ) {
            let text = glued(&words, &glue);
            proptest::prop_assert_eq!(claimant_of(&text), claimant_group(&text), "{:?}", text);
        }

        #[test]
        fn the_ascii_twins_read_ascii_text_as_the_patterns_do(
            words in words_of(&[
                "The", "the", "Army", "ministry", "O'Neil", "Al-Amin", "rebel", "forces",
                ",", ", in a statement,", "said", "told", "accused", "Said", "KILLED",
                "killing", "left", "dead", "deaths", "lives", "wounded", "Injuring", "at least",
                "more than", "7", "1,200", "seven", "Twenty", "dozens", "a hundred", "people",
                "were", "have been", "civilians", "x_1", "\t", "\n", "\x0b", "\x0c", "\r",
                "\x1f", "\x7f", "-", "'", "K", "s", "ss",
            ], 16),
            glue in glue_of(16),
        ) {
            let text = glued(&words, &glue);
            assert_twins_agree(&text);
        }
    }

    /// Every group of `twin`'s first match in `text`, searched with the Unicode pattern or
    /// the ASCII one.
    fn groups(twin: &Twin, ascii: bool, text: &str) -> Vec<Option<std::ops::Range<usize>>> {
        let re = if ascii { &twin.ascii } else { &twin.unicode };
        let mut cache = re.create_cache();
        let mut caps = re.create_captures();
        re.search_captures_with(&mut cache, &regex_automata::Input::new(text), &mut caps);
        (0..caps.group_len())
            .map(|i| caps.get_group(i).map(|s| s.range()))
            .collect()
    }

    /// The claimant and casualty twins read every ASCII text alike, group by group.
    fn assert_twins_agree(text: &str) {
        assert!(text.is_ascii());
        for cached in Cached::ALL {
            let twin = cached.twin();
            assert_eq!(
                groups(twin, true, text),
                groups(twin, false, text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_ascii_twins_read_the_test_articles_as_the_patterns_do() {
        let mut read = 0;
        let mut matched = 0;
        for text in crate::extract::test_texts() {
            for line in text.lines().filter(|l| l.is_ascii()) {
                assert_twins_agree(line);
                read += 1;
                matched += usize::from(!groups(&CLAIMANT, true, line).is_empty());
            }
        }
        assert!(
            read > 100 && matched > 20,
            "{read} lines, {matched} claimants"
        );
    }

    /// The claimant group as the regex reads it, for [`claimant_of`] to be held to.
    fn claimant_group(text: &str) -> Option<std::ops::Range<usize>> {
        let re = &CLAIMANT.unicode;
        let mut cache = re.create_cache();
        let mut caps = re.create_captures();
        re.search_captures_with(&mut cache, &regex_automata::Input::new(text), &mut caps);
        caps.get_group_by_name("who").map(|s| s.range())
    }

    #[test]
    fn the_claimant_read_off_the_match_is_the_regex_s_group() {
        let mut sentences: Vec<String> = crate::pipeline::open_bundled_seeds()
            .sources
            .iter()
            .flat_map(|s| s.sentences.iter().map(|x| x.text.as_str().to_owned()))
            .collect();
        sentences.extend(
            [
                "The Defence Ministry, in a statement on Sunday, said the town was shelled.",
                "Officials, speaking on condition of anonymity, told reporters it held.",
                "Sudan’s foreign ministry\u{a0}said\u{2003}it would comply.",
                "Rebel commander Abu Bakr O'Neill-Smith  accused the army.",
                "He said, and she said, that the government denied it.",
                "The army, which had, by then, withdrawn, said nothing.",
                // The longest claimant, nine words; and one before a long aside.
                "On Sunday the Joint Rebel Defence Forces Command of the ministry said so.",
                "The Joint Defence Command, in a statement on Sunday to the state news agency, \
                 said it held.",
            ]
            .map(str::to_owned),
        );
        let mut claimed = 0;
        for s in &sentences {
            assert_eq!(claimant_of(s), claimant_group(s), "{s}");
            claimed += usize::from(claimant_group(s).is_some());
        }
        assert!(claimed > 20, "{claimed}");
    }

    #[test]
    fn claimants_and_figures_are_read_alike_before_and_after_the_caches_are_freed() {
        let s = "The Sudanese army said 30 people were wounded in Omdurman after shelling \
                 killed 12.";
        let before = f(s);
        assert_eq!(before.claimant.as_deref(), Some("The Sudanese army"));
        assert_eq!((before.killed, before.wounded), (Some(12), Some(30)));
        release_caches();
        assert!(CACHES.with(|c| c.borrow().is_none()));
        assert_eq!(f(s), before);
        assert!(CACHES.with(|c| c.borrow().is_some()));
    }

    #[test]
    fn a_pronoun_is_not_a_claimant() {
        let g = crate::extract::places::gazetteer();
        for s in [
            "She said the town was shelled.",
            "They said the truce held.",
        ] {
            assert_eq!(facts(s, g).claimant, None, "{s}");
        }
    }

    #[test]
    fn claimant_accused_and_parties() {
        let x = f("The Ukrainian defence ministry accused Russia of shelling Kharkiv on Monday.");
        assert_eq!(
            x.claimant.as_deref(),
            Some("The Ukrainian defence ministry")
        );
        assert_eq!(x.claimant_party.as_deref(), Some("Ukraine"));
        assert_eq!(x.accused.as_deref(), Some("Russia"));
        assert!(
            x.places.contains(&"Ukraine".to_owned()) && x.places.contains(&"Russia".to_owned())
        );
        let y = f("Five people died, according to the Sudanese Red Crescent.");
        assert_eq!(y.claimant_party.as_deref(), Some("Sudan"));
    }

    #[test]
    fn denial_and_modality() {
        assert!(f("The army denied attacking the village.").denied);
        assert_eq!(
            f("The sides will meet in Doha next week.").modality,
            Modality::Planned
        );
        assert_eq!(
            f("Any attack would breach the truce.").modality,
            Modality::Possible
        );
        assert_eq!(f("The truce held overnight.").modality, Modality::Actual);
    }
}
