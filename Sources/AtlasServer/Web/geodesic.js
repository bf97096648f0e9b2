// Geodesic circles on the WGS84 ellipsoid: the points at a given distance from a centre,
// by Vincenty's direct formula (the server measures radii with WGS84 geodesics, so the drawn
// circle is the boundary the server answers for; L.circle's planar radius in projected metres
// is not).
"use strict";
const Geodesic = (() => {
  const a = 6378137, f = 1 / 298.257223563, b = a * (1 - f);
  const rad = Math.PI / 180;

  // [lat, lon] in degrees of the point `distance` metres from (lat, lon) at `azimuth` degrees.
  function destination(lat, lon, azimuth, distance) {
    const alpha1 = azimuth * rad, sinAlpha1 = Math.sin(alpha1), cosAlpha1 = Math.cos(alpha1);
    const tanU1 = (1 - f) * Math.tan(lat * rad), cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1), sinU1 = tanU1 * cosU1;
    const sigma1 = Math.atan2(tanU1, cosAlpha1);
    const sinAlpha = cosU1 * sinAlpha1, cosSqAlpha = 1 - sinAlpha * sinAlpha;
    const uSq = cosSqAlpha * (a * a - b * b) / (b * b);
    const A = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
    const B = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
    let sigma = distance / (b * A), sigmaP, cos2SigmaM, sinSigma, cosSigma;
    for (let i = 0; i < 200; i++) {
      cos2SigmaM = Math.cos(2 * sigma1 + sigma); sinSigma = Math.sin(sigma); cosSigma = Math.cos(sigma);
      const deltaSigma = B * sinSigma * (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
        - B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
      sigmaP = sigma; sigma = distance / (b * A) + deltaSigma;
      if (Math.abs(sigma - sigmaP) < 1e-12) break;
    }
    const tmp = sinU1 * sinSigma - cosU1 * cosSigma * cosAlpha1;
    const lat2 = Math.atan2(sinU1 * cosSigma + cosU1 * sinSigma * cosAlpha1, (1 - f) * Math.sqrt(sinAlpha * sinAlpha + tmp * tmp));
    const lambda = Math.atan2(sinSigma * sinAlpha1, cosU1 * cosSigma - sinU1 * sinSigma * cosAlpha1);
    const C = f / 16 * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha));
    const L = lambda - (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    return [lat2 / rad, ((lon + L / rad + 540) % 360) - 180];
  }

  // The circle as a ring of `steps` [lat, lon] points (Leaflet order), for L.polygon.
  function circle(lat, lon, radiusMeters, steps = 180) {
    const ring = [];
    for (let i = 0; i < steps; i++) ring.push(destination(lat, lon, 360 * i / steps, radiusMeters));
    return ring;
  }

  return { destination, circle };
})();
