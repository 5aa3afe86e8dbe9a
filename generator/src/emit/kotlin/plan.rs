//! Every Kotlin name of the run, decided before anything is rendered: the package of each
//! module, the class of each IR type, the classes that wrap union alternatives, each module's
//! validator object and its functions, and where each message's entry point
//! (`ContractMessage`) lives.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};

use super::names::{self, Scope};
use super::symbols::Symbols;
use crate::emit::naming;
use crate::error::{Error, Result};
use crate::ir::{Contracts, ModuleId, ModuleKind, TypeKind, TypeRef};

/// One alternative of a union, as Kotlin holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Alternative {
    /// A named struct, enum or union of the same package that implements the sealed interface
    /// itself (Kotlin allows that only within the package).
    Direct(usize),
    /// A nested `data class <name>(val value: ...)` for anything else.
    Wrapper(String),
}

/// Where a message's `ContractMessage` is.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// The companion object of the root type, so `Request.fromJson(...)` reads naturally.
    Companion(usize),
    /// A top-level object of this name, for roots that are not a named type of the message's
    /// own package (arrays, maps, a shared type).
    Object(String),
}

/// The names of one package.
#[derive(Debug, Clone)]
pub struct ModulePlan {
    /// e.g. `contracts.getsessiontoken.request`, `contracts.shared.upi`.
    pub package: String,
    /// The validator object holding the module's program.
    pub validator: String,
    /// The Kotlin name of each program function, by `FunctionId`.
    pub functions: Vec<String>,
    /// The entry point, for a message's package.
    pub entry: Option<Entry>,
    /// Every class name declared in the package.
    scope: Scope,
}

