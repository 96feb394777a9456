//! Bytes to text. Chat exports are UTF-8, except that some Windows tools save them as UTF-16
//! with a byte-order mark; anything else is refused with the place of the first bad byte, as
//! guessing a legacy code page would silently change what the evidence says.

use std::borrow::Cow;

use crate::ParseError;

/// Decodes an export's bytes, stripping a BOM.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, ParseError> {
    if bytes.is_empty() {
        return Err(ParseError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes).map(Cow::Owned);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(offset) = body.iter().position(|&b| b == 0) {
        return Err(ParseError::Binary { offset });
    }
    match std::str::from_utf8(body) {
        // UTF-8, as nearly every export is, is read where it lies.
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = 1 + body.get(..offset).map_or(0, bytecount_newlines);
            Err(ParseError::InvalidUtf8 { offset, line })
        }
    }
}

fn bytecount_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

fn decode_utf16(body: &[u8], to_unit: fn([u8; 2]) -> u16) -> Result<String, ParseError> {
    if !body.len().is_multiple_of(2) {
        return Err(ParseError::InvalidUtf16 {
            detail: format!("odd number of bytes ({})", body.len() + 2),
        });
    }
    let units = body.chunks_exact(2).map(|pair| match pair {
        [a, b] => to_unit([*a, *b]),
        _ => 0xFFFD,
    });
    let mut text = String::with_capacity(body.len() / 2);
    for (index, unit) in char::decode_utf16(units).enumerate() {
        match unit {
            Ok('\0') => {
                return Err(ParseError::Binary {
                    offset: 2 + index * 2,
                });
            }
            Ok(c) => text.push(c),
            Err(e) => {
                return Err(ParseError::InvalidUtf16 {
                    detail: format!(
                        "unpaired surrogate {:#06x} at offset {}",
                        e.unpaired_surrogate(),
                        2 + index * 2
                    ),
                });
            }
        }
    }
    if text.is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_text(b"hi").as_deref(), Ok("hi"));
        assert_eq!(decode_text(b"\xEF\xBB\xBFhi").as_deref(), Ok("hi"));
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_text(&le).as_deref(), Ok("hé"));
        assert_eq!(decode_text(&be).as_deref(), Ok("hé"));
        assert!(matches!(
            decode_text(&[0xFF, 0xFE, 0x41]),
            Err(ParseError::InvalidUtf16 { .. })
        ));
    }

    #[test]
    fn refuses_binary_and_latin1_with_place() {
        assert_eq!(decode_text(b""), Err(ParseError::Empty));
        assert_eq!(decode_text(b"ab\0c"), Err(ParseError::Binary { offset: 2 }));
        assert_eq!(
            decode_text(b"line one\nna\xEFve"),
            Err(ParseError::InvalidUtf8 {
                offset: 11,
                line: 2
            })
        );
    }
}
