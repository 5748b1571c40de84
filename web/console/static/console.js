/* govmp console: small enhancements over plain forms, which work without
   this script. ES5 only, for older browsers on government PCs. */
(function () {
  "use strict";
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  // Ask before irreversible actions.
  $all("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });

  // Selects that only change a view submit their form at once.
  $all("select[data-autosubmit]").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });

  // Live 涉密 scan while an editor types: the same scan runs again on submit.
  var body = document.getElementById("body");
  var out = document.getElementById("secrecy-live");
  if (body && out) {
    var timer = null;
    var scan = function () {
      var form = body.form, data = [];
      ["title", "digest", "body"].forEach(function (n) {
        var el = form.elements[n];
        if (el) { data.push(n + "=" + encodeURIComponent(el.value)); }
      });
      data.push("_csrf=" + encodeURIComponent(form.elements._csrf.value));
      var x = new XMLHttpRequest();
      x.open("POST", out.getAttribute("data-url"));
      x.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
      x.onload = function () {
        if (x.status !== 200) { return; }
        var r = JSON.parse(x.responseText);
        out.textContent = r.words.length ? "发现涉密标识：" + r.words.join("、") + "（送审时会被拦截）" : "未发现涉密标识";
        out.className = r.words.length ? "field-error" : "muted";
      };
      x.send(data.join("&"));
    };
    var later = function () { clearTimeout(timer); timer = setTimeout(scan, 600); };
    body.addEventListener("input", later);
    ["title", "digest"].forEach(function (n) { var el = body.form.elements[n]; if (el) { el.addEventListener("input", later); } });
  }

  // Live phone preview of the menu editor.
  var editor = document.getElementById("menu-form");
  var phone = document.getElementById("menubar");
  if (editor && phone) {
    var draw = function () {
      phone.innerHTML = "";
      for (var i = 0; i < 3; i++) {
        var name = editor.elements["b" + i + "_name"].value;
        if (!name) { continue; }
        var top = document.createElement("div");
        top.textContent = name;
        var sub = document.createElement("div");
        sub.className = "sub";
        var any = false;
        for (var j = 0; j < 5; j++) {
          var sn = editor.elements["b" + i + "_s" + j + "_name"].value;
          if (!sn) { continue; }
          var d = document.createElement("div");
          d.textContent = sn;
          sub.appendChild(d);
          any = true;
        }
        if (any) { top.appendChild(sub); }
        phone.appendChild(top);
      }
    };
    editor.addEventListener("input", draw);
  }
})();
