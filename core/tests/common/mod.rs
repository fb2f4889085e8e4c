//! Helpers shared by the integration tests: the vector files and building requests from them.
#![allow(dead_code)]

use drmtoken_core::expressplay::{Environment, FairPlayTokenRequest, PlayReadyTokenRequest, TokenRequest};
use drmtoken_core::{Service, WidevineTokenRequest};
use serde_json::Value;

/// Reads `tests/vectors/<name>` from the repository root.
pub fn vectors(name: &str) -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/");
    let text = std::fs::read_to_string(format!("{path}{name}")).expect("vector file");
    serde_json::from_str(&text).expect("vector JSON")
}

pub fn service(name: &str) -> Service {
    match name {
        "fairplay" => Service::FairPlay,
        "playready" => Service::PlayReady,
        "widevine" => Service::Widevine,
        other => panic!("unknown service {other}"),
    }
}

pub fn environment(name: &str) -> Environment<'static> {
    match name {
        "test" => Environment::Test,
        "production" => Environment::Production,
        other => panic!("unknown environment {other}"),
    }
}

/// Builds a typed request from `[name, value]` pairs with the public `set`.
pub fn build<'a>(service: Service, env: Environment<'a>, params: &'a [(String, String)]) -> TokenRequest<'a> {
    macro_rules! fill {
        ($ty:ident, $variant:ident) => {{
            let mut r = $ty {
                environment: env,
                ..Default::default()
            };
            for (n, v) in params {
                r.set(n, v).unwrap_or_else(|e| panic!("set {n}: {e}"));
            }
            TokenRequest::$variant(r)
        }};
    }
    match service {
        Service::FairPlay => fill!(FairPlayTokenRequest, FairPlay),
        Service::PlayReady => fill!(PlayReadyTokenRequest, PlayReady),
        Service::Widevine => fill!(WidevineTokenRequest, Widevine),
    }
}

pub fn params(case: &Value) -> Vec<(String, String)> {
    case["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_owned(), p[1].as_str().unwrap().to_owned()))
        .collect()
}

/// The variant name of an error kind (`InvalidJson`), as the vector files spell it.
pub fn kind_name(kind: drmtoken_core::ErrorKind) -> String {
    format!("{kind:?}")
        .split([' ', '(', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The stack every parser must fit in under hostile input: 16 KiB in an optimised build (the
/// shipped code; the README's test command runs these tests with `--release`, and the firmware
/// budget of 4 KiB is measured in tests/freestanding). Unoptimised code spends several times the
/// stack (the IAS parse: about 128 KiB at opt-level 0, under 8 KiB in release), so a debug run
/// gets 256 KiB: still far too little for any reader that recursed once per level of nesting on
/// the 100 000-level bodies these tests send.
pub const SMALL_STACK: usize = if cfg!(debug_assertions) { 256 * 1024 } else { 16 * 1024 };

/// Runs `f` on a thread with a [`SMALL_STACK`] stack, passing its panics on.
pub fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let handle = std::thread::Builder::new()
        .name("small-stack".into())
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("spawn a small-stack thread");
    match handle.join() {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Whether `e` says the body is not JSON (or nests too deeply): what a refused document gives.
pub fn is_json_refusal(e: &drmtoken_core::Error) -> bool {
    matches!(
        e.kind(),
        drmtoken_core::ErrorKind::InvalidJson { .. } | drmtoken_core::ErrorKind::NestingTooDeep { .. }
    )
}

/// The address of a local in a frame of its own, so below the caller's frame: where the stack
/// a call made next would start.
#[inline(never)]
fn stack_pointer_below_caller() -> usize {
    let marker = 0u8;
    std::hint::black_box(std::ptr::addr_of!(marker)) as usize
}

#[inline(never)]
fn call<T>(f: impl FnOnce() -> T) -> T {
    std::hint::black_box(f())
}

/// How many bytes of stack `f` used, measured as firmware does: the stack below the current
/// frame is painted with a pattern, `f` runs, and the deepest byte it changed is its high-water
/// mark. Runs on a thread of its own with room for `limit` bytes and more; `f` should return
/// something small (a summary of the result), since its return value lives in the caller's
/// frame. The result is exact to the byte for code that writes its frames (every frame does:
/// return addresses, spilled registers), and never an overestimate.
pub fn stack_used<T: Send + 'static>(limit: usize, f: impl FnOnce() -> T + Send + 'static) -> (T, usize) {
    const PATTERN: u8 = 0xA5;
    const GAP: usize = 256;
    let handle = std::thread::Builder::new()
        .name("stack-measure".into())
        .stack_size(limit + 256 * 1024)
        .spawn(move || {
            let top = stack_pointer_below_caller() - GAP;
            let bottom = top - limit;
            for addr in bottom..top {
                // SAFETY: `bottom..top` lies inside this thread's stack (it was made `limit` +
                // 256 KiB long) and below every live frame (the frame that gave `top` has
                // returned), so no live value is overwritten; nothing else runs on this thread.
                unsafe { std::ptr::write_volatile(addr as *mut u8, PATTERN) };
            }
            let value = call(f);
            // SAFETY: as above; the bytes were written by this thread and are only read back.
            let deepest = (bottom..top)
                .find(|&addr| unsafe { std::ptr::read_volatile(addr as *const u8) } != PATTERN)
                .unwrap_or(top);
            (value, top - deepest)
        })
        .expect("spawn the measuring thread");
    match handle.join() {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}
