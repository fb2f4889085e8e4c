//! `SecretString`: text that is a secret (`customerAuthenticator`, `contentKey`, `kek`, `ek`,
//! bearer and access tokens), wiped from memory when dropped.
//!
//! The bindings see a plain string (`typealias SecretString = String` in Kotlin and Swift, `str`
//! in Python): records keep their shape, only the Rust side changes. What it covers: every copy
//! this layer owns, from the moment uniffi hands a value over (a top-level `String` argument
//! reuses uniffi's buffer, which is then wiped with it) to its drop. What it cannot cover: the
//! bytes of a record uniffi copies out of its serialised `RustBuffer` (that buffer is freed by
//! uniffi), the string a record hands back when it is lowered (it then belongs to uniffi and the
//! foreign runtime, which cannot be made to wipe), and the foreign runtime's own copies.

use std::fmt;
use std::ops::Deref;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// A string wiped on drop (and by [`Zeroize::zeroize`]); `Debug` never shows it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecretString(Zeroizing<String>);

uniffi::custom_type!(SecretString, String, {
    lower: |secret| secret.into_string(),
    try_lift: |text| Ok(SecretString::from(text)),
});

impl SecretString {
    /// The text, moved out for uniffi to send (no copy is left behind to wipe).
    fn into_string(mut self) -> String {
        std::mem::take(&mut *self.0)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for SecretString {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretString {
    fn from(text: String) -> Self {
        SecretString(Zeroizing::new(text))
    }
}

impl From<&str> for SecretString {
    fn from(text: &str) -> Self {
        SecretString(Zeroizing::new(text.to_owned()))
    }
}

impl Zeroize for SecretString {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

// The only field is a `Zeroizing<String>`, which wipes its whole capacity on drop.
impl ZeroizeOnDrop for SecretString {}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// An owned optional secret from the core's borrowed one.
pub(crate) fn secret(value: Option<&str>) -> Option<SecretString> {
    value.map(SecretString::from)
}

/// Compile-time proof that a value wipes itself on drop: `wiped(&record.kek)` only compiles if
/// the field's type is `ZeroizeOnDrop`.
pub(crate) const fn wiped<T: ZeroizeOnDrop + ?Sized>(_: &T) {}

#[cfg(test)]
pub(crate) mod wipe_check {
    //! A test allocator that looks into every block before it is freed: a secret's bytes still
    //! there mean a copy was dropped without being wiped. Each test uses its own canary, so the
    //! tests can run in parallel; the allocator itself never allocates.

    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The canaries, one set per test (tests run in parallel, and one test's unwiped canary
    /// must not count against another): key text as the bindings pass it, and the same key in
    /// binary as the core decodes it.
    pub const CANARIES: [&[u8]; 9] = [
        // keywrap: the KEK, text and binary
        b"f00dfacef00dface",
        &[0xf0, 0x0d, 0xfa, 0xce, 0xf0, 0x0d, 0xfa, 0xce],
        // keywrap: the key, text and binary
        b"5ec2e7a5ec2e7a5e",
        &[0x5e, 0xc2, 0xe7, 0xa5, 0xec, 0x2e, 0x7a, 0x5e],
        // opentv: the bearer token
        b"canary-0c7b-bearer",
        // expressplay: the customer authenticator and the content key
        b"auth-canary-91d3",
        b"c0ffee11c0ffee11",
        // this module's own tests
        b"plain-canary-7a7a",
        b"drop-canary-3b3b",
    ];
    static FREED_UNWIPED: [AtomicUsize; CANARIES.len()] = [const { AtomicUsize::new(0) }; CANARIES.len()];

    /// The global allocator of the ffi test binary.
    pub struct Inspecting;

    // SAFETY: every call is forwarded to `System` with the caller's pointer and layout; the scan
    // in `dealloc` reads only the `layout.size()` bytes of the block being freed, before it is
    // freed, and every block is handed out zeroed, so those bytes are initialised.
    unsafe impl GlobalAlloc for Inspecting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: forwarded to the system allocator, zeroed, so that the bytes `dealloc`
            // reads (spare capacity included) are always initialised.
            unsafe { System.alloc_zeroed(layout) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // SAFETY: forwarded unchanged to the system allocator.
            unsafe { System.alloc_zeroed(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: `ptr` is a live block of `layout.size()` bytes until the call below, all
            // initialised (blocks are handed out zeroed). The scan is skipped under Miri, where
            // it would only be slow.
            #[cfg(not(miri))]
            {
                let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
                for (canary, count) in CANARIES.iter().zip(&FREED_UNWIPED) {
                    if block.windows(canary.len()).any(|w| w == *canary) {
                        count.fetch_add(1, Ordering::SeqCst);
                    }
                }
            }
            // SAFETY: forwarded unchanged to the system allocator that allocated it.
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

    /// The allocator does see an unwiped secret: a plain `String` holding the canary is caught
    /// (so the tests below would fail if `SecretString` stopped wiping).
    #[test]
    #[cfg_attr(miri, ignore = "the inspecting allocator does not read memory under Miri")]
    fn the_check_catches_a_plain_string() {
        let before = freed_unwiped(7);
        drop(String::from_utf8(CANARIES[7].to_vec()).unwrap());
        assert!(freed_unwiped(7) > before);
    }

    #[test]
    #[cfg_attr(miri, ignore = "the inspecting allocator does not read memory under Miri")]
    fn a_dropped_secret_string_leaves_nothing() {
        let before = freed_unwiped(8);
        let s = SecretString::from(std::str::from_utf8(CANARIES[8]).unwrap());
        let copy = s.clone();
        let lifted = SecretString::from(String::from_utf8(CANARIES[8].to_vec()).unwrap());
        drop((s, copy, lifted));
        assert_eq!(freed_unwiped(8), before);
    }

    /// Zeroize without freeing: the very bytes the string owned are zero afterwards.
    #[test]
    fn zeroize_wipes_the_buffer_in_place() {
        let mut s = SecretString::from("5ec2e7a5ec2e7a5e");
        let (ptr, len) = (s.as_ptr(), s.len());
        s.zeroize();
        assert_eq!(s.as_str(), "");
        // SAFETY: only read through, and zero bytes are UTF-8 anyway.
        let vec = unsafe { s.0.as_mut_vec() };
        assert_eq!(vec.as_ptr(), ptr, "zeroize keeps the allocation");
        let spare = &vec.spare_capacity_mut()[..len];
        // SAFETY: `zeroize` has just written every byte of the capacity (volatile writes of 0).
        assert!(spare.iter().all(|b| unsafe { b.assume_init() } == 0));
    }

    #[test]
    fn debug_is_redacted() {
        assert_eq!(format!("{:?}", SecretString::from("x")), "<redacted>");
    }
}
