//! How much memory the Users pane takes with a whole tenant loaded.
//!
//!     cargo run --release --example memory -- write /tmp/users.ndjson 1000000
//!     cargo run --release --example memory -- load /tmp/users.ndjson
//!
//! `write` saves a seeded tenant's users as an export file (NDJSON, as Auth0's export is once
//! decompressed); `load`, in a fresh process, reads it into the app as an export does (each
//! user's text into the spool file, its columns into the roster), turns the filter on with a
//! pattern and a sort, draws a frame, and prints the resident memory and how long each step took.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::sync::Arc;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenantscope::auth0::UserRow;
use tenantscope::roster::Batch;
use tenantscope::roster::order::{Sort, SortColumn};
use tenantscope::roster::spool::Spool;
use tenantscope::timefmt::Clock;
use tenantscope::tui::panes::{LocalFilter, UsersEnd};
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
        Some("load") => load(&args[2]),
        _ => eprintln!("usage: memory write PATH COUNT | memory load PATH"),
    }
}

fn load(path: &str) {
    let before = status("VmRSS:");
    let started = Instant::now();
    let file = BufReader::new(std::fs::File::open(path).expect("the file written by `write`"));
    let mut app = App::new("acme.eu.auth0.com".into(), false, Clock::system());
    let (spool, mut writer) = Spool::create().expect("a spool under the cache folder");
    let spool = Arc::new(spool);
    let mut batch = Batch::spooled(spool.clone());
    for line in file.lines() {
        let line = line.unwrap();
        let user = UserRow::from_json(&line).unwrap();
        batch.push_spooled(&user, writer.write(&line).unwrap());
        if batch.len() == 5_000 {
            writer.flush().unwrap();
            app.panes.users.rows.append(std::mem::replace(&mut batch, Batch::spooled(spool.clone())));
        }
    }
    writer.flush().unwrap();
    app.panes.users.rows.append(batch);
    app.panes.users.end = UsersEnd::Complete;
    let loaded = started.elapsed();

    let started = Instant::now();
    let mut filter = LocalFilter::new(&app.panes.users.rows);
    filter.input = "zo".into();
    filter.pattern_changed(&app.panes.users.rows);
    app.panes.users.filter = Some(filter);
    let filtered = started.elapsed();
    let started = Instant::now();
    app.panes.users.set_sort(Some(Sort { column: SortColumn::LastLogin, descending: true }));
    let sorted = started.elapsed();

    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let started = Instant::now();
    terminal.draw(|f| ui::draw(&app, f)).unwrap();
    let drawn = started.elapsed();
    println!(
        "{} users loaded in {loaded:.2?}: resident {:.0} MB, peak {:.0} MB (the process started at {:.0} MB)",
        app.panes.users.rows.len(),
        status("VmRSS:") as f64 / 1024.0,
        status("VmHWM:") as f64 / 1024.0,
        before as f64 / 1024.0
    );
    println!(
        "filter \"zo\": {} matches in {filtered:.2?}; sort by last login: {sorted:.2?}; first frame: {drawn:.2?}",
        app.panes.users.visible_len()
    );
}

/// A line of /proc/self/status, in KiB.
fn status(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(key)).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}
