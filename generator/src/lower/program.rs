//! Builds the check program (`ir::check`) from the lowered keyword tree (`ir::Program`), one
//! keyword family at a time. It decides, once, where an annotation collector is present: in a
//! function that reports annotations, in a block with its own `unevaluated*` keyword, and in an
//! in-place block or trial whose annotations someone keeps; property and item blocks start
//! without one. Record steps appear only where a collector is present.

use crate::ir::check::{
    Assertion, Block, Bound, CheckProgram, Function, InPlace, KeyFilter, Message, MessageId,
    Pattern, PatternId, PropertyStep, Step, Test, Trial, View,
};
use crate::ir::{Check, Program, Rule, Schema, SchemaBody};
use crate::messages;
use serde_json::{Number, Value};

#[cfg(test)]
mod tests;

/// The check program of `program`.
pub fn check_program(program: &Program) -> CheckProgram {
    let lowering = Lowering { program };
    let functions = program
        .functions
        .iter()
        .map(|f| Function {
            name: f.name.clone(),
            body: lowering.block(&f.schema, f.reports_annotations),
            reports_annotations: f.reports_annotations,
            can_fail: true,
        })
        .collect();
    let patterns = program
        .patterns
        .iter()
        .enumerate()
        .map(|(id, translated)| Pattern {
            source: program
                .pattern_sources
                .get(id)
                .cloned()
                .unwrap_or_else(|| translated.clone()),
            translated: translated.clone(),
        })
        .collect();
    let mut checks = CheckProgram {
        functions,
        patterns,
        dynamic_scope: program.uses_dynamic_scope(),
    };
    checks.settle_can_fail();
    checks
}

struct Lowering<'a> {
    program: &'a Program,
}

