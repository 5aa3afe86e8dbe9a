//! Which patterns specialise, and that a specialised pattern answers as the engine does on
//! every pattern of the official suite and of `schema/`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::form::matches;
use super::{compile, translate};
use crate::ir::check::{CharClass, PatternForm, Piece};

fn form_of(pattern: &str) -> PatternForm {
    compile(pattern).unwrap().form
}

fn pieces(pattern: &str) -> Vec<Piece> {
    match form_of(pattern) {
        PatternForm::Whole(pieces) => pieces,
        PatternForm::Engine => panic!("{pattern} went to the engine"),
    }
}

fn class(min: u32, max: Option<u32>, ranges: &[(char, char)]) -> Piece {
    Piece::Class {
        class: CharClass(ranges.to_vec()),
        min,
        max,
    }
}

fn literal(text: &str) -> Piece {
    Piece::Literal(text.to_string())
}

const DIGIT: &[(char, char)] = &[('0', '9')];

#[test]
fn anchored_classes_with_counts_specialise() {
    assert_eq!(pieces("^[0-9]+$"), [class(1, None, DIGIT)]);
    assert_eq!(pieces(r"^\d{2,}$"), [class(2, None, DIGIT)]);
    assert_eq!(
        pieces(r"^[0-9]+\.[0-9]{2}$"),
        [
            class(1, None, DIGIT),
            literal("."),
            class(2, Some(2), DIGIT)
        ]
    );
    assert_eq!(
        pieces("^[A-Z]{4}0[A-Z0-9]{6}$"),
        [
            class(4, Some(4), &[('A', 'Z')]),
            literal("0"),
            class(6, Some(6), &[('0', '9'), ('A', 'Z')])
        ]
    );
    assert_eq!(pieces(r"\A[a-f]*\z"), [class(0, None, &[('a', 'f')])]);
    // A group only numbers; a one-char literal counted is a class of that char.
    assert_eq!(
        pieces("^(ab)c?$"),
        [literal("ab"), class(0, Some(1), &[('c', 'c')])]
    );
    assert_eq!(pieces("^a{0}b$"), [literal("b")], "{{0}} matches nothing");
    assert_eq!(pieces("^$"), [], "only the empty string");
    // An alternation of single code points is a class.
    assert_eq!(pieces("^(a|b)$"), [class(1, Some(1), &[('a', 'b')])]);
}

#[test]
fn ecma_classes_keep_their_ecma_meaning() {
    // `\d` is ASCII only in ECMA-262; `.` is anything but a line terminator.
    assert_eq!(pieces(r"^\d$"), [class(1, Some(1), DIGIT)]);
    assert_eq!(
        pieces("^.$"),
        [class(
            1,
            Some(1),
            &[
                ('\0', '\t'),
                ('\u{B}', '\u{C}'),
                ('\u{E}', '\u{2027}'),
                ('\u{202A}', '\u{10FFFF}')
            ]
        )]
    );
    // `[]` matches nothing, `[^]` anything; a negated class is its complement.
    assert_eq!(pieces("^[]$"), [class(1, Some(1), &[])]);
    assert_eq!(
        pieces("^[^]$"),
        [class(1, Some(1), &[('\0', '\u{10FFFF}')])]
    );
    assert_eq!(
        pieces("^[^a]$"),
        [class(1, Some(1), &[('\0', '`'), ('b', '\u{10FFFF}')])]
    );
    // Beyond the Basic Multilingual Plane, code points are single pieces.
    assert_eq!(pieces("^\u{1F600}+$"), [class(1, None, &[('😀', '😀')])]);
    assert_eq!(pieces(r"^\u{1F600}$"), [literal("😀")]);
    // `\w` is ASCII in ECMA-262, so a word run then a non-word code point is decided greedily.
    assert_eq!(pieces(r"^\w+\W$").len(), 2);
}

#[test]
fn what_greedy_matching_cannot_decide_goes_to_the_engine() {
    for pattern in [
        // Unanchored, or anchored on one side only: a search, left to the engine.
        "[0-9]+",
        "^[0-9]+",
        "[0-9]+$",
        "^",
        // An anchor in the middle, an alternation, a repeated group.
        "^a^b$",
        "^a$b",
        "^(ab|c)$",
        "^a|b$",
        "^(ab)+$",
        "^(a{2}){3}$",
        // A run that could take what the next piece needs.
        "^[a-z]+a$",
        "^[a-z]*[0-9]?[a-c]$",
        "^.*$x",
        // Classes too large to print as plain code.
        r"^\p{L}+$",
        r"^\w+\d$",
    ] {
        assert_eq!(form_of(pattern), PatternForm::Engine, "{pattern}");
    }
}

#[test]
fn dollar_is_the_end_of_input_only() {
    // ECMA-262 `$` without the multi-line flag does not match before a final newline, and
    // neither does `regex`'s `$` without `m`; the parsed form agrees.
    let form = form_of("^abc$");
    let engine = regex::Regex::new(&translate("^abc$").unwrap()).unwrap();
    for s in ["abc", "abc\n", "abc\r\n", "\nabc"] {
        assert_eq!(matches(&form, s), Some(s == "abc"), "{s:?}");
        assert_eq!(engine.is_match(s), s == "abc", "{s:?}");
    }
}

#[test]
fn a_specialised_pattern_is_ascii_only_when_all_its_pieces_are() {
    assert!(form_of("^[0-9]+$").is_ascii());
    assert!(!form_of("^[0-9]+é$").is_ascii());
    assert!(!form_of("^[^a]$").is_ascii());
    assert!(!form_of("[0-9]").is_ascii(), "the engine decides");
}

