//! How a broken rule is reported: an error added with its catalogue message (and the values
//! found at run time that it shows), or `false` from the enclosing yes/no block.

use super::code::Stmt;
use super::Printer;
use crate::emit::checks::{Scope, Sink};
use crate::emit::kotlin::layout::{string_literal, Expr};
use crate::error::Location;
use crate::ir::check::Message;

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

/// The yes/no form's failure (which needs no message).
pub(super) fn fail_no_message(scope: &Scope) -> Stmt {
    match &scope.sink {
        Sink::Decide(Some(label)) => Stmt::line(format!("return@{label} false")),
        _ => Stmt::line("return false"),
    }
}

impl Printer<'_> {
    /// A new, empty annotation collector.
    pub(super) fn collector(&mut self) -> Expr {
        Expr::atom(format!("{}()", self.symbols.name("Evaluated")))
    }

    /// Reports a broken rule: an error added, or `false` from the enclosing yes/no block. The
    /// message (and what it shows) is built only where it is reported.
    pub(super) fn fail_stmt(
        &mut self,
        scope: &Scope,
        keyword: &Location,
        message: &Message,
        args: Vec<(&'static str, Arg)>,
    ) -> Stmt {
        match &scope.sink {
            Sink::Decide(_) => fail_no_message(scope),
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
    pub(super) fn fail_if_stmt(
        &mut self,
        failure: String,
        scope: &Scope,
        keyword: &Location,
        message: &Message,
        args: Vec<(&'static str, Arg)>,
    ) -> Stmt {
        let fail = self.fail_stmt(scope, keyword, message, args);
        Stmt::if_(failure, vec![fail])
    }

    /// A catalogue message as a Kotlin string: the text itself, or where values found at run
    /// time remain, `Checks.fill` of the catalogue's format string with them in order.
    pub(super) fn message(&mut self, message: &Message, args: Vec<(&'static str, Arg)>) -> Expr {
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
}
