//! Wrapping text into lines of a width, at spaces where possible.

use ratatui::text::Span;

/// How many cells `s` takes.
fn cells(s: &str) -> usize {
    Span::raw(s).width()
}

/// `text` in lines no wider than `width` cells: broken at spaces, and inside
/// a word only when the word alone is wider than a line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let needed = if line.is_empty() {
            cells(word)
        } else {
            cells(&line) + 1 + cells(word)
        };
        if needed <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if cells(&line) + cells(c.encode_utf8(&mut [0; 4])) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("Москва, Большая Дмитровка, д. 10, кв. 364", 20),
            vec!["Москва, Большая", "Дмитровка, д. 10,", "кв. 364"]
        );
        assert_eq!(wrap("короткая", 20), vec!["короткая"]);
        assert_eq!(wrap("", 5), vec![""]);
    }

    #[test]
    fn breaks_long_words() {
        assert_eq!(wrap("абвгдеж", 3), vec!["абв", "где", "ж"]);
    }
}
