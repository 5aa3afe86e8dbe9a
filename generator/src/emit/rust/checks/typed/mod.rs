//! The second form of a check program in Rust: the same functions over the generated types
//! (`validate_typed`), walked by the same walker. A local holds a typed value (its
//! [`TypeRef`] is known), or a JSON tree or a view of one (`&str`, `&Number`, a
//! `serde_json::Map`), which the JSON-tree printer prints as `validate` does. Guards are
//! resolved from the type, named properties are field accesses, a call is a call of the typed
//! form of the callee for the value's type. The errors are exactly those of `validate` on the
//! serialized value, in the same order.
//!
//! What the typed form cannot give cheaply falls back to serializing the value the function
//! checks and calling its JSON-tree form (`support::json_of`): statically, for a function that
//! reports or reads annotations (`unevaluated*`), carries the dynamic scope, is printed in
//! another module, or holds a step this printer does not lay out over its type (a union, keys
//! as strings, `patternProperties` over a struct's fields); at run time, where the typed value
//! does not show what is sent (a catch-all map holding a field's name) or where errors would
//! come in another order (serde_json's `Map` without `preserve_order` sorts keys).

mod leaves;
mod target;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::{format_ident, quote};

use super::{id, label, valid_name, Printer, Statics};
use crate::emit::checks::{Walked, Walker};
use crate::emit::rust::checks::External;
use crate::emit::rust::types::{field_idents, rust_type, ModuleScope};
use crate::ir::check::{CheckProgram, Form, FunctionId, KeyFilter};
use crate::ir::{Field, TypeKind, TypeRef};

/// What a local holds.
#[derive(Debug, Clone, PartialEq)]
enum Var {
    /// A JSON tree, or a view of one, printed as `validate` prints it.
    Json,
    /// A reference to a typed value.
    Typed(TypeRef),
    /// A view the value's type never has: nothing inside its guard runs.
    Never,
}

/// One typed form of a program function: over one type, in one form.
struct TypedForm {
    function: FunctionId,
    form: Form,
    ty: TypeRef,
    name: String,
}

/// The typed forms a program prints, and the JSON-tree forms they call.
pub(super) struct PrintedTyped {
    pub functions: Vec<TokenStream>,
    /// The function `validate_typed` calls.
    pub root: String,
    pub json_forms: BTreeSet<(FunctionId, Form)>,
}

/// Prints the typed forms reached from function 0 over `root`.
pub(super) fn print_typed(
    program: &CheckProgram,
    root: &TypeRef,
    scope: ModuleScope<'_>,
    statics: &mut Statics,
    externals: &BTreeMap<FunctionId, External>,
) -> PrintedTyped {
    let printer = TypedPrinter {
        json: Printer { statics, externals },
        scope,
        vars: BTreeMap::new(),
        unsupported: false,
        restarts: false,
        current: (0, Form::Report),
        forms: Vec::new(),
        json_forms: BTreeSet::new(),
        last_filter: None,
    };
    let mut walker = Walker::new(program, printer);
    let Some(root_fn) = program.functions.first() else {
        return PrintedTyped {
            functions: Vec::new(),
            root: String::new(),
            json_forms: BTreeSet::new(),
        };
    };
    // A payload that is a JSON value is checked as one.
    let root_name = if *root == TypeRef::Any {
        walker.target.json_forms.insert((0, Form::Report));
        root_fn.name.clone()
    } else {
        walker.target.typed_form(0, Form::Report, root)
    };
    let mut functions = Vec::new();
    let mut next = 0;
    while next < walker.target.forms.len() {
        let (function, form, ty, name) = {
            let f = &walker.target.forms[next];
            (f.function, f.form, f.ty.clone(), f.name.clone())
        };
        next += 1;
        functions.push(typed_function(&mut walker, function, form, &ty, &name));
    }
    let json_forms = std::mem::take(&mut walker.target.json_forms);
    PrintedTyped {
        functions,
        root: root_name,
        json_forms,
    }
}

