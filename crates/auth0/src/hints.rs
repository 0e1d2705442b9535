//! The one line of what to do that follows Auth0's words in an error, for the common cases of
//! each API.

const MANAGEMENT_API_GRANTS: &str =
    "Dashboard › Applications › APIs › Auth0 Management API › Machine To Machine Applications";

pub(crate) fn management_hint(status: u16, message: &str, error_code: Option<&str>) -> Option<String> {
    if error_code == Some("insufficient_scope") || message.starts_with("Insufficient scope") {
        let wanted = message
            .split_once("expected any of:")
            .map(|(_, scopes)| scopes.trim().replace(',', " or "))
            .unwrap_or_else(|| "the scope this call needs".into());
        return Some(format!(
            "Grant the application {wanted} in {MANAGEMENT_API_GRANTS}, then fetch a new token."
        ));
    }
    if message.contains("page through the first 1000") {
        return Some(
            "Auth0 search stops at 1000 results: narrow the query (for example by connection or date)."
                .into(),
        );
    }
    match status {
        401 if message.contains("Expired") => Some(
            "The Management API token has expired: get a new one, or give --client-id and --client-secret so tenantscope fetches its own.".into(),
        ),
        401 => Some(
            "The token was not accepted: check it is a Management API token of this tenant (--domain).".into(),
        ),
        404 if error_code == Some("inexistent_user") || message.contains("user does not exist") => {
            Some("Check the user id: it looks like auth0|64ab… or google-oauth2|1234….".into())
        }
        429 => Some("Auth0's rate limit was reached: wait a minute and try again.".into()),
        400 if error_code == Some("invalid_query_string") => {
            Some("Auth0 rejected the query: check the search syntax and the parameters.".into())
        }
        _ => None,
    }
}

pub(crate) fn authentication_hint(status: u16, error: &str, description: &str) -> Option<String> {
    match error {
        // The API is the one Auth0 names ("…not authorized to access \"https://api.acme/\"…"):
        // the Management API only when that is its audience.
        "access_denied" if description.contains("not authorized to access") => {
            let api = description.split('"').nth(1).filter(|a| !a.is_empty());
            Some(match api {
                Some(api) if !api.ends_with("/api/v2/") => format!(
                    "Authorize the application for the API {api}: Dashboard › Applications › APIs › (that API) › Machine To Machine Applications."
                ),
                _ => format!("Authorize the application for this API: {MANAGEMENT_API_GRANTS}."),
            })
        }
        "access_denied" if description.starts_with("Service not found") => Some(
            "No API has that identifier: check --audience (or AUTH0_AUDIENCE); by default it is {domain}/api/v2/.".into(),
        ),
        "access_denied" | "invalid_client" if status == 401 => Some(
            "Check the client id and secret (--client-id / AUTH0_CLIENT_ID, --client-secret / AUTH0_CLIENT_SECRET) belong to this tenant.".into(),
        ),
        "unauthorized_client" => Some(
            "Enable the grant type for the application: Dashboard › Applications › (the application) › Advanced Settings › Grant Types.".into(),
        ),
        "invalid_grant" => Some(
            "The refresh token was revoked, has expired or was already used (rotation): the user must sign in again.".into(),
        ),
        "invalid_request" => Some("tenantscope sent an incomplete request; please report it.".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unauthorized_api_is_the_one_auth0_names() {
        let hint = |description: &str| authentication_hint(403, "access_denied", description).unwrap();
        let other = hint(
            "Client is not authorized to access \"https://api.acme.test/reports\". You need to create a \"client-grant\" associated to this API.",
        );
        assert!(
            other.contains("the API https://api.acme.test/reports") && !other.contains("Management"),
            "{other}"
        );
        let management = hint("Client is not authorized to access \"https://acme.eu.auth0.com/api/v2/\".");
        assert!(management.contains("Auth0 Management API"), "{management}");
    }
}
