// npm run docs: rewrites docs/config.md from the schema, and the model-computed tables of
// docs/silicon.md (validation/siliconTables.ts) between their markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { configReferenceMarkdown } from '../model/configReference';
import { siliconTables, withTables } from '../validation/siliconTables';

writeFileSync('docs/config.md', configReferenceMarkdown());
console.log('wrote docs/config.md');
void siliconTables().then((tables) => {
  writeFileSync('docs/silicon.md', withTables(readFileSync('docs/silicon.md', 'utf8'), tables));
  console.log('wrote the tables of docs/silicon.md');
});
