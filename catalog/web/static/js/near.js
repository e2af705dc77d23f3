// "Use my location": with the teacher's permission, list by distance from where the browser is.
(function () {
  "use strict";
  var button = document.querySelector(".use-location");
  if (!button || !navigator.geolocation) return;
  var status = document.querySelector(".location-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.waiting || "…";
    navigator.geolocation.getCurrentPosition(function (position) {
      var near = position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
      window.location.assign(button.dataset.nearUrl + "?near=" + encodeURIComponent(near));
    }, function (error) {
      status.textContent = button.dataset.refused || error.message;
    }, { timeout: 10000, maximumAge: 600000 });
  });
})();
