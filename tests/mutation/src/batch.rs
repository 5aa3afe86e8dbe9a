//! Compiling the output of every generated case at once, one build per language, and naming the
//! case behind each diagnostic: a build that fails is read for the files its diagnostics point
//! at; the cases named are taken out and the rest built again; a failure that names no case is
//! bisected.

use std::collections::{BTreeMap, BTreeSet};

/// The result of one build over some cases: success, or diagnostics (per case where the
/// diagnostic names a case's file, and the whole log otherwise).
pub enum BuildResult {
    Clean,
    Failed {
        by_case: BTreeMap<String, String>,
        log: String,
    },
}

/// Builds `cases` with `build` until the remaining ones compile cleanly, and returns the
/// diagnostics of every case that did not.
pub fn find_failures(
    cases: &[String],
    build: &mut dyn FnMut(&[String]) -> Result<BuildResult, String>,
) -> Result<BTreeMap<String, String>, String> {
    let mut failures = BTreeMap::new();
    let mut active: Vec<String> = cases.to_vec();
    while !active.is_empty() {
        match build(&active)? {
            BuildResult::Clean => break,
            BuildResult::Failed { by_case, log } => {
                let named: BTreeSet<&String> =
                    by_case.keys().filter(|c| active.contains(c)).collect();
                if !named.is_empty() {
                    active.retain(|c| !named.contains(c));
                    for (case, text) in &by_case {
                        failures.insert(case.clone(), text.clone());
                    }
                    continue;
                }
                if active.len() == 1 {
                    failures.insert(active[0].clone(), log);
                    break;
                }
                let (left, right) = active.split_at(active.len() / 2);
                failures.extend(find_failures(left, build)?);
                failures.extend(find_failures(right, build)?);
                break;
            }
        }
    }
    Ok(failures)
}

/// The case a file belongs to: the path segment after `cases/`.
pub fn case_of(path: &str) -> Option<String> {
    let at = path.find("/cases/")?;
    let rest = &path[at + "/cases/".len()..];
    let id: String = rest.chars().take_while(|c| *c != '/').collect();
    (!id.is_empty()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_cases_are_removed_and_unnamed_failures_bisected() {
        let cases: Vec<String> = (0..8).map(|i| format!("m{i}")).collect();
        let mut builds = 0;
        // m2 is named by its diagnostics; m5 breaks the build without naming itself.
        let mut build = |set: &[String]| -> Result<BuildResult, String> {
            builds += 1;
            let mut by_case = BTreeMap::new();
            if set.iter().any(|c| c == "m2") {
                by_case.insert("m2".to_string(), "warning in m2".to_string());
            }
            if by_case.is_empty() && !set.iter().any(|c| c == "m5") {
                return Ok(BuildResult::Clean);
            }
            Ok(BuildResult::Failed {
                by_case,
                log: "an error without a file".to_string(),
            })
        };
        let failures = find_failures(&cases, &mut build).unwrap();
        assert_eq!(failures.keys().collect::<Vec<_>>(), ["m2", "m5"]);
        assert_eq!(failures["m5"], "an error without a file");
        assert!(builds < 12, "{builds} builds");
    }

    #[test]
    fn case_ids_come_from_paths() {
        assert_eq!(
            case_of("/r/target/mutation/cases/m0042/out/rust/lib.rs").as_deref(),
            Some("m0042")
        );
        assert_eq!(case_of("/r/src/lib.rs"), None);
    }
}
