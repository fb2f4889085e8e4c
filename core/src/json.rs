//! JSON for the response parsers: a strict, iterative reader of RFC 8259 text, and string
//! unescaping into caller scratch.
//!
//! A response comes from the network, so the reader holds every member to the same grammar,
//! the ones it reads and the ones it skips: one JSON text (RFC 8259 section 2), strict numbers,
//! literals and escapes, no raw control characters, UTF-8 (section 8.1), and no string that
//! cannot be Unicode (a lone surrogate escape, section 8.2). Nesting is bounded by
//! [`MAX_DEPTH`], and nothing recurses on the input: skipped values are walked by a loop that
//! keeps the open containers in one machine word, so stack use is the same for `1` and for a
//! megabyte of brackets.
//!
//! Strings are borrowed from the body *as escaped*. [`Scratch::text`] then turns one into plain
//! text: borrowed from the body when it has no escapes (the usual case), else unescaped into the
//! caller's scratch buffer. Unescaping never lengthens a string, so a scratch of the body's
//! length is always enough, and an empty one is enough when nothing is escaped.

use crate::error::{Error, ErrorKind};

/// How deeply objects and arrays may nest: [`crate::MAX_NESTING_DEPTH`]. It is also what the
/// skip loop's one-word stack of open containers holds.
pub const MAX_DEPTH: usize = crate::MAX_NESTING_DEPTH;
const _: () = assert!(MAX_DEPTH <= u64::BITS as usize);

fn invalid(offset: usize) -> Error {
    Error::new(ErrorKind::InvalidJson { offset })
}

/// Hex value of one ASCII hex digit.
fn hex_digit(b: u8) -> Option<u32> {
    char::from(b).to_digit(16)
}

/// The four hex digits of a `\uXXXX` escape starting at `bytes[0]`.
fn hex4(bytes: &[u8]) -> Option<u32> {
    match bytes {
        [a, b, c, d, ..] => Some(hex_digit(*a)? << 12 | hex_digit(*b)? << 8 | hex_digit(*c)? << 4 | hex_digit(*d)?),
        _ => None,
    }
}

/// Decodes the escape at the start of `raw` (which begins with `\`): the character and the
/// number of input bytes it used. Surrogate pairs (`\uD83D\uDE00`) are joined, as RFC 8259
/// section 7 requires; a lone surrogate is an error.
fn unescape_one(raw: &[u8]) -> Option<(char, usize)> {
    let (c, used) = match raw.get(1)? {
        b'"' => ('"', 2),
        b'\\' => ('\\', 2),
        b'/' => ('/', 2),
        b'b' => ('\u{8}', 2),
        b'f' => ('\u{c}', 2),
        b'n' => ('\n', 2),
        b'r' => ('\r', 2),
        b't' => ('\t', 2),
        b'u' => {
            let hi = hex4(raw.get(2..)?)?;
            if (0xD800..0xDC00).contains(&hi) {
                let low = match raw.get(6..)? {
                    [b'\\', b'u', rest @ ..] => hex4(rest)?,
                    _ => return None,
                };
                if !(0xDC00..0xE000).contains(&low) {
                    return None;
                }
                (char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (low - 0xDC00))?, 12)
            } else {
                (char::from_u32(hi)?, 6)
            }
        }
        _ => return None,
    };
    Some((c, used))
}

/// Walks the escaped JSON string content `raw`, giving each piece of unescaped text to `f`.
fn for_each_piece(raw: &str, mut f: impl FnMut(&[u8])) -> Result<(), Error> {
    let mut rest = raw.as_bytes();
    while !rest.is_empty() {
        let plain = rest.iter().position(|&b| b == b'\\').unwrap_or(rest.len());
        let (text, tail) = rest.split_at_checked(plain).unwrap_or((rest, &[]));
        f(text);
        if tail.is_empty() {
            break;
        }
        let (c, used) = unescape_one(tail).ok_or(Error::new(ErrorKind::InvalidJson { offset: 0 }))?;
        let mut utf8 = [0u8; 4];
        f(c.encode_utf8(&mut utf8).as_bytes());
        rest = tail.get(used..).unwrap_or_default();
    }
    Ok(())
}

