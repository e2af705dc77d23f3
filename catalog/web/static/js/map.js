// Leaflet maps from data attributes, on the shared base layer (base_layer.js: tiles, or district
// outlines when no tile server is configured). Pins that overlap are clustered.
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
    map.createPane("clusters").style.zIndex = 660;  // a count on the origin must stay readable
    if (window.catalogBaseLayer) window.catalogBaseLayer(map, el);
    // Stops and bases in one town share a district seat: a cluster that opens on click.
    var pins = L.markerClusterGroup
      ? L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, clusterPane: "clusters" })
      : L.layerGroup();
    var points = markers.map(function (marker) {
      if (marker.origin) {  // the teacher's own place: a dot, so it never reads as a resource
        L.circleMarker([marker.lat, marker.lon], { pane: "origin", radius: 8, color: "#ffffff", weight: 2, fillColor: "#c2410c", fillOpacity: 1 })
          .bindTooltip(label(marker)).addTo(map);
      } else {
        L.marker([marker.lat, marker.lon], { title: marker.label, alt: marker.label })
          .bindPopup(popup(marker)).addTo(pins);
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
    pins.addTo(map);  // after the view is set: the clusters are computed for its zoom
  });
})();
