//! What a shell and `man` need: completion scripts (clap_complete) and the manual page
//! (clap_mangen), both generated from the same command definition as `--help`, so they never
//! drift from it.

use std::path::Path;

/// `tenantscope completions SHELL`: the script on stdout.
pub fn completions(mut command: clap::Command, shell: clap_complete::Shell) -> std::io::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "tenantscope", &mut script);
    print(script)
}

/// `tenantscope man`: the main page as roff on stdout, or every page into `dir`.
pub fn man(command: clap::Command, dir: Option<&Path>) -> std::io::Result<()> {
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)?;
        return clap_mangen::generate_to(command, dir);
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    print(page)
}

/// Through the text encoder like all output; the generated text holds no control characters
/// beyond line breaks, so it passes unchanged.
fn print(bytes: Vec<u8>) -> std::io::Result<()> {
    let text = String::from_utf8(bytes).map_err(std::io::Error::other)?;
    crate::output::out(format_args!("{text}"));
    Ok(())
}
