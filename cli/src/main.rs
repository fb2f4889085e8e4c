//! `drmtoken`: build a DRM token request, check a request URL someone sent, wrap or unwrap a
//! key, and read a service's response — the core's rules and parsers, on the command line.
//!
//! Exit status: 0 success (a valid request, a token), 1 invalid input or a refusal, 2 usage,
//! 3 no complete answer (`build --send`).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod build;
mod check;
mod keywrap;
mod output;
mod parse;
mod secrets;
mod send;
mod serve;

/// Build, check and decode DRM licence token requests and responses (ExpressPlay FairPlay,
/// PlayReady and Widevine; Nagra OpenTV IAS; Adobe Pass), with the services' own error codes.
#[derive(Parser)]
#[command(name = "drmtoken", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build a token request and print its URL (or form body, or a curl command).
    #[command(after_help = build::BUILD_HELP)]
    Build(build::Args),
    /// Validate an ExpressPlay request URL (or form body) exactly as the service would.
    #[command(
        after_help = "Examples:\n  drmtoken check --json 'https://wv-gen.test.expressplay.com/hms/wv/token?...'\n  pbpaste | drmtoken check -\n\nExit status: 0 valid, 1 invalid, 2 usage."
    )]
    Check(check::Args),
    /// AES Key Wrap (RFC 3394) of content keys, as ExpressPlay's kek/ek use it.
    #[command(subcommand)]
    Keywrap(keywrap::Command),
    /// Read a service's response (a file or stdin) given its HTTP status and content type.
    #[command(
        after_help = "Example:\n  curl -sS \"$URL\" | drmtoken parse playready --json\n  drmtoken parse opentv --status 403 response.json"
    )]
    Parse(parse::Args),
    /// Run a local emulator of the five token services, with fault injection.
    #[command(after_help = serve::SERVE_HELP)]
    Serve(serve::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "Example:\n  drmtoken completions bash > /etc/bash_completion.d/drmtoken")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Write the manual pages (drmtoken.1 and one page per subcommand) into DIR: how
    /// docs/man is made (scripts/gen-man.sh). Hidden: a packaging step, not a user command.
    #[command(hide = true)]
    Man {
        /// The directory to write the pages into (created when missing).
        dir: std::path::PathBuf,
    },
}

/// The root page's EXIT STATUS section (roff), as the module docs above state it.
const MAN_EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success: a valid request, a token.
.TP
\fB1\fR
Invalid input, or the service's refusal.
.TP
\fB2\fR
Usage: a missing or wrong option, an unreadable file.
.TP
\fB3\fR
No complete answer arrived (\fBbuild \-\-send\fR).
"#;

/// Writes the manual pages of the whole command tree (hidden commands left out) into `dir`;
/// the root page gets an EXIT STATUS section before its VERSION.
fn write_man_pages(dir: &std::path::Path) -> Result<ExitCode, output::Failure> {
    let cannot = |e: std::io::Error| {
        output::Failure::Usage(format!("cannot write the manual pages into {}: {e}", dir.display()))
    };
    std::fs::create_dir_all(dir).map_err(cannot)?;
    let cmd = <Cli as clap::CommandFactory>::command();
    clap_mangen::generate_to(cmd.clone(), dir).map_err(cannot)?;
    let man = clap_mangen::Man::new(cmd.disable_help_subcommand(true));
    let mut page = Vec::new();
    man.render(&mut page).map_err(cannot)?;
    let page = String::from_utf8_lossy(&page);
    let page = match page.find(".SH VERSION\n") {
        Some(at) => format!("{}{MAN_EXIT_STATUS}{}", &page[..at], &page[at..]),
        None => format!("{page}{MAN_EXIT_STATUS}"),
    };
    std::fs::write(dir.join(man.get_filename()), page).map_err(cannot)?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Keywrap(cmd) => keywrap::run(cmd),
        Command::Parse(args) => parse::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "drmtoken",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { dir } => write_man_pages(&dir),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("drmtoken: {e}");
            e.exit_code()
        }
    }
}
