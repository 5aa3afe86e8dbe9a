//! The second form of a check program in Rust: the same functions over the generated types
//! (`validate_typed`), walked by the same walker as the form over `serde_json::Value`. Each
//! local holds a typed value (its [`TypeRef`] is known), a view of one the JSON-tree printer
//! reads as it reads a view of a tree (`&str`, `&Number`, a `Vec`'s length), or a JSON tree.
//! Type guards are decided from the type, named properties are field accesses, a call is a
//! call of the callee's typed form for the value's type. The errors are exactly those of
//! `validate` on the value's JSON (`serde_json::to_value`), in the same order.
//!
//! What the types do not show is checked on JSON, at three sizes. A part: a guard whose steps
//! need the members as JSON (`additionalProperties`, `uniqueItems`, a union's value...) reads
//! the serialized part (`support::json_of`). A function: one that carries the dynamic scope or annotations is the JSON-tree form
//! on the serialized parameter. At run time: where the typed value does not show what is sent
//! (a catch-all map holding a field's name) or the errors would come in another order (serde_json's
//! `preserve_order`), the function starts over on its serialized parameter.

mod leaves;
mod target;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{id, label, valid_name, Printer};
use crate::emit::checks::{Walked, Walker};
use crate::emit::rust::types::{rust_type, ModuleScope};
use crate::ir::check::{CheckProgram, Form, FunctionId};
use crate::ir::{TypeId, TypeKind, TypeRef};

/// What a local holds.
#[derive(Debug, Clone, PartialEq)]
enum Var {
    /// A JSON tree or a view of one (`&str`, `&Number`, `&Map`, `&Vec<Value>`): printed as
    /// `validate` prints it.
    Json,
    /// A reference to a value of this type.
    Typed(TypeRef),
    /// The object view of a struct: the same reference, its fields read by name.
    Struct(TypeId),
    /// The array view of a `Vec` of this item type (not `Value`).
    Items(TypeRef),
    /// The object view of a `BTreeMap` of this value type (not `Value`), read as a JSON
    /// object is (its iteration order is the JSON's).
    Entries(TypeRef),
    /// A view the value's type never has: nothing under its guard runs.
    Never,
}

impl Var {
    /// What a local of type `ty` holds: a `Value` is JSON.
    fn of(ty: &TypeRef) -> Var {
        match ty {
            TypeRef::Any => Var::Json,
            ty => Var::Typed(ty.clone()),
        }
    }
}

/// How a guard on a typed value is laid out.
enum Guard {
    /// The JSON-tree guard (the value is JSON).
    Json,
    /// Always holds: the view is bound to this expression.
    Bind(TokenStream),
    /// Always holds, and the view is the value itself (a struct, a `Vec`, a map, a number).
    Same,
    /// The JSON-tree guard on the serialized value.
    Serialized,
    /// A nullable value: when it is not `null`, the guard on the value inside, which the
    /// bound local holds first.
    IfSome(Box<Guard>),
    /// Never holds.
    Never,
}

/// One typed form of a program function: over one type, in one form.
struct TypedForm {
    function: FunctionId,
    form: Form,
    ty: TypeRef,
    name: String,
    /// The JSON-tree form's name the name is made from.
    base: String,
    /// Called from other modules (`pub(crate)`).
    exported: bool,
}

/// A typed form of a function another module prints, asked of that module.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedRequest {
    pub module: crate::ir::ModuleId,
    pub function: FunctionId,
    pub form: Form,
    pub ty: TypeRef,
}

/// The typed forms of a program, and the JSON-tree forms they call.
pub(super) struct PrintedTyped {
    pub functions: TokenStream,
    /// The function `validate_typed` calls, when a root was given.
    pub root: Option<String>,
    pub json_forms: BTreeSet<(FunctionId, Form)>,
    /// The typed forms asked of other modules.
    pub requests: Vec<TypedRequest>,
}

