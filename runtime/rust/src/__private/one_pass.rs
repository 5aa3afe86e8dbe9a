//! Decoding text straight into a type, as strictly as [`super::check_text`] reads it: a member
//! name given twice in one object, or nesting deeper than [`MAX_DEPTH`], fails the decode. It
//! wraps `serde_json`'s deserializer, so the type's own `Deserialize` runs unchanged and every
//! object and array it reads (catch-all maps, `Value`s, typed maps) is checked on the way. This
//! makes a separate pass over the text unnecessary on the path of a valid payload. It only says
//! whether: a refused text is read again by `check_text`, which names the pointer.
//!
//! A generated struct is handed the plain deserializer: it refuses its own repeated names, and
//! its fields of plain types (strings, numbers, enums, other generated structs, no deeper than
//! the limit allows) need no checking. The rest of its members are read through a [`Strictly`]
//! seed, which checks them with a count of levels of its own. That count starts again at the
//! member (and a struct's levels are not counted), so when either happens below the root, the
//! depth of the whole is confirmed afterwards ([`decode_strict`] reads the text again with
//! `check_text`; `from_slice` checks it on the typed value at once). Two wrapping layers fewer
//! around every field make the decode of a generated payload smaller and faster.
//!
//! Enums are read through the type's own `Deserialize` too; generated enums read only a JSON
//! string (`support::de::string_enum`), so no object form slips through.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::strict::{check_text, StrictError, DUPLICATE_PROPERTY, MAX_DEPTH, TOO_DEEP};

thread_local! {
    /// Set when a [`Strictly`] seed starts a count of levels of its own during the decode that
    /// is running on this thread: its depth then has to be confirmed.
    static RESTARTED: Cell<bool> = const { Cell::new(false) };
}

/// Decodes `T` from JSON text in one pass, refusing repeated member names and nesting deeper
/// than [`MAX_DEPTH`].
///
/// # Errors
///
/// Text that is not JSON, is refused as above, or does not decode into `T`.
#[inline]
pub fn decode_strict<'a, T: de::Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, serde_json::Error> {
    decode_from(serde_json::Deserializer::from_slice(bytes), Some(bytes))
}

/// [`decode_strict`] of text already known to be UTF-8, which `serde_json` then need not check
/// again string by string (embedded JSON, held in a `String`).
///
/// # Errors
///
/// As [`decode_strict`].
#[inline]
pub fn decode_strict_str<'a, T: de::Deserialize<'a>>(
    text: &'a str,
) -> Result<T, serde_json::Error> {
    decode_from(
        serde_json::Deserializer::from_str(text),
        Some(text.as_bytes()),
    )
}

/// [`decode_strict`] for a caller that checks the depth of the decoded value itself, at once
/// (`from_slice`, through `validate_typed`): repeated names are refused all the same, but a
/// member read by a [`Strictly`] seed counts its levels from itself, so the whole may nest
/// deeper than [`MAX_DEPTH`] (never deeper than `serde_json`'s own limit of 128).
///
/// # Errors
///
/// As [`decode_strict`], except for the depth of the whole.
#[inline]
pub fn decode_unbounded<'a, T: de::Deserialize<'a>>(
    bytes: &'a [u8],
) -> Result<T, serde_json::Error> {
    decode_from(serde_json::Deserializer::from_slice(bytes), None)
}

/// Decodes `T` through [`Strict`]; when a member counted its levels from itself, the depth of
/// the whole is confirmed on `text` (if given) as the separate pass counts it.
// Inlined into the caller, so the decoded value is built where the caller keeps it rather than
// moved out through each layer's `Result`.
#[inline]
fn decode_from<'a, R: serde_json::de::Read<'a>, T: de::Deserialize<'a>>(
    mut inner: serde_json::Deserializer<R>,
    text: Option<&[u8]>,
) -> Result<T, serde_json::Error> {
    // Allocated on the first name recorded (a payload of generated structs records none), then
    // once for the names of every object of a typical payload.
    let names = RefCell::new(Vec::new());
    // A decode inside this one (embedded JSON) keeps its own flag; the outer one is restored.
    let outer = RESTARTED.replace(false);
    let mut decoded = T::deserialize(Strict {
        inner: &mut inner,
        depth: 0,
        names: &names,
    });
    let restarted = RESTARTED.replace(outer);
    // The result is returned where it was decoded (taking the value out and wrapping it again
    // would copy the whole struct twice); only an error replaces it.
    if decoded.is_ok() {
        let checked = inner.end().and_then(|()| match (restarted, text) {
            (true, Some(text)) => confirm_depth(text),
            _ => Ok(()),
        });
        if let Err(error) = checked {
            decoded = Err(error);
        }
    }
    decoded
}

