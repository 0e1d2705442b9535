//! The terminal UI: one event loop over terminal events, an action channel and a tick;
//! `App::update` turns each action into state changes and commands; commands run as tokio tasks
//! whose results come back as actions; `ui::draw` renders the state.

pub mod action;
pub mod app;
mod asker;
pub mod command;
pub mod command_line;
mod export_task;
pub mod history;
pub mod key_names;
pub mod keybind;
pub mod keymap;
pub mod overlay;
pub mod panes;
pub mod remote;
pub mod requests;
pub mod run;
pub mod session_log;
pub mod session_row;
mod task_failed;
pub mod tenant;
mod token_tasks;
pub mod ui;

pub use action::Action;
pub use app::App;
pub use command::{Command, Runner};
