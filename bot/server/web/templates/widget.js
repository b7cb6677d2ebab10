/*
 * NELM Guide widget for a clinic's website. One line in the page:
 *   <script src="https://bot.example.org/widget.js" data-lang="zh" defer></script>
 * Options (data- attributes): lang (en | zh | zh-Hant), position (right | left).
 * It adds a button that opens the chat in a frame served by the bot
 * (/chat?embed=1), so the page's own styles and scripts never touch it.
 */
(function () {
  "use strict";
  if (window.__nelmWidget) return;
  window.__nelmWidget = true;

  var WORDS = ${words};
  var script = document.currentScript ||
    document.querySelector('script[src*="widget.js"]');
  var src = new URL(script.src, location.href);
  var base = src.href.replace(/widget\.js(\?.*)?$$/, "");
  function code(value) {
    value = (value || "").toLowerCase();
    if (/^zh-(hant|tw|hk|mo)/.test(value)) return "zh-Hant";
    return value.indexOf("zh") === 0 ? "zh" : value ? "en" : "";
  }
  var lang = code(script.getAttribute("data-lang"));
  var words = WORDS[lang || code(navigator.language) || "en"];
  var left = script.getAttribute("data-position") === "left";
  var OPEN_KEY = "nelm-widget-open";

  var launcher = document.createElement("button");
  launcher.type = "button";
  launcher.id = "nelm-widget-launcher";
  launcher.textContent = "💬 " + words.title;
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "nelm-widget-panel");
  launcher.setAttribute("aria-label", words.open_chat);
  var s = launcher.style;
  s.position = "fixed"; s.bottom = "1rem"; s[left ? "left" : "right"] = "1rem";
  s.zIndex = "2147483000"; s.minHeight = "3rem"; s.padding = "0.5rem 1.25rem";
  s.borderRadius = "1.5rem"; s.border = "2px solid #0b5394"; s.background = "#0b5394";
  s.color = "#fff"; s.font = "600 1rem system-ui, sans-serif"; s.cursor = "pointer";
  s.boxShadow = "0 2px 8px rgba(0,0,0,.3)";

  var panel = document.createElement("div");
  panel.id = "nelm-widget-panel";
  panel.hidden = true;
  var p = panel.style;
  p.position = "fixed"; p.bottom = "4.75rem"; p[left ? "left" : "right"] = "1rem";
  p.zIndex = "2147483000"; p.width = "min(26rem, calc(100vw - 2rem))";
  p.height = "min(40rem, calc(100vh - 6rem))"; p.background = "#fff";
  p.border = "1px solid #8a99a8"; p.borderRadius = "0.75rem"; p.overflow = "hidden";
  p.boxShadow = "0 4px 24px rgba(0,0,0,.3)";

  var frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.title = words.title;
      frame.src = base + "chat?embed=1" + (lang ? "&lang=" + lang : "");
      frame.style.width = "100%"; frame.style.height = "100%"; frame.style.border = "0";
      panel.appendChild(frame);
    }
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-label", words.close_chat);
    try { sessionStorage.setItem(OPEN_KEY, "1"); } catch (e) { /* private mode */ }
    frame.focus();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", words.open_chat);
    try { sessionStorage.removeItem(OPEN_KEY); } catch (e) { /* private mode */ }
    launcher.focus();
  }
  launcher.addEventListener("click", function () { if (panel.hidden) open(); else close(); });
  window.addEventListener("message", function (event) {
    if (frame && event.source === frame.contentWindow && event.data && event.data.nelm === "close") close();
  });

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(launcher);
    var wasOpen = false;
    try { wasOpen = sessionStorage.getItem(OPEN_KEY) === "1"; } catch (e) { /* private mode */ }
    if (wasOpen) open();
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
