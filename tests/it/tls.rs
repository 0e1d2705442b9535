//! `--ca-cert` over real TLS: a key set served behind a certificate from a private CA (as a
//! corporate proxy or a local tenant would present) is trusted with `--ca-cert`, and refused
//! without it, in one sentence that says what to do.

use crate::common;

use std::net::SocketAddr;
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use serde_json::json;
use tenantscope::sim::keys::SigningKeys;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// A TLS acceptor for 127.0.0.1 whose certificate a new CA issued, and that CA's certificate
/// (PEM): what a corporate proxy or a self-hosted server presents.
fn private_ca_acceptor() -> (TlsAcceptor, String) {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(DnType::CommonName, "tenantscope test CA");
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let server_cert =
        CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap().signed_by(&server_key, &ca).unwrap();

    let provider = Arc::new(tokio_rustls::rustls::crypto::aws_lc_rs::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![server_cert.der().clone()],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der())),
        )
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    (acceptor, ca.pem())
}

/// Serves `body` as JSON over HTTPS on loopback with a certificate for 127.0.0.1 issued by a new
/// CA; returns the address and the CA's certificate (PEM).
async fn https_server(body: String) -> (SocketAddr, String) {
    let (acceptor, ca_pem) = private_ca_acceptor();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let body = body.clone();
            tokio::spawn(async move {
                // A client that does not trust the certificate ends the handshake here.
                let Ok(mut tls) = acceptor.accept(stream).await else { return };
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(response.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (address, ca_pem)
}

async fn decode(args: Vec<String>) -> (Option<i32>, String, String) {
    let output =
        tokio::task::spawn_blocking(move || common::binary_with(&["decode"]).args(args).output().unwrap())
            .await
            .unwrap();
    (output.status.code(), common::stdout(&output), common::stderr(&output))
}

#[tokio::test]
async fn a_private_ca_is_trusted_with_ca_cert_and_refused_without_it() {
    let keys = SigningKeys::load();
    let (address, ca_pem) = https_server(serde_json::to_string(keys.jwks()).unwrap()).await;
    let ca_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(ca_file.path(), ca_pem).unwrap();
    let token = keys.sign(&json!({"sub": "auth0|1", "exp": chrono::Utc::now().timestamp() + 600}));
    let jwks = format!("https://{address}/.well-known/jwks.json");

    let trusted = vec![
        "--jwks".to_string(),
        jwks.clone(),
        "--ca-cert".to_string(),
        ca_file.path().display().to_string(),
        token.clone(),
    ];
    let (code, out, err) = decode(trusted).await;
    assert_eq!(code, Some(0), "{out}\n{err}");
    assert!(out.contains("Signature  verified"), "{out}");

    let (code, out, err) = decode(vec!["--jwks".to_string(), jwks, token]).await;
    assert_eq!(code, Some(1), "{out}\n{err}");
    let signature = out.lines().find(|l| l.starts_with("Signature")).unwrap_or_default();
    assert!(signature.contains("unavailable"), "{out}");
    assert!(signature.to_lowercase().contains("certificate"), "says why: {signature}");
    assert!(signature.contains("--ca-cert"), "says what to do: {signature}");
}

/// A TLS front for `target` (plain HTTP on loopback), with a certificate for 127.0.0.1 from a new
/// CA: what a corporate proxy or a self-hosted authorization server presents.
async fn tls_front(target: SocketAddr) -> (SocketAddr, String) {
    let (acceptor, ca_pem) = private_ca_acceptor();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else { return };
                let Ok(mut upstream) = tokio::net::TcpStream::connect(target).await else { return };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut upstream).await;
            });
        }
    });
    (address, ca_pem)
}

#[tokio::test]
async fn login_works_against_an_authorization_server_behind_a_private_ca() {
    use std::io::{BufRead, BufReader};
    let sim = common::default_sim().await;
    let upstream: SocketAddr = sim.base_url().trim_start_matches("http://").parse().unwrap();
    let (front, ca_pem) = tls_front(upstream).await;
    let ca_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(ca_file.path(), &ca_pem).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    sim.allow_callback("Acme iOS", &format!("http://127.0.0.1:{port}/callback"));
    let app = sim.app("Acme iOS").unwrap();
    // No Management API credentials: only the authorization server is used.
    let mut command = common::binary_with(&["login", "--no-browser", "--callback-port", &port.to_string()]);
    command
        .args(["--app-client-id", &app.client_id, "--domain", &format!("https://{front}")])
        .args(["--ca-cert", ca_file.path().to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let url = tokio::task::spawn_blocking(move || {
        BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .find(|l| l.starts_with("https://"))
            .unwrap_or_default()
    })
    .await
    .unwrap();
    assert!(url.starts_with(&format!("https://{front}/authorize?")), "{url}");
    let browser = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(ca_pem.as_bytes()).unwrap())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let email = sim.a_user_who_can_log_in().unwrap();
    tenantscope::sim::browser::log_in_with(&browser, &url, &email, &sim.password()).await.unwrap();
    let output = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap()).await.unwrap();
    let stdout = common::stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("Refresh    received"), "{stdout}");
}
