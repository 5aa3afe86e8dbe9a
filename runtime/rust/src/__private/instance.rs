//! Where validation is: the instance path, the dynamic scope and the annotations collected for
//! `unevaluated*`.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::ops::Deref;

use serde_json::Value;

/// The path from the payload root to the value being checked, built on the stack so that
/// validation allocates only when it reports an error.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    #[must_use]
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    #[must_use]
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    #[must_use]
    pub fn to_pointer(&self) -> String {
        let mut out = String::new();
        self.write_pointer(&mut out);
        out
    }

    fn write_pointer(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write_pointer(out);
                out.push('/');
                // RFC 6901 escapes, written in place (most keys have none).
                for c in key.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            Path::Index(parent, index) => {
                use std::fmt::Write;
                parent.write_pointer(out);
                // Writing into a `String` cannot fail.
                let _ = write!(out, "/{index}");
            }
        }
    }
}

/// The dynamic scope: the schema resources evaluation has entered, innermost first. Only
/// validators of schemas with `$dynamicRef` carry it.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    Root,
    Entered(&'a Scope<'a>, usize),
}

impl<'a> Scope<'a> {
    #[must_use]
    pub fn enter(&'a self, resource: usize) -> Scope<'a> {
        Scope::Entered(self, resource)
    }

    /// The outermost entered resource among `candidates`: where a `$dynamicRef` resolves.
    #[must_use]
    pub fn outermost(&self, candidates: &[usize]) -> Option<usize> {
        let mut found = None;
        let mut current = self;
        while let Scope::Entered(parent, resource) = current {
            if candidates.contains(resource) {
                found = Some(*resource);
            }
            current = parent;
        }
        found
    }
}

/// Which properties and items of one instance some subschema evaluated, for
/// `unevaluatedProperties` and `unevaluatedItems`. Names are borrowed from the schema or the
/// instance (`'a`), and the first few of each kind are kept inline: an instance of usual size is
/// checked without allocating.
#[derive(Debug, Default)]
pub struct Annotations<'a> {
    pub all_properties: bool,
    pub properties: Evaluated<&'a str>,
    /// Names copied because the JSON they were read from does not live as long as the
    /// collector (typed checks that serialize a part of the value for one call).
    pub owned_properties: BTreeSet<String>,
    pub all_items: bool,
    pub items: Evaluated<usize>,
}

impl<'a> Annotations<'a> {
    pub fn merge(&mut self, other: Annotations<'a>) {
        self.all_properties |= other.all_properties;
        self.properties.extend(other.properties);
        self.owned_properties.extend(other.owned_properties);
        self.all_items |= other.all_items;
        self.items.extend(other.items);
    }

    /// [`merge`](Self::merge) of annotations on shorter-lived JSON: their names are copied.
    pub fn absorb(&mut self, other: Annotations<'_>) {
        self.all_properties |= other.all_properties;
        for name in other.properties.members() {
            self.insert_owned(name);
        }
        self.owned_properties.extend(other.owned_properties);
        self.all_items |= other.all_items;
        self.items.extend(other.items);
    }

    /// Records a name that must be copied (see [`owned_properties`](Self::owned_properties)).
    pub fn insert_owned(&mut self, name: &str) {
        if !self.has_property(name) {
            self.owned_properties.insert(name.to_owned());
        }
    }

    #[must_use]
    pub fn has_property(&self, name: &str) -> bool {
        self.all_properties
            || self.properties.contains(&name)
            || self.owned_properties.contains(name)
    }

    #[must_use]
    pub fn has_item(&self, index: usize) -> bool {
        self.all_items || self.items.contains(&index)
    }
}

/// How many evaluated names (or indexes) an [`Evaluated`] keeps before it allocates.
const INLINE: usize = 8;

/// A set that keeps its first [`INLINE`] members in place and the rest in a `BTreeSet`, so a
/// large instance still costs `O(log n)` a lookup.
#[derive(Debug, Default)]
pub struct Evaluated<T> {
    inline: [T; INLINE],
    len: usize,
    more: BTreeSet<T>,
}

impl<T: Copy + Ord> Evaluated<T> {
    pub fn insert(&mut self, member: T) {
        if self.inline[..self.len].contains(&member) {
            return;
        }
        // `more` is used once the inline members are full, so one lookup in it is enough.
        match self.inline.get_mut(self.len) {
            Some(slot) => {
                *slot = member;
                self.len += 1;
            }
            None => {
                self.more.insert(member);
            }
        }
    }

    #[must_use]
    pub fn contains(&self, member: &T) -> bool {
        self.inline[..self.len].contains(member) || self.more.contains(member)
    }

