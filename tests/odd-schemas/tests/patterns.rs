//! The patterns the generator compiles to plain code answer as the regex engine does: every
//! property of `schema/patterns` (one shape each) on every short string over an alphabet of the
//! characters at the edges of its classes, and on every one-character change of a long match.

use odd_schemas::contracts::patterns::request;
use regex::Regex;
use serde_json::json;

const ALPHABET: &[&str] = &[
    "0", "1", "2", "7", "9", "a", "b", "c", "d", "f", "g", "A", "B", "C", "D", "F", "G", "_", "-",
    "x", ":", "é", " ", "`", "@", "/",
];

/// Every property with its pattern, and a string each matches, from the schema itself.
fn properties() -> Vec<(String, Regex, &'static str)> {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schema/patterns/request.schema.json"))
            .unwrap_or_default();
    let examples = [
        ("digits", "0123456789"),
        ("anyLetters", "abcabc"),
        ("oneOf", "a_b_ab"),
        ("code", "aF-x_bc:7"),
        ("single", "7"),
        ("mixed", "AC09af"),
        ("wide", "éa-3"),
    ];
    let properties = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    assert_eq!(properties.len(), examples.len());
    examples
        .iter()
        .map(|&(name, example)| {
            let pattern = properties[name]["pattern"].as_str().unwrap_or_default();
            let engine = Regex::new(pattern).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name.to_string(), engine, example)
        })
        .collect()
}

fn strings_up_to(length: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..length {
        last = last
            .iter()
            .flat_map(|s| ALPHABET.iter().map(move |c| format!("{s}{c}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}

/// The example, each of its characters replaced by each of the alphabet, dropped, or doubled,
/// and a character added at each end.
fn near(example: &str) -> Vec<String> {
    let chars: Vec<char> = example.chars().collect();
    let mut out = vec![example.to_string()];
    for at in 0..chars.len() {
        let (before, after): (String, String) = (
            chars[..at].iter().collect(),
            chars[at + 1..].iter().collect(),
        );
        out.push(format!("{before}{after}"));
        out.push(format!("{before}{}{}{after}", chars[at], chars[at]));
        for c in ALPHABET {
            out.push(format!("{before}{c}{after}"));
        }
    }
    for c in ALPHABET {
        out.push(format!("{c}{example}"));
        out.push(format!("{example}{c}"));
    }
    out
}

#[test]
fn compiled_patterns_answer_as_the_engine_does() {
    let short = strings_up_to(3);
    for (name, engine, example) in properties() {
        assert!(engine.is_match(example), "{name}: {example}");
        let mut matched = 0;
        for s in short.iter().cloned().chain(near(example)) {
            let valid = request::validate(&json!({ name.as_str(): s })).is_ok();
            assert_eq!(valid, engine.is_match(&s), "{name}: {s:?}");
            matched += usize::from(valid);
        }
        // Each property is tested on matches and on strings that miss.
        assert!(matched > 0, "{name}");
    }
}