/// The text's depth as the separate pass counts it.
#[cold]
fn confirm_depth(text: &[u8]) -> Result<(), serde_json::Error> {
    check_text(text).map_err(|error| match error {
        StrictError::Json(error) => error,
        StrictError::Refused(refusal) => de::Error::custom(refusal.message),
    })
}

/// A seed that reads a member of a generated struct through a strict deserializer of its own:
/// how the struct reads what can hold objects of other types (`Value`s, maps, unions, its
/// catch-all's values) or nest without a bound, when it was handed the plain deserializer.
pub struct Strictly<T>(PhantomData<fn() -> T>);

impl<T> Strictly<T> {
    #[must_use]
    #[inline]
    pub const fn new() -> Self {
        Strictly(PhantomData)
    }
}

impl<T> Default for Strictly<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for Strictly<T> {
    type Value = T;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        RESTARTED.set(true);
        let names = RefCell::new(Vec::new());
        T::deserialize(Strict {
            inner: deserializer,
            depth: 0,
            names: &names,
        })
    }
}

/// The member names of the objects being read, innermost last: an object's names are a suffix
/// of this stack while it is read, so nested objects share one allocation.
type Names<'de> = RefCell<Vec<Cow<'de, str>>>;

/// Past this many members an object's names move into a hash set of its own, so a hostile
/// object with many members costs linear time, while the common small object is one scan.
const SCAN_LIMIT: usize = 16;

/// A deserializer that checks every object and array read through it.
struct Strict<'n, 'de, D> {
    inner: D,
    /// Arrays and objects around the value being read.
    depth: usize,
    names: &'n Names<'de>,
}

impl<'n, 'de, D> Strict<'n, 'de, D> {
    fn wrap<V>(&self, visitor: V) -> Checked<'n, 'de, V> {
        Checked {
            visitor,
            depth: self.depth,
            names: self.names,
        }
    }
}

/// Every `deserialize_*` method but `deserialize_ignored_any` and `deserialize_struct`, for a
/// forwarding macro.
macro_rules! every_deserialize {
    ($forward:ident) => {
        $forward! {
            deserialize_any();
            deserialize_bool();
            deserialize_i8();
            deserialize_i16();
            deserialize_i32();
            deserialize_i64();
            deserialize_i128();
            deserialize_u8();
            deserialize_u16();
            deserialize_u32();
            deserialize_u64();
            deserialize_u128();
            deserialize_f32();
            deserialize_f64();
            deserialize_char();
            deserialize_str();
            deserialize_string();
            deserialize_bytes();
            deserialize_byte_buf();
            deserialize_option();
            deserialize_unit();
            deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str);
            deserialize_seq();
            deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize);
            deserialize_map();
            deserialize_enum(name: &'static str, variants: &'static [&'static str]);
            deserialize_identifier();
        }
    };
}

/// Forwards `deserialize_*` methods to the wrapped deserializer with the visitor wrapped.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let visitor = self.wrap(visitor);
            self.inner.$method($($arg,)* visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<'_, 'de, D> {
    type Error = D::Error;

    every_deserialize!(forward);

    /// A struct is handed the plain deserializer: the only structs generated code holds are
    /// generated ones (`support::de::members`), which refuse a name given twice themselves and
    /// read what needs checking through [`Strictly`]. Generated code is then only ever
    /// instantiated over the plain deserializer: a wrapped branch here, even one never taken,
    /// would wrap it once more at each level of a recursive type, without end. Below the root
    /// the struct's levels are not counted here, so the depth of the whole is confirmed after.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if self.depth > 0 {
            RESTARTED.set(true);
        }
        self.inner.deserialize_struct(name, fields, visitor)
    }

    /// Skipped values are read too: a repeated name or a too-deep value inside one is still
    /// refused, as the separate pass would refuse it.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = self.wrap(visitor);
        self.inner.deserialize_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// A visitor whose containers are checked before the wrapped visitor reads them.
struct Checked<'n, 'de, V> {
    visitor: V,
    depth: usize,
    names: &'n Names<'de>,
}

impl<'n, 'de, V> Checked<'n, 'de, V> {
    fn strict<D>(&self, inner: D) -> Strict<'n, 'de, D> {
        Strict {
            inner,
            depth: self.depth,
            names: self.names,
        }
    }