/// Prints the typed forms reached from function 0 over `root` (the payload's type), and
/// from the forms other modules ask for (`exports`).
pub(super) fn print_typed(
    program: &CheckProgram,
    root: Option<&TypeRef>,
    exports: &[(FunctionId, Form, TypeRef)],
    scope: ModuleScope<'_>,
    json: Printer<'_>,
) -> PrintedTyped {
    let printer = TypedPrinter {
        json,
        scope,
        program,
        vars: BTreeMap::new(),
        embedded: BTreeMap::new(),
        guards: BTreeMap::new(),
        current: (0, Form::Report),
        restarts: false,
        in_embedded_check: false,
        forms: Vec::new(),
        json_forms: BTreeSet::new(),
        requests: Vec::new(),
    };
    let mut walker = Walker::new(program, printer);
    let root_name = root.map(|root| walker.target.typed_form(0, Form::Report, root, false));
    for (function, form, ty) in exports {
        walker.target.typed_form(*function, *form, ty, true);
    }
    let mut functions = TokenStream::new();
    let mut next = 0;
    while let Some(f) = walker.target.forms.get(next) {
        let (function, form, ty) = (f.function, f.form, f.ty.clone());
        let vis = f.exported.then(|| quote!(pub(crate)));
        let name = f.name.clone();
        next += 1;
        functions.extend(typed_function(&mut walker, function, form, &ty, &name, vis));
    }
    PrintedTyped {
        functions,
        root: root_name,
        json_forms: std::mem::take(&mut walker.target.json_forms),
        requests: std::mem::take(&mut walker.target.requests),
    }
}

