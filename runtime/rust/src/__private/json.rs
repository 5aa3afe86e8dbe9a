//! JSON as JSON Schema reads it: property lookup, type names, equality and number limits.

use std::fmt;

use serde_json::{Number, Value};

/// Objects up to this size are searched by comparing keys, which beats hashing each name.
const SCAN_LIMIT: usize = 16;

/// A property of an object, found without hashing when the object is small (payloads are).
#[inline]
#[must_use]
pub fn property<'a>(object: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a Value> {
    if object.len() <= SCAN_LIMIT {
        object
            .iter()
            .find(|(key, _)| key.as_str() == name)
            .map(|(_, value)| value)
    } else {
        object.get(name)
    }
}

/// Whether an object has a property (see [`property`]).
#[inline]
#[must_use]
pub fn has_property(object: &serde_json::Map<String, Value>, name: &str) -> bool {
    property(object, name).is_some()
}

/// The JSON type name of a value, for messages.
#[must_use]
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if is_integral(n) => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// 2020-12: an integer is any number with a zero fractional part, `1.0` included.
#[must_use]
pub fn is_integer(value: &Value) -> bool {
    matches!(value, Value::Number(n) if is_integral(n))
}

/// Whether a number is an integer as JSON Schema reads it (see [`is_integer`]).
#[must_use]
pub fn is_integral(n: &Number) -> bool {
    n.is_i64()
        || n.is_u64()
        || n.as_f64()
            .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

/// JSON equality as JSON Schema defines it: numbers compare by value (`1 == 1.0`).
#[must_use]
pub fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            compare_numbers(x, y) == Some(std::cmp::Ordering::Equal)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Whether two items of an array are equal (`uniqueItems`).
#[must_use]
pub fn has_duplicates(items: &[Value]) -> bool {
    items
        .iter()
        .enumerate()
        .any(|(i, a)| items[i + 1..].iter().any(|b| json_equal(a, b)))
}

/// Compares two numbers exactly when both are integers, else as `f64`.
#[must_use]
pub fn compare_numbers(a: &Number, b: &Number) -> Option<std::cmp::Ordering> {
    match (as_i128(a), as_i128(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

fn as_i128(n: &Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

/// A schema's number bound, constant in generated code.
#[derive(Debug, Clone, Copy)]
pub enum Limit {
    Int(i128),
    Float(f64),
}

impl Limit {
    fn compare(self, n: &Number) -> Option<std::cmp::Ordering> {
        match (self, as_i128(n)) {
            (Limit::Int(limit), Some(x)) => Some(x.cmp(&limit)),
            #[allow(
                clippy::cast_precision_loss,
                reason = "compared as floats: the number is one"
            )]
            (Limit::Int(limit), None) => n.as_f64()?.partial_cmp(&(limit as f64)),
            (Limit::Float(limit), _) => n.as_f64()?.partial_cmp(&limit),
        }
    }

    #[must_use]
    pub fn at_most(self, n: &Number) -> bool {
        self.compare(n).is_some_and(std::cmp::Ordering::is_le)
    }

    #[must_use]
    pub fn below(self, n: &Number) -> bool {
        self.compare(n).is_some_and(std::cmp::Ordering::is_lt)
    }

    #[must_use]
    pub fn at_least(self, n: &Number) -> bool {
        self.compare(n).is_some_and(std::cmp::Ordering::is_ge)
    }

    #[must_use]
    pub fn above(self, n: &Number) -> bool {
        self.compare(n).is_some_and(std::cmp::Ordering::is_gt)
    }

    /// `multipleOf`: exact for integers; for decimals, the quotient must be whole up to the
    /// rounding error of the division.
    #[must_use]
    pub fn divides(self, n: &Number) -> bool {
        match (self, as_i128(n)) {
            (Limit::Int(d), Some(x)) => d != 0 && x % d == 0,
            (limit, _) => {
                let divisor = match limit {
                    #[allow(
                        clippy::cast_precision_loss,
                        reason = "divided as floats: the number is one"
                    )]
                    Limit::Int(d) => d as f64,
                    Limit::Float(d) => d,
                };
                let Some(x) = n.as_f64() else { return false };
                let quotient = x / divisor;
                if quotient.is_infinite() && x.is_finite() {
                    // x / d overflowed (1e308 / 0.5): x is then an integer, and an integer is a
                    // multiple of d exactly when 1 / d is an integer.
                    return x.fract() == 0.0 && (1.0 / divisor).fract() == 0.0;
                }
                quotient.is_finite()
                    && (quotient - quotient.round()).abs() <= quotient.abs().max(1.0) * 1e-9
            }
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Int(n) => write!(f, "{n}"),
            Limit::Float(x) => write!(f, "{x}"),
        }
    }
}

/// String length as JSON Schema counts it: Unicode code points.
#[must_use]
pub fn char_count(text: &str) -> u64 {
    text.chars().count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn number(value: Value) -> Number {
        match value {
            Value::Number(n) => n,
            other => panic!("not a number: {other}"),
        }
    }

    #[test]
    fn numbers_are_equal_by_value_at_any_depth() {
        assert!(json_equal(&json!(1), &json!(1.0)));
        assert!(json_equal(
            &json!({"a": [1, {"b": 2.0}]}),
            &json!({"a": [1.0, {"b": 2}]})
        ));
        assert!(!json_equal(&json!([1, 2]), &json!([2, 1])));
        assert!(!json_equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
        assert!(has_duplicates(&[json!(1), json!("x"), json!(1.0)]));
        assert!(!has_duplicates(&[json!(true), json!(1)]));
    }

    #[test]
    fn integers_are_numbers_without_a_fraction() {
        assert!(is_integer(&json!(1.0)) && is_integer(&json!(u64::MAX)));
        assert!(!is_integer(&json!(1.5)) && !is_integer(&json!("1")));
        assert_eq!(type_name(&json!(2.0)), "integer");
        assert_eq!(type_name(&json!(2.5)), "number");
        assert_eq!(type_name(&json!(null)), "null");
    }

    #[test]
    fn limits_compare_exactly_beyond_f64_precision() {
        let big = number(json!(9_007_199_254_740_993_u64));
        // Each reads "the number is ... the limit".
        assert!(Limit::Int(9_007_199_254_740_992).above(&big));
        assert!(!Limit::Int(9_007_199_254_740_993).above(&big));
        assert!(Limit::Int(9_007_199_254_740_993).at_most(&big));
        assert!(Limit::Int(9_007_199_254_740_994).below(&big));
        assert!(Limit::Float(1.5).above(&number(json!(2))));
        assert!(Limit::Int(2).at_least(&number(json!(2.5))));
        assert!(!Limit::Int(3).at_least(&number(json!(2.5))));
        assert_eq!(
            compare_numbers(&number(json!(-1)), &number(json!(u64::MAX))),
            Some(std::cmp::Ordering::Less)
        );
    }

    #[test]
    fn multiple_of_is_exact_for_integers_and_tolerant_for_decimals() {
        assert!(Limit::Int(3).divides(&number(json!(9))));
        assert!(!Limit::Int(3).divides(&number(json!(10))));
        assert!(!Limit::Int(0).divides(&number(json!(0))));
        assert!(Limit::Float(0.01).divides(&number(json!(19.99))));
        assert!(!Limit::Float(0.01).divides(&number(json!(19.995))));
        assert_eq!(Limit::Float(0.5).to_string(), "0.5");
    }

    /// optional/float-overflow.json: 1e308 / 0.5 is infinite in f64, yet 1e308 is an integer.
    #[test]
    fn multiple_of_survives_a_quotient_that_overflows() {
        assert!(Limit::Float(0.5).divides(&number(json!(1e308))));
        assert!(!Limit::Float(0.3).divides(&number(json!(1e308))));
    }

    #[test]
    fn properties_are_found_in_small_and_large_objects() {
        let small = json!({"a": 1, "b": 2});
        let large: serde_json::Map<String, Value> =
            (0..40).map(|i| (format!("k{i}"), json!(i))).collect();
        assert_eq!(property(small.as_object().unwrap(), "b"), Some(&json!(2)));
        assert!(!has_property(small.as_object().unwrap(), "c"));
        assert_eq!(property(&large, "k39"), Some(&json!(39)));
        assert!(!has_property(&large, "k40"));
    }

    #[test]
    fn length_counts_code_points() {
        assert_eq!(char_count("a€😀"), 3);
    }
}
