//! Each construct the walker decides to print, as Rust tokens over `serde_json::Value`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::messages::{Arg, Text};
use super::{id, label, valid_name, Printer};
use crate::emit::checks::names::{Local, Parameters, Style};
use crate::emit::checks::target::{
    CallCollector, Compare, Counter, Member, PropertyArm, Record, Statements, Target,
};
use crate::emit::checks::{Code, Content, Scope, Sink, Walker};
use crate::error::Location;
use crate::ir::check::{
    Assertion, Function, FunctionId, KeyFilter, Message, ResourceId, Uses, View,
};

fn prefix(local: Local) -> Option<&'static str> {
    Some(match local {
        Local::DynamicScope => "ds",
        Local::Path => "p",
        Local::Decoded => "inner",
        Local::EmbeddedPath => "root",
        Local::Errors => "errs",
        _ => return None,
    })
}

static STYLE: Style = Style {
    prefix,
    parameters: Parameters {
        instance: "v",
        path: "p",
        errors: "errs",
        collector: "ann",
        dynamic_scope: "ds",
    },
    reserved: super::super::names::is_keyword,
    labels_functions: true,
};

impl Statements for TokenStream {
    fn is_empty(&self) -> bool {
        TokenStream::is_empty(self)
    }

    fn append(&mut self, more: Self) {
        self.extend(more);
    }
}

