import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertPostgresUserCanReach, firstClosedDirectory } from './embedded-postgres.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-reach-'));
fs.chmodSync(root, 0o755);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A directory tree under `root` whose `closed` part has mode 700 and belongs to this process. */
function tree(name: string): { closed: string; inside: string } {
  const closed = path.join(root, name);
  const inside = path.join(closed, 'project', 'bin');
  fs.mkdirSync(inside, { recursive: true });
  fs.chmodSync(closed, 0o700);
  return { closed, inside };
}

const stranger = { uid: -1, gids: [] };

describe('firstClosedDirectory', () => {
  it('names the first directory on the way that the user may not enter', () => {
    const { closed, inside } = tree('home-a');
    expect(firstClosedDirectory(inside, stranger)).toBe(closed);
    expect(firstClosedDirectory(root, stranger)).toBeUndefined();
  });

  it('lets the owner in, and a member of the group when the group may enter', () => {
    const { closed, inside } = tree('home-b');
    const stat = fs.statSync(closed);
    expect(firstClosedDirectory(inside, { uid: stat.uid, gids: [] })).toBeUndefined();
    fs.chmodSync(closed, 0o710);
    expect(firstClosedDirectory(inside, { uid: -1, gids: [stat.gid] })).toBeUndefined();
    expect(firstClosedDirectory(inside, stranger)).toBe(closed);
  });

  it('stops at a directory that does not exist yet (it is created later, open)', () => {
    expect(firstClosedDirectory(path.join(root, 'not-yet', 'data'), stranger)).toBeUndefined();
  });
});

describe('assertPostgresUserCanReach', () => {
  it('says in one line which directory the postgres user cannot enter and what to do', () => {
    const { closed, inside } = tree('home-c');
    expect(() => assertPostgresUserCanReach(inside, root)).toThrow(
      `the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${closed} (mode 700): ` +
        'set LANTERN_DATA_DIR to a directory it can enter (for example /var/lib/lantern), start Lantern ' +
        'as a user other than root, or set DATABASE_URL.',
    );
    // Binaries out of reach (the project itself in a closed home): moving the data does not help.
    expect(() => assertPostgresUserCanReach(root, inside)).toThrow(
      /cannot enter .*home-c \(mode 700\): move Lantern to a directory it can enter \(for example \/srv\/lantern\)/,
    );
    expect(() => assertPostgresUserCanReach(root, root)).not.toThrow();
  });
});
