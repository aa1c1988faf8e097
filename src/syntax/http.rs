//! The HTTP request form: a `.http` file holding a request line, headers, a blank line and
//! a body, as in the providers' sample requests. The envelope gives the query's inventory
//! id and the Host; the body is parsed like any document, with spans that are positions in
//! the whole file.

use crate::diagnostic::Span;

/// What the request line and headers say, with the bytes each value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub request_line: Span,
    /// The request target's path (before `?`), percent-decoded, with its span.
    pub path: (String, Span),
    /// Query parameters in order, names and values percent-decoded.
    pub query: Vec<QueryParam>,
    /// The Host header's value and its span, if there is one.
    pub host: Option<(String, Span)>,
    /// Where the body starts in the file.
    pub body_start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParam {
    pub name: String,
    pub value: Option<String>,
    /// The whole `name=value` pair.
    pub span: Span,
    /// The value's bytes, or the name's when there is no value.
    pub value_span: Span,
}

impl Request {
    /// The first query parameter with this name.
    pub fn param(&self, name: &str) -> Option<&QueryParam> {
        self.query.iter().find(|p| p.name == name)
    }
}

/// Whether a text looks like an HTTP request: its first non-blank line is
/// `METHOD target HTTP/version`.
pub fn looks_like_request(text: &str) -> bool {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let mut words = first.split_whitespace();
    let method = words.next().unwrap_or_default();
    let is_method = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    is_method && words.last().is_some_and(|v| v.starts_with("HTTP/"))
}

/// Splits a request into its envelope; `base` is where `text` starts in the file. A request
/// line that cannot be read gives an error message and the span it is about.
pub fn parse_request(text: &str, base: usize) -> Result<Request, (Span, String)> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n');
    // Leading blank lines are skipped.
    let (line_start, line) = loop {
        let Some(line) = lines.next() else {
            return Err((Span::empty(base), "the request has no request line".into()));
        };
        let start = offset;
        offset += line.len();
        if !line.trim().is_empty() {
            break (start, line.trim_end_matches(['\r', '\n']));
        }
    };
    let indent = line.len() - line.trim_start().len();
    let request_line = Span::new(base + line_start + indent, base + line_start + line.len());
    let words: Vec<(usize, &str)> = word_offsets(line);
    let [(_, method), (target_at, target), (_, version)] = words.as_slice() else {
        return Err((
            request_line,
            "the request line must be `METHOD target HTTP/1.1`".into(),
        ));
    };
    if !version.starts_with("HTTP/") {
        return Err((
            request_line,
            "the request line must end with the HTTP version".into(),
        ));
    }
    let target_base = base + line_start + target_at;
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, parse_query(query, target_base + path.len() + 1)),
        None => (*target, Vec::new()),
    };
    let path = (
        percent_decode(path),
        Span::new(target_base, target_base + path.len()),
    );
    let mut host = None;
    let mut body_start = offset;
    for line in lines {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\r', '\n']);
        if content.trim().is_empty() {
            body_start = offset;
            break;
        }
        body_start = offset;
        let Some((name, value)) = content.split_once(':') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("host") {
            let value_at = start + name.len() + 1 + (value.len() - value.trim_start().len());
            let value = value.trim();
            host = Some((
                value.to_string(),
                Span::new(base + value_at, base + value_at + value.len()),
            ));
        }
    }
    Ok(Request {
        method: method.to_string(),
        request_line,
        path,
        query,
        host,
        body_start: base + body_start,
    })
}

fn word_offsets(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

fn parse_query(query: &str, base: usize) -> Vec<QueryParam> {
    let mut params = Vec::new();
    let mut at = 0;
    for pair in query.split('&') {
        let span = Span::new(base + at, base + at + pair.len());
        let (name, value, value_span) = match pair.split_once('=') {
            Some((name, value)) => {
                let value_start = base + at + name.len() + 1;
                (
                    name,
                    Some(percent_decode(value)),
                    Span::new(value_start, value_start + value.len()),
                )
            }
            None => (pair, None, span),
        };
        if !pair.is_empty() {
            params.push(QueryParam {
                name: percent_decode(name),
                value,
                span,
                value_span,
            });
        }
        at += pair.len() + 1;
    }
    params
}

/// Decodes `%XX` escapes; invalid escapes stay as written. A `+` stays a `+`: the SDKs
/// percent-encode every reserved character, so a literal `+` is what was meant.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' => {
                let high = bytes.get(i + 1).and_then(|b| hex(*b));
                let low = bytes.get(i + 2).and_then(|b| hex(*b));
                match (high, low) {
                    (Some(hi), Some(lo)) => {
                        out.push((hi * 16 + lo) as u8);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUT: &str = "PUT /?inventory&inventoryId=report%201 HTTP/1.1\nHost: oss-example.oss-cn-hangzhou.aliyuncs.com\nDate: Mon, 31 Oct 2016 12:00:00 GMT\n\n<InventoryConfiguration/>\n";

    #[test]
    fn a_request_splits_into_line_headers_and_body() {
        assert!(looks_like_request(PUT));
        assert!(!looks_like_request("<InventoryConfiguration/>"));
        let request = parse_request(PUT, 0).unwrap();
        assert_eq!(request.method, "PUT");
        let id = request.param("inventoryId").unwrap();
        assert_eq!(id.value.as_deref(), Some("report 1"));
        assert_eq!(&PUT[id.value_span.range()], "report%201");
        let (host, span) = request.host.clone().unwrap();
        assert_eq!(host, "oss-example.oss-cn-hangzhou.aliyuncs.com");
        assert_eq!(&PUT[span.range()], host);
        assert!(PUT[request.body_start..].starts_with("<InventoryConfiguration/>"));
        assert!(request.param("inventory").unwrap().value.is_none());
    }

    #[test]
    fn an_empty_inventory_value_is_the_same_subresource() {
        let request = parse_request("PUT /?inventory=&inventoryId=x HTTP/1.1\n\n{}", 0).unwrap();
        assert_eq!(
            request.param("inventory").unwrap().value.as_deref(),
            Some("")
        );
        assert_eq!(
            request.param("inventoryId").unwrap().value.as_deref(),
            Some("x")
        );
    }

    #[test]
    fn percent_decoding_keeps_bad_escapes() {
        assert_eq!(percent_decode("a%2Fb"), "a/b");
        assert_eq!(percent_decode("%E6%97%A5"), "日");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
