//! `L`'s choice of API: the tenant's APIs by digit, none, or a typed audience.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::popup::centered;
use super::theme;
use crate::output::text::clean;
use crate::tui::action::{ApiChoice, AppChoice};
use crate::tui::remote::Remote;

pub fn draw_choose_api(
    app: &AppChoice,
    apis: &Remote<Vec<ApiChoice>>,
    input: Option<&tui_input::Input>,
    spinner: &str,
    frame: &mut Frame,
) {
    let label = app.label.clone().unwrap_or_else(|| app.client_id.clone());
    let mut lines = vec![
        Line::raw(clean(&format!(
            "Log in with {label}, for an access token to which API? With an API it is a JWT for it, with its scopes; with none, an opaque token good for /userinfo only."
        ))),
        Line::raw(""),
    ];
    match apis {
        Remote::Loading(_) | Remote::Idle => lines.push(Line::styled(
            format!("{spinner} reading the tenant's APIs (GET /resource-servers)…"),
            theme::muted(),
        )),
        Remote::Failed(error) => {
            lines.push(Line::styled(clean(&error.message), theme::error()));
            if let Some(hint) = &error.hint {
                lines.push(Line::styled(clean(hint), theme::muted()));
            }
        }
        Remote::Loaded(list) if list.is_empty() => {
            lines.push(Line::styled("The tenant has no API besides the Management API.", theme::muted()))
        }
        Remote::Loaded(list) => {
            for (i, api) in list.iter().enumerate().take(9) {
                lines.push(Line::from(vec![
                    Span::styled(format!(" {} ", i + 1), theme::header()),
                    Span::raw(clean(&format!("{}  {}", api.name, api.identifier))),
                ]));
            }
        }
    }
    lines.push(Line::from(vec![
        Span::styled(" 0 ", theme::header()),
        Span::raw("none (an opaque access token)"),
    ]));
    lines.push(Line::raw(""));
    match input {
        Some(input) => lines.push(Line::from(vec![
            Span::styled("audience: ", theme::label()),
            Span::raw(clean(input.value())),
            Span::styled("▏", theme::muted()),
        ])),
        None => lines.push(Line::styled("i types an audience · Esc cancels", theme::muted())),
    }
    let width = frame.area().width.saturating_sub(4).min(90);
    let height = (lines.len() as u16 + 6).min(frame.area().height);
    let area = centered(frame.area(), width, height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::border(true))
        .title(Span::styled(" Log a user in: the API ", theme::header()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}
