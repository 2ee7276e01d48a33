/**
 * Writes the AsyncAPI document built from the event catalog to libs/contracts/asyncapi/asyncapi.yaml.
 * Run `npm run contracts:asyncapi` after changing the catalog, and commit the YAML; the contracts
 * tests fail while it is out of date.
 */
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Document } from 'yaml';
import { buildAsyncApi } from '../src/asyncapi/build-asyncapi';

export const ASYNCAPI_YAML_PATH = resolve(__dirname, '../asyncapi/asyncapi.yaml');

export function renderAsyncApiYaml(): string {
  const document = new Document(buildAsyncApi(), { aliasDuplicateObjects: false, version: '1.1' });
  document.commentBefore =
    ' Generated from libs/contracts/src/catalog by `npm run contracts:asyncapi`. Do not edit by hand.';
  // YAML 1.1 quotes what older parsers would read as timestamps or booleans (e.g. example times).
  return document.toString({ lineWidth: 0 });
}

if (require.main === module) {
  writeFileSync(ASYNCAPI_YAML_PATH, renderAsyncApiYaml());
  console.log(`wrote ${relative(process.cwd(), ASYNCAPI_YAML_PATH)}`);
}
