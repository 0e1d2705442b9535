//! Deterministic seed data with the variety real tenants have: several connections (ids with `|`
//! and `/`), accented, Japanese and emoji names, users without a name, blocked users, one hostile
//! name full of escape sequences, several applications and APIs, grants and device credentials.

use chrono::{DateTime, Duration as Days, SecondsFormat, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;

use super::log_book;
use super::state::{App, ClientGrant, Object, RefreshToken, Tenant};

/// Every scope tenantscope uses, granted to the simulated tenant's own M2M application.
pub const MANAGEMENT_SCOPES: &[&str] = &[
    "read:users",
    "read:grants",
    "delete:grants",
    "read:device_credentials",
    "delete:device_credentials",
    "read:clients",
    "read:refresh_tokens",
    "delete:refresh_tokens",
    "read:sessions",
    "delete:sessions",
    "read:logs",
    "read:logs_users",
    "update:users",
    "read:resource_servers",
];
/// The read-only application: no deletes, and no `read:clients`.
pub const READ_ONLY_SCOPES: &[&str] =
    &["read:users", "read:grants", "read:device_credentials", "read:logs", "read:logs_users"];

pub const FULL_ACCESS_APP: &str = "tenantscope";
pub const READ_ONLY_APP: &str = "tenantscope (read-only)";
pub const NO_MANAGEMENT_APP: &str = "Billing Worker";

/// The user whose name carries escape sequences, so every screen is tested against it.
pub const HOSTILE_NAME: &str = "Mallory\x1b]0;pwned\x07\x1b[2J";

/// The interactive apps' Allowed Callback URLs: where `tenantscope login` listens by default.
pub const LOOPBACK_CALLBACKS: &[&str] = &["http://127.0.0.1:8484/callback", "http://localhost:8484/callback"];

/// The password every seeded user shares unless `tenantscope sim --password` says otherwise.
pub const DEFAULT_PASSWORD: &str = "demo-password-1";

/// An API whose "Allow Offline Access" is off: a login for it gets no refresh token.
pub const ONLINE_ONLY_API: &str = "https://api.acme.test/billing";

const APIS: &[(&str, &[&str])] = &[
    ("https://api.acme.test/orders", &["read:orders", "write:orders"]),
    ("https://api.acme.test/billing", &["read:invoices"]),
    ("https://api.acme.test/reports", &["read:reports", "export:reports"]),
];

const FIRST: &[&str] = &[
    "Alice", "Bob", "Carol", "Dmitri", "Eve", "Fatima", "Grace", "Hiro", "Ines", "Jamal", "Kenji", "Lena",
    "Mateo", "Nadia", "Oscar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara",
    "Zane",
];
const LAST: &[&str] = &[
    "Anderson", "Brown", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova", "Johnson", "Kim",
    "Lopez", "Martin", "Nakamura", "Okafor", "Patel", "Rossi", "Smith", "Tanaka", "Walker",
];
const ACCENTED: &[&str] = &[
    "José Álvarez",
    "Zoë Brontë",
    "François Müller",
    "Søren Ærø",
    "Łukasz Żółć",
    "Björk Guðmundsdóttir",
    "Nguyễn Văn An",
    "Çağla Şener",
];
const JAPANESE: &[&str] = &["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健", "伊藤 さくら"];
const EMOJI: &[&str] = &["🦊 Fox Mulder", "Ana 🌸", "Dev 👩‍💻 Ops", "🚀 Rocket", "Sam 🎸"];
const DEVICES: &[&str] =
    &["iPhone 15", "Pixel 8", "Chrome on macOS", "Firefox on Windows", "Safari on iPad", "Galaxy S24"];

/// Seeded data is dated relative to this instant, so the same seed gives the same tenant.
fn reference_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-01T09:00:00Z").expect("a valid constant date").with_timezone(&Utc)
}

struct Connection {
    name: &'static str,
    provider: &'static str,
    social: bool,
    email_domain: &'static str,
}

const CONNECTIONS: &[(Connection, u32)] = &[
    (
        Connection {
            name: "Username-Password-Authentication",
            provider: "auth0",
            social: false,
            email_domain: "example.com",
        },
        55,
    ),
    (
        Connection {
            name: "google-oauth2",
            provider: "google-oauth2",
            social: true,
            email_domain: "gmail.com",
        },
        20,
    ),
    (
        Connection {
            name: "github",
            provider: "github",
            social: true,
            email_domain: "users.noreply.github.com",
        },
        8,
    ),
    (Connection { name: "acme-saml", provider: "samlp", social: false, email_domain: "acme.co" }, 9),
    (Connection { name: "corp-adfs", provider: "adfs", social: false, email_domain: "corp.acme.co" }, 8),
];