/// The length in bytes of the escaped JSON string content `raw` once unescaped.
///
/// # Errors
/// [`ErrorKind::InvalidJson`] for a malformed escape.
pub fn unescaped_len(raw: &str) -> Result<usize, Error> {
    let mut n = 0usize;
    for_each_piece(raw, |piece| n = n.saturating_add(piece.len()))?;
    Ok(n)
}

/// Caller-supplied room for strings that must be unescaped; each call takes what it needs from
/// the front, and the texts it returns live as long as the buffer.
pub struct Scratch<'s> {
    rest: &'s mut [u8],
}

impl<'s> Scratch<'s> {
    /// Wraps a caller buffer (`&mut []` is fine when no string has escapes).
    pub fn new(buf: &'s mut [u8]) -> Self {
        Scratch { rest: buf }
    }

    /// Takes the next `n` bytes of the buffer for the caller to fill.
    ///
    /// # Errors
    /// [`ErrorKind::BufferTooSmall`] with `n` when fewer bytes are left.
    pub(crate) fn take(&mut self, n: usize) -> Result<&'s mut [u8], Error> {
        let rest = core::mem::take(&mut self.rest);
        if rest.len() < n {
            self.rest = rest;
            return Err(Error::buffer_too_small(n));
        }
        let (head, tail) = rest.split_at_mut_checked(n).unwrap_or((&mut [], &mut []));
        self.rest = tail;
        Ok(head)
    }

    /// The plain text of the escaped JSON string content `raw`: `raw` itself when it has no
    /// escapes, else its unescaped copy in the scratch buffer.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidJson`] for a malformed escape; [`ErrorKind::BufferTooSmall`] with the
    /// size this string needs when the scratch left is shorter.
    pub fn text(&mut self, raw: &'s str) -> Result<&'s str, Error> {
        // A byte search (`memchr`), not a `char` pattern's searcher.
        if !raw.as_bytes().contains(&b'\\') {
            return Ok(raw);
        }
        let n = unescaped_len(raw)?;
        let head = self.take(n)?;
        let mut pos = 0usize;
        for_each_piece(raw, |piece| {
            let end = pos.saturating_add(piece.len());
            if let Some(dst) = head.get_mut(pos..end) {
                for (d, s) in dst.iter_mut().zip(piece) {
                    *d = *s;
                }
            }
            pos = end;
        })?;
        // The pieces are UTF-8 text and whole characters, so this cannot fail.
        core::str::from_utf8(head).map_err(|_| Error::new(ErrorKind::InvalidUtf8))
    }
}

/// What a JSON value is, from its first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    Array,
    String,
    Number,
    Literal,
}

/// Whether `e` is about the text's syntax or nesting (rather than about a field's type or value).
pub(crate) const fn is_syntax(e: &Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::InvalidJson { .. } | ErrorKind::NestingTooDeep { .. }
    )
}

/// A body's bytes as JSON text. RFC 8259 section 8.1: JSON exchanged between systems "MUST be
/// encoded using UTF-8"; anything else is [`ErrorKind::InvalidJson`] at the first bad byte.
///
/// # Errors
/// [`ErrorKind::InvalidJson`] with the offset of the first byte that is not UTF-8.
pub fn body_text(body: &[u8]) -> Result<&str, Error> {
    core::str::from_utf8(body).map_err(|e| invalid(e.valid_up_to()))
}

/// Checks that `text` is exactly one JSON text (RFC 8259), nested at most [`MAX_DEPTH`] deep.
///
/// This is the grammar every parser of the crate holds a body to; the parsers do not call it
/// first (they check as they read, in one pass), but it answers "would this body be accepted
/// as JSON" on its own.
///
/// # Errors
/// [`ErrorKind::InvalidJson`] with the byte offset of the first fault;
/// [`ErrorKind::NestingTooDeep`] with the offset of the first container past the limit.
pub fn validate(text: &str) -> Result<(), Error> {
    let mut s = Scanner::new(text);
    s.skip_value()?;
    s.end()
}

