//! Prints a validation program as straight-line Rust over `serde_json::Value`. Every program
//! function is printed twice: `check_*` reports each broken rule (instance path, keyword
//! location, message), `valid_*` only answers yes or no, stopping at the first broken rule and
//! building no message. Subschemas whose errors are never shown (a branch of `anyOf`, an `if`,
//! a `not`, a `contains`) run in the second form, so a valid payload allocates nothing for them.
//! Annotation bookkeeping for `unevaluated*` is printed only where asked.

mod applicators;
mod rules;
mod scope;

use std::fmt::Write as _;

use serde_json::{Number, Value};

use crate::ir::{Program, Schema};
use crate::messages::MessageId;
use scope::{Scope, Sink};

/// Rust source for a program: its functions and the statics they use.
pub struct PrintedProgram {
    pub functions: String,
    pub statics: String,
}

/// The name of the yes/no form of a program function.
pub fn valid_name(name: &str) -> String {
    match name.strip_prefix("check") {
        Some(rest) => format!("valid{rest}"),
        None => format!("valid_{name}"),
    }
}

/// Prints the functions reachable from `roots` (names of printed functions: the payload
/// validator and the checks that decide union branches) and the statics they use.
pub fn print_program(program: &Program, roots: &[String]) -> PrintedProgram {
    let mut printer = Printer {
        program,
        out: String::new(),
        statics: String::new(),
        next_var: 0,
        next_static: 0,
    };
    let mut printed: Vec<(String, String)> = Vec::new();
    for function in &program.functions {
        let annotations = function.reports_annotations;
        let text =
            printer.nested(|p| p.function(&function.name, &function.schema, annotations, false));
        printed.push((function.name.clone(), text));
        let name = valid_name(&function.name);
        let text = printer.nested(|p| p.function(&name, &function.schema, annotations, true));
        printed.push((name, text));
    }
    // A function is kept when a kept function calls it: dead code never reaches a user.
    let mut keep: Vec<bool> = printed
        .iter()
        .map(|(name, _)| roots.contains(name))
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for caller in 0..printed.len() {
            if !keep[caller] {
                continue;
            }
            for callee in 0..printed.len() {
                if !keep[callee] && calls(&printed[caller].1, &printed[callee].0) {
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
        .map(|((_, text), _)| text.as_str())
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

/// Whether printed code calls the function `name` (other than in its own definition).
fn calls(code: &str, name: &str) -> bool {
    code.match_indices(&format!("{name}(")).any(|(at, _)| {
        let before = &code[..at];
        !before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            && !before.ends_with("fn ")
    })
}

pub(super) struct Printer<'a> {
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

    /// Prints into a separate buffer and returns what was printed.
    fn nested(&mut self, print: impl FnOnce(&mut Self)) -> String {
        let saved = std::mem::take(&mut self.out);
        print(self);
        std::mem::replace(&mut self.out, saved)
    }

    /// One program function, in the reporting (`check_*`) or yes/no (`valid_*`) form.
    fn function(&mut self, name: &str, schema: &Schema, annotations: bool, yes_no: bool) {
        let dynamic = self.program.uses_dynamic_scope();
        let scope = Scope {
            v: "v".into(),
            p: "p".into(),
            sink: if yes_no {
                Sink::Bool("check".into())
            } else {
                Sink::Errors("errs".into())
            },
            ann: annotations.then(|| "ann".to_string()),
            dynamic: dynamic.then(|| "ds".to_string()),
        };
        let body = self.nested(|printer| printer.schema(schema, &scope));
        let param = |var: &str| {
            if uses(&body, var) {
                var.to_string()
            } else {
                format!("_{var}")
            }
        };
        let mut params = format!("{}: &::serde_json::Value", param("v"));
        if !yes_no {
            params.push_str(&format!(
                ", {}: &support::Path<'_>, {}: &mut Vec<support::ValidationError>",
                param("p"),
                param("errs")
            ));
        }
        if annotations {
            params.push_str(&format!(", {}: &mut support::Annotations", param("ann")));
        }
        if dynamic {
            params.push_str(&format!(", {}: &support::Scope<'_>", param("ds")));
        }
        if !yes_no {
            let _ = writeln!(self.out, "fn {name}({params}) {{\n{body}}}\n");
        } else if uses(&body, "'check") {
            let _ = writeln!(
                self.out,
                "fn {name}({params}) -> bool {{\n'check: {{\n{}}}\n}}\n",
                then_true(&body, "check")
            );
        } else {
            let _ = writeln!(self.out, "fn {name}({params}) -> bool {{\n{body}true\n}}\n");
        }
    }

    /// Reports a broken rule: an error pushed, or `false` from the enclosing yes/no block.
    fn fail(&mut self, scope: &Scope, keyword: &str, message: &str, args: &[&str]) {
        match &scope.sink {
            Sink::Bool(label) => {
                let _ = writeln!(self.out, "break '{label} false;");
            }
            Sink::Errors(errs) => {
                let text = if message == "{}" && args.len() == 1 {
                    args[0].to_string()
                } else if args.is_empty() {
                    // Without arguments the message is no format string: undo `literal`.
                    let text = message.replace("{{", "{").replace("}}", "}");
                    format!("String::from({text:?})")
                } else {
                    let args: String = args.iter().map(|a| format!(", {a}")).collect();
                    format!("format!({message:?}{args})")
                };
                let _ = writeln!(
                    self.out,
                    "{errs}.push(support::ValidationError::new({}, {keyword:?}, {text}));",
                    scope.p
                );
            }
        }
    }

    /// Reports catalogue message `id`: `known` arguments are filled in now, `runtime` ones
    /// (name and Rust expression) are formatted when the error is reported.
    fn fail_with(
        &mut self,
        scope: &Scope,
        keyword: &str,
        id: MessageId,
        known: &[(&str, &str)],
        runtime: &[(&str, &str)],
    ) {
        let (format, open) = id.format_string(known);
        let args: Vec<&str> = open
            .iter()
            .map(|name| {
                runtime
                    .iter()
                    .find(|(n, _)| n == name)
                    .map_or("\"?\"", |(_, expr)| *expr)
            })
            .collect();
        self.fail(scope, keyword, &format, &args);
    }

    /// `if <failure condition> { fail_with(..) }`.
    fn fail_if_with(
        &mut self,
        scope: &Scope,
        condition: &str,
        keyword: &str,
        id: MessageId,
        known: &[(&str, &str)],
        runtime: &[(&str, &str)],
    ) {
        let _ = writeln!(self.out, "if {condition} {{");
        self.fail_with(scope, keyword, id, known, runtime);
        self.out.push_str("}\n");
    }

    /// `if <failure condition> { fail }` for a rule on the scope's instance.
    fn fail_if(
        &mut self,
        scope: &Scope,
        condition: &str,
        keyword: &str,
        message: &str,
        args: &[&str],
    ) {
        let _ = writeln!(self.out, "if {condition} {{");
        self.fail(scope, keyword, message, args);
        self.out.push_str("}\n");
    }
}

/// The body of a yes/no block: `true` after the checks, unless they always end the block.
fn then_true(body: &str, label: &str) -> String {
    if body.trim_end().ends_with(&format!("break '{label} false;")) {
        body.to_string()
    } else {
        format!("{body}true\n")
    }
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

/// Whether `code` mentions `var` as a whole identifier (or label).
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
