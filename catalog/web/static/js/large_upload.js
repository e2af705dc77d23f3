// Files above the form's limit go straight from this browser to the province's storage:
// start (the catalog signs one URL per part), PUT each part, complete (the catalog checks the
// stored file), then the form is sent with the upload tokens instead of the bytes.
(function () {
  "use strict";
  var form = document.querySelector("form[data-large-from]");
  if (!form || !window.fetch || !window.DataTransfer) return;
  var input = form.querySelector("input[type=file][name=files]");
  var status = form.querySelector(".upload-status");
  var threshold = Number(form.dataset.largeFrom);
  var csrf = form.querySelector("input[name=csrf_token]").value;

  function say(text) { status.textContent = text; }

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) {
          var fields = (json.error && json.error.fields) || {};
          var reasons = Object.keys(fields).map(function (k) { return fields[k].join(" "); });
          throw new Error(reasons.join(" ") || (json.error && json.error.message) || response.status);
        }
        return json;
      });
    });
  }

  function sendParts(file, started) {
    var etags = [];
    var chain = Promise.resolve();
    started.part_urls.forEach(function (url, index) {
      chain = chain.then(function () {
        say(form.dataset.sending.replace("{name}", file.name).replace("{part}", index + 1)
          .replace("{parts}", started.part_urls.length));
        var chunk = file.slice(index * started.part_bytes, (index + 1) * started.part_bytes);
        return fetch(url, { method: "PUT", body: chunk }).then(function (response) {
          if (!response.ok) throw new Error(file.name + ": " + response.status);
          etags.push({ number: index + 1, etag: response.headers.get("ETag") });
        });
      });
    });
    return chain.then(function () { return etags; });
  }

  form.addEventListener("submit", function (event) {
    var files = Array.prototype.slice.call(input.files);
    var large = files.filter(function (file) { return file.size > threshold; });
    if (!large.length || form.dataset.largeDone) return;
    event.preventDefault();
    var folder = form.dataset.folder || null;  // an edit: the files join a new version of this resource
    var chain = Promise.resolve();
    large.forEach(function (file) {
      chain = chain.then(function () {
        var body = { name: file.name, size: file.size };
        if (folder) body.folder = folder;
        return post(form.dataset.startUrl, body).then(function (started) {
          folder = started.folder;
          return sendParts(file, started).then(function (parts) {
            return post(form.dataset.startUrl + "/" + encodeURIComponent(started.token) + "/complete", { parts: parts });
          }).then(function (done) {
            var hidden = document.createElement("input");
            hidden.type = "hidden";
            hidden.name = "large";
            hidden.value = done.token;
            form.appendChild(hidden);
          });
        });
      });
    });
    chain.then(function () {
      var remaining = new DataTransfer();
      files.forEach(function (file) { if (file.size <= threshold) remaining.items.add(file); });
      input.files = remaining.files;
      input.required = false;
      form.dataset.largeDone = "1";
      say(form.dataset.submitting);
      form.submit();
    }).catch(function (error) {
      say(form.dataset.failed + " " + error.message);
    });
  });
})();
