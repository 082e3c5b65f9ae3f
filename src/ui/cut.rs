//! Text cut to a width: what does not fit ends in `…`, at a word's end
//! when one is near, so that a column never stops mid-word unmarked.

use ratatui::text::Span;

/// How many cells `text` takes.
pub fn cells(text: &str) -> usize {
    Span::raw(text).width()
}

/// `text` within `width` cells: whole when it fits, else cut and ended with
/// `…`. The cut falls after the last whole word that fits when that keeps
/// at least half the width; a single long word (an e-mail) is cut inside.
pub fn ellipsis(text: &str, width: usize) -> String {
    if cells(text) <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = cells(c.encode_utf8(&mut [0; 4]));
        if used + w > room {
            break;
        }
        kept.push(c);
        used += w;
    }
    // A cut inside a word goes back to the word's start, when the words
    // before it fill half the room.
    let inside_a_word = text[kept.len()..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace());
    if inside_a_word
        && let Some(space) = kept.rfind(char::is_whitespace)
        && cells(&kept[..space]) * 2 >= room
    {
        kept.truncate(space);
    }
    let mut out = kept.trim_end().trim_end_matches([',', ';']).to_owned();
    out.push('…');
    out
}

/// A list (phones, e-mails) within `width` cells: the items that fit
/// whole, joined by `, `, then `, …` when some are left out; the first
/// item cut with [`ellipsis`] when not even it fits.
pub fn ellipsis_items(items: &[String], width: usize) -> String {
    let all = items.join(", ");
    if cells(&all) <= width {
        return all;
    }
    let mut kept = String::new();
    for item in items {
        let longer = if kept.is_empty() {
            item.clone()
        } else {
            format!("{kept}, {item}")
        };
        if cells(&longer) + cells(", …") > width {
            break;
        }
        kept = longer;
    }
    if kept.is_empty() {
        ellipsis(&all, width)
    } else {
        kept + ", …"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_fits_is_kept_whole() {
        assert_eq!(ellipsis("Иванов Иван", 11), "Иванов Иван");
        assert_eq!(ellipsis("", 0), "");
    }

    #[test]
    fn a_cut_ends_at_a_word_and_is_marked() {
        assert_eq!(
            ellipsis("Константинопольский Иван Петрович", 26),
            "Константинопольский Иван…"
        );
        assert_eq!(
            ellipsis("+7 916 123-45-67, +7 999 888-77-66", 20),
            "+7 916 123-45-67…"
        );
    }

    #[test]
    fn one_long_word_is_cut_inside() {
        assert_eq!(
            ellipsis("vitaliy.dmitriev47@example.com", 12),
            "vitaliy.dmi…"
        );
        assert_eq!(ellipsis("abc", 1), "…");
    }

    #[test]
    fn a_list_keeps_whole_items() {
        let phones = ["+7 999 274-63-75".to_owned(), "+7 999 909-87-11".to_owned()];
        assert_eq!(
            ellipsis_items(&phones, 40),
            "+7 999 274-63-75, +7 999 909-87-11"
        );
        assert_eq!(ellipsis_items(&phones, 30), "+7 999 274-63-75, …");
        assert_eq!(ellipsis_items(&phones, 18), "+7 999 274-63-75…");
        assert_eq!(ellipsis_items(&phones[..1], 16), "+7 999 274-63-75");
        assert_eq!(ellipsis_items(&[], 5), "");
    }

    #[test]
    fn the_result_never_passes_the_width() {
        for width in 0..20 {
            let cut = ellipsis("Ёлкина Анна-Мария, ул. Тверская 7", width);
            assert!(cells(&cut) <= width, "{width}: {cut}");
            let items = ["a@b.ru".to_owned(), "Ёлкина@почта.рф".to_owned()];
            let cut = ellipsis_items(&items, width);
            assert!(cells(&cut) <= width, "{width}: {cut}");
        }
    }
}
