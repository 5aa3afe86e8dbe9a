//! Absolute URIs for `$id` and `$ref`: RFC 3986 reference resolution (RFC 3987 IRIs, so a
//! non-ASCII `$id` or fragment is read as written), normalized so that two spellings of one
//! resource are one key. `fluent-uri` does the parsing and resolution (the `jsonschema` crate
//! uses it too); unlike the `url` crate it brings no IDNA and no ICU data into a build script,
//! which never needs them: a schema's host names are compared, never looked up.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use fluent_uri::{Iri, IriRef};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What a path segment of a `file:` URI must escape: all but RFC 3986's unreserved characters,
/// sub-delimiters, `:` and `@` (a `%` in a file name is escaped too, so decoding gives it back).
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// An absolute IRI, normalized (RFC 3986 section 6.2.2: case, percent-encoding, dot segments,
/// default port; an empty path after an `http`/`https`/`file` authority is `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uri(Iri<String>);

impl Uri {
    /// Parses an absolute URI (a scheme is required; a fragment may follow).
    pub fn parse(text: &str) -> Result<Uri, String> {
        match Iri::parse(text) {
            Ok(iri) => Ok(Uri::normalized(iri.to_owned())),
            Err(first) => Iri::parse(lenient(text))
                .map(Uri::normalized)
                .map_err(|_| first.to_string()),
        }
    }

    /// The `file:` URI of an absolute path.
    pub fn from_file_path(path: impl AsRef<Path>) -> Option<Uri> {
        let path = path.as_ref();
        if !path.is_absolute() {
            return None;
        }
        let mut text = String::from("file://");
        for component in path.components() {
            match component {
                // A Windows drive (`C:`) is the first segment: `file:///C:/dir/a.json`.
                Component::Prefix(prefix) => {
                    text.push('/');
                    text.push_str(prefix.as_os_str().to_str()?);
                }
                Component::RootDir => {}
                Component::CurDir => text.push_str("/."),
                Component::ParentDir => text.push_str("/.."),
                Component::Normal(segment) => {
                    text.push('/');
                    text.extend(utf8_percent_encode(segment.to_str()?, PATH_SEGMENT));
                }
            }
        }
        if !text["file://".len()..].starts_with('/') {
            text.push('/');
        }
        Uri::parse(&text).ok()
    }

    /// The local path a `file:` URI names (no host, or `localhost`), if it is one.
    pub fn to_file_path(&self) -> Option<PathBuf> {
        if self.scheme() != "file" {
            return None;
        }
        let host = self.0.authority().map_or("", |a| a.host());
        if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
            return None;
        }
        let decoded = percent_decode_str(self.0.path().as_str())
            .decode_utf8()
            .ok()?;
        let path = decoded.as_ref();
        // `/C:/dir` on Windows is the drive path `C:/dir`.
        if cfg!(windows) {
            let bytes = path.as_bytes();
            if bytes.len() >= 3 && bytes[0] == b'/' && bytes[2] == b':' {
                return Some(PathBuf::from(&path[1..]));
            }
        }
        Some(PathBuf::from(path))
    }

    /// Resolves a URI reference against this base (RFC 3986 section 5; the base's own fragment
    /// takes no part).
    pub fn join(&self, reference: &str) -> Result<Uri, String> {
        let base = self.0.strip_fragment();
        let resolve = |text: &str| -> Result<Uri, String> {
            let parsed = IriRef::parse(text).map_err(|e| e.to_string())?;
            parsed
                .resolve_against(&base)
                .map(Uri::normalized)
                .map_err(|e| e.to_string())
        };
        resolve(reference).or_else(|first| resolve(lenient(reference).as_str()).map_err(|_| first))
    }

    /// The scheme, in lower case.
    pub fn scheme(&self) -> &str {
        self.0.scheme().as_str()
    }

    /// The fragment as written (still percent-encoded), without `#`.
    pub fn fragment(&self) -> Option<&str> {
        self.0.fragment().map(|f| f.as_str())
    }

    /// This URI without its fragment (and without an empty one's `#`).
    pub fn without_fragment(&self) -> Uri {
        Uri(self.0.strip_fragment().to_owned())
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    fn normalized(iri: Iri<String>) -> Uri {
        let iri = iri.normalize();
        // As a browser (and the `url` crate) reads them, `http://host` is `http://host/`.
        if matches!(iri.scheme().as_str(), "http" | "https" | "file")
            && iri.path().as_str().is_empty()
        {
            if let Some(authority) = iri.authority() {
                let end = iri.scheme().as_str().len() + "://".len() + authority.as_str().len();
                let mut text = iri.as_str().to_string();
                text.insert(end, '/');
                if let Ok(with_root) = Iri::parse(text) {
                    return Uri(with_root);
                }
            }
        }
        Uri(iri)
    }
}

