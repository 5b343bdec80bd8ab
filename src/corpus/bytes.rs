//! Reading article bytes: the size limit, UTF-16 files, binary data and
//! readable I/O messages, shared by plain article files and record files.

use std::io;

/// Files larger than this are skipped with a message.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

pub(crate) fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
/// Files that start with a UTF-16 byte-order mark are decoded to UTF-8; their
/// offsets then refer to the UTF-8 text. A UTF-8 BOM is kept (it displays as
/// nothing and keeps offsets equal to file offsets).
pub(crate) fn decode_utf16(bytes: Vec<u8>) -> Vec<u8> {
    let le = bytes.starts_with(&[0xff, 0xfe]);
    let be = bytes.starts_with(&[0xfe, 0xff]);
    if !le && !be {
        return bytes;
    }
    let units = bytes[2..].chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect::<String>()
        .into_bytes()
}
/// Binary data: NUL bytes, or mostly control bytes, in the first 8 KiB.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    // Most text has few bytes below a space (line breaks): counted in a
    // loop the compiler makes vector code of, they settle it at once.
    if below_space(head) * 10 <= head.len() {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 10 > head.len()
}

/// How many bytes are below 0x20 (line breaks and other controls).
fn below_space(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b < 0x20))))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_means_a_nul_or_more_than_a_tenth_control_bytes() {
        let with = |controls: usize, newlines: usize| {
            let mut b = vec![b'a'; 100 - controls - newlines];
            b.extend(std::iter::repeat_n(0x07, controls));
            b.extend(std::iter::repeat_n(b'\n', newlines));
            looks_binary(&b)
        };
        assert!(!with(0, 0));
        assert!(!with(10, 0), "a tenth is still text");
        assert!(with(11, 0));
        // Line breaks, tabs, form feeds and escapes are no sign of binary
        // data, however many.
        assert!(!with(0, 60));
        assert!(!with(10, 50));
        assert!(with(11, 50));
        assert!(!looks_binary(b"\t\r\n\x0c\x1b[0m"));
        assert!(looks_binary(b"text\0more"));
        // Only the first 8 KiB count.
        let mut late = vec![b'a'; 8192];
        late.extend(std::iter::repeat_n(0x01, 9000));
        assert!(!looks_binary(&late));
        late[0] = 0x01;
        assert!(!looks_binary(&late));
        late[..1000].fill(0x01);
        assert!(looks_binary(&late));
    }
}