    fn enter<E: de::Error>(&self) -> Result<usize, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(TOO_DEEP));
        }
        Ok(self.depth + 1)
    }
}

macro_rules! forward_visits {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
            self.visitor.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Checked<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(formatter)
    }

    forward_visits! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_str(&str);
        visit_borrowed_str(&'de str);
        visit_string(String);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        let inner = self.strict(deserializer);
        self.visitor.visit_some(inner)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        let inner = self.strict(deserializer);
        self.visitor.visit_newtype_struct(inner)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let depth = self.enter()?;
        self.visitor.visit_seq(Items {
            inner: seq,
            depth,
            names: self.names,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let depth = self.enter()?;
        let start = self.names.borrow().len();
        self.visitor.visit_map(Members {
            inner: map,
            depth,
            names: self.names,
            start,
            many: None,
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        // An object-form variant (`{"Name": value}`) is one level of nesting around its value.
        let depth = self.enter()?;
        self.visitor.visit_enum(Variant {
            inner: data,
            depth,
            names: self.names,
        })
    }
}

/// A seed that reads its value through [`Strict`].
struct Seed<'n, 'de, S> {
    wrapped: S,
    depth: usize,
    names: &'n Names<'de>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.wrapped.deserialize(Strict {
            inner: deserializer,
            depth: self.depth,
            names: self.names,
        })
    }
}

struct Items<'n, 'de, A> {
    inner: A,
    depth: usize,
    names: &'n Names<'de>,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Items<'_, 'de, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.inner.next_element_seed(Seed {
            wrapped: seed,
            depth: self.depth,
            names: self.names,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// An object being read: its names so far are `names[start..]`, or `many` once there are more
/// than [`SCAN_LIMIT`].
struct Members<'n, 'de, A> {
    inner: A,
    depth: usize,
    names: &'n Names<'de>,
    start: usize,
    many: Option<HashSet<Cow<'de, str>>>,
}

impl<'de, A> Members<'_, 'de, A> {
    /// Records a name of this object; false if it was given before.
    fn first_time(&mut self, name: Cow<'de, str>) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(name);
        }
        let mut names = self.names.borrow_mut();
        if names[self.start..].contains(&name) {
            return false;
        }
        if names.capacity() == 0 {
            names.reserve(4 * SCAN_LIMIT);
        }
        names.push(name);
        if names.len() - self.start > SCAN_LIMIT {
            self.many = Some(names.drain(self.start..).collect());
        }
        true
    }
}

impl<A> Drop for Members<'_, '_, A> {
    fn drop(&mut self) {
        // Whether the object was read to its end or the decode failed inside it, the names
        // above its start are its own (nested objects have already removed theirs).
        self.names.borrow_mut().truncate(self.start);
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Members<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let mut name = None;
        let key = self.inner.next_key_seed(Name {
            seed,
            name: &mut name,
        })?;
        if key.is_some() {
            // A name read some other way (as a number, say) cannot be compared: not this path.
            let name =
                name.ok_or_else(|| de::Error::custom("a member name read as a non-string"))?;
            if !self.first_time(name) {
                return Err(de::Error::custom(DUPLICATE_PROPERTY));
            }
        }
        Ok(key)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.next_value_seed(Seed {
            wrapped: seed,
            depth: self.depth,
            names: self.names,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// A member name's seed that keeps the name it reads (borrowed from the text when it has no
/// escapes).
struct Name<'s, 'de, K> {
    seed: K,
    name: &'s mut Option<Cow<'de, str>>,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for Name<'_, 'de, K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        self.seed.deserialize(NameReader {
            inner: deserializer,
            name: self.name,
        })
    }
}

/// The deserializer of a member name: every request goes to the wrapped one, and the string it
/// yields is kept on the way.
struct NameReader<'s, 'de, D> {
    inner: D,
    name: &'s mut Option<Cow<'de, str>>,
}

macro_rules! forward_name {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* NameVisitor { visitor, name: self.name })
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for NameReader<'_, 'de, D> {
    type Error = D::Error;

    every_deserialize!(forward_name);
    forward_name! {
        deserialize_ignored_any();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// Keeps the name a member name's visitor is given. Anything but a string is passed on
/// unkept, and the member then fails the decode (see [`Members::next_key_seed`]).
struct NameVisitor<'s, 'de, V> {
    visitor: V,
    name: &'s mut Option<Cow<'de, str>>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for NameVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(formatter)
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<V::Value, E> {
        *self.name = Some(Cow::Borrowed(value));
        self.visitor.visit_borrowed_str(value)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<V::Value, E> {
        *self.name = Some(Cow::Owned(value.to_owned()));
        self.visitor.visit_str(value)
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<V::Value, E> {
        *self.name = Some(Cow::Owned(value.clone()));
        self.visitor.visit_string(value)
    }

    forward_visits! {
        visit_bool(bool);
        visit_i64(i64);
        visit_i128(i128);
        visit_u64(u64);
        visit_u128(u128);
        visit_f64(f64);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }
}

/// An enum read through [`Strict`]: its variant's content is checked like any other value.
struct Variant<'n, 'de, A> {
    inner: A,
    depth: usize,
    names: &'n Names<'de>,
}

impl<'n, 'de, A: EnumAccess<'de>> EnumAccess<'de> for Variant<'n, 'de, A> {
    type Error = A::Error;
    type Variant = Variant<'n, 'de, A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, variant) = self.inner.variant_seed(seed)?;
        Ok((
            value,
            Variant {
                inner: variant,
                depth: self.depth,
                names: self.names,
            },
        ))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<'_, 'de, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.newtype_variant_seed(Seed {
            wrapped: seed,
            depth: self.depth,
            names: self.names,
        })
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.inner.tuple_variant(
            len,
            Checked {
                visitor,
                depth: self.depth,
                names: self.names,
            },
        )
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.inner.struct_variant(
            fields,
            Checked {
                visitor,
                depth: self.depth,
                names: self.names,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{decode_strict, decode_strict_str, decode_unbounded};
    use crate::__private::{check_text, MAX_DEPTH};
    use serde_json::Value;
    use std::collections::BTreeMap;

    /// Whether the one-pass decode and the separate pass agree on a text.
    fn agree(text: &str) -> bool {
        let strict = decode_strict::<Value>(text.as_bytes()).is_ok();
        strict == check_text(text.as_bytes()).is_ok()
            && strict == decode_strict_str::<Value>(text).is_ok()
    }

    #[test]
    fn repeated_names_are_refused_at_every_level_and_in_any_type() {
        for text in [
            r#"{"a": 1, "a": 2}"#,
            r#"{"a": 1, "\u0061": 2}"#,
            r#"[0, {"b": {"x": 1, "y": {}, "x": 2}}]"#,
        ] {
            assert!(decode_strict::<Value>(text.as_bytes()).is_err(), "{text}");
            assert!(agree(text), "{text}");
        }
        // A map type that would keep the last value is refused too.
        assert!(decode_strict::<BTreeMap<String, i64>>(br#"{"a": 1, "a": 2}"#).is_err());
        // The same name in sibling or nested objects is no repetition.
        let fine = r#"{"a": {"a": 1}, "b": {"a": 2, "b": [{"a": 3}]}, "c": 4}"#;
        assert!(decode_strict::<Value>(fine.as_bytes()).is_ok());
    }

    /// A struct read as generated code reads one: a field `a`, the rest into a catch-all map.
    #[derive(Debug)]
    struct Generated {
        a: Option<Value>,
        unknown: crate::Extra,
    }

    impl<'de> serde::Deserialize<'de> for Generated {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Members;
            impl<'de> serde::de::Visitor<'de> for Members {
                type Value = Generated;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut access: A,
                ) -> Result<Generated, A::Error> {
                    use crate::__private::de::{duplicate, insert_unknown, Key, Keys, Strictly};
                    let mut value = Generated {
                        a: None,
                        unknown: crate::Extra::new(),
                    };
                    while let Some(key) =
                        access.next_key_seed(Keys(|name: &str| (name == "a").then_some(0)))?
                    {
                        match key {
                            Key::Field(_) if value.a.is_some() => return Err(duplicate("a")),
                            Key::Field(_) => {
                                value.a = Some(access.next_value_seed(Strictly::new())?);
                            }
                            Key::Other(name) => {
                                let member = access.next_value_seed(Strictly::new())?;
                                insert_unknown(&mut value.unknown, name, member)?;
                            }
                        }
                    }
                    Ok(value)
                }
            }
            crate::__private::de::members(deserializer, Members)
        }
    }

    #[test]
    fn a_generated_struct_refuses_its_own_repeated_names_and_nested_ones_are_still_checked() {
        let fine = r#"{"a": {"x": 1, "y": 2}, "b": [{"x": 1}, {"x": 2}], "c": 3}"#;
        let decoded = decode_strict::<Generated>(fine.as_bytes()).unwrap();
        assert_eq!(decoded.unknown.len(), 2);
        assert!(decoded.a.is_some());
        for text in [
            r#"{"a": 1, "a": 2}"#,
            r#"{"b": 1, "c": 2, "b": 3}"#,
            r#"{"b": 1, "\u0062": 3}"#,
            r#"{"a": {"x": 1, "x": 2}}"#,
            r#"{"b": [{"x": 1, "x": 2}]}"#,
        ] {
            assert!(
                decode_strict::<Generated>(text.as_bytes()).is_err(),
                "{text}"
            );
            // The same struct read from a tree, or by serde_json alone, refuses them too.
            if !text.contains("\"x\"") {
                assert!(serde_json::from_str::<Generated>(text).is_err(), "{text}");
            }
        }
    }

    #[test]
    fn a_member_read_on_its_own_count_is_still_held_to_the_depth_of_the_whole() {
        let nested = |levels: usize| format!("{}0{}", "[".repeat(levels), "]".repeat(levels));
        // The struct is level 1, so its members may nest 99 levels more, whether named or not.
        for name in ["a", "b"] {
            let fine = format!("{{\"{name}\": {}}}", nested(MAX_DEPTH - 1));
            assert!(
                decode_strict::<Generated>(fine.as_bytes()).is_ok(),
                "{name}"
            );
            assert!(decode_strict_str::<Generated>(&fine).is_ok(), "{name}");
            let deep = format!("{{\"{name}\": {}}}", nested(MAX_DEPTH));
            assert!(check_text(deep.as_bytes()).is_err());
            assert!(
                decode_strict::<Generated>(deep.as_bytes()).is_err(),
                "{name}"
            );
            assert!(decode_strict_str::<Generated>(&deep).is_err(), "{name}");
            // Left to the caller, which checks the decoded value's depth at once.
            assert!(
                decode_unbounded::<Generated>(deep.as_bytes()).is_ok(),
                "{name}"
            );
        }
        // Objects nested in a member, and a struct below the root (in an array), whose levels
        // the decoder does not count from the root: confirmed on the text.
        let structs = |levels: usize| {
            format!(
                "{}{}",
                "{\"a\": ".repeat(levels),
                "0".to_string() + &"}".repeat(levels)
            )
        };
        assert!(decode_strict::<Generated>(structs(MAX_DEPTH).as_bytes()).is_ok());
        assert!(decode_strict::<Generated>(structs(MAX_DEPTH + 1).as_bytes()).is_err());
        let listed = format!("[{}]", structs(MAX_DEPTH - 1));
        assert!(decode_strict::<Vec<Generated>>(listed.as_bytes()).is_ok());
        let listed = format!("[{}]", structs(MAX_DEPTH));
        assert!(decode_strict::<Vec<Generated>>(listed.as_bytes()).is_err());
    }

    #[test]
    fn a_repeated_name_is_found_among_many_members() {
        let members: Vec<String> = (0..1_000).map(|i| format!("\"m{i}\": {i}")).collect();
        let fine = format!("{{{}}}", members.join(","));
        assert!(decode_strict::<Value>(fine.as_bytes()).is_ok());
        for repeated in ["m0", "m17", "m999"] {
            let text = format!("{{{}, \"{repeated}\": 0}}", members.join(","));
            assert!(
                decode_strict::<Value>(text.as_bytes()).is_err(),
                "{repeated}"
            );
        }
    }

    #[test]
    // The map of `IgnoredAny` is the point: its values are skipped, not kept.
    #[allow(clippy::zero_sized_map_values)]
    fn the_depth_limit_is_the_separate_pass_limit() {
        let nested = |levels: usize| format!("{}0{}", "[".repeat(levels), "]".repeat(levels));
        assert!(decode_strict::<Value>(nested(MAX_DEPTH).as_bytes()).is_ok());
        assert!(decode_strict::<Value>(nested(MAX_DEPTH + 1).as_bytes()).is_err());
        assert!(agree(&nested(MAX_DEPTH)) && agree(&nested(MAX_DEPTH + 1)));
        // Skipped values are checked too.
        let skipped = format!("{{\"a\": {}}}", nested(MAX_DEPTH));
        assert!(
            decode_strict::<BTreeMap<String, serde::de::IgnoredAny>>(skipped.as_bytes()).is_err()
        );
    }

    #[test]
    fn text_after_the_value_is_an_error() {
        assert!(decode_strict::<Value>(b"[1] 2").is_err());
        assert!(decode_strict::<Value>(b"{\"a\": }").is_err());
    }
}
