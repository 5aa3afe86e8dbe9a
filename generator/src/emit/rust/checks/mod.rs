//! Prints a check program (`ir::check`) as straight-line Rust over `serde_json::Value`. Every
//! function reached from the roots is printed in the forms it is reached in: `check_*` reports
//! each broken rule (instance path, keyword location, message), `valid_*` only answers yes or
//! no, stopping at the first broken rule and building no message. The walk and its decisions
//! are `emit::checks`'s; this printer is its [`crate::emit::checks::Target`] (`target.rs`),
//! building token streams, plus what is Rust's own: assertions, content decoding, messages,
//! statics.

mod assertions;
mod content;
mod messages;
mod patterns;
mod source;
mod target;
mod typed;
mod values;

pub use typed::TypedRequest;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, ToTokens};

use crate::emit::checks::{Walked, Walker};
use crate::emit::rust::types::ModuleScope;
use crate::ir::check::{CheckProgram, Form, FunctionId, PatternId};
use crate::ir::TypeRef;

/// Rust source for a program: its functions and the statics they use.
pub struct PrintedProgram {
    pub functions: String,
    pub statics: String,
    /// The typed form of the root check (`validate_typed`), when asked for.
    pub typed_root: Option<String>,
    /// The typed forms the printed ones call in other modules.
    pub typed_requests: Vec<TypedRequest>,
}

/// What typed forms (`validate_typed`'s) a module prints: from its payload's type (a
/// message's module), and those other modules ask for (`exports`).
pub struct TypedForms<'a> {
    pub root: Option<&'a TypeRef>,
    pub exports: &'a [(FunctionId, Form, TypeRef)],
    pub scope: ModuleScope<'a>,
}

pub use super::names::valid_name;

/// A function another module prints: the path to that module from here, and its name there.
pub struct External {
    pub module: Vec<String>,
    pub name: String,
}

/// Prints the function forms reachable from `roots` (the payload validator and the checks that
/// decide union branches) and those other modules call (`pub(crate)`), and the statics they
/// use. A function in `externals` is called where it lives and not printed here; `names` are
/// the functions' Rust names, by id (`emit::rust::names`). With `typed` (the payload's type
/// and the module), the typed forms `validate_typed` calls are printed too (`typed`).
pub fn print_program(
    program: &CheckProgram,
    names: &[String],
    roots: &[(FunctionId, Form)],
    externals: &BTreeMap<FunctionId, External>,
    typed: Option<TypedForms<'_>>,
) -> PrintedProgram {
    let mut roots = roots.to_vec();
    roots.extend(program.exports.iter().copied());
    let mut statics = Statics::default();
    let mut typed_functions = TokenStream::new();
    let mut typed_root = None;
    let mut typed_requests = Vec::new();
    if let Some(typed) = typed {
        let printer = Printer {
            statics: &mut statics,
            externals,
            names,
        };
        let printed = typed::print_typed(program, typed.root, typed.exports, typed.scope, printer);
        // The JSON-tree forms the typed forms fall back to are printed with the others.
        roots.extend(printed.json_forms);
        typed_functions = printed.functions;
        typed_root = printed.root;
        typed_requests = printed.requests;
    }
    let reached = program.reachable(&roots);
    let mut functions = Vec::new();
    let mut walker = Walker::new(
        program,
        Printer {
            statics: &mut statics,
            externals,
            names,
        },
    );
    for id in 0..program.functions.len() {
        if externals.contains_key(&id) {
            continue;
        }
        for form in [Form::Report, Form::Decide] {
            if reached.contains(&(id, form)) {
                let exported = program.exports.contains(&(id, form));
                functions.push(source(function(&mut walker, id, form, exported)));
            }
        }
    }
    if !typed_functions.is_empty() {
        functions.push(source(typed_functions));
    }
    if !statics.helpers.is_empty() {
        functions.push(source(std::mem::take(&mut statics.helpers)));
    }
    PrintedProgram {
        functions: functions.join("\n"),
        statics: source(statics.print(program)),
        typed_root,
        typed_requests,
    }
}

/// Items as source text, one item a line; the file's formatting lays them out.
fn source(items: TokenStream) -> String {
    format!("{}\n", source::compact(items))
}

/// The statics printed functions use: patterns (plain code or compiled) and JSON constants.
#[derive(Default)]
struct Statics {
    patterns: BTreeSet<PatternId>,
    /// Constant values by their JSON text, with the static's name.
    constants: BTreeMap<String, (Ident, TokenStream)>,
    /// Embedded JSON the typed forms check on its decoded value, by the content keyword's
    /// location: the JSON-tree form decodes such text into that type first, and builds no tree
    /// for a document the typed check passes.
    embedded: BTreeMap<crate::error::Location, Embedded>,
    /// The typed checks of decoded embedded documents ([`Embedded::check`]).
    helpers: TokenStream,
}

/// What embedded JSON decodes into, and the typed check of a decoded document: `None` when the
/// type guarantees every rule of its content schema.
#[derive(Clone)]
struct Embedded {
    ty: TokenStream,
    check: Option<Ident>,
}

impl Statics {
    fn pattern(&mut self, id: PatternId) -> Ident {
        self.patterns.insert(id);
        format_ident!("PATTERN_{}", id)
    }

    fn constant(&mut self, value: &serde_json::Value) -> Ident {
        let next = self.constants.len() + 1;
        let (name, _) = self
            .constants
            .entry(value.to_string())
            .or_insert_with(|| (format_ident!("CONST_{}", next), values::json(value)));
        name.clone()
    }

