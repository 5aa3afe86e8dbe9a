//! The one walk of a check program (`ir::check`) shared by every target language. The walker
//! decides the control flow once: which steps print anything, which variables a block needs
//! (its path, its collector, the dynamic scope, a label), how annotations count only when a
//! block succeeds, how trials answer and how failures are reported. A language implements
//! [`Target`] to print each construct in its own structured code.

mod calls;
mod members;
pub mod names;
pub mod target;
mod trials;

use crate::error::Location;
use crate::ir::check::{
    Assertion, Block, CheckProgram, Context, Form, FunctionId, Step, Test, Uses, View,
};
use names::{Local, Names};
pub use target::Target;
use target::{Record, Statements};

/// Where a broken rule goes.
#[derive(Debug, Clone)]
pub enum Sink {
    /// Reported into this errors variable.
    Errors(String),
    /// The enclosing yes/no block answers no: the labelled block, or the function (no label).
    Decide(Option<String>),
}

/// The variables in scope for one instance.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The instance.
    pub v: String,
    /// Its path; only meaningful with `Sink::Errors`.
    pub p: String,
    pub sink: Sink,
    /// The annotation collector, where an `unevaluated*` keyword will look.
    pub ann: Option<String>,
    /// The dynamic scope (chain of entered resources), in programs with `$dynamicRef`.
    pub ds: Option<String>,
    /// Inside a guard on this instance: its view and the variable it is read by.
    pub narrowed: Option<(View, String)>,
}

impl Scope {
    pub fn context(&self) -> Context {
        Context {
            form: match self.sink {
                Sink::Errors(_) => Form::Report,
                Sink::Decide(_) => Form::Decide,
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

    pub fn reports(&self) -> bool {
        matches!(self.sink, Sink::Errors(_))
    }
}

/// Printed statements, and whether they end in a failure that always happens (in the yes/no
/// form nothing may follow it).
#[derive(Default)]
pub struct Code<S> {
    pub stmts: S,
    pub diverges: bool,
}

impl<S> Code<S> {
    pub fn of(stmts: S) -> Code<S> {
        Code {
            stmts,
            diverges: false,
        }
    }
}

/// A content step (JSON inside a string), as the program holds it.
#[derive(Clone, Copy)]
pub struct Content<'a> {
    pub base64: bool,
    pub json: bool,
    pub block: Option<&'a Block>,
    pub keyword: &'a Location,
}

/// A walked function: its body and what the signature needs.
pub struct Walked<S> {
    pub context: Context,
    pub uses: Uses,
    /// The label of a yes/no body, in languages that label it.
    pub label: Option<String>,
    pub body: Code<S>,
}

/// A tried block: its statements, the variable holding the answer (`None` when it cannot
/// fail), and whether it reads the instance.
pub struct Tried<S> {
    pub prelude: S,
    pub ok: Option<String>,
    pub reads: bool,
}

pub struct Walker<'a, T: Target> {
    pub program: &'a CheckProgram,
    pub names: Names,
    pub target: T,
}

impl<'a, T: Target> Walker<'a, T> {
    pub fn new(program: &'a CheckProgram, target: T) -> Self {
        Walker {
            program,
            names: Names::new(T::STYLE),
            target,
        }
    }

    /// Function `id` in `form`, with names allocated afresh.
    pub fn function(&mut self, id: FunctionId, form: Form) -> Option<Walked<T::Stmts>> {
        let function = self.program.functions.get(id)?;
        self.names = Names::new(T::STYLE);
        let context = self.program.function_context(id, form);
        let uses = function.body.uses(self.program, context);
        let params = self.names.parameters();
        let label = (form == Form::Decide && T::STYLE.labels_functions)
            .then(|| self.names.fresh(Local::FunctionLabel));
        let scope = Scope {
            v: params.instance.to_string(),
            p: params.path.to_string(),
            sink: match form {
                Form::Report => Sink::Errors(params.errors.to_string()),
                Form::Decide => Sink::Decide(label.clone()),
            },
            ann: context.collector.then(|| params.collector.to_string()),
            ds: self
                .program
                .dynamic_scope
                .then(|| params.dynamic_scope.to_string()),
            narrowed: None,
        };
        let body = self.block(&function.body, &scope);
        Some(Walked {
            context,
            uses,
            label,
            body,
        })
    }

    /// A block on the scope's instance.
    pub fn block(&mut self, block: &Block, scope: &Scope) -> Code<T::Stmts> {
        let mut scope = scope.clone();
        let mut prelude = T::Stmts::default();
        let context = scope.context();
        if let (Some(resource), Some(ds)) = (block.enters, scope.ds.clone()) {
            if block.uses(self.program, context).dynamic_scope {
                let entered = self.names.fresh(Local::DynamicScope);
                prelude.append(self.target.enter_resource(&entered, &ds, resource));
                scope.ds = Some(entered);
            }
        }
        if block.own_collector {
            let own = Context {
                collector: true,
                ..context
            };
            scope.ann = if block.uses_own_collector(self.program, own) {
                let ann = self.names.fresh(Local::Collector);
                prelude.append(self.target.new_collector(&ann));
                Some(ann)
            } else {
                None
            };
        }
        let mut code = self.steps(&block.steps, &scope, None);
        prelude.append(code.stmts);
        code.stmts = prelude;
        code
    }

