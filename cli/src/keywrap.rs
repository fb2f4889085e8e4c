//! `drmtoken keywrap wrap|unwrap`: AES Key Wrap (RFC 3394) in lower-case hex.

use std::process::ExitCode;

use drmtoken_core::keywrap;

use crate::output::{buffer, Failure};
use crate::secrets::secret;

const SECRETS_HELP: &str = "Keys can come from --kek-file/--key-file or $DRMTOKEN_KEK/$DRMTOKEN_KEY as well as \
the command line: a command line is visible to every user of the machine (ps, shell history), a \
file or the environment is not.\n\nExample:\n  DRMTOKEN_KEK=$(cat kek.hex) drmtoken keywrap unwrap --wrapped 1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5";

/// Keys can come from a file or the environment as well as the command line: a command line is
/// visible to every user of the machine (`ps`, shell history); a file or the environment is not.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Wrap a key under a KEK (prints the wrapped key, 16 hex digits longer).
    #[command(after_help = SECRETS_HELP)]
    Wrap {
        /// The KEK in hex (16, 24 or 32 bytes). Prefer --kek-file or $DRMTOKEN_KEK.
        #[arg(long)]
        kek: Option<String>,
        /// A file holding the KEK in hex (`-` for stdin).
        #[arg(long, value_name = "FILE")]
        kek_file: Option<String>,
        /// The key to wrap, in hex (16 bytes or more, a multiple of 8). Prefer --key-file or $DRMTOKEN_KEY.
        #[arg(long)]
        key: Option<String>,
        /// A file holding the key in hex (`-` for stdin).
        #[arg(long, value_name = "FILE")]
        key_file: Option<String>,
    },
    /// Unwrap a wrapped key (ExpressPlay's `ek`) under its KEK, checking its integrity.
    #[command(after_help = SECRETS_HELP)]
    Unwrap {
        /// The KEK in hex (16, 24 or 32 bytes). Prefer --kek-file or $DRMTOKEN_KEK.
        #[arg(long)]
        kek: Option<String>,
        /// A file holding the KEK in hex (`-` for stdin).
        #[arg(long, value_name = "FILE")]
        kek_file: Option<String>,
        /// The wrapped key in hex.
        #[arg(long)]
        wrapped: String,
    },
}

/// Runs `drmtoken keywrap`.
pub fn run(cmd: Command) -> Result<ExitCode, Failure> {
    let out = match cmd {
        Command::Wrap {
            kek,
            kek_file,
            key,
            key_file,
        } => {
            let kek = secret(kek, kek_file.as_deref(), "DRMTOKEN_KEK", "the KEK")?;
            let key = secret(key, key_file.as_deref(), "DRMTOKEN_KEY", "the key")?;
            let mut out = buffer(key.len() + 16);
            keywrap::wrap_hex(kek.trim(), key.trim(), &mut out)?.to_owned()
        }
        Command::Unwrap { kek, kek_file, wrapped } => {
            let kek = secret(kek, kek_file.as_deref(), "DRMTOKEN_KEK", "the KEK")?;
            let mut out = buffer(wrapped.len());
            keywrap::unwrap_hex(kek.trim(), wrapped.trim(), &mut out)?.to_owned()
        }
    };
    println!("{out}");
    Ok(ExitCode::SUCCESS)
}
