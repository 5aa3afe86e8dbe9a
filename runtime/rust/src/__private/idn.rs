//! Host names with internationalized labels, as IDNA2008 defines them (RFC 5890 to 5893), for
//! the `hostname`, `idn-hostname` and `idn-email` formats. The `idna` crate does Punycode and
//! `icu_properties` has the Unicode data the IDNA2008 rules are computed from. The UTS #46
//! processing of `idna` is not used: it admits code points IDNA2008 disallows.
//! (Behind the `idn` feature.)

use ::icu_properties::props::{
    BidiClass, CanonicalCombiningClass, ChangesWhenNfkcCasefolded, DefaultIgnorableCodePoint,
    GeneralCategory, HangulSyllableType, JoiningType, NoncharacterCodePoint, Script, WhiteSpace,
};
use ::icu_properties::{CodePointMapData, CodePointSetData};
use std::borrow::Cow;

/// `hostname`: an ASCII host name (RFC 1123) whose `xn--` labels are valid A-labels.
#[must_use]
pub fn hostname(s: &str) -> bool {
    s.is_ascii() && idn_hostname(s)
}

/// `idn-hostname`: ASCII labels, A-labels and U-labels separated by any of the full stops of
/// RFC 3490, at most 63 octets a label and 253 a name in their ASCII form. A name of ASCII
/// labels is checked without allocating; only Punycode (and the Bidi rule, which needs a second
/// pass) costs one.
#[must_use]
pub fn idn_hostname(s: &str) -> bool {
    let labels = || s.split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}']);
    let (mut count, mut ascii_length, mut right_to_left) = (0, 0, false);
    for label in labels() {
        let Some((unicode, length)) = parse_label(label) else {
            return false;
        };
        count += 1;
        ascii_length += length;
        right_to_left |= is_right_to_left(&unicode);
    }
    let name_length = ascii_length + count - 1;
    // RFC 5893: in a name with a right-to-left label, every label must pass the Bidi rule.
    name_length <= 253
        && (!right_to_left
            || labels().all(|label| parse_label(label).is_some_and(|(u, _)| bidi_rule(&u))))
}

/// `idn-email`: an RFC 6531 mailbox, with a UTF-8 local part and an `idn-hostname` domain.
pub fn idn_email(s: &str) -> bool {
    super::format::mailbox(s, true, idn_hostname)
}

/// A label's Unicode form (for the Bidi rule; decoded only from an A-label) and the length of
/// its ASCII form, or `None` when it is no valid label.
fn parse_label(label: &str) -> Option<(Cow<'_, str>, usize)> {
    if !label.is_ascii() {
        let length = "xn--".len() + ::idna::punycode::encode_str(label)?.len();
        return (length <= 63 && u_label(label)).then_some((Cow::Borrowed(label), length));
    }
    match (label.get(..4), label.get(4..)) {
        (Some(prefix), Some(encoded)) if prefix.eq_ignore_ascii_case("xn--") => {
            let decoded = ::idna::punycode::decode_to_string(encoded)?;
            // RFC 5891 section 5.4: an A-label is the one encoding of a U-label, which is not
            // all ASCII.
            let canonical = ::idna::punycode::encode_str(&decoded)?;
            let valid = label.len() <= 63
                && !decoded.is_ascii()
                && canonical.eq_ignore_ascii_case(encoded)
                && u_label(&decoded);
            valid.then_some((Cow::Owned(decoded), label.len()))
        }
        _ => ldh_label(label).then_some((Cow::Borrowed(label), label.len())),
    }
}

