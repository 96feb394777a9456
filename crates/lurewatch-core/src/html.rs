//! HTML as its reader sees it: the words, and where each link leads.
//!
//! Phishing e-mail is HTML whose words say "Verify your account" while the address that
//! matters sits in an `href`. A text conversion alone (mail-parser's, like a mail client's
//! plain view) dropped it: 248 of Phishing Pot's 309 messages came out with no link at all,
//! so the one indicator a security team blocks and shares, and the one that links a campaign
//! whose sender rotates, was missing. Each link's target is written after its words, as
//! `Verify your account <https://…>`, the way text mail clients show links, unless the words
//! already show it. Reporters also paste or save HTML itself (a message's source, a saved
//! page); it is read the same way.

use mail_parser::decoders::html::html_to_text;

/// Whether a text is a whole HTML document, as some phishing sends in a plain-text part.
pub(crate) fn is_html_document(text: &str) -> bool {
    let start = text.trim_start().as_bytes();
    let opens = |tag: &[u8]| {
        start
            .get(..tag.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(tag))
    };
    opens(b"<!doctype html") || opens(b"<html")
}

/// Elements that open HTML and never an SMS backup or other XML a reporter brings.
const HTML_ELEMENTS: &[&str] = &[
    "html",
    "head",
    "body",
    "div",
    "p",
    "span",
    "a",
    "b",
    "i",
    "u",
    "em",
    "strong",
    "font",
    "br",
    "hr",
    "table",
    "tbody",
    "tr",
    "td",
    "th",
    "center",
    "img",
    "meta",
    "title",
    "style",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "small",
    "big",
    "section",
    "header",
    "footer",
    "main",
    "article",
    "form",
    "button",
    "sup",
    "sub",
    "s",
    "strike",
    "code",
];

/// Whether `start` (a text without its leading white space) opens as HTML: a document, an
/// XHTML document behind its XML declaration, or a fragment whose first tag is an HTML
/// element and that closes some element ("<b>URGENT</b> your parcel…"). Such a text was
/// refused as XML that is not an SMS backup, and its reporter got no verdict. The closing
/// tag is asked for because a smishing text may open with a tag of its own ("<B Of A># :
/// Your account…", in Smishtank), which read as markup would lose the bank's name.
pub(crate) fn opens_with_html(start: &str) -> bool {
    let start = match start.strip_prefix("<?xml") {
        Some(rest) => rest
            .find("?>")
            .and_then(|end| rest.get(end + 2..))
            .unwrap_or_default()
            .trim_start(),
        None => start,
    };
    if is_html_document(start) {
        return true;
    }
    let Some(tag) = start.strip_prefix('<') else {
        return false;
    };
    let name_end = tag
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let (name, after) = tag.split_at(name_end);
    HTML_ELEMENTS
        .iter()
        .any(|element| element.eq_ignore_ascii_case(name))
        && after.starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace())
        && (after.contains("</") || after.contains("/>"))
}

/// The text a reader of `html` sees, with each link's target after its words. Style sheets
/// and scripts are removed first: mail-parser skips a `<style>` element only when its tag
/// has no attributes, so the CSS of most HTML mail (`<style type="text/css">`) was read as
/// the message's words, and its `@media` rules as a social-media handle that linked
/// unrelated reports.
///
/// The `<head>` tags go too, not what they hold: the converter skips everything after
/// `<head>` until `</head>`, and phishing kits leave it open (`<head><meta …><center><h1>…`,
/// which a browser shows), so such a message came out as its subject alone.
pub(crate) fn readable_text(html: &str) -> String {
    let shown = without_tags(
        &without_elements(html, &["style", "script", "title"]),
        "head",
    );
    html_to_text(&with_link_targets(&shown))
}

/// `html` with the target of each `<a href>` written, escaped, after the anchor's content.
/// Each scan starts where the previous one ended, so a message of many anchors, closed or
/// not, is read in one pass.
fn with_link_targets(html: &str) -> String {
    // Lower-casing ASCII keeps every byte where it was, so offsets hold in both.
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut copied = 0;
    let mut search = 0;
    let mut next_close = Closing::Unknown;
    while let Some(offset) = lower.get(search..).and_then(|rest| rest.find("<a")) {
        let start = search + offset;
        search = start + 2;
        if !lower
            .as_bytes()
            .get(start + 2)
            .is_some_and(u8::is_ascii_whitespace)
        {
            continue;
        }
        // A tag that never ends makes the rest of the text a tag to the converter too.
        let Some(tag_end) = tag_end(&lower, start) else {
            break;
        };
        search = tag_end;
        let Some(target) = html
            .get(start..tag_end)
            .and_then(href)
            .and_then(link_target)
        else {
            continue;
        };
        let content_end = next_close.at_or_after(&lower, tag_end).unwrap_or(tag_end);
        let content = lower.get(tag_end..content_end).unwrap_or_default();
        if shows(content, target) {
            continue;
        }
        out.push_str(html.get(copied..content_end).unwrap_or_default());
        out.push_str(" &lt;");
        out.push_str(target);
        out.push_str("&gt;");
        copied = content_end;
    }
    out.push_str(html.get(copied..).unwrap_or_default());
    out
}

