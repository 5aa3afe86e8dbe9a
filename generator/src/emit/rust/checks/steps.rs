//! Functions, blocks and the steps that stay on one instance or step onto its members.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::messages::{message, Arg, Text};
use super::names::fixed;
use super::{valid_name, Printer};
use crate::error::Location;
use crate::ir::check::{Block, Context, Form, FunctionId, Step, View};

/// Where a broken rule goes.
#[derive(Clone)]
pub(super) enum Sink {
    /// Pushed onto this `&mut Vec<ValidationError>` variable.
    Errors(Ident),
    /// `break 'label false`: the enclosing yes/no block answers no.
    Bool(syn::Lifetime),
}

/// The variables in scope for one instance.
#[derive(Clone)]
pub(super) struct Scope {
    /// The instance (`&Value`).
    pub v: Ident,
    /// Its path (`&Path`); only meaningful with `Sink::Errors`.
    pub p: Ident,
    pub sink: Sink,
    /// The annotation collector, where an `unevaluated*` keyword will look.
    pub ann: Option<Ident>,
    /// The dynamic scope (chain of entered resources), in programs with `$dynamicRef`.
    pub ds: Option<Ident>,
}

impl Scope {
    pub fn context(&self) -> Context {
        Context {
            form: match self.sink {
                Sink::Errors(_) => Form::Report,
                Sink::Bool(_) => Form::Decide,
            },
            collector: self.ann.is_some(),
        }
    }

    pub fn without_collector(&self) -> Scope {
        Scope {
            ann: None,
            ..self.clone()
        }
    }
}

/// Printed statements, and whether they end in a failure that always happens (in the yes/no
/// form: a `break`, so nothing may follow).
#[derive(Default)]
pub(super) struct Code {
    pub tokens: TokenStream,
    pub diverges: bool,
}

