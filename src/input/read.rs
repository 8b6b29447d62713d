//! Reading one input safely and decoding it: only regular files are opened (a FIFO would block, a device never
//! ends), a binary file is recognised on its first block, the size is capped, and UTF-8 or UTF-16 (with a BOM) is
//! decoded to text, remembering the encoding so positions and `--fix` can go back to the bytes on disk.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use super::{io_message, Input, Source};

/// The size cap of a post when neither `--max-file-size` nor `[input] max-file-size` sets one: far above any post,
/// far below what would hurt a machine.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// The same for a content calendar (CSV, JSON, JSONL), which holds many posts: a year of daily posts on five
/// platforms is a few megabytes, and 100,000 rows (about 35 MB) check in seconds with little memory.
pub const DEFAULT_MAX_CALENDAR_SIZE: u64 = 256 * 1024 * 1024;

/// How much is read before deciding whether a file is binary.
const FIRST_BLOCK: u64 = 8 * 1024;

const UTF16_LE_BOM: [u8; 2] = [0xFF, 0xFE];
const UTF16_BE_BOM: [u8; 2] = [0xFE, 0xFF];

/// How a file's text is stored on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a BOM: the decoded text is the file's bytes.
    Utf8,
    /// UTF-16 with a byte-order mark; the decoded text keeps the mark as U+FEFF, so every character has a place
    /// on disk (two bytes per UTF-16 unit).
    Utf16Le,
    Utf16Be,
}

/// One input's text and how it was stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

impl Encoding {
    /// The bytes to write for `text` (decoded from a file in this encoding): UTF-16 gets its BOM back, once.
    pub fn encode(self, text: &str) -> Cow<'_, [u8]> {
        let unit: fn(u16) -> [u8; 2] = match self {
            Encoding::Utf8 => return Cow::Borrowed(text.as_bytes()),
            Encoding::Utf16Le => u16::to_le_bytes,
            Encoding::Utf16Be => u16::to_be_bytes,
        };
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut out = Vec::with_capacity(2 + body.len() * 2);
        out.extend(unit(0xFEFF));
        body.encode_utf16().for_each(|u| out.extend(unit(u)));
        Cow::Owned(out)
    }

    /// Turns byte offsets into the decoded text into byte offsets into the file, in place. The offsets must be on
    /// character boundaries (one that is not is taken as the boundary before it).
    pub fn to_file_offsets(self, text: &str, mut offsets: Vec<&mut usize>) {
        if self == Encoding::Utf8 {
            return;
        }
        // one pass over the text for all offsets, in order
        offsets.sort_by_key(|o| **o);
        let (mut at, mut units) = (0, 0);
        for offset in offsets {
            let target = floor_char_boundary(text, (*offset).max(at));
            units += text[at..target].encode_utf16().count();
            at = target;
            *offset = units * 2;
        }
    }
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Reads one input: a regular file no larger than `max_size` bytes, or stdin (bounded the same way). Special
/// files, binary files, oversized files and text that is neither UTF-8 nor UTF-16 with a BOM are errors that say
/// why, without quoting the content.
pub fn read(input: &Input, max_size: u64) -> Result<Decoded, String> {
    let bytes = match &input.source {
        Source::File(path) => read_file(path, max_size)?,
        Source::Stdin => read_bounded(std::io::stdin().lock(), max_size, 0)
            .map_err(|e| e.message(|e| format!("cannot read stdin: {e}")))?,
        Source::Staged(staged) => read_staged(staged, max_size)?,
    };
    decode(bytes)
}

/// The staged content of a file, from `git show :PATH`, bounded like a file.
fn read_staged(staged: &super::Staged, max_size: u64) -> Result<Vec<u8>, String> {
    let repo = crate::git::Repo { top: staged.repo.clone() };
    let cannot = |e: &dyn std::fmt::Display| format!("cannot read the staged content: {e}");
    let mut blob = repo.show_staged(&staged.path).map_err(|e| cannot(&e))?;
    match read_bounded(blob.reader(), max_size, 0) {
        Ok(bytes) => match blob.wait() {
            Ok(true) => Ok(bytes),
            Ok(false) => Err(cannot(&"git show failed")),
            Err(e) => Err(cannot(&e)),
        },
        Err(e) => {
            blob.stop();
            Err(e.message(|e| cannot(e)))
        }
    }
}

/// Why reading stopped: an I/O error, or something about the content that makes it pointless to go on.
enum ReadError {
    Io(std::io::Error),
    Refused(String),
}

