//! `application/x-www-form-urlencoded` encoding and decoding, and the caller-buffer output pattern.
//!
//! **Encoded set.** Every byte except the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`
//! is written as `%XX` (upper-case hex), space included (`%20`). That is stricter than
//! the WHATWG form serializer needs, but it is what every standard decoder (Python's
//! `urllib.parse.parse_qs`, Java's `URLDecoder`, the service) turns back into the exact input, and
//! it keeps `+ & = ^ , % # ;` from ever being read as syntax. Non-ASCII text is encoded as its
//! UTF-8 bytes.
//!
//! **Decoding** accepts both raw and encoded input: `+` is a space, `%XX` is the byte `XX` (either
//! case), anything else stands for itself. A `%` without two hex digits is refused
//! ([`ErrorKind::InvalidPercentEncoding`]) because Java's `URLDecoder`, which the service
//! uses, refuses it too.

use core::fmt;

use percent_encoding::{percent_decode, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::{Error, ErrorKind};

/// The bytes the form encoding escapes: everything but `A-Z a-z 0-9 - . _ ~`.
pub const FORM_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// `ESCAPED[b]`: whether [`FORM_VALUE`] escapes the byte `b` (every non-ASCII byte is escaped).
/// The same set as a table, so the hot paths below look a byte up instead of walking the
/// `percent-encoding` iterator; a unit test proves the two agree on all 256 bytes.
// Evaluated at compile time: an index out of range would fail the build, never panic at run time.
#[allow(clippy::indexing_slicing)]
const ESCAPED: [bool; 256] = {
    let mut table = [true; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~'));
        b += 1;
    }
    table
};

fn escaped(b: u8) -> bool {
    // A u8 always indexes a 256-entry table: the fallback is never taken.
    ESCAPED.get(usize::from(b)).copied().unwrap_or(true)
}

/// How many bytes the form encoding adds to `bytes` (two per escaped byte, each `%XX`).
fn escape_overhead(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| escaped(b)).count().saturating_mul(2)
}

/// [`escaped`] by arithmetic rather than a table lookup, so that a test over a fixed-size chunk
/// compiles to vector compares. A unit test proves the two agree on all 256 bytes.
#[inline(always)]
fn escaped_arith(b: u8) -> bool {
    let letter = (b | 0x20).wrapping_sub(b'a') < 26;
    let digit = b.wrapping_sub(b'0') < 10;
    !(letter | digit | (b == b'-') | (b == b'.') | (b == b'_') | (b == b'~'))
}

/// The length of the leading run of `bytes` that needs no escaping: sixteen bytes a step while
/// none of them does (most of a token URL is hex digits and letters), then byte by byte.
fn plain_run(bytes: &[u8]) -> usize {
    if !crate::scan::VECTOR {
        return bytes.iter().position(|&b| escaped(b)).unwrap_or(bytes.len());
    }
    let mut skipped = 0usize;
    let mut rest = bytes;
    while let Some((chunk, tail)) = rest.split_first_chunk::<16>() {
        if chunk.iter().fold(false, |any, &b| any | escaped_arith(b)) {
            break;
        }
        skipped += 16;
        rest = tail;
    }
    skipped + rest.iter().position(|&b| escaped(b)).unwrap_or(rest.len())
}

/// Copies `src` into `dst` when their lengths are equal. Pieces of up to 32 bytes (names, `&`,
/// `=`, most values) take two overlapping fixed-size moves and no loop, where a `memcpy` call
/// would cost more than the copy; longer ones go through the loop (a `memcpy`).
#[inline]
fn copy_bytes(dst: &mut [u8], src: &[u8]) {
    /// The first and the last `K` bytes: together all of them when `K <= len <= 2K`.
    fn ends<const K: usize>(dst: &mut [u8], src: &[u8]) {
        if let (Some(d), Some(s)) = (dst.first_chunk_mut::<K>(), src.first_chunk::<K>()) {
            *d = *s;
        }
        if let (Some(d), Some(s)) = (dst.last_chunk_mut::<K>(), src.last_chunk::<K>()) {
            *d = *s;
        }
    }
    if dst.len() != src.len() {
        return;
    }
    if !crate::scan::VECTOR {
        // A Cortex-M: the plain loop (a `memcpy` call) keeps the code small.
        for (d, s) in dst.iter_mut().zip(src) {
            *d = *s;
        }
        return;
    }
    match src.len() {
        0 => {}
        1 => ends::<1>(dst, src),
        2..=3 => ends::<2>(dst, src),
        4..=7 => ends::<4>(dst, src),
        8..=15 => ends::<8>(dst, src),
        16..=32 => ends::<16>(dst, src),
        _ => {
            for (d, s) in dst.iter_mut().zip(src) {
                *d = *s;
            }
        }
    }
}

