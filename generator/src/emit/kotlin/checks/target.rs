//! Each construct the walker decides to print, as typed Kotlin statements ([`super::code`])
//! over `JsonElement`, and how a broken rule is reported.

use super::assertions::count;
use super::code::Stmt;
use super::failures::{fail_no_message, Arg};
use super::Printer;
use crate::emit::checks::names::{Local, Parameters, Style};
use crate::emit::checks::target::{
    CallCollector, Compare, Counter, Member, PropertyArm, Record, Statements, Target,
};
use crate::emit::checks::{Code, Content, Scope, Sink, Walker};
use crate::emit::kotlin::layout::{string_literal, Expr};
use crate::error::Location;
use crate::ir::check::{
    Assertion, Function, FunctionId, KeyFilter, Message, ResourceId, Uses, View,
};

fn prefix(local: Local) -> Option<&'static str> {
    match local {
        Local::Collector => Some("evaluated"),
        _ => None,
    }
}

static STYLE: Style = Style {
    prefix,
    parameters: Parameters {
        instance: "value",
        path: "at",
        errors: "errors",
        collector: "evaluated",
        dynamic_scope: "scope",
    },
    reserved: crate::emit::kotlin::names::is_hard_keyword,
    labels_functions: false,
};

impl Statements for Vec<Stmt> {
    fn is_empty(&self) -> bool {
        <[Stmt]>::is_empty(self)
    }

    fn append(&mut self, mut more: Self) {
        Vec::append(self, &mut more);
    }
}

