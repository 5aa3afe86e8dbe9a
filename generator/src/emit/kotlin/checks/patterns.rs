//! Pattern statics: a pattern whose parsed form is plain pieces becomes a private function
//! over the string's code points (each piece a `Patterns` call on a class table); any other an
//! RE2/J `Pattern`.

use super::Printer;
use crate::emit::kotlin::layout::{string_literal, Expr, Writer};
use crate::ir::check::{CharClass, PatternForm, PatternId, Piece};

/// The function deciding pattern `id` when it is plain pieces.
fn function_name(id: PatternId) -> String {
    format!("matchesPattern{id}")
}

impl Printer<'_> {
    /// Whether the string `x` matches pattern `id`.
    pub(super) fn pattern_matches(&mut self, id: PatternId, x: &str) -> String {
        self.statics.patterns.insert(id);
        match self.program.patterns.get(id).map(|p| &p.form) {
            Some(PatternForm::Whole(_)) => format!("{}({x})", function_name(id)),
            _ => format!("PATTERN_{id}.matcher({x}).find()"),
        }
    }

    /// The class tables, RE2/J patterns and pattern functions the printed code uses.
    pub(super) fn write_patterns(&mut self, w: &mut Writer) {
        let mut classes: Vec<&CharClass> = Vec::new();
        for id in &self.statics.patterns {
            if let Some(PatternForm::Whole(pieces)) =
                self.program.patterns.get(*id).map(|p| &p.form)
            {
                for piece in pieces {
                    if let Piece::Class { class, .. } = piece {
                        if !classes.contains(&class) {
                            classes.push(class);
                        }
                    }
                }
            }
        }
        let int_array = self.symbols.name("IntArray");
        for (i, class) in classes.iter().enumerate() {
            let bounds = class
                .0
                .iter()
                .flat_map(|&(start, end)| [start, end])
                .map(|c| Expr::atom(format!("0x{:X}", c as u32)))
                .collect();
            w.assign(
                &format!("private val CLASS_{i}: {int_array}"),
                &Expr::call("intArrayOf", bounds),
            );
            w.line("");
        }
        let program = self.program;
        for id in self.statics.patterns.clone() {
            let Some(pattern) = program.patterns.get(id) else {
                continue;
            };
            match &pattern.form {
                PatternForm::Whole(pieces) => {
                    let class_index = |class: &CharClass| {
                        classes.iter().position(|c| *c == class).unwrap_or_default()
                    };
                    self.write_pieces(w, id, pieces, class_index);
                }
                PatternForm::Engine => {
                    let compiled = self.symbols.name("Pattern");
                    let compile = Expr::call(
                        format!("{compiled}.compile"),
                        // The translated dialect is the one RE2/J shares with Rust's `regex`.
                        vec![Expr::atom(string_literal(&pattern.translated))],
                    );
                    w.assign(&format!("private val PATTERN_{id}: {compiled}"), &compile);
                }
            }
            w.line("");
        }
    }

    /// `private fun matchesPatternN(s: String): Boolean`: each piece from where the last
    /// stopped, and the whole string used.
    fn write_pieces(
        &mut self,
        w: &mut Writer,
        id: PatternId,
        pieces: &[Piece],
        class_index: impl Fn(&CharClass) -> usize,
    ) {
        let (string, boolean) = (self.symbols.name("String"), self.symbols.name("Boolean"));
        let signature = format!("private fun {}(s: {string}): {boolean}", function_name(id));
        if pieces.is_empty() {
            w.line(&format!("{signature} = s.isEmpty()"));
            return;
        }
        let patterns = self.symbols.name("Patterns");
        w.open(&format!("{signature} {{"));
        for (i, piece) in pieces.iter().enumerate() {
            let at = if i == 0 { "0" } else { "at" };
            let call = match piece {
                Piece::Literal(text) => Expr::call(
                    format!("{patterns}.literal"),
                    vec![
                        Expr::atom("s"),
                        Expr::atom(at),
                        Expr::atom(string_literal(text)),
                    ],
                ),
                Piece::Class { class, min, max } => Expr::call(
                    format!("{patterns}.span"),
                    vec![
                        Expr::atom("s"),
                        Expr::atom(at),
                        Expr::atom(format!("CLASS_{}", class_index(class))),
                        Expr::atom(min.to_string()),
                        Expr::atom(match max {
                            Some(max) => max.to_string(),
                            None => format!("{patterns}.UNBOUNDED"),
                        }),
                    ],
                ),
            };
            let lhs = match (i, pieces.len()) {
                (0, 1) => "val at",
                (0, _) => "var at",
                _ => "at",
            };
            w.assign(lhs, &call);
        }
        w.line("return at == s.length");
        w.close("}");
    }
}
