//! The message catalogue: every failure a validator can report, with one text for the generated
//! Rust, the generated Kotlin and `contractgen validate`. Printers render a template into the
//! code they print; the CLI renders it from the `jsonschema` crate's error kinds.
//!
//! Texts say what was expected and what was found. They never quote the payload's own values
//! (payloads carry tokens, account data and amounts, and messages end up in logs): what was
//! found is a JSON type, a length, a count or a fixed description. Values from the schema
//! (limits, constants, patterns) are quoted. A library's own error text (a JSON parser's, a
//! base64 decoder's) differs per language and never reaches a message.
//!
//! `anyOf`/`oneOf` failures are explained the same way in both languages: by the number of
//! alternatives and of branches that matched, without the branches' own errors (which would
//! depend on each language's order of evaluation and make messages grow with the schema).

/// One kind of failure. The id names it in docs and tests; its template has `{name}`
/// placeholders for its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MessageId {
    TypeMismatch,
    ConstMismatch,
    EnumMismatch,
    NotMultipleOf,
    AboveMaximum,
    NotBelowExclusiveMaximum,
    BelowMinimum,
    NotAboveExclusiveMinimum,
    TooLong,
    TooShort,
    PatternMismatch,
    InvalidFormat,
    ContentNotBase64,
    ContentNotUtf8,
    ContentNotJson,
    ContentInvalid,
    TooManyItems,
    TooFewItems,
    DuplicateItems,
    TooFewContained,
    TooManyContained,
    TooManyProperties,
    TooFewProperties,
    MissingRequired,
    MissingDependent,
    NoAlternativeMatches,
    NoOneOfMatches,
    SeveralOneOfMatch,
    NotMatchedNot,
    FalseSchema,
    DuplicateProperty,
    TooDeep,
}

/// A catalogue entry.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub id: MessageId,
    /// The id as written in docs and test names (`too_long`).
    pub name: &'static str,
    pub template: &'static str,
    /// When the message is reported, and what its arguments are.
    pub doc: &'static str,
}

