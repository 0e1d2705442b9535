//! Every integration test in one binary, so the crate is linked once instead of once a file:
//! each file a module, sharing `common` (the simulated tenant, the real binary) and
//! `tui_common` (an app over a seeded tenant). The pseudo-terminal tests run here too: they drive
//! the real binary, whichever binary they are in.

mod common;
mod tui_common;

mod architecture;
mod cli;
mod cli_args;
mod cli_confirm;
mod cli_width;
mod client;
mod decode;
mod decode_props;
mod doctor;
mod export;
mod hostile;
mod hostile_bounds;
mod http_props;
mod layers;
mod login;
mod login_cli;
mod logs;
mod openapi;
mod paging;
mod pty;
mod quick_start;
mod redaction;
mod refresh_lifecycle;
mod session_log;
mod shell_scripts;
mod sim_contract;
mod sim_props;
mod tls;
mod tui_command_mode;
mod tui_ctx;
mod tui_e2e;
mod tui_finding;
mod tui_keys;
mod tui_logs;
mod tui_loop;
mod tui_snapshots;
mod tui_tokens;
mod tui_update;