    /// Steps on the instance, or (inside a guard) on its typed view `view`.
    fn steps(&mut self, steps: &[Step], scope: &Scope, view: Option<&str>) -> Code<T::Stmts> {
        let mut code = Code::<T::Stmts>::default();
        let fused = view
            .and_then(|_| fusable_required(steps))
            .filter(|_| T::FUSES_REQUIRED);
        let mut marks: Option<FusedRequired<'_>> = None;
        for (index, step) in steps.iter().enumerate() {
            let printed = match (fused, step) {
                (Some((at, _)), Step::Assert(assertion)) if index == at => {
                    let seen = self.names.fresh(Local::Seen);
                    let missing = self.names.fresh(Local::Missing);
                    let start = self.target.required_start(&seen, &missing, scope);
                    marks = Some(FusedRequired {
                        assertion,
                        seen,
                        missing,
                    });
                    Code::of(start)
                }
                (Some((_, loop_at)), Step::Properties(list)) if index == loop_at => {
                    let x = view.unwrap_or(&scope.v).to_string();
                    match marks.take() {
                        Some(fused) => {
                            let mut stmts = self.fused_properties(list, scope, &x, &fused);
                            stmts.append(self.target.required_end(
                                fused.assertion,
                                (&fused.seen, &fused.missing, fused.names().len()),
                                scope,
                                &x,
                            ));
                            Code::of(stmts)
                        }
                        None => self.step(step, scope, view),
                    }
                }
                _ => self.step(step, scope, view),
            };
            code.stmts.append(printed.stmts);
            if printed.diverges {
                code.diverges = true;
                if !scope.reports() {
                    break;
                }
            }
        }
        code
    }

    fn step(&mut self, step: &Step, scope: &Scope, view: Option<&str>) -> Code<T::Stmts> {
        let x = view.unwrap_or(&scope.v).to_string();
        let stmts = match step {
            Step::Assert(assertion) => return self.target.assertion(assertion, scope, &x),
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
                    T::Stmts::default()
                } else {
                    self.target.if_property(&x, name, inner)
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
            Step::RecordItemsFrom(from) => self.record(
                scope,
                Record::ItemsFrom {
                    array: &x,
                    from: *from,
                },
            ),
            Step::RecordAllProperties => self.record(scope, Record::AllProperties),
            Step::RecordAllItems => self.record(scope, Record::AllItems),
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
            } => {
                let content = Content {
                    base64: *base64,
                    json: *json,
                    block: block.as_ref(),
                    keyword,
                };
                return T::content(self, content, scope, &x);
            }
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

    /// Records into the scope's collector, when it has one.
    fn record(&mut self, scope: &Scope, record: Record<'_>) -> T::Stmts {
        match &scope.ann {
            Some(ann) => self.target.record(ann, record),
            None => T::Stmts::default(),
        }
    }

    fn guard(&mut self, view: View, steps: &[Step], scope: &Scope) -> T::Stmts {
        if T::REUSES_NARROWED_VIEWS {
            match &scope.narrowed {
                Some((narrowed, bound)) if *narrowed == view => {
                    let bound = bound.clone();
                    return self.steps(steps, scope, Some(&bound)).stmts;
                }
                // An instance has one type: a guard inside another view's never runs.
                Some(_) => return T::Stmts::default(),
                None => {}
            }
        }
        let bound = if self.target.binds_view(view) {
            self.names.fresh(Local::View(view))
        } else {
            scope.v.clone()
        };
        let inner_scope = Scope {
            narrowed: Some((view, bound.clone())),
            ..scope.clone()
        };
        self.target.enter_view(view, &scope.v, &bound, steps);
        let inner = self.steps(steps, &inner_scope, Some(&bound)).stmts;
        if inner.is_empty() {
            return inner;
        }
        self.target.guard(view, &scope.v, &bound, inner)
    }

    /// `if <failure> { fail }`.
    fn fail_if(
        &mut self,
        failure: T::Cond,
        scope: &Scope,
        keyword: &Location,
        message: &crate::ir::check::Message,
        args: Vec<(&'static str, T::Arg)>,
    ) -> T::Stmts {
        let fail = self.target.fail(scope, keyword, message, args);
        self.target.if_(failure, fail)
    }
}

#[cfg(test)]
pub(crate) mod tests;

/// A `required` whose names the properties loop after it marks.
struct FusedRequired<'a> {
    assertion: &'a Assertion,
    seen: String,
    missing: String,
}

impl FusedRequired<'_> {
    fn names(&self) -> &[String] {
        match &self.assertion.test {
            Test::Required(names) => names,
            _ => &[],
        }
    }
}

/// Where in `steps` a `required` of 2 to 64 names stands and the named properties after it,
/// when both are there (the steps are on one object view).
fn fusable_required(steps: &[Step]) -> Option<(usize, usize)> {
    let at = steps.iter().position(|step| {
        matches!(step, Step::Assert(a) if matches!(&a.test, Test::Required(names) if (2..=64).contains(&names.len())))
    })?;
    let loop_at = steps[at..]
        .iter()
        .position(|step| matches!(step, Step::Properties(_)))?;
    Some((at, at + loop_at))
}
