// The page's zoom and pan of the time plots: constant script text, nothing from the input. It
// only enhances: the SVG as served is complete without it.
#include "reports/html_sections.h"

namespace faultline::reports {

const char* report_zoom_script() {
  return R"js(
(function () {
  'use strict';
  // Zoom and pan of the time axis: the wheel zooms around the pointer, a drag pans, a
  // double-click resets. Nothing is scaled: the data marks are redrawn at the x of their times
  // in the visible range, so text, markers and strokes keep their shape, and the x ticks are
  // recomputed for that range. svg_plot.h lists what the served SVG provides for this.
  var MAX_ZOOM = 200;
  function numbers(text) { return text.trim().split(/[\s,]+/).map(Number); }
  function fixed(v) { return v.toFixed(2); }
  function each(list, f) { Array.prototype.forEach.call(list, f); }

  // As nice_step and the tick labels in svg_plot.cpp.
  function niceStep(span, target) {
    var mag = Math.pow(10, Math.floor(Math.log10(span / target)));
    var norm = span / target / mag;
    return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  }
  function tickText(t, step, seconds) {
    if (!seconds) return String(Math.trunc(t));
    var decimals = Math.min(Math.max(Math.ceil(-Math.log10(step / 1e9)), 0), 6);
    return (t / 1e9).toFixed(decimals) + ' s';
  }

  // The ticks of times t0 to t1 drawn at x(t): a copy of the served x-ticks group, each tick a
  // copy of its first grid line and label.
  function ticksFor(served, t0, t1, seconds, x) {
    var group = served.cloneNode(false);
    var line = served.querySelector('line'), text = served.querySelector('text');
    var step = niceStep(t1 - t0, 8);
    if (!seconds) step = Math.max(step, 1);
    for (var i = Math.ceil(t0 / step); line && text && i * step <= t1; i++) {
      var at = fixed(x(i * step));
      var l = line.cloneNode(true), s = text.cloneNode(true);
      l.setAttribute('x1', at);
      l.setAttribute('x2', at);
      s.setAttribute('x', at);
      s.textContent = tickText(i * step, step, seconds);
      group.appendChild(l);
      group.appendChild(s);
    }
    return group;
  }

  // For each kind of mark, a function of the element as served that returns its redraw
  // through X (served x to drawn x) and k (the magnification).
  function attrMover(names) {
    return function (el) {
      var served = names.map(function (n) { return +el.getAttribute(n); });
      return function (X) {
        names.forEach(function (n, i) { el.setAttribute(n, fixed(X(served[i]))); });
      };
    };
  }
  var movers = {
    circle: attrMover(['cx']),
    line: attrMover(['x1', 'x2']),
    text: attrMover(['x']),
    rect: function (el) {
      var x = +el.getAttribute('x'), width = +el.getAttribute('width');
      var span = el.hasAttribute('data-width') ? +el.getAttribute('data-width') : width;
      return function (X, k) {
        el.setAttribute('x', fixed(X(x)));
        el.setAttribute('width', fixed(Math.max(span * k, width)));
      };
    },
    polyline: function (el) {
      var xy = numbers(el.getAttribute('points'));
      return function (X) {
        var out = [];
        for (var i = 0; i + 1 < xy.length; i += 2) out.push(fixed(X(xy[i])) + ',' + xy[i + 1]);
        el.setAttribute('points', out.join(' '));
      };
    },
    path: function (el) {
      var d = el.getAttribute('d'), m = /^M\s*(-?[\d.]+)/.exec(d);
      if (!m) return function () {};
      var x = +m[1], rest = d.slice(m[0].length);
      return function (X) { el.setAttribute('d', 'M' + fixed(X(x)) + rest); };
    }
  };
  function redrawsOf(groups) {
    var redraws = [];
    each(groups, function (g) {
      each(g.querySelectorAll('*'), function (el) {
        if (movers[el.tagName]) redraws.push(movers[el.tagName](el));
      });
    });
    return redraws;
  }

  // The plot area on x, over the whole height: what a zoomed plot shows of its marks.
  function clipUrl(svg, left, width) {
    var id = svg.id + '-zoom-clip';
    if (!document.getElementById(id)) {
      var path = document.createElementNS(svg.namespaceURI, 'clipPath');
      var rect = document.createElementNS(svg.namespaceURI, 'rect');
      path.id = id;
      rect.setAttribute('x', left);
      rect.setAttribute('width', width);
      rect.setAttribute('height', svg.viewBox.baseVal.height);
      path.appendChild(rect);
      svg.insertBefore(path, svg.firstChild);
    }
    return 'url(#' + id + ')';
  }

  function zoomable(svg) {
    var plot = numbers(svg.getAttribute('data-plot-x'));
    var left = plot[0], width = plot[1];
    var time = numbers(svg.getAttribute('data-time'));
    var seconds = svg.getAttribute('data-time-unit') === 'ns';
    var ticks = svg.querySelector('.x-ticks');
    var servedTicks = ticks.cloneNode(true);
    var groups = svg.querySelectorAll('.marks');
    var redraws = null;  // made at the first zoom
    var view = { x: left, w: width };  // the visible part of the served plot area
    var drawn = { x: left, w: width };
    var drag = null;

    function timeAt(x) { return time[0] + (x - left) / width * (time[1] - time[0]); }
    function servedX(clientX) {
      var r = svg.getBoundingClientRect();
      var user = (clientX - r.left) / r.width * svg.viewBox.baseVal.width;
      return view.x + (user - left) / width * view.w;
    }
    function draw() {
      if (view.x === drawn.x && view.w === drawn.w) return;
      drawn = { x: view.x, w: view.w };
      var home = view.w >= width, k = width / view.w;
      var X = function (x) { return left + (x - view.x) * k; };
      redraws = redraws || redrawsOf(groups);
      redraws.forEach(function (redraw) { redraw(X, k); });
      var next = home ? servedTicks.cloneNode(true)
                      : ticksFor(servedTicks, timeAt(view.x), timeAt(view.x + view.w), seconds,
                                 function (t) {
                                   return X(left + (t - time[0]) / (time[1] - time[0]) * width);
                                 });
      ticks.parentNode.replaceChild(next, ticks);
      ticks = next;
      var clip = home ? null : clipUrl(svg, left, width);
      each(groups, function (g) {
        if (clip) g.setAttribute('clip-path', clip);
        else g.removeAttribute('clip-path');
      });
    }
    function zoomedWidth(w) { return Math.min(width, Math.max(width / MAX_ZOOM, w)); }
    // Clamps the view to the plot area and draws it at the next frame.
    function show(x, w) {
      view.w = zoomedWidth(w);
      view.x = Math.min(Math.max(x, left), left + width - view.w);
      requestAnimationFrame(draw);
    }

    svg.addEventListener('wheel', function (ev) {
      if (!ev.deltaY) return;
      ev.preventDefault();
      var at = servedX(ev.clientX);
      var w = zoomedWidth(view.w * (ev.deltaY < 0 ? 0.8 : 1.25));
      show(at - (at - view.x) * w / view.w, w);
    }, { passive: false });
    svg.addEventListener('mousedown', function (ev) {
      if (ev.button === 0) drag = { clientX: ev.clientX, x: view.x };
    });
    window.addEventListener('mouseup', function () { drag = null; });
    svg.addEventListener('mousemove', function (ev) {
      if (drag) show(drag.x - (servedX(ev.clientX) - servedX(drag.clientX)), view.w);
    });
    svg.addEventListener('dblclick', function () { show(left, width); });
  }
  each(document.querySelectorAll('svg[data-zoom]'), zoomable);
})();
)js";
}

}  // namespace faultline::reports
