"""Zoom and pan of the report's time plots, checked in the browser through real input events
(cdp.py): the wheel zooms the time axis around the pointer, a drag pans it, a double-click
resets it. Zooming must leave text at its shape and size, give tick labels of the zoomed range
that agree with where the data marks are drawn, and keep markers round.

The expected time at each point is worked out from the page as served (its tick labels, placed
by the C++ writer) and from how far the data marks moved, never from the script's own numbers.
"""
import json

# Client rects of a plot's frame, tick labels ("1.250 s"), other text and op bars.
SNAPSHOT = r"""
(function (id) {
  var svg = document.getElementById(id);
  var box = svg.getBoundingClientRect();
  var frame = svg.querySelector('rect.frame').getBoundingClientRect();
  var left = Math.max(frame.left, box.left), right = Math.min(frame.right, box.right);
  var ticks = [], texts = [];
  svg.querySelectorAll('text').forEach(function (t) {
    var r = t.getBoundingClientRect();
    var m = /^(-?\d+(?:\.\d+)?) s$/.exec(t.textContent);
    if (!m) { texts.push({ text: t.textContent, width: r.width, height: r.height }); return; }
    var x = r.left + r.width / 2;
    if (x < left - 0.5 || x > right + 0.5) return;
    ticks.push({ text: t.textContent, value: +m[1], x: x });
  });
  var ops = Array.prototype.map.call(svg.querySelectorAll('rect.op'), function (r) {
    return r.getBoundingClientRect().left;
  });
  return { left: left, right: right, middle: (frame.top + frame.bottom) / 2, ticks: ticks,
           texts: texts, ops: ops };
})(%s)
"""

WHEEL_NOTCHES = 5


def snapshot(browser, plot):
    return browser.evaluate(SNAPSHOT % json.dumps(plot))


def fit(ticks):
    """Time (s) at client x, fitted to the tick labels: (time at x=0, seconds per pixel)."""
    a, b = ticks[0], ticks[-1]
    slope = (b["value"] - a["value"]) / (b["x"] - a["x"])
    return a["value"] - slope * a["x"], slope


def zoom_factor(before, after, pointer):
    """How much the wheel magnified the plot, measured on the op bars that stayed in view."""
    pairs = [(b, a) for b, a in zip(before["ops"], after["ops"])
             if after["left"] <= a <= after["right"] and abs(b - pointer) > 1]
    if not pairs:
        return None
    b, a = max(pairs, key=lambda p: abs(p[0] - pointer))
    return (a - pointer) / (b - pointer)


def labels_agree(ticks, time_at, seconds_per_px):
    """The largest distance, in pixels, between a tick label and where its time is drawn."""
    return max((abs(time_at(t["x"]) - t["value"]) / seconds_per_px for t in ticks), default=0)


def text_drift(before, after):
    """The largest change of width or height of the text that is not a tick label, in pixels."""
    pairs = list(zip(before["texts"], after["texts"]))
    if not pairs or len(before["texts"]) != len(after["texts"]):
        return float("inf")
    return max(max(abs(b["width"] - a["width"]), abs(b["height"] - a["height"]))
               for b, a in pairs)


