//! Secrets (keys, authenticators, bearer tokens) from a file or the environment as well as the
//! command line: a command line is visible to every user of the machine (`ps`, shell history),
//! a file or the environment is not.
//!
//! Every copy the command owns is a [`Zeroizing`] value, wiped when dropped: the value taken out
//! of clap's matches (given on the command line or read by clap from `$DRMTOKEN_<FIELD>`, the
//! variable of every secret `build` flag), the text read from a file or stdin (read without
//! reallocating behind our back: a growing `String` would free unwiped partial copies), the
//! environment variable's copy. Beyond reach, and left alone: clap's raw copy of the command
//! line and of the variables it read, the process environment block, and the standard output
//! buffer the result is printed through.

use std::fs;
use std::io::{self, Read};

use clap::ArgMatches;
use zeroize::Zeroizing;

use crate::output::Failure;

/// Reads all of `reader` as UTF-8 text into a zeroizing buffer. The buffer grows by moving into a
/// new, larger zeroizing buffer (the old one is wiped as it drops), never by `realloc`.
pub fn read_secret(mut reader: impl Read) -> io::Result<Zeroizing<String>> {
    let mut buf = Zeroizing::new(Vec::<u8>::with_capacity(256));
    let mut chunk = Zeroizing::new([0u8; 256]);
    loop {
        let n = match reader.read(chunk.as_mut_slice()) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let more = chunk.get(..n).unwrap_or_default();
        if buf.len() + n > buf.capacity() {
            let mut bigger = Zeroizing::new(Vec::with_capacity(2 * (buf.len() + n)));
            bigger.extend_from_slice(&buf);
            buf = bigger;
        }
        buf.extend_from_slice(more);
    }
    let text = String::from_utf8(std::mem::take(&mut *buf)).map_err(|e| {
        // The bytes come back inside the error: wipe them before reporting.
        let mut bytes = e.into_bytes();
        zeroize::Zeroize::zeroize(&mut bytes);
        io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text")
    })?;
    Ok(Zeroizing::new(text))
}

/// The secret from `value`, else from the file `file` (`-` is stdin; trailing newline trimmed),
/// else from the environment variable `env`; `what` names it in the error when none is given.
pub fn secret(value: Option<String>, file: Option<&str>, env: &str, what: &str) -> Result<Zeroizing<String>, Failure> {
    if let Some(v) = value {
        return Ok(Zeroizing::new(v));
    }
    if let Some(path) = file {
        let mut text = if path == "-" {
            read_secret(io::stdin().lock())
        } else {
            fs::File::open(path).and_then(read_secret)
        }
        .map_err(|e| Failure::Usage(format!("cannot read {what} from {path}: {e}")))?;
        // Trimmed in place: no second copy.
        let kept = text.trim_end_matches(['\r', '\n']).len();
        text.truncate(kept);
        return Ok(text);
    }
    std::env::var(env)
        .map(Zeroizing::new)
        .map_err(|_| Failure::Usage(format!("{what} is required (option, file, or ${env})")))
}

/// A flag's value moved out of clap's matches (so the only copy we own is wiped), if given.
pub fn take(m: &mut ArgMatches, id: &str) -> Option<Zeroizing<String>> {
    m.try_remove_one::<String>(id).ok().flatten().map(Zeroizing::new)
}

#[cfg(test)]
pub(crate) mod wipe_check {
    //! A test allocator that looks into every block before it is freed: a canary still there
    //! means a copy of a secret was dropped without being wiped. One canary per test (the tests
    //! run in parallel); the allocator never allocates.

    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The canaries: a secret read from a file, a KEK and a key given on the command line, a
    /// customer authenticator and a bearer token, and the check's own self-test.
    pub const CANARIES: [&[u8]; 6] = [
        b"file-canary-4e1f",
        b"f00dfacef00dface",
        b"5ec2e7a5ec2e7a5e",
        b"auth-canary-91d3",
        b"bearer-canary-0c7b",
        b"plain-canary-7a7a",
    ];
    static FREED_UNWIPED: [AtomicUsize; CANARIES.len()] = [const { AtomicUsize::new(0) }; CANARIES.len()];

    /// The global allocator of the CLI's unit-test binary.
    pub struct Inspecting;

