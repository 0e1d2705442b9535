//! The HTML encoder, for the few pages tenantscope serves (the login callback, and the simulated
//! tenant's login form): every character that could end a text run or an attribute is escaped.

/// `text`, safe inside HTML text and inside a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_the_tenant_puts_in_a_page_cannot_close_its_tags() {
        assert_eq!(super::escape("\"><script>&"), "&quot;&gt;&lt;script&gt;&amp;");
    }
}
