//! Builds the check program (`ir::check`) from the lowered keyword tree (`ir::Program`), one
//! keyword family at a time. It decides, once, where an annotation collector is present: in a
//! function that reports annotations, in a block with its own `unevaluated*` keyword, and in an
//! in-place block or trial whose annotations someone keeps; property and item blocks start
//! without one. Record steps appear only where a collector is present.

use super::keywords::{self, Steps};
use crate::ir::check::{
    Assertion, Block, CheckProgram, Function, FunctionId, InPlace, KeyFilter, Message, MessageId,
    Pattern, PatternId, ResourceId, Step, Test, Trial, View,
};
use crate::ir::{Check, Program, Schema, SchemaBody};

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

pub(super) struct Lowering<'a> {
    program: &'a Program,
}

impl Lowering<'_> {
    /// A pattern as the schema writes it, for messages.
    pub(super) fn pattern_source(&self, id: PatternId) -> String {
        self.program
            .pattern_sources
            .get(id)
            .cloned()
            .unwrap_or_default()
    }

    /// The steps of `schema`; `collecting`: a collector is present where it runs.
    pub(super) fn block(&self, schema: &Schema, collecting: bool) -> Block {
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
    pub(super) fn in_place(&self, schema: &Schema, collecting: bool) -> InPlace {
        let collect = collecting && self.program.records_annotations(schema);
        InPlace {
            block: self.block(schema, collect),
            collect,
        }
    }

    pub(super) fn trial(&self, schema: &Schema, collecting: bool) -> Trial {
        let InPlace { block, collect } = self.in_place(schema, collecting);
        Trial { block, collect }
    }

    fn check(&self, check: &Check, collecting: bool, steps: &mut Steps) {
        keywords::steps(self, check, collecting, steps);
    }

    /// The functions a `$dynamicRef` to `anchor` may call, by the resource that decides.
    pub(super) fn dynamic_targets(
        &self,
        anchor: &str,
        collecting: bool,
    ) -> Vec<(ResourceId, FunctionId)> {
        self.program
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
            .unwrap_or_default()
    }

    pub(super) fn each_property(
        &self,
        keys: KeyFilter,
        schema: &Schema,
        record: bool,
        steps: &mut Steps,
    ) {
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
