//! Applicators that decide by trying subschemas: `anyOf`/`oneOf`, `not`, `if`, `contains`,
//! content (JSON inside a string), and `$dynamicRef`.

use std::fmt::Write as _;

use super::scope::{Scope, Sink};
use super::{uses, Printer};
use crate::ir::{ContentCheck, Schema, SchemaBody};
use crate::messages::MessageId;

impl Printer<'_> {
    /// `anyOf` (at least one branch) or `oneOf` (exactly one). Branches are tried yes/no; the
    /// message counts the alternatives and, for `oneOf`, the branches that matched.
    pub(super) fn alternatives(
        &mut self,
        schemas: &[Schema],
        scope: &Scope,
        kw: &str,
        exactly_one: bool,
    ) {
        let matched = self.var("matched");
        let _ = writeln!(self.out, "let mut {matched}: usize = 0;");
        // Without annotations to collect, trying stops as soon as the answer is known; a
        // reported `oneOf` failure counts every matching branch.
        let reports = matches!(scope.sink, Sink::Errors(_));
        let stop = match (&scope.ann, exactly_one) {
            (Some(_), _) => None,
            (None, false) => Some(format!("{matched} == 0")),
            (None, true) if reports => None,
            (None, true) => Some(format!("{matched} < 2")),
        };
        for (index, schema) in schemas.iter().enumerate() {
            let child = match &scope.ann {
                Some(_) if self.program.records_annotations(schema) => Some(self.var("ann")),
                _ => None,
            };
            let body = self.nested(|printer| {
                if let Some(child) = &child {
                    let _ = writeln!(
                        printer.out,
                        "let mut {child} = support::Annotations::default();"
                    );
                }
                let ok = printer.trial(
                    schema,
                    &Scope {
                        ann: None,
                        ..scope.clone()
                    },
                    child.as_deref(),
                );
                let merge = match (&scope.ann, &child) {
                    (Some(ann), Some(child)) => format!(" {ann}.merge({child});"),
                    _ => String::new(),
                };
                match ok {
                    Some(ok) => {
                        let _ = writeln!(printer.out, "if {ok} {{ {matched} += 1;{merge} }}");
                    }
                    None => {
                        let _ = writeln!(printer.out, "{matched} += 1;{merge}");
                    }
                }
            });
            match (&stop, index) {
                (Some(condition), i) if i > 0 => {
                    let _ = writeln!(self.out, "if {condition} {{\n{body}}}");
                }
                _ => {
                    let _ = writeln!(self.out, "{{\n{body}}}");
                }
            }
        }
        let failed = if exactly_one {
            format!("{matched} != 1")
        } else {
            format!("{matched} == 0")
        };
        let _ = writeln!(self.out, "if {failed} {{");
        match &scope.sink {
            Sink::Bool(_) => self.fail(scope, kw, "", &[]),
            Sink::Errors(_) => {
                let count = schemas.len().to_string();
                if exactly_one {
                    let _ = writeln!(self.out, "if {matched} == 0 {{");
                    self.fail_with(
                        scope,
                        kw,
                        MessageId::NoOneOfMatches,
                        &[("count", &count)],
                        &[],
                    );
                    self.out.push_str("} else {\n");
                    self.fail_with(
                        scope,
                        kw,
                        MessageId::SeveralOneOfMatch,
                        &[("count", &count)],
                        &[("matched", &matched)],
                    );
                    self.out.push_str("}\n");
                } else {
                    self.fail_with(
                        scope,
                        kw,
                        MessageId::NoAlternativeMatches,
                        &[("count", &count)],
                        &[],
                    );
                }
            }
        }
        self.out.push_str("}\n");
    }

    pub(super) fn not(&mut self, schema: &Schema, scope: &Scope, kw: &str) {
        let inner = Scope {
            ann: None,
            ..scope.clone()
        };
        match self.trial(schema, &inner, None) {
            Some(ok) => self.fail_if_with(scope, &ok, kw, MessageId::NotMatchedNot, &[], &[]),
            // The subschema accepts everything, so `not` rejects everything.
            None => self.fail_with(scope, kw, MessageId::NotMatchedNot, &[], &[]),
        }
    }

    pub(super) fn conditional(
        &mut self,
        condition: &Schema,
        then: Option<&Schema>,
        otherwise: Option<&Schema>,
        scope: &Scope,
    ) {
        let child = match &scope.ann {
            Some(_) if self.program.records_annotations(condition) => Some(self.var("ann")),
            _ => None,
        };
        let declare = child
            .as_ref()
            .map(|child| format!("let mut {child} = support::Annotations::default();\n"))
            .unwrap_or_default();
        let test = self.nested(|printer| {
            let ok = printer.trial(
                condition,
                &Scope {
                    ann: None,
                    ..scope.clone()
                },
                child.as_deref(),
            );
            let _ = writeln!(printer.out, "{}", ok.unwrap_or_else(|| "true".to_string()));
        });
        let merge = match (&scope.ann, &child) {
            (Some(ann), Some(child)) => format!("{ann}.merge({child});\n"),
            _ => String::new(),
        };
        let then_code = format!(
            "{merge}{}",
            then.map(|s| self.nested(|p| p.in_place(s, scope)))
                .unwrap_or_default()
        );
        let else_code = otherwise
            .map(|s| self.nested(|p| p.in_place(s, scope)))
            .unwrap_or_default();
        if then_code.trim().is_empty() && else_code.trim().is_empty() {
            return;
        }
        let holds = self.var("holds");
        let _ = writeln!(self.out, "{declare}let {holds} = {{\n{test}}};");
        match (then_code.trim().is_empty(), else_code.trim().is_empty()) {
            (false, true) => {
                let _ = writeln!(self.out, "if {holds} {{\n{then_code}}}");
            }
            (true, false) => {
                let _ = writeln!(self.out, "if !{holds} {{\n{else_code}}}");
            }
            _ => {
                let _ = writeln!(
                    self.out,
                    "if {holds} {{\n{then_code}}} else {{\n{else_code}}}"
                );
            }
        }
    }

    pub(super) fn contains(
        &mut self,
        schema: &Schema,
        min: u64,
        max: Option<u64>,
        scope: &Scope,
        kw: &str,
    ) {
        if min == 0 && max.is_none() && scope.ann.is_none() {
            // Always satisfied, and nobody asks which items matched.
            return;
        }
        let (a, count, i, item) = (
            self.var("a"),
            self.var("count"),
            self.var("i"),
            self.var("item"),
        );
        let inner = Scope {
            v: item.clone(),
            ann: None,
            ..scope.clone()
        };
        let mut ok = None;
        let trial = self.nested(|printer| ok = printer.trial(schema, &inner, None));
        let record = match &scope.ann {
            Some(ann) => format!(" {ann}.items.insert({i});"),
            None => String::new(),
        };
        let body = match ok {
            Some(ok) => format!("{trial}if {ok} {{ {count} += 1;{record} }}\n"),
            None => format!("{trial}{count} += 1;{record}\n"),
        };
        let header = match (uses(&body, &i), uses(&body, &item)) {
            (true, true) => format!("for ({i}, {item}) in {a}.iter().enumerate()"),
            (true, false) => format!("for {i} in 0..{a}.len()"),
            (false, true) => format!("for {item} in {a}.iter()"),
            (false, false) => format!("for _ in {a}.iter()"),
        };
        let _ = writeln!(
            self.out,
            "if let Some({a}) = {}.as_array() {{ let mut {count}: u64 = 0; {header} {{\n{body}}}",
            scope.v
        );
        if min > 0 {
            self.fail_if_with(
                scope,
                &format!("{count} < {min}"),
                kw,
                MessageId::TooFewContained,
                &[("min", &min.to_string())],
                &[("found", &count)],
            );
        }
        if let Some(max) = max {
            self.fail_if_with(
                scope,
                &format!("{count} > {max}"),
                kw,
                MessageId::TooManyContained,
                &[("max", &max.to_string())],
                &[("found", &count)],
            );
        }
        if min == 0 && max.is_none() {
            let _ = writeln!(self.out, "let _ = {count};");
        }
        self.out.push_str("}\n");
    }

    /// A string holding (base64-encoded) JSON, valid against `contentSchema`. Errors inside the
    /// embedded document are reported at the string, with the inner pointer in the message.
    pub(super) fn content(&mut self, content: &ContentCheck, scope: &Scope, kw: &str) {
        let (s, inner) = (self.var("s"), self.var("inner"));
        let _ = writeln!(
            self.out,
            "if let Some({s}) = {}.as_str() {{ match support::decode_content({s}, {}, {}) {{",
            scope.v, content.base64, content.json
        );
        self.out.push_str("Err(reason) => {\n");
        self.fail(scope, kw, "{}", &["reason"]);
        self.out.push_str("}\n");
        let schema = content
            .schema
            .as_deref()
            .filter(|s| s.body != SchemaBody::Any);
        match (schema, &scope.sink) {
            (Some(schema), Sink::Errors(errs)) => {
                let inner_errs = self.var("errs");
                let root = self.var("root");
                let inner_scope = Scope {
                    v: inner.clone(),
                    p: root.clone(),
                    sink: Sink::Errors(inner_errs.clone()),
                    ann: None,
                    dynamic: scope.dynamic.clone(),
                };
                let body = self.nested(|printer| printer.schema(schema, &inner_scope));
                let (embedded, _) = MessageId::ContentInvalid.format_string(&[]);
                let _ = writeln!(
                    self.out,
                    "Ok(Some({inner})) => {{ let {root} = &support::Path::Root; let {inner} = &{inner}; \
                     let mut {inner_errs}_store: Vec<support::ValidationError> = Vec::new(); let {inner_errs} = &mut {inner_errs}_store;\n{body}\
                     for e in {inner_errs}_store {{ let at = if e.instance_path.is_empty() {{ \"(root)\".to_string() }} else {{ e.instance_path }}; \
                     {errs}.push(support::ValidationError {{ instance_path: {}.to_pointer(), schema_location: e.schema_location, message: format!({embedded:?}, at, e.message) }}); }} }}",
                    scope.p
                );
                self.out.push_str("Ok(None) => {}\n");
            }
            (Some(schema), Sink::Bool(_)) => {
                let inner_scope = Scope {
                    v: inner.clone(),
                    ann: None,
                    ..scope.clone()
                };
                let mut ok = None;
                let body = self.nested(|printer| ok = printer.trial(schema, &inner_scope, None));
                let _ = writeln!(
                    self.out,
                    "Ok(Some({inner})) => {{ let {inner} = &{inner};\n{body}"
                );
                if let Some(ok) = ok {
                    self.fail_if(scope, &format!("!{ok}"), kw, "", &[]);
                }
                self.out.push_str("}\nOk(None) => {}\n");
            }
            (None, _) => self.out.push_str("Ok(_) => {}\n"),
        }
        self.out.push_str("} }\n");
    }

    pub(super) fn dynamic_ref(&mut self, anchor: &str, fallback: usize, scope: &Scope) {
        let targets = self
            .program
            .dynamic_anchors
            .get(anchor)
            .cloned()
            .unwrap_or_default();
        let Some(dynamic) = scope.dynamic.clone() else {
            let call = self.call(fallback, None, scope);
            self.out.push_str(&call);
            return;
        };
        let ids = targets
            .iter()
            .map(|t| t.resource.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(self.out, "match {dynamic}.outermost(&[{ids}]) {{");
        for target in &targets {
            let call = self.call(target.function, target.annotating, scope);
            let _ = writeln!(self.out, "Some({}) => {{ {call} }}", target.resource);
        }
        let call = self.call(fallback, None, scope);
        let _ = writeln!(self.out, "_ => {{ {call} }} }}");
    }
}
