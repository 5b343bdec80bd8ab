//! Reading a CSV or TSV file into documents: dialect, header and fields are
//! detected from the start of the file unless the options name them.

use super::delimited::{self, Next, Records};
use super::fields::{self, CATEGORY_NAMES, DATE_NAMES, ID_NAMES, TEXT_NAMES, TITLE_NAMES};
use super::{Builder, Parts, ReadError, RecordFormat, RecordOptions, RecordSummary};
use std::fs::File;

/// With a header but no usual text name, the longest column is taken as the
/// text only if its values average at least this many bytes.
const MIN_TEXT_BYTES: usize = 80;

/// Header names are at most this many characters.
const MAX_HEADER_CHARS: usize = 40;

/// The columns that hold each part (0-based).
struct Columns {
    text: usize,
    title: Option<usize>,
    id: Option<usize>,
    date: Option<usize>,
    category: Option<usize>,
}

pub(super) fn read(
    file: File,
    head: Vec<u8>,
    eof: bool,
    options: &RecordOptions,
    tabs_first: bool,
    builder: &mut Builder<'_>,
) -> Result<RecordSummary, ReadError> {
    let delimiters: &[u8] = match options.delimiter {
        Some(ref d) => std::slice::from_ref(d),
        None if tabs_first => b"\t,;",
        None => b",;\t",
    };
    let quotes: &[u8] = match options.quote {
        Some(ref q) => std::slice::from_ref(q),
        None => b"\"'",
    };
    let dialect = delimited::detect(&head, eof, delimiters, quotes);
    let (sample, _) = delimited::sample(&head, eof, dialect);
    let header = options
        .header
        .unwrap_or_else(|| names_given_fields(&sample, options) || looks_like_header(&sample));
    let names: Vec<String> = if header {
        sample.first().cloned().unwrap_or_default()
    } else {
        Vec::new()
    };
    let data = if header {
        sample.get(1..).unwrap_or(&[])
    } else {
        &sample[..]
    };
    let columns = choose_columns(&names, data, options).map_err(ReadError::Fields)?;
    let describe = |c: usize| match names.get(c) {
        Some(n) => n.clone(),
        None => format!("column {}", c + 1),
    };
    let summary = RecordSummary {
        format: RecordFormat::Delimited { dialect, header },
        text_field: describe(columns.text),
        title_field: columns.title.map(describe),
        id_field: columns.id.map(describe),
        date_field: columns.date.map(describe),
        category_field: columns.category.map(describe),
        documents: 0,
        skipped: 0,
    };

    let mut records = Records::new(file, head, eof, dialect);
    let mut row = Vec::new();
    let mut skip_header = header;
    while let Some(next) = records.next(&mut row)? {
        match next {
            Next::Malformed { line, message } => {
                builder.next_number();
                builder.bad(line, message);
            }
            Next::Record { .. } if skip_header => skip_header = false,
            Next::Record { line, bytes } => {
                let number = builder.next_number();
                let Some(text_field) = row.get(columns.text) else {
                    let message = format!(
                        "{} fields, but the text is field {}",
                        row.len(),
                        columns.text + 1
                    );
                    builder.bad(line, message);
                    continue;
                };
                let text = delimited::field_bytes(bytes, text_field, dialect.quote);
                let field = |c: Option<usize>| {
                    c.and_then(|c| row.get(c)).map(|f| {
                        String::from_utf8_lossy(&delimited::field_bytes(bytes, f, dialect.quote))
                            .into_owned()
                    })
                };
                let parts = Parts {
                    line,
                    title: field(columns.title),
                    id: field(columns.id),
                    date: field(columns.date),
                    category: field(columns.category),
                    text: text.into_owned(),
                };
                builder.record(number, parts);
            }
        }
    }
    Ok(summary)
}

/// Whether the first record holds a field name the options give (then it is
/// a header).
fn names_given_fields(sample: &[Vec<String>], options: &RecordOptions) -> bool {
    let Some(first) = sample.first() else {
        return false;
    };
    [
        &options.text_field,
        &options.title_field,
        &options.id_field,
        &options.date_field,
    ]
    .into_iter()
    .flatten()
    .any(|name| name.trim().parse::<usize>().is_err() && fields::find_named(first, name).is_some())
}

/// A header: the first record holds a usual field name, or short distinct
/// names over a column whose values are much longer.
fn looks_like_header(sample: &[Vec<String>]) -> bool {
    let Some(first) = sample.first() else {
        return false;
    };
    if first.iter().any(|f| fields::is_usual(f)) {
        return true;
    }
    let rest = &sample[1..];
    if rest.is_empty() {
        return false;
    }
    let name_like = |f: &String| {
        let t = f.trim();
        !t.is_empty()
            && t.chars().count() <= MAX_HEADER_CHARS
            && !t
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ':'))
    };
    let distinct = first
        .iter()
        .enumerate()
        .all(|(i, f)| !first[..i].contains(f));
    if !distinct || !first.iter().all(name_like) {
        return false;
    }
    let col = longest_column(rest);
    first
        .get(col)
        .is_some_and(|f| f.len() * 3 < average_len(rest, col))
}

