//! `contentEncoding` and `contentMediaType`: decoding a string's content before it is checked.

use serde_json::Value;

/// `contentEncoding` + `contentMediaType: application/json`: decodes and parses the string.
pub fn decode_content(text: &str, base64: bool, json: bool) -> Result<Option<Value>, String> {
    let decoded;
    let text = if base64 {
        decoded = decode_base64(text)
            .ok_or("expected base64-encoded content, found a string that is not base64")?;
        std::str::from_utf8(&decoded)
            .map_err(|_| "expected base64 content that decodes to UTF-8 text, found other bytes")?
    } else {
        text
    };
    if !json {
        return Ok(None);
    }
    // The parser's own text would differ from Kotlin's: the catalogue's is used. Embedded JSON
    // is read as strictly as a payload: a signed `signaturePayload` must have one reading.
    // One pass for a document that parses; a refused one is read again to name the pointer.
    if let Ok(value) = super::one_pass::decode_strict_str(text) {
        return Ok(Some(value));
    }
    match super::strict::check_text(text.as_bytes()) {
        Err(super::strict::StrictError::Refused(refusal)) => Err(refusal.embedded()),
        Err(super::strict::StrictError::Json(_)) | Ok(()) => {
            Err("expected a string holding JSON, found one that does not parse as JSON".into())
        }
    }
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    let trimmed = text.trim_end_matches('=');
    if !text.len().is_multiple_of(4) || text.len() - trimmed.len() > 2 {
        return None;
    }
    for byte in trimmed.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            #[allow(
                clippy::cast_possible_truncation,
                reason = "the low byte is the decoded one"
            )]
            let byte = (buffer >> bits) as u8;
            out.push(byte);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_json_is_decoded_and_parsed() {
        // `{"a":1}`
        assert_eq!(
            decode_content("eyJhIjoxfQ==", true, true),
            Ok(Some(serde_json::json!({"a": 1})))
        );
        assert_eq!(decode_content("eyJhIjoxfQ==", true, false), Ok(None));
    }

    #[test]
    fn embedded_json_with_a_repeated_name_is_refused_at_its_pointer() {
        assert_eq!(
            decode_content(r#"{"a": {"b": null, "b": "c"}}"#, false, true),
            Err(
                "embedded JSON at /a/b: expected each property name once, found this one again"
                    .to_string()
            )
        );
    }

    #[test]
    fn broken_content_says_what_is_wrong() {
        assert_eq!(
            decode_content("eyJhIjoxfQ=", true, true),
            Err("expected base64-encoded content, found a string that is not base64".to_string())
        );
        assert_eq!(
            decode_content("/w==", true, false),
            Err(
                "expected base64 content that decodes to UTF-8 text, found other bytes".to_string()
            )
        );
        assert_eq!(
            decode_content("{", false, true),
            Err(
                "expected a string holding JSON, found one that does not parse as JSON".to_string()
            )
        );
    }
}