/// A destination for produced bytes: a counter (for `*_len`) or a caller buffer.
pub(crate) trait Sink {
    /// Appends `s`.
    fn put(&mut self, s: &str);

    /// Appends `value` percent-encoded with [`FORM_VALUE`].
    fn put_encoded(&mut self, value: &str) {
        for chunk in utf8_percent_encode(value, FORM_VALUE) {
            self.put(chunk);
        }
    }
}

/// Counts bytes without storing them: the `*_len` companion of every writer.
#[derive(Default)]
pub(crate) struct Counter(pub usize);

impl Sink for Counter {
    fn put(&mut self, s: &str) {
        self.0 = self.0.saturating_add(s.len());
    }

    fn put_encoded(&mut self, value: &str) {
        self.0 = self.0.saturating_add(percent_encoded_len(value));
    }
}

/// Writes into a caller buffer that the caller has already sized with a [`Counter`] pass (or
/// the producing call's direct `*_len`): each put takes its bytes from the front of `rest`.
pub(crate) struct SliceSink<'b> {
    rest: &'b mut [u8],
}

impl<'b> SliceSink<'b> {
    pub(crate) fn new(buf: &'b mut [u8]) -> Self {
        SliceSink { rest: buf }
    }

    /// The next `n` bytes of the buffer, or `None` (and the sink full) when fewer are left,
    /// which the exact sizing rules out; a disagreement could only leave bytes unwritten.
    fn take(&mut self, n: usize) -> Option<&'b mut [u8]> {
        let (head, tail) = core::mem::take(&mut self.rest).split_at_mut_checked(n)?;
        self.rest = tail;
        Some(head)
    }

    fn put_bytes(&mut self, s: &[u8]) {
        if let Some(dst) = self.take(s.len()) {
            copy_bytes(dst, s);
        }
    }
}

impl Sink for SliceSink<'_> {
    fn put(&mut self, s: &str) {
        self.put_bytes(s.as_bytes());
    }

    fn put_encoded(&mut self, value: &str) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut rest = value.as_bytes();
        while !rest.is_empty() {
            // Copy the longest run that needs no escaping (a chunk at a time: most of a token
            // URL is hex digits and letters), then escape one byte.
            let run = plain_run(rest);
            let (plain, tail) = rest.split_at_checked(run).unwrap_or((rest, &[]));
            if let Some(dst) = self.take(plain.len()) {
                copy_bytes(dst, plain);
            }
            let Some((&b, tail)) = tail.split_first() else { break };
            let hi = HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
            let lo = HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0');
            if let Some([p, h, l]) = self.take(3) {
                (*p, *h, *l) = (b'%', hi, lo);
            }
            rest = tail;
        }
    }
}

/// Adapts any `fmt::Write` (a `heapless::String`, a UART writer...) to a [`Sink`].
pub(crate) struct FmtSink<'w, W: fmt::Write + ?Sized> {
    pub(crate) w: &'w mut W,
    pub(crate) result: fmt::Result,
}

impl<W: fmt::Write + ?Sized> Sink for FmtSink<'_, W> {
    fn put(&mut self, s: &str) {
        if self.result.is_ok() {
            self.result = self.w.write_str(s);
        }
    }
}

/// Runs `produce` twice: once to count, then (only if `out` is large enough) to write.
///
/// This is how every producing call keeps its promise: on a short buffer it returns
/// `BufferTooSmall { required }` and leaves `out` untouched.
pub(crate) fn write_exact<F>(out: &mut [u8], produce: F) -> Result<usize, Error>
where
    F: Fn(&mut dyn Sink),
{
    let mut counter = Counter(0);
    produce(&mut counter);
    let required = counter.0;
    if out.len() < required {
        return Err(Error::buffer_too_small(required));
    }
    let mut sink = SliceSink::new(out);
    produce(&mut sink);
    Ok(required)
}

/// The `n` bytes a producing call just wrote at the front of `out`, as text.
pub(crate) fn written_str(out: &[u8], n: usize) -> Result<&str, Error> {
    let bytes = out.get(..n).ok_or(Error::buffer_too_small(n))?;
    core::str::from_utf8(bytes).map_err(|_| Error::new(ErrorKind::InvalidUtf8))
}

