//! Links, domains, e-mail addresses and handles, including defanged forms
//! (`hxxps://evil[.]com`) that security people forward and attackers use to dodge filters.

use std::borrow::Cow;
use std::str::FromStr;
use std::sync::LazyLock;

use linkify::{LinkFinder, LinkKind};
use regex::Regex;

use super::{Collector, IndicatorKind, PhoneParser};

static HANDLE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(,;:])@([A-Za-z0-9_][A-Za-z0-9_.]{2,31})").ok());

/// CSS at-rules, which HTML mail's style sheets (and the plain-text parts some senders make
/// from them) spell like handles: `@media screen and (…) {`.
const CSS_AT_RULES: &[&str] = &[
    "media",
    "import",
    "font-face",
    "keyframes",
    "charset",
    "supports",
    "page",
    "namespace",
    "viewport",
    "layer",
    "container",
    "property",
];

/// Whether the text after an `@` (`after`) opens a CSS at-rule: its word is one, and a rule's
/// block or list follows on the same line (`{`, or `;` for `@import`). A handle such as
/// `@media` in a sentence is still a handle.
fn is_css_at_rule(after: &str) -> bool {
    let word_end = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(after.len());
    let (word, rest) = after.split_at(word_end);
    CSS_AT_RULES
        .iter()
        .any(|rule| word.eq_ignore_ascii_case(rule))
        && !rest.starts_with(['_', '.'])
        && rest
            .lines()
            .next()
            .is_some_and(|line| line.contains(['{', ';']))
}

/// File endings that linkify would otherwise read as top-level domains in attachment names.
const FILE_ENDINGS: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "pdf", "txt", "mp4", "mp3", "opus", "webp", "vcf", "doc", "docx",
    "xls", "xlsx", "heic", "ogg", "m4a", "csv", "json", "exe", "apk",
];

/// Generic top-level domains seen in messages; any two-letter ending is a country code.
const GENERIC_TLDS: &[&str] = &[
    "com",
    "net",
    "org",
    "info",
    "biz",
    "io",
    "app",
    "dev",
    "xyz",
    "top",
    "live",
    "online",
    "site",
    "link",
    "club",
    "shop",
    "store",
    "vip",
    "icu",
    "buzz",
    "click",
    "cyou",
    "sbs",
    "cfd",
    "bond",
    "lol",
    "fun",
    "work",
    "life",
    "today",
    "world",
    "support",
    "services",
    "help",
    "email",
    "page",
    "website",
    "space",
    "tech",
    "pro",
    "mobi",
    "name",
    "asia",
    "gov",
    "edu",
    "int",
    "mil",
    "xin",
    "win",
    "bid",
    "loan",
    "men",
    "date",
    "racing",
    "review",
    "stream",
    "trade",
    "party",
    "science",
    "download",
    "faith",
    "accountant",
    "cricket",
    "kim",
    "ltd",
    "group",
    "digital",
    "network",
    "center",
    "global",
    "news",
    "media",
    "agency",
    "company",
    "solutions",
    "systems",
    "finance",
    "money",
    "bank",
    "pay",
    "delivery",
    "express",
    "post",
];

/// Country-code top-level domains that are not ISO 3166 region codes.
const OTHER_COUNTRY_TLDS: &[&str] = &["uk", "eu", "su", "ac"];

/// Whether a scheme-less link's ending is a real top-level domain: a generic one seen in
/// messages, or a country's. Country codes are checked against ISO 3166 (the regions
/// libphonenumber knows), so that a username such as "abi.xx" is not taken for a link.
fn is_plausible_tld(ending: &str) -> bool {
    let lower = ending.to_ascii_lowercase();
    let country = lower.len() == 2
        && lower.chars().all(|c| c.is_ascii_alphabetic())
        && (OTHER_COUNTRY_TLDS.contains(&lower.as_str())
            || phonenumber::country::Id::from_str(&lower.to_ascii_uppercase()).is_ok());
    country || GENERIC_TLDS.contains(&lower.as_str())
}

