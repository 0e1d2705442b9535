//! The part of Auth0's user search syntax (Lucene, `search_engine=v3`) the simulated tenant
//! understands: `field:value`, `field:"exact phrase"`, trailing and inner wildcards (`jo*`),
//! `field:*` (has the field), free text, `AND`, `OR`, `NOT`/`-`, and parentheses.
//! Nested fields use dots (`identities.connection:github`, `app_metadata.plan:pro`).
//! Juxtaposed terms are combined with AND. Values match case-insensitively.

use serde_json::Value;

use super::state::Object;

#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    Term { field: Option<String>, value: String, phrase: bool },
    And(Vec<Query>),
    Or(Vec<Query>),
    Not(Box<Query>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    /// A `field:` prefix; the value follows as the next token.
    Field(String),
    Word(String),
    Phrase(String),
}

/// Parses `q`; the error is a sentence for Auth0's 400 body.
pub fn parse(q: &str) -> Result<Query, String> {
    let tokens = tokenize(q)?;
    let mut parser = Parser { tokens, at: 0 };
    let query = parser.or()?;
    if parser.at < parser.tokens.len() {
        return Err("unexpected ')'".into());
    }
    Ok(query)
}

fn tokenize(q: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = q.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                tokens.push(Token::Open);
            }
            ')' => {
                chars.next();
                tokens.push(Token::Close);
            }
            '"' => {
                chars.next();
                let mut phrase = String::new();
                loop {
                    match chars.next() {
                        Some('\\') => phrase.extend(chars.next()),
                        Some('"') => break,
                        Some(c) => phrase.push(c),
                        None => return Err("a quoted phrase is not closed".into()),
                    }
                }
                tokens.push(Token::Phrase(phrase));
            }
            '-' if tokens.last().is_none_or(|t| !matches!(t, Token::Field(_))) => {
                // A leading minus negates what follows, as NOT does.
                chars.next();
                tokens.push(Token::Word("NOT".into()));
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || c == '(' || c == ')' || c == '"' {
                        break;
                    }
                    chars.next();
                    if c == '\\' {
                        word.extend(chars.next());
                        continue;
                    }
                    if c == ':' && !word.is_empty() {
                        tokens.push(Token::Field(word.clone()));
                        word.clear();
                        // The value follows directly: a phrase, a group or a word.
                        break;
                    }
                    word.push(c);
                }
                if !word.is_empty() {
                    tokens.push(Token::Word(word));
                }
            }
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn is_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if w == keyword)
    }

    fn or(&mut self) -> Result<Query, String> {
        let mut alternatives = vec![self.and()?];
        while self.is_keyword("OR") {
            self.at += 1;
            alternatives.push(self.and()?);
        }
        Ok(if alternatives.len() == 1 { alternatives.remove(0) } else { Query::Or(alternatives) })
    }

    fn and(&mut self) -> Result<Query, String> {
        let mut parts = vec![self.unary()?];
        loop {
            if self.is_keyword("AND") {
                self.at += 1;
            } else if self.peek().is_none() || self.is_keyword("OR") || self.peek() == Some(&Token::Close) {
                break;
            }
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Query::And(parts) })
    }

    fn unary(&mut self) -> Result<Query, String> {
        match self.tokens.get(self.at).cloned() {
            Some(Token::Word(w)) if w == "NOT" => {
                self.at += 1;
                Ok(Query::Not(Box::new(self.unary()?)))
            }
            Some(Token::Open) => {
                self.at += 1;
                let inner = self.or()?;
                if self.peek() != Some(&Token::Close) {
                    return Err("a '(' is not closed".into());
                }
                self.at += 1;
                Ok(inner)
            }
            Some(Token::Field(field)) => {
                self.at += 1;
                match self.tokens.get(self.at).cloned() {
                    Some(Token::Word(value)) => {
                        self.at += 1;
                        Ok(Query::Term { field: Some(field), value, phrase: false })
                    }
                    Some(Token::Phrase(value)) => {
                        self.at += 1;
                        Ok(Query::Term { field: Some(field), value, phrase: true })
                    }
                    _ => Err(format!("'{field}:' has no value")),
                }
            }
            Some(Token::Word(value)) => {
                self.at += 1;
                Ok(Query::Term { field: None, value, phrase: false })
            }
            Some(Token::Phrase(value)) => {
                self.at += 1;
                Ok(Query::Term { field: None, value, phrase: true })
            }
            Some(Token::Close) => Err("unexpected ')'".into()),
            None => Err("the query is empty".into()),
        }
    }
}

/// The fields free text is matched against.
const FREE_TEXT_FIELDS: &[&str] = &["name", "email", "nickname", "user_id", "given_name", "family_name"];

