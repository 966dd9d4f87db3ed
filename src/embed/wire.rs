//! The host protocol on the wire: every event name and payload shape of Akinon's UI Protocol
//! as this app speaks it, in one place (`UI-PROTOCOL.md` of the contract). Pure, so the
//! codec is tested on the host, malformed input included.
//!
//! A message is a string: `/*framebus*/` and the JSON `{"event", "origin", "eventData",
//! "reply"}` that braintree's `framebus` (the bus Akinon's shells run on) writes and reads.

use crate::api::Credentials;
use crate::json::{self, Json};

/// framebus's marker in front of the JSON.
pub(crate) const PREFIX: &str = "/*framebus*/";
/// Longest message read. The shell's messages are a few hundred bytes; anything far bigger is
/// refused before it is parsed.
pub(crate) const MAX_LEN: usize = 64 * 1024;

/// App → shell: the app's kind and menu, until the shell answers with `SET_DATA`.
pub(crate) const SET_CONFIG: &str = "SET_CONFIG";
/// App → shell: the route the app moved to (our name; undocumented upstream).
pub(crate) const NAVIGATE: &str = "NAVIGATE";
/// App → shell: a toast in the shell (our name).
pub(crate) const SHOW_TOAST: &str = "SHOW_TOAST";
/// App → shell, with a reply id: run an action of the shell (our name).
pub(crate) const INVOKE_ACTION: &str = "INVOKE_ACTION";
/// The action that asks the shell for a new OMS token after a 401.
pub(crate) const REFRESH_OMS_TOKEN: &str = "refreshOmsToken";
const SET_DATA: &str = "SET_DATA";
const SET_APP_ID: &str = "SET_APP_ID";
const NAVIGATE_CHILD: &str = "NAVIGATE_CHILD";

/// Why a message was not acted on. Each is counted, never shown to the user: a message the
/// app cannot read is the shell's bug or someone else's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WireError {
    /// Not a framebus string (another library's message on the same window).
    NotFramebus,
    /// Longer than [`MAX_LEN`].
    TooLarge,
    /// The JSON after the prefix does not parse.
    BadJson,
    /// No `event` string.
    NoEvent,
    /// An event this app does not handle (or a reply nobody waits for).
    Unknown,
    /// A known event whose data has the wrong shape; names the offending key.
    BadData(&'static str),
}

/// The shell's theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Theme {
    Light,
    Dark,
}

impl Theme {
    /// The value of `<html data-theme>` the style sheet keys on.
    pub(crate) fn attr(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// What a `SET_DATA` carries that the app reads; absent keys are `None`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct HostData {
    /// A language tag (`tr`, `en-us`).
    pub(crate) locale: Option<String>,
    /// An unknown theme name is `None`: the app keeps its look.
    pub(crate) theme: Option<Theme>,
    /// `searchParams` as a query string without `?` (`page=3&reason=damaged`).
    pub(crate) search: Option<String>,
    /// `oms.baseUrl` and `oms.token`.
    pub(crate) oms: Option<Credentials>,
}

/// A message from the shell the app acts on.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Incoming {
    /// `SET_DATA`.
    Data(HostData),
    /// `SET_APP_ID`: the app's id in the shell, as text.
    AppId(String),
    /// `NAVIGATE_CHILD`: an app-relative path, checked by [`app_relative`].
    Navigate(String),
    /// The answer to the request whose reply id was `pending`.
    Reply(Json),
}

/// Reads a message. `pending` is the reply id of the request the app waits on, if any.
pub(crate) fn decode(text: &str, pending: Option<&str>) -> Result<Incoming, WireError> {
    let body = text.strip_prefix(PREFIX).ok_or(WireError::NotFramebus)?;
    if text.len() > MAX_LEN {
        return Err(WireError::TooLarge);
    }
    let message = json::value(body).map_err(|_| WireError::BadJson)?;
    let Some(Json::Str(event)) = message.get("event") else {
        return Err(WireError::NoEvent);
    };
    let data = message.get("eventData").unwrap_or(&Json::Null);
    match event.as_str() {
        SET_DATA => host_data(data).map(Incoming::Data),
        SET_APP_ID => match data {
            Json::Str(s) if !s.is_empty() => Ok(Incoming::AppId(s.clone())),
            Json::Num(n) if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 => {
                Ok(Incoming::AppId((*n as i64).to_string()))
            }
            _ => Err(WireError::BadData("eventData")),
        },
        NAVIGATE_CHILD => match data.get("path") {
            Some(Json::Str(path)) if app_relative(path) => Ok(Incoming::Navigate(path.clone())),
            _ => Err(WireError::BadData("path")),
        },
        id if pending == Some(id) => Ok(Incoming::Reply(data.clone())),
        _ => Err(WireError::Unknown),
    }
}

