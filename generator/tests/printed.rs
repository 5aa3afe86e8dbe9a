//! Snapshots of the printed validators, per keyword family: each folder of `tests/printed/`
//! holds small schemas for one family, generated in memory through the public API, and the
//! printed Rust and Kotlin validator code is compared with `tests/snapshots/printed__<family>__
//! {rust,kotlin}.snap`. A printer change therefore shows up as a diff to review and accept (see
//! the README's Testing section); nothing is compiled here, so the whole file runs in a second.

use std::path::Path;
use std::sync::OnceLock;

use contractgen::{GeneratedFile, Options};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/printed");

/// Every family, as a folder of `tests/printed/`; each gets one Rust and one Kotlin snapshot.
macro_rules! families {
    ($($family:ident),* $(,)?) => {
        const FAMILIES: &[&str] = &[$(stringify!($family)),*];
        $(mod $family {
            #[test]
            fn rust() {
                super::snapshot(stringify!($family), "rust", super::rust_validators);
            }

            #[test]
            fn kotlin() {
                super::snapshot(stringify!($family), "kotlin", super::kotlin_validators);
            }
        })*
    };
}

families!(
    types,
    const_enum,
    numbers,
    strings,
    arrays,
    objects,
    combinators,
    references,
    unevaluated,
    booleans,
);

/// Compares one family's printed validators with `snapshots/printed__<family>__<language>.snap`.
fn snapshot(family: &str, language: &str, print: fn(&str) -> String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_description(format!(
        "the {language} validators printed for tests/printed/{family}"
    ));
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(format!("{family}__{language}"), print(family)));
}

/// All fixtures are one schema directory (one contract per family), generated once per run.
fn generated() -> &'static [GeneratedFile] {
    static FILES: OnceLock<Vec<GeneratedFile>> = OnceLock::new();
    FILES.get_or_init(|| match contractgen::generate(&Options::new(FIXTURES)) {
        Ok(generation) => generation.files,
        Err(e) => panic!("generating the fixtures failed: {e}"),
    })
}

/// The files under `dir` whose name passes `keep`, each cut by `cut` and headed by its path.
fn printed(dir: &str, keep: fn(&str) -> bool, cut: fn(&GeneratedFile) -> &str) -> String {
    let mut out = String::new();
    for file in generated().iter().filter(|f| f.path.starts_with(dir)) {
        let name = file.path.file_name().unwrap_or_default().to_string_lossy();
        if keep(&name) {
            out.push_str(&format!("// ==== {}\n{}\n", file.path.display(), cut(file)));
        }
    }
    assert!(!out.is_empty(), "nothing printed under {dir}");
    out
}

/// The check code of each message module: its private items (pattern statics and check
/// functions), which follow the types and the public API that the module template writes.
fn rust_validators(family: &str) -> String {
    printed(
        &format!("rust/src/{family}"),
        |name| name != "mod.rs",
        |file| {
            let text = file.contents.as_str();
            let start = text
                .match_indices('\n')
                .map(|(i, _)| i + 1)
                .find(|&i| ["static ", "fn "].iter().any(|s| text[i..].starts_with(s)));
            match start {
                Some(i) => &text[i..],
                None => panic!("{}: no private check item", file.path.display()),
            }
        },
    )
}

/// The `<Message>Validator.kt` file of each message (Kotlin packages drop the underscores).
fn kotlin_validators(family: &str) -> String {
    let dir = format!(
        "kotlin/src/main/kotlin/contracts/{}",
        family.replace('_', "")
    );
    printed(
        &dir,
        |name| name.ends_with("Validator.kt"),
        |file| &file.contents,
    )
}

#[test]
fn every_fixture_folder_is_a_snapshotted_family() {
    let mut folders: Vec<String> = std::fs::read_dir(Path::new(FIXTURES))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut families: Vec<&str> = FAMILIES.to_vec();
    families.sort();
    assert_eq!(folders, families);
}