/// Where the next `</a>` is, remembered so that no stretch of the text is searched twice.
#[derive(Clone, Copy)]
enum Closing {
    Unknown,
    At(usize),
    Nowhere,
}

impl Closing {
    fn at_or_after(&mut self, lower: &str, from: usize) -> Option<usize> {
        match *self {
            Self::At(at) if at >= from => return Some(at),
            Self::Nowhere => return None,
            _ => {}
        }
        let mut search = from;
        *self = Self::Nowhere;
        while let Some(offset) = lower.get(search..).and_then(|rest| rest.find("</a")) {
            let at = search + offset;
            if lower
                .as_bytes()
                .get(at + 3)
                .is_some_and(|b| *b == b'>' || b.is_ascii_whitespace())
            {
                *self = Self::At(at);
                return Some(at);
            }
            search = at + 3;
        }
        None
    }
}

/// The offset just past the `>` that ends the tag opening at `start`, outside quoted values.
fn tag_end(lower: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    let after = lower.as_bytes().get(start + 1..)?;
    for (i, &b) in after.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(start + 1 + i + 1),
            _ => {}
        }
    }
    None
}

/// The raw value of a tag's `href` attribute, quoted or not.
fn href(tag: &str) -> Option<&str> {
    let lower = tag.to_ascii_lowercase();
    let mut search = 0;
    while let Some(offset) = lower.get(search..).and_then(|rest| rest.find("href")) {
        let at = search + offset;
        search = at + 4;
        let attribute_starts = lower
            .as_bytes()
            .get(at.wrapping_sub(1))
            .is_some_and(u8::is_ascii_whitespace);
        let rest = tag.get(at + 4..)?.trim_start();
        let Some(value) = rest.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        if !attribute_starts {
            continue;
        }
        return match value.chars().next()? {
            quote @ ('"' | '\'') => {
                let inner = value.get(1..)?;
                inner.get(..inner.find(quote)?)
            }
            _ => value
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next(),
        };
    }
    None
}

/// What a link's reader would act on: a web address, or the address or number behind a
/// `mailto:` or `tel:` link. Anchors within the page, scripts and the like lead nowhere a
/// reader goes.
fn link_target(href: &str) -> Option<&str> {
    let href = href.trim();
    let has_prefix = |prefix: &str| {
        href.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    let target = if has_prefix("http://") || has_prefix("https://") {
        href
    } else if has_prefix("mailto:") || has_prefix("tel:") {
        let value = href.get(href.find(':')? + 1..)?;
        value.split('?').next()?
    } else {
        return None;
    };
    let plausible = !target.is_empty()
        && target.len() <= 2048
        && !target.contains(|c: char| c.is_whitespace() || c == '<' || c == '>');
    plausible.then_some(target)
}

/// Whether an anchor's content (lower case) already shows its target, as in
/// `<a href="https://x.example/">x.example</a>`.
fn shows(content: &str, target: &str) -> bool {
    let target = target.to_ascii_lowercase();
    let bare = target
        .strip_prefix("https://")
        .or_else(|| target.strip_prefix("http://"))
        .unwrap_or(&target);
    let bare = bare.strip_prefix("www.").unwrap_or(bare);
    let bare = bare.trim_end_matches('/');
    !bare.is_empty() && content.contains(bare)
}

/// `html` without the elements named (their tags and everything between), found without
/// regard to case; an element left open runs to the end.
fn without_elements(html: &str, names: &[&str]) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some((start, name)) = next_element(&lower, at, names) {
        out.push_str(html.get(at..start).unwrap_or_default());
        let closing = format!("</{name}");
        at = lower
            .get(start..)
            .and_then(|rest| rest.find(&closing))
            .and_then(|close| {
                let after = start + close;
                lower
                    .get(after..)
                    .and_then(|rest| rest.find('>'))
                    .map(|end| after + end + 1)
            })
            .unwrap_or(html.len());
    }
    out.push_str(html.get(at..).unwrap_or_default());
    out
}

/// `html` without the opening and closing tags named `name` (what is between them stays).
fn without_tags(html: &str, name: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut search = 0;
    while let Some(offset) = lower.get(search..).and_then(|rest| rest.find('<')) {
        let start = search + offset;
        search = start + 1;
        let name_start = start + 1 + usize::from(bytes.get(start + 1) == Some(&b'/'));
        let name_end = name_start + name.len();
        let is_tag = bytes.get(name_start..name_end) == Some(name.as_bytes())
            && bytes
                .get(name_end)
                .is_some_and(|b| matches!(b, b'>' | b'/') || b.is_ascii_whitespace());
        if !is_tag {
            continue;
        }
        let Some(end) = tag_end(&lower, start) else {
            break;
        };
        out.push_str(html.get(copied..start).unwrap_or_default());
        copied = end;
        search = end;
    }
    out.push_str(html.get(copied..).unwrap_or_default());
    out
}

