//! XML text content, decoded without allocation: entity references (`&amp;`, `&lt;`, `&gt;`,
//! `&quot;`, `&apos;`, `&#NN;`, `&#xHH;`), CDATA sections (verbatim) and comments (dropped),
//! as XML 1.0 sections 2.4, 2.5, 2.7 and 4.1 define them. The document structure itself is read
//! with the `xmlparser` pull parser; this module only turns an element's raw content into text.

use crate::error::{Error, ErrorKind};
use crate::json::Scratch;

fn invalid(offset: usize) -> Error {
    Error::new(ErrorKind::InvalidXml { offset })
}

/// The character of an entity reference's name (between `&` and `;`).
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse::<u32>().ok()?,
            };
            // XML 1.0 section 2.2: NUL is never a character.
            char::from_u32(code).filter(|c| *c != '\0')
        }
    }
}

/// Walks the raw content `raw` (found at byte `base` of the document), giving each piece of
/// decoded text to `f`. A child element is refused: these fields hold text only.
fn for_each_piece(raw: &str, base: usize, mut f: impl FnMut(&str)) -> Result<(), Error> {
    let mut rest = raw;
    while !rest.is_empty() {
        let at = base + (raw.len() - rest.len());
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = crate::encode::find(after, "]]>").ok_or(invalid(at))?;
            f(after.get(..end).unwrap_or_default());
            rest = after.get(end + 3..).unwrap_or_default();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            let end = crate::encode::find(after, "-->").ok_or(invalid(at))?;
            rest = after.get(end + 3..).unwrap_or_default();
        } else if rest.starts_with('<') {
            return Err(invalid(at));
        } else if let Some(after) = rest.strip_prefix('&') {
            let end = after
                .bytes()
                .position(|b| b == b';')
                .filter(|&e| e <= 10)
                .ok_or(invalid(at))?;
            let c = entity(after.get(..end).unwrap_or_default()).ok_or(invalid(at))?;
            let mut utf8 = [0u8; 4];
            f(c.encode_utf8(&mut utf8));
            rest = after.get(end + 1..).unwrap_or_default();
        } else {
            let end = rest.bytes().position(|b| b == b'<' || b == b'&').unwrap_or(rest.len());
            f(rest.get(..end).unwrap_or_default());
            rest = rest.get(end..).unwrap_or_default();
        }
    }
    Ok(())
}

/// The decoded text of an element's raw content: `raw` itself when it has no markup (the usual
/// case), else decoded into `scratch`.
///
/// # Errors
/// [`ErrorKind::InvalidXml`] (an unknown or malformed entity, an unterminated CDATA section or
/// comment, a child element) with the byte offset; [`ErrorKind::BufferTooSmall`] (scratch).
pub(crate) fn text<'s>(raw: &'s str, base: usize, scratch: &mut Scratch<'s>) -> Result<&'s str, Error> {
    if !raw.bytes().any(|b| b == b'&' || b == b'<') {
        return Ok(raw);
    }
    let mut n = 0usize;
    for_each_piece(raw, base, |p| n += p.len())?;
    let out = scratch.take(n)?;
    let mut pos = 0usize;
    for_each_piece(raw, base, |p| {
        // A zip, not `copy_from_slice`: its length check would keep a panic path.
        for (d, s) in out.get_mut(pos..).unwrap_or_default().iter_mut().zip(p.bytes()) {
            *d = s;
        }
        pos += p.len();
    })?;
    core::str::from_utf8(out).map_err(|_| Error::new(ErrorKind::InvalidUtf8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_entities_cdata_and_comments() {
        let mut buf = [0u8; 64];
        let mut s = Scratch::new(&mut buf);
        assert_eq!(text("plain", 0, &mut s).unwrap(), "plain");
        assert_eq!(
            text("a&amp;b&lt;&#233;&#xE9;&quot;&apos;&gt;", 0, &mut s).unwrap(),
            "a&b<éé\"'>"
        );
        assert_eq!(
            text("x<![CDATA[<rss a=\"1\">&amp;]]>y<!-- c -->z", 0, &mut s).unwrap(),
            "x<rss a=\"1\">&amp;yz"
        );
        assert_eq!(
            text("&bogus;", 5, &mut s).unwrap_err().kind(),
            ErrorKind::InvalidXml { offset: 5 }
        );
        assert!(text("&#0;", 0, &mut s).is_err());
        assert!(text("&#x110000;", 0, &mut s).is_err());
        assert!(text("a &amp b", 0, &mut s).is_err());
        assert!(text("<b>x</b>", 0, &mut s).is_err());
        assert!(text("<![CDATA[x", 0, &mut s).is_err());
    }
}
