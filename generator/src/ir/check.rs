//! The check program: what a validator does, step by step, in no language's terms. Each keyword
//! family of the lowering (`lower::keywords`) pushes its steps straight into it, and it says
//! *what to do* rather than *which keyword*: guard on the JSON type and bind the typed view, assert a leaf test (failing
//! with a message id at a keyword location), step onto a named property, each property, each
//! item, call a named function (each `$ref` target is one, so recursion is a call), try a block
//! for a yes/no answer, record which properties and items were evaluated (for `unevaluated*`).
//!
//! Every function can be printed in two forms (see [`Form`]): reporting every broken rule, or
//! answering yes/no at the first one. Blocks whose errors are never shown (a branch of
//! `anyOf`, an `if`, a `not`, a `contains`) are [`Trial`]s and run in the yes/no form.
//!
//! The program is meant to be printed three ways; today the Rust and Kotlin printers print the
//! first:
//! - over a JSON tree (`validate`): a guard is a type test on the tree node binding the typed
//!   view (`as_object()`, `as_str()`...), steps walk members and items of the tree;
//! - over the typed values (`validate_typed`): a guard is resolved statically from the field's
//!   type (a `String` field needs no string guard, an `Option` is a presence test), a named
//!   property step is a field access, a key filter over known names is the struct's own
//!   fields plus its catch-all map; a call is a call of the type's check function;
//! - fused into decoding: the steps of a block become the body of a `visit_map`/`visit_seq`;
//!   named property steps run as each key is decoded, guards are the visitor method that is
//!   called, and block-level steps that need the whole value (required, counts, uniqueness,
//!   alternatives) run once the value is complete.
//!
//! The analyses below answer what printers used to learn by scanning their own output: which
//! functions are reached from the roots, whether a block can fail, reads the instance, needs its
//! path, touches the annotation collector or the dynamic scope.

use std::collections::BTreeSet;

use serde_json::{Number, Value};

use crate::error::Location;
pub use crate::messages::MessageId;

mod analysis;
mod kinds;
mod pattern;
pub use analysis::{Context, Form, Uses};
pub use kinds::{Format, FunctionId, JsonType, PatternId, ResourceId};
pub use pattern::{CharClass, Pattern, PatternForm, Piece};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckProgram {
    /// Function 0 validates a whole payload.
    pub functions: Vec<Function>,
    pub patterns: Vec<Pattern>,
    /// Whether functions carry the dynamic scope (the chain of entered resources).
    pub dynamic_scope: bool,
    /// The function forms other modules' programs call: printed once, here, visible to them.
    pub exports: BTreeSet<(FunctionId, Form)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// What to call the function: the last name-like token of its location's pointer (a
    /// `$defs` key, a property name), `root` for a document. Each language styles it and makes
    /// it unique within the program (`emit::rust::names`, `emit::kotlin::plan`).
    pub hint: String,
    /// The schema location the function checks (a `$ref` target, a union branch).
    pub location: Location,
    pub body: Block,
    /// Whether the function records evaluated properties and items into a collector the caller
    /// passes in.
    pub reports_annotations: bool,
    /// Whether the function can reject an instance (false for `true`-like schemas).
    pub can_fail: bool,
    /// Set when another module owns the function's schema location and prints it: this
    /// program keeps the body for its analyses, prints nothing for it and calls it there.
    pub home: Option<Home>,
}

/// Where a function lives when another module prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Home {
    pub module: crate::ir::ModuleId,
    /// The function's id in that module's program.
    pub function: FunctionId,
}

/// Steps on one instance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Block {
    pub steps: Vec<Step>,
    /// The schema resource this block enters, for the dynamic scope.
    pub enters: Option<ResourceId>,
    /// The block keeps its own annotation collector (it holds an `unevaluated*` keyword).
    pub own_collector: bool,
}

