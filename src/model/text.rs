//! Article text shared by a source and its sentences.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A piece of an article's decoded text: the whole (a source's `text`) or a slice of it (a
/// sentence's). Slices share the article's one buffer: at a year of coverage a copy per
/// sentence would be as large again as the input. Reads as a `&str` (`Deref`), compares and
/// prints as its text.
#[derive(Clone, Default)]
pub struct ArticleText {
    all: Arc<str>,
    range: Range<usize>,
}

impl ArticleText {
    /// The same text's bytes `range`, sharing the buffer; `None` unless the range lies inside
    /// on character boundaries.
    pub fn slice(&self, range: Range<usize>) -> Option<ArticleText> {
        self.as_str().get(range.clone())?;
        Some(ArticleText {
            all: Arc::clone(&self.all),
            range: self.range.start + range.start..self.range.start + range.end,
        })
    }

    pub fn as_str(&self) -> &str {
        self.all.get(self.range.clone()).unwrap_or("")
    }
}

impl Deref for ArticleText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for ArticleText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for ArticleText {
    fn from(text: String) -> ArticleText {
        let range = 0..text.len();
        ArticleText {
            all: Arc::from(text),
            range,
        }
    }
}

impl From<&str> for ArticleText {
    fn from(text: &str) -> ArticleText {
        ArticleText {
            all: Arc::from(text),
            range: 0..text.len(),
        }
    }
}

impl fmt::Debug for ArticleText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ArticleText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for ArticleText {
    fn eq(&self, other: &ArticleText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ArticleText {}

impl PartialEq<str> for ArticleText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ArticleText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for ArticleText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<ArticleText> for str {
    fn eq(&self, other: &ArticleText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<ArticleText> for String {
    fn eq(&self, other: &ArticleText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<ArticleText> for &str {
    fn eq(&self, other: &ArticleText) -> bool {
        *self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_share_the_buffer_and_read_their_own_bytes() {
        let whole = ArticleText::from("Guns fell silent. The truce held.".to_owned());
        let second = whole.slice(18..33).unwrap_or_default();
        assert_eq!(second, "The truce held.");
        assert_eq!(second.slice(4..9).unwrap_or_default(), "truce");
        assert!(Arc::ptr_eq(&whole.all, &second.all));
        assert_eq!(format!("{second:?}"), "\"The truce held.\"");
    }

    #[test]
    fn a_slice_off_the_text_or_inside_a_character_is_none() {
        let whole = ArticleText::from("Truce – noon");
        assert!(whole.slice(0..40).is_none());
        assert!(whole.slice(7..8).is_none());
        assert!(whole.slice(std::ops::Range { start: 3, end: 2 }).is_none());
        assert_eq!(whole.slice(0..5).unwrap_or_default(), "Truce");
    }
}
