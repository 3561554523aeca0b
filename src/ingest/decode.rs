//! Bytes to text: the one place that decides whether a file is text at all, and in which
//! encoding.
//!
//! UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded as such. Other bytes that
//! are not valid UTF-8 are legacy single-byte or CJK text: `chardetng` guesses the encoding
//! and `encoding_rs` decodes it, and the guess is reported as a warning so that a user can
//! check it. Files with NUL bytes (and no UTF-16 BOM) or many control bytes are binary.
//! Spans everywhere else are byte offsets into the decoded text returned here; for BOM-less
//! UTF-8 they equal the file's own byte offsets.

/// Why a file's bytes are not article text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// NUL bytes or other control bytes: an image, an archive, an executable
    #[error("binary file (contains NUL or control bytes)")]
    Binary,
    /// Nothing but white space
    #[error("empty file")]
    Empty,
}

/// A file's text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Set when the encoding was guessed rather than declared by the bytes themselves.
    pub guessed: bool,
}

/// Decodes a file's bytes to text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (encoding, bom_len) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, len)) => (Some(enc), len),
        None => (None, 0),
    };
    let decoded = match encoding {
        Some(enc) => {
            let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            Decoded {
                text: text.into_owned(),
                encoding: enc.name(),
                guessed: false,
            }
        }
        None => {
            if looks_binary(bytes) {
                return Err(DecodeError::Binary);
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => Decoded {
                    text: text.to_owned(),
                    encoding: "UTF-8",
                    guessed: false,
                },
                Err(_) => {
                    let mut detector = chardetng::EncodingDetector::new();
                    detector.feed(bytes, true);
                    let enc = detector.guess(None, true);
                    let (text, _, _) = enc.decode(bytes);
                    Decoded {
                        text: text.into_owned(),
                        encoding: enc.name(),
                        guessed: true,
                    }
                }
            }
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    if looks_binary(decoded.text.as_bytes()) {
        return Err(DecodeError::Binary);
    }
    Ok(decoded)
}

/// NUL bytes, or many C0 control bytes other than tab/newline/CR/form feed, in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 100 > head.len().max(1) * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode(bytes).unwrap().text
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text(b"Truce holds."), "Truce holds.");
        assert_eq!(text(b"\xEF\xBB\xBFTruce."), "Truce.");
        assert!(!decode(b"Truce.").unwrap().guessed);
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(
            "Ceasefire’s day"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        let d = decode(&le).unwrap();
        assert_eq!(d.text, "Ceasefire’s day");
        assert_eq!(d.encoding, "UTF-16LE");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Hi there".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(text(&be), "Hi there");
    }

    #[test]
    fn legacy_single_byte_text_is_detected_and_reported() {
        // "Café “truce” – ok" in Windows-1252: curly quotes and en dash are 0x93 0x94 0x96.
        let bytes = b"The caf\xe9 owners said the \x93truce\x94 \x96 agreed on Monday \x96 held.";
        let d = decode(bytes).unwrap();
        assert_eq!(
            d.text,
            "The café owners said the “truce” – agreed on Monday – held."
        );
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.guessed);
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0"), Err(DecodeError::Binary));
        assert_eq!(decode(b"  \n "), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"\x01\x02\x03\x04\x05abc\x06\x07"),
            Err(DecodeError::Binary)
        );
    }
}