/// An ASCII label that is not an A-label: letters, digits and hyphens, no hyphen at either end.
fn ldh_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// RFC 5891 section 5.4: hyphens, the first code point, and every code point's IDNA2008
/// property, with its contextual rule where it has one.
fn u_label(label: &str) -> bool {
    let chars: Vec<char> = label.chars().collect();
    let Some(&first) = chars.first() else {
        return false;
    };
    let hyphens_ok = first != '-'
        && chars.last() != Some(&'-')
        && !(chars.get(2) == Some(&'-') && chars.get(3) == Some(&'-'));
    let starts_with_mark = matches!(
        CodePointMapData::<GeneralCategory>::new().get(first),
        GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::EnclosingMark
    );
    hyphens_ok
        && !starts_with_mark
        && chars.iter().enumerate().all(|(at, &c)| {
            let before = at.checked_sub(1).and_then(|i| chars.get(i)).copied();
            match property(c) {
                Property::Valid => true,
                Property::ContextJ => joiner_allowed(&chars, at, before),
                Property::ContextO => other_allowed(&chars, c, before, chars.get(at + 1).copied()),
                Property::Disallowed => false,
            }
        })
}

/// The IDNA2008 derived property of a code point (RFC 5892 section 3). Unassigned code points
/// count as disallowed.
enum Property {
    Valid,
    ContextJ,
    ContextO,
    Disallowed,
}

fn property(c: char) -> Property {
    // Exceptions (RFC 5892 section 2.6) come first.
    match c {
        '\u{DF}' | '\u{3C2}' | '\u{6FD}' | '\u{6FE}' | '\u{F0B}' | '\u{3007}' => {
            return Property::Valid
        }
        '\u{B7}'
        | '\u{375}'
        | '\u{5F3}'
        | '\u{5F4}'
        | '\u{30FB}'
        | '\u{660}'..='\u{669}'
        | '\u{6F0}'..='\u{6F9}' => return Property::ContextO,
        '\u{640}' | '\u{7FA}' | '\u{302E}' | '\u{302F}' | '\u{3031}'..='\u{3035}' | '\u{303B}' => {
            return Property::Disallowed
        }
        _ => {}
    }
    let category = CodePointMapData::<GeneralCategory>::new().get(c);
    let noncharacter = CodePointSetData::new::<NoncharacterCodePoint>().contains(c);
    if category == GeneralCategory::Unassigned && !noncharacter {
        return Property::Disallowed;
    }
    match c {
        'a'..='z' | '0'..='9' | '-' => return Property::Valid,
        '\u{200C}' | '\u{200D}' => return Property::ContextJ,
        _ => {}
    }
    // Unstable under NFKC and case folding, ignorable properties, ignorable blocks, old Hangul
    // jamo; then letters, digits and the marks that combine with them.
    let unstable = CodePointSetData::new::<ChangesWhenNfkcCasefolded>().contains(c);
    let ignorable = noncharacter
        || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
        || CodePointSetData::new::<WhiteSpace>().contains(c);
    let ignorable_block = matches!(c, '\u{20D0}'..='\u{20FF}' | '\u{1D100}'..='\u{1D24F}');
    let old_hangul_jamo = matches!(
        CodePointMapData::<HangulSyllableType>::new().get(c),
        HangulSyllableType::LeadingJamo
            | HangulSyllableType::VowelJamo
            | HangulSyllableType::TrailingJamo
    );
    let letter_or_digit = matches!(
        category,
        GeneralCategory::LowercaseLetter
            | GeneralCategory::UppercaseLetter
            | GeneralCategory::OtherLetter
            | GeneralCategory::DecimalNumber
            | GeneralCategory::ModifierLetter
            | GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
    );
    if letter_or_digit && !unstable && !ignorable && !ignorable_block && !old_hangul_jamo {
        Property::Valid
    } else {
        Property::Disallowed
    }
}

/// RFC 5892 appendix A.1 and A.2: ZERO WIDTH JOINER after a virama; ZERO WIDTH NON-JOINER
/// after a virama or between characters that join towards it (transparent ones skipped).
fn joiner_allowed(chars: &[char], at: usize, before: Option<char>) -> bool {
    let virama = |c: char| {
        CodePointMapData::<CanonicalCombiningClass>::new().get(c) == CanonicalCombiningClass::Virama
    };
    if before.is_some_and(virama) {
        return true;
    }
    if chars.get(at) != Some(&'\u{200C}') {
        return false;
    }
    let joining = CodePointMapData::<JoiningType>::new();
    let not_transparent = |c: &&char| joining.get(**c) != JoiningType::Transparent;
    let left = chars
        .get(..at)
        .and_then(|s| s.iter().rev().find(not_transparent));
    let right = chars
        .get(at + 1..)
        .and_then(|s| s.iter().find(not_transparent));
    matches!(
        left.map(|c| joining.get(*c)),
        Some(JoiningType::LeftJoining | JoiningType::DualJoining)
    ) && matches!(
        right.map(|c| joining.get(*c)),
        Some(JoiningType::RightJoining | JoiningType::DualJoining)
    )
}

