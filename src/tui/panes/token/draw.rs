//! The Token pane: what the pasted token is, whether the tenant signed it, every check in green
//! or red with its reason, and each claim explained.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use serde_json::{Map, Value};

use crate::output::text::clean;
use crate::token::checks::{CheckStatus, DEFAULT_LEEWAY, Expectations};
use crate::token::claims;
use crate::token::{Inspection, SignatureReport, SignatureStatus, Verdict, inspect};

use super::TokenPane;
use crate::tui::panes::View;
use crate::tui::ui::theme;
use crate::tui::ui::widgets::{centered_message, pane_block};

pub fn draw(pane: &TokenPane, view: &View, frame: &mut Frame, area: Rect) {
    let area = match &pane.expect_input {
        Some(input) => {
            let [line, rest] = ratatui::layout::Layout::vertical([
                ratatui::layout::Constraint::Length(3),
                ratatui::layout::Constraint::Min(3),
            ])
            .areas(area);
            let title = "What the API expects: aud=API scope=a,b azp=CLIENT · Enter keeps · Esc cancels";
            let block = pane_block(title.into(), true);
            frame.render_widget(Paragraph::new(clean(input.value())).block(block), line);
            rest
        }
        None => area,
    };
    let title = match &pane.expect {
        Some(expect) => format!("Token · expecting {}", clean(expect)),
        None => "Token".to_string(),
    };
    let block = pane_block(title, view.focused);
    let Some(decoded) = &pane.decoded else {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let lines = vec![
            Line::raw(
                "Paste a token here (your terminal's paste), press p to read the clipboard, or L to log a user in.",
            ),
            Line::raw("It is decoded in memory and never written anywhere."),
        ];
        centered_message(frame, inner, lines, theme::muted());
        return;
    };
    let mut lines = held_line(pane);
    lines.extend(match decoded {
        Ok(decoded) => {
            let signature = pane.signature.clone().unwrap_or_else(|| {
                let detail =
                    if pane.verifying.is_some() { "checking against the tenant's keys…" } else { "" };
                SignatureReport::not_checked(detail)
            });
            let (audience, scopes, azp) = pane.api_expectations();
            let expect = Expectations {
                issuer: view.issuer.map(|iss| (iss.to_string(), "the tenant's issuer")),
                audience,
                leeway: DEFAULT_LEEWAY,
                scopes,
                azp,
            };
            let inspection = inspect(decoded, signature, view.clock, &expect);
            let mut lines = inspection_lines(view, &inspection);
            if pane.expect.is_some() {
                let verdict = Verdict::of(&inspection, pane.signature.is_some());
                let style = if verdict.status == 200 { Style::new().fg(theme::PASS) } else { theme::error() };
                let after_kind = (1 + inspection.kind.evidence.len()).min(lines.len());
                let line = Line::from(vec![label("API answer"), Span::styled(clean(&verdict.line()), style)]);
                lines.insert(after_kind, line);
            }
            lines
        }
        Err(error) => vec![Line::styled(format!("Not a token: {error}"), theme::error())],
    });
    lines.extend(after_lines(pane));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((pane.scroll, 0)),
        area,
    );
}

/// With more than one token held: which, and which is shown.
fn held_line(pane: &TokenPane) -> Vec<Line<'static>> {
    let labels = pane.labels();
    if labels.len() < 2 {
        return Vec::new();
    }
    let mut spans = vec![label("Held")];
    for (i, name) in labels.iter().enumerate() {
        let style = if i == pane.shown { theme::highlight(true) } else { theme::muted() };
        spans.push(Span::styled(format!(" {name} "), style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled("←/→ switch · F refresh · R revoke · V prove · U userinfo", theme::muted()));
    vec![Line::from(spans), Line::raw("")]
}

/// What the last refresh changed, and what /userinfo said.
fn after_lines(pane: &TokenPane) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !pane.changes.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Since the refresh".to_string(), theme::header()));
        lines.extend(pane.changes.iter().map(|c| Line::raw(format!("  {}", clean(c)))));
    }
    match &pane.userinfo {
        Some(Ok(json)) => {
            lines.push(Line::raw(""));
            lines.push(Line::styled("/userinfo".to_string(), theme::header()));
            lines.extend(json.lines().map(|l| Line::raw(format!("  {}", clean(l)))));
        }
        Some(Err(error)) => {
            lines.push(Line::raw(""));
            lines.push(Line::styled(format!("/userinfo refused it: {}", clean(error)), theme::error()));
        }
        None => {}
    }
    lines
}

fn label(text: &str) -> Span<'static> {
    Span::styled(format!("{text:<11}"), theme::label())
}

fn inspection_lines(view: &View, inspection: &Inspection) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![label("Kind"), Span::raw(clean(&inspection.kind.label)).bold()])];
    for evidence in &inspection.kind.evidence {
        lines.push(Line::from(vec![
            label(""),
            Span::styled(format!("· {}", clean(evidence)), theme::muted()),
        ]));
    }
    if inspection.header.is_some() {
        let signature = &inspection.signature;
        let (text, style) = match signature.status {
            SignatureStatus::Verified => {
                (format!("✓ verified: {}", signature.detail), Style::new().fg(theme::PASS))
            }
            SignatureStatus::Invalid => (format!("✗ invalid: {}", signature.detail), theme::error()),
            SignatureStatus::Unavailable => {
                (format!("– not verified: {}", signature.detail), Style::new().fg(theme::WARN))
            }
            SignatureStatus::NotChecked => (signature.detail.clone(), theme::muted()),
        };
        lines.push(Line::from(vec![label("Signature"), Span::styled(clean(&text), style)]));
    }
    for (i, check) in inspection.checks.iter().enumerate() {
        let (mark, style) = match check.status {
            CheckStatus::Pass => ("✓", Style::new().fg(theme::PASS)),
            CheckStatus::Fail => ("✗", theme::error()),
            CheckStatus::Skip => ("–", theme::muted()),
        };
        lines.push(Line::from(vec![
            label(if i == 0 { "Checks" } else { "" }),
            Span::styled(format!("{mark} {:<4} {}", check.name, clean(&check.detail)), style),
        ]));
    }
    if let Some(header) = &inspection.header {
        let parts: Vec<String> = header.iter().map(|(k, v)| format!("{k} {}", plain(v))).collect();
        lines.push(Line::from(vec![label("Header"), Span::raw(clean(&parts.join(" · ")))]));
    }
    if let Some(payload) = &inspection.payload {
        lines.push(Line::raw(""));
        lines.extend(claim_lines(view, payload));
    }
    lines
}

/// Known claims explained, then custom (namespaced) claims apart.
fn claim_lines(view: &View, payload: &Map<String, Value>) -> Vec<Line<'static>> {
    let width = payload.keys().map(|k| k.chars().count()).max().unwrap_or(0).min(28);
    let (custom, known): (Vec<_>, Vec<_>) = payload.iter().partition(|(k, _)| claims::is_custom(k));
    let mut lines = Vec::new();
    for (title, group) in [("Claims", known), ("Custom claims", custom)] {
        if group.is_empty() {
            continue;
        }
        lines.push(Line::styled(title.to_string(), theme::header()));
        for (key, value) in group {
            let text =
                claims::explain(key, value, view.clock, |id| view.client_names.name(id).map(str::to_string));
            let style = if key == "exp" && text.contains("expired") { theme::error() } else { Style::new() };
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<width$}  ", clean(key)), theme::label()),
                Span::styled(clean(&text), style),
            ]));
        }
    }
    lines
}

fn plain(value: &Value) -> String {
    value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string())
}
