//! `tests/mutation/known-findings.tsv`: findings of the CI run that are known and not yet fixed.
//! The list may only shrink: a finding it lacks fails the run, and so does an entry for a case
//! of this run that no longer shows it.

use std::collections::BTreeSet;
use std::path::Path;

/// A finding's identity: the seed, the case id and the finding kind.
pub type Key = (u64, String, String);

#[derive(Debug)]
pub struct Known {
    pub entries: BTreeSet<Key>,
}

pub fn read(path: &Path) -> Result<Known, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut entries = BTreeSet::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let seed = fields.first().and_then(|s| s.parse::<u64>().ok());
        match (seed, fields.len()) {
            (Some(seed), n) if n >= 4 => {
                entries.insert((seed, fields[1].to_string(), fields[2].to_string()));
            }
            _ => {
                return Err(format!(
                    "{}:{}: expected seed<TAB>case<TAB>finding<TAB>why",
                    path.display(),
                    number + 1
                ))
            }
        }
    }
    Ok(Known { entries })
}

/// The case id of case number `index`.
pub fn case_id(index: usize) -> String {
    format!("m{index:04}")
}

/// The seed column of a case: 0 for a reproducer (`r0001`), which every run has.
pub fn seed_of(case: &str, seed: u64) -> u64 {
    if case.starts_with('r') {
        0
    } else {
        seed
    }
}

impl Known {
    /// Entries that belong to a run of `seed` over the cases `ids`.
    pub fn in_run<V>(&self, seed: u64, ids: &std::collections::BTreeMap<&str, V>) -> BTreeSet<Key> {
        self.entries
            .iter()
            .filter(|(s, case, _)| *s == seed_of(case, seed) && ids.contains_key(case.as_str()))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_kept_per_seed_and_case_range() {
        let dir = std::env::temp_dir().join(format!("mutation-known-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("known.tsv");
        std::fs::write(
            &path,
            "# seed\tcase\tfinding\twhy\n0\tr0001\trust\tz\n1\tm0003\trust\tunused\n1\tm0500\tkotlin\tx\n7\tm0003\tpanic\ty\n",
        )
        .unwrap();
        let known = read(&path).unwrap();
        let ids: std::collections::BTreeMap<&str, ()> =
            [("m0003", ()), ("m0004", ()), ("r0001", ())]
                .into_iter()
                .collect();
        let run = known.in_run(1, &ids);
        assert_eq!(
            run.into_iter().collect::<Vec<_>>(),
            [
                (0, "r0001".to_string(), "rust".to_string()),
                (1, "m0003".to_string(), "rust".to_string())
            ]
        );
        std::fs::write(&path, "1\tm0003\n").unwrap();
        assert!(read(&path).unwrap_err().contains(":1:"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
