//! Content: JSON inside a (base64-encoded) string, decoded by the runtime. Errors inside the
//! embedded document are reported at the string, with the inner pointer in the message
//! (`Checks.content`).

use super::code::Stmt;
use super::failures::fail_no_message;
use super::Printer;
use crate::emit::checks::names::Local;
use crate::emit::checks::{Code, Content, Scope, Sink, Walker};
use crate::emit::kotlin::layout::Expr;

pub(super) fn content(
    walker: &mut Walker<'_, Printer<'_>>,
    content: Content<'_>,
    scope: &Scope,
    s: &str,
) -> Code<Vec<Stmt>> {
    let errors = match &scope.sink {
        Sink::Errors(errors) => errors.clone(),
        Sink::Decide(_) => return content_holds(walker, content, scope, s),
    };
    let Content {
        base64,
        json,
        block,
        keyword,
    } = content;
    let checks = walker.target.symbols.name("Checks");
    let messages = walker.target.content_messages();
    let args = vec![
        Expr::atom(s),
        Expr::atom(&scope.p),
        Expr::atom(errors),
        walker.target.location(keyword),
        Expr::atom(format!("base64 = {base64}")),
        Expr::atom(format!("json = {json}")),
        Expr::atom(messages),
    ];
    let call = Expr::call(format!("{checks}.content"), args);
    let inner = match block.filter(|_| json) {
        Some(block) => {
            let inner = Scope {
                v: walker.names.fresh(Local::Decoded),
                p: walker.names.fresh(Local::EmbeddedPath),
                sink: Sink::Errors(walker.names.fresh(Local::Errors)),
                ann: None,
                ds: scope.ds.clone(),
                narrowed: None,
            };
            let uses = block.uses(walker.program, inner.context());
            uses.path.then_some((block, inner, uses.instance))
        }
        None => None,
    };
    let Some((block, inner, reads)) = inner else {
        return Code::of(vec![Stmt::Expr(call)]);
    };
    let pointer = walker.target.symbols.name("JsonPointer");
    let mut body = vec![Stmt::val(&inner.p, Expr::atom(format!("{pointer}.ROOT")))];
    body.extend(walker.block(block, &inner).stmts);
    let value = if reads {
        inner.v.clone()
    } else {
        "_".to_string()
    };
    let Sink::Errors(inner_errors) = &inner.sink else {
        return Code::default();
    };
    Code::of(vec![Stmt::Trailing {
        call,
        params: format!("{value}, {inner_errors}"),
        body,
    }])
}

/// The yes/no form of content: the string decodes, and its JSON satisfies the block.
fn content_holds(
    walker: &mut Walker<'_, Printer<'_>>,
    content: Content<'_>,
    scope: &Scope,
    s: &str,
) -> Code<Vec<Stmt>> {
    let Content {
        base64,
        json,
        block,
        ..
    } = content;
    let checks = walker.target.symbols.name("Checks");
    let fail = fail_no_message(scope);
    let inner = Scope {
        v: walker.names.fresh(Local::Decoded),
        narrowed: None,
        ..scope.without_collector()
    };
    let uses = block
        .filter(|_| json)
        .map(|b| (b, b.uses(walker.program, inner.context())))
        .filter(|(_, uses)| uses.any);
    let Some((block, uses)) = uses else {
        let decodes = format!("!{checks}.decodes({s}, base64 = {base64}, json = {json})");
        return Code::of(vec![Stmt::if_(decodes, vec![fail])]);
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
    let code = walker.block(block, &inner);
    stmts.extend(code.stmts);
    Code {
        stmts,
        diverges: code.diverges,
    }
}
