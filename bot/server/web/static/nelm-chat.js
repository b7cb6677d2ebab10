/*
 * NELM Guide in the browser: the chat page (/chat), the widget's frame
 * (/chat?embed=1) and the waiting-room kiosk (/kiosk).
 *
 * Talks to Rasa's REST channel. Bot text is Markdown, turned into HTML by
 * marked and cleaned by DOMPurify; user text is only ever set as text.
 * The page's settings and words arrive as JSON in #nelm-config (bot/server/pages.py).
 * The page and the widget keep the conversation in sessionStorage (so it
 * survives a reload and ends with the tab); the kiosk keeps nothing.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("nelm-config").textContent);
  var KIOSK = config.mode === "kiosk";
  var STORE_KEY = "nelm-guide:" + config.mode;
  var REQUEST_TIMEOUT_MS = 30000;
  var WARNING_SECONDS = 15;

  var $ = function (id) { return document.getElementById(id); };
  var els = {
    log: $("nelm-log"),
    typing: $("nelm-typing"),
    error: $("nelm-error"),
    errorText: $("nelm-error-text"),
    retry: $("nelm-retry"),
    form: $("nelm-form"),
    input: $("nelm-input"),
    newChat: $("nelm-new"),
    close: $("nelm-close"),
    topics: $("nelm-topics"),
    print: $("nelm-print"),
    printSheet: $("nelm-print-sheet"),
    status: $("nelm-status"),
    timeoutDialog: $("nelm-timeout"),
    stillHere: $("nelm-still-here")
  };

  // ---- state -------------------------------------------------------------

  /* 128 random bits from the browser's CSPRNG: the REST sender id. */
  function newSenderId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function startLanguage() {
    if (config.lang) return config.lang;
    var nav = (navigator.language || "en").toLowerCase();
    if (/^zh-(hant|tw|hk|mo)/.test(nav)) return "zh-Hant";
    return nav.indexOf("zh") === 0 ? "zh" : "en";
  }

  function freshState() {
    return { sender: newSenderId(), lang: startLanguage(), messages: [], topic: null };
  }

  function storage() {
    if (!config.persist) return null;
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function loadState() {
    var store = storage();
    if (!store) return freshState();
    try {
      var saved = JSON.parse(store.getItem(STORE_KEY) || "null");
      if (saved && /^[0-9a-f]{32}$/.test(saved.sender) && Array.isArray(saved.messages) &&
          config.languages.indexOf(saved.lang) >= 0) {
        return saved;
      }
    } catch (e) { /* a damaged record: start again */ }
    return freshState();
  }

  function saveState() {
    var store = storage();
    if (!store) return;
    try { store.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* full */ }
  }

  var state = loadState();
  var busy = Promise.resolve();
  var pending = null; // the request to repeat when "Try again" is pressed

  function t(key) { return config.strings[state.lang][key] || config.strings.en[key] || ""; }

  // ---- rendering ---------------------------------------------------------

  var sanitizerReady = false;
  function setUpSanitizer() {
    if (sanitizerReady || !window.DOMPurify) return;
    window.DOMPurify.addHook("afterSanitizeAttributes", function (node) {
      if (node.tagName === "A") {
        node.setAttribute("target", "_blank");
        node.setAttribute("rel", "noopener noreferrer");
        var hint = document.createElement("span");
        hint.className = "visually-hidden";
        hint.textContent = " " + t("new_tab");
        node.appendChild(hint);
      }
    });
    sanitizerReady = true;
  }

  /* Bot Markdown -> safe HTML; without the libraries, plain text. */
  function renderMarkdown(target, text) {
    if (window.marked && window.DOMPurify) {
      setUpSanitizer();
      var html = window.marked.parse(text, { async: false, gfm: true, breaks: true });
      target.innerHTML = window.DOMPurify.sanitize(html, {
        ALLOWED_TAGS: ["p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "code",
          "table", "caption", "thead", "tbody", "tr", "th", "td"],
        ALLOWED_ATTR: ["href", "title", "scope"],
        // Values of other attributes are checked as addresses: not scope's.
        ADD_URI_SAFE_ATTR: ["scope"],
        ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:)/i
      });
      wrapTables(target);
    } else {
      target.textContent = text;
    }
  }

  /* A table (the treatments side by side) scrolls sideways on a narrow
   * screen: in a region that keyboards can reach and readers can name. */
  function wrapTables(target) {
    Array.prototype.forEach.call(target.querySelectorAll("table"), function (table) {
      var region = document.createElement("div");
      region.className = "table-scroll";
      region.setAttribute("role", "region");
      region.setAttribute("tabindex", "0");
      var caption = table.querySelector("caption");
      region.setAttribute("aria-label", caption ? caption.textContent : t("table_label"));
      table.parentNode.insertBefore(region, table);
      region.appendChild(table);
    });
  }

  function langAttr(lang) { return lang === "zh" ? "zh-Hans" : lang === "zh-Hant" ? "zh-Hant" : "en"; }

  function messageElement(message) {
    var item = document.createElement("div");
    item.className = "msg " + message.from;
    item.setAttribute("lang", langAttr(message.lang || state.lang));
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = (message.from === "user" ? t("you") : t("bot")) + ": ";
    item.appendChild(who);
    var body = document.createElement("div");
    body.className = "body";
    if (message.from === "bot") {
      renderMarkdown(body, message.text || "");
    } else {
      body.textContent = message.text || "";
    }
    item.appendChild(body);
    if (body.querySelector("table")) item.className += " wide";
    if (message.summary) item.appendChild(summaryPrintButton(message));
    if (message.buttons && message.buttons.length) {
      var group = document.createElement("div");
      group.className = "choices";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", t("options_label"));
      message.buttons.forEach(function (button) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "choice";
        b.textContent = button.title;
        b.addEventListener("click", function () {
          send(button.payload, button.title);
        });
        group.appendChild(b);
      });
      item.appendChild(group);
    }
    return item;
  }

  function appendMessage(message) {
    state.messages.push(message);
    saveState();
    var element = messageElement(message);
    els.log.appendChild(element);
    return element;
  }

  /* Scroll the conversation, and only it, to show an element: its top
   * ("start") or its end. (scrollIntoView would scroll the page too.) */
  function showInLog(element, where) {
    if (!element) return;
    var log = els.log.getBoundingClientRect();
    var box = element.getBoundingClientRect();
    var gap = 8;
    if (where === "start") {
      els.log.scrollTop += box.top - log.top - gap;
    } else if (box.bottom > log.bottom) {
      els.log.scrollTop += box.bottom - log.bottom + gap;
    }
  }

  function scrollToEnd() {
    showInLog(els.log.lastElementChild, "end");
  }

  function renderLog() {
    els.log.textContent = "";
    state.messages.forEach(function (m) { els.log.appendChild(messageElement(m)); });
    if (!state.messages.length && KIOSK) {
      // An idle kiosk: a welcome, not a conversation (none starts until
      // someone touches the screen).
      var welcome = document.createElement("p");
      welcome.className = "welcome";
      welcome.textContent = t("kiosk_welcome");
      els.log.appendChild(welcome);
    }
    scrollToEnd();
  }

  function renderTopics() {
    if (!els.topics) return;
    els.topics.textContent = "";
    config.topics[state.lang].forEach(function (topic) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "tile";
      b.textContent = topic.title;
      b.addEventListener("click", function () {
        state.topic = topic.topic;
        send(topic.payload, topic.title);
      });
      els.topics.appendChild(b);
    });
  }

  /* Every label on the page, in the conversation's language. */
  function renderLabels() {
    document.documentElement.lang = langAttr(state.lang);
    document.title = t("title");
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (el) {
      el.textContent = t(el.getAttribute("data-i18n"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-placeholder]"), function (el) {
      el.setAttribute("placeholder", t(el.getAttribute("data-i18n-placeholder")));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-label]"), function (el) {
      el.setAttribute("aria-label", t(el.getAttribute("data-i18n-label")));
    });
    Array.prototype.forEach.call(document.querySelectorAll("button[data-lang]"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === state.lang));
    });
    renderTopics();
  }

  // ---- talking to the bot ------------------------------------------------

  function showTyping(on) {
    els.typing.hidden = !on;
    els.log.setAttribute("aria-busy", String(on));
  }

  function showError(on) {
    els.error.hidden = !on;
    if (on) els.retry.focus();
  }

  /* Remember the topic in focus (for the kiosk's printed questions). */
  function noteTopic(payload) {
    var match = /"topic":\s*"([a-z_]+)"/.exec(payload || "");
    if (match) state.topic = match[1];
  }

  function post(message) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    return fetch(config.webhook, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        sender: state.sender,
        message: message,
        metadata: { language: state.lang, channel: config.mode }
      }),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      // 429: too many messages at once; the body is a kind "try again" reply.
      if (!response.ok && response.status !== 429) throw new Error("HTTP " + response.status);
      return response.json();
    }).finally(function () { if (timer) clearTimeout(timer); });
  }

  function deliver(request) {
    var sender = state.sender;
    showError(false);
    showTyping(true);
    return post(request.message).then(function (replies) {
      if (sender !== state.sender) return; // a new conversation started meanwhile
      pending = null;
      var first = null;
      var last = null;
      (Array.isArray(replies) ? replies : []).forEach(function (reply) {
        if (reply && reply.custom && reply.custom.nelm && last) {
          noteReplyData(reply.custom.nelm, last);
          return;
        }
        if (!reply || (!reply.text && !reply.buttons)) return;
        var buttons = (reply.buttons || []).filter(function (b) {
          return b && typeof b.title === "string" && typeof b.payload === "string";
        }).map(function (b) { return { title: b.title, payload: b.payload }; });
        buttons.forEach(function (b) { noteTopic(b.payload); });
        var element = appendMessage({ from: "bot", text: String(reply.text || ""), buttons: buttons, lang: state.lang });
        last = { message: state.messages[state.messages.length - 1], element: element };
        first = first || element;
      });
      // Show the start of the answer, not its last button.
      showInLog(first, "start");
    }).catch(function (error) {
      if (window.console) console.warn("NELM Guide:", error);
      if (sender !== state.sender) return;
      pending = request;
      showError(true);
    }).finally(function () {
      if (sender === state.sender) showTyping(false);
    });
  }

  /* Send a message (or a button's payload) after the previous one is answered. */
  function send(message, shown) {
    var text = String(message || "").trim();
    if (!text) return busy;
    noteTopic(text);
    if (!state.messages.length) els.log.textContent = ""; // the kiosk's welcome
    state.started = true;
    if (shown !== null) {
      appendMessage({ from: "user", text: shown === undefined ? text : shown, lang: state.lang });
      scrollToEnd();
    }
    var request = { message: text };
    busy = busy.then(function () { return deliver(request); });
    return busy;
  }

  /* The page and the widget greet at once (someone opened them). The kiosk
   * starts no conversation on its own: its first message is the first thing
   * a person touches or types, and that reply greets them. */
  function startConversation() {
    if (!KIOSK) send("/session_start", null);
  }

  function newConversation() {
    var lang = state.lang;
    state = freshState();
    if (!KIOSK) state.lang = lang;
    pending = null;
    saveState();
    showError(false);
    showTyping(false);
    renderLabels();
    renderLog();
    startConversation();
  }

  function switchLanguage(lang) {
    if (lang === state.lang || config.languages.indexOf(lang) < 0) return;
    state.lang = lang;
    saveState();
    renderLabels();
    if (!state.started) { renderLog(); return; } // nothing to answer again yet
    send('/switch_language{"language":"' + lang + '"}', null);
  }

  // ---- kiosk: printing and the inactivity timeout ------------------------

  function say(text) {
    if (els.status) els.status.textContent = text;
  }

  function printQuestions() {
    if (!state.topic) { say(t("print_none")); return; }
    var url = "kiosk/questions.json?topic=" + encodeURIComponent(state.topic) +
      "&lang=" + encodeURIComponent(state.lang);
    fetch(url).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (sheet) {
      els.printSheet.textContent = "";
      var h = document.createElement("h2");
      h.textContent = sheet.heading + " — " + sheet.title;
      var body = document.createElement("div");
      renderMarkdown(body, sheet.text);
      els.printSheet.appendChild(h);
      els.printSheet.appendChild(body);
      els.printSheet.setAttribute("lang", langAttr(state.lang));
      say("");
      window.print();
    }).catch(function () { say(t("print_none")); });
  }

  /* What a reply is (its JSON after the messages): a summary with something
   * in it (topics read, or questions from "what matters to me" alone) gets a
   * "Print" button under it. */
  function noteReplyData(data, last) {
    var summary = data.kind === "my_summary" && data.summary;
    if (!summary || !summary.printable) return;
    last.message.summary = true;
    saveState();
    last.element.insertBefore(summaryPrintButton(last.message), last.element.querySelector(".choices"));
  }

  function summaryPrintButton(message) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "choice print-button";
    b.textContent = t("print");
    b.addEventListener("click", function () { printText(message.text); });
    return b;
  }

  /* Print one text (the summary) on its own: the print CSS shows only the sheet. */
  function printText(text) {
    els.printSheet.textContent = "";
    var body = document.createElement("div");
    renderMarkdown(body, text);
    els.printSheet.appendChild(body);
    els.printSheet.setAttribute("lang", langAttr(state.lang));
    document.body.classList.add("printing");
    window.print();
  }

  /* "Print my summary": ask for it, then print it if there is one. */
  function printSummary() {
    send("/my_summary", t("summary_button")).then(function () {
      for (var i = state.messages.length - 1; i >= 0; i--) {
        var m = state.messages[i];
        if (m.from === "user") break;
        if (m.summary) { printText(m.text); return; }
      }
    });
  }

  var idleTimer = null;
  var warnTimer = null;
  function timeoutSeconds() {
    var fromUrl = parseInt(new URLSearchParams(location.search).get("timeout"), 10);
    return fromUrl > 0 ? fromUrl : config.kioskTimeout;
  }

  function armIdleTimer() {
    if (!KIOSK) return;
    clearTimeout(idleTimer);
    clearTimeout(warnTimer);
    if (els.timeoutDialog) els.timeoutDialog.hidden = true;
    var total = timeoutSeconds();
    var warning = Math.min(WARNING_SECONDS, Math.floor(total / 3));
    if (warning > 0) {
      warnTimer = setTimeout(function () {
        els.timeoutDialog.hidden = false;
        els.stillHere.focus();
      }, (total - warning) * 1000);
    }
    idleTimer = setTimeout(function () {
      clearTimeout(warnTimer);
      els.timeoutDialog.hidden = true;
      els.printSheet.textContent = "";
      els.input.value = "";
      say("");
      newConversation();
      // Cleared: no timer again until someone touches the screen.
    }, total * 1000);
  }

  // ---- wiring ------------------------------------------------------------

  els.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = els.input.value;
    if (!text.trim()) { els.input.focus(); return; }
    els.input.value = "";
    send(text);
    els.input.focus();
  });
  els.retry.addEventListener("click", function () {
    if (!pending) { showError(false); return; }
    var request = pending;
    busy = busy.then(function () { return deliver(request); });
  });
  els.newChat.addEventListener("click", function () {
    newConversation();
    els.input.focus();
  });
  Array.prototype.forEach.call(document.querySelectorAll("button[data-lang]"), function (b) {
    b.addEventListener("click", function () { switchLanguage(b.getAttribute("data-lang")); });
  });
  if (config.mode === "widget") {
    els.close.addEventListener("click", function () {
      window.parent.postMessage({ nelm: "close" }, "*");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") window.parent.postMessage({ nelm: "close" }, "*");
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".print-summary"), function (b) {
    b.addEventListener("click", printSummary);
  });
  window.addEventListener("afterprint", function () {
    document.body.classList.remove("printing");
  });
  if (KIOSK) {
    els.print.addEventListener("click", printQuestions);
    els.stillHere.addEventListener("click", armIdleTimer);
    ["pointerdown", "keydown", "touchstart", "input", "wheel"].forEach(function (type) {
      document.addEventListener(type, armIdleTimer, { passive: true });
    });
    // Full screen from the first touch (browsers allow it only after one);
    // a browser started with --kiosk is full screen already.
    document.addEventListener("pointerdown", function () {
      var root = document.documentElement;
      if (!document.fullscreenElement && root.requestFullscreen) {
        root.requestFullscreen().catch(function () { /* not allowed here */ });
      }
    }, { once: true });
  }

  renderLabels();
  renderLog();
  if (!state.messages.length) startConversation();
  // For tests and for clinic staff checking a page: the state, and the renderer.
  window.nelmGuide = {
    state: function () { return state; },
    render: function (text) {
      var box = document.createElement("div");
      renderMarkdown(box, String(text));
      return box.innerHTML;
    }
  };
})();
