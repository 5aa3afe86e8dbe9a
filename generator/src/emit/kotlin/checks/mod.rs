//! Prints a module's check program (`ir::check`) as one Kotlin validator object over
//! `JsonElement`. Every function reached from the roots is printed in the forms it is reached
//! in: `check*` reports each broken rule (pointer, keyword location, message) into `Errors`,
//! `valid*` only answers yes or no, stopping at the first broken rule and building no message.
//! The walk and its decisions are `emit::checks`'s; this printer is its
//! [`crate::emit::checks::Target`] (`target.rs`), building typed statements ([`code`]), plus
//! what is Kotlin's own: assertions, content decoding, messages, statics and KDoc.

mod assertions;
mod code;
mod content;
mod failures;
mod patterns;
mod target;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::layout::{string_literal, Expr, Writer};
use super::plan::ModulePlan;
use super::symbols::Symbols;
use crate::emit::checks::{Walked, Walker};
use crate::error::Location;
use crate::ir::check::{CheckProgram, Form, FunctionId, MessageId, PatternId};
use crate::ir::Message;
use code::Stmt;

/// The name of the yes/no form of a function whose reporting form is `name`.
pub(super) fn valid_name(name: &str) -> String {
    match name.strip_prefix("check") {
        Some(rest) => format!("valid{rest}"),
        None => format!("valid{}", upper_first(name)),
    }
}

fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What one validator file prints.
pub(super) struct ValidatorFile<'a> {
    pub program: &'a CheckProgram,
    /// The schema location each function checks, for its KDoc.
    pub locations: Vec<Location>,
    pub schema_file: &'a str,
    /// The message whose payloads `validate` checks; none in a shared file's package, whose
    /// validator only decides union alternatives.
    pub message: Option<&'a Message>,
    pub plan: &'a ModulePlan,
    /// The functions the module's unions decide their alternatives with.
    pub alternatives: Vec<FunctionId>,
    /// Functions another package's validator prints: called there, by their qualified names.
    pub externals: BTreeMap<FunctionId, External>,
}

/// A function another package prints: its validator object's qualified name, and its name there.
pub(super) struct External {
    pub object: String,
    pub name: String,
}

impl ValidatorFile<'_> {
    /// The body of the validator file (after the imports).
    pub fn body(&self, symbols: &mut Symbols) -> String {
        let mut roots: Vec<(FunctionId, Form)> = Vec::new();
        if self.message.is_some() {
            roots.push((0, Form::Report));
        }
        roots.extend(self.alternatives.iter().map(|id| (*id, Form::Decide)));
        roots.extend(self.program.exports.iter().copied());
        let reached = self.program.reachable(&roots);
        let printer = Printer {
            program: self.program,
            plan: self.plan,
            externals: &self.externals,
            symbols,
            statics: Statics {
                files: vec![self.schema_file.to_string()],
                ..Statics::default()
            },
        };
        let mut walker = Walker::new(self.program, printer);
        let mut functions = Vec::new();
        for id in 0..self.program.functions.len() {
            if self.externals.contains_key(&id) {
                continue;
            }
            for form in [Form::Report, Form::Decide] {
                if reached.contains(&(id, form)) {
                    let location = self.locations.get(id);
                    let exported = self.program.exports.contains(&(id, form));
                    functions.push(function(&mut walker, id, form, location, exported));
                }
            }
        }
        let printer = &mut walker.target;
        let element = printer.symbols.name("JsonElement");
        let mut w = Writer::new(0);
        for (i, file) in printer.statics.files.iter().enumerate() {
            w.assign(
                &format!("private const val {}", file_constant(i)),
                &Expr::atom(string_literal(file)),
            );
        }
        w.line("");
        let purpose = match self.message {
            Some(message) => format!(
                "Validates {} {} payloads against `{}`, keyword for keyword.",
                message.contract, message.message, message.schema_file
            ),
            None if !self.program.exports.is_empty() => format!(
                "Checks the locations of `{}` for every validator that refers to them.",
                self.schema_file
            ),
            None => format!(
                "Decides the alternatives of the unions declared in `{}`.",
                self.schema_file
            ),
        };
        w.kdoc(&purpose);
        w.open(&format!("internal object {} {{", self.plan.validator));
        printer.write_statics(&mut w);
        if let Some(message) = self.message {
            let symbols = &mut printer.symbols;
            w.kdoc("Every way [element] breaks the schema; empty when it is valid.");
            let list = format!(
                "{}<{}>",
                symbols.name("List"),
                symbols.name("ValidationError")
            );
            w.open(&format!("fun validate(element: {element}): {list} {{"));
            // Too deep a value is refused before the recursive checks could exhaust the stack.
            w.line(&format!(
                "val tooDeep = {}.depthErrors(element, {})",
                symbols.name("StrictJson"),
                super::layout::string_literal(&message.schema_file)
            ));
            w.line("if (tooDeep.isNotEmpty()) return tooDeep");
            w.line("return validateRead(element)");
            w.close("}");
            w.line("");
            w.kdoc(
                "[validate] of a tree the strict reader built, which refuses too deep a value itself.",
            );
            w.open(&format!("fun validateRead(element: {element}): {list} {{"));
            w.line(&format!("val errors = {}()", symbols.name("Errors")));
            let root = printer.entry_call(0, Form::Report, "element");
            w.statement("", &root, "");
            w.line("return errors.toList()");
            w.close("}");
        }
        for (i, function) in functions.iter().enumerate() {
            // Statics above end in a blank line already; only `validate` does not.
            if i > 0 || self.message.is_some() {
                w.line("");
            }
            w.raw(function);
        }
        w.close("}");
        w.finish()
    }
}

