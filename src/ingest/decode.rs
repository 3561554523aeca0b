//! Bytes to text: the one place that decides whether a file is text at all.
//!
//! Handles UTF-8 (with or without BOM) and UTF-16 with a BOM. Anything else that is not valid
//! UTF-8 is refused for now (legacy single-byte detection is a later step); a file with NUL
//! bytes and no UTF-16 BOM is binary. Spans everywhere else are byte offsets into the decoded
//! text this returns, which for BOM-less UTF-8 equals the file's bytes.

/// Why a file's bytes are not article text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// NUL bytes or other control bytes: an image, an archive, an executable
    #[error("binary file (contains NUL or control bytes)")]
    Binary,
    /// Not valid UTF-8 and no BOM saying otherwise
    #[error("not valid UTF-8 text (byte {0} is not part of a UTF-8 character)")]
    NotUtf8(usize),
    /// Nothing but white space
    #[error("empty file")]
    Empty,
}

/// Decodes a file's bytes to text.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        if looks_binary(bytes) {
            return Err(DecodeError::Binary);
        }
        utf8(bytes)?
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(text)
}

fn utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => Err(DecodeError::NotUtf8(e.valid_up_to())),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    String::from_utf16(&units).map_err(|_| DecodeError::Binary)
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

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"Truce holds.").unwrap(), "Truce holds.");
        assert_eq!(decode(b"\xEF\xBB\xBFTruce.").unwrap(), "Truce.");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(
            "Ceasefire’s day"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert_eq!(decode(&le).unwrap(), "Ceasefire’s day");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Hi".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap(), "Hi");
    }

    #[test]
    fn refuses_binary_empty_and_invalid() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0"), Err(DecodeError::Binary));
        assert_eq!(decode(b"  \n "), Err(DecodeError::Empty));
        assert_eq!(decode(b"caf\xe9 noir"), Err(DecodeError::NotUtf8(3)));
    }
}
