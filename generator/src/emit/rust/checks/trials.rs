//! Steps that decide by trying blocks yes/no: `anyOf`/`oneOf`, `not`, `if`, `contains`, and
//! content (JSON inside a string).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::messages::{Arg, Text};
use super::names::fixed;
use super::steps::{Code, Scope, Sink};
use super::Printer;
use crate::error::Location;
use crate::ir::check::{Block, Context, Form, InPlace, Message, Trial};

/// A tried block: its statements, the variable holding the answer (`None` when it cannot
/// fail), and whether it reads the instance.
pub(super) struct Tried {
    pub prelude: TokenStream,
    pub ok: Option<Ident>,
    pub reads: bool,
}

impl Printer<'_> {
    /// Tries a block for a yes/no answer, recording into `collector`. Returns the statements
    /// and the boolean variable holding the answer, or `None` when the block cannot fail (its
    /// statements then only record annotations).
    pub(super) fn trial(
        &mut self,
        block: &Block,
        scope: &Scope,
        collector: Option<Ident>,
    ) -> Tried {
        let context = Context {
            form: Form::Decide,
            collector: collector.is_some(),
        };
        let uses = block.uses(self.program, context);
        let (fails, reads) = (uses.fails, uses.instance);
        let label = self.names.label("t");
        let inner = Scope {
            sink: Sink::Bool(label.clone()),
            ann: collector,
            ..scope.clone()
        };
        let body = self.block(block, &inner);
        if !fails {
            return Tried {
                prelude: body.tokens,
                ok: None,
                reads,
            };
        }
        let ok = self.names.fresh("ok");
        let tokens = body.tokens;
        let tail = (!body.diverges).then(|| quote!(true));
        Tried {
            prelude: quote!(let #ok = #label: { #tokens #tail };),
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
    ) -> TokenStream {
        let matched = self.names.fresh("matched");
        // Without annotations to collect, trying stops as soon as the answer is known; a
        // reported `oneOf` failure counts every matching branch.
        let reports = matches!(scope.sink, Sink::Errors(_));
        let stop = match (try_all && scope.ann.is_some(), exactly_one) {
            (true, _) => None,
            (false, false) => Some(quote!(#matched == 0)),
            (false, true) if reports => None,
            (false, true) => Some(quote!(#matched < 2)),
        };
        let mut out = if branches.is_empty() {
            quote!(let #matched: usize = 0;)
        } else {
            quote!(let mut #matched: usize = 0;)
        };
        for (index, branch) in branches.iter().enumerate() {
            let child = match (&scope.ann, branch.collect) {
                (Some(_), true) => Some(self.names.fresh("ann")),
                _ => None,
            };
            let declare = child
                .as_ref()
                .map(|child| quote!(let mut #child = support::Annotations::default();));
            let merge = match (&scope.ann, &child) {
                (Some(ann), Some(child)) => Some(quote!(#ann.merge(#child);)),
                _ => None,
            };
            let Tried { prelude, ok, .. } =
                self.trial(&branch.block, &scope.without_collector(), child);
            let count = match ok {
                Some(ok) => quote!(if #ok { #matched += 1; #merge }),
                None => quote!(#matched += 1; #merge),
            };
            let body = quote!(#declare #prelude #count);
            out.extend(match (&stop, index) {
                (Some(condition), i) if i > 0 => quote!(if #condition { #body }),
                _ => quote!({ #body }),
            });
        }
        let failed = if exactly_one {
            quote!(#matched != 1)
        } else {
            quote!(#matched == 0)
        };
        let fail = if exactly_one {
            let none = self.fail(
                scope,
                keyword,
                Text::Rule(&Message::none_matches(branches.len(), true)),
                Vec::new(),
            );
            let many = self.fail(
                scope,
                keyword,
                Text::Rule(&Message::several_match(branches.len())),
                vec![("matched", Arg::Ident(matched.clone()))],
            );
            match &scope.sink {
                Sink::Bool(_) => none,
                Sink::Errors(_) => quote!(if #matched == 0 { #none } else { #many }),
            }
        } else {
            self.fail(
                scope,
                keyword,
                Text::Rule(&Message::none_matches(branches.len(), false)),
                Vec::new(),
            )
        };
        out.extend(quote!(if #failed { #fail }));
        out
    }

    pub(super) fn not(&mut self, block: &Block, keyword: &Location, scope: &Scope) -> Code {
        let Tried { prelude, ok, .. } = self.trial(block, &scope.without_collector(), None);
        let message = Message::not();
        let rule = Text::Rule(&message);
        match ok {
            Some(ok) => {
                let fail = self.fail_if(quote!(#ok), scope, keyword, rule, Vec::new());
                Code {
                    tokens: quote!(#prelude #fail),
                    diverges: false,
                }
            }
            // The block accepts everything, so `not` rejects everything.
            None => {
                let fail = self.fail(scope, keyword, rule, Vec::new());
                Code {
                    tokens: quote!(#prelude #fail),
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
    ) -> TokenStream {
        let child = match (&scope.ann, condition.collect) {
            (Some(_), true) => Some(self.names.fresh("ann")),
            _ => None,
        };
        let merge = match (&scope.ann, &child) {
            (Some(ann), Some(child)) => Some(quote!(#ann.merge(#child);)),
            _ => None,
        };
        let mut then_code = quote!(#merge);
        if let Some(then) = then {
            then_code.extend(self.in_place(&then.block, then.collect, scope).tokens);
        }
        let else_code = otherwise
            .map(|b| self.in_place(&b.block, b.collect, scope).tokens)
            .unwrap_or_default();
        if then_code.is_empty() && else_code.is_empty() {
            return TokenStream::new();
        }
        let declare = child
            .as_ref()
            .map(|child| quote!(let mut #child = support::Annotations::default();));
        let Tried { prelude, ok, .. } =
            self.trial(&condition.block, &scope.without_collector(), child);
        let Some(ok) = ok else {
            // The condition always holds.
            return quote!(#declare #prelude #then_code);
        };
        let choice = match (then_code.is_empty(), else_code.is_empty()) {
            (false, true) => quote!(if #ok { #then_code }),
            (true, false) => quote!(if !#ok { #else_code }),
            _ => quote!(if #ok { #then_code } else { #else_code }),
        };
        quote!(#declare #prelude #choice)
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
        a: &Ident,
    ) -> TokenStream {
        let record = match (&scope.ann, record) {
            (Some(ann), true) => Some(ann.clone()),
            _ => None,
        };
        let counts = min > 0 || max.is_some();
        if !counts && record.is_none() {
            return TokenStream::new();
        }
        let (count, i, item) = (
            self.names.fresh("count"),
            self.names.fresh("i"),
            self.names.fresh("item"),
        );
        let inner = Scope {
            v: item.clone(),
            ..scope.without_collector()
        };
        let Tried {
            prelude,
            ok,
            reads: uses_item,
        } = self.trial(block, &inner, None);
        let mut matched = TokenStream::new();
        if counts {
            matched.extend(quote!(#count += 1;));
        }
        if let Some(ann) = &record {
            matched.extend(quote!(#ann.items.insert(#i);));
        }
        let body = match ok {
            Some(ok) => quote!(#prelude if #ok { #matched }),
            None => quote!(#prelude #matched),
        };
        let header = match (record.is_some(), uses_item) {
            (true, true) => quote!((#i, #item) in #a.iter().enumerate()),
            (true, false) => quote!(#i in 0..#a.len()),
            (false, true) => quote!(#item in #a.iter()),
            (false, false) => quote!(_ in #a.iter()),
        };
        let mut out = TokenStream::new();
        if counts {
            out.extend(quote!(let mut #count: u64 = 0;));
        }
        out.extend(quote!(for #header { #body }));
        if min > 0 {
            let n = Literal::u64_unsuffixed(min);
            out.extend(self.fail_if(
                quote!(#count < #n),
                scope,
                keyword,
                Text::Rule(&Message::too_few_contained(min)),
                vec![("found", Arg::Ident(count.clone()))],
            ));
        }
        if let Some(max) = max {
            let n = Literal::u64_unsuffixed(max);
            out.extend(self.fail_if(
                quote!(#count > #n),
                scope,
                keyword,
                Text::Rule(&Message::too_many_contained(max)),
                vec![("found", Arg::Ident(count.clone()))],
            ));
        }
        out
    }

    /// A string holding (base64-encoded) JSON, valid against the inner block. Errors inside
    /// the embedded document are reported at the string, with the inner pointer in the
    /// message.
    pub(super) fn content(
        &mut self,
        base64: bool,
        json: bool,
        block: Option<&Block>,
        keyword: &Location,
        scope: &Scope,
        s: &Ident,
    ) -> TokenStream {
        let reason = fixed("reason");
        let failed = match &scope.sink {
            Sink::Bool(_) => {
                let fail = self.fail(scope, keyword, Text::Given, Vec::new());
                quote!(Err(_) => { #fail })
            }
            Sink::Errors(_) => {
                let fail = self.fail(
                    scope,
                    keyword,
                    Text::Given,
                    vec![("reason", Arg::Ident(reason.clone()))],
                );
                quote!(Err(#reason) => { #fail })
            }
        };
        let inner = self.names.fresh("inner");
        let decoded = match (block, &scope.sink) {
            (Some(block), Sink::Errors(errs)) => {
                let (inner_errs, store, root) = (
                    self.names.fresh("errs"),
                    self.names.fresh("store"),
                    self.names.fresh("root"),
                );
                let inner_scope = Scope {
                    v: inner.clone(),
                    p: root.clone(),
                    sink: Sink::Errors(inner_errs.clone()),
                    ann: None,
                    ds: scope.ds.clone(),
                };
                let uses = block.uses(self.program, inner_scope.context());
                if !uses.path {
                    quote!(Ok(_) => {})
                } else {
                    let body = self.block(block, &inner_scope).tokens;
                    let (e, at) = (fixed("e"), fixed("at"));
                    let text = super::messages::message(
                        Text::Rule(&Message::embedded()),
                        vec![
                            ("pointer", Arg::Ident(at.clone())),
                            ("message", Arg::Expr(quote!(#e.message))),
                        ],
                    );
                    let p = &scope.p;
                    let (pattern, rebind) = if uses.instance {
                        (
                            quote!(Ok(Some(#inner))),
                            Some(quote!(let #inner = &#inner;)),
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
            (Some(block), Sink::Bool(_)) => {
                let inner_scope = Scope {
                    v: inner.clone(),
                    ..scope.without_collector()
                };
                let Tried {
                    prelude,
                    ok,
                    reads: uses_inner,
                } = self.trial(block, &inner_scope, None);
                match ok {
                    Some(ok) => {
                        let fail = self.fail(scope, keyword, Text::Given, Vec::new());
                        let (pattern, rebind) = if uses_inner {
                            (
                                quote!(Ok(Some(#inner))),
                                Some(quote!(let #inner = &#inner;)),
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
}
