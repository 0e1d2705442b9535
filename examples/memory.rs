//! How much memory the Users pane takes with a whole tenant loaded.
//!
//!     cargo run --release --example memory -- write /tmp/users.ndjson 100000
//!     cargo run --release --example memory -- load /tmp/users.ndjson
//!
//! `write` saves a seeded tenant's users as an export file (NDJSON, as Auth0's export is once
//! decompressed); `load`, in a fresh process, reads it into the app as an export does, draws a
//! frame, and prints the resident memory.

use std::io::{BufRead, BufReader, BufWriter, Write};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenantscope::auth0::UserRow;
use tenantscope::timefmt::Clock;
use tenantscope::tui::panes::UsersEnd;
use tenantscope::tui::{App, ui};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("write") => {
            let count: usize = args[3].parse().expect("a number of users");
            let tenant = tenantscope::sim::seed::seed("https://acme.eu.auth0.com", count, 42);
            let mut out = BufWriter::new(std::fs::File::create(&args[2]).expect("a writable path"));
            for user in tenant.users.texts() {
                out.write_all(user.as_bytes()).unwrap();
                out.write_all(b"\n").unwrap();
            }
            out.flush().unwrap();
        }
        Some("load") => {
            let before = rss_kib();
            let file = BufReader::new(std::fs::File::open(&args[2]).expect("the file written by `write`"));
            let mut app = App::new("acme.eu.auth0.com".into(), false, Clock::system());
            for line in file.lines() {
                app.panes.users.rows.push(UserRow::from_json(&line.unwrap()).unwrap());
            }
            app.panes.users.end = UsersEnd::Complete;
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            terminal.draw(|f| ui::draw(&app, f)).unwrap();
            let after = rss_kib();
            println!(
                "{} users loaded: resident {:.0} MB (the process started at {:.0} MB)",
                app.panes.users.rows.len(),
                after as f64 / 1024.0,
                before as f64 / 1024.0
            );
        }
        _ => eprintln!("usage: memory write PATH COUNT | memory load PATH"),
    }
}

/// VmRSS from /proc/self/status, in KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}