fn host_data(data: &Json) -> Result<HostData, WireError> {
    let Json::Obj(_) = data else {
        return Err(WireError::BadData("eventData"));
    };
    let text = |key: &'static str| match data.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::Str(s)) => Ok(Some(s.clone())),
        Some(_) => Err(WireError::BadData(key)),
    };
    let locale = text("locale")?;
    let theme = text("theme")?.and_then(|t| match t.as_str() {
        "light" => Some(Theme::Light),
        "dark" => Some(Theme::Dark),
        _ => None,
    });
    let search = match data.get("searchParams") {
        None | Some(Json::Null) => None,
        Some(Json::Obj(entries)) => {
            let mut query = form_urlencoded::Serializer::new(String::new());
            for (key, value) in entries {
                let Json::Str(value) = value else {
                    return Err(WireError::BadData("searchParams"));
                };
                query.append_pair(key, value);
            }
            Some(query.finish())
        }
        Some(_) => return Err(WireError::BadData("searchParams")),
    };
    let oms = match data.get("oms") {
        None | Some(Json::Null) => None,
        Some(oms) => Some(credentials(oms)?),
    };
    Ok(HostData {
        locale,
        theme,
        search,
        oms,
    })
}

/// `{"baseUrl": "https://…", "token": "…"}`: a token without spaces or control characters
/// (it goes into a header) and an http(s) base URL, or an empty one for the app's own origin.
fn credentials(oms: &Json) -> Result<Credentials, WireError> {
    let (Some(Json::Str(base_url)), Some(Json::Str(token))) = (oms.get("baseUrl"), oms.get("token")) else {
        return Err(WireError::BadData("oms"));
    };
    let lower = base_url.to_ascii_lowercase();
    if !(base_url.is_empty() || lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(WireError::BadData("oms.baseUrl"));
    }
    if token.is_empty() || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(WireError::BadData("oms.token"));
    }
    Ok(Credentials {
        base_url: base_url.trim_end_matches('/').to_string(),
        token: token.clone(),
    })
}

/// A path inside the app: `/…`, never `//host` or `/\host` (which browsers read as another
/// host), nor a control character. A scheme (`javascript:`, `https:`) cannot start with `/`.
pub(crate) fn app_relative(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && path.len() <= 2048
        && !path.chars().any(char::is_control)
}

/// A message for the shell. `origin` is the shell's origin, as framebus writes its target
/// there.
pub(crate) fn encode(event: &str, origin: &str, data: &Json, reply: Option<&str>) -> String {
    let text = |s: &str| Json::Str(s.to_string()).to_text();
    let reply = reply.map(|id| format!(r#","reply":{}"#, text(id))).unwrap_or_default();
    format!(
        r#"{PREFIX}{{"event":{},"origin":{},"eventData":{}{reply}}}"#,
        text(event),
        text(origin),
        data.to_text()
    )
}

/// A JSON object of `(key, value)` pairs.
pub(crate) fn object(fields: Vec<(&str, Json)>) -> Json {
    Json::Obj(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// `SET_CONFIG`'s data: a full-page app with its menu (paths and labels).
pub(crate) fn config_data(menu: &[(&str, &str)]) -> Json {
    let items = menu
        .iter()
        .map(|(path, label)| {
            object(vec![
                ("path", Json::Str(path.to_string())),
                ("label", Json::Str(label.to_string())),
            ])
        })
        .collect();
    object(vec![
        ("type", Json::Str("full_page".into())),
        ("menu", Json::Arr(items)),
    ])
}

/// The new token in the shell's answer to [`REFRESH_OMS_TOKEN`]: `{"token": "…"}`; `null` or
/// anything else is no token.
pub(crate) fn refreshed_token(answer: &Json) -> Option<String> {
    match answer.get("token") {
        Some(Json::Str(t)) if !t.is_empty() && !t.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            Some(t.clone())
        }
        _ => None,
    }
}

/// Host only: the proptests need proptest, a host dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
