// npm run docs: rewrites docs/config.md from the schema.
import { writeFileSync } from 'node:fs';
import { configReferenceMarkdown } from '../model/configReference';

writeFileSync('docs/config.md', configReferenceMarkdown());
console.log('wrote docs/config.md');
