//! The catch-all of a generated struct: the members its schema does not name, kept as received.

use serde_json::{Map, Value};
use std::sync::LazyLock;

/// Members a schema does not name, kept as received so nothing is lost; read and changed as a
/// [`serde_json::Map`] (it dereferences to one).
///
/// Most payloads have none, so an empty one is a null pointer (8 bytes) instead of an empty map
/// (72 bytes with `serde_json`'s `preserve_order`, 24 without): every struct holding one is
/// smaller, and a decode moves less memory on its way out.
#[derive(Clone, Default)]
pub struct Extra(Option<Box<Map<String, Value>>>);

// What an empty catch-all dereferences to. `serde_json::Map::new` is not `const`, so it is
// built on first use.
static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);

// The reads generated checks make on every struct answer an empty catch-all without touching
// `EMPTY`; every other map method comes through `Deref`.
impl Extra {
    /// No members.
    #[must_use]
    pub const fn new() -> Self {
        Extra(None)
    }

    /// Whether there are no members.
    #[must_use]
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|map| map.is_empty())
    }

    /// How many members there are.
    #[must_use]
    #[inline]
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |map| map.len())
    }

    /// The member of this name.
    #[must_use]
    #[inline]
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.as_ref().and_then(|map| map.get(name))
    }

    /// Whether there is a member of this name.
    #[must_use]
    #[inline]
    pub fn contains_key(&self, name: &str) -> bool {
        self.0.as_ref().is_some_and(|map| map.contains_key(name))
    }

    /// The members as a map.
    #[must_use]
    pub fn into_map(self) -> Map<String, Value> {
        self.0.map(|map| *map).unwrap_or_default()
    }
}

impl std::ops::Deref for Extra {
    type Target = Map<String, Value>;
    #[inline]
    fn deref(&self) -> &Map<String, Value> {
        self.0.as_deref().unwrap_or(&EMPTY)
    }
}

impl std::ops::DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        self.0.get_or_insert_with(Box::default)
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl From<Map<String, Value>> for Extra {
    #[inline]
    fn from(map: Map<String, Value>) -> Self {
        Extra((!map.is_empty()).then(|| Box::new(map)))
    }
}

impl From<Extra> for Map<String, Value> {
    fn from(extra: Extra) -> Self {
        extra.into_map()
    }
}

impl FromIterator<(String, Value)> for Extra {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Extra::from(Map::from_iter(iter))
    }
}

impl Extend<(String, Value)> for Extra {
    fn extend<I: IntoIterator<Item = (String, Value)>>(&mut self, iter: I) {
        let mut iter = iter.into_iter().peekable();
        if iter.peek().is_some() {
            (**self).extend(iter);
        }
    }
}

impl IntoIterator for Extra {
    type Item = (String, Value);
    type IntoIter = serde_json::map::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        self.into_map().into_iter()
    }
}

impl<'a> IntoIterator for &'a Extra {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        (**self).iter()
    }
}

impl<'a> IntoIterator for &'a mut Extra {
    type Item = (&'a String, &'a mut Value);
    type IntoIter = serde_json::map::IterMut<'a>;
    fn into_iter(self) -> Self::IntoIter {
        (**self).iter_mut()
    }
}

impl serde::Serialize for Extra {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Extra {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(Extra::from)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Extra {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Map<String, Value>>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Map<String, Value>>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn members(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    #[test]
    fn an_empty_catch_all_is_one_pointer_and_allocates_nothing() {
        assert_eq!(std::mem::size_of::<Extra>(), std::mem::size_of::<usize>());
        assert!(Extra::from(Map::new()).0.is_none());
        assert!(Extra::from_iter(Vec::new()).0.is_none());
        let mut extra = Extra::new();
        extra.extend(Vec::new());
        assert!(extra.0.is_none());
    }

    #[test]
    fn reads_and_changes_as_a_map() {
        let mut extra = Extra::new();
        assert!(extra.is_empty() && extra.get("a").is_none() && !extra.contains_key("a"));
        extra.insert("a".into(), json!(1));
        extra.insert("b".into(), json!([true]));
        assert_eq!(extra.len(), 2);
        assert_eq!(extra.get("a"), Some(&json!(1)));
        assert!(extra.contains_key("b"));
        let names: Vec<&String> = extra.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["a", "b"]);
        for (_, value) in &mut extra {
            *value = json!([value.take()]);
        }
        assert_eq!(extra.get("a"), Some(&json!([1])));
        let owned: Vec<(String, Value)> = extra.clone().into_iter().collect();
        assert_eq!(owned.len(), 2);
        assert_eq!(extra.into_map(), members(json!({"a": [1], "b": [[true]]})));
    }

    #[test]
    fn emptied_and_never_filled_are_equal() {
        let mut emptied = Extra::from(members(json!({"a": 1})));
        emptied.remove("a");
        assert!(emptied.is_empty());
        assert_eq!(emptied, Extra::new());
        assert_ne!(Extra::from(members(json!({"a": 1}))), Extra::new());
        assert_eq!(format!("{:?}", Extra::new()), "{}");
    }

    #[test]
    fn travels_as_a_json_object() {
        let extra: Extra = serde_json::from_str(r#"{"z": 1, "a": {}}"#).unwrap();
        assert_eq!(extra.len(), 2);
        let text = serde_json::to_string(&extra).unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap(),
            json!({"z": 1, "a": {}})
        );
        let bare: Extra = serde_json::from_str("{}").unwrap();
        assert!(bare.0.is_none());
        assert_eq!(serde_json::to_string(&bare).unwrap(), "{}");
        assert!(serde_json::from_str::<Extra>("[]").is_err());
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn describes_itself_as_a_map() {
        use schemars::JsonSchema;
        let mut generator = schemars::SchemaGenerator::default();
        assert_eq!(
            Extra::json_schema(&mut generator),
            <Map<String, Value> as schemars::JsonSchema>::json_schema(&mut generator)
        );
    }
}
