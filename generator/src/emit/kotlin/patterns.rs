//! The IR's patterns as RE2/J reads them. The IR's dialect is the one Rust's `regex` and RE2
//! share, except that RE2/J knows Unicode general categories only by their short names
//! (`\p{L}`, not `\p{Letter}` or `\p{gc=Letter}`) and scripts only by name (`\p{Greek}`, not
//! `\p{Script=Greek}`); those spellings are rewritten here.

/// Long general-category names and their short forms.
const CATEGORIES: &[(&str, &str)] = &[
    ("Letter", "L"),
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
    ("Digit", "Nd"),
    ("Letter_Number", "Nl"),
    ("Other_Number", "No"),
    ("Punctuation", "P"),
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
    ("Format", "Cf"),
    ("Surrogate", "Cs"),
    ("Private_Use", "Co"),
];

/// `pattern` with every `\p{...}` / `\P{...}` name in the spelling RE2/J accepts.
pub fn for_re2j(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(backslash) = rest.find('\\') {
        out.push_str(&rest[..backslash]);
        let escape = &rest[backslash..];
        let property = escape.starts_with("\\p{") || escape.starts_with("\\P{");
        match (property, escape.find('}')) {
            (true, Some(close)) => {
                out.push_str(&escape[..3]);
                out.push_str(short_name(&escape[3..close]));
                out.push('}');
                rest = &escape[close + 1..];
            }
            _ => {
                // Any other escape: copy the backslash and the character it escapes.
                let width = escape[1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&escape[..1 + width]);
                rest = &escape[1 + width..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn short_name(name: &str) -> &str {
    let bare = ["General_Category=", "gc=", "Script=", "sc="]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(name);
    CATEGORIES
        .iter()
        .find(|(long, _)| long.eq_ignore_ascii_case(bare))
        .map_or(bare, |(_, short)| short)
}

#[cfg(test)]
mod tests {
    use super::for_re2j;

    #[test]
    fn long_category_and_script_spellings_become_re2j_names() {
        assert_eq!(for_re2j(r"^\p{Letter}+$"), r"^\p{L}+$");
        assert_eq!(
            for_re2j(r"[\P{gc=Decimal_Number}\p{Script=Greek}]"),
            r"[\P{Nd}\p{Greek}]"
        );
        assert_eq!(for_re2j(r"\p{Lu}\\p{Letter}é"), r"\p{Lu}\\p{Letter}é");
        assert_eq!(for_re2j(r"^[0-9]+\$"), r"^[0-9]+\$");
        assert_eq!(for_re2j("tail\\"), "tail\\");
    }
}
