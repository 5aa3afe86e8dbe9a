//! RFC 6901 JSON pointers over `serde_json::Value`.

use serde_json::Value;

/// Splits a pointer into unescaped reference tokens. `""` is the root.
pub fn pointer_tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// Follows a pointer into a value; `None` when any token does not exist.
pub fn pointer_get<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut current = value;
    for token in pointer_tokens(pointer)? {
        current = match current {
            Value::Object(map) => map.get(&token)?,
            Value::Array(items) => {
                // RFC 6901: array indexes are decimal without leading zeros.
                if token.len() > 1 && token.starts_with('0') {
                    return None;
                }
                items.get(token.parse::<usize>().ok()?)?
            }
            _ => return None,
        };
    }
    Some(current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn follows_escaped_tokens_and_indexes() {
        let doc = json!({"a/b": {"c~d": [1, 2, 3]}});
        assert_eq!(pointer_get(&doc, "/a~1b/c~0d/2"), Some(&json!(3)));
        assert_eq!(pointer_get(&doc, ""), Some(&doc));
        assert_eq!(pointer_get(&doc, "/a~1b/c~0d/02"), None);
        assert_eq!(pointer_get(&doc, "/missing"), None);
        assert_eq!(pointer_get(&doc, "no-slash"), None);
    }
}