/// The statics printed functions use: schema files, compiled patterns, known-name sets and
/// JSON constants, each printed once.
#[derive(Default)]
struct Statics {
    /// Schema files named by `SCHEMA`, `SCHEMA_2`, ...
    files: Vec<String>,
    patterns: BTreeSet<PatternId>,
    /// Property-name sets of `additionalProperties` loops.
    known: Vec<Vec<String>>,
    /// JSON constants by their JSON text: the static's number and its value (a list for
    /// `enum`).
    constants: BTreeMap<String, (usize, Constant)>,
    /// Whether a content check names `CONTENT_MESSAGES`, built once instead of at every check.
    content_messages: bool,
}

#[derive(Clone)]
enum Constant {
    One(Value),
    Any(Vec<Value>),
}

/// The Kotlin [`crate::emit::checks::Target`]: prints what the walker decides.
struct Printer<'a> {
    program: &'a CheckProgram,
    plan: &'a ModulePlan,
    externals: &'a BTreeMap<FunctionId, External>,
    symbols: &'a mut Symbols,
    statics: Statics,
}

/// One program function in one form, with its KDoc; `internal` when other packages call it.
fn function(
    walker: &mut Walker<'_, Printer<'_>>,
    id: FunctionId,
    form: Form,
    location: Option<&Location>,
    exported: bool,
) -> String {
    let Some(Walked { context, body, .. }) = walker.function(id, form) else {
        return String::new();
    };
    let printer = &mut walker.target;
    let mut params = vec![format!("value: {}", printer.symbols.name("JsonElement"))];
    if form == Form::Report {
        params.push(format!("at: {}", printer.symbols.name("JsonPointer")));
        params.push(format!("errors: {}", printer.symbols.name("Errors")));
    }
    if context.collector {
        params.push(format!("evaluated: {}", printer.symbols.name("Evaluated")));
    }
    if walker.program.dynamic_scope {
        params.push(format!("scope: {}", printer.symbols.name("DynamicScope")));
    }
    let mut w = Writer::new(1);
    let shown = location.map(|l| format!("`{l}`")).unwrap_or_default();
    match form {
        Form::Report => w.kdoc(&shown),
        Form::Decide => w.kdoc(&format!("Whether [value] satisfies {shown}.")),
    }
    let signature = Expr::call(
        format!(
            "{}fun {}",
            if exported { "internal " } else { "" },
            printer.function_name(id, form)
        ),
        params.into_iter().map(Expr::atom).collect(),
    );
    let mut stmts = body.stmts;
    if form == Form::Decide && !body.diverges {
        stmts.push(Stmt::line("return true"));
    }
    let result = if form == Form::Decide {
        ": Boolean"
    } else {
        ""
    };
    if stmts.is_empty() {
        w.statement("", &signature, &format!("{result} {{}}"));
    } else {
        w.statement("", &signature, &format!("{result} {{"));
        code::write(&mut w, &stmts);
        w.close("}");
    }
    w.finish()
}

