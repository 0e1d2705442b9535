//! The HTTP layer driven by a server that answers with random statuses, headers and bodies: every
//! call ends, nothing panics or aborts, and no error shows the token or anything a terminal would
//! act on.

use std::sync::Arc;
use std::time::Duration;

use proptest::prelude::*;
use secrecy::SecretString;
use tenantscope::auth0::{
    Credentials, DeviceFilter, GrantFilter, Http, HttpOptions, ManagementClient, Tenant, UserQuery,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const TOKEN: &str = "management-token-SECRET-0123456789";

/// One raw HTTP answer, given to every request of a case.
#[derive(Debug, Clone)]
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// Claim a longer body than is sent (the connection then closes early).
    short_body: bool,
}

impl Answer {
    fn bytes(&self) -> Vec<u8> {
        let length = self.body.len() + if self.short_body { 10 } else { 0 };
        let mut head =
            format!("HTTP/1.1 {} X\r\nconnection: close\r\ncontent-length: {length}\r\n", self.status);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        (0u64..100).prop_map(|n| n.to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999999999999999999999".to_string()),
        Just("soon".to_string()),
        Just("http://127.0.0.1:9/steal?sig=x".to_string()),
        Just("/relative".to_string()),
        Just("application/json".to_string()),
    ]
}

fn header() -> impl Strategy<Value = (&'static str, String)> {
    let names = prop_oneof![
        Just("x-ratelimit-limit"),
        Just("x-ratelimit-remaining"),
        Just("x-ratelimit-reset"),
        Just("retry-after"),
        Just("location"),
        Just("content-type"),
    ];
    (names, header_value())
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Mallory\u{1b}]0;pwned\u{7}\u{1b}[2J".to_string()),
        Just("Eve\u{202e}gnp.exe \u{9b}31m \u{7f}".to_string()),
        "\\PC{0,20}",
    ]
}

fn json_body() -> impl Strategy<Value = Vec<u8>> {
    let number = prop_oneof![
        any::<u64>().prop_map(|n| serde_json::json!(n)),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|n| serde_json::json!(n)),
        Just(serde_json::json!("many")),
    ];
    let item = hostile_text().prop_map(|text| {
        serde_json::json!({"id": text, "user_id": text, "clientID": text, "name": text, "scope": [text]})
    });
    (number, proptest::collection::vec(item, 0..3), hostile_text(), 0usize..5).prop_map(
        |(total, items, text, shape)| {
            let value = match shape {
                0 => serde_json::json!({"total": total, "users": items, "grants": items, "device_credentials": items, "sessions": items, "next": text}),
                1 => serde_json::json!(items),
                2 => serde_json::json!({"statusCode": total, "error": text, "message": text, "errorCode": text}),
                3 => serde_json::json!({"error": text, "error_description": text}),
                _ => serde_json::json!({"status": "completed", "location": text, "percentage_done": total}),
            };
            serde_json::to_vec(&value).unwrap()
        },
    )
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        json_body(),
        json_body().prop_map(|mut b| {
            b.truncate(b.len() / 2);
            b
        }),
        proptest::collection::vec(any::<u8>(), 0..200),
        hostile_text().prop_map(String::into_bytes),
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    let status = prop_oneof![
        Just(200u16),
        Just(202),
        Just(204),
        Just(301),
        Just(307),
        Just(401),
        Just(403),
        Just(404),
        Just(408),
        Just(429),
        Just(500),
        Just(503),
        200u16..600,
    ];
    (status, proptest::collection::vec(header(), 0..6), body(), proptest::bool::weighted(0.1))
        .prop_map(|(status, headers, body, short_body)| Answer { status, headers, body, short_body })
}

/// Serves `answer` to every connection until the runtime ends.
async fn serve(answer: Answer) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let bytes = Arc::new(answer.bytes());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let bytes = bytes.clone();
            tokio::spawn(async move {
                // Read the request's head (and whatever body came with it), then answer and close.
                let mut request = Vec::new();
                let mut buffer = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tokio::time::timeout(Duration::from_secs(2), socket.read(&mut buffer)).await {
                        Ok(Ok(n)) if n > 0 => request.extend_from_slice(&buffer[..n]),
                        _ => return,
                    }
                }
                let _ = socket.write_all(&bytes).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    format!("http://{address}")
}

fn client(base: &str) -> ManagementClient {
    let options = HttpOptions {
        request_timeout: Duration::from_secs(3),
        connect_timeout: Duration::from_secs(2),
        max_wait: Duration::from_millis(20),
        backoff: Duration::from_millis(1),
        ..HttpOptions::default()
    };
    let tenant = Tenant::parse(base).unwrap();
    ManagementClient::new(
        Http::new(options).unwrap(),
        tenant,
        Credentials::Token(SecretString::from(TOKEN)),
        false,
    )
}

/// Runs one call; an error must read as a sentence with nothing active and no token in it.
async fn call(client: &ManagementClient, which: u8) -> Option<String> {
    let error = |r: Result<String, tenantscope::auth0::Auth0Error>| r.err().map(|e| e.with_hint());
    match which % 6 {
        0 => error(client.users_page(&UserQuery::default(), 0, 50).await.map(|p| format!("{:?}", p.total))),
        1 => error(client.search_users(&UserQuery::default(), 300).await.map(|s| s.users.len().to_string())),
        2 => error(client.grants(&GrantFilter::default()).await.map(|g| g.len().to_string())),
        3 => error(client.device_credentials(&DeviceFilter::default()).await.map(|d| d.len().to_string())),
        4 => error(client.sessions("auth0|1").await.map(|s| s.len().to_string())),
        _ => error(client.delete_grant("g1").await.map(|d| format!("{d:?}"))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_answer_ends_in_a_result_or_a_clean_sentence(answer in answer(), which in any::<u8>()) {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let message = runtime.block_on(async {
            let base = serve(answer.clone()).await;
            let client = client(&base);
            tokio::time::timeout(Duration::from_secs(60), call(&client, which)).await
        });
        runtime.shutdown_background();
        let message = message.expect("every call ends");
        if let Some(message) = message {
            prop_assert!(!message.contains(TOKEN), "the token leaked: {message}");
            prop_assert!(
                !message.chars().any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')),
                "an active character: {message:?}"
            );
        }
    }
}
