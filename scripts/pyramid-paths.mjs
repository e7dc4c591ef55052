/**
 * Every tile path of a level-0 pyramid with ceil rounding, written out again from the IIIF rules rather
 * than imported from src/shared/pyramid.ts, so a measurement checks the bundle independently.
 */
export function expectedTilePaths(image, tileSize) {
  const paths = [];
  for (let s = 1; ; s *= 2) {
    const levelWidth = Math.ceil(image.width / s);
    const levelHeight = Math.ceil(image.height / s);
    const span = tileSize * s;
    for (let row = 0; row * tileSize < levelHeight; row++) {
      for (let col = 0; col * tileSize < levelWidth; col++) {
        const [x, y] = [col * span, row * span];
        const region = `${x},${y},${Math.min(span, image.width - x)},${Math.min(span, image.height - y)}`;
        const size = `${Math.min(tileSize, levelWidth - col * tileSize)},${Math.min(tileSize, levelHeight - row * tileSize)}`;
        paths.push(`${region}/${size}/0/default.jpg`);
      }
    }
    if (levelWidth <= tileSize && levelHeight <= tileSize) return paths;
  }
}

/** The bottom-right tile at full resolution: the last pixels a top-to-bottom loader reaches. */
export function lastTilePath(image, tileSize) {
  const x = Math.floor((image.width - 1) / tileSize) * tileSize;
  const y = Math.floor((image.height - 1) / tileSize) * tileSize;
  const [w, h] = [image.width - x, image.height - y];
  return `${x},${y},${w},${h}/${w},${h}/0/default.jpg`;
}
