//! Pattern statics: a pattern whose parsed form is plain pieces becomes a `support::Matcher`
//! over the string's bytes (every class ASCII) or chars; any other a `regex::Regex`. Both
//! answer `is_match`, so the code testing a pattern does not depend on which it is.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{quote, ToTokens};

use crate::ir::check::{CharClass, Pattern, PatternForm, Piece};

pub(super) fn pattern_static(name: &Ident, pattern: &Pattern) -> TokenStream {
    let PatternForm::Whole(pieces) = &pattern.form else {
        let source = &pattern.translated;
        return quote! {
            static #name: ::std::sync::LazyLock<::regex::Regex> = ::std::sync::LazyLock::new(|| {
                ::regex::Regex::new(#source).expect("pattern compiled when generated")
            });
        };
    };
    let bytes = pattern.form.is_ascii();
    let steps = pieces.iter().map(|piece| step(piece, bytes));
    let (start, empty) = if bytes {
        (quote!(s.as_bytes()), quote!(<[u8]>::is_empty))
    } else {
        (quote!(s), quote!(str::is_empty))
    };
    quote! {
        static #name: support::Matcher = support::Matcher(|s: &str| {
            Some(#start) #(.and_then(#steps))* .is_some_and(#empty)
        });
    }
}

/// A closure from the rest of the string to what is left after `piece`.
fn step(piece: &Piece, bytes: bool) -> TokenStream {
    match piece {
        Piece::Literal(text) if bytes => {
            let text = Literal::byte_string(text.as_bytes());
            quote!(|s| s.strip_prefix(#text))
        }
        Piece::Literal(text) => quote!(|s| s.strip_prefix(#text)),
        Piece::Class { class, min, max } if bytes && Some(*min) == *max => {
            let n = Literal::usize_unsuffixed(*min as usize);
            let test = member_test(class, bytes);
            quote!(|s| support::skip_exact(s, #n, #test))
        }
        Piece::Class { class, min, max } => {
            let min = Literal::usize_unsuffixed(*min as usize);
            let max = match max {
                Some(max) => Literal::usize_unsuffixed(*max as usize).into_token_stream(),
                None => quote!(usize::MAX),
            };
            let test = member_test(class, bytes);
            if bytes {
                quote!(|s| support::skip_bytes(s, #min, #max, #test))
            } else {
                quote!(|s| support::skip_chars(s, #min, #max, #test))
            }
        }
    }
}

/// `|c| matches!(c, 'a'..='z' | '_')`, over bytes or chars.
fn member_test(class: &CharClass, bytes: bool) -> TokenStream {
    if class.0.is_empty() {
        return quote!(|_| false);
    }
    if let Some(method) = ascii_method(class) {
        let method = quote::format_ident!("{}", method);
        return quote!(|c| c.#method());
    }
    let literal = |c: char| {
        if bytes {
            Literal::byte_character(c as u8)
        } else {
            Literal::character(c)
        }
    };
    let ranges = class.0.iter().map(|&(start, end)| {
        let first = literal(start);
        if start == end {
            quote!(#first)
        } else {
            let last = literal(end);
            quote!(#first..=#last)
        }
    });
    quote!(|c| matches!(c, #(#ranges)|*))
}

/// The standard library's test for a class it names (clippy prefers it to the ranges).
fn ascii_method(class: &CharClass) -> Option<&'static str> {
    Some(match class.0.as_slice() {
        [('0', '9')] => "is_ascii_digit",
        [('a', 'z')] => "is_ascii_lowercase",
        [('A', 'Z')] => "is_ascii_uppercase",
        [('A', 'Z'), ('a', 'z')] => "is_ascii_alphabetic",
        [('0', '9'), ('A', 'Z'), ('a', 'z')] => "is_ascii_alphanumeric",
        [('0', '9'), ('A', 'F'), ('a', 'f')] => "is_ascii_hexdigit",
        _ => return None,
    })
}
