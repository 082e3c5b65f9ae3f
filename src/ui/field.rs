//! Drawing a text field with its cursor.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::Paragraph;

use crate::app::field::TextField;

/// Draws the field's text in `area` (one line); with `focused`, places the
/// terminal cursor at the field's cursor.
pub fn draw(frame: &mut Frame, area: Rect, field: &TextField, focused: bool) {
    draw_styled(frame, area, field, focused, Style::new());
}

/// Like [`draw`], in `style`.
pub fn draw_styled(frame: &mut Frame, area: Rect, field: &TextField, focused: bool, style: Style) {
    let width = usize::from(area.width.max(1));
    let scroll = field.scroll(width.saturating_sub(1));
    let scroll_u16 = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(field.value())
            .style(style)
            .scroll((0, scroll_u16)),
        area,
    );
    if focused {
        let cursor = u16::try_from(field.cursor().saturating_sub(scroll)).unwrap_or(0);
        frame.set_cursor_position(Position::new(
            area.x + cursor.min(area.width.saturating_sub(1)),
            area.y,
        ));
    }
}
