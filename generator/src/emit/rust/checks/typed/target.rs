//! Each construct the walker decides to print, over typed values: what is JSON is handed to
//! the JSON-tree target unchanged; members of a struct are its fields, items of a `Vec` its
//! elements, calls go to the callee's typed form.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{
    exported_name, field_ident, id, serialized, typed_json, Guard, TypedPrinter, TypedRequest, Var,
};
use crate::emit::checks::names::Style;
use crate::emit::checks::target::{
    CallCollector, Compare, Counter, Member, PropertyArm, Record, Target,
};
use crate::emit::checks::{Code, Content, Scope, Sink, Walker};
use crate::emit::rust::checks::messages::{Arg, Text};
use crate::emit::rust::checks::valid_name;
use crate::emit::rust::checks::{Printer, RustTarget};
use crate::error::Location;
use crate::ir::check::{
    Assertion, Form, Function, FunctionId, KeyFilter, Message, ResourceId, Step, Uses, View,
};
use crate::ir::TypeRef;

impl RustTarget for TypedPrinter<'_> {
    fn fail_with(
        &mut self,
        scope: &Scope,
        keyword: &Location,
        text: Text<'_>,
        args: Vec<(&'static str, Arg)>,
    ) -> TokenStream {
        self.json.fail_with(scope, keyword, text, args)
    }

    fn holds_json(&mut self, name: &str) {
        self.vars.insert(name.to_string(), Var::Json);
    }
}

