//! JSON values and numeric limits as Rust tokens.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Number, Value};

/// A value as `serde_json::json!` input, with typed number literals (a bare literal would be
/// inferred as `i32` and overflow).
pub(super) fn json(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Literal::i64_suffixed(i).into_token_stream(),
            (None, Some(u)) => Literal::u64_suffixed(u).into_token_stream(),
            _ => float(n.as_f64().unwrap_or(0.0), true),
        },
        Value::String(s) => quote!(#s),
        Value::Array(items) => {
            let items = items.iter().map(json);
            quote!([#(#items),*])
        }
        Value::Object(map) => {
            let keys = map.keys();
            let values = map.values().map(json);
            quote!({#(#keys: #values),*})
        }
    }
}

/// A `support::Limit` for a numeric bound.
pub(super) fn limit(n: &Number) -> TokenStream {
    if let Some(i) = n.as_i64() {
        let i = Literal::i64_unsuffixed(i);
        return quote!(support::Limit::Int(#i));
    }
    if let Some(u) = n.as_u64() {
        let u = Literal::u64_unsuffixed(u);
        return quote!(support::Limit::Int(#u));
    }
    let f = float(n.as_f64().unwrap_or(f64::NAN), false);
    quote!(support::Limit::Float(#f))
}

fn float(f: f64, suffixed: bool) -> TokenStream {
    if !f.is_finite() {
        return quote!(f64::NAN);
    }
    if suffixed {
        Literal::f64_suffixed(f).into_token_stream()
    } else {
        Literal::f64_unsuffixed(f).into_token_stream()
    }
}

trait IntoTokens {
    fn into_token_stream(self) -> TokenStream;
}

impl IntoTokens for Literal {
    fn into_token_stream(self) -> TokenStream {
        quote!(#self)
    }
}
