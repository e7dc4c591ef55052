import { netpbm, opjCompress, pattern, wrapJp2 } from './jp2-fixtures';

export interface Jp2Kind {
  name: string;
  bytes: Uint8Array;
  /** How opj_decompress must be told what it reads (see opjReference). */
  extension: 'jp2' | 'j2k';
}

/** RGB → full-range BT.601 YCbCr, what an sYCC JP2 holds. */
export function toYcc(rgb: Buffer): Buffer {
  const out = Buffer.alloc(rgb.length);
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
    out[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    out[i + 1] = Math.max(0, Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)));
    out[i + 2] = Math.max(0, Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)));
  }
  return out;
}

/** One JPEG 2000 of each main kind, for the browser suites (the Node suites test more). */
export function browserJp2Kinds(width = 640, height = 480): Jp2Kind[] {
  const rgb = netpbm('kinds-rgb', width, height, 3, 8, pattern(width, height, 3));
  const ycc = netpbm('kinds-ycc', width, height, 3, 8, toYcc(pattern(width, height, 3)));
  return [
    { name: 'lossy-tiled.jp2', extension: 'jp2', bytes: opjCompress(rgb, 'k1.jp2', ['-r', '20,10', '-t', '256,256']) },
    {
      name: 'grey-16bit.jp2',
      extension: 'jp2',
      bytes: opjCompress(netpbm('kinds-g16', width, height, 1, 16, pattern(width, height, 1, 16)), 'k2.jp2', []),
    },
    {
      name: 'rgba.jp2',
      extension: 'jp2',
      bytes: opjCompress(netpbm('kinds-rgba', width, height, 4, 8, pattern(width, height, 4)), 'k3.jp2', [
        '-t',
        '300,200',
      ]),
    },
    {
      name: 'sycc.jp2',
      extension: 'jp2',
      bytes: wrapJp2(opjCompress(ycc, 'k4.j2k', ['-mct', '0']), {
        colour: { enumerated: 18 },
        capture: { x: 11811, y: 11811 },
      }),
    },
    {
      name: 'offset-codestream.j2k',
      extension: 'j2k',
      bytes: opjCompress(rgb, 'k5.j2k', ['-t', '300,200', '-d', '37,11', '-T', '5,3']),
    },
  ];
}