/// Reads one whole document with `read`, then requires the end of the text.
///
/// A reader stops at the first field it cannot use; when that fault is not one of syntax (a
/// wrong type, a full list, a short scratch), the rest of the text is checked before the fault
/// is reported, so a body that is not JSON is always [`ErrorKind::InvalidJson`] (or
/// [`ErrorKind::NestingTooDeep`]), whichever field the reader stopped at.
pub(crate) fn read_document<'a, T>(
    text: &'a str,
    read: impl FnOnce(&mut Scanner<'a>) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut s = Scanner::new(text);
    match read(&mut s).and_then(|value| s.end().map(|()| value)) {
        Err(e) if !is_syntax(&e) => {
            validate(text)?;
            Err(e)
        }
        other => other,
    }
}

/// Names `name` as the field of a fault about a value (not about syntax) that names no field yet.
pub(crate) fn in_field(name: &'static str) -> impl Fn(Error) -> Error {
    move |e| {
        if e.parameter().is_none() && !is_syntax(&e) {
            e.with_parameter(name)
        } else {
            e
        }
    }
}

/// A value of another type than the reader needs (not a syntax fault).
fn not_a(what: &'static str) -> Error {
    Error::new(ErrorKind::InvalidValue).with_detail(what)
}

/// The number of ASCII digits at the start of `bytes`.
fn digits(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Whether `b` ends a run of plain string content: `"`, `\` or a raw control character.
#[inline(always)]
fn ends_plain(b: u8) -> bool {
    (b == b'"') | (b == b'\\') | (b < 0x20)
}

/// The offset of the first byte in `bytes` that ends a run of plain string content (see
/// [`ends_plain`]): sixteen bytes a step while none does (a fixed-size chunk with no early exit
/// compiles to a few vector compares), then the exact place within the chunk by word
/// arithmetic. Tokens and URLs are long strings (issue 20).
fn plain_string_run(bytes: &[u8]) -> Option<usize> {
    if !crate::scan::VECTOR {
        return bytes.iter().position(|&b| ends_plain(b));
    }
    let mut skipped = 0usize;
    let mut rest = bytes;
    while let Some((chunk, tail)) = rest.split_first_chunk::<16>() {
        if chunk.iter().fold(false, |any, &b| any | ends_plain(b)) {
            let (lo, hi) = chunk.split_first_chunk::<8>()?;
            let hi = hi.first_chunk::<8>()?;
            let at =
                first_ending(u64::from_le_bytes(*lo)).or_else(|| first_ending(u64::from_le_bytes(*hi)).map(|i| i + 8));
            return at.map(|i| skipped + i);
        }
        skipped += 16;
        rest = tail;
    }
    rest.iter().position(|&b| ends_plain(b)).map(|i| skipped + i)
}

/// The index of the first byte of the little-endian word `x` for which [`ends_plain`] holds.
/// Each test flags a byte by its top bit; a borrow can only flag bytes *above* a true match, so
/// the lowest flag is exact.
fn first_ending(x: u64) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let quote = zero_byte(x ^ (ONES * u64::from(b'"')));
    let backslash = zero_byte(x ^ (ONES * u64::from(b'\\')));
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
    let flags = quote | backslash | control;
    (flags != 0).then(|| (flags.trailing_zeros() / 8) as usize)
}

/// A forward-only reader over a JSON document that knows just enough to find members by name
/// and skip what it does not need, reporting the byte offset of any fault.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    /// Containers open around the current position (the document's top level is 0).
    depth: usize,
    /// Whether the last string read had an escape (so [`opt_str`] need not search it again).
    escaped: bool,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Scanner {
            text,
            pos: 0,
            depth: 0,
            escaped: false,
        }
    }

    fn bytes_from(&self, at: usize) -> &'a [u8] {
        self.text.as_bytes().get(at..).unwrap_or_default()
    }

    fn rest(&self) -> &'a [u8] {
        self.bytes_from(self.pos)
    }

    /// RFC 8259 section 2: `ws = *( %x20 / %x09 / %x0A / %x0D )`, nothing else.
    pub(crate) fn skip_ws(&mut self) {
        let n = self
            .rest()
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
        self.pos += n;
    }

    /// The next significant byte, without consuming it.
    pub(crate) fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.rest().first().copied()
    }

    /// Consumes `b` (after whitespace) or fails at the current offset.
    pub(crate) fn expect(&mut self, b: u8) -> Result<(), Error> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(invalid(self.pos))
        }
    }

    /// The kind of the next value.
    pub(crate) fn kind(&mut self) -> Result<Kind, Error> {
        match self.peek() {
            Some(b'{') => Ok(Kind::Object),
            Some(b'[') => Ok(Kind::Array),
            Some(b'"') => Ok(Kind::String),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b't' | b'f' | b'n') => Ok(Kind::Literal),
            _ => Err(invalid(self.pos)),
        }
    }

    /// Consumes the `{` or `[` here, one level deeper, within [`MAX_DEPTH`].
    fn open(&mut self) -> Result<(), Error> {
        if self.depth >= MAX_DEPTH {
            return Err(Error::new(ErrorKind::NestingTooDeep { offset: self.pos }));
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    /// Consumes the `}` or `]` here, one level up.
    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.pos += 1;
    }

    /// A string's content, still escaped (see [`Scratch::text`]). Every escape is checked
    /// (RFC 8259 section 7, surrogates paired), and a raw control character is refused.
    pub(crate) fn string(&mut self) -> Result<&'a str, Error> {
        self.expect(b'"')?;
        let start = self.pos;
        let mut at = start;
        self.escaped = false;
        loop {
            let plain = plain_string_run(self.bytes_from(at)).ok_or(invalid(self.text.len()))?;
            at += plain;
            match self.bytes_from(at) {
                [b'"', ..] => {
                    let raw = self.text.get(start..at).ok_or(invalid(start))?;
                    self.pos = at + 1;
                    return Ok(raw);
                }
                escape @ [b'\\', ..] => {
                    self.escaped = true;
                    let (_, used) = unescape_one(escape).ok_or(invalid(at))?;
                    at += used;
                }
                _ => return Err(invalid(at)),
            }
        }
    }

    /// A number (RFC 8259 section 6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`)
    /// or a literal (`true`, `false`, `null`), as text.
    pub(crate) fn scalar(&mut self) -> Result<&'a str, Error> {
        self.skip_ws();
        let start = self.pos;
        let rest = self.rest();
        let len = match rest.first() {
            Some(b'-' | b'0'..=b'9') => number_len(rest).map_err(|at| invalid(start + at))?,
            _ => ["true", "false", "null"]
                .into_iter()
                .find(|lit| rest.starts_with(lit.as_bytes()))
                .map_or(0, str::len),
        };
        if len == 0 {
            return Err(invalid(start));
        }
        self.pos += len;
        self.text.get(start..self.pos).ok_or(invalid(start))
    }

    /// A member name and its `:`.
    fn key(&mut self) -> Result<&'a str, Error> {
        let key = self.string()?;
        self.expect(b':')?;
        Ok(key)
    }

    /// Skips one whole value of any kind, checking its grammar. Iterative: the open containers
    /// are bits of one word (1 = object), so the stack used does not depend on the input.
    pub(crate) fn skip_value(&mut self) -> Result<(), Error> {
        // Containers opened by this call, and which of them are objects (bit i for level i).
        let mut level = 0usize;
        let mut objects = 0u64;
        let in_object = |objects: u64, level: usize| {
            let bit = u32::try_from(level.saturating_sub(1)).unwrap_or(u32::MAX);
            objects.checked_shr(bit).is_some_and(|o| o & 1 == 1)
        };
        loop {
            // A value starts here.
            match self.peek() {
                Some(open @ (b'{' | b'[')) => {
                    if self.depth + level >= MAX_DEPTH {
                        return Err(Error::new(ErrorKind::NestingTooDeep { offset: self.pos }));
                    }
                    self.pos += 1;
                    let object = open == b'{';
                    let bit = 1u64.checked_shl(u32::try_from(level).unwrap_or(u32::MAX)).unwrap_or(0);
                    objects = if object { objects | bit } else { objects & !bit };
                    level += 1;
                    if self.peek() != Some(if object { b'}' } else { b']' }) {
                        if object {
                            self.key()?;
                        }
                        continue;
                    }
                    self.pos += 1;
                    level -= 1;
                }
                Some(b'"') => {
                    self.string()?;
                }
                _ => {
                    self.scalar()?;
                }
            }
            // After a value: close containers, or go on to the next element or member.
            loop {
                if level == 0 {
                    return Ok(());
                }
                let object = in_object(objects, level);
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if object {
                            self.key()?;
                        }
                        break;
                    }
                    Some(b'}') if object => {
                        self.pos += 1;
                        level -= 1;
                    }
                    Some(b']') if !object => {
                        self.pos += 1;
                        level -= 1;
                    }
                    _ => return Err(invalid(self.pos)),
                }
            }
        }
    }

    /// Where the next value starts (after whitespace), for [`Scanner::since`].
    pub(crate) fn mark(&mut self) -> usize {
        self.skip_ws();
        self.pos
    }

    /// The text from `mark` to the current position.
    pub(crate) fn since(&self, mark: usize) -> Result<&'a str, Error> {
        self.text.get(mark..self.pos).ok_or(invalid(mark))
    }

    /// Whether the next value is `null` (consumed if so).
    pub(crate) fn null(&mut self) -> bool {
        if self.peek() == Some(b'n') && self.rest().starts_with(b"null") {
            self.pos += 4;
            return true;
        }
        false
    }

    /// Walks the elements of the array that starts here, calling `f` with the scanner
    /// positioned at each; `f` must consume the element.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`] when the value here is not an array (nothing consumed).
    pub(crate) fn elements(&mut self, mut f: impl FnMut(&mut Scanner<'a>) -> Result<(), Error>) -> Result<(), Error> {
        if self.peek() != Some(b'[') {
            return Err(not_a("expected a JSON array"));
        }
        self.open()?;
        if self.peek() == Some(b']') {
            self.close();
            return Ok(());
        }
        loop {
            f(self)?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.close();
                    return Ok(());
                }
                _ => return Err(invalid(self.pos)),
            }
        }
    }

    /// Walks the members of the object that starts here, calling `f(scanner, key)` with the
    /// scanner positioned at each value; `f` must consume the value (or skip it).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`] when the value here is not an object (nothing consumed).
    // Generic, not `dyn`: measured in tests/freestanding, `dyn` saved 4 KB of code but tripled
    // the stack of the IAS parse (8 KB -> 25 KB), because nothing could be inlined any more.
    pub(crate) fn members(
        &mut self,
        mut f: impl FnMut(&mut Scanner<'a>, &'a str) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if self.peek() != Some(b'{') {
            return Err(not_a("expected a JSON object"));
        }
        self.open()?;
        if self.peek() == Some(b'}') {
            self.close();
            return Ok(());
        }
        loop {
            let key = self.key()?;
            f(self, key)?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.close();
                    return Ok(());
                }
                _ => return Err(invalid(self.pos)),
            }
        }
    }

    /// Fails unless only whitespace is left.
    pub(crate) fn end(&mut self) -> Result<(), Error> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(invalid(self.pos)),
        }
    }
}

