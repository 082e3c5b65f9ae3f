//! The one wrapping path: lines are wrapped here once, into rows that are
//! both measured (`len()`) and drawn (`Paragraph` without its own wrap), so
//! what is counted is what is shown.
//!
//! The rule: break at spaces; inside a word only when the word alone is
//! wider than a row. A row keeps the spaces between its words and the
//! indentation the line starts with; the spaces at a break are dropped.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// How many cells `c` takes.
fn cells(c: char) -> usize {
    Span::raw(c.encode_utf8(&mut [0; 4]).to_owned()).width()
}

type Cells = Vec<(char, Style)>;

/// The start of `text` that `rows` rows of `width` cells can show once
/// wrapped: at most `(rows + 1) × width` characters, as no row holds more
/// characters than cells. Wrapping it gives the same first `rows` rows as
/// wrapping all of `text`, at a cost bounded by the screen instead of by
/// the text (a 10 MB note, issue 21 item 13).
pub fn visible_start(text: &str, width: usize, rows: usize) -> &str {
    let limit = width.max(1).saturating_mul(rows.saturating_add(1));
    match text.char_indices().nth(limit) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// `text` in rows no wider than `width` cells (for plain text).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_lines(&[Line::raw(text.to_owned())], width)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

/// `lines` in rows no wider than `width` cells, keeping each span's style
/// and each line's style and alignment. An empty line stays one row.
pub fn wrap_lines(lines: &[Line], width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out = Vec::new();
    for line in lines {
        let chars: Cells = line
            .spans
            .iter()
            .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
            .collect();
        for row in wrap_cells(&chars, width) {
            let mut l = Line::from(spans(&row)).style(line.style);
            l.alignment = line.alignment;
            out.push(l);
        }
    }
    out
}

/// The words of `chars`, each with the spaces before it.
fn words(chars: &[(char, Style)]) -> Vec<(Cells, Cells)> {
    let mut words = Vec::new();
    let mut gap = Vec::new();
    let mut word = Vec::new();
    for &(c, style) in chars {
        if c == ' ' {
            if !word.is_empty() {
                words.push((std::mem::take(&mut gap), std::mem::take(&mut word)));
            }
            gap.push((c, style));
        } else {
            word.push((c, style));
        }
    }
    if !word.is_empty() {
        words.push((gap, word));
    }
    words
}

fn width_of(cells_: &[(char, Style)]) -> usize {
    cells_.iter().map(|&(c, _)| cells(c)).sum()
}

fn wrap_cells(chars: &[(char, Style)], width: usize) -> Vec<Cells> {
    let mut rows = Vec::new();
    let mut row: Cells = Vec::new();
    let mut used = 0;
    for (i, (gap, word)) in words(chars).into_iter().enumerate() {
        let (gap_w, word_w) = (width_of(&gap), width_of(&word));
        // The line's own indentation counts; a break drops the spaces.
        let gap = if i == 0 || !row.is_empty() {
            gap
        } else {
            Vec::new()
        };
        let gap_w = if gap.is_empty() { 0 } else { gap_w };
        if used + gap_w + word_w <= width {
            row.extend(gap);
            row.extend(word);
            used += gap_w + word_w;
            continue;
        }
        if !row.is_empty() {
            rows.push(std::mem::take(&mut row));
            used = 0;
        }
        if word_w <= width {
            row.extend(word);
            used = word_w;
            continue;
        }
        for (c, style) in word {
            let w = cells(c);
            if used + w > width && !row.is_empty() {
                rows.push(std::mem::take(&mut row));
                used = 0;
            }
            row.push((c, style));
            used += w;
        }
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// Runs of one style as spans.
fn spans(row: &[(char, Style)]) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for &(c, style) in row {
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_visible_start_wraps_to_the_same_first_rows_as_the_whole_text() {
        let text = "лояльный клиент, звонить после 18:00; ".repeat(500);
        for (width, rows) in [(20, 5), (37, 3), (80, 20), (1, 4)] {
            let start = visible_start(&text, width, rows);
            assert!(start.chars().count() <= width * (rows + 1));
            let whole = wrap(&text, width);
            let shown = wrap(start, width);
            assert_eq!(shown[..rows], whole[..rows], "{width}x{rows}");
        }
        assert_eq!(visible_start("коротко", 80, 2), "коротко");
        assert_eq!(visible_start("abcdef", 2, 1), "abcd");
    }

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
        assert_eq!(wrap("аб вгдежз", 3), vec!["аб", "вгд", "ежз"]);
    }

    #[test]
    fn keeps_indentation_and_gaps_but_not_spaces_at_a_break() {
        assert_eq!(wrap("  a   b", 10), vec!["  a   b"]);
        assert_eq!(wrap("  aaa bbb", 6), vec!["  aaa", "bbb"]);
    }

    #[test]
    fn styles_survive_and_rows_are_what_is_counted() {
        let bold = Style::new().bold();
        let line = Line::from(vec![
            Span::styled("Этаж: ", bold),
            Span::raw("2   "),
            Span::styled("Кв.: ", bold),
            Span::raw("7"),
        ]);
        let rows = wrap_lines(&[line, Line::raw("")], 10);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0].spans,
            [Span::styled("Этаж: ", bold), Span::raw("2")]
        );
        assert_eq!(rows[1].spans, [Span::styled("Кв.: ", bold), Span::raw("7")]);
        assert!(rows[2].spans.is_empty());
        assert!(rows.iter().all(|r| r.width() <= 10));
    }
}
