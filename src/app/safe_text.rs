//! Article text is untrusted: what reaches the screen goes through here first.
//!
//! Bidirectional controls (U+202A–U+202E, U+2066–U+2069, marks) can make a sentence read
//! differently from its bytes ("Armenia shelled" shown as its mirror); other control
//! characters can hide text or break layout. They are shown as visible `[U+202E]` tags, never
//! applied. Extremely long texts are cut for display with a note of what was left out; the
//! model and exports keep every byte. Nothing here (or anywhere in the GUI) turns article text
//! into a link: labels are plain text, so no article can make the app open a URL or a file.

use std::borrow::Cow;

/// Whether `c` changes how the characters around it are ordered or shown, rather than being
/// shown itself.
fn is_hidden_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{FEFF}'
    ) || (c.is_control() && c != '\n' && c != '\t')
}

/// `text` with hidden controls made visible; borrowed when there are none (the usual case).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden_control(c) {
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`visible`], cut to at most `max_chars` characters with "… (N more characters)".
pub fn shown(text: &str, max_chars: usize) -> Cow<'_, str> {
    let text = visible(text);
    let count = text.chars().count();
    if count <= max_chars {
        return text;
    }
    let cut: String = text.chars().take(max_chars).collect();
    Cow::Owned(format!("{cut}… ({} more characters)", count - max_chars))
}

/// A title, label or name as shown: controls visible, cut at [`MAX_LABEL_CHARS`].
pub fn label(text: &str) -> String {
    shown(text, MAX_LABEL_CHARS).into_owned()
}

/// How much of one sentence the details panel shows: a real sentence is far shorter; a
/// "sentence" of a megabyte is a file without punctuation.
pub const MAX_SENTENCE_CHARS: usize = 2_000;
/// How much of a title or label is shown.
pub const MAX_LABEL_CHARS: usize = 300;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_and_control_characters_become_visible_tags() {
        let text = "Armenia \u{202E}dellehs\u{202C} Ganja\u{0007}.";
        let v = visible(text);
        assert_eq!(v, "Armenia [U+202E]dellehs[U+202C] Ganja[U+0007].");
        assert!(!v.chars().any(is_hidden_control));
        assert!(matches!(
            visible("plain text\nand a tab\t"),
            Cow::Borrowed(_)
        ));
        assert_eq!(visible("\u{2067}x\u{2069}"), "[U+2067]x[U+2069]");
    }

    #[test]
    fn long_text_is_cut_with_a_count() {
        let long = "é".repeat(5000);
        let s = shown(&long, 100);
        assert!(s.starts_with(&"é".repeat(100)));
        assert!(
            s.ends_with("… (4900 more characters)"),
            "{}",
            &s[s.len() - 40..]
        );
        assert_eq!(shown("short", 100), "short");
    }
}