    fn members(&self) -> impl Iterator<Item = T> + '_ {
        self.inline[..self.len].iter().chain(&self.more).copied()
    }

    fn extend(&mut self, other: Evaluated<T>) {
        for member in other.inline.into_iter().take(other.len).chain(other.more) {
            self.insert(member);
        }
    }
}

/// A property name as the JSON string value that `propertyNames` checks. The value's buffer is
/// this thread's spare one, given back when the name is dropped, so once a thread has checked a
/// name, checking more allocates nothing. (One spare is enough: a name is a string, so no name is
/// checked while another is alive; should one be, it gets a buffer of its own.)
#[derive(Debug)]
pub struct Name(Value);

/// A buffer above this size is not kept for later names (one huge name must not pin its
/// memory for the thread's lifetime).
const KEPT_NAME_CAPACITY: usize = 4096;

thread_local! {
    static SPARE_NAME: Cell<String> = const { Cell::new(String::new()) };
}

impl Name {
    #[must_use]
    pub fn new(name: &str) -> Name {
        let mut buffer = SPARE_NAME.try_with(Cell::take).unwrap_or_default();
        buffer.clear();
        buffer.push_str(name);
        Name(Value::String(buffer))
    }
}

impl Deref for Name {
    type Target = Value;

    fn deref(&self) -> &Value {
        &self.0
    }
}

impl Drop for Name {
    fn drop(&mut self) {
        if let Value::String(buffer) = std::mem::take(&mut self.0) {
            if buffer.capacity() <= KEPT_NAME_CAPACITY {
                // During the thread's teardown there is nothing left to keep it for.
                let _ = SPARE_NAME.try_with(|spare| spare.set(buffer));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        let root = Path::Root;
        let key = root.key("a/b~c");
        let item = key.index(3);
        assert_eq!(root.to_pointer(), "");
        assert_eq!(item.to_pointer(), "/a~1b~0c/3");
    }

    #[test]
    fn a_dynamic_ref_resolves_to_the_outermost_candidate() {
        let root = Scope::Root;
        let outer = root.enter(1);
        let middle = outer.enter(2);
        let inner = middle.enter(1);
        assert_eq!(inner.outermost(&[1, 2]), Some(1));
        assert_eq!(inner.outermost(&[2]), Some(2));
        assert_eq!(inner.outermost(&[3]), None);
        assert_eq!(root.outermost(&[1]), None);
    }

    #[test]
    fn merged_annotations_cover_both_sides() {
        let mut left = Annotations::default();
        left.properties.insert("a");
        let right = Annotations {
            all_items: true,
            ..Annotations::default()
        };
        left.merge(right);
        assert!(left.has_property("a") && !left.has_property("b"));
        assert!(left.has_item(7));
    }

    #[test]
    fn evaluated_names_past_the_inline_ones_are_still_found() {
        let names: Vec<String> = (0..20).map(|i| format!("p{i}")).collect();
        let mut first = Annotations::default();
        for name in &names[..12] {
            first.properties.insert(name);
            first.properties.insert(name);
        }
        let mut second = Annotations::default();
        for name in &names[8..] {
            second.properties.insert(name);
        }
        second.items.insert(3);
        first.merge(second);
        assert!(names.iter().all(|n| first.has_property(n)));
        assert!(!first.has_property("p20") && first.has_item(3) && !first.has_item(4));
        first.all_items = true;
        assert!(first.has_item(4));
    }

    #[test]
    fn absorbed_names_are_copied_and_still_found() {
        let mut outer: Annotations<'static> = Annotations::default();
        outer.properties.insert("kept");
        {
            let short_lived: Vec<String> = (0..10).map(|i| format!("n{i}")).collect();
            let mut inner = Annotations::default();
            for name in &short_lived {
                inner.properties.insert(name);
            }
            inner.insert_owned("copied");
            inner.items.insert(2);
            outer.absorb(inner);
        }
        assert!(outer.has_property("kept") && outer.has_property("n9"));
        assert!(outer.has_property("copied") && outer.has_item(2) && !outer.has_property("n10"));
    }

    #[test]
    fn a_name_reads_as_a_string_value_and_its_buffer_is_reused() {
        let first = Name::new("alpha");
        assert_eq!(*first, Value::String("alpha".into()));
        let buffer = first.as_str().map(str::as_ptr);
        drop(first);
        let second = Name::new("be");
        assert_eq!(second.as_str(), Some("be"));
        assert_eq!(second.as_str().map(str::as_ptr), buffer);
        // Two names alive at once get two buffers.
        let third = Name::new("gamma");
        assert_eq!(
            (second.as_str(), third.as_str()),
            (Some("be"), Some("gamma"))
        );
    }
}
