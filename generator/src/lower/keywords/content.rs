//! `contentEncoding`, `contentMediaType` and `contentSchema` (when content is asserted): a
//! string holding (base64-encoded) JSON, checked against its inner schema.

use serde_json::Value;

use super::SchemaLowering;
use crate::error::{Error, Result};
use crate::ir::check::{Step, View};

impl SchemaLowering<'_> {
    pub(super) fn lower_content(&mut self) -> Result<()> {
        let base64 = match self.map.get("contentEncoding") {
            None => false,
            Some(Value::String(e)) if e == "base64" => true,
            Some(other) => {
                return Err(Error::unsupported(
                    &self.location.join("contentEncoding"),
                    "contentEncoding",
                    format!(
                        "content assertion is on and only \"base64\" can be checked, not {other}"
                    ),
                ))
            }
        };
        let json = match self.map.get("contentMediaType") {
            None => false,
            Some(Value::String(t)) if t == "application/json" || t.ends_with("+json") => true,
            Some(other) => {
                return Err(Error::unsupported(
                    &self.location.join("contentMediaType"),
                    "contentMediaType",
                    format!(
                    "content assertion is on and only application/json can be checked, not {other}"
                ),
                ))
            }
        };
        // contentSchema means something only together with contentMediaType; one that
        // accepts everything needs no block.
        let block = if json && self.map.contains_key("contentSchema") {
            Some(self.sub(&["contentSchema"])?)
                .filter(|lowered| lowered.checks)
                .map(|lowered| lowered.block)
        } else {
            None
        };
        if base64 || json {
            let keyword = self.keyword(if json {
                "contentMediaType"
            } else {
                "contentEncoding"
            });
            self.steps.guarded(
                View::String,
                Step::Content {
                    base64,
                    json,
                    block,
                    keyword,
                },
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{only_guard, program_with, root};
    use crate::ir::check::{Step, View};

    #[test]
    fn content_is_an_annotation_unless_asserted() {
        let steps = root(json!({
            "contentMediaType": "application/json",
            "contentSchema": {"type": "object"}
        }));
        assert!(steps.is_empty());
    }

    #[test]
    fn asserted_content_decodes_and_checks_the_inner_document() {
        let steps = program_with(
            json!({
                "contentEncoding": "base64",
                "contentMediaType": "application/json",
                "contentSchema": {"type": "object"}
            }),
            Some(json!({"assertFormat": false, "assertContent": true})),
        )
        .functions
        .remove(0)
        .body
        .steps;
        let inner = only_guard(&steps, View::String);
        let [Step::Content {
            base64: true,
            json: true,
            block: Some(block),
            keyword,
        }] = inner
        else {
            panic!("one content step expected: {inner:?}")
        };
        assert!(keyword.to_string().ends_with("#/contentMediaType"));
        assert_eq!(block.steps.len(), 1);
    }
}
