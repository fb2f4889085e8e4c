//! The uniffi records and their conversions (`ffi/src/uniffi_api/expressplay_records.rs`): for
//! each service a `uniffi::Record` with the environment and one field per row the service takes
//! (`Option<SecretString>` for a secret single, `Option<String>` for any other single,
//! `Vec<String>` for a repeatable one), documented from the row; `to_core` (the core request
//! borrowing from the record) and `from_core` (an owned record from a core request); and the
//! compile-time proof that every secret field wipes itself on drop. The methods, `Debug` and
//! `Display` are written once for the three records in `expressplay.rs`.

use std::fmt::Write as _;

use crate::parameters::{Arity, Parameter};
use crate::{doc_line, rows_of, ServiceInfo, SERVICES};

fn field_type(p: &Parameter) -> &'static str {
    match (p.arity, p.secret) {
        (Arity::Single, true) => "Option<SecretString>",
        (Arity::Single, false) => "Option<String>",
        (Arity::Repeated, false) => "Vec<String>",
        (Arity::Repeated, true) => panic!("a repeatable secret needs a wiping list type: {}", p.wire),
    }
}

fn default_of(p: &Parameter) -> &'static str {
    match p.arity {
        Arity::Single => "None",
        Arity::Repeated => "[]",
    }
}

pub(crate) fn render() -> String {
    let mut s = String::new();
    s.push_str(
        "//! The ExpressPlay request records of the bindings, one field per parameter of the\n\
         //! service, and their conversions to and from the core's requests.\n\n\
         use drmtoken_core::expressplay as core_ep;\n\
         use drmtoken_core::Error;\n\n\
         use super::expressplay::{fixed, opt, owned, Environment};\n\
         use super::secret::{secret, wiped, SecretString};\n\n",
    );
    for service in SERVICES {
        render_service(&mut s, service);
    }
    s
}

fn render_service(s: &mut String, service: ServiceInfo) {
    let ty = format!("{}TokenRequest", service.variant);
    let rows: Vec<&Parameter> = rows_of(service).collect();

    // The record.
    let _ = writeln!(
        s,
        "/// A {v} token request (`https://{p}-gen.<domain>/hms/{p}/token`, seed \"{seed}\").\n\
         /// Every field is the parameter of the same wire name, as text; `None` (`null`, `nil`) or\n\
         /// an empty list is not sent. Secrets are redacted from `Debug`/`Display` (and so from the\n\
         /// generated `toString`, `description` and `repr`) and wiped when the record is dropped.\n\
         #[derive(Clone, PartialEq, Eq, uniffi::Record)]\n\
         #[uniffi::export(Debug, Display)]\n\
         pub struct {ty} {{\n\
         /// Where to send it.\n\
         pub environment: Environment,",
        v = service.variant,
        p = service.prefix,
        seed = service.seed,
    );
    for p in &rows {
        let _ = writeln!(
            s,
            "/// {}\n#[uniffi(default = {})]\npub {}: {},",
            doc_line(p),
            default_of(p),
            p.field,
            field_type(p)
        );
    }
    s.push_str("}\n\n");

    // The conversions.
    let _ = writeln!(
        s,
        "impl {ty} {{\n\
         /// The core request, borrowing from the record.\n\
         ///\n\
         /// # Errors\n\
         /// [`ErrorKind::CapacityExceeded`](drmtoken_core::ErrorKind::CapacityExceeded) naming\n\
         /// the parameter, for more values of a repeatable parameter than the core holds.\n\
         pub(crate) fn to_core(&self) -> Result<core_ep::{ty}<'_>, Error> {{\n\
         Ok(core_ep::{ty} {{\n\
         environment: self.environment.to_core(),"
    );
    for p in &rows {
        match p.arity {
            Arity::Single => {
                let _ = writeln!(s, "{f}: opt(&self.{f}),", f = p.field);
            }
            Arity::Repeated => {
                let _ = writeln!(s, "{f}: fixed(&self.{f}, \"{w}\")?,", f = p.field, w = p.wire);
            }
        }
    }
    let _ = writeln!(
        s,
        "}})\n}}\n\n\
         /// An owned record from a core request.\n\
         pub(crate) fn from_core(r: &core_ep::{ty}<'_>) -> Self {{\n\
         {ty} {{\n\
         environment: Environment::from_core(r.environment),"
    );
    for p in &rows {
        let value = match (p.arity, p.secret) {
            (Arity::Single, true) => format!("secret(r.{})", p.field),
            (Arity::Single, false) => format!("owned(r.{})", p.field),
            (Arity::Repeated, _) => format!("r.{}.iter().map(|v| (*v).to_owned()).collect()", p.field),
        };
        let _ = writeln!(s, "{}: {value},", p.field);
    }
    s.push_str("}\n}\n}\n\n");

    // The wipe proof.
    let secrets: Vec<&&Parameter> = rows.iter().filter(|p| p.secret).collect();
    if !secrets.is_empty() {
        let _ = writeln!(
            s,
            "// Compile-time proof that every secret field of `{ty}` wipes itself on drop.\n\
             const _: fn(&{ty}) = |r| {{"
        );
        for p in secrets {
            let _ = writeln!(s, "wiped(&r.{});", p.field);
        }
        s.push_str("};\n\n");
    }
}