/// The scopes an API of the seed defines (`None`: not one of them).
pub fn api_scopes(audience: &str) -> Option<&'static [&'static str]> {
    APIS.iter().find(|(aud, _)| *aud == audience).map(|(_, scopes)| *scopes)
}

/// How many users (the first ones) have signed in lately: they hold grants, devices, sessions and
/// refresh tokens, and have a log history. The rest of a large tenant is dormant, as most of a
/// consumer tenant is, and costs only the user itself (about 600 bytes), so a million fit.
pub const ACTIVE_USERS: usize = 20_000;

/// Builds the tenant for `base` (its Management API audience is `{base}/api/v2/`).
pub fn seed(base: &str, users: usize, seed: u64) -> Tenant {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut tenant = Tenant::default();
    let management = format!("{base}/api/v2/");
    tenant.apis.push(management.clone());
    tenant.apis.extend(APIS.iter().map(|(aud, _)| aud.to_string()));
    tenant.apis_without_offline_access.push(ONLINE_ONLY_API.to_string());
    tenant.logins.password = DEFAULT_PASSWORD.to_string();

    let m2m = |rng: &mut ChaCha8Rng, name: &str| App {
        client_id: alnum(rng, 32),
        name: name.into(),
        client_secret: Some(alnum(rng, 64)),
        app_type: "non_interactive".into(),
        grant_types: vec!["client_credentials".into()],
        callbacks: Vec::new(),
    };
    let full = m2m(&mut rng, FULL_ACCESS_APP);
    let read_only = m2m(&mut rng, READ_ONLY_APP);
    let no_management = m2m(&mut rng, NO_MANAGEMENT_APP);
    let grant = |app: &App, audience: &str, scopes: &[&str]| ClientGrant {
        client_id: app.client_id.clone(),
        audience: audience.into(),
        scopes: scopes.iter().map(|s| s.to_string()).collect(),
    };
    tenant.client_grants.push(grant(&full, &management, MANAGEMENT_SCOPES));
    tenant.client_grants.push(grant(&read_only, &management, READ_ONLY_SCOPES));
    tenant.client_grants.push(grant(&no_management, APIS[1].0, APIS[1].1));
    tenant.apps.extend([full, read_only, no_management]);

    let interactive = [
        ("Acme Web", "regular_web", true),
        ("Acme iOS", "native", false),
        ("Acme Android", "native", false),
        ("Partner Portal", "spa", false),
        ("Support Console", "regular_web", true),
    ];
    for (name, app_type, confidential) in interactive {
        tenant.apps.push(App {
            client_id: alnum(&mut rng, 32),
            name: name.into(),
            client_secret: confidential.then(|| alnum(&mut rng, 64)),
            app_type: app_type.into(),
            grant_types: vec!["authorization_code".into(), "refresh_token".into()],
            callbacks: LOOPBACK_CALLBACKS.iter().map(|c| c.to_string()).collect(),
        });
    }
    let interactive_apps: Vec<App> = tenant.apps[3..].to_vec();

    // Sessions and token ids come from a stream of their own, so adding them left every user,
    // grant and device of a seed as it was.
    let mut extra = ChaCha8Rng::seed_from_u64(seed.wrapping_add(0x5e55_1045));
    let hostile_index = users.saturating_sub(1).min(7);
    for i in 0..users {
        let user = seed_user(&mut rng, i, i == hostile_index);
        if i < ACTIVE_USERS {
            let user_id = user["user_id"].as_str().unwrap_or_default().to_string();
            seed_access(&mut rng, &mut extra, &mut tenant, &user_id, &interactive_apps);
        }
        tenant.users.push(&user);
    }
    seed_logs(&mut tenant, &interactive_apps, seed, hostile_index);
    tenant
}

