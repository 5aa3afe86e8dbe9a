//! Steps onto the members of an object or array: named properties, filtered properties,
//! keys, items.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::steps::Scope;
use super::Printer;
use crate::ir::check::{Block, KeyFilter, PropertyStep, Uses};

impl Printer<'_> {
    /// A block on a member (a property value, an item) at `path`, with no collector: the
    /// path is bound only when the block reports. Also says what the block uses.
    pub(super) fn member(
        &mut self,
        block: &Block,
        value: &Ident,
        path: TokenStream,
        scope: &Scope,
    ) -> (TokenStream, Uses) {
        let inner_scope = Scope {
            v: value.clone(),
            p: self.names.fresh("p"),
            ann: None,
            ..scope.clone()
        };
        let uses = block.uses(self.program, inner_scope.context());
        let body = self.block(block, &inner_scope).tokens;
        let code = if uses.path {
            let p = &inner_scope.p;
            quote!(let #p = &#path; #body)
        } else {
            body
        };
        (code, uses)
    }

    pub(super) fn properties(
        &mut self,
        list: &[PropertyStep],
        scope: &Scope,
        o: &Ident,
    ) -> TokenStream {
        let (key, value) = (self.names.fresh("key"), self.names.fresh("value"));
        let mut arms = Vec::new();
        let mut uses_value = false;
        for property in list {
            let name = &property.name;
            let p = &scope.p;
            let (mut inner, uses) =
                self.member(&property.block, &value, quote!(#p.key(#name)), scope);
            if let (Some(ann), true) = (&scope.ann, property.record) {
                inner.extend(quote!(#ann.properties.insert(#name.to_string());));
            }
            if !inner.is_empty() {
                uses_value |= uses.instance;
                arms.push((name, inner));
            }
        }
        match arms.as_slice() {
            [] => TokenStream::new(),
            [(name, inner)] if uses_value => {
                quote!(if let Some(#value) = support::property(#o, #name) { #inner })
            }
            [(name, inner)] => quote!(if support::has_property(#o, #name) { #inner }),
            _ => {
                let names = arms.iter().map(|(name, _)| name);
                let bodies = arms.iter().map(|(_, inner)| inner);
                let each = if uses_value {
                    quote!((#key, #value) in #o)
                } else {
                    quote!(#key in #o.keys())
                };
                quote!(for #each { match #key.as_str() { #(#names => { #bodies })* _ => {} } })
            }
        }
    }

    pub(super) fn each_property(
        &mut self,
        keys: &KeyFilter,
        block: &Block,
        record: bool,
        scope: &Scope,
        o: &Ident,
    ) -> TokenStream {
        if *keys == KeyFilter::Unevaluated && scope.ann.is_none() {
            return TokenStream::new();
        }
        let (key, value) = (self.names.fresh("key"), self.names.fresh("value"));
        let p = &scope.p;
        let (mut code, uses) = self.member(block, &value, quote!(#p.key(#key)), scope);
        let record = match (&scope.ann, record) {
            (Some(ann), true) => Some(quote!(#ann.properties.insert(#key.clone());)),
            _ => None,
        };
        if code.is_empty() && record.is_none() {
            return TokenStream::new();
        }
        code.extend(record.clone());
        let skip = match keys {
            KeyFilter::Matches(id) => {
                let pattern = self.statics.pattern(*id);
                Some(quote!(!#pattern.is_match(#key)))
            }
            KeyFilter::Unknown { names, patterns } => {
                let mut known = Vec::new();
                if !names.is_empty() {
                    known.push(quote!(matches!(#key.as_str(), #(#names)|*)));
                }
                for id in patterns {
                    let pattern = self.statics.pattern(*id);
                    known.push(quote!(#pattern.is_match(#key)));
                }
                (!known.is_empty()).then(|| quote!(#(#known)||*))
            }
            KeyFilter::Unevaluated => scope
                .ann
                .as_ref()
                .map(|ann| quote!(#ann.has_property(#key))),
        };
        let uses_key = skip.is_some() || uses.path || record.is_some();
        let skip = skip.map(|condition| quote!(if #condition { continue; }));
        let header = match (uses_key, uses.instance) {
            (true, true) => quote!((#key, #value) in #o),
            (true, false) => quote!(#key in #o.keys()),
            (false, true) => quote!(#value in #o.values()),
            (false, false) => quote!(_ in #o.keys()),
        };
        quote!(for #header { #skip #code })
    }

    pub(super) fn each_key(&mut self, block: &Block, scope: &Scope, o: &Ident) -> TokenStream {
        let (key, name) = (self.names.fresh("key"), self.names.fresh("name"));
        let inner = Scope {
            v: name.clone(),
            ann: None,
            ..scope.clone()
        };
        let uses = block.uses(self.program, inner.context());
        let body = self.block(block, &inner).tokens;
        if body.is_empty() {
            return TokenStream::new();
        }
        if uses.instance {
            quote!(for #key in #o.keys() { let #name = &::serde_json::Value::String(#key.clone()); #body })
        } else {
            quote!(for _ in #o.keys() { #body })
        }
    }

    pub(super) fn item(
        &mut self,
        index: usize,
        block: &Block,
        record: bool,
        scope: &Scope,
        a: &Ident,
    ) -> TokenStream {
        let item = self.names.fresh("item");
        let p = &scope.p;
        let at = Literal::usize_unsuffixed(index);
        let (mut inner, uses) = self.member(block, &item, quote!(#p.index(#at)), scope);
        if let (Some(ann), true) = (&scope.ann, record) {
            inner.extend(quote!(#ann.items.insert(#at);));
        }
        if inner.is_empty() {
            return TokenStream::new();
        }
        if uses.instance {
            quote!(if let Some(#item) = #a.get(#at) { #inner })
        } else {
            quote!(if #a.len() > #at { #inner })
        }
    }

    pub(super) fn each_item(
        &mut self,
        from: usize,
        unevaluated: bool,
        block: &Block,
        scope: &Scope,
        a: &Ident,
    ) -> TokenStream {
        let skip_evaluated = match (&scope.ann, unevaluated) {
            (Some(ann), true) => Some(ann.clone()),
            (None, true) => return TokenStream::new(),
            _ => None,
        };
        let (i, item) = (self.names.fresh("i"), self.names.fresh("item"));
        let p = &scope.p;
        let (code, uses) = self.member(block, &item, quote!(#p.index(#i)), scope);
        if code.is_empty() {
            return TokenStream::new();
        }
        let skip = skip_evaluated.map(|ann| quote!(if #ann.has_item(#i) { continue; }));
        let uses_i = uses.path || skip.is_some();
        let start = Literal::usize_unsuffixed(from);
        let skip_from = (from > 0).then(|| quote!(.skip(#start)));
        let header = match (uses_i, uses.instance) {
            (true, true) => quote!((#i, #item) in #a.iter().enumerate() #skip_from),
            (true, false) => quote!(#i in #start..#a.len()),
            (false, true) => quote!(#item in #a.iter() #skip_from),
            (false, false) => quote!(_ in #a.iter() #skip_from),
        };
        quote!(for #header { #skip #code })
    }
}
