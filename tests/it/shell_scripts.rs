//! The completion scripts parse in the shells they are for, and the manual page covers every
//! subcommand. Shells missing from the machine are skipped by name; bash is always checked.

use std::io::Write;
use std::process::{Command, Stdio};

fn tenantscope(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_tenantscope")).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// Whether `shell` accepts `script` without running it (`-n`); None when the shell is absent.
fn syntax_check(shell: &str, script: &[u8]) -> Option<Result<(), String>> {
    let mut child =
        Command::new(shell).arg("-n").stdin(Stdio::piped()).stderr(Stdio::piped()).spawn().ok()?;
    child.stdin.take().unwrap().write_all(script).unwrap();
    let out = child.wait_with_output().unwrap();
    Some(if out.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&out.stderr).into_owned()) })
}

#[test]
fn completion_scripts_parse_in_their_shells() {
    for shell in ["bash", "zsh", "fish"] {
        let script = tenantscope(&["completions", shell]);
        assert!(String::from_utf8_lossy(&script).contains("refresh-tokens"), "{shell} completes subcommands");
        match syntax_check(shell, &script) {
            Some(result) => result.unwrap_or_else(|e| panic!("{shell} rejects its completion script: {e}")),
            None if shell == "bash" => panic!("bash is needed to check the bash completion script"),
            None => eprintln!("{shell} is not installed here: its completion script went unchecked"),
        }
    }
    let powershell = String::from_utf8(tenantscope(&["completions", "powershell"])).unwrap();
    assert!(powershell.contains("Register-ArgumentCompleter") && powershell.contains("'logs'"));
}

#[test]
fn an_unknown_shell_is_refused_with_the_choices() {
    let out = Command::new(env!("CARGO_BIN_EXE_tenantscope")).args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bash") && stderr.contains("powershell"), "{stderr}");
}

#[test]
fn the_man_page_names_every_subcommand_and_global_option() {
    let page = String::from_utf8(tenantscope(&["man"])).unwrap();
    assert!(page.starts_with(".ie") && page.contains(".TH tenantscope 1"), "roff with a title");
    for name in
        ["users", "grants", "devices", "sessions", "refresh\\-token", "logs", "login", "doctor", "decode"]
    {
        assert!(page.contains(name), "the page lists {name}");
    }
    assert!(page.contains("\\-\\-read\\-only"), "global options are listed");
}

#[test]
fn man_dir_writes_one_page_per_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    tenantscope(&["man", "--dir", dir.path().to_str().unwrap()]);
    for page in ["tenantscope.1", "tenantscope-users.1", "tenantscope-grants-revoke.1", "tenantscope-logs.1"]
    {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".SH SYNOPSIS"), "{page} has a synopsis");
    }
    let users = std::fs::read_to_string(dir.path().join("tenantscope-users.1")).unwrap();
    assert!(users.contains("Lucene"), "a subcommand's page carries its own options' help");
}