impl Printer<'_> {
    /// One program function in one form.
    pub(super) fn function(&mut self, id: FunctionId, form: Form) -> TokenStream {
        let Some(function) = self.program.functions.get(id) else {
            return TokenStream::new();
        };
        let context = self.program.function_context(id, form);
        let uses = function.body.uses(self.program, context);
        let scope = Scope {
            v: fixed("v"),
            p: fixed("p"),
            sink: match form {
                Form::Report => Sink::Errors(fixed("errs")),
                Form::Decide => Sink::Bool(self.names.label("check")),
            },
            ann: context.collector.then(|| fixed("ann")),
            ds: self.program.dynamic_scope.then(|| fixed("ds")),
        };
        let body = self.block(&function.body, &scope);
        let param = |name: &str, used: bool| {
            if used {
                fixed(name)
            } else {
                format_ident!("_{}", name)
            }
        };
        let v = param("v", uses.instance);
        let mut params = vec![quote!(#v: &::serde_json::Value)];
        if form == Form::Report {
            let (p, errs) = (param("p", uses.path), param("errs", uses.path));
            params.push(quote!(#p: &support::Path<'_>));
            params.push(quote!(#errs: &mut Vec<support::ValidationError>));
        }
        if context.collector {
            let ann = param("ann", uses.collector);
            params.push(quote!(#ann: &mut support::Annotations));
        }
        if self.program.dynamic_scope {
            let ds = param("ds", uses.dynamic_scope);
            params.push(quote!(#ds: &support::Scope<'_>));
        }
        let tokens = body.tokens;
        match (&scope.sink, form) {
            (_, Form::Report) => {
                let name = fixed(&function.name);
                quote!(fn #name(#(#params),*) { #tokens })
            }
            (Sink::Bool(label), _) => {
                let name = fixed(&valid_name(&function.name));
                let tail = (!body.diverges).then(|| quote!(true));
                if uses.fails {
                    quote!(fn #name(#(#params),*) -> bool { #label: { #tokens #tail } })
                } else {
                    quote!(fn #name(#(#params),*) -> bool { #tokens true })
                }
            }
            (Sink::Errors(_), Form::Decide) => TokenStream::new(),
        }
    }

    /// A block on the scope's instance.
    pub(super) fn block(&mut self, block: &Block, scope: &Scope) -> Code {
        let mut scope = scope.clone();
        let mut prelude = TokenStream::new();
        let context = scope.context();
        if let (Some(resource), Some(ds)) = (block.enters, &scope.ds) {
            if block.uses(self.program, context).dynamic_scope {
                let entered = self.names.fresh("ds");
                let resource = Literal::usize_unsuffixed(resource);
                prelude.extend(quote!(let #entered = &#ds.enter(#resource);));
                scope.ds = Some(entered);
            }
        }
        if block.own_collector {
            let own = Context {
                collector: true,
                ..context
            };
            scope.ann = if block.uses_own_collector(self.program, own) {
                let ann = self.names.fresh("ann");
                prelude.extend(quote!(let mut #ann = support::Annotations::default();));
                Some(ann)
            } else {
                None
            };
        }
        let mut code = self.steps(&block.steps, &scope, None);
        prelude.extend(code.tokens);
        code.tokens = prelude;
        code
    }

    /// Steps on the instance, or (inside a guard) on its typed view `view`.
    pub(super) fn steps(&mut self, steps: &[Step], scope: &Scope, view: Option<&Ident>) -> Code {
        let mut code = Code::default();
        for step in steps {
            let printed = self.step(step, scope, view);
            code.tokens.extend(printed.tokens);
            if printed.diverges {
                code.diverges = true;
                if matches!(scope.sink, Sink::Bool(_)) {
                    break;
                }
            }
        }
        code
    }

    fn step(&mut self, step: &Step, scope: &Scope, view: Option<&Ident>) -> Code {
        let view_or_v = view.unwrap_or(&scope.v).clone();
        let tokens = match step {
            Step::Assert(assertion) => return self.assertion(assertion, scope, &view_or_v),
            Step::Guard { view, steps } => self.guard(*view, steps, scope),
            Step::Properties(list) => self.properties(list, scope, &view_or_v),
            Step::EachProperty {
                keys,
                block,
                record,
            } => self.each_property(keys, block, *record, scope, &view_or_v),
            Step::EachKey(block) => self.each_key(block, scope, &view_or_v),
            Step::IfProperty { name, steps } => {
                let inner = self.steps(steps, scope, view).tokens;
                if inner.is_empty() {
                    TokenStream::new()
                } else {
                    quote!(if support::has_property(#view_or_v, #name) { #inner })
                }
            }
            Step::Item {
                index,
                block,
                record,
            } => self.item(*index, block, *record, scope, &view_or_v),
            Step::EachItem {
                from,
                unevaluated,
                block,
            } => self.each_item(*from, *unevaluated, block, scope, &view_or_v),
            Step::RecordItemsFrom(from) => match &scope.ann {
                Some(ann) => {
                    let from = Literal::usize_unsuffixed(*from);
                    quote!(if #view_or_v.len() > #from { #ann.all_items = true; })
                }
                None => TokenStream::new(),
            },
            Step::RecordAllProperties => match &scope.ann {
                Some(ann) => quote!(#ann.all_properties = true;),
                None => TokenStream::new(),
            },
            Step::RecordAllItems => match &scope.ann {
                Some(ann) => quote!(#ann.all_items = true;),
                None => TokenStream::new(),
            },
            Step::Contains {
                block,
                min,
                max,
                keyword,
                record,
            } => self.contains(block, *min, *max, keyword, *record, scope, &view_or_v),
            Step::Content {
                base64,
                json,
                block,
                keyword,
            } => self.content(*base64, *json, block.as_ref(), keyword, scope, &view_or_v),
            Step::InPlace { block, collect } => return self.in_place(block, *collect, scope),
            Step::Alternatives {
                branches,
                exactly_one,
                try_all,
                keyword,
            } => self.alternatives(branches, *exactly_one, *try_all, keyword, scope),
            Step::Not { block, keyword } => return self.not(block, keyword, scope),
            Step::Conditional {
                condition,
                then,
                otherwise,
            } => self.conditional(condition, then.as_ref(), otherwise.as_ref(), scope),
            Step::Call { function, collect } => self.call(*function, *collect, scope),
            Step::DynamicCall {
                targets,
                fallback,
                collect,
            } => self.dynamic_call(targets, *fallback, *collect, scope),
        };
        Code {
            tokens,
            diverges: false,
        }
    }

    /// Reports a broken rule: an error pushed, or `false` from the enclosing yes/no block.
    pub(super) fn fail(
        &mut self,
        scope: &Scope,
        keyword: &Location,
        text: Text<'_>,
        args: Vec<(&'static str, Arg)>,
    ) -> TokenStream {
        match &scope.sink {
            Sink::Bool(label) => quote!(break #label false;),
            Sink::Errors(errs) => {
                let text = message(text, args);
                let keyword = keyword.to_string();
                let p = &scope.p;
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
        let fail = self.fail(scope, keyword, text, args);
        quote!(if #failure { #fail })
    }
    fn guard(&mut self, view: View, steps: &[Step], scope: &Scope) -> TokenStream {
        let (prefix, accessor) = match view {
            View::Object => ("o", "as_object"),
            View::Array => ("a", "as_array"),
            View::String => ("s", "as_str"),
            View::Number => ("n", "as_number"),
        };
        let bound = self.names.fresh(prefix);
        let inner = self.steps(steps, scope, Some(&bound)).tokens;
        if inner.is_empty() {
            return TokenStream::new();
        }
        let (v, accessor) = (&scope.v, fixed(accessor));
        quote!(if let Some(#bound) = #v.#accessor() { #inner })
    }
}
