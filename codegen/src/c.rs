//! The C request struct and the code that reads it (`ffi/src/c_api/expressplay_request.rs`):
//! one field (a `drmtoken_str`, or a pointer and a `_len` for a repeatable parameter) and one
//! statement per row of the table. The statements hand each present value to
//! `Builder` (`ffi/src/c_api/expressplay.rs`), which refuses a parameter the chosen service does
//! not take, by name, and sets the rest through the core's `set(wire, value)`.

use std::fmt::Write as _;

use crate::parameters::{Arity, Parameter, PARAMETERS};
use crate::{doc_line, service_names, SERVICES};

/// The services taking `p`, as the core's bit constants (`FAIRPLAY | WIDEVINE`).
fn service_bits(p: &Parameter) -> String {
    let bits: Vec<&str> = SERVICES
        .iter()
        .filter(|s| p.taken_by(s.bit))
        .map(|s| match s.variant {
            "FairPlay" => "FAIRPLAY",
            "PlayReady" => "PLAYREADY",
            _ => "WIDEVINE",
        })
        .collect();
    bits.join(" | ")
}

/// Doc lines for the C field of a row: the row's doc, then which services take it.
fn field_doc(s: &mut String, p: &Parameter) {
    let _ = writeln!(s, "/// {}", doc_line(p));
    let _ = writeln!(s, "///\n/// Taken by: {}.", service_names(p));
}

pub(crate) fn render() -> String {
    let mut s = String::new();
    s.push_str(
        "//! The C ExpressPlay request, one field per row of the parameter table, and the code that\n\
         //! reads it into the core's request.\n\n\
         use drmtoken_core::expressplay::parameters::{FAIRPLAY, PLAYREADY, WIDEVINE};\n\n\
         use super::error::Failure;\n\
         use super::expressplay::Builder;\n\
         use super::slices::drmtoken_str;\n\n\
         /// An ExpressPlay token request for any of the three services. Zero-initialise it, set\n\
         /// `service`, then the parameters the request needs: `{NULL, 0}` (and a `_len` of 0) is\n\
         /// absent. A present parameter the service does not take is refused\n\
         /// (`DRMTOKEN_ERROR_UNKNOWN_PARAMETER` naming it). Every string is UTF-8, pointer +\n\
         /// length. Repeatable parameters are arrays of up to 8 values, in order;\n\
         /// `extension_types[i]` pairs with `extension_payloads[i]`.\n\
         #[allow(non_camel_case_types)]\n\
         #[repr(C)]\n\
         #[derive(Clone, Copy, Debug)]\n\
         pub struct drmtoken_expressplay_request {\n\
         /// `DRMTOKEN_SERVICE_FAIRPLAY`, `DRMTOKEN_SERVICE_PLAYREADY` or `DRMTOKEN_SERVICE_WIDEVINE`.\n\
         pub service: u32,\n\
         /// `DRMTOKEN_ENV_TEST` (0), `DRMTOKEN_ENV_PRODUCTION`, `DRMTOKEN_ENV_DOMAIN` or\n\
         /// `DRMTOKEN_ENV_HOST`.\n\
         pub environment: u32,\n\
         /// The custom domain (`DRMTOKEN_ENV_DOMAIN`) or host (`DRMTOKEN_ENV_HOST`); else absent.\n\
         pub domain: drmtoken_str,\n",
    );
    for p in PARAMETERS {
        field_doc(&mut s, p);
        match p.arity {
            Arity::Single => {
                let _ = writeln!(s, "pub {}: drmtoken_str,", p.field);
            }
            Arity::Repeated => {
                let _ = writeln!(
                    s,
                    "pub {f}: *const drmtoken_str,\n\
                     /// How many values `{f}` points to (0 to 8).\n\
                     pub {f}_len: usize,",
                    f = p.field
                );
            }
        }
    }
    s.push_str(
        "}\n\n\
         impl drmtoken_expressplay_request {\n\
         /// Hands every present parameter to `b`, in the table's order.\n\
         ///\n\
         /// # Safety\n\
         /// Every non-NULL pointer of `self` must point to as many valid bytes (or\n\
         /// `drmtoken_str`s) as its length says, for `'a`.\n\
         pub(crate) unsafe fn read_parameters<'a>(&self, b: &mut Builder<'a>) -> Result<(), Failure> {\n",
    );
    for p in PARAMETERS {
        match p.arity {
            Arity::Single => {
                let _ = writeln!(
                    s,
                    "// SAFETY: `{f}` points to `len` bytes when non-NULL, per this function's contract.\n\
                     unsafe {{ b.single(self.{f}, \"{w}\", {bits}) }}?;",
                    f = p.field,
                    w = p.wire,
                    bits = service_bits(p)
                );
            }
            Arity::Repeated => {
                let _ = writeln!(
                    s,
                    "// SAFETY: `{f}` points to `{f}_len` strings when non-NULL, per this function's contract.\n\
                     unsafe {{ b.repeated(self.{f}, self.{f}_len, \"{w}\", {bits}) }}?;",
                    f = p.field,
                    w = p.wire,
                    bits = service_bits(p)
                );
            }
        }
    }
    s.push_str("Ok(())\n}\n}\n");
    s
}
