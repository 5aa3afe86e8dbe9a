//! The applicator keywords, written out as Kotlin control flow: subschemas on properties and
//! items, the combinators, references, content and the `unevaluated*` keywords. Each keeps the
//! IR's semantics: a failing `anyOf`/`oneOf`/`not` reports one error at its own instance, and an
//! in-place subschema's evaluated properties/items count only when it succeeded.

use super::layout::{string_literal, Expr, Writer};
use super::names::uses;
use super::validator::{Inst, ValidatorWriter};
use crate::ir::{Check, ContentCheck, Rule, Schema, SchemaBody};
use crate::messages::{json_text, MessageId};
use serde_json::Value;

impl ValidatorWriter<'_> {
    pub(super) fn applicator(
        &mut self,
        w: &mut Writer,
        check: &Check,
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) {
        match &check.rule {
            Rule::Content(content) => self.content(w, check, content, inst, errors),
            // Each name comes with its message, complete when generated.
            Rule::Required(names) => {
                let mut args = vec![
                    Expr::atom(&inst.value),
                    Expr::atom(&inst.at),
                    Expr::atom(errors),
                ];
                args.push(self.location(&check.keyword));
                for name in names {
                    let shown = json_text(&Value::String(name.clone()));
                    let message = self.message(MessageId::MissingRequired, &[("name", &shown)]);
                    args.push(Expr::infix(string_literal(name), "to", message));
                }
                let call = self.checks_call("required", args);
                w.statement("", &call, "");
            }
            Rule::DependentRequired(list) => {
                for (property, names) in list {
                    let shown_property = json_text(&Value::String(property.clone()));
                    let mut args = vec![
                        Expr::atom(&inst.value),
                        Expr::atom(&inst.at),
                        Expr::atom(errors),
                    ];
                    args.push(self.location(&check.keyword));
                    args.push(Expr::atom(string_literal(property)));
                    for name in names {
                        let shown = json_text(&Value::String(name.clone()));
                        let message = self.message(
                            MessageId::MissingDependent,
                            &[("name", &shown), ("property", &shown_property)],
                        );
                        args.push(Expr::infix(string_literal(name), "to", message));
                    }
                    let call = self.checks_call("dependentRequired", args);
                    w.statement("", &call, "");
                }
            }
            Rule::Properties(list) => self.properties(w, list, inst, errors, collector),
            Rule::PatternProperties(list) => {
                let patterns: Vec<(Option<usize>, &Schema)> =
                    list.iter().map(|(p, s)| (Some(*p), s)).collect();
                self.each_property(w, &patterns, &[], &[], inst, errors, collector);
            }
            Rule::AdditionalProperties {
                properties,
                patterns,
                schema,
            } => {
                self.each_property(
                    w,
                    &[(None, schema)],
                    properties,
                    patterns,
                    inst,
                    errors,
                    collector,
                );
            }
            Rule::PropertyNames(schema) => self.property_names(w, schema, inst, errors),
            Rule::DependentSchemas(list) => {
                for (property, schema) in list {
                    let body = self.render(w.indent() / 4 + 1, |v, inner| {
                        v.schema(inner, schema, inst, errors, collector)
                    });
                    if !body.is_empty() {
                        w.open(&format!(
                            "if ({} in {}) {{",
                            string_literal(property),
                            inst.value
                        ));
                        w.raw(&body);
                        w.close("}");
                    }
                }
            }
            Rule::UnevaluatedProperties(schema) => {
                self.unevaluated_properties(w, schema, inst, errors, collector)
            }
            Rule::PrefixItems(list) => self.prefix_items(w, list, inst, errors, collector),
            Rule::Items { from, schema } => self.items(w, *from, schema, inst, errors, collector),
            Rule::Contains { schema, min, max } => {
                self.contains(w, check, schema, *min, *max, inst, errors, collector)
            }
            Rule::UnevaluatedItems(schema) => {
                self.unevaluated_items(w, schema, inst, errors, collector)
            }
            Rule::AllOf(list) => {
                for schema in list {
                    self.schema(w, schema, inst, errors, collector);
                }
            }
            Rule::AnyOf(list) | Rule::OneOf(list) => {
                let helper = if matches!(check.rule, Rule::AnyOf(_)) {
                    "anyOf"
                } else {
                    "oneOf"
                };
                let mut branches = Vec::new();
                for schema in list {
                    branches.push(self.branch(w, "branch", schema, inst, collector));
                }
                let mut args = vec![
                    Expr::atom(&inst.at),
                    Expr::atom(errors),
                    self.location(&check.keyword),
                ];
                let count = list.len().to_string();
                if helper == "anyOf" {
                    args.push(self.message(MessageId::NoAlternativeMatches, &[("count", &count)]));
                } else {
                    args.push(self.message(MessageId::NoOneOfMatches, &[("count", &count)]));
                    args.push(self.message(MessageId::SeveralOneOfMatch, &[("count", &count)]));
                }
                args.extend(branches.into_iter().map(Expr::atom));
                let call = self.checks_call(helper, args);
                w.statement("", &call, "");
            }
            Rule::Not(schema) => {
                let branch = self.branch(w, "branch", schema, inst, None);
                let args = vec![
                    Expr::atom(&inst.at),
                    Expr::atom(errors),
                    self.location(&check.keyword),
                    Expr::atom(branch),
                    self.message(MessageId::NotMatchedNot, &[]),
                ];
                let call = self.checks_call("not", args);
                w.statement("", &call, "");
            }
            Rule::IfThenElse {
                condition,
                then,
                otherwise,
            } => self.if_then_else(
                w,
                condition,
                then.as_deref(),
                otherwise.as_deref(),
                inst,
                errors,
                collector,
            ),
            Rule::Ref(id) => {
                let call = self.call(*id, None, inst, errors, collector);
                w.statement("", &call, "");
            }
            Rule::DynamicRef { anchor, fallback } => {
                self.dynamic_ref(w, anchor, *fallback, inst, errors, collector)
            }
            // Leaf keywords are written by `ValidatorWriter::check` and never get here.
            Rule::Type(_)
            | Rule::Const(_)
            | Rule::Enum(_)
            | Rule::MultipleOf(_)
            | Rule::Maximum(_)
            | Rule::ExclusiveMaximum(_)
            | Rule::Minimum(_)
            | Rule::ExclusiveMinimum(_)
            | Rule::MaxLength(_)
            | Rule::MinLength(_)
            | Rule::Pattern(_)
            | Rule::Format(_)
            | Rule::MaxItems(_)
            | Rule::MinItems(_)
            | Rule::UniqueItems
            | Rule::MaxProperties(_)
            | Rule::MinProperties(_) => {}
        }
    }

    /// `$dynamicRef`: the outermost resource of the dynamic scope that declares the anchor picks
    /// the function; without one (or without a dynamic scope) the static target runs.
    fn dynamic_ref(
        &mut self,
        w: &mut Writer,
        anchor: &str,
        fallback: usize,
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) {
        let targets = self
            .program
            .dynamic_anchors
            .get(anchor)
            .cloned()
            .unwrap_or_default();
        let fallback_call = self.call(fallback, None, inst, errors, collector);
        let Some(scope) = inst.scope.clone().filter(|_| !targets.is_empty()) else {
            w.statement("", &fallback_call, "");
            return;
        };
        let resources: Vec<Expr> = targets
            .iter()
            .map(|t| Expr::atom(t.resource.to_string()))
            .collect();
        w.statement(
            "when (",
            &Expr::call(format!("{scope}.outermost"), resources),
            ") {",
        );
        for target in &targets {
            let call = self.call(target.function, target.annotating, inst, errors, collector);
            w.assign_with(&target.resource.to_string(), "->", &call);
        }
        w.assign_with("else", "->", &fallback_call);
        w.close("}");
    }

    /// Runs `schema` into a fresh error list named `<kind><n>` and returns its name.
    fn branch(
        &mut self,
        w: &mut Writer,
        kind: &str,
        schema: &Schema,
        inst: &Inst,
        collector: Option<&str>,
    ) -> String {
        let n = self.fresh();
        let name = format!("{kind}{n}");
        w.line(&format!("val {name} = {}()", self.symbols.name("Errors")));
        self.schema(w, schema, inst, &name, collector);
        name
    }

    /// `contentEncoding` / `contentMediaType` / `contentSchema`: the inner schema runs on the
    /// decoded content from its own root; `Checks.content` reports at the string's pointer.
    fn content(
        &mut self,
        w: &mut Writer,
        check: &Check,
        content: &ContentCheck,
        inst: &Inst,
        errors: &str,
    ) {
        let mut args = vec![
            Expr::atom(&inst.value),
            Expr::atom(&inst.at),
            Expr::atom(errors),
        ];
        args.push(self.location(&check.keyword));
        args.push(Expr::atom(format!("base64 = {}", content.base64)));
        args.push(Expr::atom(format!("json = {}", content.json)));
        let messages = Expr::call(
            format!("{}.ContentMessages", self.symbols.name("Checks")),
            vec![
                self.message(MessageId::ContentNotBase64, &[]),
                self.message(MessageId::ContentNotUtf8, &[]),
                self.message(MessageId::ContentNotJson, &[]),
                self.message(MessageId::ContentInvalid, &[]),
            ],
        );
        args.push(messages);
        let call = self.checks_call("content", args);
        let schema = content
            .schema
            .as_deref()
            .filter(|s| s.body != SchemaBody::Any);
        let Some(schema) = schema else {
            w.statement("", &call, "");
            return;
        };
        let n = self.fresh();
        let (value, at, inner_errors) =
            (format!("value{n}"), format!("at{n}"), format!("content{n}"));
        let inner = inst.child(value.clone(), at.clone());
        let mut body = self.render(w.indent() / 4 + 1, |v, inner_w| {
            v.schema(inner_w, schema, &inner, &inner_errors, None)
        });
        if uses(&body, &at) {
            let root = format!("val {at} = {}.ROOT", self.symbols.name("JsonPointer"));
            body = format!("{}{root}\n{body}", " ".repeat(w.indent() + 4));
        }
        let value_param = if uses(&body, &value) {
            value
        } else {
            "_".to_string()
        };
        let errors_param = if uses(&body, &inner_errors) {
            inner_errors
        } else {
            "_".to_string()
        };
        w.statement("", &call, &format!(" {{ {value_param}, {errors_param} ->"));
        w.raw(&body);
        w.close("}");
    }

    #[allow(clippy::too_many_arguments)]
    fn if_then_else(
        &mut self,
        w: &mut Writer,
        condition: &Schema,
        then: Option<&Schema>,
        otherwise: Option<&Schema>,
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) {
        let level = w.indent() / 4 + 1;
        let then_body = match then {
            Some(s) => self.render(level, |v, inner| {
                v.schema(inner, s, inst, errors, collector)
            }),
            None => String::new(),
        };
        let else_body = match otherwise {
            Some(s) => self.render(level, |v, inner| {
                v.schema(inner, s, inst, errors, collector)
            }),
            None => String::new(),
        };
        let condition_records = collector.is_some() && self.records(condition);
        if then_body.is_empty() && else_body.is_empty() && !condition_records {
            return;
        }
        let name = self.branch(w, "condition", condition, inst, collector);
        match (then_body.is_empty(), else_body.is_empty()) {
            (true, true) => {}
            (false, true) => {
                w.open(&format!("if ({name}.isEmpty()) {{"));
                w.raw(&then_body);
                w.close("}");
            }
            (true, false) => {
                w.open(&format!("if ({name}.isNotEmpty()) {{"));
                w.raw(&else_body);
                w.close("}");
            }
            (false, false) => {
                w.open(&format!("if ({name}.isEmpty()) {{"));
                w.raw(&then_body);
                w.close("} else {");
                w.indent_by(1);
                w.raw(&else_body);
                w.close("}");
            }
        }
    }
}
