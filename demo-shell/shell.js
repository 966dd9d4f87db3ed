// The demo shell's page: embeds the app in an iframe on another origin and speaks the UI
// Protocol to it (UI-PROTOCOL.md of the embedding contract) through the real `framebus`,
// loaded before this file as `window.Framebus`.
//
// Everything the app sends is untrusted: it is type-checked, and shown with textContent only.
// `window.demoShell` lets the end-to-end tests see every message and drive the shell.

(function () {
  'use strict';

  // framebus's marker in front of each message's JSON.
  var PREFIX = '/*framebus*/';
  // The app's page when the shell URL names none.
  var DEFAULT_SUB_PATH = '/discrepancies';
  // Toasts stay this long unless closed (loading ones stay until `destroy`).
  var TOAST_MS = 6000;
  // More toasts than this push the oldest out, so a chatty app cannot fill the screen.
  var MAX_TOASTS = 5;

  // The shell's own labels; the app's come in its SET_CONFIG menu.
  var TEXT = {
    en: {
      apps: 'Apps',
      menu: 'Menu',
      language: 'Language',
      theme: 'Theme',
      dark: 'dark',
      light: 'light',
      rotate: 'Rotate token',
      answerRefresh: 'Answer token refresh',
      appTitle: 'Inventory discrepancies',
      noMenu: 'Waiting for the app…',
      tokenRotated: 'Token rotated',
      rotateFailed: 'Token rotation failed: ',
      close: 'Close',
      appId: 'App id',
      waiting: 'waiting for the app',
      lastEvent: 'last events',
      success: 'Success',
      warning: 'Warning',
      error: 'Error',
      loading: 'Loading',
      info: 'Info',
    },
    tr: {
      apps: 'Uygulamalar',
      menu: 'Menü',
      language: 'Dil',
      theme: 'Tema',
      dark: 'koyu',
      light: 'açık',
      rotate: 'Token’ı yenile',
      answerRefresh: 'Token yenileme isteğini yanıtla',
      appTitle: 'Envanter tutarsızlıkları',
      noMenu: 'Uygulama bekleniyor…',
      tokenRotated: 'Token yenilendi',
      rotateFailed: 'Token yenilenemedi: ',
      close: 'Kapat',
      appId: 'Uygulama no',
      waiting: 'uygulama bekleniyor',
      lastEvent: 'son olaylar',
      success: 'Başarılı',
      warning: 'Uyarı',
      error: 'Hata',
      loading: 'Yükleniyor',
      info: 'Bilgi',
    },
  };

  var TOAST_ICONS = { success: '✓', warning: '!', error: '✕', loading: '', info: 'i' };

  var settings = readSettings();
  var APP_ORIGIN = new URL(settings.appUrl).origin;

  var el = {
    shell: document.querySelector('.shell'),
    sidebar: document.getElementById('shell-sidebar'),
    scrim: document.getElementById('shell-scrim'),
    menuButton: document.getElementById('shell-menu-button'),
    menu: document.getElementById('shell-menu'),
    title: document.getElementById('shell-title'),
    lang: document.getElementById('shell-lang'),
    theme: document.getElementById('shell-theme'),
    rotate: document.getElementById('shell-rotate'),
    answerRefresh: document.getElementById('shell-answer-refresh'),
    frame: document.getElementById('app-frame'),
    status: document.getElementById('shell-status'),
    toasts: document.getElementById('shell-toasts'),
  };

  var location0 = parseShellPath(window.location.pathname);

  // What the shell sends the app; tests may read (and flip `answerRefresh` in) it.
  var state = {
    lang: location0.lang,
    theme: 'dark',
    token: settings.token,
    appId: settings.appId,
    answerRefresh: true,
  };

  var menuItems = []; // [{path, label}] from the app's last SET_CONFIG
  var connected = false; // a SET_CONFIG came: the app listens, so changes are worth sending
  var received = []; // every raw string the app's frame posted to this window
  var events = []; // the framebus ones among them, parsed: {event, eventData}
  var lastIn = ''; // the last event's name from the app, and to it, for the status line
  var lastOut = '';

  // Only the app's frame, only from the app's origin: framebus checks both on every `on`
  // because of `origin` and `targetFrames`, and posts only to that frame with that origin.
  var bus = new window.Framebus({ origin: APP_ORIGIN, targetFrames: [el.frame] });

  function readSettings() {
    var meta = document.querySelector('meta[name="demo-shell"]');
    var parsed = JSON.parse(meta.getAttribute('content'));
    return {
      appUrl: String(parsed.appUrl),
      omsBaseUrl: String(parsed.omsBaseUrl || ''),
      appId: Number(parsed.appId),
      token: String(parsed.token || ''),
    };
  }

  // ---- URLs: /{lang}/extension/{appId}{sub-path} <-> the app's path ----

  function parseShellPath(pathname) {
    var m = /^\/([a-z]{2})\/extension\/(\d+)(\/.*)?$/.exec(pathname);
    var sub = m && m[3] && m[3] !== '/' ? m[3] : '';
    return { lang: m && TEXT[m[1]] ? m[1] : 'en', subPath: sub };
  }

  function shellUrl(appPath) {
    return '/' + state.lang + '/extension/' + state.appId + appPath;
  }

  // The app's path (with query) the shell's address bar shows now.
  function currentAppPath() {
    var sub = parseShellPath(window.location.pathname).subPath || DEFAULT_SUB_PATH;
    return sub + window.location.search;
  }

  // The rule the app applies to NAVIGATE_CHILD: inside the app, never another host
  // (`//host`, `/\host`), no control characters.
  function isAppPath(path) {
    return (
      typeof path === 'string' &&
      path.charAt(0) === '/' &&
      path.charAt(1) !== '/' &&
      path.charAt(1) !== '\\' &&
      path.length <= 2048 &&
      !/[\u0000-\u001f\u007f]/.test(path)
    );
  }

  function searchParams() {
    var out = {};
    new URLSearchParams(window.location.search).forEach(function (value, key) {
      out[key] = value;
    });
    return out;
  }

  // ---- Sending ----

  function emit(event, eventData) {
    bus.emit(event, eventData);
    lastOut = event;
    renderStatus();
  }

  // SET_DATA with everything the app reads. Without a token the `oms` key is left out (the
  // app would refuse an empty one, and then the whole message), so it asks the operator.
  function sendData(overrides) {
    var data = { locale: state.lang, theme: state.theme, searchParams: searchParams() };
    if (state.token) data.oms = { baseUrl: settings.omsBaseUrl, token: state.token };
    if (overrides && typeof overrides === 'object') Object.assign(data, overrides);
    emit('SET_DATA', data);
  }

  // A navigation the shell starts (menu, tests): a new entry in the shell's history, and the
  // app follows without reloading.
  function navigateChild(path) {
    if (isAppPath(path)) {
      window.history.pushState(null, '', shellUrl(path));
      highlightMenu();
    }
    // Sent even when invalid, so tests can check that the app ignores it.
    emit('NAVIGATE_CHILD', { path: path });
  }

  // ---- Handlers for the app's events ----
  // framebus calls a handler with (data, reply) but leaves out a falsy data, so a reply may
  // arrive first: every argument is checked for its type.

  function objectArg(value) {
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  }

  function replyArg(a, b) {
    if (typeof b === 'function') return b;
    return typeof a === 'function' ? a : null;
  }

  // The app's hello, repeated until SET_DATA comes, and again with new labels after a
  // language change: answered every time.
  function onSetConfig(cfg) {
    cfg = objectArg(cfg);
    if (cfg && Array.isArray(cfg.menu)) renderMenu(cfg.menu);
    connected = true;
    emit('SET_APP_ID', state.appId);
    sendData();
  }

  // The app moved (its own link, or the browser's back/forward inside the frame): the address
  // bar follows. Replace, not push: the frame's own history entry is already in the tab's
  // joint session history, so back/forward keep walking through the frame.
  function onNavigate(data) {
    data = objectArg(data);
    if (!data || data.external === true || !isAppPath(data.path)) return;
    window.history.replaceState(null, '', shellUrl(data.path));
    highlightMenu();
  }

  function onShowToast(data) {
    data = objectArg(data);
    if (!data || typeof data.type !== 'string') return;
    if (data.type === 'destroy') return destroyLoadingToasts();
    if (typeof data.content !== 'string' && typeof data.content !== 'number') return;
    showToast(String(data.content), data.type);
  }

  function onInvokeAction(a, b) {
    var data = objectArg(a);
    var reply = replyArg(a, b);
    if (!reply) return; // nobody waits for an answer
    if (data && data.key === 'refreshOmsToken') return refreshToken(reply);
    reply(null);
  }

  // The app got a 401 and asks for a fresh token. Unticked, the shell stays silent, as a
  // shell that cannot help would: the app gives up after its 5 s timeout.
  function refreshToken(reply) {
    if (!state.answerRefresh) {
      lastOut = 'refreshOmsToken left unanswered';
      renderStatus();
      return;
    }
    fetch('/shell/token', { cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (body) {
        if (typeof body.token === 'string' && body.token) state.token = body.token;
        reply(state.token ? { token: state.token } : null);
      })
      .catch(function () {
        reply(null);
      });
  }

  // Every string the frame posts, as sent, for the tests (framebus drops what it does not
  // understand, so this listener sees more than the handlers above).
  function recordMessage(e) {
    if (e.source !== el.frame.contentWindow || typeof e.data !== 'string') return;
    received.push(e.data);
    if (e.data.slice(0, PREFIX.length) !== PREFIX) return;
    try {
      var msg = JSON.parse(e.data.slice(PREFIX.length));
      var event = msg && typeof msg.event === 'string' ? msg.event : null;
      events.push({ event: event, eventData: msg ? msg.eventData : undefined });
      if (event) {
        lastIn = event;
        renderStatus();
      }
    } catch (err) {
      events.push({ event: null, eventData: undefined });
    }
  }

  // ---- Sidebar menu ----

  function renderMenu(items) {
    menuItems = items
      .filter(function (item) {
        return objectArg(item) && isAppPath(item.path) && typeof item.label === 'string';
      })
      .slice(0, 20)
      .map(function (item) {
        return { path: item.path, label: item.label };
      });
    el.menu.replaceChildren();
    menuItems.forEach(function (item) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = shellUrl(item.path);
      a.textContent = item.label;
      a.dataset.path = item.path;
      li.appendChild(a);
      el.menu.appendChild(li);
    });
    if (!menuItems.length) renderEmptyMenu();
    highlightMenu();
  }

  function renderEmptyMenu() {
    var li = document.createElement('li');
    li.className = 'menu-empty';
    li.textContent = text('noMenu');
    el.menu.replaceChildren(li);
  }

  // The item whose path is the longest prefix (by whole segments) of the current route.
  function activeItem() {
    var route = currentAppPath().split(/[?#]/)[0];
    var best = null;
    menuItems.forEach(function (item) {
      var p = item.path.split(/[?#]/)[0];
      var matches = route === p || route.indexOf(p.replace(/\/$/, '') + '/') === 0;
      if (matches && (!best || p.length > best.path.length)) best = item;
    });
    return best;
  }

  function highlightMenu() {
    var active = activeItem();
    Array.prototype.forEach.call(el.menu.querySelectorAll('a'), function (a) {
      a.href = shellUrl(a.dataset.path);
      if (active && a.dataset.path === active.path) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    var title = active ? active.label : text('appTitle');
    el.title.textContent = title;
    document.title = title + ' · Omnitron · demo';
  }

  function onMenuClick(e) {
    var a = e.target.closest('a[data-path]');
    if (!a) return;
    // Ctrl/Cmd/Shift/middle click open the shell URL in a new tab, as links do.
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigateChild(a.dataset.path);
    setDrawer(false);
  }

  // ---- Narrow screens: the sidebar as a drawer ----

  function setDrawer(open) {
    el.shell.classList.toggle('nav-open', open);
    el.menuButton.setAttribute('aria-expanded', String(open));
    el.scrim.hidden = !open;
  }

  // ---- Top bar controls ----

  function onLangChange() {
    state.lang = TEXT[el.lang.value] ? el.lang.value : 'en';
    window.history.replaceState(null, '', shellUrl(currentAppPath()));
    applyLang();
    if (connected) sendData();
  }

  function onThemeChange() {
    state.theme = el.theme.value === 'light' ? 'light' : 'dark';
    document.documentElement.dataset.theme = state.theme;
    if (connected) sendData();
  }

  function onRotate() {
    el.rotate.disabled = true;
    fetch('/shell/rotate', { method: 'POST' })
      .then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok || typeof body.token !== 'string') throw new Error(body.error || 'HTTP ' + res.status);
          return body.token;
        });
      })
      .then(function (token) {
        state.token = token;
        if (connected) sendData();
        showToast(text('tokenRotated'), 'success');
      })
      .catch(function (err) {
        showToast(text('rotateFailed') + err.message, 'error');
      })
      .finally(function () {
        el.rotate.disabled = false;
      });
  }

  function text(key) {
    return (TEXT[state.lang] || TEXT.en)[key];
  }

  function applyLang() {
    document.documentElement.lang = state.lang;
    el.lang.value = state.lang;
    Array.prototype.forEach.call(document.querySelectorAll('[data-text]'), function (node) {
      node.textContent = text(node.dataset.text);
    });
    if (!menuItems.length) renderEmptyMenu();
    highlightMenu();
    renderStatus();
  }

  // App id and the last events' names each way (never their data: it may carry the token).
  function renderStatus() {
    var parts = [text('appId') + ' ' + state.appId];
    if (!lastIn && !lastOut) parts.push(text('waiting'));
    else parts.push(text('lastEvent') + ': ← ' + (lastIn || '–') + ' → ' + (lastOut || '–'));
    el.status.textContent = parts.join(' · ');
  }

  // ---- Toasts ----

  function showToast(content, type) {
    if (!Object.prototype.hasOwnProperty.call(TOAST_ICONS, type)) type = 'info';
    var toast = document.createElement('div');
    toast.className = 'toast toast-' + type;
    // Errors interrupt; the rest wait politely in the container's status region.
    if (type === 'error') toast.setAttribute('role', 'alert');

    var icon = document.createElement('span');
    icon.className = 'toast-icon';
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = TOAST_ICONS[type];

    var body = document.createElement('div');
    body.className = 'toast-text';
    var kind = document.createElement('span');
    kind.className = 'visually-hidden';
    kind.textContent = text(type) + ': ';
    body.append(kind, document.createTextNode(content.slice(0, 500)));

    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'toast-close';
    close.setAttribute('aria-label', text('close'));
    close.textContent = '×';
    close.addEventListener('click', function () {
      toast.remove();
    });

    toast.append(icon, body, close);
    el.toasts.appendChild(toast);
    while (el.toasts.children.length > MAX_TOASTS) el.toasts.firstElementChild.remove();
    if (type !== 'loading') {
      window.setTimeout(function () {
        toast.remove();
      }, TOAST_MS);
    }
  }

  function destroyLoadingToasts() {
    Array.prototype.forEach.call(el.toasts.querySelectorAll('.toast-loading'), function (t) {
      t.remove();
    });
  }

  // ---- Start ----

  function start() {
    // `/en/extension/7` alone means the app's first page; say so in the address bar.
    if (!location0.subPath) {
      window.history.replaceState(null, '', shellUrl(DEFAULT_SUB_PATH) + window.location.search);
    }

    bus.on('SET_CONFIG', onSetConfig);
    bus.on('NAVIGATE', onNavigate);
    bus.on('SHOW_TOAST', onShowToast);
    bus.on('INVOKE_ACTION', onInvokeAction);
    window.addEventListener('message', recordMessage);

    // Back/forward between the shell's own entries (menu clicks): the app follows.
    window.addEventListener('popstate', function () {
      emit('NAVIGATE_CHILD', { path: currentAppPath() });
      highlightMenu();
    });

    el.menu.addEventListener('click', onMenuClick);
    el.menuButton.addEventListener('click', function () {
      setDrawer(!el.shell.classList.contains('nav-open'));
    });
    el.scrim.addEventListener('click', function () {
      setDrawer(false);
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') setDrawer(false);
    });
    el.lang.addEventListener('change', onLangChange);
    el.theme.addEventListener('change', onThemeChange);
    el.rotate.addEventListener('click', onRotate);
    el.answerRefresh.addEventListener('change', function () {
      state.answerRefresh = el.answerRefresh.checked;
    });

    el.theme.value = state.theme;
    el.answerRefresh.checked = state.answerRefresh;
    applyLang();

    // Handlers first, then the frame: the app's first SET_CONFIG must find them.
    el.frame.src = settings.appUrl + currentAppPath();
  }

  window.demoShell = {
    received: received,
    events: events,
    sendData: sendData,
    navigateChild: navigateChild,
    // Any event, as is (tests send malformed or unexpected ones with it).
    emit: emit,
    state: state,
  };

  start();
})();
