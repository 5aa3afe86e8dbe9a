//! How a generated struct's `Deserialize` reads each field: straight from the deserializer it is
//! handed, or through the runtime's `support::de::Strictly` seed.
//!
//! The one-pass decode hands a struct at the root the plain `serde_json` deserializer (two
//! wrapping layers fewer around every field). A field may be read plainly when nothing in it can
//! break the strict reading unseen: no object of a type that would keep one of two repeated
//! names (`Value`s, maps, unions, which are read through a `Value`), and a bounded nesting, no
//! deeper than the runtime's limit allows below the struct. Everything else, and every member
//! the schema does not name, goes through `Strictly`, which checks it as the separate pass would.

use std::collections::BTreeMap;

use crate::ir::{Contracts, TypeId, TypeKind, TypeRef};

/// The runtime's limit on nested arrays and objects (`support::MAX_DEPTH`): a struct and the
/// fields it reads plainly nest at most this deep.
const MAX_DEPTH: usize = 100;

/// Which fields of which structs are read plainly, with the nesting each struct reads plainly.
#[derive(Default)]
pub struct PlainReads {
    /// The levels of arrays and objects a struct reads plainly, itself included.
    depths: BTreeMap<TypeId, usize>,
}

impl PlainReads {
    /// Whether field type `ty` of struct `owner` is read straight from the deserializer.
    pub fn plain(&mut self, contracts: &Contracts, owner: TypeId, ty: &TypeRef) -> bool {
        checks_itself(contracts, ty)
            && !reaches(contracts, ty, owner, &mut Vec::new())
            && self.depth(contracts, ty) < MAX_DEPTH
    }

    /// The levels of arrays and objects a value of `ty` read plainly nests (fields read through
    /// `Strictly` count from themselves, so not here). Only called on types [`Self::plain`] has
    /// found hold no type that reaches itself, so the recursion ends.
    fn depth(&mut self, contracts: &Contracts, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Array(inner) => 1 + self.depth(contracts, inner),
            TypeRef::Nullable(inner) => self.depth(contracts, inner),
            TypeRef::Named(id) => self.struct_depth(contracts, *id),
            _ => 0,
        }
    }

    fn struct_depth(&mut self, contracts: &Contracts, id: TypeId) -> usize {
        if let Some(depth) = self.depths.get(&id) {
            return *depth;
        }
        let Some(TypeKind::Struct { fields }) = contracts.types.get(id).map(|d| &d.kind) else {
            return 0;
        };
        let mut deepest = 0;
        for field in fields {
            if self.plain(contracts, id, &field.ty) {
                deepest = deepest.max(self.depth(contracts, &field.ty));
            }
        }
        self.depths.insert(id, deepest + 1);
        deepest + 1
    }
}

/// Whether a value of `ty` read by its own `Deserialize` refuses every repeated member name in
/// it: scalars, string enums, embedded JSON (a string, parsed strictly as its own document) and
/// generated structs, and arrays and optionals of those.
fn checks_itself(contracts: &Contracts, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::StringBool
        | TypeRef::Integer
        | TypeRef::Number
        | TypeRef::EmbeddedJson(_) => true,
        TypeRef::Any | TypeRef::Map(_) => false,
        TypeRef::Array(inner) | TypeRef::Nullable(inner) => checks_itself(contracts, inner),
        TypeRef::Named(id) => !matches!(
            contracts.types.get(*id).map(|d| &d.kind),
            Some(TypeKind::Union { .. }) | None
        ),
    }
}

/// Whether a value of `ty` can hold a value of type `target` in the same document (embedded
/// JSON is a document of its own), at any depth: such a field nests without a bound.
fn reaches(contracts: &Contracts, ty: &TypeRef, target: TypeId, seen: &mut Vec<TypeId>) -> bool {
    match ty {
        TypeRef::Array(inner) | TypeRef::Nullable(inner) | TypeRef::Map(inner) => {
            reaches(contracts, inner, target, seen)
        }
        TypeRef::Named(id) if *id == target => true,
        TypeRef::Named(id) => {
            if seen.contains(id) {
                return false;
            }
            seen.push(*id);
            match contracts.types.get(*id).map(|d| &d.kind) {
                Some(TypeKind::Struct { fields }) => fields
                    .iter()
                    .any(|f| reaches(contracts, &f.ty, target, seen)),
                Some(TypeKind::Union { variants }) => variants
                    .iter()
                    .any(|v| reaches(contracts, &v.ty, target, seen)),
                _ => false,
            }
        }
        _ => false,
    }
}