/// The length of the number at the start of `bytes` (RFC 8259 section 6), or the offset of the
/// byte where it stops being one.
fn number_len(bytes: &[u8]) -> Result<usize, usize> {
    let mut at = usize::from(bytes.first() == Some(&b'-'));
    match bytes.get(at) {
        Some(b'0') => at += 1,
        Some(b'1'..=b'9') => at += digits(bytes.get(at..).unwrap_or_default()),
        _ => return Err(at),
    }
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        let n = digits(bytes.get(at..).unwrap_or_default());
        if n == 0 {
            return Err(at);
        }
        at += n;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let n = digits(bytes.get(at..).unwrap_or_default());
        if n == 0 {
            return Err(at);
        }
        at += n;
    }
    Ok(at)
}

/// Code and (escaped) message found in a JSON error body whose shape is not documented: a code
/// from `errorCode` or `code` (number or numeric string), a message from `errorMessage`, `message`,
/// `error`, `error_description` or `description` (in that order of preference).
#[derive(Default)]
pub(crate) struct ErrorFields<'a> {
    /// The numeric code, when a code key holds a number or a numeric string.
    pub(crate) code: Option<i32>,
    /// The message, still escaped (see [`Scratch::text`]).
    pub(crate) message: Option<&'a str>,
    /// Rank of the key the message came from (lower wins: `errorMessage`, `message`, `error`).
    message_rank: u8,
}

