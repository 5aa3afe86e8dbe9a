//! Per-path attributes, as prost-build's `type_attribute(path, attr)` and
//! `field_attribute(path, attr)`: a path is `.` (everything) or dot-separated module segments,
//! then a type's Rust name, then (for fields) a property name as the schema writes it:
//! `get_session_token` (a contract), `get_session_token.request` (a message: every type of its
//! module), `get_session_token.request.Payload` (one type), `...Payload.action` (one field);
//! a shared file's module works the same way (`shared.money.Amount`). A path covers what it
//! names and everything below it, as prost's package paths do.

use crate::error::{Error, Result};
use crate::ir::{Contracts, ModuleId, TypeId, TypeKind};

use super::names::RustNames;

/// The path that names every type and every field.
pub const EVERYWHERE: &str = ".";

/// Which user attributes apply to each type and field of a run, looked up once from the paths.
#[derive(Debug, Default)]
pub struct PathAttributes {
    /// By `ModuleId`: the type attributes whose path covers the whole module.
    modules: Vec<Vec<String>>,
    /// By `TypeId`: the type attributes whose path names that type alone.
    types: Vec<Vec<String>>,
    /// By `TypeId`, then field index (the struct's fields in schema order).
    fields: Vec<Vec<Vec<String>>>,
}

impl PathAttributes {
    /// Checks every `(path, attribute)` (the attribute is one Rust attribute, the path names a
    /// module, a type or a field of this run) and sorts them onto what they name.
    pub fn new(
        contracts: &Contracts,
        names: &RustNames,
        type_attributes: &[(String, String)],
        field_attributes: &[(String, String)],
    ) -> Result<PathAttributes> {
        let module_path = |module: ModuleId| {
            contracts
                .modules
                .get(module)
                .map(|m| m.path.join("."))
                .unwrap_or_default()
        };
        let type_path = |id: TypeId, module: ModuleId| {
            let name = names.types.get(id).map_or("", String::as_str);
            format!("{}.{name}", module_path(module))
        };
        let mut table = PathAttributes {
            modules: vec![Vec::new(); contracts.modules.len()],
            types: vec![Vec::new(); contracts.types.len()],
            fields: contracts
                .types
                .iter()
                .map(|def| match &def.kind {
                    TypeKind::Struct { fields } => vec![Vec::new(); fields.len()],
                    _ => Vec::new(),
                })
                .collect(),
        };

        for (path, attribute) in type_attributes {
            check_attribute("type_attribute", path, attribute)?;
            let mut named = false;
            for (module, slot) in table.modules.iter_mut().enumerate() {
                if covers(path, &module_path(module)) {
                    slot.push(attribute.clone());
                    named = true;
                }
            }
            for (id, def) in contracts.types.iter().enumerate() {
                let whole_module = covers(path, &module_path(def.module));
                if !whole_module && covers(path, &type_path(id, def.module)) {
                    if let Some(slot) = table.types.get_mut(id) {
                        slot.push(attribute.clone());
                    }
                    named = true;
                }
            }
            if !named {
                return Err(unknown("type_attribute", path, "module or type"));
            }
        }

        for (path, attribute) in field_attributes {
            check_attribute("field_attribute", path, attribute)?;
            let mut named = false;
            for (id, def) in contracts.types.iter().enumerate() {
                let TypeKind::Struct { fields } = &def.kind else {
                    continue;
                };
                let owner = type_path(id, def.module);
                for (index, field) in fields.iter().enumerate() {
                    if covers(path, &format!("{owner}.{}", field.wire_name)) {
                        if let Some(slot) = table.fields.get_mut(id).and_then(|f| f.get_mut(index))
                        {
                            slot.push(attribute.clone());
                        }
                        named = true;
                    }
                }
            }
            if !named {
                return Err(unknown("field_attribute", path, "field"));
            }
        }
        Ok(table)
    }

