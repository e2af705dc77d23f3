// The upload and edit forms: only the chosen type's fields show (and are sent and checked), the
// itinerary grows row by row, and a practice base's place is picked from the district list or
// by dragging its pin. Without this script every field shows and the server checks them all.
(function () {
  "use strict";
  var form = document.querySelector("form .type-choice") && document.querySelector("form .type-choice").form;
  if (!form) return;
  var typeChoice = form.querySelector(".type-choice");
  var sections = form.querySelectorAll(".type-fields");

  function showType() {
    sections.forEach(function (section) {
      var active = section.dataset.type === typeChoice.value;
      section.hidden = !active;
      section.disabled = !active;  // a disabled fieldset is neither sent nor checked
      section.querySelectorAll("[data-required]").forEach(function (field) { field.required = active; });
    });
  }
  typeChoice.addEventListener("change", showType);
  showType();

  // One more itinerary stop: a copy of the last row, emptied.
  var addStop = form.querySelector(".add-destination");
  if (addStop) {
    addStop.hidden = false;
    addStop.addEventListener("click", function () {
      var list = form.querySelector(".destinations");
      var last = list.lastElementChild;
      var row = last.cloneNode(true);
      var index = list.children.length;
      row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
      row.querySelectorAll("select").forEach(function (select) {
        select.selectedIndex = 0;
        select.id = "destination-place-" + index;
      });
      list.appendChild(row);
      row.querySelector("input").focus();
    });
  }

  // A study tour needs at least one named stop; a practice base a district or coordinates.
  form.addEventListener("submit", function (event) {
    var problem = null, message = "";
    if (typeChoice.value === "study_tour") {
      var named = Array.prototype.some.call(form.querySelectorAll("input[name=destination_name]"), function (input) {
        return input.value.trim() !== "";
      });
      if (!named) {
        problem = form.querySelector("input[name=destination_name]");
        message = form.dataset.stopMissing;
      }
    } else if (typeChoice.value === "practice_base") {
      var place = form.querySelector("#field-place");
      var lat = form.querySelector("#field-lat");
      if (!place.value && !lat.value.trim()) {
        problem = place;
        message = form.dataset.placeMissing;
      }
    }
    if (problem) {
      event.preventDefault();
      problem.setCustomValidity(message || "required");
      problem.reportValidity();
      problem.addEventListener("input", function clear() { problem.setCustomValidity(""); }, { once: true });
      problem.addEventListener("change", function clear() { problem.setCustomValidity(""); }, { once: true });
    }
  });

  // The practice base's pin: the district's seat to start with, then wherever it is dragged.
  var picker = form.querySelector(".location-picker");
  if (!picker || !window.L) return;
  var mapElement = picker.querySelector(".location-map");
  var place = picker.querySelector("#field-place");
  var lat = picker.querySelector("#field-lat");
  var lon = picker.querySelector("#field-lon");
  var map = L.map(mapElement, { scrollWheelZoom: false }).setView([30.2, 105.6], 6);
  if (window.catalogBaseLayer) window.catalogBaseLayer(map, mapElement);
  var pin = null;

  function putPin(latitude, longitude, zoom) {
    if (!pin) {
      pin = L.marker([latitude, longitude], { draggable: true, title: mapElement.getAttribute("aria-label") }).addTo(map);
      pin.on("dragend", function () {
        var point = pin.getLatLng();
        lat.value = point.lat.toFixed(5);
        lon.value = point.lng.toFixed(5);
      });
    } else {
      pin.setLatLng([latitude, longitude]);
    }
    map.setView([latitude, longitude], zoom || map.getZoom());
  }

  function typedPoint() {
    var latitude = parseFloat(lat.value), longitude = parseFloat(lon.value);
    return isFinite(latitude) && isFinite(longitude) ? [latitude, longitude] : null;
  }

  place.addEventListener("change", function () {
    var option = place.selectedOptions[0];
    if (!option || !option.dataset.lat) return;
    lat.value = option.dataset.lat;
    lon.value = option.dataset.lon;
    putPin(parseFloat(option.dataset.lat), parseFloat(option.dataset.lon), 11);
  });
  [lat, lon].forEach(function (input) {
    input.addEventListener("change", function () {
      var point = typedPoint();
      if (point) putPin(point[0], point[1], 11);
    });
  });
  map.on("click", function (event) {
    putPin(event.latlng.lat, event.latlng.lng);
    lat.value = event.latlng.lat.toFixed(5);
    lon.value = event.latlng.lng.toFixed(5);
  });
  var start = typedPoint();
  if (start) putPin(start[0], start[1], 11);
  // The map was laid out while its section may have been hidden.
  typeChoice.addEventListener("change", function () { map.invalidateSize(); });
})();
