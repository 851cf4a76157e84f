// Draws Keel's icons from one description of the mark (the favicon's boat on a blue tile): icon.svg, the
// 1024 px icon.png electron-builder turns into .icns/.ico, the Linux sizes in png/, and the tray icons with
// a status dot (tray-<state>.png and @2x). No image library is needed: shapes are rasterised with 4x4
// supersampling and written as PNG with zlib. Run `node resources/icons/generate.mjs` after changing the mark.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The mark, in a 32-unit square (the favicon's viewBox). */
const MARK = [
  { shape: 'roundRect', x: 0, y: 0, w: 32, h: 32, r: 7, fill: '#1f5fbf' },
  { shape: 'polygon', points: [[7, 21], [25, 21], [22, 26], [10, 26]], fill: '#ffffff' },
  { shape: 'polygon', points: [[15, 6], [17, 6], [17, 19], [15, 19]], fill: '#ffffff' },
  { shape: 'polygon', points: [[17, 8], [23, 17], [17, 17]], fill: '#cfe0ff' },
];

/** Tray states: the mark alone when all is well, with a dot (cut out of the tile by a clear ring) otherwise. */
const TRAY_DOTS = { ok: null, attention: '#f59e0b', paused: '#8b95a1', down: '#dc2626' };

function statusDot(color) {
  return [
    { shape: 'circle', cx: 25, cy: 25, r: 8, fill: 'clear' },
    { shape: 'circle', cx: 25, cy: 25, r: 6.25, fill: color },
  ];
}

function inside(s, x, y) {
  switch (s.shape) {
    case 'circle':
      return (x - s.cx) ** 2 + (y - s.cy) ** 2 <= s.r ** 2;
    case 'roundRect': {
      if (x < s.x || y < s.y || x > s.x + s.w || y > s.y + s.h) return false;
      const cx = Math.min(Math.max(x, s.x + s.r), s.x + s.w - s.r);
      const cy = Math.min(Math.max(y, s.y + s.r), s.y + s.h - s.r);
      return (x - cx) ** 2 + (y - cy) ** 2 <= s.r ** 2;
    }
    case 'polygon': {
      let odd = false;
      for (let i = 0, j = s.points.length - 1; i < s.points.length; j = i++) {
        const [xi, yi] = s.points[i];
        const [xj, yj] = s.points[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
      }
      return odd;
    }
    default:
      throw new Error(`unknown shape ${s.shape}`);
  }
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** RGBA pixels of `shapes` drawn at `size` px, premultiplied while compositing, straight alpha out. */
function rasterise(shapes, size) {
  const SUB = 4;
  const pixels = Buffer.alloc(size * size * 4);
  const scale = 32 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const s of shapes) {
        let hits = 0;
        for (let sy = 0; sy < SUB; sy++) {
          for (let sx = 0; sx < SUB; sx++) {
            if (inside(s, (px + (sx + 0.5) / SUB) * scale, (py + (sy + 0.5) / SUB) * scale)) hits++;
          }
        }
        const cover = hits / (SUB * SUB);
        if (cover === 0) continue;
        if (s.fill === 'clear') {
          [r, g, b, a] = [r, g, b, a].map((v) => v * (1 - cover));
          continue;
        }
        const [sr, sg, sb] = rgb(s.fill);
        r = sr * cover + r * (1 - cover);
        g = sg * cover + g * (1 - cover);
        b = sb * cover + b * (1 - cover);
        a = 255 * cover + a * (1 - cover);
      }
      const o = (py * size + px) * 4;
      const unpremultiply = a > 0 ? 255 / a : 0;
      pixels[o] = Math.round(r * unpremultiply);
      pixels[o + 1] = Math.round(g * unpremultiply);
      pixels[o + 2] = Math.round(b * unpremultiply);
      pixels[o + 3] = Math.round(a);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(pixels, size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg(shapes) {
  const body = shapes.map((s) => {
    if (s.shape === 'roundRect') return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`;
    if (s.shape === 'circle') return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`;
    return `<path d="M${s.points.map(([x, y]) => `${x} ${y}`).join('L')}z" fill="${s.fill}"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${body.join('')}</svg>\n`;
}

function write(relative, data) {
  const file = path.join(here, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
  console.log(`wrote resources/icons/${relative}`);
}

write('icon.svg', svg(MARK));
write('icon.png', png(rasterise(MARK, 1024), 1024));
for (const size of [16, 32, 48, 64, 128, 256, 512]) write(`png/${size}x${size}.png`, png(rasterise(MARK, size), size));
for (const [state, color] of Object.entries(TRAY_DOTS)) {
  const shapes = color ? [...MARK, ...statusDot(color)] : MARK;
  write(`tray-${state}.png`, png(rasterise(shapes, 16), 16));
  write(`tray-${state}@2x.png`, png(rasterise(shapes, 32), 32));
}
