//! Array applicators: `prefixItems`, `items`, `contains` and `unevaluatedItems`, each a loop
//! over the instance's items that applies a subschema at the item's pointer.

use super::layout::{Expr, Writer};
use super::names::uses;
use super::validator::{Inst, ValidatorWriter};
use crate::ir::{Check, Schema, SchemaBody};
use crate::messages::MessageId;

impl ValidatorWriter<'_> {
    pub(super) fn prefix_items(
        &mut self,
        w: &mut Writer,
        list: &[Schema],
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) {
        for (index, schema) in list.iter().enumerate() {
            let n = self.fresh();
            let child = inst.child(format!("value{n}"), format!("at{n}"));
            let mut body = self.render(w.indent() / 4 + 1, |v, inner| {
                v.schema(inner, schema, &child, errors, None)
            });
            if body.is_empty() {
                continue;
            }
            if uses(&body, &child.at) {
                body = format!(
                    "{}val {} = {}.child({index})\n{body}",
                    " ".repeat(w.indent() + 4),
                    child.at,
                    inst.at
                );
            }
            if uses(&body, &child.value) {
                w.open(&format!(
                    "{}.getOrNull({index})?.let {{ {} ->",
                    inst.value, child.value
                ));
            } else {
                w.open(&format!("if ({}.size > {index}) {{", inst.value));
            }
            w.raw(&body);
            w.close("}");
        }
        if let Some(collector) = collector {
            w.line(&format!(
                "{collector}.addItems(0, minOf({}, {}.size))",
                list.len(),
                inst.value
            ));
        }
    }

    pub(super) fn items(
        &mut self,
        w: &mut Writer,
        from: usize,
        schema: &Schema,
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) {
        let n = self.fresh();
        let (index, child) = (
            format!("index{n}"),
            inst.child(format!("value{n}"), format!("at{n}")),
        );
        let mut body = self.render(w.indent() / 4 + 1, |v, inner| {
            v.schema(inner, schema, &child, errors, None)
        });
        if !body.is_empty() {
            let pad = " ".repeat(w.indent() + 4);
            let uses_at = uses(&body, &child.at);
            if uses_at {
                body = format!("{pad}val {} = {}.child({index})\n{body}", child.at, inst.at);
            }
            if from == 0 && uses_at {
                w.open(&format!(
                    "for (({index}, {}) in {}.withIndex()) {{",
                    child.value, inst.value
                ));
            } else if from == 0 {
                w.open(&format!("for ({} in {}) {{", child.value, inst.value));
            } else {
                w.open(&format!(
                    "for ({index} in {from} until {}.size) {{",
                    inst.value
                ));
                w.line(&format!("val {} = {}[{index}]", child.value, inst.value));
            }
            w.raw(&body);
            w.close("}");
        }
        if let Some(collector) = collector {
            w.line(&format!(
                "{collector}.addItems({from}, {}.size)",
                inst.value
            ));
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn contains(
        &mut self,
        w: &mut Writer,
        check: &Check,
        schema: &Schema,
        min: u64,
        max: Option<u64>,
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) {
        let n = self.fresh();
        let (index, matched, item) = (
            format!("index{n}"),
            format!("matched{n}"),
            format!("item{n}"),
        );
        let child = inst.child(format!("value{n}"), format!("at{n}"));
        let matched_expr = match &schema.body {
            SchemaBody::Any => {
                if let Some(collector) = collector {
                    w.line(&format!("{collector}.addItems(0, {}.size)", inst.value));
                }
                format!("{}.size", inst.value)
            }
            SchemaBody::Nothing => "0".to_string(),
            SchemaBody::Checks(_) => {
                let level = w.indent() / 4 + 1;
                let mut body = self.render(level, |v, inner| {
                    v.schema(inner, schema, &child, &item, None)
                });
                let pad = " ".repeat(level * 4);
                if uses(&body, &child.at) {
                    body = format!("{pad}val {} = {}.child({index})\n{body}", child.at, inst.at);
                }
                w.line(&format!("var {matched} = 0"));
                let indexed = uses(&body, &child.at) || collector.is_some();
                if indexed {
                    w.open(&format!(
                        "for (({index}, {}) in {}.withIndex()) {{",
                        child.value, inst.value
                    ));
                } else {
                    w.open(&format!("for ({} in {}) {{", child.value, inst.value));
                }
                w.line(&format!("val {item} = {}()", self.symbols.name("Errors")));
                w.raw(&body);
                w.open(&format!("if ({item}.isEmpty()) {{"));
                w.line(&format!("{matched}++"));
                if let Some(collector) = collector {
                    w.line(&format!("{collector}.items.add({index})"));
                }
                w.close("}");
                w.close("}");
                matched
            }
        };
        let max_shown = max.map(|m| m.to_string());
        let max = max.map_or_else(
            || "null".to_string(),
            |m| m.min(i64::MAX as u64).to_string(),
        );
        let args = vec![
            Expr::atom(&inst.at),
            Expr::atom(errors),
            self.location(&check.keyword),
            Expr::atom(matched_expr),
            Expr::atom(min.min(i64::MAX as u64).to_string()),
            Expr::atom(max),
            self.message(MessageId::TooFewContained, &[("min", &min.to_string())]),
            self.message(
                MessageId::TooManyContained,
                &[("max", &max_shown.unwrap_or_default())],
            ),
        ];
        let call = self.checks_call("contains", args);
        w.statement("", &call, "");
    }

    pub(super) fn unevaluated_items(
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
        let (index, child) = (
            format!("index{n}"),
            inst.child(format!("value{n}"), format!("at{n}")),
        );
        let mut body = self.render(w.indent() / 4 + 1, |v, inner| {
            v.schema(inner, schema, &child, errors, None)
        });
        if !body.is_empty() {
            if uses(&body, &child.at) {
                body = format!(
                    "{}val {} = {}.child({index})\n{body}",
                    " ".repeat(w.indent() + 4),
                    child.at,
                    inst.at
                );
            }
            w.open(&format!(
                "for (({index}, {}) in {}.withIndex()) {{",
                child.value, inst.value
            ));
            w.line(&format!("if ({index} in {collector}.items) continue"));
            w.raw(&body);
            w.close("}");
        }
        w.line(&format!("{collector}.addItems(0, {}.size)", inst.value));
    }
}
