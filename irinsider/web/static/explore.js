/* irinsider reader: dates chosen on a timeline by dragging across it (a brush), on the
   Chart.js timelines and on the server-drawn comparison charts; chart colours that
   follow dark mode. The preset links beside each chart do the same without a script.
   No inline scripts: the months come in <script type="application/json"> elements. */
(function () {
  "use strict";

  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  if (window.Chart && dark) {
    window.Chart.defaults.color = "#c9d3d8";
    window.Chart.defaults.borderColor = "#33424a";
  }

  function readJSON(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function monthEnd(month) {
    var year = parseInt(month.slice(0, 4), 10), mon = parseInt(month.slice(5, 7), 10);
    var days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
    return month + "-" + (days < 10 ? "0" : "") + days;
  }

  function goTo(first, last) {
    var url = new URL(window.location.href);
    url.searchParams.set("since", first + "-01");
    url.searchParams.set("until", monthEnd(last));
    url.searchParams.delete("page");
    window.location.assign(url.toString());
  }

  /* box: the positioned element the brush is drawn in; indexAt(clientX) -> month index */
  function brush(box, surface, months, indexAt) {
    var band = document.createElement("div");
    band.className = "brush";
    band.hidden = true;
    box.appendChild(band);
    var start = null;
    function draw(x0, x1) {
      var rect = box.getBoundingClientRect();
      band.style.left = (Math.min(x0, x1) - rect.left) + "px";
      band.style.width = Math.abs(x1 - x0) + "px";
      band.hidden = false;
    }
    surface.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      start = { x: event.clientX, i: indexAt(event.clientX) };
      if (surface.setPointerCapture) { surface.setPointerCapture(event.pointerId); }
    });
    surface.addEventListener("pointermove", function (event) {
      if (start !== null && Math.abs(event.clientX - start.x) > 4) { draw(start.x, event.clientX); }
    });
    function end(event) {
      if (start === null) { return; }
      var moved = Math.abs(event.clientX - start.x) > 8;
      var i = start.i, j = indexAt(event.clientX);
      start = null;
      if (!moved || event.type === "pointercancel") { band.hidden = true; return; }
      goTo(months[Math.min(i, j)], months[Math.max(i, j)]);
    }
    surface.addEventListener("pointerup", end);
    surface.addEventListener("pointercancel", end);
    var hint = document.createElement("p");
    hint.className = "brush-hint";
    hint.textContent = "Drag across the chart to choose dates.";
    box.parentNode.insertBefore(hint, box.nextSibling);
  }

  function clamp(i, n) { return Math.max(0, Math.min(n - 1, i)); }

  function brushTimeline(canvas) {
    var data = readJSON(canvas.getAttribute("data-source"));
    var chart = window.Chart && window.Chart.getChart(canvas);
    if (!data || !chart || !data.months || data.months.length < 2) { return; }
    if (dark) {
      chart.data.datasets.forEach(function (ds) {
        if (ds.type === "line") { ds.borderColor = "#e4e9ec"; ds.backgroundColor = "#e4e9ec"; }
      });
      chart.update();
    }
    var box = canvas.parentElement;
    box.classList.add("brushable");
    brush(box, canvas, data.months, function (clientX) {
      var x = clientX - canvas.getBoundingClientRect().left;
      var value = chart.scales.x.getValueForPixel(x);
      return clamp(Math.round(value), data.months.length);
    });
  }

  function brushSeries(svg) {
    var months = readJSON(svg.getAttribute("data-brush"));
    if (!months || months.length < 2) { return; }
    var wrap = document.createElement("div");
    wrap.className = "brushable";
    svg.parentNode.insertBefore(wrap, svg);
    wrap.appendChild(svg);
    var left = parseFloat(svg.getAttribute("data-left"));
    var right = parseFloat(svg.getAttribute("data-right"));
    var width = svg.viewBox.baseVal.width;
    brush(wrap, svg, months, function (clientX) {
      var rect = svg.getBoundingClientRect();
      var x = (clientX - rect.left) / rect.width * width;
      return clamp(Math.round((x - left) / (right - left) * (months.length - 1)), months.length);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    /* app.js draws the timelines on this same event, before this runs */
    document.querySelectorAll("canvas[data-chart=timeline]").forEach(brushTimeline);
    document.querySelectorAll("svg[data-brush]").forEach(brushSeries);
  });
})();