    /// The attributes whose path covers every type of `module` (`.`, its contract, its message
    /// or shared file): what the module's types are printed with.
    pub fn for_module(&self, module: ModuleId) -> &[String] {
        self.modules.get(module).map_or(&[], Vec::as_slice)
    }

    /// Every attribute of type `id`: its module's, then those naming it alone.
    pub fn for_type(&self, contracts: &Contracts, id: TypeId) -> Vec<String> {
        let module = contracts.types.get(id).map(|def| def.module);
        let mut out = module.map_or_else(Vec::new, |m| self.for_module(m).to_vec());
        out.extend(self.types.get(id).into_iter().flatten().cloned());
        out
    }

    /// The attributes of field `index` (in schema order) of struct `id`.
    pub fn for_field(&self, id: TypeId, index: usize) -> Vec<String> {
        self.fields
            .get(id)
            .and_then(|fields| fields.get(index))
            .cloned()
            .unwrap_or_default()
    }
}

/// Whether `path` names `target` or something that holds it: `.`, the same path, or a prefix
/// of it that ends where a segment ends.
fn covers(path: &str, target: &str) -> bool {
    path == EVERYWHERE
        || target == path
        || target
            .strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('.'))
}

fn unknown(kind: &str, path: &str, what: &str) -> Error {
    Error::Config(format!(
        "{kind}: path {path:?} names no {what} of the generated code (a path is \".\" or module \
         segments, a type's Rust name and a property name, e.g. get_session_token.request.Payload.action)"
    ))
}

/// Attributes come from the user: each must be one Rust attribute, said as a user error
/// naming the path it was given for.
fn check_attribute(kind: &str, path: &str, attribute: &str) -> Result<()> {
    match one_attribute(attribute) {
        Err(reason) => Err(Error::Config(format!(
            "{kind}({path:?}, {attribute:?}): {reason}"
        ))),
        Ok(()) => Ok(()),
    }
}

