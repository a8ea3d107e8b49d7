/**
 * Trained models in PostgreSQL (`recommendation_models`): each save adds a new version of a named
 * model with its packed arrays and the item keys its dense indices stand for, so serving can
 * reload the latest version after a restart.
 */
import type { Db } from '../../../app/database.ts';
import { packSnapshot, unpackSnapshot } from './model-codec.ts';
import type { Recommender } from './recommender.ts';
import { restoreModel } from './restore-model.ts';

/** A model loaded from the database, with the key of each item index. */
export interface StoredModel {
  name: string;
  version: number;
  trainedAt: Date;
  model: Recommender;
  itemKeys: string[];
}

/** Saves a model as the next version of `name`; returns that version. */
export async function saveModel(
  db: Db,
  name: string,
  model: Recommender,
  itemKeys: readonly string[],
  trainedAt = new Date(),
): Promise<number> {
  if (itemKeys.length !== model.itemCount) throw new Error('one item key per item index is required');
  const snapshot = model.snapshot();
  const data = packSnapshot(snapshot);
  const [row] = await db<{ version: number }[]>`
    insert into recommendation_models (name, version, kind, trained_at, params, item_keys, data)
    values (
      ${name},
      coalesce((select max(version) from recommendation_models where name = ${name}), 0) + 1,
      ${snapshot.kind}, ${trainedAt}, ${db.json(snapshot.params as never)}, ${itemKeys as string[]}, ${data}
    )
    returning version`;
  return row!.version;
}

/** The latest version of a named model, or undefined when none was saved. */
export async function loadLatestModel(db: Db, name: string): Promise<StoredModel | undefined> {
  const [row] = await db<
    { name: string; version: number; trained_at: Date; item_keys: string[]; data: Buffer }[]
  >`
    select name, version, trained_at, item_keys, data from recommendation_models
    where name = ${name} order by version desc limit 1`;
  if (!row) return undefined;
  return {
    name: row.name,
    version: row.version,
    trainedAt: row.trained_at,
    model: restoreModel(unpackSnapshot(row.data)),
    itemKeys: row.item_keys,
  };
}

/** Deletes all but the newest `keep` versions of a model (models are large; history is not needed). */
export async function pruneModelVersions(db: Db, name: string, keep: number): Promise<number> {
  const rows = await db`
    delete from recommendation_models where name = ${name} and version <= (
      select max(version) - ${keep} from recommendation_models where name = ${name})
    returning version`;
  return rows.length;
}