impl ModulePlan {
    /// The name the message's `ContractMessage` is reached by from other packages.
    pub fn entry_name<'a>(&'a self, plan: &'a Plan) -> Option<&'a str> {
        match self.entry.as_ref()? {
            Entry::Companion(id) => plan.types.get(*id).map(String::as_str),
            Entry::Object(name) => Some(name),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Plan {
    /// The Kotlin class name of each IR type, by `TypeId`.
    pub types: Vec<String>,
    /// The module that declares each type, by `TypeId`.
    type_modules: Vec<ModuleId>,
    /// The entry of each value of an enum type (by `TypeId`, empty for other kinds).
    pub variants: Vec<Vec<String>>,
    /// For union types, how each alternative is held (by `TypeId`, empty for other kinds).
    pub alternatives: Vec<Vec<Alternative>>,
    /// The sealed interfaces each type implements directly, by `TypeId`.
    pub supertypes: Vec<Vec<usize>>,
    /// The name of the `Map<String, JsonElement>` of unknown properties of each struct.
    pub extra_field: Vec<String>,
    /// The Kotlin property name of each field of each struct.
    pub fields: Vec<Vec<String>>,
    /// By `ModuleId`.
    pub modules: Vec<ModulePlan>,
}

impl Plan {
    pub fn new(contracts: &Contracts, base_package: &str) -> Result<Self> {
        let packages = packages(contracts, base_package);
        let mut scopes: Vec<Scope> = contracts
            .modules
            .iter()
            .map(|_| {
                let mut scope = Scope::with_reserved(&super::symbols::used_type_names());
                // Nested declarations that every struct and union has, and the private class a
                // struct's serializer reads and writes its named properties through: a schema
                // type of one of these names would be shadowed inside the class.
                scope.claim("Serializer");
                scope.claim("Companion");
                scope.claim("Surrogate");
                scope
            })
            .collect();
        let type_modules: Vec<ModuleId> = contracts.types.iter().map(|t| t.module).collect();
        // A message's root type takes its message's name before anything else in the package.
        let mut root_names: BTreeMap<ModuleId, String> = BTreeMap::new();
        for message in &contracts.messages {
            let TypeRef::Named(root) = message.root else {
                continue;
            };
            let Some(def) = contracts.types.get(root) else {
                continue;
            };
            if def.module == message.module && naming::is_message_root(&def.hint) {
                let scope = scopes
                    .get_mut(def.module)
                    .ok_or_else(|| no_module(&def.location))?;
                let words = message.message.to_upper_camel_case();
                root_names.insert(def.module, claim_class(scope, &names::type_name(&words)));
            }
        }
        let mut types: Vec<String> = Vec::with_capacity(contracts.types.len());
        for def in &contracts.types {
            let root = naming::is_message_root(&def.hint)
                .then(|| root_names.get(&def.module).cloned())
                .flatten();
            let name = match root {
                Some(root) => root,
                None => {
                    let words = naming::type_words(&def.hint, |id| {
                        types.get(id).cloned().unwrap_or_default()
                    });
                    let scope = scopes
                        .get_mut(def.module)
                        .ok_or_else(|| no_module(&def.location))?;
                    claim_class(scope, &names::type_name(&words))
                }
            };
            types.push(name);
        }
        check_file_names(contracts, &types)?;

        let mut alternatives = vec![Vec::new(); types.len()];
        let mut supertypes = vec![Vec::new(); types.len()];
        let mut enum_entries = vec![Vec::new(); types.len()];
        for (id, def) in contracts.types.iter().enumerate() {
            if let TypeKind::StringEnum { variants, open } = &def.kind {
                // An open enum is a sealed interface: its entries are nested classes beside
                // the serializer and the companion. A closed one that is a message's root has
                // a companion too (its `ContractMessage`).
                let reserved: &[&str] = if *open {
                    &["Serializer", "Companion"]
                } else {
                    &["Companion"]
                };
                let mut entries = Scope::with_reserved(reserved);
                enum_entries[id] = variants
                    .iter()
                    .map(|v| entries.claim(&naming::variant_words(&v.wire_value)))
                    .collect();
                if *open {
                    enum_entries[id].push(entries.claim("Other"));
                }
            }
            let TypeKind::Union { variants } = &def.kind else {
                continue;
            };
            let variant_names = naming::union_variant_names(variants, |t| {
                types.get(t).cloned().unwrap_or_default()
            });
            let mut seen = BTreeSet::new();
            for (variant, variant_name) in variants.iter().zip(&variant_names) {
                let alternative = match &variant.ty {
                    TypeRef::Named(target)
                        if *target != id
                            && type_modules.get(*target) == Some(&def.module)
                            && seen.insert(*target) =>
                    {
                        supertypes[*target].push(id);
                        Alternative::Direct(*target)
                    }
                    _ => Alternative::Wrapper(claim_class(
                        &mut scopes[def.module],
                        &format!("{variant_name}Value"),
                    )),
                };
                alternatives[id].push(alternative);
            }
        }

        let mut fields = Vec::new();
        let mut extra_field = Vec::new();
        for def in &contracts.types {
            let mut field_scope = Scope::default();
            let names_here = match &def.kind {
                TypeKind::Struct { fields } => fields
                    .iter()
                    .map(|f| field_scope.claim(&names::member_name(&f.wire_name)))
                    .collect(),
                _ => Vec::new(),
            };
            extra_field.push(field_scope.claim("extra"));
            fields.push(names_here);
        }

        let mut modules = Vec::new();
        for ((id, module), (mut scope, package)) in contracts
            .modules
            .iter()
            .enumerate()
            .zip(scopes.into_iter().zip(packages))
        {
            let (stem, message) = match &module.kind {
                ModuleKind::Message(index) => {
                    let message = contracts.messages.get(*index);
                    let stem = message.map(|m| m.message.to_upper_camel_case());
                    (stem.unwrap_or_default(), message)
                }
                ModuleKind::Shared { .. } => (
                    module
                        .path
                        .last()
                        .map(|s| s.to_upper_camel_case())
                        .unwrap_or_default(),
                    None,
                ),
            };
            let validator = scope.claim(&format!("{stem}Validator"));
            let entry = message.map(|message| match &message.root {
                TypeRef::Named(root) if type_modules.get(*root) == Some(&id) => {
                    Entry::Companion(*root)
                }
                // `Request` unless that would shadow a name the generated code uses.
                _ if scope.is_free(&stem) => Entry::Object(scope.claim(&stem)),
                _ => Entry::Object(scope.claim(&format!("{stem}Message"))),
            });
            let mut function_scope = Scope::with_reserved(&["validate"]);
            let functions = contracts
                .checks(id)
                .map(|p| {
                    p.functions
                        .iter()
                        .map(|f| function_scope.claim(&function_name(&f.hint)))
                        .collect()
                })
                .unwrap_or_default();
            modules.push(ModulePlan {
                package,
                validator,
                functions,
                entry,
                scope,
            });
        }

        Ok(Plan {
            types,
            type_modules,
            variants: enum_entries,
            alternatives,
            supertypes,
            extra_field,
            fields,
            modules,
        })
    }

    /// Type `id` as code in module `here` writes it: its class name, imported from another
    /// package unless the name is taken here (then fully qualified).
    pub fn class_ref(&self, id: usize, here: ModuleId, symbols: &mut Symbols) -> String {
        let Some(name) = self.types.get(id) else {
            return symbols.name("JsonElement");
        };
        let owner = self.type_modules.get(id).copied();
        let Some(owner) = owner.filter(|m| *m != here) else {
            return name.clone();
        };
        let Some(package) = self.modules.get(owner).map(|m| &m.package) else {
            return name.clone();
        };
        let full = format!("{package}.{name}");
        let suffix = format!(".{name}");
        let taken_here = self
            .modules
            .get(here)
            .is_some_and(|m| !m.scope.is_free(name));
        let imported_other = symbols
            .imports()
            .iter()
            .any(|i| i.ends_with(&suffix) && *i != full);
        if taken_here || imported_other {
            return full;
        }
        symbols.import(&full);
        name.clone()
    }
}

fn no_module(location: &crate::error::Location) -> Error {
    Error::Config(format!("the type at {location} has no module"))
}

/// A validator function's name (`checkBankAccount`) from its hint.
fn function_name(hint: &str) -> String {
    let mut name = format!("check_{}", hint.to_snake_case());
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    if name == "check_" {
        name = "check_schema".to_string();
    }
    name.to_lower_camel_case()
}

/// The package of each module: `<base>.<contract>.<message>` for messages and `<base>.<path>`
/// for shared schema files, each segment lower case without underscores and unique among its
/// siblings.
fn packages(contracts: &Contracts, base_package: &str) -> Vec<String> {
    let mut scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
    scopes.insert(Vec::new(), Scope::with_reserved(&["support"]));
    let mut segments: BTreeMap<Vec<String>, String> = BTreeMap::new();
    let mut out = Vec::new();
    for module in &contracts.modules {
        let mut package = base_package.to_string();
        for end in 1..=module.path.len() {
            let prefix = module.path[..end].to_vec();
            let segment = match segments.get(&prefix) {
                Some(segment) => segment.clone(),
                None => {
                    let parent = module.path[..end - 1].to_vec();
                    let scope = scopes.entry(parent).or_default();
                    let segment = scope.claim(&names::package_segment(&module.path[end - 1]));
                    segments.insert(prefix, segment.clone());
                    segment
                }
            };
            package.push('.');
            package.push_str(&segment);
        }
        out.push(package);
    }
    out
}

/// The longest class name, in bytes. A class file's name joins the names of the classes it is
/// nested in (`Outer$AlternativeValue$$serializer.class`), and file systems allow 255 bytes;
/// deeply nested schemas give type names far longer than that.
const MAX_CLASS_NAME: usize = 64;

/// Claims `name` as a class name of the package, shortened past `MAX_CLASS_NAME` to a prefix and
/// a hash of the whole name, so the shortened name is stable and two long names stay apart.
fn claim_class(scope: &mut Scope, name: &str) -> String {
    scope.claim(&short_class_name(name))
}

fn short_class_name(name: &str) -> String {
    if name.len() <= MAX_CLASS_NAME {
        return name.to_string();
    }
    // FNV-1a: stable across runs, platforms and compiler versions, unlike `std`'s hasher.
    let hash = name.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    // Room for the hash and for the digits `Scope::claim` may add.
    let mut end = MAX_CLASS_NAME - 12;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{hash:08X}", &name[..end])
}

/// One file per class: names that differ only in case would overwrite each other on macOS and
/// Windows checkouts.
fn check_file_names(contracts: &Contracts, types: &[String]) -> Result<()> {
    let mut seen = BTreeSet::new();
    for (def, name) in contracts.types.iter().zip(types) {
        if !seen.insert((def.module, name.to_lowercase())) {
            return Err(Error::schema(
                &def.location,
                format!("the Kotlin class {name} differs from another only in letter case; rename one of the types"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{short_class_name, MAX_CLASS_NAME};

    #[test]
    fn long_class_names_are_cut_to_a_prefix_and_a_stable_hash() {
        assert_eq!(short_class_name("PayRequest"), "PayRequest");
        let long = "Item".repeat(60);
        let short = short_class_name(&long);
        assert!(short.len() <= MAX_CLASS_NAME, "{short}");
        assert!(short.starts_with("ItemItem"), "{short}");
        assert_eq!(short, short_class_name(&long));
        let other = format!("{long}2");
        assert_ne!(short, short_class_name(&other));
        // Cut on a character boundary, never inside one.
        let wide = "Ä".repeat(60);
        assert!(short_class_name(&wide).len() <= MAX_CLASS_NAME);
    }
}
