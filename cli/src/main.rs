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
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("drmtoken: {e}");
            e.exit_code()
        }
    }
}
