//! The supported `pattern` dialect. JSON Schema patterns are ECMA-262 and unanchored; the
//! generated code runs them on linear-time engines (Rust's `regex`, RE2/J on the JVM), which
//! share one syntax. This module translates the ECMA-262 constructs whose meaning differs
//! (`\d`, `\w`, `\s`, `.`, `\uXXXX`, `(?<name>`), and rejects those no linear-time engine has
//! (look-around, backreferences) with an error instead of a silently different check.
//! [`form`] reads the translation back as pieces printers turn into plain code.

mod form;
#[cfg(test)]
mod form_tests;

pub use form::form;

use crate::ir::check::Pattern;

/// A schema's `pattern` as the check program keeps it: as written, translated, and parsed.
pub fn compile(source: &str) -> Result<Pattern, String> {
    let translated = translate(source)?;
    Ok(Pattern {
        source: source.to_string(),
        form: form(&translated),
        translated,
    })
}

/// ECMA-262 WhiteSpace and LineTerminator code points: the meaning of `\s`.
const ECMA_SPACE: &str = r"\t\n\x{0B}\x{0C}\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
const DIGIT: &str = "0-9";
const WORD: &str = "0-9A-Za-z_";
/// `.` matches anything but line terminators in ECMA-262.
const DOT: &str = r"[^\n\r\x{2028}\x{2029}]";

/// Translates an ECMA-262 pattern into the supported dialect, or says why it cannot.
pub fn translate(pattern: &str) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let Some(&next) = chars.get(i + 1) else {
                    return Err("pattern ends with a lone backslash".into());
                };
                i += 2;
                match next {
                    'd' => push_class(&mut out, in_class, DIGIT, false)?,
                    'D' => push_class(&mut out, in_class, DIGIT, true)?,
                    'w' => push_class(&mut out, in_class, WORD, false)?,
                    'W' => push_class(&mut out, in_class, WORD, true)?,
                    's' => push_class(&mut out, in_class, ECMA_SPACE, false)?,
                    'S' => push_class(&mut out, in_class, ECMA_SPACE, true)?,
                    '1'..='9' => {
                        return Err(
                            "backreferences are not supported (linear-time engines only)".into(),
                        )
                    }
                    'k' if chars.get(i) == Some(&'<') => {
                        return Err("named backreferences are not supported".into())
                    }
                    'u' => {
                        let (code, used) = unicode_escape(&chars[i..])?;
                        out.push_str(&format!("\\x{{{code:X}}}"));
                        i += used;
                    }
                    'c' => {
                        let Some(letter) = chars.get(i).filter(|l| l.is_ascii_alphabetic()) else {
                            return Err("\\c must be followed by a letter".into());
                        };
                        out.push_str(&format!("\\x{{{:X}}}", (*letter as u32) % 32));
                        i += 1;
                    }
                    'p' | 'P' if chars.get(i) == Some(&'{') => {
                        let close = chars[i..]
                            .iter()
                            .position(|&c| c == '}')
                            .ok_or("unterminated \\p{...}")?;
                        let name: String = chars[i + 1..i + close].iter().collect();
                        out.push_str(&format!("\\{next}{{{}}}", property_name(&name)));
                        i += close + 1;
                    }
                    '/' => out.push('/'),
                    '0' => out.push_str("\\x{0}"),
                    _ => {
                        out.push('\\');
                        out.push(next);
                    }
                }
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // `[]` matches nothing and `[^]` anything in ECMA-262.
                if chars.get(i + 1) == Some(&']') {
                    out.push_str(r"^\x{0}-\x{10FFFF}]");
                    in_class = false;
                    i += 2;
                    continue;
                }
                if chars.get(i + 1) == Some(&'^') && chars.get(i + 2) == Some(&']') {
                    out.push_str(r"\x{0}-\x{10FFFF}]");
                    in_class = false;
                    i += 3;
                    continue;
                }
            }
            '[' => out.push_str("\\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str(DOT),
            '(' if !in_class && chars.get(i + 1) == Some(&'?') => {
                let rest: String = chars[i + 2..].iter().take(2).collect();
                if rest.starts_with('=') || rest.starts_with('!') || rest == "<=" || rest == "<!" {
                    return Err(
                        "look-around assertions are not supported (linear-time engines only)"
                            .into(),
                    );
                }
                if rest.starts_with('<') {
                    out.push_str("(?P<");
                    i += 3;
                    continue;
                }
                out.push('(');
            }
            // Rust's and RE2's parsers treat these as special inside classes.
            '&' | '~' | '-' if in_class && chars.get(i + 1) == Some(&c) => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    regex_syntax::Parser::new()
        .parse(&out)
        .map_err(|e| format!("not a valid regular expression: {e}"))?;
    Ok(out)
}

