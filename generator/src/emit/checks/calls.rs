//! Blocks on the same instance and calls of program functions, with the annotation merges
//! that make a block's annotations count only when it succeeds.

use super::names::Local;
use super::target::{CallCollector, Statements, Target};
use super::{Code, Scope, Sink, Walker};
use crate::ir::check::{Block, Context, FunctionId, ResourceId};

impl<T: Target> Walker<'_, T> {
    /// A block applied to the same instance; with `collect`, its annotations count only if it
    /// succeeds. A block that cannot fail records straight into the collector.
    pub(super) fn in_place(
        &mut self,
        block: &Block,
        collect: bool,
        scope: &Scope,
    ) -> Code<T::Stmts> {
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
                let child = self.names.fresh(Local::Collector);
                let before = self.names.fresh(Local::Before);
                let inner = Scope {
                    ann: Some(child.clone()),
                    ..scope.clone()
                };
                let mut stmts = self.target.new_collector(&child);
                stmts.append(self.target.error_count(&before, errors));
                stmts.append(self.block(block, &inner).stmts);
                stmts.append(self.merge_if_unchanged(errors, &before, &ann, &child));
                Code::of(self.target.scoped(stmts))
            }
            // In a yes/no block a failing block ends the block, so recording straight into
            // the collector cannot leak a failed block's annotations.
            _ => self.block(block, scope),
        }
    }

    fn merge_if_unchanged(
        &mut self,
        errors: &str,
        before: &str,
        ann: &str,
        child: &str,
    ) -> T::Stmts {
        let unchanged = self.target.errors_unchanged(errors, before);
        let merge = self.target.merge(ann, child);
        self.target.if_(unchanged, merge)
    }

    /// A call of a program function on the scope's instance.
    pub(super) fn call(&mut self, id: FunctionId, collect: bool, scope: &Scope) -> T::Stmts {
        let Some(function) = self.program.functions.get(id) else {
            return T::Stmts::default();
        };
        let merged = scope
            .ann
            .clone()
            .filter(|_| collect && function.reports_annotations);
        if !self.program.call_is_live(id, merged.is_some()) {
            return T::Stmts::default();
        }
        let child = merged.as_ref().map(|_| self.names.fresh(Local::Collector));
        let collector = match &child {
            Some(child) => CallCollector::Child(child),
            None if function.reports_annotations => CallCollector::Discarded,
            None => CallCollector::None,
        };
        let call = self.target.call(id, function, scope, collector);
        let mut stmts = match &child {
            Some(child) => self.target.new_collector(child),
            None => T::Stmts::default(),
        };
        let merge = match (&merged, &child) {
            (Some(ann), Some(child)) => Some((ann.as_str(), child.as_str())),
            _ => None,
        };
        match (&scope.sink, merge) {
            (Sink::Decide(_), merge) => {
                let run = if function.can_fail {
                    let fails = self.target.call_fails(call);
                    let no = self.target.fail_decide(scope);
                    self.target.if_(fails, no)
                } else {
                    self.target.call_statement(call)
                };
                stmts.append(run);
                if let Some((ann, child)) = merge {
                    stmts.append(self.target.merge(ann, child));
                }
            }
            (Sink::Errors(errors), Some((ann, child))) if function.can_fail => {
                let before = self.names.fresh(Local::Before);
                stmts.append(self.target.error_count(&before, errors));
                stmts.append(self.target.call_statement(call));
                stmts.append(self.merge_if_unchanged(errors, &before, ann, child));
            }
            (Sink::Errors(_), merge) => {
                stmts.append(self.target.call_statement(call));
                if let Some((ann, child)) = merge {
                    stmts.append(self.target.merge(ann, child));
                }
            }
        }
        if child.is_some() {
            self.target.scoped(stmts)
        } else {
            stmts
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
    ) -> T::Stmts {
        let Some(ds) = scope.ds.clone() else {
            return self.call(fallback, collect, scope);
        };
        let mut arms = Vec::new();
        let mut any = false;
        for (resource, function) in targets {
            let call = self.call(*function, collect, scope);
            any |= !call.is_empty();
            arms.push((*resource, call));
        }
        let call = self.call(fallback, collect, scope);
        any |= !call.is_empty();
        if !any {
            return T::Stmts::default();
        }
        self.target.dynamic_dispatch(&ds, arms, call)
    }
}