/// Whether `attribute` is one Rust attribute that generated types can carry. A `serde`
/// attribute cannot: the wire shape comes from the schema, and the structs' `Deserialize` is
/// generated, so a `#[serde(...)]` would change only one direction (or nothing) silently.
pub fn one_attribute(attribute: &str) -> std::result::Result<(), &'static str> {
    use syn::parse::Parser;
    match syn::Attribute::parse_outer.parse_str(attribute).as_deref() {
        Ok([one]) if one.path().is_ident("serde") => Err(
            "serde attributes are not accepted: the wire shape comes from the schema and \
             decoding is generated, so it would apply one way only",
        ),
        Ok([_]) => Ok(()),
        _ => Err("not one Rust attribute such as #[derive(Eq)]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contracts() -> Contracts {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema");
        crate::load(&crate::Options::new(dir))
            .map(|loaded| loaded.contracts)
            .unwrap_or_else(|e| panic!("the repository's schemas load: {e}"))
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(p, a)| (p.to_string(), a.to_string()))
            .collect()
    }

    fn type_id(contracts: &Contracts, names: &RustNames, module: &str, name: &str) -> TypeId {
        contracts
            .types
            .iter()
            .enumerate()
            .find(|(id, def)| {
                contracts.modules[def.module].path.join(".") == module && names.types[*id] == name
            })
            .map(|(id, _)| id)
            .unwrap_or_else(|| panic!("{module}.{name} is a generated type"))
    }

    fn field_index(contracts: &Contracts, id: TypeId, wire: &str) -> usize {
        let TypeKind::Struct { fields } = &contracts.types[id].kind else {
            panic!("type {id} is a struct");
        };
        fields
            .iter()
            .position(|f| f.wire_name == wire)
            .unwrap_or_else(|| panic!("{wire} is a field"))
    }

    #[test]
    fn a_path_names_a_message_a_definition_or_a_field() {
        let contracts = contracts();
        let names = RustNames::new(&contracts).unwrap();
        let table = PathAttributes::new(
            &contracts,
            &names,
            &pairs(&[
                (".", "#[derive(Eq)]"),
                ("get_session_token.request", "#[non_exhaustive]"),
                ("get_session_token.request.Payload", "#[derive(Hash)]"),
            ]),
            &pairs(&[(
                "get_session_token.request.Payload.action",
                "#[doc(alias = \"op\")]",
            )]),
        )
        .unwrap();
        let request = contracts
            .modules
            .iter()
            .position(|m| m.path.join(".") == "get_session_token.request")
            .unwrap();
        let response = contracts
            .modules
            .iter()
            .position(|m| m.path.join(".") == "get_session_token.response")
            .unwrap();
        assert_eq!(
            table.for_module(request),
            ["#[derive(Eq)]", "#[non_exhaustive]"]
        );
        assert_eq!(table.for_module(response), ["#[derive(Eq)]"]);

        let payload = type_id(&contracts, &names, "get_session_token.request", "Payload");
        let root = type_id(&contracts, &names, "get_session_token.request", "Request");
        assert_eq!(
            table.for_type(&contracts, payload),
            ["#[derive(Eq)]", "#[non_exhaustive]", "#[derive(Hash)]"]
        );
        assert_eq!(
            table.for_type(&contracts, root),
            ["#[derive(Eq)]", "#[non_exhaustive]"]
        );

        let action = field_index(&contracts, payload, "action");
        let key_id = field_index(&contracts, payload, "merchantKeyId");
        assert_eq!(table.for_field(payload, action), ["#[doc(alias = \"op\")]"]);
        assert!(table.for_field(payload, key_id).is_empty());
    }

    #[test]
    fn module_wide_paths_are_printable_and_a_prefix_stops_at_a_segment() {
        let contracts = contracts();
        let names = RustNames::new(&contracts).unwrap();
        let table = PathAttributes::new(
            &contracts,
            &names,
            &pairs(&[("get_session_token", "#[derive(Eq)]")]),
            &[],
        )
        .unwrap();
        for (module, m) in contracts.modules.iter().enumerate() {
            let expected: &[&str] =
                if m.path.first().map(String::as_str) == Some("get_session_token") {
                    &["#[derive(Eq)]"]
                } else {
                    &[]
                };
            assert_eq!(table.for_module(module), expected, "{:?}", m.path);
        }
        // `get_session` is not a segment of `get_session_token`.
        let err = PathAttributes::new(
            &contracts,
            &names,
            &pairs(&[("get_session", "#[derive(Eq)]")]),
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("\"get_session\""), "{err}");
    }

    /// Type settings, field settings, and what the error says.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [(&'a str, &'a str)], &'a str);

    #[test]
    fn unknown_paths_and_bad_attributes_are_errors_naming_them() {
        let contracts = contracts();
        let names = RustNames::new(&contracts).unwrap();
        let cases: [Case; 5] = [
            (
                &[("get_session_token.request.Nope", "#[derive(Eq)]")],
                &[],
                "type_attribute: path \"get_session_token.request.Nope\" names no",
            ),
            (
                &[],
                &[("get_session_token.request.Payload.nope", "#[doc = \"x\"]")],
                "field_attribute: path \"get_session_token.request.Payload.nope\" names no",
            ),
            (
                &[],
                &[("get_session_token.request.Payload", "#[serde(default)]")],
                "serde attributes are not accepted",
            ),
            (
                &[("get_session_token.request", "derive(Eq)")],
                &[],
                "type_attribute(\"get_session_token.request\", \"derive(Eq)\"): not one Rust attribute",
            ),
            (
                &[],
                &[(".", "#[a] #[b]")],
                "field_attribute(\".\", \"#[a] #[b]\"): not one Rust attribute",
            ),
        ];
        for (types, fields, expected) in cases {
            let err = PathAttributes::new(&contracts, &names, &pairs(types), &pairs(fields))
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{err}");
        }
    }
}