/// Full stops a browser reads as the dot between a host's labels (UTS #46 maps them to `.`):
/// ideographic, full-width and half-width.
const OTHER_DOTS: &[char] = &['\u{3002}', '\u{FF0E}', '\u{FF61}'];

/// Writes full-width ASCII forms (`ｅｖｉｌ`, `＠`) as ASCII, and other full stops as `.` where
/// they stand between ASCII letters or digits (`secure-login。example。com`), as a browser
/// would: a link written so that filters miss it still leads where it leads. A full stop
/// with anything else beside it ends a Chinese or Japanese sentence and is left alone.
fn unfold_link_characters(text: &str) -> Cow<'_, str> {
    let folded = |c: char| {
        super::ascii_of_full_width(c)
            .filter(|_| !OTHER_DOTS.contains(&c))
            .unwrap_or(c)
    };
    if text.is_ascii()
        || !text
            .chars()
            .any(|c| folded(c) != c || OTHER_DOTS.contains(&c))
    {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().map(folded).collect();
    let alphanumeric = |at: Option<&char>| at.is_some_and(char::is_ascii_alphanumeric);
    let unfolded = chars
        .iter()
        .enumerate()
        .map(|(at, &c)| {
            let between = at
                .checked_sub(1)
                .is_some_and(|before| alphanumeric(chars.get(before)))
                && alphanumeric(chars.get(at + 1));
            if OTHER_DOTS.contains(&c) && between {
                '.'
            } else {
                c
            }
        })
        .collect();
    Cow::Owned(unfolded)
}

