// npm run docs: rewrites docs/config.md from the schema, and the model-computed tables of
// docs/silicon.md (validation/siliconTables.ts) between their markers, and the known dies' area
// errors that the die-area ranges read (model/silicon/knownDieErrors.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { configReferenceMarkdown } from '../model/configReference';
import { KNOWN_DIE_ERRORS_FILE, knownDieErrorsModule, knownDieRows, siliconTables, withTables } from '../validation/siliconTables';

writeFileSync('docs/config.md', configReferenceMarkdown());
console.log('wrote docs/config.md');
void siliconTables().then((tables) => {
  writeFileSync('docs/silicon.md', withTables(readFileSync('docs/silicon.md', 'utf8'), tables));
  console.log('wrote the tables of docs/silicon.md');
});
void knownDieRows().then((rows) => {
  writeFileSync(KNOWN_DIE_ERRORS_FILE, knownDieErrorsModule(rows));
  console.log(`wrote ${KNOWN_DIE_ERRORS_FILE}`);
});