/// One typed form: walked over the type, or the JSON-tree form on the serialized value.
fn typed_function(
    walker: &mut Walker<'_, TypedPrinter<'_>>,
    function: FunctionId,
    form: Form,
    ty: &TypeRef,
    name: &str,
    vis: Option<TokenStream>,
) -> TokenStream {
    let param = walker.target.type_tokens(ty);
    let name = id(name);
    // A typed form reads its parameters (and fills its annotation collectors) only where the
    // type leaves something to test, which the walk's analyses (made for the JSON tree) cannot
    // know; it takes a field's own type (`&String`, `&Vec<T>`) and the same error list as the
    // JSON-tree forms.
    let allow = quote!(#[allow(unused_variables, unused_labels, unused_mut, clippy::ptr_arg)]);
    // A union of JSON values is checked as the JSON it holds, borrowed: no typed walk has
    // anything to read in it, and serializing it would copy the value.
    let view = walker.target.json_view(ty);
    let walked = if view.is_none() && walker.target.walks_typed(function, form) {
        walker.target.start(function, form, ty);
        walker.function(function, form)
    } else {
        None
    };
    let Some(Walked {
        label: body_label,
        body,
        uses,
        ..
    }) = walked
    else {
        let fallback = walker.target.fallback(function, form, view);
        return match form {
            Form::Report => quote! {
                #allow
                #vis fn #name(v: &#param, p: &support::Path<'_>, errs: &mut Vec<support::ValidationError>) {
                    #fallback
                }
            },
            Form::Decide => quote!(#allow #vis fn #name(v: &#param) -> bool { #fallback }),
        };
    };
    let tokens = body.stmts;
    match form {
        Form::Report => {
            let start = walker
                .target
                .restarts
                .then(|| quote!(let typed_start = errs.len();));
            quote! {
                #allow
                #vis fn #name(v: &#param, p: &support::Path<'_>, errs: &mut Vec<support::ValidationError>) {
                    #start
                    #tokens
                }
            }
        }
        Form::Decide => match body_label {
            Some(body_label) if uses.fails && !tokens.is_empty() => {
                let tail = (!body.diverges).then(|| quote!(true));
                let body_label = label(&body_label);
                quote!(#allow #vis fn #name(v: &#param) -> bool { #body_label: { #tokens #tail } })
            }
            _ => quote!(#allow #vis fn #name(v: &#param) -> bool { #tokens true }),
        },
    }
}

/// The Rust target over typed values.
pub(super) struct TypedPrinter<'a> {
    /// The target over JSON trees, for what is JSON.
    json: Printer<'a>,
    scope: ModuleScope<'a>,
    program: &'a CheckProgram,
    vars: BTreeMap<String, Var>,
    /// By bound name: how the guard binding it is laid out.
    guards: BTreeMap<String, Guard>,
    /// By bound name: a string view of embedded JSON's kept text, with the local holding the
    /// `EmbeddedJson` and the type of its decoded value.
    embedded: BTreeMap<String, (String, TypeRef)>,
    /// The function being walked, and its form.
    current: (FunctionId, Form),
    /// The function being walked may start over on its serialized parameter.
    restarts: bool,
    /// A decoded embedded document's check is being walked for a function of its own, which
    /// answers `false` where the enclosing function would start over (its caller then checks
    /// the document's text as `validate` does).
    in_embedded_check: bool,
    forms: Vec<TypedForm>,
    json_forms: BTreeSet<(FunctionId, Form)>,
    requests: Vec<TypedRequest>,
}

impl TypedPrinter<'_> {
    /// The name of the typed form of `function` over `ty`, printed when first asked for;
    /// one other modules call (`exported`) is named after its type, so that they know it.
    fn typed_form(
        &mut self,
        function: FunctionId,
        form: Form,
        ty: &TypeRef,
        exported: bool,
    ) -> String {
        if let Some(found) = self
            .forms
            .iter_mut()
            .find(|f| f.function == function && f.form == form && f.ty == *ty)
        {
            if exported && !found.exported {
                found.exported = true;
                found.name = exported_name(&found.base, ty);
            }
            return found.name.clone();
        }
        // One number per type the function is checked over, shared by both forms; the
        // number comes before the function's own name, which may end in digits.
        let mut types: Vec<&TypeRef> = Vec::new();
        for f in self.forms.iter().filter(|f| f.function == function) {
            if !types.contains(&&f.ty) {
                types.push(&f.ty);
            }
        }
        let index = types.iter().position(|t| **t == *ty).unwrap_or(types.len());
        let base = self.json.name(function).to_string();
        let base = match form {
            Form::Report => base,
            Form::Decide => valid_name(&base),
        };
        let name = match (exported, index) {
            (true, _) => exported_name(&base, ty),
            (false, 0) => format!("typed_{base}"),
            (false, n) => format!("typed{}_{base}", n + 1),
        };
        self.forms.push(TypedForm {
            function,
            form,
            ty: ty.clone(),
            name: name.clone(),
            base,
            exported,
        });
        name
    }

    /// Whether function `id` is walked over a typed value (else it is its JSON-tree form on
    /// the serialized value). A function another module prints (a shared file's) has its
    /// typed forms there too, asked for by callers (`TypedRequest`).
    fn walks_typed(&self, id: FunctionId, form: Form) -> bool {
        let Some(function) = self.program.functions.get(id) else {
            return false;
        };
        function.home.is_none()
            && !self.program.dynamic_scope
            && !function.reports_annotations
            && !self.program.function_context(id, form).collector
    }

    fn start(&mut self, id: FunctionId, form: Form, ty: &TypeRef) {
        self.vars.clear();
        self.guards.clear();
        self.embedded.clear();
        self.vars.insert("v".to_string(), Var::of(ty));
        self.restarts = false;
        self.current = (id, form);
    }

    /// The JSON-tree form of function `id`, on the serialized parameter. A typed form is
    /// asked for only without a collector from its caller, and in a program carrying the
    /// dynamic scope only for the root (every other call there stays JSON).
    fn fallback(&mut self, id: FunctionId, form: Form, view: Option<TokenStream>) -> TokenStream {
        let name = self.json_callee(id, form);
        let json = view.unwrap_or_else(|| quote!(&support::json_of(v)));
        let ann = self
            .program
            .function_context(id, form)
            .collector
            .then(|| quote!(, &mut support::Annotations::default()));
        let ds = self
            .program
            .dynamic_scope
            .then(|| quote!(, &support::Scope::Root));
        match form {
            Form::Report => quote!(#name(#json, p, errs #ann #ds);),
            Form::Decide => quote!(#name(#json #ann #ds)),
        }
    }

    /// The parameter `v` as borrowed JSON when its type is a union of JSON values.
    fn json_view(&self, ty: &TypeRef) -> Option<TokenStream> {
        let TypeRef::Named(id) = ty else {
            return None;
        };
        match self.kind_of(*id) {
            Some(TypeKind::Union { variants }) if crate::ir::holds_json_only(variants) => {
                Some(quote!(v.as_json()))
            }
            _ => None,
        }
    }

    /// Starting over on the serialized parameter, from anywhere in the body: the errors
    /// found so far are dropped and the JSON-tree form reports them all again.
    fn restart(&mut self) -> TokenStream {
        if self.in_embedded_check {
            return quote!(return false;);
        }
        let (id, form) = self.current;
        let name = self.json_callee(id, form);
        match form {
            Form::Report => {
                self.restarts = true;
                quote! {
                    errs.truncate(typed_start);
                    #name(&support::json_of(v), p, errs);
                    return;
                }
            }
            Form::Decide => quote!(return #name(&support::json_of(v));),
        }
    }

    /// How the typed code calls the JSON-tree form of `id` (which is then printed too).
    fn json_callee(&mut self, id: FunctionId, form: Form) -> TokenStream {
        if self.json.externals.get(&id).is_none() {
            self.json_forms.insert((id, form));
        }
        match form {
            Form::Report => self.json.callee(id, str::to_string),
            Form::Decide => self.json.callee(id, valid_name),
        }
    }

    fn var(&self, name: &str) -> Var {
        // A local the walk did not announce holds JSON: only the walker's typed hooks
        // (`enter_member`, `enter_view`) make a local typed.
        self.vars.get(name).cloned().unwrap_or(Var::Json)
    }

    fn kind_of(&self, id: TypeId) -> Option<&TypeKind> {
        self.scope.contracts.types.get(id).map(|d| &d.kind)
    }

    /// The Rust type of `ty` as written in this module.
    fn type_tokens(&self, ty: &TypeRef) -> TokenStream {
        rust_type(self.scope, ty)
            .parse()
            .unwrap_or_else(|_| quote!(::serde_json::Value))
    }

    /// The Rust field names of struct `id`, then its catch-all map.
    fn field_names(&self, id: TypeId) -> Option<&(Vec<String>, String)> {
        self.scope.names.fields.get(id)
    }
}

/// The name of the typed form of JSON-tree form `base` over `ty` that other modules call:
/// made from the two alone, so a caller names it without asking.
pub(super) fn exported_name(base: &str, ty: &TypeRef) -> String {
    format!("typed_{base}_for_{}", type_tag(ty))
}

/// A short name of a type, unique per type of the run.
fn type_tag(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "string".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::StringBool => "string_bool".into(),
        TypeRef::Integer => "integer".into(),
        TypeRef::Number => "number".into(),
        TypeRef::Any => "json".into(),
        TypeRef::Named(id) => format!("type{id}"),
        TypeRef::Array(inner) => format!("vec_{}", type_tag(inner)),
        TypeRef::Map(inner) => format!("map_{}", type_tag(inner)),
        TypeRef::EmbeddedJson(inner) => format!("embedded_{}", type_tag(inner)),
        TypeRef::Nullable(inner) => format!("option_{}", type_tag(inner)),
    }
}

/// A field name as an identifier (`r#type` as a raw one).
fn field_ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => id(name),
    }
}

/// The JSON of typed local `x`, bound to `typed_json` for `body` (which reads it as JSON).
/// `typed_json` is no name the walk allocates (its names end in a number).
fn serialized(x: &Ident, body: TokenStream) -> TokenStream {
    quote!({ let typed_json = &support::json_of(#x); #body })
}

fn typed_json() -> Ident {
    format_ident!("typed_json")
}
