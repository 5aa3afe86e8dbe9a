//! What patterns compiled to plain code call. Such a pattern is a chain of pieces, each taking
//! what it matches from the front of the rest of the string; the string matches when the chain
//! ends with nothing left.

/// A pattern the generator compiled to plain code, answering as `regex::Regex::is_match`
/// would on the same string.
pub struct Matcher(pub fn(&str) -> bool);

impl Matcher {
    #[inline]
    #[must_use]
    pub fn is_match(&self, s: &str) -> bool {
        (self.0)(s)
    }
}

/// A class of ASCII bytes as a table of 256 answers, built when compiling: one load a byte,
/// where a class of several ranges would take a compare (and a branch) each.
pub struct ByteClass([bool; 256]);

impl ByteClass {
    /// The class of the bytes in `ranges` (inclusive).
    #[must_use]
    pub const fn new(ranges: &[(u8, u8)]) -> ByteClass {
        let mut table = [false; 256];
        let mut range = 0;
        while range < ranges.len() {
            let (start, end) = ranges[range];
            let mut byte = start as usize;
            while byte <= end as usize {
                table[byte] = true;
                byte += 1;
            }
            range += 1;
        }
        ByteClass(table)
    }

    #[inline]
    #[must_use]
    pub fn contains(&self, byte: u8) -> bool {
        self.0[usize::from(byte)]
    }
}

/// What is left of `s` after as many leading chars in the class as there are, up to `max`;
/// `None` when fewer than `min` lead it.
#[inline]
pub fn skip_chars(s: &str, min: usize, max: usize, class: impl Fn(char) -> bool) -> Option<&str> {
    let mut taken = 0;
    let mut end = s.len();
    for (at, c) in s.char_indices() {
        if taken == max || !class(c) {
            end = at;
            break;
        }
        taken += 1;
    }
    (taken >= min).then(|| &s[end..])
}

/// [`skip_chars`] over bytes, for patterns whose classes are all ASCII (a UTF-8 string's other
/// bytes are in none of them).
#[inline]
pub fn skip_bytes(s: &[u8], min: usize, max: usize, class: impl Fn(u8) -> bool) -> Option<&[u8]> {
    let end = s
        .iter()
        .take(max)
        .position(|&b| !class(b))
        .unwrap_or(s.len().min(max));
    (end >= min).then(|| &s[end..])
}

/// [`skip_bytes`] of a run of exactly `n` (`{n}`, the common piece of ids and codes): one length
/// check, then the class over a slice of known length.
#[inline]
pub fn skip_exact(s: &[u8], n: usize, class: impl Fn(u8) -> bool) -> Option<&[u8]> {
    let (run, rest) = s.split_at_checked(n)?;
    run.iter().all(|&b| class(b)).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_is_taken_up_to_its_limit_and_must_reach_its_minimum() {
        let digit = |c: char| c.is_ascii_digit();
        assert_eq!(skip_chars("123ab", 1, usize::MAX, digit), Some("ab"));
        assert_eq!(skip_chars("123ab", 0, 2, digit), Some("3ab"));
        assert_eq!(skip_chars("ab", 1, usize::MAX, digit), None);
        assert_eq!(skip_chars("", 0, 3, digit), Some(""));
        assert_eq!(skip_chars("é1", 1, 1, |c| c == 'é'), Some("1"));
        let digit = |b: u8| b.is_ascii_digit();
        assert_eq!(skip_bytes(b"123ab", 1, usize::MAX, digit), Some(&b"ab"[..]));
        assert_eq!(skip_bytes(b"123", 4, 4, digit), None);
        assert_eq!(skip_bytes(b"123", 2, 2, digit), Some(&b"3"[..]));
        assert_eq!(skip_bytes(b"", 0, 0, digit), Some(&b""[..]));
        for (s, n) in [
            (&b"123ab"[..], 3),
            (b"123", 4),
            (b"123", 2),
            (b"", 0),
            (b"1a2", 2),
        ] {
            assert_eq!(
                skip_exact(s, n, digit),
                skip_bytes(s, n, n, digit),
                "{s:?} {n}"
            );
        }
    }

    #[test]
    fn a_byte_class_holds_its_ranges_and_nothing_else() {
        static HEX: ByteClass = ByteClass::new(&[(b'0', b'9'), (b'A', b'F'), (b'a', b'f')]);
        for byte in 0..=u8::MAX {
            assert_eq!(HEX.contains(byte), byte.is_ascii_hexdigit(), "{byte}");
        }
        let edges = ByteClass::new(&[(0, 0), (b'x', b'x'), (0x7f, 0x7f)]);
        let members: Vec<u8> = (0..=u8::MAX).filter(|&b| edges.contains(b)).collect();
        assert_eq!(members, [0, b'x', 0x7f]);
        assert!(!ByteClass::new(&[]).contains(0));
    }

    #[test]
    fn a_matcher_calls_its_function() {
        static EMPTY: Matcher = Matcher(|s: &str| s.is_empty());
        assert!(EMPTY.is_match(""));
        assert!(!EMPTY.is_match("a"));
    }
}
