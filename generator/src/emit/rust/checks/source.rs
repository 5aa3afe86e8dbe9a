//! Token streams as compact source text. The file's formatter (rustfmt) lays out every item
//! again, except statements it cannot fit in a line (a long message or keyword location), which
//! it leaves as written: those are written here as a person would, on one line.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

#[derive(Clone, Copy, PartialEq)]
enum Token {
    Word,
    Punct(char, Spacing),
    Open(Delimiter),
    Close(Delimiter),
}

pub(super) fn compact(tokens: TokenStream) -> String {
    let mut flat: Vec<(Token, String)> = Vec::new();
    flatten(tokens, &mut flat);
    let mut out = String::new();
    // Open generic argument lists (`Vec<`, `Path<'_>`): their brackets take no spaces.
    let mut generics = 0usize;
    for (index, (token, text)) in flat.iter().enumerate() {
        if index > 0 {
            let (previous, word) = (flat[index - 1].0, flat[index - 1].1.as_str());
            let next = flat.get(index + 1).map(|(t, _)| *t);
            let before = index.checked_sub(2).map(|i| flat[i].0);
            let keyword = matches!(word, "for" | "in" | "if" | "match" | "while" | "return");
            let generic_open = previous == Token::Punct('<', Spacing::Alone) && generics > 0;
            let generic = match token {
                Token::Punct('<', _) if previous == Token::Word && starts_upper(word) => {
                    generics += 1;
                    true
                }
                Token::Punct('>', _) if generics > 0 => {
                    generics -= 1;
                    true
                }
                _ => false,
            };
            let empty_braces = previous == Token::Open(Delimiter::Brace)
                && *token == Token::Close(Delimiter::Brace);
            if !generic
                && !generic_open
                && !empty_braces
                && space_between(before, previous, *token, next, keyword)
            {
                out.push(' ');
            }
        }
        out.push_str(text);
    }
    out
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn flatten(tokens: TokenStream, out: &mut Vec<(Token, String)>) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => out.push((Token::Word, ident.to_string())),
            TokenTree::Literal(literal) => out.push((Token::Word, literal.to_string())),
            TokenTree::Punct(punct) => out.push((
                Token::Punct(punct.as_char(), punct.spacing()),
                punct.as_char().to_string(),
            )),
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                out.push((Token::Open(group.delimiter()), open.to_string()));
                flatten(group.stream(), out);
                out.push((Token::Close(group.delimiter()), close.to_string()));
            }
        }
    }
}

/// Whether a space goes between `previous` and `token` (`before` precedes `previous`, `next`
/// follows `token`; `keyword`: `previous` is a keyword that a group may follow).
fn space_between(
    before: Option<Token>,
    previous: Token,
    token: Token,
    next: Option<Token>,
    keyword: bool,
) -> bool {
    use Token::*;
    match (previous, token) {
        // Parts of one operator (`::`, `=>`, `&&`, a lifetime).
        (Punct(_, Spacing::Joint), _) => false,
        (Open(Delimiter::Parenthesis | Delimiter::Bracket), _) => false,
        (_, Close(Delimiter::Parenthesis | Delimiter::Bracket)) => false,
        (_, Punct(',' | ';' | '.' | '?', _)) => false,
        (_, Punct(':', Spacing::Alone)) => false,
        (Punct('.', _), _) => false,
        // The end of `..=`.
        (Punct('=', Spacing::Alone), _) if before == Some(Punct('.', Spacing::Joint)) => false,
        // The end of `::`.
        (Punct(':', Spacing::Alone), _) if before == Some(Punct(':', Spacing::Joint)) => false,
        (_, Punct(':', Spacing::Joint)) if matches!(next, Some(Punct(':', _))) => {
            !matches!(previous, Word | Close(_) | Punct('<' | '&', _))
        }
        // A macro's `!`, a call's or an index's opening.
        (Word, Punct('!', _)) if matches!(next, Some(Open(_))) => false,
        (Punct('!', _), Open(_)) if before == Some(Word) => false,
        (Word | Close(_), Open(Delimiter::Parenthesis | Delimiter::Bracket)) => keyword,
        // Unary `&` and `!`; the generated code has no binary `&`, and `&&` is joint.
        (Punct(c @ ('&' | '!'), Spacing::Alone), _) => before == Some(Punct(c, Spacing::Joint)),
        _ => true,
    }
}