/// Every message, in keyword order.
pub const CATALOGUE: &[Entry] = &[
    Entry {
        id: MessageId::TypeMismatch,
        name: "type_mismatch",
        template: "expected {expected}, found {found}",
        doc: "`type`: `expected` the allowed types in alphabetical order joined by \" or \", \
              `found` the instance's type (`integer` for a number with a zero fraction)",
    },
    Entry {
        id: MessageId::ConstMismatch,
        name: "const_mismatch",
        template: "expected {expected}, found another value ({found})",
        doc: "`const`: `expected` the constant as JSON, `found` the instance's type",
    },
    Entry {
        id: MessageId::EnumMismatch,
        name: "enum_mismatch",
        template: "expected one of {allowed}, found another value ({found})",
        doc: "`enum`: `allowed` the values as JSON joined by \", \", `found` the instance's type",
    },
    Entry {
        id: MessageId::NotMultipleOf,
        name: "not_multiple_of",
        template: "expected a multiple of {divisor}, found a number that is not",
        doc: "`multipleOf`: `divisor` as written in the schema",
    },
    Entry {
        id: MessageId::AboveMaximum,
        name: "above_maximum",
        template: "expected at most {limit}, found a greater number",
        doc: "`maximum`",
    },
    Entry {
        id: MessageId::NotBelowExclusiveMaximum,
        name: "not_below_exclusive_maximum",
        template: "expected less than {limit}, found a number that is not",
        doc: "`exclusiveMaximum`",
    },
    Entry {
        id: MessageId::BelowMinimum,
        name: "below_minimum",
        template: "expected at least {limit}, found a smaller number",
        doc: "`minimum`",
    },
    Entry {
        id: MessageId::NotAboveExclusiveMinimum,
        name: "not_above_exclusive_minimum",
        template: "expected more than {limit}, found a number that is not",
        doc: "`exclusiveMinimum`",
    },
    Entry {
        id: MessageId::TooLong,
        name: "too_long",
        template: "expected at most {limit} characters, found {found}",
        doc: "`maxLength`: `found` the string's length in code points",
    },
    Entry {
        id: MessageId::TooShort,
        name: "too_short",
        template: "expected at least {limit} characters, found {found}",
        doc: "`minLength`: `found` the string's length in code points",
    },
    Entry {
        id: MessageId::PatternMismatch,
        name: "pattern_mismatch",
        template: "expected a string matching /{pattern}/, found one that does not match",
        doc: "`pattern`: `pattern` the ECMA-262 source from the schema",
    },
    Entry {
        id: MessageId::InvalidFormat,
        name: "invalid_format",
        template: "expected a valid {format}, found a string that is not one",
        doc: "`format` (when asserted): `format` the format name",
    },
    Entry {
        id: MessageId::ContentNotBase64,
        name: "content_not_base64",
        template: "expected base64-encoded content, found a string that is not base64",
        doc: "`contentEncoding: base64`",
    },
    Entry {
        id: MessageId::ContentNotUtf8,
        name: "content_not_utf8",
        template: "expected base64 content that decodes to UTF-8 text, found other bytes",
        doc: "`contentEncoding: base64` with a JSON `contentMediaType`",
    },
    Entry {
        id: MessageId::ContentNotJson,
        name: "content_not_json",
        template: "expected a string holding JSON, found one that does not parse as JSON",
        doc: "`contentMediaType: application/json`",
    },
    Entry {
        id: MessageId::ContentInvalid,
        name: "content_invalid",
        template: "embedded JSON at {pointer}: {message}",
        doc: "`contentSchema`: an error inside the embedded document, reported at the string; \
              `pointer` inside the document (`(root)` for its root), `message` the inner error's",
    },
    Entry {
        id: MessageId::TooManyItems,
        name: "too_many_items",
        template: "expected at most {limit} items, found {found}",
        doc: "`maxItems`: `found` the array's length",
    },
    Entry {
        id: MessageId::TooFewItems,
        name: "too_few_items",
        template: "expected at least {limit} items, found {found}",
        doc: "`minItems`: `found` the array's length",
    },
    Entry {
        id: MessageId::DuplicateItems,
        name: "duplicate_items",
        template: "expected unique items, found duplicates",
        doc: "`uniqueItems: true`",
    },
    Entry {
        id: MessageId::TooFewContained,
        name: "too_few_contained",
        template: "expected at least {min} items matching \"contains\", found {found}",
        doc: "`contains` / `minContains`: `min` the lower bound (1 without `minContains`), \
              `found` how many items matched",
    },
    Entry {
        id: MessageId::TooManyContained,
        name: "too_many_contained",
        template: "expected at most {max} items matching \"contains\", found {found}",
        doc: "`maxContains`: `max` the upper bound, `found` how many items matched",
    },
    Entry {
        id: MessageId::TooManyProperties,
        name: "too_many_properties",
        template: "expected at most {limit} properties, found {found}",
        doc: "`maxProperties`: `found` the object's size",
    },
    Entry {
        id: MessageId::TooFewProperties,
        name: "too_few_properties",
        template: "expected at least {limit} properties, found {found}",
        doc: "`minProperties`: `found` the object's size",
    },
    Entry {
        id: MessageId::MissingRequired,
        name: "missing_required",
        template: "expected required property {name}, found none",
        doc: "`required`: `name` the property as a JSON string",
    },
    Entry {
        id: MessageId::MissingDependent,
        name: "missing_dependent",
        template: "expected property {name}, required when {property} is present, found none",
        doc: "`dependentRequired`: `name` and `property` as JSON strings",
    },
    Entry {
        id: MessageId::NoAlternativeMatches,
        name: "no_alternative_matches",
        template: "expected a value valid against at least one of {count} alternatives, found none",
        doc: "`anyOf`: `count` the number of alternatives",
    },
    Entry {
        id: MessageId::NoOneOfMatches,
        name: "no_one_of_matches",
        template: "expected a value valid against exactly one of {count} alternatives, found none",
        doc: "`oneOf` with no matching branch: `count` the number of alternatives",
    },
    Entry {
        id: MessageId::SeveralOneOfMatch,
        name: "several_one_of_match",
        template:
            "expected a value valid against exactly one of {count} alternatives, found {matched}",
        doc: "`oneOf` with several matching branches: `count` the number of alternatives, \
              `matched` how many matched",
    },
    Entry {
        id: MessageId::NotMatchedNot,
        name: "not_matched_not",
        template: "expected a value not valid against the schema in \"not\", found a valid one",
        doc: "`not`",
    },
    Entry {
        id: MessageId::FalseSchema,
        name: "false_schema",
        template: "expected no value here (the schema is false), found {found}",
        doc: "a `false` schema (also `additionalProperties: false` and the like, at the member): \
              `found` the instance's type",
    },
    Entry {
        id: MessageId::DuplicateProperty,
        name: "duplicate_property",
        template: "expected each property name once, found this one again",
        doc: "JSON text (a payload or embedded JSON) names a property twice in one object; \
              reported at the second one by `from_slice`/`from_str` (Rust), `fromJson` \
              (Kotlin) and the content check, never by a check of an already parsed value, \
              which cannot see it. Said by the runtimes, not printed",
    },
    Entry {
        id: MessageId::TooDeep,
        name: "too_deep",
        template: "expected at most 100 levels of nested arrays and objects, found more",
        doc: "a payload nests arrays and objects deeper than the runtimes' one limit (100, the \
              whole payload being level 1); reported at the first too deep value by every \
              entry point of both languages. Said by the runtimes, not printed",
    },
];

