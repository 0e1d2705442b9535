//! The Auth0 access layer: the Management API and Authentication API over HTTP, exactly as Auth0
//! speaks them (its OpenAPI document, its documentation, and the traffic its own SDKs record; each
//! fact the code relies on is stated where it is used), with rate limits, retries and Auth0's own
//! errors.
//!
//! A crate of its own so the compiler holds the direction: it knows no terminal (no ratatui,
//! crossterm, tui-input or arboard) and no other crate of tenantscope's. It also holds the one text
//! encoder ([`text`]), since the tenant's words first arrive here and its errors are cleaned here.

// Nothing here prints: the application decides what reaches a terminal, and how.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]

pub mod authentication;
mod body;
pub mod download;
pub mod download_guard;
pub mod error;
pub mod events;
pub mod export;
mod hints;
pub mod html;
pub mod http;
pub mod json_size;
pub mod log_event;
pub mod login;
pub mod logs_follow;
pub mod management;
pub mod models;
pub mod paging;
pub mod proof;
pub mod rate_limit;
pub mod redact;
pub mod request;
mod send;
pub mod sent;
pub mod tenant;
pub mod text;
pub mod token;
pub mod user_row;

pub use authentication::{AppCredentials, AuthenticationApi, TokenResponse};
pub use error::{Api, Auth0Error};
pub use http::{Http, HttpEvent, HttpOptions};
pub use log_event::LogEvent;
pub use management::{
    Deleted, DeviceFilter, GrantFilter, ManagementClient, SearchEnd, UserQuery, UserSearch,
};
pub use models::{
    Client, ClientNames, DeviceCredential, Grant, RefreshTokenInfo, ResourceServer, Session, User,
};
pub use rate_limit::RateLimit;
pub use tenant::Tenant;
pub use token::Credentials;
pub use user_row::UserRow;
