//! Names of a function's locals and labels, allocated once: each is its prefix and a number
//! that makes it unique in the function, so no printed name can shadow or capture another.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span};

#[derive(Default)]
pub(super) struct Names {
    next: BTreeMap<&'static str, usize>,
}

impl Names {
    pub fn fresh(&mut self, prefix: &'static str) -> Ident {
        Ident::new(&self.take(prefix), Span::call_site())
    }

    pub fn label(&mut self, prefix: &'static str) -> syn::Lifetime {
        syn::Lifetime::new(&format!("'{}", self.take(prefix)), Span::call_site())
    }

    fn take(&mut self, prefix: &'static str) -> String {
        let count = self.next.entry(prefix).or_insert(0);
        *count += 1;
        format!("{prefix}{count}")
    }
}

/// A fixed name: a parameter (`v`, `p`, `errs`, `ann`, `ds`), or one local to a closed scope
/// that holds no other printed code; allocated names always end in a number, so never clash.
pub(super) fn fixed(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}
