//! Text measured in terminal cells: cutting a text to a width, and breaking
//! it into two lines at a word boundary.

use unicode_width::UnicodeWidthChar;

fn cells(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The width of `s` in cells.
pub fn width(s: &str) -> usize {
    s.chars().map(cells).sum()
}

/// Cut `s` to at most `width` cells, with an ellipsis when cut.
pub fn fit(s: &str, width: usize) -> String {
    if self::width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = cells(c);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Where `s` breaks when its first line holds at most `width` cells: the
/// number of characters on the first line and the index of the first
/// character of the second (the spaces between them dropped). The break
/// goes after the last space that leaves the first line within `width`,
/// else (one long word) at `width`. `None` when `s` fits on one line.
pub fn break_line(s: &str, width: usize) -> Option<(usize, usize)> {
    if self::width(s) <= width {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut used = 0;
    let mut fits = 0;
    let mut last_space = None;
    for (i, &c) in chars.iter().enumerate() {
        let w = cells(c);
        if used + w > width {
            break;
        }
        used += w;
        fits = i + 1;
        if c == ' ' {
            last_space = Some(i);
        }
    }
    // A space right after what fits is a word boundary too.
    if chars.get(fits) == Some(&' ') {
        last_space = Some(fits);
    }
    let end = match last_space {
        Some(i) if chars[..i].iter().any(|c| *c != ' ') => i,
        _ => fits.max(1).min(chars.len()),
    };
    let first = chars[..end]
        .iter()
        .rposition(|c| *c != ' ')
        .map_or(end, |i| i + 1);
    let rest = (end..chars.len())
        .find(|&i| chars[i] != ' ')
        .unwrap_or(chars.len());
    Some((first, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("Köln", 4), "Köln");
        assert_eq!(fit("Köln wählt", 6), "Köln …");
        assert_eq!(
            fit("漢字漢字", 5),
            "漢字…",
            "wide characters count two cells"
        );
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn lines_break_after_the_last_word_that_fits() {
        assert_eq!(break_line("Wahl in Bayern", 20), None);
        let s = "Wahl in Bayern: die CSU verliert";
        // "Wahl in Bayern: die " is 20 cells: the break is at its space.
        assert_eq!(break_line(s, 20), Some((19, 20)));
        assert_eq!(break_line(s, 19), Some((19, 20)), "a space just after");
        assert_eq!(break_line(s, 18), Some((15, 16)));
        // One long word breaks where the width ends.
        assert_eq!(break_line("Donaudampfschifffahrt", 10), Some((10, 10)));
        // Spaces at the break are dropped, not carried to the second line.
        assert_eq!(break_line("ab   cdefgh", 4), Some((2, 5)));
        assert_eq!(break_line("   abcdefgh", 4), Some((4, 4)), "no word before");
    }
}
