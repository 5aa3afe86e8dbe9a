//! Finding the `contractgen` binary, checking its version and running it.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, BINARY_ENV, VERSION};

/// The binary `CONTRACTGEN` names, else the first `contractgen` on `PATH`. The two variables'
/// values are arguments so tests need not change the process environment.
// With `bundled`, only an explicit `Config::binary` runs a binary, so nothing looks one up.
#[cfg_attr(feature = "bundled", allow(dead_code))]
pub fn locate(named: Option<OsString>, path: Option<OsString>) -> Result<PathBuf, Error> {
    if let Some(named) = named {
        let binary = PathBuf::from(&named);
        // A variable that names nothing is a mistake to report, not a reason to fall back to
        // PATH (which might hold another version).
        return if binary.is_file() {
            Ok(binary)
        } else {
            Err(Error::NotFound {
                looked_in: format!("{BINARY_ENV}={}", binary.display()),
            })
        };
    }
    let file = format!("contractgen{}", std::env::consts::EXE_SUFFIX);
    path.as_deref()
        .into_iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(&file))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| Error::NotFound {
            looked_in: format!("{BINARY_ENV} is not set, and no directory of PATH holds {file}"),
        })
}

/// Refuses a binary whose `--version` (`contractgen 0.1.0`) is not this crate's version.
pub fn check_version(binary: &Path) -> Result<(), Error> {
    let output = Command::new(binary)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|source| Error::Run {
            binary: binary.to_path_buf(),
            source,
        })?;
    let printed = String::from_utf8_lossy(&output.stdout);
    let found = printed.split_whitespace().last().unwrap_or("").to_string();
    if output.status.success() && found == VERSION {
        Ok(())
    } else {
        let found = if found.is_empty() {
            format!(
                "of unknown version (`--version` printed {:?})",
                printed.trim()
            )
        } else {
            found
        };
        Err(Error::VersionMismatch {
            binary: binary.to_path_buf(),
            found,
        })
    }
}