/// A few weeks of log history for every user, and the brute-force blocks it shows.
fn seed_logs(tenant: &mut Tenant, apps: &[App], seed: u64, hostile_index: usize) {
    let text = |u: &Object, key: &str| u.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    let people: Vec<(String, String, String)> = tenant
        .users
        .iter()
        .take(ACTIVE_USERS)
        .map(|u| {
            let connection = u["identities"][0]["connection"].as_str().unwrap_or_default().to_string();
            (text(&u, "user_id"), text(&u, "email"), connection)
        })
        .collect();
    let users: Vec<log_book::SeedUser> = people
        .iter()
        .enumerate()
        .map(|(i, (user_id, email, connection))| log_book::SeedUser {
            user_id,
            name: email,
            connection,
            hostile: i == hostile_index,
        })
        .collect();
    let apps: Vec<(String, String)> = apps.iter().map(|a| (a.client_id.clone(), a.name.clone())).collect();
    log_book::seed_history(&mut tenant.logs, &users, &apps, seed, reference_now());
    let blocked: Vec<(String, String, String)> = tenant
        .logs
        .events
        .iter()
        .filter(|e| e["type"] == "limit_wc")
        .map(|e| (text(e, "user_id"), text(e, "user_name"), text(e, "ip")))
        .collect();
    tenant.brute_force_blocks = blocked;
}

fn seed_user(rng: &mut ChaCha8Rng, index: usize, hostile: bool) -> Object {
    let name: Option<String> = if hostile {
        Some(HOSTILE_NAME.into())
    } else {
        match rng.random_range(0..100) {
            0..70 => Some(format!("{} {}", pick(rng, FIRST), pick(rng, LAST))),
            70..80 => Some(pick(rng, ACCENTED).into()),
            80..88 => Some(pick(rng, JAPANESE).into()),
            88..94 => Some(pick(rng, EMOJI).into()),
            _ => None,
        }
    };
    let connection = weighted_connection(rng);
    let slug: String = name
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let local = if slug.len() >= 3 { format!("{slug}.{index}") } else { format!("user.{index}") };
    let email = format!("{local}@{}", connection.email_domain);
    let provider_id = match connection.provider {
        "auth0" => hex(rng, 24),
        "google-oauth2" => digits(rng, 21),
        "github" => digits(rng, 8),
        "samlp" => format!("{}|{email}", connection.name),
        _ => format!("{}|CORP/{local}", connection.name),
    };
    let user_id = format!("{}|{provider_id}", connection.provider);

    let now = reference_now();
    let created = now - Days::days(rng.random_range(30..1200)) - Days::seconds(rng.random_range(0..86_400));
    let updated = created + Days::seconds(rng.random_range(0..(now - created).num_seconds().max(1)));
    let never_logged_in = rng.random_ratio(1, 20);

    let mut user = Object::new();
    user.insert("created_at".into(), json!(timestamp(created)));
    user.insert("email".into(), json!(email));
    user.insert("email_verified".into(), json!(rng.random_ratio(4, 5)));
    user.insert(
        "identities".into(),
        json!([{
            "connection": connection.name,
            "provider": connection.provider,
            "user_id": provider_id,
            "isSocial": connection.social,
        }]),
    );
    if let Some(name) = &name {
        user.insert("name".into(), json!(name));
    }
    user.insert("nickname".into(), json!(local));
    user.insert(
        "picture".into(),
        json!(format!("https://s.gravatar.com/avatar/{}?s=480&r=pg&d=identicon", hex(rng, 32))),
    );
    user.insert("updated_at".into(), json!(timestamp(updated)));
    user.insert("user_id".into(), json!(user_id));
    if rng.random_ratio(3, 5) {
        let plan = pick(rng, &["free", "pro", "enterprise"]);
        let roles: Vec<&str> =
            ["admin", "support", "billing"].into_iter().filter(|_| rng.random_ratio(1, 3)).collect();
        user.insert("app_metadata".into(), json!({ "plan": plan, "roles": roles }));
    }
    if rng.random_ratio(1, 2) {
        let locale = pick(rng, &["en", "ja", "fr", "de", "pt-BR"]);
        user.insert(
            "user_metadata".into(),
            json!({ "locale": locale, "theme": pick(rng, &["dark", "light"]) }),
        );
    }
    if !never_logged_in {
        let last_login = updated.max(created + Days::seconds(rng.random_range(0..86_400)));
        user.insert("last_ip".into(), json!(format!("203.0.113.{}", rng.random_range(1..255))));
        user.insert("last_login".into(), json!(timestamp(last_login.min(now))));
    }
    user.insert("logins_count".into(), json!(if never_logged_in { 0 } else { rng.random_range(1..500) }));
    if rng.random_ratio(1, 25) {
        user.insert("blocked".into(), json!(true));
    }
    user
}

