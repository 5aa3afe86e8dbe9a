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
                // A build can fail for no reason of its cases (a compiler daemon lost on a
                // loaded machine): the same build again tells a flake from a failure. A
                // compiler crash is never such a flake, even when it does not repeat (a stack
                // overflow depends on what the compiler's threads did before): it is bisected.
                let crash = compiler_crash(&log);
                if crash.is_none() && matches!(build(&active)?, BuildResult::Clean) {
                    eprintln!(
                        "mutation: a build of {} case(s) failed without naming one and passed when repeated",
                        active.len()
                    );
                    break;
                }
                if active.len() == 1 {
                    failures.insert(active[0].clone(), log);
                    break;
                }
                let (left, right) = active.split_at(active.len() / 2);
                let before = failures.len();
                failures.extend(find_failures(left, build)?);
                failures.extend(find_failures(right, build)?);
                if let (Some(crash), true) = (crash, failures.len() == before) {
                    return Err(format!(
                        "mutation: the compiler crashed ({crash}) on a build of {} case(s) and no half reproduces it:\n{log}",
                        active.len()
                    ));
                }
                break;
            }
        }
    }
    Ok(failures)
}

/// The compiler's own failure a build log shows, if any: an internal error of rustc or an
/// error the JVM threw in kotlinc, as opposed to a diagnostic about the code.
pub fn compiler_crash(log: &str) -> Option<&'static str> {
    [
        "java.lang.StackOverflowError",
        "java.lang.OutOfMemoryError",
        "internal compiler error",
        "org.jetbrains.kotlin.util.KotlinFrontEndException",
    ]
    .into_iter()
    .find(|marker| log.contains(marker))
}

/// The case a file or a class belongs to: the segment after `cases/` in a path, or after
/// `cases.` in a Kotlin package or class name.
pub fn case_of(text: &str) -> Option<String> {
    for marker in ["/cases/", "cases."] {
        for (at, _) in text.match_indices(marker) {
            let rest = &text[at + marker.len()..];
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let well_formed = id.len() > 1
                && (id.starts_with('m') || id.starts_with('r'))
                && id[1..].chars().all(|c| c.is_ascii_digit());
            if well_formed {
                return Some(id);
            }
        }
    }
    None
}

/// The case a Rust path in a message names: each case's code is the module `<id>::<id>`
/// (the batch's module for the case, then its contract), as in rustc's notes on layouts.
pub fn case_of_rust_path(text: &str) -> Option<String> {
    text.match_indices("::").find_map(|(at, _)| {
        let before: String = text[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let id = case_of(&format!("/cases/{before}/"))?;
        text[at + 2..].starts_with(&format!("{id}::")).then_some(id)
    })
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
        assert!(builds <= 16, "{builds} builds");
    }

    /// A build that fails, naming no case, the first time it runs and passes after.
    fn fails_first_build<'a>(
        builds: &'a std::cell::Cell<usize>,
        log: &'a str,
    ) -> impl FnMut(&[String]) -> Result<BuildResult, String> + 'a {
        move |_| {
            builds.set(builds.get() + 1);
            Ok(if builds.get() == 1 {
                BuildResult::Failed {
                    by_case: BTreeMap::new(),
                    log: log.to_string(),
                }
            } else {
                BuildResult::Clean
            })
        }
    }

    #[test]
    fn a_failure_that_does_not_repeat_is_no_finding() {
        let cases: Vec<String> = (0..4).map(|i| format!("m{i}")).collect();
        let builds = std::cell::Cell::new(0);
        let mut build = fails_first_build(&builds, "the daemon went away");
        assert!(find_failures(&cases, &mut build).unwrap().is_empty());
        assert_eq!(builds.get(), 2);
    }

    #[test]
    fn a_compiler_crash_is_bisected_not_repeated_away() {
        let cases: Vec<String> = (0..4).map(|i| format!("m{i}")).collect();
        let mut builds = 0;
        // m3 crashes the compiler on the first build that holds it only (as a stack overflow
        // that depends on the daemon's state does); a repeat of the whole build would pass.
        let mut crashed = false;
        let mut build = |set: &[String]| -> Result<BuildResult, String> {
            builds += 1;
            if set.iter().any(|c| c == "m3") && !crashed {
                crashed = set.len() == 1;
                return Ok(BuildResult::Failed {
                    by_case: BTreeMap::new(),
                    log: "[ERROR] java.lang.StackOverflowError".to_string(),
                });
            }
            Ok(BuildResult::Clean)
        };
        let failures = find_failures(&cases, &mut build).unwrap();
        assert_eq!(failures.keys().collect::<Vec<_>>(), ["m3"]);
        assert!(failures["m3"].contains("StackOverflowError"));
    }

    #[test]
    fn a_crash_no_half_reproduces_fails_the_run() {
        let cases: Vec<String> = (0..4).map(|i| format!("m{i}")).collect();
        let builds = std::cell::Cell::new(0);
        let mut build = fails_first_build(&builds, "error: internal compiler error: a panic");
        let error = find_failures(&cases, &mut build).unwrap_err();
        assert!(error.contains("internal compiler error"), "{error}");
        assert_eq!(compiler_crash("error[E0308]: mismatched types"), None);
    }

    #[test]
    fn case_ids_come_from_paths() {
        assert_eq!(
            case_of("/r/target/mutation/cases/m0042/out/rust/lib.rs").as_deref(),
            Some("m0042")
        );
        assert_eq!(
            case_of("e: class cases.m0007.m0007.request.Items: file name too long").as_deref(),
            Some("m0007")
        );
        assert_eq!(
            case_of_rust_path(
                "computing layout of `core::result::Result<r0004::r0004::request::Request, E>`"
            )
            .as_deref(),
            Some("r0004")
        );
        assert_eq!(case_of_rust_path("serde::de::m0001"), None);
        assert_eq!(case_of("/r/src/lib.rs"), None);
        assert_eq!(case_of("/r/cases/readme"), None);
    }
}
