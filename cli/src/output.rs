//! What every command shares: the failure type with its exit status, error text in one format,
//! shell quoting for `--curl`.

use std::fmt;
use std::process::ExitCode;

use drmtoken_core::{Error, ErrorKind};

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
        Failure::Invalid(describe(&e))
    }
}

/// One line for an error: `<code> <message> (parameter <name>)`, code only when it has one.
pub fn describe(e: &Error) -> String {
    let mut s = String::new();
    if e.code() != 0 {
        s.push_str(&format!("{} ", e.code()));
    }
    s.push_str(e.message());
    match e.kind() {
        ErrorKind::BufferTooSmall { required } => s.push_str(&format!(" ({required} bytes needed)")),
        ErrorKind::InvalidJson { offset } | ErrorKind::InvalidXml { offset } | ErrorKind::NestingTooDeep { offset } => {
            s.push_str(&format!(" at byte {offset}"));
        }
        _ => {}
    }
    if let Some(p) = e.parameter() {
        s.push_str(&format!(" (parameter {p})"));
    }
    s
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
