//! One rule at a time: type, values, numbers, strings, arrays and objects, and the applicators
//! that reach other instances (properties, items).

use std::fmt::Write as _;

use serde_json::{Number, Value};

use super::scope::Scope;
use super::{json_literal, limit_literal, literal, negate, uses, Printer};
use crate::ir::{Check, JsonType, Rule, Schema};

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
                let names = types
                    .iter()
                    .map(|t| t.name())
                    .collect::<Vec<_>>()
                    .join(" or ");
                let message = format!("expected {}, found {{}}", literal(&names));
                self.fail_if(
                    scope,
                    &negate(&condition),
                    kw,
                    &message,
                    &[&format!("support::type_name({v})")],
                );
            }
            Rule::Const(value) => {
                let test = self.equals(&v, value);
                let message = format!("must be {}", literal(&value.to_string()));
                self.fail_if(scope, &negate(&test), kw, &message, &[]);
            }
            Rule::Enum(values) => self.enumeration(values, scope, kw),
            Rule::MultipleOf(n) => {
                self.number_rule(scope, kw, n, "divides", "must be a multiple of {}")
            }
            Rule::Maximum(n) => self.number_rule(scope, kw, n, "at_most", "must be at most {}"),
            Rule::ExclusiveMaximum(n) => {
                self.number_rule(scope, kw, n, "below", "must be less than {}")
            }
            Rule::Minimum(n) => self.number_rule(scope, kw, n, "at_least", "must be at least {}"),
            Rule::ExclusiveMinimum(n) => {
                self.number_rule(scope, kw, n, "above", "must be greater than {}")
            }
            Rule::MaxLength(n) => self.value_rule(
                scope,
                kw,
                "as_str",
                &format!("support::char_count(s) > {n}"),
                &format!("must be at most {n} characters long"),
            ),
            Rule::MinLength(n) => self.value_rule(
                scope,
                kw,
                "as_str",
                &format!("support::char_count(s) < {n}"),
                &format!("must be at least {n} characters long"),
            ),
            Rule::Pattern(id) => {
                let source = self.program.patterns.get(*id).cloned().unwrap_or_default();
                self.value_rule(
                    scope,
                    kw,
                    "as_str",
                    &format!("!PATTERN_{id}.is_match(s)"),
                    &format!("does not match the pattern {}", literal(&source)),
                );
            }
            Rule::Format(format) => {
                let (_, function) = super::super::support::format_check(*format);
                self.value_rule(
                    scope,
                    kw,
                    "as_str",
                    &format!("!support::{function}(s)"),
                    &format!("is not a valid {}", format.name()),
                );
            }
            Rule::Content(content) => self.content(content, scope, kw),
            Rule::MaxItems(n) => self.value_rule(
                scope,
                kw,
                "as_array",
                &format!("s.len() as u64 > {n}"),
                &format!("must have at most {n} items"),
            ),
            Rule::MinItems(n) => self.value_rule(
                scope,
                kw,
                "as_array",
                &format!("(s.len() as u64) < {n}"),
                &format!("must have at least {n} items"),
            ),
            Rule::UniqueItems => self.value_rule(
                scope,
                kw,
                "as_array",
                "support::has_duplicates(s)",
                "items must be unique",
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
            Rule::MaxProperties(n) => self.value_rule(
                scope,
                kw,
                "as_object",
                &format!("s.len() as u64 > {n}"),
                &format!("must have at most {n} properties"),
            ),
            Rule::MinProperties(n) => self.value_rule(
                scope,
                kw,
                "as_object",
                &format!("(s.len() as u64) < {n}"),
                &format!("must have at least {n} properties"),
            ),
            Rule::Required(names) => {
                let o = self.var("o");
                let list = names
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = writeln!(
                    self.out,
                    "if let Some({o}) = {v}.as_object() {{ for name in [{list}] {{"
                );
                self.fail_if(
                    scope,
                    &format!("!support::has_property({o}, name)"),
                    kw,
                    "missing required property {:?}",
                    &["name"],
                );
                self.out.push_str("} }\n");
            }
            Rule::DependentRequired(deps) => {
                if deps.iter().all(|(_, r)| r.is_empty()) {
                    return;
                }
                let o = self.var("o");
                let _ = writeln!(self.out, "if let Some({o}) = {v}.as_object() {{");
                for (name, required) in deps.iter().filter(|(_, r)| !r.is_empty()) {
                    let list = required
                        .iter()
                        .map(|n| format!("{n:?}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let _ = writeln!(
                        self.out,
                        "if support::has_property({o}, {name:?}) {{ for name in [{list}] {{"
                    );
                    let message = format!(
                        "missing property {{:?}}, required when {} is present",
                        literal(&format!("{name:?}"))
                    );
                    self.fail_if(
                        scope,
                        &format!("!support::has_property({o}, name)"),
                        kw,
                        &message,
                        &["name"],
                    );
                    self.out.push_str("} }\n");
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
        let shown = values
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(", ");
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
        self.fail_if(
            scope,
            &negate(&test),
            kw,
            &format!("must be one of {}", literal(&shown)),
            &[],
        );
    }

    fn number_rule(
        &mut self,
        scope: &Scope,
        kw: &str,
        limit: &Number,
        method: &str,
        message: &str,
    ) {
        let n = self.var("n");
        let message = message.replace("{}", &literal(&limit.to_string()));
        let limit = limit_literal(limit);
        let _ = writeln!(self.out, "if let Some({n}) = {}.as_number() {{", scope.v);
        self.fail_if(scope, &format!("!{limit}.{method}({n})"), kw, &message, &[]);
        self.out.push_str("}\n");
    }

    /// A rule on one JSON type: `accessor` (`as_str`, `as_array`, `as_object`) binds `s`.
    fn value_rule(
        &mut self,
        scope: &Scope,
        kw: &str,
        accessor: &str,
        condition: &str,
        message: &str,
    ) {
        let _ = writeln!(self.out, "if let Some(s) = {}.{accessor}() {{", scope.v);
        self.fail_if(scope, condition, kw, message, &[]);
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