/// Long general-category names (ECMA-262 accepts them) and their short forms, which every
/// target engine knows (RE2/J knows only these).
const CATEGORIES: &[(&str, &str)] = &[
    ("Letter", "L"),
    ("Cased_Letter", "LC"),
    ("Uppercase_Letter", "Lu"),
    ("Lowercase_Letter", "Ll"),
    ("Titlecase_Letter", "Lt"),
    ("Modifier_Letter", "Lm"),
    ("Other_Letter", "Lo"),
    ("Mark", "M"),
    ("Combining_Mark", "M"),
    ("Nonspacing_Mark", "Mn"),
    ("Spacing_Mark", "Mc"),
    ("Enclosing_Mark", "Me"),
    ("Number", "N"),
    ("Decimal_Number", "Nd"),
    // Unicode's other aliases (PropertyValueAliases.txt): Rust's regex reads them, RE2/J
    // throws on them when the class loads, so they are spelled out here like the long names.
    ("digit", "Nd"),
    ("Digit", "Nd"),
    ("Letter_Number", "Nl"),
    ("Other_Number", "No"),
    ("Punctuation", "P"),
    ("punct", "P"),
    ("Connector_Punctuation", "Pc"),
    ("Dash_Punctuation", "Pd"),
    ("Open_Punctuation", "Ps"),
    ("Close_Punctuation", "Pe"),
    ("Initial_Punctuation", "Pi"),
    ("Final_Punctuation", "Pf"),
    ("Other_Punctuation", "Po"),
    ("Symbol", "S"),
    ("Math_Symbol", "Sm"),
    ("Currency_Symbol", "Sc"),
    ("Modifier_Symbol", "Sk"),
    ("Other_Symbol", "So"),
    ("Separator", "Z"),
    ("Space_Separator", "Zs"),
    ("Line_Separator", "Zl"),
    ("Paragraph_Separator", "Zp"),
    ("Other", "C"),
    ("Control", "Cc"),
    ("cntrl", "Cc"),
    ("Format", "Cf"),
    ("Surrogate", "Cs"),
    ("Private_Use", "Co"),
    ("Unassigned", "Cn"),
];

/// A `\p{...}` name in the spelling all target engines share: general categories by their
/// short names, scripts by their bare names (`Script=Greek` and `sc=Greek` are `Greek`).
fn property_name(name: &str) -> String {
    let (key, value) = match name.split_once('=') {
        Some((key, value)) => (Some(key), value),
        None => (None, name),
    };
    match key {
        Some("Script" | "sc" | "Script_Extensions" | "scx") => value.to_string(),
        _ => CATEGORIES
            .iter()
            .find(|(long, _)| *long == value)
            .map_or(value, |(_, short)| short)
            .to_string(),
    }
}

fn push_class(
    out: &mut String,
    in_class: bool,
    members: &str,
    negated: bool,
) -> Result<(), String> {
    match (in_class, negated) {
        (true, false) => out.push_str(members),
        (true, true) => {
            return Err(
                "a negated class escape (\\D, \\W, \\S) inside [...] is not supported".into(),
            )
        }
        (false, false) => out.push_str(&format!("[{members}]")),
        (false, true) => out.push_str(&format!("[^{members}]")),
    }
    Ok(())
}

/// Reads the part of `\uXXXX` or `\u{X...}` after the `u`; returns the code point and chars used.
fn unicode_escape(rest: &[char]) -> Result<(u32, usize), String> {
    if rest.first() == Some(&'{') {
        let end = rest
            .iter()
            .position(|&c| c == '}')
            .ok_or("unterminated \\u{...}")?;
        let hex: String = rest[1..end].iter().collect();
        let code = u32::from_str_radix(&hex, 16).map_err(|_| "bad \\u{...} escape")?;
        return Ok((code, end + 1));
    }
    let hex: String = rest.iter().take(4).collect();
    if hex.len() != 4 {
        return Err("\\u must be followed by four hex digits".into());
    }
    let code = u32::from_str_radix(&hex, 16).map_err(|_| "bad \\uXXXX escape")?;
    if (0xD800..0xE000).contains(&code) {
        return Err("surrogate code points cannot be matched".into());
    }
    Ok((code, 4))
}

#[cfg(test)]
mod tests {
    use super::translate;

    fn matches(pattern: &str, text: &str) -> bool {
        regex::Regex::new(&translate(pattern).unwrap())
            .unwrap()
            .is_match(text)
    }

    #[test]
    fn digits_are_ascii_as_in_ecma() {
        assert!(matches(r"^\d+$", "0123"));
        assert!(
            !matches(r"^\d+$", "١٢٣"),
            "Arabic-Indic digits are not \\d in ECMA-262"
        );
        assert!(matches(r"^[\d-]+$", "12-3"));
    }

    #[test]
    fn dot_excludes_line_terminators() {
        assert!(!matches(r"^.$", "\r"));
        assert!(matches(r"^.$", "é"));
    }

    #[test]
    fn unanchored_and_unicode_escapes() {
        assert!(matches("es", "test"));
        assert!(matches(r"^\u00e9$", "é"));
        assert!(matches(r"^(?<year>\d{4})$", "2024"));
    }

    #[test]
    fn property_names_take_their_short_form() {
        assert_eq!(translate(r"^\p{Letter}+$").unwrap(), r"^\p{L}+$");
        assert_eq!(translate(r"\P{gc=Decimal_Number}").unwrap(), r"\P{Nd}");
        assert_eq!(translate(r"\p{Script=Greek}").unwrap(), r"\p{Greek}");
        assert!(matches(r"^\p{Lowercase_Letter}$", "é"));
    }

    /// optional/ecmascript-regex.json "pattern with non-ASCII digits": `\p{digit}` reached
    /// RE2/J as is and made the Kotlin validator's class fail to load.
    #[test]
    fn unicode_aliases_take_the_short_form() {
        assert_eq!(translate(r"^\p{digit}+$").unwrap(), r"^\p{Nd}+$");
        assert_eq!(translate(r"\P{punct}").unwrap(), r"\P{P}");
        assert_eq!(translate(r"\p{cntrl}").unwrap(), r"\p{Cc}");
        assert!(matches(r"^\p{digit}+$", "\u{09EA}\u{09E8}"));
    }

    #[test]
    fn rejects_what_linear_engines_lack() {
        assert!(translate(r"(a)\1").unwrap_err().contains("backreference"));
        assert!(translate(r"a(?=b)").unwrap_err().contains("look-around"));
        assert!(translate(r"(?<!a)b").unwrap_err().contains("look-around"));
        assert!(translate(r"[").is_err());
    }
}
