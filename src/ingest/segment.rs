//! Sentence splitting with byte spans.
//!
//! Abbreviation-aware ("Mr.", "Gen.", "Sept.", "U.S.", initials) and quote-aware (a sentence
//! may end inside closing quotes or brackets). A sentence never crosses a line break: the
//! caller splits the article into lines (paragraphs) first. Spans are byte offsets into the
//! text passed in, trimmed of surrounding white space.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm", "st",
    "prof", "sen", "rep", "gov", "pres", "rev", "hon", "amb", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur",
    "thurs", "fri", "sat", "sun", "no", "nos", "vs", "inc", "ltd", "co", "corp", "jr", "sr", "u.s",
    "u.n", "u.k", "e.u", "e.g", "i.e", "approx", "est", "fig", "vol", "pp", "ca", "cf",
];

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

/// Splits `text[range]` into sentences; returns their byte ranges in `text`.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(part) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = 0usize;
    // Terminators are few: found by search, with the text around each read in place.
    let mut from = 0usize;
    while let Some(rel) = part
        .get(from..)
        .and_then(|rest| rest.find(['.', '!', '?', '…']))
    {
        let at = from + rel;
        let rest = part.get(at..).unwrap_or("");
        let Some(c) = rest.chars().next() else { break };
        // Swallow repeated terminators and closing quotes/brackets.
        let run = rest.get(c.len_utf8()..).unwrap_or("");
        let end = at
            + c.len_utf8()
            + run
                .find(|ch: char| !(matches!(ch, '.' | '!' | '?') || CLOSERS.contains(&ch)))
                .unwrap_or(run.len());
        let after = part.get(end..).unwrap_or("");
        let next_word_starts = after.trim_start().chars().next();
        let has_space = after.chars().next().is_some_and(char::is_whitespace);
        let boundary = match next_word_starts {
            None => true,
            Some(next) => {
                has_space
                    && (next.is_uppercase() || next.is_ascii_digit() || "\"“‘'(«[".contains(next))
                    && !(c == '.' && is_abbreviation(&part[..at], after))
                    && !(c == '.' && is_broken_number(&part[..at], after, next))
                    && (c != '…' || next.is_uppercase())
            }
        };
        if boundary {
            push_trimmed(part, start..end, range.start, &mut out);
            start = end;
        }
        from = end;
    }
    push_trimmed(part, start..part.len(), range.start, &mut out);
    out
}

/// Longer than this, a "sentence" is text without punctuation (a table, a list, a scrape
/// gone wrong): it is cut into pieces at spaces, so that no later step (mention detection,
/// facts, display) works on a megabyte at once.
pub const MAX_SENTENCE_BYTES: usize = 4_000;

fn push_trimmed(part: &str, r: Range<usize>, offset: usize, out: &mut Vec<Range<usize>>) {
    let Some(s) = part.get(r.clone()) else { return };
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    let mut from = offset + r.start + lead;
    let mut rest = trimmed;
    while rest.len() > MAX_SENTENCE_BYTES {
        let mut cut = MAX_SENTENCE_BYTES;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        // At the last space before the limit, if there is one not too far back.
        let at = rest[..cut]
            .rfind(char::is_whitespace)
            .filter(|&i| i > MAX_SENTENCE_BYTES / 2)
            .unwrap_or(cut);
        let piece = &rest[..at];
        if piece.chars().any(char::is_alphanumeric) {
            let t = piece.trim_end();
            out.push(from..from + t.len());
        }
        let skip = rest[at..].len() - rest[at..].trim_start().len();
        from += at + skip;
        rest = &rest[at + skip..];
    }
    if rest.chars().any(char::is_alphanumeric) {
        out.push(from..from + rest.len());
    }
}

/// "1.\n2 million": a number that a hard line wrap broke after its decimal point.
fn is_broken_number(before: &str, after: &str, next: char) -> bool {
    before.ends_with(|c: char| c.is_ascii_digit())
        && next.is_ascii_digit()
        && after
            .split(|c: char| !c.is_whitespace())
            .next()
            .is_some_and(|ws| ws.contains('\n'))
}

/// Calendar words that continue a sentence after "a.m."/"p.m." ("at 4 a.m. Monday").
const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "gmt",
    "utc",
    "local",
];

