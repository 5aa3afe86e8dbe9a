//! Value types that generated structs hold for wire quirks: a boolean sent as a string, and a
//! string that carries JSON.

/// A boolean that travels as the string `"true"` or `"false"` (`*flag`, `flag.get()`,
/// `bool::from(flag)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct StringBool(pub bool);

impl StringBool {
    /// The boolean.
    #[must_use]
    pub fn get(self) -> bool {
        self.0
    }

    /// The value as it travels on the wire: `"true"` or `"false"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        if self.0 {
            "true"
        } else {
            "false"
        }
    }
}

impl std::ops::Deref for StringBool {
    type Target = bool;
    fn deref(&self) -> &bool {
        &self.0
    }
}

impl From<bool> for StringBool {
    fn from(value: bool) -> Self {
        StringBool(value)
    }
}

impl From<StringBool> for bool {
    fn from(value: StringBool) -> bool {
        value.0
    }
}

impl PartialEq<bool> for StringBool {
    fn eq(&self, other: &bool) -> bool {
        self.0 == *other
    }
}

impl serde::Serialize for StringBool {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(if self.0 { "true" } else { "false" })
    }
}

impl<'de> serde::Deserialize<'de> for StringBool {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read in place: serde's `Cow<str>` would copy every string it is given.
        struct Flag;
        impl serde::de::Visitor<'_> for Flag {
            type Value = StringBool;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the string \"true\" or \"false\"")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<StringBool, E> {
                match text {
                    "true" => Ok(StringBool(true)),
                    "false" => Ok(StringBool(false)),
                    other => Err(E::invalid_value(serde::de::Unexpected::Str(other), &self)),
                }
            }
        }
        deserializer.deserialize_str(Flag)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for StringBool {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StringBool".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "enum": ["true", "false"]})
    }
}

/// A string that holds JSON. The exact original string is kept (a signature covers those
/// bytes: re-serializing would break it); the parsed value is there to read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmbeddedJson<T> {
    raw: String,
    value: T,
}

impl<T> EmbeddedJson<T> {
    /// The exact string as it was received or built.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The parsed inner value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The exact string and the parsed value.
    pub fn into_parts(self) -> (String, T) {
        (self.raw, self.value)
    }
}

impl<T: serde::de::DeserializeOwned> EmbeddedJson<T> {
    /// Parses a string, keeping it byte for byte. As strict as a payload: a property name
    /// given twice, or nesting deeper than the runtime's limit, is an error.
    ///
    /// # Errors
    ///
    /// Text that is not JSON, is refused as above, or does not decode into `T`.
    pub fn from_raw(raw: impl Into<String>) -> Result<Self, serde_json::Error> {
        let raw = raw.into();
        // One pass on the way of a valid string; a refused one is read again for its reason.
        let error = match crate::__private::decode_strict_str(&raw) {
            Ok(value) => return Ok(EmbeddedJson { raw, value }),
            Err(error) => error,
        };
        match crate::__private::check_text(raw.as_bytes()) {
            // JSON Schema's integers include `1.0` and `1e2`, which serde's `i64` refuses when
            // it is `T` itself or its items (struct fields read them through the runtime).
            Ok(()) => serde_json::from_str::<serde_json::Value>(&raw)
                .ok()
                .map(crate::__private::integer::whole_numbers_as_integers)
                .and_then(|value| T::deserialize(value).ok())
                .map(|value| EmbeddedJson { raw, value })
                .ok_or(error),
            Err(crate::__private::StrictError::Json(e)) => Err(e),
            Err(crate::__private::StrictError::Refused(refusal)) => {
                Err(serde::de::Error::custom(refusal.embedded()))
            }
        }
    }
}

impl<T: serde::Serialize> EmbeddedJson<T> {
    /// Serializes a value into its compact JSON string (the string that will be sent).
    ///
    /// # Errors
    ///
    /// A value whose `Serialize` fails (a map key that is not a string).
    pub fn from_value(value: T) -> Result<Self, serde_json::Error> {
        let raw = serde_json::to_string(&value)?;
        Ok(EmbeddedJson { raw, value })
    }
}

impl<T> std::ops::Deref for EmbeddedJson<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> serde::Serialize for EmbeddedJson<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

impl<'de, T: serde::de::DeserializeOwned> serde::Deserialize<'de> for EmbeddedJson<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        EmbeddedJson::from_raw(raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schemars")]
impl<T> schemars::JsonSchema for EmbeddedJson<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "EmbeddedJson".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "contentMediaType": "application/json"})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_bools_travel_as_strings() {
        let flag: StringBool = serde_json::from_str("\"false\"").unwrap();
        assert_eq!(flag, false);
        assert_eq!(
            serde_json::to_string(&StringBool(true)).unwrap(),
            "\"true\""
        );
        let wrong = serde_json::from_str::<StringBool>("\"yes\"").unwrap_err();
        assert!(
            wrong.to_string().contains("\"true\" or \"false\""),
            "{wrong}"
        );
        assert!(serde_json::from_str::<StringBool>("true").is_err());
    }

    #[test]
    fn embedded_json_writes_back_the_exact_string() {
        let raw = r#"{"b": 2,  "a": 1.50}"#;
        let embedded: EmbeddedJson<serde_json::Value> =
            serde_json::from_value(serde_json::Value::String(raw.into())).unwrap();
        assert_eq!(embedded["a"], 1.5);
        assert_eq!(
            serde_json::to_value(&embedded).unwrap(),
            serde_json::Value::String(raw.into())
        );
        let built = EmbeddedJson::from_value(vec![1, 2]).unwrap();
        assert_eq!(built.into_parts(), ("[1,2]".to_string(), vec![1, 2]));
        assert!(EmbeddedJson::<u8>::from_raw("300").is_err());
    }

    #[test]
    fn embedded_integers_read_whole_numbers_in_any_notation() {
        assert_eq!(*EmbeddedJson::<i64>::from_raw("1.0").unwrap().value(), 1);
        assert_eq!(EmbeddedJson::<i64>::from_raw("1.0").unwrap().raw(), "1.0");
        assert_eq!(
            EmbeddedJson::<Vec<i64>>::from_raw("[1e2, -0.0, 3]")
                .unwrap()
                .into_parts()
                .1,
            [100, 0, 3]
        );
        let fraction = EmbeddedJson::<i64>::from_raw("1.5").unwrap_err();
        assert!(fraction.to_string().contains("1.5"), "{fraction}");
        assert!(EmbeddedJson::<i64>::from_raw("1e19").is_err());
        assert!(EmbeddedJson::<i64>::from_raw(r#"{"a": 1, "a": 2}"#).is_err());
    }
}