impl Query {
    pub fn matches(&self, user: &Object) -> bool {
        match self {
            Query::And(parts) => parts.iter().all(|p| p.matches(user)),
            Query::Or(parts) => parts.iter().any(|p| p.matches(user)),
            Query::Not(inner) => !inner.matches(user),
            Query::Term { field: Some(field), value, phrase } => {
                let values = lookup(user, field);
                if value == "*" && !phrase {
                    return !values.is_empty();
                }
                values.iter().any(|v| value_matches(v, value, *phrase))
            }
            Query::Term { field: None, value, phrase } => FREE_TEXT_FIELDS.iter().any(|field| {
                lookup(user, field).iter().any(|v| {
                    value_matches(v, value, *phrase)
                        || (!phrase
                            && v.split(|c: char| !c.is_alphanumeric())
                                .any(|word| value_matches(word, value, false)))
                })
            }),
        }
    }
}

/// Every string form of the values at a dotted path; arrays are searched element by element.
pub fn lookup(user: &Object, path: &str) -> Vec<String> {
    let mut current: Vec<&Value> = match path.split_once('.') {
        Some((head, _)) => user.get(head).into_iter().collect(),
        None => user.get(path).into_iter().collect(),
    };
    for segment in path.split('.').skip(1) {
        current = current
            .into_iter()
            .flat_map(|v| match v {
                Value::Array(items) => items.iter().filter_map(|i| i.get(segment)).collect::<Vec<_>>(),
                other => other.get(segment).into_iter().collect(),
            })
            .collect();
    }
    current
        .into_iter()
        .flat_map(|v| match v {
            Value::Array(items) => items.iter().map(scalar_text).collect::<Vec<_>>(),
            other => vec![scalar_text(other)],
        })
        .flatten()
        .collect()
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn value_matches(candidate: &str, pattern: &str, phrase: bool) -> bool {
    let candidate = candidate.to_lowercase();
    let pattern = pattern.to_lowercase();
    if !phrase && (pattern.contains('*') || pattern.contains('?')) {
        glob(candidate.as_bytes(), pattern.as_bytes())
    } else {
        candidate == pattern
    }
}

/// `*` any run, `?` one character; iterative with one backtrack point.
fn glob(text: &[u8], pattern: &[u8]) -> bool {
    let (mut t, mut p) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == b'?' || pattern[p] == text[t]) {
            t += 1;
            p += 1;
        } else if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((star_p, star_t)) = star {
            p = star_p + 1;
            t = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn user() -> Object {
        json!({
            "user_id": "adfs|corp-adfs|CORP/jdoe",
            "email": "Jane.Doe@corp.acme.co",
            "name": "Jane Doe",
            "blocked": true,
            "logins_count": 12,
            "identities": [{"connection": "corp-adfs", "provider": "adfs"}],
            "app_metadata": {"plan": "pro", "roles": ["admin", "billing"]}
        })
        .as_object()
        .unwrap()
        .clone()
    }

    fn hit(q: &str) -> bool {
        parse(q).unwrap().matches(&user())
    }

    #[test]
    fn field_terms_phrases_and_wildcards() {
        assert!(hit(r#"email:"jane.doe@corp.acme.co""#));
        assert!(hit("name:jan*"));
        assert!(hit(r#"name:"Jane Doe""#));
        assert!(!hit("name:jo*"));
        assert!(hit("blocked:true"));
        assert!(hit("logins_count:12"));
        assert!(hit("user_id:adfs\\|corp-adfs\\|CORP/jdoe"));
    }

    #[test]
    fn nested_fields_and_arrays() {
        assert!(hit("identities.connection:corp-adfs"));
        assert!(hit("app_metadata.roles:billing"));
        assert!(hit("app_metadata.plan:*"));
        assert!(!hit("user_metadata.locale:*"));
    }

    #[test]
    fn boolean_operators_and_groups() {
        assert!(hit("name:jan* AND blocked:true"));
        assert!(hit("name:nobody OR blocked:true"));
        assert!(!hit("NOT blocked:true"));
        assert!(hit("-name:bob"));
        assert!(hit(r#"(name:bob OR name:"jane doe") blocked:true"#));
        assert!(!hit("name:jan* blocked:false"));
    }

    #[test]
    fn free_text_matches_words_of_the_common_fields() {
        assert!(hit("doe"));
        assert!(hit("jan*"));
        assert!(!hit("smith"));
    }

    #[test]
    fn broken_queries_say_what_is_wrong() {
        assert!(parse(r#"name:"open"#).unwrap_err().contains("not closed"));
        assert!(parse("(name:a").unwrap_err().contains("not closed"));
        assert!(parse("name:").unwrap_err().contains("no value"));
    }
}