/// RFC 5892 appendix A.3 to A.9: the code points allowed only next to, or in a label with,
/// certain others.
fn other_allowed(chars: &[char], c: char, before: Option<char>, after: Option<char>) -> bool {
    let script = |c: char| CodePointMapData::<Script>::new().get(c);
    let arabic_indic = |c: &char| ('\u{660}'..='\u{669}').contains(c);
    let extended_arabic_indic = |c: &char| ('\u{6F0}'..='\u{6F9}').contains(c);
    match c {
        '\u{B7}' => before == Some('l') && after == Some('l'),
        '\u{375}' => after.is_some_and(|a| script(a) == Script::Greek),
        '\u{5F3}' | '\u{5F4}' => before.is_some_and(|b| script(b) == Script::Hebrew),
        '\u{30FB}' => chars
            .iter()
            .any(|&c| matches!(script(c), Script::Hiragana | Script::Katakana | Script::Han)),
        '\u{660}'..='\u{669}' => !chars.iter().any(extended_arabic_indic),
        '\u{6F0}'..='\u{6F9}' => !chars.iter().any(arabic_indic),
        _ => false,
    }
}

fn bidi_class(c: char) -> BidiClass {
    CodePointMapData::<BidiClass>::new().get(c)
}

/// Whether a label has a right-to-left character, which makes its name a Bidi domain name.
fn is_right_to_left(label: &str) -> bool {
    label.chars().any(|c| {
        matches!(
            bidi_class(c),
            BidiClass::RightToLeft | BidiClass::ArabicLetter | BidiClass::ArabicNumber
        )
    })
}

/// The Bidi rule (RFC 5893 section 2): a label is right-to-left or left-to-right as its first
/// character says, and holds only the classes that direction allows.
fn bidi_rule(label: &str) -> bool {
    use BidiClass as B;
    let classes: Vec<BidiClass> = label.chars().map(bidi_class).collect();
    let last = classes
        .iter()
        .rev()
        .find(|c| **c != B::NonspacingMark)
        .copied();
    match classes.first().copied() {
        Some(B::RightToLeft | B::ArabicLetter) => {
            classes.iter().all(|c| {
                matches!(
                    *c,
                    B::RightToLeft
                        | B::ArabicLetter
                        | B::ArabicNumber
                        | B::EuropeanNumber
                        | B::EuropeanSeparator
                        | B::CommonSeparator
                        | B::EuropeanTerminator
                        | B::OtherNeutral
                        | B::BoundaryNeutral
                        | B::NonspacingMark
                )
            }) && matches!(
                last,
                Some(B::RightToLeft | B::ArabicLetter | B::EuropeanNumber | B::ArabicNumber)
            ) && !(classes.contains(&B::EuropeanNumber) && classes.contains(&B::ArabicNumber))
        }
        Some(B::LeftToRight) => {
            classes.iter().all(|c| {
                matches!(
                    *c,
                    B::LeftToRight
                        | B::EuropeanNumber
                        | B::EuropeanSeparator
                        | B::CommonSeparator
                        | B::EuropeanTerminator
                        | B::OtherNeutral
                        | B::BoundaryNeutral
                        | B::NonspacingMark
                )
            }) && matches!(last, Some(B::LeftToRight | B::EuropeanNumber))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_labels_must_decode_to_valid_u_labels() {
        assert!(hostname("www.example.com") && hostname("xn--4gbwdl.xn--wgbh1c"));
        assert!(!hostname("-a.example.com") && !hostname("xn--X") && !hostname("ex ample"));
        assert!(idn_hostname("실례.테스트") && !idn_hostname("〮실례.테스트"));
        assert!(idn_email("실례@실례.테스트") && !idn_email("2962"));
    }
}