/// Messages the runtimes say themselves (no schema keyword prints them): each runtime holds
/// the catalogue's text as a constant, which a test compares.
pub const RUNTIME_MESSAGES: &[MessageId] = &[MessageId::DuplicateProperty, MessageId::TooDeep];

impl MessageId {
    pub fn entry(self) -> &'static Entry {
        // Every id has exactly one entry (tested), so the fallback is never taken.
        CATALOGUE
            .iter()
            .find(|e| e.id == self)
            .unwrap_or(&CATALOGUE[0])
    }

    pub fn template(self) -> &'static str {
        self.entry().template
    }

    pub fn name(self) -> &'static str {
        self.entry().name
    }

    /// The argument names of the template, in order.
    pub fn arguments(self) -> Vec<&'static str> {
        parts(self.template())
            .into_iter()
            .filter_map(|p| match p {
                Part::Arg(name) => Some(name),
                Part::Text(_) => None,
            })
            .collect()
    }

    /// The text with every argument filled in. An argument not given is left as `{name}`.
    pub fn render(self, args: &[(&str, &str)]) -> String {
        parts(self.template())
            .into_iter()
            .map(|p| match p {
                Part::Text(text) => text.to_string(),
                Part::Arg(name) => match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => value.to_string(),
                    None => format!("{{{name}}}"),
                },
            })
            .collect()
    }

    /// A format string in Rust's `format!` syntax (also read by the Kotlin runtime's
    /// `Checks.message`): arguments known when the code is generated are filled in with their
    /// braces doubled, every other argument becomes `{}`. Returns the string and the names of
    /// the arguments left open, in the order their values must be passed.
    pub fn format_string(self, known: &[(&str, &str)]) -> (String, Vec<&'static str>) {
        let mut text = String::new();
        let mut open = Vec::new();
        for part in parts(self.template()) {
            match part {
                Part::Text(t) => text.push_str(&escape_braces(t)),
                Part::Arg(name) => match known.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => text.push_str(&escape_braces(value)),
                    None => {
                        text.push_str("{}");
                        open.push(name);
                    }
                },
            }
        }
        (text, open)
    }
}

/// A JSON value as quoted in messages: compact JSON, as `serde_json` writes it.
pub fn json_text(value: &serde_json::Value) -> String {
    value.to_string()
}

/// Values as quoted in `enum_mismatch`.
pub fn json_list(values: &[serde_json::Value]) -> String {
    values.iter().map(json_text).collect::<Vec<_>>().join(", ")
}

/// JSON types as quoted in `type_mismatch`: in alphabetical order (the order the `jsonschema`
/// crate keeps them in), whatever the schema's order.
pub fn type_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_unstable();
    names.dedup();
    names.join(" or ")
}

