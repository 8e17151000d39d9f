// Turns a TopoJSON topology into GeoJSON features: undo the quantised delta encoding of arcs,
// then stitch each ring from its arcs (a negative index means the arc reversed).
(function () {
  function decodeArcs(topology) {
    var t = topology.transform;
    return topology.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) {
        x += p[0]; y += p[1];
        return t ? [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] : [p[0], p[1]];
      });
    });
  }
  // A ring that crosses the antimeridian jumps from +180 to -180; drawn as is it becomes a band
  // across the whole world. Shifting the rest of the ring by 360 degrees keeps it continuous.
  function unwrap(points) {
    var out = [], offset = 0;
    points.forEach(function (p, n) {
      if (n > 0) {
        var jump = p[0] - points[n - 1][0];
        if (jump > 180) offset -= 360;
        else if (jump < -180) offset += 360;
      }
      out.push([p[0] + offset, p[1]]);
    });
    return out;
  }
  function ring(indexes, arcs) {
    var out = [];
    indexes.forEach(function (i, n) {
      var arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      out = out.concat(n === 0 ? arc : arc.slice(1));
    });
    return unwrap(out);
  }
  window.topologyToFeatures = function (topology, objectName) {
    var arcs = decodeArcs(topology);
    return topology.objects[objectName].geometries.map(function (g) {
      var coords = g.type === 'Polygon'
        ? g.arcs.map(function (r) { return ring(r, arcs); })
        : g.type === 'MultiPolygon'
          ? g.arcs.map(function (poly) { return poly.map(function (r) { return ring(r, arcs); }); })
          : null;
      return { type: 'Feature', properties: g.properties || {}, geometry: coords ? { type: g.type, coordinates: coords } : null };
    }).filter(function (f) { return f.geometry; });
  };
})();
