//! The `regex` format: an ECMA-262 regular expression, parsed by the `regress` crate.
//! (Behind the `ecma-regex` feature.)

/// Parsed with the `u` flag, as JSON Schema 2020-12 asks of regular expressions: that rejects
/// the legacy escapes of Annex B such as `\a`.
#[must_use]
pub fn regex(s: &str) -> bool {
    ::regress::Regex::with_flags(s, "u").is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn annex_b_escapes_are_rejected() {
        assert!(super::regex("([abc])+\\s+$") && super::regex("(?<year>\\d{4})"));
        assert!(!super::regex("^\\a") && !super::regex("(unclosed"));
    }
}
