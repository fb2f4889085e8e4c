//! The core's request structs (`core/src/expressplay/generated.rs`): for each service the struct,
//! `PARAMETERS`, `validate` (one rule per row, in row order), the wire visit/assign and the
//! redacting `Debug`; and `Values`, the every-parameter view the rules read.

use std::fmt::Write as _;

use crate::parameters::{Arity, Parameter, PARAMETERS};
use crate::{doc_line, partner_of, rows_of, ServiceInfo, SERVICES};

fn field_type(p: &Parameter) -> &'static str {
    match p.arity {
        Arity::Single => "Option<&'a str>",
        Arity::Repeated => "heapless::Vec<&'a str, MAX_EXTENSIONS>",
    }
}

pub(crate) fn render() -> String {
    let mut s = String::new();
    s.push_str(
        "use core::fmt;\n\n\
         use crate::error::{Error, ErrorKind};\n\n\
         use super::rules::{self, Check};\n\
         use super::wire::{push_extension, set_once, WireRequest};\n\
         use super::{Environment, Redacted, Service, Warnings, MAX_EXTENSIONS};\n\n",
    );
    render_values(&mut s);
    for service in SERVICES {
        render_service(&mut s, service);
    }
    s
}

/// `Values`: every parameter of every service, `None`/empty where the service does not take it.
fn render_values(s: &mut String) {
    s.push_str(
        "/// Every ExpressPlay parameter of one request, as the rules read it: the service's own\n\
         /// values, `None` or empty for the parameters it does not take. (Free-text parameters,\n\
         /// like `contentId`, have no rule to read them.)\n\
         #[allow(dead_code)]\n\
         #[derive(Clone, Copy)]\n\
         pub(crate) struct Values<'v> {\n\
         /// The request's service.\n\
         pub service: Service,\n",
    );
    for p in PARAMETERS {
        let ty = match p.arity {
            Arity::Single => "Option<&'v str>",
            Arity::Repeated => "&'v [&'v str]",
        };
        let _ = writeln!(s, "/// `{}`.\npub {}: {ty},", p.wire, p.field);
    }
    s.push_str("}\n\n");
}