/// One typed form: walked over the type, or, when the walk meets what it cannot lay out
/// typed, the JSON-tree form on the serialized value.
fn typed_function(
    walker: &mut Walker<'_, TypedPrinter<'_>>,
    id: FunctionId,
    form: Form,
    ty: &TypeRef,
    name: &str,
) -> TokenStream {
    let param = rust_type(walker.target.scope, ty);
    let param: TokenStream = param.parse().unwrap_or_else(|_| quote!(::serde_json::Value));
    let name = self::id(name);
    let walked = if walker.target.walks_typed(id, form) {
        walker.target.start(id, form, ty);
        walker
            .function(id, form)
            .filter(|_| !walker.target.unsupported)
    } else {
        None
    };
    let restarts = walker.target.restarts;
    let Some(Walked {
        label: body_label,
        body,
        uses,
        ..
    }) = walked
    else {
        let fallback = walker.target.fallback(id, form);
        return match form {
            Form::Report => quote! {
                fn #name(v: &#param, p: &support::Path<'_>, errs: &mut Vec<support::ValidationError>) {
                    #fallback
                }
            },
            Form::Decide => quote!(fn #name(v: &#param) -> bool { #fallback }),
        };
    };
    let tokens = body.stmts;
    let used = |name: &str| {
        if mentions(&tokens, name) {
            self::id(name)
        } else {
            format_ident!("_{}", name)
        }
    };
    let v = used("v");
    match form {
        Form::Report => {
            let (p, errs) = (used("p"), used("errs"));
            let start = restarts.then(|| quote!(let typed_start = #errs.len();));
            quote! {
                fn #name(#v: &#param, #p: &support::Path<'_>, #errs: &mut Vec<support::ValidationError>) {
                    #start
                    #tokens
                }
            }
        }
        Form::Decide => match body_label {
            Some(body_label) if uses.fails && !tokens.is_empty() => {
                let tail = (!body.diverges).then(|| quote!(true));
                let body_label = label(&body_label);
                quote!(fn #name(#v: &#param) -> bool { #body_label: { #tokens #tail } })
            }
            _ => quote!(fn #name(#v: &#param) -> bool { #tokens true }),
        },
    }
}

/// Whether identifier `name` occurs in `tokens`: the typed form reads its parameters only
/// where the type leaves something to test, which the walk's analyses (made for the JSON
/// tree) do not know.
fn mentions(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => ident == name,
        TokenTree::Group(group) => mentions(&group.stream(), name),
        _ => false,
    })
}

/// The Rust target over typed values.
pub(super) struct TypedPrinter<'a> {
    json: Printer<'a>,
    scope: ModuleScope<'a>,
    vars: BTreeMap<String, Var>,
    /// The walk met a step this printer does not lay out typed: the function falls back.
    unsupported: bool,
    /// The function may start over on the serialized value, from anywhere in its body.
    restarts: bool,
    current: (FunctionId, Form),
    forms: Vec<TypedForm>,
    json_forms: BTreeSet<(FunctionId, Form)>,
    /// The key filter of the properties loop being printed.
    last_filter: Option<KeyFilter>,
}