class TimelineZoom:
    """Wheel, drag and double-click on one plot, each checked against the plot as served."""

    def __init__(self, check, browser, plot):
        self.check, self.browser, self.plot = check, browser, plot
        browser.evaluate("document.getElementById(%s).scrollIntoView({block: 'center'})"
                         % json.dumps(plot))
        browser.next_frames()
        self.home = snapshot(browser, plot)
        self.pointer = self.home["left"] + 0.3 * (self.home["right"] - self.home["left"])
        self.y = self.home["middle"]

    def ready(self):
        ok = len(self.home["ticks"]) >= 2 and len(self.home["ops"]) >= 2
        if not ok:
            self.check(False, "the %s has tick labels and op bars to zoom: %s"
                       % (self.plot, self.home["ticks"]))
        return ok

    def wheel(self):
        """Zooms in around the pointer; returns the snapshot, the time at each client x and the
        seconds per pixel."""
        check, home, pointer = self.check, self.home, self.pointer
        origin, seconds_per_px = fit(home["ticks"])
        for _ in range(WHEEL_NOTCHES):
            self.browser.wheel(pointer, self.y, -100)
        self.browser.next_frames()
        zoomed = snapshot(self.browser, self.plot)
        k = zoom_factor(home, zoomed, pointer)
        check(k is not None and k > 1.5, "%d wheel notches zoom the %s in (x%s)"
              % (WHEEL_NOTCHES, self.plot, "?" if k is None else "%.2f" % k))
        k = k or 1
        drift = text_drift(home, zoomed)
        check(drift <= 1, "zooming keeps every text at its size (largest change %.2f px)" % drift)
        labels = [t["text"] for t in zoomed["ticks"]]
        check(len(labels) >= 3 and labels != [t["text"] for t in home["ticks"]],
              "zoomed tick labels are recomputed: %s, were %s"
              % (labels, [t["text"] for t in home["ticks"]]))

        def time_at(x):
            return origin + seconds_per_px * (pointer + (x - pointer) / k)

        lo, hi = time_at(zoomed["left"]), time_at(zoomed["right"])
        inside = all(lo - 1e-9 <= t["value"] <= hi + 1e-9 for t in zoomed["ticks"])
        check(inside and hi - lo < 0.7 * seconds_per_px * (home["right"] - home["left"]),
              "zoomed tick labels lie in the zoomed range %.4f s to %.4f s: %s"
              % (lo, hi, labels))
        off = labels_agree(zoomed["ticks"], time_at, seconds_per_px / k)
        check(off <= 1.5, "zoomed tick labels sit where the op bars put their time "
              "(off by %.2f px)" % off)
        return zoomed, time_at, seconds_per_px / k

    def drag(self, zoomed, time_at, seconds_per_px, shift=120):
        self.browser.drag(self.pointer, self.y, self.pointer + shift)
        self.browser.next_frames()
        panned = snapshot(self.browser, self.plot)
        moved = [a - b for b, a in zip(zoomed["ops"], panned["ops"])]
        self.check(moved and all(abs(m - shift) <= 1 for m in moved),
                   "a drag of %d px pans the op bars by as much (%s)"
                   % (shift, sorted(set(round(m, 1) for m in moved))[:4]))
        off = labels_agree(panned["ticks"], lambda x: time_at(x - shift), seconds_per_px)
        self.check(off <= 1.5, "panned tick labels follow the op bars (off by %.2f px)" % off)

    def double_click(self):
        self.browser.double_click(self.pointer, self.y)
        self.browser.next_frames()
        home, reset = self.home, snapshot(self.browser, self.plot)
        self.check([(t["text"], round(t["x"], 1)) for t in reset["ticks"]]
                   == [(t["text"], round(t["x"], 1)) for t in home["ticks"]],
                   "a double-click restores the tick labels: %s"
                   % [t["text"] for t in reset["ticks"]])
        self.check(all(abs(a - b) <= 0.5 for a, b in zip(home["ops"], reset["ops"])),
                   "a double-click puts the op bars back")
        self.check(text_drift(home, reset) <= 1, "text keeps its size after the reset")


# The first scatter point in view and its client size.
POINT = r"""
(function () {
  var svg = document.getElementById('latency-plot');
  var box = svg.getBoundingClientRect();
  var points = svg.querySelectorAll('circle.pt');
  for (var i = 0; i < points.length; i++) {
    var r = points[i].getBoundingClientRect();
    if (r.left > box.left && r.right < box.right) return { width: r.width, height: r.height };
  }
  return null;
})()
"""


def check_marker_shape(check, browser):
    browser.evaluate("document.getElementById('latency-plot').scrollIntoView({block: 'center'})")
    browser.next_frames()
    rect = browser.evaluate("(r => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 }))"
                            "(document.getElementById('latency-plot').getBoundingClientRect())")
    before = browser.evaluate(POINT)
    for _ in range(WHEEL_NOTCHES):
        browser.wheel(rect["x"], rect["y"], -100)
    browser.next_frames()
    after = browser.evaluate(POINT)
    browser.double_click(rect["x"], rect["y"])
    browser.next_frames()
    check(before is not None and after is not None
          and abs(after["width"] - after["height"]) <= 0.5
          and abs(after["width"] - before["width"]) <= 0.5,
          "zooming keeps the latency points round and their size (%s, was %s)" % (after, before))


def check_zoom(check, browser):
    timeline = TimelineZoom(check, browser, "timeline-plot")
    if timeline.ready():
        timeline.drag(*timeline.wheel())
        timeline.double_click()
    if browser.evaluate("!!document.querySelector('#latency-plot circle.pt')"):
        check_marker_shape(check, browser)