impl Target for Printer<'_> {
    type Stmts = TokenStream;
    type Cond = TokenStream;
    type Arg = Arg;
    type Call = TokenStream;

    const STYLE: &'static Style = &STYLE;
    const REUSES_NARROWED_VIEWS: bool = false;
    const ONE_LOOP_FOR_NAMED_PROPERTIES: bool = true;
    const FUSES_REQUIRED: bool = true;

    fn binds_view(&self, _view: View) -> bool {
        true
    }

    fn scoped(&mut self, body: TokenStream) -> TokenStream {
        quote!({ #body })
    }

    fn if_(&mut self, condition: TokenStream, then: TokenStream) -> TokenStream {
        quote!(if #condition { #then })
    }

    fn if_else(
        &mut self,
        condition: TokenStream,
        then: TokenStream,
        otherwise: TokenStream,
    ) -> TokenStream {
        quote!(if #condition { #then } else { #otherwise })
    }

    fn holds(&mut self, variable: &str) -> TokenStream {
        let variable = id(variable);
        quote!(#variable)
    }

    fn fails(&mut self, variable: &str) -> TokenStream {
        let variable = id(variable);
        quote!(!#variable)
    }

    fn compare(&mut self, counter: &str, compare: Compare, n: u64) -> TokenStream {
        let (counter, n) = (id(counter), Literal::u64_unsuffixed(n));
        match compare {
            Compare::Equal => quote!(#counter == #n),
            Compare::NotEqual => quote!(#counter != #n),
            Compare::Less => quote!(#counter < #n),
            Compare::Greater => quote!(#counter > #n),
        }
    }

    fn counter(&mut self, name: &str, mutable: bool, counts: Counter) -> TokenStream {
        let name = id(name);
        let ty = match counts {
            Counter::Matches => quote!(usize),
            Counter::Items => quote!(u64),
        };
        if mutable {
            quote!(let mut #name: #ty = 0;)
        } else {
            quote!(let #name: #ty = 0;)
        }
    }

    fn increment(&mut self, counter: &str) -> TokenStream {
        let counter = id(counter);
        quote!(#counter += 1;)
    }

    fn fail(
        &mut self,
        scope: &Scope,
        keyword: &Location,
        message: &Message,
        args: Vec<(&'static str, Arg)>,
    ) -> TokenStream {
        self.fail_with(scope, keyword, Text::Rule(message), args)
    }

    fn fail_decide(&mut self, scope: &Scope) -> TokenStream {
        match &scope.sink {
            Sink::Decide(Some(name)) => {
                let label = label(name);
                quote!(break #label false;)
            }
            _ => quote!(return false;),
        }
    }

    fn counted(&mut self, counter: &str) -> Arg {
        Arg::Ident(id(counter))
    }

    fn assertion(&mut self, assertion: &Assertion, scope: &Scope, x: &str) -> Code<TokenStream> {
        self.print_assertion(assertion, scope, &id(x))
    }

    fn required_start(&mut self, seen: &str, at: &str, scope: &Scope) -> TokenStream {
        let seen = id(seen);
        match &scope.sink {
            Sink::Errors(errs) => {
                let (at, errs) = (id(at), id(errs));
                quote!(let mut #seen: u64 = 0; let #at = #errs.len();)
            }
            Sink::Decide(_) => quote!(let mut #seen: u64 = 0;),
        }
    }

    fn required_mark(&mut self, seen: &str, index: usize) -> TokenStream {
        // The bit itself, not `1 << index` (a shift by 0 reads as a mistake to clippy).
        let (seen, bit) = (id(seen), Literal::u64_unsuffixed(1u64 << index));
        quote!(#seen |= #bit;)
    }

    fn required_end(
        &mut self,
        assertion: &Assertion,
        (seen, at, count): (&str, &str, usize),
        scope: &Scope,
        x: &str,
    ) -> TokenStream {
        let all = match count {
            64.. => quote!(u64::MAX),
            n => {
                let all = Literal::u64_unsuffixed((1u64 << n) - 1);
                quote!(#all)
            }
        };
        let seen = id(seen);
        match &scope.sink {
            // Some name is missing: the lookup per name reports each, in order, and the
            // errors go where `required` stands, before those of the properties.
            Sink::Errors(errs) => {
                let store = format!("{at}_errors");
                let inner = Scope {
                    sink: Sink::Errors(store.clone()),
                    ..scope.clone()
                };
                let check = self.fused_missing(assertion, &inner, x);
                let (at, errs, store) = (id(at), id(errs), id(&store));
                quote! {
                    if #seen != #all {
                        let mut #store: Vec<support::ValidationError> = Vec::new();
                        #check
                        let after = #errs.split_off(#at);
                        #errs.extend(#store);
                        #errs.extend(after);
                    }
                }
            }
            Sink::Decide(_) => {
                let check = self.fused_missing(assertion, scope, x);
                quote!(if #seen != #all { #check })
            }
        }
    }

    fn content(
        walker: &mut Walker<'_, Self>,
        content: Content<'_>,
        scope: &Scope,
        s: &str,
    ) -> Code<TokenStream> {
        let exact = super::content::content(walker, content, scope, &id(s));
        let decoded = walker.target.statics.embedded.get(content.keyword).cloned();
        match decoded {
            Some(decoded) if content.json && !content.base64 => {
                Code::of(super::content::typed_first(&decoded, &id(s), exact))
            }
            _ => Code::of(exact),
        }
    }

    fn enter_resource(&mut self, entered: &str, scope: &str, resource: ResourceId) -> TokenStream {
        let (entered, scope) = (id(entered), id(scope));
        let resource = Literal::usize_unsuffixed(resource);
        quote!(let #entered = &#scope.enter(#resource);)
    }

    fn new_collector(&mut self, name: &str) -> TokenStream {
        let name = id(name);
        quote!(let mut #name = support::Annotations::default();)
    }

    fn merge(&mut self, into: &str, child: &str) -> TokenStream {
        let (into, child) = (id(into), id(child));
        quote!(#into.merge(#child);)
    }

    fn record(&mut self, collector: &str, record: Record<'_>) -> TokenStream {
        let ann = id(collector);
        match record {
            Record::Property(name) => quote!(#ann.properties.insert(#name);),
            Record::Key(key) => {
                let key = id(key);
                quote!(#ann.properties.insert(#key);)
            }
            Record::Item(index) => {
                let index = Literal::usize_unsuffixed(index);
                quote!(#ann.items.insert(#index);)
            }
            Record::ItemAt(index) => {
                let index = id(index);
                quote!(#ann.items.insert(#index);)
            }
            Record::AllProperties => quote!(#ann.all_properties = true;),
            Record::AllItems => quote!(#ann.all_items = true;),
            Record::ItemsFrom { array, from } => {
                let (array, from) = (id(array), Literal::usize_unsuffixed(from));
                quote!(if #array.len() > #from { #ann.all_items = true; })
            }
        }
    }

    fn error_count(&mut self, before: &str, errors: &str) -> TokenStream {
        let (before, errors) = (id(before), id(errors));
        quote!(let #before = #errors.len();)
    }

    fn errors_unchanged(&mut self, errors: &str, before: &str) -> TokenStream {
        let (errors, before) = (id(errors), id(before));
        quote!(#errors.len() == #before)
    }

    fn bind_path(&mut self, path: &str, parent: &str, member: Member<'_>) -> TokenStream {
        let (path, parent) = (id(path), id(parent));
        let member = match member {
            Member::Name(name) => quote!(key(#name)),
            Member::Key(key) => {
                let key = id(key);
                quote!(key(#key))
            }
            Member::Index(index) => {
                let index = Literal::usize_unsuffixed(index);
                quote!(index(#index))
            }
            Member::IndexAt(index) => {
                let index = id(index);
                quote!(index(#index))
            }
        };
        quote!(let #path = &#parent.#member;)
    }

    fn guard(&mut self, view: View, v: &str, bound: &str, inner: TokenStream) -> TokenStream {
        let accessor = id(match view {
            View::Object => "as_object",
            View::Array => "as_array",
            View::String => "as_str",
            View::Number => "as_number",
        });
        let (v, bound) = (id(v), id(bound));
        quote!(if let Some(#bound) = #v.#accessor() { #inner })
    }

    fn if_property(&mut self, object: &str, name: &str, inner: TokenStream) -> TokenStream {
        let object = id(object);
        quote!(if support::has_property(#object, #name) { #inner })
    }

    fn properties(
        &mut self,
        object: &str,
        key: Option<&str>,
        arms: Vec<PropertyArm<'_, TokenStream>>,
    ) -> TokenStream {
        let o = id(object);
        match (arms.as_slice(), key) {
            // Several properties: one pass over the object, matching each key.
            ([first, _, ..], Some(key)) => {
                let (key, value) = (id(key), id(&first.value));
                let names = arms.iter().map(|arm| arm.name);
                let bodies = arms.iter().map(|arm| &arm.body);
                let each = if arms.iter().any(|arm| arm.reads) {
                    quote!((#key, #value) in #o)
                } else {
                    quote!(#key in #o.keys())
                };
                quote!(for #each { match #key.as_str() { #(#names => { #bodies })* _ => {} } })
            }
            // One property (or no loop key): a lookup each.
            _ => arms
                .iter()
                .map(|arm| {
                    let (name, body) = (arm.name, &arm.body);
                    if arm.reads {
                        let value = id(&arm.value);
                        quote!(if let Some(#value) = support::property(#o, #name) { #body })
                    } else {
                        quote!(if support::has_property(#o, #name) { #body })
                    }
                })
                .collect(),
        }
    }

    fn key_filter(
        &mut self,
        keys: &KeyFilter,
        key: &str,
        collector: Option<&str>,
    ) -> Option<TokenStream> {
        let key = id(key);
        match keys {
            KeyFilter::Matches(pattern) => {
                let pattern = self.statics.pattern(*pattern);
                Some(quote!(!#pattern.is_match(#key)))
            }
            KeyFilter::Unknown { names, patterns } => {
                let mut known = Vec::new();
                if !names.is_empty() {
                    known.push(quote!(matches!(#key.as_str(), #(#names)|*)));
                }
                for pattern in patterns {
                    let pattern = self.statics.pattern(*pattern);
                    known.push(quote!(#pattern.is_match(#key)));
                }
                (!known.is_empty()).then(|| quote!(#(#known)||*))
            }
            KeyFilter::Unevaluated => collector.map(|ann| {
                let ann = id(ann);
                quote!(#ann.has_property(#key))
            }),
        }
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
        let (o, key, value) = (id(object), id(key), id(value));
        let skip = skip.map(|condition| quote!(if #condition { continue; }));
        let header = match (uses_key, reads) {
            (true, true) => quote!((#key, #value) in #o),
            (true, false) => quote!(#key in #o.keys()),
            (false, true) => quote!(#value in #o.values()),
            (false, false) => quote!(_ in #o.keys()),
        };
        quote!(for #header { #skip #body })
    }

    fn each_key(
        &mut self,
        object: &str,
        key: &str,
        name: &str,
        reads: bool,
        body: TokenStream,
    ) -> TokenStream {
        let (o, key, name) = (id(object), id(key), id(name));
        if reads {
            quote!(for #key in #o.keys() { let #name: &::serde_json::Value = &support::Name::new(#key); #body })
        } else {
            quote!(for _ in #o.keys() { #body })
        }
    }

    fn item(
        &mut self,
        array: &str,
        index: usize,
        item: &str,
        reads: bool,
        body: TokenStream,
    ) -> TokenStream {
        let (a, item, at) = (id(array), id(item), Literal::usize_unsuffixed(index));
        if reads {
            quote!(if let Some(#item) = #a.get(#at) { #body })
        } else {
            quote!(if #a.len() > #at { #body })
        }
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
        let (a, i, item) = (id(array), id(index), id(item));
        let skip = skip_evaluated.map(|ann| {
            let ann = id(ann);
            quote!(if #ann.has_item(#i) { continue; })
        });
        let uses_i = uses.path || skip.is_some();
        let start = Literal::usize_unsuffixed(from);
        let skip_from = (from > 0).then(|| quote!(.skip(#start)));
        let header = match (uses_i, uses.instance) {
            (true, true) => quote!((#i, #item) in #a.iter().enumerate() #skip_from),
            (true, false) => quote!(#i in #start..#a.len()),
            (false, true) => quote!(#item in #a.iter() #skip_from),
            (false, false) => quote!(_ in #a.iter() #skip_from),
        };
        quote!(for #header { #skip #body })
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
        let (a, i, item) = (id(array), id(index), id(item));
        let header = match (indexed, reads) {
            (true, true) => quote!((#i, #item) in #a.iter().enumerate()),
            (true, false) => quote!(#i in 0..#a.len()),
            (false, true) => quote!(#item in #a.iter()),
            (false, false) => quote!(_ in #a.iter()),
        };
        quote!(for #header { #body })
    }

    fn trial(&mut self, ok: &str, name: &str, body: TokenStream, diverges: bool) -> TokenStream {
        let (ok, label) = (id(ok), label(name));
        let tail = (!diverges).then(|| quote!(true));
        quote!(let #ok = #label: { #body #tail };)
    }

    fn call(
        &mut self,
        callee: FunctionId,
        _function: &Function,
        scope: &Scope,
        collector: CallCollector<'_>,
    ) -> TokenStream {
        let ann_arg = match collector {
            CallCollector::Child(child) => {
                let child = id(child);
                Some(quote!(, &mut #child))
            }
            CallCollector::Discarded => Some(quote!(, &mut support::Annotations::default())),
            CallCollector::None => None,
        };
        let ds_arg = scope.ds.as_deref().map(|ds| {
            let ds = id(ds);
            quote!(, #ds)
        });
        let v = id(&scope.v);
        match &scope.sink {
            Sink::Decide(_) => {
                let name = self.callee(callee, valid_name);
                quote!(#name(#v #ann_arg #ds_arg))
            }
            Sink::Errors(errs) => {
                let name = self.callee(callee, str::to_string);
                let (p, errs) = (id(&scope.p), id(errs));
                quote!(#name(#v, #p, #errs #ann_arg #ds_arg))
            }
        }
    }

    fn call_statement(&mut self, call: TokenStream) -> TokenStream {
        quote!(#call;)
    }

    fn call_fails(&mut self, call: TokenStream) -> TokenStream {
        quote!(!#call)
    }

    fn dynamic_dispatch(
        &mut self,
        scope: &str,
        arms: Vec<(ResourceId, TokenStream)>,
        fallback: TokenStream,
    ) -> TokenStream {
        let ds = id(scope);
        let ids = arms
            .iter()
            .map(|(resource, _)| Literal::usize_unsuffixed(*resource));
        let arms = arms.iter().map(|(resource, call)| {
            let resource = Literal::usize_unsuffixed(*resource);
            quote!(Some(#resource) => { #call })
        });
        quote!(match #ds.outermost(&[#(#ids),*]) { #(#arms)* _ => { #fallback } })
    }
}

impl Printer<'_> {
    /// The check of a fused `required` once the loop found a name missing: each name looked
    /// up, in order.
    fn fused_missing(&mut self, assertion: &Assertion, scope: &Scope, x: &str) -> TokenStream {
        match &assertion.test {
            crate::ir::check::Test::Required(names) => self.missing(
                names,
                &assertion.message,
                scope,
                &assertion.keyword,
                &id(x),
                true,
            ),
            _ => self.print_assertion(assertion, scope, &id(x)).stmts,
        }
    }
}
