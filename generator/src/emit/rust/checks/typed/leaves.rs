//! What the type of a value decides: which view a guard binds (or that it never holds),
//! which leaf assertions hold by construction, which fields are present.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::Value;

use super::{field_ident, id, serialized, typed_json, Guard, TypedPrinter, Var};
use crate::emit::checks::{Code, Scope};
use crate::emit::rust::checks::messages::{Arg, Text};
use crate::ir::check::{Assertion, JsonType, Step, Test, View};
use crate::ir::{Field, TypeId, TypeKind, TypeRef};
use crate::messages;

impl TypedPrinter<'_> {
    /// How a guard on `view` of `v` (of type `ty`) is laid out, and what its bound local
    /// holds. `steps` are what the guard holds: a struct's or a `Vec`'s view stays typed only
    /// for steps the typed printer reads members for.
    pub(super) fn typed_view(
        &mut self,
        view: View,
        v: &str,
        bound: &str,
        ty: &TypeRef,
        steps: &[Step],
    ) -> (Guard, Var) {
        let x = id(v);
        let json_view = |expr: TokenStream| (Guard::Bind(expr), Var::Json);
        let never = (Guard::Never, Var::Never);
        match (view, ty) {
            (_, TypeRef::Any) => (Guard::Json, Var::Json),
            // `null` or a value: the guard on the value, when there is one.
            (_, TypeRef::Nullable(inner)) => {
                // The value inside is bound under the view's name first (`IfSome`).
                let (guard, var) = self.typed_view(view, bound, bound, inner, steps);
                match guard {
                    Guard::Never => (Guard::Never, Var::Never),
                    // The JSON guard over a `Value` inside: `null` is `None`, never a view.
                    guard => (Guard::IfSome(Box::new(guard)), var),
                }
            }
            (View::String, TypeRef::String) => json_view(quote!(#x.as_str())),
            (View::String, TypeRef::StringBool) => json_view(quote!(#x.as_str())),
            (View::String, TypeRef::EmbeddedJson(inner)) => {
                // Content checks on this view may read the decoded value instead of the text.
                self.embedded
                    .insert(bound.to_string(), (v.to_string(), (**inner).clone()));
                json_view(quote!(#x.raw()))
            }
            (View::Number, TypeRef::Number) => (Guard::Same, Var::Json),
            (View::Number, TypeRef::Integer) => json_view(quote!(&::serde_json::Number::from(*#x))),
            (View::Object, TypeRef::Map(value)) if **value == TypeRef::Any => {
                (Guard::Same, Var::Json)
            }
            (View::Array, TypeRef::Array(item)) if **item == TypeRef::Any => {
                (Guard::Same, Var::Json)
            }
            (View::Array, TypeRef::Array(item)) if steps.iter().all(array_step) => {
                (Guard::Same, Var::Items((**item).clone()))
            }
            (View::Object, TypeRef::Map(value)) if steps.iter().all(map_step) => {
                (Guard::Same, Var::Entries((**value).clone()))
            }
            (View::Object, TypeRef::Map(_)) | (View::Array, TypeRef::Array(_)) => {
                (Guard::Serialized, Var::Json)
            }
            (_, TypeRef::Named(named)) => match self.kind_of(*named) {
                Some(TypeKind::Struct { .. }) if view == View::Object => {
                    if steps.iter().all(struct_step) {
                        (Guard::Same, Var::Struct(*named))
                    } else {
                        (Guard::Serialized, Var::Json)
                    }
                }
                Some(TypeKind::StringEnum { .. }) if view == View::String => {
                    json_view(quote!(#x.as_str()))
                }
                Some(TypeKind::Union { .. }) => (Guard::Serialized, Var::Json),
                _ => never,
            },
            _ => never,
        }
    }

    /// A leaf assertion on local `x`.
    pub(super) fn typed_assertion(
        &mut self,
        assertion: &Assertion,
        scope: &Scope,
        x: &str,
    ) -> Code<TokenStream> {
        let xi = id(x);
        match self.var(x) {
            Var::Json => self.json.print_assertion(assertion, scope, &xi),
            Var::Never => Code::default(),
            Var::Struct(ty) => match &assertion.test {
                Test::Required(names) => Code::of(self.required(ty, &xi, names, assertion, scope)),
                _ => self.on_json_view(assertion, scope, &xi, "as_object"),
            },
            Var::Items(_) => match assertion.test {
                // A `Vec`'s length is read as a JSON array's.
                Test::MinItems(_) | Test::MaxItems(_) => {
                    self.json.print_assertion(assertion, scope, &xi)
                }
                _ => self.on_json_view(assertion, scope, &xi, "as_array"),
            },
            Var::Entries(_) => match assertion.test {
                // A map's length is read as a JSON object's.
                Test::MinProperties(_) | Test::MaxProperties(_) => {
                    self.json.print_assertion(assertion, scope, &xi)
                }
                _ => self.on_json_view(assertion, scope, &xi, "as_object"),
            },
            Var::Typed(TypeRef::Nullable(inner)) => match &assertion.test {
                Test::Type(types) => self.nullable_type(assertion, scope, &xi, &inner, types),
                _ => self.on_json(assertion, scope, &xi),
            },
            Var::Typed(ty) => self.on_typed(assertion, scope, &xi, &ty),
        }
    }

    /// `type` on a `serde_json::Number`: always a number, an integer when integral.
    fn number_type(
        &mut self,
        assertion: &Assertion,
        scope: &Scope,
        x: &Ident,
        types: &[JsonType],
    ) -> Code<TokenStream> {
        let rule = Text::Rule(&assertion.message);
        let (integer, number) = (
            type_literal(JsonType::Integer),
            type_literal(JsonType::Number),
        );
        if types.contains(&JsonType::Number) {
            return Code::default();
        }
        if types.contains(&JsonType::Integer) {
            let args = vec![("found", Arg::Expr(number))];
            return Code::of(self.json.fail_if(
                quote!(!support::is_integral(#x)),
                scope,
                &assertion.keyword,
                rule,
                args,
            ));
        }
        let shown = quote!(if support::is_integral(#x) { #integer } else { #number });
        let args = vec![("found", Arg::Expr(shown))];
        Code {
            stmts: self.json.fail_with(scope, &assertion.keyword, rule, args),
            diverges: true,
        }
    }

    /// `type` on a nullable value: `null` when `None`, else the type inside.
    fn nullable_type(
        &mut self,
        assertion: &Assertion,
        scope: &Scope,
        x: &Ident,
        inner: &TypeRef,
        types: &[JsonType],
    ) -> Code<TokenStream> {
        let Some(found) = self.json_type(inner) else {
            return self.on_json(assertion, scope, x);
        };
        let inner_holds = types.contains(&found)
            || (found == JsonType::Integer && types.contains(&JsonType::Number));
        let null_holds = types.contains(&JsonType::Null);
        let rule = Text::Rule(&assertion.message);
        let (null, value) = (type_literal(JsonType::Null), type_literal(found));
        let (failure, shown) = match (null_holds, inner_holds) {
            (true, true) => return Code::default(),
            (true, false) => (quote!(#x.is_some()), value),
            (false, true) => (quote!(#x.is_none()), null),
            (false, false) => {
                let shown = quote!(if #x.is_none() { #null } else { #value });
                let args = vec![("found", Arg::Expr(shown))];
                return Code {
                    stmts: self.json.fail_with(scope, &assertion.keyword, rule, args),
                    diverges: true,
                };
            }
        };
        let args = vec![("found", Arg::Expr(shown))];
        Code::of(
            self.json
                .fail_if(failure, scope, &assertion.keyword, rule, args),
        )
    }

    /// An assertion on a typed instance (not a view): `type`, `const`, `enum`, `false`.
    fn on_typed(
        &mut self,
        assertion: &Assertion,
        scope: &Scope,
        x: &Ident,
        ty: &TypeRef,
    ) -> Code<TokenStream> {
        let static_type = self.json_type(ty);
        let rule = Text::Rule(&assertion.message);
        match (&assertion.test, static_type) {
            (Test::Type(types), Some(found)) => {
                let holds = types.contains(&found)
                    || (found == JsonType::Integer && types.contains(&JsonType::Number));
                if holds {
                    return Code::default();
                }
                let found_arg = vec![("found", Arg::Expr(type_literal(found)))];
                Code {
                    stmts: self
                        .json
                        .fail_with(scope, &assertion.keyword, rule, found_arg),
                    diverges: true,
                }
            }
            (Test::Type(types), None) if *ty == TypeRef::Number => {
                self.number_type(assertion, scope, x, types)
            }
            (Test::Never, Some(found)) => {
                let found_arg = vec![("found", Arg::Expr(type_literal(found)))];
                Code {
                    stmts: self
                        .json
                        .fail_with(scope, &assertion.keyword, rule, found_arg),
                    diverges: true,
                }
            }
            (Test::Const(Value::Bool(b)), Some(JsonType::Boolean)) => {
                let differs = if *b { quote!(!*#x) } else { quote!(*#x) };
                let found_arg = vec![("found", Arg::Expr(type_literal(JsonType::Boolean)))];
                Code::of(
                    self.json
                        .fail_if(differs, scope, &assertion.keyword, rule, found_arg),
                )
            }
            (Test::Const(Value::String(s)), Some(JsonType::String)) => {
                let text = self.str_of(x, ty);
                let found_arg = vec![("found", Arg::Expr(type_literal(JsonType::String)))];
                Code::of(self.json.fail_if(
                    quote!(#text != #s),
                    scope,
                    &assertion.keyword,
                    rule,
                    found_arg,
                ))
            }
            (Test::Enum(values), Some(JsonType::String)) if !values.is_empty() => {
                let strings: Option<Vec<&str>> = values.iter().map(Value::as_str).collect();
                let Some(strings) = strings else {
                    return self.on_json(assertion, scope, x);
                };
                if self.closed_enum_within(ty, &strings) {
                    return Code::default();
                }
                let text = self.str_of(x, ty);
                let found_arg = vec![("found", Arg::Expr(type_literal(JsonType::String)))];
                Code::of(self.json.fail_if(
                    quote!(!matches!(#text, #(#strings)|*)),
                    scope,
                    &assertion.keyword,
                    rule,
                    found_arg,
                ))
            }
            _ => self.on_json(assertion, scope, x),
        }
    }

    /// The assertion on the JSON of `x`: exact, at the cost of serializing that part.
    fn on_json(&mut self, assertion: &Assertion, scope: &Scope, x: &Ident) -> Code<TokenStream> {
        let code = self.json.print_assertion(assertion, scope, &typed_json());
        Code {
            stmts: serialized(x, code.stmts),
            diverges: code.diverges,
        }
    }

    /// The assertion on the JSON view (`as_object`, `as_array`) of typed view `x`.
    fn on_json_view(
        &mut self,
        assertion: &Assertion,
        scope: &Scope,
        x: &Ident,
        accessor: &str,
    ) -> Code<TokenStream> {
        let code = self.json.print_assertion(assertion, scope, &typed_json());
        let accessor = id(accessor);
        let stmts = code.stmts;
        Code::of(quote!(if let Some(typed_json) = support::json_of(#x).#accessor() { #stmts }))
    }

    /// `required` on a struct: a required field is always there, an optional one when set,
    /// any other name when the catch-all map holds it. Missing names fail in the schema's
    /// order, as `validate` reports them.
    fn required(
        &mut self,
        ty: TypeId,
        x: &Ident,
        names: &[String],
        assertion: &Assertion,
        scope: &Scope,
    ) -> TokenStream {
        let mut out = TokenStream::new();
        for name in names {
            let Some(present) = self.present(ty, x, name) else {
                continue;
            };
            let message = assertion.message.clone().with(
                "name",
                messages::json_text(&Value::String(name.to_string())),
            );
            out.extend(self.json.fail_if(
                quote!(!(#present)),
                scope,
                &assertion.keyword,
                Text::Rule(&message),
                Vec::new(),
            ));
        }
        out
    }

    /// Whether property `name` of struct `x` is sent: `None` when it always is.
    pub(super) fn present(&self, ty: TypeId, x: &Ident, name: &str) -> Option<TokenStream> {
        let (names, extra) = self.field_names(ty)?;
        let extra = field_ident(extra);
        match self.field(ty, name) {
            Some((_, field)) if field.required => None,
            Some((index, _)) => {
                let field = field_ident(names.get(index)?);
                Some(quote!(#x.#field.is_some() || #x.#extra.contains_key(#name)))
            }
            None => Some(quote!(#x.#extra.contains_key(#name))),
        }
    }

    /// The field of struct `ty` sent as `name`, with its index.
    pub(super) fn field(&self, ty: TypeId, name: &str) -> Option<(usize, &Field)> {
        match self.kind_of(ty)? {
            TypeKind::Struct { fields } => fields
                .iter()
                .enumerate()
                .find(|(_, field)| field.wire_name == name),
            _ => None,
        }
    }

    pub(super) fn field_at(&self, ty: TypeId, index: usize) -> Option<&Field> {
        match self.kind_of(ty)? {
            TypeKind::Struct { fields } => fields.get(index),
            _ => None,
        }
    }

    /// The JSON type every value of `ty` has, when the type alone decides it.
    fn json_type(&self, ty: &TypeRef) -> Option<JsonType> {
        match ty {
            TypeRef::String | TypeRef::StringBool | TypeRef::EmbeddedJson(_) => {
                Some(JsonType::String)
            }
            TypeRef::Bool => Some(JsonType::Boolean),
            TypeRef::Integer => Some(JsonType::Integer),
            TypeRef::Array(_) => Some(JsonType::Array),
            TypeRef::Map(_) => Some(JsonType::Object),
            TypeRef::Named(named) => match self.kind_of(*named)? {
                TypeKind::Struct { .. } => Some(JsonType::Object),
                TypeKind::StringEnum { .. } => Some(JsonType::String),
                TypeKind::Union { .. } => None,
            },
            // A number may be integral or not; `null` or a value.
            TypeRef::Number | TypeRef::Nullable(_) | TypeRef::Any => None,
        }
    }

    /// Whether `ty` is a closed string enum (or a `StringBool`) whose every value is one of
    /// `values`: then `enum` holds by construction.
    fn closed_enum_within(&self, ty: &TypeRef, values: &[&str]) -> bool {
        match ty {
            TypeRef::StringBool => values.contains(&"true") && values.contains(&"false"),
            TypeRef::Named(named) => match self.kind_of(*named) {
                Some(TypeKind::StringEnum {
                    variants,
                    open: false,
                }) => variants
                    .iter()
                    .all(|variant| values.contains(&variant.wire_value.as_str())),
                _ => false,
            },
            _ => false,
        }
    }

    /// The text of a string-typed value `x`, as a `&str` expression.
    fn str_of(&self, x: &Ident, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::EmbeddedJson(_) => quote!(#x.raw()),
            _ => quote!(#x.as_str()),
        }
    }
}

/// What a step inside a guard reads of the guarded view.
enum ViewUse<'a> {
    /// Nothing: it acts on the instance (a trial, a call, a nested guard).
    Instance,
    /// Members by name.
    Named,
    /// Members by name, under a presence test.
    IfPresent(&'a [Step]),
    Required,
    /// Every member (`additionalProperties`, `propertyNames`).
    Members,
    /// Items by index, or each item.
    Items,
    ObjectLength,
    ArrayLength,
    /// Anything else: the view's JSON (`uniqueItems`, content, annotations).
    Json,
}

/// No wildcard: a new step kind must say what it reads.
fn view_use(step: &Step) -> ViewUse<'_> {
    match step {
        Step::Properties(_) => ViewUse::Named,
        Step::IfProperty { steps, .. } => ViewUse::IfPresent(steps),
        Step::Assert(assertion) => match assertion.test {
            Test::Required(_) => ViewUse::Required,
            Test::MinProperties(_) | Test::MaxProperties(_) => ViewUse::ObjectLength,
            Test::MinItems(_) | Test::MaxItems(_) => ViewUse::ArrayLength,
            _ => ViewUse::Json,
        },
        Step::EachProperty { .. } | Step::EachKey(_) => ViewUse::Members,
        Step::Item { .. } | Step::EachItem { .. } | Step::Contains { .. } => ViewUse::Items,
        Step::RecordAllProperties
        | Step::RecordItemsFrom(_)
        | Step::RecordAllItems
        | Step::Content { .. } => ViewUse::Json,
        Step::Guard { .. }
        | Step::InPlace { .. }
        | Step::Alternatives { .. }
        | Step::Not { .. }
        | Step::Conditional { .. }
        | Step::Call { .. }
        | Step::DynamicCall { .. } => ViewUse::Instance,
    }
}

/// A step a struct's object view is read for by field (the others read its JSON).
fn struct_step(step: &Step) -> bool {
    match view_use(step) {
        ViewUse::Instance | ViewUse::Named | ViewUse::Required => true,
        ViewUse::IfPresent(steps) => steps.iter().all(struct_step),
        _ => false,
    }
}

/// A step a `Vec`'s array view is read for by element.
fn array_step(step: &Step) -> bool {
    matches!(
        view_use(step),
        ViewUse::Instance | ViewUse::Items | ViewUse::ArrayLength
    )
}

/// A step a `BTreeMap`'s object view is read for by entry.
fn map_step(step: &Step) -> bool {
    matches!(
        view_use(step),
        ViewUse::Instance | ViewUse::Named | ViewUse::Members | ViewUse::ObjectLength
    )
}

/// A JSON type's name as `support::type_name` gives it.
fn type_literal(t: JsonType) -> TokenStream {
    let name = match t {
        JsonType::Null => "null",
        JsonType::Boolean => "boolean",
        JsonType::Object => "object",
        JsonType::Array => "array",
        JsonType::Number => "number",
        JsonType::Integer => "integer",
        JsonType::String => "string",
    };
    quote!(#name)
}
