//! The arguments of the commands that need no tenant: `completions`, `man` and `secret`.

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

/// `secret set PROFILE` / `secret delete PROFILE`.
#[derive(Debug, Args)]
pub struct SecretArgs {
    #[command(subcommand)]
    pub action: SecretAction,
}

#[derive(Debug, clap::Subcommand)]
pub enum SecretAction {
    /// Store a profile's client secret in the OS keyring, read from the terminal without echo
    /// (or one line of stdin off a terminal)
    Set {
        /// The profile it is for ([profiles.NAME] in the config file)
        profile: String,
    },
    /// Remove a profile's client secret from the OS keyring
    Delete {
        /// The profile it is for
        profile: String,
    },
}
