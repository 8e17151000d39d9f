// The page side of MapBridge. Java calls window.roomhubMap.*; the page calls window.javaBridge.*.
// Sections: base map · bridge · pins · route · view · API. Each pin's look is built in pinHtml and
// pinHover alone, so styling (an "offline owner" class, say) is a change in one place.
(function () {
  // ---- base map: offline Natural Earth countries; a tile layer is optional ----------------
  var map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 16, zoomControl: true, attributionControl: true })
    .setView([30, 10], 2);
  map.attributionControl.setPrefix('Leaflet');
  L.geoJSON({ type: 'FeatureCollection', features: topologyToFeatures(window.WORLD_TOPO, 'countries') }, {
    style: { color: '#94a3b8', weight: 0.8, fillColor: '#f8fafc', fillOpacity: 1 },
    attribution: 'Natural Earth'
  }).addTo(map);
  var tiles = null;

  // ---- bridge: calls into Java, errors forwarded ------------------------------------------
  function bridge() { return window.javaBridge; }
  function report(e) { if (bridge()) { bridge().error(String(e)); } }
  window.onerror = function (msg, src, line) { report(msg + ' at ' + src + ':' + line); };
  function wrapLng(lng) { return L.Util.wrapNum(lng, [-180, 180], true); }
  function esc(text) {
    return String(text == null ? '' : text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  map.on('click', function (e) {
    if (bridge()) { bridge().mapClicked(e.latlng.lat, wrapLng(e.latlng.lng)); }
  });

  // ---- pins: a dot with its label; mine can be dragged; hover tells owner and note -------
  var pins = {};      // pinId -> L.marker
  var pinData = {};   // pinId -> last JSON object from Java

  function pinClasses(p) {
    return 'pin-icon' + (p.mine ? ' pin-mine' : ' pin-theirs') + (p.offline ? ' pin-offline' : '');
  }

  function pinHtml(p) {
    // An offline owner's pin: grey fill, dashed rim in the owner's colour, faded.
    var style = p.offline
      ? 'opacity:0.75;border:2px dashed ' + esc(p.color) + ';background:#cbd5e1'
      : 'background:' + esc(p.color);
    return '<div class="pin-dot" style="' + style + '"></div>' +
      '<span class="pin-label">' + esc(p.label) + '</span>';
  }

  function pinHover(p) {
    return '<b>' + esc(p.label) + '</b><br><span class="pin-owner">by ' + esc(p.owner) + (p.mine ? ' (you)' : '') + (p.offline ? ' (offline)' : '') + '</span>' +
      (p.note ? '<div class="pin-note">' + esc(p.note) + '</div>' : '');
  }

  function pinIcon(p) {
    return L.divIcon({ className: pinClasses(p), iconSize: [18, 18], iconAnchor: [9, 9], html: pinHtml(p) });
  }

  function setPin(p) {
    var ll = [p.lat, p.lng];
    var m = pins[p.pinId];
    if (!m) {
      m = L.marker(ll, { icon: pinIcon(p), draggable: !!p.mine, autoPan: true }).addTo(map);
      m.bindTooltip(pinHover(p), { direction: 'top', offset: [0, -10], className: 'pin-hover' });
      m.on('dragend', function () {
        var at = m.getLatLng();
        if (bridge()) { bridge().pinDragged(p.pinId, at.lat, wrapLng(at.lng)); }
      });
      m.on('click', function () { if (bridge()) { bridge().pinClicked(p.pinId); } });
      pins[p.pinId] = m;
    } else {
      m.setLatLng(ll);
      m.setIcon(pinIcon(p));
      m.setTooltipContent(pinHover(p));
      if (m.dragging) { if (p.mine) { m.dragging.enable(); } else { m.dragging.disable(); } }
    }
    m.roomhubOffline = !!p.offline;
    pinData[p.pinId] = p;
  }

  function removePin(pinId) {
    if (pins[pinId]) { map.removeLayer(pins[pinId]); delete pins[pinId]; delete pinData[pinId]; }
  }

  // ---- route: waypoints joined in order, the meeting point, a line from every pin to it ---
  var routeLayer = L.layerGroup().addTo(map);

  function setRoute(r) {
    routeLayer.clearLayers();
    var pts = r.waypoints.map(function (w) { return [w.lat, w.lng]; });
    if (pts.length > 1) { L.polyline(pts, { color: '#7c3aed', weight: 3, dashArray: '6 4' }).addTo(routeLayer); }
    r.waypoints.forEach(function (w, i) {
      L.circleMarker([w.lat, w.lng], { radius: 5, color: '#7c3aed', fillColor: '#ede9fe', fillOpacity: 1 })
        .bindTooltip(esc((i + 1) + (w.label ? ' ' + w.label : '')), { permanent: true, direction: 'bottom', offset: [0, 4], className: 'stop-label' })
        .addTo(routeLayer);
    });
    if (r.meeting) {
      r.lines.forEach(function (l) {
        L.polyline([[l.lat, l.lng], [r.meeting.lat, r.meeting.lng]], { color: l.color, weight: 1.5, opacity: 0.6 }).addTo(routeLayer);
      });
      L.circleMarker([r.meeting.lat, r.meeting.lng], { radius: 8, color: '#0f172a', fillColor: '#fbbf24', fillOpacity: 1, weight: 2 })
        .bindTooltip('meeting point', { permanent: true, direction: 'left', offset: [-8, 0], className: 'meet-label' }).addTo(routeLayer);
    }
  }

  // ---- view: fit, fly to, and tell Java where the map looks (it remembers) ---------------
  function hasSize() {
    var size = map.invalidateSize().getSize();
    return size.x > 0 && size.y > 0;
  }

  map.on('moveend', function () {
    var c = map.getCenter();
    if (bridge() && hasSize()) { bridge().viewChanged(c.lat, wrapLng(c.lng), map.getZoom()); }
  });

  function fitPins() {
    var ids = Object.keys(pins);
    if (!hasSize() || ids.length === 0) { return false; }
    var b = L.latLngBounds(ids.map(function (id) { return pins[id].getLatLng(); }));
    map.fitBounds(b.pad(0.3), { maxZoom: 6 });
    return true;
  }

  function flyTo(pinId) {
    var m = pins[pinId];
    if (!m || !hasSize()) { return false; }
    map.setView(m.getLatLng(), Math.max(map.getZoom(), 9), { animate: true });
    m.openTooltip();
    return true;
  }

  // ---- API: what MapBridge calls ------------------------------------------------------------
  function guarded(fn) {
    return function (arg) { try { return fn(arg); } catch (e) { report(e); return false; } };
  }

  window.roomhubMap = {
    setPin: guarded(function (json) { setPin(JSON.parse(json)); }),
    removePin: guarded(removePin),
    setRoute: guarded(function (json) { setRoute(JSON.parse(json)); }),
    setTiles: guarded(function (url) {
      if (tiles) { map.removeLayer(tiles); tiles = null; }
      if (url) { tiles = L.tileLayer(url, { maxZoom: 19 }).addTo(map); }
    }),
    fitPins: guarded(fitPins),
    flyTo: guarded(flyTo),
    setView: guarded(function (json) {
      var v = JSON.parse(json);
      if (!hasSize()) { return false; }
      map.setView([v.lat, v.lng], v.zoom, { animate: false });
      return true;
    }),
    view: function () { var c = map.getCenter(); return c.lat + ',' + c.lng + ',' + map.getZoom(); },
    pinIds: function () { return Object.keys(pins).sort().join(','); },
    offlinePinIds: function () {
      return Object.keys(pins).filter(function (id) { return pins[id].roomhubOffline; }).sort().join(',');
    },
    pinPosition: function (pinId) { var m = pins[pinId]; return m ? m.getLatLng().lat + ',' + m.getLatLng().lng : ''; },
    pinPoint: function (pinId) {
      var m = pins[pinId];
      if (!m) { return ''; }
      var pt = map.latLngToContainerPoint(m.getLatLng());
      return pt.x + ',' + pt.y;
    },
    pinHoverText: function (pinId) { var p = pinData[pinId]; return p ? pinHover(p) : ''; },
    pinDraggable: function (pinId) { var m = pins[pinId]; return !!(m && m.dragging && m.dragging.enabled()); },
    invalidate: function () { map.invalidateSize(); }
  };
  // Java may have installed the bridge before this script ran (see MapView).
  if (bridge()) { bridge().ready(); }
})();
