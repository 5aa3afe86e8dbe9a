//! URIs and IRIs (RFC 3986, RFC 3987) for the `uri`, `uri-reference`, `iri` and
//! `iri-reference` formats, parsed by the `iri-string` crate.
//! (Behind the `uri` feature.)

#[must_use]
pub fn uri(s: &str) -> bool {
    ::iri_string::types::UriStr::new(s).is_ok()
}

#[must_use]
pub fn uri_reference(s: &str) -> bool {
    ::iri_string::types::UriReferenceStr::new(s).is_ok()
}

#[must_use]
pub fn iri(s: &str) -> bool {
    ::iri_string::types::IriStr::new(s).is_ok()
}

#[must_use]
pub fn iri_reference(s: &str) -> bool {
    ::iri_string::types::IriReferenceStr::new(s).is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_need_a_scheme_and_iris_admit_unicode() {
        assert!(super::uri("https://example.com/a?b#c") && !super::uri("//example.com"));
        assert!(super::uri_reference("//example.com") && !super::uri("http://ex ample.com"));
        assert!(super::iri("http://ƒøø.ßår/?∂éœ=πîx#πîüx") && !super::uri("http://ƒøø.ßår/"));
        assert!(super::iri_reference("#ƒrägmênt"));
    }
}
