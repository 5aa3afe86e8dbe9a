//! Steps that decide by trying blocks yes/no: `anyOf`/`oneOf`, `not`, `if`, `contains`, and
//! content (JSON inside a string). A trial is a labelled `run` lambda answering a `Boolean`.

use super::assertions::count;
use super::code::Stmt;
use super::steps::{Arg, Code, Scope, Sink};
use super::Printer;
use crate::emit::kotlin::layout::{string_literal, Expr};
use crate::error::Location;
use crate::ir::check::{Block, Context, Form, InPlace, Message, MessageId, Trial};

/// A tried block: its statements, the variable holding the answer (`None` when it cannot
/// fail), and whether it reads the instance.
pub(super) struct Tried {
    pub prelude: Vec<Stmt>,
    pub ok: Option<String>,
    pub reads: bool,
}

impl Printer<'_> {
    /// Tries a block for a yes/no answer, recording into `collector`.
    fn trial(&mut self, block: &Block, scope: &Scope, collector: Option<String>) -> Tried {
        let context = Context {
            form: Form::Decide,
            collector: collector.is_some(),
        };
        let uses = block.uses(self.program, context);
        let (fails, reads) = (uses.fails, uses.instance);
        let label = self.names.fresh("t");
        let inner = Scope {
            sink: Sink::Bool(Some(label.clone())),
            ann: collector,
            ..scope.clone()
        };
        let body = self.block(block, &inner);
        if !fails {
            return Tried {
                prelude: body.stmts,
                ok: None,
                reads,
            };
        }
        let ok = self.names.fresh("ok");
        let mut stmts = body.stmts;
        if !body.diverges {
            stmts.push(Stmt::line("true"));
        }
        Tried {
            prelude: vec![Stmt::lambda(format!("val {ok} = run {label}@{{"), stmts)],
            ok: Some(ok),
            reads,
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
    ) -> Vec<Stmt> {
        let matched = self.names.fresh("matched");
        let reports = matches!(scope.sink, Sink::Errors(_));
        // Without annotations to collect, trying stops as soon as the answer is known; a
        // reported `oneOf` failure counts every matching branch.
        let stop = match (try_all && scope.ann.is_some(), exactly_one) {
            (true, _) => None,
            (false, false) => Some(format!("{matched} == 0")),
            (false, true) if reports => None,
            (false, true) => Some(format!("{matched} < 2")),
        };
        let mut out = vec![Stmt::Val {
            name: matched.clone(),
            mutable: !branches.is_empty(),
            value: Expr::atom("0"),
        }];
        for (index, branch) in branches.iter().enumerate() {
            let child = match (&scope.ann, branch.collect) {
                (Some(_), true) => Some(self.names.fresh("evaluated")),
                _ => None,
            };
            let mut body = Vec::new();
            if let Some(child) = &child {
                body.push(Stmt::val(child, self.new_collector()));
            }
            let merge = match (&scope.ann, &child) {
                (Some(ann), Some(child)) => {
                    Some(Stmt::call(format!("{ann}.merge"), vec![Expr::atom(child)]))
                }
                _ => None,
            };
            let Tried { prelude, ok, .. } =
                self.trial(&branch.block, &scope.without_collector(), child);
            body.extend(prelude);
            let mut counted = vec![Stmt::line(format!("{matched} += 1"))];
            counted.extend(merge);
            match ok {
                Some(ok) => body.push(Stmt::if_(ok, counted)),
                None => body.extend(counted),
            }
            match (&stop, index) {
                (Some(condition), i) if i > 0 => out.push(Stmt::if_(condition.clone(), body)),
                _ => out.extend(body),
            }
        }
        let count = branches.len();
        let failed = if exactly_one {
            format!("{matched} != 1")
        } else {
            format!("{matched} == 0")
        };
        let none = self.fail(
            scope,
            keyword,
            &Message::none_matches(count, exactly_one),
            Vec::new(),
        );
        let fail = if exactly_one && reports {
            let many = self.fail(
                scope,
                keyword,
                &Message::several_match(count),
                vec![("matched", Arg::Expr(Expr::atom(&matched)))],
            );
            Stmt::If {
                condition: format!("{matched} == 0"),
                then: vec![none],
                otherwise: vec![many],
            }
        } else {
            none
        };
        out.push(Stmt::if_(failed, vec![fail]));
        out
    }

    pub(super) fn not(&mut self, block: &Block, keyword: &Location, scope: &Scope) -> Code {
        let Tried {
            mut prelude, ok, ..
        } = self.trial(block, &scope.without_collector(), None);
        let message = Message::not();
        match ok {
            Some(ok) => {
                prelude.push(self.fail_if(ok, scope, keyword, &message, Vec::new()));
                Code {
                    stmts: prelude,
                    diverges: false,
                }
            }
            // The block accepts everything, so `not` rejects everything.
            None => {
                prelude.push(self.fail(scope, keyword, &message, Vec::new()));
                Code {
                    stmts: prelude,
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
    ) -> Vec<Stmt> {
        let child = match (&scope.ann, condition.collect) {
            (Some(_), true) => Some(self.names.fresh("evaluated")),
            _ => None,
        };
        let mut then_code = Vec::new();
        if let (Some(ann), Some(child)) = (&scope.ann, &child) {
            then_code.push(Stmt::call(format!("{ann}.merge"), vec![Expr::atom(child)]));
        }
        if let Some(then) = then {
            then_code.extend(self.in_place(&then.block, then.collect, scope).stmts);
        }
        let else_code = otherwise
            .map(|b| self.in_place(&b.block, b.collect, scope).stmts)
            .unwrap_or_default();
        if then_code.is_empty() && else_code.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        if let Some(child) = &child {
            out.push(Stmt::val(child, self.new_collector()));
        }
        let Tried { prelude, ok, .. } =
            self.trial(&condition.block, &scope.without_collector(), child);
        out.extend(prelude);
        let Some(ok) = ok else {
            // The condition always holds.
            out.extend(then_code);
            return out;
        };
        out.push(match (then_code.is_empty(), else_code.is_empty()) {
            (false, true) => Stmt::if_(ok, then_code),
            (true, false) => Stmt::if_(format!("!{ok}"), else_code),
            _ => Stmt::If {
                condition: ok,
                then: then_code,
                otherwise: else_code,
            },
        });
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
    ) -> Vec<Stmt> {
        let record = match (&scope.ann, record) {
            (Some(ann), true) => Some(ann.clone()),
            _ => None,
        };
        let counts = min > 0 || max.is_some();
        if !counts && record.is_none() {
            return Vec::new();
        }
        let (found, i, item) = (
            self.names.fresh("count"),
            self.names.fresh("i"),
            self.names.fresh("item"),
        );
        let inner = Scope {
            v: item.clone(),
            narrowed: None,
            ..scope.without_collector()
        };
        let Tried {
            prelude,
            ok,
            reads: uses_item,
        } = self.trial(block, &inner, None);
        let mut matched = Vec::new();
        if counts {
            matched.push(Stmt::line(format!("{found} += 1")));
        }
        if let Some(ann) = &record {
            matched.push(Stmt::line(format!("{ann}.items.add({i})")));
        }
        let mut body = prelude;
        match ok {
            Some(ok) => body.push(Stmt::if_(ok, matched)),
            None => body.extend(matched),
        }
        let mut out = Vec::new();
        if counts {
            out.push(Stmt::Val {
                name: found.clone(),
                mutable: true,
                value: Expr::atom("0"),
            });
        }
        out.push(match (record.is_some(), uses_item) {
            (true, true) => Stmt::block(format!("for (({i}, {item}) in {a}.withIndex())"), body),
            (true, false) => Stmt::block(format!("for ({i} in {a}.indices)"), body),
            (false, true) => Stmt::block(format!("for ({item} in {a})"), body),
            (false, false) => Stmt::lambda(format!("repeat({a}.size) {{"), body),
        });
        let shown = || vec![("found", Arg::Expr(Expr::atom(&found)))];
        if min > 0 {
            let message = Message::too_few_contained(min);
            let failure = format!("{found} < {}", count(min));
            out.push(self.fail_if(failure, scope, keyword, &message, shown()));
        }
        if let Some(max) = max {
            let message = Message::too_many_contained(max);
            let failure = format!("{found} > {}", count(max));
            out.push(self.fail_if(failure, scope, keyword, &message, shown()));
        }
        out
    }

    /// A string holding (base64-encoded) JSON, valid against the inner block. Errors inside
    /// the embedded document are reported at the string, with the inner pointer in the
    /// message (`Checks.content`).
    pub(super) fn content(
        &mut self,
        base64: bool,
        json: bool,
        block: Option<&Block>,
        keyword: &Location,
        scope: &Scope,
        s: &str,
    ) -> Code {
        let checks = self.symbols.name("Checks");
        let errors = match &scope.sink {
            Sink::Errors(errors) => errors.clone(),
            Sink::Bool(_) => return self.content_holds(base64, json, block, scope, s),
        };
        let texts = [
            MessageId::ContentNotBase64,
            MessageId::ContentNotUtf8,
            MessageId::ContentNotJson,
            MessageId::ContentInvalid,
        ]
        // The runtime fills these (the embedded error's pointer and message).
        .map(|id| Expr::atom(string_literal(&Message::new(id).printed().0)));
        let args = vec![
            Expr::atom(s),
            Expr::atom(&scope.p),
            Expr::atom(errors),
            self.location(keyword),
            Expr::atom(format!("base64 = {base64}")),
            Expr::atom(format!("json = {json}")),
            Expr::call(format!("{checks}.ContentMessages"), texts.to_vec()),
        ];
        let call = Expr::call(format!("{checks}.content"), args);
        let inner = match block.filter(|_| json) {
            Some(block) => {
                let inner = Scope {
                    v: self.names.fresh("value"),
                    p: self.names.fresh("at"),
                    sink: Sink::Errors(self.names.fresh("errors")),
                    ann: None,
                    ds: scope.ds.clone(),
                    narrowed: None,
                };
                let uses = block.uses(self.program, inner.context());
                uses.path.then_some((block, inner, uses.instance))
            }
            None => None,
        };
        let Some((block, inner, reads)) = inner else {
            return Code {
                stmts: vec![Stmt::Expr(call)],
                diverges: false,
            };
        };
        let pointer = self.symbols.name("JsonPointer");
        let mut body = vec![Stmt::val(&inner.p, Expr::atom(format!("{pointer}.ROOT")))];
        body.extend(self.block(block, &inner).stmts);
        let value = if reads {
            inner.v.clone()
        } else {
            "_".to_string()
        };
        let Sink::Errors(inner_errors) = &inner.sink else {
            return Code::default();
        };
        Code {
            stmts: vec![Stmt::Trailing {
                call,
                params: format!("{value}, {inner_errors}"),
                body,
            }],
            diverges: false,
        }
    }

    /// The yes/no form of content: the string decodes, and its JSON satisfies the block.
    fn content_holds(
        &mut self,
        base64: bool,
        json: bool,
        block: Option<&Block>,
        scope: &Scope,
        s: &str,
    ) -> Code {
        let checks = self.symbols.name("Checks");
        let fail = self.fail_no_message(scope);
        let inner = Scope {
            v: self.names.fresh("value"),
            narrowed: None,
            ..scope.without_collector()
        };
        let uses = block
            .filter(|_| json)
            .map(|b| (b, b.uses(self.program, inner.context())))
            .filter(|(_, uses)| uses.any);
        let Some((block, uses)) = uses else {
            let decodes = format!("!{checks}.decodes({s}, base64 = {base64}, json = {json})");
            return Code {
                stmts: vec![Stmt::if_(decodes, vec![fail])],
                diverges: false,
            };
        };
        let decoded = format!("{checks}.decodeJson({s}, base64 = {base64})");
        let mut stmts = if uses.instance {
            let fail = match fail {
                Stmt::Line(text) => text,
                _ => "return false".to_string(),
            };
            vec![Stmt::val(
                &inner.v,
                Expr::atom(format!("{decoded} ?: {fail}")),
            )]
        } else {
            vec![Stmt::if_(format!("{decoded} == null"), vec![fail])]
        };
        let code = self.block(block, &inner);
        stmts.extend(code.stmts);
        Code {
            stmts,
            diverges: code.diverges,
        }
    }
}
