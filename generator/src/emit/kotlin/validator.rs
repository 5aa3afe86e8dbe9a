//! The validation program as a Kotlin object: one function per program function, each a
//! straight-line rendering of its checks. Leaf keywords call `Checks` (`leaves.rs`); applicators
//! are written out as control flow (`objects.rs`, `arrays.rs`, `applicators.rs`).

use std::collections::BTreeSet;

use super::layout::{string_literal, Expr, Writer};
use super::names::uses;
use super::plan::ModulePlan;
use super::symbols::Symbols;
use crate::error::Location;
use crate::ir::{Annotate, Check, Message, Program, Rule, Schema, SchemaBody};

/// The instance a schema applies to: a value and its pointer, both Kotlin names in scope.
#[derive(Debug, Clone)]
pub(super) struct Inst {
    pub value: String,
    pub at: String,
    /// The dynamic scope (`DynamicScope`), in programs with `$dynamicRef`.
    pub scope: Option<String>,
    /// Set inside `if (value is JsonObject)` (or `JsonArray`) for this value: no second test.
    narrowed: Option<Guard>,
}

impl Inst {
    /// A part of this instance (or another instance) under the same dynamic scope.
    pub fn child(&self, value: String, at: String) -> Inst {
        Inst {
            value,
            at,
            scope: self.scope.clone(),
            narrowed: None,
        }
    }
}

/// Writes one module's validator object.
pub(super) struct ValidatorWriter<'a> {
    pub program: &'a Program,
    /// The message whose payloads `validate` checks; none in a shared file's package, whose
    /// validator only decides union alternatives.
    message: Option<&'a Message>,
    pub plan: &'a ModulePlan,
    pub symbols: &'a mut Symbols,
    /// Schema files named by `SCHEMA`, `SCHEMA_2`, ...
    files: Vec<String>,
    patterns: BTreeSet<usize>,
    /// Property-name sets hoisted out of `additionalProperties` loops.
    pub name_sets: Vec<Vec<String>>,
    counter: usize,
}

/// What kind of instance a rule needs a smart cast to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guard {
    None,
    Object,
    Array,
}

fn guard(rule: &Rule) -> Guard {
    match rule {
        Rule::Properties(_)
        | Rule::PatternProperties(_)
        | Rule::AdditionalProperties { .. }
        | Rule::PropertyNames(_)
        | Rule::DependentSchemas(_)
        | Rule::UnevaluatedProperties(_) => Guard::Object,
        Rule::PrefixItems(_)
        | Rule::Items { .. }
        | Rule::Contains { .. }
        | Rule::UnevaluatedItems(_) => Guard::Array,
        _ => Guard::None,
    }
}

impl<'a> ValidatorWriter<'a> {
    pub fn new(
        program: &'a Program,
        schema_file: &str,
        message: Option<&'a Message>,
        plan: &'a ModulePlan,
        symbols: &'a mut Symbols,
    ) -> Self {
        ValidatorWriter {
            program,
            message,
            plan,
            symbols,
            files: vec![schema_file.to_string()],
            patterns: BTreeSet::new(),
            name_sets: Vec::new(),
            counter: 0,
        }
    }

