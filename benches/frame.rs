//! One full frame of the Users pane with 1,000 and 100,000 users loaded. Only visible rows are
//! built, so the two should cost the same.

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenantscope::auth0::{User, UserRow};
use tenantscope::sim::seed;
use tenantscope::timefmt::Clock;
use tenantscope::tui::panes::UsersEnd;
use tenantscope::tui::{App, ui};

fn app_with(users: &[User], count: usize) -> App {
    let now = DateTime::parse_from_rfc3339("2026-11-22T09:00:00Z").unwrap().with_timezone(&Utc);
    let mut app = App::new("acme.eu.auth0.com".into(), false, Clock::fixed(now));
    app.panes.users.rows = users.iter().cycle().take(count).map(UserRow::from).collect();
    app.panes.users.end = UsersEnd::Complete;
    // Deep in the list, so the window is not simply the first rows.
    app.panes.users.selection.selected = count / 2;
    app
}

fn frame(c: &mut Criterion) {
    let tenant = seed::seed("https://acme.eu.auth0.com", 1000, 42);
    let users: Vec<User> = tenant.users.iter().map(User).collect();
    let mut group = c.benchmark_group("frame_120x40");
    for count in [1_000, 100_000] {
        let app = app_with(&users, count);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(count), &app, |b, app| {
            b.iter(|| {
                terminal.draw(|f| ui::draw(black_box(app), f)).unwrap();
            });
        });
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
