//! A person at the simulated tenant's login page, played over HTTP: open the `/authorize` URL,
//! fill the form, submit it, and follow the redirect to the callback — the same requests a
//! browser makes. The demo uses it in place of the person (and says so); tests use it as the
//! browser.

use std::time::Duration;

/// Logs in at `authorize_url` as `email` with `password`, and delivers the answer to the callback.
/// `Err` says where it stopped, in the page's own words when there is one.
pub async fn log_in(authorize_url: &str, email: &str, password: &str) -> Result<(), String> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| format!("could not start the stand-in browser: {e}"))?;
    log_in_with(&client, authorize_url, email, password).await
}

/// [`log_in`] with a browser of the caller's (one that trusts a private CA, say). It must not
/// follow redirects itself.
pub async fn log_in_with(
    client: &reqwest::Client,
    authorize_url: &str,
    email: &str,
    password: &str,
) -> Result<(), String> {
    let page =
        client.get(authorize_url).send().await.map_err(|e| format!("could not open the login page: {e}"))?;
    let location = match redirect_target(&page) {
        // Auth0 answered on the callback straight away (an error, or a silent login).
        Some(location) => location,
        None => {
            let base = page.url().clone();
            let html = page.text().await.map_err(|e| format!("could not read the login page: {e}"))?;
            let transaction =
                hidden_field(&html, "tx").ok_or_else(|| format!("no login form: {}", page_text(&html)))?;
            let action = base.join("/u/login").map_err(|e| e.to_string())?;
            let form =
                [("tx", transaction.as_str()), ("email", email), ("password", password), ("action", "login")];
            let answer = client
                .post(action)
                .form(&form)
                .send()
                .await
                .map_err(|e| format!("could not submit the login form: {e}"))?;
            match redirect_target(&answer) {
                Some(location) => location,
                None => return Err(page_text(&answer.text().await.unwrap_or_default())),
            }
        }
    };
    client
        .get(&location)
        .send()
        .await
        .map_err(|e| format!("could not reach the callback {location}: {e}"))?;
    Ok(())
}

fn redirect_target(response: &reqwest::Response) -> Option<String> {
    if !response.status().is_redirection() {
        return None;
    }
    response.headers().get(reqwest::header::LOCATION)?.to_str().ok().map(str::to_string)
}

/// The value of `<input type="hidden" name="NAME" value="…">` in the simulated tenant's form.
fn hidden_field(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_string())
}

/// A page's words without its tags, for an error message.
fn page_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
