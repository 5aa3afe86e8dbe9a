//! Rejects schemas whose applicators loop without stepping into the instance: a `$ref`,
//! `allOf`, `if`, ... chain that comes back to where it started while still looking at the
//! same value (`{"$ref": "#"}`). Evaluating one never ends, so generating it would either
//! overflow the generator's stack or print a validator that recurses forever. Recursion that
//! steps into a property, an item or embedded content is legitimate (a tree) and passes.

use std::collections::{BTreeMap, BTreeSet};

use crate::schema::Uri;
use serde_json::Value;

use super::vocabularies::Vocabularies;
use crate::error::{Error, Location, Result};
use crate::schema::{schema_children, Registry, SchemaRef};

/// Keywords whose subschemas apply to the instance itself, not to a part of it.
const IN_PLACE: &[&str] = &[
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "dependentSchemas",
];

/// Keywords whose subschemas are never applied where they stand (only reached by `$ref`).
const NOT_APPLIED: &[&str] = &["$defs", "definitions"];

/// One applicator edge: the keyword that applies `target`, and whether it applies it to the
/// same instance.
struct Edge {
    keyword: Location,
    target: SchemaRef,
    base: Uri,
    in_place: bool,
}

/// Fails with the locations of the first cycle of in-place applicators reachable from `root`.
pub fn check_in_place_cycles(
    registry: &mut Registry,
    root: &SchemaRef,
    base: &Uri,
    vocabularies: Vocabularies,
) -> Result<()> {
    let graph = in_place_graph(registry, root, base, vocabularies);
    match find_cycle(&graph) {
        Some(cycle) => Err(cycle_error(&cycle)),
        None => Ok(()),
    }
}

/// In-place edges of every schema reachable from `root`, in the order they were reached.
type Graph = Vec<(SchemaRef, Vec<(Location, SchemaRef)>)>;

fn in_place_graph(
    registry: &mut Registry,
    root: &SchemaRef,
    base: &Uri,
    vocabularies: Vocabularies,
) -> Graph {
    let mut seen = BTreeSet::from([root.clone()]);
    let mut queue = vec![(root.clone(), base.clone())];
    let mut graph = Vec::new();
    // A work list rather than recursion: a long `$ref` chain must not exhaust the stack.
    while let Some((at, base)) = queue.pop() {
        let edges = edges_of(registry, &at, &base, vocabularies);
        let mut in_place = Vec::new();
        for edge in edges {
            if edge.in_place {
                in_place.push((edge.keyword, edge.target.clone()));
            }
            if seen.insert(edge.target.clone()) {
                queue.push((edge.target, edge.base));
            }
        }
        graph.push((at, in_place));
    }
    graph
}

/// Every subschema `at` applies, with `$ref` and `$dynamicRef` resolved. A reference that does
/// not resolve has no edge: lowering reports it with its own message.
fn edges_of(
    registry: &mut Registry,
    at: &SchemaRef,
    base: &Uri,
    vocabularies: Vocabularies,
) -> Vec<Edge> {
    let Some(Value::Object(map)) = registry.value(at) else {
        return Vec::new();
    };
    let map = vocabularies.filter(map);
    let base = registry.base_of(at).unwrap_or_else(|| base.clone());
    let location = registry.location(at);
    let mut edges = Vec::new();
    let object = Value::Object(map);
    for child in schema_children(&object) {
        let keyword = child.tokens[0].as_str();
        if NOT_APPLIED.contains(&keyword)
            || (matches!(keyword, "then" | "else") && object.get("if").is_none())
        {
            continue;
        }
        let tokens: Vec<&str> = child.tokens.iter().map(String::as_str).collect();
        let target = at.child(&tokens);
        edges.push(Edge {
            keyword: registry.location(&target),
            target,
            base: base.clone(),
            in_place: IN_PLACE.contains(&keyword),
        });
    }
    let Value::Object(map) = object else {
        return edges;
    };
    for keyword in ["$ref", "$dynamicRef"] {
        let Some(reference) = map.get(keyword).and_then(Value::as_str) else {
            continue;
        };
        let keyword_at = location.join(keyword);
        let Ok(resolved) = registry.resolve(&base, reference, &keyword_at) else {
            continue;
        };
        if keyword == "$dynamicRef" {
            edges.extend(dynamic_targets(
                registry,
                reference,
                &resolved.target,
                &keyword_at,
            ));
        }
        edges.push(Edge {
            keyword: keyword_at,
            target: resolved.target,
            base: resolved.base,
            in_place: true,
        });
    }
    edges
}

/// A `$dynamicRef` to an anchor its initial target declares dynamically may land on any schema
/// declaring that `$dynamicAnchor`: each is an edge, since the dynamic scope can pick it.
fn dynamic_targets(
    registry: &Registry,
    reference: &str,
    initial: &SchemaRef,
    keyword: &Location,
) -> Vec<Edge> {
    let Some((_, anchor)) = reference.split_once('#') else {
        return Vec::new();
    };
    let declared = registry
        .value(initial)
        .and_then(|v| v.get("$dynamicAnchor"))
        .and_then(Value::as_str);
    if anchor.is_empty() || declared != Some(anchor) {
        return Vec::new();
    }
    registry
        .dynamic_anchors_named(anchor)
        .into_iter()
        .filter_map(|target| {
            let base = registry.base_of(&target)?;
            Some(Edge {
                keyword: keyword.clone(),
                target,
                base,
                in_place: true,
            })
        })
        .collect()
}

/// The keyword locations along the first in-place cycle, by an iterative depth-first search.
fn find_cycle(graph: &Graph) -> Option<Vec<Location>> {
    let index: BTreeMap<&SchemaRef, usize> = graph
        .iter()
        .enumerate()
        .map(|(i, (at, _))| (at, i))
        .collect();
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut marks = vec![Mark::New; graph.len()];
    for start in 0..graph.len() {
        if marks[start] != Mark::New {
            continue;
        }
        // (node, next edge to follow); `via[i]` is the keyword that led to `path[i + 1]`.
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        let mut via: Vec<&Location> = Vec::new();
        marks[start] = Mark::OnPath;
        while let Some(top) = path.last_mut() {
            let node = top.0;
            let Some((keyword, target)) = graph[node].1.get(top.1) else {
                marks[node] = Mark::Done;
                path.pop();
                via.pop();
                continue;
            };
            top.1 += 1;
            let Some(&target) = index.get(target) else {
                continue;
            };
            match marks[target] {
                Mark::Done => {}
                Mark::OnPath => {
                    let from = path.iter().position(|(n, _)| *n == target).unwrap_or(0);
                    let mut cycle: Vec<Location> =
                        via[from..].iter().map(|l| (*l).clone()).collect();
                    cycle.push(keyword.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    marks[target] = Mark::OnPath;
                    via.push(keyword);
                    path.push((target, 0));
                }
            }
        }
    }
    None
}

fn cycle_error(cycle: &[Location]) -> Error {
    let Some(first) = cycle.first() else {
        return Error::Config("empty applicator cycle".to_string());
    };
    let steps: Vec<String> = cycle
        .iter()
        .chain([first])
        .map(|l| {
            if l.file == first.file {
                format!("#{}", l.pointer)
            } else {
                l.to_string()
            }
        })
        .collect();
    Error::schema(
        first,
        format!(
            "these applicators form a cycle that never steps into a property, an item or embedded content, so evaluating the schema would never end: {}",
            steps.join(" -> ")
        ),
    )
}