impl Printer<'_> {
    /// The Kotlin name of function `id` in `form`.
    fn function_name(&self, id: FunctionId, form: Form) -> String {
        let (object, name) = match self.externals.get(&id) {
            Some(external) => (format!("{}.", external.object), external.name.clone()),
            None => (
                String::new(),
                self.plan.functions.get(id).cloned().unwrap_or_default(),
            ),
        };
        match form {
            Form::Report => format!("{object}{name}"),
            Form::Decide => format!("{object}{}", valid_name(&name)),
        }
    }

    /// A call of function `id` on a whole value (`validate`): from the root pointer, with a
    /// throw-away collector and an empty dynamic scope where it takes them.
    fn entry_call(&mut self, id: FunctionId, form: Form, value: &str) -> Expr {
        let name = self.function_name(id, form);
        let mut args = vec![Expr::atom(value)];
        if form == Form::Report {
            let pointer = self.symbols.name("JsonPointer");
            args.push(Expr::atom(format!("{pointer}.ROOT")));
            args.push(Expr::atom("errors"));
        }
        if self
            .program
            .functions
            .get(id)
            .is_some_and(|f| f.reports_annotations)
        {
            args.push(Expr::atom(format!("{}()", self.symbols.name("Evaluated"))));
        }
        if self.program.dynamic_scope {
            let scope = self.symbols.name("DynamicScope");
            args.push(Expr::atom(format!("{scope}.ROOT")));
        }
        Expr::call(name, args)
    }

    /// `"$SCHEMA#/pointer"`: a keyword location as Rust's `Location` displays it.
    fn location(&mut self, location: &Location) -> Expr {
        let files = &mut self.statics.files;
        let index = match files.iter().position(|f| *f == location.file) {
            Some(i) => i,
            None => {
                files.push(location.file.clone());
                files.len() - 1
            }
        };
        let pointer = string_literal(&location.pointer);
        let inner = &pointer[1..pointer.len() - 1];
        Expr::atom(format!("\"${}#{inner}\"", file_constant(index)))
    }

    fn known_names(&mut self, names: &[String]) -> String {
        let index = match self.statics.known.iter().position(|k| k == names) {
            Some(i) => i,
            None => {
                self.statics.known.push(names.to_vec());
                self.statics.known.len() - 1
            }
        };
        format!("KNOWN_{index}")
    }

    /// The static holding the catalogue's texts for `Checks.content`.
    fn content_messages(&mut self) -> String {
        self.statics.content_messages = true;
        "CONTENT_MESSAGES".into()
    }

    fn constant(&mut self, constant: Constant) -> String {
        let key = match &constant {
            Constant::One(value) => value.to_string(),
            Constant::Any(values) => format!("any:{}", Value::Array(values.clone())),
        };
        let next = self.statics.constants.len() + 1;
        let (number, _) = self
            .statics
            .constants
            .entry(key)
            .or_insert((next, constant));
        format!("CONST_{number}")
    }

    fn write_statics(&mut self, w: &mut Writer) {
        self.write_patterns(w);
        if self.statics.content_messages {
            let checks = self.symbols.name("Checks");
            let texts = [
                MessageId::ContentNotBase64,
                MessageId::ContentNotUtf8,
                MessageId::ContentNotJson,
                MessageId::ContentInvalid,
            ]
            // The runtime fills in the last (the embedded error's pointer and message).
            .map(|id| {
                Expr::atom(string_literal(
                    &crate::ir::check::Message::new(id).printed().0,
                ))
            });
            let messages = Expr::call(format!("{checks}.ContentMessages"), texts.to_vec());
            w.assign(
                &format!("private val CONTENT_MESSAGES: {checks}.ContentMessages"),
                &messages,
            );
            w.line("");
        }
        for (i, names) in self.statics.known.clone().iter().enumerate() {
            let set = Expr::call(
                "setOf",
                names
                    .iter()
                    .map(|n| Expr::atom(string_literal(n)))
                    .collect(),
            );
            let ty = format!(
                "{}<{}>",
                self.symbols.name("Set"),
                self.symbols.name("String")
            );
            w.assign(&format!("private val KNOWN_{i}: {ty}"), &set);
            w.line("");
        }
        let mut constants: Vec<(usize, Constant)> =
            self.statics.constants.values().cloned().collect();
        constants.sort_by_key(|(number, _)| *number);
        for (number, constant) in constants {
            let element = self.symbols.name("JsonElement");
            let (ty, value) = match &constant {
                Constant::One(value) => (element, self.json(value)),
                Constant::Any(values) => {
                    let items = values.iter().map(|v| self.json(v)).collect();
                    let list = self.symbols.name("List");
                    (format!("{list}<{element}>"), Expr::call("listOf", items))
                }
            };
            w.assign(&format!("private val CONST_{number}: {ty}"), &value);
            w.line("");
        }
    }

    /// A `JsonElement` expression equal to `value`; numbers keep their exact literal.
    fn json(&mut self, value: &Value) -> Expr {
        match value {
            Value::Null => Expr::atom(self.symbols.name("JsonNull")),
            Value::Bool(b) => Expr::call(
                self.symbols.name("JsonPrimitive"),
                vec![Expr::atom(b.to_string())],
            ),
            Value::Number(n) => Expr::call(
                format!("{}.number", self.symbols.name("Checks")),
                vec![Expr::atom(string_literal(&n.to_string()))],
            ),
            Value::String(s) => Expr::call(
                self.symbols.name("JsonPrimitive"),
                vec![Expr::atom(string_literal(s))],
            ),
            Value::Array(items) => {
                let items: Vec<Expr> = items.iter().map(|v| self.json(v)).collect();
                let list = if items.is_empty() {
                    Expr::atom("emptyList()")
                } else {
                    Expr::call("listOf", items)
                };
                Expr::call(self.symbols.name("JsonArray"), vec![list])
            }
            Value::Object(map) => {
                let pairs: Vec<Expr> = map
                    .iter()
                    .map(|(k, v)| Expr::infix(string_literal(k), "to", self.json(v)))
                    .collect();
                let map = if pairs.is_empty() {
                    Expr::atom("emptyMap()")
                } else {
                    Expr::call("mapOf", pairs)
                };
                Expr::call(self.symbols.name("JsonObject"), vec![map])
            }
        }
    }
}

/// The name of the constant holding schema file `index`.
fn file_constant(index: usize) -> String {
    if index == 0 {
        "SCHEMA".to_string()
    } else {
        format!("SCHEMA_{}", index + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::valid_name;

    #[test]
    fn the_yes_no_form_is_named_after_the_reporting_one() {
        assert_eq!(valid_name("checkRoot"), "validRoot");
        assert_eq!(valid_name("root"), "validRoot");
    }
}
