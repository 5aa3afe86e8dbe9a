//! The output modules while types are lowered: which module declares the types of a schema
//! document, and what the schema suggests calling a type there (each language then names it;
//! names are unique per module, not per message).

use std::collections::BTreeMap;

use crate::error::{Error, Location, Result};
use crate::ir::{HintBase, ModuleId, NameHint};
use crate::schema::{DocId, Registry, SchemaRef};

/// An output module while types are being lowered.
pub struct ModuleSlot {
    pub path: Vec<String>,
    pub schema_file: String,
    /// The message whose module this is, or the shared document.
    pub owner: Owner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Message(usize),
    Shared(DocId),
}

#[derive(Default)]
pub struct ModuleSpace {
    modules: Vec<ModuleSlot>,
    doc_modules: BTreeMap<DocId, ModuleId>,
    /// Each message root's file stem (`request`): the type there is named after it.
    root_names: BTreeMap<SchemaRef, String>,
    /// The module of the message being lowered: it owns types from documents outside the
    /// schema directory (built-in meta-schemas, mapped URI prefixes) that it reaches first.
    current: ModuleId,
}

impl ModuleSpace {
    /// Adds the module of message `index`, whose schema document is `doc` and whose root type
    /// is named after `root_name`, its file stem.
    pub fn add_message(
        &mut self,
        registry: &Registry,
        index: usize,
        path: Vec<String>,
        doc: DocId,
        root_name: &str,
    ) -> ModuleId {
        let root = SchemaRef {
            doc,
            pointer: String::new(),
        };
        let schema_file = registry.location(&root).file;
        self.root_names.insert(root, root_name.to_string());
        let id = self.modules.len();
        self.modules.push(ModuleSlot {
            path,
            schema_file,
            owner: Owner::Message(index),
        });
        self.doc_modules.insert(doc, id);
        id
    }

    /// Lowers message module `module`'s types from here on.
    pub fn enter(&mut self, module: ModuleId) {
        self.current = module;
    }

    pub fn finish(self) -> Vec<ModuleSlot> {
        self.modules
    }

    /// The module that declares types defined in document `doc`: its message's, one per
    /// shared file under the schema directory, else the current message's.
    pub fn module_of(&mut self, registry: &Registry, doc: DocId) -> Result<ModuleId> {
        if let Some(&id) = self.doc_modules.get(&doc) {
            return Ok(id);
        }
        let Some(relative) = registry.file_in_schema_dir(doc) else {
            return Ok(self.current);
        };
        let path = shared_module_path(&relative)?;
        let id = self.modules.len();
        self.modules.push(ModuleSlot {
            path,
            schema_file: relative,
            owner: Owner::Shared(doc),
        });
        self.doc_modules.insert(doc, id);
        Ok(id)
    }

    /// What to call the type at `at` in `module`: a message root after its message, a shared
    /// file's root after the file (whoever reaches it), anything else after `hint`.
    pub fn hint_for(&self, module: ModuleId, at: &SchemaRef, hint: &NameHint) -> NameHint {
        if let Some(root) = self.root_names.get(at) {
            return NameHint {
                base: HintBase::Message(root.clone()),
                suffix: Vec::new(),
            };
        }
        let stem = match self.modules.get(module) {
            Some(slot) if matches!(slot.owner, Owner::Shared(_)) && at.pointer.is_empty() => {
                slot.path.last()
            }
            _ => None,
        };
        match stem {
            Some(stem) => NameHint::given(stem),
            None => hint.clone(),
        }
    }
}

/// The module path of a shared schema file from its path relative to the schema directory:
/// `shared/upi.json` -> `["shared", "upi"]`. Each segment becomes a Rust module and a Kotlin
/// package name, so it must be snake_case like contract and message names.
pub fn shared_module_path(relative: &str) -> Result<Vec<String>> {
    let mut segments: Vec<String> = relative.split('/').map(str::to_string).collect();
    if let Some(last) = segments.last_mut() {
        let stem = last
            .strip_suffix(".schema.json")
            .or_else(|| last.strip_suffix(".json"))
            .or_else(|| last.rsplit_once('.').map(|(stem, _)| stem))
            .unwrap_or(last.as_str());
        *last = stem.to_string();
    }
    for segment in &segments {
        let mut chars = segment.chars();
        let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            return Err(Error::schema(
                &Location::new(relative, ""),
                format!(
                    "\"{segment}\" must be snake_case ([a-z][a-z0-9_]*): this file defines shared types or checks, and its path becomes a module and package name"
                ),
            ));
        }
    }
    Ok(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_files_become_module_paths() {
        let path = |p: &str| shared_module_path(p).map_err(|e| e.to_string());
        assert_eq!(
            path("shared/upi.json"),
            Ok(vec!["shared".into(), "upi".into()])
        );
        assert_eq!(path("common.schema.json"), Ok(vec!["common".into()]));
        assert_eq!(
            path("a/b/c_2.json"),
            Ok(vec!["a".into(), "b".into(), "c_2".into()])
        );
        let err = path("Shared/upi.json").err().unwrap_or_default();
        assert!(
            err.contains("Shared/upi.json") && err.contains("\"Shared\""),
            "{err}"
        );
        assert!(path("shared/2fa.json").is_err());
    }

    #[test]
    fn roots_are_named_after_their_message_and_shared_files_after_theirs() {
        let registry = Registry::new();
        let mut space = ModuleSpace::default();
        let a = space.add_message(&registry, 0, vec!["c".into(), "a".into()], 0, "result");
        let at = |doc: DocId, pointer: &str| SchemaRef {
            doc,
            pointer: pointer.to_string(),
        };
        let hint = NameHint::given("Amount");
        assert_eq!(
            space.hint_for(a, &at(0, ""), &hint).base,
            HintBase::Message("result".into())
        );
        assert_eq!(space.hint_for(a, &at(0, "/$defs/x"), &hint), hint);
    }
}
