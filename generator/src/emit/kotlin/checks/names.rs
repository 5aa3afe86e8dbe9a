//! Names of a function's locals and labels, allocated once: each is its prefix and a number
//! that makes it unique in the function, so no printed name can shadow or capture another.
//! Fixed names (the parameters `value`, `at`, `errors`, `evaluated`, `scope`) end in no number,
//! so never clash with them.

use std::collections::BTreeMap;

#[derive(Default)]
pub(super) struct Names {
    next: BTreeMap<&'static str, usize>,
}

impl Names {
    pub fn fresh(&mut self, prefix: &'static str) -> String {
        let count = self.next.entry(prefix).or_insert(0);
        *count += 1;
        format!("{prefix}{count}")
    }
}
