//! The parsed form of a translated pattern ([`PatternForm`]), read off `regex_syntax`'s `Hir`,
//! which is exact about Unicode classes and case: what the engine would answer, in pieces a
//! printer turns into plain code. Only fully anchored patterns whose pieces can be taken
//! greedily specialise; unanchored ones (`[0-9]+` means "contains a digit") stay with the
//! engine, which searches them in one linear pass.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

use crate::ir::check::{CharClass, PatternForm, Piece};

/// Classes of more ranges stay with the engine: as plain code they would be long (`\p{L}` has
/// hundreds of ranges) for little gain.
const MAX_RANGES: usize = 16;

/// The form of `translated`, a pattern in the dialect `super::translate` writes.
pub fn form(translated: &str) -> PatternForm {
    regex_syntax::Parser::new()
        .parse(translated)
        .ok()
        .and_then(|hir| whole(&hir))
        .unwrap_or(PatternForm::Engine)
}

/// `^ pieces $` (or `\A … \z`: the same `Look`s without the multi-line flag, which JSON Schema
/// patterns cannot set), when greedy matching decides it.
fn whole(hir: &Hir) -> Option<PatternForm> {
    let hir = uncaptured(hir);
    let items: Vec<&Hir> = match hir.kind() {
        HirKind::Concat(items) => items.iter().map(uncaptured).collect(),
        _ => return None,
    };
    let (first, rest) = items.split_first()?;
    let (last, middle) = rest.split_last()?;
    if first.kind() != &HirKind::Look(Look::Start) || last.kind() != &HirKind::Look(Look::End) {
        return None;
    }
    let mut pieces = Vec::new();
    for item in middle {
        push_pieces(item, &mut pieces)?;
    }
    greedy_decides(&pieces).then_some(PatternForm::Whole(pieces))
}

/// A group only numbers what it holds; matching ignores it.
fn uncaptured(hir: &Hir) -> &Hir {
    match hir.kind() {
        HirKind::Capture(capture) => uncaptured(&capture.sub),
        _ => hir,
    }
}

/// Appends what `hir` matches as pieces; `None` for anything but literals, classes and counted
/// classes (an anchor in the middle, an alternation, a repeated group).
fn push_pieces(hir: &Hir, pieces: &mut Vec<Piece>) -> Option<()> {
    match uncaptured(hir).kind() {
        HirKind::Empty => {}
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            match pieces.last_mut() {
                Some(Piece::Literal(before)) => before.push_str(text),
                _ => pieces.push(Piece::Literal(text.to_string())),
            }
        }
        HirKind::Concat(items) => {
            for item in items {
                push_pieces(item, pieces)?;
            }
        }
        HirKind::Repetition(repetition) => {
            // Greedy or lazy, a repetition matches the same strings when the match is whole.
            let class = class_of(&repetition.sub)?;
            if repetition.max != Some(0) {
                pieces.push(Piece::Class {
                    class,
                    min: repetition.min,
                    max: repetition.max,
                });
            }
        }
        HirKind::Class(_) => pieces.push(Piece::Class {
            class: class_of(hir)?,
            min: 1,
            max: Some(1),
        }),
        HirKind::Look(_) | HirKind::Alternation(_) | HirKind::Capture(_) => return None,
    }
    Some(())
}

/// The code points one step of `hir` matches, when it matches exactly one.
fn class_of(hir: &Hir) -> Option<CharClass> {
    match uncaptured(hir).kind() {
        HirKind::Class(Class::Unicode(class)) if class.ranges().len() <= MAX_RANGES => {
            Some(CharClass(
                class
                    .ranges()
                    .iter()
                    .map(|r| (r.start(), r.end()))
                    .collect(),
            ))
        }
        // How `regex_syntax` writes a class that matches nothing (`[]`).
        HirKind::Class(Class::Bytes(class)) if class.ranges().is_empty() => Some(CharClass(vec![])),
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(CharClass(vec![(c, c)])),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether taking each piece as far as it reaches finds every match: a piece of variable
/// length must not share a code point with any piece that could come right after it (the
/// pieces up to the first that takes at least one). Then whether a code point belongs to the
/// piece or to the next is never in doubt.
fn greedy_decides(pieces: &[Piece]) -> bool {
    pieces.iter().enumerate().all(|(i, piece)| {
        let Piece::Class { class, min, max } = piece else {
            return true;
        };
        if *max == Some(*min) {
            return true;
        }
        for next in &pieces[i + 1..] {
            match next {
                Piece::Literal(text) => {
                    return !text.chars().next().is_some_and(|c| class.contains(c));
                }
                Piece::Class {
                    class: other,
                    min: other_min,
                    ..
                } => {
                    if class.intersects(other) {
                        return false;
                    }
                    if *other_min > 0 {
                        return true;
                    }
                }
            }
        }
        true
    })
}

/// Whether `s` matches `form` as the printed code decides it: each piece skips what it takes
/// from the front with the runtime's helpers, and the whole string must be used. `None` for
/// [`PatternForm::Engine`].
#[cfg(test)]
pub fn matches(form: &PatternForm, s: &str) -> Option<bool> {
    use contractgen_runtime::__private::{skip_bytes, skip_chars, skip_exact};
    let PatternForm::Whole(pieces) = form else {
        return None;
    };
    let max = |max: Option<u32>| max.map_or(usize::MAX, |m| m as usize);
    if form.is_ascii() {
        let mut rest = Some(s.as_bytes());
        for piece in pieces {
            rest = rest.and_then(|rest| match piece {
                Piece::Literal(text) => rest.strip_prefix(text.as_bytes()),
                Piece::Class { class, min, max: m } if Some(*min) == *m => {
                    skip_exact(rest, *min as usize, |b| class.contains(b as char))
                }
                Piece::Class { class, min, max: m } => {
                    skip_bytes(rest, *min as usize, max(*m), |b| class.contains(b as char))
                }
            });
        }
        return Some(rest.is_some_and(<[u8]>::is_empty));
    }
    let mut rest = Some(s);
    for piece in pieces {
        rest = rest.and_then(|rest| match piece {
            Piece::Literal(text) => rest.strip_prefix(text.as_str()),
            Piece::Class { class, min, max: m } => {
                skip_chars(rest, *min as usize, max(*m), |c| class.contains(c))
            }
        });
    }
    Some(rest.is_some_and(str::is_empty))
}
