//! `contentEncoding` and `contentMediaType`: decoding a string's content before it is checked.

use serde_json::Value;

/// `contentEncoding` + `contentMediaType: application/json`: decodes and parses the string.
pub fn decode_content(text: &str, base64: bool, json: bool) -> Result<Option<Value>, String> {
    let decoded;
    let text = if base64 {
        decoded = decode_base64(text).ok_or("is not valid base64")?;
        std::str::from_utf8(&decoded).map_err(|_| "decodes to bytes that are not UTF-8")?
    } else {
        text
    };
    if !json {
        return Ok(None);
    }
    serde_json::from_str(text)
        .map(Some)
        .map_err(|e| format!("is not valid JSON: {e}"))
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
            out.push((buffer >> bits) as u8);
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
    fn broken_content_says_what_is_wrong() {
        assert_eq!(
            decode_content("eyJhIjoxfQ=", true, true),
            Err("is not valid base64".to_string())
        );
        assert_eq!(
            decode_content("/w==", true, false),
            Err("decodes to bytes that are not UTF-8".to_string())
        );
        let not_json = decode_content("{", false, true).unwrap_err();
        assert!(not_json.starts_with("is not valid JSON: "), "{not_json}");
    }
}