const MESSAGE_KEYS: [&str; 5] = ["errorMessage", "message", "error", "error_description", "description"];
const CODE_KEYS: [&str; 2] = ["errorCode", "code"];

/// Walks a JSON error body: top-level members first, then (for what is still missing) the
/// members of objects nested one level down. A body of another shape (an array, a string) has
/// no fields, but must still be one JSON text.
///
/// # Errors
/// [`ErrorKind::InvalidJson`], [`ErrorKind::NestingTooDeep`]: the body is not JSON.
pub(crate) fn error_fields(text: &str) -> Result<ErrorFields<'_>, Error> {
    let mut top = ErrorFields::default();
    let mut nested = ErrorFields::default();
    let mut scanner = Scanner::new(text);
    if scanner.peek() == Some(b'{') {
        scanner.members(|s, key| {
            if s.kind()? == Kind::Object {
                return s.members(|s, key| read_member(s, key, &mut nested));
            }
            read_member(s, key, &mut top)
        })?;
    } else {
        scanner.skip_value()?;
    }
    scanner.end()?;
    Ok(ErrorFields {
        code: top.code.or(nested.code),
        message: top.message.or(nested.message),
        message_rank: 0,
    })
}

/// Takes a code or message from one member if its key is one we look for; skips anything else.
fn read_member<'a>(s: &mut Scanner<'a>, key: &str, into: &mut ErrorFields<'a>) -> Result<(), Error> {
    let kind = s.kind()?;
    if CODE_KEYS.contains(&key) && into.code.is_none() {
        let digits = match kind {
            Kind::Number => Some(s.scalar()?),
            Kind::String => Some(s.string()?),
            _ => None,
        };
        if let Some(digits) = digits {
            into.code = crate::time::parse_i64(digits.trim()).and_then(|n| i32::try_from(n).ok());
            return Ok(());
        }
    }
    if let Some(rank) = MESSAGE_KEYS.iter().position(|k| *k == key) {
        if kind == Kind::String {
            let raw = s.string()?;
            let rank = u8::try_from(rank).unwrap_or(u8::MAX) + 1;
            if into.message.is_none() || rank < into.message_rank {
                into.message = Some(raw);
                into.message_rank = rank;
            }
            return Ok(());
        }
    }
    s.skip_value()
}

