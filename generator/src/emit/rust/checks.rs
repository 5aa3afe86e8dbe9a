//! Prints a validation program as straight-line Rust: one function per program function, each
//! rule as an `if` over `serde_json::Value`. Errors carry the instance path, the keyword's
//! schema location and a message; annotation bookkeeping is printed only where asked.

use std::fmt::Write as _;

use serde_json::{Number, Value};

use crate::ir::{Annotate, Check, ContentCheck, JsonType, Program, Rule, Schema, SchemaBody};

/// Rust source for a program: its functions and the statics they use.
pub struct PrintedProgram {
    pub functions: String,
    pub statics: String,
}

/// Prints the functions reachable from `roots` (the payload validator and the checks that
/// decide union branches) and the statics they use.
pub fn print_program(program: &Program, roots: &[usize]) -> PrintedProgram {
    let mut printer = Printer {
        program,
        out: String::new(),
        statics: String::new(),
        next_var: 0,
        next_static: 0,
    };
    let mut printed = Vec::new();
    for function in &program.functions {
        let text = printer.nested(|p| {
            p.function(
                function.name.as_str(),
                &function.schema,
                function.reports_annotations,
            )
        });
        printed.push(text);
    }
    // A function is kept when a kept function calls it: dead code never reaches a user.
    let mut keep: Vec<bool> = (0..printed.len()).map(|i| roots.contains(&i)).collect();
    let mut changed = true;
    while changed {
        changed = false;
        for caller in 0..printed.len() {
            if !keep[caller] {
                continue;
            }
            for (callee, function) in program.functions.iter().enumerate() {
                if !keep[callee] && calls(&printed[caller], &function.name) {
                    keep[callee] = true;
                    changed = true;
                }
            }
        }
    }
    let functions: String = printed
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(text, _)| text.as_str())
        .collect();
    let mut statics = String::new();
    for (index, pattern) in program.patterns.iter().enumerate() {
        if uses(&functions, &format!("PATTERN_{index}")) {
            let _ = writeln!(
                statics,
                "static PATTERN_{index}: ::std::sync::LazyLock<::regex::Regex> = ::std::sync::LazyLock::new(|| \
                 ::regex::Regex::new({pattern:?}).expect(\"pattern compiled when generated\"));"
            );
        }
    }
    for line in printer.statics.lines() {
        let name = line
            .trim_start_matches("static ")
            .split(':')
            .next()
            .unwrap_or_default();
        if uses(&functions, name) {
            statics.push_str(line);
            statics.push('\n');
        }
    }
    PrintedProgram { functions, statics }
}

/// Whether printed code calls the function `name`.
fn calls(code: &str, name: &str) -> bool {
    code.match_indices(&format!("{name}(")).any(|(at, _)| {
        !code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    }) && !code.contains(&format!("fn {name}("))
}

/// The variables in scope for one instance: value, path, error sink and annotation collector.
#[derive(Clone)]
struct Scope {
    v: String,
    p: String,
    errs: String,
    ann: Option<String>,
    /// The dynamic scope (chain of entered resources), in programs with `$dynamicRef`.
    dynamic: Option<String>,
}

struct Printer<'a> {
    program: &'a Program,
    out: String,
    statics: String,
    next_var: usize,
    next_static: usize,
}