/// Undoes the usual defanging so the real link is recorded. Every defanged form has a bracket
/// or `hxx`/`hXX` in it; most texts have none, and are borrowed as they are.
pub(crate) fn refang(text: &str) -> Cow<'_, str> {
    if !text.contains(['[', '(', '{']) && !text.contains("hxx") && !text.contains("hXX") {
        return Cow::Borrowed(text);
    }
    let mut s = text.to_owned();
    for (from, to) in [
        ("hxxps", "https"),
        ("hXXps", "https"),
        ("hxxp", "http"),
        ("hXXp", "http"),
        ("[.]", "."),
        ("(.)", "."),
        ("{.}", "."),
        ("[dot]", "."),
        ("(dot)", "."),
        ("[:]", ":"),
        ("[://]", "://"),
        ("[@]", "@"),
        ("[at]", "@"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    Cow::Owned(s)
}

/// Whether `found`, which linkify took for a link to `host`, is one. "information.Confirm"
/// is two sentences run together (or OCR), and "senthil.hsbc" a name: a link without a
/// scheme needs a host that ends like one.
pub(crate) fn is_link(found: &str, host: &str) -> bool {
    let ending = host.rsplit('.').next().unwrap_or_default();
    found.contains("://") || (!FILE_ENDINGS.contains(&ending) && is_plausible_tld(ending))
}

/// Whether `host` is `domain` or one of its subdomains (`send.royalmail.com` is on
/// `royalmail.com`; `fakeroyalmail.com` is not).
pub(crate) fn on_domain(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

/// The host of a URL, lower-cased, without `www.`, port or credentials.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    // Every label non-empty: "..." and "a..b" are punctuation, not hosts.
    (host.contains('.') && host.split('.').all(|label| !label.is_empty())).then_some(host)
}

pub(crate) fn extract(
    text: &str,
    message: Option<usize>,
    phones: &PhoneParser,
    out: &mut Collector,
) {
    // Screened after refanging: "evil(dot)com" and "help[at]evil(dot)com" have no dot or `@`
    // until then (a screen on the text as written lost them).
    let unfolded = unfold_link_characters(text);
    let text = refang(&unfolded);
    if !text.contains(['.', '@']) {
        return;
    }
    extract_refanged(&text, message, phones, out);
}

/// [`extract`] past its screens, on refanged text.
fn extract_refanged(text: &str, message: Option<usize>, phones: &PhoneParser, out: &mut Collector) {
    let mut finder = LinkFinder::new();
    finder
        .url_must_have_scheme(false)
        .kinds(&[LinkKind::Url, LinkKind::Email]);
    for link in finder.links(text) {
        let found = link.as_str().trim_end_matches(['.', ',', ')', '!', '?']);
        match link.kind() {
            // linkify takes a no-break space before an address into it ("Oi,\u{a0}name@…").
            LinkKind::Email => out.add(
                IndicatorKind::Email,
                found.trim_matches(char::is_whitespace).to_ascii_lowercase(),
                message,
            ),
            _ => {
                let Some(host) = host_of(found) else { continue };
                if !is_link(found, &host) {
                    continue;
                }
                let path = found
                    .split_once(&host)
                    .map_or("", |(_, p)| p)
                    .trim_start_matches('/');
                let first_segment = path.split(['/', '?', '#']).next().unwrap_or_default();
                match host.as_str() {
                    "wa.me" | "api.whatsapp.com" => {
                        let number = if first_segment.is_empty() {
                            found
                                .split("phone=")
                                .nth(1)
                                .map(|p| p.split('&').next().unwrap_or(p))
                                .unwrap_or_default()
                        } else {
                            first_segment
                        };
                        if let Some(e164) =
                            phones.parse(&format!("+{}", number.trim_start_matches('+')))
                        {
                            out.add(IndicatorKind::Phone, e164, message);
                        }
                    }
                    "t.me" | "telegram.me" if !first_segment.is_empty() => out.add(
                        IndicatorKind::Handle,
                        format!("t.me/{}", first_segment.to_ascii_lowercase()),
                        message,
                    ),
                    _ => {}
                }
                let url = if found.contains("://") {
                    found.to_owned()
                } else {
                    format!("http://{found}")
                };
                out.add(IndicatorKind::Url, url, message);
                out.add(IndicatorKind::Domain, host, message);
            }
        }
    }
    if let Some(handle) = HANDLE.as_ref() {
        for caps in handle.captures_iter(text) {
            if let Some(found) = caps.get(1) {
                if is_css_at_rule(text.get(found.start()..).unwrap_or_default()) {
                    continue;
                }
                let name = found.as_str().trim_end_matches('.');
                out.add(
                    IndicatorKind::Handle,
                    format!("@{}", name.to_ascii_lowercase()),
                    message,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        let mut out = Collector::default();
        extract(text, None, &PhoneParser::default(), &mut out);
        out.items
            .into_iter()
            .map(|i| (i.kind.id().to_owned(), i.value))
            .collect()
    }

    proptest::proptest! {
        /// The screens only rule out texts in which nothing would have been found.
        #[test]
        fn nothing_is_lost_to_the_screens(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "example", "com", "co.uk", ".", "..", ". ", ".-", "._", ".é", "é", "@", "@x_1",
                    "://", "http", "hxxps", "[.]", "(dot)", "[at]", "wa.me/447700900123", "t.me",
                    "/path", "?q=1", "#", ":8080", "www", "mail", " ", "\n", "-", "_", "1", "Z",
                    "report.pdf", "x", "\u{1F351}", "。", "．", "＠", "ｅｘ", "好",
                ]),
                0..24,
            )
        ) {
            let text: String = pieces.concat();
            let unfolded = unfold_link_characters(&text);
            let refanged = refang(&unfolded);
            let phones = PhoneParser::default();
            let unscreened =
                Collector::values_from(|out| extract_refanged(&refanged, None, &phones, out));
            let screened = Collector::values_from(|out| extract(&text, None, &phones, out));
            proptest::prop_assert_eq!(screened, unscreened, "{}", text);
        }
    }

    #[test]
    fn links_in_full_width_forms_or_with_other_full_stops_are_found() {
        assert_eq!(
            found("Log in at secure-login。example。com/verify"),
            vec![
                (
                    "url".into(),
                    "http://secure-login.example.com/verify".into()
                ),
                ("domain".into(), "secure-login.example.com".into()),
            ]
        );
        assert_eq!(
            found("go to ｅｖｉｌ．ｃｏｍ/login or mail abi＠example.com"),
            vec![
                ("url".into(), "http://evil.com/login".into()),
                ("domain".into(), "evil.com".into()),
                ("email".into(), "abi@example.com".into()),
            ]
        );
        // A Chinese or Japanese sentence's full stop before a Latin word is not a link.
        assert!(found("好的。ok 明天见．See you").is_empty());
    }

    #[test]
    fn a_two_letter_ending_must_be_a_country_for_a_link_without_scheme() {
        assert!(found("add me on snap: abi.xx").is_empty());
        for link in [
            "evil.co", "evil.io", "evil.uk", "evil.eu", "evil.me", "evil.ly", "evil.tk",
        ] {
            assert_eq!(found(link).len(), 2, "{link}");
        }
        // With a scheme, the writer meant a link whatever its ending.
        assert_eq!(found("https://abi.xx/login").len(), 2);
    }

    #[test]
    fn links_defanged_without_a_dot_or_at_sign_are_found() {
        assert_eq!(
            found(
                "Log in at secure-login(dot)example(dot)com/verify or mail help[at]example[dot]com"
            ),
            vec![
                (
                    "url".into(),
                    "http://secure-login.example.com/verify".into()
                ),
                ("domain".into(), "secure-login.example.com".into()),
                ("email".into(), "help@example.com".into()),
            ]
        );
    }

    #[test]
    fn urls_domains_defanged_and_bare() {
        assert_eq!(
            found("login at hxxps://secure-login[.]example[.]com/verify now"),
            vec![
                (
                    "url".into(),
                    "https://secure-login.example.com/verify".into()
                ),
                ("domain".into(), "secure-login.example.com".into())
            ]
        );
        assert_eq!(
            found("bit.ly/3abc"),
            vec![
                ("url".into(), "http://bit.ly/3abc".into()),
                ("domain".into(), "bit.ly".into())
            ]
        );
        assert!(found("see IMG-20240101-WA0001.jpg").is_empty());
    }

    #[test]
    fn handles_whatsapp_links_and_emails() {
        let got = found(
            "add me on t.me/Abi_Private or wa.me/447700900417, mail abi.h@example.org, insta @abi.h_",
        );
        let kinds: Vec<_> = got.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert!(
            kinds.contains(&"handle=t.me/abi_private".to_owned()),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&"phone=+447700900417".to_owned()),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&"email=abi.h@example.org".to_owned()),
            "{kinds:?}"
        );
        assert!(kinds.contains(&"handle=@abi.h_".to_owned()), "{kinds:?}");
        assert!(
            !kinds.iter().any(|k| k == "handle=@example.org"),
            "{kinds:?}"
        );
    }

    #[test]
    fn css_at_rules_are_not_handles_and_a_no_break_space_is_not_an_address() {
        let css = "Claim now!\n@media screen and (max-width: 640px) { .u-row { width: 100% } }\n \
                   @font-face { font-family: x; } @import url(a.css);";
        assert_eq!(found(css), Vec::<(String, String)>::new());
        // In a sentence, the same words are handles.
        let said = found("follow @media_watch and @page_turner for the news; {soon}");
        assert!(
            said.contains(&("handle".into(), "@media_watch".into())),
            "{said:?}"
        );
        assert!(
            said.contains(&("handle".into(), "@page_turner".into())),
            "{said:?}"
        );
        assert_eq!(
            found("Oi,\u{a0}rodrigo-f-p@hotmail.com"),
            vec![("email".into(), "rodrigo-f-p@hotmail.com".into())]
        );
    }
}