/// A wrong-typed field, named.
pub(crate) fn wrong_type(name: &'static str) -> Error {
    Error::new(ErrorKind::InvalidValue).with_parameter(name)
}

/// A string member (or `null`), unescaped through `scratch`.
pub(crate) fn opt_str<'a>(
    s: &mut Scanner<'a>,
    scratch: &mut Scratch<'a>,
    name: &'static str,
) -> Result<Option<&'a str>, Error> {
    // One look at the next byte decides (`null`, a string, or the wrong type).
    match s.peek() {
        Some(b'"') => {}
        Some(b'n') if s.null() => return Ok(None),
        _ => {
            s.kind()?;
            return Err(wrong_type(name));
        }
    }
    let raw = s.string()?;
    if !s.escaped {
        return Ok(Some(raw));
    }
    scratch.text(raw).map(Some).map_err(|e| e.with_parameter(name))
}

/// An integer member (or `null`); a fraction, exponent or out-of-range value is refused.
pub(crate) fn opt_i64(s: &mut Scanner<'_>, name: &'static str) -> Result<Option<i64>, Error> {
    if s.null() {
        return Ok(None);
    }
    if s.kind()? != Kind::Number {
        return Err(wrong_type(name));
    }
    crate::time::parse_i64(s.scalar()?).map(Some).ok_or(wrong_type(name))
}

