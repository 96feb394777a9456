//! Free e-mail providers: anyone can have an address there, so an address on one says nothing
//! about who its owner works for. Linking reads that as "sharing this domain links nobody";
//! detection reads it as "this sender speaks for no organisation", which gives away a request
//! only an organisation makes ("sign in with your parliamentary account to view").

/// The providers' domains, lower case.
pub const FREE_MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.co.uk",
    "outlook.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "icloud.com",
    "me.com",
    "aol.com",
    "mail.com",
    "gmx.com",
    "gmx.de",
    "protonmail.com",
    "proton.me",
    "yandex.ru",
    "mail.ru",
    "163.com",
    "qq.com",
    "ymail.com",
    "live.co.uk",
    "mac.com",
    "pm.me",
    "tutanota.com",
    "tuta.io",
    "zoho.com",
    "yandex.com",
    "gmx.net",
    "web.de",
    "fastmail.com",
    "hotmail.fr",
    "yahoo.fr",
    "btinternet.com",
    "sky.com",
];

/// Whether an e-mail address (lower case, as [`crate::SenderIdentity::Email`] holds it) is on
/// a free provider's domain.
pub fn is_free_mail_address(address: &str) -> bool {
    address
        .rsplit_once('@')
        .is_some_and(|(_, domain)| FREE_MAIL_DOMAINS.contains(&domain))
}

#[cfg(test)]
mod tests {
    use super::is_free_mail_address;

    #[test]
    fn an_address_at_a_free_provider_is_free_mail_and_others_are_not() {
        assert!(is_free_mail_address("sarah.lyons.bbc@gmail.com"));
        assert!(is_free_mail_address("tom@hotmail.co.uk"));
        assert!(!is_free_mail_address("sarah.lyons@bbc.co.uk"));
        // A provider's name inside another domain is that other domain.
        assert!(!is_free_mail_address("alerts@gmail.com.account-check.net"));
        assert!(!is_free_mail_address("no-at-sign"));
    }
}
