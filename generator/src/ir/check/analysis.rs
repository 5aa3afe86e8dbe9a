//! What a block needs when printed: the questions printers used to answer by scanning their
//! own output. Each answer follows the printing rules of the module doc of `ir::check`: a
//! step that does nothing in a context (a record step without a collector, a call of a
//! function that can neither fail nor record) is not printed and uses nothing.

use std::collections::BTreeSet;

use super::{Block, CheckProgram, FunctionId, Step};

/// The two forms of every function and block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// Reports every broken rule with instance path, keyword location and message.
    Report,
    /// Answers yes or no, stopping at the first broken rule.
    Decide,
}

/// Where a block is printed: in which form, and whether an annotation collector is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    pub form: Form,
    pub collector: bool,
}

/// What a block's printed code uses and does.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Uses {
    /// Prints anything at all.
    pub any: bool,
    /// Reads the instance.
    pub instance: bool,
    /// Uses the instance path and the error list (reporting form only).
    pub path: bool,
    /// Touches the enclosing annotation collector.
    pub collector: bool,
    /// Uses the dynamic scope.
    pub dynamic_scope: bool,
    /// Can reject an instance.
    pub fails: bool,
    /// Functions called, in which form.
    pub calls: BTreeSet<(FunctionId, Form)>,
}

impl Uses {
    fn add(&mut self, other: Uses) {
        self.any |= other.any;
        self.instance |= other.instance;
        self.path |= other.path;
        self.collector |= other.collector;
        self.dynamic_scope |= other.dynamic_scope;
        self.fails |= other.fails;
        self.calls.extend(other.calls);
    }

    /// Something that fails at this instance, in `form`.
    fn failing(form: Form, instance: bool) -> Uses {
        Uses {
            any: true,
            instance,
            path: form == Form::Report,
            fails: true,
            ..Uses::default()
        }
    }

    /// Only the collector: a record step.
    fn record() -> Uses {
        Uses {
            any: true,
            collector: true,
            ..Uses::default()
        }
    }

    /// What a trial's or a child's uses mean for the parent: effects on its own instance,
    /// path and collector stay inside; failures, calls and the dynamic scope show through.
    fn inner(self) -> Uses {
        Uses {
            instance: false,
            path: false,
            collector: false,
            ..self
        }
    }

    /// What a trial's uses mean for the parent: as `inner`, and its failures only answer.
    fn tried(self) -> Uses {
        Uses {
            fails: false,
            ..self.inner()
        }
    }
}

impl CheckProgram {
    /// Whether the call prints: the function can fail, or records annotations someone keeps.
    pub fn call_is_live(&self, function: FunctionId, collect: bool) -> bool {
        self.functions
            .get(function)
            .is_some_and(|f| f.can_fail || (collect && f.reports_annotations))
    }

    /// The context a function body is printed in.
    pub fn function_context(&self, function: FunctionId, form: Form) -> Context {
        Context {
            form,
            collector: self
                .functions
                .get(function)
                .is_some_and(|f| f.reports_annotations),
        }
    }

    /// The function forms reachable from `roots`: only these are printed (a function another
    /// module prints is reached, not entered: its callees are that module's).
    pub fn reachable(&self, roots: &[(FunctionId, Form)]) -> BTreeSet<(FunctionId, Form)> {
        let mut seen: BTreeSet<(FunctionId, Form)> = BTreeSet::new();
        let mut pending: Vec<(FunctionId, Form)> = roots.to_vec();
        while let Some(next) = pending.pop() {
            let Some(function) = self.functions.get(next.0) else {
                continue;
            };
            if !seen.insert(next) || function.home.is_some() {
                continue;
            }
            let uses = function
                .body
                .uses(self, self.function_context(next.0, next.1));
            pending.extend(uses.calls);
        }
        seen
    }

