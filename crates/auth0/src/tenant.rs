//! A tenant's base URL and the addresses derived from it.

use url::Url;

/// `acme.eu.auth0.com` means `https://acme.eu.auth0.com`; a full URL (`http://127.0.0.1:4000`, a
/// proxy with a path) is kept as given, without its trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    base: Url,
}

impl Tenant {
    /// Parses what the user gave as `--domain`; the error says what is wrong with it.
    pub fn parse(domain: &str) -> Result<Tenant, String> {
        let domain = domain.trim();
        if domain.is_empty() {
            return Err("the domain is empty".into());
        }
        // `user:password@host` would put credentials in every URL, and into error messages:
        // refuse it without repeating it.
        if domain
            .split("://")
            .last()
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .is_some_and(|a| a.contains('@'))
        {
            return Err("the domain carries a user name or password (user:password@host); tenantscope never sends credentials in the URL: give the bare domain, and --client-id / --client-secret or --token".into());
        }
        let with_scheme =
            if domain.contains("://") { domain.to_string() } else { format!("https://{domain}") };
        let mut base =
            Url::parse(&with_scheme).map_err(|e| format!("'{domain}' is not a host name or URL ({e})"))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(format!("'{domain}' must use https:// (or http:// for a local tenant)"));
        }
        if base.host_str().is_none_or(str::is_empty) {
            return Err(format!("'{domain}' has no host name"));
        }
        if base.query().is_some() || base.fragment().is_some() {
            return Err(format!("'{domain}' must not carry a query or a fragment"));
        }
        let path = base.path().trim_end_matches('/').to_string();
        base.set_path(&path);
        Ok(Tenant { base })
    }

    /// Whether the tenant is served over plain http (a local or simulated tenant).
    pub fn is_plain_http(&self) -> bool {
        self.base.scheme() == "http"
    }

    /// `https://acme.eu.auth0.com`, no trailing slash.
    pub fn base(&self) -> &str {
        self.base.as_str().trim_end_matches('/')
    }

    /// The host, for display: `acme.eu.auth0.com`, with the port when the URL names one
    /// (`127.0.0.1:4000`), so two tenants on one machine are told apart.
    pub fn host(&self) -> String {
        let host = self.base.host_str().unwrap_or_default();
        match self.base.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        }
    }

    /// `{base}/` — the `iss` of every token the tenant signs.
    pub fn issuer(&self) -> String {
        format!("{}/", self.base())
    }

    /// `{base}/api/v2/` — the Management API's audience.
    pub fn management_audience(&self) -> String {
        format!("{}/api/v2/", self.base())
    }

    /// `{base}/{path}`; `path` must already be percent-encoded where it holds ids.
    /// `{base}/.well-known/jwks.json`: the keys the tenant signs tokens with.
    pub fn jwks_url(&self) -> Url {
        self.url(".well-known/jwks.json")
    }

    pub fn url(&self, path: &str) -> Url {
        let joined = format!("{}/{}", self.base(), path.trim_start_matches('/'));
        Url::parse(&joined).expect("a valid base joined with a path stays valid")
    }
}

/// Why `id` cannot name anything: empty, or `.` / `..`, which a URL reads as "this folder" and
/// "the folder above" (even percent-encoded), so `DELETE /api/v2/grants/..` would be sent as
/// `DELETE /api/v2/`.
pub fn check_id(id: &str) -> Result<(), String> {
    match id.trim() {
        "" => Err("an id cannot be empty".into()),
        "." | ".." => Err(format!("'{}' is not an id: a URL reads it as a folder, not a name", id.trim())),
        _ => Ok(()),
    }
}

/// [`check_id`], then [`path_segment`].
pub fn id_segment(id: &str) -> Result<String, super::error::Auth0Error> {
    check_id(id).map_err(super::error::Auth0Error::BadId)?;
    Ok(path_segment(id))
}

/// Percent-encodes an id for one path segment: `auth0|abc` → `auth0%7Cabc`, `/` → `%2F`.
pub fn path_segment(id: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
    utf8_percent_encode(id, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shown_host_keeps_a_port_the_url_names() {
        assert_eq!(Tenant::parse("acme.eu.auth0.com").unwrap().host(), "acme.eu.auth0.com");
        assert_eq!(Tenant::parse("https://acme.eu.auth0.com:443").unwrap().host(), "acme.eu.auth0.com");
        assert_eq!(Tenant::parse("http://127.0.0.1:4000").unwrap().host(), "127.0.0.1:4000");
    }

    #[test]
    fn a_bare_domain_means_https() {
        let t = Tenant::parse("acme.eu.auth0.com").unwrap();
        assert_eq!(t.base(), "https://acme.eu.auth0.com");
        assert_eq!(t.issuer(), "https://acme.eu.auth0.com/");
        assert_eq!(t.management_audience(), "https://acme.eu.auth0.com/api/v2/");
    }

    #[test]
    fn a_full_url_is_kept_without_trailing_slash() {
        let t = Tenant::parse("http://127.0.0.1:4000/").unwrap();
        assert_eq!(t.base(), "http://127.0.0.1:4000");
        let proxied = Tenant::parse("https://proxy.corp/auth0/").unwrap();
        assert_eq!(proxied.url("api/v2/users").as_str(), "https://proxy.corp/auth0/api/v2/users");
    }

    #[test]
    fn nonsense_is_refused_with_a_reason() {
        assert!(Tenant::parse("").is_err());
        assert!(Tenant::parse("ftp://x").unwrap_err().contains("https://"));
        assert!(Tenant::parse("acme corp").is_err());
        assert!(Tenant::parse("https://acme.auth0.com/?x=1").is_err());
    }

    #[test]
    fn userinfo_is_refused_without_being_repeated() {
        for domain in
            ["https://admin:hunter2@acme.auth0.com", "admin:hunter2@acme.auth0.com", "me@acme.auth0.com/x"]
        {
            let problem = Tenant::parse(domain).unwrap_err();
            assert!(problem.contains("user name or password"), "{problem}");
            assert!(
                !problem.contains("hunter2") && !problem.contains("admin") && !problem.contains("me@"),
                "{problem}"
            );
        }
        assert!(Tenant::parse("https://proxy.corp/a@b").is_ok(), "an @ in the path is not userinfo");
    }

    #[test]
    fn dots_and_nothing_are_not_ids() {
        for id in ["", " ", ".", "..", " .. "] {
            assert!(check_id(id).is_err(), "{id:?}");
            assert!(id_segment(id).is_err(), "{id:?}");
        }
        for id in ["...", "a.b", ".x", "auth0|.."] {
            assert!(check_id(id).is_ok(), "{id:?}");
        }
    }

    #[test]
    fn ids_are_encoded_for_a_path_segment() {
        assert_eq!(path_segment("auth0|abc"), "auth0%7Cabc");
        assert_eq!(path_segment("adfs|corp|CORP/jdoe"), "adfs%7Ccorp%7CCORP%2Fjdoe");
        let t = Tenant::parse("acme.auth0.com").unwrap();
        let url = t.url(&format!("api/v2/users/{}", path_segment("a|b/c")));
        assert_eq!(url.path(), "/api/v2/users/a%7Cb%2Fc");
    }
}