impl TypedPrinter<'_> {
    /// The name of the typed form of `function` over `ty`, asked to be printed.
    fn typed_form(&mut self, function: FunctionId, form: Form, ty: &TypeRef) -> String {
        if let Some(found) = self
            .forms
            .iter()
            .find(|f| f.function == function && f.form == form && f.ty == *ty)
        {
            return found.name.clone();
        }
        // One number per type the function is checked over, shared by both forms.
        let mut types: Vec<&TypeRef> = Vec::new();
        for f in self.forms.iter().filter(|f| f.function == function) {
            if !types.contains(&&f.ty) {
                types.push(&f.ty);
            }
        }
        let index = types.iter().position(|t| **t == *ty).unwrap_or(types.len());
        let base = self
            .json
            .externals
            .get(&function)
            .map(|external| external.name.clone())
            .or_else(|| self.program_name(function))
            .unwrap_or_else(|| format!("check_{function}"));
        let base = match form {
            Form::Report => base,
            Form::Decide => valid_name(&base),
        };
        let name = match index {
            0 => format!("typed_{base}"),
            n => format!("typed_{base}_{}", n + 1),
        };
        self.forms.push(TypedForm {
            function,
            form,
            ty: ty.clone(),
            name: name.clone(),
        });
        name
    }

    fn program_name(&self, function: FunctionId) -> Option<String> {
        self.scope
            .contracts
            .checks(self.scope.module)
            .and_then(|program| program.functions.get(function))
            .map(|f| f.name.clone())
    }

    /// Whether function `id` can be walked over a typed value at all.
    fn walks_typed(&self, id: FunctionId, form: Form) -> bool {
        let Some(program) = self.scope.contracts.checks(self.scope.module) else {
            return false;
        };
        let Some(function) = program.functions.get(id) else {
            return false;
        };
        !self.json.externals.contains_key(&id)
            && function.home.is_none()
            && !program.dynamic_scope
            && !function.reports_annotations
            && !program.function_context(id, form).collector
    }

    fn start(&mut self, id: FunctionId, form: Form, ty: &TypeRef) {
        self.vars.clear();
        self.vars.insert("v".to_string(), Var::Typed(ty.clone()));
        self.unsupported = false;
        self.restarts = false;
        self.current = (id, form);
        self.last_filter = None;
    }

    /// The JSON-tree form of function `id` on the serialized parameter.
    fn fallback(&mut self, id: FunctionId, form: Form) -> TokenStream {
        self.json_forms.insert((id, form));
        let name = self.json_callee(id, form);
        match form {
            Form::Report => quote!(#name(&support::json_of(v), p, errs);),
            Form::Decide => quote!(#name(&support::json_of(v))),
        }
    }

    /// Starting over on the serialized value from inside the body: the errors found so far
    /// are dropped and the JSON-tree form reports them all again.
    fn restart(&mut self) -> TokenStream {
        let (id, form) = self.current;
        self.json_forms.insert((id, form));
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

    fn json_callee(&self, id: FunctionId, form: Form) -> TokenStream {
        let Some(program) = self.scope.contracts.checks(self.scope.module) else {
            return TokenStream::new();
        };
        let Some(function) = program.functions.get(id) else {
            return TokenStream::new();
        };
        match form {
            Form::Report => self.json.callee(id, function, str::to_string),
            Form::Decide => self.json.callee(id, function, valid_name),
        }
    }

    fn var(&mut self, name: &str) -> Var {
        match self.vars.get(name) {
            Some(var) => var.clone(),
            // A local the walk did not announce: nothing is known of its type.
            None => {
                self.unsupported = true;
                Var::Json
            }
        }
    }

    /// The fields and the catch-all map of a struct type.
    fn struct_of(&self, ty: &TypeRef) -> Option<(&[Field], Vec<String>, String)> {
        let TypeRef::Named(id) = ty else { return None };
        match &self.scope.contracts.types.get(*id)?.kind {
            TypeKind::Struct { fields } => {
                let (names, extra) = field_idents(fields);
                Some((fields.as_slice(), names, extra))
            }
            _ => None,
        }
    }

    fn kind_of(&self, ty: &TypeRef) -> Option<&TypeKind> {
        match ty {
            TypeRef::Named(id) => self.scope.contracts.types.get(*id).map(|d| &d.kind),
            _ => None,
        }
    }

    /// The type path of a named type, as tokens.
    fn path_of(&self, ty: &TypeRef) -> TokenStream {
        rust_type(self.scope, ty)
            .parse()
            .unwrap_or_else(|_| quote!(::serde_json::Value))
    }
}

/// A struct field as a member: the Rust field, its type and whether it may be absent.
struct FieldAccess {
    ident: Ident,
    ty: TypeRef,
    optional: bool,
}

fn field_access(fields: &[Field], names: &[String], wire: &str) -> Option<(usize, FieldAccess)> {
    let index = fields.iter().position(|f| f.wire_name == wire)?;
    let field = fields.get(index)?;
    let name = names.get(index)?;
    let ident = match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => id(name),
    };
    Some((
        index,
        FieldAccess {
            ident,
            ty: field.ty.clone(),
            optional: !field.required,
        },
    ))
}
