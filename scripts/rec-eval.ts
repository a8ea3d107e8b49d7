/**
 * `npm run rec:eval -- --sequences FILE [--items FILE] [--k 5,10,20]` (or `--interactions FILE.csv`
 * with `user_id,item_id,timestamp`): offline leave-one-out evaluation of every recommendation
 * model and the hybrid, with the same code the training job runs. Prints HR@K, NDCG@K and
 * training times. With --interactions, each user's events are ordered by timestamp and the last
 * one by time is the test target (a per-user temporal split), the one before it the validation target.
 */
import { parseArgs } from 'node:util';
import {
  evaluateRecommenders,
  formatReport,
  loadEvaluationInput,
} from '../src/modules/recommendations/index.ts';

const { values } = parseArgs({
  options: {
    sequences: { type: 'string' },
    interactions: { type: 'string' },
    items: { type: 'string' },
    k: { type: 'string', default: '5,10,20' },
    'tuning-users': { type: 'string', default: '6000' },
    validation: { type: 'boolean', default: false },
  },
});

const ks = values.k.split(',').map(Number);
if (ks.some((k) => !Number.isInteger(k) || k < 1))
  throw new Error('--k takes positive integers, e.g. 5,10,20');
const started = performance.now();
const { input } = loadEvaluationInput(values);
console.log(`read ${input.items.length} interactions in ${Math.round(performance.now() - started)} ms`);
const report = evaluateRecommenders(input, {
  ks,
  tuningUsers: Number(values['tuning-users']),
  validationFigures: values.validation,
  log: (line) => console.log(line),
});
const protocol = values.sequences
  ? 'protocol: leave-one-out per user (last item = test, second-last = validation, file order is time order)'
  : 'protocol: per-user temporal leave-one-out (last event by timestamp = test, the one before = validation)';
console.log(`\n${formatReport(report, protocol)}`);
const cpu = process.cpuUsage();
console.log(
  `process CPU time ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, wall ${((performance.now() - started) / 1000).toFixed(1)} s ` +
    '(wall times above include waiting for the CPU when the machine is busy)',
);
