//! Command mode: `:` opens a line at the bottom; Tab completes the command word, ↑/↓ walk the
//! history, Enter runs it, Esc leaves.

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::App;
use crate::tui::command::Command;
use crate::tui::command_line::{self, Typed};
use crate::tui::overlay::Popup;
use crate::tui::panes::{FollowUp, Pane, user_id_query};

impl App {
    /// Each pane's command word (its title, lower case).
    pub fn pane_names(&self) -> Vec<(Pane, String)> {
        Pane::ALL.iter().map(|p| (*p, self.panes.get(*p).title().to_lowercase())).collect()
    }

    pub(super) fn open_command_line(&mut self) -> Vec<Command> {
        self.popup = Some(Popup::Command { input: Input::default(), recalled: None, cycling: None });
        Vec::new()
    }

    pub(super) fn on_command_key(
        &mut self,
        mut input: Input,
        recalled: Option<usize>,
        cycling: Option<(String, usize)>,
        key: KeyEvent,
    ) -> Vec<Command> {
        let mut recalled = recalled;
        let mut next_cycling = None;
        match key.code {
            KeyCode::Esc => {
                self.popup = None;
                return Vec::new();
            }
            KeyCode::Enter => {
                self.popup = None;
                return self.run_command_line(input.value().to_string());
            }
            KeyCode::Tab | KeyCode::BackTab => {
                // Tab again goes on through the same completions; anything else typed starts anew.
                let (typed, at) = match cycling {
                    Some((typed, at)) => {
                        let step = if key.code == KeyCode::BackTab { -1 } else { 1 };
                        (typed, at.checked_add_signed(step))
                    }
                    None => (input.value().to_string(), Some(0)),
                };
                let candidates = command_line::candidates(&typed, &self.pane_names());
                if !candidates.is_empty() {
                    let at = at.unwrap_or(candidates.len() - 1) % candidates.len();
                    let shown = &candidates[at];
                    input =
                        Input::new(if candidates.len() == 1 { format!("{shown} ") } else { shown.clone() });
                    if candidates.len() > 1 {
                        self.status.info(format!("Tab: {}", candidates.join(" ")));
                        next_cycling = Some((typed, at));
                    }
                }
            }
            KeyCode::Up | KeyCode::Down => {
                let history = self.history.lines(self.profile.as_deref());
                let last = history.len().checked_sub(1);
                recalled = match (key.code, recalled) {
                    (KeyCode::Up, None) => last,
                    (KeyCode::Up, Some(i)) => Some(i.saturating_sub(1)),
                    (KeyCode::Down, Some(i)) if Some(i) < last => Some(i + 1),
                    _ => None,
                };
                input = Input::new(recalled.and_then(|i| history.get(i)).cloned().unwrap_or_default());
            }
            _ => {
                input.handle_event(&crossterm::event::Event::Key(key));
            }
        }
        self.popup = Some(Popup::Command { input, recalled, cycling: next_cycling });
        Vec::new()
    }

    /// `:ctx NAME` asks the loop to connect to that profile; `:ctx` alone opens the picker, at
    /// the profile in use.
    fn switch_context(&mut self, name: Option<String>) {
        let listed = if self.profiles.is_empty() { "none".to_string() } else { self.profiles.join(", ") };
        match name {
            Some(name) if self.profiles.contains(&name) => {
                self.status.info(format!("connecting to {}…", crate::output::text::clean(&name)));
                self.switch_to = Some(name);
            }
            Some(name) => self.status.error(format!(
                "no profile {} in the config file; profiles: {listed}",
                crate::output::text::clean(&name)
            )),
            None if self.profiles.is_empty() => {
                self.status.error("no profiles to switch to: the config file has none (or this is the demo)")
            }
            None => {
                let current = self.profiles.iter().position(|p| Some(p) == self.profile.as_ref());
                self.popup = Some(Popup::Context(current.unwrap_or(0)));
            }
        }
    }

    /// The picker: ↑/↓ (j/k) move, a digit or Enter switches, Esc (q) leaves.
    pub(super) fn on_context_key(&mut self, at: usize, key: KeyEvent) -> Vec<Command> {
        let last = self.profiles.len().saturating_sub(1);
        let chosen = match key.code {
            KeyCode::Esc | KeyCode::Char('q') => None,
            KeyCode::Up | KeyCode::Char('k') => {
                self.popup = Some(Popup::Context(at.saturating_sub(1)));
                return Vec::new();
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.popup = Some(Popup::Context((at + 1).min(last)));
                return Vec::new();
            }
            KeyCode::Enter => Some(at),
            KeyCode::Char(c @ '1'..='9') => Some(c as usize - '1' as usize).filter(|&i| i <= last),
            _ => {
                self.popup = Some(Popup::Context(at));
                return Vec::new();
            }
        };
        self.popup = None;
        if let Some(name) = chosen.and_then(|i| self.profiles.get(i)).cloned() {
            if Some(&name) == self.profile.as_ref() {
                self.status.info(format!("already on {}", crate::output::text::clean(&name)));
            } else {
                self.switch_context(Some(name));
            }
        }
        Vec::new()
    }

    fn run_command_line(&mut self, line: String) -> Vec<Command> {
        self.history.push(self.profile.as_deref(), &line);
        let typed = match command_line::parse(&line, &self.pane_names()) {
            Ok(typed) => typed,
            Err(hint) => {
                self.status.error(hint);
                return Vec::new();
            }
        };
        match typed {
            Typed::Users(query) => {
                self.focus = Pane::Users;
                self.with_cx(|panes, cx| panes.users.search_for(query, cx)).0
            }
            Typed::User(who) => {
                let query = if who.contains('@') && !who.contains('|') {
                    format!("email:\"{}\"", who.replace('"', "\\\""))
                } else {
                    user_id_query(&who)
                };
                self.follow(FollowUp::SearchUsers(query))
            }
            Typed::Show(pane) => {
                self.focus = pane;
                Vec::new()
            }
            Typed::Context(name) => {
                self.switch_context(name);
                Vec::new()
            }
            Typed::ReadOnly => {
                self.read_only = true;
                self.read_only_locked = true;
                self.status.info("read-only for the rest of the session: nothing destructive will be sent");
                vec![Command::LockReadOnly { req: self.next_request() }]
            }
            Typed::Help => {
                self.popup = Some(Popup::Help(0));
                Vec::new()
            }
            Typed::Messages => {
                self.popup = Some(Popup::Messages(0));
                Vec::new()
            }
            Typed::Requests => {
                self.popup = Some(Popup::Requests(0));
                Vec::new()
            }
            Typed::Quit => {
                self.should_quit = true;
                Vec::new()
            }
        }
    }
}
