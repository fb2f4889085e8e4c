//! "Did you mean contentKey?": the nearest known parameter name for a typo.

/// The longest name compared; longer unknown names get no suggestion.
const MAX_NAME: usize = 64;

/// Levenshtein distance between two short ASCII-ish byte strings, on the stack (two rows of
/// `u8`: a distance never exceeds [`MAX_NAME`]).
///
/// Never inlined: `suggest` calls it once per known name over a constant list, and once
/// inlined, the optimiser unrolled that loop with rows of its own per name, which took
/// `parse_url` to 28 KiB of stack in a release build (measured on a 16 KiB thread).
#[inline(never)]
fn distance(a: &[u8], b: &[u8]) -> Option<usize> {
    if a.len() > MAX_NAME || b.len() > MAX_NAME {
        return None;
    }
    let mut prev = [0u8; MAX_NAME + 1];
    let mut cur = [0u8; MAX_NAME + 1];
    for (j, slot) in (0u8..).zip(prev.iter_mut()).take(b.len() + 1) {
        *slot = j;
    }
    for (i, ca) in (1u8..).zip(a) {
        if let Some(first) = cur.first_mut() {
            *first = i;
        }
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev.get(j).copied()? + u8::from(!ca.eq_ignore_ascii_case(cb));
            let delete = prev.get(j + 1).copied()? + 1;
            let insert = cur.get(j).copied()? + 1;
            *cur.get_mut(j + 1)? = substitute.min(delete).min(insert);
        }
        core::mem::swap(&mut prev, &mut cur);
    }
    prev.get(b.len()).copied().map(usize::from)
}

/// The known name closest to `name`: equal ignoring case, or within an edit distance of 2
/// (1 for names of up to 4 characters) — close enough to be a typo, not another word.
pub(crate) fn suggest(name: &str, known: &[&'static str]) -> Option<&'static str> {
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        return Some(k);
    }
    let limit = if name.len() <= 4 { 1 } else { 2 };
    known
        .iter()
        .filter_map(|k| distance(name.as_bytes(), k.as_bytes()).map(|d| (d, *k)))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expressplay::PlayReadyTokenRequest;

    #[test]
    fn typos() {
        let known = PlayReadyTokenRequest::PARAMETERS;
        assert_eq!(suggest("contentkey", known), Some("contentKey"));
        assert_eq!(suggest("contentKy", known), Some("contentKey"));
        assert_eq!(suggest("rightType", known), Some("rightsType"));
        assert_eq!(suggest("kd", known), Some("kid"));
        assert_eq!(suggest("foo", known), None);
        assert_eq!(suggest("securityLevel", known), None);
        assert_eq!(distance(b"kitten", b"sitting"), Some(3));
    }
}
