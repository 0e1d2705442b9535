//! Drawing: a pure function of the app's state. The frame is the tab bar, the focused pane (which
//! draws itself, see `panes/`), the status bar and any popup. Only visible rows are built, so a
//! frame costs the same with a thousand users loaded or a hundred thousand.

mod help;
mod login_popup;
mod popup;
mod session_views;
mod status;
pub mod table;
pub mod theme;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::App;
use super::overlay::Popup;
use super::panes::Pane;

/// The frame's three bands: the tab bar, the focused pane's area, the status bar.
pub fn bands(area: Rect) -> [Rect; 3] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1)]).areas(area)
}

pub fn draw(app: &App, frame: &mut Frame) {
    let [tabs, body, status_bar] = bands(frame.area());
    draw_tabs(app, frame, tabs);
    app.panes.get(app.focus).draw(&app.view(), frame, body);
    match &app.popup {
        Some(Popup::Command { input, .. }) => popup::draw_command_line(input, frame, status_bar),
        _ => status::draw(app, frame, status_bar),
    }
    match &app.popup {
        Some(Popup::Help(scroll)) => help::draw(app, frame, *scroll),
        Some(Popup::Confirm(confirm)) => popup::draw_confirm(confirm, app, frame),
        Some(Popup::Command { .. }) => {}
        Some(Popup::Context(at)) => popup::draw_context_picker(app, *at, frame),
        Some(Popup::ChooseApi { app: choice, apis, input }) => {
            login_popup::draw_choose_api(choice, apis, input.as_ref(), app.status.spinner_frame(), frame)
        }
        Some(Popup::Messages(scroll)) => session_views::draw_messages(app, frame, *scroll),
        Some(Popup::Requests(selected)) => session_views::draw_requests(app, frame, *selected),
        Some(Popup::ChooseApp { action, input }) => {
            let known =
                app.panes.token.app.as_ref().map(|a| a.label.clone().unwrap_or_else(|| a.client_id.clone()));
            popup::draw_choose_app(&app.apps, known, *action, input.as_ref(), frame)
        }
        None => {}
    }
    if !app.color {
        without_colour(frame);
    }
}

/// `--color never` / `NO_COLOR`: every cell keeps its text and its bold, reverse or underline,
/// and loses its colours.
fn without_colour(frame: &mut Frame) {
    let area = frame.area();
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buffer.cell_mut((x, y)) {
                cell.set_fg(ratatui::style::Color::Reset).set_bg(ratatui::style::Color::Reset);
            }
        }
    }
}

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect) {
    // Which tenant this is, always: the profile (in its colour) and the domain.
    let who = match &app.profile {
        Some(profile) => format!(" {} · {} ", crate::output::text::clean(profile), app.tenant),
        None => format!(" {} ", app.tenant),
    };
    let mut spans = vec![Span::styled(who, theme::profile(app.profile_color.as_deref()))];
    // On a narrow terminal the tabs sit side by side, so every one still shows.
    let compact = area.width < 100;
    if compact {
        spans.push(Span::raw(" "));
    }
    let mut drawn = Vec::new();
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let style = if *pane == app.focus { theme::highlight(true) } else { theme::muted() };
        if !compact {
            spans.push(Span::raw(" "));
        }
        let title = app.panes.get(*pane).title();
        let tab = if compact { format!("{} {title} ", i + 1) } else { format!(" {} {title} ", i + 1) };
        let start =
            area.x.saturating_add(u16::try_from(Line::from(spans.clone()).width()).unwrap_or(u16::MAX));
        let end = start.saturating_add(u16::try_from(tab.chars().count()).unwrap_or(u16::MAX));
        drawn.push((area.y, start..end, *pane));
        spans.push(Span::styled(tab, style));
    }
    *app.tabs_drawn.borrow_mut() = drawn;
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
