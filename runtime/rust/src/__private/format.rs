//! Checks for the `format` values that need no crate of their own.

/// `uuid`: 36 bytes, hex digits in five runs with hyphens between them at fixed places. Each
/// run is checked whole through a table, not byte by byte against its position (this runs on
/// every id a payload carries).
#[must_use]
pub fn uuid(s: &str) -> bool {
    let b = s.as_bytes();
    let hex = |run: &[u8]| run.iter().all(|&c| HEX[usize::from(c)]);
    b.len() == 36
        && b[8] == b'-'
        && b[13] == b'-'
        && b[18] == b'-'
        && b[23] == b'-'
        && hex(&b[..8])
        && hex(&b[9..13])
        && hex(&b[14..18])
        && hex(&b[19..23])
        && hex(&b[24..])
}

/// Whether each byte is an ASCII hex digit.
static HEX: [bool; 256] = {
    let mut table = [false; 256];
    let mut c: u8 = 0;
    loop {
        table[c as usize] = c.is_ascii_hexdigit();
        if c == u8::MAX {
            break table;
        }
        c += 1;
    }
};

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

/// RFC 3339 `full-date`.
#[must_use]
pub fn date(s: &str) -> bool {
    let mut parts = s.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let (Some(y), Some(m), Some(d)) = (digits(y, 4), digits(m, 2), digits(d, 2)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// RFC 3339 `full-time`: `hh:mm:ss[.frac](Z|±hh:mm)`, leap second only at 23:59:60 UTC. `Z`
/// may be written `z`; no other letter can appear, so the text is read as it is.
#[must_use]
pub fn time(s: &str) -> bool {
    let (clock, offset_minutes) = if let Some(clock) = s.strip_suffix(['Z', 'z']) {
        (clock, 0i32)
    } else {
        let Some(at) = s.rfind(['+', '-']) else {
            return false;
        };
        let (clock, offset) = s.split_at(at);
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let mut hm = offset[1..].split(':');
        let (Some(h), Some(m), None) = (hm.next(), hm.next(), hm.next()) else {
            return false;
        };
        let (Some(h), Some(m)) = (digits(h, 2), digits(m, 2)) else {
            return false;
        };
        if h > 23 || m > 59 {
            return false;
        }
        #[allow(clippy::cast_possible_wrap, reason = "two-digit hours and minutes")]
        let minutes = h as i32 * 60 + m as i32;
        (clock, sign * minutes)
    };
    let (hms, frac) = match clock.split_once('.') {
        Some((hms, frac)) => (hms, Some(frac)),
        None => (clock, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let mut parts = hms.split(':');
    let (Some(h), Some(m), Some(sec), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let (Some(h), Some(m), Some(sec)) = (digits(h, 2), digits(m, 2), digits(sec, 2)) else {
        return false;
    };
    if h > 23 || m > 59 || sec > 60 {
        return false;
    }
    if sec == 60 {
        #[allow(clippy::cast_possible_wrap, reason = "two-digit hours and minutes")]
        let utc = (h as i32 * 60 + m as i32 - offset_minutes).rem_euclid(24 * 60);
        return utc == 23 * 60 + 59;
    }
    true
}

#[must_use]
pub fn date_time(s: &str) -> bool {
    match s.find(['T', 't']) {
        Some(at) => date(&s[..at]) && time(&s[at + 1..]),
        None => false,
    }
}

/// RFC 3339 appendix A duration: `P`, then date elements whose units are a run of `Y`, `M`,
/// `D` in that order (`P1Y2D` skips the months), then optionally `T` and a run of `H`, `M`,
/// `S`; or weeks alone (`P2W`).
#[must_use]
pub fn duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    let (date_part, time_part) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let Some(date_units) = duration_units(date_part, "YMWD") else {
        return false;
    };
    let time_units = match time_part.map(|time| duration_units(time, "HMS")) {
        None => Units::default(),
        Some(Some(units)) if units.len > 0 => units,
        Some(_) => return false,
    };
    if date_units.as_str() == "W" {
        return time_part.is_none();
    }
    !(date_units.len == 0 && time_units.len == 0)
        && "YMD".contains(date_units.as_str())
        && "HMS".contains(time_units.as_str())
}

/// The unit letters of a duration's date or time part, kept on the stack: more than three can
/// follow no order the format allows.
#[derive(Default)]
struct Units {
    letters: [u8; 3],
    len: usize,
}

impl Units {
    fn as_str(&self) -> &str {
        // Only ASCII unit letters are stored.
        std::str::from_utf8(&self.letters[..self.len]).unwrap_or_default()
    }
}

/// The unit letters of a run of `1*DIGIT unit` elements; `None` when a number lacks its
/// unit, a character is neither a digit nor one of `allowed` (ASCII letters), or there are
/// more than three units.
fn duration_units(part: &str, allowed: &str) -> Option<Units> {
    let mut units = Units::default();
    let mut number = false;
    for c in part.bytes() {
        if c.is_ascii_digit() {
            number = true;
        } else if number && c.is_ascii() && allowed.contains(char::from(c)) {
            *units.letters.get_mut(units.len)? = c;
            units.len += 1;
            number = false;
        } else {
            return None;
        }
    }
    (!number).then_some(units)
}

pub fn email(s: &str) -> bool {
    mailbox(s, false, dns_name)
}

/// An RFC 5321 mailbox `local@domain` whose domain `domain_name` accepts (or is an address
/// literal); `utf8` admits the non-ASCII local parts of RFC 6531.
pub(crate) fn mailbox(s: &str, utf8: bool, domain_name: fn(&str) -> bool) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let local_ok = if local.starts_with('"') && local.ends_with('"') && local.len() >= 2 {
        true
    } else {
        !local.is_empty()
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || "!#$%&'*+-/=?^_`{|}~.".contains(c)
                    || (utf8 && !c.is_ascii())
            })
    };
    let domain_ok =
        if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
            match literal.strip_prefix("IPv6:") {
                Some(v6) => ipv6(v6),
                None => ipv4(literal),
            }
        } else {
            domain_name(domain)
        };
    local_ok && domain_ok
}

