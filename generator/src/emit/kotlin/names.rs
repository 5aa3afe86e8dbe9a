//! Kotlin names for IR names: packages, properties and helpers that are valid identifiers, avoid
//! keywords and never clash with each other or with what the generated code uses unqualified.

use heck::ToLowerCamelCase;

/// Kotlin's hard keywords: never identifiers unless quoted in backticks.
const HARD_KEYWORDS: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
];

pub use crate::emit::naming::Scope;

/// A package segment for a contract or message name (`get_session_token` -> `getsessiontoken`):
/// Kotlin's conventions want lower case without underscores.
pub fn package_segment(name: &str) -> String {
    let mut segment: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if segment.is_empty() || segment.starts_with(|c: char| c.is_ascii_digit()) {
        segment = format!("p{segment}");
    }
    if is_hard_keyword(&segment) {
        segment.push('_');
    }
    segment
}

/// A property or function name for a wire name (`merchant_id` -> `merchantId`), before
/// de-duplication; hard keywords are quoted with backticks by [`identifier`].
pub fn member_name(wire: &str) -> String {
    let mut name: String = wire
        .to_lower_camel_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if name.is_empty() {
        name = "property".to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("_{name}");
    }
    name
}

/// `name` as it must be written in Kotlin source: hard keywords in backticks.
pub fn identifier(name: &str) -> String {
    if is_hard_keyword(name) {
        format!("`{name}`")
    } else {
        name.to_string()
    }
}

pub fn is_hard_keyword(name: &str) -> bool {
    HARD_KEYWORDS.contains(&name)
}

/// The Kotlin name for a schema type name: renamed when it would shadow a name the generated
/// code uses unqualified.
pub fn type_name(ir_name: &str) -> String {
    if super::symbols::is_used_type_name(ir_name) {
        format!("{ir_name}Type")
    } else {
        ir_name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_are_lower_case_without_underscores_or_keywords() {
        assert_eq!(package_segment("get_session_token"), "getsessiontoken");
        assert_eq!(package_segment("request"), "request");
        assert_eq!(package_segment("object"), "object_");
        assert_eq!(package_segment("in"), "in_");
        assert_eq!(package_segment("v2_api"), "v2api");
    }

    #[test]
    fn members_are_lower_camel_case_identifiers() {
        assert_eq!(member_name("merchant_id"), "merchantId");
        assert_eq!(member_name("isDeviceBound"), "isDeviceBound");
        assert_eq!(member_name("DeviceFingerPrint"), "deviceFingerPrint");
        assert_eq!(member_name("$schema"), "schema");
        assert_eq!(member_name("1st-place"), "_1stPlace");
        assert_eq!(member_name("--"), "property");
        assert_eq!(identifier("when"), "`when`");
        assert_eq!(identifier("type"), "type");
        assert_eq!(identifier(&member_name("class")), "`class`");
    }

    #[test]
    fn type_names_never_shadow_what_generated_code_uses() {
        assert_eq!(type_name("Payload"), "Payload");
        assert_eq!(type_name("String"), "StringType");
        assert_eq!(type_name("JsonElement"), "JsonElementType");
    }

    #[test]
    fn scopes_number_clashes() {
        let mut scope = Scope::with_reserved(&["extra"]);
        assert_eq!(scope.claim("payload"), "payload");
        assert_eq!(scope.claim("payload"), "payload2");
        assert_eq!(scope.claim("extra"), "extra2");
    }
}
