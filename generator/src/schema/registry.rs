//! The set of loaded schema documents and everything a `$ref` can name in them:
//! resources (`$id`), anchors (`$anchor`, `$dynamicAnchor`) and plain JSON pointers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::keywords::schema_children;
use super::pointer::pointer_get;
use super::uri::Uri;
use crate::error::{escape_pointer_token, Error, Location, Result};

pub type DocId = usize;

/// The draft 2020-12 meta-schemas as published with the specification (vendored unchanged).
const METASCHEMAS: &[(&str, &str)] = &[
    (
        "https://json-schema.org/draft/2020-12/schema",
        include_str!("../../metaschemas/draft2020-12/schema.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/core",
        include_str!("../../metaschemas/draft2020-12/meta/core.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/applicator",
        include_str!("../../metaschemas/draft2020-12/meta/applicator.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/unevaluated",
        include_str!("../../metaschemas/draft2020-12/meta/unevaluated.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/validation",
        include_str!("../../metaschemas/draft2020-12/meta/validation.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/meta-data",
        include_str!("../../metaschemas/draft2020-12/meta/meta-data.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/format-annotation",
        include_str!("../../metaschemas/draft2020-12/meta/format-annotation.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/format-assertion",
        include_str!("../../metaschemas/draft2020-12/meta/format-assertion.json"),
    ),
    (
        "https://json-schema.org/draft/2020-12/meta/content",
        include_str!("../../metaschemas/draft2020-12/meta/content.json"),
    ),
];

/// A schema location: a document and a pointer into it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchemaRef {
    pub doc: DocId,
    pub pointer: String,
}

impl SchemaRef {
    /// The location below this one reached by `tokens` (unescaped pointer tokens).
    pub fn child(&self, tokens: &[&str]) -> SchemaRef {
        let mut pointer = self.pointer.clone();
        for token in tokens {
            pointer.push('/');
            pointer.push_str(&escape_pointer_token(token));
        }
        SchemaRef {
            doc: self.doc,
            pointer,
        }
    }
}

/// Where a `$ref` leads, with the base URI in force there.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub target: SchemaRef,
    pub base: Uri,
}

struct Document {
    /// Empty for the built-in meta-schemas, which are no file of the user's.
    path: PathBuf,
    display: String,
    value: Value,
    /// Every resource in the document: the pointer of the schema that declares it and its URI.
    bases: Vec<(String, Uri)>,
}

#[derive(Default)]
pub struct Registry {
    docs: Vec<Document>,
    /// Absolute URI without fragment -> the schema it identifies.
    resources: BTreeMap<String, SchemaRef>,
    /// `uri#name` -> the schema carrying that anchor; the flag marks `$dynamicAnchor`.
    anchors: BTreeMap<String, (SchemaRef, bool)>,
    /// URI prefixes the user serves from local directories, longest first when matched.
    prefixes: Vec<(String, PathBuf)>,
    /// Directories of documents with an http(s) `$id`, serving their siblings; consulted
    /// after the user's prefixes.
    sibling_prefixes: Vec<(String, PathBuf)>,
    /// The schema directory (canonical): files under it are named relative to it.
    schema_dir: Option<PathBuf>,
}

impl Registry {
    pub fn new() -> Self {
        Registry::default()
    }

    /// Serves every URI starting with `prefix` from the file `dir` + the rest of the URI.
    pub fn map_prefix(&mut self, prefix: &str, dir: &Path) {
        self.prefixes.push((prefix.to_string(), dir.to_path_buf()));
        self.prefixes
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    }

    /// Names files under `dir` by their path relative to it (in messages, headers and doc
    /// comments), so output never depends on where the checkout is.
    pub fn set_schema_dir(&mut self, dir: &Path) {
        self.schema_dir = std::fs::canonicalize(dir).ok();
    }

    /// The path of document `doc` relative to the schema directory, with `/` separators, when
    /// it is a file under it.
    pub fn file_in_schema_dir(&self, doc: DocId) -> Option<String> {
        let path = &self.docs.get(doc)?.path;
        if path.as_os_str().is_empty() {
            return None;
        }
        self.relative_to_schema_dir(path)
    }

    fn relative_to_schema_dir(&self, path: &Path) -> Option<String> {
        let dir = self.schema_dir.as_ref()?;
        let canonical = std::fs::canonicalize(path).ok()?;
        let relative = canonical.strip_prefix(dir).ok()?;
        let segments: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(segments.join("/"))
    }

    /// Every file read so far, in load order.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.docs
            .iter()
            .map(|d| d.path.as_path())
            .filter(|p| !p.as_os_str().is_empty())
    }

    /// Adds the draft 2020-12 meta-schemas, so `$ref`s to them resolve with no network.
    pub fn add_metaschemas(&mut self) -> Result<()> {
        for (uri, text) in METASCHEMAS {
            let value: Value = serde_json::from_str(text).map_err(|e| {
                Error::Config(format!("built-in meta-schema {uri} is not JSON: {e}"))
            })?;
            let url = Uri::parse(uri)
                .map_err(|e| Error::Config(format!("built-in meta-schema URI {uri}: {e}")))?;
            self.add_document(PathBuf::new(), format!("(built-in) {uri}"), value, url)?;
        }
        Ok(())
    }

    /// Loads a schema file (once) and indexes its resources and anchors.
    pub fn load_file(&mut self, path: &Path, display: &str) -> Result<DocId> {
        let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
        let file_url = Uri::from_file_path(&absolute)
            .ok_or_else(|| Error::Config(format!("{}: cannot form a file URI", path.display())))?;
        self.load_file_as(path, display, file_url)
    }

    /// Loads a schema file that was asked for by `uri` (its retrieval URI).
    fn load_file_as(&mut self, path: &Path, display: &str, uri: Uri) -> Result<DocId> {
        if let Some(id) = self.docs.iter().position(|d| d.path == path) {
            return Ok(id);
        }
        let value = super::nesting::read_schema_file(path, display)?;
        self.add_document(path.to_path_buf(), display.to_string(), value, uri)
    }

    /// Adds an in-memory document whose retrieval URI is `uri`.
    pub fn add_document(
        &mut self,
        path: PathBuf,
        display: String,
        value: Value,
        uri: Uri,
    ) -> Result<DocId> {
        let doc = self.docs.len();
        self.docs.push(Document {
            path: path.clone(),
            display,
            value,
            bases: Vec::new(),
        });
        let root = SchemaRef {
            doc,
            pointer: String::new(),
        };
        self.add_retrieval_uri(strip_fragment(&uri), &root)?;
        let value = self.docs[doc].value.clone();
        let mut bases = Vec::new();
        self.index(doc, &value, String::new(), uri.clone(), &mut bases)?;
        // A document that names itself with an http(s) `$id` serves its siblings too:
        // `$ref: "other.schema.json"` from it means the file next to it.
        if let Some((_, root_id)) = bases.iter().find(|(p, _)| p.is_empty()) {
            if root_id != &uri && root_id.scheme() != "file" {
                if let (Ok(dir_uri), Some(dir)) = (root_id.join("./"), path.parent()) {
                    let prefix = dir_uri.to_string();
                    if !self.sibling_prefixes.iter().any(|(p, _)| p == &prefix) {
                        self.sibling_prefixes.push((prefix, dir.to_path_buf()));
                    }
                }
            }
        }
        self.docs[doc].bases = bases;
        Ok(doc)
    }

    fn index(
        &mut self,
        doc: DocId,
        value: &Value,
        pointer: String,
        base: Uri,
        bases: &mut Vec<(String, Uri)>,
    ) -> Result<()> {
        let Value::Object(map) = value else {
            if pointer.is_empty() {
                bases.push((pointer, base));
            }
            return Ok(());
        };
        let here = SchemaRef {
            doc,
            pointer: pointer.clone(),
        };
        let mut base = base;
        if let Some(id) = map.get("$id") {
            let Some(id) = id.as_str() else {
                return Err(Error::schema(
                    &self.location(&here).join("$id"),
                    "$id must be a string",
                ));
            };
            base = base.join(id).map_err(|e| {
                Error::schema(
                    &self.location(&here).join("$id"),
                    format!("invalid URI reference \"{id}\": {e}"),
                )
            })?;
            self.add_resource(strip_fragment(&base), &here)?;
            bases.push((pointer.clone(), base.clone()));
        } else if pointer.is_empty() {
            bases.push((pointer.clone(), base.clone()));
        }
        for (keyword, dynamic) in [("$anchor", false), ("$dynamicAnchor", true)] {
            if let Some(name) = map.get(keyword) {
                let Some(name) = name.as_str() else {
                    return Err(Error::schema(
                        &self.location(&here).join(keyword),
                        format!("{keyword} must be a string"),
                    ));
                };
                self.add_anchor(&base, name, keyword, dynamic, &here)?;
            }
        }
        for child in schema_children(value) {
            let mut child_pointer = pointer.clone();
            for token in &child.tokens {
                child_pointer.push('/');
                child_pointer.push_str(&escape_pointer_token(token));
            }
            self.index(doc, child.value, child_pointer, base.clone(), bases)?;
        }
        Ok(())
    }

    /// Registers the schema at `here` as the resource `uri`. Two schemas naming the same URI
    /// would make every `$ref` to it mean one of them silently, so that is an error naming both
    /// (the same file read twice, under two spellings of its path, is one schema).
    fn add_resource(&mut self, uri: String, here: &SchemaRef) -> Result<()> {
        if let Some(first) = self.resources.get(&uri) {
            if first != here && !self.same_schema(first, here) {
                return Err(Error::schema(
                    &self.location(here).join("$id"),
                    format!(
                        "expected a URI no other schema has, found \"{uri}\", already the $id of {}",
                        self.location(first)
                    ),
                ));
            }
            return Ok(());
        }
        self.resources.insert(uri, here.clone());
        Ok(())
    }

    /// Registers a document under the URI it was read by. A URI that already names another
    /// schema (a `$id` elsewhere, or another document) would make every `$ref` to it mean one
    /// of the two silently, so that is an error naming both.
    fn add_retrieval_uri(&mut self, uri: String, root: &SchemaRef) -> Result<()> {
        if let Some(first) = self.resources.get(&uri) {
            if first != root && !self.same_schema(first, root) {
                return Err(Error::schema(
                    &self.location(root),
                    format!(
                        "expected a URI no other schema has, found \"{uri}\" (the URI this file \
                         is read by), already the URI of {}",
                        self.location(first)
                    ),
                ));
            }
            return Ok(());
        }
        self.resources.insert(uri, root.clone());
        Ok(())
    }

    /// Registers `$anchor` / `$dynamicAnchor` `name` of the schema at `here`, in the resource
    /// `base` names. Anchor names are unique per resource (the two keywords share one set of
    /// names): a second schema with the same name is an error naming both, since a `$ref`
    /// would reach one of them silently.
    fn add_anchor(
        &mut self,
        base: &Uri,
        name: &str,
        keyword: &str,
        dynamic: bool,
        here: &SchemaRef,
    ) -> Result<()> {
        let resource = strip_fragment(base);
        let key = format!("{resource}#{name}");
        if let Some((first, _)) = self.anchors.get(&key) {
            if first != here && !self.same_schema(first, here) {
                return Err(Error::schema(
                    &self.location(here).join(keyword),
                    format!(
                        "expected an anchor name no other schema in {resource} has, found \
                         \"{name}\", already an anchor of {}",
                        self.location(first)
                    ),
                ));
            }
        }
        // A `$dynamicAnchor` is also a plain anchor; never let the plain entry
        // overwrite the dynamic flag of the same name.
        let entry = self.anchors.entry(key).or_insert((here.clone(), dynamic));
        entry.1 |= dynamic;
        Ok(())
    }

    fn same_schema(&self, a: &SchemaRef, b: &SchemaRef) -> bool {
        let file = |at: &SchemaRef| {
            self.docs
                .get(at.doc)
                .map(|d| d.path.as_path())
                .filter(|p| !p.as_os_str().is_empty())
                .and_then(|p| std::fs::canonicalize(p).ok())
        };
        a.pointer == b.pointer && file(a).is_some() && file(a) == file(b)
    }

    pub fn value(&self, at: &SchemaRef) -> Option<&Value> {
        pointer_get(&self.docs.get(at.doc)?.value, &at.pointer)
    }

    /// File and pointer of a schema location, for messages.
    pub fn location(&self, at: &SchemaRef) -> Location {
        let file = self
            .docs
            .get(at.doc)
            .map(|d| d.display.clone())
            .unwrap_or_default();
        Location::new(file, at.pointer.clone())
    }

    /// The base URI in force at a schema location: that of the nearest enclosing `$id`.
    pub fn base_of(&self, at: &SchemaRef) -> Option<Uri> {
        let doc = self.docs.get(at.doc)?;
        doc.bases
            .iter()
            .filter(|(p, _)| is_pointer_prefix(p, &at.pointer))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, u)| u.clone())
    }

    /// The schema that declares the resource `at` belongs to.
    pub fn resource_root(&self, at: &SchemaRef) -> Option<SchemaRef> {
        let doc = self.docs.get(at.doc)?;
        doc.bases
            .iter()
            .filter(|(p, _)| is_pointer_prefix(p, &at.pointer))
            .max_by_key(|(p, _)| p.len())
            .map(|(p, _)| SchemaRef {
                doc: at.doc,
                pointer: p.clone(),
            })
    }

    /// Resolves `reference` against `base`; `at` is where the `$ref` stands (for errors).
    pub fn resolve(&mut self, base: &Uri, reference: &str, at: &Location) -> Result<Resolved> {
        let unresolved = |reason: String| Error::UnresolvedRef {
            location: at.clone(),
            reference: reference.to_string(),
            reason,
        };
        let absolute = base
            .join(reference)
            .map_err(|e| unresolved(format!("not a URI reference: {e}")))?;
        let resource_uri = strip_fragment(&absolute);
        if !self.resources.contains_key(&resource_uri) {
            self.load_by_uri(&absolute, at)?;
        }
        let Some(resource) = self.resources.get(&resource_uri).cloned() else {
            return Err(unresolved(format!(
                "no schema with URI {resource_uri} was loaded, and it maps to no local file"
            )));
        };
        let fragment = absolute
            .fragment()
            .map(|f| {
                percent_decode(f).ok_or_else(|| unresolved("bad percent-encoding".to_string()))
            })
            .transpose()?
            .unwrap_or_default();
        let target = if fragment.is_empty() || fragment.starts_with('/') {
            SchemaRef {
                doc: resource.doc,
                pointer: format!("{}{}", resource.pointer, fragment),
            }
        } else {
            match self.anchors.get(&format!("{resource_uri}#{fragment}")) {
                Some((target, _)) => target.clone(),
                None => {
                    return Err(unresolved(format!(
                        "no anchor \"{fragment}\" in {resource_uri}"
                    )))
                }
            }
        };
        if self.value(&target).is_none() {
            return Err(unresolved(format!(
                "{} has nothing at {}",
                self.location(&resource).file,
                target.pointer
            )));
        }
        let base = self
            .base_of(&target)
            .ok_or_else(|| unresolved("target has no base URI".to_string()))?;
        Ok(Resolved { target, base })
    }

    /// The schema carrying `$dynamicAnchor: name` directly in the resource `resource_uri`.
    pub fn dynamic_anchor(&self, resource_uri: &str, name: &str) -> Option<SchemaRef> {
        match self.anchors.get(&format!("{resource_uri}#{name}")) {
            Some((target, true)) => Some(target.clone()),
            _ => None,
        }
    }

    /// Every schema carrying `$dynamicAnchor: name`, in any loaded resource.
    pub fn dynamic_anchors_named(&self, name: &str) -> Vec<SchemaRef> {
        let suffix = format!("#{name}");
        self.anchors
            .iter()
            .filter(|(key, (_, dynamic))| *dynamic && key.ends_with(&suffix))
            .map(|(_, (target, _))| target.clone())
            .collect()
    }

    fn load_by_uri(&mut self, uri: &Uri, at: &Location) -> Result<()> {
        let resource_uri = strip_fragment(uri);
        let path = if uri.scheme() == "file" {
            uri.to_file_path().filter(|p| p.is_file())
        } else {
            self.prefixes
                .iter()
                .chain(&self.sibling_prefixes)
                .filter(|(prefix, _)| resource_uri.starts_with(prefix.as_str()))
                .map(|(prefix, dir)| dir.join(&resource_uri[prefix.len()..]))
                .find(|p| p.is_file())
        };
        let Some(path) = path else {
            return Ok(());
        };
        let display = self
            .relative_to_schema_dir(&path)
            .unwrap_or_else(|| path.display().to_string());
        let retrieval = uri.without_fragment();
        let doc = self
            .load_file_as(&path, &display, retrieval)
            .map_err(|e| match e {
                Error::Io { .. } | Error::Json { .. } => Error::UnresolvedRef {
                    location: at.clone(),
                    reference: uri.to_string(),
                    reason: e.to_string(),
                },
                other => other,
            })?;
        // The file is also the resource its retrieval URI names.
        self.resources.entry(resource_uri).or_insert(SchemaRef {
            doc,
            pointer: String::new(),
        });
        Ok(())
    }

    /// The URI of a resource root, without fragment.
    pub fn resource_uri(&self, root: &SchemaRef) -> Option<String> {
        let doc = self.docs.get(root.doc)?;
        doc.bases
            .iter()
            .find(|(p, _)| p == &root.pointer)
            .map(|(_, u)| strip_fragment(u))
    }
}

fn strip_fragment(uri: &Uri) -> String {
    uri.without_fragment().to_string()
}

fn is_pointer_prefix(prefix: &str, pointer: &str) -> bool {
    prefix.is_empty()
        || pointer == prefix
        || (pointer.starts_with(prefix) && pointer.as_bytes().get(prefix.len()) == Some(&b'/'))
}

fn percent_decode(text: &str) -> Option<String> {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn registry_with(value: Value) -> (Registry, Uri) {
        let mut registry = Registry::new();
        let uri = Uri::parse("file:///schemas/a.schema.json").unwrap();
        registry
            .add_document(
                "a.schema.json".into(),
                "a.schema.json".into(),
                value,
                uri.clone(),
            )
            .unwrap();
        (registry, uri)
    }

    #[test]
    fn resolves_pointers_ids_and_anchors() {
        let (mut registry, uri) = registry_with(json!({
            "$id": "https://example.com/root.json",
            "$defs": {
                "a": {"$anchor": "here", "type": "string"},
                "b": {"$id": "nested/b.json", "$defs": {"c": {"type": "integer"}}}
            }
        }));
        let at = Location::new("a.schema.json", "/x");
        let base = registry
            .base_of(&SchemaRef {
                doc: 0,
                pointer: String::new(),
            })
            .unwrap();
        assert_eq!(base.as_str(), "https://example.com/root.json");
        let by_anchor = registry.resolve(&base, "#here", &at).unwrap();
        assert_eq!(by_anchor.target.pointer, "/$defs/a");
        let by_id = registry
            .resolve(&base, "nested/b.json#/$defs/c", &at)
            .unwrap();
        assert_eq!(by_id.target.pointer, "/$defs/b/$defs/c");
        assert_eq!(by_id.base.as_str(), "https://example.com/nested/b.json");
        let by_file = registry.resolve(&uri, "#/$defs/a", &at).unwrap();
        assert_eq!(by_file.target.pointer, "/$defs/a");
    }

    #[test]
    fn unresolvable_refs_name_the_place() {
        let (mut registry, uri) = registry_with(json!({"$defs": {}}));
        let at = Location::new("a.schema.json", "/properties/x/$ref");
        let err = registry.resolve(&uri, "#/$defs/missing", &at).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("a.schema.json#/properties/x/$ref"), "{text}");
        assert!(text.contains("#/$defs/missing"), "{text}");
        let err = registry.resolve(&uri, "other.json", &at).unwrap_err();
        assert!(err.to_string().contains("other.json"));
    }

    #[test]
    fn two_files_with_one_id_are_an_error_naming_both() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pay")).unwrap();
        let id = r#""$id": "https://example.com/money.json""#;
        std::fs::write(
            dir.path().join("pay/request.schema.json"),
            format!(r#"{{{id}, "type": "string"}}"#),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("pay/response.schema.json"),
            format!(r#"{{"$defs": {{"m": {{{id}, "type": "integer"}}}}}}"#),
        )
        .unwrap();
        let Err(err) = crate::load(&crate::Options::new(dir.path())) else {
            panic!("two schemas with one $id were accepted");
        };
        assert_eq!(
            err.to_string(),
            "pay/response.schema.json#/$defs/m/$id: expected a URI no other schema has, found \
             \"https://example.com/money.json\", already the $id of pay/request.schema.json#"
        );
    }

    #[test]
    fn one_schema_reached_under_its_id_and_its_file_is_one_resource() {
        // The root's `$id` is also the URI it was loaded by; a second spelling of the same
        // file's path (relative, then absolute) is the same schema, not a clash.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.schema.json");
        std::fs::write(&file, r#"{"$defs": {"b": {"$id": "b.json"}}}"#).unwrap();
        let mut registry = Registry::new();
        registry.load_file(&file, "a.schema.json").unwrap();
        let uri = Uri::from_file_path(&file).unwrap();
        registry
            .add_document(
                dir.path().join(".").join("a.schema.json"),
                "a.schema.json".into(),
                json!({"$defs": {"b": {"$id": "b.json"}}}),
                uri,
            )
            .unwrap();
        let id = registry.add_document(
            PathBuf::new(),
            "x".into(),
            json!({"$id": "b.json"}),
            Uri::from_file_path(dir.path().join("c.json")).unwrap(),
        );
        assert!(
            id.is_err(),
            "a different schema with the same $id was accepted"
        );
    }

    #[test]
    fn two_equal_anchors_in_one_resource_are_an_error_naming_both() {
        for (first, second) in [
            ("$anchor", "$anchor"),
            ("$dynamicAnchor", "$dynamicAnchor"),
            ("$anchor", "$dynamicAnchor"),
        ] {
            let mut registry = Registry::new();
            let err = registry
                .add_document(
                    "a.schema.json".into(),
                    "a.schema.json".into(),
                    json!({"$defs": {"x": {first: "n"}, "y": {second: "n"}}}),
                    Uri::parse("file:///schemas/a.schema.json").unwrap(),
                )
                .unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "a.schema.json#/$defs/y/{second}: expected an anchor name no other schema in \
                     file:///schemas/a.schema.json has, found \"n\", already an anchor of \
                     a.schema.json#/$defs/x"
                )
            );
        }
    }

    #[test]
    fn equal_anchors_in_two_resources_and_both_keywords_on_one_schema_are_fine() {
        let (mut registry, uri) = registry_with(json!({
            "$defs": {
                "x": {"$anchor": "n", "$dynamicAnchor": "n"},
                "y": {"$id": "y.json", "$anchor": "n"}
            }
        }));
        let at = Location::new("a.schema.json", "/x");
        assert_eq!(
            registry.resolve(&uri, "#n", &at).unwrap().target.pointer,
            "/$defs/x"
        );
        assert_eq!(
            registry
                .resolve(&uri, "y.json#n", &at)
                .unwrap()
                .target
                .pointer,
            "/$defs/y"
        );
        let x = SchemaRef {
            doc: 0,
            pointer: "/$defs/x".into(),
        };
        assert_eq!(registry.dynamic_anchor(uri.as_str(), "n"), Some(x));
    }

    #[test]
    fn a_document_read_by_a_uri_another_schema_has_is_an_error_naming_both() {
        let (mut registry, _) = registry_with(json!({
            "$defs": {"b": {"$id": "https://example.com/b.json", "type": "string"}}
        }));
        let err = registry
            .add_document(
                "b.json".into(),
                "b.json".into(),
                json!({"type": "integer"}),
                Uri::parse("https://example.com/b.json").unwrap(),
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "b.json#: expected a URI no other schema has, found \"https://example.com/b.json\" \
             (the URI this file is read by), already the URI of a.schema.json#/$defs/b"
        );
    }
}
