// The page side of MapBridge. Java calls window.roomhubMap.*; the page calls window.javaBridge.*.
(function () {
  var map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomControl: true, attributionControl: true })
    .setView([30, 10], 2);
  map.attributionControl.setPrefix('Leaflet');
  L.geoJSON({ type: 'FeatureCollection', features: topologyToFeatures(window.WORLD_TOPO, 'countries') }, {
    style: { color: '#94a3b8', weight: 0.8, fillColor: '#f8fafc', fillOpacity: 1 },
    attribution: 'Natural Earth'
  }).addTo(map);

  var tiles = null;
  var pins = {};
  var routeLayer = L.layerGroup().addTo(map);

  function bridge() { return window.javaBridge; }
  function report(e) { if (bridge()) { bridge().error(String(e)); } }
  window.onerror = function (msg, src, line) { report(msg + ' at ' + src + ':' + line); };

  map.on('click', function (e) {
    if (bridge()) { bridge().mapClicked(e.latlng.lat, L.Util.wrapNum(e.latlng.lng, [-180, 180], true)); }
  });

  function dot(color, offline) {
    // An offline owner's pin: grey fill, dashed rim in the owner's colour, faded.
    var style = offline
      ? 'opacity:0.75;border:2px dashed ' + color + ';background:#cbd5e1'
      : 'border:2px solid white;box-shadow:0 0 2px #000;background:' + color;
    return L.divIcon({ className: offline ? 'pin-offline' : '', iconSize: [18, 18], iconAnchor: [9, 9],
      html: '<div style="width:14px;height:14px;border-radius:50%;' + style + '"></div>' });
  }

  window.roomhubMap = {
    setPin: function (json) {
      try {
        var p = JSON.parse(json);
        var ll = [p.lat, p.lng];
        var m = pins[p.pinId];
        if (!m) {
          m = L.marker(ll, { icon: dot(p.color, p.offline) }).addTo(map);
          m.bindTooltip(p.label, { permanent: true, direction: 'right', offset: [10, 0], className: 'pin-label' });
          pins[p.pinId] = m;
        } else {
          m.setLatLng(ll);
          m.setIcon(dot(p.color, p.offline));
          m.setTooltipContent(p.label);
        }
        m.roomhubOffline = !!p.offline;
      } catch (e) { report(e); }
    },
    removePin: function (pinId) {
      if (pins[pinId]) { map.removeLayer(pins[pinId]); delete pins[pinId]; }
    },
    setRoute: function (json) {
      try {
        var r = JSON.parse(json);
        routeLayer.clearLayers();
        var pts = r.waypoints.map(function (w) { return [w.lat, w.lng]; });
        if (pts.length > 1) { L.polyline(pts, { color: '#7c3aed', weight: 3, dashArray: '6 4' }).addTo(routeLayer); }
        r.waypoints.forEach(function (w, i) {
          L.circleMarker([w.lat, w.lng], { radius: 5, color: '#7c3aed', fillColor: '#ede9fe', fillOpacity: 1 })
            .bindTooltip((i + 1) + (w.label ? ' ' + w.label : ''), { permanent: true, direction: 'top', className: 'pin-label' })
            .addTo(routeLayer);
        });
        if (r.meeting) {
          L.circleMarker([r.meeting.lat, r.meeting.lng], { radius: 8, color: '#0f172a', fillColor: '#fbbf24', fillOpacity: 1, weight: 2 })
            .bindTooltip('meeting point', { permanent: true, direction: 'left', offset: [-8, 0], className: 'meet-label' }).addTo(routeLayer);
          r.lines.forEach(function (l) {
            L.polyline([[l.lat, l.lng], [r.meeting.lat, r.meeting.lng]], { color: l.color, weight: 1.5, opacity: 0.7 }).addTo(routeLayer);
          });
        }
      } catch (e) { report(e); }
    },
    setTiles: function (url) {
      if (tiles) { map.removeLayer(tiles); tiles = null; }
      if (url) { tiles = L.tileLayer(url, { maxZoom: 19 }).addTo(map); }
    },
    fitPins: function () {
      var size = map.invalidateSize().getSize();
      var ids = Object.keys(pins);
      if (size.x === 0 || size.y === 0 || ids.length === 0) { return false; }
      var b = L.latLngBounds(ids.map(function (id) { return pins[id].getLatLng(); }));
      map.fitBounds(b.pad(0.4), { maxZoom: 5 });
      return true;
    },
    pinIds: function () { return Object.keys(pins).sort().join(','); },
    offlinePinIds: function () {
      return Object.keys(pins).filter(function (id) { return pins[id].roomhubOffline; }).sort().join(',');
    },
    invalidate: function () { map.invalidateSize(); }
  };
  // Java may have installed the bridge before this script ran (see MapView).
  if (bridge()) { bridge().ready(); }
})();
