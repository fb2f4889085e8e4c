//! Secrets (keys, authenticators, bearer tokens) from a file or the environment as well as the
//! command line: a command line is visible to every user of the machine (`ps`, shell history),
//! a file or the environment is not.

use std::fs;

use crate::output::Failure;

/// The secret from `value`, else from the file `file` (trailing newline trimmed), else from the
/// environment variable `env`; `what` names it in the error when none is given.
pub fn secret(value: Option<String>, file: Option<&str>, env: &str, what: &str) -> Result<String, Failure> {
    if let Some(v) = value {
        return Ok(v);
    }
    if let Some(path) = file {
        let text = if path == "-" {
            std::io::read_to_string(std::io::stdin())
        } else {
            fs::read_to_string(path)
        }
        .map_err(|e| Failure::Usage(format!("cannot read {what} from {path}: {e}")))?;
        return Ok(text.trim_end_matches(['\r', '\n']).to_owned());
    }
    std::env::var(env).map_err(|_| Failure::Usage(format!("{what} is required (option, file, or ${env})")))
}
