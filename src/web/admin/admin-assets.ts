/**
 * The console's own stylesheet and script, served under /admin/assets/ with a content hash in the
 * name so browsers may keep them forever: a change makes a new URL.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

interface Asset {
  url: string;
  contentType: string;
  bytes: Buffer;
}

function loadAsset(file: string, contentType: string): Asset {
  const bytes = readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const dot = file.lastIndexOf('.');
  return { url: `/admin/assets/${file.slice(0, dot)}.${hash}${file.slice(dot)}`, contentType, bytes };
}

const ASSETS = {
  css: loadAsset('admin.css', 'text/css; charset=utf-8'),
  js: loadAsset('admin.js', 'text/javascript; charset=utf-8'),
};

/** The hashed URLs the layout links to. */
export const ADMIN_ASSET_URLS = { css: ASSETS.css.url, js: ASSETS.js.url };

const byUrl = new Map(Object.values(ASSETS).map((asset) => [asset.url, asset]));

/** GET /admin/assets/:file, immutable for a year. */
export async function adminAssetRoutes(app: FastifyInstance) {
  app.get(
    '/admin/assets/:file',
    {
      schema: {
        hide: true,
        tags: ['admin console'],
        summary: 'Admin console stylesheet and script (content-hashed)',
        params: z.object({ file: z.string().max(100) }),
      },
    },
    async (request, reply) => {
      const asset = byUrl.get(request.url.split('?')[0]!);
      if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .type(asset.contentType)
        .send(asset.bytes);
    },
  );
}
