//! Reading a JSON Lines file (one JSON object per line) into documents.
//!
//! The text field is the one the options name, else the first usual text
//! name found in the first object, else that object's longest string; it then
//! holds for the whole file. Title, id and date are looked up per record.

use super::delimited::MAX_RECORD_BYTES;
use super::fields::{self, CATEGORY_NAMES, DATE_NAMES, ID_NAMES, TEXT_NAMES, TITLE_NAMES};
use super::{Builder, Parts, ReadError, RecordFormat, RecordOptions, RecordSummary};
use serde_json::{Map, Value};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};

pub(super) fn read(
    file: File,
    head: Vec<u8>,
    eof: bool,
    options: &RecordOptions,
    builder: &mut Builder<'_>,
) -> Result<RecordSummary, ReadError> {
    let rest: Box<dyn Read> = if eof {
        Box::new(io::empty())
    } else {
        Box::new(file)
    };
    let mut reader = BufReader::with_capacity(1 << 16, Cursor::new(head).chain(rest));
    let mut text_key: Option<String> = options.text_field.clone();
    let mut summary = RecordSummary {
        format: RecordFormat::JsonLines,
        text_field: text_key.clone().unwrap_or_default(),
        title_field: options.title_field.clone(),
        id_field: options.id_field.clone(),
        date_field: options.date_field.clone(),
        category_field: None,
        documents: 0,
        skipped: 0,
    };
    let mut line = Vec::new();
    let mut number = 0usize;
    let mut named = false;
    while let Some(too_long) = read_line(&mut reader, &mut line)? {
        number += 1;
        if too_long {
            builder.next_number();
            let message = format!("line longer than {} MB", MAX_RECORD_BYTES >> 20);
            builder.bad(number, message);
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record = builder.next_number();
        let mut object = match parse(&line) {
            Ok(o) => o,
            Err(message) => {
                builder.bad(number, message);
                continue;
            }
        };
        let key = match &text_key {
            Some(k) => k.clone(),
            None => {
                let Some(k) = auto_text_key(&object) else {
                    builder.bad(number, "no text field (no string value)".into());
                    continue;
                };
                summary.text_field = k.clone();
                text_key = Some(k.clone());
                k
            }
        };
        match object.get(&key) {
            Some(Value::String(_)) => {}
            Some(Value::Null) | None => {
                builder.bad(number, format!("no {key:?} field"));
                continue;
            }
            Some(_) => {
                builder.bad(number, format!("the {key:?} field is not a string"));
                continue;
            }
        }
        let part = |given: &Option<String>, usual: &[&str]| -> Option<String> {
            let key = match given {
                Some(k) => k.clone(),
                None => {
                    let keys: Vec<&String> = object.keys().collect();
                    let i = fields::find_usual(&keys, usual)?;
                    keys[i].clone()
                }
            };
            if key == *text_key.as_ref()? {
                return None;
            }
            scalar(object.get(&key)?)
        };
        let title = part(&options.title_field, TITLE_NAMES);
        let id = part(&options.id_field, ID_NAMES);
        let date = part(&options.date_field, DATE_NAMES);
        let category = part(&None, CATEGORY_NAMES);
        if !named {
            named = true;
            let name_of = |given: &Option<String>, usual: &[&str]| {
                given.clone().or_else(|| {
                    let keys: Vec<&String> = object.keys().collect();
                    fields::find_usual(&keys, usual).map(|i| keys[i].clone())
                })
            };
            summary.title_field = name_of(&options.title_field, TITLE_NAMES);
            summary.id_field = name_of(&options.id_field, ID_NAMES);
            summary.date_field = name_of(&options.date_field, DATE_NAMES);
            summary.category_field = name_of(&None, CATEGORY_NAMES);
        }
        // Checked above to be a string; taken, not copied.
        let Some(Value::String(text)) = object.remove(&key) else {
            continue;
        };
        let parts = Parts {
            line: number,
            text: text.into_bytes(),
            title,
            id,
            date,
            category,
        };
        builder.record(record, parts);
    }
    Ok(summary)
}

/// Read one line into `line` (without its line break), or `None` at the end.
/// A line longer than [`MAX_RECORD_BYTES`] is skipped: `Some(true)`.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Option<bool>> {
    line.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(any.then_some(too_long));
        }
        any = true;
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(k) => (&buf[..k], k + 1),
            None => (buf, buf.len()),
        };
        let found = done > chunk.len();
        if !too_long {
            if line.len() + chunk.len() > MAX_RECORD_BYTES {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        reader.consume(done);
        if found {
            return Ok(Some(too_long));
        }
    }
}

/// Parse a line as a JSON object. Invalid UTF-8 is replaced, not fatal.
fn parse(line: &[u8]) -> Result<Map<String, Value>, String> {
    let text = String::from_utf8_lossy(line);
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(o)) => Ok(o),
        Ok(_) => Err("not a JSON object".into()),
        // A number too large for a float (`1e999`, a 400-digit id) in any
        // field used to skip the whole record: read the object field by
        // field, and keep such a number as its digits.
        Err(e) if e.to_string().contains("out of range") => {
            let fields: std::collections::BTreeMap<String, &serde_json::value::RawValue> =
                serde_json::from_str(&text).map_err(|_| {
                    format!("invalid JSON at column {}: number out of range", e.column())
                })?;
            let mut o = Map::new();
            for (k, v) in fields {
                let value = serde_json::from_str::<Value>(v.get())
                    .unwrap_or_else(|_| Value::String(v.get().trim().to_string()));
                o.insert(k, value);
            }
            Ok(o)
        }
        Err(e) => {
            let full = e.to_string();
            let what = full.split(" at line ").next().unwrap_or(&full);
            Err(format!("invalid JSON at column {}: {what}", e.column()))
        }
    }
}

/// The first usual text key of an object, else its longest string value's.
fn auto_text_key(object: &Map<String, Value>) -> Option<String> {
    let keys: Vec<&String> = object.keys().collect();
    if let Some(i) = fields::find_usual(&keys, TEXT_NAMES) {
        return Some(keys[i].clone());
    }
    object
        .iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k, s.len())))
        .max_by_key(|&(_, n)| n)
        .map(|(k, _)| k.clone())
}

/// A string or number as text; other values are no title, id or date.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
