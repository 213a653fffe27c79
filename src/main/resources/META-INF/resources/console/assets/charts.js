// Dashboard charts (uPlot, served locally). The data is in data-series attributes: no inline script, so the page's
// Content-Security-Policy can forbid it.
(function () {
  "use strict";
  var colours = { critical: "#a4161a", warning: "#b07400", info: "#1f5f8b", rate: "#0b5cad" };

  function width(el) { return Math.max(320, el.clientWidth || 800); }

  function alerts(el) {
    var s = JSON.parse(el.dataset.series);
    return new uPlot({
      width: width(el), height: 240,
      series: [{},
        { label: "critical", stroke: colours.critical, width: 2 },
        { label: "warning", stroke: colours.warning, width: 2 },
        { label: "info", stroke: colours.info, width: 2 }],
      axes: [{}, { label: "alerts" }],
      scales: { y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } }
    }, [s.x, s.critical, s.warning, s.info], el);
  }

  function overrides(el) {
    var s = JSON.parse(el.dataset.series);
    return new uPlot({
      width: width(el), height: 240,
      series: [{}, { label: "overridden %", stroke: colours.rate, width: 2, spanGaps: false }],
      axes: [{}, { label: "% overridden" }],
      scales: { y: { range: [0, 100] } }
    }, [s.x, s.overrideRate], el);
  }

  function draw() {
    var a = document.getElementById("alerts-chart");
    var o = document.getElementById("override-chart");
    if (!window.uPlot || !a || !o) { return; }
    alerts(a);
    overrides(o);
    document.body.dataset.chartsDrawn = "true";
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