impl ReadError {
    fn message(self, io: impl FnOnce(&std::io::Error) -> String) -> String {
        match self {
            ReadError::Io(e) => io(&e),
            ReadError::Refused(message) => message,
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

fn read_file(path: &Path, max_size: u64) -> Result<Vec<u8>, String> {
    // the type is checked before opening: opening a FIFO blocks until someone writes to it
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if !meta.is_file() {
        return Err(format!("not a regular file ({}), not read", special_kind(&meta.file_type())));
    }
    if meta.len() > max_size {
        return Err(too_large(Some(meta.len()), max_size));
    }
    let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
    // the length is a hint only: the file may change while it is read
    let expected = usize::try_from(meta.len()).unwrap_or(0);
    read_bounded(file, max_size, expected).map_err(|e| e.message(io_message))
}

/// Reads at most `max_size` bytes (one more tells that there is more: a file that grew, or a stream), giving up
/// after the first block when it is binary. `expected` is the size to make room for.
fn read_bounded(mut reader: impl Read, max_size: u64, expected: usize) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    let limit = max_size.saturating_add(1);
    (&mut reader).take(FIRST_BLOCK.min(limit)).read_to_end(&mut bytes)?;
    if let Some(pos) = binary_at(&bytes) {
        return Err(ReadError::Refused(binary(pos)));
    }
    let rest = limit.saturating_sub(bytes.len() as u64);
    reader.take(rest).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_size {
        return Err(ReadError::Refused(too_large(None, max_size)));
    }
    Ok(bytes)
}

/// A file over the size limit; `size` when it is known without reading.
fn too_large(size: Option<u64>, max_size: u64) -> String {
    let size = size.map_or("larger".to_string(), |s| format!("{s} bytes, larger"));
    format!("file is {size} than the {max_size}-byte limit (--max-file-size), not read")
}

fn binary(pos: usize) -> String {
    format!("binary file (NUL byte at byte {pos}), not checked")
}

/// Where the first NUL byte is, unless the bytes start like UTF-16 (where NUL bytes are normal).
fn binary_at(bytes: &[u8]) -> Option<usize> {
    if bytes.starts_with(&UTF16_LE_BOM) || bytes.starts_with(&UTF16_BE_BOM) {
        return None;
    }
    bytes.iter().position(|&b| b == 0)
}

/// What kind of file a non-regular file is, for its error message.
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// Bytes to text: UTF-16 when they start with its byte-order mark, otherwise UTF-8 (a UTF-8 BOM is kept in the
/// text). A NUL marks a binary file; invalid text is reported with its byte offset.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, String> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Err("UTF-32 text is not supported (save it as UTF-8), not checked".to_string());
    }
    if let Some(body) = bytes.strip_prefix(&UTF16_LE_BOM) {
        return decode_utf16(body, u16::from_le_bytes, Encoding::Utf16Le);
    }
    if let Some(body) = bytes.strip_prefix(&UTF16_BE_BOM) {
        return decode_utf16(body, u16::from_be_bytes, Encoding::Utf16Be);
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(binary(pos));
    }
    let text =
        String::from_utf8(bytes).map_err(|e| format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()))?;
    Ok(Decoded { text, encoding: Encoding::Utf8 })
}

/// Decodes UTF-16 after its BOM; the text starts with U+FEFF for the BOM. Error offsets count the BOM's 2 bytes.
fn decode_utf16(body: &[u8], unit: fn([u8; 2]) -> u16, encoding: Encoding) -> Result<Decoded, String> {
    if !body.len().is_multiple_of(2) {
        return Err(format!("not valid UTF-16: {} bytes is not a whole number of 2-byte units", body.len() + 2));
    }
    let units = body.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(body.len() + 3);
    text.push('\u{feff}');
    let mut at = 2;
    for c in char::decode_utf16(units) {
        match c {
            Err(_) => return Err(format!("not valid UTF-16 at byte {at}")),
            Ok('\0') => return Err(format!("binary file (NUL character at byte {at}), not checked")),
            Ok(c) => {
                text.push(c);
                at += 2 * c.len_utf16();
            }
        }
    }
    Ok(Decoded { text, encoding })
}

