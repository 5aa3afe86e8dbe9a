//! The `contractgen` command: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod cli;

#[derive(Parser)]
#[command(
    name = "contractgen",
    version,
    about = "Rust and Kotlin types and validators from JSON Schema payload contracts",
    after_help = "Exit status: 0 success; 1 some payload invalid (validate) or generated files \
                  differ (generate --check); 2 usage or tool error."
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
    /// Check payloads against a schema with the `jsonschema` crate (the reference validator).
    #[command(after_help = VALIDATE_HELP)]
    Validate(ValidateArgs),
    /// What the `contractgen-build` crate runs from a build script: generate as its settings
    /// (a JSON file, `-` for stdin) say and print the `cargo:rerun-if-changed` lines. Hidden:
    /// the settings' form is private to one version.
    #[command(hide = true)]
    BuildScript {
        #[arg(long, value_name = "FILE")]
        settings: PathBuf,
    },
}

const VALIDATE_HELP: &str = "\
Payloads: a file; `-` for stdin; a directory for every *.json file below it (recursively,
sorted by path).

Settings: --settings FILE, else contractgen.json in the schema directory (--schema DIR when
given; with --message, `schema`; otherwise the folder two above the schema file, the
<dir>/<contract>/<message>.schema.json layout `generate` reads). The flags override either.
The rules in force are printed on stderr unless a settings file gave the defaults; a missing
settings file is always reported.

Exit status: 0 every payload valid, 1 some payload invalid, 2 usage or tool error (a file
unreadable or not JSON, a bad schema or settings file). Every payload is checked; the worst
status wins.";

#[derive(clap::Args)]
struct ValidateArgs {
    /// The schema file, then payloads; with --message, payloads only.
    #[arg(required = true, value_name = "SCHEMA> <PAYLOAD")]
    paths: Vec<PathBuf>,
    /// Check against `<contract>/<message>` of the schema directory instead of a schema path.
    #[arg(long, value_name = "CONTRACT/MESSAGE")]
    message: Option<String>,
    /// Schema directory: where --message looks, and where contractgen.json is read.
    #[arg(long, value_name = "DIR")]
    schema: Option<PathBuf>,
    /// Settings file to use instead of the schema directory's contractgen.json.
    #[arg(long, value_name = "FILE")]
    settings: Option<PathBuf>,
    /// Assert `format` (overrides the settings).
    #[arg(long, overrides_with = "no_assert_format")]
    assert_format: bool,
    /// Treat `format` as an annotation (overrides the settings).
    #[arg(long)]
    no_assert_format: bool,
    /// Assert `contentMediaType`/`contentSchema` (overrides the settings).
    #[arg(long, overrides_with = "no_assert_content")]
    assert_content: bool,
    /// Treat content keywords as annotations (overrides the settings).
    #[arg(long)]
    no_assert_content: bool,
    /// Report format: `text`, or `json` for one JSON document on stdout.
    #[arg(long, value_enum, default_value = "text")]
    output: Output,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Output {
    Text,
    Json,
}

/// `--x` / `--no-x`: the last given wins; neither leaves the settings' value.
fn flag(on: bool, off: bool) -> Option<bool> {
    match (on, off) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate { schema, out, check } => generate(&schema, &out, check),
        Command::Validate(args) => return cli::validate::run(&validate_request(args)),
        Command::BuildScript { settings } => {
            cli::build_script::run(&settings).map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A tool error, as `validate` reports one; drift under `--check` is 1.
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// The request, or clap's usage error (exit status 2) when no payload is named.
fn validate_request(args: ValidateArgs) -> cli::validate::Request {
    let mut paths = args.paths;
    let schema = match args.message {
        Some(name) => cli::validate::SchemaRef::Message {
            dir: args
                .schema
                .clone()
                .unwrap_or_else(|| PathBuf::from("schema")),
            name,
        },
        None => {
            if paths.len() < 2 {
                let mut command = Cli::command();
                command.build();
                let mut usage = command
                    .find_subcommand("validate")
                    .cloned()
                    .unwrap_or(command);
                usage
                    .error(
                        clap::error::ErrorKind::MissingRequiredArgument,
                        "validate needs a schema and at least one payload (or --message and a payload)",
                    )
                    .exit();
            }
            cli::validate::SchemaRef::Path(paths.remove(0))
        }
    };
    cli::validate::Request {
        schema,
        schema_dir: args.schema,
        files: paths,
        overrides: cli::settings::Overrides {
            settings: args.settings,
            assert_format: flag(args.assert_format, args.no_assert_format),
            assert_content: flag(args.assert_content, args.no_assert_content),
        },
        json: matches!(args.output, Output::Json),
    }
}

fn generate(schema: &Path, out: &Path, check: bool) -> contractgen::Result<ExitCode> {
    let generation = contractgen::generate(&contractgen::Options::new(schema))?;
    for note in &generation.notes {
        eprintln!("warning: {note}");
    }
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
        if !generation.notes.is_empty() {
            eprintln!(
                "(see the warning above: the differences may be layout alone, and regenerating now would write that layout)"
            );
        }
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
