import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowBundlerOptions } from '@sanshe/testing';
import { WORKFLOWS_PATH } from '../../src';

/** The packages a bundle's modules come from, by the paths webpack names them with. */
const packagesIn = (code: string) =>
  new Set([...code.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((match) => match[1]));

/**
 * What governance's worker loads into Temporal's sandbox. Workflow code imports contract values from
 * @sanshe/contracts/pure, so the bundle must build with the path aliases and hold no validator or
 * CloudEvents SDK (which the main @sanshe/contracts entry would bring in), nor the schemas.
 */
describe('the workflow bundle', () => {
  let code: string;

  beforeAll(async () => {
    ({ code } = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      ...workflowBundlerOptions(),
      logger: new DefaultLogger('WARN'),
    }));
  }, 120_000);

  it('takes the pure contracts and leaves out ajv, cloudevents and the schemas', () => {
    expect(code).toContain('libs/contracts/src/pure.ts');
    expect(code).not.toContain('libs/contracts/src/events/validation.ts');
    // The sandbox evaluates the bundle's modules for every workflow run: the event catalog's schemas
    // would cost each decision time and memory for nothing it uses.
    expect(code).not.toContain('libs/contracts/src/catalog/');
    const packages = packagesIn(code);
    expect(packages).toContain('@temporalio/workflow');
    for (const impure of ['ajv', 'ajv-formats', 'cloudevents', '@sinclair/typebox'])
      expect(packages).not.toContain(impure);
  });
});
