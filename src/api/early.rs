//! The first list request, started by a script in `index.html` before the wasm was even
//! fetched (when a remembered session can be restored on the list): the app adopts its
//! answer instead of asking again, so the request and the wasm's download and compilation
//! overlap. Only for exactly the same URL and token; anything else is discarded and the
//! app asks itself, and so does a failed or aborted early request.

/// `index.html`'s `__omsEarly` (url, token and the answer's promise), when it started one.
#[cfg(target_arch = "wasm32")]
fn early_request(window: &web_sys::Window) -> Option<wasm_bindgen::JsValue> {
    js_sys::Reflect::get(window, &EARLY_KEY.into())
        .ok()
        .filter(wasm_bindgen::JsValue::is_object)
}

#[cfg(target_arch = "wasm32")]
const EARLY_KEY: &str = "__omsEarly";

/// The status, `Retry-After` and body of the early answer to `GET url` with `token`, taken
/// once: whatever comes of it, the page's later reads never see it again.
#[cfg(target_arch = "wasm32")]
pub(crate) async fn adopt(url: &str, token: &str) -> Option<(u16, Option<String>, String)> {
    use js_sys::Reflect;
    use wasm_bindgen::{JsCast, JsValue};
    let window = web_sys::window()?;
    let early = early_request(&window)?;
    let _ = Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &EARLY_KEY.into());
    let field = |value: &JsValue, name: &str| Reflect::get(value, &JsValue::from_str(name)).ok();
    let text = |value: &JsValue, name: &str| field(value, name).and_then(|v| v.as_string());
    if text(&early, "url").as_deref() != Some(url) || text(&early, "token").as_deref() != Some(token) {
        return None;
    }
    let answer = field(&early, "answer")?.dyn_into::<js_sys::Promise>().ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(answer).await.ok()?;
    let status = field(&answer, "status")?.as_f64()?;
    crate::perf::mark("early-request-adopted");
    Some((status as u16, text(&answer, "retryAfter"), text(&answer, "body")?))
}

/// On the host nothing is fetched early.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) async fn adopt(_url: &str, _token: &str) -> Option<(u16, Option<String>, String)> {
    None
}

/// Waits until the early answer is back in JavaScript, for at most `ms`; at once when there
/// is no early request.
///
/// The app mounts after this. On a cold load the answer has usually reached the browser while
/// the wasm compiled, but its body reaches JavaScript only in the browser's next tasks: an app
/// mounted first painted a frame of the list without rows (20–25 ms of style and layout)
/// before it could read them, and then a second frame with them. Mounted after, its first
/// frame has the rows. The bound keeps a slow OMS from holding the app back: the list then
/// shows that it is loading, as without the early request.
#[cfg(target_arch = "wasm32")]
pub(crate) async fn answered_within(ms: i32) {
    use js_sys::{Array, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let Some(window) = web_sys::window() else { return };
    let answer = early_request(&window)
        .and_then(|early| Reflect::get(&early, &JsValue::from_str("answer")).ok())
        .and_then(|answer| answer.dyn_into::<Promise>().ok());
    let Some(answer) = answer else { return };
    let deadline = Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    // A failed early request ends the wait too; the list then asks itself.
    let _ = wasm_bindgen_futures::JsFuture::from(Promise::race(&Array::of2(&answer, &deadline))).await;
}

/// On the host nothing is fetched early.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) async fn answered_within(_ms: i32) {}
