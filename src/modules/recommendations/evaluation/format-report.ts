/** Prints an evaluation report as a plain-text table, one row per model. */
import type { EvaluationReport, ModelFigures } from './evaluate-recommenders.ts';

/** The report as lines of text. */
export function formatReport(report: EvaluationReport, protocol: string): string {
  const lines = [
    `users ${report.users}, items ${report.items}, interactions ${report.interactions}, test cases ${report.testCases}`,
    protocol,
    "ranking: ALL items, excluding items already in the user's history",
    '',
    ...table(report.test, report.ks, 'test'),
  ];
  if (report.validation.length)
    lines.push('', ...table(report.validation, report.ks, 'validation (tuning split)'));
  const weights = Object.entries(report.weights)
    .map(([k, w]) => `${k} ${w}`)
    .join(', ');
  lines.push(
    '',
    `hybrid weights (tuned on validation targets only): ${weights}; validation NDCG@10 ${report.validationNdcg.toFixed(4)}`,
    `training: validation split ${seconds(report.trainingMs.validationSplit)}, tuning ${seconds(report.trainingMs.tuning)}, ` +
      `test split ${seconds(report.trainingMs.testSplit)}, total ${seconds(report.trainingMs.total)}`,
  );
  return lines.join('\n');
}

function table(rows: readonly ModelFigures[], ks: readonly number[], title: string): string[] {
  const header = [
    'model'.padEnd(18),
    ...ks.map((k) => `HR@${k}`.padStart(8)),
    ...ks.map((k) => `NDCG@${k}`.padStart(9)),
    'train'.padStart(9),
  ];
  return [
    `${title}:`,
    header.join(' '),
    ...rows.map((r) =>
      [
        r.model.padEnd(18),
        ...r.hitRates.map((v) => v.toFixed(4).padStart(8)),
        ...r.ndcgs.map((v) => v.toFixed(4).padStart(9)),
        seconds(r.trainingMs).padStart(9),
      ].join(' '),
    ),
  ];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