/// Grants (0–5 per user) and, for those with `offline_access`, refresh tokens and their device
/// credentials; native apps sometimes also hold a public key.
fn seed_access(
    rng: &mut ChaCha8Rng,
    extra: &mut ChaCha8Rng,
    tenant: &mut Tenant,
    user_id: &str,
    apps: &[App],
) {
    let count = rng.random_range(0..=5);
    // The user's session, once their first token needs one (an index into tenant.sessions).
    let mut session: Option<usize> = None;
    let mut pairs: Vec<(usize, usize)> =
        (0..apps.len()).flat_map(|a| (0..APIS.len()).map(move |b| (a, b))).collect();
    for _ in 0..count {
        if pairs.is_empty() {
            break;
        }
        let (app_index, api_index) = pairs.swap_remove(rng.random_range(0..pairs.len()));
        let app = &apps[app_index];
        let (audience, api_scopes) = APIS[api_index];
        let offline = rng.random_ratio(2, 3);
        let mut scopes: Vec<&str> = vec!["openid", "profile", "email"];
        scopes.extend(api_scopes.iter().filter(|_| rng.random_ratio(2, 3)));
        if offline {
            scopes.push("offline_access");
        }
        let mut grant = Object::new();
        grant.insert("id".into(), json!(hex(rng, 24)));
        grant.insert("clientID".into(), json!(app.client_id));
        grant.insert("user_id".into(), json!(user_id));
        grant.insert("audience".into(), json!(audience));
        grant.insert("scope".into(), json!(scopes));
        tenant.grants.push(grant);

        let device = pick(rng, DEVICES);
        if offline && rng.random_ratio(3, 4) {
            let rotating = app.app_type != "regular_web";
            let kind = if rotating { "rotating_refresh_token" } else { "refresh_token" };
            let credential_id = push_device_credential(rng, tenant, user_id, &app.client_id, device, kind);
            let token = refresh_token_value(rng);
            let session_id = session_for(extra, tenant, &mut session, user_id, &app.client_id);
            tenant.refresh_tokens.insert(
                token,
                RefreshToken {
                    id: format!("rt_{}", alnum(extra, 20)),
                    session_id: Some(session_id),
                    created_at: timestamp(reference_now() - Days::days(extra.random_range(1..90))),
                    user_id: user_id.into(),
                    client_id: app.client_id.clone(),
                    audience: audience.into(),
                    scopes: scopes.iter().map(|s| s.to_string()).collect(),
                    rotating,
                    device_credential_id: Some(credential_id.clone()),
                    family: credential_id,
                    valid: true,
                    spent: false,
                },
            );
        }
        if app.app_type == "native" && rng.random_ratio(1, 4) {
            push_device_credential(rng, tenant, user_id, &app.client_id, device, "public_key");
        }
    }
}

/// The user's session for this application: one is created per user and shared by their apps.
/// `current` remembers it, so seeding stays linear in the number of users.
fn session_for(
    rng: &mut ChaCha8Rng,
    tenant: &mut Tenant,
    current: &mut Option<usize>,
    user_id: &str,
    client_id: &str,
) -> String {
    if let Some(session) = current.and_then(|i| tenant.sessions.get_mut(i)) {
        if let Some(clients) = session.get_mut("clients").and_then(|c| c.as_array_mut())
            && !clients.iter().any(|c| c["client_id"] == client_id)
        {
            clients.push(json!({ "client_id": client_id }));
        }
        return session["id"].as_str().unwrap_or_default().to_string();
    }
    let id = alnum(rng, 32);
    let created = reference_now() - Days::days(rng.random_range(1..30));
    let mut session = Object::new();
    session.insert("id".into(), json!(id));
    session.insert("user_id".into(), json!(user_id));
    session.insert("created_at".into(), json!(timestamp(created)));
    session.insert("updated_at".into(), json!(timestamp(created + Days::hours(2))));
    session.insert("authenticated_at".into(), json!(timestamp(created)));
    session.insert("last_interacted_at".into(), json!(timestamp(created + Days::hours(2))));
    session.insert("expires_at".into(), json!(timestamp(created + Days::days(30))));
    session.insert("idle_expires_at".into(), json!(timestamp(created + Days::days(3))));
    let ip = format!("198.51.100.{}", rng.random_range(1..255));
    session.insert(
        "device".into(),
        json!({
            "initial_user_agent": pick(rng, USER_AGENTS),
            "initial_ip": ip,
            "last_user_agent": pick(rng, USER_AGENTS),
            "last_ip": ip,
        }),
    );
    session.insert("clients".into(), json!([{ "client_id": client_id }]));
    session.insert(
        "authentication".into(),
        json!({ "methods": [{ "name": "pwd", "timestamp": timestamp(created) }] }),
    );
    tenant.sessions.push(session);
    *current = Some(tenant.sessions.len() - 1);
    id
}