/// Whether the word just before a period is an abbreviation (or an initial) rather than the
/// end of a sentence. `a.m.`/`p.m.` end a sentence unless a lower-case word, a weekday, a
/// month or a time zone follows.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = before.get(start..).unwrap_or("");
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return false,
        // A single capital letter: an initial ("J. Smith").
        (Some(c), None) if c.is_uppercase() => return true,
        _ => {}
    }
    // The lists are ASCII: an ASCII word is compared without a lower-case copy (one is made
    // for the rare other word, whose lower case might still be ASCII, as the Kelvin sign's).
    let lower = if word.is_ascii() {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    };
    let is = |name: &str| lower.eq_ignore_ascii_case(name);
    if is("a.m") || is("p.m") {
        // The word that follows: its letters.
        let next = after
            .trim_start()
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        return next.chars().next().is_some_and(char::is_lowercase)
            || CALENDAR_WORDS.contains(&next.to_lowercase().as_str());
    }
    ABBREVIATIONS.iter().any(|a| is(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn a_sentence_without_end_is_cut_at_spaces_into_bounded_pieces() {
        let flood = "shelling near the town ".repeat(2_000);
        let text = format!("It began. {flood}");
        let spans = sentences(&text, 0..text.len());
        assert!(spans.len() > 10);
        for r in &spans {
            assert!(r.len() <= MAX_SENTENCE_BYTES, "{}", r.len());
            let s = &text[r.clone()];
            assert_eq!(s, s.trim());
            // Cut between words, never inside one.
            assert!(!s.ends_with("shell") && !s.starts_with("ing"));
        }
        // Nothing is lost: the pieces cover every word.
        let words: usize = spans
            .iter()
            .map(|r| text[r.clone()].split_whitespace().count())
            .sum();
        assert_eq!(words, text.split_whitespace().count());
        // Without spaces, cut on char boundaries.
        let wall = "é".repeat(10_000);
        for r in sentences(&wall, 0..wall.len()) {
            assert!(wall.get(r.clone()).is_some() && r.len() <= MAX_SENTENCE_BYTES);
        }
    }

    #[test]
    fn splits_on_terminators_and_keeps_abbreviations() {
        assert_eq!(
            split("Mr. Lavrov spoke. Gen. Smith said the U.S. would help. Then it ended."),
            vec![
                "Mr. Lavrov spoke.",
                "Gen. Smith said the U.S. would help.",
                "Then it ended."
            ]
        );
        assert_eq!(
            split("On Sept. 27 fighting erupted."),
            vec!["On Sept. 27 fighting erupted."]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            split("\"This is their last chance.\" He left. “It is calm,” he said."),
            vec![
                "\"This is their last chance.\"",
                "He left.",
                "“It is calm,” he said."
            ]
        );
    }

    #[test]
    fn no_split_inside_numbers_times_or_lowercase_continuations() {
        assert_eq!(
            split("At around 3 p.m. that day 2.5 km were lost. Next."),
            vec!["At around 3 p.m. that day 2.5 km were lost.", "Next."]
        );
        assert_eq!(
            split("we need to stop … reinforce it."),
            vec!["we need to stop … reinforce it."]
        );
    }

    #[test]
    fn the_cases_news_text_throws_at_a_splitter() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Lt. Col. Smith met Dr. Aziz. They spoke.",
                &["Lt. Col. Smith met Dr. Aziz.", "They spoke."],
            ),
            (
                "The U.N. envoy left. Talks ended.",
                &["The U.N. envoy left.", "Talks ended."],
            ),
            (
                "Resolution No. 5 passed on Jan. 3. It held.",
                &["Resolution No. 5 passed on Jan. 3.", "It held."],
            ),
            (
                "He paused . . . then spoke. Done.",
                &["He paused . . . then spoke.", "Done."],
            ),
            (
                "The region -- a former province -- voted. Next.",
                &["The region -- a former province -- voted.", "Next."],
            ),
            (
                "“Stop.” The army said so.",
                &["“Stop.”", "The army said so."],
            ),
            (
                "Fire began at 4 a.m. Monday. It stopped.",
                &["Fire began at 4 a.m. Monday.", "It stopped."],
            ),
            ("No full stop at the end", &["No full stop at the end"]),
        ];
        for (text, want) in cases {
            assert_eq!(&split(text), want, "{text}");
        }
    }

    #[test]
    fn spans_are_offsets_into_the_whole_text() {
        let text = "Title\nFirst one. Second one.";
        let spans = sentences(text, 6..text.len());
        assert_eq!(spans, vec![6..16, 17..28]);
        assert_eq!(&text[spans[1].clone()], "Second one.");
    }

    #[test]
    fn sentence_spans_tile_the_nonblank_text() {
        let text = "  A b. C d!  E f?  ";
        let spans = sentences(text, 0..text.len());
        let joined: String = spans
            .iter()
            .map(|r| &text[r.clone()])
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, "A b. C d! E f?");
    }
}
