/**
 * The module rules of docs/architecture.md, checked on the source itself, so a boundary broken
 * in a hurry fails `npm test` instead of waiting for a review:
 * - a module reaches another only through its `index.ts`, and the modules form no cycle;
 * - no module (nor the platform) imports the web layer, the demo seed or the composition root;
 * - the platform (`src/app`) imports no module;
 * - a module's SQL names only its own tables (each table belongs to the module whose migration
 *   creates it); foreign keys in migrations may still reference another module's rows;
 * - a use case takes plain data: outside `http/` folders no module file imports Fastify.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

interface SourceFile {
  /** Path from src/, e.g. `modules/cart/cart.ts`. */
  file: string;
  text: string;
  /** Owning module (`cart`), `app`, `web`, `demo`, or `root` for src/*.ts. */
  owner: string;
  isTest: boolean;
}

function listSources(): SourceFile[] {
  const found: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        const file = path.relative(SRC, full).split(path.sep).join('/');
        found.push({
          file,
          text: fs.readFileSync(full, 'utf8'),
          owner: ownerOf(file),
          isTest: /\.test\.ts$|test-support\.ts$|-fixtures\.ts$|testing\.ts$/.test(file),
        });
      }
    }
  };
  walk(SRC);
  return found;
}

function ownerOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'modules') return parts[1]!;
  return parts.length === 1 ? 'root' : parts[0]!;
}

/** Relative imports of a file, resolved to paths from src/ (imports leaving src/ are skipped). */
function importsOf(source: SourceFile): string[] {
  const specs = [...source.text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specs
    .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(source.file), spec)))
    .filter((target) => !target.startsWith('..'));
}

/** Table name → owning module, from every `create table` in each module's migrations. */
function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  const dirs: [string, string][] = [['app', path.join(SRC, 'app/db/migrations')]];
  for (const module of fs.readdirSync(path.join(SRC, 'modules')))
    dirs.push([module, path.join(SRC, 'modules', module, 'db/migrations')]);
  for (const [module, dir] of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      for (const m of sql.matchAll(/create table (?:if not exists )?([a-z_][a-z0-9_]*)/gi))
        owners.set(m[1]!.toLowerCase(), module);
    }
  }
  return owners;
}

/** Tables a file's template literals name in a FROM / JOIN / INTO / UPDATE / TABLE position. */
function tablesNamed(text: string): Set<string> {
  const named = new Set<string>();
  for (const literal of text.matchAll(/`[^`]*`/gs)) {
    for (const m of literal[0].matchAll(
      /\b(?:from|join|into|update|table|truncate)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi,
    ))
      named.add(m[1]!.toLowerCase());
  }
  return named;
}

/**
 * Boundaries broken when these checks were written, each to be mended: the test fails when one
 * is mended and still listed, so the list only shrinks.
 */
const KNOWN: string[] = [];

const sources = listSources();
const production = sources.filter((s) => !s.isTest);

function violations(): string[] {
  const found: string[] = [];
  for (const source of production) {
    for (const target of importsOf(source)) {
      const to = ownerOf(target);
      if (to === source.owner) continue;
      if (source.owner === 'app' && to !== 'app')
        found.push(`${source.file} imports ${target} (platform → ${to})`);
      const isModule = source.file.startsWith('modules/');
      if (isModule && ['web', 'demo', 'root'].includes(to))
        found.push(`${source.file} imports ${target} (a module importing ${to})`);
      if (
        target.startsWith('modules/') &&
        !/^modules\/[^/]+\/index\.ts$/.test(target) &&
        source.owner !== 'root'
      )
        found.push(`${source.file} imports ${target} (past ${to}'s index.ts)`);
    }
    if (
      source.file.startsWith('modules/') &&
      !source.file.includes('/http/') &&
      /from 'fastify'/.test(source.text)
    )
      found.push(`${source.file} imports fastify outside http/ (a use case taking a request or reply)`);
  }
  const owners = tableOwners();
  for (const source of production.filter((s) => s.file.startsWith('modules/'))) {
    for (const table of tablesNamed(source.text)) {
      const owner = owners.get(table);
      if (owner && owner !== source.owner && owner !== 'app')
        found.push(`${source.file} names table ${table} (owned by ${owner})`);
    }
  }
  return found;
}

/** Module → the modules its production files import. */
function moduleEdges(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const source of production.filter((s) => s.file.startsWith('modules/'))) {
    for (const target of importsOf(source)) {
      const to = ownerOf(target);
      if (target.startsWith('modules/') && to !== source.owner) {
        if (!edges.has(source.owner)) edges.set(source.owner, new Set());
        edges.get(source.owner)!.add(to);
      }
    }
  }
  return edges;
}

function moduleCycles(): string[] {
  const edges = moduleEdges();
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'visiting')
        cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('module boundaries', () => {
  it('are kept: imports through index.ts, no platform or module importing above itself, own tables only', () => {
    const found = violations();
    expect(found.filter((v) => !KNOWN.includes(v))).toEqual([]);
    expect(
      KNOWN.filter((v) => !found.includes(v)),
      'mended: remove these from KNOWN',
    ).toEqual([]);
  });

  it('form no import cycle between modules', () => {
    expect(moduleCycles()).toEqual([]);
  });

  it('are listed by the composition root bottom layer first, each after the modules it imports', async () => {
    // Privacy erases in the reverse of this order (a module before the ones it asks), so it must hold.
    const { lanternModules } = await import('../../src/lantern.ts');
    const position = new Map(lanternModules.map((m, i) => [m.name, i]));
    expect(fs.readdirSync(path.join(SRC, 'modules')).filter((m) => !position.has(m))).toEqual([]);
    const early: string[] = [];
    for (const [from, tos] of moduleEdges())
      for (const to of tos)
        if (position.get(to)! > position.get(from)!)
          early.push(`${from} is listed before ${to}, which it imports`);
    expect(early).toEqual([]);
  });

  it('finds a breach when there is one (the checks can fail)', () => {
    const fake: SourceFile = {
      file: 'modules/cart/x.ts',
      owner: 'cart',
      isTest: false,
      text: "import { a } from '../catalog/get-product-detail.ts';\nconst q = sql`select * from stock_levels s join products p on true`;",
    };
    expect(importsOf(fake)).toEqual(['modules/catalog/get-product-detail.ts']);
    expect([...tablesNamed(fake.text)].sort()).toEqual(['products', 'stock_levels']);
    expect(tableOwners().get('stock_levels')).toBe('inventory');
  });
});
