//! Typed calls to Auth0's Management API v2: the client and its plumbing here (tokens, a 401
//! renewed once, deletes); each family of endpoints in its own file.

mod client;
mod clients;
mod devices;
mod grants;
mod listing;
mod logs;
mod resource_servers;
mod sessions;
mod users;

pub use client::{Deleted, MAX_PER_PAGE, ManagementClient, SEARCH_RESULT_CAP};
pub use devices::DeviceFilter;
pub use grants::GrantFilter;
pub use logs::MAX_TAKE;
pub use users::{SearchEnd, UserQuery, UserSearch, UsersPage, reachable_search_pages};
