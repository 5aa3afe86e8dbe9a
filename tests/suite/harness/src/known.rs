//! The known-failures list: tests that cannot pass yet, each with its reason. The harness fails
//! when a test outside the list fails and when a listed test passes, so the list only shrinks.

use std::collections::BTreeMap;
use std::path::Path;

/// A test's identity: validator (`rust`, `kotlin`, `rust-format`), file, case, test.
pub type Key = (String, String, String, String);

/// Reads `language<TAB>file<TAB>case<TAB>test<TAB>reason` lines; `#` starts a comment.
pub fn read(path: &Path) -> Result<BTreeMap<Key, String>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut known = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [language, file, case, test, reason] = fields.as_slice() else {
            return Err(format!(
                "{}:{}: expected 5 tab-separated fields (language, file, case, test, reason)",
                path.display(),
                number + 1
            ));
        };
        if reason.trim().is_empty() {
            return Err(format!(
                "{}:{}: every known failure needs its reason",
                path.display(),
                number + 1
            ));
        }
        let key = (
            language.to_string(),
            file.to_string(),
            case.to_string(),
            test.to_string(),
        );
        known.insert(key, reason.to_string());
    }
    Ok(known)
}