impl Target for Printer<'_> {
    type Stmts = Vec<Stmt>;
    type Cond = String;
    type Arg = Arg;
    type Call = Expr;

    const STYLE: &'static Style = &STYLE;
    const REUSES_NARROWED_VIEWS: bool = true;
    const ONE_LOOP_FOR_NAMED_PROPERTIES: bool = false;

    /// Objects and arrays are the instance itself, smart-cast; strings and numbers are read.
    fn binds_view(&self, view: View) -> bool {
        matches!(view, View::String | View::Number)
    }

    fn scoped(&mut self, body: Vec<Stmt>) -> Vec<Stmt> {
        body
    }

    fn if_(&mut self, condition: String, then: Vec<Stmt>) -> Vec<Stmt> {
        vec![Stmt::if_(condition, then)]
    }

    fn if_else(&mut self, condition: String, then: Vec<Stmt>, otherwise: Vec<Stmt>) -> Vec<Stmt> {
        vec![Stmt::If {
            condition,
            then,
            otherwise,
        }]
    }

    fn holds(&mut self, variable: &str) -> String {
        variable.to_string()
    }

    fn fails(&mut self, variable: &str) -> String {
        format!("!{variable}")
    }

    fn compare(&mut self, counter: &str, compare: Compare, n: u64) -> String {
        let op = match compare {
            Compare::Equal => "==",
            Compare::NotEqual => "!=",
            Compare::Less => "<",
            Compare::Greater => ">",
        };
        format!("{counter} {op} {}", count(n))
    }

    fn counter(&mut self, name: &str, mutable: bool, _counts: Counter) -> Vec<Stmt> {
        vec![Stmt::Val {
            name: name.to_string(),
            mutable,
            value: Expr::atom("0"),
        }]
    }

    fn increment(&mut self, counter: &str) -> Vec<Stmt> {
        vec![Stmt::line(format!("{counter} += 1"))]
    }

    fn fail(
        &mut self,
        scope: &Scope,
        keyword: &Location,
        message: &Message,
        args: Vec<(&'static str, Arg)>,
    ) -> Vec<Stmt> {
        vec![self.fail_stmt(scope, keyword, message, args)]
    }

    fn fail_decide(&mut self, scope: &Scope) -> Vec<Stmt> {
        vec![fail_no_message(scope)]
    }

    fn counted(&mut self, counter: &str) -> Arg {
        Arg::Expr(Expr::atom(counter))
    }

    fn assertion(&mut self, assertion: &Assertion, scope: &Scope, x: &str) -> Code<Vec<Stmt>> {
        self.print_assertion(assertion, scope, x)
    }

    fn content(
        walker: &mut Walker<'_, Self>,
        content: Content<'_>,
        scope: &Scope,
        s: &str,
    ) -> Code<Vec<Stmt>> {
        super::content::content(walker, content, scope, s)
    }

    fn enter_resource(&mut self, entered: &str, scope: &str, resource: ResourceId) -> Vec<Stmt> {
        let enter = Expr::call(
            format!("{scope}.enter"),
            vec![Expr::atom(resource.to_string())],
        );
        vec![Stmt::val(entered, enter)]
    }

    fn new_collector(&mut self, name: &str) -> Vec<Stmt> {
        vec![Stmt::val(name, self.collector())]
    }

    fn merge(&mut self, into: &str, child: &str) -> Vec<Stmt> {
        vec![Stmt::call(format!("{into}.merge"), vec![Expr::atom(child)])]
    }

    fn record(&mut self, ann: &str, record: Record<'_>) -> Vec<Stmt> {
        let line = match record {
            Record::Property(name) => format!("{ann}.properties.add({})", string_literal(name)),
            Record::Key(key) => format!("{ann}.properties.add({key})"),
            Record::Item(index) => format!("{ann}.items.add({index})"),
            Record::ItemAt(index) => format!("{ann}.items.add({index})"),
            Record::AllProperties => format!("{ann}.allProperties = true"),
            Record::AllItems => format!("{ann}.allItems = true"),
            Record::ItemsFrom { array, from } => {
                let all = vec![Stmt::line(format!("{ann}.allItems = true"))];
                return vec![Stmt::if_(format!("{array}.size > {from}"), all)];
            }
        };
        vec![Stmt::line(line)]
    }

    fn error_count(&mut self, before: &str, errors: &str) -> Vec<Stmt> {
        vec![Stmt::val(before, Expr::atom(format!("{errors}.size")))]
    }

    fn errors_unchanged(&mut self, errors: &str, before: &str) -> String {
        format!("{errors}.size == {before}")
    }

    fn bind_path(&mut self, path: &str, parent: &str, member: Member<'_>) -> Vec<Stmt> {
        let member = match member {
            Member::Name(name) => string_literal(name),
            Member::Key(key) => key.to_string(),
            Member::Index(index) => index.to_string(),
            Member::IndexAt(index) => index.to_string(),
        };
        vec![Stmt::val(
            path,
            Expr::atom(format!("{parent}.child({member})")),
        )]
    }

    fn guard(&mut self, view: View, v: &str, bound: &str, inner: Vec<Stmt>) -> Vec<Stmt> {
        let (class, read) = match view {
            View::Object => (Some("JsonObject"), ""),
            View::Array => (Some("JsonArray"), ""),
            View::String => (None, "string"),
            View::Number => (None, "decimal"),
        };
        if let Some(class) = class {
            let class = self.symbols.name(class);
            return vec![Stmt::if_(format!("{v} is {class}"), inner)];
        }
        let values = self.symbols.name("JsonValues");
        vec![Stmt::Let {
            subject: format!("{values}.{read}({v})"),
            name: bound.to_string(),
            body: inner,
        }]
    }

    fn if_property(&mut self, object: &str, name: &str, inner: Vec<Stmt>) -> Vec<Stmt> {
        vec![Stmt::if_(
            format!("{} in {object}", string_literal(name)),
            inner,
        )]
    }

    fn properties(
        &mut self,
        object: &str,
        _key: Option<&str>,
        arms: Vec<PropertyArm<'_, Vec<Stmt>>>,
    ) -> Vec<Stmt> {
        arms.into_iter()
            .map(|arm| {
                let name = string_literal(arm.name);
                if arm.reads {
                    Stmt::Let {
                        subject: format!("{object}[{name}]"),
                        name: arm.value,
                        body: arm.body,
                    }
                } else {
                    Stmt::if_(format!("{name} in {object}"), arm.body)
                }
            })
            .collect()
    }

    fn key_filter(&mut self, keys: &KeyFilter, key: &str, ann: Option<&str>) -> Option<String> {
        match keys {
            KeyFilter::Matches(id) => Some(format!("!{}", self.pattern_matches(*id, key))),
            KeyFilter::Unknown { names, patterns } => {
                let mut known = Vec::new();
                if !names.is_empty() {
                    let set = self.known_names(names);
                    known.push(format!("{key} in {set}"));
                }
                for id in patterns {
                    known.push(self.pattern_matches(*id, key));
                }
                (!known.is_empty()).then(|| known.join(" || "))
            }
            KeyFilter::Unevaluated => ann.map(|ann| format!("{ann}.hasProperty({key})")),
        }
    }

    fn each_property(
        &mut self,
        o: &str,
        key: &str,
        value: &str,
        skip: Option<String>,
        mut code: Vec<Stmt>,
        uses_key: bool,
        reads: bool,
    ) -> Vec<Stmt> {
        let mut body = Vec::new();
        if let Some(condition) = skip {
            body.push(Stmt::if_(condition, vec![Stmt::line("continue")]));
        }
        body.append(&mut code);
        let header = match (uses_key, reads) {
            (true, true) => format!("for (({key}, {value}) in {o})"),
            (true, false) => format!("for ({key} in {o}.keys)"),
            (false, true) => format!("for ({value} in {o}.values)"),
            (false, false) => return vec![Stmt::lambda(format!("repeat({o}.size) {{"), body)],
        };
        vec![Stmt::block(header, body)]
    }

    fn each_key(
        &mut self,
        o: &str,
        key: &str,
        name: &str,
        reads: bool,
        mut body: Vec<Stmt>,
    ) -> Vec<Stmt> {
        if !reads {
            return vec![Stmt::lambda(format!("repeat({o}.size) {{"), body)];
        }
        let primitive = self.symbols.name("JsonPrimitive");
        // Declared as any JSON value, as every instance is: a guard on another type must not be
        // a check Kotlin sees as always false (a warning, and an error from Kotlin 2.4).
        let element = self.symbols.name("JsonElement");
        let mut stmts = vec![Stmt::val(
            format!("{name}: {element}"),
            Expr::call(primitive, vec![Expr::atom(key)]),
        )];
        stmts.append(&mut body);
        vec![Stmt::block(format!("for ({key} in {o}.keys)"), stmts)]
    }

    fn item(
        &mut self,
        a: &str,
        index: usize,
        item: &str,
        reads: bool,
        body: Vec<Stmt>,
    ) -> Vec<Stmt> {
        if reads {
            vec![Stmt::Let {
                subject: format!("{a}.getOrNull({index})"),
                name: item.to_string(),
                body,
            }]
        } else {
            vec![Stmt::if_(format!("{a}.size > {index}"), body)]
        }
    }

    fn each_item(
        &mut self,
        a: &str,
        from: usize,
        i: &str,
        item: &str,
        skip_evaluated: Option<&str>,
        uses: &Uses,
        mut code: Vec<Stmt>,
    ) -> Vec<Stmt> {
        let mut body = Vec::new();
        if let Some(ann) = skip_evaluated {
            body.push(Stmt::if_(
                format!("{ann}.hasItem({i})"),
                vec![Stmt::line("continue")],
            ));
        }
        let indexes = if from == 0 {
            format!("{a}.indices")
        } else {
            format!("{from} until {a}.size")
        };
        let header = match (from, uses.instance) {
            (0, true) if body.is_empty() && !uses.path => format!("for ({item} in {a})"),
            (0, true) => format!("for (({i}, {item}) in {a}.withIndex())"),
            (_, true) => {
                body.insert(0, Stmt::val(item, Expr::atom(format!("{a}[{i}]"))));
                format!("for ({i} in {indexes})")
            }
            (_, false) => format!("for ({i} in {indexes})"),
        };
        body.append(&mut code);
        vec![Stmt::block(header, body)]
    }

    fn each_item_tried(
        &mut self,
        a: &str,
        i: &str,
        item: &str,
        indexed: bool,
        reads: bool,
        body: Vec<Stmt>,
    ) -> Vec<Stmt> {
        vec![match (indexed, reads) {
            (true, true) => Stmt::block(format!("for (({i}, {item}) in {a}.withIndex())"), body),
            (true, false) => Stmt::block(format!("for ({i} in {a}.indices)"), body),
            (false, true) => Stmt::block(format!("for ({item} in {a})"), body),
            (false, false) => Stmt::lambda(format!("repeat({a}.size) {{"), body),
        }]
    }

    fn trial(&mut self, ok: &str, label: &str, mut body: Vec<Stmt>, diverges: bool) -> Vec<Stmt> {
        if !diverges {
            body.push(Stmt::line("true"));
        }
        vec![Stmt::lambda(format!("val {ok} = run {label}@{{"), body)]
    }

    fn call(
        &mut self,
        id: FunctionId,
        _function: &Function,
        scope: &Scope,
        collector: CallCollector<'_>,
    ) -> Expr {
        let mut args = vec![Expr::atom(&scope.v)];
        if let Sink::Errors(errors) = &scope.sink {
            args.push(Expr::atom(&scope.p));
            args.push(Expr::atom(errors));
        }
        match collector {
            CallCollector::Child(child) => args.push(Expr::atom(child)),
            CallCollector::Discarded => args.push(self.collector()),
            CallCollector::None => {}
        }
        if let Some(ds) = &scope.ds {
            args.push(Expr::atom(ds));
        }
        Expr::call(self.function_name(id, scope.context().form), args)
    }

    fn call_statement(&mut self, call: Expr) -> Vec<Stmt> {
        vec![Stmt::Expr(call)]
    }

    fn call_fails(&mut self, call: Expr) -> String {
        format!("!{}", call.flat())
    }

    fn dynamic_dispatch(
        &mut self,
        ds: &str,
        arms: Vec<(ResourceId, Vec<Stmt>)>,
        fallback: Vec<Stmt>,
    ) -> Vec<Stmt> {
        let ids: Vec<String> = arms.iter().map(|(r, _)| r.to_string()).collect();
        let mut branches: Vec<Stmt> = arms
            .into_iter()
            .map(|(resource, body)| Stmt::Branch {
                label: resource.to_string(),
                body,
            })
            .collect();
        branches.push(Stmt::Branch {
            label: "else".to_string(),
            body: fallback,
        });
        vec![Stmt::block(
            format!("when ({ds}.outermost({}))", ids.join(", ")),
            branches,
        )]
    }
}
