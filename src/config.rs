//! Runtime configuration, read once at start-up from `<meta name="oms-admin-config">`.
//!
//! A host back office that embeds the app sets the OMS address, the router base path and
//! the link templates in that tag without rebuilding the wasm; a `<meta>` (not an inline
//! script) keeps a strict Content-Security-Policy possible.

use crate::json::{self, Fields, FromJson, Tree};

/// Name of the `<meta>` tag whose `content` holds the JSON configuration.
pub const META_NAME: &str = "oms-admin-config";

/// What can be configured per installation. Every field is optional; an unknown key is an
/// error, so a typo is reported instead of silently ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppConfig {
    /// OMS base URL to propose at sign-in; the page's own origin when absent.
    pub oms_base_url: Option<String>,
    /// Path the app is mounted under, e.g. `/inventory`; empty at the root.
    pub router_base: String,
    /// Back-office URL of a package item, with `{id}`; no link when absent.
    pub package_item_link: Option<String>,
    /// Back-office URL of a transfer item, with `{id}`; no link when absent.
    pub transfer_item_link: Option<String>,
    /// Back-office URL of a stock location, with `{id}`; no link when absent.
    pub stock_location_link: Option<String>,
    /// Exact origins of the host back offices that may embed the app and talk to it
    /// (`crate::embed`); empty, the app takes no part in the host protocol.
    pub shell_origins: Vec<String>,
}

impl AppConfig {
    /// Parses the JSON of the meta tag; an empty string is the default configuration.
    pub fn from_json(json: &str) -> Result<AppConfig, String> {
        if json.trim().is_empty() {
            return Ok(AppConfig::default());
        }
        let Written(mut config) = json::read(json)?;
        config.router_base = config.router_base.trim_end_matches('/').to_string();
        for template in [
            &config.package_item_link,
            &config.transfer_item_link,
            &config.stock_location_link,
        ]
        .into_iter()
        .flatten()
        {
            if !is_safe_link(template) {
                return Err(format!(
                    "link template must be an http(s) URL or an absolute path: {template}"
                ));
            }
        }
        if let Some(bad) = config.shell_origins.iter().find(|o| !is_origin(o)) {
            return Err(format!(
                "shell_origins takes exact origins such as https://bo.example.com: {bad}"
            ));
        }
        for origin in &mut config.shell_origins {
            *origin = canonical_origin(origin);
        }
        Ok(config)
    }

    /// Reads the meta tag of the current document. A broken configuration is reported on
    /// the console and the defaults are used, so a typo in a host page does not blank the app.
    pub fn load() -> AppConfig {
        let content = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&format!("meta[name=\"{META_NAME}\"]")).ok().flatten())
            .and_then(|el| el.get_attribute("content"))
            .unwrap_or_default();
        AppConfig::from_json(&content).unwrap_or_else(|e| {
            leptos::logging::warn!("ignoring invalid {META_NAME}: {e}");
            AppConfig::default()
        })
    }
}

/// The configuration as the meta tag writes it, before [`AppConfig::from_json`] checks its
/// links and origins: not an `AppConfig` itself, so that no reader of JSON can make one
/// unchecked.
struct Written(AppConfig);

/// Every key of the configuration; any other is refused.
const KEYS: [&str; 6] = [
    "oms_base_url",
    "router_base",
    "package_item_link",
    "transfer_item_link",
    "stock_location_link",
    "shell_origins",
];

/// A missing key is its default. An unknown key is refused on both paths: the tree holds
/// every key, in the browser too.
impl FromJson for Written {
    fn from_json(tree: Tree<'_>) -> Result<Self, String> {
        let f = Fields::of(tree.0, "a configuration object")?;
        f.only(&KEYS)?;
        Ok(Written(AppConfig {
            oms_base_url: f.opt_text("oms_base_url")?,
            router_base: f.text_or_empty("router_base")?,
            package_item_link: f.opt_text("package_item_link")?,
            transfer_item_link: f.opt_text("transfer_item_link")?,
            stock_location_link: f.opt_text("stock_location_link")?,
            shell_origins: f.texts_or_empty("shell_origins")?,
        }))
    }
}

/// Fills `{id}` into a link template.
pub fn link(template: Option<&str>, id: i64) -> Option<String> {
    template.map(|t| t.replace("{id}", &id.to_string()))
}

/// `scheme://host[:port]` and nothing more: origins are compared exactly, so a path, a
/// trailing slash or a wildcard would never match (or match too much).
fn is_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
    else {
        return false;
    };
    !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// An origin as the browser writes `MessageEvent.origin`: lower case, without the scheme's
/// default port. `https://BO.example.com:443` would otherwise never match.
fn canonical_origin(origin: &str) -> String {
    let lower = origin.to_ascii_lowercase();
    let default_port = if lower.starts_with("https://") { ":443" } else { ":80" };
    lower.strip_suffix(default_port).map(str::to_string).unwrap_or(lower)
}

