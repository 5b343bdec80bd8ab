//! Folding text for comparison: case, umlauts, `ß` and other diacritics,
//! over one diacritic table ([`base_letters`]).
//!
//! Two foldings, for two purposes:
//! - [`fold`] expands the German umlauts (`ä` → `ae`), as German spelling
//!   does when umlauts are not available (`Muenchen`), and keeps only
//!   letters, digits, spaces and hyphens: the basis of linking's match keys;
//! - [`fold_to_base`] (and [`fold_char_to_base`]) takes every letter to its
//!   base letter (`ä` → `a`) and keeps every other character: search, where
//!   users type `munchen` for `München`, and the comparison's head nouns.

/// Fold for match keys: lowercase, umlauts expanded (`ä` → `ae`), `ß` →
/// `ss`, other diacritics removed. Letters, digits, spaces and hyphens are
/// kept (dashes become `-`, white space a space); other characters
/// (apostrophes, dots) are dropped.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            '-' | '‐' | '‑' | '–' => out.push('-'),
            c if c.is_whitespace() => out.push(' '),
            c if c.is_alphanumeric() => match base_letters(c) {
                Some(base) => out.push_str(base),
                None => out.extend(c.to_lowercase()),
            },
            _ => {}
        }
    }
    out
}

/// Fold one character to its base letters, lowercased (`Ä` → `a`, `ß` →
/// `ss`, `É` → `e`), onto `out`; characters that are not letters with a
/// diacritic are only lowercased.
#[inline]
pub fn fold_char_to_base(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        match base_letters(c) {
            Some(base) => out.push_str(base),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// [`fold_char_to_base`] over a whole string.
pub fn fold_to_base(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char_to_base(c, &mut out);
    }
    out
}

/// The one diacritic table: the base letters of a Latin letter with a
/// diacritic, lowercased (`é` → `e`, `Ł` → `l`, `ä` → `a`, `ß` → `ss`).
/// [`fold`] expands the German umlauts before it looks here.
pub fn base_letters(c: char) -> Option<&'static str> {
    Some(match c {
        'ä' | 'Ä' => "a",
        'ö' | 'Ö' => "o",
        'ü' | 'Ü' => "u",
        'ß' | 'ẞ' => "ss",
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Å' | 'Ā' | 'Ă'
        | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' | 'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ'
        | 'Ė' | 'Ę' | 'Ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "g",
        'ĥ' | 'ħ' | 'Ĥ' | 'Ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī'
        | 'Ĭ' | 'Į' | 'İ' => "i",
        'ĵ' | 'Ĵ' => "j",
        'ķ' | 'Ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' | 'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ø' | 'Ō' | 'Ŏ'
        | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' | 'Ŕ' | 'Ŗ' | 'Ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => "s",
        'ţ' | 'ť' | 'ŧ' | 'ț' | 'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => "t",
        'ù' | 'ú' | 'û' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ũ' | 'Ū' | 'Ŭ'
        | 'Ů' | 'Ű' | 'Ų' => "u",
        'ŵ' | 'Ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' | 'Ý' | 'Ÿ' | 'Ŷ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_foldings_differ_only_in_umlauts_and_what_they_keep() {
        assert_eq!(fold("Münchner Straße, Ärzte"), "muenchner strasse aerzte");
        assert_eq!(
            fold_to_base("Münchner Straße, Ärzte"),
            "munchner strasse, arzte"
        );
        assert_eq!(fold("Łódź–Côte"), "lodz-cote");
        assert_eq!(fold_to_base("Łódź–Côte"), "lodz–cote");
        assert_eq!(fold("O'Neill"), "oneill");
        assert_eq!(fold_to_base("O'Neill"), "o'neill");
    }
}
