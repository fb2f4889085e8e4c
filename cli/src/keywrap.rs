//! `drmtoken keywrap wrap|unwrap`: AES Key Wrap (RFC 3394) in lower-case hex.

use std::process::ExitCode;

use drmtoken_core::keywrap;

use zeroize::Zeroizing;

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
        /// The key to wrap, in hex (16 bytes or more, a multiple of 8, any length). Prefer --key-file or $DRMTOKEN_KEY.
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
        /// The wrapped key in hex (24 bytes or more, a multiple of 8).
        #[arg(long)]
        wrapped: String,
    },
}

/// The lower-case hex the command prints, in a zeroizing buffer sized by the core's `*_len`
/// (any key length RFC 3394 permits). Every key it handles is a zeroizing copy.
fn output(cmd: Command) -> Result<Zeroizing<String>, Failure> {
    let mut out = match cmd {
        Command::Wrap {
            kek,
            kek_file,
            key,
            key_file,
        } => {
            let kek = secret(kek, kek_file.as_deref(), "DRMTOKEN_KEK", "the KEK")?;
            let key = secret(key, key_file.as_deref(), "DRMTOKEN_KEY", "the key")?;
            let key = key.trim();
            let mut out = Zeroizing::new(buffer(keywrap::wrap_hex_len(key.len())));
            let n = keywrap::wrap_hex(kek.trim(), key, &mut out)?.len();
            out.truncate(n);
            out
        }
        Command::Unwrap { kek, kek_file, wrapped } => {
            let kek = secret(kek, kek_file.as_deref(), "DRMTOKEN_KEK", "the KEK")?;
            let wrapped = Zeroizing::new(wrapped);
            let wrapped = wrapped.trim();
            let mut out = Zeroizing::new(buffer(keywrap::unwrap_hex_len(wrapped.len())));
            let n = keywrap::unwrap_hex(kek.trim(), wrapped, &mut out)?.len();
            out.truncate(n);
            out
        }
    };
    // The bytes are the core's lower-case hex: moved, not copied, into the string.
    String::from_utf8(std::mem::take(&mut *out))
        .map(Zeroizing::new)
        .map_err(|_| Failure::Invalid("the key is not hex text".to_owned()))
}

/// Runs `drmtoken keywrap`.
pub fn run(cmd: Command) -> Result<ExitCode, Failure> {
    let out = output(cmd)?;
    println!("{}", out.as_str());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::wipe_check::{freed_unwiped, CANARIES};

    /// Wrapping and unwrapping a 64-byte key given on the command line leaves no unwiped copy of
    /// the KEK or the key (the test allocator looks into every freed block).
    #[test]
    fn keys_leave_no_unwiped_copy() {
        let before = (freed_unwiped(1), freed_unwiped(2));
        let kek = || Some(String::from_utf8(CANARIES[1].repeat(2)).unwrap());
        let key = String::from_utf8(CANARIES[2].repeat(8)).unwrap();
        let wrapped = output(Command::Wrap {
            kek: kek(),
            kek_file: None,
            key: Some(key),
            key_file: None,
        })
        .unwrap();
        assert_eq!(wrapped.len(), 2 * (64 + 8));
        let key = output(Command::Unwrap {
            kek: kek(),
            kek_file: None,
            wrapped: wrapped.to_string(),
        })
        .unwrap();
        let want = Zeroizing::new(CANARIES[2].repeat(8));
        assert_eq!(key.as_bytes(), want.as_slice());
        drop((wrapped, key, want));
        assert_eq!(
            (freed_unwiped(1), freed_unwiped(2)),
            before,
            "key material freed unwiped"
        );
    }
}
