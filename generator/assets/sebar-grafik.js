/* Sebar: charts on a page (loaded only on pages holding class="sebar-grafik"; generator/views/html.py).
 *
 * - Tabs (.sebar-tab): WAI-ARIA tabs; arrow keys, Home and End move between them.
 * - Interactive on demand: the page shows the static SVG; the first pointer over a chart, focus in it
 *   or a press of "Grafik interaktif" loads the vendored plotly.js (vendor/plotly/, beside this file)
 *   and the figure JSON (figure[data-figure]) and puts the live chart in the picture's place.
 * - "PNG": the SVG drawn on a canvas at twice its size, downloaded as a PNG.
 * - Dashboard filter: <form class="sebar-dasbor__saring" data-src="saring.json"> with
 *   <select data-saring="tahun"> controls. The JSON (URLs in it are relative to it):
 *     {"saring": ["tahun"],
 *      "nilai": {"2020": {"grafik": {"<figure id>": {"svg": "a.svg", "json": "a.json"}},
 *                         "angka": {"<card id>": {"nilai": "4.004,9", "periode": "2020",
 *                                                 "perubahan": "naik 7,8% dibanding 2019", "arah": "naik"}}}}}
 *   The key of "nilai" is the selected values of the form's selects, in order, joined by "|".
 *   A chart entry may hold "figure" (the plotly JSON itself) instead of "json". On a change, every
 *   chart is redrawn (Plotly.react when live, else its <img> takes the new SVG) and every card updated.
 */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : location.href;
  var PLOTLY = new URL("vendor/plotly/plotly-sebar.min.js", here).href;
  var CSS = new URL("vendor/plotly/plotly.css", here).href;
  var TOPOJSON = new URL("vendor/plotly/topojson/", here).href;
  var loading = null;

  // plotly.js's own stylesheet, marked so that plotly.js adds no inline <style> (the site's CSP forbids it)
  function loadStyle() {
    if (document.getElementById("plotly.js-style-global")) return Promise.resolve();
    return new Promise(function (resolve) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.id = "plotly.js-style-global";
      link.className = "no-inline-styles";
      link.href = CSS;
      link.onload = link.onerror = function () { resolve(); };
      document.head.appendChild(link);
    });
  }

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      var style = loadStyle();
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY;
        script.onload = function () { style.then(function () { resolve(window.Plotly); }); };
        script.onerror = function () { loading = null; reject(new Error("plotly.js tidak termuat")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  // The live chart fills the picture's box: same aspect ratio as the SVG, so nothing moves.
  function liveLayout(figure) {
    var layout = Object.assign({}, figure.layout || {});
    delete layout.width;
    delete layout.height;
    layout.autosize = true;
    return layout;
  }

  var CONFIG = { locale: "id", displaylogo: false, responsive: true, topojsonURL: TOPOJSON };

  function draw(fig, figure) {
    var box = fig.querySelector(".sebar-grafik__gambar");
    return loadPlotly().then(function (Plotly) {
      var live = box.querySelector(".sebar-grafik__hidup");
      if (live) return Plotly.react(live, figure.data || [], liveLayout(figure), CONFIG);
      var img = box.querySelector("img");
      live = document.createElement("div");
      live.className = "sebar-grafik__hidup";
      live.setAttribute("role", "group");
      live.setAttribute("aria-label", img ? img.alt : "");
      box.style.aspectRatio = img ? img.getAttribute("width") + " / " + img.getAttribute("height") : "";
      box.appendChild(live);
      return Plotly.newPlot(live, figure.data || [], liveLayout(figure), CONFIG).then(function () {
        if (img) img.hidden = true;
        fig.classList.add("sebar-grafik--hidup");
      });
    });
  }

  function interactive(fig) {
    if (fig.sebarLive) return fig.sebarLive;
    var button = fig.querySelector(".sebar-grafik__interaktif");
    if (button) button.disabled = true;
    fig.sebarLive = getJSON(fig.dataset.figure).then(function (figure) {
      return draw(fig, figure);
    }).then(function () {
      if (button) button.remove();
    }, function (error) {
      fig.sebarLive = null;
      if (button) button.disabled = false;
      console.warn("Sebar: grafik interaktif gagal dimuat:", error.message);
    });
    return fig.sebarLive;
  }

  function downloadPNG(link) {
    var img = new Image();
    img.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = img.naturalWidth * 2;
      canvas.height = img.naturalHeight * 2;
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = link.getAttribute("download") || "grafik.png";
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
      }, "image/png");
    };
    img.src = link.href;  // the same site's SVG: the canvas stays readable
  }

  function setupFigure(fig) {
    var button = fig.querySelector(".sebar-grafik__interaktif");
    var png = fig.querySelector(".sebar-grafik__png");
    if (button) button.hidden = false;
    if (png) png.hidden = false;
    var start = function () { interactive(fig); };
    var box = fig.querySelector(".sebar-grafik__gambar");
    if (box) box.addEventListener("pointerenter", start, { once: true });
    if (button) button.addEventListener("click", start);
    fig.addEventListener("focusin", start, { once: true });
    var link = fig.querySelector("a[data-png]");
    if (link) link.addEventListener("click", function (event) {
      event.preventDefault();
      downloadPNG(link);
    });
  }

  function setupTabs(root) {
    var list = root.querySelector('[role="tablist"]');
    if (!list) return;
    var tabs = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));
    function select(tab, focus) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        var panel = document.getElementById(t.getAttribute("aria-controls"));
        if (panel) panel.hidden = !on;
      });
      if (focus) tab.focus();
    }
    tabs.forEach(function (tab, i) {
      var panel = document.getElementById(tab.getAttribute("aria-controls"));
      if (panel) {
        panel.setAttribute("role", "tabpanel");
        panel.setAttribute("aria-labelledby", tab.id);
        panel.tabIndex = 0;
      }
      tab.addEventListener("click", function () { select(tab, false); });
      tab.addEventListener("keydown", function (event) {
        var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        select(tabs[(next + tabs.length) % tabs.length], true);
      });
    });
    list.hidden = false;
    root.classList.add("sebar-tab--aktif");
    select(tabs.filter(function (t) { return t.getAttribute("aria-selected") === "true"; })[0] || tabs[0], false);
  }

  function setupFilter(form) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-saring]"));
    var status = form.querySelector('[role="status"]');
    var src = new URL(form.dataset.src, location.href);
    var data = null;
    function apply() {
      var key = selects.map(function (s) { return s.value; }).join("|");
      var entry = data && data.nilai && data.nilai[key];
      if (!entry) return Promise.resolve();
      var jobs = [];
      Object.keys(entry.grafik || {}).forEach(function (id) {
        var fig = document.getElementById(id);
        var item = entry.grafik[id];
        if (!fig) return;
        if (item.json) fig.dataset.figure = new URL(item.json, src).href;
        var img = fig.querySelector(".sebar-grafik__gambar img");
        if (img && item.svg) img.src = new URL(item.svg, src).href;
        fig.querySelectorAll("a[download]").forEach(function (a) {
          if (item.svg && a.getAttribute("href").slice(-4) === ".svg") a.href = new URL(item.svg, src).href;
          if (item.json && !a.dataset.png && a.getAttribute("href").slice(-5) === ".json") a.href = fig.dataset.figure;
        });
        if (fig.classList.contains("sebar-grafik--hidup")) {
          var figure = item.figure ? Promise.resolve(item.figure) : getJSON(fig.dataset.figure);
          jobs.push(figure.then(function (f) { return draw(fig, f); }));
        }
      });
      Object.keys(entry.angka || {}).forEach(function (id) {
        var card = document.getElementById(id);
        var item = entry.angka[id];
        if (!card) return;
        ["nilai", "periode", "perubahan"].forEach(function (part) {
          var el = card.querySelector('[data-bagian="' + part + '"]');
          if (el && item[part] !== undefined) el.textContent = item[part];
        });
        var change = card.querySelector('[data-bagian="perubahan"]');
        // the arrow follows the text when the entry gives no "arah": "turun 4,6% ..." -> turun
        var arah = item.arah !== undefined ? item.arah : item.perubahan !== undefined ? item.perubahan.split(" ")[0] : undefined;
        if (change && arah !== undefined) change.dataset.arah = arah;
      });
      if (status) {
        status.textContent = "Menampilkan " + selects.map(function (s) {
          return s.closest("label").firstChild.textContent.trim().toLowerCase() + " " + s.value;
        }).join(", ") + ".";
      }
      return Promise.all(jobs);
    }
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    selects.forEach(function (s) {
      s.addEventListener("change", function () {
        (data ? Promise.resolve(data) : getJSON(src.href)).then(function (d) {
          data = d;
          return apply();
        }).then(function () {
          form.dispatchEvent(new CustomEvent("sebar:tersaring"));
        }, function (error) {
          console.warn("Sebar: saringan dasbor gagal:", error.message);
        });
      });
    });
  }

  function setup() {
    document.querySelectorAll(".sebar-tab").forEach(setupTabs);
    document.querySelectorAll("figure.sebar-grafik").forEach(setupFigure);
    document.querySelectorAll("form.sebar-dasbor__saring").forEach(setupFilter);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
