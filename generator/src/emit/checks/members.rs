//! Steps onto the members of an object or array: named properties, filtered properties,
//! keys, items.

use super::names::Local;
use super::target::{Member, PropertyArm, Record, Statements, Target};
use super::{FusedRequired, Scope, Walker};
use crate::ir::check::{Block, KeyFilter, PropertyStep, Uses};

impl<T: Target> Walker<'_, T> {
    /// A block on a member (a property value, an item) of the scope's instance, with no
    /// collector: its path is bound only when the block reports. Also says what the block
    /// uses.
    fn member(
        &mut self,
        block: &Block,
        (parent, member): (&str, Member<'_>),
        value: &str,
        scope: &Scope,
    ) -> (T::Stmts, Uses) {
        self.target.enter_member(parent, member, value);
        let inner = Scope {
            v: value.to_string(),
            p: self.names.fresh(Local::Path),
            ann: None,
            narrowed: None,
            ..scope.clone()
        };
        let uses = block.uses(self.program, inner.context());
        let body = self.block(block, &inner).stmts;
        // A body a target printed nothing for (its type decides every rule) needs no path.
        if !uses.path || body.is_empty() {
            return (body, uses);
        }
        let mut code = self.target.bind_path(&inner.p, &scope.p, member);
        code.append(body);
        (code, uses)
    }

    pub(super) fn properties(&mut self, list: &[PropertyStep], scope: &Scope, o: &str) -> T::Stmts {
        self.marked_properties(list, scope, o, None)
    }

    /// Named properties whose loop also marks the names of a fused `required`.
    pub(super) fn fused_properties(
        &mut self,
        list: &[PropertyStep],
        scope: &Scope,
        o: &str,
        fused: &FusedRequired<'_>,
    ) -> T::Stmts {
        self.marked_properties(list, scope, o, Some(fused))
    }

    fn marked_properties(
        &mut self,
        list: &[PropertyStep],
        scope: &Scope,
        o: &str,
        fused: Option<&FusedRequired<'_>>,
    ) -> T::Stmts {
        let shared = T::ONE_LOOP_FOR_NAMED_PROPERTIES
            .then(|| (self.names.fresh(Local::Key), self.names.fresh(Local::Value)));
        let mut arms = Vec::new();
        for property in list {
            let name = property.name.as_str();
            let value = match &shared {
                Some((_, value)) => value.clone(),
                None => self.names.fresh(Local::Value),
            };
            let (mut body, uses) =
                self.member(&property.block, (o, Member::Name(name)), &value, scope);
            if property.record {
                body.append(self.record(scope, Record::Property(name)));
            }
            arms.push(PropertyArm {
                name,
                value,
                body,
                reads: uses.instance,
            });
        }
        if let Some(fused) = fused {
            // Each required name is marked where the loop meets it: in its property's arm,
            // or in an arm of its own that does nothing else.
            for (index, name) in fused.names().iter().enumerate() {
                let mark = self.target.required_mark(&fused.seen, index);
                match arms.iter_mut().find(|arm| arm.name == name.as_str()) {
                    Some(arm) => arm.body.append(mark),
                    None => arms.push(PropertyArm {
                        name,
                        value: match &shared {
                            Some((_, value)) => value.clone(),
                            None => self.names.fresh(Local::Value),
                        },
                        body: mark,
                        reads: false,
                    }),
                }
            }
        }
        arms.retain(|arm| !arm.body.is_empty());
        let key = shared.as_ref().map(|(key, _)| key.as_str());
        self.target.properties(o, key, arms)
    }

    pub(super) fn each_property(
        &mut self,
        keys: &KeyFilter,
        block: &Block,
        record: bool,
        scope: &Scope,
        o: &str,
    ) -> T::Stmts {
        if *keys == KeyFilter::Unevaluated && scope.ann.is_none() {
            return T::Stmts::default();
        }
        let (key, value) = (self.names.fresh(Local::Key), self.names.fresh(Local::Value));
        let (mut body, uses) = self.member(block, (o, Member::Key(&key)), &value, scope);
        let recorded = if record {
            self.record(scope, Record::Key(&key))
        } else {
            T::Stmts::default()
        };
        let records = !recorded.is_empty();
        if body.is_empty() && !records {
            return body;
        }
        body.append(recorded);
        let skip = self.target.key_filter(keys, &key, scope.ann.as_deref());
        let uses_key = skip.is_some() || uses.path || records;
        self.target
            .each_property(o, &key, &value, skip, body, uses_key, uses.instance)
    }

    pub(super) fn each_key(&mut self, block: &Block, scope: &Scope, o: &str) -> T::Stmts {
        let (key, name) = (self.names.fresh(Local::Key), self.names.fresh(Local::Name));
        let inner = Scope {
            v: name.clone(),
            ann: None,
            narrowed: None,
            ..scope.clone()
        };
        let uses = block.uses(self.program, inner.context());
        let body = self.block(block, &inner).stmts;
        if body.is_empty() {
            return body;
        }
        self.target.each_key(o, &key, &name, uses.instance, body)
    }

    pub(super) fn item(
        &mut self,
        index: usize,
        block: &Block,
        record: bool,
        scope: &Scope,
        a: &str,
    ) -> T::Stmts {
        let item = self.names.fresh(Local::Item);
        let (mut body, uses) = self.member(block, (a, Member::Index(index)), &item, scope);
        if record {
            body.append(self.record(scope, Record::Item(index)));
        }
        if body.is_empty() {
            return body;
        }
        self.target.item(a, index, &item, uses.instance, body)
    }

    pub(super) fn each_item(
        &mut self,
        from: usize,
        unevaluated: bool,
        block: &Block,
        scope: &Scope,
        a: &str,
    ) -> T::Stmts {
        let skip_evaluated = match (&scope.ann, unevaluated) {
            (Some(ann), true) => Some(ann.clone()),
            (None, true) => return T::Stmts::default(),
            _ => None,
        };
        let (i, item) = (
            self.names.fresh(Local::Index),
            self.names.fresh(Local::Item),
        );
        let (body, uses) = self.member(block, (a, Member::IndexAt(&i)), &item, scope);
        if body.is_empty() {
            return body;
        }
        self.target
            .each_item(a, from, &i, &item, skip_evaluated.as_deref(), &uses, body)
    }
}
