/* Autocomplete for the header search box: a progressive enhancement. Without JavaScript the box is a
   plain search form; with it, suggestions (hot queries, words, titles, pinyin → 汉字) fill the
   box's <datalist>. No third-party code, no network call except to this site. */
(function () {
  "use strict";
  var input = document.getElementById("site-q");
  var list = document.getElementById("site-q-suggestions");
  if (!input || !list || !window.fetch) { return; }
  var url = input.getAttribute("data-suggest-url");
  var timer = null;
  var last = null;
  function fill(items) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.text; /* text, never HTML */
      list.appendChild(option);
    });
  }
  function ask() {
    var q = input.value.trim();
    if (q === last) { return; }
    last = q;
    fetch(url + "?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === q) { fill(data.suggestions || []); } })
      .catch(function () { /* suggestions are optional */ });
  }
  input.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(ask, 200);
  });
  input.addEventListener("focus", ask);
}());
