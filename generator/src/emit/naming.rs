//! What every language's name allocator shares: a scope that hands out unique names, the
//! words of a type's [`NameHint`] put together, and the neutral words a variant starts from.
//! Each language styles, escapes and reserves on top of this in its own allocator
//! (`emit::rust::names`, `emit::kotlin::plan`), once per run.

use std::collections::BTreeSet;

use heck::ToUpperCamelCase;

use crate::ir::{HintBase, NameHint, TypeId, TypeRef, UnionVariant};

/// Hands out names unique within one scope, adding a number on a clash.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
    /// Put between a name and the number that makes it unique (`Amount2`, `check_code_2`).
    separator: &'static str,
}

impl Scope {
    /// A scope where `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
            separator: "",
        }
    }

    /// The same, numbering clashes as `name{separator}2`.
    pub fn separated(mut self, separator: &'static str) -> Self {
        self.separator = separator;
        self
    }

    /// Whether `name` is still free.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name)
    }

    /// Takes `name`, or the first `name2`, `name3`... still free.
    pub fn claim(&mut self, name: &str) -> String {
        let mut candidate = name.to_string();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{name}{}{n}", self.separator);
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// The UpperCamelCase words of a type's hint, before a language makes them an identifier:
/// the base (a message, words from the schema, or the already named type `named` returns)
/// followed by each appended word. Only ASCII letters and digits are kept; a name that would
/// be empty or start with a digit starts with `Type`.
pub fn type_words(hint: &NameHint, named: impl Fn(TypeId) -> String) -> String {
    let mut text = match &hint.base {
        HintBase::Message(words) | HintBase::Given(words) => words.clone(),
        HintBase::Type(id) => named(*id),
    };
    for words in &hint.suffix {
        text.push_str(&words.to_upper_camel_case());
    }
    let mut name = text.to_upper_camel_case();
    name.retain(|c| c.is_ascii_alphanumeric());
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("Type{name}");
    }
    name
}

/// Whether the type of this hint is a message's root, which keeps its message's name.
pub fn is_message_root(hint: &NameHint) -> bool {
    matches!(hint.base, HintBase::Message(_)) && hint.suffix.is_empty()
}

/// The UpperCamelCase words of an enum value (`LINKED` -> `Linked`, `2fa` -> `V2fa`).
pub fn variant_words(wire: &str) -> String {
    let mut variant = wire.to_upper_camel_case();
    variant.retain(|c| c.is_ascii_alphanumeric());
    if variant.is_empty() || variant.starts_with(|c: char| c.is_ascii_digit()) {
        variant = format!("V{variant}");
    }
    variant
}

/// The names of a union's alternatives: each after its type (`named` gives a named type's
/// name in the language), `VariantN` when that is empty or already taken.
pub fn union_variant_names(
    variants: &[UnionVariant],
    named: impl Fn(TypeId) -> String,
) -> Vec<String> {
    let mut used = BTreeSet::new();
    variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let mut name = match &v.ty {
                TypeRef::Named(t) => named(*t),
                other => primitive_words(other).to_string(),
            };
            if name.is_empty() || !used.insert(name.clone()) {
                name = format!("Variant{}", i + 1);
                used.insert(name.clone());
            }
            name
        })
        .collect()
}

fn primitive_words(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String | TypeRef::StringBool => "String",
        TypeRef::Bool => "Bool",
        TypeRef::Integer => "Integer",
        TypeRef::Number => "Number",
        TypeRef::Array(_) => "Array",
        TypeRef::Map(_) => "Object",
        TypeRef::EmbeddedJson(_) => "Json",
        TypeRef::Nullable(_) => "Nullable",
        TypeRef::Any | TypeRef::Named(_) => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_become_upper_camel_words() {
        let named = |id: TypeId| ["Payload2", "Outer"][id].to_string();
        assert_eq!(
            type_words(&NameHint::given("signature_payload"), named),
            "SignaturePayload"
        );
        let field = NameHint::of_type(0).with("merchantId");
        assert_eq!(type_words(&field, named), "Payload2MerchantId");
        assert_eq!(type_words(&NameHint::of_type(1).with("2"), named), "Outer2");
        assert_eq!(type_words(&NameHint::given("").with(""), named), "Type");
        assert_eq!(type_words(&NameHint::given("1st"), named), "Type1st");
        assert_eq!(variant_words("LINKED"), "Linked");
        assert_eq!(variant_words("2fa"), "V2fa");
        assert_eq!(variant_words("-"), "V");
    }

    #[test]
    fn scopes_number_clashes_with_their_separator() {
        let mut types = Scope::with_reserved(&["String"]);
        assert_eq!(types.claim("String"), "String2");
        assert_eq!(types.claim("Amount"), "Amount");
        assert_eq!(types.claim("Amount"), "Amount2");
        let mut functions = Scope::default().separated("_");
        assert_eq!(functions.claim("check_a"), "check_a");
        assert_eq!(functions.claim("check_a"), "check_a_2");
        // A name already numbered is not handed out twice.
        assert_eq!(functions.claim("check_a_2"), "check_a_2_2");
    }

    #[test]
    fn union_variants_are_named_after_their_types() {
        let variants = [
            TypeRef::Named(0),
            TypeRef::String,
            TypeRef::String,
            TypeRef::Any,
        ]
        .map(|ty| UnionVariant { ty, check: 0 });
        let names = union_variant_names(&variants, |_| "Card".to_string());
        assert_eq!(names, ["Card", "String", "Variant3", "Variant4"]);
    }
}
