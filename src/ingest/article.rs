//! One article's text to a [`Source`]: which lines are page furniture, which are captions,
//! the title, the outlet, and the sentences of the real article text.
//!
//! Rules are general (see `assets/boilerplate.ron` and `assets/outlets.ron`), never one site's
//! strings. A dropped line is still read for metadata: a copyright line names the outlet.

use super::metadata::Metadata;
use super::segment;
use crate::assets::{Assets, BoilerplateLexicon};
use crate::model::{ArticleText, Sentence, SentenceRole, Source};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a line of the file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineClass {
    Blank,
    /// A header, front-matter or "Published ..." line: read as metadata, never as text.
    Metadata,
    /// Navigation, appeals, counters, copyright: not article text.
    Boilerplate,
    /// A photo or video caption: kept, marked, not a source of events.
    Caption,
    /// The headline.
    Headline,
    Body,
}

/// A line of the file with its class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub span: Range<usize>,
    pub class: LineClass,
}

/// Parses an article's decoded text; `meta` is what the file's metadata said (and which
/// lines carried it).
pub fn parse_article(id: &str, text: &str, meta: &Metadata, assets: &Assets) -> Source {
    let lines = classify_lines(text, meta, &assets.boilerplate);
    // One copy of the text, which the sentences slice.
    let whole = ArticleText::from(text);
    let mut sentences = Vec::new();
    for (paragraph, (span, class)) in paragraphs(text, &lines).into_iter().enumerate() {
        let role = match class {
            LineClass::Headline => SentenceRole::Headline,
            LineClass::Caption => SentenceRole::Caption,
            _ => SentenceRole::Body,
        };
        let spans = if role == SentenceRole::Headline {
            let span = trim_span(text, span);
            let wordy = text
                .get(span.clone())
                .is_some_and(|h| h.chars().any(char::is_alphanumeric));
            if wordy { vec![span] } else { Vec::new() }
        } else {
            segment::sentences(text, span)
        };
        for span in spans {
            if let Some(s) = whole.slice(span.clone()) {
                sentences.push(Sentence {
                    span,
                    text: s,
                    paragraph: u32::try_from(paragraph).unwrap_or(u32::MAX),
                    role,
                });
            }
        }
    }
    // A year of coverage holds hundreds of thousands of sentences: no spare capacity.
    sentences.shrink_to_fit();
    let title = title(text, &lines, &sentences, meta);
    let outlet = meta.outlet.clone().or_else(|| outlet(text, &lines, assets));
    Source {
        id: id.to_owned(),
        title,
        outlet,
        text: whole,
        sentences,
        ..Source::default()
    }
}

/// Paragraphs of article text: runs of body lines that a hard wrap split ("the truce\nheld",
/// "1.\n2 million") are joined; headlines and captions stand alone. Returns each paragraph's
/// byte range and class.
fn paragraphs(text: &str, lines: &[Line]) -> Vec<(Range<usize>, LineClass)> {
    let mut out: Vec<(Range<usize>, LineClass)> = Vec::new();
    let mut previous: Option<&Line> = None;
    for line in lines {
        let class = line.class;
        if !matches!(
            class,
            LineClass::Body | LineClass::Headline | LineClass::Caption
        ) {
            previous = if class == LineClass::Blank {
                None
            } else {
                Some(line)
            };
            continue;
        }
        let joins = match (previous, out.last_mut()) {
            (Some(prev), Some(last))
                if prev.class == LineClass::Body && class == LineClass::Body =>
            {
                let prev_text = text.get(prev.span.clone()).unwrap_or("").trim_end();
                let next_text = text.get(line.span.clone()).unwrap_or("").trim_start();
                let next_first = next_text.chars().next().unwrap_or(' ');
                let broken_number = prev_text.ends_with('.')
                    && prev_text[..prev_text.len() - 1].ends_with(|c: char| c.is_ascii_digit())
                    && next_first.is_ascii_digit();
                let wrapped = !ends_like_sentence(prev_text) && prev_text.chars().count() >= 30;
                if wrapped || broken_number || next_first.is_lowercase() {
                    last.0.end = line.span.end;
                    true
                } else {
                    false
                }
            }
            _ => false,
        };
        if !joins {
            out.push((line.span.clone(), class));
        }
        previous = Some(line);
    }
    out
}

