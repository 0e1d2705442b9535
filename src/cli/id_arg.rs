//! How ids enter from the command line, for every subcommand's arguments.

/// An id as it enters from the command line: not empty, `.` or `..` (bad usage, exit 2).
pub fn id(text: &str) -> Result<String, String> {
    crate::auth0::tenant::check_id(text).map(|()| text.to_string())
}
