//! Walking schemas: the variables in scope for one instance, subschemas on the same instance
//! (in place), on another instance (a property, an item), tried for a yes/no answer, and calls
//! of program functions.

use std::fmt::Write as _;

use super::{uses, valid_name, Printer};
use crate::ir::{Annotate, Schema, SchemaBody};
use crate::messages::MessageId;

/// Where a broken rule goes.
#[derive(Clone)]
pub(super) enum Sink {
    /// Pushed onto this `&mut Vec<ValidationError>` variable.
    Errors(String),
    /// `break 'label false`: the enclosing yes/no block answers no.
    Bool(String),
}

/// The variables in scope for one instance.
#[derive(Clone)]
pub(super) struct Scope {
    /// The instance (`&Value`).
    pub v: String,
    /// Its path (`&Path`); only meaningful with `Sink::Errors`.
    pub p: String,
    pub sink: Sink,
    /// The annotation collector, where an `unevaluated*` keyword will look.
    pub ann: Option<String>,
    /// The dynamic scope (chain of entered resources), in programs with `$dynamicRef`.
    pub dynamic: Option<String>,
}

impl Printer<'_> {
    pub(super) fn schema(&mut self, schema: &Schema, scope: &Scope) {
        match &schema.body {
            SchemaBody::Any => {}
            SchemaBody::Nothing => {
                let location = schema.location.to_string();
                let found = format!("support::type_name({})", scope.v);
                self.fail_with(
                    scope,
                    &location,
                    MessageId::FalseSchema,
                    &[],
                    &[("found", &found)],
                );
            }
            SchemaBody::Checks(checks) => {
                let mut scope = scope.clone();
                let mut entered = None;
                if let (Some(resource), Some(dynamic)) = (schema.enters, &scope.dynamic) {
                    let name = self.var("ds");
                    entered = Some((
                        name.clone(),
                        format!("let {name} = &{dynamic}.enter({resource});\n"),
                    ));
                    scope.dynamic = Some(name);
                }
                if schema.annotate == Annotate::Own {
                    let ann = self.var("ann");
                    let _ = writeln!(self.out, "let mut {ann} = support::Annotations::default();");
                    scope.ann = Some(ann);
                }
                let body = self.nested(|printer| {
                    for check in checks {
                        printer.check(check, &scope);
                    }
                });
                if let Some((_, declaration)) = entered.filter(|(name, _)| uses(&body, name)) {
                    self.out.push_str(&declaration);
                }
                self.out.push_str(&body);
            }
        }
    }

    /// A subschema applied to the same instance; its annotations count only if it succeeds.
    pub(super) fn in_place(&mut self, schema: &Schema, scope: &Scope) {
        match (&scope.ann, &scope.sink) {
            (Some(ann), Sink::Errors(errs)) if self.program.records_annotations(schema) => {
                let (child, before) = (self.var("ann"), self.var("before"));
                let _ = writeln!(self.out, "{{ let mut {child} = support::Annotations::default(); let {before} = {errs}.len();");
                let inner = Scope {
                    ann: Some(child.clone()),
                    ..scope.clone()
                };
                self.schema(schema, &inner);
                let _ = writeln!(
                    self.out,
                    "if {errs}.len() == {before} {{ {ann}.merge({child}); }} }}"
                );
            }
            // In a yes/no block a failing subschema ends the block, so recording straight into
            // the collector cannot leak a failed branch's annotations.
            (Some(_), Sink::Bool(_)) if self.program.records_annotations(schema) => {
                self.schema(schema, scope)
            }
            _ => {
                let inner = Scope {
                    ann: None,
                    ..scope.clone()
                };
                self.schema(schema, &inner);
            }
        }
    }

    /// Tries a subschema for a yes/no answer. Returns the boolean expression, or `None` when the
    /// subschema cannot fail (its side effects, annotations, are printed inline then).
    pub(super) fn trial(
        &mut self,
        schema: &Schema,
        scope: &Scope,
        annotations: Option<&str>,
    ) -> Option<String> {
        let label = self.var("t");
        let inner = Scope {
            sink: Sink::Bool(label.clone()),
            ann: annotations.map(str::to_string),
            ..scope.clone()
        };
        let body = self.nested(|printer| printer.schema(schema, &inner));
        if !uses(&body, &format!("'{label}")) {
            self.out.push_str(&body);
            return None;
        }
        let ok = self.var("ok");
        let _ = writeln!(
            self.out,
            "let {ok} = '{label}: {{\n{}}};",
            super::then_true(&body, &label)
        );
        Some(ok)
    }

    /// Code applying a subschema to another instance (a property value, an item); the path
    /// variable is declared only when the code reports errors.
    pub(super) fn at(
        &mut self,
        schema: &Schema,
        value: &str,
        path_expr: &str,
        scope: &Scope,
    ) -> String {
        if schema.body == SchemaBody::Any {
            return String::new();
        }
        let p = self.var("p");
        let inner = Scope {
            v: value.to_string(),
            p: p.clone(),
            sink: scope.sink.clone(),
            ann: None,
            dynamic: scope.dynamic.clone(),
        };
        let body = self.nested(|printer| printer.schema(schema, &inner));
        if uses(&body, &p) {
            format!("let {p} = &{path_expr};\n{body}")
        } else {
            body
        }
    }

    /// A loop over the items of array `a` from index `from`, applying `schema` to each.
    pub(super) fn for_items(&mut self, a: &str, from: usize, scope: &Scope, schema: &Schema) {
        let (i, item) = (self.var("i"), self.var("item"));
        let code = self.at(schema, &item, &format!("{}.index({i})", scope.p), scope);
        if code.trim().is_empty() {
            return;
        }
        let skip = if from > 0 {
            format!(".skip({from})")
        } else {
            String::new()
        };
        let header = match (uses(&code, &i), uses(&code, &item)) {
            (true, true) => format!("for ({i}, {item}) in {a}.iter().enumerate(){skip}"),
            (true, false) => format!("for {i} in {from}..{a}.len()"),
            (false, true) => format!("for {item} in {a}.iter(){skip}"),
            (false, false) => format!("for _ in {a}.iter(){skip}"),
        };
        let _ = writeln!(self.out, "{header} {{\n{code}}}");
    }

    /// A loop over the properties of object `o` except those `skip_if` (a condition on
    /// `{key}`) names, applying `schema` to each value and recording each key in `record`.
    pub(super) fn for_properties(
        &mut self,
        o: &str,
        skip_if: Option<String>,
        scope: &Scope,
        schema: &Schema,
        record: Option<&str>,
    ) {
        let (key, value) = (self.var("key"), self.var("value"));
        let mut code = self.at(schema, &value, &format!("{}.key({key})", scope.p), scope);
        if let Some(ann) = record {
            code.push_str(&format!("{ann}.properties.insert({key}.clone());\n"));
        }
        if code.trim().is_empty() {
            return;
        }
        let skip = skip_if
            .map(|condition| format!("if {} {{ continue; }}\n", condition.replace("{key}", &key)))
            .unwrap_or_default();
        let code = format!("{skip}{code}");
        let header = match (uses(&code, &key), uses(&code, &value)) {
            (true, true) => format!("for ({key}, {value}) in {o}"),
            (true, false) => format!("for {key} in {o}.keys()"),
            (false, true) => format!("for {value} in {o}.values()"),
            (false, false) => format!("for _ in {o}.keys()"),
        };
        let _ = writeln!(self.out, "{header} {{\n{code}}}");
    }

    /// A call of a program function on the scope's instance. `annotating` is the variant that
    /// reports annotations when it differs from `id` (dynamic targets).
    pub(super) fn call(&mut self, id: usize, annotating: Option<usize>, scope: &Scope) -> String {
        let plain = self.program.functions.get(id);
        let reporting = match annotating.and_then(|a| self.program.functions.get(a)) {
            Some(f) => Some(f),
            None => plain.filter(|f| f.reports_annotations),
        };
        let dynamic = scope
            .dynamic
            .as_ref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        let v = &scope.v;
        let (target, ann_arg, merge) = match (&scope.ann, reporting, plain) {
            (Some(ann), Some(target), _) => {
                let child = self.var("ann");
                (
                    target,
                    Some((
                        child.clone(),
                        format!("let mut {child} = support::Annotations::default();"),
                    )),
                    Some(format!("{ann}.merge({child});")),
                )
            }
            (None, _, Some(target)) if target.reports_annotations => (
                target,
                Some(("support::Annotations::default()".to_string(), String::new())),
                None,
            ),
            (_, _, Some(target)) => (target, None, None),
            (_, _, None) => return String::new(),
        };
        let ann_text = ann_arg
            .as_ref()
            .map(|(name, _)| format!(", &mut {name}"))
            .unwrap_or_default();
        let declare = ann_arg.map(|(_, d)| d).unwrap_or_default();
        match &scope.sink {
            Sink::Bool(label) => {
                let name = valid_name(&target.name);
                let merge = merge.unwrap_or_default();
                format!("{{ {declare} if !{name}({v}{ann_text}{dynamic}) {{ break '{label} false; }} {merge} }}\n")
            }
            Sink::Errors(errs) => {
                let name = &target.name;
                let p = &scope.p;
                match merge {
                    Some(merge) => {
                        let before = self.var("before");
                        format!("{{ {declare} let {before} = {errs}.len(); {name}({v}, {p}, {errs}{ann_text}{dynamic}); if {errs}.len() == {before} {{ {merge} }} }}\n")
                    }
                    None if declare.is_empty() => {
                        format!("{name}({v}, {p}, {errs}{ann_text}{dynamic});\n")
                    }
                    None => {
                        format!("{{ {declare} {name}({v}, {p}, {errs}{ann_text}{dynamic}); }}\n")
                    }
                }
            }
        }
    }
}
