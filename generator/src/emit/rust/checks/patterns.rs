//! Pattern statics: a pattern whose parsed form is plain pieces becomes a `support::Matcher`
//! over the string's bytes (every class ASCII) or chars; any other a `regex::Regex`. Both
//! answer `is_match`, so the code testing a pattern does not depend on which it is.
//!
//! Over bytes, the common shapes get the shortest code: one class throughout (`^[0-9]+$`) is a
//! single loop, and pieces of one length each (`^[0-9a-f]{8}-[0-9a-f]{4}$`, ids, codes, dates)
//! are tested at fixed offsets of the string as an array. A class of several ranges is a table
//! of 256 answers (`support::ByteClass`): one load a byte, where its ranges take a compare each.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};

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
    let mut classes = Classes {
        bytes,
        tables: Vec::new(),
    };
    let test = match pieces.as_slice() {
        [Piece::Class {
            class,
            min,
            max: None,
        }] if bytes => classes.throughout(class, *min),
        _ if bytes && pieces.iter().all(has_one_length) => fixed_length(pieces, &mut classes),
        _ => classes.chain(pieces),
    };
    let tables = classes.statics();
    let body = if tables.is_empty() {
        test
    } else {
        quote!({ #(#tables)* #test })
    };
    quote! {
        static #name: support::Matcher = support::Matcher(|s: &str| #body);
    }
}

/// The class tests of one pattern, and the tables they read (declared in its closure).
struct Classes {
    bytes: bool,
    tables: Vec<CharClass>,
}

impl Classes {
    /// One class throughout (`^[0-9]+$`): every byte in it, and enough of them (bytes are chars
    /// when every byte is in an ASCII class).
    fn throughout(&mut self, class: &CharClass, min: u32) -> TokenStream {
        let test = self.member_test(class);
        let long_enough = match min {
            0 => quote!(),
            1 => quote!(!s.is_empty() &&),
            min => {
                let min = Literal::usize_unsuffixed(min as usize);
                quote!(s.len() >= #min &&)
            }
        };
        quote!(#long_enough s.bytes().all(#test))
    }

    /// The general form: each piece takes what it matches from the front of the rest.
    fn chain(&mut self, pieces: &[Piece]) -> TokenStream {
        let steps: Vec<TokenStream> = pieces.iter().map(|piece| self.step(piece)).collect();
        let (start, empty) = if self.bytes {
            (quote!(s.as_bytes()), quote!(<[u8]>::is_empty))
        } else {
            (quote!(s), quote!(str::is_empty))
        };
        quote!(Some(#start) #(.and_then(#steps))* .is_some_and(#empty))
    }

    /// A closure from the rest of the string to what is left after `piece`.
    fn step(&mut self, piece: &Piece) -> TokenStream {
        let bytes = self.bytes;
        match piece {
            Piece::Literal(text) if bytes => {
                let text = Literal::byte_string(text.as_bytes());
                quote!(|s| s.strip_prefix(#text))
            }
            Piece::Literal(text) => quote!(|s| s.strip_prefix(#text)),
            Piece::Class { class, min, max } if bytes && Some(*min) == *max => {
                let n = Literal::usize_unsuffixed(*min as usize);
                let test = self.member_test(class);
                quote!(|s| support::skip_exact(s, #n, #test))
            }
            Piece::Class { class, min, max } => {
                let min = Literal::usize_unsuffixed(*min as usize);
                let max = match max {
                    Some(max) => Literal::usize_unsuffixed(*max as usize).into_token_stream(),
                    None => quote!(usize::MAX),
                };
                let test = self.member_test(class);
                if bytes {
                    quote!(|s| support::skip_bytes(s, #min, #max, #test))
                } else {
                    quote!(|s| support::skip_chars(s, #min, #max, #test))
                }
            }
        }
    }

    /// `|c| matches!(c, 'a'..='z' | '_')`, over bytes or chars.
    fn member_test(&mut self, class: &CharClass) -> TokenStream {
        if class.0.is_empty() {
            return quote!(|_| false);
        }
        let test = self.member_of(class, &quote!(c));
        quote!(|c| #test)
    }

    /// Whether `value` (a byte or a char) is in `class`.
    fn member_of(&mut self, class: &CharClass, value: &TokenStream) -> TokenStream {
        if class.0.is_empty() {
            return quote!(false);
        }
        if self.bytes && class.0.len() > 1 {
            let index = match self.tables.iter().position(|t| t == class) {
                Some(index) => index,
                None => {
                    self.tables.push(class.clone());
                    self.tables.len() - 1
                }
            };
            let table = table_name(index);
            return quote!(#table.contains(#value));
        }
        if let Some(method) = ascii_method(class) {
            let method = format_ident!("{}", method);
            return quote!(#value.#method());
        }
        let ranges = class.0.iter().map(|&(start, end)| {
            let first = self.literal(start);
            if start == end {
                quote!(#first)
            } else {
                let last = self.literal(end);
                quote!(#first..=#last)
            }
        });
        quote!(matches!(#value, #(#ranges)|*))
    }

    fn literal(&self, c: char) -> Literal {
        if self.bytes {
            // An ASCII class (`self.bytes`): every bound is a byte.
            Literal::byte_character(c as u8)
        } else {
            Literal::character(c)
        }
    }

    /// The tables' declarations.
    fn statics(&self) -> Vec<TokenStream> {
        self.tables
            .iter()
            .enumerate()
            .map(|(index, class)| {
                let name = table_name(index);
                let ranges = class.0.iter().map(|&(start, end)| {
                    let (start, end) = (self.literal(start), self.literal(end));
                    quote!((#start, #end))
                });
                quote! {
                    static #name: support::ByteClass = support::ByteClass::new(&[#(#ranges),*]);
                }
            })
            .collect()
    }
}

fn table_name(index: usize) -> Ident {
    format_ident!("CLASS_{}", index)
}

fn has_one_length(piece: &Piece) -> bool {
    match piece {
        Piece::Literal(text) => !text.is_empty(),
        Piece::Class { min, max, .. } => Some(*min) == *max && *min > 0,
    }
}

/// The test of an ASCII pattern whose every piece has one length (`^[0-9a-f]{8}-[0-9a-f]{4}$`,
/// the shape of ids, codes and dates): the string as an array of that many bytes, each piece
/// checked at its offset, with no bounds left to check and no chain of remainders to pass on.
fn fixed_length(pieces: &[Piece], classes: &mut Classes) -> TokenStream {
    let mut offset = 0usize;
    let mut tests = Vec::new();
    for piece in pieces {
        let start = offset;
        let from = Literal::usize_unsuffixed(start);
        match piece {
            Piece::Literal(text) => {
                offset += text.len();
                let to = Literal::usize_unsuffixed(offset);
                tests.push(match text.as_bytes() {
                    [byte] => {
                        let byte = Literal::byte_character(*byte);
                        quote!(b[#from] == #byte)
                    }
                    text => {
                        let text = Literal::byte_string(text);
                        quote!(b[#from..#to] == *#text)
                    }
                });
            }
            Piece::Class { class, min, .. } => {
                offset += *min as usize;
                let to = Literal::usize_unsuffixed(offset);
                tests.push(if *min == 1 {
                    classes.member_of(class, &quote!(b[#from]))
                } else {
                    let test = classes.member_test(class);
                    quote!(b[#from..#to].iter().copied().all(#test))
                });
            }
        }
    }
    let length = Literal::usize_unsuffixed(offset);
    quote! {
        <&[u8; #length]>::try_from(s.as_bytes()).is_ok_and(|b| #(#tests)&&*)
    }
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
