//! Which field of a record holds the text, the title, the id and the date:
//! named by the user, or recognised by the usual names.

/// Usual names of the text field, most specific first.
pub const TEXT_NAMES: &[&str] = &[
    "text",
    "fulltext",
    "articletext",
    "maintext",
    "body",
    "content",
    "article",
    "story",
    "inhalt",
    "volltext",
    "artikel",
];

/// Usual names of the title field.
pub const TITLE_NAMES: &[&str] = &[
    "title",
    "headline",
    "heading",
    "titel",
    "überschrift",
    "schlagzeile",
];

/// Usual names of the id field.
pub const ID_NAMES: &[&str] = &["id", "docid", "articleid", "guid", "uuid", "url", "link"];

/// Usual names of the date field.
pub const DATE_NAMES: &[&str] = &[
    "date",
    "datum",
    "published",
    "pubdate",
    "publishedat",
    "publicationdate",
    "created",
    "timestamp",
];

/// Usual names of the category field (10kGNAD's headerless files carry it
/// as their first column; see the table reader). Not used to detect a
/// header: `label` is too common a word for that.
pub const CATEGORY_NAMES: &[&str] = &[
    "category",
    "kategorie",
    "label",
    "ressort",
    "rubrik",
    "section",
    "topic",
];

/// A field name reduced for matching: lower case, letters and digits only
/// (`Full_Text` and `fulltext` match; so do `Überschrift` and `überschrift`).
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first of `names` (in their order) that one of `fields` matches: the
/// index into `fields`.
pub fn find_usual<S: AsRef<str>>(fields: &[S], names: &[&str]) -> Option<usize> {
    let normalized: Vec<String> = fields.iter().map(|f| normalize(f.as_ref())).collect();
    names
        .iter()
        .find_map(|n| normalized.iter().position(|f| f == n))
}

/// The field a user named: exactly, else ignoring case and punctuation.
pub fn find_named<S: AsRef<str>>(fields: &[S], name: &str) -> Option<usize> {
    fields.iter().position(|f| f.as_ref() == name).or_else(|| {
        let n = normalize(name);
        fields.iter().position(|f| normalize(f.as_ref()) == n)
    })
}

/// Whether a field name is one of the usual ones for any role.
pub fn is_usual(name: &str) -> bool {
    let n = normalize(name);
    [TEXT_NAMES, TITLE_NAMES, ID_NAMES, DATE_NAMES]
        .iter()
        .any(|names| names.contains(&n.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_names_match_in_priority_order() {
        let header = ["URL", "Überschrift", "Body", "Full_Text"];
        assert_eq!(find_usual(&header, TEXT_NAMES), Some(3));
        assert_eq!(find_usual(&header, TITLE_NAMES), Some(1));
        assert_eq!(find_usual(&header, ID_NAMES), Some(0));
        assert_eq!(find_usual(&header, DATE_NAMES), None);
        assert!(is_usual("Inhalt") && !is_usual("label"));
    }

    #[test]
    fn named_fields_prefer_the_exact_name() {
        let header = ["Text", "text", "body"];
        assert_eq!(find_named(&header, "text"), Some(1));
        assert_eq!(find_named(&header, "BODY"), Some(2));
        assert_eq!(find_named(&header, "missing"), None);
    }
}
