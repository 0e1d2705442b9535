//! How costs grow with the tenant, at 1,000 to 1,000,000 users: a full frame with the filter and
//! a sort on, one keystroke of the local filter, sorting by a column, and an export file read into
//! the roster (decompressed, parsed, each user's text written to the spool). The frame should stay
//! flat; the others grow no faster than linearly.

use std::hint::black_box;
use std::io::Write;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenantscope::auth0::UserRow;
use tenantscope::roster::order::{Sort, SortColumn, sorted};
use tenantscope::roster::spool::Spool;
use tenantscope::roster::{Batch, Roster};
use tenantscope::timefmt::Clock;
use tenantscope::tui::panes::{LocalFilter, UsersEnd};
use tenantscope::tui::{App, ui};

const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

/// A tenant's users as export lines (JSON text, one user each), from 20,000 seeded users.
fn export_lines(count: usize) -> Vec<String> {
    let tenant = tenantscope::sim::seed::seed("https://acme.eu.auth0.com", 20_000.min(count), 42);
    let lines: Vec<String> = tenant.users.texts().map(str::to_string).collect();
    lines.into_iter().cycle().take(count).collect()
}

fn roster(count: usize) -> Roster {
    export_lines(count).iter().map(|line| UserRow::from_json(line).unwrap()).collect()
}

fn app_with(rows: Roster) -> App {
    let now = DateTime::parse_from_rfc3339("2026-11-22T09:00:00Z").unwrap().with_timezone(&Utc);
    let mut app = App::new("acme.eu.auth0.com".into(), false, Clock::fixed(now));
    app.panes.users.rows = rows;
    app.panes.users.end = UsersEnd::Complete;
    let mut filter = LocalFilter::new(&app.panes.users.rows);
    filter.input = "zo".into();
    filter.pattern_changed(&app.panes.users.rows);
    app.panes.users.filter = Some(filter);
    app.panes.users.set_sort(Some(Sort { column: SortColumn::LastLogin, descending: true }));
    app.panes.users.selection.selected = app.panes.users.visible_len() / 2;
    app
}

fn scale(c: &mut Criterion) {
    let mut frame = c.benchmark_group("scale_frame_120x40");
    for count in SIZES {
        let app = app_with(roster(count));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        frame.bench_with_input(BenchmarkId::from_parameter(count), &app, |b, app| {
            b.iter(|| {
                terminal.draw(|f| ui::draw(black_box(app), f)).unwrap();
            });
        });
    }
    frame.finish();

    // One keystroke: the pattern grows by a letter ("zo" → "zoe"), and the first one ("z").
    let mut filter = c.benchmark_group("scale_filter_keystroke");
    filter.sample_size(20);
    for count in SIZES {
        let rows = roster(count);
        filter.throughput(Throughput::Elements(count as u64));
        let typed = |from: &str, to: &str| {
            let mut f = LocalFilter::new(&rows);
            f.input = from.into();
            f.pattern_changed(&rows);
            (f, to.to_string())
        };
        for (name, from, to) in [("zo_to_zoe", "zo", "zoe"), ("first_letter", "", "z")] {
            filter.bench_function(BenchmarkId::new(name, count), |b| {
                b.iter_batched(
                    || typed(from, to),
                    |(mut f, to)| {
                        f.input = to.as_str().into();
                        f.pattern_changed(&rows);
                        f.matches.len()
                    },
                    criterion::BatchSize::LargeInput,
                );
            });
        }
    }
    filter.finish();

    let mut sort = c.benchmark_group("scale_sort_last_login");
    sort.sample_size(10);
    for count in SIZES {
        let rows = roster(count);
        sort.bench_function(BenchmarkId::from_parameter(count), |b| {
            b.iter(|| sorted(&rows, Sort { column: SortColumn::LastLogin, descending: true }).len());
        });
    }
    sort.finish();

    // An export file as it arrives: gzip'd NDJSON, decompressed, parsed, spooled, into the roster.
    let mut parse = c.benchmark_group("scale_export_load");
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
            b.iter(|| load(file));
        });
    }
    parse.finish();
}

fn load(file: &[u8]) -> usize {
    use std::io::BufRead;
    let (spool, mut writer) = Spool::create().unwrap();
    let spool = Arc::new(spool);
    let mut roster = Roster::default();
    let mut batch = Batch::spooled(spool.clone());
    for line in std::io::BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
        let line = line.unwrap();
        let user = UserRow::from_json(&line).unwrap();
        batch.push_spooled(&user, writer.write(&line).unwrap());
        if batch.len() == 5_000 {
            writer.flush().unwrap();
            roster.append(std::mem::replace(&mut batch, Batch::spooled(spool.clone())));
        }
    }
    writer.flush().unwrap();
    roster.append(batch);
    roster.len()
}

criterion_group!(benches, scale);
criterion_main!(benches);
