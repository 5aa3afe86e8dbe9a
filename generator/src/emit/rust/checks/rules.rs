//! One rule at a time: type, values, numbers, strings, arrays and objects, and the applicators
//! that reach other instances (properties, items).

use std::fmt::Write as _;

use serde_json::{Number, Value};

use super::scope::{Scope, Sink};
use super::{json_literal, limit_literal, negate, uses, Printer};
use crate::ir::{Check, JsonType, Rule, Schema};
use crate::messages::{self, MessageId};

impl Printer<'_> {
    pub(super) fn check(&mut self, check: &Check, scope: &Scope) {
        let keyword = check.keyword.to_string();
        let kw = keyword.as_str();
        let v = scope.v.clone();
        match &check.rule {
            Rule::Type(types) => {
                let condition = types
                    .iter()
                    .map(|t| type_test(*t, &v))
                    .collect::<Vec<_>>()
                    .join(" || ");
                let names = messages::type_list(types.iter().map(|t| t.name()));
                self.fail_if_with(
                    scope,
                    &negate(&condition),
                    kw,
                    MessageId::TypeMismatch,
                    &[("expected", &names)],
                    &[("found", &format!("support::type_name({v})"))],
                );
            }
            Rule::Const(value) => {
                let test = self.equals(&v, value);
                let expected = messages::json_text(value);
                self.fail_if_with(
                    scope,
                    &negate(&test),
                    kw,
                    MessageId::ConstMismatch,
                    &[("expected", &expected)],
                    &[("found", &format!("support::type_name({v})"))],
                );
            }
            Rule::Enum(values) => self.enumeration(values, scope, kw),
            Rule::MultipleOf(n) => {
                self.number_rule(scope, kw, n, "divides", MessageId::NotMultipleOf)
            }
            Rule::Maximum(n) => self.number_rule(scope, kw, n, "at_most", MessageId::AboveMaximum),
            Rule::ExclusiveMaximum(n) => {
                self.number_rule(scope, kw, n, "below", MessageId::NotBelowExclusiveMaximum)
            }
            Rule::Minimum(n) => self.number_rule(scope, kw, n, "at_least", MessageId::BelowMinimum),
            Rule::ExclusiveMinimum(n) => {
                self.number_rule(scope, kw, n, "above", MessageId::NotAboveExclusiveMinimum)
            }
            Rule::MaxLength(n) => self.count_rule(
                scope,
                kw,
                ("as_str", "support::char_count(s)"),
                &format!("support::char_count(s) > {n}"),
                MessageId::TooLong,
                &n.to_string(),
            ),
            Rule::MinLength(n) => self.count_rule(
                scope,
                kw,
                ("as_str", "support::char_count(s)"),
                &format!("support::char_count(s) < {n}"),
                MessageId::TooShort,
                &n.to_string(),
            ),
            Rule::Pattern(id) => {
                let source = self
                    .program
                    .pattern_sources
                    .get(*id)
                    .cloned()
                    .unwrap_or_default();
                self.value_rule(
                    scope,
                    kw,
                    "as_str",
                    &format!("!PATTERN_{id}.is_match(s)"),
                    MessageId::PatternMismatch,
                    &[("pattern", &source)],
                );
            }
            Rule::Format(format) => {
                let (_, function) = super::super::support::format_check(*format);
                self.value_rule(
                    scope,
                    kw,
                    "as_str",
                    &format!("!support::{function}(s)"),
                    MessageId::InvalidFormat,
                    &[("format", format.name())],
                );
            }
            Rule::Content(content) => self.content(content, scope, kw),
            Rule::MaxItems(n) => self.count_rule(
                scope,
                kw,
                ("as_array", "s.len()"),
                &format!("s.len() as u64 > {n}"),
                MessageId::TooManyItems,
                &n.to_string(),
            ),
            Rule::MinItems(n) => self.count_rule(
                scope,
                kw,
                ("as_array", "s.len()"),
                &format!("(s.len() as u64) < {n}"),
                MessageId::TooFewItems,
                &n.to_string(),
            ),
            Rule::UniqueItems => self.value_rule(
                scope,
                kw,
                "as_array",
                "support::has_duplicates(s)",
                MessageId::DuplicateItems,
                &[],
            ),
            Rule::Contains { schema, min, max } => self.contains(schema, *min, *max, scope, kw),
            Rule::PrefixItems(schemas) => self.prefix_items(schemas, scope),
            Rule::Items { from, schema } => {
                let a = self.var("a");
                let ann = scope.ann.clone();
                let code = self.nested(|printer| {
                    printer.for_items(&a, *from, scope, schema);
                    if let Some(ann) = &ann {
                        let _ = writeln!(
                            printer.out,
                            "if {a}.len() > {from} {{ {ann}.all_items = true; }}"
                        );
                    }
                });
                if !code.trim().is_empty() {
                    let _ = writeln!(self.out, "if let Some({a}) = {v}.as_array() {{\n{code}}}");
                }
            }
            Rule::MaxProperties(n) => self.count_rule(
                scope,
                kw,
                ("as_object", "s.len()"),
                &format!("s.len() as u64 > {n}"),
                MessageId::TooManyProperties,
                &n.to_string(),
            ),
            Rule::MinProperties(n) => self.count_rule(
                scope,
                kw,
                ("as_object", "s.len()"),
                &format!("(s.len() as u64) < {n}"),
                MessageId::TooFewProperties,
                &n.to_string(),
            ),
            Rule::Required(names) => {
                let o = self.var("o");
                let _ = writeln!(self.out, "if let Some({o}) = {v}.as_object() {{");
                self.missing(scope, kw, &o, names, None);
                self.out.push_str("}\n");
            }
            Rule::DependentRequired(deps) => {
                if deps.iter().all(|(_, r)| r.is_empty()) {
                    return;
                }
                let o = self.var("o");
                let _ = writeln!(self.out, "if let Some({o}) = {v}.as_object() {{");
                for (name, required) in deps.iter().filter(|(_, r)| !r.is_empty()) {
                    let _ = writeln!(self.out, "if support::has_property({o}, {name:?}) {{");
                    self.missing(scope, kw, &o, required, Some(name));
                    self.out.push_str("}\n");
                }
                self.out.push_str("}\n");
            }
            Rule::Properties(properties) => self.properties(properties, scope),
            Rule::PatternProperties(list) => {
                let o = self.var("o");
                let ann = scope.ann.clone();
                let code = self.nested(|printer| {
                    for (id, schema) in list {
                        let condition = format!("!PATTERN_{id}.is_match({{key}})");
                        printer.for_properties(&o, Some(condition), scope, schema, ann.as_deref());
                    }
                });
                if !code.trim().is_empty() {
                    let _ = writeln!(self.out, "if let Some({o}) = {v}.as_object() {{\n{code}}}");
                }
            }
            Rule::AdditionalProperties {
                properties,
                patterns,
                schema,
            } => {
                let o = self.var("o");
                let mut known: Vec<String> = Vec::new();
                if !properties.is_empty() {
                    let names = properties
                        .iter()
                        .map(|n| format!("{n:?}"))
                        .collect::<Vec<_>>()
                        .join(" | ");
                    known.push(format!("matches!({{key}}.as_str(), {names})"));
                }
                known.extend(
                    patterns
                        .iter()
                        .map(|id| format!("PATTERN_{id}.is_match({{key}})")),
                );
                let skip = (!known.is_empty()).then(|| known.join(" || "));
                let ann = scope.ann.clone();
                let code = self.nested(|printer| {
                    printer.for_properties(&o, skip, scope, schema, ann.as_deref())
                });
                if !code.trim().is_empty() {
                    let _ = writeln!(self.out, "if let Some({o}) = {v}.as_object() {{\n{code}}}");
                }
            }
            Rule::PropertyNames(schema) => self.property_names(schema, scope),
            Rule::DependentSchemas(list) => {
                let o = self.var("o");
                let code = self.nested(|printer| {
                    for (name, schema) in list {
                        let inner = printer.nested(|p| p.in_place(schema, scope));
                        if !inner.trim().is_empty() {
                            let _ = writeln!(
                                printer.out,
                                "if support::has_property({o}, {name:?}) {{\n{inner}}}"
                            );
                        }
                    }
                });
                if !code.trim().is_empty() {
                    let _ = writeln!(self.out, "if let Some({o}) = {v}.as_object() {{\n{code}}}");
                }
            }
            Rule::AllOf(schemas) => {
                for schema in schemas {
                    self.in_place(schema, scope);
                }
            }
            Rule::AnyOf(schemas) => self.alternatives(schemas, scope, kw, false),
            Rule::OneOf(schemas) => self.alternatives(schemas, scope, kw, true),
            Rule::Not(schema) => self.not(schema, scope, kw),
            Rule::IfThenElse {
                condition,
                then,
                otherwise,
            } => self.conditional(condition, then.as_deref(), otherwise.as_deref(), scope),
            Rule::Ref(id) => {
                let call = self.call(*id, None, scope);
                self.out.push_str(&call);
            }
            Rule::DynamicRef { anchor, fallback } => self.dynamic_ref(anchor, *fallback, scope),
            Rule::UnevaluatedProperties(schema) => {
                let Some(ann) = scope.ann.clone() else { return };
                let o = self.var("o");
                let skip = Some(format!("{ann}.has_property({{key}})"));
                let code =
                    self.nested(|printer| printer.for_properties(&o, skip, scope, schema, None));
                if !code.trim().is_empty() {
                    let _ = writeln!(self.out, "if let Some({o}) = {v}.as_object() {{\n{code}}}");
                }
                let _ = writeln!(self.out, "{ann}.all_properties = true;");
            }
            Rule::UnevaluatedItems(schema) => {
                let Some(ann) = scope.ann.clone() else { return };
                let a = self.var("a");
                let (i, item) = (self.var("i"), self.var("item"));
                let body = self.at(schema, &item, &format!("{}.index({i})", scope.p), scope);
                if !body.trim().is_empty() {
                    let iterate = if uses(&body, &item) {
                        format!("for ({i}, {item}) in {a}.iter().enumerate()")
                    } else {
                        format!("for {i} in 0..{a}.len()")
                    };
                    let _ = writeln!(self.out, "if let Some({a}) = {v}.as_array() {{ {iterate} {{ if {ann}.has_item({i}) {{ continue; }}\n{body}}} }}");
                }
                let _ = writeln!(self.out, "{ann}.all_items = true;");
            }
        }
    }

    /// `required` (or `dependentRequired` for `owner`) on object `o`: each name's message is
    /// complete when generated, so several names loop over (name, message) pairs.
    fn missing(&mut self, scope: &Scope, kw: &str, o: &str, names: &[String], owner: Option<&str>) {
        let owner = owner.map(|name| messages::json_text(&Value::String(name.to_string())));
        let message = |name: &str| {
            let shown = messages::json_text(&Value::String(name.to_string()));
            match &owner {
                Some(owner) => {
                    MessageId::MissingDependent
                        .format_string(&[("name", &shown), ("property", owner)])
                        .0
                }
                None => {
                    MessageId::MissingRequired
                        .format_string(&[("name", &shown)])
                        .0
                }
            }
        };
        let id = if owner.is_some() {
            MessageId::MissingDependent
        } else {
            MessageId::MissingRequired
        };
        if let [name] = names {
            let shown = messages::json_text(&Value::String(name.clone()));
            let mut known = vec![("name", shown.as_str())];
            if let Some(owner) = &owner {
                known.push(("property", owner));
            }
            let condition = format!("!support::has_property({o}, {name:?})");
            self.fail_if_with(scope, &condition, kw, id, &known, &[]);
            return;
        }
        if matches!(scope.sink, Sink::Bool(_)) {
            let list = names
                .iter()
                .map(|name| format!("{name:?}"))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(self.out, "for name in [{list}] {{");
        } else {
            let pairs = names
                .iter()
                .map(|name| format!("({name:?}, {:?})", unescape_braces(&message(name))))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(self.out, "for (name, message) in [{pairs}] {{");
        }
        self.fail_if(
            scope,
            &format!("!support::has_property({o}, name)"),
            kw,
            "{}",
            &["String::from(message)"],
        );
        self.out.push_str("}\n");
    }

    fn equals(&mut self, v: &str, value: &Value) -> String {
        match value {
            Value::String(s) => format!("{v}.as_str() == Some({s:?})"),
            Value::Bool(b) => format!("{v}.as_bool() == Some({b})"),
            Value::Null => format!("{v}.is_null()"),
            other => {
                self.next_static += 1;
                let name = format!("CONST_{}", self.next_static);
                let _ = writeln!(
                    self.statics,
                    "static {name}: ::std::sync::LazyLock<::serde_json::Value> = ::std::sync::LazyLock::new(|| ::serde_json::json!({}));",
                    json_literal(other)
                );
                format!("support::json_equal({v}, &{name})")
            }
        }
    }

    fn enumeration(&mut self, values: &[Value], scope: &Scope, kw: &str) {
        let v = scope.v.clone();
        let shown = messages::json_list(values);
        let strings: Option<Vec<&str>> = values.iter().map(Value::as_str).collect();
        let test = match strings {
            Some(strings) if !strings.is_empty() => {
                let alternatives = strings
                    .iter()
                    .map(|s| format!("{s:?}"))
                    .collect::<Vec<_>>()
                    .join(" | ");
                format!("matches!({v}.as_str(), Some({alternatives}))")
            }
            _ => {
                let tests: Vec<String> =
                    values.iter().map(|value| self.equals(&v, value)).collect();
                if tests.is_empty() {
                    "false".to_string()
                } else {
                    tests.join(" || ")
                }
            }
        };
        self.fail_if_with(
            scope,
            &negate(&test),
            kw,
            MessageId::EnumMismatch,
            &[("allowed", &shown)],
            &[("found", &format!("support::type_name({v})"))],
        );
    }

    fn number_rule(
        &mut self,
        scope: &Scope,
        kw: &str,
        limit: &Number,
        method: &str,
        id: MessageId,
    ) {
        let n = self.var("n");
        let shown = limit.to_string();
        let argument = if id == MessageId::NotMultipleOf {
            "divisor"
        } else {
            "limit"
        };
        let limit = limit_literal(limit);
        let _ = writeln!(self.out, "if let Some({n}) = {}.as_number() {{", scope.v);
        self.fail_if_with(
            scope,
            &format!("!{limit}.{method}({n})"),
            kw,
            id,
            &[(argument, &shown)],
            &[],
        );
        self.out.push_str("}\n");
    }

    /// A bound on a size (`measure` on the value bound by `accessor`), reported with the size
    /// found.
    fn count_rule(
        &mut self,
        scope: &Scope,
        kw: &str,
        (accessor, measure): (&str, &str),
        // The failure condition.
        broken: &str,
        id: MessageId,
        limit: &str,
    ) {
        let _ = writeln!(self.out, "if let Some(s) = {}.{accessor}() {{", scope.v);
        self.fail_if_with(
            scope,
            broken,
            kw,
            id,
            &[("limit", limit)],
            &[("found", measure)],
        );
        self.out.push_str("}\n");
    }

    /// A rule on one JSON type: `accessor` (`as_str`, `as_array`, `as_object`) binds `s`.
    fn value_rule(
        &mut self,
        scope: &Scope,
        kw: &str,
        accessor: &str,
        condition: &str,
        id: MessageId,
        known: &[(&str, &str)],
    ) {
        let _ = writeln!(self.out, "if let Some(s) = {}.{accessor}() {{", scope.v);
        self.fail_if_with(scope, condition, kw, id, known, &[]);
        self.out.push_str("}\n");
    }

    fn prefix_items(&mut self, schemas: &[Schema], scope: &Scope) {
        let a = self.var("a");
        let mut code = String::new();
        for (index, schema) in schemas.iter().enumerate() {
            let item = self.var("item");
            let mut inner = self.at(schema, &item, &format!("{}.index({index})", scope.p), scope);
            if let Some(ann) = &scope.ann {
                inner.push_str(&format!("{ann}.items.insert({index});\n"));
            }
            if inner.trim().is_empty() {
                continue;
            }
            if uses(&inner, &item) {
                code.push_str(&format!(
                    "if let Some({item}) = {a}.get({index}) {{\n{inner}}}\n"
                ));
            } else {
                code.push_str(&format!("if {a}.len() > {index} {{\n{inner}}}\n"));
            }
        }
        if !code.is_empty() {
            let _ = writeln!(
                self.out,
                "if let Some({a}) = {}.as_array() {{\n{code}}}",
                scope.v
            );
        }
    }

    /// `properties`: one pass over the object's members, dispatching on the key (no hashing),
    /// or a single lookup when one property is checked.
    fn properties(&mut self, properties: &[(String, Schema)], scope: &Scope) {
        let (o, key, value) = (self.var("o"), self.var("key"), self.var("value"));
        let mut arms = Vec::new();
        for (name, schema) in properties {
            let mut inner = self.at(schema, &value, &format!("{}.key({name:?})", scope.p), scope);
            if let Some(ann) = &scope.ann {
                inner.push_str(&format!("{ann}.properties.insert({name:?}.to_string());\n"));
            }
            if !inner.trim().is_empty() {
                arms.push((name, inner));
            }
        }
        let uses_value = arms.iter().any(|(_, inner)| uses(inner, &value));
        let code = match arms.as_slice() {
            [] => return,
            [(name, inner)] if uses_value => {
                format!("if let Some({value}) = support::property({o}, {name:?}) {{\n{inner}}}\n")
            }
            [(name, inner)] => format!("if support::has_property({o}, {name:?}) {{\n{inner}}}\n"),
            _ => {
                let arms: String = arms
                    .iter()
                    .map(|(name, inner)| format!("{name:?} => {{\n{inner}}}\n"))
                    .collect();
                let each = if uses_value {
                    format!("({key}, {value}) in {o}")
                } else {
                    format!("{key} in {o}.keys()")
                };
                format!("for {each} {{\nmatch {key}.as_str() {{\n{arms}_ => {{}}\n}}\n}}\n")
            }
        };
        let _ = writeln!(
            self.out,
            "if let Some({o}) = {}.as_object() {{\n{code}}}",
            scope.v
        );
    }

    fn property_names(&mut self, schema: &Schema, scope: &Scope) {
        let (o, key, name) = (self.var("o"), self.var("key"), self.var("name"));
        let inner = Scope {
            v: name.clone(),
            ann: None,
            ..scope.clone()
        };
        let body = self.nested(|printer| printer.schema(schema, &inner));
        if body.trim().is_empty() {
            return;
        }
        let bind = if uses(&body, &name) {
            format!("let {name} = &::serde_json::Value::String({key}.clone());")
        } else {
            String::new()
        };
        let each = if uses(&body, &key) || !bind.is_empty() {
            key
        } else {
            "_".to_string()
        };
        let _ = writeln!(
            self.out,
            "if let Some({o}) = {}.as_object() {{ for {each} in {o}.keys() {{ {bind}\n{body}}} }}",
            scope.v
        );
    }
}

fn type_test(t: JsonType, v: &str) -> String {
    match t {
        JsonType::Null => format!("{v}.is_null()"),
        JsonType::Boolean => format!("{v}.is_boolean()"),
        JsonType::Object => format!("{v}.is_object()"),
        JsonType::Array => format!("{v}.is_array()"),
        JsonType::Number => format!("{v}.is_number()"),
        JsonType::Integer => format!("support::is_integer({v})"),
        JsonType::String => format!("{v}.is_string()"),
    }
}

/// A format string without arguments as the text it prints.
fn unescape_braces(format: &str) -> String {
    format.replace("{{", "{").replace("}}", "}")
}
