import 'reflect-metadata';
import { autosaveBench } from './autosave.js';
import { checklistBench } from './checklist.js';
import { reportsBench } from './reports.js';
import { scaleBench } from './scale.js';
import { scoresBench } from './scores.js';
import { surveysBench } from './surveys.js';

/** `npm run bench [name…]`: runs the named benchmarks (all by default) and prints ratios. */
const benches: Record<string, () => Promise<unknown>> = {
  autosave: () => autosaveBench(),
  checklist: () => checklistBench(),
  reports: () => reportsBench(),
  scale: () => scaleBench(),
  scores: () => scoresBench(),
  surveys: () => surveysBench(),
};
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(benches);
for (const name of chosen) {
  if (!benches[name]) {
    console.error(`Unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  await benches[name]();
}
process.exit(0);
