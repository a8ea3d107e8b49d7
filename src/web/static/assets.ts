/**
 * Static assets of the storefront (stylesheet, small ES modules, favicon), read once at start-up
 * and served under `/assets/<name>.<hash>.<ext>`: the hash changes with the content, so browsers
 * may keep each file for a year (`immutable`). Brotli and gzip copies are made up front.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const HERE = import.meta.dirname;

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The files we serve, by logical name (relative to this folder). */
export const ASSET_NAMES = [
  'app.css',
  'favicon.svg',
  'js/search-suggest.js',
  'js/variant-picker.js',
  'js/add-to-cart.js',
  'js/checkout.js',
  'js/beacon.js',
] as const;
export type AssetName = (typeof ASSET_NAMES)[number];

interface Asset {
  url: string;
  type: string;
  body: Buffer;
  br: Buffer;
  gzip: Buffer;
}

function loadAsset(name: string): Asset {
  const body = readFileSync(path.join(HERE, name));
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 10).replace(/[-_]/g, 'x');
  const ext = path.extname(name);
  const base = name.slice(0, -ext.length).replace(/\//g, '-');
  return {
    url: `/assets/${base}.${hash}${ext}`,
    type: TYPES[ext] ?? 'application/octet-stream',
    body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(body, { level: 9 }),
  };
}

const assets = new Map<AssetName, Asset>(ASSET_NAMES.map((name) => [name, loadAsset(name)]));
const byUrl = new Map<string, Asset>([...assets.values()].map((a) => [a.url, a]));

/** The content-hashed URL of an asset, e.g. `/assets/app.3fa9c0d1e2.css`. */
export function assetUrl(name: AssetName): string {
  return assets.get(name)!.url;
}

/** Sends `body` compressed with brotli or gzip when the client accepts it. */
export function sendCompressed(
  request: FastifyRequest,
  reply: FastifyReply,
  variants: { body: Buffer; br?: Buffer; gzip?: Buffer },
) {
  const accept = String(request.headers['accept-encoding'] ?? '');
  if (!reply.hasHeader('vary')) reply.header('vary', 'accept-encoding');
  if (variants.br && /\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(variants.br);
  if (variants.gzip && /\bgzip\b/.test(accept))
    return reply.header('content-encoding', 'gzip').send(variants.gzip);
  return reply.send(variants.body);
}

/** Registers `GET /assets/:file`; unknown or stale names are 404. */
export async function assetRoutes(app: FastifyInstance) {
  app.get('/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const asset = byUrl.get(request.url.split('?')[0]!);
    if (!asset) return reply.code(404).type('text/plain').send('Not found');
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    reply.type(asset.type);
    return sendCompressed(request, reply, asset);
  });
  // Browsers ask for /favicon.ico on their own; point them at the hashed SVG.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.redirect(assetUrl('favicon.svg'), 301),
  );
}
