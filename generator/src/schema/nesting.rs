//! Where a schema file nests too deep to read. serde_json stops at 128 nested arrays and objects
//! (its recursion limit, which keeps the parser, and every walk over the tree after it, within
//! the stack); its error names only a line and column, so this finds the JSON pointer of the
//! first value past the limit.

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Location, Result};

/// The deepest nesting of arrays and objects serde_json reads (the document itself is level 1).
pub const MAX_NESTING: usize = 127;

enum Frame {
    Object { key: String, expecting_key: bool },
    Array { index: usize },
}

/// The pointer of the first array or object nested deeper than [`MAX_NESTING`] levels in
/// `text`, if any. The text is read only as far as that value, without recursion.
pub fn too_deep(text: &str) -> Option<String> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                let mut end = text.len();
                let mut escaped = false;
                for (i, c) in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        end = i + 1;
                        break;
                    }
                }
                if let Some(Frame::Object { key, expecting_key }) = stack.last_mut() {
                    if *expecting_key {
                        *key = serde_json::from_str(&text[at..end]).unwrap_or_default();
                        *expecting_key = false;
                    }
                }
            }
            '{' | '[' => {
                if stack.len() == MAX_NESTING {
                    return Some(pointer(&stack));
                }
                stack.push(if c == '{' {
                    Frame::Object {
                        key: String::new(),
                        expecting_key: true,
                    }
                } else {
                    Frame::Array { index: 0 }
                });
            }
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
    }
    None
}

/// Reads a schema file; one nested too deep is an error at the pointer of the first value past
/// the limit (`display` names the file, as in every other schema error).
pub fn read_schema_file(path: &Path, display: &str) -> Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| match depth_error(&e, &text) {
        Some(pointer) => Error::schema(
            &Location::new(display, pointer),
            format!(
                "expected at most {MAX_NESTING} levels of nested arrays and objects (the most the \
                 generator reads), found more"
            ),
        ),
        None => crate::error::json_error(path, &e),
    })
}

/// The pointer past the limit, when that is what stopped the parser.
fn depth_error(error: &serde_json::Error, text: &str) -> Option<String> {
    let message = error.to_string();
    message
        .starts_with("recursion limit exceeded")
        .then(|| too_deep(text))
        .flatten()
}

fn pointer(stack: &[Frame]) -> String {
    let mut pointer = String::new();
    for frame in stack {
        pointer.push('/');
        match frame {
            Frame::Object { key, .. } => pointer.push_str(&crate::error::escape_pointer_token(key)),
            Frame::Array { index } => pointer.push_str(&index.to_string()),
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        let mut text = String::from("true");
        for _ in 0..levels {
            text = format!("{{\"not\": {text}}}");
        }
        text
    }

    #[test]
    fn a_schema_too_deep_is_an_error_at_its_pointer() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("deep")).unwrap();
        let schema = format!(r#"{{"properties": {{"p": {}}}}}"#, nested(MAX_NESTING));
        std::fs::write(dir.path().join("deep/request.schema.json"), schema).unwrap();
        let Err(err) = crate::load(&crate::Options::new(dir.path())) else {
            panic!(
                "a schema nested {} levels deep was accepted",
                MAX_NESTING + 2
            );
        };
        let pointer = format!("/properties/p{}", "/not".repeat(MAX_NESTING - 2));
        assert_eq!(
            err.to_string(),
            format!(
                "deep/request.schema.json#{pointer}: expected at most 127 levels of nested \
                 arrays and objects (the most the generator reads), found more"
            )
        );
    }

    #[test]
    fn the_limit_is_serde_json_s() {
        for levels in [MAX_NESTING, MAX_NESTING + 1] {
            let text = nested(levels);
            let parsed = serde_json::from_str::<serde_json::Value>(&text);
            assert_eq!(parsed.is_ok(), too_deep(&text).is_none(), "{levels} levels");
        }
    }

    #[test]
    fn the_pointer_leads_to_the_first_value_past_the_limit() {
        let mut inner = String::from("{}");
        for _ in 0..MAX_NESTING - 2 {
            inner = format!("[{inner}]");
        }
        let text =
            format!(r#"{{"title": "a, \"b\": [", "properties": {{"x": 1, "a/b~\"": {inner}}}}}"#);
        let expected = format!("/properties/a~1b~0\"{}", "/0".repeat(MAX_NESTING - 2));
        assert_eq!(too_deep(&text), Some(expected));
        assert_eq!(too_deep(r#"{"a": [1, {"b": "}"}]}"#), None);
    }
}
