//! The walk through a target that prints an outline of each construct: what the walker
//! decides (what is printed, which locals are bound, where annotations merge) is visible
//! without either language's syntax.

use serde_json::json;

use super::names::{Parameters, Style};
use super::target::*;
use super::*;
use crate::ir::check::{Assertion, Function, KeyFilter, Message, ResourceId};

struct Outline;

type Lines = Vec<String>;

fn nest(head: String, body: Lines) -> Lines {
    let mut out = vec![head];
    out.extend(body.into_iter().map(|line| format!("  {line}")));
    out
}

static STYLE: Style = Style {
    prefix: |_| None,
    parameters: Parameters {
        instance: "v",
        path: "p",
        errors: "errs",
        collector: "ann",
        dynamic_scope: "ds",
    },
    reserved: |_| false,
    labels_functions: false,
};

impl Statements for Lines {
    fn is_empty(&self) -> bool {
        <[String]>::is_empty(self)
    }

    fn append(&mut self, mut more: Self) {
        Vec::append(self, &mut more);
    }
}

impl Target for Outline {
    type Stmts = Lines;
    type Cond = String;
    type Arg = String;
    type Call = String;
    const STYLE: &'static Style = &STYLE;
    const REUSES_NARROWED_VIEWS: bool = true;
    const ONE_LOOP_FOR_NAMED_PROPERTIES: bool = false;

