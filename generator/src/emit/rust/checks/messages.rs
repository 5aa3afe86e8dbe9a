//! The text of every message the printed validators build: one function, keyed by the
//! program's message id and arguments, so a shared catalogue can replace it in one place.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::check::{Bound, CheckProgram, Message};

/// A value known only at run time, as the message needs it.
pub(super) enum Arg {
    /// A variable, placed in the format string by name.
    Ident(Ident),
    /// An expression, placed by position.
    Expr(TokenStream),
}

/// Printer-side messages that wrap or list others.
pub(super) enum Text<'a> {
    Rule(&'a Message),
    /// One branch's first error in the explanation of a failed `anyOf`/`oneOf`.
    BranchError(usize),
}

enum Piece {
    Text(String),
    /// The next run-time argument, shown with `Display` or (`debug`) `Debug`.
    Arg {
        debug: bool,
    },
}

fn text(s: impl Into<String>) -> Piece {
    Piece::Text(s.into())
}

const ARG: Piece = Piece::Arg { debug: false };
const DEBUG_ARG: Piece = Piece::Arg { debug: true };

/// A `String` expression with the message's text; `args` are its run-time arguments in order.
pub(super) fn message(program: &CheckProgram, message: Text<'_>, args: Vec<Arg>) -> TokenStream {
    let pieces = match message {
        Text::BranchError(index) => vec![text(format!("[{index}] ")), ARG],
        Text::Rule(rule) => rule_pieces(program, rule),
    };
    render(pieces, args)
}

fn rule_pieces(program: &CheckProgram, message: &Message) -> Vec<Piece> {
    let joined = |values: &[serde_json::Value]| {
        values
            .iter()
            .map(serde_json::Value::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match message {
        Message::FalseSchema => vec![text("no value is allowed here (false schema)")],
        Message::Type(types) => {
            let names: Vec<&str> = types.iter().map(|t| t.name()).collect();
            vec![
                text(format!("expected {}, found ", names.join(" or "))),
                ARG,
            ]
        }
        Message::Const(value) => vec![text(format!("must be {value}"))],
        Message::Enum(values) => vec![text(format!("must be one of {}", joined(values)))],
        Message::Bound(bound, limit) => {
            let words = match bound {
                Bound::MultipleOf => "must be a multiple of",
                Bound::Maximum => "must be at most",
                Bound::ExclusiveMaximum => "must be less than",
                Bound::Minimum => "must be at least",
                Bound::ExclusiveMinimum => "must be greater than",
            };
            vec![text(format!("{words} {limit}"))]
        }
        Message::MaxLength(n) => vec![text(format!("must be at most {n} characters long"))],
        Message::MinLength(n) => vec![text(format!("must be at least {n} characters long"))],
        Message::Pattern(id) => {
            let shown = program
                .patterns
                .get(*id)
                .map(|p| p.translated.as_str())
                .unwrap_or_default();
            vec![text(format!("does not match the pattern {shown}"))]
        }
        Message::Format(format) => vec![text(format!("is not a valid {}", format.name()))],
        Message::MaxItems(n) => vec![text(format!("must have at most {n} items"))],
        Message::MinItems(n) => vec![text(format!("must have at least {n} items"))],
        Message::UniqueItems => vec![text("items must be unique")],
        Message::MaxProperties(n) => vec![text(format!("must have at most {n} properties"))],
        Message::MinProperties(n) => vec![text(format!("must have at least {n} properties"))],
        Message::Required => vec![text("missing required property "), DEBUG_ARG],
        Message::DependentRequired { when } => vec![
            text("missing property "),
            DEBUG_ARG,
            text(format!(", required when {when:?} is present")),
        ],
        Message::ContainsTooFew(min) => vec![
            text(format!(
                "must contain at least {min} matching item(s), found "
            )),
            ARG,
        ],
        Message::ContainsTooMany(max) => vec![
            text(format!(
                "must contain at most {max} matching item(s), found "
            )),
            ARG,
        ],
        Message::Content => vec![ARG],
        Message::Embedded => vec![text("embedded JSON at "), ARG, text(": "), ARG],
        Message::AnyOfNone => vec![
            text("must be valid against at least one alternative: "),
            ARG,
        ],
        Message::OneOfNone => vec![
            text("must be valid against exactly one alternative, but matches none: "),
            ARG,
        ],
        Message::OneOfMany => vec![
            text("must be valid against exactly one alternative, but matches "),
            ARG,
        ],
        Message::Not => vec![text("must not be valid against the schema in \"not\"")],
    }
}

/// `String::from("...")`, the argument itself when the message is just it, or `format!`.
fn render(pieces: Vec<Piece>, args: Vec<Arg>) -> TokenStream {
    if let ([Piece::Arg { debug: false }], [Arg::Ident(arg)]) = (pieces.as_slice(), args.as_slice())
    {
        return quote!(#arg);
    }
    if !pieces.iter().any(|p| matches!(p, Piece::Arg { .. })) {
        let plain: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Arg { .. } => "",
            })
            .collect();
        return quote!(String::from(#plain));
    }
    let mut format = String::new();
    let mut positional = Vec::new();
    let mut args = args.into_iter();
    for piece in pieces {
        match piece {
            Piece::Text(t) => format.push_str(&t.replace('{', "{{").replace('}', "}}")),
            Piece::Arg { debug } => {
                let spec = if debug { ":?" } else { "" };
                match args.next() {
                    Some(Arg::Ident(name)) => format.push_str(&format!("{{{name}{spec}}}")),
                    Some(Arg::Expr(expr)) => {
                        format.push_str(&format!("{{{spec}}}"));
                        positional.push(expr);
                    }
                    // A missing argument shows as nothing rather than breaking the format.
                    None => {}
                }
            }
        }
    }
    quote!(format!(#format #(, #positional)*))
}
