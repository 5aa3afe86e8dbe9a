//! Functions, blocks, the steps that stay on one instance, and calls of program functions with
//! the annotation merges that make a block's annotations count only when it succeeds.

use super::code::Stmt;
use super::Printer;
use crate::emit::kotlin::layout::{Expr, Writer};
use crate::error::Location;
use crate::ir::check::{Block, Context, Form, FunctionId, Message, ResourceId, Step, View};

/// Where a broken rule goes.
#[derive(Clone)]
pub(super) enum Sink {
    /// Added to this `Errors` variable.
    Errors(String),
    /// `return false` from the function (no label) or from the labelled trial lambda.
    Bool(Option<String>),
}

/// The variables in scope for one instance.
#[derive(Clone)]
pub(super) struct Scope {
    /// The instance (`JsonElement`, smart-cast inside object and array guards).
    pub v: String,
    /// Its pointer (`JsonPointer`); only meaningful with `Sink::Errors`.
    pub p: String,
    pub sink: Sink,
    /// The annotation collector (`Evaluated`), where an `unevaluated*` keyword will look.
    pub ann: Option<String>,
    /// The dynamic scope, in programs with `$dynamicRef`.
    pub ds: Option<String>,
    /// Inside a guard on this instance: its view and the name it is read by (the instance
    /// itself, smart-cast, for objects and arrays).
    pub narrowed: Option<(View, String)>,
}

impl Scope {
    pub fn context(&self) -> Context {
        Context {
            form: match self.sink {
                Sink::Errors(_) => Form::Report,
                Sink::Bool(_) => Form::Decide,
            },
            collector: self.ann.is_some(),
        }
    }

    pub fn without_collector(&self) -> Scope {
        Scope {
            ann: None,
            ..self.clone()
        }
    }
}

/// Printed statements, and whether they end in a failure that always happens (in the yes/no
/// form: a `return`, so nothing may follow).
#[derive(Default)]
pub(super) struct Code {
    pub stmts: Vec<Stmt>,
    pub diverges: bool,
}

impl Code {
    fn of(stmts: Vec<Stmt>) -> Code {
        Code {
            stmts,
            diverges: false,
        }
    }
}

/// A value known only at run time that a message shows.
pub(super) enum Arg {
    /// The JSON type of this instance.
    Describe(String),
    /// The length of this string, in code points.
    CodePoints(String),
    /// The size of this array or object.
    Size(String),
    /// An expression the printer built.
    Expr(Expr),
}