fn render_service(s: &mut String, service: ServiceInfo) {
    let ty = format!("{}TokenRequest", service.variant);
    let rows: Vec<&Parameter> = rows_of(service).collect();

    // The struct.
    let _ = writeln!(
        s,
        "/// A {v} token request (`https://{p}-gen.<domain>/hms/{p}/token`, seed \"{seed}\").\n\
         /// Every field is the parameter of the same wire name, as the caller's text (`None`, or\n\
         /// empty, is not sent). Secrets are redacted from `Debug`.\n\
         #[derive(Clone, Default, PartialEq, Eq)]\n\
         pub struct {ty}<'a> {{\n\
         /// Where to send it.\n\
         pub environment: Environment<'a>,",
        v = service.variant,
        p = service.prefix,
        seed = service.seed,
    );
    for p in &rows {
        let _ = writeln!(s, "/// {}\npub {}: {},", doc_line(p), p.field, field_type(p));
    }
    s.push_str("}\n\n");

    // PARAMETERS, validate, values.
    let _ = writeln!(
        s,
        "impl<'a> {ty}<'a> {{\n\
         /// The service's parameters by wire name, in the seed's table order (the order of\n\
         /// validation and encoding).\n\
         pub const PARAMETERS: &'static [&'static str] = &["
    );
    for p in &rows {
        let _ = writeln!(s, "\"{}\",", p.wire);
    }
    let _ = writeln!(
        s,
        "];\n\n\
         /// Validates the request as the {v} service would, `now` being the caller's Unix time\n\
         /// (without it, an absolute time is checked for form only). With `kek` and `ek`, `ek` is\n\
         /// unwrapped locally (RFC 3394) and must pass the integrity check.\n\
         ///\n\
         /// # Errors\n\
         /// The first fault in the order of [`PARAMETERS`](Self::PARAMETERS), with the service's\n\
         /// code (see [`ExpressPlayCode`](crate::ExpressPlayCode)), or\n\
         /// [`ErrorKind::InvalidHost`](crate::ErrorKind::InvalidHost) for a custom domain.\n\
         pub fn validate(&self, now: Option<i64>) -> Result<Warnings, Error> {{\n\
         self.environment.check()?;\n\
         let v = self.values();\n\
         let mut cx = Check::new(now);",
        v = service.variant
    );
    for p in &rows {
        let _ = writeln!(s, "rules::{}(&v, &mut cx)?;", p.rule);
    }
    s.push_str("Ok(cx.warnings)\n}\n\n");
    let _ = writeln!(
        s,
        "/// The request as the rules read it.\n\
         pub(crate) fn values(&self) -> Values<'_> {{\n\
         Values {{\nservice: Service::{},",
        service.variant
    );
    for p in PARAMETERS {
        let value = match (p.taken_by(service.bit), p.arity) {
            (true, Arity::Single) => format!("self.{}", p.field),
            (true, Arity::Repeated) => format!("&self.{}", p.field),
            (false, Arity::Single) => "None".to_owned(),
            (false, Arity::Repeated) => "&[]".to_owned(),
        };
        let _ = writeln!(s, "{}: {value},", p.field);
    }
    s.push_str("}\n}\n}\n\n");

    // The wire.
    let _ = writeln!(
        s,
        "impl<'a> WireRequest<'a> for {ty}<'a> {{\n\
         const SERVICE: Service = Service::{v};\n\n\
         fn environment(&self) -> Environment<'a> {{\nself.environment\n}}\n\n\
         fn visit(&self, f: &mut dyn FnMut(&'static str, &'a str)) {{",
        v = service.variant
    );
    for p in &rows {
        match (p.arity, p.pairs_with, partner_of(p)) {
            (_, Some(_), _) => {} // Written with its partner.
            (Arity::Repeated, None, Some(q)) => {
                let _ = writeln!(
                    s,
                    "// `{a}` and `{b}` pair by position: written interleaved.\n\
                     for i in 0..self.{fa}.len().max(self.{fb}.len()) {{\n\
                     if let Some(v) = self.{fa}.get(i) {{ f(\"{a}\", v); }}\n\
                     if let Some(v) = self.{fb}.get(i) {{ f(\"{b}\", v); }}\n\
                     }}",
                    a = p.wire,
                    b = q.wire,
                    fa = p.field,
                    fb = q.field
                );
            }
            (Arity::Repeated, None, None) => {
                let _ = writeln!(s, "for v in &self.{} {{ f(\"{}\", v); }}", p.field, p.wire);
            }
            (Arity::Single, None, _) => {
                let _ = writeln!(s, "if let Some(v) = self.{} {{ f(\"{}\", v); }}", p.field, p.wire);
            }
        }
    }
    s.push_str(
        "}\n\n\
         fn assign(&mut self, name: &'static str, value: &'a str) -> Result<(), Error> {\n\
         match name {\n",
    );
    for p in &rows {
        let call = match p.arity {
            Arity::Single => "set_once",
            Arity::Repeated => "push_extension",
        };
        let _ = writeln!(s, "\"{}\" => {call}(&mut self.{}, name, value),", p.wire, p.field);
    }
    let _ = writeln!(
        s,
        "_ => Err(Error::new(ErrorKind::UnknownParameter).with_parameter(name)),\n\
         }}\n}}\n\n\
         fn empty(environment: Environment<'a>) -> Self {{\n\
         {ty} {{ environment, ..Self::default() }}\n}}\n}}\n"
    );

    // Debug.
    let _ = writeln!(
        s,
        "impl fmt::Debug for {ty}<'_> {{\n\
         fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {{\n\
         f.debug_struct(\"{ty}\")\n.field(\"environment\", &self.environment)"
    );
    for p in &rows {
        if p.secret && p.arity == Arity::Single {
            let _ = writeln!(s, ".field(\"{f}\", &Redacted(self.{f}))", f = p.field);
        } else {
            assert!(!p.secret, "a repeatable secret needs a redacting Debug: {}", p.wire);
            let _ = writeln!(s, ".field(\"{f}\", &self.{f})", f = p.field);
        }
    }
    s.push_str(".finish()\n}\n}\n\n");
}