/// The first opening tag at or after `from` of one of `names` (a name followed by `>`, `/` or
/// white space, so `<styled>` is not `<style>`), with the name.
fn next_element<'n>(lower: &str, from: usize, names: &[&'n str]) -> Option<(usize, &'n str)> {
    let bytes = lower.as_bytes();
    let mut search = from;
    while let Some(offset) = lower.get(search..).and_then(|rest| rest.find('<')) {
        let start = search + offset;
        for name in names {
            let name_end = start + 1 + name.len();
            if bytes.get(start + 1..name_end) == Some(name.as_bytes())
                && bytes
                    .get(name_end)
                    .is_some_and(|b| matches!(b, b'>' | b'/') || b.is_ascii_whitespace())
            {
                return Some((start, name));
            }
        }
        search = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_target_follows_its_words_unless_they_show_it() {
        let html = "<p>Your account is locked. <a class=x href=\"https://secure-login.example/verify?id=1&amp;u=2\">Verify now</a>.</p>\
            <A HREF='mailto:help@desk.example?subject=hi'>write to us</A> \
            <a href=tel:+447700900123>call</a> \
            <a href=\"https://www.brand.example/\">brand.example</a> \
            <a href=\"#top\">top</a> <a href=\"javascript:go()\">go</a> <abbr>abbr</abbr>";
        let text = readable_text(html);
        assert!(
            text.contains("Verify now <https://secure-login.example/verify?id=1&u=2>"),
            "{text}"
        );
        assert!(text.contains("write to us <help@desk.example>"), "{text}");
        assert!(text.contains("call <+447700900123>"), "{text}");
        // Words that show the target are not followed by it again.
        assert!(!text.contains("<https://www.brand.example/>"), "{text}");
        for nowhere in ["#top", "javascript", "<abbr"] {
            assert!(!text.contains(nowhere), "{nowhere} in {text}");
        }
    }

    #[test]
    fn an_image_link_and_an_unclosed_anchor_keep_their_targets() {
        let text = readable_text(
            "<a href=\"https://a.example/x\"><img src=\"banner.png\"></a> then \
             <a href=\"https://b.example/y\">open anchor",
        );
        assert!(text.contains("<https://a.example/x>"), "{text}");
        assert!(text.contains("<https://b.example/y>"), "{text}");
    }

    #[test]
    fn a_head_left_open_does_not_hide_the_message() {
        // As phishing kits send it: the head never closes, yet a browser shows the body.
        let html = "<!DOCTYPE html><html><head><meta charset=utf-8><title>Offer</title><center>\
            <h1><a href=\"http://dating.example/cl/1\">Get a date tonight</a></h1>";
        let text = readable_text(html);
        assert!(
            text.contains("Get a date tonight <http://dating.example/cl/1>"),
            "{text}"
        );
        assert!(!text.contains("Offer"), "{text}");
    }

    #[test]
    fn style_sheets_scripts_and_titles_are_not_read() {
        assert_eq!(
            without_elements("a<style>x</style>b<style>open", &["style"]),
            "ab"
        );
        let text = readable_text(
            "<style type=\"text/css\">@media screen { td { width: 100% } }</style>\
             <SCRIPT language=js>steal()</SCRIPT><p>Claim</p><styled>kept</styled>",
        );
        assert!(text.contains("Claim") && text.contains("kept"), "{text}");
        assert!(
            !text.contains("@media") && !text.contains("steal"),
            "{text}"
        );
    }

    #[test]
    fn hostile_markup_is_read_in_one_pass_without_panicking() {
        // Many anchors with no closing tag, or one tag that never ends: each is read once.
        let many = "<a href=\"https://x.example/p\">go ".repeat(100_000);
        let text = readable_text(&many);
        assert_eq!(text.matches("<https://x.example/p>").count(), 100_000);
        for hostile in [
            "<a href=\"https://x.example/p",
            "<a href='",
            "<a ",
            "<a href=>x</a>",
            "<a href=\"https://x.example/\u{e9}\">\u{e9}</a",
            "</a <a href=https://y.example/q>y",
            "<head",
            "",
        ] {
            readable_text(hostile);
        }
    }

    #[test]
    fn html_is_told_from_other_markup_by_its_first_element() {
        for html in [
            "<html><body>x</body></html>",
            "<!DOCTYPE html><p>x</p>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x\"><html>",
            "<b>URGENT</b> your parcel is held",
            "<P>hello</P>",
            "<div class=\"x\">hi</div>",
            "<br/>hi",
            "<p>one</p>",
        ] {
            assert!(opens_with_html(html), "{html}");
        }
        for other in [
            "<smses count=\"1\"></smses>",
            "<?xml version='1.0'?><smses/>",
            "<ussd>balance</ussd>",
            "<bold>x</bold>",
            "<B Of A># : Your account has been locked",
            "<p>no closing tag",
            "<3 see you",
            "<!DOCTYPE x>",
            "plain text",
        ] {
            assert!(!opens_with_html(other), "{other}");
        }
    }
}