/// The span without surrounding white space or a Markdown heading marker.
fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(span.clone()) else {
        return span;
    };
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || c == '#')
            .len();
    let s = &s[lead..];
    span.start + lead..span.start + lead + s.trim_end().len()
}

/// How many words `s` has, counted only up to `cap + 1`: every caller compares the count
/// with a bound of at most `cap`, and a paragraph is one line of hundreds of words (counting
/// them all was a sixth of loading).
fn word_count(s: &str, cap: usize) -> usize {
    s.split_whitespace().take(cap.saturating_add(1)).count()
}

fn normalise(s: &str) -> String {
    s.trim()
        .trim_end_matches([':', '.', '!'])
        .replace(['’', '‘'], "'")
        .to_lowercase()
}

/// The boilerplate lexicon compiled for speed: one automaton per phrase list, so a line is
/// scanned once whatever the lexicon's size.
struct LineRules {
    phrases: AhoCorasick,
    captions: AhoCorasick,
}

static LINE_RULES: LazyLock<LineRules> = LazyLock::new(|| {
    let lex = &crate::assets::assets().boilerplate;
    let build = |patterns: &[String]| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
            .unwrap_or_else(|e| panic!("bundled boilerplate lexicon: {e}"))
    };
    LineRules {
        phrases: build(&lex.phrases),
        captions: build(&lex.caption_phrases),
    }
});

/// Whether a line is certainly page furniture, by the lexicon alone.
fn is_boilerplate(line: &str, lex: &BoilerplateLexicon) -> bool {
    let words = word_count(line, lex.max_phrase_line_words.max(8));
    if words <= 6 {
        let norm = normalise(line);
        if norm.is_empty() {
            return false;
        }
        if lex.lines.contains(&norm) {
            return true;
        }
    }
    if is_copyright(line, lex) {
        return true;
    }
    if words <= lex.max_phrase_line_words {
        // The lexicon writes apostrophes straight; fold curly ones only when there are any.
        let folded = if line.contains('’') {
            std::borrow::Cow::Owned(line.replace('’', "'"))
        } else {
            std::borrow::Cow::Borrowed(line)
        };
        if LINE_RULES.phrases.is_match(folded.as_ref()) {
            return true;
        }
    }
    // A short line in capitals ("OWNED BY OUR READERS") is a banner, not news prose.
    words <= 8 && {
        let mut letters = 0;
        line.chars().filter(|c| c.is_alphabetic()).all(|c| {
            letters += 1;
            c.is_uppercase()
        }) && letters >= 4
    }
}

fn is_copyright(line: &str, lex: &BoilerplateLexicon) -> bool {
    let t = line.trim_start();
    let starts = lex.copyright_prefixes.iter().any(|p| {
        t.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    });
    starts && word_count(line, 15) <= 15
}

fn is_caption(line: &str, _lex: &BoilerplateLexicon) -> bool {
    word_count(line, 60) <= 60 && LINE_RULES.captions.is_match(line)
}

/// Whether the last non-blank line of `before` is certain boilerplate (a banner).
fn follows_banner(text: &str, before: &[Line]) -> bool {
    before
        .iter()
        .rev()
        .find(|l| l.class != LineClass::Blank)
        .is_some_and(|l| {
            l.class == LineClass::Boilerplate
                && word_count(text.get(l.span.clone()).unwrap_or(""), 8) <= 8
        })
}

/// A line that reads like prose: it ends like a sentence.
fn ends_like_sentence(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['.', '!', '?', '"', '”', '“', '’', '‘', '…', ')'])
}

