//! A JSON writer for the settings document, by hand because the crate has no dependencies.
//! Only objects, arrays of string pairs, strings and booleans are needed.

/// Appends `text` as a JSON string: quotes, backslashes and control characters escaped;
/// everything else, non-ASCII included, as UTF-8 (which JSON allows).
pub fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// An object written member by member; `finish` closes it.
pub struct Object {
    text: String,
    empty: bool,
}

impl Object {
    pub fn new() -> Self {
        Object {
            text: String::from("{"),
            empty: true,
        }
    }

    fn key(&mut self, key: &str) {
        if !self.empty {
            self.text.push(',');
        }
        self.empty = false;
        string(&mut self.text, key);
        self.text.push(':');
    }

    pub fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        string(&mut self.text, value);
    }

    pub fn bool(&mut self, key: &str, value: bool) {
        self.key(key);
        self.text.push_str(if value { "true" } else { "false" });
    }

    /// A nested object, already finished.
    pub fn object(&mut self, key: &str, value: Object) {
        self.key(key);
        self.text.push_str(&value.finish());
    }

    /// An array of two-string arrays (`[["prefix", "dir"], ...]`).
    pub fn pairs(&mut self, key: &str, pairs: &[(String, String)]) {
        self.key(key);
        self.text.push('[');
        for (i, (a, b)) in pairs.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            self.text.push('[');
            string(&mut self.text, a);
            self.text.push(',');
            string(&mut self.text, b);
            self.text.push(']');
        }
        self.text.push(']');
    }

    pub fn finish(mut self) -> String {
        self.text.push('}');
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> String {
        let mut out = String::new();
        string(&mut out, text);
        out
    }

    #[test]
    fn strings_escape_quotes_backslashes_and_control_characters() {
        assert_eq!(quoted(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(
            quoted("line\nnext\ttab\r\u{1}"),
            r#""line\nnext\ttab\r\u0001""#
        );
        // Non-ASCII stays as it is: JSON text is UTF-8.
        assert_eq!(quoted("schémas/ünï €"), "\"schémas/ünï €\"");
        assert_eq!(quoted(r"C:\schemas\pay"), r#""C:\\schemas\\pay""#);
    }

    #[test]
    fn objects_separate_members_and_nest() {
        let mut inner = Object::new();
        inner.bool("assertFormat", true);
        let mut outer = Object::new();
        outer.string("schemaDir", "s\"");
        outer.object("vocabulary", inner);
        outer.pairs("typeAttributes", &[(".".into(), "#[derive(Eq)]".into())]);
        outer.pairs("fieldAttributes", &[]);
        assert_eq!(
            outer.finish(),
            r##"{"schemaDir":"s\"","vocabulary":{"assertFormat":true},"typeAttributes":[[".","#[derive(Eq)]"]],"fieldAttributes":[]}"##
        );
        assert_eq!(Object::new().finish(), "{}");
    }
}