    // SAFETY: every call is forwarded to `System`; blocks are handed out zeroed, so the
    // `layout.size()` bytes `dealloc` reads (spare capacity included) are always initialised,
    // and they are read before the block is freed.
    unsafe impl GlobalAlloc for Inspecting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: forwarded to the system allocator (zeroed: see above).
            unsafe { System.alloc_zeroed(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: `ptr` is a live block of `layout.size()` bytes until freed below.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            for (canary, count) in CANARIES.iter().zip(&FREED_UNWIPED) {
                if block.windows(canary.len()).any(|w| w == *canary) {
                    count.fetch_add(1, Ordering::SeqCst);
                }
            }
            // SAFETY: forwarded unchanged to the allocator that allocated it.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    /// How many freed blocks still held canary `i`.
    pub fn freed_unwiped(i: usize) -> usize {
        FREED_UNWIPED[i].load(Ordering::SeqCst)
    }
}

#[cfg(test)]
#[global_allocator]
static ALLOCATOR: wipe_check::Inspecting = wipe_check::Inspecting;

#[cfg(test)]
mod tests {
    use super::wipe_check::{freed_unwiped, CANARIES};
    use super::*;

    /// Only compiles for types that wipe themselves on drop.
    fn wiped<T: zeroize::ZeroizeOnDrop>(_: &T) {}

    #[test]
    fn the_check_catches_a_plain_string() {
        let before = freed_unwiped(5);
        drop(String::from_utf8(CANARIES[5].to_vec()).unwrap());
        assert!(freed_unwiped(5) > before);
    }

    /// A secret file several kilobytes long (so the buffer grows many times) leaves no unwiped
    /// copy behind, and a plain `read_to_string` of the same file would (proving the test can fail).
    #[test]
    fn a_secret_read_from_a_file_leaves_no_copy() {
        let path = std::env::temp_dir().join(format!("drmtoken-secret-{}", std::process::id()));
        let text = Zeroizing::new(format!("{}\n", std::str::from_utf8(CANARIES[0]).unwrap().repeat(600)));
        fs::write(&path, text.as_bytes()).unwrap();
        let before = freed_unwiped(0);
        let s = secret(None, path.to_str(), "DRMTOKEN_TEST_UNSET", "the key").unwrap();
        wiped(&s);
        assert_eq!(s.len(), 16 * 600, "trailing newline trimmed");
        drop(s);
        assert_eq!(
            freed_unwiped(0),
            before,
            "a copy of the file's secret was freed unwiped"
        );
        drop(fs::read_to_string(&path).unwrap());
        assert!(freed_unwiped(0) > before, "the check would see an unwiped copy");
        fs::remove_file(&path).unwrap();
        drop(text);
    }

    #[test]
    fn flag_and_environment_values_are_wiped() {
        let before = freed_unwiped(3);
        let flag = secret(Some(String::from_utf8(CANARIES[3].to_vec()).unwrap()), None, "X", "x").unwrap();
        wiped(&flag);
        drop(flag);
        assert_eq!(freed_unwiped(3), before, "a flag's value was freed unwiped");

        let before = freed_unwiped(4);
        let name = "DRMTOKEN_TEST_SECRET_CANARY";
        std::env::set_var(name, std::str::from_utf8(CANARIES[4]).unwrap());
        let from_env = secret(None, None, name, "the bearer token").unwrap();
        wiped(&from_env);
        assert_eq!(from_env.as_bytes(), CANARIES[4]);
        drop(from_env);
        assert_eq!(
            freed_unwiped(4),
            before,
            "the environment value's copy was freed unwiped"
        );
        std::env::remove_var(name);
    }

    /// Taking a flag out of clap's matches gives a wiping value (clap's own raw copy of the
    /// command line is beyond reach; see the module documentation).
    #[test]
    fn taken_flags_are_zeroizing() {
        let mut m = clap::Command::new("t")
            .arg(clap::Arg::new("token").long("token"))
            .try_get_matches_from(["t", "--token", "x"])
            .unwrap();
        let taken = take(&mut m, "token").unwrap();
        wiped(&taken);
        assert_eq!(taken.as_str(), "x");
        assert!(take(&mut m, "token").is_none(), "moved out, not copied");
    }
}
