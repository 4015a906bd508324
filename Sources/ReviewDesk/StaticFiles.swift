import Hummingbird

/// The desk's script and style, compiled in: the binary needs no files beside it. The script
/// only adds keyboard shortcuts; every page works without it.
enum StaticFiles {
  static func add(to router: Router<DeskContext>) {
    router.get("/static/desk.js") { _, _ in
      var response = Reply.text(script, type: "text/javascript")
      response.headers[.cacheControl] = "max-age=300"
      return response
    }
    router.get("/static/desk.css") { _, _ in
      var response = Reply.text(style, type: "text/css")
      response.headers[.cacheControl] = "max-age=300"
      return response
    }
  }

  static let script = """
    // ClaimLedger desk: keyboard shortcuts. s r m u n record a verdict, j/k next/previous,
    // / focuses the filter. Keys typed into a field are left alone (Escape leaves it).
    (function () {
      'use strict';
      var verdicts = { s: 'supported', r: 'refuted', m: 'mixed', u: 'unverifiable', n: 'not-a-claim' };
      document.addEventListener('keydown', function (event) {
        var target = event.target;
        var tag = target && target.tagName;
        if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (target && target.isContentEditable)) {
          if (event.key === 'Escape') { target.blur(); }
          return;
        }
        if (event.ctrlKey || event.metaKey || event.altKey) { return; }
        if (Object.prototype.hasOwnProperty.call(verdicts, event.key)) {
          var button = document.querySelector('#verdict button[name="status"][value="' + verdicts[event.key] + '"]');
          if (button) { event.preventDefault(); button.click(); }
          return;
        }
        if (event.key === 'j' || event.key === 'k') {
          var link = document.querySelector(event.key === 'j' ? 'a[rel="next"]' : 'a[rel="prev"]');
          if (link) { event.preventDefault(); window.location.assign(link.href); }
          return;
        }
        if (event.key === '/') {
          var filter = document.getElementById('filter');
          if (filter) { event.preventDefault(); filter.focus(); }
        }
      });
    })();

    """

  static let style = """
    body { font-family: system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
    main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
    nav { display: flex; gap: 1rem; align-items: center; padding: .5rem 0; border-bottom: 1px solid #ddd; }
    nav .who { margin-left: auto; color: #555; }
    nav form { display: inline; }
    blockquote.sentence { border-left: 4px solid #888; margin: 1rem 0; padding: .5rem 1rem; background: #fff; }
    mark { background: #ffe27a; padding: 0 .15em; }
    .error { color: #a00; font-weight: bold; }
    .conflict { color: #b00020; }
    .stance.supports { color: #176b2c; } .stance.contradicts { color: #b00020; } .stance.mentions { color: #555; }
    .status { font-size: .85em; padding: 0 .4em; border-radius: .3em; background: #eee; }
    table { border-collapse: collapse; } td, th { padding: .2rem .6rem; border-bottom: 1px solid #e3e3e3; text-align: left; }
    form#verdict textarea { width: 100%; }
    form#verdict .buttons { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .5rem; }
    kbd { font-size: .8em; border: 1px solid #bbb; border-radius: .2em; padding: 0 .25em; }
    svg.timeline { max-width: 100%; height: auto; background: #fff; font-size: 12px; }
    svg.timeline .document circle, svg.timeline .document rect { fill: #2a6fdb; }
    svg.timeline .reference circle, svg.timeline .reference rect { fill: #6b6b6b; }
    svg.timeline .verdict circle, svg.timeline .verdict rect { fill: #176b2c; }
    svg.timeline .conflict circle, svg.timeline .conflict rect { fill: #d32f2f; }
    svg.timeline .conflict text { fill: #b00020; font-weight: bold; }
    ol.snapshot { font-family: ui-monospace, monospace; white-space: pre-wrap; }

    """
}
