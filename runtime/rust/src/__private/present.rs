//! An optional property that is not nullable: absent is `None`, a value is `Some`, and `null`
//! is decoded as the value type decodes it (refused by a `String` or a struct, kept by a
//! `Value`), never read as absent. serde's default for `Option` reads `null` as `None`, which
//! would lose a `null` the schema forbids or a `Value` field's `null`.

use serde::{Deserialize, Deserializer};

/// serde's `deserialize_with` for such a field (`#[serde(default)]` gives the absent `None`).
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    #[test]
    fn a_value_is_some_and_null_is_not_absent() {
        assert_eq!(
            super::deserialize::<String, _>(json!("a")).ok(),
            Some(Some("a".to_string()))
        );
        assert!(super::deserialize::<String, _>(json!(null)).is_err());
        assert_eq!(
            super::deserialize::<Value, _>(json!(null)).ok(),
            Some(Some(Value::Null))
        );
    }
}
