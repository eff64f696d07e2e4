/**
 * Approximate country centroids (degrees) for the impossible-travel rule: Japan and the countries
 * most Japanese subscribers travel to or that attack traffic commonly appears from. A centroid is
 * a coarse stand-in for "somewhere in that country", which is why the rule also requires a large
 * minimum distance and allows slack time. Countries not listed are skipped, never guessed.
 */
const CENTROIDS: Readonly<Record<string, readonly [lat: number, lon: number]>> = {
  JP: [36.2, 138.3],
  KR: [36.5, 127.9],
  CN: [35.9, 104.2],
  TW: [23.7, 121.0],
  HK: [22.3, 114.2],
  MO: [22.2, 113.5],
  PH: [12.9, 121.8],
  VN: [14.1, 108.3],
  TH: [15.9, 101.0],
  KH: [12.6, 105.0],
  MM: [21.9, 96.0],
  SG: [1.35, 103.8],
  MY: [4.2, 102.0],
  ID: [-0.8, 113.9],
  IN: [20.6, 79.0],
  AU: [-25.3, 133.8],
  NZ: [-40.9, 174.9],
  GU: [13.4, 144.8],
  US: [39.8, -98.6],
  CA: [56.1, -106.3],
  MX: [23.6, -102.6],
  BR: [-14.2, -51.9],
  GB: [55.4, -3.4],
  FR: [46.2, 2.2],
  DE: [51.2, 10.5],
  IT: [41.9, 12.6],
  ES: [40.5, -3.7],
  NL: [52.1, 5.3],
  PL: [51.9, 19.1],
  UA: [48.4, 31.2],
  RU: [61.5, 105.3],
  TR: [39.0, 35.2],
  AE: [23.4, 53.8],
  NG: [9.1, 8.7],
  ZA: [-30.6, 22.9],
};

/** Great-circle distance in km between two countries' centroids, or null when either is unknown. */
export function countryDistanceKm(a: string, b: string): number | null {
  if (a === b) return 0;
  const p = CENTROIDS[a];
  const q = CENTROIDS[b];
  if (!p || !q) return null;
  const rad = Math.PI / 180;
  const dLat = (q[0] - p[0]) * rad;
  const dLon = (q[1] - p[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(p[0] * rad) * Math.cos(q[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
