// Leaflet maps from data attributes. Tiles come from the configured server; with none (or none
// reachable) the markers still show on Leaflet's plain background.
(function () {
  "use strict";
  if (!window.L) return;
  var REGION_CENTRE = [30.2, 105.6];  // between Chengdu and Chongqing

  // Leaflet reads a string popup or tooltip as HTML, and labels are titles from the feeds:
  // always hand it a node whose text is set as text.
  function label(marker) {
    var text = document.createElement("span");
    text.textContent = marker.label;
    return text;
  }

  function popup(marker) {
    if (!marker.url) return label(marker);
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.label;
    return link;
  }

  document.querySelectorAll(".map[data-markers]").forEach(function (el) {
    var markers = JSON.parse(el.dataset.markers || "[]");
    var map = L.map(el, { scrollWheelZoom: false });
    map.createPane("origin").style.zIndex = 650;  // above the pins, which could hide it
    if (el.dataset.tileUrl) {
      L.tileLayer(el.dataset.tileUrl, { maxZoom: 18, attribution: el.dataset.attribution || "" }).addTo(map);
    }
    var points = markers.map(function (marker) {
      if (marker.origin) {  // the teacher's own place: a dot, so it never reads as a resource
        L.circleMarker([marker.lat, marker.lon], { pane: "origin", radius: 8, color: "#ffffff", weight: 2, fillColor: "#c2410c", fillOpacity: 1 })
          .bindTooltip(label(marker)).addTo(map);
      } else {
        L.marker([marker.lat, marker.lon], { title: marker.label, alt: marker.label })
          .bindPopup(popup(marker)).addTo(map);
      }
      return [marker.lat, marker.lon];
    });
    if (points.length === 1) {
      map.setView(points[0], 12);
    } else if (points.length > 1) {
      // Marker pins stand 41 px above their point: leave room at the top.
      map.fitBounds(points, { paddingTopLeft: [24, 48], paddingBottomRight: [24, 16], maxZoom: 12 });
    } else {
      map.setView(REGION_CENTRE, 6);
    }
  });
})();
