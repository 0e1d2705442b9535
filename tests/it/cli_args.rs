//! `tenantscope decode` has its own small parser (see `DecodeCommandLine`): it must accept, reject
//! and explain exactly what the `decode` subcommand of the full command line does.

use clap::Parser;
use tenantscope::cli::Cli;

/// What the full command tree makes of an argument list: the parsed value, or clap's message.
fn full(args: &[&str]) -> String {
    match Cli::try_parse_from(args) {
        Ok(cli) => format!("{cli:?}"),
        Err(err) => format!("{:?}: {err}", err.kind()),
    }
}

fn short_road(args: &[&str]) -> String {
    match Cli::try_from_args(args) {
        Ok(cli) => format!("{cli:?}"),
        Err(err) => format!("{:?}: {err}", err.kind()),
    }
}

#[test]
fn decode_parses_the_same_on_both_roads() {
    let lines: &[&[&str]] = &[
        &["tenantscope", "decode"],
        &["tenantscope", "decode", "-"],
        &["tenantscope", "decode", "a.b.c"],
        &["tenantscope", "decode", "a.b.c", "--verify", "--json", "--leeway", "5"],
        &[
            "tenantscope",
            "decode",
            "--jwks",
            "keys.json",
            "--expect-iss",
            "https://x/",
            "--expect-aud",
            "api",
        ],
        &["tenantscope", "decode", "a.b.c", "--domain", "acme.eu.auth0.com", "--ca-cert", "a.pem", "--demo"],
        &["tenantscope", "decode", "--read-only", "--profile", "p", "--config", "c.toml", "--audit-log", "a"],
        &["tenantscope", "decode", "--help"],
        &["tenantscope", "decode", "-h"],
        &["tenantscope", "decode", "--leeway", "soon"],
        &["tenantscope", "decode", "--no-such-option"],
        &["tenantscope", "decode", "a.b.c", "d.e.f"],
        &["tenantscope", "decode", "--version"],
        &["tenantscope", "decode", "--jwks"],
    ];
    for line in lines {
        assert_eq!(short_road(line), full(line), "for {line:?}");
    }
}

#[test]
fn other_command_lines_take_the_full_road() {
    for line in [
        &["tenantscope", "--domain", "x", "decode", "a.b.c"][..],
        &["tenantscope", "users", "--query", "decode"],
        &["tenantscope"],
        &["tenantscope", "--help"],
    ] {
        assert_eq!(short_road(line), full(line), "for {line:?}");
    }
}

#[test]
fn only_decoding_without_verification_runs_without_network() {
    let needs_io = |line: &[&str]| Cli::try_from_args(line).unwrap().needs_io();
    assert!(!needs_io(&["tenantscope", "decode", "a.b.c"]));
    assert!(!needs_io(&["tenantscope", "decode", "a.b.c", "--expect-aud", "api", "--json"]));
    assert!(needs_io(&["tenantscope", "decode", "a.b.c", "--verify"]));
    assert!(needs_io(&["tenantscope", "decode", "a.b.c", "--jwks", "keys.json"]));
    assert!(needs_io(&["tenantscope", "--demo", "decode", "a.b.c"]));
    assert!(needs_io(&["tenantscope", "users"]));
    assert!(needs_io(&["tenantscope"]));
}

#[test]
fn grants_audience_is_a_filter_and_the_management_audience_has_its_own_flag() {
    use tenantscope::cli::Command;
    let parse = |line: &[&str]| Cli::try_from_args(line).unwrap();
    let filter =
        parse(&["tenantscope", "grants", "--user", "auth0|1", "--audience", "https://api.example.com/"]);
    let Some(Command::Grants(grants)) = &filter.command else { panic!("{filter:?}") };
    assert_eq!(grants.filter.audience.as_deref(), Some("https://api.example.com/"));
    assert_eq!(filter.global.management_audience, None, "the filter is not the token's audience");

    let new = parse(&["tenantscope", "grants", "--management-audience", "https://t/api/v2/"]);
    assert_eq!(new.global.management_audience.as_deref(), Some("https://t/api/v2/"));
    // The old spelling before a subcommand (or with none: the terminal UI) keeps its meaning.
    let old = parse(&["tenantscope", "--audience", "https://t/api/v2/", "users"]);
    assert_eq!(old.global.management_audience.as_deref(), Some("https://t/api/v2/"));
    let tui = parse(&["tenantscope", "--audience", "https://t/api/v2/"]);
    assert_eq!(tui.global.connection().audience.as_deref(), Some("https://t/api/v2/"));
}

#[test]
fn every_subcommands_help_ends_with_examples() {
    use clap::CommandFactory;
    let cli = tenantscope::cli::Cli::command();
    let missing: Vec<&str> = cli
        .get_subcommands()
        .filter(|c| !c.get_after_help().is_some_and(|h| h.to_string().starts_with("Example")))
        .map(|c| c.get_name())
        .collect();
    assert!(missing.is_empty(), "subcommands whose --help ends without examples: {missing:?}");
}