impl fmt::Display for Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `text` with what a browser's URL parser (and so the `url` crate this replaced) accepts and
/// escapes, but RFC 3986 refuses, percent-encoded: spaces and controls, `"<>\^`{|}`, a `%` not
/// starting an escape, a second `#`, and non-ASCII text (which an IRI allows only in part).
fn lenient(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut seen_hash = false;
    for (i, c) in text.char_indices() {
        let escape = match c {
            '#' if seen_hash => true,
            '#' => {
                seen_hash = true;
                false
            }
            '%' => {
                !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            }
            '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' => true,
            c => c.is_ascii_control() || c == ' ' || !c.is_ascii(),
        };
        if escape {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(base: &str, reference: &str) -> String {
        Uri::parse(base)
            .unwrap()
            .join(reference)
            .unwrap()
            .to_string()
    }

    #[test]
    fn resolves_as_rfc_3986_section_5_4() {
        let base = "http://a/b/c/d;p?q";
        for (reference, expected) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g/"),
            ("?y", "http://a/b/c/d;p?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("", "http://a/b/c/d;p?q"),
            ("../g", "http://a/b/g"),
            ("../../../g", "http://a/g"),
            ("g;x=1/../y", "http://a/b/c/y"),
        ] {
            assert_eq!(join(base, reference), expected, "{reference}");
        }
    }

    #[test]
    fn the_base_fragment_takes_no_part() {
        assert_eq!(
            join("https://example.com/root.json#/$defs/a", "#/$defs/b"),
            "https://example.com/root.json#/$defs/b"
        );
        assert_eq!(join("urn:uuid:deadbeef#x", "#/a"), "urn:uuid:deadbeef#/a");
    }

    #[test]
    fn spellings_of_one_resource_are_one_key() {
        assert_eq!(
            join("HTTP://Example.COM:80/a/./b/../c.json", ""),
            "http://example.com/a/c.json"
        );
        assert_eq!(
            Uri::parse("http://localhost:1234").unwrap().as_str(),
            "http://localhost:1234/"
        );
        assert_eq!(
            Uri::parse("http://x/%7e%41").unwrap().as_str(),
            "http://x/~A"
        );
    }

    #[test]
    fn relative_references_need_a_hierarchical_base() {
        assert!(Uri::parse("urn:example:a").unwrap().join("b.json").is_err());
        assert!(Uri::parse("b.json").is_err());
    }

    #[test]
    fn what_a_browser_escapes_is_escaped() {
        assert_eq!(
            join("http://x/a.json", "#/$defs/foo bar"),
            "http://x/a.json#/$defs/foo%20bar"
        );
        assert_eq!(join("http://x/a.json", "#/a%zz"), "http://x/a.json#/a%25zz");
        assert_eq!(join("http://x/a.json", "#/ü"), "http://x/a.json#/ü");
    }

    #[test]
    fn fragments_keep_their_escapes() {
        let uri = Uri::parse("http://x/a.json#/$defs/percent%25field").unwrap();
        assert_eq!(uri.fragment(), Some("/$defs/percent%25field"));
        assert_eq!(uri.without_fragment().as_str(), "http://x/a.json");
        assert_eq!(
            Uri::parse("http://x/a.json#")
                .unwrap()
                .without_fragment()
                .as_str(),
            "http://x/a.json"
        );
    }

    #[cfg(unix)]
    #[test]
    fn file_paths_round_trip() {
        let path = Path::new("/tmp/a dir/50%/ü.schema.json");
        let uri = Uri::from_file_path(path).unwrap();
        // IRI normalization decodes escaped non-ASCII letters, so either spelling is one key.
        assert_eq!(uri.as_str(), "file:///tmp/a%20dir/50%25/ü.schema.json");
        assert_eq!(uri.to_file_path().unwrap(), path);
        assert_eq!(
            uri.join("../b.json").unwrap().to_file_path().unwrap(),
            Path::new("/tmp/a dir/b.json")
        );
        assert!(Uri::from_file_path(Path::new("relative.json")).is_none());
        assert!(Uri::parse("file://elsewhere/a.json")
            .unwrap()
            .to_file_path()
            .is_none());
        assert!(Uri::parse("http://x/a.json")
            .unwrap()
            .to_file_path()
            .is_none());
    }
}
