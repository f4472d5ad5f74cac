/* irinsider reader: timeline charts, event explanations on click, small form helpers.
   No inline scripts: the pages pass data in <script type="application/json"> elements. */
(function () {
  "use strict";

  var QUADS = {
    1: { label: "Verbal cooperation", colour: "#8fb8d6" },
    2: { label: "Material cooperation", colour: "#2f6f98" },
    3: { label: "Verbal conflict", colour: "#e0a458" },
    4: { label: "Material conflict", colour: "#c0504d" }
  };

  function readJSON(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function drawTimeline(canvas) {
    var data = readJSON(canvas.getAttribute("data-source"));
    if (!data || !window.Chart || !data.months.length) { return; }
    var datasets = [];
    [1, 2, 3, 4].forEach(function (q) {
      var counts = data.counts[q] || data.counts[String(q)] || [];
      if (!counts.some(function (n) { return n > 0; })) { return; }
      datasets.push({
        type: "bar", label: QUADS[q].label, data: counts, backgroundColor: QUADS[q].colour,
        stack: "events", yAxisID: "y", borderWidth: 0, maxBarThickness: 48
      });
    });
    datasets.push({
      type: "line", label: "Net Goldstein score", data: data.net, yAxisID: "y2",
      borderColor: "#1e2a32", backgroundColor: "#1e2a32", borderWidth: 2, pointRadius: 2,
      tension: 0.25
    });
    var narrow = window.matchMedia("(max-width: 520px)").matches;
    new window.Chart(canvas, {
      data: { labels: data.labels, datasets: datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, font: { size: narrow ? 11 : 12 } } },
          tooltip: { callbacks: {} }
        },
        scales: {
          x: { stacked: true, grid: { display: false },
               ticks: { autoSkip: true, maxRotation: 0, font: { size: narrow ? 10 : 12 } } },
          y: { stacked: true, beginAtZero: true, title: { display: !narrow, text: "events" },
               ticks: { precision: 0 } },
          y2: { position: "right", grid: { drawOnChartArea: false },
                title: { display: !narrow, text: "net Goldstein" },
                /* zero always on the axis: a score reads against it */
                suggestedMin: Math.min(0, Math.min.apply(null, data.net)),
                suggestedMax: Math.max(0, Math.max.apply(null, data.net)) }
        }
      }
    });
  }

  function closeAll(except) {
    document.querySelectorAll(".tw.open").forEach(function (tw) {
      if (tw !== except) {
        tw.classList.remove("open");
        var b = tw.querySelector("button.trigger");
        if (b) { b.setAttribute("aria-expanded", "false"); }
      }
    });
  }

  function wireTriggers() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button.trigger") : null;
      if (button) {
        var tw = button.parentElement;
        var open = !tw.classList.contains("open");
        closeAll(tw);
        tw.classList.toggle("open", open);
        button.setAttribute("aria-expanded", open ? "true" : "false");
        event.preventDefault();
        return;
      }
      if (!(event.target.closest && event.target.closest(".pop"))) { closeAll(null); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { closeAll(null); }
    });
  }

  function wireCorrectionForms() {
    document.querySelectorAll("form.correct").forEach(function (form) {
      var select = form.querySelector("select[name=field]");
      var value = form.querySelector(".value-field");
      if (!select || !value) { return; }
      var sync = function () { value.hidden = select.value === "wrong"; };
      select.addEventListener("change", sync);
      sync();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart=timeline]").forEach(drawTimeline);
    wireTriggers();
    wireCorrectionForms();
  });
})();