impl Lowering<'_> {
    /// A pattern as the schema writes it, for messages.
    fn pattern_source(&self, id: PatternId) -> String {
        self.program
            .pattern_sources
            .get(id)
            .cloned()
            .unwrap_or_default()
    }

    /// The steps of `schema`; `collecting`: a collector is present where it runs.
    fn block(&self, schema: &Schema, collecting: bool) -> Block {
        match &schema.body {
            SchemaBody::Any => Block::default(),
            SchemaBody::Nothing => Block {
                steps: vec![Step::Assert(Assertion::new(
                    Test::Never,
                    schema.location.clone(),
                    Message::new(MessageId::FalseSchema),
                ))],
                ..Block::default()
            },
            SchemaBody::Checks(checks) => {
                let own = schema.annotate == crate::ir::Annotate::Own;
                let collecting = collecting || own;
                let mut steps = Steps::default();
                for check in checks {
                    self.check(check, collecting, &mut steps);
                }
                Block {
                    steps: steps.0,
                    enters: schema.enters,
                    own_collector: own,
                }
            }
        }
    }

    /// A block on the same instance whose annotations count only when it succeeds.
    fn in_place(&self, schema: &Schema, collecting: bool) -> InPlace {
        let collect = collecting && self.program.records_annotations(schema);
        InPlace {
            block: self.block(schema, collect),
            collect,
        }
    }

    fn trial(&self, schema: &Schema, collecting: bool) -> Trial {
        let InPlace { block, collect } = self.in_place(schema, collecting);
        Trial { block, collect }
    }

    fn check(&self, check: &Check, collecting: bool, steps: &mut Steps) {
        let keyword = check.keyword.clone();
        let assert = |test: Test, message: Message| {
            Step::Assert(Assertion::new(test, keyword.clone(), message))
        };
        match &check.rule {
            Rule::Type(types) => steps.push(assert(
                Test::Type(types.clone()),
                Message::new(MessageId::TypeMismatch).with(
                    "expected",
                    messages::type_list(types.iter().map(|t| t.name())),
                ),
            )),
            Rule::Const(value) => steps.push(assert(
                Test::Const(value.clone()),
                Message::new(MessageId::ConstMismatch).with("expected", messages::json_text(value)),
            )),
            Rule::Enum(values) => steps.push(assert(
                Test::Enum(values.clone()),
                Message::new(MessageId::EnumMismatch).with("allowed", messages::json_list(values)),
            )),
            Rule::MultipleOf(n)
            | Rule::Maximum(n)
            | Rule::ExclusiveMaximum(n)
            | Rule::Minimum(n)
            | Rule::ExclusiveMinimum(n) => {
                let bound = match &check.rule {
                    Rule::MultipleOf(_) => Bound::MultipleOf,
                    Rule::Maximum(_) => Bound::Maximum,
                    Rule::ExclusiveMaximum(_) => Bound::ExclusiveMaximum,
                    Rule::Minimum(_) => Bound::Minimum,
                    _ => Bound::ExclusiveMinimum,
                };
                steps.guarded(
                    View::Number,
                    assert(Test::Bound(bound, n.clone()), bound_message(bound, n)),
                )
            }
            Rule::MaxLength(n) => steps.guarded(
                View::String,
                assert(
                    Test::MaxLength(*n),
                    Message::new(MessageId::TooLong).with("limit", n.to_string()),
                ),
            ),
            Rule::MinLength(n) => steps.guarded(
                View::String,
                assert(
                    Test::MinLength(*n),
                    Message::new(MessageId::TooShort).with("limit", n.to_string()),
                ),
            ),
            Rule::Pattern(id) => steps.guarded(
                View::String,
                assert(
                    Test::Pattern(*id),
                    Message::new(MessageId::PatternMismatch)
                        .with("pattern", self.pattern_source(*id)),
                ),
            ),
            Rule::Format(format) => steps.guarded(
                View::String,
                assert(
                    Test::Format(*format),
                    Message::new(MessageId::InvalidFormat).with("format", format.name()),
                ),
            ),
            Rule::Content(content) => steps.guarded(
                View::String,
                Step::Content {
                    base64: content.base64,
                    json: content.json,
                    block: content
                        .schema
                        .as_deref()
                        .filter(|s| s.body != SchemaBody::Any)
                        .map(|s| self.block(s, false)),
                    keyword,
                },
            ),
            Rule::MaxItems(n) => steps.guarded(
                View::Array,
                assert(
                    Test::MaxItems(*n),
                    Message::new(MessageId::TooManyItems).with("limit", n.to_string()),
                ),
            ),
            Rule::MinItems(n) => steps.guarded(
                View::Array,
                assert(
                    Test::MinItems(*n),
                    Message::new(MessageId::TooFewItems).with("limit", n.to_string()),
                ),
            ),
            Rule::UniqueItems => steps.guarded(
                View::Array,
                assert(Test::UniqueItems, Message::new(MessageId::DuplicateItems)),
            ),
            Rule::Contains { schema, min, max } => {
                // Always satisfied, and nobody asks which items matched.
                if *min == 0 && max.is_none() && !collecting {
                    return;
                }
                steps.guarded(
                    View::Array,
                    Step::Contains {
                        block: self.block(schema, false),
                        min: *min,
                        max: *max,
                        keyword,
                        record: collecting,
                    },
                )
            }
            Rule::PrefixItems(schemas) => {
                for (index, schema) in schemas.iter().enumerate() {
                    let block = self.block(schema, false);
                    if !block.steps.is_empty() || collecting {
                        steps.guarded(
                            View::Array,
                            Step::Item {
                                index,
                                block,
                                record: collecting,
                            },
                        );
                    }
                }
            }
            Rule::Items { from, schema } => {
                let block = self.block(schema, false);
                if !block.steps.is_empty() {
                    steps.guarded(
                        View::Array,
                        Step::EachItem {
                            from: *from,
                            unevaluated: false,
                            block,
                        },
                    );
                }
                if collecting {
                    steps.guarded(View::Array, Step::RecordItemsFrom(*from));
                }
            }
            Rule::MaxProperties(n) => steps.guarded(
                View::Object,
                assert(
                    Test::MaxProperties(*n),
                    Message::new(MessageId::TooManyProperties).with("limit", n.to_string()),
                ),
            ),
            Rule::MinProperties(n) => steps.guarded(
                View::Object,
                assert(
                    Test::MinProperties(*n),
                    Message::new(MessageId::TooFewProperties).with("limit", n.to_string()),
                ),
            ),
            Rule::Required(names) => {
                if !names.is_empty() {
                    steps.guarded(
                        View::Object,
                        assert(
                            Test::Required(names.clone()),
                            Message::new(MessageId::MissingRequired),
                        ),
                    )
                }
            }
            Rule::DependentRequired(dependencies) => {
                for (name, required) in dependencies.iter().filter(|(_, r)| !r.is_empty()) {
                    let message = Message::new(MessageId::MissingDependent).with(
                        "property",
                        messages::json_text(&Value::String(name.clone())),
                    );
                    steps.guarded(
                        View::Object,
                        Step::IfProperty {
                            name: name.clone(),
                            steps: vec![assert(Test::Required(required.clone()), message)],
                        },
                    );
                }
            }
            Rule::Properties(properties) => {
                let list: Vec<PropertyStep> = properties
                    .iter()
                    .map(|(name, schema)| PropertyStep {
                        name: name.clone(),
                        block: self.block(schema, false),
                        record: collecting,
                    })
                    .filter(|p| p.record || !p.block.steps.is_empty())
                    .collect();
                if !list.is_empty() {
                    steps.guarded(View::Object, Step::Properties(list));
                }
            }
            Rule::PatternProperties(list) => {
                for (id, schema) in list {
                    self.each_property(KeyFilter::Matches(*id), schema, collecting, steps);
                }
            }
            Rule::AdditionalProperties {
                properties,
                patterns,
                schema,
            } => {
                let keys = KeyFilter::Unknown {
                    names: properties.clone(),
                    patterns: patterns.clone(),
                };
                self.each_property(keys, schema, collecting, steps);
            }
            Rule::PropertyNames(schema) => {
                let block = self.block(schema, false);
                if !block.steps.is_empty() {
                    steps.guarded(View::Object, Step::EachKey(block));
                }
            }
            Rule::DependentSchemas(list) => {
                for (name, schema) in list {
                    let in_place = self.in_place(schema, collecting);
                    if !in_place.block.steps.is_empty() {
                        steps.guarded(
                            View::Object,
                            Step::IfProperty {
                                name: name.clone(),
                                steps: vec![Step::InPlace {
                                    block: in_place.block,
                                    collect: in_place.collect,
                                }],
                            },
                        );
                    }
                }
            }
            Rule::AllOf(schemas) => {
                for schema in schemas {
                    let InPlace { block, collect } = self.in_place(schema, collecting);
                    if !block.steps.is_empty() {
                        steps.push(Step::InPlace { block, collect });
                    }
                }
            }
            Rule::AnyOf(schemas) | Rule::OneOf(schemas) => steps.push(Step::Alternatives {
                branches: schemas.iter().map(|s| self.trial(s, collecting)).collect(),
                exactly_one: matches!(check.rule, Rule::OneOf(_)),
                try_all: collecting,
                keyword,
            }),
            Rule::Not(schema) => steps.push(Step::Not {
                block: self.block(schema, false),
                keyword,
            }),
            Rule::IfThenElse {
                condition,
                then,
                otherwise,
            } => steps.push(Step::Conditional {
                condition: self.trial(condition, collecting),
                then: then.as_deref().map(|s| self.in_place(s, collecting)),
                otherwise: otherwise.as_deref().map(|s| self.in_place(s, collecting)),
            }),
            Rule::Ref(id) => steps.push(Step::Call {
                function: *id,
                collect: collecting,
            }),
            Rule::DynamicRef { anchor, fallback } => {
                let targets = self
                    .program
                    .dynamic_anchors
                    .get(anchor)
                    .map(|targets| {
                        targets
                            .iter()
                            .map(|t| {
                                let function = match t.annotating {
                                    Some(annotating) if collecting => annotating,
                                    _ => t.function,
                                };
                                (t.resource, function)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                steps.push(Step::DynamicCall {
                    targets,
                    fallback: *fallback,
                    collect: collecting,
                })
            }
            Rule::UnevaluatedProperties(schema) => {
                if !collecting {
                    return;
                }
                self.each_property(KeyFilter::Unevaluated, schema, false, steps);
                steps.push(Step::RecordAllProperties);
            }
            Rule::UnevaluatedItems(schema) => {
                if !collecting {
                    return;
                }
                let block = self.block(schema, false);
                if !block.steps.is_empty() {
                    steps.guarded(
                        View::Array,
                        Step::EachItem {
                            from: 0,
                            unevaluated: true,
                            block,
                        },
                    );
                }
                steps.push(Step::RecordAllItems);
            }
        }
    }

    fn each_property(&self, keys: KeyFilter, schema: &Schema, record: bool, steps: &mut Steps) {
        let block = self.block(schema, false);
        if !block.steps.is_empty() || record {
            steps.guarded(
                View::Object,
                Step::EachProperty {
                    keys,
                    block,
                    record,
                },
            );
        }
    }
}

/// Steps of a block, with consecutive guards on the same view merged into one.
#[derive(Default)]
struct Steps(Vec<Step>);

impl Steps {
    fn push(&mut self, step: Step) {
        self.0.push(step);
    }

    fn guarded(&mut self, view: View, step: Step) {
        if let Some(Step::Guard { view: last, steps }) = self.0.last_mut() {
            if *last == view {
                steps.push(step);
                return;
            }
        }
        self.0.push(Step::Guard {
            view,
            steps: vec![step],
        });
    }
}

/// `multipleOf` names its argument `divisor`; the other bounds name it `limit`. Both are quoted
/// as the schema writes them.
fn bound_message(bound: Bound, n: &Number) -> Message {
    let (id, argument) = match bound {
        Bound::MultipleOf => (MessageId::NotMultipleOf, "divisor"),
        Bound::Maximum => (MessageId::AboveMaximum, "limit"),
        Bound::ExclusiveMaximum => (MessageId::NotBelowExclusiveMaximum, "limit"),
        Bound::Minimum => (MessageId::BelowMinimum, "limit"),
        Bound::ExclusiveMinimum => (MessageId::NotAboveExclusiveMinimum, "limit"),
    };
    Message::new(id).with(argument, n.to_string())
}