impl Printer<'_> {
    fn var(&mut self, prefix: &str) -> String {
        self.next_var += 1;
        format!("{prefix}{}", self.next_var)
    }

    fn function(&mut self, name: &str, schema: &Schema, annotations: bool) {
        let dynamic = self.program.uses_dynamic_scope();
        let scope = Scope {
            v: "v".into(),
            p: "p".into(),
            errs: "errs".into(),
            ann: annotations.then(|| "ann".to_string()),
            dynamic: dynamic.then(|| "ds".to_string()),
        };
        let saved = std::mem::take(&mut self.out);
        self.schema(schema, &scope);
        let body = std::mem::replace(&mut self.out, saved);
        let used = |var: &str| {
            body.contains(&format!("{var}."))
                || body.contains(&format!("{var},"))
                || body.contains(&format!("{var})"))
        };
        let param = |var: &str| {
            if used(var) {
                var.to_string()
            } else {
                format!("_{var}")
            }
        };
        let mut ann_param = if annotations {
            format!(", {}: &mut support::Annotations", param("ann"))
        } else {
            String::new()
        };
        if dynamic {
            ann_param.push_str(&format!(", {}: &support::Scope<'_>", param("ds")));
        }
        let _ = writeln!(
            self.out,
            "fn {name}({}: &::serde_json::Value, {}: &support::Path<'_>, {}: &mut Vec<support::ValidationError>{ann_param}) {{\n{body}}}\n",
            param("v"),
            param("p"),
            param("errs"),
        );
    }

    fn push_error(&mut self, scope: &Scope, keyword: &str, message: &str, args: &[&str]) {
        let text = if message == "{}" && args.len() == 1 {
            args[0].to_string()
        } else if args.is_empty() {
            // Without arguments the message is no format string: undo `literal`'s doubling.
            let text = message.replace("{{", "{").replace("}}", "}");
            format!("String::from({text:?})")
        } else {
            let args: String = args.iter().map(|a| format!(", {a}")).collect();
            format!("format!({message:?}{args})")
        };
        let _ = writeln!(
            self.out,
            "{}.push(support::ValidationError::new({}, {keyword:?}, {text}));",
            scope.errs, scope.p
        );
    }

    /// `!(condition)`, without parentheses when the condition is a single term.
    fn negate(condition: &str) -> String {
        if condition.contains("||") || condition.contains("&&") {
            format!("!({condition})")
        } else if condition.contains(" == ") {
            condition.replacen(" == ", " != ", 1)
        } else if condition.contains(' ') {
            format!("!({condition})")
        } else {
            format!("!{condition}")
        }
    }

    fn schema(&mut self, schema: &Schema, scope: &Scope) {
        match &schema.body {
            SchemaBody::Any => {}
            SchemaBody::Nothing => {
                let location = schema.location.to_string();
                self.push_error(
                    scope,
                    &location,
                    "no value is allowed here (false schema)",
                    &[],
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
    fn in_place(&mut self, schema: &Schema, scope: &Scope) {
        match &scope.ann {
            Some(ann) if records_annotations(schema) => {
                let child = self.var("ann");
                let before = self.var("before");
                let _ = writeln!(self.out, "{{ let mut {child} = support::Annotations::default(); let {before} = {}.len();", scope.errs);
                let inner = Scope {
                    ann: Some(child.clone()),
                    ..scope.clone()
                };
                self.schema(schema, &inner);
                let _ = writeln!(
                    self.out,
                    "if {}.len() == {before} {{ {ann}.merge({child}); }} }}",
                    scope.errs
                );
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

    /// Runs a subschema into a fresh error list named by the returned variable.
    fn trial(&mut self, schema: &Schema, scope: &Scope, annotations: Option<&str>) -> String {
        let errs = self.var("errs");
        let _ = writeln!(self.out, "let mut {errs}_store: Vec<support::ValidationError> = Vec::new(); let {errs} = &mut {errs}_store;");
        let inner = Scope {
            errs: errs.clone(),
            ann: annotations.map(str::to_string),
            ..scope.clone()
        };
        self.schema(schema, &inner);
        errs
    }

    /// Code applying a subschema to another instance (a property value, an item); the path
    /// variable is declared only when the code reports errors.
    fn at(&mut self, schema: &Schema, value: &str, path_expr: &str, scope: &Scope) -> String {
        if schema.body == SchemaBody::Any {
            return String::new();
        }
        let p = self.var("p");
        let inner = Scope {
            v: value.to_string(),
            p: p.clone(),
            errs: scope.errs.clone(),
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

    /// A loop over the items of array `a` from index `from`, running `code_for(item, index)`.
    fn for_items(
        &mut self,
        a: &str,
        from: usize,
        scope: &Scope,
        schema: &Schema,
        record: Option<&str>,
    ) {
        let (i, item) = (self.var("i"), self.var("item"));
        let mut code = self.at(schema, &item, &format!("{}.index({i})", scope.p), scope);
        if let Some(ann) = record {
            code.push_str(&format!("{ann}.items.insert({i});\n"));
        }
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
            (false, _) => format!("for {item} in {a}.iter(){skip}"),
        };
        let _ = writeln!(self.out, "{header} {{\n{code}}}");
    }

    /// A loop over the properties of object `o` that pass `skip_if` (a condition on the key
    /// that means "not this one"), applying `schema` to each value.
    fn for_properties(
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
            .map(|condition| format!("if {condition} {{ continue; }}\n"))
            .unwrap_or_default();
        let header = if uses(&code, &value) {
            format!("for ({key}, {value}) in {o}")
        } else {
            format!("for {key} in {o}.keys()")
        };
        let _ = writeln!(
            self.out,
            "{header} {{\n{}{code}}}",
            skip.replace("{key}", &key)
        );
    }

    /// Prints into a separate buffer and returns what was printed.
    fn nested(&mut self, print: impl FnOnce(&mut Self)) -> String {
        let saved = std::mem::take(&mut self.out);
        print(self);
        std::mem::replace(&mut self.out, saved)
    }

    fn check(&mut self, check: &Check, scope: &Scope) {
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
                let _ = writeln!(self.out, "if {} {{", Self::negate(&condition));
                let message = format!("expected {}, found {{}}", literal(&names));
                self.push_error(scope, kw, &message, &[&format!("support::type_name({v})")]);
                self.out.push_str("}\n");
            }
            Rule::Const(value) => {
                let test = self.equals(&v, value);
                let message = format!("must be {}", literal(&value.to_string()));
                let _ = writeln!(self.out, "if {} {{", Self::negate(&test));
                self.push_error(scope, kw, &message, &[]);
                self.out.push_str("}\n");
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
            Rule::MaxLength(n) => self.string_rule(
                scope,
                kw,
                &format!("support::char_count(s) > {n}"),
                &format!("must be at most {n} characters long"),
            ),
            Rule::MinLength(n) => self.string_rule(
                scope,
                kw,
                &format!("support::char_count(s) < {n}"),
                &format!("must be at least {n} characters long"),
            ),
            Rule::Pattern(id) => {
                let source = self.program.patterns.get(*id).cloned().unwrap_or_default();
                self.string_rule(
                    scope,
                    kw,
                    &format!("!PATTERN_{id}.is_match(s)"),
                    &format!("does not match the pattern {source}"),
                );
            }
            Rule::Format(format) => {
                let (_, function) = super::support::format_check(*format);
                self.string_rule(
                    scope,
                    kw,
                    &format!("!support::{function}(s)"),
                    &format!("is not a valid {}", format.name()),
                );
            }
            Rule::Content(content) => self.content(content, scope, kw),
            Rule::MaxItems(n) => self.array_rule(
                scope,
                kw,
                &format!("a.len() as u64 > {n}"),
                &format!("must have at most {n} items"),
            ),
            Rule::MinItems(n) => self.array_rule(
                scope,
                kw,
                &format!("(a.len() as u64) < {n}"),
                &format!("must have at least {n} items"),
            ),
            Rule::UniqueItems => self.array_rule(
                scope,
                kw,
                "support::has_duplicates(a)",
                "items must be unique",
            ),
            Rule::Contains { schema, min, max } => self.contains(schema, *min, *max, scope, kw),
            Rule::PrefixItems(schemas) => {
                let a = self.var("a");
                let mut code = String::new();
                for (index, schema) in schemas.iter().enumerate() {
                    let item = self.var("item");
                    let mut inner =
                        self.at(schema, &item, &format!("{}.index({index})", scope.p), scope);
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
                    let _ = writeln!(self.out, "if let Some({a}) = {v}.as_array() {{\n{code}}}");
                }
            }
            Rule::Items { from, schema } => {
                let a = self.var("a");
                let ann = scope.ann.clone();
                let code = self.nested(|printer| {
                    printer.for_items(&a, *from, scope, schema, None);
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
            Rule::MaxProperties(n) => self.object_rule(
                scope,
                kw,
                &format!("o.len() as u64 > {n}"),
                &format!("must have at most {n} properties"),
            ),
            Rule::MinProperties(n) => self.object_rule(
                scope,
                kw,
                &format!("(o.len() as u64) < {n}"),
                &format!("must have at least {n} properties"),
            ),
            Rule::Required(names) => {
                let o = self.var("o");
                let list = names
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = writeln!(self.out, "if let Some({o}) = {v}.as_object() {{ for name in [{list}] {{ if !{o}.contains_key(name) {{");
                self.push_error(scope, kw, "missing required property {:?}", &["name"]);
                self.out.push_str("} } }\n");
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
                    let _ = writeln!(self.out, "if {o}.contains_key({name:?}) {{ for name in [{list}] {{ if !{o}.contains_key(name) {{");
                    let message = format!(
                        "missing property {{:?}}, required when {} is present",
                        literal(&format!("{name:?}"))
                    );
                    self.push_error(scope, kw, &message, &["name"]);
                    self.out.push_str("} } }\n");
                }
                self.out.push_str("}\n");
            }
            Rule::Properties(properties) => {
                let o = self.var("o");
                let mut code = String::new();
                for (name, schema) in properties {
                    let value = self.var("value");
                    let mut inner =
                        self.at(schema, &value, &format!("{}.key({name:?})", scope.p), scope);
                    if let Some(ann) = &scope.ann {
                        inner
                            .push_str(&format!("{ann}.properties.insert({name:?}.to_string());\n"));
                    }
                    if inner.trim().is_empty() {
                        continue;
                    }
                    if uses(&inner, &value) {
                        code.push_str(&format!(
                            "if let Some({value}) = {o}.get({name:?}) {{\n{inner}}}\n"
                        ));
                    } else {
                        code.push_str(&format!("if {o}.contains_key({name:?}) {{\n{inner}}}\n"));
                    }
                }
                if !code.is_empty() {
                    let _ = writeln!(self.out, "if let Some({o}) = {v}.as_object() {{\n{code}}}");
                }
            }
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
            Rule::PropertyNames(schema) => {
                let o = self.var("o");
                let (key, name) = (self.var("key"), self.var("name"));
                let body = self.nested(|printer| {
                    let inner = Scope {
                        v: name.clone(),
                        ann: None,
                        ..scope.clone()
                    };
                    printer.schema(schema, &inner);
                });
                if !body.trim().is_empty() {
                    let bind = if uses(&body, &name) {
                        format!("let {name} = &::serde_json::Value::String({key}.clone());")
                    } else {
                        String::new()
                    };
                    let each = if uses(&body, &key) || !bind.is_empty() {
                        key.clone()
                    } else {
                        "_".to_string()
                    };
                    let _ = writeln!(
                        self.out,
                        "if let Some({o}) = {v}.as_object() {{ for {each} in {o}.keys() {{ {bind}"
                    );
                    let _ = writeln!(self.out, "{body} }} }}");
                }
            }
            Rule::DependentSchemas(list) => {
                let o = self.var("o");
                let _ = writeln!(self.out, "if let Some({o}) = {v}.as_object() {{");
                for (name, schema) in list {
                    let _ = writeln!(self.out, "if {o}.contains_key({name:?}) {{");
                    self.in_place(schema, scope);
                    self.out.push_str("}\n");
                }
                self.out.push_str("}\n");
            }
            Rule::AllOf(schemas) => {
                for schema in schemas {
                    self.in_place(schema, scope);
                }
            }
            Rule::AnyOf(schemas) => self.alternatives(schemas, scope, kw, false),
            Rule::OneOf(schemas) => self.alternatives(schemas, scope, kw, true),
            Rule::Not(schema) => {
                self.out.push_str("{\n");
                let errs = self.trial(
                    schema,
                    &Scope {
                        ann: None,
                        ..scope.clone()
                    },
                    None,
                );
                let _ = writeln!(self.out, "if {errs}.is_empty() {{");
                self.push_error(
                    scope,
                    kw,
                    "must not be valid against the schema in \"not\"",
                    &[],
                );
                self.out.push_str("} }\n");
            }
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
                let code = self.nested(|printer| {
                    let (i, item) = (printer.var("i"), printer.var("item"));
                    let body = printer.at(schema, &item, &format!("{}.index({i})", scope.p), scope);
                    if !body.trim().is_empty() {
                        let pattern = if uses(&body, &item) {
                            item.clone()
                        } else {
                            "_".to_string()
                        };
                        let iterate = if uses(&body, &item) {
                            format!("for ({i}, {pattern}) in {a}.iter().enumerate()")
                        } else {
                            format!("for {i} in 0..{a}.len()")
                        };
                        let _ = writeln!(
                            printer.out,
                            "{iterate} {{ if {ann}.has_item({i}) {{ continue; }}\n{body}}}"
                        );
                    }
                });
                if !code.trim().is_empty() {
                    let _ = writeln!(self.out, "if let Some({a}) = {v}.as_array() {{\n{code}}}");
                }
                let _ = writeln!(self.out, "{ann}.all_items = true;");
            }
        }
    }

    /// A call of a program function on the scope's instance. `annotating` is the variant that
    /// reports annotations, when it differs from `id` (dynamic targets).
    fn call(&mut self, id: usize, annotating: Option<usize>, scope: &Scope) -> String {
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
        let (v, p, errs) = (&scope.v, &scope.p, &scope.errs);
        match (&scope.ann, reporting, plain) {
            (Some(ann), Some(target), _) => {
                let (child, before) = (self.var("ann"), self.var("before"));
                format!(
                    "{{ let mut {child} = support::Annotations::default(); let {before} = {errs}.len(); {}({v}, {p}, {errs}, &mut {child}{dynamic}); if {errs}.len() == {before} {{ {ann}.merge({child}); }} }}\n",
                    target.name
                )
            }
            (None, _, Some(target)) if target.reports_annotations => {
                format!(
                    "{}({v}, {p}, {errs}, &mut support::Annotations::default(){dynamic});\n",
                    target.name
                )
            }
            (_, _, Some(target)) => format!("{}({v}, {p}, {errs}{dynamic});\n", target.name),
            (_, _, None) => String::new(),
        }
    }

    fn dynamic_ref(&mut self, anchor: &str, fallback: usize, scope: &Scope) {
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

    fn equals(&mut self, v: &str, value: &Value) -> String {
        match value {
            Value::String(s) => format!("{v}.as_str() == Some({s:?})"),
            Value::Bool(b) => format!("{v}.as_bool() == Some({b})"),
            Value::Null => format!("{v}.is_null()"),
            other => {
                let name = self.constant(other);
                format!("support::json_equal({v}, &{name})")
            }
        }
    }

    fn constant(&mut self, value: &Value) -> String {
        self.next_static += 1;
        let name = format!("CONST_{}", self.next_static);
        let _ = writeln!(
            self.statics,
            "static {name}: ::std::sync::LazyLock<::serde_json::Value> = ::std::sync::LazyLock::new(|| ::serde_json::json!({}));",
            json_literal(value)
        );
        name
    }

    fn enumeration(&mut self, values: &[Value], scope: &Scope, kw: &str) {
        let v = &scope.v;
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
                let tests: Vec<String> = values.iter().map(|value| self.equals(v, value)).collect();
                if tests.is_empty() {
                    "false".to_string()
                } else {
                    tests.join(" || ")
                }
            }
        };
        let _ = writeln!(self.out, "if {} {{", Self::negate(&test));
        self.push_error(
            scope,
            kw,
            &format!("must be one of {}", literal(&shown)),
            &[],
        );
        self.out.push_str("}\n");
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
        let _ = writeln!(
            self.out,
            "if let Some({n}) = {}.as_number() {{ if !{limit}.{method}({n}) {{",
            scope.v
        );
        self.push_error(scope, kw, &message, &[]);
        self.out.push_str("} }\n");
    }

    fn string_rule(&mut self, scope: &Scope, kw: &str, condition: &str, message: &str) {
        let _ = writeln!(
            self.out,
            "if let Some(s) = {}.as_str() {{ if {condition} {{",
            scope.v
        );
        self.push_error(scope, kw, message, &[]);
        self.out.push_str("} }\n");
    }

    fn array_rule(&mut self, scope: &Scope, kw: &str, condition: &str, message: &str) {
        let _ = writeln!(
            self.out,
            "if let Some(a) = {}.as_array() {{ if {condition} {{",
            scope.v
        );
        self.push_error(scope, kw, message, &[]);
        self.out.push_str("} }\n");
    }

    fn object_rule(&mut self, scope: &Scope, kw: &str, condition: &str, message: &str) {
        let _ = writeln!(
            self.out,
            "if let Some(o) = {}.as_object() {{ if {condition} {{",
            scope.v
        );
        self.push_error(scope, kw, message, &[]);
        self.out.push_str("} }\n");
    }

    fn content(&mut self, content: &ContentCheck, scope: &Scope, kw: &str) {
        let (s, inner) = (self.var("s"), self.var("inner"));
        let _ = writeln!(
            self.out,
            "if let Some({s}) = {}.as_str() {{ match support::decode_content({s}, {}, {}) {{",
            scope.v, content.base64, content.json
        );
        let _ = writeln!(self.out, "Err(reason) => {{");
        self.push_error(scope, kw, "{}", &["reason"]);
        self.out.push_str("}\n");
        match &content.schema {
            Some(schema) if schema.body != SchemaBody::Any => {
                let _ = writeln!(
                    self.out,
                    "Ok(Some({inner})) => {{ let root = &support::Path::Root; let {inner} = &{inner};"
                );
                let inner_scope = Scope {
                    v: inner.clone(),
                    p: "root".into(),
                    errs: scope.errs.clone(),
                    ann: None,
                    dynamic: scope.dynamic.clone(),
                };
                let errs = self.trial(schema, &inner_scope, None);
                let _ = writeln!(
                    self.out,
                    "for e in {errs} {{ let at = if e.instance_path.is_empty() {{ \"(root)\".to_string() }} else {{ e.instance_path.clone() }}; \
                     {}.push(support::ValidationError {{ instance_path: {}.to_pointer(), schema_location: e.schema_location, message: format!(\"embedded JSON at {{}}: {{}}\", at, e.message) }}); }} }}",
                    scope.errs, scope.p
                );
                self.out.push_str("Ok(None) => {}\n");
            }
            _ => self.out.push_str("Ok(_) => {}\n"),
        }
        self.out.push_str("} }\n");
    }

    fn contains(&mut self, schema: &Schema, min: u64, max: Option<u64>, scope: &Scope, kw: &str) {
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
        let p = self.var("p");
        let inner = Scope {
            v: item.clone(),
            p: p.clone(),
            errs: scope.errs.clone(),
            ann: None,
            dynamic: scope.dynamic.clone(),
        };
        let mut errs = String::new();
        let trial = self.nested(|printer| errs = printer.trial(schema, &inner, None));
        let trial = if uses(&trial, &p) {
            format!("let {p} = &{}.index({i});\n{trial}", scope.p)
        } else {
            trial
        };
        let record = match &scope.ann {
            Some(ann) => format!(" {ann}.items.insert({i});"),
            None => String::new(),
        };
        let body = format!("{trial}if {errs}.is_empty() {{ {count} += 1;{record} }}\n");
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
            let _ = writeln!(self.out, "if {count} < {min} {{");
            let message = format!("must contain at least {min} matching item(s), found {{}}");
            self.push_error(scope, kw, &message, &[&count]);
            self.out.push_str("}\n");
        }
        if let Some(max) = max {
            let _ = writeln!(self.out, "if {count} > {max} {{");
            let message = format!("must contain at most {max} matching item(s), found {{}}");
            self.push_error(scope, kw, &message, &[&count]);
            self.out.push_str("}\n");
        }
        if min == 0 && max.is_none() {
            let _ = writeln!(self.out, "let _ = {count};");
        }
        self.out.push_str("}\n");
    }

    fn alternatives(&mut self, schemas: &[Schema], scope: &Scope, kw: &str, exactly_one: bool) {
        let (valid, summary) = (self.var("valid"), self.var("summary"));
        let _ = writeln!(self.out, "{{ let mut {valid}: Vec<usize> = Vec::new(); let mut {summary}: Vec<String> = Vec::new();");
        for (index, schema) in schemas.iter().enumerate() {
            self.out.push_str("{\n");
            let child_ann = match &scope.ann {
                Some(_) if records_annotations(schema) => {
                    let child = self.var("ann");
                    let _ = writeln!(
                        self.out,
                        "let mut {child} = support::Annotations::default();"
                    );
                    Some(child)
                }
                _ => None,
            };
            let errs = self.trial(schema, scope, child_ann.as_deref());
            let merge = match (&scope.ann, &child_ann) {
                (Some(ann), Some(child)) => format!(" {ann}.merge({child});"),
                _ => String::new(),
            };
            let _ = writeln!(
                self.out,
                "if {errs}.is_empty() {{ {valid}.push({index});{merge} }} else {{ {summary}.push(format!(\"[{index}] {{}}\", {errs}[0])); }} }}"
            );
        }
        if exactly_one {
            let _ = writeln!(self.out, "if {valid}.is_empty() {{");
            self.push_error(
                scope,
                kw,
                "must be valid against exactly one alternative, but matches none: {}",
                &[&format!("{summary}.join(\"; \")")],
            );
            let _ = writeln!(self.out, "}} else if {valid}.len() > 1 {{");
            self.push_error(
                scope,
                kw,
                "must be valid against exactly one alternative, but matches {:?}",
                &[&valid],
            );
            self.out.push_str("} }\n");
        } else {
            let _ = writeln!(self.out, "if {valid}.is_empty() {{");
            self.push_error(
                scope,
                kw,
                "must be valid against at least one alternative: {}",
                &[&format!("{summary}.join(\"; \")")],
            );
            self.out.push_str("} }\n");
        }
    }

    fn conditional(
        &mut self,
        condition: &Schema,
        then: Option<&Schema>,
        otherwise: Option<&Schema>,
        scope: &Scope,
    ) {
        self.out.push_str("{\n");
        let child_ann = match &scope.ann {
            Some(_) if records_annotations(condition) => {
                let child = self.var("ann");
                let _ = writeln!(
                    self.out,
                    "let mut {child} = support::Annotations::default();"
                );
                Some(child)
            }
            _ => None,
        };
        let errs = self.trial(condition, scope, child_ann.as_deref());
        let merge = match (&scope.ann, &child_ann) {
            (Some(ann), Some(child)) => format!("{ann}.merge({child});"),
            _ => String::new(),
        };
        let then_code = then
            .map(|s| self.nested(|p| p.in_place(s, scope)))
            .unwrap_or_default();
        let else_code = otherwise
            .map(|s| self.nested(|p| p.in_place(s, scope)))
            .unwrap_or_default();
        let then_code = format!("{merge}{then_code}");
        match (then_code.trim().is_empty(), else_code.trim().is_empty()) {
            (_, true) if !then_code.trim().is_empty() => {
                let _ = writeln!(self.out, "if {errs}.is_empty() {{ {then_code} }}");
            }
            (true, false) => {
                let _ = writeln!(self.out, "if !{errs}.is_empty() {{ {else_code} }}");
            }
            (false, false) => {
                let _ = writeln!(
                    self.out,
                    "if {errs}.is_empty() {{ {then_code} }} else {{ {else_code} }}"
                );
            }
            _ => {
                let _ = writeln!(self.out, "let _ = {errs};");
            }
        }
        self.out.push_str("}\n");
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

fn limit_literal(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return format!("support::Limit::Int({i})");
    }
    if let Some(u) = n.as_u64() {
        return format!("support::Limit::Int({u})");
    }
    let f = n.as_f64().unwrap_or(f64::NAN);
    format!("support::Limit::Float({f:?})")
}

/// Whether evaluating a schema can record evaluated properties or items. References count as
/// recording: their targets are separate functions that may.
fn records_annotations(schema: &Schema) -> bool {
    schema.checks().iter().any(|check| match &check.rule {
        Rule::Properties(_)
        | Rule::PatternProperties(_)
        | Rule::AdditionalProperties { .. }
        | Rule::PrefixItems(_)
        | Rule::Items { .. }
        | Rule::Contains { .. }
        | Rule::UnevaluatedProperties(_)
        | Rule::UnevaluatedItems(_)
        | Rule::Ref(_)
        | Rule::DynamicRef { .. } => true,
        Rule::AllOf(list) | Rule::AnyOf(list) | Rule::OneOf(list) => {
            list.iter().any(records_annotations)
        }
        Rule::DependentSchemas(list) => list.iter().any(|(_, s)| records_annotations(s)),
        Rule::IfThenElse {
            condition,
            then,
            otherwise,
        } => {
            records_annotations(condition)
                || then.as_deref().is_some_and(records_annotations)
                || otherwise.as_deref().is_some_and(records_annotations)
        }
        _ => false,
    })
}

/// Whether `code` mentions the variable `var` (as a whole identifier).
fn uses(code: &str, var: &str) -> bool {
    code.match_indices(var).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + var.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

/// A value as `serde_json::json!` input, with typed number literals (a bare literal would be
/// inferred as `i32` and overflow).
fn json_literal(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => format!("{i}_i64"),
            (None, Some(u)) => format!("{u}_u64"),
            _ => format!("{:?}_f64", n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => format!("{s:?}"),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(json_literal)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{k:?}: {}", json_literal(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Text placed inside a `format!` string: braces doubled so they are not placeholders.
fn literal(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}
