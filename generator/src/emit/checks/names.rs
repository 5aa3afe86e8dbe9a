//! Names of a validator function's locals and labels, allocated once for every target
//! language: each is the language's prefix for what it holds and a number that makes it unique
//! in the function, so no printed name can shadow or capture another. A language gives its
//! prefixes, its fixed parameter names and its reserved words in a [`Style`].

use std::collections::BTreeMap;

use crate::ir::check::View;

/// What a local holds; each language's [`Style`] picks its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Local {
    /// The label of a yes/no function's body (where the language needs one).
    FunctionLabel,
    /// The label of a tried block.
    TrialLabel,
    /// A tried block's answer.
    Ok,
    /// How many alternatives matched.
    Matched,
    /// How many items `contains` matched.
    Count,
    /// The error count before a block whose annotations count only on success.
    Before,
    /// An annotation collector.
    Collector,
    /// The dynamic scope once a block entered its resource.
    DynamicScope,
    /// A member's path.
    Path,
    /// A property's key, a property's value, a key as a JSON string.
    Key,
    Value,
    Name,
    /// An item and its index.
    Item,
    Index,
    /// The typed view a guard binds.
    View(View),
    /// The JSON inside a string, its path, its errors and where they are kept.
    Decoded,
    EmbeddedPath,
    Errors,
    ErrorStore,
    /// Fused `required`: which names the properties loop saw, and where their errors go.
    Seen,
    Missing,
}

/// The fixed names of a function's parameters, which allocated names never take.
#[derive(Debug, Clone, Copy)]
pub struct Parameters {
    pub instance: &'static str,
    pub path: &'static str,
    pub errors: &'static str,
    pub collector: &'static str,
    pub dynamic_scope: &'static str,
}

/// How one language names validator locals.
pub struct Style {
    /// The language's prefix where it is not the common one ([`common_prefix`]).
    pub prefix: fn(Local) -> Option<&'static str>,
    pub parameters: Parameters,
    /// Words that are never identifiers (keywords).
    pub reserved: fn(&str) -> bool,
    /// Whether a yes/no function's body is a labelled block that answers by breaking out of
    /// it (Rust), rather than by returning (Kotlin).
    pub labels_functions: bool,
}

/// The prefix of a local in every language that keeps it.
fn common_prefix(local: Local) -> &'static str {
    match local {
        Local::FunctionLabel => "check",
        Local::TrialLabel => "t",
        Local::Ok => "ok",
        Local::Matched => "matched",
        Local::Count => "count",
        Local::Before => "before",
        Local::Collector => "ann",
        Local::DynamicScope => "scope",
        Local::Path | Local::EmbeddedPath => "at",
        Local::Key => "key",
        Local::Value | Local::Decoded => "value",
        Local::Name => "name",
        Local::Item => "item",
        Local::Index => "i",
        Local::View(View::Object) => "o",
        Local::View(View::Array) => "a",
        Local::View(View::String) => "s",
        Local::View(View::Number) => "n",
        Local::Errors => "errors",
        Local::ErrorStore => "store",
        Local::Seen => "seen",
        Local::Missing => "missing_at",
    }
}

impl Style {
    fn is_taken(&self, name: &str) -> bool {
        let p = &self.parameters;
        (self.reserved)(name)
            || [p.instance, p.path, p.errors, p.collector, p.dynamic_scope].contains(&name)
    }
}

/// The allocator of one function's names.
pub struct Names {
    style: &'static Style,
    next: BTreeMap<&'static str, usize>,
}

impl Names {
    pub fn new(style: &'static Style) -> Names {
        Names {
            style,
            next: BTreeMap::new(),
        }
    }

    /// A name for a new local holding `local`, unique in the function.
    pub fn fresh(&mut self, local: Local) -> String {
        let prefix = (self.style.prefix)(local).unwrap_or_else(|| common_prefix(local));
        let count = self.next.entry(prefix).or_insert(0);
        loop {
            *count += 1;
            let name = format!("{prefix}{count}");
            if !self.style.is_taken(&name) {
                return name;
            }
        }
    }

    pub fn parameters(&self) -> Parameters {
        self.style.parameters
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(local: Local) -> Option<&'static str> {
        match local {
            Local::Value => Some("p"),
            Local::Ok | Local::Item => Some("x"),
            _ => None,
        }
    }

    static STYLE: Style = Style {
        prefix,
        parameters: Parameters {
            instance: "v",
            path: "p1",
            errors: "errs",
            collector: "ann",
            dynamic_scope: "ds",
        },
        reserved: |name| name == "key2",
        labels_functions: false,
    };

    #[test]
    fn names_count_per_prefix_and_skip_reserved_words_and_parameters() {
        let mut names = Names::new(&STYLE);
        assert_eq!(names.fresh(Local::Key), "key1");
        assert_eq!(names.fresh(Local::Value), "p2");
        assert_eq!(names.fresh(Local::Key), "key3");
        assert_eq!(names.fresh(Local::Ok), "x1");
        assert_eq!(names.fresh(Local::Item), "x2");
    }
}
