//! Documentation text from `title` and `description`, made safe for every printer: a schema may
//! hold any string there, but a doc comment holds lines of printable text (a bare carriage
//! return is an error inside a Rust doc comment).

/// `text` with every line break as `\n` (`\r\n`, `\r`, U+0085, U+2028, U+2029) and every other
/// control character but tab as a space, trimmed; `None` when nothing is left.
pub fn doc_text(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    let trimmed = out.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_newlines_and_controls_spaces() {
        assert_eq!(
            doc_text("a\rb\r\nc\u{2028}d").as_deref(),
            Some("a\nb\nc\nd")
        );
        assert_eq!(doc_text("x\u{1}y\u{7f}z\u{9b}").as_deref(), Some("x y z"));
        assert_eq!(doc_text(" \r\n\u{1} "), None);
        assert_eq!(doc_text("tab\there").as_deref(), Some("tab\there"));
    }
}