/// Classifies every line of the text.
pub fn classify_lines(text: &str, meta: &Metadata, lex: &BoilerplateLexicon) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let content = raw.trim_end_matches(['\n', '\r']);
        let span = offset..offset + content.len();
        offset += raw.len();
        let class = if content.trim().is_empty() {
            LineClass::Blank
        } else if meta.covers(&span) {
            LineClass::Metadata
        } else if is_boilerplate(content, lex) {
            LineClass::Boilerplate
        } else if is_caption(content, lex) || content.trim_start().starts_with("![") {
            LineClass::Caption
        } else {
            LineClass::Body
        };
        lines.push(Line { span, class });
    }
    mark_footer(text, &mut lines, lex);
    mark_headline(text, &mut lines);
    mark_repeated_headline(text, &mut lines);
    lines
}

/// A later line that repeats the headline (a page template printing it twice) is furniture.
fn mark_repeated_headline(text: &str, lines: &mut [Line]) {
    let Some(h) = lines.iter().position(|l| l.class == LineClass::Headline) else {
        return;
    };
    let headline = normalise(
        text.get(lines[h].span.clone())
            .unwrap_or("")
            .trim_start_matches('#'),
    );
    for l in lines[h + 1..].iter_mut() {
        if l.class == LineClass::Body
            && normalises_to(
                text.get(l.span.clone())
                    .unwrap_or("")
                    .trim_start_matches('#'),
                &headline,
            )
        {
            l.class = LineClass::Boilerplate;
        }
    }
}

/// Whether `normalise(s) == normalised`, without making the copy: every line after a
/// headline is compared with it.
fn normalises_to(s: &str, normalised: &str) -> bool {
    // `str::to_lowercase` lowers one letter by its context (a capital sigma ending a word):
    // such text takes the copy.
    if s.contains('Σ') {
        return normalise(s) == normalised;
    }
    s.trim()
        .trim_end_matches([':', '.', '!'])
        .chars()
        .map(|c| if matches!(c, '’' | '‘') { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .eq(normalised.chars())
}

/// The footer: from the first certain boilerplate line after which nothing but boilerplate,
/// blank or short lines follow (donation widgets, counters, ownership blurbs), to the end.
/// When the footer opens with a copyright line, the single short line right before it is a
/// site promo ("The Podcast explores ...") and belongs to the footer too; before a donation
/// appeal a short line is more often the article's last sentence, so it stays.
fn mark_footer(text: &str, lines: &mut [Line], lex: &BoilerplateLexicon) {
    let line_text = |l: &Line| text.get(l.span.clone()).unwrap_or("");
    let mut footer_start = None;
    for i in (0..lines.len()).rev() {
        let l = &lines[i];
        let t = line_text(l);
        match l.class {
            LineClass::Blank | LineClass::Metadata => continue,
            LineClass::Boilerplate => footer_start = Some(i),
            _ if word_count(t, 6) <= 6 && !ends_like_sentence(t) => continue,
            // Inside a footer, a blurb under a banner ("SUPPORT US" / "We are owned by our
            // readers ...") belongs to the widget it heads, not to the article.
            _ if footer_start.is_some() && follows_banner(text, &lines[..i]) => continue,
            _ => break,
        }
    }
    let Some(start) = footer_start else { return };
    let opens_with_copyright = is_copyright(line_text(&lines[start]), lex);
    for l in lines[start..].iter_mut() {
        if l.class != LineClass::Blank {
            l.class = LineClass::Boilerplate;
        }
    }
    if !opens_with_copyright {
        return;
    }
    if let Some(prev) = lines[..start]
        .iter_mut()
        .rev()
        .find(|l| l.class != LineClass::Blank)
    {
        let t = text.get(prev.span.clone()).unwrap_or("");
        if prev.class == LineClass::Body
            && word_count(t, 10) <= 10
            && segment::sentences(text, prev.span.clone()).len() == 1
        {
            prev.class = LineClass::Boilerplate;
        }
    }
}

/// The first content line is the headline when it looks like one: short and not ending like
/// a sentence (or standing alone above a blank line).
fn mark_headline(text: &str, lines: &mut [Line]) {
    let Some(i) = lines
        .iter()
        .position(|l| matches!(l.class, LineClass::Body))
    else {
        return;
    };
    if lines[..i].iter().any(|l| l.class == LineClass::Caption) {
        return;
    }
    let t = text.get(lines[i].span.clone()).unwrap_or("");
    if t.trim_start().starts_with('#') {
        lines[i].class = LineClass::Headline;
        return;
    }
    let followed_by_blank = lines
        .get(i + 1)
        .is_some_and(|l| l.class == LineClass::Blank);
    // A first line that the next one continues in lower case is wrapped prose, not a title.
    let continued = lines.get(i + 1).is_some_and(|l| {
        l.class == LineClass::Body
            && text
                .get(l.span.clone())
                .and_then(|t| t.trim_start().chars().next())
                .is_some_and(char::is_lowercase)
    });
    if continued {
        return;
    }
    let words = word_count(t, 25);
    if words <= 25 && (!ends_like_sentence(t) || (followed_by_blank && words <= 15)) {
        lines[i].class = LineClass::Headline;
    }
}

/// The headline; else the metadata title; else the first sentence cut to a readable length.
fn title(text: &str, lines: &[Line], sentences: &[Sentence], meta: &Metadata) -> String {
    if let Some(h) = lines.iter().find(|l| l.class == LineClass::Headline) {
        let headline = text.get(trim_span(text, h.span.clone())).unwrap_or("");
        if headline.chars().any(char::is_alphanumeric) {
            return headline.to_owned();
        }
    }
    if let Some(t) = meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return t.trim().to_owned();
    }
    let Some(first) = sentences.iter().find(|s| s.role == SentenceRole::Body) else {
        return String::new();
    };
    cut(&first.text, 90)
}

/// Cuts at a word boundary and marks the cut with an ellipsis.
pub fn cut(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_owned();
    }
    let mut out = String::new();
    for word in s.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

static COPYRIGHT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(.+?)\s*(?:\.|,|all rights reserved.*)?$")
        .unwrap_or_else(|e| panic!("{e}"))
});

