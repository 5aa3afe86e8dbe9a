//! A `pattern` as the check program keeps it: the ECMA-262 source, its translation to the
//! linear-time dialect the regex engines share, and what it asks in a language-neutral form
//! (`crate::regex::form` derives it), so a printer turns simple patterns into plain code and
//! compiles only the rest into its engine.

#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// As the schema writes it (messages quote it).
    pub source: String,
    /// The same pattern in the dialect Rust's `regex` and RE2/J share (`crate::regex`).
    pub translated: String,
    pub form: PatternForm,
}

/// What a pattern asks of a string, in Unicode code points, exactly as the engine would answer
/// on `translated`.
#[derive(Debug, Clone, PartialEq)]
pub enum PatternForm {
    /// The whole string (`^…$`) is these pieces in order. Taken greedily, left to right, each
    /// piece decides alone how far it reaches: the form is only built when no piece can take a
    /// code point the pieces after it need (so `^[0-9]+\.[0-9]{2}$`, never `^[a-z]+a$`).
    Whole(Vec<Piece>),
    /// Anything else: the printer compiles `translated` into its engine.
    Engine,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// This text, once.
    Literal(String),
    /// Between `min` and `max` (`None`: no limit) code points of the class.
    Class {
        class: CharClass,
        min: u32,
        max: Option<u32>,
    },
}

/// A set of code points: sorted, disjoint, non-adjacent inclusive ranges (empty: matches
/// nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharClass(pub Vec<(char, char)>);

impl CharClass {
    pub fn contains(&self, c: char) -> bool {
        self.0.iter().any(|&(start, end)| start <= c && c <= end)
    }

    pub fn intersects(&self, other: &CharClass) -> bool {
        self.0
            .iter()
            .any(|&(a, b)| other.0.iter().any(|&(start, end)| a <= end && start <= b))
    }

    /// Whether every member is ASCII, so a printer may test bytes instead of code points.
    pub fn is_ascii(&self) -> bool {
        self.0.iter().all(|&(_, end)| end.is_ascii())
    }
}

impl PatternForm {
    /// Whether every class and literal is ASCII: a string with any other byte cannot match.
    pub fn is_ascii(&self) -> bool {
        match self {
            PatternForm::Whole(pieces) => pieces.iter().all(|piece| match piece {
                Piece::Literal(text) => text.is_ascii(),
                Piece::Class { class, .. } => class.is_ascii(),
            }),
            PatternForm::Engine => false,
        }
    }
}
