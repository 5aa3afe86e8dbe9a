//! Blocks on the same instance and calls of program functions, with the annotation merges
//! that make a block's annotations count only when it succeeds.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::fixed;
use super::steps::{Code, Scope, Sink};
use super::{valid_name, Printer};
use crate::ir::check::{Block, Context, FunctionId, ResourceId};

impl Printer<'_> {
    /// A block applied to the same instance; with `collect`, its annotations count only if it
    /// succeeds. A block that cannot fail records straight into the collector.
    pub(super) fn in_place(&mut self, block: &Block, collect: bool, scope: &Scope) -> Code {
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
            Sink::Errors(errs) if uses.fails && uses.collector => {
                let (child, before) = (self.names.fresh("ann"), self.names.fresh("before"));
                let inner = Scope {
                    ann: Some(child.clone()),
                    ..scope.clone()
                };
                let body = self.block(block, &inner).tokens;
                Code {
                    tokens: quote! {
                        {
                            let mut #child = support::Annotations::default();
                            let #before = #errs.len();
                            #body
                            if #errs.len() == #before { #ann.merge(#child); }
                        }
                    },
                    diverges: false,
                }
            }
            // In a yes/no block a failing block ends the block, so recording straight into
            // the collector cannot leak a failed block's annotations.
            _ => self.block(block, scope),
        }
    }

    /// A call of a program function on the scope's instance.
    pub(super) fn call(&mut self, id: FunctionId, collect: bool, scope: &Scope) -> TokenStream {
        let Some(target) = self.program.functions.get(id) else {
            return TokenStream::new();
        };
        let merged = scope
            .ann
            .clone()
            .filter(|_| collect && target.reports_annotations);
        if !self.program.call_is_live(id, merged.is_some()) {
            return TokenStream::new();
        }
        let child = merged.as_ref().map(|_| self.names.fresh("ann"));
        let declare = child
            .as_ref()
            .map(|child| quote!(let mut #child = support::Annotations::default();));
        let ann_arg = match &child {
            Some(child) => Some(quote!(, &mut #child)),
            None if target.reports_annotations => {
                Some(quote!(, &mut support::Annotations::default()))
            }
            None => None,
        };
        let ds_arg = scope.ds.as_ref().map(|ds| quote!(, #ds));
        let merge = match (&merged, &child) {
            (Some(ann), Some(child)) => Some(quote!(#ann.merge(#child);)),
            _ => None,
        };
        let v = &scope.v;
        match &scope.sink {
            Sink::Bool(label) => {
                let name = fixed(&valid_name(&target.name));
                let call = quote!(#name(#v #ann_arg #ds_arg));
                let run = if target.can_fail {
                    quote!(if !#call { break #label false; })
                } else {
                    quote!(#call;)
                };
                match declare {
                    Some(declare) => quote!({ #declare #run #merge }),
                    None => run,
                }
            }
            Sink::Errors(errs) => {
                let name = fixed(&target.name);
                let p = &scope.p;
                let call = quote!(#name(#v, #p, #errs #ann_arg #ds_arg););
                match (declare, merge) {
                    (Some(declare), Some(merge)) if target.can_fail => {
                        let before = self.names.fresh("before");
                        quote!({ #declare let #before = #errs.len(); #call if #errs.len() == #before { #merge } })
                    }
                    (Some(declare), merge) => quote!({ #declare #call #merge }),
                    (None, _) => call,
                }
            }
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
    ) -> TokenStream {
        let Some(ds) = scope.ds.clone() else {
            return self.call(fallback, collect, scope);
        };
        let mut arms = TokenStream::new();
        let mut any = false;
        for (resource, function) in targets {
            let call = self.call(*function, collect, scope);
            any |= !call.is_empty();
            let resource = proc_macro2::Literal::usize_unsuffixed(*resource);
            arms.extend(quote!(Some(#resource) => { #call }));
        }
        let call = self.call(fallback, collect, scope);
        any |= !call.is_empty();
        if !any {
            return TokenStream::new();
        }
        let ids = targets
            .iter()
            .map(|(resource, _)| proc_macro2::Literal::usize_unsuffixed(*resource));
        quote!(match #ds.outermost(&[#(#ids),*]) { #arms _ => { #call } })
    }
}