/// RFC 1123 domain name syntax: dot-separated labels of letters, digits and inner hyphens.
/// (The `hostname` format is checked by `idn::hostname`, which also decodes `xn--` labels.)
fn dns_name(s: &str) -> bool {
    s.len() <= 253
        && s.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[must_use]
pub fn ipv4(s: &str) -> bool {
    s.parse::<std::net::Ipv4Addr>().is_ok()
}

#[must_use]
pub fn ipv6(s: &str) -> bool {
    s.parse::<std::net::Ipv6Addr>().is_ok()
}

#[must_use]
pub fn json_pointer(s: &str) -> bool {
    (s.is_empty() || s.starts_with('/')) && escapes_ok(s)
}

fn escapes_ok(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes
        .iter()
        .enumerate()
        .all(|(i, b)| *b != b'~' || matches!(bytes.get(i + 1), Some(b'0' | b'1')))
}

pub fn relative_json_pointer(s: &str) -> bool {
    let digits_end = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits_end == 0 || (digits_end > 1 && s.starts_with('0')) {
        return false;
    }
    let rest = &s[digits_end..];
    rest == "#" || json_pointer(rest)
}

/// RFC 6570 URI Template (any level): literals, percent-encoded triplets and
/// `{[operator]varspec,...}` expressions.
#[must_use]
pub fn uri_template(s: &str) -> bool {
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let consumed = match c {
            '{' => match rest.find('}') {
                Some(end) if template_expression(&rest[1..end]) => end + 1,
                _ => return false,
            },
            '%' if percent_encoded(rest) => 3,
            _ if template_literal(c) => c.len_utf8(),
            _ => return false,
        };
        rest = &rest[consumed..];
    }
    true
}

/// RFC 6570 `literals`, with erratum 6937 (the apostrophe is a literal too).
fn template_literal(c: char) -> bool {
    matches!(c, '!' | '#' | '$' | '&'..=';' | '=' | '?'..='[' | ']' | '_' | 'a'..='z' | '~')
        || ucschar_or_iprivate(c)
}

/// RFC 3987 `ucschar` and `iprivate`: the non-ASCII characters an IRI may hold.
fn ucschar_or_iprivate(c: char) -> bool {
    let n = u32::from(c);
    // Each plane from 1 to 14 ends in two noncharacters; planes 15 and 16 are private use.
    matches!(n, 0xA0..=0xD7FF | 0xE000..=0xFDCF | 0xFDF0..=0xFFEF)
        || ((0x1_0000..=0x10_FFFD).contains(&n)
            && (n & 0xFFFE) != 0xFFFE
            && !(0xE0000..=0xE0FFF).contains(&n))
}

