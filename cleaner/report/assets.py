"""The review report's style and script, inlined in the page: it works offline, from file://.

The script only reads the page (``data-`` attributes, form values) and shows,
hides, dims and orders elements that are already there: it never turns
document text into markup.
"""

from __future__ import annotations

# One colour pair per rule, by rank (most removals first), then again from the start:
# (background of the struck text, its ink and the line's left border).
PALETTE: tuple[tuple[str, str], ...] = (
    ("#fde2e1", "#b42318"),  # red
    ("#dbeafe", "#1d4ed8"),  # blue
    ("#dcfce7", "#166534"),  # green
    ("#f3e8ff", "#7e22ce"),  # purple
    ("#fef3c7", "#92400e"),  # amber
    ("#cffafe", "#0e7490"),  # cyan
    ("#fce7f3", "#be185d"),  # pink
    ("#ecfccb", "#4d7c0f"),  # lime
    ("#e0e7ff", "#4338ca"),  # indigo
    ("#ffedd5", "#c2410c"),  # orange
    ("#e7e5e4", "#44403c"),  # stone
    ("#ccfbf1", "#0f766e"),  # teal
)


def palette_css() -> str:
    """One class per colour pair: ``.c0`` ... ``.c11``, setting the two colour variables."""
    return "".join(f".c{index}{{--bg:{bg};--fg:{fg}}}\n"
                   for index, (bg, fg) in enumerate(PALETTE))


STYLE = """\
:root{color-scheme:light;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",
 "DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
header,main{max-width:1180px;margin:0 auto;padding:0 24px}
header{padding-top:20px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:0;font-weight:600;overflow-wrap:anywhere}
.summary{color:var(--muted);margin:0 0 12px}
.filters{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:8px 18px;
 align-items:center;padding:10px 0;background:#fff;border-bottom:1px solid var(--line)}
.filters label{font-size:14px;color:var(--muted)}
.filters select{font:inherit;font-size:14px;margin-left:4px;max-width:320px}
#f-count{font-size:14px;margin-left:auto;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:14px;table-layout:fixed}
col.rule{width:260px}col.n{width:110px}col.site{width:auto}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{background:var(--soft);font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.on td{background:#fff8c5}
button.pick{font:inherit;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,
 "DejaVu Sans Mono",monospace;font-size:13px;border:0;padding:0;background:none;
 color:#0969da;cursor:pointer;text-align:left;overflow-wrap:anywhere}
button.pick:hover{text-decoration:underline}
.sw{display:inline-block;width:12px;height:12px;border-radius:3px;background:var(--fg);
 vertical-align:-1px;margin-right:6px}
td.rule .id{display:flex;align-items:baseline}
td.rule .sw{flex:none}
.desc{margin:0 0 4px}
.first{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
td del{text-decoration-thickness:1px}
.from{color:var(--muted);font-size:12px;margin-left:6px;overflow-wrap:anywhere}
ul.samples,ul.examples{margin:4px 0 0;padding-left:18px}
ul.examples li{white-space:pre-wrap;font-size:13px}
.tag{font-size:12px;color:var(--muted)}
details summary{cursor:pointer;color:var(--muted);font-size:13px}
del{text-decoration:line-through;text-decoration-color:var(--fg);text-decoration-thickness:2px;
 background:var(--bg);color:var(--fg);border-radius:3px;padding:0 2px}
del.dim{opacity:.3}
article.doc{border:1px solid var(--line);border-radius:8px;margin:14px 0;overflow:hidden}
article.doc>header{max-width:none;margin:0;padding:8px 14px;background:var(--soft);
 border-bottom:1px solid var(--line)}
.meta{font-size:13px;color:var(--muted);margin:2px 0 0}
.text{padding:8px 0;font-size:14px}
.l{position:relative;padding:1px 14px 1px 56px;min-height:1.5em;white-space:pre-wrap;
 overflow-wrap:anywhere;border-left:4px solid transparent}
.l::before{content:attr(data-n);position:absolute;left:0;width:42px;text-align:right;
 color:#8c959f;font-size:12px;font-variant-numeric:tabular-nums;user-select:none}
.l.x{border-left-color:var(--fg)}
body.hide-kept .l:not(.x):not(.f){display:none}
.pruned{margin:0;padding:6px 14px 8px 56px;font-size:13px;border-bottom:1px dashed var(--line)}
.warn{color:#9a6700}
.more{color:var(--muted);font-size:13px;padding:4px 14px 4px 56px}
.legend{font-size:13px;color:var(--muted);margin:4px 0 0}
"""

SCRIPT = """\
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var each = function (selector, f) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), f);
  };
  var rule = $("f-rule"), site = $("f-site"), sort = $("f-sort"), kept = $("f-kept");
  var list = $("docs");
  var docs = Array.prototype.slice.call(list.querySelectorAll("article.doc"));

  function apply() {
    var r = rule.value, s = site.value, shown = 0;
    docs.forEach(function (doc) {
      var ok = (!r || doc.dataset.rules.split(" ").indexOf(r) >= 0) &&
               (!s || doc.dataset.site === s);
      doc.hidden = !ok;
      if (ok) { shown += 1; }
    });
    each("del[data-rule]", function (d) {
      d.classList.toggle("dim", !!r && d.dataset.rule !== r);
    });
    each("#rules tbody tr", function (row) {
      row.classList.toggle("on", !!r && row.dataset.rule === r);
    });
    each("#sites tbody tr", function (row) {
      row.classList.toggle("on", !!s && row.dataset.site === s);
    });
    document.body.classList.toggle("hide-kept", kept.checked);
    $("f-count").textContent = shown + " of " + docs.length + " documents shown";
  }

  function order() {
    var key = sort.value;
    var number = function (doc, name) { return parseFloat(doc.dataset[name]); };
    docs.sort(function (a, b) {
      if (key === "name") {
        return a.dataset.name < b.dataset.name ? -1 : a.dataset.name > b.dataset.name ? 1 : 0;
      }
      if (key === "order") { return number(a, "order") - number(b, "order"); }
      return (number(b, key) - number(a, key)) || (number(a, "order") - number(b, "order"));
    });
    docs.forEach(function (doc) { list.appendChild(doc); });
  }

  function choose(select, value) {
    select.value = value;
    apply();
    list.scrollIntoView();
  }

  [rule, site, kept].forEach(function (input) { input.addEventListener("change", apply); });
  sort.addEventListener("change", order);
  // A click on a rule (or a site) filters by it; a second click shows every document again.
  each("button[data-rule]", function (b) {
    b.addEventListener("click", function () {
      choose(rule, rule.value === b.dataset.rule ? "" : b.dataset.rule);
    });
  });
  each("button[data-site]", function (b) {
    b.addEventListener("click", function () {
      choose(site, site.value === b.dataset.site ? "" : b.dataset.site);
    });
  });
  apply();
})();
"""