    /// The body of the validator file (after the imports).
    pub fn file_body(mut self) -> String {
        let mut functions = Vec::new();
        for id in 0..self.program.functions.len() {
            functions.push(self.function(id));
        }
        let element = self.symbols.name("JsonElement");
        let mut w = Writer::new(0);
        for (i, file) in self.files.clone().iter().enumerate() {
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
            None => format!(
                "Decides the alternatives of the unions declared in `{}`.",
                self.files[0]
            ),
        };
        w.kdoc(&purpose);
        w.open(&format!("internal object {} {{", self.plan.validator));
        for id in self.patterns.clone() {
            let pattern = self.symbols.name("Pattern");
            let source = self.program.patterns.get(id).cloned().unwrap_or_default();
            let compile = Expr::call(
                format!("{pattern}.compile"),
                // The IR's patterns are already in the dialect RE2/J shares with Rust's `regex`.
                vec![Expr::atom(string_literal(&source))],
            );
            w.assign(&format!("private val PATTERN_{id}: {pattern}"), &compile);
            w.line("");
        }
        for (i, names) in self.name_sets.clone().iter().enumerate() {
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
        if let Some(message) = self.message {
            w.kdoc("Every way [element] breaks the schema; empty when it is valid.");
            let list = format!(
                "{}<{}>",
                self.symbols.name("List"),
                self.symbols.name("ValidationError")
            );
            w.open(&format!("fun validate(element: {element}): {list} {{"));
            // Too deep a value is refused before the recursive checks could exhaust the stack.
            w.line(&format!(
                "val tooDeep = {}.depthErrors(element, {})",
                self.symbols.name("StrictJson"),
                super::layout::string_literal(&message.schema_file)
            ));
            w.line("if (tooDeep.isNotEmpty()) return tooDeep");
            w.line(&format!("val errors = {}()", self.symbols.name("Errors")));
            let root = self.entry_call(0, "element", "errors");
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

    fn function(&mut self, id: usize) -> String {
        self.counter = 0;
        let function = &self.program.functions[id];
        let mut params = vec![
            format!("value: {}", self.symbols.name("JsonElement")),
            format!("at: {}", self.symbols.name("JsonPointer")),
            format!("errors: {}", self.symbols.name("Errors")),
        ];
        let parent = function.reports_annotations.then_some("evaluated");
        if parent.is_some() {
            params.push(format!("evaluated: {}", self.symbols.name("Evaluated")));
        }
        let dynamic = self.program.uses_dynamic_scope();
        if dynamic {
            params.push(format!("scope: {}", self.symbols.name("DynamicScope")));
        }
        let inst = Inst {
            value: "value".to_string(),
            at: "at".to_string(),
            scope: dynamic.then(|| "scope".to_string()),
            narrowed: None,
        };
        let body = self.render(2, |v, w| {
            v.schema(w, &function.schema, &inst, "errors", parent)
        });
        let mut w = Writer::new(1);
        w.kdoc(&format!("`{}`", function.schema.location));
        let signature = Expr::call(
            format!("fun {}", self.plan.functions[id]),
            params.into_iter().map(Expr::atom).collect(),
        );
        if body.is_empty() {
            w.statement("", &signature, " {}");
        } else {
            w.statement("", &signature, " {");
            w.raw(&body);
            w.close("}");
        }
        w.finish()
    }

    /// A call of function `id` on a whole value (`validate`, union alternatives): from the root
    /// pointer, with a throw-away collector and an empty dynamic scope where it takes them.
    pub fn entry_call(&mut self, id: usize, value: &str, errors: &str) -> Expr {
        let name = self.plan.functions.get(id).cloned().unwrap_or_default();
        let mut args = vec![
            Expr::atom(value),
            Expr::atom(format!("{}.ROOT", self.symbols.name("JsonPointer"))),
            Expr::atom(errors),
        ];
        if self
            .program
            .functions
            .get(id)
            .is_some_and(|f| f.reports_annotations)
        {
            args.push(Expr::atom(format!("{}()", self.symbols.name("Evaluated"))));
        }
        if self.program.uses_dynamic_scope() {
            args.push(Expr::atom(format!(
                "{}.ROOT",
                self.symbols.name("DynamicScope")
            )));
        }
        Expr::call(name, args)
    }

    /// A call of function `id` (or of its annotating variant when annotations are collected
    /// here) on `inst`.
    pub fn call(
        &mut self,
        id: usize,
        annotating: Option<usize>,
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) -> Expr {
        let target = match (collector, annotating) {
            (Some(_), Some(variant)) => variant,
            _ => id,
        };
        let name = self.plan.functions.get(target).cloned().unwrap_or_default();
        let mut args = vec![
            Expr::atom(&inst.value),
            Expr::atom(&inst.at),
            Expr::atom(errors),
        ];
        if self
            .program
            .functions
            .get(target)
            .is_some_and(|f| f.reports_annotations)
        {
            let fresh = format!("{}()", self.symbols.name("Evaluated"));
            args.push(Expr::atom(collector.map(str::to_string).unwrap_or(fresh)));
        }
        if let Some(scope) = &inst.scope {
            args.push(Expr::atom(scope));
        }
        Expr::call(name, args)
    }

    /// Renders into a fresh writer at `levels` indentation.
    pub fn render(&mut self, levels: usize, f: impl FnOnce(&mut Self, &mut Writer)) -> String {
        let mut w = Writer::new(levels);
        f(self, &mut w);
        w.finish()
    }

    /// A fresh number for local names (`value3`, `at3`, ...), unique within the function.
    pub fn fresh(&mut self) -> usize {
        self.counter += 1;
        self.counter
    }

    /// `"$SCHEMA#/pointer"`: a keyword location as Rust's `Location` displays it.
    pub fn location(&mut self, location: &Location) -> Expr {
        let index = match self.files.iter().position(|f| *f == location.file) {
            Some(i) => i,
            None => {
                self.files.push(location.file.clone());
                self.files.len() - 1
            }
        };
        let pointer = string_literal(&location.pointer);
        let inner = &pointer[1..pointer.len() - 1];
        Expr::atom(format!("\"${}#{inner}\"", file_constant(index)))
    }

    pub fn pattern(&mut self, id: usize) -> String {
        self.patterns.insert(id);
        format!("PATTERN_{id}")
    }

    /// Writes the checks of `schema` on `inst`, reporting into `errors`. `parent` is the
    /// collector of evaluated properties/items of the enclosing schema, when it keeps one.
    pub fn schema(
        &mut self,
        w: &mut Writer,
        schema: &Schema,
        inst: &Inst,
        errors: &str,
        parent: Option<&str>,
    ) {
        let checks = match &schema.body {
            SchemaBody::Any => return,
            SchemaBody::Nothing => {
                let keyword = self.location(&schema.location);
                let message = self.message(crate::messages::MessageId::FalseSchema, &[]);
                let never = self.checks_call(
                    "never",
                    vec![
                        Expr::atom(&inst.value),
                        Expr::atom(&inst.at),
                        Expr::atom(errors),
                        keyword,
                        message,
                    ],
                );
                w.statement("", &never, "");
                return;
            }
            SchemaBody::Checks(checks) => checks,
        };
        let keeps = match schema.annotate {
            Annotate::No => false,
            Annotate::Own => true,
            Annotate::Report => self.records(schema),
        };
        let n = if keeps { self.fresh() } else { 0 };
        let collector = keeps.then(|| format!("evaluated{n}"));
        let mark = (schema.annotate == Annotate::Report && keeps && parent.is_some())
            .then(|| format!("mark{n}"));
        if let Some(mark) = &mark {
            w.line(&format!("val {mark} = {errors}.size"));
        }
        if let Some(collector) = &collector {
            w.line(&format!(
                "val {collector} = {}()",
                self.symbols.name("Evaluated")
            ));
        }
        match (schema.enters, &inst.scope) {
            (Some(resource), Some(outer)) => {
                // The schema starts a resource: calls inside see it in the dynamic scope.
                let n = self.fresh();
                let scope = format!("scope{n}");
                let entered = Inst {
                    scope: Some(scope.clone()),
                    ..inst.clone()
                };
                let body = self.render(w.indent() / 4, |v, inner| {
                    v.checks(inner, checks, &entered, errors, collector.as_deref())
                });
                if uses(&body, &scope) {
                    w.line(&format!("val {scope} = {outer}.enter({resource})"));
                }
                w.raw(&body);
            }
            _ => self.checks(w, checks, inst, errors, collector.as_deref()),
        }
        if let (Some(mark), Some(parent), Some(collector)) = (mark, parent, collector) {
            w.line(&format!(
                "if ({errors}.size == {mark}) {parent}.merge({collector})"
            ));
        }
    }

    /// Whether a schema in `Report` mode has anything to record.
    pub fn records(&self, schema: &Schema) -> bool {
        self.program.records_annotations(schema)
    }

    /// Writes `checks` in order; consecutive object (array) applicators share one type test so
    /// that Kotlin smart-casts the instance.
    fn checks(
        &mut self,
        w: &mut Writer,
        checks: &[Check],
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) {
        let mut i = 0;
        while i < checks.len() {
            let kind = guard(&checks[i].rule);
            if kind == Guard::None {
                self.check(w, &checks[i], inst, errors, collector);
                i += 1;
                continue;
            }
            let end = (i..checks.len())
                .find(|&j| guard(&checks[j].rule) != kind)
                .unwrap_or(checks.len());
            let group = &checks[i..end];
            if inst.narrowed == Some(kind) {
                for check in group {
                    self.check(w, check, inst, errors, collector);
                }
                i = end;
                continue;
            }
            let narrowed = Inst {
                narrowed: Some(kind),
                ..inst.clone()
            };
            let body = self.render(w.indent() / 4 + 1, |v, inner| {
                for check in group {
                    v.check(inner, check, &narrowed, errors, collector);
                }
            });
            if !body.is_empty() {
                let class = self.symbols.name(if kind == Guard::Object {
                    "JsonObject"
                } else {
                    "JsonArray"
                });
                w.open(&format!("if ({} is {class}) {{", inst.value));
                w.raw(&body);
                w.close("}");
            }
            i = end;
        }
    }

    fn check(
        &mut self,
        w: &mut Writer,
        check: &Check,
        inst: &Inst,
        errors: &str,
        collector: Option<&str>,
    ) {
        if let Some(args) = self.leaf_arguments(&check.rule) {
            let (helper, extra) = args;
            let mut call_args = vec![
                Expr::atom(&inst.value),
                Expr::atom(&inst.at),
                Expr::atom(errors),
            ];
            call_args.push(self.location(&check.keyword));
            call_args.extend(extra);
            let call = self.checks_call(helper, call_args);
            w.statement("", &call, "");
            return;
        }
        self.applicator(w, check, inst, errors, collector);
    }

    /// `Checks.<helper>(args)`.
    pub fn checks_call(&mut self, helper: &str, args: Vec<Expr>) -> Expr {
        Expr::call(format!("{}.{helper}", self.symbols.name("Checks")), args)
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
