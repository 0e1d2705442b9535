//! The two output encoders every byte leaves through: the text encoder on a plain table cell, a
//! multi-line report and a hostile name, and the JSON encoder on a user object.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;
use tenantscope::output::{json, text};

fn encode(c: &mut Criterion) {
    let cell = "Zoë Åkesson — zoe.akesson@example.com";
    let report = "Kind       an access token for an API\n           · aud names an API\nChecks     ✓ exp  expires in 23h 59m\n".repeat(8);
    let hostile = "Mallory\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m Eve\u{202e}gnp.exe";
    let user = json!({
        "user_id": "auth0|64ab0123456789abcdef0123", "name": "Zoë Åkesson", "email": "zoe@example.com",
        "identities": [{"connection": "Username-Password-Authentication", "provider": "auth0"}],
        "app_metadata": {"plan": "gold"}, "logins_count": 42, "nickname": hostile,
    });
    c.bench_function("text_clean_plain_cell", |b| b.iter(|| text::clean(black_box(cell))));
    c.bench_function("text_clean_lines_report", |b| b.iter(|| text::clean_lines(black_box(&report))));
    c.bench_function("text_clean_hostile_name", |b| b.iter(|| text::clean(black_box(hostile))));
    c.bench_function("json_user_compact", |b| b.iter(|| json::to_string(black_box(&user)).unwrap()));
    c.bench_function("json_user_serde_alone", |b| {
        b.iter(|| serde_json::to_string(black_box(&user)).unwrap())
    });
}

criterion_group!(benches, encode);
criterion_main!(benches);
