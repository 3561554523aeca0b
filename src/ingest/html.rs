//! Visible article text and metadata from an HTML page.
//!
//! A tolerant scanner, not a full HTML parser: it walks tags and text once, drops what a
//! reader never sees as article text (scripts, styles, navigation, headers, footers, asides,
//! forms, templates), keeps the `<article>` (else `<main>`, else `<body>`) text with one line
//! per block element, decodes character references, and reads `<title>`, `og:title`,
//! `og:site_name`, `article:published_time` and friends, `<time datetime>`, and the canonical
//! URL. The extracted text is what spans point into for HTML sources.

use super::metadata::{Metadata, parse_date};
use crate::model::DateEvidence;

/// Elements whose whole content is page furniture or code.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "select",
    "template", "svg", "iframe", "object", "canvas", "head", "menu", "dialog",
];

/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "figcaption",
    "figure",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "address",
    "body",
    "title",
];

/// The page's visible article text, one block per line, and what its metadata says.
pub fn extract(html: &str) -> (String, Metadata) {
    let tags = scan(html);
    let mut meta = Metadata::default();
    read_metadata(html, &tags, &mut meta);
    // Prefer the article element; then main; then the body; then everything.
    let region = ["article", "main", "body"]
        .iter()
        .find_map(|name| element_range(&tags, name))
        .unwrap_or(0..html.len());
    let mut out = String::new();
    let mut skip_depth = 0usize;
    let mut skip_stack: Vec<&str> = Vec::new();
    let mut last = region.start;
    for tag in tags
        .iter()
        .filter(|t| region.start <= t.start && t.end <= region.end)
    {
        if skip_depth == 0 && tag.start > last {
            push_text(&mut out, &html[last..tag.start]);
        }
        last = tag.end;
        let name = tag.name.as_str();
        if SKIPPED.contains(&name) && !tag.self_closing {
            if tag.closing {
                if skip_stack.last() == Some(&name) {
                    skip_stack.pop();
                    skip_depth -= 1;
                }
            } else {
                skip_stack.push(
                    SKIPPED
                        .iter()
                        .find(|s| **s == name)
                        .copied()
                        .unwrap_or("div"),
                );
                skip_depth += 1;
            }
            continue;
        }
        if skip_depth == 0 && BLOCKS.contains(&name) && !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
    }
    if skip_depth == 0 && last < region.end {
        push_text(&mut out, &html[last..region.end]);
    }
    let text = out
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    (text, meta)
}

/// A tag found in the page, with its byte range.
#[derive(Debug)]
struct Tag {
    start: usize,
    end: usize,
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: String,
}

/// Every tag of the page, in order. Comments, doctypes and the raw content of `script` and
/// `style` elements are passed over.
fn scan(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        if html[start..].starts_with("<!--") {
            i = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let Some(len) = html[start..].find('>') else {
            break;
        };
        let end = start + len + 1;
        let inner = &html[start + 1..end - 1];
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        let name_len = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_len].to_ascii_lowercase();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
        {
            // "a < b" in text, or "<!doctype ...>": not an element.
            i = if bytes.get(start + 1) == Some(&b'!') {
                end
            } else {
                start + 1
            };
            continue;
        }
        let self_closing = inner.trim_end().ends_with('/');
        tags.push(Tag {
            start,
            end,
            closing,
            self_closing,
            attrs: inner[name_len..].to_owned(),
            name: name.clone(),
        });
        i = end;
        if !closing && (name == "script" || name == "style") {
            // Raw text: jump to the closing tag without looking inside.
            let close = format!("</{name}");
            let rest = html[end..].to_ascii_lowercase();
            i = rest.find(&close).map_or(html.len(), |p| end + p);
        }
    }
    tags
}

/// The byte range of the first element with this name, from its opening to its closing tag.
fn element_range(tags: &[Tag], name: &str) -> Option<std::ops::Range<usize>> {
    let open = tags.iter().position(|t| t.name == name && !t.closing)?;
    let close = tags[open..]
        .iter()
        .rposition(|t| t.name == name && t.closing)
        .map_or(tags.last()?.end, |c| tags[open + c].start);
    Some(tags[open].end..close)
}

/// The value of an attribute, quoted or not.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = attrs[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        return Some(value);
    }
    None
}