    /// Whether each function can fail: the least fixpoint over calls, so a cycle of calls
    /// with no failing step cannot fail.
    pub fn settle_can_fail(&mut self) {
        for function in &mut self.functions {
            function.can_fail = false;
        }
        loop {
            let mut changed = false;
            for id in 0..self.functions.len() {
                let context = self.function_context(id, Form::Decide);
                let fails = self.functions[id].body.uses(self, context).fails;
                if fails && !self.functions[id].can_fail {
                    self.functions[id].can_fail = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }
}

impl Block {
    pub fn uses(&self, program: &CheckProgram, context: Context) -> Uses {
        let inner = Context {
            collector: context.collector || self.own_collector,
            ..context
        };
        let mut uses = steps_uses(&self.steps, program, inner);
        if self.own_collector {
            uses.collector = false;
        }
        uses
    }
}

impl Block {
    /// Whether the block, built where a collector is present, records evaluated properties or
    /// items into it: only then does an in-place block or a trial keep its annotations.
    /// `reports` says whether a function reports the annotations of a call that collects them.
    pub fn records_annotations(&self, reports: &dyn Fn(FunctionId) -> bool) -> bool {
        steps_record(&self.steps, reports)
    }

    /// The block, built for a collector, run without one because it records nothing: its
    /// alternatives may stop once the answer is known.
    pub fn drop_collector(&mut self) {
        for step in &mut self.steps {
            if let Step::Alternatives { try_all, .. } = step {
                *try_all = false;
            }
        }
    }

    /// Whether the block's steps touch its own collector (a block with `own_collector`).
    pub fn uses_own_collector(&self, program: &CheckProgram, context: Context) -> bool {
        let inner = Context {
            collector: true,
            ..context
        };
        steps_uses(&self.steps, program, inner).collector
    }
}

fn steps_record(steps: &[Step], reports: &dyn Fn(FunctionId) -> bool) -> bool {
    steps.iter().any(|step| match step {
        Step::Guard { steps, .. } | Step::IfProperty { steps, .. } => steps_record(steps, reports),
        Step::Properties(list) => list.iter().any(|p| p.record),
        Step::EachProperty { record, .. }
        | Step::Item { record, .. }
        | Step::Contains { record, .. } => *record,
        Step::RecordItemsFrom(_) | Step::RecordAllProperties | Step::RecordAllItems => true,
        Step::InPlace { collect, .. } | Step::DynamicCall { collect, .. } => *collect,
        Step::Alternatives { branches, .. } => branches.iter().any(|b| b.collect),
        Step::Conditional {
            condition,
            then,
            otherwise,
        } => condition.collect || then.iter().chain(otherwise).any(|b| b.collect),
        Step::Call { function, collect } => *collect && reports(*function),
        Step::Assert(_)
        | Step::EachKey(_)
        | Step::EachItem { .. }
        | Step::Content { .. }
        | Step::Not { .. } => false,
    })
}

fn steps_uses(steps: &[Step], program: &CheckProgram, context: Context) -> Uses {
    let mut uses = Uses::default();
    for step in steps {
        uses.add(step.uses(program, context));
    }
    uses
}

impl Step {
    pub fn uses(&self, program: &CheckProgram, context: Context) -> Uses {
        let form = context.form;
        let child = Context {
            collector: false,
            ..context
        };
        let decide = Context {
            form: Form::Decide,
            collector: false,
        };
        match self {
            Step::Assert(assertion) => {
                // A reported message may describe what was found (its type, its length).
                let described = form == Form::Report && assertion.message.open().contains(&"found");
                Uses::failing(form, described || !assertion.test.always_fails())
            }
            Step::Guard { steps, .. } => {
                let mut uses = steps_uses(steps, program, context);
                uses.instance = uses.any;
                uses
            }
            Step::IfProperty { steps, .. } => steps_uses(steps, program, context),
            Step::Properties(list) => {
                let mut uses = Uses::default();
                for property in list {
                    uses.add(member(&property.block, property.record, program, context));
                }
                uses
            }
            Step::EachProperty {
                keys,
                block,
                record,
            } => {
                if *keys == super::KeyFilter::Unevaluated && !context.collector {
                    return Uses::default();
                }
                let mut uses = member(block, *record, program, context);
                uses.collector |= uses.any && *keys == super::KeyFilter::Unevaluated;
                uses
            }
            Step::EachKey(block) => {
                let uses = block.uses(program, child);
                Uses {
                    instance: uses.any,
                    ..uses
                }
            }
            Step::Item { block, record, .. } => member(block, *record, program, context),
            Step::EachItem {
                unevaluated, block, ..
            } => {
                if *unevaluated && !context.collector {
                    return Uses::default();
                }
                let mut uses = member(block, false, program, context);
                uses.collector |= uses.any && *unevaluated;
                uses
            }
            Step::RecordItemsFrom(_) | Step::RecordAllProperties | Step::RecordAllItems => {
                if context.collector {
                    Uses::record()
                } else {
                    Uses::default()
                }
            }
            Step::Contains {
                block,
                min,
                max,
                record,
                ..
            } => {
                let record = *record && context.collector;
                let fails = *min > 0 || max.is_some();
                if !fails && !record {
                    return Uses::default();
                }
                let mut uses = block.uses(program, decide).inner();
                uses.any = true;
                uses.instance = true;
                uses.fails = fails;
                uses.path = fails && form == Form::Report;
                uses.collector = record;
                uses
            }
            Step::Content { block, .. } => {
                let mut uses = Uses::failing(form, true);
                if let Some(block) = block {
                    uses.add(block.uses(program, child).inner());
                    uses.fails = true;
                }
                uses
            }
            Step::InPlace { block, collect } => in_place_uses(block, *collect, program, context),
            Step::Alternatives { branches, .. } => {
                let mut uses = Uses::failing(form, false);
                for branch in branches {
                    let trial = Context {
                        form: Form::Decide,
                        collector: branch.collect && context.collector,
                    };
                    let tried = branch.block.uses(program, trial);
                    uses.instance |= tried.instance;
                    uses.collector |= trial.collector;
                    uses.add(tried.inner());
                }
                uses
            }
            Step::Not { block, .. } => {
                let tried = block.uses(program, decide);
                let mut uses = Uses::failing(form, tried.instance);
                uses.add(tried.inner());
                uses
            }
            Step::Conditional {
                condition,
                then,
                otherwise,
            } => {
                let collect = condition.collect && context.collector;
                let tried = condition.block.uses(
                    program,
                    Context {
                        form: Form::Decide,
                        collector: collect,
                    },
                );
                // A condition that cannot fail always takes `then`: `else` is never printed.
                let otherwise = otherwise.as_ref().filter(|_| tried.fails);
                let mut branches = Uses::default();
                for branch in then.iter().chain(otherwise) {
                    branches.add(in_place_uses(
                        &branch.block,
                        branch.collect,
                        program,
                        context,
                    ));
                }
                if !branches.any && !collect {
                    return Uses::default();
                }
                let mut uses = branches;
                uses.any = true;
                uses.instance |= tried.instance;
                uses.collector |= collect;
                uses.add(tried.tried());
                uses
            }
            Step::Call { function, collect } => call_uses(program, *function, *collect, context),
            Step::DynamicCall {
                targets,
                fallback,
                collect,
            } => {
                let mut uses = call_uses(program, *fallback, *collect, context);
                if program.dynamic_scope {
                    for (_, function) in targets {
                        uses.add(call_uses(program, *function, *collect, context));
                    }
                    uses.dynamic_scope |= uses.any;
                }
                uses
            }
        }
    }
}

fn in_place_uses(block: &Block, collect: bool, program: &CheckProgram, context: Context) -> Uses {
    block.uses(
        program,
        Context {
            collector: collect && context.collector,
            ..context
        },
    )
}

/// A block on a member (property value, item), recording it as evaluated when `record`.
fn member(block: &Block, record: bool, program: &CheckProgram, context: Context) -> Uses {
    let child = Context {
        collector: false,
        ..context
    };
    let inner = block.uses(program, child);
    let record = record && context.collector;
    let mut uses = inner.clone().inner();
    uses.any = inner.any || record;
    // The member's path derives from the instance's; its value is read from the view.
    uses.path = inner.path;
    uses.collector = record;
    uses
}

fn call_uses(
    program: &CheckProgram,
    function: FunctionId,
    collect: bool,
    context: Context,
) -> Uses {
    let Some(target) = program.functions.get(function) else {
        return Uses::default();
    };
    let collect = collect && context.collector && target.reports_annotations;
    if !program.call_is_live(function, collect) {
        return Uses::default();
    }
    Uses {
        any: true,
        instance: true,
        path: context.form == Form::Report,
        collector: collect,
        dynamic_scope: program.dynamic_scope,
        fails: target.can_fail,
        calls: [(function, context.form)].into_iter().collect(),
    }
}

fn trial_depth(steps: &[Step]) -> usize {
    steps.iter().map(Step::trial_depth).max().unwrap_or(0)
}

impl Step {
    /// How deep blocks tried for a yes/no answer (`not`, the branches of `anyOf`/`oneOf`, an
    /// `if` condition, `contains`) nest in the step: each prints as an expression inside the
    /// last, and rustfmt's time grows exponentially with that depth.
    pub fn trial_depth(&self) -> usize {
        let deepest = |blocks: &mut dyn Iterator<Item = &Block>| {
            blocks.map(|b| trial_depth(&b.steps)).max().unwrap_or(0)
        };
        match self {
            Step::Guard { steps, .. } | Step::IfProperty { steps, .. } => trial_depth(steps),
            Step::Properties(list) => deepest(&mut list.iter().map(|p| &p.block)),
            Step::EachProperty { block, .. }
            | Step::EachKey(block)
            | Step::Item { block, .. }
            | Step::EachItem { block, .. }
            | Step::InPlace { block, .. } => trial_depth(&block.steps),
            Step::Content { block, .. } => deepest(&mut block.iter()),
            Step::Contains { block, .. } | Step::Not { block, .. } => 1 + trial_depth(&block.steps),
            Step::Alternatives { branches, .. } => {
                1 + deepest(&mut branches.iter().map(|b| &b.block))
            }
            Step::Conditional {
                condition,
                then,
                otherwise,
            } => {
                let branches = deepest(&mut then.iter().chain(otherwise).map(|b| &b.block));
                branches.max(1 + trial_depth(&condition.block.steps))
            }
            Step::Assert(_)
            | Step::RecordItemsFrom(_)
            | Step::RecordAllProperties
            | Step::RecordAllItems
            | Step::Call { .. }
            | Step::DynamicCall { .. } => 0,
        }
    }
}
