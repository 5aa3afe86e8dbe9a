//! Steps onto the members of an object or array: named properties, filtered properties,
//! keys, items.

use super::code::Stmt;
use super::steps::Scope;
use super::Printer;
use crate::emit::kotlin::layout::{string_literal, Expr};
use crate::ir::check::{Block, KeyFilter, PropertyStep, Uses};

impl Printer<'_> {
    /// A block on a member (a property value, an item) at `path`, with no collector: the
    /// pointer is bound only when the block reports. Also says what the block uses.
    fn member(
        &mut self,
        block: &Block,
        value: &str,
        path: String,
        scope: &Scope,
    ) -> (Vec<Stmt>, Uses) {
        let inner_scope = Scope {
            v: value.to_string(),
            p: self.names.fresh("at"),
            ann: None,
            narrowed: None,
            ..scope.clone()
        };
        let uses = block.uses(self.program, inner_scope.context());
        let body = self.block(block, &inner_scope).stmts;
        if !uses.path {
            return (body, uses);
        }
        let mut stmts = vec![Stmt::val(&inner_scope.p, Expr::atom(path))];
        stmts.extend(body);
        (stmts, uses)
    }

    pub(super) fn properties(
        &mut self,
        list: &[PropertyStep],
        scope: &Scope,
        o: &str,
    ) -> Vec<Stmt> {
        let mut out = Vec::new();
        for property in list {
            let name = string_literal(&property.name);
            let value = self.names.fresh("value");
            let path = format!("{}.child({name})", scope.p);
            let (mut inner, uses) = self.member(&property.block, &value, path, scope);
            if let (Some(ann), true) = (&scope.ann, property.record) {
                inner.push(Stmt::line(format!("{ann}.properties.add({name})")));
            }
            if inner.is_empty() {
                continue;
            }
            out.push(if uses.instance {
                Stmt::Let {
                    subject: format!("{o}[{name}]"),
                    name: value,
                    body: inner,
                }
            } else {
                Stmt::if_(format!("{name} in {o}"), inner)
            });
        }
        out
    }

    pub(super) fn each_property(
        &mut self,
        keys: &KeyFilter,
        block: &Block,
        record: bool,
        scope: &Scope,
        o: &str,
    ) -> Vec<Stmt> {
        if *keys == KeyFilter::Unevaluated && scope.ann.is_none() {
            return Vec::new();
        }
        let (key, value) = (self.names.fresh("key"), self.names.fresh("value"));
        let path = format!("{}.child({key})", scope.p);
        let (mut code, uses) = self.member(block, &value, path, scope);
        let record = match (&scope.ann, record) {
            (Some(ann), true) => Some(Stmt::line(format!("{ann}.properties.add({key})"))),
            _ => None,
        };
        if code.is_empty() && record.is_none() {
            return Vec::new();
        }
        let skip = match keys {
            KeyFilter::Matches(id) => {
                let pattern = self.pattern(*id);
                Some(format!("!{pattern}.matcher({key}).find()"))
            }
            KeyFilter::Unknown { names, patterns } => {
                let mut known = Vec::new();
                if !names.is_empty() {
                    let set = self.known_names(names);
                    known.push(format!("{key} in {set}"));
                }
                for id in patterns {
                    let pattern = self.pattern(*id);
                    known.push(format!("{pattern}.matcher({key}).find()"));
                }
                (!known.is_empty()).then(|| known.join(" || "))
            }
            KeyFilter::Unevaluated => scope
                .ann
                .as_ref()
                .map(|ann| format!("{ann}.hasProperty({key})")),
        };
        let uses_key = skip.is_some() || uses.path || record.is_some();
        let mut body = Vec::new();
        if let Some(condition) = skip {
            body.push(Stmt::if_(condition, vec![Stmt::line("continue")]));
        }
        body.append(&mut code);
        body.extend(record);
        let header = match (uses_key, uses.instance) {
            (true, true) => format!("for (({key}, {value}) in {o})"),
            (true, false) => format!("for ({key} in {o}.keys)"),
            (false, true) => format!("for ({value} in {o}.values)"),
            (false, false) => return vec![Stmt::lambda(format!("repeat({o}.size) {{"), body)],
        };
        vec![Stmt::block(header, body)]
    }

    pub(super) fn each_key(&mut self, block: &Block, scope: &Scope, o: &str) -> Vec<Stmt> {
        let (key, name) = (self.names.fresh("key"), self.names.fresh("name"));
        let inner = Scope {
            v: name.clone(),
            ann: None,
            narrowed: None,
            ..scope.clone()
        };
        let uses = block.uses(self.program, inner.context());
        let mut body = self.block(block, &inner).stmts;
        if body.is_empty() {
            return Vec::new();
        }
        if !uses.instance {
            return vec![Stmt::lambda(format!("repeat({o}.size) {{"), body)];
        }
        let primitive = self.symbols.name("JsonPrimitive");
        let mut stmts = vec![Stmt::val(
            &name,
            Expr::call(primitive, vec![Expr::atom(&key)]),
        )];
        stmts.append(&mut body);
        vec![Stmt::block(format!("for ({key} in {o}.keys)"), stmts)]
    }

    pub(super) fn item(
        &mut self,
        index: usize,
        block: &Block,
        record: bool,
        scope: &Scope,
        a: &str,
    ) -> Vec<Stmt> {
        let item = self.names.fresh("item");
        let path = format!("{}.child({index})", scope.p);
        let (mut inner, uses) = self.member(block, &item, path, scope);
        if let (Some(ann), true) = (&scope.ann, record) {
            inner.push(Stmt::line(format!("{ann}.items.add({index})")));
        }
        if inner.is_empty() {
            return Vec::new();
        }
        if uses.instance {
            vec![Stmt::Let {
                subject: format!("{a}.getOrNull({index})"),
                name: item,
                body: inner,
            }]
        } else {
            vec![Stmt::if_(format!("{a}.size > {index}"), inner)]
        }
    }

    pub(super) fn each_item(
        &mut self,
        from: usize,
        unevaluated: bool,
        block: &Block,
        scope: &Scope,
        a: &str,
    ) -> Vec<Stmt> {
        let skip_evaluated = match (&scope.ann, unevaluated) {
            (Some(ann), true) => Some(ann.clone()),
            (None, true) => return Vec::new(),
            _ => None,
        };
        let (i, item) = (self.names.fresh("i"), self.names.fresh("item"));
        let path = format!("{}.child({i})", scope.p);
        let (mut code, uses) = self.member(block, &item, path, scope);
        if code.is_empty() {
            return Vec::new();
        }
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
                body.insert(0, Stmt::val(&item, Expr::atom(format!("{a}[{i}]"))));
                format!("for ({i} in {indexes})")
            }
            (_, false) => format!("for ({i} in {indexes})"),
        };
        body.append(&mut code);
        vec![Stmt::block(header, body)]
    }
}