fn read_metadata(html: &str, tags: &[Tag], meta: &mut Metadata) {
    let mut dates: Vec<DateEvidence> = Vec::new();
    let mut add_date = |value: &str, origin: String| {
        if let Some(date) = parse_date(value) {
            dates.push(DateEvidence {
                date,
                origin,
                stated: true,
            });
        }
    };
    for (k, tag) in tags.iter().enumerate() {
        match (tag.name.as_str(), tag.closing) {
            ("title", false) => {
                if let Some(close) = tags[k + 1..].iter().find(|t| t.name == "title") {
                    let title = decode_entities(html[tag.end..close.start].trim());
                    if meta.title.is_none() && !title.is_empty() {
                        meta.title = Some(title);
                    }
                }
            }
            ("meta", false) => {
                let key = attr(&tag.attrs, "property")
                    .or_else(|| attr(&tag.attrs, "name"))
                    .or_else(|| attr(&tag.attrs, "itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = attr(&tag.attrs, "content").map(decode_entities) else {
                    continue;
                };
                match key.as_str() {
                    "og:title" | "twitter:title" => meta.title = Some(content),
                    "og:site_name" | "application-name" | "publisher" => {
                        meta.outlet.get_or_insert(content);
                    }
                    "og:url" => {
                        meta.url.get_or_insert(content);
                    }
                    "article:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "dc.date"
                    | "dc.date.issued"
                    | "publish-date"
                    | "sailthru.date" => {
                        add_date(&content, format!("meta {key}"));
                    }
                    _ => {}
                }
            }
            ("link", false)
                if attr(&tag.attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                if let Some(href) = attr(&tag.attrs, "href") {
                    meta.url = Some(href.to_owned());
                }
            }
            ("time", false) => {
                if let Some(dt) = attr(&tag.attrs, "datetime") {
                    add_date(dt, "<time datetime>".to_owned());
                }
            }
            _ => {}
        }
    }
    meta.dates.extend(dates);
}

fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    let mut pending_space =
        out.ends_with(|c: char| !c.is_whitespace()) && decoded.starts_with(char::is_whitespace);
    for word in decoded.split_whitespace() {
        if pending_space {
            out.push(' ');
        }
        out.push_str(word);
        pending_space = true;
    }
    if decoded.ends_with(char::is_whitespace) && !out.ends_with(['\n', ' ']) && !out.is_empty() {
        out.push(' ');
    }
}

/// Replaces character references (`&amp;`, `&#8217;`, `&#x2019;`, common named ones).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Truce holds in the north | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-05-20T08:15:00Z">
<link rel="canonical" href="https://example.org/world/2021/05/20/truce">
<script>var x = "<p>not text</p>";</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header>Skip to main content</header>
<article>
<h1>Truce holds in the north</h1>
<p>Government forces and rebels observed the truce on Thursday, officials said &ndash; a first.</p>
<figure><img src="a.jpg"><figcaption>Soldiers rest near Goma. Photo: Example</figcaption></figure>
<p>Talks resume on <time datetime="2021-05-24">Monday</time> in Nairobi &amp; Kampala.</p>
<aside>Read more: other stories</aside>
</article>
<footer>&copy; 2021 Example News</footer>
</body></html>"#;

    #[test]
    fn keeps_article_text_only_one_block_per_line() {
        let (text, _) = extract(PAGE);
        assert_eq!(
            text,
            "Truce holds in the north\n\nGovernment forces and rebels observed the truce on Thursday, officials said – a first.\n\nSoldiers rest near Goma. Photo: Example\n\nTalks resume on Monday in Nairobi & Kampala."
        );
    }

    #[test]
    fn reads_title_site_date_and_url() {
        let (_, meta) = extract(PAGE);
        assert_eq!(
            meta.title.as_deref(),
            Some("Truce holds in the north | Example News")
        );
        assert_eq!(meta.outlet.as_deref(), Some("Example News"));
        assert_eq!(
            meta.url.as_deref(),
            Some("https://example.org/world/2021/05/20/truce")
        );
        assert_eq!(meta.dates[0].date.to_string(), "2021-05-20");
        assert_eq!(meta.dates[0].origin, "meta article:published_time");
    }

    #[test]
    fn survives_broken_markup() {
        for page in [
            "<p>unclosed <b>bold",
            "a < b and c > d",
            "<<<>>>",
            "<p",
            "&#99999999; &bogus; &",
            "<script>never closed",
        ] {
            let _ = extract(page);
        }
        assert_eq!(extract("<p>a < b</p>").0, "a < b");
        assert_eq!(decode_entities("&#8217;&#x2019;&amp;&zzz;"), "’’&&zzz;");
    }
}
