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
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 10 > head.len()
}
