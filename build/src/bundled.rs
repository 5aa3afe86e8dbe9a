//! Feature `bundled`: `contractgen::Config` in process, given the same settings document as
//! the binary, so both ways read the settings through one mapping.

use crate::Error;

/// Generates as the binary would; returns the `cargo:` lines the binary would print (the rerun
/// lines, then a warning per note) without printing them.
pub fn run(settings: &str) -> Result<Vec<String>, Error> {
    let generator_error = |e: contractgen::Error| Error::Generator {
        binary: None,
        message: e.to_string(),
    };
    let written = contractgen::Config::from_build_settings(settings)
        .map_err(generator_error)?
        .emit_rerun_if_changed(false)
        .generate()
        .map_err(generator_error)?;
    let warnings = written.warning_lines();
    Ok(written
        .rerun_if_changed
        .into_iter()
        .chain(warnings)
        .collect())
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::Config;

    fn read_all(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut found = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(next) = stack.pop() {
            for entry in std::fs::read_dir(&next).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let bytes = std::fs::read(&path).unwrap();
                    found.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn bundled_writes_what_contractgen_config_writes() {
        let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
        let root = std::env::temp_dir().join(format!("contractgen-bundled-{}", std::process::id()));
        let (thin_out, library_out) = (root.join("thin"), root.join("library"));
        let thin = Config::new()
            .schema_dir(&schemas)
            .out_dir(&thin_out)
            .runtime_crate("crate::runtime")
            .emit_rerun_if_changed(false)
            .generate()
            .unwrap();
        let library = contractgen::Config::new()
            .schema_dir(&schemas)
            .out_dir(&library_out)
            .runtime_crate("crate::runtime")
            .emit_rerun_if_changed(false)
            .generate()
            .unwrap();
        assert_eq!(read_all(&thin_out), read_all(&library_out));
        assert_eq!(thin.rerun_if_changed, library.rerun_if_changed);

        let err = Config::new()
            .schema_dir(root.join("missing"))
            .out_dir(&thin_out)
            .emit_rerun_if_changed(false)
            .generate()
            .unwrap_err();
        assert!(
            matches!(err, crate::Error::Generator { binary: None, .. }),
            "{err:?}"
        );
        std::fs::remove_dir_all(root).unwrap();
    }
}
