//! `i64` fields that read every JSON Schema integer: 2020-12 counts a number with a zero
//! fractional part (`1.0`, `1e2`) as an integer, so such a field must decode it. A fraction
//! (`1.5`) or a value outside `i64` is still refused, with an error saying which. Writing is
//! untouched: an `i64` serializes as `1`. Read through `super::de`'s field decoders, also for the
//! `Option`, `Vec` and map fields that hold integers.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Error, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};

/// A type whose integers are read as JSON Schema reads them.
pub trait Integers: Sized {
    /// Decodes the value, integers included.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// A `T` decoded through [`Integers`], for the containers to decode their items with.
struct Integer<T>(T);

impl<'de, T: Integers> Deserialize<'de> for Integer<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read(deserializer).map(Integer)
    }
}

impl Integers for i64 {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IntegerVisitor)
    }
}

struct IntegerVisitor;

/// 2^63 as an `f64`: the least value above `i64::MAX` (which `f64` cannot hold exactly).
const TWO_TO_63: f64 = 9_223_372_036_854_775_808.0;

impl Visitor<'_> for IntegerVisitor {
    type Value = i64;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an integer that fits in 64 bits (i64)")
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<i64, E> {
        Ok(value)
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<i64, E> {
        i64::try_from(value).map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<i64, E> {
        whole_i64(value).ok_or_else(|| E::invalid_value(Unexpected::Float(value), &self))
    }
}

/// `value` as an `i64` when it is whole and within `i64`, as a JSON Schema integer field reads it.
fn whole_i64(value: f64) -> Option<i64> {
    let whole = value.is_finite() && value.fract() == 0.0;
    if !whole || !(-TWO_TO_63..TWO_TO_63).contains(&value) {
        return None;
    }
    // In range and whole: the conversion is exact.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "whole and within i64, checked above"
    )]
    let exact = value as i64;
    Some(exact)
}

/// `value` with each number that has a zero fractional part and fits in 64 bits as an integer,
/// for a type read from a tree whose integers serde reads only in integer form.
pub(crate) fn whole_numbers_as_integers(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(number) if number.is_f64() => {
            let whole = number.as_f64().and_then(whole_i64);
            whole.map_or(Value::Number(number), Value::from)
        }
        Value::Array(items) => items.into_iter().map(whole_numbers_as_integers).collect(),
        Value::Object(members) => members
            .into_iter()
            .map(|(name, value)| (name, whole_numbers_as_integers(value)))
            .collect(),
        other => other,
    }
}

impl<T: Integers> Integers for Option<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<Integer<T>>::deserialize(deserializer).map(|value| value.map(|v| v.0))
    }
}

impl<T: Integers> Integers for Vec<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Integer<T>>::deserialize(deserializer)
            .map(|items| items.into_iter().map(|item| item.0).collect())
    }
}

impl<T: Integers> Integers for BTreeMap<String, T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::<String, Integer<T>>::deserialize(deserializer).map(|members| {
            members
                .into_iter()
                .map(|(name, value)| (name, value.0))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read<T: Integers>(value: serde_json::Value) -> Result<T, serde_json::Error> {
        T::read(value)
    }

    fn read_text<T: Integers>(text: &str) -> Result<T, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        T::read(&mut deserializer)
    }

    #[test]
    fn whole_numbers_in_any_notation_are_integers() {
        assert_eq!(read::<i64>(json!(1)).unwrap(), 1);
        assert_eq!(read::<i64>(json!(-7)).unwrap(), -7);
        assert_eq!(read_text::<i64>("1.0").unwrap(), 1);
        assert_eq!(read_text::<i64>("1e2").unwrap(), 100);
        assert!(read_text::<i64>("-2.55e1").unwrap_err().is_data());
        assert_eq!(read_text::<i64>("-2.0e1").unwrap(), -20);
        assert_eq!(read_text::<i64>("-0.0").unwrap(), 0);
        assert_eq!(read_text::<i64>("9223372036854775807").unwrap(), i64::MAX);
        assert_eq!(read_text::<i64>("-9223372036854775808").unwrap(), i64::MIN);
        assert_eq!(
            read_text::<i64>("-9.223372036854775808e18").unwrap(),
            i64::MIN
        );
    }

    #[test]
    fn fractions_and_values_beyond_64_bits_are_refused_saying_why() {
        let error = read_text::<i64>("1.5").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid value: floating point `1.5`, expected an integer that fits in 64 bits (i64) at line 1 column 3"
        );
        let error = read_text::<i64>("9223372036854775808").unwrap_err();
        assert!(
            error.to_string().starts_with(
                "invalid value: integer `9223372036854775808`, expected an integer that fits"
            ),
            "{error}"
        );
        assert!(read_text::<i64>("9.3e18").is_err());
        assert!(read_text::<i64>("1e400").is_err());
        assert!(read::<i64>(json!("1")).is_err());
        assert!(read::<i64>(json!(null)).is_err());
    }

    #[test]
    fn containers_of_integers_read_them_the_same_way() {
        assert_eq!(read_text::<Option<i64>>("2.0").unwrap(), Some(2));
        assert_eq!(read_text::<Option<i64>>("null").unwrap(), None);
        assert_eq!(
            read_text::<Vec<Option<i64>>>("[1.0, null, 3]").unwrap(),
            [Some(1), None, Some(3)]
        );
        let map = read_text::<BTreeMap<String, Vec<i64>>>(r#"{"a": [1e1]}"#).unwrap();
        assert_eq!(map["a"], [10]);
        assert!(read_text::<Vec<i64>>("[1, 2.5]").is_err());
        let nullable = |text: &str| {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            super::super::de::NullableInteger::<i64>::deserialize(&mut deserializer).map(|n| n.0)
        };
        assert_eq!(nullable("null").unwrap(), Some(None));
        assert_eq!(nullable("4.0").unwrap(), Some(Some(4)));
    }
}
