//! Content: JSON inside a (base64-encoded) string, decoded by the runtime. Errors inside the
//! embedded document are reported at the string, with the inner pointer in the message.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::messages::{message, Arg, Text};
use super::{id, Embedded, RustTarget};
use crate::emit::checks::names::Local;
use crate::emit::checks::{Content, Scope, Sink, Tried, Walker};
use crate::ir::check::Message;

pub(super) fn content<T: RustTarget>(
    walker: &mut Walker<'_, T>,
    content: Content<'_>,
    scope: &Scope,
    s: &Ident,
) -> TokenStream {
    let Content {
        base64,
        json,
        block,
        keyword,
    } = content;
    let reason = id("reason");
    let failed = match &scope.sink {
        Sink::Decide(_) => {
            let fail = walker
                .target
                .fail_with(scope, keyword, Text::Given, Vec::new());
            quote!(Err(_) => { #fail })
        }
        Sink::Errors(_) => {
            let fail = walker.target.fail_with(
                scope,
                keyword,
                Text::Given,
                vec![("reason", Arg::Ident(reason.clone()))],
            );
            quote!(Err(#reason) => { #fail })
        }
    };
    let inner = walker.names.fresh(Local::Decoded);
    walker.target.holds_json(&inner);
    let inner_v = id(&inner);
    let decoded = match (block, &scope.sink) {
        (Some(block), Sink::Errors(errs)) => {
            let inner_errs = walker.names.fresh(Local::Errors);
            let store = walker.names.fresh(Local::ErrorStore);
            let root = walker.names.fresh(Local::EmbeddedPath);
            let inner_scope = Scope {
                v: inner.clone(),
                p: root.clone(),
                sink: Sink::Errors(inner_errs.clone()),
                ann: None,
                ds: scope.ds.clone(),
                narrowed: None,
            };
            let uses = block.uses(walker.program, inner_scope.context());
            if !uses.path {
                quote!(Ok(_) => {})
            } else {
                let body = walker.block(block, &inner_scope).stmts;
                let (e, at) = (id("e"), id("at"));
                let text = message(
                    Text::Rule(&Message::embedded()),
                    vec![
                        ("pointer", Arg::Ident(at.clone())),
                        ("message", Arg::Expr(quote!(#e.message))),
                    ],
                );
                let (p, errs, inner_errs, store, root) = (
                    id(&scope.p),
                    id(errs),
                    id(&inner_errs),
                    id(&store),
                    id(&root),
                );
                let (pattern, rebind) = if uses.instance {
                    (
                        quote!(Ok(Some(#inner_v))),
                        Some(quote!(let #inner_v = &#inner_v;)),
                    )
                } else {
                    (quote!(Ok(Some(_))), None)
                };
                quote! {
                    #pattern => {
                        let #root = &support::Path::Root;
                        #rebind
                        let mut #store: Vec<support::ValidationError> = Vec::new();
                        let #inner_errs = &mut #store;
                        #body
                        for #e in #store {
                            let #at = if #e.instance_path.is_empty() {
                                "(root)".to_string()
                            } else {
                                #e.instance_path
                            };
                            #errs.push(support::ValidationError {
                                instance_path: #p.to_pointer(),
                                schema_location: #e.schema_location,
                                message: #text,
                            });
                        }
                    }
                    Ok(None) => {}
                }
            }
        }
        (Some(block), Sink::Decide(_)) => {
            let inner_scope = Scope {
                v: inner.clone(),
                narrowed: None,
                ..scope.without_collector()
            };
            let Tried {
                prelude,
                ok,
                reads: uses_inner,
            } = walker.trial(block, &inner_scope, None);
            match ok {
                Some(ok) => {
                    let fail = walker
                        .target
                        .fail_with(scope, keyword, Text::Given, Vec::new());
                    let ok = id(&ok);
                    let (pattern, rebind) = if uses_inner {
                        (
                            quote!(Ok(Some(#inner_v))),
                            Some(quote!(let #inner_v = &#inner_v;)),
                        )
                    } else {
                        (quote!(Ok(Some(_))), None)
                    };
                    quote!(#pattern => { #rebind #prelude if !#ok { #fail } } Ok(None) => {})
                }
                None => quote!(Ok(_) => {}),
            }
        }
        (None, _) => quote!(Ok(_) => {}),
    };
    quote!(match support::decode_content(#s, #base64, #json) { #failed #decoded })
}

/// The content check of embedded JSON over a tree, when the typed forms decode that document:
/// the text is decoded strictly into the type (as `EmbeddedJson` decodes it), and only a
/// document that does not decode, or whose typed check finds an error, is parsed into a tree
/// and checked as before (`exact`), so the errors are the same. A document that decodes and
/// passes is one `validate` accepts: that is what `from_slice` relies on too.
pub(super) fn typed_first(decoded: &Embedded, s: &Ident, exact: TokenStream) -> TokenStream {
    let ty = &decoded.ty;
    match &decoded.check {
        Some(check) => quote! {
            if !support::decode_strict_str::<#ty>(#s).is_ok_and(|decoded| #check(&decoded)) {
                #exact
            }
        },
        None => quote! {
            if support::decode_strict_str::<#ty>(#s).is_err() {
                #exact
            }
        },
    }
}