/// `{...}` without its braces: an optional operator and a comma-separated list of
/// `varname[:max-length | *]`.
fn template_expression(body: &str) -> bool {
    let list = body
        .strip_prefix(['+', '#', '.', '/', ';', '?', '&', '=', ',', '!', '@', '|'])
        .unwrap_or(body);
    list.split(',').all(|varspec| {
        let (name, modifier) = match varspec.split_once(':') {
            Some((name, length)) => (name, Some(length)),
            None => (varspec.strip_suffix('*').unwrap_or(varspec), None),
        };
        let length_ok = modifier.is_none_or(|length| {
            (1..=4).contains(&length.len())
                && length.bytes().all(|b| b.is_ascii_digit())
                && !length.starts_with('0')
        });
        length_ok && !name.is_empty() && name.split('.').all(template_varchars)
    })
}

/// One or more `ALPHA / DIGIT / "_" / pct-encoded`.
fn template_varchars(part: &str) -> bool {
    let bytes = part.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && percent_encoded(&part[i..]) {
            i += 3;
        } else if bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' {
            i += 1;
        } else {
            return false;
        }
    }
    i > 0
}

/// Whether `s` starts with `%` and two hex digits.
fn percent_encoded(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() == Some(&b'%')
        && b.get(1).is_some_and(u8::is_ascii_hexdigit)
        && b.get(2).is_some_and(u8::is_ascii_hexdigit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_follow_rfc_3339() {
        assert!(date("2024-02-29") && !date("2023-02-29") && !date("2024-13-01"));
        assert!(time("23:59:60Z") && time("15:59:60-08:00") && !time("22:59:60Z"));
        assert!(time("08:30:06.283185+05:30") && !time("08:30:06.+05:30"));
        assert!(date_time("1963-06-19T08:30:06z") && !date_time("1963-06-19 08:30:06Z"));
    }

    #[test]
    fn durations_keep_their_unit_order() {
        assert!(duration("P1Y2M3D") && duration("PT1H30M") && duration("P2W") && duration("P4D"));
        // RFC 3339 units form one contiguous run: a day follows a month, never a year.
        assert!(!duration("P1Y2D"));
        assert!(!duration("P1D2Y") && !duration("P1W2D") && !duration("PT") && !duration("P"));
        // More units than any allowed run has, and a letter outside ASCII.
        assert!(!duration("P1Y2M3D4Y") && !duration("PT1H2M3S4H") && !duration("P1\u{0661}D"));
    }

    #[test]
    fn addresses_pointers_and_templates() {
        assert!(
            uuid("2eb8aa08-aa98-11ea-b4aa-73b441d16380")
                && !uuid("2eb8aa08aa9811eab4aa73b441d16380")
        );
        assert!(uuid("2EB8AA08-AA98-11EA-B4AA-73B441D16380"));
        for wrong in [
            "2eb8aa08-aa98-11ea-b4aa-73b441d1638g",
            "2eb8aa0-8aa98-11ea-b4aa-73b441d16380",
            "2eb8aa08-aa98-11ea-b4aa-73b441d1638",
            "2eb8aa08-aa98-11ea-b4aa-73b441d163800",
            "2eb8aa08-aa98-11ea-b4aa-73b441d163\u{e9}",
            "2eb8aa08_aa98-11ea-b4aa-73b441d16380",
        ] {
            assert!(!uuid(wrong), "{wrong}");
        }
        assert!(
            email("joe.bloggs@example.com") && email("a@[IPv6:::1]") && !email("a..b@example.com")
        );
        assert!(ipv4("192.168.0.1") && !ipv4("256.0.0.1") && ipv6("::1"));
        assert!(json_pointer("/a~1b") && !json_pointer("/a~2") && !json_pointer("a"));
        assert!(
            relative_json_pointer("0#")
                && relative_json_pointer("1/a")
                && !relative_json_pointer("01")
        );
        assert!(uri_template("http://example.com/{+path}{?x,y*}") && !uri_template("{x"));
    }
}