/// The column with the longest values on average.
fn longest_column(rows: &[Vec<String>]) -> usize {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .max_by_key(|&c| (average_len(rows, c), std::cmp::Reverse(c)))
        .unwrap_or(0)
}

fn average_len(rows: &[Vec<String>], col: usize) -> usize {
    let total: usize = rows.iter().map(|r| r.get(col).map_or(0, String::len)).sum();
    total / rows.len().max(1)
}

fn choose_columns(
    names: &[String],
    data: &[Vec<String>],
    options: &RecordOptions,
) -> Result<Columns, String> {
    let width = data
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(names.len());
    let named = |name: &str, role: &str| -> Result<usize, String> {
        if let Some(i) = fields::find_named(names, name) {
            return Ok(i);
        }
        match name.trim().parse::<usize>() {
            Ok(n) if n >= 1 && (n <= width || width == 0) => Ok(n - 1),
            _ if names.is_empty() => Err(format!(
                "no {role} field {name:?}: the file has no header (its first record is: {}), \
                 so name the field by its column number (1 to {width})",
                data.first().map_or_else(String::new, |r| preview(r))
            )),
            _ => Err(format!(
                "no {role} field {name:?}; the fields are: {}",
                names.join(", ")
            )),
        }
    };
    let text = match &options.text_field {
        Some(name) => named(name, "text")?,
        None => match fields::find_usual(names, TEXT_NAMES) {
            Some(i) => i,
            None => {
                let col = longest_column(data);
                if !names.is_empty() && average_len(data, col) < MIN_TEXT_BYTES {
                    return Err(format!(
                        "no text field: no field has a usual name ({}) or long text; \
                         name it with --text-field (the fields are: {})",
                        TEXT_NAMES.join(", "),
                        names.join(", ")
                    ));
                }
                col
            }
        },
    };
    let optional =
        |given: &Option<String>, usual: &[&str], role: &str| -> Result<Option<usize>, String> {
            match given {
                Some(name) => named(name, role).map(Some),
                None => Ok(fields::find_usual(names, usual).filter(|&i| i != text)),
            }
        };
    let title = optional(&options.title_field, TITLE_NAMES, "title")?;
    let id = optional(&options.id_field, ID_NAMES, "id")?;
    let date = optional(&options.date_field, DATE_NAMES, "date")?;
    let taken = [Some(text), title, id, date];
    let category = if names.is_empty() {
        label_column(data, &taken)
    } else {
        fields::find_usual(names, CATEGORY_NAMES).filter(|i| !taken.contains(&Some(*i)))
    };
    Ok(Columns {
        text,
        title,
        id,
        date,
        category,
    })
}

/// In a file without a header, the column that reads as a category label
/// (10kGNAD's `Sport;'text'`): the first column not otherwise `taken` whose
/// sampled values are all one word of 2 to 30 letters.
fn label_column(data: &[Vec<String>], taken: &[Option<usize>]) -> Option<usize> {
    let width = data.iter().map(Vec::len).max()?;
    (0..width)
        .filter(|c| !taken.contains(&Some(*c)))
        .find(|&c| {
            data.iter().all(|row| {
                row.get(c).is_some_and(|v| {
                    let v = v.trim();
                    (2..=30).contains(&v.chars().count()) && v.chars().all(char::is_alphabetic)
                })
            })
        })
}

/// A record's fields, each cut short, for a message.
fn preview(record: &[String]) -> String {
    record
        .iter()
        .map(|f| crate::corpus::title::shorten(f.trim(), 24))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn header_detection() {
        let long = "Ein langer Text. ".repeat(10);
        assert!(looks_like_header(&rows(&[
            &["label", "Nachricht"],
            &["Web", &long]
        ])));
        assert!(looks_like_header(&rows(&[&["text"]])));
        assert!(!looks_like_header(&rows(&[
            &["Web", &long],
            &["Sport", &long]
        ])));
        assert!(!looks_like_header(&rows(&[&["1", "2"], &["3", &long]])));
    }

    #[test]
    fn columns_from_names_numbers_and_length() {
        let long = "Ein langer Text. ".repeat(10);
        let none = RecordOptions::default();
        let names = rows(&[&["id", "headline", "body"]]).remove(0);
        let c = choose_columns(&names, &[], &none).unwrap();
        assert_eq!((c.text, c.title, c.id, c.date), (2, Some(1), Some(0), None));
        let data = rows(&[&["Web", &long]]);
        let c = choose_columns(&[], &data, &none).unwrap();
        assert_eq!((c.text, c.title), (1, None));
        let opts = RecordOptions {
            text_field: Some("1".into()),
            ..RecordOptions::default()
        };
        assert_eq!(choose_columns(&[], &data, &opts).unwrap().text, 0);
        let opts = RecordOptions {
            title_field: Some("missing".into()),
            ..RecordOptions::default()
        };
        let e = choose_columns(&names, &[], &opts).err().unwrap();
        assert!(e.contains("id, headline, body"), "{e}");
        let short = rows(&[&["id", "split", "date"]]).remove(0);
        let e = choose_columns(&short, &rows(&[&["1", "train", "2020"]]), &none)
            .err()
            .unwrap();
        assert!(e.contains("--text-field"), "{e}");
    }
}
