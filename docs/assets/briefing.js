/* Highlight the passage a citation points at (#s-START-END) on the source page.
   Works with Material's instant navigation (document$) and without it. */
(function () {
  "use strict";
  function highlight() {
    var m = /^#s-(\d+)-(\d+)$/.exec(window.location.hash);
    var marks = document.querySelectorAll("mark.bf-active");
    for (var i = 0; i < marks.length; i++) marks[i].classList.remove("bf-active");
    if (!m) return;
    var start = parseInt(m[1], 10), end = parseInt(m[2], 10), first = null;
    var segs = document.querySelectorAll(".bf-source mark[data-start]");
    for (var j = 0; j < segs.length; j++) {
      var a = parseInt(segs[j].getAttribute("data-start"), 10);
      var z = parseInt(segs[j].getAttribute("data-end"), 10);
      if (a >= start && z <= end) {
        segs[j].classList.add("bf-active");
        if (!first) first = segs[j];
      }
    }
    if (first) first.scrollIntoView({ block: "center" });
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(highlight);
  } else {
    document.addEventListener("DOMContentLoaded", highlight);
  }
  window.addEventListener("hashchange", highlight);
})();