/// A non-negative integer member (or `null`).
pub(crate) fn opt_u64(s: &mut Scanner<'_>, name: &'static str) -> Result<Option<u64>, Error> {
    match opt_i64(s, name)? {
        Some(n) => u64::try_from(n).map(Some).map_err(|_| wrong_type(name)),
        None => Ok(None),
    }
}

/// A boolean member (or `null`).
pub(crate) fn opt_bool(s: &mut Scanner<'_>, name: &'static str) -> Result<Option<bool>, Error> {
    if s.null() {
        return Ok(None);
    }
    match (s.kind()?, s.scalar()) {
        (Kind::Literal, Ok("true")) => Ok(Some(true)),
        (Kind::Literal, Ok("false")) => Ok(Some(false)),
        _ => Err(wrong_type(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_runs_end_where_the_byte_test_says() {
        // Every special byte at every place of a 40-byte run, over every kind of plain byte
        // around it (a borrow from a lower byte must never move the place found).
        for special in [b'"', b'\\', 0x00, 0x1f, 0x0a] {
            for filler in [b'a', b' ', 0x7f, 0x80, 0xff, 0x20, 0x21, b'[', b']'] {
                for at in 0..40 {
                    let mut bytes = [filler; 40];
                    bytes[at] = special;
                    assert_eq!(
                        plain_string_run(&bytes),
                        Some(at),
                        "{special:#x} in {filler:#x} at {at}"
                    );
                    // A second special byte after the first changes nothing.
                    if at + 1 < 40 {
                        bytes[at + 1] = 0x00;
                        assert_eq!(plain_string_run(&bytes), Some(at));
                    }
                }
                assert_eq!(plain_string_run(&[filler; 40]), None);
            }
        }
        for b in 0..=255u8 {
            let mut word = [b'a'; 8];
            word[3] = b;
            let want = ends_plain(b).then_some(3);
            assert_eq!(first_ending(u64::from_le_bytes(word)), want, "{b:#x}");
        }
    }

    #[test]
    fn unescapes_into_scratch_only_when_needed() {
        let mut buf = [0u8; 32];
        let mut s = Scratch::new(&mut buf);
        assert_eq!(s.text("plain").unwrap(), "plain");
        assert_eq!(s.text(r"https:\/\/a\/b").unwrap(), "https://a/b");
        assert_eq!(s.text(r"\u00e9\uD83D\uDE00\n").unwrap(), "é😀\n");
        assert_eq!(unescaped_len(r"\u00e9").unwrap(), 2);
        assert!(unescaped_len(r"\uD83D").is_err());
        assert!(unescaped_len(r"\x").is_err());
        assert!(unescaped_len("\\").is_err());
        let mut none = Scratch::new(&mut []);
        assert_eq!(
            none.text(r"\/").unwrap_err().kind(),
            ErrorKind::BufferTooSmall { required: 1 }
        );
    }

    #[test]
    fn scanner_skips_and_reports_offsets() {
        let mut s = Scanner::new(r#"{"a": [1, {"b": "x\"y"}], "c": -2027, "d": true}"#);
        let mut seen = [""; 3];
        let mut i = 0;
        s.members(|s, k| {
            seen[i] = k;
            i += 1;
            s.skip_value()
        })
        .unwrap();
        assert_eq!(seen, ["a", "c", "d"]);
        assert_eq!(
            Scanner::new(r#"{"a": 1"#).skip_value().unwrap_err().kind(),
            ErrorKind::InvalidJson { offset: 7 }
        );
        assert!(Scanner::new("[[[[").skip_value().is_err());
        assert!(Scanner::new("nope").skip_value().is_err());
    }
}