impl Printer<'_> {
    /// One program function in one form, with its KDoc.
    pub(super) fn function(
        &mut self,
        id: FunctionId,
        form: Form,
        location: Option<&Location>,
    ) -> String {
        let Some(function) = self.program.functions.get(id) else {
            return String::new();
        };
        let context = self.program.function_context(id, form);
        let scope = Scope {
            v: "value".to_string(),
            p: "at".to_string(),
            sink: match form {
                Form::Report => Sink::Errors("errors".to_string()),
                Form::Decide => Sink::Bool(None),
            },
            ann: context.collector.then(|| "evaluated".to_string()),
            ds: self.program.dynamic_scope.then(|| "scope".to_string()),
            narrowed: None,
        };
        let body = self.block(&function.body, &scope);
        let mut params = vec![format!("value: {}", self.symbols.name("JsonElement"))];
        if form == Form::Report {
            params.push(format!("at: {}", self.symbols.name("JsonPointer")));
            params.push(format!("errors: {}", self.symbols.name("Errors")));
        }
        if context.collector {
            params.push(format!("evaluated: {}", self.symbols.name("Evaluated")));
        }
        if self.program.dynamic_scope {
            params.push(format!("scope: {}", self.symbols.name("DynamicScope")));
        }
        let mut w = Writer::new(1);
        let shown = location.map(|l| format!("`{l}`")).unwrap_or_default();
        match form {
            Form::Report => w.kdoc(&shown),
            Form::Decide => w.kdoc(&format!("Whether [value] satisfies {shown}.")),
        }
        let signature = Expr::call(
            format!("fun {}", self.function_name(id, form)),
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
            super::code::write(&mut w, &stmts);
            w.close("}");
        }
        w.finish()
    }

    /// A block on the scope's instance.
    pub(super) fn block(&mut self, block: &Block, scope: &Scope) -> Code {
        let mut scope = scope.clone();
        let mut prelude = Vec::new();
        let context = scope.context();
        if let (Some(resource), Some(ds)) = (block.enters, scope.ds.clone()) {
            if block.uses(self.program, context).dynamic_scope {
                let entered = self.names.fresh("scope");
                prelude.push(Stmt::val(
                    &entered,
                    Expr::call(
                        format!("{ds}.enter"),
                        vec![Expr::atom(resource.to_string())],
                    ),
                ));
                scope.ds = Some(entered);
            }
        }
        if block.own_collector {
            let own = Context {
                collector: true,
                ..context
            };
            scope.ann = if block.uses_own_collector(self.program, own) {
                let ann = self.names.fresh("evaluated");
                prelude.push(Stmt::val(&ann, self.new_collector()));
                Some(ann)
            } else {
                None
            };
        }
        let mut code = self.steps(&block.steps, &scope, None);
        prelude.append(&mut code.stmts);
        code.stmts = prelude;
        code
    }

    pub(super) fn new_collector(&mut self) -> Expr {
        Expr::atom(format!("{}()", self.symbols.name("Evaluated")))
    }

    /// Steps on the instance, or (inside a guard) on its typed view `view`.
    pub(super) fn steps(&mut self, steps: &[Step], scope: &Scope, view: Option<&str>) -> Code {
        let mut code = Code::default();
        for step in steps {
            let mut printed = self.step(step, scope, view);
            code.stmts.append(&mut printed.stmts);
            if printed.diverges {
                code.diverges = true;
                if matches!(scope.sink, Sink::Bool(_)) {
                    break;
                }
            }
        }
        code
    }

    fn step(&mut self, step: &Step, scope: &Scope, view: Option<&str>) -> Code {
        let x = view.unwrap_or(&scope.v).to_string();
        let stmts = match step {
            Step::Assert(assertion) => return self.assertion(assertion, scope, &x),
            Step::Guard { view, steps } => self.guard(*view, steps, scope),
            Step::Properties(list) => self.properties(list, scope, &x),
            Step::EachProperty {
                keys,
                block,
                record,
            } => self.each_property(keys, block, *record, scope, &x),
            Step::EachKey(block) => self.each_key(block, scope, &x),
            Step::IfProperty { name, steps } => {
                let inner = self.steps(steps, scope, view).stmts;
                if inner.is_empty() {
                    Vec::new()
                } else {
                    let name = crate::emit::kotlin::layout::string_literal(name);
                    vec![Stmt::if_(format!("{name} in {x}"), inner)]
                }
            }
            Step::Item {
                index,
                block,
                record,
            } => self.item(*index, block, *record, scope, &x),
            Step::EachItem {
                from,
                unevaluated,
                block,
            } => self.each_item(*from, *unevaluated, block, scope, &x),
            Step::RecordItemsFrom(from) => match &scope.ann {
                Some(ann) => vec![Stmt::if_(
                    format!("{x}.size > {from}"),
                    vec![Stmt::line(format!("{ann}.allItems = true"))],
                )],
                None => Vec::new(),
            },
            Step::RecordAllProperties => match &scope.ann {
                Some(ann) => vec![Stmt::line(format!("{ann}.allProperties = true"))],
                None => Vec::new(),
            },
            Step::RecordAllItems => match &scope.ann {
                Some(ann) => vec![Stmt::line(format!("{ann}.allItems = true"))],
                None => Vec::new(),
            },
            Step::Contains {
                block,
                min,
                max,
                keyword,
                record,
            } => self.contains(block, *min, *max, keyword, *record, scope, &x),
            Step::Content {
                base64,
                json,
                block,
                keyword,
            } => return self.content(*base64, *json, block.as_ref(), keyword, scope, &x),
            Step::InPlace { block, collect } => return self.in_place(block, *collect, scope),
            Step::Alternatives {
                branches,
                exactly_one,
                try_all,
                keyword,
            } => self.alternatives(branches, *exactly_one, *try_all, keyword, scope),
            Step::Not { block, keyword } => return self.not(block, keyword, scope),
            Step::Conditional {
                condition,
                then,
                otherwise,
            } => self.conditional(condition, then.as_ref(), otherwise.as_ref(), scope),
            Step::Call { function, collect } => self.call(*function, *collect, scope),
            Step::DynamicCall {
                targets,
                fallback,
                collect,
            } => self.dynamic_call(targets, *fallback, *collect, scope),
        };
        Code::of(stmts)
    }

    /// Reports a broken rule: an error added, or `false` from the enclosing yes/no block. The
    /// message (and what it shows) is built only where it is reported.
    pub(super) fn fail(
        &mut self,
        scope: &Scope,
        keyword: &Location,
        message: &Message,
        args: Vec<(&'static str, Arg)>,
    ) -> Stmt {
        match &scope.sink {
            Sink::Bool(None) => Stmt::line("return false"),
            Sink::Bool(Some(label)) => Stmt::line(format!("return@{label} false")),
            Sink::Errors(errors) => {
                let text = self.message(message, args);
                let keyword = self.location(keyword);
                Stmt::call(
                    format!("{errors}.add"),
                    vec![Expr::atom(&scope.p), keyword, text],
                )
            }
        }
    }

    /// `if (<failure>) fail`.
    pub(super) fn fail_if(
        &mut self,
        failure: String,
        scope: &Scope,
        keyword: &Location,
        message: &Message,
        args: Vec<(&'static str, Arg)>,
    ) -> Stmt {
        let fail = self.fail(scope, keyword, message, args);
        Stmt::if_(failure, vec![fail])
    }

    /// A catalogue message as a Kotlin string: the text itself, or where values found at run
    /// time remain, `Checks.fill` of the catalogue's format string with them in order.
    pub(super) fn message(&mut self, message: &Message, args: Vec<(&'static str, Arg)>) -> Expr {
        use crate::emit::kotlin::layout::string_literal;
        let (text, open) = message.printed();
        if open.is_empty() {
            return Expr::atom(string_literal(&text));
        }
        let mut args: Vec<(&str, Option<Arg>)> = args
            .into_iter()
            .map(|(name, arg)| (name, Some(arg)))
            .collect();
        let mut values = vec![Expr::atom(string_literal(&text))];
        for name in open {
            let arg = args
                .iter_mut()
                .find(|(given, _)| *given == name)
                .and_then(|(_, arg)| arg.take());
            values.push(match arg {
                Some(Arg::Describe(x)) => Expr::call(
                    format!("{}.describe", self.symbols.name("JsonValues")),
                    vec![Expr::atom(x)],
                ),
                Some(Arg::CodePoints(s)) => Expr::call(
                    format!("{}.codePointLength", self.symbols.name("JsonValues")),
                    vec![Expr::atom(s)],
                ),
                Some(Arg::Size(x)) => Expr::atom(format!("{x}.size")),
                Some(Arg::Expr(expr)) => expr,
                // An argument the printer did not pass shows as `?` (tested never to happen).
                None => Expr::atom("\"?\""),
            });
        }
        Expr::call(format!("{}.fill", self.symbols.name("Checks")), values)
    }

    fn guard(&mut self, view: View, steps: &[Step], scope: &Scope) -> Vec<Stmt> {
        match &scope.narrowed {
            // Inside a guard of the same view the instance is read as it is already.
            Some((narrowed, bound)) if *narrowed == view => {
                return self.steps(steps, scope, Some(&bound.clone())).stmts;
            }
            // An instance has one type: a guard inside another view's never runs.
            Some(_) => return Vec::new(),
            None => {}
        }
        let v = scope.v.clone();
        let (bound, test) = match view {
            View::Object => (v.clone(), Some("JsonObject")),
            View::Array => (v.clone(), Some("JsonArray")),
            View::String => (self.names.fresh("s"), None),
            View::Number => (self.names.fresh("n"), None),
        };
        let inner_scope = Scope {
            narrowed: Some((view, bound.clone())),
            ..scope.clone()
        };
        let inner = self.steps(steps, &inner_scope, Some(&bound)).stmts;
        if inner.is_empty() {
            return Vec::new();
        }
        if let Some(class) = test {
            let class = self.symbols.name(class);
            return vec![Stmt::if_(format!("{v} is {class}"), inner)];
        }
        let read = if view == View::String {
            "string"
        } else {
            "decimal"
        };
        let values = self.symbols.name("JsonValues");
        vec![Stmt::Let {
            subject: format!("{values}.{read}({v})"),
            name: bound,
            body: inner,
        }]
    }

    /// A block applied to the same instance; with `collect`, its annotations count only if it
    /// succeeds. A block that cannot fail records straight into the collector.
    pub(super) fn in_place(&mut self, block: &Block, collect: bool, scope: &Scope) -> Code {
        let Some(ann) = scope.ann.clone().filter(|_| collect) else {
            return self.block(block, &scope.without_collector());
        };
        let uses = block.uses(
            self.program,
            Context {
                collector: true,
                ..scope.context()
            },
        );
        match &scope.sink {
            Sink::Errors(errors) if uses.fails && uses.collector => {
                let (child, before) = (self.names.fresh("evaluated"), self.names.fresh("before"));
                let inner = Scope {
                    ann: Some(child.clone()),
                    ..scope.clone()
                };
                let mut stmts = vec![
                    Stmt::val(&child, self.new_collector()),
                    Stmt::val(&before, Expr::atom(format!("{errors}.size"))),
                ];
                stmts.extend(self.block(block, &inner).stmts);
                stmts.push(merge_if_unchanged(errors, &before, &ann, &child));
                Code::of(stmts)
            }
            // In a yes/no block a failing block ends the block, so recording straight into
            // the collector cannot leak a failed block's annotations.
            _ => self.block(block, scope),
        }
    }

    /// A call of a program function on the scope's instance.
    pub(super) fn call(&mut self, id: FunctionId, collect: bool, scope: &Scope) -> Vec<Stmt> {
        let Some(target) = self.program.functions.get(id) else {
            return Vec::new();
        };
        let (reports, can_fail) = (target.reports_annotations, target.can_fail);
        let merged = scope.ann.clone().filter(|_| collect && reports);
        if !self.program.call_is_live(id, merged.is_some()) {
            return Vec::new();
        }
        let child = merged.as_ref().map(|_| self.names.fresh("evaluated"));
        let mut stmts = Vec::new();
        if let Some(child) = &child {
            stmts.push(Stmt::val(child, self.new_collector()));
        }
        let mut args = vec![Expr::atom(&scope.v)];
        if let Sink::Errors(errors) = &scope.sink {
            args.push(Expr::atom(&scope.p));
            args.push(Expr::atom(errors));
        }
        match &child {
            Some(child) => args.push(Expr::atom(child)),
            None if reports => args.push(self.new_collector()),
            None => {}
        }
        if let Some(ds) = &scope.ds {
            args.push(Expr::atom(ds));
        }
        let form = scope.context().form;
        let call = Expr::call(self.function_name(id, form), args);
        match (&scope.sink, &merged, &child) {
            (Sink::Bool(_), _, _) => {
                if can_fail {
                    let fail = self.fail_no_message(scope);
                    stmts.push(Stmt::if_(format!("!{}", call.flat()), vec![fail]));
                } else {
                    stmts.push(Stmt::Expr(call));
                }
                if let (Some(ann), Some(child)) = (&merged, &child) {
                    stmts.push(Stmt::call(format!("{ann}.merge"), vec![Expr::atom(child)]));
                }
            }
            (Sink::Errors(errors), Some(ann), Some(child)) if can_fail => {
                let before = self.names.fresh("before");
                stmts.push(Stmt::val(&before, Expr::atom(format!("{errors}.size"))));
                stmts.push(Stmt::Expr(call));
                stmts.push(merge_if_unchanged(errors, &before, ann, child));
            }
            (Sink::Errors(_), merged, child) => {
                stmts.push(Stmt::Expr(call));
                if let (Some(ann), Some(child)) = (merged, child) {
                    stmts.push(Stmt::call(format!("{ann}.merge"), vec![Expr::atom(child)]));
                }
            }
        }
        stmts
    }

    /// The yes/no form's failure (which needs no message).
    pub(super) fn fail_no_message(&mut self, scope: &Scope) -> Stmt {
        match &scope.sink {
            Sink::Bool(Some(label)) => Stmt::line(format!("return@{label} false")),
            _ => Stmt::line("return false"),
        }
    }

    /// `$dynamicRef`: the function of the outermost entered resource that declares the
    /// anchor, or the statically resolved one.
    pub(super) fn dynamic_call(
        &mut self,
        targets: &[(ResourceId, FunctionId)],
        fallback: FunctionId,
        collect: bool,
        scope: &Scope,
    ) -> Vec<Stmt> {
        let Some(ds) = scope.ds.clone() else {
            return self.call(fallback, collect, scope);
        };
        let mut branches = Vec::new();
        let mut any = false;
        for (resource, function) in targets {
            let call = self.call(*function, collect, scope);
            any |= !call.is_empty();
            branches.push(Stmt::Branch {
                label: resource.to_string(),
                body: call,
            });
        }
        let call = self.call(fallback, collect, scope);
        any |= !call.is_empty();
        if !any {
            return Vec::new();
        }
        branches.push(Stmt::Branch {
            label: "else".to_string(),
            body: call,
        });
        let ids: Vec<String> = targets.iter().map(|(r, _)| r.to_string()).collect();
        vec![Stmt::block(
            format!("when ({ds}.outermost({}))", ids.join(", ")),
            branches,
        )]
    }
}

/// `if (errors.size == before) ann.merge(child)`.
fn merge_if_unchanged(errors: &str, before: &str, ann: &str, child: &str) -> Stmt {
    Stmt::if_(
        format!("{errors}.size == {before}"),
        vec![Stmt::call(format!("{ann}.merge"), vec![Expr::atom(child)])],
    )
}
