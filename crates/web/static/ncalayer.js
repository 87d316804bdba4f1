// The bridge to NCALayer, the portal's only script. A form marked `data-ncalayer` ("sign" for
// documents, "auth" for signing in) carries in `data-document` the base64 of the exact bytes
// the server verifies; NCALayer decodes them (`decode: true`) and answers a detached CMS, which
// goes into the hidden `cms` field before the form is posted. Without this script the forms
// stay disabled and the page explains that NCALayer and JavaScript are needed.
(function () {
  "use strict";

  var NCALAYER = "wss://127.0.0.1:13579";
  // Extended key usages NCA RK puts in its certificates: e-mail protection on the signing key
  // (RSA256_…), client authentication on the authentication key (AUTH_RSA256_…).
  var KEY_USAGE = { sign: "1.3.6.1.5.5.7.3.4", auth: "1.3.6.1.5.5.7.3.2" };

  function request(form) {
    return {
      module: "kz.gov.pki.knca.basics",
      method: "sign",
      args: {
        allowedStorages: ["PKCS12", "AKKaztokenStore", "AKKZIDCardStore"],
        format: "cms",
        data: form.getAttribute("data-document"),
        signingParams: { decode: true, encapsulate: false, digested: false, tsaProfile: {} },
        signerParams: { extKeyUsageOids: [KEY_USAGE[form.getAttribute("data-ncalayer")]] },
        locale: form.getAttribute("data-locale") || "ru"
      }
    };
  }

  // The CMS of NCALayer's answer, or why there is none: "cancelled" or "failed".
  function outcome(answer) {
    var result = answer.body && answer.body.result;
    if (answer.status === true && result) {
      return { cms: Array.isArray(result) ? result[0] : result };
    }
    var text = String(answer.message || answer.code || "");
    if (answer.status === true || /cancel/i.test(text)) {
      return { problem: "cancelled" };
    }
    return { problem: "failed", detail: text };
  }

  function sign(form, done) {
    var socket;
    var opened = false;
    var finished = false;
    function finish(result) {
      if (!finished) {
        finished = true;
        done(result);
      }
    }
    try {
      socket = new WebSocket(NCALAYER);
    } catch (e) {
      finish({ problem: "blocked", detail: String(e && e.name) });
      return;
    }
    socket.onopen = function () {
      opened = true;
      socket.send(JSON.stringify(request(form)));
    };
    socket.onmessage = function (event) {
      var answer;
      try {
        answer = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      // NCALayer greets a new connection with its version: not the answer yet.
      if (answer === null || answer.status === undefined) {
        return;
      }
      finish(outcome(answer));
      socket.close();
    };
    socket.onclose = function () {
      finish({ problem: opened ? "failed" : "not-running" });
    };
  }

  function show(form, key, detail) {
    var message = form.querySelector("[data-ncalayer-message]");
    var text = form.getAttribute("data-" + key) || key;
    message.textContent = detail ? text + " " + detail : text;
    message.hidden = false;
  }

  function attach(form) {
    var button = form.querySelector("button[type=submit]");
    button.disabled = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      show(form, "waiting");
      sign(form, function (result) {
        button.disabled = false;
        if (result.cms) {
          form.querySelector("input[name=cms]").value = result.cms;
          form.submit();
        } else {
          show(form, result.problem, result.detail);
        }
      });
    });
  }

  var forms = document.querySelectorAll("form[data-ncalayer]");
  for (var i = 0; i < forms.length; i += 1) {
    attach(forms[i]);
  }
})();
