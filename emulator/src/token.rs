//! Deterministic tokens and identifiers: the same request always gets the same token.
//!
//! Not cryptography: the emulator's tokens only have to look like ExpressPlay's (base64url,
//! about 150 characters), differ between requests and repeat for the same request. Each 8-byte
//! block is FNV-1a (64-bit) of the block number and the inputs, finished with SplitMix64's mixer
//! so that nearby inputs give unrelated blocks.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// Bytes of token material: 112 bytes are 150 base64url characters, the size of real tokens.
pub const TOKEN_BYTES: usize = 112;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `n` bytes derived from `parts` (each part is length-prefixed, so `["ab","c"]` and
/// `["a","bc"]` differ).
#[must_use]
pub fn bytes(parts: &[&str], n: usize) -> Vec<u8> {
    let mut seed = FNV_OFFSET;
    for p in parts {
        seed = fnv1a(seed, &(p.len() as u64).to_le_bytes());
        seed = fnv1a(seed, p.as_bytes());
    }
    let mut out = Vec::with_capacity(n + 8);
    let mut block = 0u64;
    while out.len() < n {
        out.extend_from_slice(&mix(fnv1a(seed, &block.to_le_bytes())).to_le_bytes());
        block += 1;
    }
    out.truncate(n);
    out
}

/// A token: [`TOKEN_BYTES`] bytes derived from `parts`, base64url without padding.
#[must_use]
pub fn derive(parts: &[&str]) -> String {
    URL_SAFE_NO_PAD.encode(bytes(parts, TOKEN_BYTES))
}

/// A decimal identifier (an OpenTV `jti`) derived from `parts`.
#[must_use]
pub fn id(parts: &[&str]) -> String {
    let b = bytes(parts, 8);
    let mut n = [0u8; 8];
    n.copy_from_slice(&b);
    (u64::from_le_bytes(n) >> 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_distinct_and_token_shaped() {
        let a = derive(&["playready", "test", "https://x/?a=1"]);
        assert_eq!(a, derive(&["playready", "test", "https://x/?a=1"]));
        assert_ne!(a, derive(&["playready", "test", "https://x/?a=2"]));
        assert_ne!(derive(&["ab", "c"]), derive(&["a", "bc"]));
        assert_eq!(a.len(), 150);
        drmtoken_core::expressplay::check_token(&a).unwrap();
        assert_eq!(id(&["x"]), id(&["x"]));
    }
}