/// The repository root, two levels above this crate.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn suite() -> PathBuf {
    match std::env::var_os("JSON_SCHEMA_TEST_SUITE") {
        Some(dir) => PathBuf::from(dir),
        None => root().join("../shared/json-schema-test-suite"),
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// Every `pattern` and `patternProperties` key in `value`, and every string (and member name)
/// anywhere in it, as test strings.
fn collect(value: &Value, patterns: &mut Vec<String>, strings: &mut Vec<String>) {
    match value {
        Value::String(s) => strings.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect(v, patterns, strings)),
        Value::Object(map) => {
            if let Some(Value::String(p)) = map.get("pattern") {
                patterns.push(p.clone());
            }
            if let Some(Value::Object(keys)) = map.get("patternProperties") {
                patterns.extend(keys.keys().cloned());
            }
            for (key, value) in map {
                strings.push(key.clone());
                collect(value, patterns, strings);
            }
        }
        _ => {}
    }
}

/// Strings at the edges of a specialised pattern: each piece at its minimum, one below and one
/// above, and its maximum, from the first, last and a neighbouring code point of each range;
/// then each of those with a code point dropped, doubled, or a newline added.
fn edge_strings(pieces: &[Piece]) -> Vec<String> {
    let mut samples = vec![String::new()];
    for piece in pieces {
        let options: Vec<String> = match piece {
            Piece::Literal(text) => vec![text.clone(), String::new()],
            Piece::Class { class, min, max } => {
                let mut members: Vec<char> = Vec::new();
                for &(start, end) in &class.0 {
                    members.extend([start, end]);
                    members.extend(char::from_u32(end as u32 + 1));
                    members.extend((start as u32).checked_sub(1).and_then(char::from_u32));
                }
                if members.is_empty() {
                    members.push('a');
                }
                let mut counts = vec![*min, min.saturating_sub(1), min + 1];
                counts.extend(max.map(|m| m.min(64)));
                counts.extend(max.map(|m| m.min(64) + 1));
                let mut options = Vec::new();
                for count in counts {
                    for (i, c) in members.iter().enumerate() {
                        let first = members[(i + 1) % members.len()];
                        let run: String = (0..count)
                            .map(|k| if k == 0 { first } else { *c })
                            .collect();
                        options.push(run);
                    }
                }
                options
            }
        };
        let mut next = Vec::new();
        for sample in &samples {
            for option in &options {
                next.push(format!("{sample}{option}"));
            }
        }
        next.sort();
        next.dedup();
        // Bound the product over many pieces; the cut keeps a spread of samples.
        let step = next.len() / 2000 + 1;
        samples = next.into_iter().step_by(step).collect();
    }
    let mut out = Vec::new();
    for sample in samples {
        let chars: Vec<char> = sample.chars().collect();
        for i in 0..chars.len() {
            let mut dropped = chars.clone();
            dropped.remove(i);
            out.push(dropped.iter().collect());
            let mut doubled = chars.clone();
            doubled.insert(i, chars[i]);
            out.push(doubled.iter().collect());
        }
        out.push(format!("{sample}\n"));
        out.push(format!("\n{sample}"));
        out.push(sample);
    }
    out
}

/// Property: for every pattern of the official suite and of `schema/` that specialises, the
/// parsed form answers as the `regex` crate does on the translated text, on the suite's own
/// strings and on strings at the edges of the pattern's pieces.
#[test]
fn specialised_patterns_answer_as_the_engine_on_the_suite_and_the_contracts() {
    let mut files = Vec::new();
    json_files(&suite().join("tests/draft2020-12"), &mut files);
    assert!(
        files.len() > 40,
        "the official suite is not at {} (set JSON_SCHEMA_TEST_SUITE)",
        suite().display()
    );
    let suite_files = files.len();
    json_files(&root().join("schema"), &mut files);
    json_files(&root().join("tests/vectors"), &mut files);
    assert!(files.len() > suite_files, "no schema/ files");
    let (mut patterns, mut strings) = (Vec::new(), Vec::new());
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        collect(&value, &mut patterns, &mut strings);
    }
    patterns.extend(
        [
            "^[0-9]+$",
            r"^\d{3}-\d{4}$",
            "^[^a]*$",
            "^.{2,4}$",
            "^[é-ú]+x?$",
            "^\u{1F600}{2}[^\u{1F600}]$",
            "^[]?a$",
            r"^\s+$",
            "^[a-z0-9.]+@[a-z]+$",
        ]
        .map(String::from),
    );
    patterns.sort();
    patterns.dedup();
    strings.sort();
    strings.dedup();
    let (mut specialised, mut checked) = (Vec::new(), 0);
    for source in &patterns {
        let Ok(pattern) = compile(source) else {
            continue;
        };
        let PatternForm::Whole(pieces) = &pattern.form else {
            continue;
        };
        let engine = regex::Regex::new(&pattern.translated).unwrap();
        let mut inputs = edge_strings(pieces);
        inputs.extend(strings.iter().cloned());
        for s in &inputs {
            assert_eq!(
                matches(&pattern.form, s),
                Some(engine.is_match(s)),
                "pattern {source:?} (translated {:?}) on {s:?}",
                pattern.translated
            );
            checked += 1;
        }
        specialised.push(source.as_str());
    }
    for expected in [
        "^[0-9]+$",
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$",
        "^a*$",
    ] {
        assert!(
            specialised.contains(&expected),
            "{expected} did not specialise"
        );
    }
    assert!(checked > 10_000, "only {checked} strings were compared");
}
