/**
 * An experiment's results per arm, read from behaviour events recorded under the arm's label
 * within the experiment's start..stop window (now while running). Only events flagged for
 * analytics of shoppers whose analytics consent is still on count: measuring an experiment is
 * analytics, and withdrawing consent withdraws past events too.
 */
import type { Db } from '../../../app/database.ts';
import type { RecommendationStrategy } from '../serving/get-placement.ts';
import { armLabel, type Experiment, type ExperimentArm, loadExperiment } from './experiment.ts';
import {
  type Difference,
  newcombeDifference,
  type Proportion,
  wilsonInterval,
} from './experiment-statistics.ts';

/** An add-to-cart counts for a click when it follows within this window. */
export const ADD_TO_CART_WINDOW_HOURS = 24;

/** One arm's counts and rates, each rate with its 95 % Wilson interval. */
export interface ArmResults {
  arm: ExperimentArm;
  strategy: RecommendationStrategy;
  label: string;
  /** Distinct shoppers with an impression or click under the label. */
  exposedShoppers: number;
  impressions: number;
  clicks: number;
  /** Clicks / impressions. */
  clickThrough: Proportion;
  /**
   * Clicked (shopper, product) pairs whose product the shopper added to the cart within 24 h of a
   * click, / clicked pairs (a pair clicked twice counts once).
   */
  addToCart: Proportion;
  /** Exposed shoppers with a purchase after their first exposure, / exposed shoppers. */
  conversion: Proportion;
}

/** Both arms, and b − a for each rate with Newcombe's hybrid score 95 % interval. */
export interface ExperimentResults {
  experiment: Experiment;
  /** The counted window; null before the experiment starts. */
  window: { from: Date; to: Date } | null;
  arms: { a: ArmResults; b: ArmResults };
  differences: {
    clickThrough: Difference | null;
    addToCart: Difference | null;
    conversion: Difference | null;
  };
}

interface ArmCounts {
  label: string;
  exposed: number;
  impressions: number;
  clicks: number;
  clicked_pairs: number;
  carted_pairs: number;
  converted: number;
}

/** The results of experiment `experimentId`; throws `experiment_not_found` (404). */
export async function experimentResults(db: Db, experimentId: string): Promise<ExperimentResults> {
  const experiment = await loadExperiment(db, experimentId);
  const window = experiment.startedAt
    ? { from: experiment.startedAt, to: experiment.stoppedAt ?? new Date() }
    : null;
  const counts = window ? await countArms(db, experiment.id, window) : new Map<string, ArmCounts>();
  const a = armResults(experiment, 'a', counts);
  const b = armResults(experiment, 'b', counts);
  return {
    experiment,
    window,
    arms: { a, b },
    differences: {
      clickThrough: newcombeDifference(a.clickThrough, b.clickThrough),
      addToCart: newcombeDifference(a.addToCart, b.addToCart),
      conversion: newcombeDifference(a.conversion, b.conversion),
    },
  };
}

function armResults(experiment: Experiment, arm: ExperimentArm, counts: Map<string, ArmCounts>): ArmResults {
  const label = armLabel(experiment.id, arm);
  const c = counts.get(label);
  return {
    arm,
    strategy: arm === 'a' ? experiment.strategyA : experiment.strategyB,
    label,
    exposedShoppers: c?.exposed ?? 0,
    impressions: c?.impressions ?? 0,
    clicks: c?.clicks ?? 0,
    clickThrough: wilsonInterval(c?.clicks ?? 0, c?.impressions ?? 0),
    addToCart: wilsonInterval(c?.carted_pairs ?? 0, c?.clicked_pairs ?? 0),
    conversion: wilsonInterval(c?.converted ?? 0, c?.exposed ?? 0),
  };
}

/** Every count of both arms in one statement (labels are unique to the experiment). */
async function countArms(
  db: Db,
  experimentId: string,
  window: { from: Date; to: Date },
): Promise<Map<string, ArmCounts>> {
  const labels = [armLabel(experimentId, 'a'), armLabel(experimentId, 'b')];
  const rows = await db<ArmCounts[]>`
    with counted as (
      select e.shopper_key, e.kind, e.product_id, e.strategy as label, e.occurred_at
        from behaviour_events e
        join shopper_keys k on k.key = e.shopper_key and k.analytics
       where e.kind in ('rec_impression', 'rec_click') and e.for_analytics
         and e.strategy in ${db(labels)}
         and e.occurred_at >= ${window.from} and e.occurred_at <= ${window.to}
    ),
    exposed as (
      select label, shopper_key, min(occurred_at) as first_at from counted group by label, shopper_key
    ),
    converted as (
      select x.label, count(*)::int as n
        from exposed x
       where exists (
         select 1 from behaviour_events p
          where p.shopper_key = x.shopper_key and p.kind = 'purchase' and p.for_analytics
            and p.occurred_at > x.first_at and p.occurred_at <= ${window.to})
       group by x.label
    ),
    carted as (
      select distinct c.label, c.shopper_key, c.product_id
        from counted c
        join behaviour_events t on t.shopper_key = c.shopper_key and t.product_id = c.product_id
       where c.kind = 'rec_click' and t.kind = 'add_to_cart' and t.for_analytics
         and t.occurred_at >= c.occurred_at
         and t.occurred_at <= c.occurred_at + make_interval(hours => ${ADD_TO_CART_WINDOW_HOURS})
         and t.occurred_at <= ${window.to}
    ),
    per_label as (
      select label,
             count(distinct shopper_key)::int as exposed,
             (count(*) filter (where kind = 'rec_impression'))::int as impressions,
             (count(*) filter (where kind = 'rec_click'))::int as clicks,
             (count(distinct (shopper_key, product_id)) filter (where kind = 'rec_click'))::int as clicked_pairs
        from counted group by label
    )
    select l.label, l.exposed, l.impressions, l.clicks, l.clicked_pairs,
           (select count(*)::int from carted c where c.label = l.label) as carted_pairs,
           coalesce(v.n, 0) as converted
      from per_label l left join converted v on v.label = l.label`;
  return new Map(rows.map((r) => [r.label, r]));
}
