//! What every command shares: the failure type with its exit status (an error reads as the
//! core's `Display` of it, the one text every surface prints), headers as the core gives them,
//! shell quoting for `--curl`.

use std::fmt;
use std::process::ExitCode;

use drmtoken_core::http::Headers;
use drmtoken_core::Error;
use zeroize::Zeroizing;

/// A command's failure: invalid input or a refusal (exit 1), or a usage problem (exit 2).
#[derive(Debug)]
pub enum Failure {
    /// The input is wrong (a validation error, a bad key, an unreadable response).
    Invalid(String),
    /// The command line is wrong (a missing option, an unreadable file).
    Usage(String),
}

impl Failure {
    /// The process exit status.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Invalid(_) => ExitCode::from(1),
            Failure::Usage(_) => ExitCode::from(2),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Invalid(m) | Failure::Usage(m) => f.write_str(m),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Invalid(e.to_string())
    }
}

/// Quotes `s` for a POSIX shell: single quotes, with embedded ones closed and escaped. Built at
/// its exact size (the text may carry a secret: no reallocation leaves a partial copy behind).
pub fn shell_quote(s: &str) -> String {
    let quotes = s.matches('\'').count();
    let mut out = String::with_capacity(s.len() + 2 + 3 * quotes);
    out.push('\'');
    for (i, part) in s.split('\'').enumerate() {
        if i > 0 {
            out.push_str(r"'\''");
        }
        out.push_str(part);
    }
    out.push('\'');
    out
}

/// The pieces concatenated into one string of exactly their total size (for text that carries
/// a secret: no reallocation leaves a partial copy behind).
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// A buffer of exactly `len` bytes for a producing call.
pub fn buffer(len: usize) -> Vec<u8> {
    vec![0u8; len]
}

/// The headers as `name: value` lines, names as the core spells them; the value of every header
/// the core marks secret ([`Header::secret`](drmtoken_core::http::Header::secret)) is
/// `<redacted>` after its fixed prefix (`Bearer <redacted>`).
pub fn header_lines(headers: &Headers<'_>) -> Vec<String> {
    headers
        .iter()
        .map(|h| {
            let value = if h.secret { "<redacted>" } else { h.value };
            concat(&[h.name, ": ", h.value_prefix, value])
        })
        .collect()
}

/// The headers as curl arguments (`-H 'name: value' ...`), names as the core spells them. A
/// secret header ([`Header::secret`](drmtoken_core::http::Header::secret)) whose value came
/// from the environment variable `secret_env` is written as a reference to that variable
/// (`-H 'authorization: Bearer '"${DRMTOKEN_BEARER_TOKEN}"`), so the secret is not printed;
/// otherwise it is written out (the caller gave it on the command line or in a file). Every
/// string holding a value is wiped on drop.
pub fn curl_headers(headers: &Headers<'_>, secret_env: Option<&str>) -> Zeroizing<String> {
    let args: Zeroizing<Vec<String>> = Zeroizing::new(
        headers
            .iter()
            .map(|h| match (h.secret, secret_env) {
                (true, Some(var)) => {
                    let head = shell_quote(&concat(&[h.name, ": ", h.value_prefix]));
                    concat(&["-H ", &head, "\"${", var, "}\""])
                }
                _ => {
                    let line = Zeroizing::new(concat(&[h.name, ": ", h.value_prefix, h.value]));
                    let quoted = Zeroizing::new(shell_quote(&line));
                    concat(&["-H ", &quoted])
                }
            })
            .collect(),
    );
    Zeroizing::new(args.join(" "))
}
