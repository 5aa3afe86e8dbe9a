//! `contractgen build-script --settings FILE`: what the `contractgen-build` crate runs from a
//! build script. The settings are [`contractgen::Config`]'s machine form, so the library does
//! the writing (only changed files) and prints the `cargo:rerun-if-changed` lines on stdout,
//! which the build crate forwards to cargo. Not for people: the form is private to one version.

use std::io::Read;
use std::path::Path;

/// Reads the settings (`-` for stdin) and generates.
pub fn run(settings: &Path) -> contractgen::Result<()> {
    let text = if settings == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| contractgen::Error::io(settings, e))?;
        text
    } else {
        std::fs::read_to_string(settings).map_err(|e| contractgen::Error::io(settings, e))?
    };
    contractgen::Config::from_build_settings(&text)?
        .emit_rerun_if_changed(true)
        .generate()?;
    Ok(())
}
