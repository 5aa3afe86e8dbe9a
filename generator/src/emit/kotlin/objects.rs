//! Object applicators: `properties`, `patternProperties`, `additionalProperties`,
//! `propertyNames` and `unevaluatedProperties`, each a loop or lookup over the instance's
//! properties that applies a subschema at the property's pointer.

use super::layout::{string_literal, width, Expr, Writer, WIDTH};
use super::names::{replace_name, use_count, uses};
use super::validator::{Inst, ValidatorWriter};
use crate::ir::{Schema, SchemaBody};

impl ValidatorWriter<'_> {
    pub(super) fn properties(
        &mut self,
        w: &mut Writer,
        list: &[(String, Schema)],
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) {
        for (name, schema) in list {
            if schema.body == SchemaBody::Any {
                continue;
            }
            let n = self.fresh();
            let child = inst.child(format!("value{n}"), format!("at{n}"));
            let mut body = self.render(w.indent() / 4 + 1, |v, inner| {
                v.schema(inner, schema, &child, errors, None)
            });
            let key = string_literal(name);
            if let Some(line) = self.one_line_property(&body, &key, &child, inst) {
                if w.indent() + width(&line) <= WIDTH {
                    w.line(&line);
                    continue;
                }
            }
            if uses(&body, &child.at) {
                let at = format!("val {} = {}.child({key})", child.at, inst.at);
                body = format!("{}{at}\n{body}", " ".repeat(w.indent() + 4));
            }
            if !uses(&body, &child.value) {
                w.open(&format!("if ({key} in {}) {{", inst.value));
            } else {
                let header = format!("{}[{key}]?.let {{ {} ->", inst.value, child.value);
                if w.indent() + width(&header) <= WIDTH {
                    w.open(&header);
                } else {
                    w.assign(
                        &format!("val {}", child.value),
                        &Expr::atom(format!("{}[{key}]", inst.value)),
                    );
                    w.open(&format!("if ({} != null) {{", child.value));
                }
            }
            w.raw(&body);
            w.close("}");
        }
        if let Some(collector) = collector {
            let mut args = vec![Expr::atom(&inst.value)];
            args.extend(
                list.iter()
                    .map(|(name, _)| Expr::atom(string_literal(name))),
            );
            w.statement(
                "",
                &Expr::call(format!("{collector}.addProperties"), args),
                "",
            );
        }
    }

    /// `value["x"]?.let { value1 -> check(value1, at.child("x"), errors) }` for a property
    /// whose schema is one statement that names its pointer once.
    pub(super) fn one_line_property(
        &self,
        body: &str,
        key: &str,
        child: &Inst,
        inst: &Inst,
    ) -> Option<String> {
        let statement = body.trim();
        if statement.contains('\n')
            || use_count(statement, &child.at) != 1
            || !uses(statement, &child.value)
        {
            return None;
        }
        let statement = replace_name(statement, &child.at, &format!("{}.child({key})", inst.at));
        Some(format!(
            "{}[{key}]?.let {{ {} -> {statement} }}",
            inst.value, child.value
        ))
    }

    /// One loop over the properties for `patternProperties` (patterns given) or
    /// `additionalProperties` (one schema, skipping `known` names and `skip` patterns).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn each_property(
        &mut self,
        w: &mut Writer,
        schemas: &[(Option<usize>, &Schema)],
        known: &[String],
        skip: &[usize],
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) {
        let n = self.fresh();
        let (name, child) = (
            format!("name{n}"),
            inst.child(format!("value{n}"), format!("at{n}")),
        );
        let level = w.indent() / 4 + 1;
        let pad = " ".repeat(level * 4);
        let mut applied = String::new();
        for (pattern, schema) in schemas {
            let part = self.render(level + usize::from(pattern.is_some()), |v, inner| {
                v.schema(inner, schema, &child, errors, None);
                if let Some(collector) = collector {
                    inner.line(&format!("{collector}.properties.add({name})"));
                }
            });
            if part.is_empty() {
                continue;
            }
            match pattern {
                Some(id) => {
                    let pattern = self.pattern(*id);
                    applied.push_str(&format!(
                        "{pad}if ({pattern}.matcher({name}).find()) {{\n{part}{pad}}}\n"
                    ));
                }
                None => applied.push_str(&part),
            }
        }
        if applied.is_empty() {
            return;
        }
        let mut skips = String::new();
        if !known.is_empty() {
            self.name_sets.push(known.to_vec());
            let set = format!("KNOWN_{}", self.name_sets.len() - 1);
            skips.push_str(&format!("{pad}if ({name} in {set}) continue\n"));
        }
        for id in skip {
            let pattern = self.pattern(*id);
            skips.push_str(&format!(
                "{pad}if ({pattern}.matcher({name}).find()) continue\n"
            ));
        }
        if uses(&applied, &child.at) {
            applied = format!(
                "{pad}val {} = {}.child({name})\n{applied}",
                child.at, inst.at
            );
        }
        let value = if uses(&applied, &child.value) {
            child.value.clone()
        } else {
            "_".to_string()
        };
        w.open(&format!("for (({name}, {value}) in {}) {{", inst.value));
        w.raw(&skips);
        w.raw(&applied);
        w.close("}");
    }

    pub(super) fn property_names(
        &mut self,
        w: &mut Writer,
        schema: &Schema,
        inst: &Inst,
        errors: &str,
    ) {
        let n = self.fresh();
        let name = format!("name{n}");
        let child = inst.child(format!("value{n}"), inst.at.clone());
        let mut body = self.render(w.indent() / 4 + 1, |v, inner| {
            v.schema(inner, schema, &child, errors, None)
        });
        if body.is_empty() {
            return;
        }
        if uses(&body, &child.value) {
            let primitive = self.symbols.name("JsonPrimitive");
            body = format!(
                "{}val {} = {primitive}({name})\n{body}",
                " ".repeat(w.indent() + 4),
                child.value
            );
        }
        w.open(&format!("for ({name} in {}.keys) {{", inst.value));
        w.raw(&body);
        w.close("}");
    }

    pub(super) fn unevaluated_properties(
        &mut self,
        w: &mut Writer,
        schema: &Schema,
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) {
        let fresh = format!("{}()", self.symbols.name("Evaluated"));
        let collector = collector.map(str::to_string).unwrap_or(fresh);
        let n = self.fresh();
        let (name, child) = (
            format!("name{n}"),
            inst.child(format!("value{n}"), format!("at{n}")),
        );
        let mut body = self.render(w.indent() / 4 + 1, |v, inner| {
            v.schema(inner, schema, &child, errors, None)
        });
        if !body.is_empty() {
            let pad = " ".repeat(w.indent() + 4);
            if uses(&body, &child.at) {
                body = format!("{pad}val {} = {}.child({name})\n{body}", child.at, inst.at);
            }
            let value = if uses(&body, &child.value) {
                child.value.clone()
            } else {
                "_".to_string()
            };
            w.open(&format!("for (({name}, {value}) in {}) {{", inst.value));
            w.line(&format!("if ({name} in {collector}.properties) continue"));
            w.raw(&body);
            w.close("}");
        }
        w.line(&format!(
            "{collector}.properties.addAll({}.keys)",
            inst.value
        ));
    }
}