/// Runs `contractgen build-script --settings -` with `settings` on stdin; returns the `cargo:`
/// lines it printed (the rerun lines), or its message when it fails.
pub fn run(binary: &Path, settings: &str) -> Result<Vec<String>, Error> {
    let run_error = |source| Error::Run {
        binary: binary.to_path_buf(),
        source,
    };
    let mut child = Command::new(binary)
        .args(["build-script", "--settings", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(run_error)?;
    if let Some(mut stdin) = child.stdin.take() {
        // Dropping `stdin` closes it, so the binary sees the end of the settings. A binary that
        // exits before reading them closes the pipe: its status and stderr then say why.
        if let Err(e) = stdin.write_all(settings.as_bytes()) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                return Err(run_error(e));
            }
        }
    }
    let output = child.wait_with_output().map_err(run_error)?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let message = if stderr.trim().is_empty() {
            format!(
                "{} failed ({}) and printed nothing",
                binary.display(),
                output.status
            )
        } else {
            stderr.trim_end().to_string()
        };
        return Err(Error::Generator {
            binary: Some(binary.to_path_buf()),
            message,
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| line.starts_with("cargo:"))
        .map(str::to_string)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    /// A fresh directory under the system's temporary one (the crate has no `tempfile`).
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("contractgen-build-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_variable_naming_nothing_is_not_found_and_says_how_to_install() {
        let err = locate(Some("/no/such/contractgen".into()), None).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("CONTRACTGEN=/no/such/contractgen"), "{text}");
        assert!(
            text.contains(&format!(
                "cargo install contractgen --version {VERSION} --locked"
            )),
            "{text}"
        );
    }

    #[test]
    fn without_the_variable_path_is_searched_in_order() {
        let dir = scratch("path");
        let (first, second) = (dir.join("a"), dir.join("b"));
        for d in [&first, &second] {
            std::fs::create_dir_all(d).unwrap();
        }
        let file = format!("contractgen{}", std::env::consts::EXE_SUFFIX);
        std::fs::write(second.join(&file), "").unwrap();
        let path = std::env::join_paths([&first, &second]).unwrap();
        assert_eq!(
            locate(None, Some(path.clone())).unwrap(),
            second.join(&file)
        );
        std::fs::write(first.join(&file), "").unwrap();
        assert_eq!(locate(None, Some(path)).unwrap(), first.join(&file));

        let err = locate(None, Some(first.join("empty").into_os_string())).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("CONTRACTGEN is not set"), "{text}");
        assert!(text.contains("PATH"), "{text}");
        assert!(
            text.contains("cargo install contractgen --version"),
            "{text}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// Stand-in binaries as shell scripts. One test runs them all, one after the other: a
    /// script written while another test forks could not be run ("text file busy").
    #[cfg(unix)]
    #[test]
    fn stand_in_binaries_give_each_error() {
        use std::os::unix::fs::PermissionsExt;

        let dir = scratch("stand-ins");
        let script = |name: &str, body: &str| {
            let path = dir.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            path
        };
        let generate = |binary: &Path| {
            Config::new()
                .binary(binary)
                .out_dir(&dir)
                .emit_rerun_if_changed(false)
                .generate()
        };

        let old = script("old", "echo 'contractgen 0.0.9'");
        let text = generate(&old).unwrap_err().to_string();
        assert!(text.contains("is contractgen 0.0.9"), "{text}");
        assert!(
            text.contains(&format!("contractgen-build is {VERSION}")),
            "{text}"
        );

        let silent = script("silent", "exit 3");
        let text = generate(&silent).unwrap_err().to_string();
        assert!(text.contains("of unknown version"), "{text}");

        // The generator's message is passed on as it printed it.
        let message = "error: broken/request.schema.json#/properties/a/$ref: cannot resolve $ref";
        let failing = script(
            "failing",
            &format!(
                "if [ \"$1\" = --version ]; then echo 'contractgen {VERSION}'; exit 0; fi\n\
                 echo '{message}' >&2; exit 2"
            ),
        );
        let err = generate(&failing).unwrap_err();
        assert!(matches!(err, Error::Generator { .. }), "{err:?}");
        assert_eq!(err.to_string(), message);

        // A working one: its `cargo:` lines come back (rerun lines and notes apart), other
        // output is dropped, and the settings arrive on stdin as JSON.
        let settings = dir.join("settings.json");
        let working = script(
            "working",
            &format!(
                "if [ \"$1\" = --version ]; then echo 'contractgen {VERSION}'; exit 0; fi\n\
                 cat > '{}'\n\
                 echo 'cargo:rerun-if-changed=schema/pay/request.schema.json'\n\
                 echo 'generated'\n\
                 echo 'cargo:warning=contractgen: rustfmt could not be started'\n\
                 echo 'cargo:rerun-if-changed=schema'",
                settings.display()
            ),
        );
        let written = Config::new()
            .binary(&working)
            .schema_dir("schémas \"q\" \\")
            .type_attribute(".", "#[derive(Eq)]")
            .emit_rerun_if_changed(false)
            .generate()
            .unwrap();
        assert_eq!(
            written.rerun_if_changed,
            [
                "cargo:rerun-if-changed=schema/pay/request.schema.json",
                "cargo:rerun-if-changed=schema"
            ]
        );
        // A warning line is a note, without the prefix that names the generator among cargo's.
        assert_eq!(written.notes, ["rustfmt could not be started"]);
        assert_eq!(
            std::fs::read_to_string(&settings).unwrap(),
            r##"{"schemaDir":"schémas \"q\" \\","uriPrefixes":[],"typeAttributes":[[".","#[derive(Eq)]"]],"fieldAttributes":[]}"##
        );

        let missing = dir.join("missing");
        let err = generate(&missing).unwrap_err();
        assert!(matches!(err, Error::Run { .. }), "{err:?}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