impl Target for TypedPrinter<'_> {
    type Stmts = TokenStream;
    type Cond = TokenStream;
    type Arg = Arg;
    type Call = TokenStream;

    // The same names and layout as the JSON-tree target: what is JSON prints as there.
    const STYLE: &'static Style = <Printer<'static> as Target>::STYLE;
    const REUSES_NARROWED_VIEWS: bool = false;
    const ONE_LOOP_FOR_NAMED_PROPERTIES: bool = true;

    fn binds_view(&self, _view: View) -> bool {
        true
    }

    fn enter_member(&mut self, parent: &str, member: Member<'_>, value: &str) {
        let var = match (self.var(parent), member) {
            (Var::Struct(ty), Member::Name(name)) => self
                .field(ty, name)
                .map_or(Var::Json, |(_, field)| Var::of(&field.ty)),
            (Var::Items(item), Member::Index(_) | Member::IndexAt(_)) => Var::of(&item),
            (Var::Entries(value), Member::Name(_) | Member::Key(_)) => Var::of(&value),
            (Var::Never, _) => Var::Never,
            _ => Var::Json,
        };
        self.vars.insert(value.to_string(), var);
    }

    fn enter_view(&mut self, view: View, v: &str, bound: &str, steps: &[Step]) {
        let (guard, var) = match self.var(v) {
            Var::Json => (Guard::Json, Var::Json),
            Var::Never => (Guard::Never, Var::Never),
            Var::Typed(ty) => self.typed_view(view, v, bound, &ty, steps),
            // Guards test an instance, never a view; should one come, its JSON is tested.
            Var::Struct(_) | Var::Items(_) | Var::Entries(_) => (Guard::Serialized, Var::Json),
        };
        self.guards.insert(bound.to_string(), guard);
        self.vars.insert(bound.to_string(), var);
    }

    fn scoped(&mut self, body: TokenStream) -> TokenStream {
        self.json.scoped(body)
    }

    fn if_(&mut self, condition: TokenStream, then: TokenStream) -> TokenStream {
        self.json.if_(condition, then)
    }

    fn if_else(
        &mut self,
        condition: TokenStream,
        then: TokenStream,
        otherwise: TokenStream,
    ) -> TokenStream {
        self.json.if_else(condition, then, otherwise)
    }

    fn holds(&mut self, variable: &str) -> TokenStream {
        self.json.holds(variable)
    }

    fn fails(&mut self, variable: &str) -> TokenStream {
        self.json.fails(variable)
    }

    fn compare(&mut self, counter: &str, compare: Compare, n: u64) -> TokenStream {
        self.json.compare(counter, compare, n)
    }

    fn counter(&mut self, name: &str, mutable: bool, counts: Counter) -> TokenStream {
        self.json.counter(name, mutable, counts)
    }

    fn increment(&mut self, counter: &str) -> TokenStream {
        self.json.increment(counter)
    }

    fn fail(
        &mut self,
        scope: &Scope,
        keyword: &Location,
        message: &Message,
        args: Vec<(&'static str, Arg)>,
    ) -> TokenStream {
        self.json.fail(scope, keyword, message, args)
    }

    fn fail_decide(&mut self, scope: &Scope) -> TokenStream {
        self.json.fail_decide(scope)
    }

    fn counted(&mut self, counter: &str) -> Arg {
        self.json.counted(counter)
    }

    fn assertion(&mut self, assertion: &Assertion, scope: &Scope, x: &str) -> Code<TokenStream> {
        self.typed_assertion(assertion, scope, x)
    }

    fn content(
        walker: &mut Walker<'_, Self>,
        content: Content<'_>,
        scope: &Scope,
        s: &str,
    ) -> Code<TokenStream> {
        // `s` is a string view (a `&str`, also of embedded JSON's kept text): decoded and
        // checked as `validate` does, the decoded tree being JSON.
        let exact = crate::emit::rust::checks::content::content(walker, content, scope, &id(s));
        match (walker.target.embedded.get(s).cloned(), content.block) {
            (Some((owner, ty)), Some(block)) if content.json && !content.base64 => {
                Code::of(embedded_value(
                    walker,
                    (block, content.keyword),
                    scope,
                    (&owner, &ty),
                    exact,
                ))
            }
            _ => Code::of(exact),
        }
    }

    fn enter_resource(&mut self, entered: &str, scope: &str, resource: ResourceId) -> TokenStream {
        self.json.enter_resource(entered, scope, resource)
    }

    fn new_collector(&mut self, name: &str) -> TokenStream {
        self.json.new_collector(name)
    }

    fn merge(&mut self, into: &str, child: &str) -> TokenStream {
        self.json.merge(into, child)
    }

    fn record(&mut self, collector: &str, record: Record<'_>) -> TokenStream {
        match record {
            // The key may belong to JSON serialized for this check alone, which the collector
            // outlives: it keeps its own copy.
            Record::Key(key) => {
                let (ann, key) = (id(collector), id(key));
                quote!(#ann.insert_owned(#key);)
            }
            record => self.json.record(collector, record),
        }
    }

    fn error_count(&mut self, before: &str, errors: &str) -> TokenStream {
        self.json.error_count(before, errors)
    }

    fn errors_unchanged(&mut self, errors: &str, before: &str) -> TokenStream {
        self.json.errors_unchanged(errors, before)
    }

    fn bind_path(&mut self, path: &str, parent: &str, member: Member<'_>) -> TokenStream {
        self.json.bind_path(path, parent, member)
    }

    fn guard(&mut self, view: View, v: &str, bound: &str, inner: TokenStream) -> TokenStream {
        let guard = self.guards.remove(bound).unwrap_or(Guard::Json);
        self.print_guard(guard, view, v, bound, inner)
    }

    fn if_property(&mut self, object: &str, name: &str, inner: TokenStream) -> TokenStream {
        match self.var(object) {
            Var::Struct(ty) => match self.present(ty, &id(object), name) {
                Some(present) => quote!(if #present { #inner }),
                None => inner,
            },
            Var::Never => TokenStream::new(),
            _ => self.json.if_property(object, name, inner),
        }
    }

    fn properties(
        &mut self,
        object: &str,
        key: Option<&str>,
        arms: Vec<PropertyArm<'_, TokenStream>>,
    ) -> TokenStream {
        match self.var(object) {
            Var::Struct(ty) => self.fields(ty, object, arms),
            Var::Never => TokenStream::new(),
            // One loop over a map reads as over a JSON object; one property is a lookup.
            Var::Entries(_) if arms.len() == 1 => {
                let o = id(object);
                arms.iter()
                    .map(|arm| {
                        let (name, body, value) = (arm.name, &arm.body, id(&arm.value));
                        if arm.reads {
                            quote!(if let Some(#value) = #o.get(#name) { #body })
                        } else {
                            quote!(if #o.contains_key(#name) { #body })
                        }
                    })
                    .collect()
            }
            _ => self.json.properties(object, key, arms),
        }
    }

    fn key_filter(
        &mut self,
        keys: &KeyFilter,
        key: &str,
        collector: Option<&str>,
    ) -> Option<TokenStream> {
        self.json.key_filter(keys, key, collector)
    }

    fn each_property(
        &mut self,
        object: &str,
        key: &str,
        value: &str,
        skip: Option<TokenStream>,
        body: TokenStream,
        uses_key: bool,
        reads: bool,
    ) -> TokenStream {
        // A struct's guard holds only named steps (`typed_view`); any other reads its JSON.
        let json = matches!(self.var(object), Var::Struct(_));
        let name = if json { "typed_json" } else { object };
        let each = self
            .json
            .each_property(name, key, value, skip, body, uses_key, reads);
        self.over_object(object, json, each)
    }

    fn each_key(
        &mut self,
        object: &str,
        key: &str,
        name: &str,
        reads: bool,
        body: TokenStream,
    ) -> TokenStream {
        let json = matches!(self.var(object), Var::Struct(_));
        let over = if json { "typed_json" } else { object };
        let each = self.json.each_key(over, key, name, reads, body);
        self.over_object(object, json, each)
    }

    // A `Vec`'s items are read as a JSON array's are (`get`, `iter`, `len`); `enter_member`
    // gave them their type.
    fn item(
        &mut self,
        array: &str,
        index: usize,
        item: &str,
        reads: bool,
        body: TokenStream,
    ) -> TokenStream {
        self.json.item(array, index, item, reads, body)
    }

    fn each_item(
        &mut self,
        array: &str,
        from: usize,
        index: &str,
        item: &str,
        skip_evaluated: Option<&str>,
        uses: &Uses,
        body: TokenStream,
    ) -> TokenStream {
        self.json
            .each_item(array, from, index, item, skip_evaluated, uses, body)
    }

    fn each_item_tried(
        &mut self,
        array: &str,
        index: &str,
        item: &str,
        indexed: bool,
        reads: bool,
        body: TokenStream,
    ) -> TokenStream {
        self.json
            .each_item_tried(array, index, item, indexed, reads, body)
    }

    fn trial(&mut self, ok: &str, label: &str, body: TokenStream, diverges: bool) -> TokenStream {
        self.json.trial(ok, label, body, diverges)
    }

    fn call(
        &mut self,
        callee: FunctionId,
        function: &Function,
        scope: &Scope,
        collector: CallCollector<'_>,
    ) -> TokenStream {
        let form = match scope.sink {
            Sink::Decide(_) => Form::Decide,
            Sink::Errors(_) => Form::Report,
        };
        let typed = match self.var(&scope.v) {
            Var::Typed(ty) if ty != TypeRef::Any => Some(ty),
            _ => None,
        };
        let external = self.json.externals.get(&callee);
        if let (Some(ty), Some(external), Some(home)) = (&typed, external, function.home) {
            if matches!(collector, CallCollector::None) {
                // The typed form of a shared file's function lives in that file's module.
                let request = TypedRequest {
                    module: home.module,
                    function: home.function,
                    form,
                    ty: ty.clone(),
                };
                if !self.requests.contains(&request) {
                    self.requests.push(request);
                }
                let base = match form {
                    Form::Report => external.name.clone(),
                    Form::Decide => valid_name(&external.name),
                };
                let module = external.module.iter().map(|segment| id(segment));
                let name = id(&exported_name(&base, ty));
                let v = id(&scope.v);
                return match &scope.sink {
                    Sink::Decide(_) => quote!(#(#module::)* #name(#v)),
                    Sink::Errors(errs) => {
                        let (p, errs) = (id(&scope.p), id(errs));
                        quote!(#(#module::)* #name(#v, #p, #errs))
                    }
                };
            }
        }
        let external = external.is_some();
        let Some(ty) = typed.filter(|_| matches!(collector, CallCollector::None)) else {
            // A JSON value, or a callee taking a collector: its JSON-tree form, on the
            // value's JSON when the value is typed.
            if !external {
                self.json_forms.insert((callee, form));
            }
            let serialize = !matches!(self.var(&scope.v), Var::Json);
            if !serialize {
                return absorbed(collector, |collector| {
                    self.json.call(callee, function, scope, collector)
                });
            }
            let on_json = Scope {
                v: typed_json().to_string(),
                ..scope.clone()
            };
            let call = absorbed(collector, |collector| {
                self.json.call(callee, function, &on_json, collector)
            });
            return serialized(&id(&scope.v), call);
        };
        let name = id(&self.typed_form(callee, form, &ty, false));
        let v = id(&scope.v);
        match &scope.sink {
            Sink::Decide(_) => quote!(#name(#v)),
            Sink::Errors(errs) => {
                let (p, errs) = (id(&scope.p), id(errs));
                quote!(#name(#v, #p, #errs))
            }
        }
    }

    fn call_statement(&mut self, call: TokenStream) -> TokenStream {
        self.json.call_statement(call)
    }

    fn call_fails(&mut self, call: TokenStream) -> TokenStream {
        self.json.call_fails(call)
    }

    fn dynamic_dispatch(
        &mut self,
        scope: &str,
        arms: Vec<(ResourceId, TokenStream)>,
        fallback: TokenStream,
    ) -> TokenStream {
        self.json.dynamic_dispatch(scope, arms, fallback)
    }
}

impl TypedPrinter<'_> {
    /// `inner` under a guard on `view` of `v`, laid out as `guard` says.
    fn print_guard(
        &mut self,
        guard: Guard,
        view: View,
        v: &str,
        bound: &str,
        inner: TokenStream,
    ) -> TokenStream {
        let (x, b) = (id(v), id(bound));
        match guard {
            Guard::Json => self.json.guard(view, v, bound, inner),
            Guard::Bind(expr) => quote!({ let #b = #expr; #inner }),
            Guard::Same => {
                let check = self.shadow_check(bound, &x);
                let bind = (v != bound).then(|| quote!(let #b = #x;));
                quote!({ #check #bind #inner })
            }
            Guard::Serialized => {
                let accessor = id(accessor(view));
                quote!(if let Some(#b) = support::json_of(#x).#accessor() { #inner })
            }
            Guard::IfSome(guard) => {
                // The value inside is bound under the view's name, then read as its view.
                let inside = self.print_guard(*guard, view, bound, bound, inner);
                if inside.is_empty() {
                    return inside;
                }
                quote!(if let Some(#b) = #x { #inside })
            }
            Guard::Never => TokenStream::new(),
        }
    }

    /// Named properties of a struct: each a field read, in the order `validate` meets them
    /// in the struct's JSON.
    fn fields(
        &mut self,
        ty: crate::ir::TypeId,
        object: &str,
        arms: Vec<PropertyArm<'_, TokenStream>>,
    ) -> TokenStream {
        let o = id(object);
        let Some((names, extra)) = self.field_names(ty).cloned() else {
            return TokenStream::new();
        };
        let extra = field_ident(&extra);
        let mut arms: Vec<(Option<usize>, PropertyArm<'_, TokenStream>)> = arms
            .into_iter()
            .map(|arm| (self.field(ty, arm.name).map(|(index, _)| index), arm))
            .collect();
        arms.sort_by(|(_, a), (_, b)| a.name.cmp(b.name));
        // Without serde_json's `preserve_order` a serialized struct's keys come sorted (the
        // arms' order now); with it, fields in declaration order, then the catch-all map's
        // entries in the map's own order.
        let mut declared: Vec<usize> = (0..arms.len()).collect();
        declared.sort_by_key(|arm| {
            arms.get(*arm)
                .and_then(|(field, _)| *field)
                .unwrap_or(usize::MAX)
        });
        let others = arms.iter().filter(|(field, _)| field.is_none()).count();
        let mut out = TokenStream::new();
        if others > 1 {
            let restart = self.restart();
            out.extend(quote!(if support::keeps_insertion_order() { #restart }));
        }
        let mut printed = Vec::new();
        for (index, arm) in &arms {
            let (value, body) = (id(&arm.value), &arm.body);
            let required = index
                .and_then(|i| self.field_at(ty, i))
                .map(|field| field.required);
            let field = index
                .and_then(|i| names.get(i))
                .map(|name| field_ident(name));
            let name = arm.name;
            printed.push(match (field, required, arm.reads) {
                (Some(field), Some(true), true) => quote!({ let #value = &#o.#field; #body }),
                (Some(_), Some(true), false) => quote!({ #body }),
                (Some(field), _, true) => quote!(if let Some(#value) = &#o.#field { #body }),
                (Some(field), _, false) => quote!(if #o.#field.is_some() { #body }),
                (None, _, true) => quote!(if let Some(#value) = #o.#extra.get(#name) { #body }),
                (None, _, false) => quote!(if #o.#extra.contains_key(#name) { #body }),
            });
        }
        if declared.iter().copied().eq(0..arms.len()) {
            out.extend(printed);
            return out;
        }
        // Each arm printed once, run in the order of the build's serde_json.
        let sorted = (0..arms.len()).map(proc_macro2::Literal::usize_unsuffixed);
        let declared = declared
            .into_iter()
            .map(proc_macro2::Literal::usize_unsuffixed);
        let numbers = (0..printed.len()).map(proc_macro2::Literal::usize_unsuffixed);
        out.extend(quote! {
            for arm in support::field_order(&[#(#sorted),*], &[#(#declared),*]) {
                match arm { #(#numbers => #printed)* _ => {} }
            }
        });
        out
    }

    /// The check that the catch-all map of the struct a guard binds holds none of its field
    /// names (serialized, such an entry replaces the field): else the function starts over.
    fn shadow_check(&mut self, bound: &str, x: &proc_macro2::Ident) -> Option<TokenStream> {
        let Some(Var::Struct(ty)) = self.vars.get(bound).cloned() else {
            return None;
        };
        let wire: Vec<String> = match self.kind_of(ty) {
            Some(crate::ir::TypeKind::Struct { fields }) => {
                fields.iter().map(|f| f.wire_name.clone()).collect()
            }
            _ => return None,
        };
        let (_, extra) = self.field_names(ty)?.clone();
        let extra = field_ident(&extra);
        let restart = self.restart();
        Some(quote!(if support::shadows(&#x.#extra, &[#(#wire),*]) { #restart }))
    }

    /// `each` over the JSON of struct `object` (bound to `typed_json`) when `json`.
    fn over_object(&mut self, object: &str, json: bool, each: TokenStream) -> TokenStream {
        if !json {
            return each;
        }
        let o = id(object);
        quote!(if let Some(typed_json) = support::json_of(#o).as_object() { #each })
    }
}

/// The `serde_json::Value` method a view is read with.
fn accessor(view: View) -> &'static str {
    match view {
        View::Object => "as_object",
        View::Array => "as_array",
        View::String => "as_str",
        View::Number => "as_number",
    }
}

/// The content check of embedded JSON whose decoded value is kept beside its text: the value's
/// typed checks decide, so a valid document is not parsed again. Only when they find an error
/// is the text decoded and checked as `validate` does (`exact`), so the errors and their order
/// are `validate`'s. The value was decoded from that text (or the text serialized from it), so
/// both reach the same verdict. When the value's type guarantees every rule, nothing is printed.
///
/// The typed check is a function of its own when it stands alone (no dynamic scope, nothing of
/// the enclosing function read), registered under the content keyword, so that the JSON-tree
/// form of the same check decodes the text into the type and calls it as well.
fn embedded_value(
    walker: &mut Walker<'_, TypedPrinter<'_>>,
    (block, keyword): (&crate::ir::check::Block, &Location),
    scope: &Scope,
    (owner, ty): (&str, &TypeRef),
    exact: TokenStream,
) -> TokenStream {
    use crate::emit::checks::names::Local;
    let inner = walker.names.fresh(Local::Decoded);
    walker.target.vars.insert(inner.clone(), Var::of(ty));
    let errs = walker.names.fresh(Local::Errors);
    let store = walker.names.fresh(Local::ErrorStore);
    let root = walker.names.fresh(Local::EmbeddedPath);
    let inner_scope = Scope {
        v: inner.clone(),
        p: root.clone(),
        sink: Sink::Errors(errs.clone()),
        ann: None,
        ds: scope.ds.clone(),
        narrowed: None,
    };
    // Walked for a function of its own first; walked again in place when that one would read
    // what only the enclosing function has.
    let outer = walker.target.in_embedded_check;
    walker.target.in_embedded_check = scope.ds.is_none();
    let mut body = walker.block(block, &inner_scope).stmts;
    walker.target.in_embedded_check = outer;
    let stands_alone = scope.ds.is_none() && !reads_enclosing(&body);
    if scope.ds.is_none() && !stands_alone {
        body = walker.block(block, &inner_scope).stmts;
    }
    let type_tokens = walker.target.type_tokens(ty);
    let statics = &mut walker.target.json.statics;
    if body.is_empty() {
        // The value's type guarantees every rule: nothing is left to check.
        if scope.ds.is_none() {
            statics
                .embedded
                .entry(keyword.clone())
                .or_insert(super::super::Embedded {
                    ty: type_tokens,
                    check: None,
                });
        }
        return TokenStream::new();
    }
    let (owner, inner, errs, store, root) =
        (id(owner), id(&inner), id(&errs), id(&store), id(&root));
    if !stands_alone {
        return quote! {{
            let #inner = #owner.value();
            let #root = &support::Path::Root;
            let mut #store: Vec<support::ValidationError> = Vec::new();
            let #errs = &mut #store;
            #body
            if !#store.is_empty() {
                #exact
            }
        }};
    }
    let known = statics.embedded.get(keyword).and_then(|known| {
        let same = known.ty.to_string() == type_tokens.to_string();
        same.then(|| known.check.clone()).flatten()
    });
    let check = match known {
        Some(check) => check,
        None => {
            let helpers = statics.embedded.values().filter(|e| e.check.is_some());
            let check = quote::format_ident!("content_ok_{}", helpers.count() + 1);
            statics.helpers.extend(quote! {
                #[allow(unused_variables, unused_mut, clippy::ptr_arg)]
                fn #check(#inner: &#type_tokens) -> bool {
                    let #root = &support::Path::Root;
                    let mut #store: Vec<support::ValidationError> = Vec::new();
                    let #errs = &mut #store;
                    #body
                    #store.is_empty()
                }
            });
            statics
                .embedded
                .entry(keyword.clone())
                .or_insert(super::super::Embedded {
                    ty: type_tokens,
                    check: Some(check.clone()),
                });
            check
        }
    };
    quote! {
        if !#check(#owner.value()) {
            #exact
        }
    }
}

/// Whether printed statements read what only their enclosing function has: its parameters
/// (`v`, `p`, `errs`, `ann`, `ds`) or its restart point.
fn reads_enclosing(stmts: &TokenStream) -> bool {
    stmts.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => matches!(
            ident.to_string().as_str(),
            "v" | "p" | "errs" | "ann" | "ds" | "typed_start"
        ),
        proc_macro2::TokenTree::Group(group) => reads_enclosing(&group.stream()),
        _ => false,
    })
}

/// A call of a JSON-tree form, made with a collector of its own when the caller passes one
/// (`Child`): the names the callee records are borrowed from JSON that may be serialized for
/// this call alone, so they are copied into the caller's collector before that JSON is dropped.
fn absorbed(
    collector: CallCollector<'_>,
    call: impl FnOnce(CallCollector<'_>) -> TokenStream,
) -> TokenStream {
    let CallCollector::Child(child) = collector else {
        return call(collector);
    };
    let (child, own) = (id(child), format_ident!("typed_ann"));
    let inner = call(CallCollector::Child("typed_ann"));
    quote!({
        let mut #own = support::Annotations::default();
        let typed_found = #inner;
        #child.absorb(#own);
        typed_found
    })
}