/// Like [`write_exact`], when the exact length is already known (computed directly by the
/// caller's `*_len`): checks it against `out`, then writes once.
pub(crate) fn write_sized<F>(out: &mut [u8], required: usize, produce: F) -> Result<(), Error>
where
    F: FnOnce(&mut SliceSink<'_>),
{
    let Some(dst) = out.get_mut(..required) else {
        return Err(Error::buffer_too_small(required));
    };
    let mut sink = SliceSink::new(dst);
    // The length and the writer agree (the fuzz targets and property tests check it); a
    // disagreement could only leave bytes unwritten, never write past `required`.
    produce(&mut sink);
    Ok(())
}

/// Writes with `produce` in a single pass when `out` holds `bound` bytes, the output's worst
/// case (every value byte escaped); otherwise sizes it exactly with `len` first, so a short
/// buffer still gets `BufferTooSmall { required }` and stays untouched. Returns the length.
///
/// Most callers pass a generous buffer, and skipping the counting pass is a third of the work
/// of encoding a URL (issue 20).
///
/// Only where [`crate::scan::VECTOR`] holds: on a Cortex-M the extra pass's code costs more than
/// it saves, so the output is always sized exactly first there.
pub(crate) fn write_bounded<F>(
    out: &mut [u8],
    bound: impl FnOnce() -> usize,
    len: impl FnOnce() -> usize,
    produce: F,
) -> Result<usize, Error>
where
    F: FnOnce(&mut SliceSink<'_>),
{
    let dst = if crate::scan::VECTOR && out.len() >= bound() {
        out
    } else {
        let required = len();
        out.get_mut(..required).ok_or(Error::buffer_too_small(required))?
    };
    // One call site for `produce`, so its code is generated once.
    let mut sink = SliceSink::new(dst);
    let room = sink.rest.len();
    produce(&mut sink);
    Ok(room - sink.rest.len())
}

/// Writes `value` percent-encoded with [`FORM_VALUE`] into `sink`.
pub(crate) fn percent_encode<S: Sink + ?Sized>(value: &str, sink: &mut S) {
    sink.put_encoded(value);
}

/// The number of bytes `value` takes once form-encoded (with [`FORM_VALUE`]).
#[must_use]
pub fn percent_encoded_len(value: &str) -> usize {
    value.len().saturating_add(escape_overhead(value.as_bytes()))
}

/// Checks that every `%` in `raw` starts a valid `%XX` escape.
fn check_escapes(raw: &str) -> Result<(), Error> {
    let mut bytes = raw.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hi = bytes.next();
            let lo = bytes.next();
            let ok = matches!((hi, lo), (Some(h), Some(l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit());
            if !ok {
                return Err(Error::new(ErrorKind::InvalidPercentEncoding));
            }
        }
    }
    Ok(())
}

/// Whether `raw` needs form decoding at all (contains `%` or `+`).
#[must_use]
pub(crate) fn needs_decoding(raw: &str) -> bool {
    raw.bytes().any(|b| b == b'%' || b == b'+')
}

/// The length of `raw` once form-decoded (it is never longer than `raw`).
pub(crate) fn decoded_len(raw: &str) -> Result<usize, Error> {
    check_escapes(raw)?;
    // Every `%XX` is checked above, so each one decodes to one byte and `+` to a space.
    let escapes = raw.bytes().filter(|&b| b == b'%').count();
    Ok(raw.len().saturating_sub(escapes.saturating_mul(2)))
}

/// The `+`-separated segments of `raw` (a byte-level split: `str::split` with a `char` pattern
/// costs a searcher call per segment).
fn plus_segments(raw: &str) -> impl Iterator<Item = &[u8]> {
    raw.as_bytes().split(|&b| b == b'+')
}

/// Form-decodes `raw` into the front of `out`, returning the decoded UTF-8 text.
///
/// # Errors
/// [`ErrorKind::InvalidPercentEncoding`], [`ErrorKind::BufferTooSmall`] (with `out` untouched),
/// [`ErrorKind::InvalidUtf8`] when the decoded bytes are not UTF-8.
pub fn form_decode<'o>(raw: &str, out: &'o mut [u8]) -> Result<&'o str, Error> {
    let required = decoded_len(raw)?;
    let Some(dst) = out.get_mut(..required) else {
        return Err(Error::buffer_too_small(required));
    };
    let mut pos = 0;
    let mut put = |b: u8| {
        if let Some(slot) = dst.get_mut(pos) {
            *slot = b;
        }
        pos += 1;
    };
    for (i, seg) in plus_segments(raw).enumerate() {
        if i > 0 {
            put(b' ');
        }
        percent_decode(seg).for_each(&mut put);
    }
    core::str::from_utf8(dst).map_err(|_| Error::new(ErrorKind::InvalidUtf8))
}

/// Whether the form-decoded form of `raw` equals `expected`, without a buffer.
pub(crate) fn decoded_eq(raw: &str, expected: &str) -> bool {
    if !needs_decoding(raw) {
        return raw == expected;
    }
    if check_escapes(raw).is_err() {
        return false;
    }
    let mut want = expected.bytes();
    for (i, seg) in plus_segments(raw).enumerate() {
        if i > 0 && want.next() != Some(b' ') {
            return false;
        }
        for b in percent_decode(seg) {
            if want.next() != Some(b) {
                return false;
            }
        }
    }
    want.next().is_none()
}

