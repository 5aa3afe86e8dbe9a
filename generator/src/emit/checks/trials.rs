//! Steps that decide by trying blocks yes/no: `anyOf`/`oneOf`, `not`, `if`, `contains`.

use super::names::Local;
use super::target::{Compare, Counter, Member, Record, Statements, Target};
use super::{Code, Scope, Sink, Tried, Walker};
use crate::error::Location;
use crate::ir::check::{Block, Context, Form, InPlace, Message, Trial};

impl<T: Target> Walker<'_, T> {
    /// Tries a block for a yes/no answer, recording into `collector`. The answer is `None`
    /// when the block cannot fail (its statements then only record annotations).
    pub fn trial(
        &mut self,
        block: &Block,
        scope: &Scope,
        collector: Option<String>,
    ) -> Tried<T::Stmts> {
        let context = Context {
            form: Form::Decide,
            collector: collector.is_some(),
        };
        let uses = block.uses(self.program, context);
        let label = self.names.fresh(Local::TrialLabel);
        let inner = Scope {
            sink: Sink::Decide(Some(label.clone())),
            ann: collector,
            ..scope.clone()
        };
        let body = self.block(block, &inner);
        if !uses.fails {
            return Tried {
                prelude: body.stmts,
                ok: None,
                reads: uses.instance,
            };
        }
        let ok = self.names.fresh(Local::Ok);
        Tried {
            prelude: self.target.trial(&ok, &label, body.stmts, body.diverges),
            ok: Some(ok),
            reads: uses.instance,
        }
    }

    /// A collector for a tried block whose annotations count, when the scope collects.
    fn child_collector(&mut self, scope: &Scope, collect: bool) -> Option<String> {
        match (&scope.ann, collect) {
            (Some(_), true) => Some(self.names.fresh(Local::Collector)),
            _ => None,
        }
    }

    /// `anyOf` (at least one branch) or `oneOf` (exactly one). Branches are tried yes/no; a
    /// failure is explained by counts (the catalogue's rule), so no branch runs twice.
    pub(super) fn alternatives(
        &mut self,
        branches: &[Trial],
        exactly_one: bool,
        try_all: bool,
        keyword: &Location,
        scope: &Scope,
    ) -> T::Stmts {
        let matched = self.names.fresh(Local::Matched);
        // Without annotations to collect, trying stops as soon as the answer is known; a
        // reported `oneOf` failure counts every matching branch.
        let stop = match (try_all && scope.ann.is_some(), exactly_one) {
            (true, _) => None,
            (false, false) => Some((Compare::Equal, 0)),
            (false, true) if scope.reports() => None,
            (false, true) => Some((Compare::Less, 2)),
        };
        let mut out = self
            .target
            .counter(&matched, !branches.is_empty(), Counter::Matches);
        for (index, branch) in branches.iter().enumerate() {
            let child = self.child_collector(scope, branch.collect);
            let mut body = match &child {
                Some(child) => self.target.new_collector(child),
                None => T::Stmts::default(),
            };
            let tried = self.trial(&branch.block, &scope.without_collector(), child.clone());
            body.append(tried.prelude);
            let mut counted = self.target.increment(&matched);
            if let (Some(ann), Some(child)) = (&scope.ann, &child) {
                counted.append(self.target.merge(ann, child));
            }
            match tried.ok {
                Some(ok) => {
                    let holds = self.target.holds(&ok);
                    body.append(self.target.if_(holds, counted));
                }
                None => body.append(counted),
            }
            let printed = match stop {
                Some((compare, n)) if index > 0 => {
                    let go_on = self.target.compare(&matched, compare, n);
                    self.target.if_(go_on, body)
                }
                _ => self.target.scoped(body),
            };
            out.append(printed);
        }
        let count = branches.len();
        let failed = if exactly_one {
            self.target.compare(&matched, Compare::NotEqual, 1)
        } else {
            self.target.compare(&matched, Compare::Equal, 0)
        };
        let none = self.target.fail(
            scope,
            keyword,
            &Message::none_matches(count, exactly_one),
            Vec::new(),
        );
        let fail = if exactly_one && scope.reports() {
            let shown = vec![("matched", self.target.counted(&matched))];
            let many = self
                .target
                .fail(scope, keyword, &Message::several_match(count), shown);
            let none_matched = self.target.compare(&matched, Compare::Equal, 0);
            self.target.if_else(none_matched, none, many)
        } else {
            none
        };
        out.append(self.target.if_(failed, fail));
        out
    }

    pub(super) fn not(
        &mut self,
        block: &Block,
        keyword: &Location,
        scope: &Scope,
    ) -> Code<T::Stmts> {
        let tried = self.trial(block, &scope.without_collector(), None);
        let mut stmts = tried.prelude;
        let message = Message::not();
        match tried.ok {
            Some(ok) => {
                let holds = self.target.holds(&ok);
                stmts.append(self.fail_if(holds, scope, keyword, &message, Vec::new()));
                Code::of(stmts)
            }
            // The block accepts everything, so `not` rejects everything.
            None => {
                stmts.append(self.target.fail(scope, keyword, &message, Vec::new()));
                Code {
                    stmts,
                    diverges: true,
                }
            }
        }
    }

    pub(super) fn conditional(
        &mut self,
        condition: &Trial,
        then: Option<&InPlace>,
        otherwise: Option<&InPlace>,
        scope: &Scope,
    ) -> T::Stmts {
        let child = self.child_collector(scope, condition.collect);
        let mut then_code = match (&scope.ann, &child) {
            (Some(ann), Some(child)) => self.target.merge(ann, child),
            _ => T::Stmts::default(),
        };
        if let Some(then) = then {
            then_code.append(self.in_place(&then.block, then.collect, scope).stmts);
        }
        // A condition that cannot fail never takes `else`: its code is not walked at all, so
        // it neither binds locals nor calls functions that are then not printed.
        let context = Context {
            form: Form::Decide,
            collector: child.is_some(),
        };
        let otherwise = otherwise.filter(|_| condition.block.uses(self.program, context).fails);
        let else_code = match otherwise {
            Some(b) => self.in_place(&b.block, b.collect, scope).stmts,
            None => T::Stmts::default(),
        };
        if then_code.is_empty() && else_code.is_empty() {
            return T::Stmts::default();
        }
        let mut out = match &child {
            Some(child) => self.target.new_collector(child),
            None => T::Stmts::default(),
        };
        let tried = self.trial(&condition.block, &scope.without_collector(), child);
        out.append(tried.prelude);
        let Some(ok) = tried.ok else {
            // The condition always holds.
            out.append(then_code);
            return out;
        };
        let choice = match (then_code.is_empty(), else_code.is_empty()) {
            (false, true) => {
                let holds = self.target.holds(&ok);
                self.target.if_(holds, then_code)
            }
            (true, false) => {
                let fails = self.target.fails(&ok);
                self.target.if_(fails, else_code)
            }
            _ => {
                let holds = self.target.holds(&ok);
                self.target.if_else(holds, then_code, else_code)
            }
        };
        out.append(choice);
        out
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn contains(
        &mut self,
        block: &Block,
        min: u64,
        max: Option<u64>,
        keyword: &Location,
        record: bool,
        scope: &Scope,
        a: &str,
    ) -> T::Stmts {
        let record = scope.ann.clone().filter(|_| record);
        let counts = min > 0 || max.is_some();
        if !counts && record.is_none() {
            return T::Stmts::default();
        }
        let count = self.names.fresh(Local::Count);
        let i = self.names.fresh(Local::Index);
        let item = self.names.fresh(Local::Item);
        let inner = Scope {
            v: item.clone(),
            narrowed: None,
            ..scope.without_collector()
        };
        self.target.enter_member(a, Member::IndexAt(&i), &item);
        let tried = self.trial(block, &inner, None);
        let mut matched = T::Stmts::default();
        if counts {
            matched.append(self.target.increment(&count));
        }
        if let Some(ann) = &record {
            matched.append(self.target.record(ann, Record::ItemAt(&i)));
        }
        let mut body = tried.prelude;
        match tried.ok {
            Some(ok) => {
                let holds = self.target.holds(&ok);
                body.append(self.target.if_(holds, matched));
            }
            None => body.append(matched),
        }
        let mut out = T::Stmts::default();
        if counts {
            out.append(self.target.counter(&count, true, Counter::Items));
        }
        out.append(
            self.target
                .each_item_tried(a, &i, &item, record.is_some(), tried.reads, body),
        );
        if min > 0 {
            let failure = self.target.compare(&count, Compare::Less, min);
            let shown = vec![("found", self.target.counted(&count))];
            let message = Message::too_few_contained(min);
            out.append(self.fail_if(failure, scope, keyword, &message, shown));
        }
        if let Some(max) = max {
            let failure = self.target.compare(&count, Compare::Greater, max);
            let shown = vec![("found", self.target.counted(&count))];
            let message = Message::too_many_contained(max);
            out.append(self.fail_if(failure, scope, keyword, &message, shown));
        }
        out
    }
}
