//! The `contractgen` command: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "contractgen",
    version,
    about = "Rust and Kotlin types and validators from JSON Schema payload contracts"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate every language from the schemas (run from the repository root).
    Generate {
        /// Directory of `<contract>/<message>.schema.json` files.
        #[arg(long, default_value = "schema")]
        schema: PathBuf,
        /// Output directory (gets `rust/` and `kotlin/`).
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Write nothing; exit non-zero and name the files that differ from a fresh generation.
        #[arg(long)]
        check: bool,
    },
    /// Check payload files against a schema with the `jsonschema` crate (the reference validator).
    Validate {
        /// The schema file.
        schema: PathBuf,
        /// Payload files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate { schema, out, check } => generate(&schema, &out, check),
        Command::Validate { schema, files } => validate(&schema, &files),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(schema: &Path, out: &Path, check: bool) -> contractgen::Result<ExitCode> {
    let generation = contractgen::generate(&contractgen::Options::new(schema))?;
    if check {
        let drift = contractgen::output::drift(out, &generation.files)?;
        if drift.is_empty() {
            println!(
                "generated files are up to date ({} files)",
                generation.files.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        for line in &drift {
            eprintln!("{line}");
        }
        eprintln!(
            "{} generated file(s) differ: run `cargo run -p contractgen -- generate`",
            drift.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    let written = contractgen::output::write_all(out, &generation.files)?;
    println!(
        "{} files generated into {} ({written} changed)",
        generation.files.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn validate(schema: &Path, files: &[PathBuf]) -> contractgen::Result<ExitCode> {
    let validator = contractgen::reference::validator_for_file(schema)?;
    let document = contractgen::reference::read_json(schema)?;
    let mut failed = 0;
    for file in files {
        let errors = contractgen::reference::validate_file(&validator, &document, file)?;
        if errors.is_empty() {
            println!("{}: valid", file.display());
        } else {
            failed += 1;
            println!("{}: {} error(s)", file.display(), errors.len());
            for error in errors {
                println!("  {error}");
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
