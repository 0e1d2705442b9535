//! The arguments of `completions` and `man`.

use clap::Args;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write one page per subcommand (tenantscope.1, tenantscope-users.1, …) into this folder
    /// instead of printing the main page
    #[arg(long, value_name = "DIR")]
    pub dir: Option<std::path::PathBuf>,
}
