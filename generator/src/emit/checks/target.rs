//! What a target language implements to print validators: one method per construct the
//! walker ([`super::Walker`]) decides to print. Each returns the language's structured code
//! (statements, conditions, calls), never text to be searched afterwards. The walker decides
//! whether a construct is printed, what it holds and the names it binds; a method only lays
//! it out. Where the languages lay a construct out differently enough to bind other locals
//! (a smart-cast view, one loop for named properties), a constant or `binds_view` says so.

use super::names::Style;
use super::{Code, Content, Scope, Walker};
use crate::ir::check::{Assertion, Function, FunctionId, KeyFilter, ResourceId, Step, Uses, View};

/// Statements of one language.
pub trait Statements: Default {
    fn is_empty(&self) -> bool;
    fn append(&mut self, more: Self);
}

/// A comparison of a counter with a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    Equal,
    NotEqual,
    Less,
    Greater,
}

/// The member a path steps onto.
#[derive(Debug, Clone, Copy)]
pub enum Member<'a> {
    /// A named property.
    Name(&'a str),
    /// The property whose key is in this variable.
    Key(&'a str),
    Index(usize),
    /// The item whose index is in this variable.
    IndexAt(&'a str),
}

/// An annotation recorded into a collector.
#[derive(Debug, Clone, Copy)]
pub enum Record<'a> {
    /// A named property counts as evaluated.
    Property(&'a str),
    /// The property whose key is in this variable.
    Key(&'a str),
    Item(usize),
    /// The item whose index is in this variable.
    ItemAt(&'a str),
    AllProperties,
    AllItems,
    /// Every item from `from` on, when the array (in this variable) has one.
    ItemsFrom {
        array: &'a str,
        from: usize,
    },
}

/// What a function called by a step gets as its collector.
#[derive(Debug, Clone, Copy)]
pub enum CallCollector<'a> {
    /// This collector, merged afterwards.
    Child(&'a str),
    /// A fresh one thrown away: the function records, the caller does not look.
    Discarded,
    /// The function takes none.
    None,
}

/// What a counter counts (its type, in typed languages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    Matches,
    Items,
}

/// One arm of a named-properties step: a property with something to do.
pub struct PropertyArm<'a, S> {
    pub name: &'a str,
    /// The variable bound to its value.
    pub value: String,
    pub body: S,
    /// Whether the body reads the value.
    pub reads: bool,
}

pub trait Target: Sized {
    type Stmts: Statements;
    type Cond;
    /// A run-time argument of a message.
    type Arg;
    /// A call of a program function, as an expression.
    type Call;

    const STYLE: &'static Style;
    /// Whether a guard inside a guard on the same instance reads the view already bound
    /// (and one of another view is dropped, since it never runs), rather than testing again.
    const REUSES_NARROWED_VIEWS: bool;
    /// Whether named properties are one loop over the object matching each key (so one key
    /// and value variable serve every property), rather than one lookup per property.
    const ONE_LOOP_FOR_NAMED_PROPERTIES: bool;
    /// Whether a `required` followed, in the same steps, by the named properties of the same
    /// object is checked by that one loop marking the names it meets (`required_start`,
    /// `required_mark`, `required_end`), rather than by a lookup per name.
    const FUSES_REQUIRED: bool = false;

    /// Whether a guard on `view` binds a new variable (rather than the instance, narrowed).
    fn binds_view(&self, view: View) -> bool;

    // What is walked next, told before it is walked (a printer over typed values learns each
    // local's type here; printers over a JSON tree need nothing).
    /// `value` is about to hold `member` of the object or array `parent`.
    fn enter_member(&mut self, _parent: &str, _member: Member<'_>, _value: &str) {}
    /// `bound` is about to hold the view of `v` a guard binds, for `steps`.
    fn enter_view(&mut self, _view: View, _v: &str, _bound: &str, _steps: &[Step]) {}

    // Statements and conditions.
    /// Statements whose locals stay local to them.
    fn scoped(&mut self, body: Self::Stmts) -> Self::Stmts;
    fn if_(&mut self, condition: Self::Cond, then: Self::Stmts) -> Self::Stmts;
    fn if_else(
        &mut self,
        condition: Self::Cond,
        then: Self::Stmts,
        otherwise: Self::Stmts,
    ) -> Self::Stmts;
    /// The boolean variable holds.
    fn holds(&mut self, variable: &str) -> Self::Cond;
    fn fails(&mut self, variable: &str) -> Self::Cond;
    fn compare(&mut self, counter: &str, compare: Compare, n: u64) -> Self::Cond;
    /// A counter starting at 0 (`mutable`: it is counted up).
    fn counter(&mut self, name: &str, mutable: bool, counts: Counter) -> Self::Stmts;
    fn increment(&mut self, counter: &str) -> Self::Stmts;

    // Failures.
    /// A broken rule, to report or to answer no.
    fn fail(
        &mut self,
        scope: &Scope,
        keyword: &crate::error::Location,
        message: &crate::ir::check::Message,
        args: Vec<(&'static str, Self::Arg)>,
    ) -> Self::Stmts;
    /// The yes/no answer no, which needs no message.
    fn fail_decide(&mut self, scope: &Scope) -> Self::Stmts;
    /// A counter shown in a message.
    fn counted(&mut self, counter: &str) -> Self::Arg;
    /// A leaf assertion on `x` (the instance or its typed view).
    fn assertion(&mut self, assertion: &Assertion, scope: &Scope, x: &str) -> Code<Self::Stmts>;
    /// Fused `required` ([`Target::FUSES_REQUIRED`]), where the assertion stands: `seen`
    /// starts with no name marked and `at` keeps where its errors belong.
    fn required_start(&mut self, _seen: &str, _at: &str, _scope: &Scope) -> Self::Stmts {
        Self::Stmts::default()
    }
    /// Marks name `index` of a fused `required` as present.
    fn required_mark(&mut self, _seen: &str, _index: usize) -> Self::Stmts {
        Self::Stmts::default()
    }
    /// After the properties loop: unless every one of the `count` names was marked, the
    /// assertion's own check, its errors put where the assertion stands.
    fn required_end(
        &mut self,
        _assertion: &Assertion,
        _marks: (&str, &str, usize),
        _scope: &Scope,
        _x: &str,
    ) -> Self::Stmts {
        Self::Stmts::default()
    }
    /// JSON inside a string `s`: decoding is the language's, the inner block is walked with
    /// the walker.
    fn content(
        walker: &mut Walker<'_, Self>,
        content: Content<'_>,
        scope: &Scope,
        s: &str,
    ) -> Code<Self::Stmts>;

    // Scope, collectors, paths.
    fn enter_resource(&mut self, entered: &str, scope: &str, resource: ResourceId) -> Self::Stmts;
    fn new_collector(&mut self, name: &str) -> Self::Stmts;
    fn merge(&mut self, into: &str, child: &str) -> Self::Stmts;
    fn record(&mut self, collector: &str, record: Record<'_>) -> Self::Stmts;
    /// The error count now (to tell afterwards whether a block failed).
    fn error_count(&mut self, before: &str, errors: &str) -> Self::Stmts;
    fn errors_unchanged(&mut self, errors: &str, before: &str) -> Self::Cond;
    /// Binds `path`, the path of a member of the instance at `parent`.
    fn bind_path(&mut self, path: &str, parent: &str, member: Member<'_>) -> Self::Stmts;

    // Guards and members.
    /// `inner` on the instance `v` when it has the view's type, as `bound`.
    fn guard(&mut self, view: View, v: &str, bound: &str, inner: Self::Stmts) -> Self::Stmts;
    fn if_property(&mut self, object: &str, name: &str, inner: Self::Stmts) -> Self::Stmts;
    /// Named properties of `object`; `key` is the loop's key variable when
    /// [`Target::ONE_LOOP_FOR_NAMED_PROPERTIES`].
    fn properties(
        &mut self,
        object: &str,
        key: Option<&str>,
        arms: Vec<PropertyArm<'_, Self::Stmts>>,
    ) -> Self::Stmts;
    /// The condition that skips a key in a filtered-properties loop; `None` visits every key.
    fn key_filter(
        &mut self,
        keys: &KeyFilter,
        key: &str,
        collector: Option<&str>,
    ) -> Option<Self::Cond>;
    #[allow(clippy::too_many_arguments)]
    fn each_property(
        &mut self,
        object: &str,
        key: &str,
        value: &str,
        skip: Option<Self::Cond>,
        body: Self::Stmts,
        uses_key: bool,
        reads: bool,
    ) -> Self::Stmts;
    /// `body` on each key of `object` as a JSON string `name` (read when `reads`).
    fn each_key(
        &mut self,
        object: &str,
        key: &str,
        name: &str,
        reads: bool,
        body: Self::Stmts,
    ) -> Self::Stmts;
    fn item(
        &mut self,
        array: &str,
        index: usize,
        item: &str,
        reads: bool,
        body: Self::Stmts,
    ) -> Self::Stmts;
    /// Items from `from` on; those `skip_evaluated` marks as evaluated are skipped.
    #[allow(clippy::too_many_arguments)]
    fn each_item(
        &mut self,
        array: &str,
        from: usize,
        index: &str,
        item: &str,
        skip_evaluated: Option<&str>,
        uses: &Uses,
        body: Self::Stmts,
    ) -> Self::Stmts;
    /// Every item, for `contains`: `indexed` when the body uses the index, `reads` the item.
    fn each_item_tried(
        &mut self,
        array: &str,
        index: &str,
        item: &str,
        indexed: bool,
        reads: bool,
        body: Self::Stmts,
    ) -> Self::Stmts;

    // Trials and calls.
    /// `ok` holds whether the labelled `body` answers yes (`diverges`: it always answers no).
    fn trial(&mut self, ok: &str, label: &str, body: Self::Stmts, diverges: bool) -> Self::Stmts;
    fn call(
        &mut self,
        id: FunctionId,
        function: &Function,
        scope: &Scope,
        collector: CallCollector<'_>,
    ) -> Self::Call;
    fn call_statement(&mut self, call: Self::Call) -> Self::Stmts;
    /// The yes/no call answers no.
    fn call_fails(&mut self, call: Self::Call) -> Self::Cond;
    /// Runs the arm of the outermost entered resource of `scope`, else `fallback`.
    fn dynamic_dispatch(
        &mut self,
        scope: &str,
        arms: Vec<(ResourceId, Self::Stmts)>,
        fallback: Self::Stmts,
    ) -> Self::Stmts;
}
