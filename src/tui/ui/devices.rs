//! The Devices pane: the selected user's device credentials.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

use super::super::app::App;
use super::super::panes::Pane;
use super::table::{Column, ListView};
use super::{pane_block, placeholders};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Devices;
    let block = pane_block(placeholders::title("Devices", app), focused);
    let Some(devices) = placeholders::ready(
        app,
        &app.devices,
        frame,
        area,
        block.clone(),
        "device credentials",
        "holds no device credential",
    ) else {
        return;
    };
    let columns = [
        Column { title: "DEVICE", width: Constraint::Fill(2) },
        Column { title: "TYPE", width: Constraint::Length(22) },
        Column { title: "APPLICATION", width: Constraint::Fill(2) },
        Column { title: "ID", width: Constraint::Length(20) },
    ];
    ListView { block, columns: &columns, len: devices.len(), selection: &app.devices.selection, focused }
        .draw(frame, area, |i| {
            let device = &devices[i];
            vec![
                device.device_name().unwrap_or_default().to_string(),
                device.kind().unwrap_or_default().to_string(),
                app.application(device.client_id()),
                device.id().unwrap_or_default().to_string(),
            ]
        });
}
