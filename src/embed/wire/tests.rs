use super::*;
use proptest::prelude::*;

/// What framebus 6 writes for `bus.emit(event, data)`: `{event, origin, eventData}`, with
/// `reply` before `eventData` when a callback is given.
fn framebus(event: &str, data: &str) -> String {
    format!(r#"{PREFIX}{{"event":"{event}","origin":"http://127.0.0.1:8080","eventData":{data}}}"#)
}

fn creds(base_url: &str, token: &str) -> Credentials {
    Credentials {
        base_url: base_url.into(),
        token: token.into(),
    }
}

#[test]
fn reads_set_data_as_the_shell_sends_it() {
    let text = framebus(
        "SET_DATA",
        r#"{"locale":"tr-TR","theme":"dark","searchParams":{"page":"3","reason":"out of stock & more"},"oms":{"baseUrl":"https://oms.example.com/","token":"abc123"},"extra":{"any":[1,2]}}"#,
    );
    assert_eq!(
        decode(&text, None),
        Ok(Incoming::Data(HostData {
            locale: Some("tr-TR".into()),
            theme: Some(Theme::Dark),
            search: Some("page=3&reason=out+of+stock+%26+more".into()),
            oms: Some(creds("https://oms.example.com", "abc123")),
        }))
    );
    // Every key is optional; an unknown theme leaves the look alone.
    assert_eq!(
        decode(&framebus("SET_DATA", "{}"), None),
        Ok(Incoming::Data(HostData::default()))
    );
    assert_eq!(
        decode(&framebus("SET_DATA", r#"{"theme":"sepia","locale":null}"#), None),
        Ok(Incoming::Data(HostData::default()))
    );
}

#[test]
fn reads_app_id_navigation_and_replies() {
    assert_eq!(
        decode(&framebus("SET_APP_ID", "7"), None),
        Ok(Incoming::AppId("7".into()))
    );
    assert_eq!(
        decode(&framebus("SET_APP_ID", r#""ext-7""#), None),
        Ok(Incoming::AppId("ext-7".into()))
    );
    assert_eq!(
        decode(&framebus("NAVIGATE_CHILD", r#"{"path":"/discrepancies/42?x=1"}"#), None),
        Ok(Incoming::Navigate("/discrepancies/42?x=1".into()))
    );
    // framebus's reply: the event is the request's reply id.
    let id = "5e1b0c2a-8f4e-4f7c-9f6a-0d3c2b1a0e9f";
    let answer = framebus(id, r#"{"token":"new"}"#);
    assert_eq!(
        decode(&answer, Some(id)).map(|m| match m {
            Incoming::Reply(data) => refreshed_token(&data),
            _ => None,
        }),
        Ok(Some("new".into()))
    );
    // Nobody waits for it (a late answer after the timeout): unknown.
    assert_eq!(decode(&answer, None), Err(WireError::Unknown));
    assert_eq!(decode(&answer, Some("another")), Err(WireError::Unknown));
    // framebus leaves eventData out when it is undefined.
    assert_eq!(
        decode(&format!(r#"{PREFIX}{{"event":"{id}","origin":"*"}}"#), Some(id)),
        Ok(Incoming::Reply(Json::Null))
    );
}

#[test]
fn refuses_navigation_outside_the_app() {
    for path in [
        "javascript:alert(1)",
        "//evil.example.com/x",
        "/\\evil.example.com",
        "https://evil.example.com/",
        "discrepancies",
        "",
        "/a\nb",
        "/\u{0}",
    ] {
        let data = object(vec![("path", Json::Str(path.into()))]).to_text();
        assert_eq!(
            decode(&framebus("NAVIGATE_CHILD", &data), None),
            Err(WireError::BadData("path")),
            "{path:?}"
        );
    }
    assert!(!app_relative(&format!("/{}", "a".repeat(2048))));
    assert!(app_relative("/discrepancies?page=2#top"));
}

#[test]
fn every_malformed_shape_is_a_typed_error() {
    let cases: Vec<(String, WireError)> = vec![
        ("".into(), WireError::NotFramebus),
        (r#"{"event":"SET_DATA"}"#.into(), WireError::NotFramebus),
        ("/*framebus*".into(), WireError::NotFramebus),
        (PREFIX.to_string(), WireError::BadJson),
        (format!("{PREFIX}{{"), WireError::BadJson),
        (format!("{PREFIX}{{}} trailing"), WireError::BadJson),
        (
            format!("{PREFIX}{}{}", "[".repeat(200), "]".repeat(200)),
            WireError::BadJson,
        ),
        (format!("{PREFIX}null"), WireError::NoEvent),
        (format!("{PREFIX}[]"), WireError::NoEvent),
        (format!(r#"{PREFIX}{{"event":5}}"#), WireError::NoEvent),
        (framebus("NO_SUCH_EVENT", "{}"), WireError::Unknown),
        (framebus("SET_DATA", "null"), WireError::BadData("eventData")),
        (framebus("SET_DATA", r#""tr""#), WireError::BadData("eventData")),
        (framebus("SET_DATA", r#"{"locale":5}"#), WireError::BadData("locale")),
        (framebus("SET_DATA", r#"{"theme":true}"#), WireError::BadData("theme")),
        (
            framebus("SET_DATA", r#"{"searchParams":"page=3"}"#),
            WireError::BadData("searchParams"),
        ),
        (
            framebus("SET_DATA", r#"{"searchParams":{"page":3}}"#),
            WireError::BadData("searchParams"),
        ),
        (framebus("SET_DATA", r#"{"oms":"token"}"#), WireError::BadData("oms")),
        (
            framebus("SET_DATA", r#"{"oms":{"token":"t"}}"#),
            WireError::BadData("oms"),
        ),
        (
            framebus("SET_DATA", r#"{"oms":{"baseUrl":"javascript:x","token":"t"}}"#),
            WireError::BadData("oms.baseUrl"),
        ),
        (
            framebus("SET_DATA", r#"{"oms":{"baseUrl":"","token":""}}"#),
            WireError::BadData("oms.token"),
        ),
        (
            framebus("SET_DATA", r#"{"oms":{"baseUrl":"","token":"a\r\nX-Evil: 1"}}"#),
            WireError::BadData("oms.token"),
        ),
        (framebus("SET_APP_ID", "1.5"), WireError::BadData("eventData")),
        (framebus("SET_APP_ID", "null"), WireError::BadData("eventData")),
        (framebus("SET_APP_ID", "1e300"), WireError::BadData("eventData")),
        (
            framebus("NAVIGATE_CHILD", r#""/discrepancies""#),
            WireError::BadData("path"),
        ),
        (
            framebus("NAVIGATE_CHILD", r#"{"path":["/"]}"#),
            WireError::BadData("path"),
        ),
        (
            framebus("SET_DATA", &format!(r#"{{"locale":"{}"}}"#, "x".repeat(MAX_LEN))),
            WireError::TooLarge,
        ),
    ];
    for (text, error) in cases {
        assert_eq!(decode(&text, None), Err(error), "{}", &text[..text.len().min(80)]);
    }
}

#[test]
fn writes_what_framebus_reads() {
    let text = encode(
        SET_CONFIG,
        "http://localhost:8081",
        &config_data(&[("/discrepancies", "Liste \"tr\""), ("/discrepancies/remove", "Kaldır")]),
        None,
    );
    assert_eq!(
        text,
        r#"/*framebus*/{"event":"SET_CONFIG","origin":"http://localhost:8081","eventData":{"type":"full_page","menu":[{"path":"/discrepancies","label":"Liste \"tr\""},{"path":"/discrepancies/remove","label":"Kaldır"}]}}"#
    );
    let request = encode(
        INVOKE_ACTION,
        "http://localhost:8081",
        &object(vec![
            ("key", Json::Str(REFRESH_OMS_TOKEN.into())),
            ("args", Json::Arr(vec![])),
        ]),
        Some("id-1"),
    );
    assert!(request.ends_with(r#""eventData":{"key":"refreshOmsToken","args":[]},"reply":"id-1"}"#));
    // What the app sends is what it would read back (a shell echoing it is still understood).
    let nav = encode(NAVIGATE, "*", &object(vec![("path", Json::Str("/x".into()))]), None);
    assert_eq!(decode(&nav, None), Err(WireError::Unknown));
    let child = encode(
        NAVIGATE_CHILD,
        "*",
        &object(vec![("path", Json::Str("/x".into()))]),
        None,
    );
    assert_eq!(decode(&child, None), Ok(Incoming::Navigate("/x".into())));
}

#[test]
fn refreshed_token_takes_only_a_usable_token() {
    for (answer, token) in [
        (r#"{"token":"t2"}"#, Some("t2")),
        (r#"{"token":""}"#, None),
        (r#"{"token":null}"#, None),
        (r#"{"token":5}"#, None),
        (r#"{"token":"a b"}"#, None),
        ("null", None),
        (r#""t2""#, None),
    ] {
        let json = crate::json::value(answer).unwrap();
        assert_eq!(refreshed_token(&json).as_deref(), token, "{answer}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Arbitrary text, with and without the prefix: a typed answer, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}", framed in any::<bool>()) {
        let text = if framed { format!("{PREFIX}{text}") } else { text };
        let _ = decode(&text, Some("id"));
    }

    /// Arbitrary JSON-ish bodies after the prefix.
    #[test]
    fn arbitrary_bodies_never_panic(body in r#"[\{\}\[\]":,a-zA-Z0-9_/\\. -]{0,120}"#) {
        let _ = decode(&format!("{PREFIX}{body}"), Some("id"));
    }

    /// Any path and any text survive the round trip through `encode` and `decode`.
    #[test]
    fn navigation_round_trips(path in "/[^/\\\\\\p{Cc}][^\\p{Cc}]{0,100}") {
        let text = encode(NAVIGATE_CHILD, "https://bo.example.com", &object(vec![("path", Json::Str(path.clone()))]), None);
        prop_assert_eq!(decode(&text, None), Ok(Incoming::Navigate(path)));
    }

    /// SET_DATA round trips: locale, search parameters and credentials as sent.
    #[test]
    fn set_data_round_trips(locale in "\\PC{0,20}", token in "[!-~]{1,40}", key in "\\PC{1,10}", value in "\\PC{0,20}") {
        let data = object(vec![
            ("locale", Json::Str(locale.clone())),
            ("searchParams", object(vec![(key.as_str(), Json::Str(value.clone()))])),
            ("oms", object(vec![("baseUrl", Json::Str("https://oms.example.com".into())), ("token", Json::Str(token.clone()))])),
        ]);
        let Ok(Incoming::Data(got)) = decode(&encode("SET_DATA", "*", &data, None), None) else {
            panic!("not read back");
        };
        prop_assert_eq!(got.locale, Some(locale));
        prop_assert_eq!(got.oms, Some(creds("https://oms.example.com", &token)));
        let pairs: Vec<(String, String)> = form_urlencoded::parse(got.search.unwrap().as_bytes()).into_owned().collect();
        prop_assert_eq!(pairs, vec![(key, value)]);
    }
}
