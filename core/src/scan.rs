//! Byte-class scans written for the optimiser: sixteen bytes a step, each step a fold with no
//! early exit over a fixed-size chunk, which compiles to a few vector compares on x86_64 and
//! AArch64 and to a plain loop on a Cortex-M (issue 20). Safe code, no intrinsics: the crate
//! forbids `unsafe`.

/// Bytes per step: one SSE2 / NEON register.
pub(crate) const LANES: usize = 16;

/// Whether the target has 16-byte vector registers, where the chunked forms pay. Elsewhere (a
/// Cortex-M) a chunk would only be sixteen unrolled byte tests, more code for no speed, so every
/// scan takes the plain byte loop there (issue 20: no size regression on thumbv7em).
///
/// A build with `--cfg drmtoken_compact` (the firmware C library, `ffi/nostd`) takes the small
/// forms on every target.
pub(crate) const VECTOR: bool = cfg!(all(
    not(drmtoken_compact),
    any(
        target_feature = "sse2",
        target_feature = "neon",
        target_feature = "simd128"
    )
));

/// Whether `class` holds for every byte of `bytes`. `class` should be branch-free arithmetic
/// (ranges by `wrapping_sub`, `|` rather than `||`), or the chunk will not vectorise.
#[inline(always)]
pub(crate) fn all(bytes: &[u8], class: impl Fn(u8) -> bool) -> bool {
    if !VECTOR {
        return bytes.iter().all(|&b| class(b));
    }
    let chunk_ok = |chunk: &[u8; LANES]| chunk.iter().fold(true, |all, &b| all & class(b));
    let mut rest = bytes;
    while let Some((chunk, tail)) = rest.split_first_chunk::<LANES>() {
        if !chunk_ok(chunk) {
            return false;
        }
        rest = tail;
    }
    // The tail: as the last sixteen bytes of the whole (overlapping bytes already seen, which
    // changes nothing for "all"), byte by byte only when the input is shorter than a chunk.
    match bytes.last_chunk::<LANES>() {
        Some(last) if !rest.is_empty() => chunk_ok(last),
        _ => rest.iter().all(|&b| class(b)),
    }
}

/// An ASCII letter, branch-free.
#[inline(always)]
pub(crate) fn is_letter(b: u8) -> bool {
    (b | 0x20).wrapping_sub(b'a') < 26
}

/// An ASCII digit, branch-free.
#[inline(always)]
pub(crate) fn is_digit(b: u8) -> bool {
    b.wrapping_sub(b'0') < 10
}

/// An ASCII hex digit (either case), branch-free.
#[inline(always)]
pub(crate) fn is_hex_digit(b: u8) -> bool {
    is_digit(b) | ((b | 0x20).wrapping_sub(b'a') < 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_the_ascii_ones() {
        for b in 0..=255u8 {
            assert_eq!(is_letter(b), b.is_ascii_alphabetic(), "{b:#04x}");
            assert_eq!(is_digit(b), b.is_ascii_digit(), "{b:#04x}");
            assert_eq!(is_hex_digit(b), b.is_ascii_hexdigit(), "{b:#04x}");
        }
    }

    #[test]
    fn all_looks_at_every_byte() {
        // A byte outside the class in a full chunk, at a chunk's edges, and in the tail.
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 40] {
            let good = [b'7'; 40];
            assert!(all(&good[..len], is_digit), "{len}");
            for at in 0..len {
                let mut bytes = good;
                bytes[at] = b'x';
                assert!(!all(&bytes[..len], is_digit), "{len} at {at}");
            }
        }
    }
}
