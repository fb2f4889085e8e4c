//! `drmtoken serve`: the local emulator of the five token services (crate
//! `drmtoken-emulator`), for offline integration tests and fault injection.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use drmtoken_emulator::{Config, FAULT_HEADER, ROUTES};

use crate::output::Failure;

/// The `serve` subcommand's arguments.
#[derive(clap::Args)]
pub struct Args {
    /// The address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8787")]
    addr: SocketAddr,
    /// Accounts and fault rules (TOML, or JSON when the name ends in .json); the built-in
    /// default when absent (`--print-config` shows it).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print the built-in configuration and exit.
    #[arg(long)]
    print_config: bool,
    /// Do not log one line per request on stderr.
    #[arg(long, short)]
    quiet: bool,
}

/// What `serve --help` ends with.
pub const SERVE_HELP: &str = "Examples:\n  drmtoken serve\n  drmtoken build playready --base-url http://127.0.0.1:8787 --send ...\n  curl -H 'X-Drmtoken-Fault: status=503' 'http://127.0.0.1:8787/hms/pr/token?...'\n\nFaults (X-Drmtoken-Fault header or [[faults]] rules; items joined by ','):\n  latency=200ms  status=503  drop  truncate  malformed  content-type=text/plain  trickle=100ms[/16]";

/// Runs `drmtoken serve` (until interrupted).
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    if args.print_config {
        print!("{}", drmtoken_emulator::DEFAULT_CONFIG);
        return Ok(ExitCode::SUCCESS);
    }
    let config = match &args.config {
        Some(path) => Config::load(path).map_err(|e| Failure::Usage(e.to_string()))?,
        None => Config::builtin(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| Failure::Usage(format!("cannot listen on {}: {e}", args.addr)))?;
        let addr = listener.local_addr().map_err(|e| Failure::Usage(e.to_string()))?;
        println!("drmtoken serve: listening on http://{addr}");
        println!(
            "accounts: {}",
            args.config
                .as_ref()
                .map_or("built-in (drmtoken serve --print-config)".to_owned(), |p| p
                    .display()
                    .to_string())
        );
        println!("routes:");
        for (method, path, what) in ROUTES {
            println!("  {method:<10} {path:<50} {what}");
        }
        println!("faults: the {FAULT_HEADER} request header, or [[faults]] rules in the config");
        drmtoken_emulator::serve(listener, config, !args.quiet, std::future::pending())
            .await
            .map_err(|e| Failure::Usage(format!("server failed: {e}")))
    })?;
    Ok(ExitCode::SUCCESS)
}