static OWNER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:shares in|owned by|published by|a publication of|a service of)\s+(?:the\s+)?((?:[A-Z][\w’'&.-]*\s?)+)")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// The outlet: a copyright line first, then an ownership blurb, then the wire credit or
/// service name that the text gives most strongly.
fn outlet(text: &str, lines: &[Line], assets: &Assets) -> Option<String> {
    let boiler: Vec<&str> = lines
        .iter()
        .filter(|l| l.class == LineClass::Boilerplate)
        .filter_map(|l| text.get(l.span.clone()))
        .collect();
    for line in &boiler {
        if is_copyright(line, &assets.boilerplate)
            && let Some(name) = COPYRIGHT_NAME.captures(line).and_then(|c| c.get(1))
        {
            let name = name.as_str().trim().trim_end_matches('.');
            if name.chars().any(char::is_alphabetic) {
                return Some(name.to_owned());
            }
        }
    }
    for line in &boiler {
        if let Some(name) = OWNER_NAME.captures(line).and_then(|c| c.get(1)) {
            let name = name.as_str().trim().trim_end_matches('.');
            if word_count(name, 2) >= 2 {
                return Some(name.to_owned());
            }
        }
    }
    credited_outlet(text, assets)
}

/// One regex for every credit form of every known outlet ("(Reuters)", "an AFP journalist",
/// "RFE/RL Armenian Service", "of Al Jazeera, reporting from", "told AFP"), compiled once; the
/// alias it matched names the outlet.
struct Credits {
    regex: Regex,
    /// Alias → outlet name.
    names: std::collections::BTreeMap<String, String>,
}

static CREDITS: LazyLock<Credits> = LazyLock::new(|| {
    let outlets = &crate::assets::assets().outlets;
    let mut names = std::collections::BTreeMap::new();
    for entry in outlets {
        for alias in &entry.aliases {
            names
                .entry(alias.clone())
                .or_insert_with(|| entry.name.clone());
        }
    }
    let mut aliases: Vec<&String> = names.keys().collect();
    aliases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let a = aliases
        .iter()
        .map(|x| regex::escape(x))
        .collect::<Vec<_>>()
        .join("|");
    let pattern = format!(
        r"\((?P<p>{a})\)|(?-u:\b)(?P<c>{a})\s+(?:journalist|correspondent|reporter|photographer|staff|news agency|[A-Z]\w+\s+Service)(?-u:\b)|(?-u:\b)of\s+(?P<r>{a}),?\s+reporting(?-u:\b)|(?-u:\b)(?:told|to)\s+(?P<t>{a})(?-u:\b)|(?-u:\b)(?P<s>{a})\s+(?:reported|reports)(?-u:\b)"
    );
    let regex = Regex::new(&pattern).unwrap_or_else(|e| panic!("bundled outlet gazetteer: {e}"));
    Credits { regex, names }
});

/// The outlet the text credits most often; a plain mention, which may only cite another
/// outlet, does not count.
fn credited_outlet(text: &str, _assets: &Assets) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for caps in CREDITS.regex.captures_iter(text) {
        let alias = ["p", "c", "r", "t", "s"].iter().find_map(|g| caps.name(g));
        if let Some(name) = alias.and_then(|a| CREDITS.names.get(a.as_str())) {
            *counts.entry(name.as_str()).or_insert(0) += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(name, _)| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::assets;

    fn parse_article_plain(id: &str, text: &str, assets: &Assets) -> Source {
        parse_article(id, text, &Metadata::default(), assets)
    }

    fn classes(text: &str) -> Vec<LineClass> {
        classify_lines(text, &Metadata::default(), &assets().boilerplate)
            .into_iter()
            .filter(|l| l.class != LineClass::Blank)
            .map(|l| l.class)
            .collect()
    }

    #[test]
    fn navigation_headline_body_and_donation_footer() {
        let text = "Skip to main content\n\nTruce collapses in the north\n\nFighting resumed on Monday. Both sides traded fire.\n\nTalks will continue.\n\nSUPPORT OUR WORK\n\nWe rely on readers who donate to keep going.\nFundraiser\n£ 1,200 raised\nDonate today";
        assert_eq!(
            classes(text),
            vec![
                LineClass::Boilerplate,
                LineClass::Headline,
                LineClass::Body,
                LineClass::Body,
                LineClass::Boilerplate,
                LineClass::Boilerplate,
                LineClass::Boilerplate,
                LineClass::Boilerplate,
                LineClass::Boilerplate,
            ]
        );
        let source = parse_article_plain("a.txt", text, assets());
        assert_eq!(source.title, "Truce collapses in the north");
        assert!(source.sentences.iter().all(|s| !s.text.contains("onate")));
        assert_eq!(source.sentences.len(), 4);
    }

    #[test]
    fn copyright_line_names_the_outlet_and_is_dropped() {
        let text = "Rebels and the army agreed to a truce on Friday.\nIt held overnight.\n© 2021 Example News Corporation";
        let source = parse_article_plain("b.txt", text, assets());
        assert_eq!(source.outlet.as_deref(), Some("Example News Corporation"));
        assert!(source.sentences.iter().all(|s| !s.text.contains('©')));
        assert!(source.title.starts_with("Rebels and the army agreed"));
    }

    #[test]
    fn wire_credit_names_the_outlet() {
        let text = "KHARTOUM, May 3 (Reuters) - The army said it would observe the truce.";
        assert_eq!(
            parse_article_plain("c.txt", text, assets())
                .outlet
                .as_deref(),
            Some("Reuters")
        );
        let text = "Shelling resumed, a Xinhua correspondent saw.\nNothing more.";
        assert_eq!(
            parse_article_plain("d.txt", text, assets())
                .outlet
                .as_deref(),
            Some("Xinhua")
        );
        let text = "The army told reporters the truce held.";
        assert_eq!(parse_article_plain("e.txt", text, assets()).outlet, None);
    }

    #[test]
    fn ownership_blurb_names_the_outlet() {
        let text = "The truce held.\nSUPPORT US\nBuy shares in the Northern Readers Cooperative Society today.\nDonate";
        assert_eq!(
            parse_article_plain("f.txt", text, assets())
                .outlet
                .as_deref(),
            Some("Northern Readers Cooperative Society")
        );
    }

    #[test]
    fn captions_are_marked_not_dropped() {
        let text = "Peace deal signed\n\nGoma -- A screenshot of a video of the ceremony, May 2, 2022.\n\nThe deal was signed on Monday.";
        let source = parse_article_plain("g.txt", text, assets());
        let roles: Vec<SentenceRole> = source.sentences.iter().map(|s| s.role).collect();
        assert_eq!(
            roles,
            vec![
                SentenceRole::Headline,
                SentenceRole::Caption,
                SentenceRole::Body
            ]
        );
    }

    #[test]
    fn sentence_spans_slice_the_text() {
        let text = "Head line here\n\nOne. Two “three.” Four!";
        let source = parse_article_plain("h.txt", text, assets());
        for s in &source.sentences {
            assert_eq!(&text[s.span.clone()], s.text);
        }
        assert_eq!(source.sentences.len(), 4);
    }

    #[test]
    fn hard_wrapped_paragraphs_and_broken_numbers_join() {
        let text = "Fighting resumed near the border on Monday after\nthe truce collapsed, officials said. Some 1.\n2 million people\nfled. Talks\nwill resume.\n\nA new paragraph.";
        let source = parse_article_plain("w.txt", text, assets());
        let got: Vec<String> = source
            .sentences
            .iter()
            .map(|s| s.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(
            got,
            vec![
                "Fighting resumed near the border on Monday after the truce collapsed, officials said.",
                "Some 1. 2 million people fled.",
                "Talks will resume.",
                "A new paragraph.",
            ]
        );
        assert_eq!(source.sentences[3].paragraph, 1);
    }

    #[test]
    fn one_sentence_per_line_files_keep_lines_apart() {
        let text = "The truce held on Monday.\nShelling resumed on Tuesday.\nTalks were called.";
        let source = parse_article_plain("l.txt", text, assets());
        assert_eq!(source.sentences.len(), 3);
        let paragraphs: Vec<u32> = source.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paragraphs, vec![0, 1, 2]);
    }

    #[test]
    fn markdown_heading_image_and_repeated_headline() {
        let text = "# Guns fall silent\n\n![Soldiers at rest](a.jpg)\n\nGuns fall silent\n\nThe guns fell silent at noon.";
        let source = parse_article_plain("m.md", text, assets());
        assert_eq!(source.title, "Guns fall silent");
        let roles: Vec<SentenceRole> = source.sentences.iter().map(|s| s.role).collect();
        assert_eq!(
            roles,
            vec![
                SentenceRole::Headline,
                SentenceRole::Caption,
                SentenceRole::Body
            ]
        );
        assert_eq!(source.sentences[0].text, "Guns fall silent");
    }

    #[test]
    fn metadata_lines_are_not_text_and_give_title_and_outlet() {
        let text = "Title: Truce holds\nSource: Example Wire\nDate: 2021-05-20\n\nThe truce held on Thursday, officials said.";
        let meta = super::super::metadata::read_header(text);
        let source = parse_article("h.txt", text, &meta, assets());
        assert_eq!(source.title, "Truce holds");
        assert_eq!(source.outlet.as_deref(), Some("Example Wire"));
        assert_eq!(source.sentences.len(), 1);
        assert!(source.sentences[0].text.starts_with("The truce held"));
    }

    #[test]
    fn cut_respects_words() {
        assert_eq!(cut("alpha beta gamma", 11), "alpha beta…");
        assert_eq!(cut("short", 10), "short");
    }

    proptest::proptest! {
        /// The comparison without a copy agrees with comparing the copies, over lines of
        /// capitals, curly quotes, trailing punctuation, a Greek final sigma and letters whose
        /// lower case is longer (İ) or shorter (the Kelvin sign) than themselves.
        #[test]
        fn a_line_normalises_to_the_headline_exactly_when_the_copies_are_equal(
            line in "[ aAbBİK\u{212A}ΣσςΟΔ’‘'.:!#]{0,12}",
            other in "[ aAbBİK\u{212A}ΣσςΟΔ’‘'.:!#]{0,12}",
        ) {
            let headline = normalise(&other);
            proptest::prop_assert_eq!(
                normalises_to(&line, &headline),
                normalise(&line) == headline
            );
            proptest::prop_assert!(normalises_to(&line, &normalise(&line)));
        }
    }
}
