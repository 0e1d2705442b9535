//! How much a JSON body will hold once parsed. Bytes alone do not bound memory: `[{},{},…]`
//! is 3 bytes a value, and each parsed value costs a hundred bytes or more, so 32 MiB of it would
//! take gigabytes. Every body is counted before it is parsed, and refused past [`MAX_VALUES`].

/// The most JSON values one body (or one listing, all its pages) may hold. A page of 100 users
/// holds a few thousand; this many parse to well under 100 MB.
pub const MAX_VALUES: usize = 400_000;

/// How many JSON values `body` holds: one for the whole, and one more for each `,` and each
/// non-empty `[` or `{`, outside strings. Exact for valid JSON; for anything else, a number of the
/// same size, and serde then refuses it anyway.
pub fn values(body: &[u8]) -> usize {
    let (mut count, mut in_string, mut escaped) = (1usize, false, false);
    let mut previous_opened = false;
    for &byte in body {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b',' => count += 1,
            b']' | b'}' if previous_opened => count -= 1,
            _ => {}
        }
        if !byte.is_ascii_whitespace() {
            previous_opened = matches!(byte, b'[' | b'{');
            if previous_opened {
                count += 1;
            }
        }
    }
    count
}

/// The sentence for a body past the bound.
pub fn too_many(what: &str, count: usize) -> String {
    format!(
        "{what} holds more than {} JSON values ({count}); tenantscope did not read it",
        crate::text::grouped(MAX_VALUES)
    )
}

#[cfg(test)]
mod tests {
    use super::values;

    #[test]
    fn values_are_counted_as_serde_would_make_them() {
        for (json, expected) in [
            ("1", 1),
            ("[]", 1),
            ("{}", 1),
            ("[1,2,3]", 4),
            ("[ ]", 1),
            ("{\"a\":1,\"b\":[true,null]}", 5),
            ("[{},{},{}]", 4),
            ("[\"a,b\",\"c]\\\",d\"]", 3),
        ] {
            assert_eq!(values(json.as_bytes()), expected, "{json}");
        }
    }
}