/// The typed view a guard binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Object,
    Array,
    String,
    Number,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Fails when the test does not hold of the instance (or its typed view, inside a guard).
    Assert(Assertion),
    /// Runs `steps` only when the instance has this JSON type.
    Guard {
        view: View,
        steps: Vec<Step>,
    },
    /// In an object guard: a block on each named property that is present, in one pass.
    Properties(Vec<PropertyStep>),
    /// In an object guard: a block on the value of each property whose key passes the filter.
    EachProperty {
        keys: KeyFilter,
        block: Block,
        /// Record each visited key as evaluated.
        record: bool,
    },
    /// In an object guard: a block on each key, as a JSON string.
    EachKey(Block),
    /// In an object guard: steps (on the object) when the property is present.
    IfProperty {
        name: String,
        steps: Vec<Step>,
    },
    /// In an array guard: a block on the item at `index`, when there is one.
    Item {
        index: usize,
        block: Block,
        record: bool,
    },
    /// In an array guard: a block on each item from `from` on (only items no annotation marks
    /// as evaluated, when `unevaluated`).
    EachItem {
        from: usize,
        unevaluated: bool,
        block: Block,
    },
    /// In an array guard: every item from `from` on counts as evaluated.
    RecordItemsFrom(usize),
    /// Every property (item) of the instance counts as evaluated now.
    RecordAllProperties,
    RecordAllItems,
    /// In an array guard: counts the items the block accepts; fails outside `min..=max`.
    Contains {
        block: Block,
        min: u64,
        max: Option<u64>,
        keyword: Location,
        /// Record each matching item as evaluated.
        record: bool,
    },
    /// In a string guard: the string holds (base64-encoded) JSON, checked by `block`. Inner
    /// errors are reported at the string.
    Content {
        base64: bool,
        json: bool,
        block: Option<Block>,
        keyword: Location,
    },
    /// A block on the same instance; its annotations (when `collect`) count only on success.
    InPlace {
        block: Block,
        collect: bool,
    },
    /// `anyOf` (at least one branch) or `oneOf` (exactly one). `try_all`: every branch runs even
    /// when the answer is known, because their annotations are collected.
    Alternatives {
        branches: Vec<Trial>,
        exactly_one: bool,
        try_all: bool,
        keyword: Location,
    },
    /// Fails when the block holds.
    Not {
        block: Block,
        keyword: Location,
    },
    /// `if`/`then`/`else`: the condition is a trial; the chosen block runs in place.
    Conditional {
        condition: Trial,
        then: Option<InPlace>,
        otherwise: Option<InPlace>,
    },
    /// Runs a function on the instance. `collect`: merge its annotations on success.
    Call {
        function: FunctionId,
        collect: bool,
    },
    /// `$dynamicRef`: the outermost resource in the dynamic scope among `targets` decides the
    /// function; `fallback` when none is entered.
    DynamicCall {
        targets: Vec<(ResourceId, FunctionId)>,
        fallback: FunctionId,
        collect: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct PropertyStep {
    pub name: String,
    pub block: Block,
    pub record: bool,
}

/// A block tried for a yes/no answer; `collect`: its annotations count when it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Trial {
    pub block: Block,
    pub collect: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InPlace {
    pub block: Block,
    pub collect: bool,
}

/// Which properties an `EachProperty` visits.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyFilter {
    /// Keys the pattern matches (`patternProperties`).
    Matches(PatternId),
    /// Keys neither named nor matched (`additionalProperties`).
    Unknown {
        names: Vec<String>,
        patterns: Vec<PatternId>,
    },
    /// Keys no annotation marks as evaluated (`unevaluatedProperties`).
    Unevaluated,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assertion {
    pub test: Test,
    pub keyword: Location,
    pub message: Message,
}

/// A leaf test on one instance or its typed view.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// Never holds (`false`).
    Never,
    Type(Vec<JsonType>),
    Const(Value),
    Enum(Vec<Value>),
    /// On a number.
    Bound(Bound, Number),
    /// On a string, in Unicode code points.
    MaxLength(u64),
    MinLength(u64),
    Pattern(PatternId),
    Format(Format),
    /// On an array.
    MaxItems(u64),
    MinItems(u64),
    UniqueItems,
    /// On an object.
    MaxProperties(u64),
    MinProperties(u64),
    /// Each name is present; fails once per missing name.
    Required(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    MultipleOf,
    Maximum,
    ExclusiveMaximum,
    Minimum,
    ExclusiveMinimum,
}

/// A catalogue message (`crate::messages`): its id and the arguments known when generating,
/// as the catalogue quotes them. Printers supply the others at run time, by name (`found`,
/// `matched`...), and render the catalogue's template in their language.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: MessageId,
    pub known: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(id: MessageId) -> Message {
        Message {
            id,
            known: Vec::new(),
        }
    }

    /// The message with argument `name` known.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.known.push((name, value.into()));
        self
    }

    /// A failed `anyOf` (`exactly_one`: `oneOf`) of `count` branches of which none holds.
    pub fn none_matches(count: usize, exactly_one: bool) -> Message {
        let id = if exactly_one {
            MessageId::NoOneOfMatches
        } else {
            MessageId::NoAlternativeMatches
        };
        Message::new(id).with("count", count.to_string())
    }

    /// A failed `oneOf` of `count` branches of which several hold (open: `matched`).
    pub fn several_match(count: usize) -> Message {
        Message::new(MessageId::SeveralOneOfMatch).with("count", count.to_string())
    }

    /// `contains` with fewer than `min` matching items (open: `found`).
    pub fn too_few_contained(min: u64) -> Message {
        Message::new(MessageId::TooFewContained).with("min", min.to_string())
    }

    /// `contains` with more than `max` matching items (open: `found`).
    pub fn too_many_contained(max: u64) -> Message {
        Message::new(MessageId::TooManyContained).with("max", max.to_string())
    }

    /// An error inside embedded JSON, reported at the string (open: `pointer`, `message`).
    pub fn embedded() -> Message {
        Message::new(MessageId::ContentInvalid)
    }

    pub fn not() -> Message {
        Message::new(MessageId::NotMatchedNot)
    }

    /// What a printer writes when generating: the whole text when no argument is left open,
    /// else the catalogue's format string with the known arguments written in (its `{}` stand
    /// for the open ones, in the order returned).
    pub fn printed(&self) -> (String, Vec<&'static str>) {
        let known: Vec<(&str, &str)> = self
            .known
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        let (format, open) = self.id.format_string(&known);
        if open.is_empty() {
            (self.id.render(&known), open)
        } else {
            (format, open)
        }
    }

    /// The arguments a printer supplies when the failure happens, in template order.
    pub fn open(&self) -> Vec<&'static str> {
        self.id
            .arguments()
            .into_iter()
            .filter(|name| !self.known.iter().any(|(known, _)| known == name))
            .collect()
    }
}