/// The byte offset of the first `needle` in `hay` (a byte-level `str::find`: the `str` pattern
/// searcher costs about 1.3 KB of Cortex-M code and keeps panic paths; issue 18).
#[cfg(any(feature = "expressplay", feature = "adobe-pass"))]
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?).find(|&i| h.get(i..).is_some_and(|rest| rest.starts_with(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(any(feature = "expressplay", feature = "adobe-pass"))]
    #[test]
    fn find_agrees_with_str_find() {
        for (hay, needle) in [
            ("", "a"),
            ("a", "a"),
            ("xExpressPlayToken=1&ExpressPlayToken=2", "ExpressPlayToken="),
            ("ab]]>cd]]>", "]]>"),
            ("--", "-->"),
            ("é-->", "-->"),
            ("aaa", "aaaa"),
        ] {
            assert_eq!(super::find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
        }
    }

    #[test]
    fn encodes_reserved_and_non_ascii() {
        let mut buf = [0u8; 64];
        let n = write_exact(&mut buf, |s| percent_encode("a b+c&d=e^f,g%h~i.j-k_lé", s)).unwrap();
        assert_eq!(
            core::str::from_utf8(&buf[..n]).unwrap(),
            "a%20b%2Bc%26d%3De%5Ef%2Cg%25h~i.j-k_l%C3%A9"
        );
    }

    #[test]
    fn short_buffer_is_untouched() {
        let mut buf = [7u8; 4];
        let err = write_exact(&mut buf, |s| percent_encode("^^^", s)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BufferTooSmall { required: 9 });
        assert_eq!(buf, [7u8; 4]);
    }

    #[test]
    fn decodes_plus_and_escapes() {
        let mut buf = [0u8; 32];
        assert_eq!(form_decode("%5Eabc+d%2b", &mut buf).unwrap(), "^abc d+");
        assert_eq!(form_decode("plain", &mut buf).unwrap(), "plain");
        assert_eq!(form_decode("%C3%A9", &mut buf).unwrap(), "é");
        assert_eq!(
            form_decode("%G1", &mut buf).unwrap_err().kind(),
            ErrorKind::InvalidPercentEncoding
        );
        assert_eq!(
            form_decode("%4", &mut buf).unwrap_err().kind(),
            ErrorKind::InvalidPercentEncoding
        );
        assert_eq!(form_decode("%FF", &mut buf).unwrap_err().kind(), ErrorKind::InvalidUtf8);
        let mut tiny = [0u8; 2];
        assert_eq!(
            form_decode("abc", &mut tiny).unwrap_err().kind(),
            ErrorKind::BufferTooSmall { required: 3 }
        );
    }

    #[test]
    fn escape_table_is_the_form_value_set() {
        for b in 0..=255u8 {
            let by_crate = percent_encoding::percent_encode(&[b], FORM_VALUE).next()
                != Some(core::str::from_utf8(&[b]).unwrap_or(""));
            assert_eq!(escaped(b), by_crate, "byte {b:#04x}");
            assert_eq!(escaped_arith(b), by_crate, "byte {b:#04x}");
        }
    }

    #[test]
    fn fast_paths_agree_with_the_crate() {
        // Runs shorter and longer than a chunk, escapes at either end of one, non-ASCII.
        for value in [
            "",
            "abc",
            "a b+c&d=e,f%g^h~i",
            "movie 42/\u{e9}",
            "\u{1f600}x",
            "%%%",
            "0123456789abcdef",
            "0123456789abcdef0",
            "^123456789abcdef0123456789abcdef^",
            "0123456789abcde^0123456789abcdef01234567 \u{e9}",
        ] {
            let mut fast = [0u8; 96];
            let mut sink = SliceSink::new(&mut fast);
            sink.put_encoded(value);
            let n = 96 - sink.rest.len();
            let mut slow = [0u8; 96];
            let mut slow_sink = SliceSink::new(&mut slow);
            for chunk in utf8_percent_encode(value, FORM_VALUE) {
                slow_sink.put(chunk);
            }
            assert_eq!(n, 96 - slow_sink.rest.len(), "{value}");
            assert_eq!(fast[..n], slow[..n], "{value}");
            let mut counter = Counter(0);
            counter.put_encoded(value);
            assert_eq!(counter.0, n, "{value}");
        }
    }

    #[test]
    fn decoded_eq_matches_decoder() {
        assert!(decoded_eq("content%4Bey", "contentKey"));
        assert!(decoded_eq("a+b", "a b"));
        assert!(!decoded_eq("a+b", "a+b"));
        assert!(!decoded_eq("abc", "ab"));
        assert!(!decoded_eq("%zz", "%zz"));
    }
}