/// Only http(s) URLs and absolute paths: a `javascript:` template would run code on click.
fn is_safe_link(template: &str) -> bool {
    let lower = template.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || (lower.starts_with('/') && !lower.starts_with("//"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_default() {
        assert_eq!(AppConfig::from_json("").unwrap(), AppConfig::default());
        assert_eq!(AppConfig::from_json("{}").unwrap(), AppConfig::default());
    }

    #[test]
    fn reads_every_field() {
        let c = AppConfig::from_json(
            r#"{"oms_base_url":"https://oms.example.com","router_base":"/inventory/","package_item_link":"https://bo.example.com/package-items/{id}/"}"#,
        )
        .unwrap();
        assert_eq!(c.oms_base_url.as_deref(), Some("https://oms.example.com"));
        assert_eq!(c.router_base, "/inventory");
        assert_eq!(
            link(c.package_item_link.as_deref(), 42).as_deref(),
            Some("https://bo.example.com/package-items/42/")
        );
        assert_eq!(link(c.transfer_item_link.as_deref(), 42), None);
    }

    #[test]
    fn rejects_unsafe_links_and_typos() {
        assert!(AppConfig::from_json(r#"{"stock_location_link":"javascript:alert(1)//{id}"}"#).is_err());
        assert!(AppConfig::from_json(r#"{"stock_location_link":"//evil.example.com/{id}"}"#).is_err());
        assert!(AppConfig::from_json(r#"{"oms_base":"https://x"}"#).is_err());
        assert!(AppConfig::from_json(r#"{"router_base":"/x","Router_base":"/y"}"#).is_err());
        assert!(AppConfig::from_json("not json").is_err());
        assert!(AppConfig::from_json(r#"{"router_base":null}"#).is_err());
        assert!(AppConfig::from_json(r#"{"router_base":5}"#).is_err());
        assert!(AppConfig::from_json(r#"["router_base"]"#).is_err());
    }

    #[test]
    fn null_is_no_link_but_not_an_empty_list() {
        let c = AppConfig::from_json(r#"{"oms_base_url":null,"package_item_link":null}"#).unwrap();
        assert_eq!(c, AppConfig::default());
        assert!(AppConfig::from_json(r#"{"shell_origins":null}"#).is_err());
        assert!(AppConfig::from_json(r#"{"shell_origins":[5]}"#).is_err());
        assert!(AppConfig::from_json(r#"{"oms_base_url":5}"#).is_err());
    }

    #[test]
    fn shell_origins_are_exact_origins() {
        let c =
            AppConfig::from_json(r#"{"shell_origins":["https://bo.example.com","http://localhost:8081"]}"#).unwrap();
        assert_eq!(c.shell_origins, ["https://bo.example.com", "http://localhost:8081"]);
        for bad in [
            "*",
            "https://bo.example.com/",
            "https://bo.example.com/apps",
            "bo.example.com",
            "javascript:alert(1)",
            "https://",
            "https://a.example.com https://b.example.com",
            "null",
        ] {
            let json = format!(r#"{{"shell_origins":["{bad}"]}}"#);
            assert!(AppConfig::from_json(&json).is_err(), "{bad}");
        }
        assert!(AppConfig::from_json(r#"{"shell_origins":"https://bo.example.com"}"#).is_err());
        // Written as the browser reports an event's origin, so that they can match.
        let c = AppConfig::from_json(
            r#"{"shell_origins":["https://BO.Example.com:443","http://bo.example.com:80","https://bo.example.com:8443","http://localhost:4430"]}"#,
        )
        .unwrap();
        assert_eq!(
            c.shell_origins,
            [
                "https://bo.example.com",
                "http://bo.example.com",
                "https://bo.example.com:8443",
                "http://localhost:4430"
            ]
        );
    }

    #[test]
    fn every_field_is_read_and_an_unknown_key_refused() {
        // Naming each field here breaks the build when one is added: add it below too.
        let AppConfig {
            oms_base_url: _,
            router_base: _,
            package_item_link: _,
            transfer_item_link: _,
            stock_location_link: _,
            shell_origins: _,
        } = AppConfig::default();
        let fields = [
            "oms_base_url",
            "router_base",
            "package_item_link",
            "transfer_item_link",
            "stock_location_link",
        ];
        let all = format!(
            "{{{}}}",
            fields
                .iter()
                .map(|f| format!(r#""{f}":"/{f}""#))
                .collect::<Vec<_>>()
                .join(",")
        );
        let all = all.replace('}', r#","shell_origins":["https://shell.example.com"]}"#);
        let c = AppConfig::from_json(&all).unwrap();
        assert_eq!(c.shell_origins, ["https://shell.example.com"]);
        assert_eq!(c.router_base, "/router_base");
        assert_eq!(c.stock_location_link.as_deref(), Some("/stock_location_link"));
        let typo = all.replace("router_base", "router_bas");
        assert_eq!(
            AppConfig::from_json(&typo).unwrap_err(),
            format!(
                "unknown field `router_bas`, expected one of {}, shell_origins",
                fields.join(", ")
            )
        );
    }
}
