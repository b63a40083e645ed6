// Importing this module installs the schema's descriptions (docs.json, ~470 KB). Node and the tests
// import it for its effect; the browser build can import it lazily, when explain or hover first needs it.

import docs from './docs.json';
import { setSchemaDocs, type SchemaDocs } from './index.ts';

setSchemaDocs(docs as SchemaDocs);

export { docs };
