//! Where validation is: the instance path, the dynamic scope and the annotations collected for
//! `unevaluated*`.

use std::collections::BTreeSet;

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
/// `unevaluatedProperties` and `unevaluatedItems`.
#[derive(Debug, Default)]
pub struct Annotations {
    pub all_properties: bool,
    pub properties: BTreeSet<String>,
    pub all_items: bool,
    pub items: BTreeSet<usize>,
}

impl Annotations {
    pub fn merge(&mut self, other: Annotations) {
        self.all_properties |= other.all_properties;
        self.properties.extend(other.properties);
        self.all_items |= other.all_items;
        self.items.extend(other.items);
    }

    #[must_use]
    pub fn has_property(&self, name: &str) -> bool {
        self.all_properties || self.properties.contains(name)
    }

    #[must_use]
    pub fn has_item(&self, index: usize) -> bool {
        self.all_items || self.items.contains(&index)
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
        left.properties.insert("a".into());
        let right = Annotations {
            all_items: true,
            ..Annotations::default()
        };
        left.merge(right);
        assert!(left.has_property("a") && !left.has_property("b"));
        assert!(left.has_item(7));
    }
}