    fn binds_view(&self, _view: View) -> bool {
        true
    }
    fn scoped(&mut self, body: Lines) -> Lines {
        nest("scope".into(), body)
    }
    fn if_(&mut self, condition: String, then: Lines) -> Lines {
        nest(format!("if {condition}"), then)
    }
    fn if_else(&mut self, condition: String, then: Lines, otherwise: Lines) -> Lines {
        let mut out = nest(format!("if {condition}"), then);
        out.extend(nest("else".into(), otherwise));
        out
    }
    fn holds(&mut self, variable: &str) -> String {
        variable.into()
    }
    fn fails(&mut self, variable: &str) -> String {
        format!("not {variable}")
    }
    fn compare(&mut self, counter: &str, compare: Compare, n: u64) -> String {
        format!("{counter} {compare:?} {n}")
    }
    fn counter(&mut self, name: &str, _mutable: bool, _counts: Counter) -> Lines {
        vec![format!("{name} = 0")]
    }
    fn increment(&mut self, counter: &str) -> Lines {
        vec![format!("{counter} += 1")]
    }
    fn fail(
        &mut self,
        scope: &Scope,
        keyword: &Location,
        _message: &Message,
        args: Vec<(&'static str, String)>,
    ) -> Lines {
        match &scope.sink {
            Sink::Errors(errors) => vec![format!("{errors} += {} {args:?}", keyword.pointer)],
            Sink::Decide(_) => self.fail_decide(scope),
        }
    }
    fn fail_decide(&mut self, scope: &Scope) -> Lines {
        vec![format!("no {:?}", scope.sink)]
    }
    fn counted(&mut self, counter: &str) -> String {
        counter.into()
    }
    fn assertion(&mut self, assertion: &Assertion, scope: &Scope, x: &str) -> Code<Lines> {
        let fail = self.fail(scope, &assertion.keyword, &assertion.message, Vec::new());
        Code::of(self.if_(format!("{x} breaks {:?}", assertion.test), fail))
    }
    fn content(
        _walker: &mut Walker<'_, Self>,
        _content: Content<'_>,
        _scope: &Scope,
        s: &str,
    ) -> Code<Lines> {
        Code::of(vec![format!("content {s}")])
    }
    fn enter_resource(&mut self, entered: &str, scope: &str, resource: ResourceId) -> Lines {
        vec![format!("{entered} = {scope} + {resource}")]
    }
    fn new_collector(&mut self, name: &str) -> Lines {
        vec![format!("{name} = collector")]
    }
    fn merge(&mut self, into: &str, child: &str) -> Lines {
        vec![format!("{into} += {child}")]
    }
    fn record(&mut self, collector: &str, record: Record<'_>) -> Lines {
        vec![format!("record {collector} {record:?}")]
    }
    fn error_count(&mut self, before: &str, errors: &str) -> Lines {
        vec![format!("{before} = count {errors}")]
    }
    fn errors_unchanged(&mut self, errors: &str, before: &str) -> String {
        format!("count {errors} == {before}")
    }
    fn bind_path(&mut self, path: &str, parent: &str, member: Member<'_>) -> Lines {
        vec![format!("{path} = {parent} / {member:?}")]
    }
    fn guard(&mut self, view: View, v: &str, bound: &str, inner: Lines) -> Lines {
        nest(format!("{bound} = {v} as {view:?}"), inner)
    }
    fn if_property(&mut self, object: &str, name: &str, inner: Lines) -> Lines {
        nest(format!("if {name} in {object}"), inner)
    }
    fn properties(
        &mut self,
        object: &str,
        _key: Option<&str>,
        arms: Vec<PropertyArm<'_, Lines>>,
    ) -> Lines {
        let arms = arms.into_iter();
        arms.flat_map(|arm| nest(format!("{} = {object}.{}", arm.value, arm.name), arm.body))
            .collect()
    }
    fn key_filter(
        &mut self,
        keys: &KeyFilter,
        key: &str,
        _collector: Option<&str>,
    ) -> Option<String> {
        Some(format!("{key} not {keys:?}"))
    }
    fn each_property(
        &mut self,
        object: &str,
        key: &str,
        value: &str,
        skip: Option<String>,
        body: Lines,
        _uses_key: bool,
        _reads: bool,
    ) -> Lines {
        nest(
            format!("each {key}, {value} of {object} skip {skip:?}"),
            body,
        )
    }
    fn each_key(
        &mut self,
        object: &str,
        key: &str,
        name: &str,
        _reads: bool,
        body: Lines,
    ) -> Lines {
        nest(format!("each key {key} ({name}) of {object}"), body)
    }
    fn item(&mut self, array: &str, index: usize, item: &str, _reads: bool, body: Lines) -> Lines {
        nest(format!("{item} = {array}[{index}]"), body)
    }
    fn each_item(
        &mut self,
        array: &str,
        from: usize,
        index: &str,
        item: &str,
        skip_evaluated: Option<&str>,
        _uses: &Uses,
        body: Lines,
    ) -> Lines {
        nest(
            format!("each {index}, {item} of {array} from {from} skip {skip_evaluated:?}"),
            body,
        )
    }
    fn each_item_tried(
        &mut self,
        array: &str,
        index: &str,
        item: &str,
        _indexed: bool,
        _reads: bool,
        body: Lines,
    ) -> Lines {
        nest(format!("each {index}, {item} of {array}"), body)
    }
    fn trial(&mut self, ok: &str, label: &str, body: Lines, _diverges: bool) -> Lines {
        nest(format!("{ok} = try {label}"), body)
    }
    fn call(
        &mut self,
        id: FunctionId,
        function: &Function,
        scope: &Scope,
        collector: CallCollector<'_>,
    ) -> String {
        format!("{}#{id}({}, {collector:?})", function.hint, scope.v)
    }
    fn call_statement(&mut self, call: String) -> Lines {
        vec![call]
    }
    fn call_fails(&mut self, call: String) -> String {
        format!("not {call}")
    }
    fn dynamic_dispatch(
        &mut self,
        scope: &str,
        arms: Vec<(ResourceId, Lines)>,
        fallback: Lines,
    ) -> Lines {
        let mut out = vec![format!("dispatch {scope}")];
        for (resource, arm) in arms {
            out.extend(nest(format!("{resource} =>"), arm));
        }
        out.extend(nest("else =>".into(), fallback));
        out
    }
}

/// The check program of `schema` as the only message of a contract.
pub(crate) fn program(schema: serde_json::Value) -> CheckProgram {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir_all(dir.path().join("sample")).expect("contract directory");
    let path = dir.path().join("sample").join("message.schema.json");
    std::fs::write(path, schema.to_string()).expect("schema file");
    match crate::load(&crate::Options::new(dir.path())) {
        Ok(mut loaded) => loaded.contracts.messages.remove(0).checks,
        Err(e) => panic!("lowering failed: {e}"),
    }
}

/// The outline of the root function's reporting form.
fn outline(schema: serde_json::Value) -> String {
    let program = program(schema);
    let mut walker = Walker::new(&program, Outline);
    match walker.function(0, Form::Report) {
        Some(walked) => walked.body.stmts.join("\n"),
        None => panic!("no root function"),
    }
}

#[test]
fn steps_that_do_nothing_print_nothing() {
    assert_eq!(outline(json!({"properties": {"a": {}, "b": true}})), "");
    // A branch that always holds is counted without trying it.
    assert_eq!(
        outline(json!({"items": {}, "anyOf": [true]})),
        "matched1 = 0\nscope\n  matched1 += 1\nif matched1 Equal 0\n  errs += /anyOf []"
    );
}

#[test]
fn a_branch_records_into_its_own_collector_merged_only_when_it_matches() {
    let out = outline(json!({
        "anyOf": [{"properties": {"a": {"type": "string"}}}, {"required": ["b"]}],
        "unevaluatedProperties": false
    }));
    assert!(out.starts_with("ann1 = collector\nmatched1 = 0\n"), "{out}");
    assert!(
        out.contains(
            "record ann2 Property(\"a\")\n  if ok1\n    matched1 += 1\n    ann1 += ann2\n"
        ),
        "{out}"
    );
    assert_eq!(out.matches(" += ann").count(), 1, "{out}");
    // The second branch records nothing, so it gets no collector.
    assert!(!out.contains("ann3"), "{out}");
    assert!(
        out.contains("each key1, value2 of o3 skip Some(\"key1 not Unevaluated\")"),
        "{out}"
    );
}

#[test]
fn a_path_is_bound_only_where_errors_are_reported() {
    let out = outline(json!({
        "$defs": {"d": {"type": "string"}},
        "items": {"$ref": "#/$defs/d"},
        "contains": {"const": 1}
    }));
    // The call reports at the item's path; the tried `contains` block needs none.
    assert!(
        out.contains("at1 = p / IndexAt(\"i1\")\n    d#1(item1, None)"),
        "{out}"
    );
    assert!(!out.contains("at2"), "{out}");
    assert!(
        out.contains("if count1 Less 1\n    errs += /contains [(\"found\", \"count1\")]"),
        "{out}"
    );
}