fn escape_braces(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

#[derive(Debug, PartialEq)]
enum Part<'a> {
    Text(&'a str),
    Arg(&'a str),
}

/// A template split at its `{name}` placeholders (templates hold no other braces).
fn parts(template: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        if start > 0 {
            out.push(Part::Text(&rest[..start]));
        }
        out.push(Part::Arg(&rest[start + 1..start + len]));
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        out.push(Part::Text(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [MessageId; 32] = [
        MessageId::TypeMismatch,
        MessageId::ConstMismatch,
        MessageId::EnumMismatch,
        MessageId::NotMultipleOf,
        MessageId::AboveMaximum,
        MessageId::NotBelowExclusiveMaximum,
        MessageId::BelowMinimum,
        MessageId::NotAboveExclusiveMinimum,
        MessageId::TooLong,
        MessageId::TooShort,
        MessageId::PatternMismatch,
        MessageId::InvalidFormat,
        MessageId::ContentNotBase64,
        MessageId::ContentNotUtf8,
        MessageId::ContentNotJson,
        MessageId::ContentInvalid,
        MessageId::TooManyItems,
        MessageId::TooFewItems,
        MessageId::DuplicateItems,
        MessageId::TooFewContained,
        MessageId::TooManyContained,
        MessageId::TooManyProperties,
        MessageId::TooFewProperties,
        MessageId::MissingRequired,
        MessageId::MissingDependent,
        MessageId::NoAlternativeMatches,
        MessageId::NoOneOfMatches,
        MessageId::SeveralOneOfMatch,
        MessageId::NotMatchedNot,
        MessageId::FalseSchema,
        MessageId::DuplicateProperty,
        MessageId::TooDeep,
    ];

    #[test]
    fn the_runtimes_say_their_messages_in_the_catalogue_words() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let sources = [
            "runtime/rust/src/__private/strict.rs",
            "runtime/kotlin/src/main/kotlin/contractgen/runtime/StrictJson.kt",
        ];
        for source in sources {
            let text = std::fs::read_to_string(root.join(source)).unwrap_or_default();
            for id in RUNTIME_MESSAGES {
                let message = id.render(&[]);
                assert!(
                    text.contains(&format!("{message:?}")),
                    "{source} lacks {message:?}"
                );
            }
        }
    }

    #[test]
    fn every_id_has_exactly_one_entry_with_a_unique_name() {
        for id in ALL {
            let entries: Vec<_> = CATALOGUE.iter().filter(|e| e.id == id).collect();
            assert_eq!(entries.len(), 1, "{id:?}");
            assert!(!entries[0].template.is_empty() && !entries[0].doc.is_empty());
        }
        assert_eq!(CATALOGUE.len(), ALL.len());
        let mut names: Vec<_> = CATALOGUE.iter().map(|e| e.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CATALOGUE.len());
    }

    #[test]
    fn every_argument_is_documented_and_templates_say_what_was_expected() {
        for entry in CATALOGUE {
            assert!(
                entry.template.starts_with("expected ") || entry.id == MessageId::ContentInvalid,
                "{}",
                entry.name
            );
            for arg in entry.id.arguments() {
                assert!(
                    entry.doc.contains(&format!("`{arg}`")) || ["limit", "found"].contains(&arg),
                    "{}: argument {arg} is not documented",
                    entry.name
                );
                assert!(arg.chars().all(|c| c.is_ascii_lowercase()), "{arg}");
            }
        }
    }

    #[test]
    fn render_fills_every_argument() {
        let text = MessageId::TooLong.render(&[("limit", "5"), ("found", "7")]);
        assert_eq!(text, "expected at most 5 characters, found 7");
        assert_eq!(
            MessageId::TooLong.render(&[("limit", "5")]),
            "expected at most 5 characters, found {found}"
        );
        assert_eq!(MessageId::TooLong.arguments(), ["limit", "found"]);
        assert!(MessageId::DuplicateItems.arguments().is_empty());
    }

    #[test]
    fn format_strings_escape_schema_text_and_leave_run_time_arguments_open() {
        let (text, open) = MessageId::EnumMismatch.format_string(&[("allowed", "{\"a\":1}")]);
        assert_eq!(
            text,
            "expected one of {{\"a\":1}}, found another value ({})"
        );
        assert_eq!(open, ["found"]);
        let (text, open) = MessageId::PatternMismatch.format_string(&[("pattern", "^a{2}$")]);
        assert_eq!(
            text,
            "expected a string matching /^a{{2}}$/, found one that does not match"
        );
        assert!(open.is_empty());
    }
}