impl Assertion {
    pub fn new(test: Test, keyword: Location, message: Message) -> Assertion {
        Assertion {
            test,
            keyword,
            message,
        }
    }
}

impl Test {
    /// Whether the test fails without looking at the instance (`false`, an empty `enum`).
    pub fn always_fails(&self) -> bool {
        matches!(self, Test::Never) || matches!(self, Test::Enum(values) if values.is_empty())
    }
}

impl CheckProgram {
    /// Every format some assertion of the program tests, so printers bring in only what those
    /// need.
    pub fn formats(&self) -> BTreeSet<Format> {
        let mut found = BTreeSet::new();
        for function in &self.functions {
            function.body.visit(&mut |step| {
                if let Step::Assert(Assertion {
                    test: Test::Format(format),
                    ..
                }) = step
                {
                    found.insert(*format);
                }
            });
        }
        found
    }
}

/// Runs `each` on every block nested directly in `step` (the step lists of a guard or a
/// property test are the step's own, not a block's), by shared or `[mut]` reference: one list
/// of where blocks nest, for every walk.
macro_rules! each_block {
    ($step:expr, [$($m:tt)*], $each:expr) => {{
        let mut each = $each;
        match $step {
            Step::Properties(list) => {
                for property in list {
                    each(& $($m)* property.block);
                }
            }
            Step::EachProperty { block, .. }
            | Step::EachKey(block)
            | Step::Item { block, .. }
            | Step::EachItem { block, .. }
            | Step::Contains { block, .. }
            | Step::InPlace { block, .. }
            | Step::Not { block, .. } => each(block),
            Step::Content { block, .. } => {
                if let Some(block) = block {
                    each(block);
                }
            }
            Step::Alternatives { branches, .. } => {
                for branch in branches {
                    each(& $($m)* branch.block);
                }
            }
            Step::Conditional {
                condition,
                then,
                otherwise,
            } => {
                each(& $($m)* condition.block);
                if let Some(then) = then {
                    each(& $($m)* then.block);
                }
                if let Some(otherwise) = otherwise {
                    each(& $($m)* otherwise.block);
                }
            }
            Step::Guard { .. }
            | Step::IfProperty { .. }
            | Step::Assert(_)
            | Step::RecordItemsFrom(_)
            | Step::RecordAllProperties
            | Step::RecordAllItems
            | Step::Call { .. }
            | Step::DynamicCall { .. } => {}
        }
    }};
}

impl Block {
    /// Calls `visit` on every step of the block and of the blocks nested in it (not across
    /// calls).
    pub fn visit(&self, visit: &mut impl FnMut(&Step)) {
        for step in &self.steps {
            step.visit(visit);
        }
    }

    /// The same, mutably.
    pub fn visit_mut(&mut self, visit: &mut impl FnMut(&mut Step)) {
        for step in &mut self.steps {
            step.visit_mut(visit);
        }
    }

    /// Calls `visit` on the block and every block nested in it, mutably.
    pub fn visit_blocks_mut(&mut self, visit: &mut impl FnMut(&mut Block)) {
        visit(self);
        for step in &mut self.steps {
            step.visit_blocks_mut(visit);
        }
    }
}

impl Step {
    pub fn visit(&self, visit: &mut impl FnMut(&Step)) {
        visit(self);
        if let Step::Guard { steps, .. } | Step::IfProperty { steps, .. } = self {
            steps.iter().for_each(|s| s.visit(visit));
        }
        each_block!(self, [], |block: &Block| block.visit(visit));
    }

    /// Calls `visit` on this step and every step nested in it, mutably.
    pub fn visit_mut(&mut self, visit: &mut impl FnMut(&mut Step)) {
        visit(self);
        if let Step::Guard { steps, .. } | Step::IfProperty { steps, .. } = self {
            steps.iter_mut().for_each(|s| s.visit_mut(visit));
        }
        each_block!(self, [mut], |block: &mut Block| block.visit_mut(visit));
    }

    fn visit_blocks_mut(&mut self, visit: &mut impl FnMut(&mut Block)) {
        if let Step::Guard { steps, .. } | Step::IfProperty { steps, .. } = self {
            steps.iter_mut().for_each(|s| s.visit_blocks_mut(visit));
        }
        each_block!(self, [mut], |block: &mut Block| block.visit_blocks_mut(visit));
    }
}
