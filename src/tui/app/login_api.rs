//! `L`'s last question: which API the access token is for. The tenant's APIs by their digit
//! (`GET /resource-servers`), `0` for none (an opaque access token, good for `/userinfo` only), or
//! `i` to type an audience (when the credentials cannot list APIs).

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::App;
use crate::tui::action::{ApiChoice, AppChoice};
use crate::tui::command::Command;
use crate::tui::overlay::Popup;
use crate::tui::remote::Remote;

impl App {
    pub(super) fn on_choose_api_key(
        &mut self,
        app: AppChoice,
        apis: Remote<Vec<ApiChoice>>,
        input: Option<Input>,
        key: KeyEvent,
    ) -> Vec<Command> {
        let chosen: Option<ApiChoice> = match (input, key.code) {
            (_, KeyCode::Esc) => {
                self.popup = None;
                self.status.info("cancelled; no login was started");
                return Vec::new();
            }
            (Some(input), KeyCode::Enter) => {
                let audience = input.value().trim().to_string();
                if audience.is_empty() {
                    None
                } else {
                    Some(ApiChoice { name: audience.clone(), identifier: audience, scopes: Vec::new() })
                }
            }
            (Some(mut input), _) => {
                input.handle_event(&crossterm::event::Event::Key(key));
                self.popup = Some(Popup::ChooseApi { app, apis, input: Some(input) });
                return Vec::new();
            }
            (None, KeyCode::Char('i')) => {
                self.popup = Some(Popup::ChooseApi { app, apis, input: Some(Input::default()) });
                return Vec::new();
            }
            (None, KeyCode::Char('0') | KeyCode::Char('n')) => None,
            (None, KeyCode::Char(c @ '1'..='9')) => {
                let picked = apis.loaded().and_then(|list| list.get(c as usize - '1' as usize)).cloned();
                if picked.is_none() {
                    self.popup = Some(Popup::ChooseApi { app, apis, input: None });
                    return Vec::new();
                }
                picked
            }
            (input, _) => {
                self.popup = Some(Popup::ChooseApi { app, apis, input });
                return Vec::new();
            }
        };
        self.popup = None;
        let login_hint = self.selected_user.as_ref().and_then(|u| u.email()).map(str::to_string);
        self.status.info(match &chosen {
            Some(api) => format!(
                "starting the login, for an access token to {}…",
                crate::output::text::clean(&api.identifier)
            ),
            None => "starting the login, for an opaque access token (no API)…".to_string(),
        });
        vec![Command::Login { req: self.next_request(), app, login_hint, api: chosen }]
    }
}
