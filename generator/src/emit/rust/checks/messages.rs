//! The text of every error the printed validators build, rendered from the message catalogue
//! (`crate::messages`), and how a broken rule is reported: arguments the program knows are
//! written into the format string when generating, the others are the run-time values the
//! printer names, passed by position.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{id, Printer};
use crate::emit::checks::target::Target;
use crate::emit::checks::{Scope, Sink};
use crate::error::Location;
use crate::ir::check::Message;

/// A value known only at run time, as the message needs it.
pub(super) enum Arg {
    Ident(Ident),
    Expr(TokenStream),
}

/// What an error says.
pub(super) enum Text<'a> {
    /// A catalogue message; the printer passes each argument it leaves open, by name.
    Rule(&'a Message),
    /// A text the runtime built (why a content could not be decoded, itself from the
    /// catalogue): the one argument is the message.
    Given,
}

/// A `String` expression with the message's text.
pub(super) fn message(text: Text<'_>, args: Vec<(&'static str, Arg)>) -> TokenStream {
    let message = match text {
        Text::Given => {
            return match args.into_iter().next() {
                Some((_, Arg::Ident(arg))) => quote!(#arg),
                Some((_, Arg::Expr(expr))) => quote!(String::from(#expr)),
                None => quote!(String::new()),
            }
        }
        Text::Rule(message) => message,
    };
    let known: Vec<(&str, &str)> = message
        .known
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    let (format, open) = message.id.format_string(&known);
    if open.is_empty() {
        let plain = message.id.render(&known);
        return quote!(String::from(#plain));
    }
    // Run-time values are passed by position, in the order the format string leaves them
    // open, so the format string is the catalogue's own (tested in `emit::message_tests`).
    let mut args: Vec<(&str, Option<Arg>)> = args
        .into_iter()
        .map(|(name, arg)| (name, Some(arg)))
        .collect();
    let values = open.iter().map(|name| {
        let arg = args
            .iter_mut()
            .find(|(given, _)| given == name)
            .and_then(|(_, arg)| arg.take());
        match arg {
            Some(Arg::Ident(ident)) => quote!(#ident),
            Some(Arg::Expr(expr)) => expr,
            // An argument the printer did not pass shows as `?` (tested never to happen).
            None => quote!("?"),
        }
    });
    let values: Vec<TokenStream> = values.collect();
    quote!(format!(#format #(, #values)*))
}

impl Printer<'_> {
    /// Reports a broken rule: an error pushed, or `false` from the enclosing yes/no block.
    pub(super) fn fail_with(
        &mut self,
        scope: &Scope,
        keyword: &Location,
        text: Text<'_>,
        args: Vec<(&'static str, Arg)>,
    ) -> TokenStream {
        match &scope.sink {
            Sink::Decide(_) => self.fail_decide(scope),
            Sink::Errors(errs) => {
                let text = message(text, args);
                let keyword = keyword.to_string();
                let (errs, p) = (id(errs), id(&scope.p));
                quote!(#errs.push(support::ValidationError::new(#p, #keyword, #text));)
            }
        }
    }

    /// `if <failure> { fail }`.
    pub(super) fn fail_if(
        &mut self,
        failure: TokenStream,
        scope: &Scope,
        keyword: &Location,
        text: Text<'_>,
        args: Vec<(&'static str, Arg)>,
    ) -> TokenStream {
        let fail = self.fail_with(scope, keyword, text, args);
        quote!(if #failure { #fail })
    }
}