/// Parses a size: bytes, or a number with a unit: `KB`/`MB`/`GB` (powers of 1000), `K`/`KiB`, `M`/`MiB`,
/// `G`/`GiB` (powers of 1024); case does not matter. Used by `--max-file-size` and `[input] max-file-size`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (number, unit) = s.split_at(digits);
    let bad = || format!("`{s}` is not a size: give bytes, or a number with KB, MB, KiB, MiB (e.g. 10MB, 512KiB)");
    let number: u64 = number.parse().map_err(|_| bad())?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1000,
        "mb" => 1000 * 1000,
        "gb" => 1000 * 1000 * 1000,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        _ => return Err(bad()),
    };
    match number.checked_mul(factor) {
        Some(0) => Err("the size limit must be at least 1 byte".to_string()),
        Some(size) => Ok(size),
        None => Err(format!("`{s}` is too large a size")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8(text: &str) -> Result<Decoded, String> {
        Ok(Decoded { text: text.to_string(), encoding: Encoding::Utf8 })
    }

    fn utf16le(text: &str) -> Vec<u8> {
        Encoding::Utf16Le.encode(text).into_owned()
    }

    #[test]
    fn decode_reports_binary_and_invalid_utf8() {
        assert_eq!(decode(b"ok".to_vec()), utf8("ok"));
        assert_eq!(decode(b"a\0b".to_vec()), Err("binary file (NUL byte at byte 1), not checked".to_string()));
        assert_eq!(decode(b"abc\xff".to_vec()), Err("not valid UTF-8 at byte 3".to_string()));
    }

    #[test]
    fn utf8_bom_stays_in_the_text() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi".to_vec()), utf8("\u{feff}hi"));
    }

    #[test]
    fn utf16_with_bom_decodes_in_both_byte_orders() {
        let le = decode(vec![0xFF, 0xFE, b'h', 0, 0xE9, 0]).unwrap();
        assert_eq!(le, Decoded { text: "\u{feff}hé".to_string(), encoding: Encoding::Utf16Le });
        let be = decode(vec![0xFE, 0xFF, 0, b'h', 0xD8, 0x3D, 0xDE, 0x00]).unwrap();
        assert_eq!(be, Decoded { text: "\u{feff}h😀".to_string(), encoding: Encoding::Utf16Be });
    }

    #[test]
    fn broken_utf16_is_reported_with_its_byte() {
        assert_eq!(
            decode(vec![0xFF, 0xFE, b'h']),
            Err("not valid UTF-16: 3 bytes is not a whole number of 2-byte units".to_string())
        );
        // a lone high surrogate, then 'h'
        assert_eq!(
            decode(vec![0xFF, 0xFE, b'h', 0, 0x3D, 0xD8, b'h', 0]),
            Err("not valid UTF-16 at byte 4".to_string())
        );
        assert!(decode(vec![0xFF, 0xFE, 0, 0, b'h', 0]).unwrap_err().contains("UTF-32"));
        assert!(decode(vec![0xFF, 0xFE, b'h', 0, 0, 0])
            .unwrap_err()
            .starts_with("binary file (NUL character at byte 4)"));
    }

    #[test]
    fn utf16_round_trips_with_its_bom() {
        for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let bytes = encoding.encode("\u{feff}Café 😀\r\n").into_owned();
            let decoded = decode(bytes.clone()).unwrap();
            assert_eq!(decoded.encoding, encoding);
            assert_eq!(encoding.encode(&decoded.text), bytes);
        }
        // text that lost its BOM still gets one
        assert_eq!(utf16le("a"), vec![0xFF, 0xFE, b'a', 0]);
    }

    #[test]
    fn offsets_map_to_utf16_bytes() {
        let text = "\u{feff}é😀x";
        let (mut a, mut b, mut c, mut d) = (0, 3, 5, 9);
        Encoding::Utf16Le.to_file_offsets(text, vec![&mut d, &mut b, &mut a, &mut c]);
        assert_eq!((a, b, c, d), (0, 2, 4, 8));
        let mut same = 5;
        Encoding::Utf8.to_file_offsets(text, vec![&mut same]);
        assert_eq!(same, 5);
    }

    #[test]
    fn reading_stops_at_the_size_limit_and_on_a_binary_first_block() {
        let message = |r: Result<Vec<u8>, ReadError>| r.err().map(|e| e.message(|e| e.to_string()));
        assert_eq!(read_bounded(&b"hello"[..], 5, 5).ok(), Some(b"hello".to_vec()));
        let err = message(read_bounded(&b"hello!"[..], 5, 0)).unwrap();
        assert!(err.contains("larger than the 5-byte limit"), "{err}");
        let endless = std::io::repeat(0);
        assert_eq!(message(read_bounded(endless, 1 << 30, 0)).unwrap(), binary(0));
        let endless_text = std::io::repeat(b'a');
        assert!(message(read_bounded(endless_text, 100_000, 0)).unwrap().contains("100000-byte limit"));
    }

    #[test]
    fn sizes_take_units() {
        assert_eq!(parse_size("123"), Ok(123));
        assert_eq!(parse_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_size("512KiB"), Ok(512 * 1024));
        assert_eq!(parse_size("8 mib"), Ok(8 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("10XB").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("99999999999999999999GB").is_err());
    }
}
