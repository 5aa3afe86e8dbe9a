//! Prints a check program (`ir::check`) as straight-line Rust over `serde_json::Value`. Every
//! function reached from the roots is printed in the forms it is reached in: `check_*` reports
//! each broken rule (instance path, keyword location, message), `valid_*` only answers yes or
//! no, stopping at the first broken rule and building no message. Code is built as token
//! streams; what a block needs (its path, its collector, a label) comes from the program's
//! analyses, never from the printed text.

mod assertions;
mod calls;
mod members;
mod messages;
mod names;
mod source;
mod steps;
mod trials;
mod values;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::check::{CheckProgram, Form, FunctionId, PatternId};
use names::Names;

/// Rust source for a program: its functions and the statics they use.
pub struct PrintedProgram {
    pub functions: String,
    pub statics: String,
}

/// The name of the yes/no form of a program function.
pub fn valid_name(name: &str) -> String {
    match name.strip_prefix("check") {
        Some(rest) => format!("valid{rest}"),
        None => format!("valid_{name}"),
    }
}

/// Prints the function forms reachable from `roots` (the payload validator and the checks that
/// decide union branches) and the statics they use.
pub fn print_program(program: &CheckProgram, roots: &[(FunctionId, Form)]) -> PrintedProgram {
    let reached = program.reachable(roots);
    let mut statics = Statics::default();
    let mut functions = Vec::new();
    for (id, _) in program.functions.iter().enumerate() {
        for form in [Form::Report, Form::Decide] {
            if reached.contains(&(id, form)) {
                let mut printer = Printer {
                    program,
                    names: Names::default(),
                    statics: &mut statics,
                };
                functions.push(source(printer.function(id, form)));
            }
        }
    }
    PrintedProgram {
        functions: functions.join("\n"),
        statics: source(statics.print(program)),
    }
}

/// Items as source text, one item a line; the file's formatting lays them out.
fn source(items: TokenStream) -> String {
    format!("{}\n", source::compact(items))
}

/// The statics printed functions use: compiled patterns and JSON constants.
#[derive(Default)]
struct Statics {
    patterns: BTreeSet<PatternId>,
    /// Constant values by their JSON text, with the static's name.
    constants: BTreeMap<String, (Ident, TokenStream)>,
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
            let source = program
                .patterns
                .get(*id)
                .map(|p| p.translated.as_str())
                .unwrap_or_default();
            out.extend(quote! {
                static #name: ::std::sync::LazyLock<::regex::Regex> = ::std::sync::LazyLock::new(|| {
                    ::regex::Regex::new(#source).expect("pattern compiled when generated")
                });
            });
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

struct Printer<'a> {
    program: &'a CheckProgram,
    names: Names,
    statics: &'a mut Statics,
}

#[cfg(test)]
mod tests;
