//! How costs grow with the tenant: a full frame, one keystroke of the local filter, and parsing an
//! export file, at 1,000, 10,000 and 100,000 users. The frame should stay flat; the others grow
//! no faster than linearly.

use std::hint::black_box;
use std::io::Write;

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenantscope::auth0::UserRow;
use tenantscope::timefmt::Clock;
use tenantscope::tui::panes::{LocalFilter, UsersEnd};
use tenantscope::tui::{App, ui};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// A tenant's users as export lines (JSON text, one user each).
fn export_lines(count: usize) -> Vec<String> {
    let tenant = tenantscope::sim::seed::seed("https://acme.eu.auth0.com", 2_000, 42);
    let lines: Vec<String> = tenant.users.texts().map(str::to_string).collect();
    lines.into_iter().cycle().take(count).collect()
}

fn users(count: usize) -> Vec<UserRow> {
    export_lines(count).iter().map(|line| UserRow::from_json(line).unwrap()).collect()
}

fn app_with(rows: Vec<UserRow>) -> App {
    let now = DateTime::parse_from_rfc3339("2026-11-22T09:00:00Z").unwrap().with_timezone(&Utc);
    let mut app = App::new("acme.eu.auth0.com".into(), false, Clock::fixed(now));
    app.panes.users.selection.selected = rows.len() / 2;
    app.panes.users.rows = rows;
    app.panes.users.end = UsersEnd::Complete;
    app
}

fn scale(c: &mut Criterion) {
    let mut frame = c.benchmark_group("scale_frame_120x40");
    for count in SIZES {
        let app = app_with(users(count));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        frame.bench_with_input(BenchmarkId::from_parameter(count), &app, |b, app| {
            b.iter(|| {
                terminal.draw(|f| ui::draw(black_box(app), f)).unwrap();
            });
        });
    }
    frame.finish();

    // One keystroke: the pattern grows by a letter and the matcher runs to completion.
    let mut filter = c.benchmark_group("scale_filter_keystroke");
    filter.sample_size(20);
    for count in SIZES {
        let rows = users(count);
        filter.throughput(Throughput::Elements(count as u64));
        filter.bench_function(BenchmarkId::from_parameter(count), |b| {
            b.iter_batched(
                || {
                    let mut f = LocalFilter::default();
                    f.sync_rows(&rows);
                    f.input = "zo".into();
                    f.pattern_changed("");
                    while {
                        f.tick(50);
                        f.running
                    } {}
                    f
                },
                |mut f| {
                    f.input = "zoe".into();
                    f.pattern_changed("zo");
                    while {
                        f.tick(50);
                        f.running
                    } {}
                    f.matches.len()
                },
                criterion::BatchSize::LargeInput,
            );
        });
    }
    filter.finish();

    // An export file as it arrives: gzip'd NDJSON, decompressed and parsed a user at a time.
    let mut parse = c.benchmark_group("scale_export_parse");
    parse.sample_size(10);
    for count in SIZES {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        for line in export_lines(count) {
            encoder.write_all(line.as_bytes()).unwrap();
            encoder.write_all(b"\n").unwrap();
        }
        let file = encoder.finish().unwrap();
        parse.throughput(Throughput::Elements(count as u64));
        parse.bench_with_input(BenchmarkId::from_parameter(count), &file, |b, file| {
            b.iter(|| {
                let text = std::io::read_to_string(flate2::read::GzDecoder::new(&file[..])).unwrap();
                let parsed: Vec<UserRow> = text.lines().map(|l| UserRow::from_json(l).unwrap()).collect();
                parsed.len()
            });
        });
    }
    parse.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