    fn print(&self, program: &CheckProgram) -> TokenStream {
        let mut out = TokenStream::new();
        for id in &self.patterns {
            let name = format_ident!("PATTERN_{}", id);
            if let Some(pattern) = program.patterns.get(*id) {
                out.extend(patterns::pattern_static(&name, pattern));
            }
        }
        let mut constants: Vec<&(Ident, TokenStream)> = self.constants.values().collect();
        constants.sort_by_key(|(name, _)| name.to_string());
        for (name, value) in constants {
            out.extend(quote! {
                static #name: ::std::sync::LazyLock<::serde_json::Value> =
                    ::std::sync::LazyLock::new(|| ::serde_json::json!(#value));
            });
        }
        out
    }
}

/// What both Rust targets (over the JSON tree, over typed values) give the printing they
/// share: failures, and being told a local holds a JSON tree (decoded content).
trait RustTarget:
    crate::emit::checks::Target<
    Stmts = TokenStream,
    Cond = TokenStream,
    Arg = messages::Arg,
    Call = TokenStream,
>
{
    fn fail_with(
        &mut self,
        scope: &crate::emit::checks::Scope,
        keyword: &crate::error::Location,
        text: messages::Text<'_>,
        args: Vec<(&'static str, messages::Arg)>,
    ) -> TokenStream;

    fn holds_json(&mut self, _name: &str) {}
}

impl RustTarget for Printer<'_> {
    fn fail_with(
        &mut self,
        scope: &crate::emit::checks::Scope,
        keyword: &crate::error::Location,
        text: messages::Text<'_>,
        args: Vec<(&'static str, messages::Arg)>,
    ) -> TokenStream {
        Printer::fail_with(self, scope, keyword, text, args)
    }
}

/// The Rust [`crate::emit::checks::Target`]: prints what the walker decides.
struct Printer<'a> {
    statics: &'a mut Statics,
    externals: &'a BTreeMap<FunctionId, External>,
    /// Each function's Rust name, by id.
    names: &'a [String],
}

impl Printer<'_> {
    /// The Rust name of function `id` (`check_*`).
    fn name(&self, id: FunctionId) -> &str {
        self.names.get(id).map_or("check_schema", String::as_str)
    }

    /// How a call names function `id` in the form `form_name` names (`check_*` or `valid_*`):
    /// by its path when another module prints it.
    fn callee(&self, id: FunctionId, form_name: impl Fn(&str) -> String) -> TokenStream {
        match self.externals.get(&id) {
            Some(external) => {
                let module = external.module.iter().map(|segment| self::id(segment));
                let name = self::id(&form_name(&external.name));
                quote!(#(#module::)* #name)
            }
            None => self::id(&form_name(self.name(id))).into_token_stream(),
        }
    }
}

/// One program function in one form; `exported` when other modules call it.
fn function(
    walker: &mut Walker<'_, Printer<'_>>,
    id: FunctionId,
    form: Form,
    exported: bool,
) -> TokenStream {
    let Some(Walked {
        context,
        uses,
        label: body_label,
        body,
    }) = walker.function(id, form)
    else {
        return TokenStream::new();
    };
    let program = walker.program;
    let function_name = walker.target.name(id).to_string();
    let param = |name: &str, used: bool| {
        if used {
            self::id(name)
        } else {
            format_ident!("_{}", name)
        }
    };
    let v = param("v", uses.instance);
    // Collected names are borrowed from the instance: the collector lives as long as it.
    let (generics, instance) = if context.collector {
        (quote!(<'v>), quote!(&'v ::serde_json::Value))
    } else {
        (TokenStream::new(), quote!(&::serde_json::Value))
    };
    let mut params = vec![quote!(#v: #instance)];
    if form == Form::Report {
        let (p, errs) = (param("p", uses.path), param("errs", uses.path));
        params.push(quote!(#p: &support::Path<'_>));
        params.push(quote!(#errs: &mut Vec<support::ValidationError>));
    }
    if context.collector {
        let ann = param("ann", uses.collector);
        params.push(quote!(#ann: &mut support::Annotations<'v>));
    }
    if program.dynamic_scope {
        let ds = param("ds", uses.dynamic_scope);
        params.push(quote!(#ds: &support::Scope<'_>));
    }
    let tokens = body.stmts;
    let vis = exported.then(|| quote!(pub(crate)));
    match (form, body_label) {
        (Form::Report, _) => {
            let name = self::id(&function_name);
            quote!(#vis fn #name #generics(#(#params),*) { #tokens })
        }
        (Form::Decide, Some(body_label)) => {
            let name = self::id(&valid_name(&function_name));
            let tail = (!body.diverges).then(|| quote!(true));
            if uses.fails {
                let body_label = label(&body_label);
                quote!(#vis fn #name #generics(#(#params),*) -> bool { #body_label: { #tokens #tail } })
            } else {
                quote!(#vis fn #name #generics(#(#params),*) -> bool { #tokens true })
            }
        }
        (Form::Decide, None) => TokenStream::new(),
    }
}

/// A name the walker allocated (or a parameter) as an identifier.
fn id(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// A label the walker allocated, as a lifetime.
fn label(name: &str) -> syn::Lifetime {
    syn::Lifetime::new(&format!("'{name}"), Span::call_site())
}

#[cfg(test)]
mod tests;