const USER_AGENTS: &[&str] = &[
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Gecko/20100101 Firefox/131.0",
    "Acme/4.2 (iPhone; iOS 18.1)",
    "Acme/4.2 (Android 15; Pixel 8)",
];

fn push_device_credential(
    rng: &mut ChaCha8Rng,
    tenant: &mut Tenant,
    user_id: &str,
    client_id: &str,
    device: &str,
    kind: &str,
) -> String {
    let id = format!("dcr_{}", alnum(rng, 16));
    let device_id =
        format!("{}-{}-{}-{}-{}", hex(rng, 8), hex(rng, 4), hex(rng, 4), hex(rng, 4), hex(rng, 12));
    let mut credential = Object::new();
    credential.insert("id".into(), json!(id));
    credential.insert("device_name".into(), json!(device));
    credential.insert("device_id".into(), json!(device_id));
    credential.insert("type".into(), json!(kind));
    credential.insert("user_id".into(), json!(user_id));
    credential.insert("client_id".into(), json!(client_id));
    tenant.device_credentials.push(credential);
    id
}

/// An opaque refresh token in Auth0's `v1.M…` form.
pub fn refresh_token_value(rng: &mut impl Rng) -> String {
    format!("v1.M{}", alnum(rng, 86))
}

fn weighted_connection(rng: &mut ChaCha8Rng) -> &'static Connection {
    let total: u32 = CONNECTIONS.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total);
    for (connection, weight) in CONNECTIONS {
        if roll < *weight {
            return connection;
        }
        roll -= weight;
    }
    &CONNECTIONS[0].0
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn from_alphabet(rng: &mut impl Rng, alphabet: &[u8], len: usize) -> String {
    (0..len).map(|_| alphabet[rng.random_range(0..alphabet.len())] as char).collect()
}

pub fn hex(rng: &mut impl Rng, len: usize) -> String {
    from_alphabet(rng, b"0123456789abcdef", len)
}

pub fn alnum(rng: &mut impl Rng, len: usize) -> String {
    from_alphabet(rng, b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", len)
}

fn digits(rng: &mut impl Rng, len: usize) -> String {
    from_alphabet(rng, b"0123456789", len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn the_same_seed_gives_the_same_tenant() {
        let a = seed("http://x", 50, 7);
        let b = seed("http://x", 50, 7);
        let texts = |t: &Tenant| t.users.texts().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(texts(&a), texts(&b));
        assert_eq!(a.grants, b.grants);
        assert_ne!(texts(&seed("http://x", 50, 8)), texts(&a));
    }

    #[test]
    fn the_tenant_has_the_variety_the_tests_rely_on() {
        let tenant = seed("http://x", 300, 1);
        let ids: Vec<String> =
            tenant.users.iter().filter_map(|u| u["user_id"].as_str().map(str::to_string)).collect();
        assert!(ids.iter().any(|id| id.contains('/') && id.matches('|').count() == 2));
        let names: Vec<String> = tenant
            .users
            .iter()
            .filter_map(|u| u.get("name").and_then(Value::as_str).map(str::to_string))
            .collect();
        assert!(names.iter().any(|n| n == HOSTILE_NAME));
        assert!(names.iter().any(|n| JAPANESE.contains(&n.as_str())));
        assert!(tenant.users.iter().any(|u| u.get("name").is_none()));
        assert!(tenant.users.iter().any(|u| u.get("blocked") == Some(&json!(true))));
        for kind in ["public_key", "refresh_token", "rotating_refresh_token"] {
            assert!(tenant.device_credentials.iter().any(|d| d["type"] == kind), "{kind}");
        }
        let mut per_user = std::collections::HashMap::<&str, usize>::new();
        for grant in &tenant.grants {
            *per_user.entry(grant["user_id"].as_str().unwrap()).or_default() += 1;
        }
        assert!(per_user.values().all(|&n| n <= 5));
    }

    #[test]
    fn users_past_the_active_ones_hold_nothing_but_themselves() {
        let tenant = seed("http://x", ACTIVE_USERS + 50, 3);
        assert_eq!(tenant.users.len(), ACTIVE_USERS + 50);
        let dormant: Vec<String> = tenant
            .users
            .iter()
            .skip(ACTIVE_USERS)
            .filter_map(|u| u["user_id"].as_str().map(str::to_string))
            .collect();
        assert_eq!(dormant.len(), 50);
        assert!(!tenant.grants.iter().any(|g| dormant.iter().any(|id| g["user_id"] == id.as_str())));
        assert!(!tenant.refresh_tokens.values().any(|t| dormant.contains(&t.user_id)));
    }
}
